"""Re-extraction (`timeline reextract`): running an improved extractor over the stored articles keeps
every public id, keeps editors' hand edits, and keeps counts right.

Each test ingests the seeds into its own database. A "changed configuration" is the real
extractor with its output changed the way an improved one would change it (new titles, an actor
it now recognises, a sentence it no longer reads as an event), so the tests do not depend on
what the data files say today.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app import ids
from app.db import session_scope
from app.models import Event, EventDayCount, Mention
from app.pipeline.types import ActorRef
from app.ingest.reextract import reextract_all
from app.ingest.nlp import load_resources
from app.ingest.steps import Steps, extract
from app.pipeline.happenings import group

pytestmark = pytest.mark.nlp


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


@pytest.fixture
def seeded(fresh_settings, ingest_seeds):
    return ingest_seeds(fresh_settings)


@pytest.fixture
def client(seeded):
    from app.main import create_app

    with TestClient(create_app(seeded)) as test_client:
        yield test_client


def extractor(settings, change=None):
    """The real extractor, its output optionally changed per candidate (None drops a candidate)."""

    def run(item):
        extraction = extract(item, settings)
        if change is None:
            return extraction
        text_hash = ids.content_hash(item.text)
        events = []
        for candidate in extraction.events:
            key = ids.mention_key(text_hash, candidate.sentence.start, candidate.ordinal)
            changed = change(key, candidate)
            if changed is not None:
                events.append(changed)
        # the changed candidates grouped into happenings again, as the pipeline would
        return dataclasses.replace(extraction, events=tuple(events),
                                   happenings=group(tuple(events), item.published, load_resources().events.happening_kinds))

    return Steps(extract=run)


def state(settings) -> dict:
    with session_scope(settings.database_url) as session:
        return {
            "mentions": dict(session.execute(select(Mention.key, Mention.event_id)).all()),
            "events": dict(session.execute(select(Event.id, Event.status)).all()),
            "titles": dict(session.execute(select(Event.id, Event.title)).all()),
        }


def assert_counts_right(settings) -> None:
    with session_scope(settings.database_url) as session:
        for event in session.execute(select(Event)).scalars():
            sources = session.execute(
                select(func.count(func.distinct(Mention.article_id))).where(Mention.event_id == event.id)
            ).scalar_one()
            assert event.sources_count == sources, event.id
        active = Counter((e.date_start, e.type) for e in session.execute(
            select(Event).where(Event.status == "active")).scalars())
        stored = {(r.day, r.type): r.count for r in session.execute(select(EventDayCount)).scalars() if r.count}
        assert stored == dict(active)


def test_the_same_extractor_again_changes_nothing(seeded):
    before = state(seeded)
    report = reextract_all(seeded, extractor(seeded))
    assert report.articles == 3 and report.mentions_added == report.mentions_removed == 0
    assert not (report.events_created or report.events_updated or report.events_deleted)
    assert state(seeded) == before
    assert_counts_right(seeded)


def test_a_changed_extractor_keeps_every_id_and_every_hand_edit(seeded, client):
    from app.services.curation import EventEdit, edit_event

    before = state(seeded)
    edited_id, untouched_id = sorted(before["events"])[:2]
    with session_scope(seeded.database_url) as session:
        event = session.execute(select(Event).where(Event.id == edited_id)).scalars().one()
        edit_event(session, "editor", edited_id, EventEdit("An editor's title", event.date_start, event.date_end,
                                                           event.precision, event.type, actors=()))
    minsk = ActorRef("osce-minsk-group", "OSCE Minsk Group", "organisation", "mentioned", "Minsk Group", 0, 0)

    def improved(key, candidate):
        return dataclasses.replace(candidate, title="Revised: " + candidate.title, actors=(*candidate.actors, minsk))

    report = reextract_all(seeded, extractor(seeded, improved))
    after = state(seeded)
    assert after["mentions"] == before["mentions"]  # every sentence keeps its event
    assert after["events"] == before["events"]  # same ids, same statuses
    assert report.mentions_kept == len(before["mentions"]) and not report.events_created

    # The hand-edited title survived; the others took the new rule, and their old slugs redirect.
    edited = soup_of(client.get(f"/events/{edited_id}", follow_redirects=True))
    assert text_of(edited.select_one("h1")) == "An editor's title"
    assert text_of(edited.select_one(".review-status")) == "Reviewed by an editor"
    untouched = client.get(f"/events/{untouched_id}", follow_redirects=True)
    assert untouched.status_code == 200
    assert text_of(soup_of(untouched).select_one("h1")).startswith("Revised: ")
    # The newly recognised actor joins the events, except where an editor set the actors by hand
    # (the edit above left the event with none).
    def actors_of(event_id):
        page = soup_of(client.get(f"/events/{event_id}", follow_redirects=True))
        return [text_of(a) for a in page.select(".facts a[href^='/?actor=']")]

    assert "OSCE Minsk Group" in actors_of(untouched_id)
    assert actors_of(edited_id) == []
    history = text_of(soup_of(untouched).select_one(".history-list"))
    assert "Updated by a new run of the extractor" in history
    assert_counts_right(seeded)


def test_an_event_the_extractor_no_longer_finds_is_410_unless_reviewed_and_comes_back(seeded, client):
    from app.services.curation import hide_event, unhide_event

    with session_scope(seeded.database_url) as session:
        singles = session.execute(
            select(Mention.event_id).group_by(Mention.event_id).having(func.count() == 1).order_by(Mention.event_id)
        ).scalars().all()
        dropped, reviewed = singles[0], singles[1]
        hide_event(session, "editor", reviewed)  # an editor looked at it (hid and showed it again)
        unhide_event(session, "editor", reviewed)
    before = soup_of(client.get(f"/events/{dropped}", follow_redirects=True))
    quotes = [text_of(q) for q in before.select(".mention blockquote")]
    links = [a["href"] for a in before.select(".mention a.sentence-link")]
    gone_keys = {dropped, reviewed}

    report = reextract_all(seeded, extractor(seeded, lambda key, c: None if key in gone_keys else c))
    assert report.events_deleted == [dropped] and report.events_kept_reviewed == [reviewed]
    response = client.get(f"/events/{dropped}")
    assert response.status_code == 410
    soup = soup_of(response)
    assert "no longer finds it" in text_of(soup.select_one(".notice"))
    assert [text_of(q) for q in soup.select(".mention blockquote")] == quotes  # its sources, still linked
    assert [a["href"] for a in soup.select(".mention figcaption a")] == links
    assert client.get(f"/events/{reviewed}", follow_redirects=True).status_code == 200
    assert_counts_right(seeded)

    # The extractor finds the sentence again: the same id comes back.
    report = reextract_all(seeded, extractor(seeded))
    assert report.events_restored == [dropped]
    back = client.get(f"/events/{dropped}", follow_redirects=True)
    assert back.status_code == 200
    assert [text_of(q) for q in soup_of(back).select(".mention blockquote")] == quotes
    assert "Restored" in text_of(soup_of(back).select_one(".history-list"))
    assert_counts_right(seeded)


@pytest.fixture
def seeded_one_event_per_sentence(fresh_settings):
    """The seeds as an older extractor stored them: every sentence's event an event of its own."""
    from app.config import PROJECT_ROOT
    from app.ingest.runner import ingest_all
    from app.ingest.sources import read_paths
    from app.ingest.steps import pipeline_steps
    from app.pipeline.types import Metadata

    steps = pipeline_steps(fresh_settings)
    old = steps.but(extract=lambda item: dataclasses.replace(steps.extract(item), happenings=()))
    outcomes = list(ingest_all(read_paths([PROJECT_ROOT / "seeds"], Metadata()), fresh_settings, old))
    assert all(o.status == "added" for o in outcomes)
    return fresh_settings


def test_regrouped_reports_leave_their_old_ids_redirecting_to_the_event_now_holding_them(seeded_one_event_per_sentence):
    from app.main import create_app

    settings = seeded_one_event_per_sentence
    before = state(settings)
    report = reextract_all(settings, Steps(extract=lambda item: extract(item, settings)))
    after = state(settings)
    assert report.events_redirected, "the grouping joins some sentences the old extractor kept apart"
    assert len(after["events"]) < len(before["events"])
    with TestClient(create_app(settings)) as client:
        for old_id in report.events_redirected:
            response = client.get(f"/events/{old_id}", follow_redirects=False)
            assert response.status_code == 301
            survivor = after["mentions"][old_id]  # the event now holding the report that founded it
            assert response.headers["location"].startswith(f"/events/{survivor}")
    # Every report is still somewhere, and nothing counts wrong.
    assert set(after["mentions"]) == set(before["mentions"])
    assert_counts_right(settings)

