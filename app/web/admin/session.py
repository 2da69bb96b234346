"""Who is signed in, and whether a form came from this site: the HTTP side of signing in.

A session is a row of admin_session (app/services/admin_sessions.py); the browser's cookie holds
its random token, signed with the settings' secret (itsdangerous), so a forged or altered cookie
is turned away before any query. Signing out deletes the row and a password reset deletes every
row of the account, so a cookie copied before either opens nothing afterwards, in any web
process. Checking passwords is app/services/sign_in.py, the rate limits app/services/throttle.py.

Every form handler takes `CsrfChecked` (or, for the sign-in form, which has no session yet,
`SignInFormChecked`): the form is read once (with the upload limits), its `csrf_token` compared
with the session's, and a mismatch refused (403) before the handler runs. A page may say how it
shows a refusal of its own form (`show_refusals_with`): the upload form and the sign-in form are
re-shown with what was typed and the reason.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlmodel import Session
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException

from app.config import Settings
from app.db import get_engine
from app.deps import SessionDep, SettingsDep
from app.errors import InputRejected, InputTooLarge, UserError
from app.models import AdminUser
from app.permalinks import login_path
from app.services import admin_sessions
from app.web.forms import read_form
from app.web.render import render

SESSION_COOKIE = "timeline_session"
LOGIN_CSRF_COOKIE = "timeline_login_csrf"
SESSION_MAX_AGE = int(admin_sessions.SESSION_LIFETIME.total_seconds())  # the cookie lives as long as its row
LOGIN_FORM_MAX_AGE = 2 * 60 * 60  # a login form left open longer than this must be reloaded


@dataclass(frozen=True)
class Admin:
    """The signed-in admin, as handlers see them."""

    username: str
    csrf_token: str
    session_id: str = ""  # the server-side session, which signing out ends


class LoginRequired(Exception):
    """No valid session. Pages answer 303 to the login page, the JSON API 401 (see install_admin)."""

    def __init__(self, reason: str = ""):
        super().__init__(reason)
        self.reason = reason  # "expired", "signed-out", or "" for never signed in


class CsrfRejected(UserError):
    status = 403
    code = "csrf_failed"


# --- signing ---------------------------------------------------------------------------------

def _serializer(settings: Settings, purpose: str) -> URLSafeTimedSerializer:
    # A salt per purpose: a login-form token can never be replayed as a session, and vice versa.
    return URLSafeTimedSerializer(settings.resolved_secret_key(), salt=f"timeline.{purpose}")


def tokens_match(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# --- sessions --------------------------------------------------------------------------------

def _set_cookie(response: Response, settings: Settings, name: str, value: str, max_age: int, path: str = "/") -> None:
    response.set_cookie(
        name, value, max_age=max_age, path=path, httponly=True, samesite="lax", secure=settings.secure_cookies
    )


def start_session(response: Response, settings: Settings, session: Session, user: AdminUser) -> None:
    token = admin_sessions.start(session, user)
    _set_cookie(response, settings, SESSION_COOKIE, _serializer(settings, "session").dumps({"t": token}),
                SESSION_MAX_AGE)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")


def end_session(response: Response, settings: Settings, session: Session, admin: Admin) -> None:
    """Sign this browser out: the server forgets the session, the browser its cookie."""
    admin_sessions.end(session, admin.session_id)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies)


def read_session(request: Request, settings: Settings) -> str:
    """The session token of the signed cookie; LoginRequired("expired") for an old one,
    LoginRequired() for none or a forged one."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise LoginRequired()
    try:
        payload = _serializer(settings, "session").loads(cookie, max_age=SESSION_MAX_AGE)
    except SignatureExpired:
        raise LoginRequired("expired") from None
    except BadSignature:
        raise LoginRequired() from None
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), str):
        raise LoginRequired()  # a cookie from before sessions were kept on the server
    return payload["t"]


def _open_session(session: Session, token: str) -> Admin | None:
    found = admin_sessions.find(session, token)
    return Admin(found.username, found.csrf_token, found.session_id) if found else None


def current_admin(request: Request, session: SessionDep, settings: SettingsDep) -> Admin:
    admin = _open_session(session, read_session(request, settings))
    if admin is None:
        raise LoginRequired("signed-out")  # signed out, or the password was reset since
    return admin


CurrentAdmin = Annotated[Admin, Depends(current_admin)]


def signed_in_admin(request: Request) -> Admin | None:
    """Who the page header shows as signed in: the session the cookie names, if it is still open.

    Only a request with a session cookie (an editor's browser) costs a query, once per request;
    a session ended by signing out or by a password reset shows "Sign in" like no session."""
    if hasattr(request.state, "signed_in_admin"):
        return request.state.signed_in_admin
    settings = request.app.state.settings
    admin = None
    try:
        token = read_session(request, settings)
    except LoginRequired:
        pass
    else:
        shared = getattr(request.state, "db_session", None)  # the request's own, when it has one
        if shared is not None:
            admin = _open_session(shared, token)
        else:
            with Session(get_engine(settings.database_url)) as session:
                admin = _open_session(session, token)
    request.state.signed_in_admin = admin
    return admin


