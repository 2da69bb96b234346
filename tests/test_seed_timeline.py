"""The seed articles end to end: what an analyst sees on the timeline after ingestion.

These are outcomes of the general rules on three real articles, not answers written for them:
the same checks would hold for any three reports of one offensive and its reactions.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.nlp


def all_events(client):
    return client.get("/api/events", params={"limit": 500}).json()["items"]


def find(events, *words, type_=None):
    found = [e for e in events
             if all(w.lower() in " ".join([e["title"]] + [m["sentence"] for m in e["mentions"]]).lower() for w in words)
             and (type_ is None or e["type"] == type_)]
    assert found, f"no event mentions {words}"
    return found


def test_the_offensive_is_one_event_reported_by_all_three_articles(seeded_client):
    offensive = find(all_events(seeded_client), "military operation", type_="military_action")
    best = max(offensive, key=lambda e: e["sources_count"])
    assert best["sources_count"] == 3
    assert (best["date_start"], best["precision"]) == ("2023-09-19", "day")
    assert any(a["id"] == "azerbaijan" and a["role"] == "initiator" for a in best["actors"])


def test_condemnations_by_different_speakers_are_different_events(seeded_client):
    condemnations = [e for e in all_events(seeded_client) if e["type"] == "condemnation"]
    speakers = [frozenset(a["id"] for a in e["actors"] if a["role"] == "speaker") for e in condemnations]
    france = [s for s in speakers if "france" in s]
    armenia = [s for s in speakers if "armenia" in s]
    assert france and armenia
    assert not any("france" in s and "armenia" in s for s in speakers)


def test_events_of_other_years_keep_their_own_dates(seeded_client):
    events = all_events(seeded_client)
    (war,) = [e for e in find(events, "war broke out") if e["date_start"].startswith("2020")]
    assert war["precision"] == "year" and war["sources_count"] == 1
    blockade = [e for e in find(events, "blockade", "last year") if e["date_start"] == "2022-01-01"]
    assert blockade and blockade[0]["precision"] == "year"
    since = find(events, "since 1994")[0]
    assert since["date_start"] == "1994-01-01" and since["open_end"] is True
    assert since["date_label"] == "since 1994"


def test_nothing_comes_from_page_furniture(seeded_client):
    furniture = ["Home", "Capital: Baku", "Official language", "Find More International News",
                 "India Emerges as Bangladesh", "_4.1", "Major religion"]
    for event in all_events(seeded_client):
        for mention in event["mentions"]:
            for piece in furniture:
                assert piece not in mention["sentence"], (piece, mention["sentence"])


def test_every_mention_quotes_its_article_exactly(seeded_client):
    texts = {}
    for event in all_events(seeded_client):
        for mention in event["mentions"]:
            if mention["article_id"] not in texts:
                texts[mention["article_id"]] = seeded_client.get(f"/api/articles/{mention['article_id']}").json()["text"]
            assert texts[mention["article_id"]][mention["start"]:mention["end"]] == mention["sentence"]


def test_a_planned_meeting_is_marked_planned_and_dated_ahead(seeded_client):
    meetings = [e for e in all_events(seeded_client) if e["modality"] == "planned" and e["date_start"] == "2023-09-21"]
    assert meetings and any(a["id"] == "un-security-council" for e in meetings for a in e["actors"])
