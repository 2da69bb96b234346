"""actor redirects: a surname actor folded into the person's full name keeps its old id working

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 11:00:00

A person first named by a surname alone ("Cook") was stored as an actor of that name; when an
article of the same collection later names them in full ("Robin Cook"), the writer moves the
surname's events there. actor_redirect keeps the retired id: `?actor=cook` and
`/api/events?actor=cook` follow it to the full name, as event permalinks follow event_alias.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'actor_redirect',
        sa.Column('old_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['actor.id']),
        sa.PrimaryKeyConstraint('old_id'),
    )


def downgrade() -> None:
    op.drop_table('actor_redirect')
