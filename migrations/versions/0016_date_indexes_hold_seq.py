"""PostgreSQL: the event indexes of periods and importance walks hold each event's number

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 18:00:00

A period's view first reads the keys of its events (number, start day, importance) from one of
the four date-ordered indexes. On SQLite every index ends in the row's number, so that read never
touches the table. A PostgreSQL index holds only its columns: every key costs a visit to the
event's table page, and a collection's events lie one to a page among the other collections'
(a year of the largest of 20 collections at a million events: 4,483 pages, 368 ms from disk,
where one collection's year lies on a few hundred neighbouring pages). With the number included
the read is an index-only scan (1.3 ms, `EXPLAIN (ANALYZE, BUFFERS)`, docs/benchmarks.md).

The four importance indexes are walked from the top, each entry's dates checked in the index
(0006); without the number a plain index scan checks them only after visiting the table, so a
sparse year's walk of the time axis visited the table for most of the collection (0.9 s from disk
for an early year of the largest collection). With it, the walk never leaves the index.

Each index is rebuilt under a new name and swapped in, in the migration's transaction: readers go
on, writers wait for it (about 6 s for the eight at a million events on two cores). SQLite:
nothing changes.
"""

from __future__ import annotations

from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

DATE_INDEXES = {
    "ix_event_status_date_sources": "status, date_start, sources_count, importance",
    "ix_event_status_type_date": "status, type, date_start, sources_count, importance",
    "ix_event_collection_date_sources": "collection_id, status, date_start, sources_count, importance",
    "ix_event_collection_type_date": "collection_id, status, type, date_start, sources_count, importance",
    "ix_event_status_importance": "status, importance, date_start, date_end, open_end",
    "ix_event_status_type_importance": "status, type, importance, date_start, date_end, open_end",
    "ix_event_collection_importance": "collection_id, status, importance, date_start, date_end, open_end",
    "ix_event_collection_type_importance": "collection_id, status, type, importance, date_start, date_end, open_end",
}


def _rebuild(include: str) -> None:
    for name, columns in DATE_INDEXES.items():
        op.execute(f"CREATE INDEX {name}_next ON event ({columns}){include}")
        op.execute(f"DROP INDEX {name}")
        op.execute(f"ALTER INDEX {name}_next RENAME TO {name}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(" INCLUDE (seq)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild("")
