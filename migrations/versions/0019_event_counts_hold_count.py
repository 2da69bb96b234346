"""PostgreSQL: the kept day and month counts of every collection are read from their keys alone

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 05:00:00

0017 did this for one collection's counts; the counts over every collection stayed as they were.
PostgreSQL keeps event_day_count's rows in a heap in the order they were first written, not by
day: a month's 400 rows lay on 320 table pages and a year's on about 1,250 (a year view's strip
counts its weeks from them), read through the primary key with a visit per page. With each count
held in the primary key the reads are index-only scans: 26 pages for a year
(docs/benchmarks.md, twenty-second session). event_month_count gets the same, so that both read
the same way.

SQLite is unchanged: its reads of these tables were measured as they are.

The price is 0017's: a count's update is no longer a heap-only update (its column is in an
index), one more index entry for each event written, cleared by vacuum.
"""

from __future__ import annotations

from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

KEYS = {"event_day_count": "day, type", "event_month_count": "month, type"}


def _rebuild(include: str) -> None:
    for table, columns in KEYS.items():
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {table}_pkey")
        op.execute(f"ALTER TABLE {table} ADD PRIMARY KEY ({columns}){include}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(" INCLUDE (count)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild("")
