"""Exports (docs/exports.md): every format parses with a standard reader, carries the events the
filters select, names its dataset version, and keeps hostile titles inert.

Two databases: the seed articles through the real pipeline (`seeded_client`, marked nlp), and a
small hand-made one whose rows we control exactly (hostile titles, death tolls, ranges).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import update
from sqlmodel import Session

from app.config import PROJECT_ROOT
from app.db import get_engine
from app.exports import ACLED_COLUMNS, CSV_COLUMNS, OWN_COLUMNS, type_mapping_table
from app.models import Actor, Article, Event, EventActor, EventLocation, Location, Mention

FORMATS = ["json", "csv", "ics", "atom", "timelinejs"]
HOSTILE_TITLE = 'Army says "stop" <script>alert(1)</script> & <b onmouseover=alert(2)>leaves</b>'
ATOM = "{http://www.w3.org/2005/Atom}"


# --- helpers -------------------------------------------------------------------------------------


def with_export_routes(client: TestClient) -> TestClient:
    """The client's app with the export router (a no-op once app/main.py includes it)."""
    from app.web.exports import router

    if not any(getattr(route, "path", "") == "/export.{fmt}" for route in client.app.routes):
        client.app.include_router(router)
    return client


def event_ids_of(fmt: str, body: str) -> list[str]:
    """The event ids an export carries, read back with the format's standard parser."""
    if fmt == "json":
        return [e["id"] for e in json.loads(body)["events"]]
    if fmt == "csv":
        return [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(body))]
    if fmt == "ics":
        calendar = icalendar.Calendar.from_ical(body)
        return [str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")]
    if fmt == "atom":
        feed = feedparser.parse(body)
        assert not feed.bozo, feed.bozo_exception
        return [entry.id.rsplit("/", 1)[1] for entry in feed.entries]
    if fmt == "timelinejs":
        return [e["unique_id"] for e in json.loads(body)["events"]]
    raise AssertionError(fmt)


def dataset_version_of(fmt: str, body: str) -> str:
    if fmt in ("json", "timelinejs"):
        return json.loads(body)["dataset"]["version"]
    if fmt == "csv":
        versions = {row["dataset_version"] for row in csv.DictReader(io.StringIO(body))}
        assert len(versions) == 1
        return versions.pop()
    if fmt == "ics":
        return str(icalendar.Calendar.from_ical(body)["X-CONFLICT-TIMELINE-DATASET-VERSION"])
    if fmt == "atom":
        root = etree.fromstring(body.encode())
        return root.find("{urn:x-conflict-timeline:export}dataset").get("version")
    raise AssertionError(fmt)


def run_export(settings, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["TIMELINE_DATA_DIR"] = str(settings.data_dir)
    env["DATABASE_URL"] = settings.database_url  # SQLite file or PostgreSQL, as the suite runs
    env["TIMELINE_BASE_URL"] = "http://testserver"
    return subprocess.run([sys.executable, "-m", "app.cli", "export", *args], capture_output=True,
                          env=env, cwd=PROJECT_ROOT, timeout=300, text=True)


# --- a hand-made database ------------------------------------------------------------------------


def add_article(session: Session, article_id: str, text: str, published: dt.date, publisher: str | None) -> Article:
    article = Article(id=article_id, content_hash=article_id * 4, title=f"Report {article_id}", publisher=publisher,
                      published=published, text=text, sentence_spans=[[0, len(text)]], body_spans=[[0, len(text)]])
    session.add(article)
    return article


def add_event(session: Session, article: Article, event_id: str, title: str, *, type: str, start: dt.date,
              end: dt.date, precision: str, created: dt.datetime, figures: list | None = None,
              summary: str | None = None) -> Event:
    event = Event(id=event_id, slug="event", title=title, summary=summary or title, type=type, date_start=start, date_end=end,
                  precision=precision, date_method="explicit", sources_count=1, created_at=created, updated_at=created)
    session.add(event)
    session.flush()
    session.add(Mention(key=event_id + "m", event_id=event_id, article_id=article.id, sentence_index=0, start=0,
                        end=len(article.text), sentence=article.text, type=type, figures=figures or []))
    return event


@pytest.fixture
def handmade_settings(fresh_settings):
    """Three events: a hostile title, a death toll with a place, and a month-long blockade."""
    settings = fresh_settings
    day = dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone.utc)
    with Session(get_engine(settings.database_url)) as session:
        wire = add_article(session, "aaaaaaaaaa", "Shelling killed 12 people in Stepanakert on Tuesday.",
                           dt.date(2023, 9, 19), "Wire & Co")
        add_event(session, wire, "hostile0001", HOSTILE_TITLE + "\x0c", type="statement",
                  start=dt.date(2023, 9, 20), end=dt.date(2023, 9, 20), precision="day", created=day,
                  summary="Quoted: " + HOSTILE_TITLE)
        add_event(session, wire, "shelling001", "Shelling of Stepanakert", type="attack",
                  start=dt.date(2023, 9, 19), end=dt.date(2023, 9, 19), precision="day",
                  created=day + dt.timedelta(hours=1),
                  figures=[{"quantity": "12", "what": "people killed", "source": None, "start": 0, "end": 2},
                           {"quantity": "dozens", "what": "civilians killed or injured", "source": None,
                            "start": 0, "end": 2}])
        add_event(session, wire, "blockade001", "Blockade of the Lachin corridor", type="blockade",
                  start=dt.date(2023, 6, 1), end=dt.date(2023, 6, 30), precision="month",
                  created=day + dt.timedelta(hours=2))
        session.add_all([Actor(id="azerbaijan", name="Azerbaijan", kind="state"),
                         Actor(id="armenia", name="Armenia", kind="state"),
                         Location(id="stepanakert", name="Stepanakert", country="azerbaijan"),
                         Location(id="azerbaijan", name="Azerbaijan", country="azerbaijan")])
        session.flush()
        session.add_all([EventActor(event_id="shelling001", actor_id="azerbaijan", role="initiator"),
                         EventActor(event_id="shelling001", actor_id="armenia", role="target"),
                         EventLocation(event_id="shelling001", location_id="stepanakert"),
                         EventLocation(event_id="shelling001", location_id="azerbaijan")])
        session.commit()
    return settings


@pytest.fixture
def handmade_client(handmade_settings):
    from app.main import create_app

    with TestClient(create_app(handmade_settings)) as client:
        yield with_export_routes(client)


@pytest.fixture
def exports_client(seeded_client):
    return with_export_routes(seeded_client)


# --- on the seed articles ------------------------------------------------------------------------


@pytest.mark.nlp
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_and_carries_the_seed_events(exports_client, fmt):
    expected = [e["id"] for e in exports_client.get("/api/events", params={"limit": 500}).json()["items"]]
    assert len(expected) > 10
    response = exports_client.get(f"/export.{fmt}", params={"limit": 500})  # limit only bounds Atom
    assert response.status_code == 200, response.text
    assert sorted(event_ids_of(fmt, response.text)) == sorted(expected)


@pytest.mark.nlp
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_type_filter_applies_to_every_format(exports_client, fmt):
    events = exports_client.get("/api/events", params={"limit": 500}).json()["items"]
    some_type = max({e["type"] for e in events}, key=lambda t: sum(e["type"] == t for e in events))
    expected = {e["id"] for e in events if e["type"] == some_type}
    assert 0 < len(expected) < len(events)
    body = exports_client.get(f"/export.{fmt}", params={"type": some_type, "limit": 500}).text
    assert set(event_ids_of(fmt, body)) == expected


@pytest.mark.nlp
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_dataset_version_is_present_and_the_same_across_exports(exports_client, fmt):
    first = exports_client.get(f"/export.{fmt}")
    second = exports_client.get(f"/export.{fmt}", params={"from": "2023-09-01"})
    version = dataset_version_of(fmt, first.text)
    assert len(version) == 12
    assert dataset_version_of(fmt, second.text) == version == first.headers["X-Dataset-Version"]


@pytest.mark.nlp
def test_csv_has_acled_and_own_columns_with_mapped_types(exports_client):
    from app.taxonomy import event_types

    rows = list(csv.DictReader(io.StringIO(exports_client.get("/export.csv").text)))
    assert list(rows[0]) == ACLED_COLUMNS + OWN_COLUMNS
    for row in rows:
        acled = event_types()[row["timeline_type"]]["acled"]
        assert (acled == "none") == (row["event_type"] == "")
        assert row["plover_category"] == event_types()[row["timeline_type"]]["plover"]
        assert row["time_precision"] in {"1", "2", "3"}
        assert row["year"] == row["event_date"][:4] and row["permalink"].startswith("http://testserver/events/")


@pytest.mark.nlp
def test_downloads_have_types_and_filenames(exports_client):
    expected = {"json": "application/json", "csv": "text/csv", "ics": "text/calendar",
                "atom": "application/atom+xml", "timelinejs": "application/json"}
    for fmt, media_type in expected.items():
        response = exports_client.get(f"/export.{fmt}")
        assert response.headers["content-type"].startswith(media_type)
        disposition = response.headers.get("content-disposition", "")
        if fmt in ("csv", "ics"):
            assert disposition.startswith("attachment; filename=") and disposition.endswith(f'.{fmt}"')
    # The two requests may straddle a second boundary; only the export time may differ.
    def without_export_time(text):
        return re.sub(r"(exported[ =]\"?)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r"\1<time>", text)

    feed, download = exports_client.get("/feed.atom").text, exports_client.get("/export.atom").text
    assert without_export_time(feed) == without_export_time(download)
    assert "<entry>" in feed


@pytest.mark.nlp
@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_every_format_from_a_seeded_database(seeded_settings, fmt):
    result = run_export(seeded_settings, "--format", fmt, "--limit", "500")
    assert result.returncode == 0, result.stderr
    assert len(event_ids_of(fmt, result.stdout)) > 10


@pytest.mark.nlp
def test_cli_export_applies_filters(seeded_settings, exports_client):
    events = exports_client.get("/api/events", params={"limit": 500}).json()["items"]
    some_type = events[0]["type"]
    result = run_export(seeded_settings, "--format", "csv", "--type", some_type)
    assert result.returncode == 0, result.stderr
    assert set(event_ids_of("csv", result.stdout)) == {e["id"] for e in events if e["type"] == some_type}


# --- on a hand-made database ---------------------------------------------------------------------


def test_a_hostile_title_stays_text_in_atom(handmade_client):
    body = handmade_client.get("/feed.atom").text
    root = etree.fromstring(body.encode())  # well-formed, though the title held a form feed
    entry = next(e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("hostile0001"))
    assert entry.findtext(f"{ATOM}title") == HOSTILE_TITLE
    content = BeautifulSoup(entry.findtext(f"{ATOM}content"), "html.parser")
    assert content.find("script") is None and content.find("b") is None
    assert HOSTILE_TITLE in content.get_text()
    parsed = feedparser.parse(body)
    assert not parsed.bozo and HOSTILE_TITLE in [e.title for e in parsed.entries]


def test_a_hostile_title_stays_text_in_timelinejs(handmade_client):
    slides = {s["unique_id"]: s for s in handmade_client.get("/export.timelinejs").json()["events"]}
    slide = slides["hostile0001"]
    for html_field in (slide["text"]["headline"], slide["text"]["text"]):
        soup = BeautifulSoup(html_field, "html.parser")
        assert soup.find("script") is None and soup.find("b") is None
        assert HOSTILE_TITLE in soup.get_text()


def test_atom_is_newest_first_with_a_self_link_of_the_filtered_feed(handmade_client):
    feed = feedparser.parse(handmade_client.get("/feed.atom", params={"type": ["attack", "blockade"]}).text)
    assert [e.id.rsplit("/", 1)[1] for e in feed.entries] == ["blockade001", "shelling001"]
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == "http://testserver/feed.atom?type=attack&type=blockade"
    assert feed.feed.generator == "Conflict Timeline Explorer"


def test_csv_reads_like_acled(handmade_client):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(handmade_client.get("/export.csv").text))}
    shelling = rows["shelling001"]
    assert shelling["event_type"] == "Explosions/Remote violence"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["plover_category"] == "ASSAULT"
    assert (shelling["actor1"], shelling["actor2"]) == ("Azerbaijan", "Armenia")
    assert (shelling["country"], shelling["location"]) == ("Azerbaijan", "Stepanakert")
    assert shelling["fatalities"] == "12"  # "dozens killed or injured" is not a death toll
    assert shelling["source"] == "Wire & Co" and shelling["time_precision"] == "1"
    blockade = rows["blockade001"]
    assert blockade["time_precision"] == "3" and blockade["fatalities"] == ""
    assert (blockade["date_start"], blockade["date_end"], blockade["precision"]) == ("2023-06-01", "2023-06-30", "month")
    assert rows["hostile0001"]["event_type"] == ""  # ACLED does not record statements


