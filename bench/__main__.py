"""`make bench`: run every benchmark, print the figures, write bench/results/latest.json.

Sizes and inputs come from environment variables:
  TEMPEVAL3_DIR      the TempEval-3 corpus (default ../shared/corpora/tempeval3 from the checkout)
  BENCH_INGEST_DOCS  how many TempEval-3 documents the ingestion benchmark uses (default: all)
  BENCH_REPEATS      repetitions, the best of which is kept (default 1)
  BENCH_EVENTS, BENCH_ARTICLES   size of the synthetic corpus for the read side (default 1M / 100k)
  BENCH_POSTGRES_URL       the read side at scale on this PostgreSQL database instead (see below)
  BENCH_LOAD_EVENTS, BENCH_LOAD_SECONDS   the load test's corpus size and duration
  BENCH_LOAD_POSTGRES_URL  also: the load test on this PostgreSQL database (emptied; see below)
  BENCH_INGEST_POSTGRES_URL  also: ingestion against spaCy alone on this PostgreSQL database (emptied)
  (a PostgreSQL database is emptied only when it is empty already or a benchmark made it:
  one holding other tables is refused, nothing dropped; bench/scratch.py)
  BENCH_CORPUS, BENCH_CORPUS_LIMIT   the Timeline17 war coverage for the whole-corpus benchmark
                     (default ../shared/corpora/tls/t17_conflict/articles.jsonl, all 1,171 articles)
  BENCH_CORPUS_DB    keep the whole-corpus benchmark's database at this path
  BENCH_CORPUS_SHOW_MIXED=1   print every event that mixes wars, with its minority reports
  BENCH_TLS_DIR, BENCH_TLS_DB   Timeline17's articles and editors' timelines for Date-F1 (default
                     ../shared/corpora/tls/t17_conflict); keep (and reuse) that benchmark's database
  BENCH_READERS_EVENTS, BENCH_READERS_ARTICLES, BENCH_READERS_ROUNDS   readers during an ingest
  BENCH_READERS_NICENESS, BENCH_READERS_BASELINE=0   another niceness on trial; no normal-priority phase
  BENCH_SKIP_SCALE=1, BENCH_SKIP_LOAD=1, BENCH_SKIP_READERS=1   leave those parts out
  BENCH_ONLY         comma-separated parts to run, of: tempeval, ingest, corpus, tls, scale, load,
                     readers

Every part run on PostgreSQL also records the server's version, shared_buffers, effective_cache_size,
work_mem, random_page_cost and jit (`scale_pg_*`, `pg_load_server_*`, `pg_ingest_server_*`).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

from app.config import PROJECT_ROOT, Settings

RESULTS = PROJECT_ROOT / "bench" / "results" / "latest.json"


def corpus_dir() -> Path:
    return Path(os.environ.get("TEMPEVAL3_DIR", PROJECT_ROOT.parent / "shared" / "corpora" / "tempeval3"))


def machine() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": str(os.cpu_count()),
    }


def print_server(url: str, prefix: str, figures: dict) -> None:
    """Print and keep the PostgreSQL server's settings that move the figures (bench/scale.py's
    server_settings), so that every PostgreSQL figure says what server it ran on."""
    from bench.scale import server_figures

    for name, value in server_figures(url, prefix).items():
        print(f"  {name:32} {value}")
        figures[name] = value


def wanted(part: str) -> bool:
    only = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]
    return not only or part in only


def main() -> int:
    figures: dict[str, float] = {}
    parameters: dict[str, object] = {}
    corpus = corpus_dir()
    if not corpus.exists():
        print(f"TempEval-3 corpus not found at {corpus}: set TEMPEVAL3_DIR to run the corpus benchmarks.")
    if corpus.exists() and wanted("tempeval"):
        from bench import tempeval

        print("== temporal tagger on TempEval-3 ==")
        figures.update(tempeval.run(corpus))
    if corpus.exists() and wanted("ingest"):
        from bench import ingest_speed

        limit = int(os.environ["BENCH_INGEST_DOCS"]) if os.environ.get("BENCH_INGEST_DOCS") else None
        repeats = int(os.environ.get("BENCH_REPEATS", "1"))
        parameters.update(ingest_documents_limit=limit, repeats=repeats, corpus=str(corpus.name))
        print("== ingestion end to end vs spaCy nlp.pipe alone ==")
        ingest = ingest_speed.run(corpus, Settings.from_env().spacy_model, limit, repeats)
        for name, value in ingest.items():
            print(f"  {name:32} {value}")
        figures.update(ingest)
        if os.environ.get("BENCH_INGEST_POSTGRES_URL"):
            print("== the same on PostgreSQL ==")
            ingest = ingest_speed.run(corpus, Settings.from_env().spacy_model, limit, repeats,
                                      os.environ["BENCH_INGEST_POSTGRES_URL"])
            for name, value in ingest.items():
                print(f"  {'pg_' + name:32} {value}")
                figures["pg_" + name] = value
            print_server(os.environ["BENCH_INGEST_POSTGRES_URL"], "pg_ingest_server_", figures)
    if wanted("corpus"):
        from bench import corpus as whole_corpus

        limit = int(os.environ["BENCH_CORPUS_LIMIT"]) if os.environ.get("BENCH_CORPUS_LIMIT") else None
        parameters.update(corpus_limit=limit)
        print("== a whole war corpus in one database: merging, actors, speed ==")
        found = whole_corpus.run(limit=limit)
        for name, value in found.items():
            print(f"  {name:36} {value}")
        figures.update(found)
    if wanted("tls"):
        from bench import tls_dates

        print("== key dates against editors' timelines (Timeline17, Date-F1) ==")
        found = tls_dates.run()
        for name, value in found.items():
            print(f"  {name:40} {value}")
        figures.update(found)
    if os.environ.get("BENCH_SKIP_SCALE") != "1" and wanted("scale"):
        from bench import scale

        print("== read side at scale (synthetic corpus; BENCH_EVENTS, BENCH_ARTICLES) ==")
        scale_figures = scale.run()
        for name, value in scale_figures.items():
            print(f"  {name:40} {value}")
        figures.update(scale_figures)
    if corpus.exists() and os.environ.get("BENCH_SKIP_LOAD") != "1" and wanted("load"):
        import tempfile

        from bench import load, synthetic
        from bench.ingest_speed import tempeval_documents
        from app.db import refresh_statistics
        from app.migrate import upgrade

        events = int(os.environ.get("BENCH_LOAD_EVENTS", "100000"))
        seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
        backends = [("sqlite", None)]
        if os.environ.get("BENCH_LOAD_POSTGRES_URL"):
            backends.append(("postgresql", os.environ["BENCH_LOAD_POSTGRES_URL"]))
        for backend, postgres_url in backends:
            print(f"== load test on {backend}: wrk readers while a worker ingests ==")
            with tempfile.TemporaryDirectory() as folder:
                url = postgres_url or f"sqlite:///{folder}/load.db"
                if postgres_url:
                    from bench.scratch import empty_for_benchmark

                    empty_for_benchmark(url, "load")  # an empty database, or one a benchmark made
                upgrade(url)
                synthetic.generate(url, synthetic.Shape(articles=events // 10, events=events, actors=2000, locations=500))
                refresh_statistics(url)  # as the workers keep them (app/db/dialect.py)
                result = load.run(url, tempeval_documents(corpus, 40), seconds=seconds)
                if postgres_url:
                    print_server(url, "pg_load_server_", figures)
            prefix = "" if backend == "sqlite" else "pg_"
            for name, value in result.items():
                print(f"  {prefix + name:32} {value}")
                figures[prefix + name] = value
    if os.environ.get("BENCH_SKIP_READERS") != "1" and wanted("readers"):
        from bench import readers_during_ingest

        print("== 8 readers while a 300-article ingest runs (idle, normal priority, lowered) ==")
        for name, value in readers_during_ingest.run().items():
            figures[name] = value
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {**figures, "machine": machine(), "parameters": parameters,
               "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    RESULTS.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"wrote {RESULTS.relative_to(PROJECT_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
