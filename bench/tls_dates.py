"""Key dates against editors' timelines: Date-F1 on Timeline17's war topics.

Timeline17 (Tran et al., 2013) gives, for four wars (Egypt, Libya, Syria, Iraq), the articles and
the timelines that newsrooms' editors wrote of them: the days they chose, with a line or two for
each. Nobody on the team annotated them, and no extraction rule was written from them, so they
measure the whole chain — dates resolved, events found and merged, importance — on text the
extractor was not tuned on.

The task, as the literature sets it (Martschat & Markert 2018; Gholipour Ghalandari & Ifrim
2020): for each reference timeline, take the articles published within its first and last day,
pick as many days as the reference has (l), and count the exact-day matches. Precision and
recall are averaged over a topic's timelines, then combined into F1.

Every topic is ingested with `timeline ingest` into a collection of its own in one fresh SQLite
database (so merging never crosses wars), and the days are picked from the database in three
ways, measured in the same run:

* `published` (the baseline the literature starts from): the days on which most articles were
  published;
* `importance`: the days of the most important events, in the order `sort=importance` lists them
  (the explorer's key events): a day ranks by its best event's importance, then by how many
  articles report that day's events;
* `reports`: the days whose events the most articles report (mentions from articles published
  within the span).

Only events dated to one day count (a month or a year is no pick of a day). `ceiling` is the share
of reference days on which at least one such event is dated: what no ranking can exceed. Egypt's
one timeline lists every day of its span (25 January to 13 February 2011), so any ranking scores
1.0 on it; the means are also given without such topics, and the ratios against the baseline use
those.

The scores are not comparable with published ones: the corpus keeps at most 300 articles per topic
(see the corpus's README), and published systems rank sentences, not stored events.

    BENCH_ONLY=tls .venv/bin/python -m bench        # or: .venv/bin/python -m bench.tls_dates
    BENCH_TLS_DB=path.db   keep the database (and reuse it when it already holds the events)
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
import sqlite3
import tempfile
from pathlib import Path

from app.config import PROJECT_ROOT

CORPUS_DIR = PROJECT_ROOT.parent / "shared" / "corpora" / "tls" / "t17_conflict"
RANKINGS = ("published", "importance", "reports")


def _ingest(rows: list[dict], db: Path, folder: str) -> None:
    from app.cli import main as timeline

    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["TIMELINE_DATA_DIR"] = folder
    timeline(["migrate"])
    for topic in sorted({row["topic"] for row in rows}):
        timeline(["collections", "create", topic, "--name", f"Timeline17: {topic}"])
    feed = Path(folder) / "tls.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"text": row["text"], "published": row["published"], "title": row.get("title"),
                                  "publisher": row.get("source_folder"), "collection": row["topic"]}) + "\n")
    timeline(["ingest", str(feed)])


def _day_facts(db: sqlite3.Connection, topic: str) -> tuple[list, list]:
    """(published days of the topic's articles, one row per report of a one-day event:
    (day, event id, importance, reporting article, its publication day))."""
    published = [dt.date.fromisoformat(day) for (day,) in db.execute(
        "SELECT a.published FROM article a JOIN collection c ON c.id = a.collection_id "
        "WHERE c.slug = ? AND a.deleted_at IS NULL AND a.replaced_by IS NULL", (topic,))]
    reports = [(dt.date.fromisoformat(day), event_id, importance, article_id, dt.date.fromisoformat(pub))
               for day, event_id, importance, article_id, pub in db.execute(
                   "SELECT e.date_start, e.id, e.importance, m.article_id, a.published FROM event e "
                   "JOIN collection c ON c.id = e.collection_id JOIN mention m ON m.event_id = e.id "
                   "JOIN article a ON a.id = m.article_id "
                   "WHERE c.slug = ? AND e.status = 'active' AND e.precision = 'day' AND e.date_start = e.date_end",
                   (topic,))]
    return published, reports


def pick_days(ranking: str, published: list[dt.date], reports: list[tuple], first: dt.date, last: dt.date,
              count: int) -> list[dt.date]:
    """The `count` days a ranking picks within [first, last], from articles published in it."""
    in_span = [r for r in reports if first <= r[0] <= last and first <= r[4] <= last]
    if ranking == "published":
        score = collections.Counter(day for day in published if first <= day <= last)
        order = sorted(score, key=lambda day: (-score[day], day))
    else:
        articles: dict[dt.date, set] = collections.defaultdict(set)
        best: dict[dt.date, int] = collections.defaultdict(int)
        for day, _event, importance, article, _pub in in_span:
            articles[day].add(article)
            best[day] = max(best[day], importance)
        if ranking == "importance":
            order = sorted(articles, key=lambda day: (-best[day], -len(articles[day]), day))
        else:
            order = sorted(articles, key=lambda day: (-len(articles[day]), -best[day], day))
    return order[:count]


def score(rows: list[dict], timelines: dict, db_path: Path) -> dict[str, float]:
    db = sqlite3.connect(db_path)
    figures: dict[str, float] = {}
    macro: dict[str, list[float]] = collections.defaultdict(list)
    telling: dict[str, list[float]] = collections.defaultdict(list)  # topics where a choice is made
    for topic, entry in sorted(timelines.items()):
        published, reports = _day_facts(db, topic)
        one_day = {r[0] for r in reports}
        sums = {name: [0.0, 0.0] for name in RANKINGS}
        ceiling = []
        every_day = True  # the reference holds every day of its span: any ranking gets them all
        for name, timeline in sorted(entry["timelines"].items()):
            reference = {dt.date.fromisoformat(day) for day in timeline["dates"]}
            first, last = min(reference), max(reference)
            every_day = every_day and len(reference) == (last - first).days + 1
            line = [f"  {topic:6} {name:28} l={len(reference):3}"]
            for ranking in RANKINGS:
                picked = set(pick_days(ranking, published, reports, first, last, len(reference)))
                hits = len(picked & reference)
                precision = hits / len(picked) if picked else 0.0
                recall = hits / len(reference)
                sums[ranking][0] += precision
                sums[ranking][1] += recall
                line.append(f"{ranking} {hits:3}")
            covered = len(reference & one_day) / len(reference)
            ceiling.append(covered)
            line.append(f"ceiling {covered:.2f}")
            print("  ".join(line))
        n = len(entry["timelines"])
        for ranking in RANKINGS:
            precision, recall = sums[ranking][0] / n, sums[ranking][1] / n
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            figures[f"tls_{topic}_{ranking}_date_f1"] = round(f1, 3)
            macro[ranking].append(f1)
            if not every_day:
                telling[ranking].append(f1)
        if every_day:
            print(f"  {topic}: its reference lists every day of its span, so any ranking scores 1.0 on it")
        figures[f"tls_{topic}_ceiling_recall"] = round(sum(ceiling) / n, 3)
        macro["ceiling"].append(sum(ceiling) / n)
    for name, values in macro.items():
        key = f"tls_mean_{name}_recall" if name == "ceiling" else f"tls_mean_{name}_date_f1"
        figures[key] = round(sum(values) / len(values), 3)
    for name, values in telling.items():
        figures[f"tls_mean_without_every_day_topics_{name}_date_f1"] = round(sum(values) / len(values), 3)
    for name in ("importance", "reports"):
        key = f"tls_mean_without_every_day_topics_{name}_date_f1"
        if key in figures:
            figures[f"tls_{name}_vs_published"] = round(
                figures[key] / max(figures["tls_mean_without_every_day_topics_published_date_f1"], 1e-9), 3)
    figures["tls_articles"] = len(rows)
    return figures


def run(corpus_dir: Path | None = None) -> dict[str, float]:
    corpus_dir = corpus_dir or Path(os.environ.get("BENCH_TLS_DIR", CORPUS_DIR))
    articles, timelines_path = corpus_dir / "articles.jsonl", corpus_dir / "timelines.json"
    if not articles.exists() or not timelines_path.exists():
        print(f"Timeline17 data not found in {corpus_dir}: set BENCH_TLS_DIR")
        return {}
    rows = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    timelines = json.loads(timelines_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        db = Path(os.environ.get("BENCH_TLS_DB") or Path(folder) / "tls.db")
        if not _holds_events(db):
            db.unlink(missing_ok=True)
            _ingest(rows, db, folder)
        return score(rows, timelines, db)


def _holds_events(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        return sqlite3.connect(db).execute("SELECT COUNT(*) FROM event").fetchone()[0] > 0
    except sqlite3.Error:
        return False


if __name__ == "__main__":
    for key, value in run().items():
        print(f"  {key:40} {value}")
