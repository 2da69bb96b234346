"""Several writers at once: two real `timeline ingest` processes on one database, given
overlapping sets of short articles about the same happenings (so they insert the same actors,
aliases and places, and join the same events at the same moment), again and again.

Every run must end with both processes done (no crash, nothing refused), every article stored
once, every mention present, and `timeline check` finding every kept number equal to a recount
(sources counts, per-day and per-actor counts, actor timelines, the search index).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.config import PROJECT_ROOT
from app.db import dispose_all, session_scope
from app.migrate import upgrade
from app.models import Article, Event, Mention

pytestmark = pytest.mark.nlp

REPETITIONS = 10
DAY = "2023-09-20"
# Short reports of a few happenings, in different words: most join events another report founded.
REPORTS = [
    "Azerbaijan launched a military offensive in Nagorno-Karabakh on Tuesday, shelling Stepanakert.",
    "Azerbaijani forces shelled Stepanakert on Tuesday as Baku began an offensive in Karabakh.",
    "Armenia accused Azerbaijan of ethnic cleansing in Nagorno-Karabakh on Tuesday.",
    "Armenian Prime Minister Nikol Pashinyan accused Baku of ethnic cleansing on Tuesday.",
    "The European Union condemned the military escalation by Azerbaijan on Tuesday.",
    "EU foreign policy chief Josep Borrell condemned Azerbaijan's military escalation on Tuesday.",
    "Russian peacekeepers evacuated civilians from Stepanakert on Wednesday.",
    "Russia said its peacekeepers evacuated thousands of civilians from Karabakh on Wednesday.",
    "Karabakh authorities agreed to a ceasefire with Azerbaijan on Wednesday.",
    "Separatist leaders in Nagorno-Karabakh accepted a ceasefire proposed by Russia on Wednesday.",
    "Azerbaijan and ethnic Armenian representatives held talks in Yevlakh on Thursday.",
    "Talks between Baku and Karabakh Armenians took place in the town of Yevlakh on Thursday.",
]
FIRST, SECOND = REPORTS[:8], REPORTS[4:]  # four reports in both sets


def write_jsonl(path: Path, reports: list[str], publisher: str) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for text in reports:
            handle.write(json.dumps({"text": text, "published": DAY, "publisher": publisher,
                                     "title": f"Report {REPORTS.index(text)}"}) + "\n")
    return path


def timeline(database_url: str, data_dir: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=database_url, TIMELINE_DATA_DIR=str(data_dir))
    return subprocess.Popen([sys.executable, "-m", "app.cli", *args], env=env, cwd=PROJECT_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout, stderr


def mentions_of_each_report(tmp_path: Path) -> int:
    """How many mentions the reports give when ingested one process at a time (the reference)."""
    url = f"sqlite:///{tmp_path / 'reference.db'}"
    upgrade(url)
    code, _, stderr = finished(timeline(url, tmp_path, "ingest", str(write_jsonl(tmp_path / "all.jsonl", REPORTS, "Wire"))))
    assert code == 0, stderr
    with session_scope(url) as session:
        return session.execute(select(func.count()).select_from(Mention)).scalar_one()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """`database()`: the URL of a new, migrated database of the parametrised kind."""
    def make() -> str:
        if request.param == "sqlite":
            make.count += 1
            url = f"sqlite:///{tmp_path / f'concurrent-{make.count}.db'}"
        else:
            url = request.getfixturevalue("throwaway_postgres")("timeline_concurrent")
        upgrade(url)
        dispose_all()
        return url

    make.count = 0
    return make


def test_two_ingest_processes_on_one_database_lose_nothing(database, tmp_path, monkeypatch, capsys):
    expected_mentions = mentions_of_each_report(tmp_path)
    assert expected_mentions >= len(REPORTS)
    first = write_jsonl(tmp_path / "first.jsonl", FIRST, "Wire")
    second = write_jsonl(tmp_path / "second.jsonl", SECOND, "Wire")
    for repetition in range(REPETITIONS):
        url = database()
        runs = [timeline(url, tmp_path, "ingest", str(first)), timeline(url, tmp_path, "ingest", str(second))]
        results = [finished(run) for run in runs]
        for code, stdout, stderr in results:
            assert code == 0 and "Traceback" not in stderr, (repetition, stdout, stderr)
        lines = [line for _, stdout, _ in results for line in stdout.splitlines()]
        added = sum(line.startswith("added ") for line in lines)
        skipped = sum(line.startswith("skipped ") for line in lines)
        assert (added, skipped) == (len(REPORTS), len(FIRST) + len(SECOND) - len(REPORTS)), results

        monkeypatch.setenv("DATABASE_URL", url)  # `timeline check`, run in this process
        assert main(["check"]) == 0, (repetition, capsys.readouterr().out)
        assert "aggregates agree" in capsys.readouterr().out
        with session_scope(url) as session:
            assert session.execute(select(func.count()).select_from(Article)).scalar_one() == len(REPORTS)
            assert session.execute(select(func.count()).select_from(Mention)).scalar_one() == expected_mentions
            # Reports joined events founded by others: the joins this test races happened.
            assert session.execute(select(func.max(Event.sources_count))).scalar_one() >= 2
        dispose_all()
