"""Signing in: checking a password, after the backoff (app/services/throttle.py) allows a try.

Every attempt that is checked is recorded in login_attempt (account, address, ok), so the backoff
holds across web processes and restarts, and whoever runs the site can see the attempts.
"""

from __future__ import annotations

from sqlmodel import Session

from app.errors import UserError
from app.models import AdminUser
from app.services import throttle
from app.services.accounts import verify
from app.services.throttle import TooManyAttempts, account_key  # noqa: F401  (the sign-in page's names)


def sign_in(session: Session, username: str, password: str, address: str) -> AdminUser:
    """The account, if the backoff allows a try now and the password is right; the attempt is
    recorded (committed) either way. A try the backoff refuses checks no password."""
    throttle.check(session, username, address)
    user = verify(session, username.strip(), password)
    throttle.record(session, username, address, ok=user is not None)
    session.commit()
    if user is None:
        raise UserError("Wrong username or password.", code="login_failed", status=400)
    return user
