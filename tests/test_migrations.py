"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.migrate import alembic_config, upgrade

# The search tables of migration 0004 have no model: SQLite's FTS5 table (with its shadow tables)
# and PostgreSQL's table of tsvectors (with its indexes).
SEARCH_TABLES = {"event_search"}
SEARCH_INDEXES = {"ix_event_search_document", "ix_event_search_day"}


def schema_differences(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diffs = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    # FTS5 shadow tables are created by the migration on purpose and have no model.
    return [d for d in diffs if not _is_search_object(d)]


def _is_search_object(diff) -> bool:
    if diff[0] == "remove_table":
        return any(diff[1].name == name or diff[1].name.startswith(name + "_") for name in SEARCH_TABLES)
    if diff[0] == "remove_index":
        return diff[1].name in SEARCH_INDEXES
    return False


def test_sqlite_upgrade_from_empty_matches_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(url)
    assert schema_differences(url) == []
    engine = create_engine(url)
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert {"article", "event", "mention", "actor", "actor_alias", "event_actor", "location",
                "ingestion_job", "admin_user", "audit_log", "event_alias"} <= tables
        assert SEARCH_TABLES <= tables
        assert not {"event_fts", "mention_fts"} & tables  # replaced by event_search
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_sqlite_downgrade_to_base_and_up_again(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    upgrade(url)
    assert schema_differences(url) == []


@pytest.fixture
def postgres_url(throwaway_postgres):
    return throwaway_postgres("timeline_test")


def test_postgres_upgrade_from_empty_matches_models(postgres_url):
    from alembic import command

    upgrade(postgres_url)
    assert schema_differences(postgres_url) == []
    command.downgrade(alembic_config(postgres_url), "base")
    upgrade(postgres_url)
    assert schema_differences(postgres_url) == []


@pytest.mark.nlp
def test_migration_0004_down_and_up_on_a_filled_database_keeps_search_and_timelines(settings_for, tmp_path, ingest_seeds):
    """Migration 0004 on a database that holds articles, both ways: downgraded, the old search
    tables find what the new one found; upgraded again, the actor timeline has its types, the
    search index every active event, addresses their keys, nothing drifts, and every search
    answers as before."""
    from alembic import command
    from fastapi.testclient import TestClient

    from app.db import dispose_all, session_scope
    from app.main import create_app
    from app.services.aggregates import drift

    settings = settings_for(tmp_path)
    url = settings.database_url
    upgrade(url)
    ingest_seeds(settings)
    words = ("Azerbaijan", "ceasefire", "Armenia", "peacekeepers")

    def searches() -> dict[str, list[str]]:
        with TestClient(create_app(settings)) as client:
            return {word: [item["id"] for item in client.get("/api/events", params={"q": word, "limit": 200}).json()["items"]]
                    for word in words}

    before = searches()
    assert all(before.values()), before
    command.downgrade(alembic_config(url), "0003")
    dispose_all()
    if url.startswith("sqlite"):
        old_search = text(
            "SELECT e.id FROM event e WHERE e.seq IN (SELECT rowid FROM event_fts WHERE event_fts MATCH :q "
            "UNION SELECT m2.seq FROM mention_fts g JOIN mention m ON m.id = g.rowid "
            "JOIN event m2 ON m2.id = m.event_id WHERE mention_fts MATCH :q)")
        with session_scope(url) as session:
            for word in words:
                found = {row[0] for row in session.execute(old_search, {"q": f'"{word}"'})}
                assert found == set(before[word]), word
    upgrade(url)
    dispose_all()
    with session_scope(url) as session:
        assert drift(session) == {}
        assert session.execute(text("SELECT count(*) FROM actor_timeline WHERE type = ''")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM actor_timeline")).scalar() > 0
        assert session.execute(text(
            "SELECT count(*) FROM article WHERE url IS NOT NULL AND url_key IS NULL")).scalar() == 0
    assert searches() == before
