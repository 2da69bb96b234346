"""login attempts in their own table, out of the audit log

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 18:00:00

The sign-in rate limits counted failures in audit_log, as pairs of private rows (one keyed by the
account, one by the address), which every reader of the audit log had to filter out. They move
to login_attempt, one row per attempt (account, address, ok), indexed for the two counts. The
pairs are joined back into attempts (record_login wrote the account's row, then the address's,
so the two have consecutive ids); downgrading writes the pairs again.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

LOGIN_ACTIONS = "('login.ok', 'login.failed')"


def upgrade() -> None:
    op.create_table(
        'login_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('account', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_login_attempt_account_at', 'login_attempt', ['account', 'at'], unique=False)
    op.create_index('ix_login_attempt_address_at', 'login_attempt', ['address', 'at'], unique=False)
    # Each attempt's two rows, joined; a row whose twin is missing keeps an empty other side.
    op.execute(
        "INSERT INTO login_attempt(at, account, address, ok) "
        "SELECT a.at, a.object_id, coalesce(b.object_id, ''), a.action = 'login.ok' "
        "FROM audit_log a LEFT JOIN audit_log b ON b.id = a.id + 1 AND b.action = a.action "
        "AND b.object_type = 'login_address' "
        f"WHERE a.object_type = 'login_account' AND a.action IN {LOGIN_ACTIONS}")
    op.execute(
        "INSERT INTO login_attempt(at, account, address, ok) "
        "SELECT b.at, '', b.object_id, b.action = 'login.ok' FROM audit_log b "
        f"WHERE b.object_type = 'login_address' AND b.action IN {LOGIN_ACTIONS} AND NOT EXISTS ("
        "SELECT 1 FROM audit_log a WHERE a.id = b.id - 1 AND a.action = b.action AND a.object_type = 'login_account')")
    op.execute(f"DELETE FROM audit_log WHERE action IN {LOGIN_ACTIONS}")


def downgrade() -> None:
    bind = op.get_bind()
    attempts = bind.execute(sa.text("SELECT at, account, address, ok FROM login_attempt ORDER BY id")).all()
    # Untyped columns: the times go back as they were read (text on SQLite, timestamps on PostgreSQL).
    audit = sa.table('audit_log', sa.column('at'), sa.column('username'), sa.column('action'),
                     sa.column('object_type'), sa.column('object_id'), sa.column('public', sa.Boolean()))
    rows = []
    for at, account, address, ok in attempts:
        action, username = ("login.ok", account) if ok else ("login.failed", "anonymous")
        for kind, key in (("login_account", account), ("login_address", address)):
            if key:
                rows.append({"at": at, "username": username, "action": action, "object_type": kind,
                             "object_id": key, "public": False})
    if rows:
        op.bulk_insert(audit, rows)
    op.drop_index('ix_login_attempt_address_at', table_name='login_attempt')
    op.drop_index('ix_login_attempt_account_at', table_name='login_attempt')
    op.drop_table('login_attempt')
