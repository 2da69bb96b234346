"""actor timeline: actors' events by date, per-actor month counts, type-ordered indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00

- actor_timeline (event_seq, actor_id, date_start), indexed (actor_id, date_start, event_seq):
  one row per actor and active event. An actor filter reads "this actor's events in this period,
  in date order" from one index range, and stops at the page size.
- actor_month_count (actor_id, month, count): an actor filter's histograms and counts.
- actor.events_count: the actor list without counting every event.
- ix_event_status_type_date, ix_event_status_type_sources: a type filter in date order, and a
  big bucket's most corroborated events of one type.
- ix_event_span_window replaces ix_event_span_date: the same search for events reaching into a
  range from before it, covering (end, open end, status), so it reads no table rows.

All three aggregates are kept by database triggers, on SQLite and PostgreSQL alike: event_actor
and event (status, start day) feed actor_timeline, which feeds the two counts. The services only
write events and their actors, as before, and cannot forget a case.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


SQLITE_TRIGGERS = [
    # event_actor -> actor_timeline. An actor may hold two roles in one event: one timeline row,
    # removed when the last of its roles goes.
    """CREATE TRIGGER event_actor_timeline_ai AFTER INSERT ON event_actor BEGIN
        INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start)
        SELECT seq, new.actor_id, date_start FROM event WHERE id = new.event_id AND status = 'active';
    END""",
    """CREATE TRIGGER event_actor_timeline_ad AFTER DELETE ON event_actor
    WHEN NOT EXISTS (SELECT 1 FROM event_actor WHERE event_id = old.event_id AND actor_id = old.actor_id)
    BEGIN
        DELETE FROM actor_timeline
        WHERE actor_id = old.actor_id AND event_seq = (SELECT seq FROM event WHERE id = old.event_id);
    END""",
    """CREATE TRIGGER event_actor_timeline_au AFTER UPDATE ON event_actor BEGIN
        DELETE FROM actor_timeline
        WHERE actor_id = old.actor_id AND event_seq = (SELECT seq FROM event WHERE id = old.event_id)
          AND NOT EXISTS (SELECT 1 FROM event_actor WHERE event_id = old.event_id AND actor_id = old.actor_id);
        INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start)
        SELECT seq, new.actor_id, date_start FROM event WHERE id = new.event_id AND status = 'active';
    END""",
    # event -> actor_timeline: an event hidden, deleted, restored or moved in time.
    """CREATE TRIGGER event_timeline_au AFTER UPDATE OF status, date_start ON event
    WHEN old.status IS NOT new.status OR old.date_start IS NOT new.date_start
    BEGIN
        DELETE FROM actor_timeline WHERE event_seq = old.seq;
        INSERT OR IGNORE INTO actor_timeline(event_seq, actor_id, date_start)
        SELECT DISTINCT new.seq, actor_id, new.date_start FROM event_actor
        WHERE event_id = new.id AND new.status = 'active';
    END""",
    """CREATE TRIGGER event_timeline_ad AFTER DELETE ON event BEGIN
        DELETE FROM actor_timeline WHERE event_seq = old.seq;
    END""",
    # actor_timeline -> actor_month_count and actor.events_count.
    """CREATE TRIGGER actor_timeline_counts_ai AFTER INSERT ON actor_timeline BEGIN
        INSERT INTO actor_month_count(actor_id, month, count)
        VALUES (new.actor_id, date(new.date_start, 'start of month'), 1)
        ON CONFLICT(actor_id, month) DO UPDATE SET count = count + 1;
        UPDATE actor SET events_count = events_count + 1 WHERE id = new.actor_id;
    END""",
    """CREATE TRIGGER actor_timeline_counts_ad AFTER DELETE ON actor_timeline BEGIN
        UPDATE actor_month_count SET count = count - 1
        WHERE actor_id = old.actor_id AND month = date(old.date_start, 'start of month');
        UPDATE actor SET events_count = events_count - 1 WHERE id = old.actor_id;
    END""",
    """CREATE TRIGGER actor_timeline_counts_au AFTER UPDATE ON actor_timeline BEGIN
        UPDATE actor_month_count SET count = count - 1
        WHERE actor_id = old.actor_id AND month = date(old.date_start, 'start of month');
        UPDATE actor SET events_count = events_count - 1 WHERE id = old.actor_id;
        INSERT INTO actor_month_count(actor_id, month, count)
        VALUES (new.actor_id, date(new.date_start, 'start of month'), 1)
        ON CONFLICT(actor_id, month) DO UPDATE SET count = count + 1;
        UPDATE actor SET events_count = events_count + 1 WHERE id = new.actor_id;
    END""",
]
SQLITE_TRIGGER_NAMES = [
    "event_actor_timeline_ai", "event_actor_timeline_ad", "event_actor_timeline_au",
    "event_timeline_au", "event_timeline_ad",
    "actor_timeline_counts_ai", "actor_timeline_counts_ad", "actor_timeline_counts_au",
]

POSTGRES_TRIGGERS = [
    """CREATE FUNCTION event_actor_to_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') AND NOT EXISTS (
            SELECT 1 FROM event_actor WHERE event_id = OLD.event_id AND actor_id = OLD.actor_id
        ) THEN
            DELETE FROM actor_timeline
            WHERE actor_id = OLD.actor_id AND event_seq = (SELECT seq FROM event WHERE id = OLD.event_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO actor_timeline(event_seq, actor_id, date_start)
            SELECT seq, NEW.actor_id, date_start FROM event WHERE id = NEW.event_id AND status = 'active'
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_actor_timeline AFTER INSERT OR UPDATE OR DELETE ON event_actor
        FOR EACH ROW EXECUTE FUNCTION event_actor_to_timeline()""",
    """CREATE FUNCTION event_to_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM actor_timeline WHERE event_seq = OLD.seq;
        ELSIF OLD.status IS DISTINCT FROM NEW.status OR OLD.date_start IS DISTINCT FROM NEW.date_start THEN
            DELETE FROM actor_timeline WHERE event_seq = OLD.seq;
            INSERT INTO actor_timeline(event_seq, actor_id, date_start)
            SELECT DISTINCT NEW.seq, actor_id, NEW.date_start FROM event_actor
            WHERE event_id = NEW.id AND NEW.status = 'active'
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_timeline AFTER UPDATE OF status, date_start OR DELETE ON event
        FOR EACH ROW EXECUTE FUNCTION event_to_timeline()""",
    """CREATE FUNCTION actor_timeline_to_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE actor_month_count SET count = count - 1
            WHERE actor_id = OLD.actor_id AND month = date_trunc('month', OLD.date_start)::date;
            UPDATE actor SET events_count = events_count - 1 WHERE id = OLD.actor_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO actor_month_count(actor_id, month, count)
            VALUES (NEW.actor_id, date_trunc('month', NEW.date_start)::date, 1)
            ON CONFLICT (actor_id, month) DO UPDATE SET count = actor_month_count.count + 1;
            UPDATE actor SET events_count = events_count + 1 WHERE id = NEW.actor_id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER actor_timeline_counts AFTER INSERT OR UPDATE OR DELETE ON actor_timeline
        FOR EACH ROW EXECUTE FUNCTION actor_timeline_to_counts()""",
]
POSTGRES_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS actor_timeline_counts ON actor_timeline",
    "DROP FUNCTION IF EXISTS actor_timeline_to_counts()",
    "DROP TRIGGER IF EXISTS event_timeline ON event",
    "DROP FUNCTION IF EXISTS event_to_timeline()",
    "DROP TRIGGER IF EXISTS event_actor_timeline ON event_actor",
    "DROP FUNCTION IF EXISTS event_actor_to_timeline()",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table('actor_timeline',
    sa.Column('event_seq', sa.Integer(), nullable=False),
    sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('event_seq', 'actor_id')
    )
    op.create_table('actor_month_count',
    sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('actor_id', 'month')
    )
    # Plain ADD COLUMN, not a batch rebuild (which would drop other tables' triggers on SQLite).
    op.add_column('actor', sa.Column('events_count', sa.Integer(), nullable=False, server_default='0'))

    # Existing rows, in bulk, before the triggers exist.
    op.execute(
        "INSERT INTO actor_timeline(event_seq, actor_id, date_start) "
        "SELECT DISTINCT event.seq, event_actor.actor_id, event.date_start "
        "FROM event_actor JOIN event ON event.id = event_actor.event_id WHERE event.status = 'active'"
    )
    month = "date(date_start, 'start of month')" if dialect == "sqlite" else "date_trunc('month', date_start)::date"
    op.execute(
        f"INSERT INTO actor_month_count(actor_id, month, count) "
        f"SELECT actor_id, {month}, count(*) FROM actor_timeline GROUP BY actor_id, {month}"
    )
    op.execute(
        "UPDATE actor SET events_count = "
        "(SELECT count(*) FROM actor_timeline WHERE actor_timeline.actor_id = actor.id)"
    )
    op.create_index('ix_actor_timeline_actor_date', 'actor_timeline', ['actor_id', 'date_start', 'event_seq'])
    op.create_index('ix_actor_events_count', 'actor', ['events_count'])
    op.drop_index('ix_event_span_date', table_name='event')
    op.create_index('ix_event_span_window', 'event', ['span_class', 'date_start', 'date_end', 'open_end', 'status'])
    op.create_index('ix_event_status_type_date', 'event', ['status', 'type', 'date_start', 'sources_count'])
    op.create_index('ix_event_status_type_sources', 'event', ['status', 'type', 'sources_count', 'date_start'])
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in reversed(SQLITE_TRIGGER_NAMES):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for statement in POSTGRES_TRIGGERS_DROP:
            op.execute(statement)
    op.drop_index('ix_event_status_type_sources', table_name='event')
    op.drop_index('ix_event_status_type_date', table_name='event')
    op.drop_index('ix_event_span_window', table_name='event')
    op.create_index('ix_event_span_date', 'event', ['span_class', 'date_start', 'date_end'])
    op.drop_index('ix_actor_events_count', table_name='actor')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): no rebuild, other triggers stay.
    op.execute("ALTER TABLE actor DROP COLUMN events_count")
    op.drop_table('actor_month_count')
    op.drop_index('ix_actor_timeline_actor_date', table_name='actor_timeline')
    op.drop_table('actor_timeline')
