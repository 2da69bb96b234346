"""Where places are: positions stored at ingestion when the pipeline gives them, the gazetteer
backfill for places stored before (`timeline places --geocode`), and the bbox filter's refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.db import session_scope
from app.models import Location
from app.pipeline.types import (
    ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, PlaceRef, Sentence,
)
from app.services.articles import add_article
from app.services.places import geocode_missing


def extraction_with(places, text="Shelling hit Homs and a village near Aleppo on Monday.") -> tuple[ArticleInput, ArticleExtraction]:
    day = dt.date(2012, 2, 6)
    sentence = Sentence(0, 0, len(text), text)
    candidate = EventCandidate(
        sentence=sentence, ordinal=0, type="attack", title="Shelling hit Homs", trigger="hit", trigger_start=9,
        trigger_end=12, modality="asserted",
        date=EventDate(DateInterval(day, day, "day"), "explicit", "weekday-past", "Monday"), places=tuple(places))
    article = ArticleInput(text=text, published=day, title="Homs", publisher="Wire", url=None,
                           source_format="txt", origin="test")
    return article, ArticleExtraction(title="Homs", body=((0, len(text)),), sentences=(sentence,), timexes=(),
                                      events=(candidate,))


def test_ingestion_stores_the_position_the_pipeline_gives_and_none_without_one(fresh_settings):
    homs = PlaceRef("homs", "Homs", "Homs", 13, 17, "syria", 34.724, 36.7256, "SY")
    village = PlaceRef("kafr-nabl", "Kafr Nabl", "a village", 20, 29, "syria")  # no position yet
    with session_scope(fresh_settings.database_url) as session:
        add_article(session, *extraction_with([homs, village]))
    with session_scope(fresh_settings.database_url) as session:
        stored = {loc.id: loc for loc in session.execute(select(Location)).scalars()}
        assert (stored["homs"].latitude, stored["homs"].longitude, stored["homs"].country_code) == (34.724, 36.7256, "SY")
        assert stored["kafr-nabl"].latitude is None
        assert stored["homs"].events_count == 1  # kept by the triggers of migration 0006


def test_a_place_stored_without_a_position_takes_one_a_later_extraction_gives(fresh_settings):
    with session_scope(fresh_settings.database_url) as session:
        add_article(session, *extraction_with([PlaceRef("homs", "Homs", "Homs", 13, 17, "syria")]))
    placed = PlaceRef("homs", "Homs", "Homs", 13, 17, "syria", 34.724, 36.7256, "SY")
    with session_scope(fresh_settings.database_url) as session:
        add_article(session, *extraction_with([placed], text="Homs was shelled again on Monday."))
    with session_scope(fresh_settings.database_url) as session:
        assert session.get(Location, "homs").latitude == pytest.approx(34.724)


def test_the_gazetteer_places_cities_names_countries_and_leaves_regions(fresh_settings):
    with session_scope(fresh_settings.database_url) as session:
        session.add_all([
            Location(id="tripoli", name="Tripoli", country="libya"),  # Libya's, not Lebanon's
            Location(id="libya", name="Libya", country="libya"),
            Location(id="zawiyah", name="Az Zawiyah", country="libya"),  # the article is optional
            Location(id="middle-east", name="Middle East"),
        ])
    with session_scope(fresh_settings.database_url) as session:
        report = geocode_missing(session)
    assert sorted(report.placed) == ["Az Zawiyah", "Tripoli"] and report.countries == ["Libya"]
    assert report.unplaced == ["Middle East"]
    with session_scope(fresh_settings.database_url) as session:
        tripoli = session.get(Location, "tripoli")
        assert tripoli.country_code == "LY" and 32 < tripoli.latitude < 33.5 and 12.5 < tripoli.longitude < 14
        libya = session.get(Location, "libya")
        assert libya.country_code == "LY" and libya.latitude is None  # an area, shaded, not pinned
        assert geocode_missing(session).placed == []  # nothing twice


@pytest.mark.parametrize("box, words", [
    ("1,2,3", "four numbers"), ("a,b,c,d", "four numbers"), ("10,50,20,40", "south before north"),
    ("30,10,20,20", "west before east"), ("10,-95,20,20", "between -90 and 90"),
])
def test_a_bad_box_is_a_400_that_says_what_a_box_is(seeded_client, box, words):
    for path in ("/api/events", "/api/places"):
        response = seeded_client.get(path, params={"bbox": box})
        assert response.status_code == 400 and words in response.json()["message"]
