"""Admin sign-in: signed session cookies, CSRF tokens and login rate limits.

The session is a cookie signed with the settings' secret (itsdangerous): it names the admin, a
fingerprint of their password hash (so resetting a password signs every old session out) and the
session's CSRF token. Nothing is stored server-side, so any web process can check any session.

Failed logins are counted in the database (the audit log, as private `login.failed` rows), so the
limit holds across web processes and restarts, and the attempts stay visible to whoever runs the
site. A success clears the account's count; an address's count only ages out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlmodel import Session

from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import UserError
from app.models import AdminUser, AuditEntry, utcnow

SESSION_COOKIE = "timeline_session"
LOGIN_CSRF_COOKIE = "timeline_login_csrf"
SESSION_MAX_AGE = 8 * 60 * 60  # a working day; after that, sign in again
LOGIN_FORM_MAX_AGE = 2 * 60 * 60  # a login form left open longer than this must be reloaded
FAILURE_LIMIT = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Admin:
    """The signed-in admin, as handlers see them."""

    username: str
    csrf_token: str


class LoginRequired(Exception):
    """No valid session. Pages answer 303 to the login page, the JSON API 401 (see install_auth)."""

    def __init__(self, reason: str = ""):
        super().__init__(reason)
        self.reason = reason  # "expired", "signed-out", or "" for never signed in


class CsrfRejected(UserError):
    status = 403
    code = "csrf_failed"


class TooManyAttempts(UserError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


# --- signing ---------------------------------------------------------------------------------

def _serializer(settings: Settings, purpose: str) -> URLSafeTimedSerializer:
    # A salt per purpose: a login-form token can never be replayed as a session, and vice versa.
    return URLSafeTimedSerializer(settings.resolved_secret_key(), salt=f"timeline.{purpose}")


def password_fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


def tokens_match(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# --- sessions --------------------------------------------------------------------------------

def _set_cookie(response: Response, settings: Settings, name: str, value: str, max_age: int, path: str = "/") -> None:
    response.set_cookie(
        name, value, max_age=max_age, path=path, httponly=True, samesite="lax", secure=settings.secure_cookies
    )


def start_session(response: Response, settings: Settings, user: AdminUser) -> None:
    payload = {"u": user.username, "p": password_fingerprint(user.password_hash), "c": secrets.token_urlsafe(32)}
    _set_cookie(response, settings, SESSION_COOKIE, _serializer(settings, "session").dumps(payload), SESSION_MAX_AGE)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")


def end_session(response: Response, settings: Settings) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies)


def read_session(request: Request, settings: Settings) -> dict:
    """The session's payload; LoginRequired("expired") for an old one, LoginRequired() for none."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise LoginRequired()
    try:
        payload = _serializer(settings, "session").loads(cookie, max_age=SESSION_MAX_AGE)
    except SignatureExpired:
        raise LoginRequired("expired") from None
    except BadSignature:
        raise LoginRequired() from None
    if not isinstance(payload, dict) or not all(isinstance(payload.get(k), str) for k in "upc"):
        raise LoginRequired()
    return payload


def current_admin(request: Request, session: SessionDep, settings: SettingsDep) -> Admin:
    payload = read_session(request, settings)
    user = session.execute(select(AdminUser).where(AdminUser.username == payload["u"])).scalars().first()
    if user is None or not tokens_match(payload["p"], password_fingerprint(user.password_hash)):
        raise LoginRequired("signed-out")  # account removed or password reset since
    return Admin(username=user.username, csrf_token=payload["c"])


CurrentAdmin = Annotated[Admin, Depends(current_admin)]


def check_csrf(admin: Admin, token: str | None) -> None:
    if not tokens_match(token, admin.csrf_token):
        raise CsrfRejected(
            "This form has expired or did not come from this site (its security token is missing "
            "or wrong). Your entries are kept below: submit the form again."
        )


# --- the login form's CSRF token (no session yet: signed double submit) -----------------------

def login_form_token(request: Request, settings: Settings) -> tuple[str, str]:
    """(token for the login form, random value for its cookie): the pair a login post must match."""
    nonce = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    return _serializer(settings, "login-form").dumps(nonce), nonce


def set_login_cookie(response: Response, settings: Settings, nonce: str) -> None:
    _set_cookie(response, settings, LOGIN_CSRF_COOKIE, nonce, LOGIN_FORM_MAX_AGE, path="/login")


def check_login_token(request: Request, settings: Settings, token: str | None) -> None:
    message = "The sign-in form has expired or did not come from this site. Please sign in again."
    try:
        nonce = _serializer(settings, "login-form").loads(token or "", max_age=LOGIN_FORM_MAX_AGE)
    except BadSignature:
        raise CsrfRejected(message) from None
    if not isinstance(nonce, str) or not tokens_match(nonce, request.cookies.get(LOGIN_CSRF_COOKIE)):
        raise CsrfRejected(message)


# --- rate limits -----------------------------------------------------------------------------

def client_address(request: Request) -> str:
    # Behind a proxy, uvicorn's --proxy-headers (on in `timeline serve`) puts the real address here.
    return (request.client.host if request.client else "unknown")[:80]


def _account_key(username: str) -> str:
    return username.strip().lower()[:80]


def _recent_failures(session: Session, kind: str, key: str, since: dt.datetime) -> list[dt.datetime]:
    return list(
        session.execute(
            select(AuditEntry.at)
            .where(AuditEntry.action == "login.failed", AuditEntry.object_type == kind,
                   AuditEntry.object_id == key, AuditEntry.at >= since)
            .order_by(AuditEntry.at.desc())
            .limit(FAILURE_LIMIT)
        ).scalars()
    )


def _last_success(session: Session, key: str) -> dt.datetime | None:
    return session.execute(
        select(func.max(AuditEntry.at)).where(
            AuditEntry.action == "login.ok", AuditEntry.object_type == "login_account", AuditEntry.object_id == key
        )
    ).scalar_one_or_none()


def check_rate_limit(session: Session, username: str, address: str, now: dt.datetime | None = None) -> None:
    """TooManyAttempts when the account or the address has FAILURE_LIMIT recent failures."""
    now = now or utcnow()
    window_start = now - FAILURE_WINDOW
    account = _account_key(username)
    last_ok = _last_success(session, account)
    checks = [
        ("account", "login_account", account, max(window_start, last_ok) if last_ok else window_start),
        ("address", "login_address", address, window_start),
    ]
    for label, kind, key, since in checks:
        failures = _recent_failures(session, kind, key, since)
        if len(failures) >= FAILURE_LIMIT:
            # Unblocked when the oldest of the counted failures leaves the window.
            seconds = max(1, int((failures[-1] + FAILURE_WINDOW - now).total_seconds()))
            minutes = math.ceil(seconds / 60)
            raise TooManyAttempts(
                f"Too many failed attempts for this {label}; try again in {minutes} "
                f"minute{'s' if minutes != 1 else ''}.",
                retry_after=seconds,
            )


def record_login(session: Session, username: str, address: str, *, ok: bool) -> None:
    action = "login.ok" if ok else "login.failed"
    actor = username[:80] if ok else "anonymous"
    for kind, key in (("login_account", _account_key(username)), ("login_address", address)):
        session.add(AuditEntry(username=actor, action=action, object_type=kind, object_id=key, public=False))


def login_url(next_path: str, reason: str = "") -> str:
    url = f"/login?next={quote(next_path, safe='/')}"
    return f"{url}&reason={reason}" if reason else url


def safe_next(value: str | None, default: str = "/admin") -> str:
    """Only a path on this site: `//evil.example` or `https://...` would be an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value
