"""/openapi.json documents every JSON answer: each JSON route has a schema for its 200 answer, and
the Event shape has every field the project's interface promises (id, url, dates with their
precision, actors with roles, places, sources, mentions with offsets), as the API really sends."""

from __future__ import annotations

import pytest

# The Event of the published interface: field -> the fields of its items, where it is a list.
EVENT_FIELDS = {
    "id": None, "url": None, "title": None, "summary": None, "type": None, "date_start": None,
    "date_end": None, "precision": None, "date_label": None, "sources_count": None,
    "actors": {"id", "name", "role"},
    "locations": {"id", "name"},
    "mentions": {"article_id", "article_title", "publisher", "sentence", "start", "end", "url"},
}
PRECISIONS = {"day", "month", "year", "decade", "century"}
ROLES = {"initiator", "target", "speaker"}  # "..." in the interface: at least these


@pytest.fixture(scope="module")
def openapi(seeded_client) -> dict:
    response = seeded_client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def resolve(openapi: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def answer_schema(openapi: dict, path: str, status: str = "200") -> dict:
    content = openapi["paths"][path]["get"]["responses"][status]["content"]["application/json"]
    return resolve(openapi, content["schema"])


def items_of(openapi: dict, schema: dict) -> dict:
    return resolve(openapi, schema["items"])


def test_every_json_route_documents_the_shape_of_its_answer(openapi):
    json_routes = [path for path in openapi["paths"] if path.startswith("/api/")]
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/actors", "/api/types",
            "/api/timeline", "/api/health", "/api/jobs/{job_id}"} <= set(json_routes)
    for path in json_routes:
        schema = answer_schema(openapi, path)
        assert schema.get("type") == "object" and schema.get("properties"), path
        for status, answer in openapi["paths"][path]["get"]["responses"].items():
            if status.startswith(("4", "5")) and status != "422":
                assert resolve(openapi, answer["content"]["application/json"]["schema"])["properties"], (path, status)
    export = openapi["paths"]["/export.{fmt}"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "text/calendar", "application/atom+xml"} <= set(export)
    assert resolve(openapi, export["application/json"]["schema"])["properties"]["events"]


def test_the_documented_event_has_every_field_of_the_interface(openapi):
    event = answer_schema(openapi, "/api/events/{event_id}")
    listed = items_of(openapi, answer_schema(openapi, "/api/events")["properties"]["items"])
    assert listed == event
    assert {"items", "total", "next"} <= set(answer_schema(openapi, "/api/events")["properties"])
    for name, inner in EVENT_FIELDS.items():
        assert name in event["properties"], name
        if inner:
            assert inner <= set(items_of(openapi, event["properties"][name])["properties"]), name
    assert set(resolve(openapi, event["properties"]["precision"])["enum"]) == PRECISIONS
    roles = resolve(openapi, items_of(openapi, event["properties"]["actors"])["properties"]["role"])
    assert ROLES <= set(roles["enum"])
    job = answer_schema(openapi, "/api/jobs/{job_id}")
    assert {"id", "status", "article_id", "error", "events"} <= set(job["properties"])
    assert set(resolve(openapi, job["properties"]["status"])["enum"]) == {"queued", "running", "done", "failed"}


def test_the_api_sends_what_it_documents(seeded_client, openapi):
    event_schema = answer_schema(openapi, "/api/events/{event_id}")
    body = seeded_client.get("/api/events", params={"limit": 5}).json()
    assert body["items"]
    for item in body["items"]:
        assert set(item) == set(event_schema["properties"])
        assert item["precision"] in PRECISIONS
        for name, inner in EVENT_FIELDS.items():
            for entry in (item[name] if inner else []):
                assert inner <= set(entry), name
    one = seeded_client.get(f"/api/events/{body['items'][0]['id']}").json()
    assert set(one) == set(event_schema["properties"]) and one["mentions"]
    article = seeded_client.get(f"/api/articles/{one['mentions'][0]['article_id']}").json()
    assert set(article) == set(answer_schema(openapi, "/api/articles/{article_id}")["properties"])
