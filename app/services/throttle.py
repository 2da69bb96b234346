"""How fast someone may guess passwords: exponential backoff per address and per account.

No lock-out and no captcha. Each failed sign-in is a row of login_attempt (account, address,
ok); the app is asked before every attempt how long the address and the account must wait:

- an **address** may fail FREE_FAILURES times; after that each failure doubles its wait
  (1 s, 2 s, 4 s, ... up to MAX_WAIT), counted over the last WINDOW and since its last success;
- an **account** is slowed the same way by failures from every address, except that an address
  that has not failed on this account within WINDOW is not held back by the account's wait. A
  guesser spread over many addresses still pays, but only one guess per address; the owner,
  coming from an address that has not been guessing, signs in with the right password at once,
  however hard the account is being attacked.

An attempt that must wait is refused (429, with how long) without checking the password, so a
refused guess tells nothing, and it is not recorded, so waiting never grows by being asked. The
wait after n failures is FIRST_WAIT * 2 ** (n - FREE_FAILURES), at most MAX_WAIT: a steady
guesser gets ~ 24 h / MAX_WAIT guesses a day per address and per account.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from app.errors import UserError
from app.models import LoginAttempt, utcnow

FREE_FAILURES = 5
FIRST_WAIT = dt.timedelta(seconds=1)
MAX_WAIT = dt.timedelta(minutes=15)
WINDOW = dt.timedelta(hours=24)
# Failures beyond the count at which the wait reaches MAX_WAIT change nothing: count no further.
_COUNT_CAP = FREE_FAILURES + math.ceil(math.log2(MAX_WAIT / FIRST_WAIT)) + 1


class TooManyAttempts(UserError):
    """Refused by the backoff; `retry_after` says in how many seconds to try again."""

    status = 429
    code = "rate_limited"


@dataclass(frozen=True)
class Failures:
    count: int  # recent failures (up to _COUNT_CAP)
    newest: dt.datetime | None


def account_key(username: str) -> str:
    return username.strip().lower()[:80]


def wait_after(failures: int) -> dt.timedelta:
    """How long to wait after the latest of `failures` recent failures before trying again."""
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - FREE_FAILURES), MAX_WAIT)


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; the app only ever stores UTC.
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def _last_success(session: Session, *where) -> dt.datetime | None:
    found = session.execute(select(func.max(LoginAttempt.at)).where(*where, LoginAttempt.ok.is_(True))).scalar()
    return _aware(found) if found else None


def _failures(session: Session, since: dt.datetime, *where) -> Failures:
    recent = (select(LoginAttempt.at).where(*where, LoginAttempt.ok.is_(False), LoginAttempt.at >= since)
              .order_by(LoginAttempt.at.desc()).limit(_COUNT_CAP).subquery())
    count, newest = session.execute(select(func.count(), func.max(recent.c.at))).one()
    return Failures(count, _aware(newest) if newest else None)


def _since(session: Session, now: dt.datetime, *where) -> dt.datetime:
    """Failures count from the window's start, or from the last success if it is later."""
    last_ok = _last_success(session, *where)
    return max(now - WINDOW, last_ok) if last_ok else now - WINDOW


def _remaining(failures: Failures, now: dt.datetime) -> dt.timedelta:
    if failures.newest is None:
        return dt.timedelta(0)
    return max(failures.newest + wait_after(failures.count) - now, dt.timedelta(0))


def check(session: Session, username: str, address: str, now: dt.datetime | None = None) -> None:
    """TooManyAttempts if this address, or this account from an address that has been failing
    on it, must still wait."""
    now = now or utcnow()
    account = account_key(username)
    by_address = (LoginAttempt.address == address,)
    by_account = (LoginAttempt.account == account,)
    waits = [("address", _remaining(_failures(session, _since(session, now, *by_address), *by_address), now))]
    account_since = _since(session, now, *by_account)
    account_failures = _failures(session, account_since, *by_account)
    if account_failures.count >= FREE_FAILURES:
        # Held back by the account's wait only if this address has been failing on it.
        from_here = _failures(session, account_since, *by_account, *by_address)
        if from_here.count:
            waits.append(("account", _remaining(account_failures, now)))
    label, wait = max(waits, key=lambda item: item[1])
    if wait > dt.timedelta(0):
        seconds = math.ceil(wait.total_seconds())
        raise TooManyAttempts(
            f"Too many failed sign-ins for this {label}; try again in {_in_words(seconds)}.",
            retry_after=seconds,
        )


def _in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


def record(session: Session, username: str, address: str, *, ok: bool, now: dt.datetime | None = None) -> None:
    session.add(LoginAttempt(account=account_key(username), address=address[:80], ok=ok, at=now or utcnow()))
