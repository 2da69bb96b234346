"""Signing in: checking a password, and the rate limits that slow down guessing.

Every attempt is recorded in login_attempt (account, address, ok), so the limits hold across web
processes and restarts, and whoever runs the site can see the attempts. An account or an address
with FAILURE_LIMIT failures within FAILURE_WINDOW is refused (429) until the oldest of them ages
out; a success clears the account's count, an address's count only ages out.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import func, select
from sqlmodel import Session

from app.errors import UserError
from app.models import AdminUser, LoginAttempt, utcnow
from app.services.accounts import verify

FAILURE_LIMIT = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)


class TooManyAttempts(UserError):
    """Refused by a rate limit; `retry_after` says in how many seconds to try again."""

    status = 429
    code = "rate_limited"


def account_key(username: str) -> str:
    return username.strip().lower()[:80]


def _recent_failures(session: Session, column, key: str, since: dt.datetime) -> list[dt.datetime]:
    return list(session.execute(
        select(LoginAttempt.at)
        .where(column == key, LoginAttempt.ok.is_(False), LoginAttempt.at >= since)
        .order_by(LoginAttempt.at.desc())
        .limit(FAILURE_LIMIT)
    ).scalars())


def _last_success(session: Session, account: str) -> dt.datetime | None:
    return session.execute(
        select(func.max(LoginAttempt.at)).where(LoginAttempt.account == account, LoginAttempt.ok.is_(True))
    ).scalar_one_or_none()


def check_rate_limit(session: Session, username: str, address: str, now: dt.datetime | None = None) -> None:
    """TooManyAttempts when the account or the address has FAILURE_LIMIT recent failures."""
    now = now or utcnow()
    window_start = now - FAILURE_WINDOW
    account = account_key(username)
    last_ok = _last_success(session, account)
    checks = [
        ("account", LoginAttempt.account, account, max(window_start, _aware(last_ok)) if last_ok else window_start),
        ("address", LoginAttempt.address, address, window_start),
    ]
    for label, column, key, since in checks:
        failures = _recent_failures(session, column, key, since)
        if len(failures) >= FAILURE_LIMIT:
            # Unblocked when the oldest of the counted failures leaves the window.
            seconds = max(1, int((_aware(failures[-1]) + FAILURE_WINDOW - now).total_seconds()))
            minutes = math.ceil(seconds / 60)
            raise TooManyAttempts(
                f"Too many failed attempts for this {label}; try again in {minutes} "
                f"minute{'s' if minutes != 1 else ''}.",
                retry_after=seconds,
            )


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; the app only ever stores UTC.
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def record_attempt(session: Session, username: str, address: str, *, ok: bool) -> None:
    session.add(LoginAttempt(account=account_key(username), address=address[:80], ok=ok))


def sign_in(session: Session, username: str, password: str, address: str) -> AdminUser:
    """The account, if the password is right and neither limit is reached; the attempt is
    recorded (committed) either way."""
    check_rate_limit(session, username, address)
    user = verify(session, username.strip(), password)
    record_attempt(session, username, address, ok=user is not None)
    session.commit()
    if user is None:
        raise UserError("Wrong username or password.", code="login_failed", status=400)
    return user
