"""read side at scale: month counts, span classes, actor index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:00:00

- event_month_count: events per start month and type, for zoomed-out histograms. Triggers on
  event_day_count keep it equal to the day counts' monthly sums (SQLite and PostgreSQL), so the
  service layer only ever maintains the day counts.
- event.span_class (0 one day, 1 <= 31 days, 2 <= 366 days, 3 longer or open-ended) with an index
  (span_class, date_start, date_end): a date-overlap filter scans a bounded range per class.
- ix_event_actor_actor_event (actor_id, event_id): the actor filter reads ids from the index alone.
- ix_event_status_date_sources, ix_event_status_sources_date: a bucket's most corroborated events
  without reading the table (a small bucket by date, a big one from the most sources down).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


SQLITE_TRIGGERS = [
    """CREATE TRIGGER event_day_count_month_ai AFTER INSERT ON event_day_count BEGIN
        INSERT INTO event_month_count(month, type, count)
        VALUES (date(new.day, 'start of month'), new.type, new.count)
        ON CONFLICT(month, type) DO UPDATE SET count = count + excluded.count;
    END""",
    """CREATE TRIGGER event_day_count_month_ad AFTER DELETE ON event_day_count BEGIN
        UPDATE event_month_count SET count = count - old.count
        WHERE month = date(old.day, 'start of month') AND type = old.type;
    END""",
    """CREATE TRIGGER event_day_count_month_au AFTER UPDATE ON event_day_count BEGIN
        UPDATE event_month_count SET count = count - old.count
        WHERE month = date(old.day, 'start of month') AND type = old.type;
        INSERT INTO event_month_count(month, type, count)
        VALUES (date(new.day, 'start of month'), new.type, new.count)
        ON CONFLICT(month, type) DO UPDATE SET count = count + excluded.count;
    END""",
]
SQLITE_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS event_day_count_month_au",
    "DROP TRIGGER IF EXISTS event_day_count_month_ad",
    "DROP TRIGGER IF EXISTS event_day_count_month_ai",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION event_day_count_to_month() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE event_month_count SET count = count - OLD.count
            WHERE month = date_trunc('month', OLD.day)::date AND type = OLD.type;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO event_month_count(month, type, count)
            VALUES (date_trunc('month', NEW.day)::date, NEW.type, NEW.count)
            ON CONFLICT (month, type) DO UPDATE SET count = event_month_count.count + EXCLUDED.count;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER event_day_count_month AFTER INSERT OR UPDATE OR DELETE ON event_day_count
        FOR EACH ROW EXECUTE FUNCTION event_day_count_to_month()""",
]
POSTGRES_TRIGGERS_DROP = [
    "DROP TRIGGER IF EXISTS event_day_count_month ON event_day_count",
    "DROP FUNCTION IF EXISTS event_day_count_to_month()",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table('event_month_count',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('month', 'type')
    )
    # A plain ADD COLUMN, not a batch rebuild: rebuilding `event` on SQLite would drop its FTS triggers.
    op.add_column('event', sa.Column('span_class', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_span_date', ['span_class', 'date_start', 'date_end'], unique=False)
        batch_op.create_index('ix_event_status_date_sources', ['status', 'date_start', 'sources_count'], unique=False)
        batch_op.create_index('ix_event_status_sources_date', ['status', 'sources_count', 'date_start'], unique=False)
    with op.batch_alter_table('event_actor', schema=None) as batch_op:
        batch_op.create_index('ix_event_actor_actor_event', ['actor_id', 'event_id'], unique=False)

    # Existing rows: span classes from the stored intervals, month counts from the day counts.
    days = "julianday(date_end) - julianday(date_start)" if dialect == "sqlite" else "(date_end - date_start)"
    op.execute(
        f"UPDATE event SET span_class = CASE WHEN open_end THEN 3 WHEN {days} <= 0 THEN 0 "
        f"WHEN {days} <= 31 THEN 1 WHEN {days} <= 366 THEN 2 ELSE 3 END"
    )
    month = "date(day, 'start of month')" if dialect == "sqlite" else "date_trunc('month', day)::date"
    op.execute(
        f"INSERT INTO event_month_count(month, type, count) "
        f"SELECT {month}, type, sum(count) FROM event_day_count GROUP BY {month}, type"
    )
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS_DROP if dialect == "sqlite" else POSTGRES_TRIGGERS_DROP:
        op.execute(statement)
    with op.batch_alter_table('event_actor', schema=None) as batch_op:
        batch_op.drop_index('ix_event_actor_actor_event')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_status_sources_date')
        batch_op.drop_index('ix_event_status_date_sources')
        batch_op.drop_index('ix_event_span_date')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): no rebuild, the FTS triggers stay.
    op.execute("ALTER TABLE event DROP COLUMN span_class")
    op.drop_table('event_month_count')
