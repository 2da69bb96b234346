"""Journalists' permalinks: ids are deterministic, and an id once published always answers.

- the same articles give the same article ids, event ids and sentence anchors on any installation;
- a merged-away id answers 301 to the survivor's canonical URL (through chains of merges);
- a deleted event answers 410 with a page that says what happened and still lists its sources;
- article permalinks and their #s{n} sentence anchors point at the sentence each event cites.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import session_scope
from app.ids import is_public_id
from app.migrate import upgrade
from app.models import Article, Event, Mention



def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


@pytest.fixture
def build(ingest_seeds):
    """`build(folder)`: a new installation, an empty database, then the seeds through the pipeline."""

    def installation(folder) -> Settings:
        folder.mkdir()
        settings = Settings(database_url=f"sqlite:///{folder / 'timeline.db'}", data_dir=folder,
                            base_url="http://testserver", secret_key="test")
        upgrade(settings.database_url)
        return ingest_seeds(settings)

    return installation


def public_ids(settings: Settings) -> dict:
    with session_scope(settings.database_url) as session:
        return {
            "articles": sorted(session.execute(select(Article.id, Article.sentence_spans)).all()),
            "events": sorted(session.execute(select(Event.id, Event.slug)).all()),
            "mentions": sorted(session.execute(select(Mention.key, Mention.event_id, Mention.sentence_index)).all()),
        }


@pytest.fixture
def seeded(tmp_path, build) -> Settings:
    return build(tmp_path / "one")


@pytest.fixture
def client(seeded):
    from app.main import create_app

    with TestClient(create_app(seeded)) as test_client:
        yield test_client


@pytest.mark.nlp
def test_two_installations_give_the_same_ids(tmp_path, build):
    first, second = public_ids(build(tmp_path / "a")), public_ids(build(tmp_path / "b"))
    assert first == second
    assert first["events"] and first["mentions"]
    for event_id, _ in first["events"]:
        assert is_public_id(event_id)  # short, URL-safe, not a counter
    # An event takes the key of the mention that first reported it.
    keys = {key for key, _, _ in first["mentions"]}
    assert {event_id for event_id, _ in first["events"]} <= keys


def test_a_merged_id_redirects_to_the_survivor_even_after_another_merge(client, seeded):
    from app.services.curation import merge_events

    with session_scope(seeded.database_url) as session:
        a, b, c = session.execute(select(Event).order_by(Event.date_start.desc(), Event.id).limit(3)).scalars().all()
        merge_events(session, "editor", b.id, a.id)  # a -> b
    with session_scope(seeded.database_url) as session:
        merge_events(session, "editor", c.id, b.id)  # b -> c, so a -> b -> c
    for old in (a, b):
        for url in (f"/events/{old.id}", f"/events/{old.id}/{old.slug}"):
            response = client.get(url, follow_redirects=False)
            assert response.status_code == 301, url
            assert response.headers["location"] == f"/events/{c.id}/{c.slug}"
    assert client.get(f"/events/{c.id}/{c.slug}").status_code == 200


def test_a_deleted_event_is_a_410_that_says_why_and_lists_its_sources(client, seeded):
    from app.services.curation import delete_article

    with session_scope(seeded.database_url) as session:
        event = session.execute(select(Event).where(Event.sources_count == 1).order_by(Event.id)).scalars().first()
        mention = session.execute(select(Mention).where(Mention.event_id == event.id)).scalars().first()
        article = session.get(Article, mention.article_id)
    before = soup_of(client.get(f"/events/{event.id}/{event.slug}"))
    quotes = [text_of(q) for q in before.select(".mention blockquote")]
    with session_scope(seeded.database_url) as session:
        delete_article(session, "editor", article.id)
    for url in (f"/events/{event.id}", f"/events/{event.id}/{event.slug}", f"/events/{event.id}/any-slug"):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 410, url
        soup = soup_of(response)
        assert "was deleted" in text_of(soup.select_one("h1"))
        notice = text_of(soup.select_one(".notice"))
        assert event.title in notice and f"its source article {article.id} was deleted" in notice
        assert [text_of(q) for q in soup.select(".mention blockquote")] == quotes
        assert soup.select_one('meta[name=robots][content=noindex]') is not None


def test_article_ids_and_sentence_anchors_point_at_the_cited_sentences(client, seeded):
    from app.ids import article_id, content_hash

    with session_scope(seeded.database_url) as session:
        articles = session.execute(select(Article)).scalars().all()
        mentions = session.execute(select(Mention)).scalars().all()
    for article in articles:
        assert article.id == article_id(content_hash(article.text))  # derived from the text alone
    pages = {a.id: soup_of(client.get(f"/articles/{a.id}")) for a in articles}
    for mention in mentions:
        anchor = pages[mention.article_id].select_one(f"#s{mention.sentence_index + 1}")
        assert anchor is not None
        assert text_of(anchor).startswith(" ".join(mention.sentence.split())), mention.key
    # The event page links each source to its sentence: /articles/{id}?highlight=n#sn.
    event_id = mentions[0].event_id
    links = [a["href"] for a in soup_of(client.get(f"/events/{event_id}", follow_redirects=True))
             .select(".mention a.sentence-link")]
    assert links and all(re.match(r"^/articles/[0-9a-z]+\?highlight=(\d+)#s\1$", href) for href in links)


def test_an_id_is_quoted_as_quote_quotes_it_whatever_its_characters():
    """Plain ids skip quote() (app/permalinks.py:_segment); any other character still goes
    through it, so every address is spelled as before."""
    import random
    import string
    from urllib.parse import quote

    from app.permalinks import _segment, article_path, event_path

    rng = random.Random(5)
    alphabet = string.printable + "éü中/%?#"
    for _ in range(20_000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _segment(value) == quote(value, safe=""), value
    assert article_path("a b/c") == "/articles/a%20b%2Fc"
    assert event_path("k3x9-_.~", "slug") == "/events/k3x9-_.~/slug"
    assert event_path("x\n", None) == "/events/x%0A"
