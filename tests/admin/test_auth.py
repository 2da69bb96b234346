"""Sign-in, sessions, CSRF and rate limits: every protection of the admin side."""

from __future__ import annotations

from sqlalchemy import func, select

import time

import pytest
from bs4 import BeautifulSoup
from itsdangerous import URLSafeTimedSerializer

from app.services import admin_sessions
from app.web.admin import session as auth
from app.db import session_scope
from app.models import AdminUser
from app.services.accounts import create_or_reset

PROTECTED_PAGES = ["/admin", "/admin/articles/new", "/admin/jobs/abc"]
PROTECTED_WRITES = ["/admin/articles", "/admin/articles/preview", "/admin/jobs/abc/retry", "/logout"]


@pytest.mark.parametrize("path", PROTECTED_PAGES)
def test_pages_redirect_to_login_without_a_session(anon, path):
    response = anon.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == auth.login_url(path)


@pytest.mark.parametrize("path", PROTECTED_WRITES)
def test_writes_do_not_answer_without_a_session(anon, path):
    response = anon.post(path, data={"text": "x", "csrf_token": "x"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?")


def test_job_api_needs_a_session(anon):
    response = anon.get("/api/jobs/abc")
    assert response.status_code == 401
    assert response.json()["error"] == "login_required"


def test_sign_in_sets_a_protected_cookie_and_lands_on_next(h, anon):
    response = h.sign_in(anon, next="/admin/articles/new")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/articles/new"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(auth.SESSION_COOKIE))
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
    assert "secure" not in flags  # plain http in tests; see the next test
    assert anon.get("/admin", follow_redirects=False).status_code == 200


def test_cookie_is_secure_when_the_site_is_https(h, settings):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    with TestClient(h.make_app(replace(settings, secure_cookies=True)), base_url="https://testserver") as client:
        response = h.sign_in(client)
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(auth.SESSION_COOKIE))
    assert "secure" in cookie.lower()


def test_next_never_leaves_the_site(h, anon):
    response = h.sign_in(anon, next="//evil.example/phish")
    assert response.headers["location"] == "/admin"


def test_wrong_password_is_refused_and_keeps_the_username(h, anon):
    response = h.sign_in(anon, password="not the password")
    assert response.status_code == 400
    page = BeautifulSoup(response.text, "html.parser")
    assert "Wrong username or password" in page.select_one("[role=alert]").text
    assert page.select_one("#login-username")["value"] == h.username
    assert page.select_one("#login-username")["aria-describedby"] == "login-error"
    assert auth.SESSION_COOKIE not in anon.cookies
    assert anon.get("/admin", follow_redirects=False).status_code == 303


def test_unknown_user_is_refused_the_same_way(h, anon):
    response = h.sign_in(anon, username="nobody")
    assert response.status_code == 400
    assert "Wrong username or password" in response.text


def test_login_without_or_with_a_wrong_csrf_token_is_403(h, anon):
    anon.get("/login")
    missing = anon.post("/login", data={"username": h.username, "password": h.password})
    forged = anon.post("/login", data={"username": h.username, "password": h.password, "csrf_token": "forged"})
    assert missing.status_code == forged.status_code == 403
    assert auth.SESSION_COOKIE not in anon.cookies


def test_login_token_from_another_browser_is_403(h, anon, settings):
    token = h.form_token(anon.get("/login").text)
    anon.cookies.set(auth.LOGIN_CSRF_COOKIE, "someone-elses-nonce", path="/login")
    response = anon.post("/login", data={"username": h.username, "password": h.password, "csrf_token": token})
    assert response.status_code == 403


USERNAME = "editor"  # the account the `settings` fixture creates


def _forge_session(settings, token: str, age_seconds: int) -> str:
    """A session cookie for `token`, signed with the settings' key as if `age_seconds` ago."""
    serializer = URLSafeTimedSerializer(settings.resolved_secret_key(), salt="timeline.session")
    real_time = time.time
    try:
        time.time = lambda: real_time() - age_seconds  # itsdangerous stamps with time.time()
        return serializer.dumps({"t": token})
    finally:
        time.time = real_time


def _open_session(settings) -> str:
    """A real session of the account, started by the service; its token."""
    with session_scope(settings.database_url) as session:
        user = session.execute(select(AdminUser).where(AdminUser.username == USERNAME)).scalar_one()
        return admin_sessions.start(session, user)


def test_a_fresh_forged_cookie_with_the_right_key_works(h, anon, settings):
    # The control for the next tests: the forging itself is right.
    anon.cookies.set(auth.SESSION_COOKIE, _forge_session(settings, _open_session(settings), 60))
    assert anon.get("/admin", follow_redirects=False).status_code == 200


def test_a_signed_cookie_naming_no_open_session_is_refused(h, anon, settings):
    anon.cookies.set(auth.SESSION_COOKIE, _forge_session(settings, "made-up-token", 60))
    response = anon.get("/admin", follow_redirects=False)
    assert response.status_code == 303 and "reason=signed-out" in response.headers["location"]


def test_expired_session_is_treated_as_signed_out(h, anon, settings):
    old = _forge_session(settings, _open_session(settings), auth.SESSION_MAX_AGE + 60)
    anon.cookies.set(auth.SESSION_COOKIE, old)
    response = anon.get("/admin/articles/new", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == auth.login_url("/admin/articles/new", "expired")
    login = anon.get(response.headers["location"])
    assert "Your session has expired" in login.text
    assert anon.get("/api/jobs/x").status_code == 401


def test_cookie_signed_with_another_key_is_ignored(h, anon, settings):
    from dataclasses import replace

    other = replace(settings, secret_key="a-different-secret")
    anon.cookies.set(auth.SESSION_COOKIE, _forge_session(other, _open_session(settings), 60))
    assert anon.get("/admin", follow_redirects=False).status_code == 303


def test_password_reset_signs_old_sessions_out(h, admin, settings):
    with session_scope(settings.database_url) as session:
        create_or_reset(session, h.username, "a brand new passphrase")
    response = admin.get("/admin", follow_redirects=False)
    assert response.status_code == 303
    assert "reason=signed-out" in response.headers["location"]


def test_logout_needs_the_csrf_token_then_ends_the_session(admin):
    assert admin.post("/logout", data={"csrf_token": "wrong"}, follow_redirects=False).status_code == 403
    assert admin.get("/admin", follow_redirects=False).status_code == 200
    response = admin.post("/logout", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert admin.get("/admin", follow_redirects=False).status_code == 303


def test_every_admin_form_carries_a_csrf_token(admin):
    for path in ["/admin", "/admin/articles/new"]:
        page = BeautifulSoup(admin.get(path).text, "html.parser")
        for form in page.select("form[method=post]"):
            assert form.select_one("input[name=csrf_token]")["value"] == admin.csrf, (path, form)


def test_login_page_labels_every_input(anon):
    page = BeautifulSoup(anon.get("/login").text, "html.parser")
    for field in page.select("input:not([type=hidden])"):
        assert page.select_one(f"label[for={field['id']}]") is not None


# --- the site header on every page ---------------------------------------------------------------

def _header(client, path: str = "/") -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser").select_one("header.site-header")


def _links(header, text: str) -> list[str]:
    return [a["href"] for a in header.select("a") if a.get_text(strip=True) == text]


def test_public_header_offers_sign_in_without_a_session(anon):
    header = _header(anon)
    assert _links(header, "Sign in") == ["/login"]
    assert _links(header, "Admin") == [] and header.select_one("form") is None


def test_public_header_offers_admin_and_sign_out_when_signed_in(admin):
    for path in ["/", "/login"]:
        header = _header(admin, path)
        assert _links(header, "Admin") == ["/admin"]
        assert _links(header, "Sign in") == []
    form = _header(admin).select_one("form[action='/logout'][method=post]")
    assert form.select_one("button").get_text(strip=True) == "Sign out"
    assert form.select_one("input[name=csrf_token]")["value"] == admin.csrf

    response = admin.post(form["action"], data={"csrf_token": form.select_one("input")["value"]},
                          follow_redirects=False)
    assert response.status_code == 303
    header = _header(admin)
    assert _links(header, "Sign in") == ["/login"] and _links(header, "Admin") == []


def test_admin_pages_have_one_sign_out_form(admin):
    page = BeautifulSoup(admin.get("/admin").text, "html.parser")
    assert len(page.select("form[action='/logout']")) == 1
    assert "Signed in as editor" in " ".join(page.select_one(".admin-bar").get_text(" ", strip=True).split())


def test_header_ignores_expired_or_forged_sessions(h, anon, settings):
    from dataclasses import replace

    expired = _forge_session(settings, _open_session(settings), auth.SESSION_MAX_AGE + 60)
    forged = _forge_session(replace(settings, secret_key="a-different-secret"), _open_session(settings), 60)
    for cookie in (expired, forged):
        anon.cookies.set(auth.SESSION_COOKIE, cookie)
        assert _links(_header(anon), "Sign in") == ["/login"]


def test_public_header_costs_one_query_only_for_a_browser_with_a_session_cookie(admin, settings):
    """Readers without a session cookie pay nothing for the header; an editor's browser pays one
    look-up of its session, which is how an ended session stops showing "Admin"."""
    from sqlalchemy import event

    from app.db import get_engine

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = get_engine(settings.database_url)
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert "Sign out" in admin.get("/").text
        signed_in = len(statements)
        assert sum("admin_session" in statement for statement in statements) == 1
        admin.cookies.delete(auth.SESSION_COOKIE)
        statements.clear()
        assert "Sign out" not in admin.get("/").text
        assert 0 < len(statements) == signed_in - 1  # the timeline's own queries, nothing for the header
        assert not any("admin_session" in statement for statement in statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_pages_for_a_signed_in_admin_are_never_cached_and_public_pages_stay_cacheable(h, anon):
    """A page rendered for a signed-in admin holds a CSRF token and the admin's name: no shared
    cache, and no back button after signing out, may serve it to someone else."""
    public = anon.get("/")
    assert public.status_code == 200
    assert "no-store" not in public.headers.get("cache-control", "")
    login = anon.get("/login")
    assert login.headers["cache-control"] == "private, no-store"
    assert h.sign_in(anon).status_code == 303
    for path in ("/", "/admin", "/admin/articles/new"):
        response = anon.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "private, no-store", path
        assert "Cookie" in response.headers["vary"], path
    assert anon.get("/admin").text.count('name="csrf_token"') >= 1


def test_sign_in_attempts_are_kept_apart_from_the_audit_log(h, anon, settings):
    from app.models import AuditEntry, LoginAttempt

    assert h.sign_in(anon, password="wrong wrong wrong").status_code == 400
    assert h.sign_in(anon).status_code == 303
    with session_scope(settings.database_url) as session:
        attempts = session.execute(select(LoginAttempt.account, LoginAttempt.ok).order_by(LoginAttempt.id)).all()
        assert [tuple(a) for a in attempts] == [(h.username, False), (h.username, True)]
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.action.like("login%"))).scalar_one() == 0
