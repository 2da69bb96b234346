"""A whole corpus in one database: do reports of different wars ever become one event, does any
event grow without bound, is each person one actor, and is ingestion still fast?

The Timeline17 war coverage (Egypt, Libya, Syria, Iraq: 1,171 articles, `BENCH_CORPUS_LIMIT` to
take fewer, spread over the four; `BENCH_CORPUS_DB` to keep the database; `BENCH_CORPUS_SHOW_MIXED=1` to
print every event that mixes wars with its minority reports) is ingested into one fresh SQLite database with `timeline ingest`,
each article's war kept on the side (from the corpus, not stored). Then, from the database:

* multi-article events, and how many hold reports of two or more wars (issue goal: <= 3 %);
* the largest number of reports (distinct articles) one event holds (goal: <= 100);
* people split into several actors: actor names that fold to the same letters after spelling
  variation and titles are removed (a check independent of how the pipeline keys actors);
* news organisations and journalists among the 200 most frequent actors (goal: none);
* ingestion in documents per second against spaCy's `nlp.pipe` alone over the same texts, same run
  (goal: ratio >= 0.75).
"""

from __future__ import annotations

import collections
import json
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
from pathlib import Path

from app.config import PROJECT_ROOT

DEFAULT_CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "tls" / "t17_conflict" / "articles.jsonl"
# Names of news organisations and of the words that make a name a journalist's.
MEDIA_RE = re.compile(r"\b(?:reuters|associated press|agence france|afp|bbc|cnn|al[- ]jazeera|guardian|"
                      r"new york times|washington post|sky news|france 24|npr|xinhua|anadolu|ap)\b", re.IGNORECASE)
TITLES_RE = re.compile(r"\b(?:col|colonel|president|mr|mrs|ms|dr|gen|general|king|prince|sheikh|leader|"
                       r"prime minister|minister)\.?\s+", re.IGNORECASE)


