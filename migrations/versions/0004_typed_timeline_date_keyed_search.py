"""typed actor timeline; one full-text row per active event, found by word and by date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 01:00:00

- actor_timeline.type, indexed (actor_id, type, date_start, event_seq): "this actor's military
  actions in 2022, in date order" is one index range, counted and paged without reading events.
  The triggers of 0003 are replaced by ones that carry the type (and follow a type change).
- SQLite: event_search replaces event_fts and mention_fts. One FTS5 row per active event holds
  its title, summary and every source sentence, under the rowid
      (start day as a proleptic Gregorian ordinal) << 32 | event seq
  so that full-text matches come out of the index in date order, a date range is a rowid range
  that FTS5 seeks to, and a search's counts per day need neither the mention nor the event
  table. Triggers on event and mention rewrite an event's row whenever its text, start day or
  status changes.
- article.url_key (indexed): the page an article's address names, for same-address uploads.
- PostgreSQL: event_search replaces the tsvector indexes over events and mentions of 0001 in the
  same spirit: one row per active event (seq, start day, tsvector of all its text), a GIN index
  over the text and a B-tree over the day, kept by the same kind of triggers.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# The search key of an event row, in SQL: julianday('0001-01-01') is 1721425.5, the ordinal 1.
SEARCH_KEY = "((CAST(julianday({row}.date_start) - 1721424.5 AS INTEGER) << 32) | {row}.seq)"


def _refresh_search_row(event_id: str) -> list[str]:
    """Statements that rewrite one event's search row from its current text and mentions."""
    return [
        f"DELETE FROM event_search WHERE rowid = (SELECT {SEARCH_KEY.format(row='e')} FROM event e WHERE e.id = {event_id})",
        f"""INSERT INTO event_search(rowid, title, summary, sentences)
        SELECT {SEARCH_KEY.format(row='e')}, e.title, e.summary,
               coalesce((SELECT group_concat(m.sentence, ' ') FROM mention m WHERE m.event_id = e.id), '')
        FROM event e WHERE e.id = {event_id} AND e.status = 'active'""",
    ]


def _body(statements: list[str]) -> str:
    return "".join(f"{statement};\n" for statement in statements)


SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE event_search USING fts5(
        title, summary, sentences, tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER event_search_ai AFTER INSERT ON event WHEN new.status = 'active' BEGIN
        INSERT INTO event_search(rowid, title, summary, sentences)
        VALUES ({SEARCH_KEY.format(row='new')}, new.title, new.summary, '');
    END""",
    f"""CREATE TRIGGER event_search_au AFTER UPDATE OF title, summary, status, date_start ON event BEGIN
        DELETE FROM event_search WHERE rowid = {SEARCH_KEY.format(row='old')};
        {_body(_refresh_search_row('new.id'))}
    END""",
    f"""CREATE TRIGGER event_search_ad AFTER DELETE ON event BEGIN
        DELETE FROM event_search WHERE rowid = {SEARCH_KEY.format(row='old')};
    END""",
    f"""CREATE TRIGGER mention_search_ai AFTER INSERT ON mention BEGIN
        {_body(_refresh_search_row('new.event_id'))}
    END""",
    f"""CREATE TRIGGER mention_search_ad AFTER DELETE ON mention BEGIN
        {_body(_refresh_search_row('old.event_id'))}
    END""",
    f"""CREATE TRIGGER mention_search_au AFTER UPDATE OF event_id, sentence ON mention BEGIN
        {_body(_refresh_search_row('old.event_id'))}
        {_body(_refresh_search_row('new.event_id'))}
    END""",
]
SQLITE_SEARCH_DROP = [
    "DROP TRIGGER IF EXISTS mention_search_au",
    "DROP TRIGGER IF EXISTS mention_search_ad",
    "DROP TRIGGER IF EXISTS mention_search_ai",
    "DROP TRIGGER IF EXISTS event_search_ad",
    "DROP TRIGGER IF EXISTS event_search_au",
    "DROP TRIGGER IF EXISTS event_search_ai",
    "DROP TABLE IF EXISTS event_search",
]
SQLITE_SEARCH_FILL = f"""INSERT INTO event_search(rowid, title, summary, sentences)
    SELECT {SEARCH_KEY.format(row='e')}, e.title, e.summary,
           coalesce((SELECT group_concat(m.sentence, ' ') FROM mention m WHERE m.event_id = e.id), '')
    FROM event e WHERE e.status = 'active'"""

# PostgreSQL: the same idea with its own full-text search. One row per active event with its start
# day and its text as a tsvector; a GIN index finds a word's events, a B-tree their dates, and
# PostgreSQL combines the two (a bitmap AND) for a search within a period.
POSTGRES_DOCUMENT = """to_tsvector('english', coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' ||
    coalesce((SELECT string_agg(m.sentence, ' ' ORDER BY m.id) FROM mention m WHERE m.event_id = e.id), ''))"""
POSTGRES_SEARCH = [
    """CREATE TABLE event_search (
        seq integer PRIMARY KEY,
        date_start date NOT NULL,
        document tsvector NOT NULL)""",
    "CREATE INDEX ix_event_search_document ON event_search USING gin (document)",
    "CREATE INDEX ix_event_search_day ON event_search (date_start, seq)",
    f"""CREATE FUNCTION event_search_refresh(target varchar) RETURNS void LANGUAGE sql AS $$
        DELETE FROM event_search WHERE seq = (SELECT seq FROM event WHERE id = target);
        INSERT INTO event_search(seq, date_start, document)
        SELECT e.seq, e.date_start, {POSTGRES_DOCUMENT}
        FROM event e WHERE e.id = target AND e.status = 'active';
    $$""",
    """CREATE FUNCTION event_to_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM event_search WHERE seq = OLD.seq;
        ELSE
            PERFORM event_search_refresh(NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_search AFTER INSERT OR UPDATE OF title, summary, status, date_start OR DELETE
        ON event FOR EACH ROW EXECUTE FUNCTION event_to_search()""",
    """CREATE FUNCTION mention_to_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            PERFORM event_search_refresh(OLD.event_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.event_id IS DISTINCT FROM OLD.event_id
                                             OR NEW.sentence IS DISTINCT FROM OLD.sentence) THEN
            PERFORM event_search_refresh(NEW.event_id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER mention_search AFTER INSERT OR UPDATE OF event_id, sentence OR DELETE
        ON mention FOR EACH ROW EXECUTE FUNCTION mention_to_search()""",
]
POSTGRES_SEARCH_DROP = [
    "DROP TRIGGER IF EXISTS mention_search ON mention",
    "DROP FUNCTION IF EXISTS mention_to_search()",
    "DROP TRIGGER IF EXISTS event_search ON event",
    "DROP FUNCTION IF EXISTS event_to_search()",
    "DROP FUNCTION IF EXISTS event_search_refresh(varchar)",
    "DROP TABLE IF EXISTS event_search",
]
POSTGRES_SEARCH_FILL = f"""INSERT INTO event_search(seq, date_start, document)
    SELECT e.seq, e.date_start, {POSTGRES_DOCUMENT} FROM event e WHERE e.status = 'active'"""


def _initial_schema():
    """Migration 0001, whose per-event and per-mention search tables this one replaces (its
    statements create and drop them; a downgrade restores them)."""
    path = Path(__file__).with_name("0001_initial_schema.py")
    spec = importlib.util.spec_from_file_location("initial_schema_0001", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timeline_triggers(typed: bool) -> tuple[list[str], list[str]]:
    """The triggers that keep actor_timeline (SQLite, PostgreSQL), with or without its type."""
    type_column = ", type" if typed else ""
    event_type = ", type" if typed else ""
    new_type = ", new.type" if typed else ""
    pg_new_type = ", NEW.type" if typed else ""
    watched = "status, date_start, type" if typed else "status, date_start"
    sqlite_changed = "old.status IS NOT new.status OR old.date_start IS NOT new.date_start" + (
        " OR old.type IS NOT new.type" if typed else "")
    pg_changed = "OLD.status IS DISTINCT FROM NEW.status OR OLD.date_start IS DISTINCT FROM NEW.date_start" + (
        " OR OLD.type IS DISTINCT FROM NEW.type" if typed else "")
    sqlite = [
        f"""CREATE TRIGGER event_actor_timeline_ai AFTER INSERT ON event_actor BEGIN
            INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start{type_column})
            SELECT seq, new.actor_id, date_start{event_type} FROM event WHERE id = new.event_id AND status = 'active';
        END""",
        f"""CREATE TRIGGER event_actor_timeline_au AFTER UPDATE ON event_actor BEGIN
            DELETE FROM actor_timeline
            WHERE actor_id = old.actor_id AND event_seq = (SELECT seq FROM event WHERE id = old.event_id)
              AND NOT EXISTS (SELECT 1 FROM event_actor WHERE event_id = old.event_id AND actor_id = old.actor_id);
            INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start{type_column})
            SELECT seq, new.actor_id, date_start{event_type} FROM event WHERE id = new.event_id AND status = 'active';
        END""",
        f"""CREATE TRIGGER event_timeline_au AFTER UPDATE OF {watched} ON event
        WHEN {sqlite_changed}
        BEGIN
            DELETE FROM actor_timeline WHERE event_seq = old.seq;
            INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start{type_column})
            SELECT DISTINCT new.seq, actor_id, new.date_start{new_type} FROM event_actor
            WHERE event_id = new.id AND new.status = 'active';
        END""",
    ]
    postgres = [
        f"""CREATE OR REPLACE FUNCTION event_actor_to_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') AND NOT EXISTS (
                SELECT 1 FROM event_actor WHERE event_id = OLD.event_id AND actor_id = OLD.actor_id
            ) THEN
                DELETE FROM actor_timeline
                WHERE actor_id = OLD.actor_id AND event_seq = (SELECT seq FROM event WHERE id = OLD.event_id);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO actor_timeline(event_seq, actor_id, date_start{type_column})
                SELECT seq, NEW.actor_id, date_start{event_type} FROM event WHERE id = NEW.event_id AND status = 'active'
                ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION event_to_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM actor_timeline WHERE event_seq = OLD.seq;
            ELSIF {pg_changed} THEN
                DELETE FROM actor_timeline WHERE event_seq = OLD.seq;
                INSERT INTO actor_timeline(event_seq, actor_id, date_start{type_column})
                SELECT DISTINCT NEW.seq, actor_id, NEW.date_start{pg_new_type} FROM event_actor
                WHERE event_id = NEW.id AND NEW.status = 'active'
                ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END $$""",
        "DROP TRIGGER IF EXISTS event_timeline ON event",
        f"""CREATE TRIGGER event_timeline AFTER UPDATE OF {watched} OR DELETE ON event
            FOR EACH ROW EXECUTE FUNCTION event_to_timeline()""",
    ]
    return sqlite, postgres


SQLITE_TIMELINE_TRIGGER_NAMES = ["event_actor_timeline_ai", "event_actor_timeline_au", "event_timeline_au"]


def _replace_timeline_triggers(dialect: str, typed: bool) -> None:
    sqlite, postgres = _timeline_triggers(typed)
    if dialect == "sqlite":
        for name in SQLITE_TIMELINE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        statements = sqlite
    else:
        statements = postgres
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # article.url_key: the page an address names, so that a new version from the same story's
    # address with other tracking parameters is recognised (app/urls.py; backfilled here with
    # the function of this release: a later change to it would come with its own migration).
    from app.urls import address_key

    op.add_column('article', sa.Column('url_key', sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True))
    bind = op.get_bind()
    keys = [{"id": row.id, "key": address_key(row.url)}
            for row in bind.execute(sa.text("SELECT id, url FROM article WHERE url IS NOT NULL"))]
    if keys:
        bind.execute(sa.text("UPDATE article SET url_key = :key WHERE id = :id"), keys)
    op.create_index('ix_article_url_key', 'article', ['url_key'])
    # Plain ADD COLUMN, not a batch rebuild (which would drop other tables' triggers on SQLite).
    op.add_column('actor_timeline', sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=40),
                                              nullable=False, server_default=''))
    op.execute("UPDATE actor_timeline SET type = (SELECT type FROM event WHERE event.seq = actor_timeline.event_seq)")
    op.create_index('ix_actor_timeline_actor_type_date', 'actor_timeline',
                    ['actor_id', 'type', 'date_start', 'event_seq'])
    _replace_timeline_triggers(dialect, typed=True)
    if dialect == "sqlite" and op.get_bind().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None:
        # A database whose planner has statistics needs them for the new index too: without,
        # SQLite may read an actor's events through it and sort them all for a page of fifty.
        op.execute("ANALYZE actor_timeline")
    if dialect == "sqlite":
        for statement in _initial_schema().SQLITE_SEARCH_DROP:
            op.execute(statement)
        for statement in SQLITE_SEARCH:
            op.execute(statement)
        op.execute(SQLITE_SEARCH_FILL)
        # One segment: looking a word up costs one seek instead of one per segment of the fill.
        op.execute("INSERT INTO event_search(event_search) VALUES ('optimize')")
    else:
        for statement in _initial_schema().POSTGRES_SEARCH_DROP:
            op.execute(statement)
        for statement in POSTGRES_SEARCH:
            op.execute(statement)
        op.execute(POSTGRES_SEARCH_FILL)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_index('ix_article_url_key', table_name='article')
    op.execute("ALTER TABLE article DROP COLUMN url_key")
    _replace_timeline_triggers(dialect, typed=False)
    op.drop_index('ix_actor_timeline_actor_type_date', table_name='actor_timeline')
    op.execute("ALTER TABLE actor_timeline DROP COLUMN type")
    if dialect == "sqlite":
        for statement in SQLITE_SEARCH_DROP:
            op.execute(statement)
        for statement in _initial_schema().SQLITE_SEARCH:
            op.execute(statement)
        op.execute("INSERT INTO event_fts(event_fts) VALUES ('rebuild')")
        op.execute("INSERT INTO mention_fts(mention_fts) VALUES ('rebuild')")
    else:
        for statement in POSTGRES_SEARCH_DROP:
            op.execute(statement)
        for statement in _initial_schema().POSTGRES_SEARCH:
            op.execute(statement)
