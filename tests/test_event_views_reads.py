"""Event views (app/queries/assembly.py) read a page's actors and places in one statement, and a
card's first mention and publishers in one windowed read of the mentions: the same views as the
plain reads give, on SQLite and PostgreSQL.

A small synthetic corpus (bench/synthetic.py), some of its articles without a publisher; random
pages of its events are assembled both ways (cards and full views) and compared with the link
tables and the mentions read row by row and ordered in Python.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace

import pytest
from sqlalchemy import select, update

from app.db import session_scope
from app.migrate import upgrade
from app.models import Actor, Article, Event, EventActor, EventLocation, Location, Mention
from app.queries.assembly import ROLE_ORDER, UNNAMED_PUBLISHER, event_views
from bench.synthetic import Shape, generate

SHAPE = Shape(articles=120, events=900, actors=40, locations=15, first_year=2000, last_year=2010, seed=5,
              collections=2)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, settings_for):
    settings = settings_for(tmp_path_factory.mktemp("views"))
    upgrade(settings.database_url)
    generate(settings.database_url, SHAPE, batch=300)
    with session_scope(settings.database_url) as session:
        # Reports without a named publisher each count as a publisher of their own.
        unnamed = [a for a in session.execute(select(Article.id).order_by(Article.id)).scalars()][::4]
        session.execute(update(Article).where(Article.id.in_(unnamed)).values(publisher=None))
        session.commit()
    return settings


def _expected(session, event_ids):
    """Actors, places and mentions of the events, read row by row and ordered here."""
    actors, places, mentions = defaultdict(list), defaultdict(list), defaultdict(list)
    for event_id, role, actor_id, name in session.execute(
            select(EventActor.event_id, EventActor.role, Actor.id, Actor.name).join(Actor)
            .where(EventActor.event_id.in_(event_ids))):
        actors[event_id].append((ROLE_ORDER.get(role, 9), name, actor_id, role))
    for event_id, place_id, name in session.execute(
            select(EventLocation.event_id, Location.id, Location.name).join(Location)
            .where(EventLocation.event_id.in_(event_ids))):
        places[event_id].append((name, place_id))
    for mention, article in session.execute(select(Mention, Article).join(Article)
                                            .where(Mention.event_id.in_(event_ids))):
        mentions[mention.event_id].append((article.published, mention.article_id, mention.start, mention.sentence,
                                           article.publisher or f"{UNNAMED_PUBLISHER}{mention.article_id}"))
    return actors, places, {key: sorted(found, key=lambda m: m[:3]) for key, found in mentions.items()}


def test_cards_and_full_views_hold_what_the_plain_reads_give(corpus):
    rng = random.Random(3)
    with session_scope(corpus.database_url) as session:
        events = session.execute(select(Event).order_by(Event.seq)).scalars().all()
        actors, places, mentions = _expected(session, [e.id for e in events])
        several = [e for e in events if len({m[4] for m in mentions.get(e.id, [])}) > 1]
        assert len(several) > 20  # events reported by several publishers, some of them unnamed
        assert any(m[4].startswith(UNNAMED_PUBLISHER) for e in several for m in mentions[e.id])
        for _ in range(15):
            page = rng.sample(events, 40) + rng.sample(several, 10)
            cards = event_views(session, page, "http://testserver", first_mention_only=True)
            full = event_views(session, page, "http://testserver")
            for event, card, view in zip(page, cards, full):
                assert card.id == view.id == event.id
                expected_actors = sorted(actors.get(event.id, []))
                assert [(a.id, a.role, a.name) for a in view.actors] == [(i, r, n) for _, n, i, r in expected_actors]
                assert [(p.id, p.name) for p in view.locations] == [(i, n) for n, i in sorted(places.get(event.id, []))]
                reports = mentions.get(event.id, [])
                assert [(m.article_id, m.start, m.sentence) for m in view.mentions] == [m[1:4] for m in reports]
                publishers = list(dict.fromkeys(m[4] for m in reports))
                assert view.publishers_count == card.publishers_count == len(publishers)
                assert view.publisher_names == card.publisher_names == tuple(
                    p for p in publishers if not p.startswith(UNNAMED_PUBLISHER))
                # A card is the full view with its first mention only.
                assert card.mentions == view.mentions[:1]
                assert card == replace(view, mentions=view.mentions[:1])
