"""collections: several conflicts in one installation

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-02 09:00:00

- collection (id, slug, name, description, optional date span and region). Row 1, the default
  collection, is created here and every existing article moves into it.
- article.collection_id (foreign key, indexed): every article belongs to exactly one collection.
- event.collection_id: the collection of its articles (merging never crosses collections), so a
  collection's events are one index range; six indexes mirror the event table's date, sources,
  type and importance orders within a collection (the date ones carry the importance, as 0006
  made theirs), and the span window covers the collection too.
- actor_timeline.collection_id with two indexes: an actor's events in one collection, in date
  order (with a type too), one index range. Actors themselves are shared by every collection.
- Per-collection kept counts, all kept by database triggers (SQLite and PostgreSQL):
  collection_day_count and collection_month_count (from `event`), collection_actor and
  collection_actor_month_count (from actor_timeline), collection_location and
  collection_location_month_count (the map's counts of 0006, from event_location and the
  events' status, start day and collection). On SQLite they are WITHOUT ROWID tables: a
  collection's months are read in key order with their counts, not through an index. The global
  counts stay as they were, so a question about every collection reads what it read before.
- The search index holds each event's collection: on SQLite a fourth FTS5 column with one
  token per collection ("collection7"), which a collection's search intersects with its words;
  on PostgreSQL a column of event_search indexed with the start day.
- admin_user.upload_collection_id: the collection an admin last uploaded into.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None

DEFAULT_COLLECTION = {"id": 1, "slug": "default", "name": "Default collection",
                      "description": "Articles added without naming a collection."}
EVENT_INDEXES = {
    "ix_event_collection_date_sources": ["collection_id", "status", "date_start", "sources_count", "importance"],
    "ix_event_collection_sources_date": ["collection_id", "status", "sources_count", "date_start"],
    "ix_event_collection_type_date": ["collection_id", "status", "type", "date_start", "sources_count", "importance"],
    "ix_event_collection_type_sources": ["collection_id", "status", "type", "sources_count", "date_start"],
    "ix_event_collection_importance": ["collection_id", "status", "importance", "date_start", "date_end", "open_end"],
    "ix_event_collection_type_importance": ["collection_id", "status", "type", "importance", "date_start", "date_end",
                                            "open_end"],
}
TIMELINE_INDEXES = {
    "ix_actor_timeline_collection_actor_date": ["collection_id", "actor_id", "date_start", "event_seq"],
    "ix_actor_timeline_collection_actor_type_date": ["collection_id", "actor_id", "type", "date_start", "event_seq"],
}
SPAN_WINDOW = ["span_class", "date_start", "date_end", "open_end", "status"]


def _migration(filename: str, name: str):
    """An earlier migration's module, for the statements this one replaces (and a downgrade restores)."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- per-collection counts: event -> collection_day_count -> collection_month_count ---------------

