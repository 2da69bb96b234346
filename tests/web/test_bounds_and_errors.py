"""Dates at the calendar's ends, forged cursors and the app's own 500 page (issue 15, point 6).

A date outside the supported range (0100-01-01 to 9899-12-31) is a 400 with a sentence naming the
range, on the JSON API, the pages and the exports; a cursor that no server gave out (a sequence
number of 2^63) is a 400 too. Events stored at the calendar's very ends (a "1st century"
background event, an open range to 9999) never break a page. And when something does fail on
the server's side, the answer is the site's own page (JSON under /api/) with an incident id,
whose traceback is in the log and nowhere in the answer.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import session_scope
from app.db.engine import get_engine
from app.pipeline.types import (
    ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, Sentence,
)
from app.services.articles import add_article

RANGE_WORDS = "outside the dates this timeline supports (0100-01-01 to 9899-12-31)"


def cursor(day: str, seq: int, *rest) -> str:
    """A cursor as the server writes one: day|seq, or day|seq|offset|importance (sort=importance)."""
    return base64.urlsafe_b64encode("|".join(map(str, (day, seq, *rest))).encode()).decode().rstrip("=")


def extraction_at(article: ArticleInput, intervals: list[DateInterval]) -> ArticleExtraction:
    """One event per paragraph, each dated by the interval given for it."""
    sentences, start = [], 0
    for index, paragraph in enumerate(article.text.split("\n\n")):
        sentences.append(Sentence(index, start, start + len(paragraph), paragraph))
        start += len(paragraph) + 2
    events = tuple(
        EventCandidate(sentence=s, ordinal=0, type="statement", title=s.text[:60], trigger="said",
                       trigger_start=s.start, trigger_end=s.start + 1, modality="asserted",
                       date=EventDate(interval, "explicit", "test"))
        for s, interval in zip(sentences, intervals)
    )
    return ArticleExtraction(title=article.title or "Untitled", body=((0, len(article.text)),),
                             sentences=tuple(sentences), timexes=(), events=events)


@pytest.fixture
def edge_client(fresh_settings):
    """Events at the calendar's ends, stored by the real write path (counts and index kept)."""
    article = ArticleInput(
        text="Historians said the region was settled in the first century.\n\n"
             "The ministry said the ceasefire holds from now on.\n\n"
             "The ministry said fighting resumed on Tuesday.",
        published=dt.date(2023, 9, 20), title="Edges", publisher="Wire")
    intervals = [DateInterval(dt.date(1, 1, 1), dt.date(99, 12, 31), "century"),
                 DateInterval(dt.date(2023, 9, 20), dt.date(9999, 12, 31), "day", open_end=True),
                 DateInterval(dt.date(2023, 9, 19), dt.date(2023, 9, 19), "day")]
    with session_scope(fresh_settings.database_url) as session:
        add_article(session, article, extraction_at(article, intervals))
    from app.main import create_app

    with TestClient(create_app(fresh_settings)) as client:
        yield client


@pytest.mark.parametrize("url, name", [
    ("/api/events?to=0001-01-05", "to"),
    ("/api/events?from=9999-12-31", "from"),
    ("/api/events?from=0099-12-31", "from"),
    ("/api/timeline?from=0001-01-01&to=0001-01-02", "from"),
    ("/api/timeline?zoom=week&at=0001-01-01", "at"),
    ("/api/events?at=9900", "at"),
    ("/api/events?jump=0001-01-01", "jump"),
    ("/api/events?collection=default&from=0099-12-31", "from"),
    ("/api/axis?to=0001-01-05", "to"),
    ("/api/axis?zoom=century&at=0050", "at"),
    ("/api/places?at=9900", "at"),
    ("/api/places?collection=default&to=0001-01-05", "to"),
])
def test_a_date_off_the_supported_range_is_a_400_with_a_sentence_in_json(edge_client, url, name):
    response = edge_client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad_filter"
    assert body["message"].startswith(f"{name}=") and RANGE_WORDS in body["message"]


@pytest.mark.parametrize("url", [
    "/?to=0001-01-05", "/?zoom=week&at=0001-01-01", "/?zoom=century&at=9999", "/?zoom=day&at=9999-12-31",
    "/facets?to=0001-01-05", "/export.csv?to=0001-01-05", "/export.ics?from=9999-12-31", "/feed.atom?to=0001",
    "/export.json?from=0050-06",
    "/?jump=0001-01-01", "/c/default/?to=0001-01-05", "/c/default/?zoom=day&at=9999-12-31",
    "/c/default/export.csv?from=9999-12-31", "/c/default/feed.atom?to=0001",
])
def test_a_date_off_the_supported_range_is_a_400_page_with_a_sentence(edge_client, url):
    response = edge_client.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    message = BeautifulSoup(response.text, "html.parser").select_one(".error-message").get_text()
    assert RANGE_WORDS in message


@pytest.mark.parametrize("value", [
    cursor("2023-09-19", 2 ** 63), cursor("2023-09-19", 2 ** 32), cursor("2023-09-19", -1),
    cursor("2023-09-19", "1_000"), cursor("2023-09-19", " 7"), cursor("not-a-day", 1), "%%%", "QQ",
    # The cursors of a list by importance (and of later pages): offset and importance too.
    cursor("2023-09-19", 5, 50, 2 ** 63), cursor("2023-09-19", 5, 50, 101), cursor("2023-09-19", 5, 50, -1),
    cursor("2023-09-19", 5, 2 ** 32, 3), cursor("2023-09-19", 5, -1, 3), cursor("2023-09-19", 5, "", 3),
    cursor("2023-09-19", 5, 1), cursor("2023-09-19", 5, 1, 2, 3), cursor("2023-09-19", 2 ** 63, 1, 3),
])
@pytest.mark.parametrize("sort", ["date", "-date", "importance"])
def test_a_cursor_no_server_gave_out_is_a_400(edge_client, value, sort):
    response = edge_client.get("/api/events", params={"cursor": value, "sort": sort})
    assert response.status_code == 400
    assert "cursor" in response.json()["message"]
    assert edge_client.get("/", params={"cursor": value, "sort": sort}).status_code == 400
    assert edge_client.get("/c/default/", params={"cursor": value, "sort": sort}).status_code == 400


