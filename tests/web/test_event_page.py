"""The event permalink page as journalists use it: sharing (OpenGraph, Twitter card, JSON-LD),
citing (the cite block, the copy-link control) and reading on (related events, change history).

The seeded database is read only; a hostile title needs rows of its own (`hostile_client`).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session

HOSTILE = 'He said "stop" & left </script><script>alert(1)</script> <!-- \u2028'


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def meta(soup: BeautifulSoup, key: str) -> str:
    tag = soup.select_one(f'head meta[property="{key}"], head meta[name="{key}"]')
    assert tag is not None, f"no <meta> {key}"
    return tag["content"]


def json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture(scope="module")
def event_path(seeded_client) -> str:
    """The seeded event with the most sources."""
    events = seeded_client.get("/api/events", params={"limit": 200}).json()["items"]
    best = max(events, key=lambda e: (e["sources_count"], e["id"]))
    return best["url"].removeprefix("http://testserver")


@pytest.fixture(scope="module")
def page(seeded_client, event_path) -> BeautifulSoup:
    response = seeded_client.get(event_path)
    assert response.status_code == 200
    return soup_of(response)


def test_social_cards_carry_title_description_date_and_site_name(page, event_path):
    title = text_of(page.select_one("h1"))
    date = text_of(page.select_one(".event-date time"))
    assert meta(page, "og:title") == meta(page, "twitter:title") == title
    assert meta(page, "og:url") == "http://testserver" + event_path
    assert meta(page, "og:site_name") == "Conflict Timeline Explorer"
    assert meta(page, "og:type") == "article"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:image") == meta(page, "twitter:image") == "http://testserver" + event_path.rsplit("/", 1)[0] + "/card.png"
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    # The description quotes a source sentence and names who published it.
    description = meta(page, "og:description")
    sentences = {text_of(q) for q in page.select(".mention blockquote")}
    assert description.startswith("\u201c") and description.split("\u201d")[0][1:].rstrip("\u2026") in " ".join(sentences)
    publishers = {text_of(h) for h in page.select(".publisher h3")}
    assert any(name in description for name in publishers)
    assert (meta(page, "twitter:label1"), meta(page, "twitter:data1")) == ("Date", date)
    # Published when its first source was, never when it was extracted into this database.
    first_report = min(t["datetime"] for t in page.select(".mention figcaption time"))
    assert meta(page, "article:published_time") == first_report


def test_json_ld_describes_the_event_and_cites_its_articles(page, event_path):
    data = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == text_of(page.select_one("h1"))
    assert data["url"] == "http://testserver" + event_path
    assert data["startDate"] == page.select_one(".event-date time")["datetime"]
    cited = data["subjectOf"]
    article_links = {a["href"].split("?")[0] for a in page.select(".mention figcaption a.sentence-link")}
    assert {c["url"].removeprefix("http://testserver") for c in cited} == article_links
    assert all(c["@type"] == "NewsArticle" and c["headline"] and c["datePublished"] for c in cited)
    assert {a["name"] for a in data["about"]} >= {text_of(a) for a in page.select(".facts a[href^='/?actor=']")}


def test_cite_block_gives_title_permalink_and_the_day_accessed(page, event_path):
    cite = page.select_one("section.cite")
    accessed = dt.datetime.now(dt.timezone.utc).date()
    assert cite.select_one("a")["href"] == event_path
    assert text_of(cite.select_one("a")) == "http://testserver" + event_path
    assert cite.select_one("time")["datetime"] == accessed.isoformat()
    plain = cite.select_one("textarea[readonly]").text
    assert text_of(page.select_one("h1")) in plain and "http://testserver" + event_path in plain
    assert f"accessed {accessed.day} {accessed.strftime('%B')} {accessed.year}" in plain
    # It names the original publishers, the dataset version and that a machine extracted it.
    assert "machine-extracted" in plain and "Dataset version " in plain
    assert any(text_of(h) in plain for h in page.select(".publisher h3"))
    assert "@misc{" in cite.select_one("#citation-bibtex").text and "TY  - ELEC" in cite.select_one("#citation-ris").text


def test_copy_link_works_without_javascript_and_is_enhanced_with_it(seeded_client, page, event_path):
    field = page.select_one("input#permalink-url")
    assert field["value"] == "http://testserver" + event_path
    assert field.has_attr("readonly") and not field.has_attr("disabled")  # selectable, not editable
    assert page.select_one('label[for="permalink-url"]') is not None
    button = page.select_one('button[data-copy-from="permalink-url"]')
    assert button.has_attr("hidden") and button["type"] == "button"  # shown by the script only
    assert page.select_one('script[src="/static/js/copy-link.js"]') is not None
    script = seeded_client.get("/static/js/copy-link.js")
    assert script.status_code == 200 and "navigator.clipboard" in script.text


def test_badge_says_machine_extracted_and_history_says_nothing_changed(page):
    assert text_of(page.select_one(".review-status")) == "Machine-extracted"
    assert page.select(".history-list li") == []
    assert "No editor has changed this event" in text_of(page.select_one(".history .no-history"))


def test_related_events_share_actors_or_dates_and_their_links_work(seeded_client, page, event_path):
    related = page.select("section.related li a[href]")
    assert related, "the seeds have events near each other"
    hrefs = [a["href"] for a in related]
    assert event_path not in hrefs and len(hrefs) == len(set(hrefs))
    actors = {text_of(a) for a in page.select(".facts a[href^='/?actor=']")}
    for item in page.select(".related-actors li"):
        shared = text_of(item.select_one(".shared")).split("shares ", 1)[1].split(", ")
        assert set(shared) <= actors
    for href in hrefs[:3]:
        assert seeded_client.get(href).status_code == 200


@pytest.fixture
def hostile_client(fresh_settings):
    from app.db import get_engine
    from app.main import create_app
    from app.models import Article, Event, Mention

    day = dt.date(2023, 9, 19)
    text = f"{HOSTILE} in Baku."
    with Session(get_engine(fresh_settings.database_url)) as session:
        session.add(Article(id="art1", content_hash="h1", title=HOSTILE, published=day, text=text,
                            sentence_spans=[[0, len(text)]], body_spans=[[0, len(text)]], publisher=HOSTILE))
        session.add(Event(id="evil1", slug="he-said-stop", title=HOSTILE, summary=HOSTILE, type="statement",
                          date_start=day, date_end=day, precision="day", date_method="reporting", sources_count=1))
        session.flush()
        session.add(Mention(key="evil1", event_id="evil1", article_id="art1", sentence_index=0, start=0,
                            end=len(text), sentence=text))
        session.commit()
    with TestClient(create_app(fresh_settings)) as client:
        yield client


def test_a_title_with_quotes_and_script_stays_inert_in_tags_and_json_ld(hostile_client):
    response = hostile_client.get("/events/evil1/he-said-stop")
    assert response.status_code == 200
    assert "</script><script>alert(1)" not in response.text
    soup = soup_of(response)
    # Every script is one of ours; the title never became markup.
    sources = [s.get("src") or s.get("type") for s in soup.select("script")]
    assert sorted(sources) == ["/static/js/copy-link.js", "/static/vendor/htmx.min.js", "application/ld+json"]
    assert all("alert" not in (s.string or "") or s.get("type") == "application/ld+json" for s in soup.select("script"))
    for key in ("og:title", "twitter:title"):
        assert meta(soup, key) == HOSTILE
    data = json_ld(soup)
    assert data["name"] == HOSTILE
    assert data["subjectOf"][0]["publisher"]["name"] == HOSTILE
    raw = soup.select_one('script[type="application/ld+json"]').string
    assert "<" not in raw and ">" not in raw and "&" not in raw and "\u2028" not in raw
    assert text_of(soup.select_one("h1")) == " ".join(HOSTILE.split())
