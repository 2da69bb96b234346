"""The benchmarks' PostgreSQL databases: the scale corpus reused wherever the benchmark runs from, and
no database that holds something else ever emptied (bench/scale.py, ensure_database; bench/scratch.py,
which the load and ingest benchmarks use too)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from bench.scale import ensure_database
from bench.scratch import empty_for_benchmark
from bench.synthetic import Shape

SMALL = Shape(articles=20, events=200, actors=10, locations=20)


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def run(url: str, *statements: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for sql in statements:
                connection.execute(text(sql))
    finally:
        engine.dispose()


# Someone's own data, in a database a benchmark is pointed at by mistake.
FIELD_NOTES = ("CREATE TABLE field_notes (note text)", "INSERT INTO field_notes VALUES ('keep me')")


def test_a_database_holding_other_tables_is_never_emptied(throwaway_postgres, tmp_path):
    url = throwaway_postgres()
    run(url, *FIELD_NOTES)
    with pytest.raises(SystemExit) as refused:
        ensure_database(SMALL, tmp_path / "bench", url)
    message = str(refused.value)
    assert "no benchmark made" in message and ":***@" in message  # why, in words; no password shown
    assert count(url, "SELECT count(*) FROM field_notes") == 1


def test_a_corpus_is_reused_from_another_folder_and_regenerated_for_another_shape(throwaway_postgres, tmp_path):
    url = throwaway_postgres()
    _, seconds = ensure_database(SMALL, tmp_path / "first", url)
    assert seconds is not None and count(url, "SELECT count(*) FROM event") == 200
    # another checkout, with no marker file of its own: the database says what it holds
    _, seconds = ensure_database(SMALL, tmp_path / "second", url)
    assert seconds is None and count(url, "SELECT count(*) FROM event") == 200
    # another shape: the benchmark's own corpus is emptied and made again
    _, seconds = ensure_database(Shape(articles=20, events=150, actors=10, locations=20), tmp_path / "second", url)
    assert seconds is not None and count(url, "SELECT count(*) FROM event") == 150


def test_the_load_and_ingest_benchmarks_empty_only_an_empty_database_or_their_own(throwaway_postgres):
    url = throwaway_postgres()
    empty_for_benchmark(url, "load")  # an empty database is free
    run(url, "CREATE TABLE article (id integer)")  # what the benchmark then fills
    empty_for_benchmark(url, "ingest")  # the benchmarks' own: emptied again
    assert count(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'article'") == 0
    other = throwaway_postgres()
    run(other, *FIELD_NOTES)
    with pytest.raises(SystemExit) as refused:
        empty_for_benchmark(other, "load")
    assert "load benchmark" in str(refused.value) and ":***@" in str(refused.value)
    assert count(other, "SELECT count(*) FROM field_notes") == 1


def test_a_corpus_whose_generation_was_cut_short_is_made_again(throwaway_postgres, tmp_path):
    url = throwaway_postgres()
    empty_for_benchmark(url, "scale")  # as ensure_database claims it before generating
    run(url, "CREATE TABLE event (id integer)")  # half a corpus, no shape recorded
    _, seconds = ensure_database(SMALL, tmp_path / "bench", url)
    assert seconds is not None and count(url, "SELECT count(*) FROM event") == 200
