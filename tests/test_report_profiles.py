"""An event is where its first report put it: a later report joins by meeting that report's places
and countries, never those a report that joined since added, so an event cannot grow along a chain
of places; events stored before are found by `timeline check` and split by `timeline reextract`.

The writer tests run the real writer on a real database (the suite's backend) with extractions
made by hand, so each test says exactly which places each report names.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from app.cli import main
from app.db import session_scope
from app.ingest.reextract import reextract_all
from app.ingest.steps import Steps
from app.models import Event, Mention
from app.pipeline.report_profile import ReportProfile, profile_of, straying
from app.pipeline.types import (
    ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, PlaceRef, Sentence,
)
from app.services.articles import add_article
from app.services.report_profiles import stray_reports

DAY = dt.date(2011, 3, 21)
SIRTE = PlaceRef("sirte", "Sirte", "Sirte", 0, 5, country="libya")
MISRATA = PlaceRef("misrata", "Misrata", "Misrata", 0, 7, country="libya")
HOMS = PlaceRef("homs", "Homs", "Homs", 0, 4, country="syria")


# --- the rule ------------------------------------------------------------------------------------

def test_a_report_strays_only_when_it_names_places_or_countries_and_none_of_the_first_reports():
    first = ReportProfile("a", frozenset({"sirte"}), frozenset({"libya"}))
    assert straying(first, ReportProfile("b", frozenset({"sirte", "misrata"}), frozenset({"libya"}))) is None
    assert straying(first, ReportProfile("c", frozenset({"misrata"}), frozenset({"libya"}))) == \
        "other places than its first report"
    assert straying(first, ReportProfile("d", frozenset(), frozenset({"syria"}))) == \
        "other countries than its first report"
    assert straying(first, ReportProfile("e")) is None  # naming nothing is no evidence
    assert straying(ReportProfile("f"), ReportProfile("c", frozenset({"misrata"}))) is None


def test_a_reports_profile_is_its_sentences_together_and_unknown_when_none_was_kept():
    profile = profile_of("a", [(["sirte"], ["libya"]), (["misrata"], ["libya"]), ([], [])])
    assert profile == ReportProfile("a", frozenset({"sirte", "misrata"}), frozenset({"libya"}))
    assert profile_of("a", [(None, None)]) is None


# --- the writer ----------------------------------------------------------------------------------

def article(line: str, places: tuple[PlaceRef, ...], published: dt.date = DAY) -> tuple[ArticleInput, ArticleExtraction]:
    """An article of one sentence: an attack at these places, dated to the day it names."""
    sentence = Sentence(0, 0, len(line), line)
    candidate = EventCandidate(
        sentence=sentence, ordinal=0, type="attack", title=line.rstrip("."), trigger="attacked", trigger_start=0,
        trigger_end=1, modality="asserted", date=EventDate(DateInterval(DAY, DAY, "day"), "explicit", "test"),
        places=places)
    return (ArticleInput(line, published, line[:40], "Wire"),
            ArticleExtraction(title=line[:40], body=((0, len(line)),), sentences=(sentence,), timexes=(),
                              events=(candidate,)))


FIRST = article("Rebels attacked an army base in Sirte on Monday, killing five soldiers.", (SIRTE,))
BOTH = article("Rebels attacked army bases in Sirte and Misrata on Monday, killing five soldiers.", (SIRTE, MISRATA))
SECOND_TOWN = article("Rebels attacked an army base in Misrata on Monday, killing five soldiers.", (MISRATA,))
SAME_TOWN = article("Rebels attacked an army base in Sirte on Monday, killing five of its soldiers.", (SIRTE,))
ARTICLES = (FIRST, BOTH, SECOND_TOWN, SAME_TOWN)


def ingest(settings, *articles) -> list[str]:
    with session_scope(settings.database_url) as session:
        return [add_article(session, *item).article_id for item in articles]


def event_of(settings, article_id: str) -> str:
    with session_scope(settings.database_url) as session:
        return session.execute(select(Mention.event_id).where(Mention.article_id == article_id)).scalar_one()


def test_an_event_does_not_grow_along_a_chain_of_places(fresh_settings):
    first, both, second_town, same_town = ingest(fresh_settings, *ARTICLES)
    event = event_of(fresh_settings, first)
    assert event_of(fresh_settings, both) == event  # it names the first report's town too
    assert event_of(fresh_settings, same_town) == event  # the same town, the same words
    # Misrata alone meets the event only through the report that named both towns: another event.
    assert event_of(fresh_settings, second_town) != event
    with session_scope(fresh_settings.database_url) as session:
        assert stray_reports(session) == []
        stored = session.execute(select(Mention.places, Mention.countries)
                                 .where(Mention.article_id == both)).one()
    assert sorted(stored.places) == ["misrata", "sirte"] and stored.countries == ["libya"]


def forget_profiles(settings) -> None:
    """The database as a version that kept no profile on its mentions left it."""
    with session_scope(settings.database_url) as session:
        session.execute(update(Mention).values(places=None, countries=None))


def test_check_finds_a_stored_event_that_grew_along_places_and_reextract_splits_it(fresh_settings, capsys):
    # Stored before profiles were kept: the writer then saw every report's places, as it still
    # does for mentions whose profile is unknown, so the third report joined through the second.
    first, both = ingest(fresh_settings, FIRST, BOTH)
    forget_profiles(fresh_settings)
    (second_town,) = ingest(fresh_settings, SECOND_TOWN)
    forget_profiles(fresh_settings)
    event = event_of(fresh_settings, first)
    assert event_of(fresh_settings, second_town) == event

    with session_scope(fresh_settings.database_url) as session:
        strays = stray_reports(session)
    assert [(s.event_id, s.article_id) for s in strays] == [(event, second_town)]
    assert main(["check"]) == 0  # the kept numbers agree; the stray is reported, not an error
    out = capsys.readouterr().out
    assert f"event {event}: the report of article {second_town} names other places than its first report" in out
    assert "1 reports name other places or countries than their event's first report" in out

    by_text = {item.text: extraction for item, extraction in (FIRST, BOTH, SECOND_TOWN)}
    reextract_all(fresh_settings, Steps(extract=lambda item: by_text[item.text]))
    assert event_of(fresh_settings, first) == event == event_of(fresh_settings, both)  # the id stays
    split = event_of(fresh_settings, second_town)
    assert split != event
    with session_scope(fresh_settings.database_url) as session:
        assert session.execute(select(Event.status).where(Event.id == event)).scalar_one() == "active"
        assert session.execute(select(Event.sources_count).where(Event.id == event)).scalar_one() == 2
        assert stray_reports(session) == []
    assert main(["check"]) == 0
    assert "first report" not in capsys.readouterr().out


@pytest.fixture
def fresh_settings(fresh_settings, monkeypatch):
    """The suite's fresh database, also for `timeline check` run in the process."""
    monkeypatch.setenv("DATABASE_URL", fresh_settings.database_url)
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(fresh_settings.data_dir))
    return fresh_settings