def test_ics_spans_the_interval_with_stable_uids(handmade_client):
    first = handmade_client.get("/export.ics").text
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    blockade = events["blockade001@testserver"]
    assert blockade["DTSTART"].dt == dt.date(2023, 6, 1)
    assert blockade["DTEND"].dt == dt.date(2023, 7, 1)  # exclusive end of an all-day span
    assert str(blockade["URL"]).startswith("http://testserver/events/blockade001/")
    assert "Wire & Co" in str(blockade["DESCRIPTION"])
    second = handmade_client.get("/export.ics").text

    def without_export_time(text):
        # Unfolded first: a long description continues on lines of its own (RFC 5545, 3.1).
        unfolded = re.sub(r"\r?\n[ \t]", "", text)
        return [line for line in unfolded.splitlines() if "EXPORTED" not in line and "CALDESC" not in line]
    assert without_export_time(first) == without_export_time(second)


def test_timelinejs_dates_show_only_what_the_precision_allows(handmade_client):
    slides = {s["unique_id"]: s for s in handmade_client.get("/export.timelinejs").json()["events"]}
    assert slides["blockade001"]["start_date"] == {"year": "2023", "month": "6"}
    assert "end_date" not in slides["blockade001"]  # the month is the whole interval
    assert slides["shelling001"]["start_date"] == {"year": "2023", "month": "9", "day": "19"}
    assert slides["shelling001"]["group"] == "Attack"