# --- forms -----------------------------------------------------------------------------------

async def submitted_form(request: Request, settings: SettingsDep) -> FormData:
    """The posted form, read once per request with our own size limits (Starlette's default caps
    a field at 1 MB); InputTooLarge when it is far over them or cannot be read."""
    limit = settings.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > 4 * limit + 65536:
        # Refuse before reading: Starlette would spool a file part of any size to disk.
        raise InputTooLarge(f"The upload is larger than the {limit:,}-byte limit.")
    try:
        reading = await read_form(request, max_part_size=4 * limit + 65536)
    except MultiPartException as error:
        raise InputTooLarge(f"The upload could not be read: {error.message}") from None
    request.state.form = reading.form  # kept first: a refused form is re-shown with what was typed
    if reading.undecodable:
        # Stored as it came, such text would be garbled for good; the same bytes as a file get 415.
        names = [FIELD_NAMES.get(name, name) for name in reading.undecodable]
        subject = names[0] + " is" if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] + " are"
        raise InputRejected(
            f"The {subject} not valid UTF-8, so nothing was stored: the bytes that could not be "
            "read are marked \ufffd in the form. Paste it again from a UTF-8 source, or upload "
            "it as a file saved as UTF-8.",
            field=reading.undecodable[0])
    with_nul = list(dict.fromkeys(name for name, value in reading.form.multi_items()
                                  if isinstance(value, str) and "\x00" in value))
    if with_nul:
        # Valid UTF-8, but no text here holds a zero byte (PostgreSQL cannot store one at all).
        names = [FIELD_NAMES.get(name, name) for name in with_nul]
        subject = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        raise InputRejected(
            f"The {subject} holds a NUL character (a zero byte), which no text here can hold, so "
            "nothing was stored. Paste it again from its source, or upload it as a file.",
            field=with_nul[0])
    return reading.form


SubmittedForm = Annotated[FormData, Depends(submitted_form)]

# How a refusal names a form's fields.
FIELD_NAMES = {"text": "pasted text", "title": "title", "publisher": "publisher", "url": "URL",
               "published": "publication date", "username": "username", "password": "password"}


def check_csrf(admin: Admin, token: str | None) -> None:
    if not tokens_match(token, admin.csrf_token):
        raise CsrfRejected(
            "This form has expired or did not come from this site (its security token is missing "
            "or wrong). Your entries are kept below: submit the form again."
        )


def csrf_checked(admin: CurrentAdmin, form: SubmittedForm) -> Admin:
    """The signed-in admin, once the form's token is the session's (CsrfRejected, 403, if not)."""
    check_csrf(admin, str(form.get("csrf_token") or ""))
    return admin


CsrfChecked = Annotated[Admin, Depends(csrf_checked)]


def show_refusals_with(request: Request, show: Callable[[UserError], Response]) -> None:
    """Have a refusal of this request's form (unreadable, forged, or refused by the handler)
    answered by `show`, which re-shows the form, instead of the plain error page."""
    request.state.on_refusal = show


def refusal_page(request: Request, error: UserError) -> Response | None:
    """The form's own answer to a refusal, if its page said how to give one."""
    show = getattr(request.state, "on_refusal", None)
    return show(error) if show is not None else None


def form_value(request: Request, name: str) -> str:
    """A field of the form as submitted ("" before it was read, or when it could not be)."""
    form = getattr(request.state, "form", None)
    return str(form.get(name) or "") if form is not None else ""


# --- the sign-in form's CSRF token (no session yet: signed double submit) ----------------------

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


def sign_in_form_checked(request: Request, settings: SettingsDep, form: SubmittedForm) -> FormData:
    """The sign-in form, once its token matches this browser's sign-in cookie (403 if not)."""
    check_login_token(request, settings, str(form.get("csrf_token") or ""))
    return form


SignInFormChecked = Annotated[FormData, Depends(sign_in_form_checked)]


# --- where to go ------------------------------------------------------------------------------

def login_url(next_path: str, reason: str = "") -> str:
    return login_path(next_path, reason)


def safe_next(value: str | None, default: str = "/admin") -> str:
    """Only a path on this site: `//evil.example` or `https://...` would be an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


# --- admin pages -----------------------------------------------------------------------------

def admin_page(request: Request, admin: Admin, template: str, context: dict[str, Any], **options) -> Response:
    """Every admin page knows who is signed in and carries their CSRF token (the sign-out form)."""
    return render(request, template, {"admin": admin, "csrf_token": admin.csrf_token, **context}, **options)
