"""The HTML pages through the real ASGI app, checked with CSS selectors (BeautifulSoup), not strings.

Most tests read the seeded database (the three seed articles through the real pipeline) and find
their ids in the pages themselves. Redirects of merged ids, deleted events and page furniture need
rows the seeds may not have, so `hand_client` builds a small database by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session

MENTION_LINK = re.compile(r"^/articles/(?P<article>[^/?#]+)\?highlight=(?P<n>\d+)#s(?P=n)$")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def assert_page(soup: BeautifulSoup) -> None:
    """What every full page has: one main landmark, a language, a viewport, a stylesheet."""
    assert len(soup.select("main")) == 1
    assert soup.select_one("html[lang=en]") is not None
    assert soup.select_one('meta[name=viewport]') is not None
    assert soup.select_one('link[rel=stylesheet][href="/static/css/app.css"]') is not None
    assert soup.select_one('script[src="/static/vendor/htmx.min.js"][defer]') is not None
    assert soup.select_one("body[hx-boost=true]") is not None
    assert soup.select_one('a.skip-link[href="#main"]') is not None


def json_twin(soup: BeautifulSoup) -> str:
    links = soup.select('head link[rel=alternate][type="application/json"]')
    assert len(links) == 1
    return links[0]["href"]


@pytest.fixture(scope="module")
def timeline(seeded_client):
    response = seeded_client.get("/")
    assert response.status_code == 200
    return soup_of(response)


@pytest.fixture(scope="module")
def first_event_path(timeline) -> str:
    link = timeline.select_one("ol.timeline .event-title a[href]")
    assert link is not None, "the seeded timeline shows no event"
    return link["href"]


# The timeline ---------------------------------------------------------------------------------

def test_timeline_lists_events_in_date_order_with_labels_and_source_counts(timeline):
    assert_page(timeline)
    items = timeline.select("ol.timeline > li.timeline-item")
    assert items, "no events on the seeded timeline"
    days = []
    for item in items:
        when = item.select_one("time.timeline-date[datetime]")
        assert when is not None and text_of(when)
        days.append(dt.date.fromisoformat(when["datetime"]))
        assert re.search(r"\b\d+ reports?\b", text_of(item.select_one(".sources")))
        assert text_of(item.select_one(".event-title a"))
        assert item.select_one(".event-meta .tag") is not None  # the type
        quote = item.select_one("blockquote")
        assert quote is not None and text_of(quote)
        assert MENTION_LINK.match(item.select_one(".quote figcaption a")["href"])
    assert days == sorted(days)
    total = int(text_of(timeline.select_one("#results-heading")).split()[0])
    note = timeline.select_one(".continuing-note")  # events that began before the view, listed too
    assert total + (int(text_of(note).split()[2]) if note else 0) >= len(items)


def test_timeline_form_works_without_javascript_and_labels_every_field(timeline):
    form = timeline.select_one("form.filters")
    assert form["method"] == "get" and form["action"] == "/"
    assert form["hx-get"] == "/" and form["hx-target"] == "#results" and form["hx-push-url"] == "true"
    names = {field["name"] for field in form.select("input[name], select[name]")}
    assert {"q", "actor", "type", "from", "to", "min_sources", "sort", "speech"} <= names
    for field in form.select("input:not([type=hidden]), select"):
        assert form.select_one(f'label[for="{field["id"]}"]') is not None, field
    assert form.select_one("button[type=submit]") is not None
    assert form.select_one("input#f-actor[type=text][name=actor]") is not None  # a name is typed
    assert len(form.select("#f-type option")) > 1  # types with counts


def test_timeline_json_twin_keeps_the_filters(seeded_client, timeline):
    assert json_twin(timeline) == "/api/events"
    actor = seeded_client.get("/api/actors").json()["items"][0]
    soup = soup_of(seeded_client.get("/", params={"actor": actor["id"], "min_sources": "1"}))
    twin = json_twin(soup)
    assert urlsplit(twin).path == "/api/events"
    assert parse_qs(urlsplit(twin).query) == {"actor": [actor["id"]], "min_sources": ["1"]}
    field = soup.select_one("input#f-actor")  # shows the name, carries the id for the type-ahead
    assert field["value"] == actor["name"] and field["data-actor-id"] == actor["id"]
    assert soup.select(".active-filters a[href]")  # each filter in force can be removed


def test_an_actor_typed_by_name_without_javascript_is_found_and_the_address_made_plain(seeded_client):
    actor = seeded_client.get("/api/actors").json()["items"][0]
    response = seeded_client.get("/", params={"q": "", "actor": actor["name"].upper(), "from": ""},
                                 follow_redirects=False)
    assert response.status_code == 303  # empty fields dropped, the name become the id
    assert response.headers["location"] == f"/?actor={actor['id']}"
    unknown = seeded_client.get("/", params={"actor": "Nobody At All"})
    assert unknown.status_code == 400
    soup = soup_of(unknown)
    assert "No actor is called" in text_of(soup.select_one("main .error-message"))
    assert soup.select_one("input#f-actor")["value"] == "Nobody At All"  # the form keeps what was typed
    assert soup.select_one("input#f-actor")["aria-invalid"] == "true"


def test_json_twins_answer_json(seeded_client, timeline, first_event_path):
    for page in ("/", first_event_path):
        twin = json_twin(soup_of(seeded_client.get(page)))
        response = seeded_client.get(twin)
        assert response.status_code == 200, twin
        assert response.headers["content-type"].startswith("application/json")


def test_a_filter_narrows_the_timeline(seeded_client, timeline):
    options = timeline.select("#f-type option[value!='']")
    value = max(options, key=lambda o: int(text_of(o).rsplit("(", 1)[1].rstrip(")").replace(",", "")))["value"]
    soup = soup_of(seeded_client.get("/", params={"type": value}))
    items = soup.select("ol.timeline > li")
    assert items and len(items) <= len(timeline.select("ol.timeline > li"))
    assert soup.select_one("#f-type option[selected]")["value"] == value


def test_a_word_search_finds_the_event_with_that_word(seeded_client, timeline):
    link = timeline.select_one("ol.timeline .event-title a")
    word = max(re.findall(r"[A-Za-z]{4,}", text_of(link)), key=len)
    soup = soup_of(seeded_client.get("/", params={"q": word}))
    assert link["href"] in [a["href"] for a in soup.select("ol.timeline .event-title a")]
    assert soup.select_one("input[name=q]")["value"] == word


def test_pagination_is_a_plain_link_to_the_next_cursor(seeded_client):
    soup = soup_of(seeded_client.get("/", params={"limit": "1"}))
    assert len(soup.select("ol.timeline > li")) == 1
    following = soup.select_one('nav.pager a[rel=next]')
    assert following is not None
    assert "cursor=" in following["href"] and "limit=1" in following["href"]
    second = soup_of(seeded_client.get(following["href"]))
    first_id = soup.select_one(".event-title a")["href"]
    assert second.select_one(".event-title a")["href"] != first_id


# Fragments and full pages --------------------------------------------------------------------

def test_htmx_gets_the_fragment_and_everyone_gets_vary(seeded_client):
    full = seeded_client.get("/")
    part = seeded_client.get("/", headers={"HX-Request": "true"})
    assert full.status_code == part.status_code == 200
    for response in (full, part):
        assert "HX-Request" in [v.strip() for v in response.headers["vary"].split(",")]
    assert soup_of(full).select_one("html") is not None
    fragment = soup_of(part)
    assert fragment.select_one("html") is None and fragment.select_one("main") is None
    assert fragment.select_one("section#results ol.timeline") is not None
    # The fragment also updates the page's status region (out of band) for screen readers.
    status = fragment.select_one('#results-status[role=status][hx-swap-oob="true"]')
    assert text_of(status) == text_of(fragment.select_one("#results-heading"))
    assert soup_of(full).select_one("#results-status[hx-swap-oob]") is None


@pytest.mark.parametrize("header", ["HX-Boosted", "HX-History-Restore-Request"])
def test_boosted_and_history_restore_requests_get_the_full_page(seeded_client, header):
    response = seeded_client.get("/", headers={"HX-Request": "true", header: "true"})
    assert soup_of(response).select_one("html main #results") is not None
    assert "HX-Request" in response.headers["vary"]


# The permalink page ---------------------------------------------------------------------------

def test_permalink_page_shows_sources_linking_to_sentences(seeded_client, first_event_path):
    response = seeded_client.get(first_event_path)
    assert response.status_code == 200
    soup = soup_of(response)
    assert_page(soup)
    event_id = first_event_path.split("/")[2]
    assert json_twin(soup) == f"/api/events/{event_id}"
    assert soup.select_one('link[rel=canonical]')["href"].endswith(first_event_path)
    assert text_of(soup.select_one("h1"))
    assert text_of(soup.select_one(".facts time"))
    assert "(" in text_of(soup.select_one(".facts .provenance"))  # how the date was found
    mentions = soup.select(".publisher .mention")
    assert mentions
    for mention in mentions:
        assert text_of(mention.select_one("blockquote"))
        assert MENTION_LINK.match(mention.select_one("figcaption a")["href"])
    assert all(text_of(h) for h in soup.select(".publisher h3"))


def test_short_and_stale_event_urls_redirect_permanently_to_the_canonical_one(seeded_client, first_event_path):
    event_id = first_event_path.split("/")[2]
    for url in (f"/events/{event_id}", f"/events/{event_id}/not-the-slug"):
        response = seeded_client.get(url, follow_redirects=False)
        assert response.status_code == 301, url
        assert response.headers["location"] == first_event_path


def test_unknown_event_and_article_are_404_pages(seeded_client):
    for url in ("/events/nosuchevent1", "/events/nosuchevent1/some-slug", "/articles/nosucharticle"):
        response = seeded_client.get(url)
        assert response.status_code == 404, url
        soup = soup_of(response)
        assert_page(soup)
        assert "nosuch" in text_of(soup.select_one("main .error-message"))


# The article page -----------------------------------------------------------------------------

def test_article_page_highlights_the_linked_sentence(seeded_client, first_event_path):
    event = soup_of(seeded_client.get(first_event_path))
    mention = event.select_one(".publisher .mention")
    href = mention.select_one("figcaption a")["href"]
    number = MENTION_LINK.match(href)["n"]
    response = seeded_client.get(href)
    assert response.status_code == 200
    soup = soup_of(response)
    assert_page(soup)
    marks = soup.select("mark")
    assert len(marks) == 1
    assert soup.select_one(f"span#s{number} > mark") is marks[0]
    assert text_of(marks[0]) == text_of(mention.select_one("blockquote"))
    article_id = MENTION_LINK.match(href)["article"]
    assert json_twin(soup) == f"/api/articles/{article_id}"
    # Every sentence is addressable, numbered from 1, and the article lists its events.
    anchors = [span["id"] for span in soup.select(".article-text span.sentence")]
    assert anchors == [f"s{i}" for i in range(1, len(anchors) + 1)]
    assert first_event_path in [a["href"] for a in soup.select(".article-events a[href]")]


def test_article_page_without_a_valid_highlight_marks_nothing(seeded_client, first_event_path):
    href = soup_of(seeded_client.get(first_event_path)).select_one(".mention figcaption a")["href"]
    article = urlsplit(href).path
    for query in ("", "?highlight=0", "?highlight=99999", "?highlight=abc", "?highlight=-1"):
        response = seeded_client.get(article + query)
        assert response.status_code == 200, query
        assert soup_of(response).select("mark") == []


# Hostile input ---------------------------------------------------------------------------------

def test_search_text_is_echoed_escaped(seeded_client):
    hostile = "<script>alert(1)</script>"
    response = seeded_client.get("/", params={"q": hostile})
    assert response.status_code in (200, 400)
    soup = soup_of(response)
    assert all("alert" not in (script.string or "") for script in soup.select("script"))
    if response.status_code == 200:
        assert soup.select_one("input[name=q]")["value"] == hostile


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"actor": "' OR 1=1 --"}, "actor"),
        ({"type": "x'; DROP TABLE event; --"}, "type"),
        ({"from": "2023-13-45"}, "date"),
        ({"min_sources": "1 OR 1"}, "whole number"),
        ({"cursor": "' OR ''='"}, "cursor"),
    ],
)
def test_bad_filters_give_a_400_page_with_a_reason(seeded_client, params, words):
    for headers in ({}, {"HX-Request": "true"}):
        response = seeded_client.get("/", params=params, headers=headers)
        assert response.status_code == 400
        soup = soup_of(response)
        assert_page(soup)  # htmx is told to put the whole error page in place of the body
        assert words in text_of(soup.select_one("main .error-message"))
        assert "HX-Request" in response.headers["vary"]
    assert response.headers["hx-retarget"] == "body"


# Rows the seeds may not have: merged ids, deleted events, page furniture, hostile article text -----

@pytest.fixture
def hand_client(fresh_settings):
    from app.db import get_engine
    from app.main import create_app
    from app.models import Actor, Article, Event, EventActor, EventAlias, Mention

    text = ("Home » <b>News</b>\n\nBaku began an <script>alert(1)</script> offensive on Tuesday. Armenia protested."
            "\n\nRelated <em>stories</em>\n\nShare")
    sentences = ["Home » <b>News</b>", "Baku began an <script>alert(1)</script> offensive on Tuesday.",
                 "Armenia protested.", "Share"]
    spans = [[text.index(s), text.index(s) + len(s)] for s in sentences]
    day = dt.date(2023, 9, 19)
    with Session(get_engine(fresh_settings.database_url)) as session:
        session.add(Article(id="art1", content_hash="h1", title="<i>Wire</i> story", published=day, text=text,
                            sentence_spans=spans, body_spans=[[spans[1][0], spans[2][1]]], url="javascript:alert(1)"))
        session.add(Actor(id="azerbaijan", name="Azerbaijan", kind="state"))
        for key, status in (("live1", "active"), ("gone1", "deleted")):
            session.add(Event(id=key, slug=f"{key}-slug", title=f"Event {key}", type="military_action",
                              date_start=day, date_end=day, precision="day", date_method="relative",
                              date_rule="weekday-past", date_expression="Tuesday", status=status,
                              sources_count=1, modality="planned"))
        session.flush()
        for role in ("initiator", "mentioned"):
            session.add(EventActor(event_id="live1", actor_id="azerbaijan", role=role))
        session.add(EventAlias(old_id="merged1", event_id="live1"))
        for n, key in enumerate(("live1", "gone1")):
            session.add(Mention(key=f"m{n}", event_id=key, article_id="art1", sentence_index=1, start=spans[1][0],
                                end=spans[1][1], sentence=sentences[1], date_expression="Tuesday", claim="self-defence",
                                claim_by="azerbaijan"))
        session.commit()
    with TestClient(create_app(fresh_settings)) as client:
        yield client


def test_merged_id_redirects_to_the_survivors_canonical_url(hand_client):
    response = hand_client.get("/events/merged1", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == "/events/live1/live1-slug"


def test_deleted_event_is_a_410_page_listing_its_sources(hand_client):
    response = hand_client.get("/events/gone1/gone1-slug")
    assert response.status_code == 410
    soup = soup_of(response)
    assert_page(soup)
    assert "deleted" in text_of(soup.select_one("h1"))
    assert [a["href"] for a in soup.select(".mention figcaption a")] == ["/articles/art1?highlight=2#s2"]


def test_event_page_says_how_the_date_was_found_and_who_claims_what(hand_client):
    soup = soup_of(hand_client.get("/events/live1/live1-slug"))
    provenance = text_of(soup.select_one(".provenance"))
    assert "Tuesday" in provenance and "relative to the publication date 2023-09-19" in provenance
    assert "Planned" in [text_of(tag) for tag in soup.select(".event-header .tag-modality")]
    assert text_of(soup.select_one(".claim .claim-by")) == "Azerbaijan"
    actors = soup.select(".facts a[href^='/?actor=']")
    assert [text_of(a) for a in actors] == ["Azerbaijan"]  # once, though linked in two roles
    assert text_of(actors[0].find_next_sibling(class_="role")) == "(initiator)"


def test_article_text_is_escaped_and_furniture_dimmed(hand_client):
    soup = soup_of(hand_client.get("/articles/art1?highlight=2"))
    assert soup.select("main script") == [] and soup.select("main b") == [] and soup.select("main i") == []
    assert "<script>alert(1)</script>" in text_of(soup.select_one("#s2 mark"))
    assert text_of(soup.select_one("h1")) == "<i>Wire</i> story"
    assert [span["id"] for span in soup.select(".sentence.furniture")] == ["s1", "s4"]
    assert soup.select_one('a[href^="javascript:"]') is None
    assert [len(p.select(".sentence")) for p in soup.select(".article-text > p")] == [1, 2, 0, 1]
    # Text outside every sentence (a heading the segmenter skipped) is still shown, dimmed and escaped.
    assert [text_of(span) for span in soup.select(".article-text .outside")] == ["Related <em>stories</em>"]
    assert soup.select_one(".hint") is not None