SQLITE_COUNTS = [
    """CREATE TRIGGER event_collection_count_ai AFTER INSERT ON event WHEN new.status = 'active' BEGIN
        INSERT INTO collection_day_count(collection_id, day, type, count)
        VALUES (new.collection_id, new.date_start, new.type, 1)
        ON CONFLICT(collection_id, day, type) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER event_collection_count_au AFTER UPDATE OF status, date_start, type, collection_id ON event
    WHEN old.status IS NOT new.status OR old.date_start IS NOT new.date_start OR old.type IS NOT new.type
         OR old.collection_id IS NOT new.collection_id
    BEGIN
        UPDATE collection_day_count SET count = count - 1
        WHERE old.status = 'active' AND collection_id = old.collection_id AND day = old.date_start AND type = old.type;
        INSERT INTO collection_day_count(collection_id, day, type, count)
        SELECT new.collection_id, new.date_start, new.type, 1 WHERE new.status = 'active'
        ON CONFLICT(collection_id, day, type) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER event_collection_count_ad AFTER DELETE ON event WHEN old.status = 'active' BEGIN
        UPDATE collection_day_count SET count = count - 1
        WHERE collection_id = old.collection_id AND day = old.date_start AND type = old.type;
    END""",
    """CREATE TRIGGER collection_day_count_month_ai AFTER INSERT ON collection_day_count BEGIN
        INSERT INTO collection_month_count(collection_id, month, type, count)
        VALUES (new.collection_id, date(new.day, 'start of month'), new.type, new.count)
        ON CONFLICT(collection_id, month, type) DO UPDATE SET count = count + excluded.count;
    END""",
    """CREATE TRIGGER collection_day_count_month_ad AFTER DELETE ON collection_day_count BEGIN
        UPDATE collection_month_count SET count = count - old.count
        WHERE collection_id = old.collection_id AND month = date(old.day, 'start of month') AND type = old.type;
    END""",
    """CREATE TRIGGER collection_day_count_month_au AFTER UPDATE ON collection_day_count BEGIN
        UPDATE collection_month_count SET count = count - old.count
        WHERE collection_id = old.collection_id AND month = date(old.day, 'start of month') AND type = old.type;
        INSERT INTO collection_month_count(collection_id, month, type, count)
        VALUES (new.collection_id, date(new.day, 'start of month'), new.type, new.count)
        ON CONFLICT(collection_id, month, type) DO UPDATE SET count = count + excluded.count;
    END""",
    # actor_timeline -> an actor's counts within its event's collection.
    """CREATE TRIGGER actor_timeline_collection_ai AFTER INSERT ON actor_timeline BEGIN
        INSERT INTO collection_actor(collection_id, actor_id, events_count) VALUES (new.collection_id, new.actor_id, 1)
        ON CONFLICT(collection_id, actor_id) DO UPDATE SET events_count = events_count + 1;
        INSERT INTO collection_actor_month_count(collection_id, actor_id, month, count)
        VALUES (new.collection_id, new.actor_id, date(new.date_start, 'start of month'), 1)
        ON CONFLICT(collection_id, actor_id, month) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER actor_timeline_collection_ad AFTER DELETE ON actor_timeline BEGIN
        UPDATE collection_actor SET events_count = events_count - 1
        WHERE collection_id = old.collection_id AND actor_id = old.actor_id;
        UPDATE collection_actor_month_count SET count = count - 1
        WHERE collection_id = old.collection_id AND actor_id = old.actor_id
          AND month = date(old.date_start, 'start of month');
    END""",
    """CREATE TRIGGER actor_timeline_collection_au AFTER UPDATE ON actor_timeline BEGIN
        UPDATE collection_actor SET events_count = events_count - 1
        WHERE collection_id = old.collection_id AND actor_id = old.actor_id;
        UPDATE collection_actor_month_count SET count = count - 1
        WHERE collection_id = old.collection_id AND actor_id = old.actor_id
          AND month = date(old.date_start, 'start of month');
        INSERT INTO collection_actor(collection_id, actor_id, events_count) VALUES (new.collection_id, new.actor_id, 1)
        ON CONFLICT(collection_id, actor_id) DO UPDATE SET events_count = events_count + 1;
        INSERT INTO collection_actor_month_count(collection_id, actor_id, month, count)
        VALUES (new.collection_id, new.actor_id, date(new.date_start, 'start of month'), 1)
        ON CONFLICT(collection_id, actor_id, month) DO UPDATE SET count = count + 1;
    END""",
]
SQLITE_COUNT_TRIGGERS = [
    "event_collection_count_ai", "event_collection_count_au", "event_collection_count_ad",
    "collection_day_count_month_ai", "collection_day_count_month_ad", "collection_day_count_month_au",
    "actor_timeline_collection_ai", "actor_timeline_collection_ad", "actor_timeline_collection_au",
]

