"""The upload form: every refusal has its status and message and keeps what the admin typed."""

from __future__ import annotations

from sqlalchemy import func, select

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from app.db import session_scope
from app.models import Article, IngestionJob

TEXT = "Officials said on Tuesday that talks would resume.\n\nThe ministry confirmed the meeting."


def post(client, data=None, files=None, path="/admin/articles", csrf=True):
    values = {"published": "", "publisher": "", "title": "", "url": "", "text": ""}
    values.update(data or {})
    if csrf:
        values.setdefault("csrf_token", client.csrf)
    return client.post(path, data=values, files=files, follow_redirects=False)


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def job_count(settings) -> int:
    with session_scope(settings.database_url) as session:
        return session.execute(select(func.count()).select_from(IngestionJob)).scalar_one()


def test_pasted_text_makes_a_queued_job_and_redirects_to_it(admin, settings, h):
    response = post(admin, {"text": TEXT, "published": h.yesterday, "publisher": "Wire", "title": "Talks"})
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    with session_scope(settings.database_url) as session:
        job = session.get(IngestionJob, job_id)
        assert job.status == "queued" and job.created_by == h.username
        assert job.payload["text"] == TEXT and job.payload["publisher"] == "Wire"
    assert admin.get(f"/api/jobs/{job_id}").json() == {
        "id": job_id, "status": "queued", "article_id": None, "error": None, "events": [],
        "events_created": [], "events_joined": [], "progress": 0,
    }


def test_pasted_text_line_breaks_are_stored_as_typed(admin, settings, h):
    # Browsers send a textarea's line breaks as CRLF; the article's text has plain newlines.
    response = post(admin, {"text": TEXT.replace("\n", "\r\n"), "published": h.yesterday})
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    with session_scope(settings.database_url) as session:
        assert session.get(IngestionJob, job_id).payload["text"] == TEXT


def test_missing_or_wrong_csrf_token_is_403_and_keeps_the_values(admin, settings, h):
    for token in (None, "forged"):
        data = {"text": TEXT, "published": h.yesterday, "title": "Kept title"}
        if token:
            data["csrf_token"] = token
        response = post(admin, data, csrf=bool(token))
        assert response.status_code == 403
        html = page(response)
        assert html.select_one("#up-title")["value"] == "Kept title"
        assert html.select_one("#up-text").text == TEXT
        assert "security token" in html.select_one("[role=alert]").text
    assert job_count(settings) == 0


@pytest.mark.parametrize(
    "data, files, status, field, words",
    [
        ({"text": "   \n  "}, None, 422, "text", "to ingest"),
        ({}, None, 422, "text", "to ingest"),
        ({}, {"file": ("empty.txt", b"", "text/plain")}, 422, "file", "empty"),
        ({}, {"file": ("x.txt", b"\x00\x01binary\x00", "text/plain")}, 415, "file", "binary"),
        ({}, {"file": ("x.txt", "caf\u00e9".encode("latin-1") + b" text", "text/plain")}, 415, "file", "UTF-8"),
        ({}, {"file": ("x.pdf", b"%PDF-1.4", "application/pdf")}, 415, "file", ".txt, .md and .html"),
        ({"text": TEXT, "published": "2023-02-30"}, None, 422, "published", "not a date"),
        ({"text": TEXT, "published": "yesterday"}, None, 422, "published", "not a date"),
        ({"text": TEXT, "published": ""}, None, 422, "published", "publication date"),
        ({"text": TEXT, "url": "javascript:alert(1)"}, None, 422, "url", "not an http(s) address"),
        ({"text": TEXT, "url": "ftp://example.org/a"}, None, 422, "url", "not an http(s) address"),
    ],
)
def test_bad_input_is_refused_with_its_status_and_the_form_kept(admin, settings, h, data, files, status, field, words):
    data = {"published": h.yesterday, "publisher": "Kept publisher", **data}
    response = post(admin, data, files)
    assert response.status_code == status, response.text
    html = page(response)
    assert words in html.select_one("[role=alert]").text
    control = html.select_one(f"#up-{field}")
    assert control["aria-invalid"] == "true"
    assert f"{field}-error" in control["aria-describedby"].split()
    assert html.select_one("#up-publisher")["value"] == "Kept publisher"
    assert job_count(settings) == 0


def test_future_date_is_422(admin, settings):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = post(admin, {"text": TEXT, "published": tomorrow})
    assert response.status_code == 422
    assert "in the future" in response.text
    assert page(response).select_one("#up-text").text == TEXT


