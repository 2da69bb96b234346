"""Security headers on every answer (issue 15, point 5), and templates that need no inline
script or style, so the Content-Security-Policy can refuse both. tests/browser/test_csp.py
proves the pages work under it in Chromium."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.config import PROJECT_ROOT
from app.db.engine import get_engine

EXPECTED = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_secured(response, *, hsts: bool = False) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.request.url, name)
    policy = directives(response.headers["content-security-policy"])
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    assert ("strict-transport-security" in response.headers) is hsts


@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/?zoom=year&at=2023", 200), ("/api/events", 200), ("/api/health", 200),
    ("/export.csv", 200), ("/feed.atom", 200), ("/static/css/app.css", 200), ("/static/js/explorer.js", 200),
    ("/login", 200), ("/docs", 200), ("/openapi.json", 200), ("/admin", 303), ("/api/jobs/x", 401),
    ("/events/nope", 404), ("/no/such/page", 404), ("/api/no-such-route", 404), ("/static/nope.css", 404),
    ("/?to=0001-01-01", 400), ("/api/events?cursor=QQ", 400),
    ("/c/default/", 200), ("/c/default/export.csv", 200), ("/c/nope/", 404), ("/api/collections", 200),
    ("/api/places", 200), ("/api/axis", 200), ("/api/events?collection=nope", 400),
    ("/places?zoom=year&at=2023", 303), ("/static/js/map.js", 200), ("/static/vendor/leaflet/leaflet.css", 200),
])
def test_every_kind_of_answer_carries_the_headers(fresh_client, path, status):
    response = fresh_client.get(path, follow_redirects=False)
    assert response.status_code == status
    assert_secured(response)


@pytest.mark.parametrize("path", ["/", "/c/default/", "/?zoom=year&at=2023", "/api/collections", "/api/events",
                                  "/export.csv", "/static/css/app.css"])
def test_head_answers_like_get_with_the_headers_and_no_body(fresh_client, path):
    """Every GET answers HEAD too (link checkers, card fetchers): the same status and headers,
    the security headers among them, and no body."""
    got, head = fresh_client.get(path), fresh_client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert_secured(head)


def test_hsts_only_when_the_site_is_served_over_https(fresh_settings):
    from app.main import create_app

    https = dataclasses.replace(fresh_settings, base_url="https://timeline.example.org")
    with TestClient(create_app(https), base_url="https://testserver") as client:
        for path in ("/", "/api/events", "/static/css/app.css", "/nope"):
            response = client.get(path)
            assert_secured(response, hsts=True)
            assert response.headers["strict-transport-security"].startswith("max-age=31536000")


def test_the_500_answer_carries_them_too(fresh_settings):
    from app.main import create_app

    with get_engine(fresh_settings.database_url).begin() as connection:
        connection.execute(text("DROP TABLE event_month_count"))
    with TestClient(create_app(fresh_settings), raise_server_exceptions=False) as client:
        for path in ("/api/timeline", "/?zoom=year&at=2023"):
            response = client.get(path)
            assert response.status_code == 500
            assert_secured(response)


def test_unknown_addresses_get_the_sites_own_404(fresh_client):
    page = fresh_client.get("/no/such/page")
    assert page.status_code == 404 and "site-header" in page.text and "no page at this address" in page.text
    api = fresh_client.get("/api/no-such-route")
    assert api.status_code == 404 and api.json()["error"] == "not_found"


# --- nothing inline ------------------------------------------------------------------------------

INLINE = [
    (re.compile(r"<style\b", re.I), "an inline <style>"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"\shx-on", re.I), "an hx-on handler (evaluated script)"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I), "an inline script"),
]


def test_templates_hold_no_inline_script_or_style():
    """What the policy would refuse must not be written in the first place (JSON-LD data blocks
    are not scripts; the browser never runs them)."""
    found = []
    for template in sorted((PROJECT_ROOT / "templates").rglob("*.html")):
        source = re.sub(r"{#.*?#}", "", template.read_text(encoding="utf-8"), flags=re.S)
        for pattern, what in INLINE:
            for match in pattern.finditer(source):
                found.append(f"{template.relative_to(PROJECT_ROOT)}: {what}: {match.group(0)!r}")
    assert not found, "\n".join(found)
