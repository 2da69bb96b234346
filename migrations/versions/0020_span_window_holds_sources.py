"""PostgreSQL: the span-window index holds each event's source count too

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 05:00:00

With `min_sources` the read of the events reaching into a period (one window of
ix_event_span_window per span class, app/queries/reaching_in.py) checks each event's source
count, which the index did not hold: PostgreSQL visited the table page of every event of the
windows, about 1,300 buffers and 5 ms for a month at a million events (24 ms when not in
memory), the slowest statement of such a fragment. With the count included, the windows are
read from the index alone: 100 buffers, 0.2 ms (docs/benchmarks.md, twenty-second session).

SQLite is unchanged. PostgreSQL rebuilds the index under another name and swaps it in, as 0018
does (about 2 s at a million events).
"""

from __future__ import annotations

from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

NAME = "ix_event_span_window"
COLUMNS = "span_class, date_start, date_end, open_end, status, collection_id, importance"


def _rebuild(include: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX {NAME}_next ON event ({COLUMNS}) INCLUDE ({include})")
        op.execute(f"DROP INDEX {NAME}")
        op.execute(f"ALTER INDEX {NAME}_next RENAME TO {NAME}")


def upgrade() -> None:
    _rebuild("seq, sources_count")


def downgrade() -> None:
    _rebuild("seq")
