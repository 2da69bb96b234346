"""PostgreSQL: a word's postings within one collection, in date order

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 23:00:00

A posting holds its collection beside its key (lexeme, date_start, seq), not in it: a search
within one collection walked the word's postings in every collection and kept its own, about 50
entries passed for each one kept for a common word in the smallest of 20 collections (5,000
index entries and 10 ms for a page of 51 at a million events). A second index keyed (lexeme,
collection_id, date_start, seq), holding the importance, makes a collection's matches of a word
one range in date order, read from the index alone, as the word's matches everywhere are in the
primary key.

It costs what the primary key costs on disk (about 1.8 GB at a million events) and one more
entry written per posting. SQLite is unchanged: its search index already reads a collection's
matches together with the words (the collection's token, migration 0008). Built in the
migration's transaction: writers wait while it is built (about a minute at a million events);
readers do not.
"""

from __future__ import annotations

from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

NAME = "ix_search_posting_collection"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX {NAME} ON search_posting (lexeme, collection_id, date_start, seq) "
                   "INCLUDE (importance)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX {NAME}")
