"""PostgreSQL: a collection's kept day and month counts are read from their keys alone

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 19:00:00

SQLite keeps collection_day_count and collection_month_count in key order (WITHOUT ROWID, 0008):
a collection's range of days or months is read straight from its keys. PostgreSQL keeps their
rows in a heap where the collections' rows lie mixed, so a collection's months (8,000 rows of the
largest of 20 collections at a million events) visit 900 table pages: 4 ms a read, three reads a
page of the explorer, and a year's days 30 ms when they are not in memory. With each count held
in its primary key the reads are index-only scans (1.6 ms; docs/benchmarks.md).

The price is that a count's update is no longer a heap-only update (its column is in an index):
one more index entry for each event written, cleared by vacuum.
"""

from __future__ import annotations

from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

KEYS = {"collection_day_count": "collection_id, day, type", "collection_month_count": "collection_id, month, type"}


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
