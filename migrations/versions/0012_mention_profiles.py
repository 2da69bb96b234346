"""mention profiles: where each report put its happening

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 15:00:00

An event's places and countries were the union of every report's. A report naming two towns let a
third report of the second town alone join an event founded in the first: the event grew along a
chain of places. Each mention now keeps its own specific places and countries, so the merge stage
compares a new report with what the event's first report said (app/services/report_profiles.py)
and `timeline check` can find events stored before that hold reports of other places. NULL: a
mention stored before this migration; `timeline reextract` fills it in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ALTER TABLE ... ADD COLUMN, not a batch rebuild: the search triggers on mention stay.
    op.add_column('mention', sa.Column('places', sa.JSON(), nullable=True))
    op.add_column('mention', sa.Column('countries', sa.JSON(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+, PostgreSQL): no rebuild, the triggers stay.
    op.execute("ALTER TABLE mention DROP COLUMN countries")
    op.execute("ALTER TABLE mention DROP COLUMN places")
