"""The `timeline` command as a user runs it: exit codes, messages, and a database left intact."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT


def run_timeline(*args: str, data_dir: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["TIMELINE_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
    )


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("article", "event", "mention")}


@pytest.fixture
def data_dir(tmp_path) -> Path:
    result = run_timeline("migrate", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\u00e9 bombed on Tuesday".encode("latin-1"), "UTF-8"),
        ("undated.txt", b"Troops crossed the border on Tuesday.", "publication date"),
        ("notes.pdf", b"%PDF-1.4", ".txt, .md, .html"),
        # A stray zero byte past the part sniffed for binary files: named, with where it is.
        ("stray.txt", b"Troops crossed the border. " * 400 + b"\x00 More.", "NUL character (a zero byte) at byte 10,800"),
        ("records.jsonl", json.dumps({"text": "Troops crossed the border on Tuesday.", "published": "2024-03-05",
                                      "title": 5}).encode(), '"title" must be text, not int'),
        ("records.jsonl", json.dumps({"text": "Troops crossed the border on Tuesday.", "published": "2024-03-05",
                                      "publisher": "Wire\u0000Service"}).encode(), "the publisher holds a NUL character"),
        ("records.jsonl", json.dumps({"text": "Troops crossed the border. " * 400 + "\u0000",
                                      "published": "2024-03-05"}).encode(), "NUL character (a zero byte) at byte"),
    ],
)
def test_bad_input_exits_2_with_reason_and_changes_nothing(data_dir, name, content, reason):
    path = data_dir / name
    path.write_bytes(content)
    before = table_counts(data_dir / "timeline.db")
    result = run_timeline("ingest", str(path), data_dir=data_dir)
    assert result.returncode == 2
    assert reason in result.stderr.decode()
    assert table_counts(data_dir / "timeline.db") == before


def test_missing_file_exits_2(data_dir):
    result = run_timeline("ingest", str(data_dir / "nowhere.txt"), data_dir=data_dir)
    assert result.returncode == 2
    assert "does not exist" in result.stderr.decode()


def test_bad_date_argument_exits_2(data_dir):
    (data_dir / "a.txt").write_text("Troops crossed the border on Tuesday.")
    result = run_timeline("ingest", str(data_dir / "a.txt"), "--published", "19/09/2023", data_dir=data_dir)
    assert result.returncode == 2
    assert "not a date" in result.stderr.decode()


def test_unknown_command_exits_2(data_dir):
    result = run_timeline("frobnicate", data_dir=data_dir)
    assert result.returncode == 2


def test_timex_prints_expressions_with_offsets(data_dir):
    text = "Azerbaijan took the offensive Tuesday. Last year, a blockade began."
    result = run_timeline("timex", "--dct", "2023-09-19", data_dir=data_dir, stdin=text.encode())
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    by_text = {item["text"]: item for item in found}
    assert by_text["Tuesday"]["value"] == "2023-09-19"
    assert by_text["Last year"]["value"] == "2022"
    for item in found:
        assert text[item["start"]:item["end"]] == item["text"]
        assert set(item) >= {"start", "end", "text", "type", "value"}


def test_admin_create_stores_an_argon2_hash(data_dir):
    result = run_timeline("admin", "create", "editor", "--password-stdin", data_dir=data_dir,
                          stdin=b"correct horse battery staple\n")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(data_dir / "timeline.db") as connection:
        (stored,) = connection.execute("SELECT password_hash FROM admin_user WHERE username='editor'").fetchone()
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored


def test_admin_create_refuses_a_short_password(data_dir):
    result = run_timeline("admin", "create", "editor", "--password-stdin", data_dir=data_dir, stdin=b"short\n")
    assert result.returncode == 2
    assert "at least" in result.stderr.decode()


@pytest.mark.nlp
def test_ingesting_seeds_twice_adds_nothing_the_second_time(data_dir):
    first = run_timeline("ingest", str(PROJECT_ROOT / "seeds"), data_dir=data_dir)
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 skipped, 0 refused" in first.stdout.decode()
    counts = table_counts(data_dir / "timeline.db")
    assert counts["article"] == 3 and counts["event"] > 10
    second = run_timeline("ingest", str(PROJECT_ROOT / "seeds"), data_dir=data_dir)
    assert second.returncode == 0
    assert "0 added, 3 skipped, 0 refused" in second.stdout.decode()
    assert table_counts(data_dir / "timeline.db") == counts


@pytest.mark.nlp
def test_export_json_lists_events_in_date_order(data_dir):
    run_timeline("ingest", str(PROJECT_ROOT / "seeds"), data_dir=data_dir)
    result = run_timeline("export", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    assert events and [e["date_start"] for e in events] == sorted(e["date_start"] for e in events)
