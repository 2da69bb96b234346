"""PostgreSQL databases a benchmark may empty: only an empty one, or one the benchmarks made.

The ingest and load benchmarks start from an empty schema on every run. Emptying whatever
database a URL points at would make one mistyped environment variable drop someone's data, so a
benchmark claims a database before emptying it: a database with no tables is free, and once
claimed it holds a one-row table saying so (kept across the emptying), which the next run
recognises; a database holding anything else is refused with the reason, in words, and nothing is
dropped. The scale benchmark's corpus records its shape in a table of its own
(bench/scale.py, SHAPE_TABLE), which counts as a claim too.
"""

from __future__ import annotations

CLAIM_TABLE = "bench_scratch"
# Tables that say a benchmark made the database (the scale corpus records its shape).
BENCHMARK_TABLES = (CLAIM_TABLE, "bench_corpus_shape")


def empty_for_benchmark(url: str, purpose: str) -> None:
    """Drop every table of the database at `url` and leave its schema empty but claimed, or raise
    SystemExit (nothing dropped) when it holds tables no benchmark made. `purpose` names the
    benchmark in the record and in the refusal."""
    from app.db import dispose_all, get_engine

    engine = get_engine(url)
    with engine.begin() as connection:
        tables = set(connection.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").scalars())
        if tables and not tables & set(BENCHMARK_TABLES):
            raise SystemExit(
                f"{without_password(url)} holds {len(tables)} tables that no benchmark made; the {purpose} "
                "benchmark empties only an empty database or one a benchmark made before. Point it at an "
                "empty database (createdb), or empty this one yourself.")
        connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        connection.exec_driver_sql(f"CREATE TABLE {CLAIM_TABLE} (purpose text NOT NULL)")
        connection.exec_driver_sql(f"INSERT INTO {CLAIM_TABLE} (purpose) VALUES (%(purpose)s)", {"purpose": purpose})
    dispose_all()


def without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