POSTGRES_COUNTS = [
    """CREATE FUNCTION event_to_collection_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.status = 'active' THEN
            UPDATE collection_day_count SET count = count - 1
            WHERE collection_id = OLD.collection_id AND day = OLD.date_start AND type = OLD.type;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
            INSERT INTO collection_day_count(collection_id, day, type, count)
            VALUES (NEW.collection_id, NEW.date_start, NEW.type, 1)
            ON CONFLICT (collection_id, day, type) DO UPDATE SET count = collection_day_count.count + 1;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_collection_count AFTER INSERT OR DELETE ON event
        FOR EACH ROW EXECUTE FUNCTION event_to_collection_count()""",
    """CREATE TRIGGER event_collection_count_update AFTER UPDATE OF status, date_start, type, collection_id ON event
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.date_start IS DISTINCT FROM NEW.date_start
                           OR OLD.type IS DISTINCT FROM NEW.type OR OLD.collection_id IS DISTINCT FROM NEW.collection_id)
        EXECUTE FUNCTION event_to_collection_count()""",
    """CREATE FUNCTION collection_day_count_to_month() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE collection_month_count SET count = count - OLD.count
            WHERE collection_id = OLD.collection_id AND month = date_trunc('month', OLD.day)::date AND type = OLD.type;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO collection_month_count(collection_id, month, type, count)
            VALUES (NEW.collection_id, date_trunc('month', NEW.day)::date, NEW.type, NEW.count)
            ON CONFLICT (collection_id, month, type)
            DO UPDATE SET count = collection_month_count.count + EXCLUDED.count;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER collection_day_count_month AFTER INSERT OR UPDATE OR DELETE ON collection_day_count
        FOR EACH ROW EXECUTE FUNCTION collection_day_count_to_month()""",
    """CREATE FUNCTION actor_timeline_to_collection() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE collection_actor SET events_count = events_count - 1
            WHERE collection_id = OLD.collection_id AND actor_id = OLD.actor_id;
            UPDATE collection_actor_month_count SET count = count - 1
            WHERE collection_id = OLD.collection_id AND actor_id = OLD.actor_id
              AND month = date_trunc('month', OLD.date_start)::date;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO collection_actor(collection_id, actor_id, events_count)
            VALUES (NEW.collection_id, NEW.actor_id, 1)
            ON CONFLICT (collection_id, actor_id) DO UPDATE SET events_count = collection_actor.events_count + 1;
            INSERT INTO collection_actor_month_count(collection_id, actor_id, month, count)
            VALUES (NEW.collection_id, NEW.actor_id, date_trunc('month', NEW.date_start)::date, 1)
            ON CONFLICT (collection_id, actor_id, month) DO UPDATE SET count = collection_actor_month_count.count + 1;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER actor_timeline_collection AFTER INSERT OR UPDATE OR DELETE ON actor_timeline
        FOR EACH ROW EXECUTE FUNCTION actor_timeline_to_collection()""",
]
POSTGRES_COUNTS_DROP = [
    "DROP TRIGGER IF EXISTS actor_timeline_collection ON actor_timeline",
    "DROP FUNCTION IF EXISTS actor_timeline_to_collection()",
    "DROP TRIGGER IF EXISTS collection_day_count_month ON collection_day_count",
    "DROP FUNCTION IF EXISTS collection_day_count_to_month()",
    "DROP TRIGGER IF EXISTS event_collection_count_update ON event",
    "DROP TRIGGER IF EXISTS event_collection_count ON event",
    "DROP FUNCTION IF EXISTS event_to_collection_count()",
]


# --- per-collection place counts: event_location and event -> collection_location(_month_count) --
# Migration 0006's place counts within one collection, following an event that changes collection.

