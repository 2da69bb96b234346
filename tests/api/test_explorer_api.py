"""The JSON side of the explorer at scale: orders, the speech switch, finding actors by name, the
time axis and the map's places."""

from __future__ import annotations

from app.importance import is_speech


def test_sort_orders_the_list_by_importance_newest_first_or_date(seeded_client):
    by_importance = seeded_client.get("/api/events", params={"sort": "importance", "limit": 500}).json()["items"]
    ranks = [item["importance"] for item in by_importance]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > ranks[-1]
    newest = seeded_client.get("/api/events", params={"sort": "-date", "limit": 500}).json()["items"]
    days = [item["date_start"] for item in newest]
    assert days == sorted(days, reverse=True)
    oldest = seeded_client.get("/api/events", params={"limit": 500}).json()["items"]
    assert {i["id"] for i in oldest} == {i["id"] for i in newest} == {i["id"] for i in by_importance}
    bad = seeded_client.get("/api/events", params={"sort": "loudest"})
    assert bad.status_code == 400 and "sort must be one of date, -date, importance" in bad.json()["message"]


def test_pages_by_importance_follow_on_without_gaps_or_repeats(seeded_client):
    everything = seeded_client.get("/api/events", params={"sort": "importance", "limit": 500}).json()["items"]
    seen, url, params = [], "/api/events", {"sort": "importance", "limit": 4}
    while url:
        body = seeded_client.get(url, params=params).json()
        seen += [item["id"] for item in body["items"]]
        url, params = body["next"], None
    assert seen == [item["id"] for item in everything]


def test_hiding_speech_leaves_no_statement_and_refuses_asking_only_for_speech(seeded_client):
    items = seeded_client.get("/api/events", params={"speech": "hide", "limit": 500}).json()["items"]
    everything = seeded_client.get("/api/events", params={"limit": 500}).json()["items"]
    assert items and not any(is_speech(item["type"]) for item in items)
    assert len(items) == sum(1 for item in everything if not is_speech(item["type"]))
    refused = seeded_client.get("/api/events", params={"speech": "hide", "type": "statement"})
    assert refused.status_code == 400 and "speech" in refused.json()["message"]


def test_actors_are_found_by_part_of_their_name_and_the_limit_is_checked(seeded_client):
    found = seeded_client.get("/api/actors", params={"q": "ZERBA"}).json()["items"]
    assert found and found[0]["id"] == "azerbaijan" and "events" in found[0]
    assert seeded_client.get("/api/actors", params={"q": "nobody-by-this-name"}).json()["items"] == []
    assert seeded_client.get("/api/actors", params={"limit": 0}).status_code == 400
    assert len(seeded_client.get("/api/actors", params={"limit": 2}).json()["items"]) == 2


def test_the_axis_gives_the_most_important_events_of_its_range(seeded_client):
    body = seeded_client.get("/api/axis", params={"from": "2023-09-01", "to": "2023-09-30", "limit": 5}).json()
    assert (body["first"], body["last"]) == ("2023-09-01", "2023-09-30")
    ranks = [event["importance"] for event in body["events"]]
    assert len(ranks) == 5 and ranks == sorted(ranks, reverse=True)
    listed = seeded_client.get("/api/events", params={"from": "2023-09-01", "to": "2023-09-30", "sort": "importance",
                                                      "limit": 5}).json()["items"]
    assert [e["id"] for e in body["events"]] == [e["id"] for e in listed]
    assert body["matching"] == seeded_client.get("/api/events", params={"from": "2023-09-01", "to": "2023-09-30",
                                                                       "limit": 1}).json()["total"]


def test_places_count_the_events_that_start_in_the_view(seeded_client):
    body = seeded_client.get("/api/places").json()
    assert body["exact"] and body["items"]
    counts = [item["events"] for item in body["items"]]
    assert counts == sorted(counts, reverse=True)
    place = body["items"][0]
    listed = seeded_client.get("/api/events", params={"location": place["id"], "limit": 1}).json()["total"]
    assert listed == place["events"]
