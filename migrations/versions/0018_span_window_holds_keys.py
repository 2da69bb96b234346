"""The span-window index holds the keys a period reads of the events reaching into it

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 02:00:00

A period's page reads the matching events that start before it and still reach into it (their
start day, number and importance: app/queries/reaching_in.py), one bounded window of
ix_event_span_window per span class. The index held the window's columns and the status and
collection, but not the importance, and on PostgreSQL not the event's number either: every event
of a window cost a visit to its table page, about 1,900 pages for a month at a million events
(15-25 ms when they are not in PostgreSQL's buffers, and most of a month's fragment for one
actor). With the importance as the last key column (both databases; SQLite's index entries end
in the row's number anyway) and the number included on PostgreSQL, each window is read from the
index alone.

PostgreSQL: the index is rebuilt under a new name and swapped in, as in 0016 (readers go on,
writers wait, about 2 s at a million events). SQLite cannot rename an index: it is dropped and
created again in the migration's transaction.
"""

from __future__ import annotations

from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

NAME = "ix_event_span_window"
WINDOW = "span_class, date_start, date_end, open_end, status, collection_id"


def _rebuild(columns: str, include: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX {NAME}_next ON event ({columns}){include}")
        op.execute(f"DROP INDEX {NAME}")
        op.execute(f"ALTER INDEX {NAME}_next RENAME TO {NAME}")
    else:
        op.execute(f"DROP INDEX {NAME}")
        op.execute(f"CREATE INDEX {NAME} ON event ({columns})")


def upgrade() -> None:
    _rebuild(f"{WINDOW}, importance", " INCLUDE (seq)")


def downgrade() -> None:
    _rebuild(WINDOW, "")