SQLITE_PLACE_COUNTS = [
    """CREATE TRIGGER event_location_collection_ai AFTER INSERT ON event_location BEGIN
        INSERT INTO collection_location_month_count(collection_id, month, location_id, count)
        SELECT collection_id, date(date_start, 'start of month'), new.location_id, 1 FROM event
        WHERE id = new.event_id AND status = 'active'
        ON CONFLICT(collection_id, month, location_id) DO UPDATE SET count = count + 1;
        INSERT INTO collection_location(collection_id, location_id, events_count)
        SELECT collection_id, new.location_id, 1 FROM event WHERE id = new.event_id AND status = 'active'
        ON CONFLICT(collection_id, location_id) DO UPDATE SET events_count = events_count + 1;
    END""",
    """CREATE TRIGGER event_location_collection_ad AFTER DELETE ON event_location BEGIN
        UPDATE collection_location_month_count SET count = count - 1
        WHERE collection_id = (SELECT collection_id FROM event WHERE id = old.event_id AND status = 'active')
          AND month = (SELECT date(date_start, 'start of month') FROM event WHERE id = old.event_id AND status = 'active')
          AND location_id = old.location_id;
        UPDATE collection_location SET events_count = events_count - 1
        WHERE collection_id = (SELECT collection_id FROM event WHERE id = old.event_id AND status = 'active')
          AND location_id = old.location_id;
    END""",
    """CREATE TRIGGER event_location_collection_au AFTER UPDATE ON event_location BEGIN
        UPDATE collection_location_month_count SET count = count - 1
        WHERE collection_id = (SELECT collection_id FROM event WHERE id = old.event_id AND status = 'active')
          AND month = (SELECT date(date_start, 'start of month') FROM event WHERE id = old.event_id AND status = 'active')
          AND location_id = old.location_id;
        UPDATE collection_location SET events_count = events_count - 1
        WHERE collection_id = (SELECT collection_id FROM event WHERE id = old.event_id AND status = 'active')
          AND location_id = old.location_id;
        INSERT INTO collection_location_month_count(collection_id, month, location_id, count)
        SELECT collection_id, date(date_start, 'start of month'), new.location_id, 1 FROM event
        WHERE id = new.event_id AND status = 'active'
        ON CONFLICT(collection_id, month, location_id) DO UPDATE SET count = count + 1;
        INSERT INTO collection_location(collection_id, location_id, events_count)
        SELECT collection_id, new.location_id, 1 FROM event WHERE id = new.event_id AND status = 'active'
        ON CONFLICT(collection_id, location_id) DO UPDATE SET events_count = events_count + 1;
    END""",
    """CREATE TRIGGER event_location_collection_event_au AFTER UPDATE OF status, date_start, collection_id ON event
    WHEN old.status IS NOT new.status OR old.date_start IS NOT new.date_start OR old.collection_id IS NOT new.collection_id
    BEGIN
        UPDATE collection_location_month_count SET count = count - 1
        WHERE old.status = 'active' AND collection_id = old.collection_id AND month = date(old.date_start, 'start of month')
          AND location_id IN (SELECT location_id FROM event_location WHERE event_id = old.id);
        UPDATE collection_location SET events_count = events_count - 1
        WHERE old.status = 'active' AND collection_id = old.collection_id
          AND location_id IN (SELECT location_id FROM event_location WHERE event_id = old.id);
        INSERT INTO collection_location_month_count(collection_id, month, location_id, count)
        SELECT new.collection_id, date(new.date_start, 'start of month'), location_id, 1 FROM event_location
        WHERE event_id = new.id AND new.status = 'active'
        ON CONFLICT(collection_id, month, location_id) DO UPDATE SET count = count + 1;
        INSERT INTO collection_location(collection_id, location_id, events_count)
        SELECT new.collection_id, location_id, 1 FROM event_location WHERE event_id = new.id AND new.status = 'active'
        ON CONFLICT(collection_id, location_id) DO UPDATE SET events_count = events_count + 1;
    END""",
]
SQLITE_PLACE_COUNT_TRIGGERS = ["event_location_collection_ai", "event_location_collection_ad",
                               "event_location_collection_au", "event_location_collection_event_au"]

POSTGRES_PLACE_COUNTS = [
    """CREATE FUNCTION event_location_to_collection_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE collection_location_month_count AS c SET count = c.count - 1
            FROM event e WHERE e.id = OLD.event_id AND e.status = 'active' AND c.collection_id = e.collection_id
              AND c.month = date_trunc('month', e.date_start)::date AND c.location_id = OLD.location_id;
            UPDATE collection_location AS c SET events_count = c.events_count - 1
            FROM event e WHERE e.id = OLD.event_id AND e.status = 'active' AND c.collection_id = e.collection_id
              AND c.location_id = OLD.location_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO collection_location_month_count(collection_id, month, location_id, count)
            SELECT collection_id, date_trunc('month', date_start)::date, NEW.location_id, 1 FROM event
            WHERE id = NEW.event_id AND status = 'active'
            ON CONFLICT (collection_id, month, location_id)
            DO UPDATE SET count = collection_location_month_count.count + 1;
            INSERT INTO collection_location(collection_id, location_id, events_count)
            SELECT collection_id, NEW.location_id, 1 FROM event WHERE id = NEW.event_id AND status = 'active'
            ON CONFLICT (collection_id, location_id) DO UPDATE SET events_count = collection_location.events_count + 1;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_location_collection_counts AFTER INSERT OR UPDATE OR DELETE ON event_location
        FOR EACH ROW EXECUTE FUNCTION event_location_to_collection_counts()""",
    """CREATE FUNCTION event_to_collection_location_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status IS DISTINCT FROM NEW.status OR OLD.date_start IS DISTINCT FROM NEW.date_start
           OR OLD.collection_id IS DISTINCT FROM NEW.collection_id THEN
            IF OLD.status = 'active' THEN
                UPDATE collection_location_month_count SET count = count - 1
                WHERE collection_id = OLD.collection_id AND month = date_trunc('month', OLD.date_start)::date
                  AND location_id IN (SELECT location_id FROM event_location WHERE event_id = OLD.id);
                UPDATE collection_location SET events_count = events_count - 1
                WHERE collection_id = OLD.collection_id
                  AND location_id IN (SELECT location_id FROM event_location WHERE event_id = OLD.id);
            END IF;
            IF NEW.status = 'active' THEN
                INSERT INTO collection_location_month_count(collection_id, month, location_id, count)
                SELECT NEW.collection_id, date_trunc('month', NEW.date_start)::date, location_id, 1 FROM event_location
                WHERE event_id = NEW.id
                ON CONFLICT (collection_id, month, location_id)
                DO UPDATE SET count = collection_location_month_count.count + 1;
                INSERT INTO collection_location(collection_id, location_id, events_count)
                SELECT NEW.collection_id, location_id, 1 FROM event_location WHERE event_id = NEW.id
                ON CONFLICT (collection_id, location_id) DO UPDATE SET events_count = collection_location.events_count + 1;
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_collection_location_counts AFTER UPDATE OF status, date_start, collection_id ON event
        FOR EACH ROW EXECUTE FUNCTION event_to_collection_location_counts()""",
]
POSTGRES_PLACE_COUNTS_DROP = [
    "DROP TRIGGER IF EXISTS event_collection_location_counts ON event",
    "DROP FUNCTION IF EXISTS event_to_collection_location_counts()",
    "DROP TRIGGER IF EXISTS event_location_collection_counts ON event_location",
    "DROP FUNCTION IF EXISTS event_location_to_collection_counts()",
]


