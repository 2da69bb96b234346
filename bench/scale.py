"""The read side at scale: a synthetic corpus of a million events, then the read-latency figures.

    .venv/bin/python -m bench.scale        (or `make bench`, which calls run())

Environment:
  BENCH_EVENTS    events to generate (default 1,000,000)
  BENCH_ARTICLES  articles to generate (default 100,000)
  BENCH_ACTORS    actors to generate (default 5,000)
  BENCH_COLLECTIONS  collections the articles are split over (default 20; a Zipf law of sizes)
  BENCH_DIR       where the SQLite file lives (default bench/results/scale, git-ignored)
  BENCH_POSTGRES_URL  measure on this PostgreSQL database instead: filled when empty, emptied and
                  filled again when the shape it records of itself (or, for an older corpus, its
                  marker in BENCH_DIR) does not match; a database holding tables the benchmark did
                  not make is never emptied
  BENCH_LATENCY_REPEATS  requests per scenario (default 60)
  BENCH_LATENCY_SKIP     comma-separated words: scenarios whose name has one are skipped (e.g. search)
  BENCH_COLD      1: do not read the database (the SQLite file; PostgreSQL's tables and indexes,
                  with pg_prewarm) into the page cache before measuring

On PostgreSQL the figures include the server's settings that decide how much of the database is
read from its own buffers and how it plans (`scale_pg_shared_buffers`, ...: see server_settings),
so that every figure says what server it ran on.

Generating a million events takes minutes, so the database is kept and reused when it was built
with the same parameters (a `shape.json` beside it records them, written only once it is complete).
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

from app.config import PROJECT_ROOT
from bench.scratch import empty_for_benchmark

DEFAULT_DIR = PROJECT_ROOT / "bench" / "results" / "scale"


def shape_from_env():
    from bench.synthetic import Shape

    return Shape(
        events=int(os.environ.get("BENCH_EVENTS", "1000000")),
        articles=int(os.environ.get("BENCH_ARTICLES", "100000")),
        actors=int(os.environ.get("BENCH_ACTORS", "5000")),
        collections=int(os.environ.get("BENCH_COLLECTIONS", "20")),
    )


def ensure_database(shape, folder: Path, postgres_url: str | None = None) -> tuple[str, float | None]:
    """The URL of a migrated database holding `shape`, generating it unless it already exists.
    Returns the URL and the generation time in seconds (None when reused).

    SQLite: a file in `folder`. PostgreSQL (`postgres_url`, a database the benchmark may empty):
    its tables are dropped and rebuilt when the marker file in `folder` does not match."""
    from app.db import dispose_all, get_engine
    from app.migrate import upgrade
    from bench.synthetic import VOCABULARY_SIZE, ZIPF_EXPONENT, generate

    folder.mkdir(parents=True, exist_ok=True)
    stem = f"scale-{shape.events}-{shape.articles}-{shape.actors}" + (
        f"-{shape.collections}c" if shape.collections > 1 else "")
    database = folder / f"{stem}.db"
    if postgres_url:
        marker = folder / f"{stem}.postgresql.shape.json"
        url = postgres_url
    else:
        marker = database.with_suffix(".shape.json")
        url = f"sqlite:///{database}"
    # The schema a corpus was generated under: the importance scores came with 0006, the
    # collections with 0008 (a single-collection corpus needs nothing of 0008 at generation).
    wanted = {**asdict(shape), "schema": "0006+0008" if shape.collections > 1 else "0006",
              "vocabulary": f"zipf-{ZIPF_EXPONENT}-{VOCABULARY_SIZE}"}
    recorded = _recorded_shape(url) if postgres_url else None
    file_matches = marker.exists() and json.loads(marker.read_text()) == wanted
    if recorded == wanted or (file_matches and (database.exists() if not postgres_url else recorded is None)):
        # (a PostgreSQL corpus made before the database recorded its own shape has the file alone)
        upgrade(url)  # a newer migration still applies to a reused database
        if postgres_url:
            _record_shape(url, wanted)
            settle_postgres(url)
            marker.write_text(json.dumps(wanted))
        return url, None
    marker.unlink(missing_ok=True)
    if postgres_url:
        # (an empty database, or one a benchmark made: its own corpus of another shape, or one whose
        # generation was cut short, which the claim made before it began still marks)
        empty_for_benchmark(url, "scale")
    else:
        for stale in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            stale.unlink(missing_ok=True)
    upgrade(url)
    started = time.perf_counter()
    generate(url, shape)
    with get_engine(url).begin() as connection:
        connection.exec_driver_sql("ANALYZE")  # the planner's statistics, as a deployment would keep
        from app.db import dialect_of  # and the search index merged, as after any bulk load

        dialect_of(connection).search.tidy(connection, pages=None)
    if postgres_url:
        settle_postgres(url)
    seconds = time.perf_counter() - started
    if postgres_url:
        _record_shape(url, wanted)
    dispose_all()
    marker.write_text(json.dumps(wanted))
    return url, seconds


# The table in which a PostgreSQL corpus records the shape it was generated with, written only once
# the corpus is complete. A database's own record, not only a file beside the benchmark: a run
# from another checkout (another folder, no file) then reuses the corpus instead of emptying it,
# and a database holding anything else is never emptied.
SHAPE_TABLE = "bench_corpus_shape"


def _recorded_shape(url: str) -> dict | None:
    """The shape the database records of itself, or None when it records none."""
    from app.db import get_engine

    with get_engine(url).connect() as connection:
        if connection.exec_driver_sql(f"SELECT to_regclass('public.{SHAPE_TABLE}')").scalar() is None:
            return None
        row = connection.exec_driver_sql(f"SELECT shape FROM {SHAPE_TABLE}").first()
    return json.loads(row[0]) if row else None


def _record_shape(url: str, shape: dict) -> None:
    from app.db import get_engine

    with get_engine(url).begin() as connection:
        connection.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {SHAPE_TABLE} (shape text NOT NULL)")
        connection.exec_driver_sql(f"DELETE FROM {SHAPE_TABLE}")
        connection.exec_driver_sql(f"INSERT INTO {SHAPE_TABLE} (shape) VALUES (%(shape)s)",
                                   {"shape": json.dumps(shape, sort_keys=True)})


def settle_postgres(url: str) -> None:
    """VACUUM (ANALYZE), as autovacuum leaves a database at rest: it marks the pages of freshly
    written tables all-visible, which index-only scans (the search postings) rely on to skip the
    table. Nearly free when nothing changed since the last run."""
    from app.db import dispose_all, get_engine

    with get_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM (ANALYZE)")
    dispose_all()


def warm_page_cache(database: Path) -> float:
    """Read the SQLite file once, as a server that has been answering for a while holds its
    working set in memory; returns the seconds it took. Some virtual machines hand idle page cache
    back to the host within minutes, and a cold read of a few pages can then cost more than the
    query: the figures would measure the disk, not the read layer (BENCH_COLD=1 skips this)."""
    started = time.perf_counter()
    for path in (database, Path(f"{database}-wal")):
        if path.exists():
            with path.open("rb") as handle:
                while handle.read(8 << 20):
                    pass
    return round(time.perf_counter() - started, 1)


def warm_postgres(url: str) -> tuple[float, str]:
    """Read every table and index of a PostgreSQL database into the operating system's cache, as
    warm_page_cache does for SQLite (a virtual machine that hands idle cache back to its host left
    the first interleaved run of the twenty-ninth session reading from disk: the API's year list of a
    small collection 1.73 times the baseline at the median, 1.26 once warm). It uses the pg_prewarm
    extension ("read" mode: the files, not the server's own buffers), created here when the role may;
    returns the seconds it took and what it did, or why it did nothing."""
    from app.db import get_engine

    started = time.perf_counter()
    with get_engine(url).connect() as connection:
        try:
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            connection.commit()
        except Exception as error:  # noqa: BLE001 (a role without the right: say so and go on cold)
            connection.rollback()
            return 0.0, f"not warmed: pg_prewarm is not installed ({type(error).__name__}); " \
                        "a superuser can run CREATE EXTENSION pg_prewarm in the database"
        pages = connection.exec_driver_sql(
            "SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 'm')").scalar()
    return round(time.perf_counter() - started, 1), f"{int(pages)} pages read"


def database_megabytes(url: str) -> float:
    from app.db import get_engine

    if url.startswith("sqlite"):
        return round(Path(url.removeprefix("sqlite:///")).stat().st_size / 1e6, 1)
    with get_engine(url).connect() as connection:
        return round(connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() / 1e6, 1)


# PostgreSQL settings that move the read figures: how much of the database the server keeps in its
# own buffers (shared_buffers), what the planner assumes of the rest (effective_cache_size,
# random_page_cost), the memory of a sort or hash (work_mem), the JIT compiler (jit), parallel
# workers (max_parallel_workers_per_gather) and whether prepared statements keep a plan
# (plan_cache_mode).
SERVER_SETTINGS = ("server_version", "shared_buffers", "effective_cache_size", "work_mem", "random_page_cost", "jit",
                   "max_parallel_workers_per_gather", "plan_cache_mode")


def server_settings(url: str) -> dict[str, str]:
    """The PostgreSQL server's SERVER_SETTINGS as the app's own connections see them (the app
    turns jit and parallel workers off and plans every execution on its connections, so `jit`
    reads `off`, `max_parallel_workers_per_gather` `0` and `plan_cache_mode` `force_custom_plan`
    whatever the server's defaults);
    empty for SQLite."""
    if not url.startswith("postgresql"):
        return {}
    from app.db import get_engine

    with get_engine(url).connect() as connection:
        return {name: connection.exec_driver_sql(f"SHOW {name}").scalar() for name in SERVER_SETTINGS}


def server_figures(url: str, prefix: str) -> dict[str, str]:
    """server_settings(url) as figures named `{prefix}{setting}`."""
    return {f"{prefix}{name}": value for name, value in server_settings(url).items()}


def run() -> dict[str, float]:
    """Generate (or reuse) the corpus, measure the read side, return a flat dict of figures."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from bench import read_latency

    shape = shape_from_env()
    folder = Path(os.environ.get("BENCH_DIR", DEFAULT_DIR))
    postgres_url = os.environ.get("BENCH_POSTGRES_URL")
    url, generation_seconds = ensure_database(shape, folder, postgres_url)
    settings = Settings.from_env({"DATABASE_URL": url, "TIMELINE_DATA_DIR": str(folder)})
    actor_ids = [f"actor-{n:05d}" for n in range(shape.actors)]
    repeats = int(os.environ.get("BENCH_LATENCY_REPEATS", "60"))
    skip = tuple(word for word in os.environ.get("BENCH_LATENCY_SKIP", "").split(",") if word)
    figures: dict[str, float] = {
        "scale_events": shape.events,
        "scale_articles": shape.articles,
        "scale_actors": shape.actors,
        "scale_collections": shape.collections,
        "scale_database": "postgresql" if postgres_url else "sqlite",
        "scale_db_mb": database_megabytes(url),
        **server_figures(url, "scale_pg_"),
    }
    if generation_seconds is not None:
        figures["scale_generate_s"] = round(generation_seconds, 1)
    if not postgres_url and os.environ.get("BENCH_COLD") != "1":
        figures["scale_warm_read_s"] = warm_page_cache(Path(url.removeprefix("sqlite:///")))
    elif os.environ.get("BENCH_COLD") != "1":
        figures["scale_warm_read_s"], figures["scale_warm"] = warm_postgres(url)
    started = time.perf_counter()
    figures["scale_load_before"] = round(os.getloadavg()[0], 2)
    with TestClient(create_app(settings)) as client:
        latency = read_latency.run(client, actor_ids, shape.first_year, shape.last_year, repeats, skip,
                                   collections=_collections_to_ask(url, shape))
    figures.update({f"scale_{name}": value for name, value in latency.items()})
    figures["scale_load_after"] = round(os.getloadavg()[0], 2)
    figures["scale_measure_s"] = round(time.perf_counter() - started, 1)
    return figures


def _collections_to_ask(url: str, shape) -> list[tuple[str, int, list[str]]]:
    """The collections the scoped scenarios ask (slug, events, its most frequent actors): the
    largest, a middling and the smallest, so a scoped figure covers every size."""
    if shape.collections <= 1:
        return []
    from sqlalchemy import func, select

    from app.db import session_scope
    from app.models import Collection, CollectionActor, CollectionMonthCount

    with session_scope(url) as session:
        sizes = session.execute(
            select(Collection.slug, Collection.id, func.sum(CollectionMonthCount.count))
            .join(CollectionMonthCount, CollectionMonthCount.collection_id == Collection.id)
            .group_by(Collection.slug, Collection.id).order_by(func.sum(CollectionMonthCount.count).desc())).all()
        chosen = [sizes[0], sizes[len(sizes) // 2], sizes[-1]]
        return [(slug, int(events), list(session.execute(
            select(CollectionActor.actor_id).where(CollectionActor.collection_id == collection)
            .order_by(CollectionActor.events_count.desc()).limit(200)).scalars()))
            for slug, collection, events in chosen]


def main() -> int:
    figures = run()
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        print(f"  {name:{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
