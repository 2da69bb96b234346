"""Pasted text that is not valid UTF-8 (issue 15, point 8) is refused with a 422 that says so,
with the form re-shown, nothing queued and nothing stored garbled. The same bytes as a file
are refused with 415 (docs/admin.md); valid text in any script is stored exactly."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.db import session_scope
from app.models import Article, IngestionJob

LATIN1_TEXT = "Officials in the caf\u00e9 said on Tuesday that talks would resume.".encode("latin-1")
WINDOWS_QUOTES = b"The minister said \x93we will not retreat\x94 on Tuesday."


def stored(settings) -> tuple[int, int]:
    with session_scope(settings.database_url) as session:
        return (session.execute(select(func.count()).select_from(IngestionJob)).scalar_one(),
                session.execute(select(func.count()).select_from(Article)).scalar_one())


def multipart_post(client, fields: dict[str, bytes | str]):
    # The upload form is multipart/form-data; an empty file part is what a browser sends when
    # no file is chosen.
    data = {"published": "2023-09-20", "publisher": "", "title": "", "url": "", "csrf_token": client.csrf, **fields}
    return client.post("/admin/articles", data=data, files={"file": ("", b"", "application/octet-stream")},
                       follow_redirects=False)


def urlencoded_post(client, fields: dict[str, bytes | str]):
    values = {"published": "2023-09-20", "csrf_token": client.csrf, **fields}
    body = "&".join(f"{name}={quote_from_bytes(v if isinstance(v, bytes) else v.encode())}" for name, v in values.items())
    return client.post("/admin/articles", content=body.encode("ascii"), follow_redirects=False,
                       headers={"content-type": "application/x-www-form-urlencoded"})


@pytest.mark.parametrize("send", [multipart_post, urlencoded_post], ids=["multipart", "urlencoded"])
@pytest.mark.parametrize("raw", [LATIN1_TEXT, WINDOWS_QUOTES], ids=["latin-1", "windows-1252"])
def test_pasted_text_that_is_not_utf8_is_refused_and_nothing_is_stored(admin, settings, send, raw):
    response = send(admin, {"text": raw, "title": "Kept title"})
    assert response.status_code == 422, response.text
    html = BeautifulSoup(response.text, "html.parser")
    alert = html.select_one("[role=alert]").get_text()
    assert "pasted text is not valid UTF-8" in alert and "nothing was stored" in alert
    control = html.select_one("#up-text")
    assert control["aria-invalid"] == "true"
    # Re-shown with the unreadable bytes marked, never as mojibake.
    assert control.text == raw.decode("utf-8", errors="replace")
    assert "\u00c3" not in control.text and "\u201c" not in control.text
    assert html.select_one("#up-title")["value"] == "Kept title"
    assert stored(settings) == (0, 0)


def test_another_field_that_is_not_utf8_is_named(admin, settings):
    response = multipart_post(admin, {"text": "Talks resumed on Tuesday.", "publisher": b"Le Caf\xe9 Wire"})
    assert response.status_code == 422
    assert "publisher is not valid UTF-8" in response.text
    assert stored(settings) == (0, 0)


def test_the_same_bytes_as_a_file_are_415(admin, settings):
    response = admin.post("/admin/articles", follow_redirects=False,
                          data={"published": "2023-09-20", "text": "", "csrf_token": admin.csrf},
                          files={"file": ("article.txt", LATIN1_TEXT, "text/plain")})
    assert response.status_code == 415 and "not valid UTF-8" in response.text
    assert stored(settings) == (0, 0)


@pytest.mark.parametrize("send", [multipart_post, urlencoded_post], ids=["multipart", "urlencoded"])
def test_valid_text_in_any_script_is_queued_exactly(admin, settings, send):
    text = "Officials in Ереван and Bakı said \u201cno\u201d; caf\u00e9 talks resume \U0001F54A."
    response = send(admin, {"text": text.encode("utf-8"), "title": "Ереван"})
    assert response.status_code == 303, response.text
    with session_scope(settings.database_url) as session:
        job = session.execute(select(IngestionJob)).scalars().one()
        assert (job.payload["text"], job.payload["title"]) == (text, "Ереван")


# --- NUL characters (PostgreSQL cannot hold or even compare them; SQLite can) ----------------------

@pytest.mark.parametrize("send", [multipart_post, urlencoded_post], ids=["multipart", "urlencoded"])
def test_a_nul_character_in_a_field_is_refused_and_nothing_is_stored(admin, settings, send):
    response = send(admin, {"text": "Talks resumed\x00 on Tuesday.", "title": "Kept title"})
    assert response.status_code == 422, response.text
    html = BeautifulSoup(response.text, "html.parser")
    assert "pasted text holds a NUL character" in html.select_one("[role=alert]").get_text()
    assert html.select_one("#up-text")["aria-invalid"] == "true"
    assert html.select_one("#up-title")["value"] == "Kept title"
    assert stored(settings) == (0, 0)


def test_a_nul_character_in_the_sign_in_form_is_refused(anon):
    token = BeautifulSoup(anon.get("/login").text, "html.parser").select_one("input[name=csrf_token]")["value"]
    signed_in = anon.post("/login", data={"username": "editor\x00", "password": "x", "csrf_token": token},
                          follow_redirects=False)
    assert signed_in.status_code == 422 and "username holds a NUL character" in signed_in.text


def test_a_nul_character_in_a_collection_form_is_refused(admin):
    created = admin.post("/admin/collections", data={"slug": "nul", "name": "Nul\x00", "csrf_token": admin.csrf},
                         follow_redirects=False)
    assert created.status_code == 422 and "holds a NUL character" in created.text
    assert "nul" not in {c["slug"] for c in admin.get("/api/collections").json()["items"]}
