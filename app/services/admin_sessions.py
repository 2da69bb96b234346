"""Admin sessions kept in the database, so that they can be ended.

A session is a row of admin_session; the browser holds a random token whose SHA-256 is the row's
id (a copy of the table opens nothing). Signing out deletes the row, so a cookie saved before
signing out opens nothing afterwards; resetting a password deletes every row of the account (see
app/services/accounts.py), ending its sessions on every browser. Every function commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlmodel import Session

from app.models import AdminSession, AdminUser, utcnow

SESSION_LIFETIME = dt.timedelta(hours=8)  # a working day; after that, sign in again


@dataclass(frozen=True)
class OpenSession:
    session_id: str  # the row's id (the token's digest), which signing out deletes
    username: str
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(session: Session, user: AdminUser, now: dt.datetime | None = None) -> str:
    """A new session for `user`; returns the token for the cookie (kept nowhere else)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    # Sessions that ran out are of no use to anyone: each sign-in sweeps them away.
    session.execute(delete(AdminSession).where(AdminSession.expires_at < now))
    session.add(AdminSession(id=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                             created_at=now, expires_at=now + SESSION_LIFETIME))
    session.commit()
    return token


def find(session: Session, token: str, now: dt.datetime | None = None) -> OpenSession | None:
    """The open session of this token, or None if it was ended, ran out, or never existed."""
    row = session.execute(
        select(AdminSession.id, AdminUser.username, AdminSession.csrf_token, AdminSession.expires_at)
        .join(AdminUser, AdminUser.id == AdminSession.user_id)
        .where(AdminSession.id == _digest(token))
    ).first()
    if row is None or _aware(row.expires_at) <= (now or utcnow()):
        return None
    return OpenSession(row.id, row.username, row.csrf_token)


def end(session: Session, session_id: str) -> None:
    session.execute(delete(AdminSession).where(AdminSession.id == session_id))
    session.commit()


def end_all_of(session: Session, user: AdminUser) -> int:
    """End every session of the account (a password reset); part of the caller's transaction."""
    return session.execute(delete(AdminSession).where(AdminSession.user_id == user.id)).rowcount


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; the app only ever stores UTC.
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment
