"""Every timeline filter, alone and combined, through the JSON API. The pages call the same read
layer (app/queries/events.py), so the filter logic is tested once here; tests/web checks the pages
pass the filters through.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest


def ids(client, **params) -> set[str]:
    response = client.get("/api/events", params={**params, "limit": 500})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next"] is None  # the seeds fit in one page
    assert body["total"] == len(body["items"])
    return {item["id"] for item in body["items"]}


@pytest.fixture(scope="module")
def every(seeded_client) -> list[dict]:
    return seeded_client.get("/api/events", params={"limit": 500}).json()["items"]


@pytest.fixture(scope="module")
def values(seeded_client, every) -> dict[str, str]:
    """One real value of each filter, taken from the seeded events themselves."""
    actor = seeded_client.get("/api/actors").json()["items"][0]["id"]
    located = next(e for e in every if e["locations"])
    published = next(e for e in every if e["mentions"][0]["article_id"])
    article = seeded_client.get(f"/api/articles/{published['mentions'][0]['article_id']}").json()
    return {
        "actor": actor,
        "type": every[-1]["type"],
        "location": located["locations"][0]["id"],
        "publisher": article["publisher"],
        "q": "Azerbaijan",
        "min_sources": "2",
        "from": "2023-09-20",
        "to": "2023-09-30",
    }


def overlaps(event: dict, low: str | None, high: str | None) -> bool:
    start, end = dt.date.fromisoformat(event["date_start"]), dt.date.fromisoformat(event["date_end"])
    if high and start > dt.date.fromisoformat(high):
        return False
    if low and end < dt.date.fromisoformat(low) and not event["open_end"]:
        return False
    return True


def satisfies(client, event: dict, name: str, value: str) -> bool:
    if name == "actor":
        return value in {a["id"] for a in event["actors"]}
    if name == "type":
        return event["type"] == value
    if name == "location":
        return value in {loc["id"] for loc in event["locations"]}
    if name == "publisher":
        return value in {m["article_id"] and client.get(f"/api/articles/{m['article_id']}").json()["publisher"]
                         for m in event["mentions"]}
    if name == "min_sources":
        return event["sources_count"] >= int(value)
    if name == "from":
        return overlaps(event, value, None)
    if name == "to":
        return overlaps(event, None, value)
    if name == "q":
        text = " ".join([event["title"], event["summary"], *(m["sentence"] for m in event["mentions"])])
        return re.search(rf"\b{re.escape(value)}\b", text, re.IGNORECASE) is not None  # a word, as FTS reads it
    raise AssertionError(name)


FILTERS = ["actor", "type", "location", "publisher", "q", "min_sources", "from", "to"]


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_keeps_exactly_the_events_that_satisfy_it(seeded_client, every, values, name):
    found = ids(seeded_client, **{name: values[name]})
    expected = {e["id"] for e in every if satisfies(seeded_client, e, name, values[name])}
    assert found == expected
    assert found, f"the seeds have no event for {name}={values[name]!r}: the test proves nothing"


@pytest.mark.parametrize("pair", list(itertools.combinations(FILTERS, 2)))
def test_filters_combine_as_an_intersection(seeded_client, values, pair):
    first, second = pair
    both = ids(seeded_client, **{first: values[first], second: values[second]})
    assert both == ids(seeded_client, **{first: values[first]}) & ids(seeded_client, **{second: values[second]})


def test_a_view_period_is_a_date_range(seeded_client):
    assert ids(seeded_client, zoom="month", at="2023-09") == ids(seeded_client, **{"from": "2023-09-01", "to": "2023-09-30"})
    assert ids(seeded_client, at="2023-09-19") == ids(seeded_client, **{"from": "2023-09-19", "to": "2023-09-19"})
    # The period and from/to intersect.
    assert ids(seeded_client, zoom="year", at="2023", **{"from": "2023-09-20"}) == ids(
        seeded_client, **{"from": "2023-09-20", "to": "2023-12-31"})


def test_precision_decides_what_a_range_meets(seeded_client, every):
    """"2022" spans its year, "since 1994" reaches every later range, a day is a point."""
    open_ended = [e["id"] for e in every if e["open_end"]]
    assert open_ended, "the seeds say 'since 1994'"
    assert set(open_ended) <= ids(seeded_client, zoom="month", at="2023-06")
    year_long = [e for e in every if e["precision"] == "year" and not e["open_end"]]
    assert year_long
    year = year_long[0]["date_start"][:4]
    assert year_long[0]["id"] in ids(seeded_client, zoom="month", at=f"{year}-07")
    day = next(e for e in every if e["precision"] == "day" and e["date_start"] == e["date_end"])
    following = (dt.date.fromisoformat(day["date_start"]) + dt.timedelta(days=1)).isoformat()
    assert day["id"] not in ids(seeded_client, **{"from": following})


def test_timeline_counts_agree_with_the_list_for_every_filter(seeded_client, values):
    for name in FILTERS:
        params = {name: values[name]}
        if name in ("from", "to"):
            continue  # the list counts overlapping events, the histogram counts starts
        listed = seeded_client.get("/api/events", params={**params, "limit": 1}).json()["total"]
        counted = seeded_client.get("/api/timeline", params={**params, "zoom": "month"}).json()["total"]
        assert counted == listed, name


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"actor": "nobody-at-all"}, "no actor"),
        ({"type": "picnic"}, "unknown event type"),
        ({"location": "atlantis"}, "no location"),
        ({"from": "2023-09-30", "to": "2023-09-01"}, "reversed"),
        ({"from": "2023-02-30"}, "not a date"),
        ({"to": "99999-01-01"}, "not a date"),
        ({"limit": "1000000000"}, "between"),
        ({"limit": "0"}, "between"),
        ({"cursor": "bm90LWEtY3Vyc29y"}, "cursor"),
        ({"cursor": "%%%"}, "cursor"),
        ({"q": "\"*)"}, "no words"),
        ({"q": "x" * 500}, "too long"),
        ({"min_sources": "many"}, "whole number"),
        ({"zoom": "fortnight"}, "zoom must be one of"),
        ({"zoom": "month", "at": "2023-13"}, "not a date"),
        ({"at": "yesterday"}, "not a date"),
        ({"actor": [f"a{n}" for n in range(21)]}, "at most"),
    ],
)
def test_bad_input_is_a_clear_400_never_a_500(seeded_client, params, words):
    for path in ("/api/events", "/api/timeline", "/"):
        response = seeded_client.get(path, params=params)
        assert response.status_code == 400, (path, params, response.text[:200])
        if path.startswith("/api"):
            assert words in response.json()["message"], response.json()
        else:
            assert words in response.text.lower()  # the page says it as a sentence


def test_search_syntax_never_breaks_the_page_or_the_counts(seeded_client):
    for query in ['"unbalanced', "NEAR(", "AND OR NOT", "a*b*", "col:umn", "^start", "-", "()"]:
        for path in ("/api/events", "/api/timeline", "/"):
            assert seeded_client.get(path, params={"q": query}).status_code in (200, 400), (path, query)


def test_a_period_outside_the_range_is_empty_not_an_error(seeded_client):
    body = seeded_client.get("/api/events", params={"zoom": "year", "at": "2019", "from": "2023-01-01"}).json()
    assert body["items"] == [] and body["total"] == 0
