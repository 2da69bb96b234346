"""Admin accounts: argon2id password hashes, created or reset from the command line (committed);
a reset ends the account's sessions."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlmodel import Session

from app.errors import UserError
from app.models import AdminUser, AuditEntry
from app.services import admin_sessions

MIN_PASSWORD_LENGTH = 12


@functools.cache
def hasher() -> PasswordHasher:
    return PasswordHasher()


def create_or_reset(session: Session, username: str, password: str, *, actor: str = "cli") -> AdminUser:
    username = username.strip()
    if not username or len(username) > 80 or not username.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise UserError("a username is 1-80 letters, digits, '.', '-' or '_'")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    user = session.execute(select(AdminUser).where(AdminUser.username == username)).scalars().first()
    action = "admin.reset" if user else "admin.create"
    if user is None:
        user = AdminUser(username=username, password_hash=hasher().hash(password))
        session.add(user)
    else:
        user.password_hash = hasher().hash(password)
        # A reset password ends every session of the account, on every browser: whoever held
        # the old password (or a copied cookie) is signed out with it.
        admin_sessions.end_all_of(session, user)
    session.add(AuditEntry(username=actor, action=action, object_type="admin", object_id=username, public=False))
    session.commit()
    return user


def verify(session: Session, username: str, password: str) -> AdminUser | None:
    user = session.execute(select(AdminUser).where(AdminUser.username == username)).scalars().first()
    if user is None:
        # Spend the same time as a real check so the answer does not reveal which usernames exist.
        try:
            hasher().verify(hasher().hash("not-a-real-password"), password)
        except VerificationError:
            pass
        return None
    try:
        hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hasher().hash(password)
    return user
