"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import app.models  # noqa: F401
from app.migrate import alembic_config, upgrade

# The search tables of migrations 0004 and 0011 have no model: SQLite's FTS5 table (with its shadow
# tables), PostgreSQL's table of tsvectors and its postings (with their index by collection, 0021).
SEARCH_TABLES = {"event_search", "search_posting", "search_word_year"}
SEARCH_INDEXES = {"ix_event_search_document", "ix_event_search_day", "ix_event_search_collection_day",
                  "ix_search_posting_collection"}


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
        assert "event_search" in tables  # postings and their yearly counts: PostgreSQL only
        assert not {"search_posting", "search_word_year"} & tables
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


def _included_columns(url: str) -> dict[str, list[str]]:
    """Each index's INCLUDE columns as the database holds them (alembic does not compare them)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: [c.strip() for c in definition.split("INCLUDE (", 1)[1].rstrip(")").split(",")]
                    for name, definition in connection.execute(text(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
                    if "INCLUDE (" in definition}
    finally:
        engine.dispose()


def test_postgres_indexes_include_the_columns_the_models_name(postgres_url):
    """The event indexes of periods and importance walks hold each event's number (0016), and a
    collection's kept counts their count in their key (0017), so that those reads never leave the
    index; a downgrade gives the earlier indexes back."""
    from alembic import command

    wanted = {index.name: list(index.dialect_options["postgresql"]["include"])
              for table in SQLModel.metadata.tables.values() for index in table.indexes
              if index.dialect_options["postgresql"]["include"]}
    wanted |= {f"{table.name}_pkey": list(table.primary_key.dialect_options["postgresql"]["include"])
               for table in SQLModel.metadata.tables.values()
               if table.primary_key.dialect_options["postgresql"]["include"]}
    assert {"ix_event_collection_date_sources", "collection_month_count_pkey"} <= set(wanted)
    upgrade(postgres_url)
    held = _included_columns(postgres_url)
    assert {name: held.get(name) for name in wanted} == wanted
    command.downgrade(alembic_config(postgres_url), "0015")
    assert not set(wanted) & set(_included_columns(postgres_url))
    upgrade(postgres_url)
    assert {name: _included_columns(postgres_url).get(name) for name in wanted} == wanted


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


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'attempts.db'}"
    return request.getfixturevalue("throwaway_postgres")("timeline_attempts")


def test_migration_0005_moves_login_attempts_out_of_the_audit_log_and_back(any_url):
    """Sign-in attempts recorded as pairs of private audit rows (account, then address) become
    one login_attempt row each; curation entries stay; downgrading writes the pairs again."""
    from alembic import command

    from app.db import dispose_all

    upgrade(any_url, "0004")
    engine = create_engine(any_url)
    audit_row = ("INSERT INTO audit_log(at, username, action, object_type, object_id, public) "
                 "VALUES (:at, :username, :action, :kind, :key, :public)")
    rows = [
        ("2024-01-02 10:00:00", "anonymous", "login.failed", "login_account", "editor", False),
        ("2024-01-02 10:00:00", "anonymous", "login.failed", "login_address", "10.0.0.1", False),
        ("2024-01-02 10:05:00", "Editor", "login.ok", "login_account", "editor", False),
        ("2024-01-02 10:05:00", "Editor", "login.ok", "login_address", "10.0.0.2", False),
        ("2024-01-02 10:06:00", "editor", "event.hide", "event", "abcdefghjk", True),
    ]
    with engine.begin() as connection:
        for at, username, action, kind, key, public in rows:
            connection.execute(text(audit_row), {"at": at, "username": username, "action": action, "kind": kind,
                                                 "key": key, "public": public})
    engine.dispose()

    def state() -> tuple[list, list]:
        engine = create_engine(any_url)
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            attempts = [tuple(r) for r in connection.execute(text(
                "SELECT account, address, ok FROM login_attempt ORDER BY id"))] if "login_attempt" in tables else None
            audit = [tuple(r) for r in connection.execute(text(
                "SELECT action, object_type, object_id FROM audit_log ORDER BY at, object_type"))]
        engine.dispose()
        return attempts, audit

    upgrade(any_url)
    dispose_all()
    attempts, audit = state()
    assert attempts == [("editor", "10.0.0.1", False), ("editor", "10.0.0.2", True)]
    assert audit == [("event.hide", "event", "abcdefghjk")]
    assert schema_differences(any_url) == []

    command.downgrade(alembic_config(any_url), "0004")
    dispose_all()
    attempts, audit = state()
    assert attempts is None
    assert sorted(audit) == sorted((action, kind, key) for _, _, action, kind, key, _ in rows)

    upgrade(any_url)
    dispose_all()
    assert state()[0] == [("editor", "10.0.0.1", False), ("editor", "10.0.0.2", True)]


def test_one_line_of_migrations_ends_in_the_postings_by_collection():
    """Collections (0008) follows 0006, the server-side sessions (0009) follow collections, the
    actor redirects (0010) follow them, then PostgreSQL's search postings (0011), the mentions'
    places and countries (0012), the index of a collection's articles by date (0013), the
    postings' copy of their event's importance (0014), each word's kept yearly counts (0015), and
    the event indexes holding the event's number on PostgreSQL (0016), the collections' counts
    held in their keys (0017), the span-window index holding the keys of a period's events
    reaching in (0018), the counts over every collection held in their keys (0019), the
    span-window index holding the source count (0020) and PostgreSQL's postings by collection
    (0021) come last: one head, no branch."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert script.get_heads() == ["0021"]
    chain = [revision.revision for revision in script.walk_revisions()]
    assert chain == ["0021", "0020", "0019", "0018", "0017", "0016", "0015", "0014", "0013", "0012", "0011", "0010", "0009", "0008", "0006", "0005",
                     "0004", "0003", "0002", "0001"]


def test_a_filled_database_at_0006_upgrades_to_the_newest_and_back(settings_for, tmp_path):
    """A database at 0006 holding articles and an admin account (on the suite's backend, SQLite or
    PostgreSQL) upgrades to the head: its events in the default collection, nothing drifting, and
    the admin signs in to a session kept on the server that signing out ends. Down to 0006 again
    keeps the articles and the account; up again loses nothing."""
    import datetime as dt

    from alembic import command
    from bs4 import BeautifulSoup
    from fastapi.testclient import TestClient

    from app.db import dispose_all, session_scope
    from app.main import create_app
    from app.services.accounts import create_or_reset
    from app.services.aggregates import drift
    from tests.test_collections import hand_article

    settings = settings_for(tmp_path)
    url = settings.database_url
    upgrade(url)
    with session_scope(url) as session:
        for number, day in enumerate((dt.date(2020, 10, 1), dt.date(2021, 2, 3))):
            hand_article(session, f"Report {number}: shelling hit the town of Delta-{number}.", day, 1)
        create_or_reset(session, "editor", "a long enough passphrase")
    command.downgrade(alembic_config(url), "0006")
    dispose_all()

    def count(sql: str) -> int:
        with session_scope(url) as session:
            return session.execute(text(sql)).scalar()

    def tables() -> set[str]:
        engine = create_engine(url)
        with engine.connect() as connection:
            found = set(inspect(connection).get_table_names())
        engine.dispose()
        return found

    assert {"collection", "admin_session"}.isdisjoint(tables())
    assert (count("SELECT count(*) FROM article"), count("SELECT count(*) FROM admin_user")) == (2, 1)

    upgrade(url)
    dispose_all()
    assert schema_differences(url) == []
    with session_scope(url) as session:
        assert drift(session) == {}
    assert count("SELECT count(*) FROM event WHERE collection_id = 1") == 2
    with TestClient(create_app(settings)) as client:
        def token(page: str) -> str:
            return BeautifulSoup(client.get(page).text, "html.parser").select_one("input[name=csrf_token]")["value"]

        signed_in = client.post("/login", data={"username": "editor", "password": "a long enough passphrase",
                                                "csrf_token": token("/login")}, follow_redirects=False)
        assert signed_in.status_code == 303
        assert client.get("/admin", follow_redirects=False).status_code == 200
        assert count("SELECT count(*) FROM admin_session") == 1
        assert client.get("/c/default/").status_code == 200
        client.post("/logout", data={"csrf_token": token("/admin")}, follow_redirects=False)
        assert count("SELECT count(*) FROM admin_session") == 0

    command.downgrade(alembic_config(url), "0006")
    dispose_all()
    assert (count("SELECT count(*) FROM article"), count("SELECT count(*) FROM admin_user")) == (2, 1)
    upgrade(url)
    dispose_all()
    with session_scope(url) as session:
        assert drift(session) == {}
    assert count("SELECT count(*) FROM event WHERE collection_id = 1") == 2