def test_oversized_text_and_file_are_413(admin, settings, h):
    big = b"word " * (settings.max_upload_bytes // 5 + 10)
    assert post(admin, {"published": h.yesterday}, {"file": ("big.txt", big, "text/plain")}).status_code == 413
    assert post(admin, {"text": big.decode(), "published": h.yesterday}).status_code == 413
    assert job_count(settings) == 0


def test_text_and_file_together_is_ambiguous(admin, h):
    response = post(admin, {"text": TEXT, "published": h.yesterday}, {"file": ("a.txt", b"other", "text/plain")})
    assert response.status_code == 422
    assert "not both" in response.text


SCRIPTED_HTML = b"""<!doctype html><html><head><title>Ceasefire holds</title>
<meta property="article:published_time" content="2023-09-21T10:00:00Z">
<script>alert('head')</script></head>
<body onload="alert('body')"><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire holds in the region</h1>
<p>The ceasefire agreed on Wednesday held overnight, officials said on Thursday, and aid convoys
began moving toward the affected towns. <img src=x onerror="alert('img')"></p>
<p>Negotiators are expected to meet again next week in the capital, according to a statement
released by the foreign ministry late on Thursday evening.</p>
<script>document.write('<p>injected</p>')</script>
<p onclick="alert('p')">Residents described a quiet night after days of shelling that damaged
homes, schools and a hospital in the district.</p></article>
<footer>Copyright</footer></body></html>"""


def test_script_laden_html_is_reduced_to_text_and_never_live(admin, settings, h):
    preview = post(admin, {}, {"file": ("page.html", SCRIPTED_HTML, "text/html")}, path="/admin/articles/preview")
    assert preview.status_code == 200, preview.text
    html = page(preview)
    shown = html.select_one(".preview-text").text
    assert "ceasefire agreed on Wednesday" in shown
    assert "alert(" not in shown and "injected" not in shown
    # The only scripts are the site's own; no attribute of any element runs code.
    assert [s.get("src") for s in html.select("script")] == ["/static/vendor/htmx.min.js"]
    assert not [el for el in html.find_all(True) if any(a.startswith("on") for a in el.attrs)]
    confirm = {i["name"]: i.get("value", "") for i in html.select("form[action='/admin/articles'] input")}
    assert confirm["published"] == "2023-09-21"  # from the page's metadata
    assert confirm["original_format"] == "html"
    response = admin.post("/admin/articles", data=confirm, follow_redirects=False)
    assert response.status_code == 303
    with session_scope(settings.database_url) as session:
        job = session.get(IngestionJob, response.headers["location"].rsplit("/", 1)[-1])
        assert "<script" not in job.payload["text"] and "alert(" not in job.payload["text"]
        assert job.payload["source_format"] == "html"
        assert job.payload["text"] == shown


def test_pasted_markup_is_shown_escaped_in_the_preview(admin, h):
    text = "<script>alert(1)</script> Officials said <b>talks</b> resumed."
    response = post(admin, {"text": text, "published": h.yesterday}, path="/admin/articles/preview")
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert [s.get("src") for s in page(response).select("script")] == ["/static/vendor/htmx.min.js"]


def _store_article(settings, text: str, url: str | None = None) -> str:
    from app import ids

    text_hash = ids.content_hash(text)
    with session_scope(settings.database_url) as session:
        session.add(Article(id=ids.article_id(text_hash), content_hash=text_hash, title="Stored",
                            published=dt.date(2023, 9, 20), text=text, url=url))
    return ids.article_id(text_hash)


def test_same_text_again_is_409_with_a_link(admin, settings, h):
    article_id = _store_article(settings, TEXT)
    response = post(admin, {"text": TEXT, "published": h.yesterday})
    assert response.status_code == 409
    assert page(response).select_one(f"[role=alert] a[href='/articles/{article_id}']") is not None
    assert job_count(settings) == 0


def test_same_text_while_its_job_is_pending_is_409_with_a_link(admin, settings, h):
    first = post(admin, {"text": TEXT, "published": h.yesterday})
    again = post(admin, {"text": TEXT, "published": h.yesterday})
    assert again.status_code == 409
    assert page(again).select_one(f"[role=alert] a[href='{first.headers['location']}']") is not None
    assert job_count(settings) == 1


def test_same_url_with_different_text_asks_whether_it_replaces_the_stored_one(admin, settings, h):
    url = "https://news.example/story"
    article_id = _store_article(settings, "An older version of the story.", url=url)
    response = post(admin, {"text": TEXT, "published": h.yesterday, "url": url})
    assert response.status_code == 409
    html = page(response)
    assert html.select_one(f"a[href='/articles/{article_id}']") is not None
    assert "Nothing was added" in html.select_one("[role=alert]").text
    assert job_count(settings) == 0
    offer = html.select_one("form[action='/admin/articles']")
    values = {i["name"]: i["value"] for i in offer.select("input[type=hidden]")}
    assert values["text"] == TEXT and values["url"] == url and values["replaces"] == article_id
    assert {b["value"] for b in offer.select("button[name=same_url]")} == {"replace", "separate"}
    kept = admin.post("/admin/articles", data={**values, "same_url": "separate"}, follow_redirects=False)
    assert kept.status_code == 303 and job_count(settings) == 1


def test_upload_page_labels_every_field(admin):
    html = page(admin.get("/admin/articles/new"))
    form = html.select_one("form[action='/admin/articles']")
    assert form["enctype"] == "multipart/form-data"
    for name in ["text", "file", "published", "publisher", "title", "url", "csrf_token"]:
        assert form.select_one(f"[name={name}]") is not None, name
    for control in form.select("input:not([type=hidden]), textarea"):
        assert html.select_one(f"label[for={control['id']}]") is not None, control


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(settings, h):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    small = replace(settings, max_upload_bytes=1000)
    with TestClient(h.make_app(small)) as client:
        h.sign_in(client)
        token = h.form_token(client.get("/admin/articles/new").text)
        response = client.post("/admin/articles", data={"csrf_token": token, "published": h.yesterday},
                               files={"file": ("big.txt", b"x" * 10_000, "text/plain")})
    assert response.status_code == 413
    assert "limit" in BeautifulSoup(response.text, "html.parser").select_one("[role=alert]").text
    assert job_count(settings) == 0
