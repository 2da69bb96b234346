"""server-side admin sessions

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 21:00:00

A session was a self-contained signed cookie, valid until it expired: signing out only deleted
the browser's copy. Sessions are now rows of admin_session (the SHA-256 of the cookie's random
token, the account, the CSRF token, when it expires); signing out deletes the row and a password
reset deletes the account's rows. Sessions from before the upgrade are not carried over: their
cookies no longer name a row, so their editors sign in again.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'admin_session',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('csrf_token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['admin_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_admin_session_user_id', 'admin_session', ['user_id'], unique=False)
    op.create_index('ix_admin_session_expires_at', 'admin_session', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_admin_session_expires_at', table_name='admin_session')
    op.drop_index('ix_admin_session_user_id', table_name='admin_session')
    op.drop_table('admin_session')
