"""A synthetic corpus shaped like real news, for measuring the read side at scale.

Not extracted text: rows are written straight into the tables (through the same models and
migrations), because what is measured here is query time over many events, not extraction.
The shape follows real news: coverage grows toward the present, it comes in bursts (a war makes
months of dense reporting), a few actors (states, the UN) appear in most events while thousands
appear rarely (a Zipf law), and most events have one source while a few big ones have dozens.

With `collections` > 1 the articles are split over that many collections (the first is the
default one, the others are created here as `c02`, `c03`, ...), each a conflict of its own:
sizes follow a Zipf law too (a big war and smaller ones), each has its own bursts, an event
cites articles of its own collection only, and half of an event's actors come from its
collection's own favourites, so actors are shared but each collection has its own leading ones.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from functools import lru_cache
from itertools import accumulate
from dataclasses import dataclass

from sqlalchemy import insert

from app import ids
from app.permalinks import slugify
from app.db import get_engine
from app.importance import score
from app.services.aggregates import rebuild
from app.models import (
    DEFAULT_COLLECTION, Actor, Article, Collection, Event, EventActor, EventDayCount, EventLocation, Location, Mention,
    span_class,
)

# News vocabulary follows Zipf's law: a few words are in every report, most are rare. Real
# conflict words are spread over the frequency ranks (log-uniformly) among made-up words, so the
# search benchmark can ask for a common, a middling and a rare word and know which is which.
CONFLICT_WORDS = (
    "shelling strike offensive ceasefire talks blockade convoy protest sanctions drone artillery border "
    "village ministry envoy agreement militia withdrawal refugees hospital corridor warrant summit "
    "airstrike checkpoint negotiations humanitarian aid casualties displaced parliament election "
    "tribunal hostage evacuation landmine mortar sniper curfew annexation referendum mediator"
).split()
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.07
SYLLABLES = ("ka", "lo", "mi", "ra", "tu", "sen", "dor", "vel", "ash", "quin", "bre", "zo", "fa", "nir", "ol", "tem")


@lru_cache(maxsize=2)
def vocabulary(size: int = VOCABULARY_SIZE) -> list[str]:
    """Words by decreasing frequency: made-up words, with the conflict words at ranks 3, 4, 5, 7, ...
    (each about 1.25 times the previous)."""
    made_up = []
    for n in range(size):
        word, rest = "", n + 17
        while rest:
            rest, digit = divmod(rest, len(SYLLABLES))
            word += SYLLABLES[digit]
        made_up.append(word)
    words, real = [], iter(CONFLICT_WORDS)
    ranks = {int(3 * 1.25 ** i) + i for i in range(len(CONFLICT_WORDS))}
    for rank in range(size):
        words.append(next(real, None) if rank in ranks else None)
        if words[-1] is None:
            words[-1] = made_up[rank]
    return words


@lru_cache(maxsize=32)
def word_at_rank(rank: int) -> str:
    """The conflict word closest to this frequency rank (for the search benchmark)."""
    words = vocabulary()
    placed = [(abs(words.index(w) - rank), w) for w in CONFLICT_WORDS if w in words]
    return min(placed)[1]


TRIGGERED_TABLES = ("event", "mention", "event_actor", "actor_timeline", "event_day_count", "event_location",
                    "collection_day_count")
TYPES = [
    ("military_action", 0.22), ("attack", 0.15), ("statement", 0.14), ("condemnation", 0.08),
    ("diplomacy_meeting", 0.08), ("accusation", 0.06), ("demand_or_appeal", 0.06), ("casualties", 0.05),
    ("protest", 0.04), ("agreement", 0.03), ("blockade", 0.02), ("deployment", 0.03),
    ("legal_action", 0.02), ("sanctions", 0.02),
]
PUBLISHERS = ["Wire One", "Daily Ledger", "Global Post", "Voice Radio", "Morning Herald", "Capital Times",
              "Frontier News", "Observer Weekly", "Metro Report", "Continental Press"]


@dataclass(frozen=True)
class Shape:
    articles: int = 100_000
    events: int = 1_000_000
    actors: int = 5_000
    locations: int = 2_000
    first_year: int = 1976
    last_year: int = 2025
    seed: int = 7
    collections: int = 1


def collection_slug(number: int) -> str:
    """The slug of the generated collection `number` (1 is the default collection)."""
    return "default" if number == 1 else f"c{number:02d}"


def collection_weights(count: int) -> list[float]:
    """How the events are shared among `count` collections: a Zipf law (exponent 0.8)."""
    return [1 / (rank + 1) ** 0.8 for rank in range(count)]


def _weighted_day(rng: random.Random, shape: Shape, bursts: list[tuple[float, float]]) -> dt.date:
    """Days skew to recent years (news volume grows) and cluster around bursts."""
    start = dt.date(shape.first_year, 1, 1).toordinal()
    span = dt.date(shape.last_year, 12, 31).toordinal() - start
    if rng.random() < 0.35:
        centre, width = rng.choice(bursts)
        offset = int(rng.gauss(centre, width))
    else:
        offset = int(span * (1 - math.sqrt(1 - rng.random())) ** 0.5)  # more mass near the end
    return dt.date.fromordinal(start + min(max(offset, 0), span))


def generate(database_url: str, shape: Shape = Shape(), batch: int = 20_000) -> dict[str, int]:
    rng = random.Random(shape.seed)
    engine = get_engine(database_url)
    span = dt.date(shape.last_year, 12, 31).toordinal() - dt.date(shape.first_year, 1, 1).toordinal()
    bursts = [(rng.uniform(0, span), rng.uniform(10, 120)) for _ in range(40)]
    type_names = [t for t, _ in TYPES]
    type_weights = [w for _, w in TYPES]
    actor_ids = [f"actor-{n:05d}" for n in range(shape.actors)]
    zipf = [1 / (rank + 1) ** 1.1 for rank in range(shape.actors)]
    location_ids = [f"place-{n:04d}" for n in range(shape.locations)]
    words = list(vocabulary())
    word_weights = list(accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words))))

    def sentence(length: int) -> str:
        return " ".join(rng.choices(words, cum_weights=word_weights, k=length))

    collections = list(range(1, shape.collections + 1))
    several = shape.collections > 1
    if several:  # each collection its own bursts, and its own favourite actors (a rotated Zipf)
        own_bursts = {c: [(rng.uniform(0, span), rng.uniform(10, 120)) for _ in range(6)] for c in collections}
        sizes = collection_weights(shape.collections)
    with engine.connect() as connection:
        bulk = connection.dialect.name == "postgresql"
        if bulk:  # a bulk load: triggers off, aggregates rebuilt set-based at the end (see below)
            for table in TRIGGERED_TABLES:
                connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            connection.commit()
        connection.execute(insert(Actor), [
            {"id": a, "name": f"Actor {n}", "kind": "state" if n < 200 else "group"} for n, a in enumerate(actor_ids)
        ])
        # Places cluster around a few centres, as a war's towns do; a tenth have no position (a
        # region or a country), as places the gazetteer does not place.
        centres = [(rng.uniform(10, 50), rng.uniform(-10, 60)) for _ in range(12)]
        places = []
        for n, place in enumerate(location_ids):
            latitude, longitude = rng.choice(centres)
            placed = rng.random() >= 0.1
            places.append({"id": place, "name": f"Place {n}",
                           "latitude": round(latitude + rng.gauss(0, 2), 4) if placed else None,
                           "longitude": round(longitude + rng.gauss(0, 2), 4) if placed else None})
        connection.execute(insert(Location), places)
        if several:
            connection.execute(insert(Collection), [
                {"id": c, "slug": collection_slug(c), "name": f"Conflict {c}", "description": "",
                 "created_at": dt.datetime.now(dt.timezone.utc)} for c in collections if c != DEFAULT_COLLECTION])

        article_rows = []
        for n in range(shape.articles):
            collection = rng.choices(collections, weights=sizes)[0] if several else DEFAULT_COLLECTION
            text = sentence(40).capitalize() + "."
            digest = ids.content_hash(f"{shape.seed}-{n}-{text}")
            article_rows.append({
                "id": ids.article_id(digest), "content_hash": digest, "title": f"Report {n}",
                "title_derived": False, "publisher": rng.choice(PUBLISHERS), "url": None,
                "published": _weighted_day(rng, shape, bursts), "text": text, "source_format": "txt",
                "sentence_spans": [[0, len(text)]], "body_spans": [[0, len(text)]],
                "ingested_at": dt.datetime.now(dt.timezone.utc), "replaced_by": None, "deleted_at": None,
                "collection_id": collection,
            })
            if len(article_rows) == batch:
                connection.execute(insert(Article), article_rows)
                article_rows = []
        if article_rows:
            connection.execute(insert(Article), article_rows)
        article_rows_stored = connection.exec_driver_sql(
            "SELECT id, text, publisher, collection_id FROM article").fetchall()
        articles_of: dict[int, list] = {}
        for article_id, text, publisher, collection in article_rows_stored:
            articles_of.setdefault(collection, []).append((article_id, text, publisher))
        article_keys = [(article_id, text, publisher) for article_id, text, publisher, _ in article_rows_stored]
        # An event's collection is drawn by the collections' shares of the articles.
        article_shares = [len(articles_of.get(c, ())) for c in collections]

        day_counts: dict[tuple[dt.date, str], int] = {}
        events, mentions, event_actors, event_locations = [], [], [], []
        now = dt.datetime.now(dt.timezone.utc)
        for n in range(shape.events):
            collection = rng.choices(collections, weights=article_shares)[0] if several else DEFAULT_COLLECTION
            day = _weighted_day(rng, shape, own_bursts[collection] if several and rng.random() < 0.5 else bursts)
            # A few events span a decade or start an open range ("since 1994"), as real ones do.
            precision = rng.choices(["day", "month", "year", "decade"], weights=[0.85, 0.1, 0.049, 0.001])[0]
            start, end, open_end = day, day, False
            if precision == "month":
                start = day.replace(day=1)
                end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            elif precision == "year":
                start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            elif precision == "decade":
                start, end = dt.date(day.year // 10 * 10, 1, 1), dt.date(day.year // 10 * 10 + 9, 12, 31)
                open_end = rng.random() < 0.3
            event_type = rng.choices(type_names, weights=type_weights)[0]
            event_id = ids.short_id("synthetic-event", str(shape.seed), str(n))
            title = sentence(6).capitalize()
            sources = min(1 + int(rng.paretovariate(2.5)) - 1, 40)
            figures = []
            if event_type in ("attack", "military_action", "casualties") and rng.random() < 0.3:
                figures = [{"quantity": str(int(rng.paretovariate(1.2))), "what": "people killed",
                            "source": None, "start": 0, "end": 0}]
            pool = articles_of[collection] if several else article_keys  # its own collection's articles
            cited = [pool[rng.randrange(len(pool))] for _ in range(sources)]
            events.append({
                "id": event_id, "slug": slugify(title), "title": title, "summary": title + ".",
                "type": event_type, "modality": "asserted", "date_start": start, "date_end": end,
                "precision": precision, "open_end": open_end,
                "span_class": span_class(start, end, open_end), "date_method": "explicit", "date_rule": "synthetic",
                "date_expression": None, "date_anchor": None, "status": "active", "reviewed": rng.random() < 0.05,
                "manual_fields": [], "merge_reasons": [], "sources_count": sources, "created_at": now, "updated_at": now,
                "importance": score(event_type, "asserted", len({publisher for _, _, publisher in cited}), figures),
                "collection_id": collection,
            })
            day_counts[(start, event_type)] = day_counts.get((start, event_type), 0) + 1
            for s, (article_id, text, _) in enumerate(cited):
                mentions.append({
                    "key": ids.short_id("synthetic-mention", str(n), str(s)), "event_id": event_id,
                    "article_id": article_id, "sentence_index": 0, "start": 0, "end": len(text),
                    "sentence": text, "trigger": "", "type": event_type, "modality": "asserted",
                    "date_expression": None, "date_rule": "synthetic", "date_method": "explicit",
                    "claim": None, "claim_by": None, "figures": figures if s == 0 else [], "split_off": False,
                })
            # Distinct articles, as `sources_count` means (two draws may pick the same one).
            events[-1]["sources_count"] = len({article_id for article_id, _, _ in cited})
            chosen = set(rng.choices(actor_ids, weights=zipf, k=rng.randint(1, 3)))
            if several and rng.random() < 0.5:  # the collection's own leading actors
                offset = (collection - 1) * 37
                chosen = {actor_ids[(int(a.rsplit("-", 1)[1]) + offset) % len(actor_ids)] for a in chosen}
            for position, actor in enumerate(sorted(chosen)):
                event_actors.append({"event_id": event_id, "actor_id": actor,
                                     "role": "initiator" if position == 0 else "target"})
            if rng.random() < 0.6:
                event_locations.append({"event_id": event_id, "location_id": rng.choice(location_ids)})
            if len(events) >= batch:
                _flush(connection, events, mentions, event_actors, event_locations)
                # One transaction per batch, as ingestion commits per article: PostgreSQL cannot
                # prune the versions of a row (a frequent actor's count) updated within one
                # transaction, and a million updates in one would slow down quadratically.
                connection.commit()
        _flush(connection, events, mentions, event_actors, event_locations)
        # Triggers (migration 0002) fill event_month_count from these rows.
        connection.execute(insert(EventDayCount), [
            {"day": day, "type": event_type, "count": count} for (day, event_type), count in day_counts.items()
        ])
        connection.commit()
        if bulk:
            # PostgreSQL keeps the aggregates with per-row trigger functions: right for ingestion,
            # hours for a million rows. The set-based rebuild gives the same rows (tested).
            rebuild(connection)
            for table in TRIGGERED_TABLES:
                connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            connection.commit()
    return {"articles": shape.articles, "events": shape.events, "actors": shape.actors}


def _flush(connection, events, mentions, event_actors, event_locations) -> None:
    for table, rows in ((Event, events), (Mention, mentions), (EventActor, event_actors),
                        (EventLocation, event_locations)):
        if rows:
            connection.execute(insert(table), rows)
            rows.clear()
