"""importance of events; where places are, and how many events each has

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00

- event.importance (0-100, app/importance.py), kept by the services like sources_count, indexed
  (status, importance, date_start, date_end, open_end) and its per-type twin: `sort=importance`,
  the time axis and the buckets' key events walk them from the top, the dates checked in the
  index. The date indexes ix_event_status_date_sources and ix_event_status_type_date gain the
  importance as their last column, so a period's key events are sorted from the index alone.
  Backfilled here with the scoring of this release (a later change to the score would come with
  its own recount).
- location.latitude, longitude, country_code: where a place is (from the gazetteer at ingestion,
  or `timeline places --geocode`), indexed (latitude, longitude) for bounding boxes.
- location.events_count and location_month_count (location_id, month, count): the map's counts,
  for every date and for a period, without counting events. Both are kept by database triggers
  on event_location and on the events' status and start day, on SQLite and PostgreSQL alike, as
  the actor counts are (migration 0003): no code path that writes places can forget them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SQLITE_MONTH = "date({day}, 'start of month')"
IMPORTANCE_INDEX = ['status', 'importance', 'date_start', 'date_end', 'open_end']
TYPE_IMPORTANCE_INDEX = ['status', 'type', 'importance', 'date_start', 'date_end', 'open_end']
# Indexes of 0002/0003 that gain the importance as their last column.
DATE_INDEXES = {
    'ix_event_status_date_sources': ['status', 'date_start', 'sources_count'],
    'ix_event_status_type_date': ['status', 'type', 'date_start', 'sources_count'],
}

SQLITE_TRIGGERS = [
    # A place added to an active event: one more event at that place, in the event's month.
    """CREATE TRIGGER event_location_counts_ai AFTER INSERT ON event_location BEGIN
        INSERT INTO location_month_count(location_id, month, count)
        SELECT new.location_id, date(date_start, 'start of month'), 1 FROM event
        WHERE id = new.event_id AND status = 'active'
        ON CONFLICT(location_id, month) DO UPDATE SET count = count + 1;
        UPDATE location SET events_count = events_count + 1
        WHERE id = new.location_id AND EXISTS (SELECT 1 FROM event WHERE id = new.event_id AND status = 'active');
    END""",
    """CREATE TRIGGER event_location_counts_ad AFTER DELETE ON event_location BEGIN
        UPDATE location_month_count SET count = count - 1
        WHERE location_id = old.location_id
          AND month = (SELECT date(date_start, 'start of month') FROM event WHERE id = old.event_id AND status = 'active');
        UPDATE location SET events_count = events_count - 1
        WHERE id = old.location_id AND EXISTS (SELECT 1 FROM event WHERE id = old.event_id AND status = 'active');
    END""",
    """CREATE TRIGGER event_location_counts_au AFTER UPDATE ON event_location BEGIN
        UPDATE location_month_count SET count = count - 1
        WHERE location_id = old.location_id
          AND month = (SELECT date(date_start, 'start of month') FROM event WHERE id = old.event_id AND status = 'active');
        UPDATE location SET events_count = events_count - 1
        WHERE id = old.location_id AND EXISTS (SELECT 1 FROM event WHERE id = old.event_id AND status = 'active');
        INSERT INTO location_month_count(location_id, month, count)
        SELECT new.location_id, date(date_start, 'start of month'), 1 FROM event
        WHERE id = new.event_id AND status = 'active'
        ON CONFLICT(location_id, month) DO UPDATE SET count = count + 1;
        UPDATE location SET events_count = events_count + 1
        WHERE id = new.location_id AND EXISTS (SELECT 1 FROM event WHERE id = new.event_id AND status = 'active');
    END""",
    # An event hidden, deleted, restored or moved in time: its places' counts follow.
    """CREATE TRIGGER event_location_counts_event_au AFTER UPDATE OF status, date_start ON event
    WHEN old.status IS NOT new.status OR old.date_start IS NOT new.date_start
    BEGIN
        UPDATE location_month_count SET count = count - 1
        WHERE old.status = 'active' AND month = date(old.date_start, 'start of month')
          AND location_id IN (SELECT location_id FROM event_location WHERE event_id = old.id);
        UPDATE location SET events_count = events_count - 1
        WHERE old.status = 'active' AND id IN (SELECT location_id FROM event_location WHERE event_id = old.id);
        INSERT INTO location_month_count(location_id, month, count)
        SELECT location_id, date(new.date_start, 'start of month'), 1 FROM event_location
        WHERE event_id = new.id AND new.status = 'active'
        ON CONFLICT(location_id, month) DO UPDATE SET count = count + 1;
        UPDATE location SET events_count = events_count + 1
        WHERE new.status = 'active' AND id IN (SELECT location_id FROM event_location WHERE event_id = new.id);
    END""",
]
SQLITE_TRIGGER_NAMES = ["event_location_counts_ai", "event_location_counts_ad", "event_location_counts_au",
                        "event_location_counts_event_au"]

POSTGRES_TRIGGERS = [
    """CREATE FUNCTION event_location_to_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE location_month_count SET count = count - 1
            WHERE location_id = OLD.location_id AND month = (
                SELECT date_trunc('month', date_start)::date FROM event WHERE id = OLD.event_id AND status = 'active');
            UPDATE location SET events_count = events_count - 1
            WHERE id = OLD.location_id AND EXISTS (SELECT 1 FROM event WHERE id = OLD.event_id AND status = 'active');
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO location_month_count(location_id, month, count)
            SELECT NEW.location_id, date_trunc('month', date_start)::date, 1 FROM event
            WHERE id = NEW.event_id AND status = 'active'
            ON CONFLICT (location_id, month) DO UPDATE SET count = location_month_count.count + 1;
            UPDATE location SET events_count = events_count + 1
            WHERE id = NEW.location_id AND EXISTS (SELECT 1 FROM event WHERE id = NEW.event_id AND status = 'active');
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_location_counts AFTER INSERT OR UPDATE OR DELETE ON event_location
        FOR EACH ROW EXECUTE FUNCTION event_location_to_counts()""",
    """CREATE FUNCTION event_to_location_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status IS DISTINCT FROM NEW.status OR OLD.date_start IS DISTINCT FROM NEW.date_start THEN
            IF OLD.status = 'active' THEN
                UPDATE location_month_count SET count = count - 1
                WHERE month = date_trunc('month', OLD.date_start)::date
                  AND location_id IN (SELECT location_id FROM event_location WHERE event_id = OLD.id);
                UPDATE location SET events_count = events_count - 1
                WHERE id IN (SELECT location_id FROM event_location WHERE event_id = OLD.id);
            END IF;
            IF NEW.status = 'active' THEN
                INSERT INTO location_month_count(location_id, month, count)
                SELECT location_id, date_trunc('month', NEW.date_start)::date, 1 FROM event_location
                WHERE event_id = NEW.id
                ON CONFLICT (location_id, month) DO UPDATE SET count = location_month_count.count + 1;
                UPDATE location SET events_count = events_count + 1
                WHERE id IN (SELECT location_id FROM event_location WHERE event_id = NEW.id);
            END IF;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_location_counts_event AFTER UPDATE OF status, date_start ON event
        FOR EACH ROW EXECUTE FUNCTION event_to_location_counts()""",
]
POSTGRES_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS event_location_counts_event ON event",
    "DROP FUNCTION IF EXISTS event_to_location_counts()",
    "DROP TRIGGER IF EXISTS event_location_counts ON event_location",
    "DROP FUNCTION IF EXISTS event_location_to_counts()",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ADD COLUMN, not a batch rebuild (which would drop other tables' triggers on SQLite).
    op.add_column('event', sa.Column('importance', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('location', sa.Column('latitude', sa.Float(), nullable=True))
    op.add_column('location', sa.Column('longitude', sa.Float(), nullable=True))
    op.add_column('location', sa.Column('country_code', sa.String(length=2), nullable=True))
    op.add_column('location', sa.Column('events_count', sa.Integer(), nullable=False, server_default='0'))
    op.create_table('location_month_count',
    sa.Column('location_id', sa.String(length=80), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('location_id', 'month')
    )
    # Existing rows, in bulk, before the triggers exist.
    month = SQLITE_MONTH.format(day="event.date_start") if dialect == "sqlite" else "date_trunc('month', event.date_start)::date"
    op.execute(
        f"INSERT INTO location_month_count(location_id, month, count) "
        f"SELECT event_location.location_id, {month}, count(*) FROM event_location "
        f"JOIN event ON event.id = event_location.event_id WHERE event.status = 'active' "
        f"GROUP BY event_location.location_id, {month}")
    op.execute("UPDATE location SET events_count = (SELECT coalesce(sum(count), 0) FROM location_month_count "
               "WHERE location_month_count.location_id = location.id)")
    _backfill_importance()
    op.create_index('ix_event_status_importance', 'event', IMPORTANCE_INDEX)
    op.create_index('ix_event_status_type_importance', 'event', TYPE_IMPORTANCE_INDEX)
    for name, columns in DATE_INDEXES.items():
        op.drop_index(name, table_name='event')
        op.create_index(name, 'event', [*columns, 'importance'])
    op.create_index('ix_location_position', 'location', ['latitude', 'longitude'])
    op.create_index('ix_location_events_count', 'location', ['events_count'])
    op.create_index('ix_location_month_count_month', 'location_month_count', ['month', 'location_id', 'count'])
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)
    if dialect == "sqlite" and op.get_bind().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None:
        # A database whose planner has statistics needs them for the new indexes too.
        op.execute("ANALYZE event")
        op.execute("ANALYZE location_month_count")


def _backfill_importance() -> None:
    """Every event's score, computed by this release's app/importance.py."""
    from sqlmodel import Session

    from app.services.importance import rescore_all

    with Session(bind=op.get_bind()) as session:
        rescore_all(session)
        session.flush()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in reversed(SQLITE_TRIGGER_NAMES):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for statement in POSTGRES_TRIGGERS_DROP:
            op.execute(statement)
    op.drop_index('ix_location_month_count_month', table_name='location_month_count')
    op.drop_table('location_month_count')
    op.drop_index('ix_location_events_count', table_name='location')
    op.drop_index('ix_location_position', table_name='location')
    op.drop_index('ix_event_status_type_importance', table_name='event')
    op.drop_index('ix_event_status_importance', table_name='event')
    for name, columns in DATE_INDEXES.items():
        op.drop_index(name, table_name='event')
        op.create_index(name, 'event', columns)
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): no rebuild, other triggers stay.
    for column in ('events_count', 'country_code', 'longitude', 'latitude'):
        op.execute(f"ALTER TABLE location DROP COLUMN {column}")
    op.execute("ALTER TABLE event DROP COLUMN importance")
