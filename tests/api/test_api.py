"""The JSON API's contract (../../README.md, "HTTP"), over real HTTP through httpx/ASGI."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.nlp

EVENT_KEYS = {"id", "url", "title", "summary", "type", "date_start", "date_end", "precision",
              "date_label", "actors", "locations", "sources_count", "mentions"}
MENTION_KEYS = {"article_id", "article_title", "publisher", "sentence", "start", "end", "url"}


def test_events_have_the_documented_shape_and_come_in_date_order(seeded_client):
    body = seeded_client.get("/api/events", params={"limit": 500}).json()
    assert set(body) == {"items", "total", "total_is_estimate", "next"}
    items = body["items"]
    assert body["total"] == len(items) > 10
    assert [e["date_start"] for e in items] == sorted(e["date_start"] for e in items)
    for event in items:
        assert EVENT_KEYS <= set(event)
        assert event["precision"] in {"day", "month", "year", "decade", "century"}
        assert event["date_start"] <= event["date_end"]
        assert event["sources_count"] == len({m["article_id"] for m in event["mentions"]}) >= 1
        for mention in event["mentions"]:
            assert MENTION_KEYS <= set(mention)
            assert mention["url"].startswith("http://testserver/articles/")


def test_mention_offsets_point_at_the_sentence_in_the_stored_article(seeded_client):
    event = seeded_client.get("/api/events", params={"limit": 1}).json()["items"][0]
    mention = event["mentions"][0]
    article = seeded_client.get(f"/api/articles/{mention['article_id']}").json()
    assert article["text"][mention["start"]:mention["end"]] == mention["sentence"]


def test_one_event_by_id_and_its_permalink(seeded_client):
    first = seeded_client.get("/api/events", params={"limit": 1}).json()["items"][0]
    event = seeded_client.get(f"/api/events/{first['id']}").json()
    assert event["id"] == first["id"]
    assert event["url"] == f"http://testserver/events/{first['id']}/" + event["url"].rsplit("/", 1)[1]


def test_pagination_walks_every_event_once(seeded_client):
    everything = seeded_client.get("/api/events", params={"limit": 500}).json()["items"]
    seen, url = [], "/api/events?limit=3"
    while url:
        body = seeded_client.get(url).json()
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
    assert seen == [e["id"] for e in everything]


def test_filter_by_type_and_date_range(seeded_client):
    types = [t["key"] for t in seeded_client.get("/api/types").json()["items"] if t["events"]]
    some_type = types[0]
    body = seeded_client.get("/api/events", params={"type": some_type, "limit": 500}).json()
    assert body["items"] and all(e["type"] == some_type for e in body["items"])
    body = seeded_client.get("/api/events", params={"from": "2023-09-01", "to": "2023-09-30", "limit": 500}).json()
    assert body["items"]
    for event in body["items"]:  # an open range ("since 1994") reaches into any later month
        assert (event["date_end"] >= "2023-09-01" or event["open_end"]) and event["date_start"] <= "2023-09-30"


def test_full_text_search_finds_words_of_the_source_sentences(seeded_client):
    body = seeded_client.get("/api/events", params={"q": "blockade"}).json()
    assert body["items"]
    for event in body["items"]:
        text = " ".join([event["title"], event["summary"]] + [m["sentence"] for m in event["mentions"]])
        assert "blockad" in text.lower()


def test_actor_filter_uses_canonical_actors(seeded_client):
    actors = {a["id"]: a for a in seeded_client.get("/api/actors").json()["items"]}
    assert "azerbaijan" in actors
    body = seeded_client.get("/api/events", params={"actor": "azerbaijan", "limit": 500}).json()
    assert body["items"]
    assert all(any(a["id"] == "azerbaijan" for a in e["actors"]) for e in body["items"])


@pytest.mark.parametrize(
    "params, words",
    [
        ({"from": "2023-13-45"}, "not a date"),
        ({"from": "2023-09-30", "to": "2023-09-01"}, "reversed"),
        ({"limit": "100000"}, "between"),
        ({"limit": "ten"}, "whole number"),
        ({"cursor": "!!not-a-cursor!!"}, "cursor"),
        ({"actor": "' OR 1=1 --"}, "no actor"),
        ({"type": "DROP TABLE event"}, "unknown event type"),
        ({"q": "\"*)"}, "no words"),
        ({"min_sources": "-1"}, "between"),
    ],
)
def test_bad_filters_get_a_clear_400(seeded_client, params, words):
    response = seeded_client.get("/api/events", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "bad_filter" and words in body["message"]


def test_search_syntax_is_never_an_error(seeded_client):
    for query in ['"unbalanced', "NEAR(", "AND OR NOT", "a*b*", "col:umn", "^start"]:
        assert seeded_client.get("/api/events", params={"q": query}).status_code in (200, 400)


def test_unknown_ids_are_404_json(seeded_client):
    for path in ("/api/events/zzzzzzzzzz", "/api/articles/zzzzzzzzzz"):
        response = seeded_client.get(path)
        assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_article_json_has_sentences_and_events(seeded_client):
    event = seeded_client.get("/api/events", params={"limit": 1}).json()["items"][0]
    article = seeded_client.get(f"/api/articles/{event['mentions'][0]['article_id']}").json()
    assert article["published"] and article["title"]
    assert article["sentences"] and article["events"]
    for sentence in article["sentences"]:
        assert article["text"][sentence["start"]:sentence["end"]] == sentence["text"]


def test_timeline_buckets_count_every_event(seeded_client):
    total = seeded_client.get("/api/events", params={"limit": 1}).json()["total"]
    for zoom in ("decade", "year", "month", "week", "day"):
        body = seeded_client.get("/api/timeline", params={"zoom": zoom}).json()
        assert body["total"] == total
    assert seeded_client.get("/api/timeline", params={"zoom": "fortnight"}).status_code == 400


def test_health_and_openapi(seeded_client):
    assert seeded_client.get("/api/health").json() == {"status": "ok"}
    schema = seeded_client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/actors",
                 "/api/types", "/api/timeline"):
        assert path in schema["paths"]
    assert seeded_client.get("/docs").status_code == 200