def test_the_dataset_version_changes_with_the_data(handmade_client, handmade_settings):
    before = handmade_client.get("/export.json").json()["dataset"]["version"]
    with Session(get_engine(handmade_settings.database_url)) as session:
        session.execute(update(Event).where(Event.id == "blockade001")
                        .values(title="Blockade", updated_at=dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc)))
        session.commit()
    after = handmade_client.get("/export.json").json()
    assert after["dataset"]["version"] != before
    assert after["dataset"]["events"] == 3 and list(after) == ["dataset", "events"]


def test_an_unknown_format_is_a_404_that_names_the_formats(handmade_client):
    response = handmade_client.get("/export.xlsx")
    assert response.status_code == 404
    assert "xlsx" in response.text and "timelinejs" in response.text


def test_a_bad_filter_is_refused_on_exports_too(handmade_client):
    assert handmade_client.get("/export.csv", params={"type": "no_such_type"}).status_code == 400


def test_the_documented_mapping_matches_the_taxonomy():
    doc = (PROJECT_ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    assert type_mapping_table() in doc, "regenerate the table: python -c 'from app.exports import " \
                                        "type_mapping_table; print(type_mapping_table())'"
    for column in CSV_COLUMNS:
        assert f"`{column}`" in doc, f"CSV column {column} is not documented in docs/exports.md"
