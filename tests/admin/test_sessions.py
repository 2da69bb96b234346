"""Sessions end when they should (issue 15, point 4): signing out ends the session on the server,
so a cookie saved before `POST /logout` opens nothing afterwards; a password reset with
`timeline admin create` ends every session of the account; and the header of public pages
stops offering "Admin" for an ended session."""

from __future__ import annotations

import os
import subprocess
import sys

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import PROJECT_ROOT
from app.db import session_scope
from app.models import AdminSession
from app.web.admin import session as auth

NEW_PASSWORD = "a brand new passphrase"


def header_links(client: TestClient) -> list[str]:
    header = BeautifulSoup(client.get("/").text, "html.parser").select_one("header.site-header")
    return [a.get_text(strip=True) for a in header.select("a")] + [b.get_text(strip=True) for b in header.select("button")]


def signed_in_browser(h, settings) -> TestClient:
    client = TestClient(h.make_app(settings, h.steps)).__enter__()
    assert h.sign_in(client).status_code == 303
    client.csrf = h.form_token(client.get("/admin").text)
    return client


def with_cookie(h, settings, cookie: str) -> TestClient:
    """Another browser, given a copy of a session cookie (as someone who saved it would)."""
    client = TestClient(h.make_app(settings, h.steps)).__enter__()
    client.cookies.set(auth.SESSION_COOKIE, cookie)
    return client


def assert_ended(client: TestClient, *, cookie_kept: bool = True) -> None:
    """The browser is signed out: the cookie it kept (if it kept one) is refused as ended."""
    response = client.get("/admin", follow_redirects=False)
    assert response.status_code == 303
    expected = "/login?next=/admin" + ("&reason=signed-out" if cookie_kept else "")
    assert response.headers["location"] == expected
    assert client.get("/api/jobs/anything").status_code == 401
    links = header_links(client)
    assert "Admin" not in links and "Sign out" not in links and "Sign in" in links


def test_a_cookie_saved_before_signing_out_opens_nothing_afterwards(h, settings):
    browser = signed_in_browser(h, settings)
    saved = browser.cookies[auth.SESSION_COOKIE]
    copy = with_cookie(h, settings, saved)
    assert copy.get("/admin", follow_redirects=False).status_code == 200  # the copy works until...
    assert "Admin" in header_links(copy)

    response = browser.post("/logout", data={"csrf_token": browser.csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert_ended(browser, cookie_kept=False)  # the browser that signed out dropped its cookie
    assert_ended(copy)  # ...sign-out: the server no longer knows the session
    # Nor can the copy post a form with the session's token.
    refused = copy.post("/admin/articles", data={"csrf_token": browser.csrf, "text": "x"}, follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/login")


def test_signing_out_one_browser_leaves_the_others_signed_in(h, settings):
    laptop, phone = signed_in_browser(h, settings), signed_in_browser(h, settings)
    assert laptop.csrf != phone.csrf  # each session has its own token
    laptop.post("/logout", data={"csrf_token": laptop.csrf}, follow_redirects=False)
    assert_ended(laptop, cookie_kept=False)
    assert phone.get("/admin", follow_redirects=False).status_code == 200


def test_a_password_reset_from_the_command_line_ends_every_session_of_the_account(h, settings):
    laptop, phone = signed_in_browser(h, settings), signed_in_browser(h, settings)
    env = dict(os.environ, DATABASE_URL=settings.database_url, TIMELINE_DATA_DIR=str(settings.data_dir))
    result = subprocess.run([sys.executable, "-m", "app.cli", "admin", "create", h.username, "--password-stdin"],
                            input=NEW_PASSWORD + "\n", capture_output=True, text=True, env=env, cwd=PROJECT_ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    for browser in (laptop, phone):
        assert_ended(browser)
    assert "the password was reset" in laptop.get("/login?next=/admin&reason=signed-out").text
    assert h.sign_in(laptop).status_code == 400  # the old password is gone
    assert h.sign_in(laptop, password=NEW_PASSWORD).status_code == 303
    assert laptop.get("/admin", follow_redirects=False).status_code == 200


def test_the_server_keeps_a_digest_of_the_token_never_the_token(h, settings):
    import hashlib

    browser = signed_in_browser(h, settings)
    cookie = browser.cookies[auth.SESSION_COOKIE]
    token = auth._serializer(settings, "session").loads(cookie)["t"]
    with session_scope(settings.database_url) as session:
        ids = session.execute(select(AdminSession.id)).scalars().all()
    assert ids == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in ids


def test_an_ended_session_cannot_work_the_collection_forms(h, settings):
    """The collections' forms (create, rename, delete, move an article, the upload's collection
    picker) need an open server-side session and its token, like every admin form."""
    browser = signed_in_browser(h, settings)
    copy = with_cookie(h, settings, browser.cookies[auth.SESSION_COOKIE])
    created = copy.post("/admin/collections", data={"csrf_token": browser.csrf, "slug": "before", "name": "Before"},
                        follow_redirects=False)
    assert created.status_code == 303  # the copied cookie works while the session is open
    browser.post("/logout", data={"csrf_token": browser.csrf}, follow_redirects=False)
    for path, data in (("/admin/collections", {"slug": "after", "name": "After"}),
                       ("/admin/collections/before", {"name": "Renamed"}),
                       ("/admin/collections/before/delete", {}),
                       ("/admin/articles/anything/move", {"collection": "before"}),
                       ("/admin/articles", {"text": "A report.", "published": "2023-09-20", "collection": "before"})):
        refused = copy.post(path, data={"csrf_token": browser.csrf, **data}, follow_redirects=False)
        assert refused.status_code == 303 and refused.headers["location"].startswith("/login"), path
    names = {c["slug"]: c["name"] for c in copy.get("/api/collections").json()["items"]}
    assert names == {"default": "Default collection", "before": "Before"}
