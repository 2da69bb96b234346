"""The scale benchmark's PostgreSQL corpus: reused wherever the benchmark runs from, and never made
by emptying a database that holds something else (bench/scale.py, ensure_database)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from bench.scale import ensure_database
from bench.synthetic import Shape

SMALL = Shape(articles=20, events=200, actors=10, locations=20)


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def test_a_database_holding_other_tables_is_never_emptied(throwaway_postgres, tmp_path):
    url = throwaway_postgres()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE field_notes (note text)"))
        connection.execute(text("INSERT INTO field_notes VALUES ('keep me')"))
    engine.dispose()
    with pytest.raises(SystemExit) as refused:
        ensure_database(SMALL, tmp_path / "bench", url)
    message = str(refused.value)
    assert "did not generate" in message and ":***@" in message  # why, in words; no password shown
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
