"""Events as pages and the API show them: view models (app/queries/views.py) with their actors,
places and mentions, read in a few batched queries whatever the number of events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from sqlalchemy import String, case, func, literal, null, select, union_all
from sqlmodel import Session

from app.db import dialect_of
from app.db.dialect import Dialect
from app.labels import date_label
from app.models import Actor, Article, Event, EventActor, EventLocation, Location, Mention
from app.permalinks import absolute, event_path, sentence_path
from app.queries.collections import collection_refs
from app.queries.views import ActorView, EventView, LocationView, MentionView
from app.taxonomy import type_label

ROLE_ORDER = {"initiator": 0, "speaker": 1, "target": 2, "participant": 3, "mentioned": 4}

# Reports without a named publisher each count as a publisher of their own (an unknown one).
UNNAMED_PUBLISHER = "unnamed publisher of "


def event_views(session: Session, events: Sequence[Event], base_url: str, *,
                first_mention_only: bool = False) -> list[EventView]:
    """View models for events, with their actors, places and mentions in batched queries.
    `first_mention_only`: only the first mention's sentence is loaded (timeline cards); the
    publisher count still covers every mention."""
    if not events:
        return []
    ids = [e.id for e in events]
    actors, locations = _links(session, ids)
    if first_mention_only:
        mentions, publisher_sets = _first_mention_views(session, ids, base_url)
    else:
        mentions = mention_views(session, ids, base_url)
        publisher_sets = {
            event_id: dict.fromkeys(m.publisher or f"{UNNAMED_PUBLISHER}{m.article_id}" for m in found)
            for event_id, found in mentions.items()
        }
    collections = collection_refs(session, base_url)
    views = []
    for event in events:
        event_mentions = mentions[event.id]
        publishers = publisher_sets.get(event.id, {})
        path = event_path(event.id, event.slug)
        views.append(
            EventView(
                id=event.id,
                slug=event.slug,
                path=path,
                url=absolute(base_url, path),
                title=event.title,
                summary=event.summary,
                type=event.type,
                type_label=type_label(event.type),
                modality=event.modality,
                date_start=event.date_start,
                date_end=event.date_end,
                precision=event.precision,
                open_end=event.open_end,
                date_label=date_label(event.date_start, event.date_end, event.precision, event.open_end),
                date_method=event.date_method,
                date_rule=event.date_rule,
                date_expression=event.date_expression,
                reviewed=event.reviewed,
                sources_count=event.sources_count,
                importance=event.importance,
                publishers_count=len(publishers),
                publisher_names=tuple(p for p in publishers if not p.startswith(UNNAMED_PUBLISHER)),
                merge_reasons=tuple(event.merge_reasons or ()),
                date_anchor=event.date_anchor,
                created_at=event.created_at,
                updated_at=event.updated_at,
                status=event.status,
                manual_fields=tuple(event.manual_fields or ()),
                actors=tuple(sorted(actors[event.id], key=lambda a: (ROLE_ORDER.get(a.role, 9), a.name))),
                locations=tuple(sorted(locations[event.id], key=lambda loc: loc.name)),
                mentions=tuple(event_mentions),
                collection=collections.get(event.collection_id),
            )
        )
    return views


# Two kinds of rows in one read (_links).
ACTOR_LINK, PLACE_LINK = 0, 1


def _links(session: Session, event_ids: list[str]
           ) -> tuple[dict[str, list[ActorView]], dict[str, list[LocationView]]]:
    """The events' actors and places, the rows of both link tables in one statement (UNION ALL):
    reading a page's few links takes the server a fraction of a millisecond, a statement's round
    trip and SQLAlchemy's work for it about as much again, so one read instead of two. The columns
    the views show come as plain rows: an ORM object per actor or place of a page costs more to
    build than the view itself."""
    actors: dict[str, list[ActorView]] = defaultdict(list)
    locations: dict[str, list[LocationView]] = defaultdict(list)
    for link, event_id, key, name, role, kind in session.execute(
            _links_read(dialect_of(session)), {"event_ids": event_ids}).all():
        if link == ACTOR_LINK:
            actors[event_id].append(ActorView(id=key, name=name, role=role, kind=kind))
        else:
            locations[event_id].append(LocationView(id=key, name=name))
    return actors, locations


# The statements of this module are built once per dialect and asked with each page's keys
# (Dialect.one_of_keys): building them cost SQLAlchemy more than a millisecond a page.

@cache
def _links_read(dialect: Dialect):
    return union_all(
        select(literal(ACTOR_LINK), EventActor.event_id, Actor.id, Actor.name, EventActor.role, Actor.kind)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(dialect.one_of_keys(EventActor.event_id, "event_ids", String)),
        select(literal(PLACE_LINK), EventLocation.event_id, Location.id, Location.name, null(), null())
        .join(Location, Location.id == EventLocation.location_id)
        .where(dialect.one_of_keys(EventLocation.event_id, "event_ids", String)),
    )


# The order of an event's mentions: oldest report first, then their order in the report.
MENTION_ORDER = (Article.published, Mention.article_id, Mention.start)
# What a mention's view shows besides its event, article and publisher.
MENTION_DETAILS = (Mention.sentence_index, Mention.sentence, Mention.start, Mention.end, Mention.modality,
                   Mention.date_expression, Mention.claim, Mention.claim_by, Mention.figures, Mention.key,
                   Article.title.label("article_title"), Article.url.label("source_url"))


def _first_mention_views(session: Session, event_ids: Sequence[str], base_url: str
                         ) -> tuple[dict[str, list[MentionView]], dict[str, dict[str, None]]]:
    """Each event's first mention (in mention_views' order) and the set of its publishers, in one
    read of the events' mentions: a row per mention for the publishers, and the sentence and the
    other columns a view shows only in the first mention's row (numbered per event by a window
    in that order), so a widely reported event costs a narrow row per report, not a sentence.
    The publishers come in the order they first reported the event (a dict keeps it)."""
    rows = session.execute(_first_mentions_read(dialect_of(session)), {"event_ids": list(event_ids)}).all()
    mentions: dict[str, list[MentionView]] = defaultdict(list)
    publishers: dict[str, dict[str, None]] = defaultdict(dict)
    # Rows unpacked by position (_mention_view): reading a row's column by name costs as much as
    # unpacking all of them.
    for event_id, article_id, publisher, published, first, *details in rows:
        if first:
            mentions[event_id].append(_mention_view(article_id, publisher, published, details, base_url))
        publishers[event_id].setdefault(publisher or f"{UNNAMED_PUBLISHER}{article_id}")
    return mentions, publishers


@cache
def _first_mentions_read(dialect: Dialect):
    ranked = (
        select(Mention.event_id, Mention.article_id, Article.publisher, Article.published, *MENTION_DETAILS,
               func.row_number().over(partition_by=Mention.event_id, order_by=MENTION_ORDER).label("rank"))
        .join(Article, Article.id == Mention.article_id)
        .where(dialect.one_of_keys(Mention.event_id, "event_ids", String))
        .subquery()
    )
    first = ranked.c.rank == 1
    return (select(ranked.c.event_id, ranked.c.article_id, ranked.c.publisher, ranked.c.published, first.label("first"),
                   *(case((first, ranked.c[column.key])).label(column.key) for column in MENTION_DETAILS))
            .order_by(ranked.c.published, ranked.c.article_id, ranked.c.start))


def mention_views(session: Session, event_ids: Sequence[str], base_url: str) -> dict[str, list[MentionView]]:
    """The mentions of these events, oldest report first."""
    result: dict[str, list[MentionView]] = defaultdict(list)
    rows = session.execute(_mentions_read(dialect_of(session)), {"event_ids": list(event_ids)}).all()
    for event_id, article_id, publisher, published, *details in rows:  # plain rows (see _links)
        result[event_id].append(_mention_view(article_id, publisher, published, details, base_url))
    return result


@cache
def _mentions_read(dialect: Dialect):
    return (select(Mention.event_id, Mention.article_id, Article.publisher, Article.published, *MENTION_DETAILS)
            .join(Article, Article.id == Mention.article_id)
            .where(dialect.one_of_keys(Mention.event_id, "event_ids", String))
            .order_by(*MENTION_ORDER))


# The names of MENTION_DETAILS in their order: _mention_view unpacks them by position (a row
# read by column name costs about 0.3 microseconds a column, 17 columns for each of a list's
# 300-500 mentions).
DETAIL_NAMES = ("sentence_index", "sentence", "start", "end", "modality", "date_expression", "claim", "claim_by",
                "figures", "key", "article_title", "source_url")
assert tuple(column.key for column in MENTION_DETAILS) == DETAIL_NAMES


def _mention_view(article_id: str, publisher: str | None, published, details, base_url: str) -> MentionView:
    """A mention's view from its article's columns and its MENTION_DETAILS (in DETAIL_NAMES' order)."""
    (sentence_index, sentence, start, end, modality, date_expression, claim, claim_by, figures, key,
     article_title, source_url) = details
    path = sentence_path(article_id, sentence_index)
    return MentionView(
        article_id=article_id,
        article_title=article_title,
        publisher=publisher,
        published=published,
        sentence=sentence,
        sentence_index=sentence_index,
        start=start,
        end=end,
        path=path,
        url=absolute(base_url, path),
        modality=modality,
        date_expression=date_expression,
        claim=claim,
        claim_by=claim_by,
        figures=tuple(figures or ()),
        key=key,
        publisher_url=source_url,
    )