def test_cursors_the_server_gives_out_still_page_through_the_calendar_ends(edge_client):
    seen, url = [], "/api/events?limit=1"
    while url:
        page = edge_client.get(url).json()
        seen += [event["date_start"] for event in page["items"]]
        url = page["next"] and page["next"].replace("http://testserver", "")
    assert seen == ["0001-01-01", "2023-09-19", "2023-09-20"]
    for sort in ("importance", "-date"):  # the other orders' cursors too, within a collection
        seen, url = [], f"/api/events?limit=1&sort={sort}&collection=default"
        while url:
            page = edge_client.get(url).json()
            seen += [event["date_start"] for event in page["items"]]
            url = page["next"] and page["next"].replace("http://testserver", "")
        assert sorted(seen) == ["0001-01-01", "2023-09-19", "2023-09-20"], sort


def test_events_at_the_calendar_ends_break_no_page(edge_client):
    """Every view an edge event leads to answers: the overview, each zoom level around the
    supported range's ends, the event pages (related events look days either way) and exports."""
    urls = ["/", "/?zoom=century&at=0100", "/?zoom=decade&at=0100", "/?zoom=year&at=0100",
            "/?zoom=month&at=0100-01", "/?zoom=week&at=0100-01-01", "/?zoom=day&at=0100-01-01",
            "/?zoom=century&at=9899", "/?zoom=week&at=9899-12-31", "/?zoom=day&at=9899-12-31",
            "/?from=0100-01-01&to=9899-12-31", "/?to=0100-01-31", "/?from=9899-12-01",
            "/api/timeline?zoom=century", "/api/timeline?zoom=day&from=0100-01-01&to=0100-03-01",
            "/export.ics", "/export.csv", "/export.timelinejs", "/feed.atom"]
    for event in edge_client.get("/api/events").json()["items"]:
        urls += [event["url"].replace("http://testserver", ""), f"/api/events/{event['id']}"]
    for url in urls:
        assert edge_client.get(url).status_code == 200, url


# --- the app's own 500 ----------------------------------------------------------------------------


@pytest.fixture
def broken_client(fresh_settings):
    """A real fault on the server's side: a table the read layer needs has gone missing."""
    from app.main import create_app

    with get_engine(fresh_settings.database_url).begin() as connection:
        connection.execute(text("DROP TABLE event_month_count"))
    with TestClient(create_app(fresh_settings), raise_server_exceptions=False) as client:
        yield client


def incident_in_log(caplog, incident: str) -> logging.LogRecord:
    records = [r for r in caplog.records if incident in r.getMessage()]
    assert records and records[0].exc_info, "the log names the incident with its traceback"
    return records[0]


def test_a_failing_page_answers_the_sites_own_500_with_an_incident_id(broken_client, caplog):
    caplog.set_level(logging.ERROR, logger="app.incidents")
    response = broken_client.get("/api/timeline", params={"zoom": "year"})  # JSON first
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "internal_error" and body["incident"] == response.headers["X-Incident-Id"]
    assert body["incident"] in body["message"]
    for leak in ("event_month_count", "Traceback", "OperationalError", "UndefinedTable", "SELECT"):
        assert leak not in response.text
    incident_in_log(caplog, body["incident"])

    page = broken_client.get("/", params={"zoom": "year", "at": "2023"})
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one(".site-header") is not None, "the site's own layout"
    assert "Something went wrong on our side" in soup.h1.get_text()
    incident = page.headers["X-Incident-Id"]
    assert incident in soup.select_one("main").get_text()
    for leak in ("event_month_count", "Traceback", "OperationalError", "UndefinedTable", "SELECT"):
        assert leak not in page.text
    record = incident_in_log(caplog, incident)
    assert "event_month_count" in "".join(logging.Formatter().formatException(record.exc_info))
    assert incident != body["incident"], "each failure has its own id"


@pytest.mark.parametrize("url, status", [
    ("/api/events?actor=%00", 400), ("/api/events?q=cease%00fire", 400), ("/api/events?collection=%00", 400),
    ("/api/actors?q=%00", 400), ("/api/types?collection=a%00", 400), ("/api/places?location=%00", 400),
    ("/api/axis?publisher=%00", 400), ("/api/timeline?article=%00", 400),
    ("/api/events/%00", 404), ("/api/articles/a%00b", 404), ("/api/collections/%00", 404),
])
def test_a_nul_character_in_an_address_is_refused_in_words_on_either_database(edge_client, url, status):
    """PostgreSQL cannot compare text with a NUL character (SQLite can): refused before any query,
    so both databases answer the same."""
    response = edge_client.get(url)
    assert response.status_code == status
    assert "NUL character" in response.json()["message"]


@pytest.mark.parametrize("url, status", [
    ("/?q=%00", 400), ("/c/default/?actor=%00", 400), ("/export.csv?publisher=%00", 400),
    ("/events/%00/x", 404), ("/articles/%00", 404), ("/c/%00/", 404),
])
def test_a_nul_character_in_a_page_address_is_the_sites_own_error_page(edge_client, url, status):
    response = edge_client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and "NUL character" in response.text