def corpus_rows(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        by_topic: dict[str, list[dict]] = collections.defaultdict(list)
        for row in rows:
            by_topic[row["topic"]].append(row)
        per = max(1, limit // len(by_topic))
        rows = [row for topic in sorted(by_topic) for row in by_topic[topic][:per]]
    return rows


def fold(name: str) -> str:
    """A spelling-blind form of a person's name, for the check only: titles, "al-"/"el-", doubled
    letters, vowels after the first letter and the Q/K/G/GH/KH/DH variants of transliteration
    folded away. Two actors with the same fold are very likely one person."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = TITLES_RE.sub("", s)
    s = re.sub(r"\b(?:al|el|ul|ad|as|ash|an)[- ]", "", s)
    s = re.sub(r"[^a-z ]", "", s)
    s = s.replace("kh", "k").replace("gh", "g").replace("dh", "d").replace("q", "k").replace("ph", "f")
    s = re.sub(r"(.)\1+", r"\1", s)
    words = [w[0] + re.sub(r"[aeiouy]", "", w[1:]) for w in s.split() if w]
    return " ".join(words)


def run(path: Path | None = None, limit: int | None = None) -> dict[str, float]:
    from app.cli import main as timeline
    from app.config import Settings
    from app.ingest.nlp import load_nlp

    path = path or Path(os.environ.get("BENCH_CORPUS", DEFAULT_CORPUS))
    if not path.exists():
        print(f"corpus not found at {path}: set BENCH_CORPUS")
        return {}
    rows = corpus_rows(path, limit)
    war_of_text = {row["text"]: row["topic"] for row in rows}
    settings = Settings.from_env()
    nlp = load_nlp(settings.spacy_model)
    texts = [row["text"] for row in rows]
    list(nlp.pipe(texts[:5]))
    start = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    spacy_seconds = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "corpus.jsonl"
        with feed.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({"text": row["text"], "published": row["published"],
                                      "title": row.get("title"), "publisher": row.get("source_folder")}) + "\n")
        # BENCH_CORPUS_DB keeps the database for a look at the events the figures count.
        db = Path(os.environ.get("BENCH_CORPUS_DB") or Path(folder) / "corpus.db")
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        os.environ["TIMELINE_DATA_DIR"] = folder
        timeline(["migrate"])
        start = time.perf_counter()
        timeline(["ingest", str(feed)])
        ingest_seconds = time.perf_counter() - start
        figures = _figures(sqlite3.connect(db), war_of_text)
    figures.update({
        "corpus_articles": len(rows),
        "corpus_spacy_docs_per_s": round(len(rows) / spacy_seconds, 2),
        "corpus_ingest_docs_per_s": round(len(rows) / ingest_seconds, 2),
        "corpus_ingest_vs_spacy_ratio": round(spacy_seconds / ingest_seconds, 3),
    })
    return figures


def _figures(db: sqlite3.Connection, war_of_text: dict[str, str]) -> dict[str, float]:
    war_of_article = {article_id: war_of_text.get(text, "?")
                      for article_id, text in db.execute("SELECT id, text FROM article")}
    reports: dict[str, set[str]] = collections.defaultdict(set)
    for event_id, article_id in db.execute(
            "SELECT m.event_id, m.article_id FROM mention m JOIN event e ON e.id = m.event_id WHERE e.status = 'active'"):
        reports[event_id].add(article_id)
    multi = {e: a for e, a in reports.items() if len(a) >= 2}
    mixed = [e for e, a in multi.items() if len({war_of_article[x] for x in a}) >= 2]
    largest = max((len(a) for a in reports.values()), default=0)

    counts = collections.Counter()
    names: dict[str, tuple[str, str]] = {}
    for actor_id, name, kind, n in db.execute(
            "SELECT a.id, a.name, a.kind, COUNT(DISTINCT ea.event_id) FROM actor a "
            "JOIN event_actor ea ON ea.actor_id = a.id JOIN event e ON e.id = ea.event_id AND e.status = 'active' "
            "GROUP BY a.id"):
        counts[actor_id] = n
        names[actor_id] = (name, kind)
    top = [a for a, _ in counts.most_common(200)]
    media_in_top = [names[a][0] for a in top if names[a][1] == "media" or MEDIA_RE.search(names[a][0])]
    people = [a for a in counts if names[a][1] == "person" and counts[a] >= 3]
    by_fold: dict[str, list[str]] = collections.defaultdict(list)
    for a in people:
        by_fold[fold(names[a][0])].append(a)
    # A bare surname beside exactly one full name ending in it: the same person, split.
    full_by_last: dict[str, list[str]] = collections.defaultdict(list)
    for f, ids in by_fold.items():
        if " " in f:
            full_by_last[f.split()[-1]].extend(ids)
    for f in [f for f in by_fold if f and " " not in f]:
        if len(full_by_last.get(f, [])) == 1:
            by_fold[f] = by_fold[f] + full_by_last[f]
    split = {f: ids for f, ids in by_fold.items() if f and len(set(ids)) >= 2}
    print(f"  events {len(reports)}, multi-article {len(multi)}, of which mixing wars {len(mixed)}")
    for event_id in sorted(mixed, key=lambda e: -len(multi[e]))[:5]:
        title = db.execute("SELECT title FROM event WHERE id = ?", (event_id,)).fetchone()[0]
        wars = collections.Counter(war_of_article[x] for x in multi[event_id])
        print(f"    mixed: {title[:70]!r} {dict(wars)}")
    if os.environ.get("BENCH_CORPUS_SHOW_MIXED"):
        # Every flagged event with the reports from its minority wars, to read them one by one.
        for event_id in sorted(mixed):
            wars = collections.Counter(war_of_article[x] for x in multi[event_id])
            main = wars.most_common(1)[0][0]
            title = db.execute("SELECT title FROM event WHERE id = ?", (event_id,)).fetchone()[0]
            print(f"  flagged {event_id} {dict(wars)} {title[:80]!r}")
            for article_id, sentence in db.execute(
                    "SELECT article_id, sentence FROM mention WHERE event_id = ? ORDER BY id", (event_id,)):
                if war_of_article[article_id] != main:
                    print(f"      {war_of_article[article_id]}: {sentence[:160]!r}")
    print(f"  largest event: {largest} reports")
    print(f"  news organisations or journalists among the top 200 actors: {media_in_top[:10]}")
    for f, ids in sorted(split.items(), key=lambda kv: -sum(counts[i] for i in kv[1]))[:10]:
        print(f"    one person, several actors? {[(names[i][0], counts[i]) for i in ids]}")
    return {
        "corpus_events": len(reports),
        "corpus_multi_article_events": len(multi),
        "corpus_mixed_war_events": len(mixed),
        "corpus_mixed_war_share": round(len(mixed) / max(len(multi), 1), 4),
        "corpus_largest_event_reports": largest,
        "corpus_media_in_top_200_actors": len(media_in_top),
        "corpus_people_split_groups": len(split),
    }


if __name__ == "__main__":
    limit = int(os.environ["BENCH_CORPUS_LIMIT"]) if os.environ.get("BENCH_CORPUS_LIMIT") else None
    for name, value in run(limit=limit).items():
        print(f"  {name:36} {value}")