# --- actor_timeline carries the event's collection ---------------------------------------------
# Migration 0004's triggers, with the collection added and followed when an event moves.

SQLITE_TIMELINE = [
    """CREATE TRIGGER event_actor_timeline_ai AFTER INSERT ON event_actor BEGIN
        INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start, type, collection_id)
        SELECT seq, new.actor_id, date_start, type, collection_id FROM event WHERE id = new.event_id AND status = 'active';
    END""",
    """CREATE TRIGGER event_actor_timeline_au AFTER UPDATE ON event_actor BEGIN
        DELETE FROM actor_timeline
        WHERE actor_id = old.actor_id AND event_seq = (SELECT seq FROM event WHERE id = old.event_id)
          AND NOT EXISTS (SELECT 1 FROM event_actor WHERE event_id = old.event_id AND actor_id = old.actor_id);
        INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start, type, collection_id)
        SELECT seq, new.actor_id, date_start, type, collection_id FROM event WHERE id = new.event_id AND status = 'active';
    END""",
    """CREATE TRIGGER event_timeline_au AFTER UPDATE OF status, date_start, type, collection_id ON event
    WHEN old.status IS NOT new.status OR old.date_start IS NOT new.date_start OR old.type IS NOT new.type
         OR old.collection_id IS NOT new.collection_id
    BEGIN
        DELETE FROM actor_timeline WHERE event_seq = old.seq;
        INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start, type, collection_id)
        SELECT DISTINCT new.seq, actor_id, new.date_start, new.type, new.collection_id FROM event_actor
        WHERE event_id = new.id AND new.status = 'active';
    END""",
]
SQLITE_TIMELINE_TRIGGERS = ["event_actor_timeline_ai", "event_actor_timeline_au", "event_timeline_au"]
POSTGRES_TIMELINE = [
    """CREATE OR REPLACE FUNCTION event_actor_to_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') AND NOT EXISTS (
            SELECT 1 FROM event_actor WHERE event_id = OLD.event_id AND actor_id = OLD.actor_id
        ) THEN
            DELETE FROM actor_timeline
            WHERE actor_id = OLD.actor_id AND event_seq = (SELECT seq FROM event WHERE id = OLD.event_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO actor_timeline(event_seq, actor_id, date_start, type, collection_id)
            SELECT seq, NEW.actor_id, date_start, type, collection_id FROM event
            WHERE id = NEW.event_id AND status = 'active'
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION event_to_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM actor_timeline WHERE event_seq = OLD.seq;
        ELSIF OLD.status IS DISTINCT FROM NEW.status OR OLD.date_start IS DISTINCT FROM NEW.date_start
              OR OLD.type IS DISTINCT FROM NEW.type OR OLD.collection_id IS DISTINCT FROM NEW.collection_id THEN
            DELETE FROM actor_timeline WHERE event_seq = OLD.seq;
            INSERT INTO actor_timeline(event_seq, actor_id, date_start, type, collection_id)
            SELECT DISTINCT NEW.seq, actor_id, NEW.date_start, NEW.type, NEW.collection_id FROM event_actor
            WHERE event_id = NEW.id AND NEW.status = 'active'
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS event_timeline ON event",
    """CREATE TRIGGER event_timeline AFTER UPDATE OF status, date_start, type, collection_id OR DELETE ON event
        FOR EACH ROW EXECUTE FUNCTION event_to_timeline()""",
]


# --- the search index knows each event's collection ---------------------------------------------

SEARCH_KEY = "((CAST(julianday({row}.date_start) - 1721424.5 AS INTEGER) << 32) | {row}.seq)"
# The token of an event's collection in SQLite's index (app/db/search.py: scope_token).
SCOPE = "'collection' || {row}.collection_id"


def _refresh_search_row(event_id: str) -> list[str]:
    return [
        f"DELETE FROM event_search WHERE rowid = (SELECT {SEARCH_KEY.format(row='e')} FROM event e WHERE e.id = {event_id})",
        f"""INSERT INTO event_search(rowid, title, summary, sentences, collection)
        SELECT {SEARCH_KEY.format(row='e')}, e.title, e.summary,
               coalesce((SELECT group_concat(m.sentence, ' ') FROM mention m WHERE m.event_id = e.id), ''),
               {SCOPE.format(row='e')}
        FROM event e WHERE e.id = {event_id} AND e.status = 'active'""",
    ]


def _body(statements: list[str]) -> str:
    return "".join(f"{statement};\n" for statement in statements)


SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE event_search USING fts5(
        title, summary, sentences, collection, tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER event_search_ai AFTER INSERT ON event WHEN new.status = 'active' BEGIN
        INSERT INTO event_search(rowid, title, summary, sentences, collection)
        VALUES ({SEARCH_KEY.format(row='new')}, new.title, new.summary, '', {SCOPE.format(row='new')});
    END""",
    f"""CREATE TRIGGER event_search_au AFTER UPDATE OF title, summary, status, date_start, collection_id ON event BEGIN
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
SQLITE_SEARCH_FILL = f"""INSERT INTO event_search(rowid, title, summary, sentences, collection)
    SELECT {SEARCH_KEY.format(row='e')}, e.title, e.summary,
           coalesce((SELECT group_concat(m.sentence, ' ') FROM mention m WHERE m.event_id = e.id), ''),
           {SCOPE.format(row='e')}
    FROM event e WHERE e.status = 'active'"""

POSTGRES_DOCUMENT = """to_tsvector('english', coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' ||
    coalesce((SELECT string_agg(m.sentence, ' ' ORDER BY m.id) FROM mention m WHERE m.event_id = e.id), ''))"""
POSTGRES_SEARCH = [
    f"""CREATE OR REPLACE FUNCTION event_search_refresh(target varchar) RETURNS void LANGUAGE sql AS $$
        DELETE FROM event_search WHERE seq = (SELECT seq FROM event WHERE id = target);
        INSERT INTO event_search(seq, date_start, document, collection_id)
        SELECT e.seq, e.date_start, {POSTGRES_DOCUMENT}, e.collection_id
        FROM event e WHERE e.id = target AND e.status = 'active';
    $$""",
    "DROP TRIGGER IF EXISTS event_search ON event",
    """CREATE TRIGGER event_search AFTER INSERT OR UPDATE OF title, summary, status, date_start, collection_id OR DELETE
        ON event FOR EACH ROW EXECUTE FUNCTION event_to_search()""",
]
POSTGRES_SEARCH_RESTORE = [
    f"""CREATE OR REPLACE FUNCTION event_search_refresh(target varchar) RETURNS void LANGUAGE sql AS $$
        DELETE FROM event_search WHERE seq = (SELECT seq FROM event WHERE id = target);
        INSERT INTO event_search(seq, date_start, document)
        SELECT e.seq, e.date_start, {POSTGRES_DOCUMENT}
        FROM event e WHERE e.id = target AND e.status = 'active';
    $$""",
    "DROP TRIGGER IF EXISTS event_search ON event",
    """CREATE TRIGGER event_search AFTER INSERT OR UPDATE OF title, summary, status, date_start OR DELETE
        ON event FOR EACH ROW EXECUTE FUNCTION event_to_search()""",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    sqlite = dialect == "sqlite"
    collection = op.create_table(
        'collection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('description', sa.Text(), server_default='', nullable=False),
        sa.Column('date_from', sa.Date(), nullable=True),
        sa.Column('date_to', sa.Date(), nullable=True),
        sa.Column('region', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('slug'),
    )
    op.bulk_insert(collection, [{**DEFAULT_COLLECTION, "created_at": dt.datetime.now(dt.timezone.utc)}])
    if not sqlite:  # the next collection created gets 2
        op.execute("SELECT setval(pg_get_serial_sequence('collection', 'id'), 1)")

    # article.collection_id, a foreign key. SQLite cannot add a referencing column with a default
    # other than NULL, so the table is rebuilt (batch mode; migrations/env.py checks every foreign
    # key before the commit).
    with op.batch_alter_table('article', recreate='always' if sqlite else 'auto') as batch_op:
        batch_op.add_column(sa.Column('collection_id', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_index('ix_article_collection_id', ['collection_id'], unique=False)
        batch_op.create_foreign_key('fk_article_collection_id_collection', 'collection', ['collection_id'], ['id'])
    # admin_user.upload_collection_id: NULL by default, so a plain ADD COLUMN can reference.
    with op.batch_alter_table('admin_user', recreate='always' if sqlite else 'auto') as batch_op:
        batch_op.add_column(sa.Column('upload_collection_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_admin_user_upload_collection_id_collection', 'collection',
                                    ['upload_collection_id'], ['id'], ondelete='SET NULL')

    # Plain ADD COLUMN on event and actor_timeline: a batch rebuild would drop their triggers.
    op.add_column('event', sa.Column('collection_id', sa.Integer(), server_default='1', nullable=False))
    op.add_column('actor_timeline', sa.Column('collection_id', sa.Integer(), server_default='1', nullable=False))
    op.drop_index('ix_event_span_window', table_name='event')
    op.create_index('ix_event_span_window', 'event', [*SPAN_WINDOW, 'collection_id'])
    for name, columns in EVENT_INDEXES.items():
        op.create_index(name, 'event', columns)
    for name, columns in TIMELINE_INDEXES.items():
        op.create_index(name, 'actor_timeline', columns)

    op.create_table(
        'collection_day_count',
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('collection_id', 'day', 'type'),
        sqlite_with_rowid=False,  # read in key order, counts included (SQLite; ignored elsewhere)
    )
    op.create_table(
        'collection_month_count',
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('collection_id', 'month', 'type'),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'collection_actor',
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('events_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('collection_id', 'actor_id'),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_collection_actor_count', 'collection_actor', ['collection_id', 'events_count'])
    op.create_table(
        'collection_actor_month_count',
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('collection_id', 'actor_id', 'month'),
        sqlite_with_rowid=False,
    )

    op.create_table(
        'collection_location',
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('location_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('events_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('collection_id', 'location_id'),
        sqlite_with_rowid=False,
    )
    op.create_table(
        'collection_location_month_count',
        sa.Column('collection_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('location_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('collection_id', 'month', 'location_id'),
        sqlite_with_rowid=False,
    )

    # Existing rows, in bulk, before the triggers exist: everything is in the default collection.
    month = "date(day, 'start of month')" if sqlite else "date_trunc('month', day)::date"
    actor_month = "date(date_start, 'start of month')" if sqlite else "date_trunc('month', date_start)::date"
    op.execute("INSERT INTO collection_day_count(collection_id, day, type, count) "
               "SELECT collection_id, date_start, type, count(*) FROM event WHERE status = 'active' "
               "GROUP BY collection_id, date_start, type")
    op.execute(f"INSERT INTO collection_month_count(collection_id, month, type, count) "
               f"SELECT collection_id, {month}, type, sum(count) FROM collection_day_count "
               f"GROUP BY collection_id, {month}, type")
    op.execute("INSERT INTO collection_actor(collection_id, actor_id, events_count) "
               "SELECT collection_id, actor_id, count(*) FROM actor_timeline GROUP BY collection_id, actor_id")
    op.execute(f"INSERT INTO collection_actor_month_count(collection_id, actor_id, month, count) "
               f"SELECT collection_id, actor_id, {actor_month}, count(*) FROM actor_timeline "
               f"GROUP BY collection_id, actor_id, {actor_month}")
    event_month = "date(event.date_start, 'start of month')" if sqlite else "date_trunc('month', event.date_start)::date"
    op.execute(f"INSERT INTO collection_location_month_count(collection_id, month, location_id, count) "
               f"SELECT event.collection_id, {event_month}, event_location.location_id, count(*) FROM event_location "
               f"JOIN event ON event.id = event_location.event_id WHERE event.status = 'active' "
               f"GROUP BY event.collection_id, {event_month}, event_location.location_id")
    op.execute("INSERT INTO collection_location(collection_id, location_id, events_count) "
               "SELECT collection_id, location_id, sum(count) FROM collection_location_month_count "
               "GROUP BY collection_id, location_id")

    if sqlite:
        for name in SQLITE_TIMELINE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in SQLITE_TIMELINE + SQLITE_COUNTS + SQLITE_PLACE_COUNTS:
            op.execute(statement)
        for statement in _migration("0004_typed_timeline_date_keyed_search.py", "search_0004").SQLITE_SEARCH_DROP:
            op.execute(statement)
        for statement in SQLITE_SEARCH:
            op.execute(statement)
        op.execute(SQLITE_SEARCH_FILL)
        op.execute("INSERT INTO event_search(event_search) VALUES ('optimize')")
        if op.get_bind().exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
            # A database with planner statistics needs them for the new indexes too.
            op.execute("ANALYZE")
    else:
        for statement in POSTGRES_TIMELINE + POSTGRES_COUNTS + POSTGRES_PLACE_COUNTS:
            op.execute(statement)
        op.add_column('event_search', sa.Column('collection_id', sa.Integer(), server_default='1', nullable=False))
        op.execute("CREATE INDEX ix_event_search_collection_day ON event_search (collection_id, date_start, seq)")
        for statement in POSTGRES_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    sqlite = dialect == "sqlite"
    search_0004 = _migration("0004_typed_timeline_date_keyed_search.py", "search_0004")
    if sqlite:
        for name in SQLITE_COUNT_TRIGGERS + SQLITE_PLACE_COUNT_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in SQLITE_TIMELINE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in search_0004.SQLITE_SEARCH_DROP:
            op.execute(statement)
        for statement in search_0004.SQLITE_SEARCH:
            op.execute(statement)
        op.execute(search_0004.SQLITE_SEARCH_FILL)
        op.execute("INSERT INTO event_search(event_search) VALUES ('optimize')")
    else:
        for statement in POSTGRES_COUNTS_DROP + POSTGRES_PLACE_COUNTS_DROP:
            op.execute(statement)
        for statement in POSTGRES_SEARCH_RESTORE:
            op.execute(statement)
        op.execute("DROP INDEX IF EXISTS ix_event_search_collection_day")
        op.drop_column('event_search', 'collection_id')
    search_0004._replace_timeline_triggers(dialect, typed=True)

    op.drop_table('collection_location_month_count')
    op.drop_table('collection_location')
    op.drop_table('collection_actor_month_count')
    op.drop_index('ix_collection_actor_count', table_name='collection_actor')
    op.drop_table('collection_actor')
    op.drop_table('collection_month_count')
    op.drop_table('collection_day_count')
    for name in TIMELINE_INDEXES:
        op.drop_index(name, table_name='actor_timeline')
    for name in EVENT_INDEXES:
        op.drop_index(name, table_name='event')
    op.drop_index('ix_event_span_window', table_name='event')
    op.create_index('ix_event_span_window', 'event', SPAN_WINDOW)
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): no rebuild, the triggers stay.
    op.execute("ALTER TABLE actor_timeline DROP COLUMN collection_id")
    op.execute("ALTER TABLE event DROP COLUMN collection_id")
    with op.batch_alter_table('admin_user', recreate='always' if sqlite else 'auto') as batch_op:
        batch_op.drop_constraint('fk_admin_user_upload_collection_id_collection', type_='foreignkey')
        batch_op.drop_column('upload_collection_id')
    with op.batch_alter_table('article', recreate='always' if sqlite else 'auto') as batch_op:
        batch_op.drop_constraint('fk_article_collection_id_collection', type_='foreignkey')
        batch_op.drop_index('ix_article_collection_id')
        batch_op.drop_column('collection_id')
    op.drop_table('collection')
