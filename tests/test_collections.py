"""Collections as readers, scripts and operators meet them: the list at /, a collection's explorer at
/c/{slug}/, collection= on the JSON API, bad slugs, exports and feeds per collection, the command
line, migration 0008 on a filled database, and two wars' articles never sharing an event.

Every test runs on the backend of the suite (SQLite, or PostgreSQL with TIMELINE_TEST_BACKEND).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from app import ids
from app.config import PROJECT_ROOT
from app.db import dispose_all, session_scope
from app.migrate import upgrade
from app.models import Article, Collection, Event, Mention
from app.pipeline.types import ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, Sentence
from app.services.aggregates import drift
from app.services.articles import add_article
from app.services.collections import CollectionFields, create_collection

WARS = Path(os.environ.get("T17_CONFLICT", PROJECT_ROOT.parent / "shared" / "corpora" / "tls" / "t17_conflict"))


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def hand_article(session, body: str, day: dt.date, collection: int, kind: str = "military_action"):
    """An article with one event, extracted by hand (no model): what is under test is where it goes."""
    sentence = Sentence(0, 0, len(body), body)
    candidate = EventCandidate(sentence=sentence, ordinal=0, type=kind, title=body[:40], trigger="x",
                               trigger_start=0, trigger_end=1, modality="asserted",
                               date=EventDate(DateInterval(day, day, "day"), "explicit", "test"))
    extraction = ArticleExtraction(title=body[:20], body=((0, len(body)),), sentences=(sentence,), timexes=(),
                                   events=(candidate,))
    return add_article(session, ArticleInput(body, day, body[:20], "Wire"), extraction, collection=collection)


def run_timeline(settings, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "TIMELINE_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], input=stdin, capture_output=True, env=env,
                          cwd=PROJECT_ROOT, timeout=600, text=stdin is None)


@pytest.fixture
def two_collections(fresh_settings):
    """The default collection and "north", each with two hand-made events of the same days."""
    settings = fresh_settings
    with session_scope(settings.database_url) as session:
        north = create_collection(session, "test", "north", CollectionFields(
            "The northern front", "Shelling along the northern line.", dt.date(2020, 1, 1), None, "North")).id
    with session_scope(settings.database_url) as session:
        hand_article(session, "Shelling hit the border town of Alpha.", dt.date(2021, 3, 1), 1)
        hand_article(session, "Artillery struck the village of Beta.", dt.date(2021, 7, 9), 1, "attack")
        hand_article(session, "Shelling hit the border town of Alpha, officials said.", dt.date(2021, 3, 1), north)
        hand_article(session, "Drones struck the depot at Gamma.", dt.date(2022, 5, 2), north, "attack")
    from app.main import create_app

    with TestClient(create_app(settings)) as client:
        yield settings, client


def test_the_front_page_lists_collections_when_there_are_several(two_collections):
    _, client = two_collections
    response = client.get("/")
    assert response.status_code == 200
    soup = page(response)
    entries = soup.select(".collection-entry")
    assert [e.select_one(".collection-name a").text for e in entries] == ["Default collection", "The northern front"]
    assert [e.select_one(".collection-name a")["href"] for e in entries] == ["/c/default/", "/c/north/"]
    assert [e.select_one(".collection-events").text for e in entries] == ["2 events", "2 events"]
    # The span: the declared period when there is one, else the years its events cover.
    assert [e.select_one(".collection-span").text for e in entries] == ["2021", "since 2020"]
    assert all(e.select("svg rect") for e in entries)  # the density strip
    assert "Events per month from March 2021 to May 2022" in entries[1].select_one("figcaption").text
    assert soup.select_one("form[action='/'] input[name=q]") is not None  # search every collection


def test_a_collections_explorer_shows_only_its_events_with_every_filter_and_zoom(two_collections):
    _, client = two_collections
    north = client.get("/c/north/")
    assert north.status_code == 200
    soup = page(north)
    assert soup.select_one("h1").text == "The northern front"
    assert "Shelling along the northern line." in soup.select_one(".collection-description").text
    titles = [a.text for a in soup.select(".timeline-item h3 a, .timeline-item .event-title a")] or \
        [a.text for a in soup.select(".timeline-item a[href^='/events/']")]
    assert titles and not any("Beta" in t for t in titles)
    assert soup.select_one("form.filters")["action"] == "/c/north/"
    for params in ({"zoom": "year", "at": "2022"}, {"type": "attack"}, {"q": "Gamma"}, {"from": "2022-01-01"}):
        response = client.get("/c/north/", params=params)
        assert response.status_code == 200, params
        links = [a["href"] for a in page(response).select("a[href^='/c/']")]
        assert links and all(link.startswith("/c/north/") for link in links), params
    fragment = client.get("/c/north/", params={"zoom": "year", "at": "2022"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and "Gamma" in fragment.text
    assert client.get("/c/north", follow_redirects=False).headers["location"] == "/c/north/"


def test_the_api_answers_within_a_collection(two_collections):
    _, client = two_collections
    everywhere = client.get("/api/events").json()
    north = client.get("/api/events", params={"collection": "north"}).json()
    assert everywhere["total"] == 4 and north["total"] == 2
    assert {item["collection"]["slug"] for item in north["items"]} == {"north"}
    assert north["next"] is None
    page_one = client.get("/api/events", params={"collection": "north", "limit": 1}).json()
    assert "collection=north" in page_one["next"]
    assert client.get(page_one["next"]).json()["items"][0]["collection"]["slug"] == "north"
    timeline = client.get("/api/timeline", params={"collection": "north", "zoom": "year"}).json()
    assert [(b["start"], b["count"]) for b in timeline["buckets"]] == [("2021-01-01", 1), ("2022-01-01", 1)]
    types = {t["key"]: t["events"] for t in client.get("/api/types", params={"collection": "default"}).json()["items"]}
    assert (types["military_action"], types["attack"]) == (1, 1)
    listed = {c["slug"]: c for c in client.get("/api/collections").json()["items"]}
    assert listed["north"]["events"] == 2 and listed["north"]["url"] == "http://testserver/c/north/"
    assert client.get("/api/collections/north").json()["name"] == "The northern front"


def test_an_unknown_collection_is_a_404_page_and_a_400_naming_the_known_ones(two_collections):
    _, client = two_collections
    for path in ("/c/atlantis/", "/c/atlantis/export.csv", "/c/atlantis/feed.atom"):
        response = client.get(path)
        assert response.status_code == 404, path
        soup = page(response)
        assert "atlantis" in soup.select_one("[role=alert]").text
        assert {a["href"] for a in soup.select("main a[href^='/c/']")} == {"/c/default/", "/c/north/"}
    for path in ("/api/events", "/api/timeline", "/api/actors", "/api/types"):
        response = client.get(path, params={"collection": "atlantis"})
        assert response.status_code == 400, path
        body = response.json()
        assert body["error"] == "bad_filter" and "default, north" in body["message"]
        assert body["known"] == ["default", "north"]
    assert client.get("/api/collections/atlantis").status_code == 404
    assert client.get("/", params={"collection": "atlantis"}).status_code == 400


def test_an_event_names_its_collection_and_its_permalink_does_not_change(two_collections):
    settings, client = two_collections
    item = client.get("/api/events", params={"collection": "north", "q": "Gamma"}).json()["items"][0]
    assert item["url"].startswith("http://testserver/events/") and "/c/" not in item["url"]
    assert item["collection"] == {"slug": "north", "name": "The northern front", "url": "http://testserver/c/north/"}
    soup = page(client.get(item["url"]))
    assert soup.select_one(".event-collection a")["href"] == "/c/north/"
    assert soup.select_one(".breadcrumb a[href='/c/north/']").text == "The northern front"
    # Its actors and places lead to its own collection's timeline when there are several.
    assert all(a["href"].startswith("/c/north/?") for a in soup.select(".facts a[href*='?']"))


def test_exports_and_feeds_per_collection(two_collections):
    _, client = two_collections
    exported = client.get("/c/north/export.json").json()
    assert [e["collection"]["slug"] for e in exported["events"]] == ["north", "north"]
    assert client.get("/export.json", params={"collection": "north"}).json()["events"] == exported["events"]
    assert len(client.get("/export.json").json()["events"]) == 4
    csv = client.get("/c/default/export.csv").text
    assert "Beta" in csv and "Gamma" not in csv
    feed = client.get("/c/north/feed.atom")
    assert feed.status_code == 200 and "Gamma" in feed.text and "Beta" not in feed.text
    assert "http://testserver/c/north/" in feed.text  # the feed's page is the collection's
    assert "new events in The northern front" in feed.text


def test_merging_never_crosses_collections_and_actors_are_counted_per_collection(two_collections):
    settings, client = two_collections
    with session_scope(settings.database_url) as session:
        # "Shelling hit the border town of Alpha" on one day in two collections: two events.
        alpha = session.execute(select(Event.collection_id).where(Event.title.like("Shelling hit%"))).scalars().all()
        assert sorted(alpha) == [1, 2]
        assert drift(session) == {}


def test_timeline_check_reports_an_event_outside_its_articles_collection(two_collections):
    settings, _ = two_collections
    with session_scope(settings.database_url) as session:
        event_id = session.execute(select(Event.id).where(Event.title.like("Drones%"))).scalar_one()
        session.execute(text("UPDATE event SET collection_id = 1 WHERE id = :id"), {"id": event_id})
    check = run_timeline(settings, "check")
    assert check.returncode == 1
    # The triggers moved its counts along with it; what disagrees is the event and its articles.
    assert "event.collection_id" in check.stdout
    repaired = run_timeline(settings, "check", "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    with session_scope(settings.database_url) as session:
        assert session.execute(select(Event.collection_id).where(Event.id == event_id)).scalar_one() == 2


def test_the_command_line_lists_creates_and_ingests_into_collections(fresh_settings, tmp_path):
    settings = fresh_settings
    created = run_timeline(settings, "collections", "create", "karabakh", "--name", "Nagorno-Karabakh",
                           "--from", "2020-09-27", "--region", "South Caucasus")
    assert created.returncode == 0, created.stderr
    again = run_timeline(settings, "collections", "create", "karabakh", "--name", "Again")
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run_timeline(settings, "collections", "create", "Bad Slug", "--name", "X")
    assert bad.returncode == 2 and "lower-case" in bad.stderr
    unknown = run_timeline(settings, "ingest", "--collection", "atlantis", str(tmp_path))
    assert unknown.returncode == 2 and "atlantis" in unknown.stderr and "karabakh" in unknown.stderr
    listing = run_timeline(settings, "collections", "list")
    assert listing.returncode == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()[1:]] == ["default", "karabakh"]
    as_json = json.loads(run_timeline(settings, "collections", "list", "--json").stdout)
    assert as_json["items"][1]["region"] == "South Caucasus"
    deleted = run_timeline(settings, "collections", "move", "nosuchid", "karabakh")
    assert deleted.returncode == 2 and "no article" in deleted.stderr


def test_migration_0008_moves_a_filled_database_into_the_default_collection_and_back(settings_for, tmp_path):
    """Up from the migration before it on a database with articles and events, down again, and up:
    everything lands in the default collection, the per-collection counts equal the global ones,
    nothing drifts, and searches and lists answer as before."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from app.main import create_app
    from app.migrate import alembic_config

    settings = settings_for(tmp_path)
    url = settings.database_url
    before_collections = ScriptDirectory.from_config(alembic_config(url)).get_revision("0008").down_revision
    upgrade(url)
    with session_scope(url) as session:
        for number, day in enumerate((dt.date(2020, 10, 1), dt.date(2020, 10, 2), dt.date(2021, 2, 3))):
            hand_article(session, f"Report {number}: shelling hit the town of Delta-{number}.", day, 1)
    command.downgrade(alembic_config(url), before_collections)
    dispose_all()

    def answers() -> dict:
        with TestClient(create_app(settings)) as client:
            return {"search": [i["id"] for i in client.get("/api/events", params={"q": "shelling"}).json()["items"]],
                    "list": [i["id"] for i in client.get("/api/events").json()["items"]],
                    "years": client.get("/api/timeline", params={"zoom": "year"}).json()["buckets"]}

    upgrade(url)
    dispose_all()
    with session_scope(url) as session:
        assert session.execute(select(Collection.slug)).scalars().all() == ["default"]
        assert session.execute(select(func.count()).select_from(Article).where(Article.collection_id != 1)).scalar() == 0
        assert drift(session) == {}
    before = answers()
    assert len(before["search"]) == 3
    command.downgrade(alembic_config(url), before_collections)
    dispose_all()
    with session_scope(url) as session:
        columns = {row[0] for row in session.execute(text(
            "SELECT name FROM pragma_table_info('article')" if url.startswith("sqlite") else
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'article'"))}
        assert "collection_id" not in columns
        assert session.execute(select(func.count()).select_from(Mention)).scalar() == 3
    upgrade(url)
    dispose_all()
    with session_scope(url) as session:
        assert drift(session) == {}
    assert answers() == before


def _war_articles(topic: str, count: int) -> list[dict]:
    rows = [json.loads(line) for line in (WARS / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
    chosen = sorted((r for r in rows if r["topic"] == topic and "2011-03-18" <= r["published"] <= "2011-04-10"
                     and 800 < len(r["text"]) < 4000), key=lambda r: (r["published"], r["id"]))
    return chosen[:count]


def _war_records() -> list[dict]:
    """Libya and Syria reports of the same weeks (March-April 2011), each naming its war's
    collection, and a regional round-up filed under Syria that repeats the opening of a Libya
    report word for word, as round-ups do: in one collection it would share that event."""
    records = [{"text": r["text"], "published": r["published"], "title": r["title"] or None,
                "publisher": r["source_folder"], "collection": topic}
               for topic in ("libya", "syria") for r in _war_articles(topic, 12)]
    libya = records[0]
    opening = " ".join(libya["text"].split("\n")[:6])[:900]
    syria = next(r for r in records if r["collection"] == "syria")
    records.append({"text": f"Regional round-up.\n\n{opening}\n\n{syria['text'][:900]}", "published": libya["published"],
                    "title": "Regional round-up", "publisher": "Round-up", "collection": "syria"})
    return records


@pytest.mark.nlp
@pytest.mark.skipif(not (WARS / "articles.jsonl").exists(), reason="the Timeline17 war corpus is not here")
def test_two_collections_ingested_from_different_wars_never_share_an_event(settings_for, tmp_path):
    """The same records twice, through the real pipeline: all in one collection, some events hold
    reports of both wars (the round-up's Libya sentences at least); split by war into two
    collections, none does, each collection's pages and counts hold only its own events, and an
    actor named in both wars is one actor counted in each."""
    records = _war_records()
    source = tmp_path / "wars.jsonl"

    together = settings_for(tmp_path / "together")
    upgrade(together.database_url)
    source.write_text("\n".join(json.dumps({**r, "collection": None}) for r in records), encoding="utf-8")
    assert run_timeline(together, "ingest", str(source)).returncode == 0
    wars = {ids.article_id(ids.content_hash(r["text"])): r["collection"] for r in records}
    with session_scope(together.database_url) as session:
        shared = [event for event, articles in _articles_per_event(session).items()
                  if len({wars[a] for a in articles}) > 1]
    assert shared, "the control: in one collection the two wars' reports share events"

    settings = settings_for(tmp_path / "apart")
    upgrade(settings.database_url)
    for slug, name in (("libya", "Libya 2011"), ("syria", "Syria 2011")):
        assert run_timeline(settings, "collections", "create", slug, "--name", name).returncode == 0
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    ingested = run_timeline(settings, "ingest", str(source))
    assert ingested.returncode == 0, ingested.stderr
    assert f"{len(records)} added" in ingested.stdout
    with session_scope(settings.database_url) as session:
        collection_of = dict(session.execute(select(Article.id, Collection.slug)
                                             .join(Collection, Collection.id == Article.collection_id)).all())
        per_event = _articles_per_event(session)
        assert per_event and all(len({collection_of[a] for a in articles}) == 1 for articles in per_event.values())
        sizes = dict(session.execute(select(Collection.slug, func.count(Event.seq))
                                     .join(Event, Event.collection_id == Collection.id)
                                     .group_by(Collection.slug)).all())
        assert sizes["libya"] > 10 and sizes["syria"] > 10, sizes
        assert drift(session) == {}
    from app.main import create_app

    with TestClient(create_app(settings)) as client:
        libya = {i["id"] for i in client.get("/api/events", params={"collection": "libya", "limit": 500}).json()["items"]}
        syria = {i["id"] for i in client.get("/api/events", params={"collection": "syria", "limit": 500}).json()["items"]}
        assert libya and syria and not libya & syria
        everywhere = client.get("/api/events", params={"limit": 500}).json()
        assert {i["id"] for i in everywhere["items"]} == libya | syria
        actors = {c: {a["id"]: a["events"] for a in client.get("/api/actors", params={"collection": c}).json()["items"]}
                  for c in ("libya", "syria")}
        overall = {a["id"]: a["events"] for a in client.get("/api/actors").json()["items"]}
        assert set(actors["libya"]) & set(actors["syria"]), "some actor is named in both wars"
        for actor, total in overall.items():
            assert actors["libya"].get(actor, 0) + actors["syria"].get(actor, 0) == total, actor


def _articles_per_event(session) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for event_id, article_id in session.execute(select(Mention.event_id, Mention.article_id)).all():
        found.setdefault(event_id, set()).add(article_id)
    return found


@pytest.mark.nlp
def test_every_address_the_tests_use_answers_as_before_once_there_are_several_collections(
        fresh_settings, ingest_seeds):
    """The seeds' installation, asked the addresses the rest of the suite asks, before and after
    a second collection (with an event of its own) exists: the same status, the same redirect."""
    from app.main import create_app

    settings = ingest_seeds(fresh_settings)
    with session_scope(settings.database_url) as session:
        events = session.execute(select(Event.id, Event.slug).where(Event.status == "active")
                                 .order_by(Event.seq)).all()
        articles = session.execute(select(Article.id)).scalars().all()
    event_id, slug = events[0]
    paths = ["/", "/?q=Azerbaijan", "/?actor=azerbaijan", "/?type=military_action", "/?zoom=decade&at=2020",
             "/?zoom=month&at=2023-09", "/?from=2023-09-01&to=2023-09-30", "/?min_sources=2", "/?reviewed=1",
             "/?from=2024-01-01&to=2023-01-01", "/?zoom=fortnight", f"/events/{event_id}", f"/events/{event_id}/{slug}",
             f"/events/{event_id}/not-its-slug", "/events/nosuchid", f"/articles/{articles[0]}",
             f"/articles/{articles[0]}?highlight=1", "/articles/nosuchid", "/api/events", "/api/events?q=ceasefire",
             f"/api/events/{event_id}", "/api/events/nosuchid", f"/api/articles/{articles[0]}", "/api/actors",
             "/api/types", "/api/timeline?zoom=year", "/api/timeline?zoom=fortnight", "/api/health",
             "/export.csv", "/export.json", "/export.ics", "/export.atom", "/export.timelinejs", "/export.pdf",
             "/feed.atom", "/login", "/admin", "/admin/articles/new", "/api/jobs/nosuchjob", "/openapi.json",
             "/static/css/app.css"] + [f"/events/{e}/{s}" for e, s in events]

    def answers() -> dict[str, tuple[int, str | None]]:
        with TestClient(create_app(settings)) as client:
            found = {path: client.get(path, follow_redirects=False) for path in paths}
            found["/facets"] = client.get("/facets", params={"q": "Azerbaijan"}, headers={"HX-Request": "true"})
            return {path: (r.status_code, r.headers.get("location")) for path, r in found.items()}

    before = answers()
    assert before["/"][0] == 200 and before[f"/events/{event_id}"][0] == 301
    with session_scope(settings.database_url) as session:
        other = create_collection(session, "test", "elsewhere", CollectionFields("Elsewhere")).id
    with session_scope(settings.database_url) as session:
        hand_article(session, "Shelling hit the town of Epsilon on Tuesday.", dt.date(2023, 9, 19), other)
    after = answers()
    assert after == before


def test_a_search_never_matches_the_collection_tokens_of_the_search_index(two_collections):
    """SQLite's search index holds each event's collection as a token ("collection2"); a reader's
    words are looked for in the events' text only, across collections or within one."""
    from app.db.search import fts5_query

    _, client = two_collections
    for words in ("collection2", "collection1", "coll*", "collection*", "c*"):
        everywhere = client.get("/api/events", params={"q": words}).json()["total"]
        within = client.get("/api/events", params={"q": words, "collection": "north"}).json()["total"]
        assert everywhere == within == 0, words
    assert client.get("/api/events", params={"q": "shelling"}).json()["total"] == 2
    assert client.get("/api/events", params={"q": "shelling", "collection": "north"}).json()["total"] == 1
    assert fts5_query("border town") == '"border" "town"'  # across collections: the query as it was


def test_a_collections_explorer_keeps_every_part_of_the_page_in_the_collection(two_collections):
    """The parts the explorer loads or links to from /c/{slug}/ (exports, feed, facets, the map's
    panel, the type-ahead's scope, the time axis) all ask within the collection; a refused filter
    keeps the reader on the collection's page."""
    _, client = two_collections
    soup = page(client.get("/c/north/", params={"from": "2021-01-01"}))
    exports = {a.text.strip(): a["href"] for a in soup.select(".export-links a:not(.json-link)")}
    assert exports and all(href.startswith("/c/north/") for href in exports.values()), exports
    api = [a["href"] for a in soup.select(".export-links a.json-link")]
    assert api and all("collection=north" in href for href in api), api
    assert soup.select_one("link[type='application/atom+xml']")["href"].startswith("/c/north/feed.atom")
    form = soup.select_one("form#filters")
    assert form["action"] == "/c/north/" and form["data-collection"] == "north"
    # An htmx answer draws the results; the facets and the map's places load after it.
    fragment = page(client.get("/c/north/", params={"from": "2021-01-01"}, headers={"HX-Request": "true"}))
    lazy = [tag.get("hx-get") for tag in fragment.select("[hx-trigger='load']")]
    assert lazy and all("collection=north" in url for url in lazy), lazy
    for url in lazy:
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200, url
    axis = [a["href"] for a in soup.select(".axis a[href^='/events/']")]
    north_ids = {i["id"] for i in client.get("/api/events", params={"collection": "north"}).json()["items"]}
    assert axis and {href.split("/")[2] for href in axis} <= north_ids
    assert {e["id"] for e in client.get("/api/axis", params={"collection": "north"}).json()["events"]} == north_ids
    assert client.get("/api/places", params={"collection": "north"}).status_code == 200
    assert client.get("/api/places", params={"collection": "atlantis"}).status_code == 400
    refused = client.get("/c/north/", params={"from": "2021-13-01"})
    assert refused.status_code == 400
    soup = page(refused)
    assert soup.select_one("form#filters")["action"] == "/c/north/"
    assert soup.select_one("h1").text == "The northern front"


def test_the_collection_list_a_request_reads_holds_what_is_stored_and_is_compiled_once(fresh_settings):
    """Every request within a collection reads the collection list (app/queries/collections.py):
    its rows hold the stored values, and the statement is the one the engine compiled, executed
    again as it is (a statement built per request had its columns matched to the cached one's,
    which cost more than the round trip itself)."""
    from app.queries import collections as listed

    url = fresh_settings.database_url
    with session_scope(url) as session:
        create_collection(session, "test", "north", CollectionFields(
            "The North", "A war up north", dt.date(2001, 2, 3), dt.date(2004, 5, 6), "North"))
    for _ in range(2):  # a fresh session each time: the list is read once per session
        with session_scope(url) as session:
            rows = {row.slug: row for row in listed._all(session)}
            stored = {c.slug: c for c in session.execute(select(Collection)).scalars()}
            assert rows.keys() == stored.keys()
            for slug, row in rows.items():
                assert (row.id, row.name, row.description, row.date_from, row.date_to, row.region) == (
                    stored[slug].id, stored[slug].name, stored[slug].description, stored[slug].date_from,
                    stored[slug].date_to, stored[slug].region)
            result = session.connection().execute(listed._EVERY_COLLECTION)
            assert result.context.compiled.statement is listed._EVERY_COLLECTION
            result.close()
