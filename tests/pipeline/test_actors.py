"""Actor recognition and roles on texts the data was not written for."""

from __future__ import annotations

import datetime as dt

import pytest

from app.pipeline.actors import ActorIndex, slug
from app.pipeline.extract import load_resources
from app.pipeline.names import identity_key

pytestmark = pytest.mark.nlp


def roles(ev):
    return {(a.key, a.role) for a in ev.actors}


def first(extract, text, published=dt.date(2023, 9, 19)):
    found = extract(text, published).events
    assert found, "no event"
    return found[0]


def test_capital_stands_for_government_but_not_as_location(extract):
    ev = first(extract, "Moscow said on Wednesday that its troops had withdrawn from the city.")
    assert ("russia", "speaker") in roles(ev)
    ev = first(extract, "Thousands of protesters rallied in Tbilisi on Saturday.")
    # the city is where it happened, not an actor; the protesters act, in Georgia
    assert {(a.key, a.role) for a in ev.actors} == {("georgia-protesters", "initiator")}
    assert [p.key for p in ev.places] == ["tbilisi"]
    assert ev.places[0].country == "georgia" and ev.places[0].country_code == "GE"


def test_demonyms(extract):
    ev = first(extract, "Russian peacekeepers were deployed to the region last year.")
    assert ("russia", "initiator") in roles(ev)
    ev = first(extract, "Russian troops shelled the village on Monday.")
    forces = next(a for a in ev.actors if a.role == "initiator")
    assert (forces.key, forces.kind, forces.parent) == ("russia-armed-forces", "body", "russia")
    ev = first(extract, "The region had been under ethnic Armenian control since 1994.")
    assert ("armenians", "initiator") in roles(ev)
    assert all(a.key != "armenia" for a in ev.actors)


def test_bodies_are_children_of_their_state(extract):
    ev = first(extract, "A U.S. State Department official said the talks would resume.")
    body = next(a for a in ev.actors if a.key == "us-state-department")
    assert body.parent == "united-states"
    ev = first(extract, "Turkey's defense ministry said its drones struck militant positions.")
    speaker = next(a for a in ev.actors if a.role == "speaker")
    assert (speaker.key, speaker.kind, speaker.parent) == ("turkey-defense-ministry", "body", "turkey")


def test_people_with_dated_offices(extract):
    ev = first(extract, "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi in September.")
    assert roles(ev) >= {("recep-tayyip-erdogan", "initiator"), ("vladimir-putin", "participant")}
    putin = next(a for a in ev.actors if a.key == "vladimir-putin")
    assert putin.parent == "russia" and putin.kind == "person"


def test_surname_resolves_to_person_named_earlier(extract):
    text = ("Foreign Minister Jane Example of Freedonia met her counterparts in Geneva on Monday.\n\n"
            "Example said on Tuesday that the talks had failed.")
    ex = extract(text)
    keys = [a.key for e in ex.events for a in e.actors if a.kind == "person"]
    assert keys and set(keys) == {identity_key("Jane Example")}
    assert {a.name for e in ex.events for a in e.actors if a.kind == "person"} == {"Jane Example"}


def test_unknown_names_become_new_actors(extract):
    ev = first(extract, "The Freedonian Liberation Front attacked a police station on Monday.")
    assert any(a.kind in ("organisation", "group") and a.role == "initiator" for a in ev.actors)


def test_media_are_not_actors(extract):
    ev = first(extract, "Rebels attacked the airport on Monday, Reuters reported.")
    assert all(a.kind != "media" for a in ev.actors)


def test_roles_target_and_participants(extract):
    ev = first(extract, "The European Union imposed sanctions on Iran last month.")
    assert roles(ev) == {("eu", "initiator"), ("iran", "target")}
    ev = first(extract, "Russia has been in talks with both Armenia and Azerbaijan.")
    assert roles(ev) >= {("armenia", "participant"), ("azerbaijan", "participant")}
    ev = first(extract, "France condemned Azerbaijan's military operation.")
    assert roles(ev) == {("france", "speaker"), ("azerbaijan", "target")}


def test_data_is_indexed_once_and_broad():
    res = load_resources()
    index: ActorIndex = res.actors
    assert len([e for e in index.entries.values() if e.kind == "state"]) >= 90
    for capital in ("Baku", "Moscow", "Yerevan", "Washington", "Kyiv", "Tehran"):
        assert capital in index.by_first_token
    assert index.entries["maria-zakharova"].parent_on(dt.date(2023, 9, 19)) == "russia"
    assert index.entries["vladimir-putin"].roles[0].title == "President of Russia"
    assert slug("Élysée Palace") == "elysee-palace"