def _span_window(url: str) -> tuple[list[str], list[str]]:
    """The span-window index's key columns, and on PostgreSQL its INCLUDE columns."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = [index for index in inspect(connection).get_indexes("event") if index["name"] == "ix_event_span_window"]
            assert len(found) == 1
    finally:
        engine.dispose()
    return found[0]["column_names"], _included_columns(url).get("ix_event_span_window", []) \
        if url.startswith("postgresql") else []


def test_migration_0018_puts_the_keys_into_the_span_window_index_and_takes_them_out_again(any_url):
    """0018: the span-window index ends in the importance (both databases) and holds the event's
    number on PostgreSQL; a downgrade gives the index of 0008 back; up again matches the models."""
    from alembic import command

    from app.db import dispose_all

    window = ["span_class", "date_start", "date_end", "open_end", "status", "collection_id"]
    upgrade(any_url, "0017")
    assert _span_window(any_url) == (window, [])
    upgrade(any_url, "0018")
    dispose_all()
    assert _span_window(any_url) == ([*window, "importance"], ["seq"] if any_url.startswith("postgresql") else [])
    assert schema_differences(any_url) == []
    command.downgrade(alembic_config(any_url), "0017")
    dispose_all()
    assert _span_window(any_url) == (window, [])
    upgrade(any_url)
    dispose_all()
    assert schema_differences(any_url) == []


def test_migration_0019_puts_the_count_into_the_keys_of_the_counts_over_every_collection_and_out_again(any_url):
    """0019: on PostgreSQL the primary keys of event_day_count and event_month_count hold the
    count (index-only reads of a range of days or months); SQLite is unchanged. A downgrade
    gives the keys of 0018 back, with every count kept; up again matches the models."""
    from alembic import command

    from app.db import dispose_all

    keys = {"event_day_count_pkey": ["count"], "event_month_count_pkey": ["count"]}
    postgres = any_url.startswith("postgresql")

    def held() -> dict:
        return {name: columns for name, columns in _included_columns(any_url).items() if name in keys} \
            if postgres else {}

    def counts() -> list:
        engine = create_engine(any_url)
        try:
            with engine.connect() as connection:
                return [connection.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")).all()
                        for table in ("event_day_count", "event_month_count")]
        finally:
            engine.dispose()

    upgrade(any_url, "0018")
    engine = create_engine(any_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO event_day_count (day, type, count) VALUES ('2020-03-04', 'attack', 3)"))
    finally:
        engine.dispose()
    kept = counts()
    assert kept[0] and held() == {}
    upgrade(any_url)
    dispose_all()
    assert held() == (keys if postgres else {})
    assert schema_differences(any_url) == []
    command.downgrade(alembic_config(any_url), "0018")
    dispose_all()
    assert held() == {} and counts() == kept
    upgrade(any_url)
    dispose_all()
    assert schema_differences(any_url) == [] and counts() == kept


def test_migration_0020_puts_the_source_count_into_the_span_window_index_and_takes_it_out_again(any_url):
    """0020: on PostgreSQL the span-window index also holds the event's source count (the
    windows of `min_sources` read from the index alone); SQLite is unchanged. A downgrade gives
    the index of 0018 back; up again matches the models."""
    from alembic import command

    from app.db import dispose_all

    keys = ["span_class", "date_start", "date_end", "open_end", "status", "collection_id", "importance"]
    postgres = any_url.startswith("postgresql")
    upgrade(any_url, "0019")
    assert _span_window(any_url) == (keys, ["seq"] if postgres else [])
    upgrade(any_url)
    dispose_all()
    assert _span_window(any_url) == (keys, ["seq", "sources_count"] if postgres else [])
    assert schema_differences(any_url) == []
    command.downgrade(alembic_config(any_url), "0019")
    dispose_all()
    assert _span_window(any_url) == (keys, ["seq"] if postgres else [])
    upgrade(any_url)
    dispose_all()
    assert _span_window(any_url) == (keys, ["seq", "sources_count"] if postgres else [])
    assert schema_differences(any_url) == []


def _posting_indexes(url: str) -> dict[str, list[str]]:
    """PostgreSQL's indexes of the search postings: name -> key columns."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {index["name"]: index["column_names"] for index in inspect(connection).get_indexes("search_posting")}
    finally:
        engine.dispose()


def test_migration_0021_keys_a_words_postings_by_collection_and_takes_the_index_out_again(any_url):
    """0021: on PostgreSQL a second index of the search postings leads with the word and the
    collection (a collection's matches are one range in date order); a downgrade drops it, and
    up again matches the models. SQLite has no postings and nothing changes."""
    from alembic import command

    from app.db import dispose_all

    upgrade(any_url, "0020")
    if not any_url.startswith("postgresql"):
        upgrade(any_url)
        assert schema_differences(any_url) == []
        return
    assert "ix_search_posting_collection" not in _posting_indexes(any_url)
    upgrade(any_url)
    dispose_all()
    assert _posting_indexes(any_url)["ix_search_posting_collection"] == ["lexeme", "collection_id", "date_start", "seq"]
    assert _included_columns(any_url).get("ix_search_posting_collection") == ["importance"]
    assert schema_differences(any_url) == []
    command.downgrade(alembic_config(any_url), "0020")
    dispose_all()
    assert "ix_search_posting_collection" not in _posting_indexes(any_url)
    upgrade(any_url)
    dispose_all()
    assert "ix_search_posting_collection" in _posting_indexes(any_url)
