"""The writer stays inside the article's collection: a corrected version's new sentences, a
re-extraction's rebuilt merges, a moved article's happenings and a short name's identity are all
decided among the events and actors of one collection, never another's.

Extraction is by hand (no model): what is under test is where each report goes. Every test runs
on the backend of the suite (SQLite, or PostgreSQL with TIMELINE_TEST_BACKEND).
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.db import session_scope, write_transaction
from app.ingest.reextract import reextract_all
from app.ingest.steps import Steps
from app.models import Article, Event, EventActor, Mention
from app.pipeline.merge import decide
from app.pipeline.names import identity_key
from app.pipeline.types import (
    ActorRef, ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, Happening, PlaceRef, Sentence,
)
from app.services.aggregates import drift
from app.services.articles import add_article, merge_snapshots, replace_article
from app.services.collections import CollectionFields, UnknownCollection, create_collection, move_article
from app.taxonomy import type_families

DAY = dt.date(2021, 3, 1)
SHELLING = "Shelling hit the border town of Alpha."


def candidate(sentence: Sentence, kind: str = "military_action", day: dt.date = DAY,
              actors: tuple[ActorRef, ...] = (), places: tuple[PlaceRef, ...] = ()) -> EventCandidate:
    return EventCandidate(sentence=sentence, ordinal=0, type=kind, title=sentence.text[:60], trigger="x",
                          trigger_start=sentence.start, trigger_end=sentence.start + 1, modality="asserted",
                          date=EventDate(DateInterval(day, day, "day"), "explicit", "test"), actors=actors,
                          places=places)


def extraction_of(text: str, day: dt.date = DAY, kinds: tuple[str, ...] = (), one_happening: bool = False,
                  actors: tuple[ActorRef, ...] = (), places: tuple[PlaceRef, ...] = ()) -> ArticleExtraction:
    """One candidate per line of `text` (of type kinds[i], default military_action); with
    `one_happening`, all of them one happening led by the first, as the pipeline groups them."""
    sentences, start = [], 0
    for number, line in enumerate(text.split("\n")):
        sentences.append(Sentence(number, start, start + len(line), line))
        start += len(line) + 1
    events = tuple(candidate(s, kinds[i] if i < len(kinds) else "military_action", day, actors, places)
                   for i, s in enumerate(sentences))
    happenings = (Happening(tuple(range(len(events))), 0, events[0]),) if one_happening else ()
    return ArticleExtraction(title=text[:20], body=((0, len(text)),), sentences=tuple(sentences), timexes=(),
                             events=events, happenings=happenings)


def add(session, text: str, collection: int, day: dt.date = DAY, **how) -> str:
    return add_article(session, ArticleInput(text, day, text[:20], "Wire"), extraction_of(text, day, **how),
                       collection=collection).article_id


def events_of(session, article_id: str) -> set[str]:
    return set(session.execute(select(Mention.event_id).where(Mention.article_id == article_id)).scalars())


def collection_of(session, event_id: str) -> int:
    return session.execute(select(Event.collection_id).where(Event.id == event_id)).scalar_one()


@pytest.fixture
def north(fresh_settings):
    with session_scope(fresh_settings.database_url) as session:
        north = create_collection(session, "test", "north", CollectionFields("The northern front")).id
    return fresh_settings, north


def test_a_corrected_version_regroups_its_sentences_within_its_own_collection(north):
    """A replacement's new sentence is compared with its own collection's events only: the same
    sentence joins the default collection's event when the article is there (the control), and
    founds an event of its own in "north"."""
    settings, north_id = north
    url = settings.database_url
    with session_scope(url) as session:
        alpha = add(session, SHELLING, 1)
        here = add(session, "Talks were held in the capital.", 1, kinds=("diplomacy_meeting",))
        there = add(session, "Talks were held in the northern capital.", north_id, kinds=("diplomacy_meeting",))
    with session_scope(url) as session:
        (alpha_event,) = events_of(session, alpha)
    corrected = "Shelling hit the border town of Alpha, officials said."
    with session_scope(url) as session:
        for old_id, collection in ((here, 1), (there, north_id)):
            old = session.get(Article, old_id)
            text = f"{old.text}\n{corrected}"
            result = replace_article(session, "test", old_id, ArticleInput(text, DAY, old.title, "Wire"),
                                     extraction_of(text, kinds=("diplomacy_meeting", "military_action")))
            new = session.get(Article, result.new_article_id)
            assert new.collection_id == collection
            if collection == 1:
                assert result.events_joined == [alpha_event]  # the control: one collection, one event
            else:
                assert result.events_joined == [] and len(result.events_created) == 1
                assert collection_of(session, result.events_created[0]) == north_id
        assert drift(session) == {}


def test_reextraction_rebuilds_each_collection_from_its_own_articles(north):
    """Re-extraction decides every merge again, collection by collection: one report found in two
    collections is two events after it as before (in one collection it is one, the control), and
    `collection=` rebuilds that collection alone."""
    settings, north_id = north
    url = settings.database_url
    with session_scope(url) as session:
        first = add(session, SHELLING, 1)
        again = add(session, "Shelling hit the border town of Alpha, residents said.", 1)
        far = add(session, "Shelling hit the border town of Alpha, officials said.", north_id)
        quiet = add(session, "Drones struck the depot at Gamma.", north_id, day=dt.date(2022, 5, 2))
    with session_scope(url) as session:
        assert events_of(session, first) == events_of(session, again)  # the control
        assert not events_of(session, far) & events_of(session, first)
        event_ids = {a: events_of(session, a) for a in (first, again, far, quiet)}

    def same_extraction(item: ArticleInput) -> ArticleExtraction:
        return extraction_of(item.text, item.published)

    report = reextract_all(settings, Steps(extract=same_extraction))
    assert report.articles == 4 and not report.events_redirected and not report.events_deleted
    with session_scope(url) as session:
        assert {a: events_of(session, a) for a in event_ids} == event_ids
        assert {collection_of(session, e) for e in event_ids[far] | event_ids[quiet]} == {north_id}
        assert drift(session) == {}

    # The extractor now finds nothing: only the collection asked for loses its events.
    report = reextract_all(settings, Steps(extract=_nothing), collection="north")
    assert report.articles == 2 and sorted(report.events_deleted) == sorted(event_ids[far] | event_ids[quiet])
    with session_scope(url) as session:
        status = dict(session.execute(select(Event.id, Event.status)).all())
        assert {status[e] for e in event_ids[first]} == {"active"}
        assert {status[e] for e in event_ids[far] | event_ids[quiet]} == {"deleted"}
        assert drift(session) == {}
    with pytest.raises(UnknownCollection, match="north"):
        reextract_all(settings, Steps(extract=same_extraction), collection="atlantis")


def _nothing(item: ArticleInput) -> ArticleExtraction:
    return ArticleExtraction(title=item.text[:20], body=((0, len(item.text)),), sentences=(), timexes=(), events=())


def test_a_moved_articles_happening_stays_one_event_in_its_new_collection(north):
    """An article whose two sentences are one happening joined another article's event; moved,
    its reports leave that event and become one event of the new collection, though the merge
    alone would keep a shelling and a statement apart."""
    settings, north_id = north
    url = settings.database_url
    with session_scope(url) as session:
        founder = add(session, SHELLING, 1)
        text = "Shelling hit the border town of Alpha, residents said.\nThe ministry condemned the attack."
        mover = add(session, text, 1, kinds=("military_action", "statement"), one_happening=True)
        (shared,) = events_of(session, mover)
        assert events_of(session, founder) == {shared}
    extraction = extraction_of(text, kinds=("military_action", "statement"), one_happening=True)
    lead, statement = extraction.events
    with session_scope(url) as session:
        snapshots = [s for s in merge_snapshots(session, lead) if s.id == shared]
    assert snapshots and decide(statement, snapshots, families=type_families(), names={}).event_id is None, \
        "the merge alone keeps a shelling and a statement apart"

    def move(session):
        return move_article(session, "test", mover, "north", extraction)

    moved = write_transaction(url, move)
    assert moved.events_left == [shared] and len(moved.events_created) == 1
    with session_scope(url) as session:
        (now,) = events_of(session, mover)
        assert now == moved.events_created[0] and collection_of(session, now) == north_id
        assert events_of(session, founder) == {shared} and collection_of(session, shared) == 1
        assert drift(session) == {}


def person(name: str, role: str = "initiator") -> ActorRef:
    return ActorRef(key=identity_key(name), name=name, kind="person", role=role, surface=name, start=0, end=len(name))


def test_a_surname_alone_is_resolved_among_its_own_collections_actors(north):
    """Actors are shared by every collection, but a surname alone stands for the one person of that
    name in its own collection: "Tevosyan" is Arman Tevosyan in the default collection, Karen
    Tevosyan in "north", and nobody in particular where both are named (or in a collection where
    neither is)."""
    settings, north_id = north
    url = settings.database_url
    arman, karen, surname = person("Arman Tevosyan"), person("Karen Tevosyan"), person("Tevosyan")
    with session_scope(url) as session:
        both = create_collection(session, "test", "both", CollectionFields("Both of them")).id
        empty = create_collection(session, "test", "neither", CollectionFields("Neither of them")).id
    with session_scope(url) as session:
        add(session, "Arman Tevosyan ordered the shelling of Alpha.", 1, actors=(arman,))
        add(session, "Karen Tevosyan ordered the shelling of Beta.", north_id, actors=(karen,))
        add(session, "Arman Tevosyan ordered the shelling of Gamma.", both, actors=(arman,))
        add(session, "Karen Tevosyan ordered the shelling of Delta.", both, actors=(karen,), day=dt.date(2021, 4, 1))
    surname_reports = {}
    with session_scope(url) as session:
        for collection, where in ((1, "Epsilon"), (north_id, "Zeta"), (both, "Eta"), (empty, "Theta")):
            surname_reports[collection] = add(session, f"Tevosyan denied shelling {where}.", collection,
                                              day=dt.date(2021, 6, 1), kinds=("statement",), actors=(surname,))

    def named_by(article_id: str) -> set[str]:
        with session_scope(url) as session:
            return set(session.execute(
                select(EventActor.actor_id).join(Mention, Mention.event_id == EventActor.event_id)
                .where(Mention.article_id == article_id)).scalars())

    assert named_by(surname_reports[1]) == {arman.key}
    assert named_by(surname_reports[north_id]) == {karen.key}
    assert named_by(surname_reports[both]) == {surname.key}
    assert named_by(surname_reports[empty]) == {surname.key}

    # Re-extraction resolves the same way, collection by collection.
    def again(item: ArticleInput) -> ArticleExtraction:
        if item.text.startswith("Tevosyan"):
            return extraction_of(item.text, item.published, kinds=("statement",), actors=(surname,))
        return extraction_of(item.text, item.published, actors=(arman,) if "Arman" in item.text else (karen,))

    reextract_all(settings, Steps(extract=again))
    assert named_by(surname_reports[1]) == {arman.key}
    assert named_by(surname_reports[north_id]) == {karen.key}
    assert named_by(surname_reports[both]) == {surname.key}
    from app.main import create_app

    with TestClient(create_app(settings)) as client:
        actors = {a["id"]: a["events"] for a in client.get("/api/actors", params={"collection": "north"}).json()["items"]}
        assert actors == {karen.key: 2}
    with session_scope(url) as session:
        assert drift(session) == {}


def test_a_moved_articles_places_are_counted_in_its_new_collection(north):
    """The map's counts per collection follow an event that changes collection (kept by triggers):
    Alpha's event leaves the default collection's map for "north"'s, the overall map is unchanged."""
    settings, north_id = north
    url = settings.database_url
    alpha = PlaceRef("alpha-town", "Alpha", "Alpha", 0, 5, None, 40.1, 44.5)
    text = "Shelling hit the border town of Alpha."
    with session_scope(url) as session:
        mover = add(session, text, 1, places=(alpha,))
        add(session, "Drones struck the depot at Alpha.", north_id, day=dt.date(2022, 5, 2), kinds=("attack",),
            places=(alpha,))
    from app.main import create_app

    def places(**params) -> dict[str, int]:
        with TestClient(create_app(settings)) as client:
            return {p["id"]: p["events"] for p in client.get("/api/places", params=params).json()["items"]}

    assert places() == {"alpha-town": 2}
    assert places(collection="default") == {"alpha-town": 1} and places(collection="north") == {"alpha-town": 1}
    write_transaction(url, lambda session: move_article(session, "test", mover, "north", extraction_of(
        text, places=(alpha,))))
    assert places() == {"alpha-town": 2}
    assert places(collection="default") == {} and places(collection="north") == {"alpha-town": 2}
    assert places(collection="north", **{"from": "2021-03-01", "to": "2021-03-31"}) == {"alpha-town": 1}
    with session_scope(url) as session:
        assert drift(session) == {}


def test_an_organisation_is_not_taken_for_the_surname_of_someone_quoted_once(north):
    """The tagger's one-word organisation may share a key with a stored person's surname spelled
    otherwise ("Tawhid", "Karim al-Tawheed", as "al-Qaeda" and a "Mr al-Qady"): it is not that
    person, quoted once. (Spelled as the surname, "Moreno-Ocampo" typed an organisation, it is:
    tests/test_actor_identity.py.)"""
    settings, _ = north
    url = settings.database_url
    editor = person("Karim al-Tawheed", "speaker")
    group = ActorRef(key=identity_key("Tawhid"), name="Tawhid", kind="organisation", role="initiator",
                     surface="Tawhid", start=0, end=6)
    with session_scope(url) as session:
        add(session, "Karim al-Tawheed described the boycott as costly.", 1, kinds=("statement",), actors=(editor,))
        claimed = add(session, "Tawhid claimed the bombing of the market.", 1, day=dt.date(2021, 5, 3), actors=(group,))
    with session_scope(url) as session:
        linked = set(session.execute(select(EventActor.actor_id).join(Mention, Mention.event_id == EventActor.event_id)
                                     .where(Mention.article_id == claimed)).scalars())
    assert linked == {group.key}
