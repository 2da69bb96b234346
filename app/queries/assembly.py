"""Events as pages and the API show them: view models (app/queries/views.py) with their actors,
places and mentions, read in a few batched queries whatever the number of events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Integer, String, select
from sqlmodel import Session

from app.db import dialect_of
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
    dialect = dialect_of(session)
    actors: dict[str, list[ActorView]] = defaultdict(list)
    # The columns the views show, as plain rows: an ORM object per actor, place or mention of a
    # page costs more to build than the view itself.
    for event_id, role, actor_id, name, kind in session.execute(
        select(EventActor.event_id, EventActor.role, Actor.id, Actor.name, Actor.kind)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(dialect.one_of(EventActor.event_id, ids, String))
    ).all():
        actors[event_id].append(ActorView(id=actor_id, name=name, role=role, kind=kind))
    locations: dict[str, list[LocationView]] = defaultdict(list)
    for event_id, location_id, name in session.execute(
        select(EventLocation.event_id, Location.id, Location.name)
        .join(Location, Location.id == EventLocation.location_id)
        .where(dialect.one_of(EventLocation.event_id, ids, String))
    ).all():
        locations[event_id].append(LocationView(id=location_id, name=name))
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


def _first_mention_views(session: Session, event_ids: Sequence[str], base_url: str
                         ) -> tuple[dict[str, list[MentionView]], dict[str, dict[str, None]]]:
    """Each event's first mention (in mention_views' order) and the set of its publishers:
    one narrow query over the mentions, then the sentences of the first ones only. The publishers
    come in the order they first reported the event (a dict keeps it)."""
    first: dict[str, int] = {}
    publishers: dict[str, dict[str, None]] = defaultdict(dict)
    for event_id, mention_id, article_id, publisher in session.execute(
        select(Mention.event_id, Mention.id, Mention.article_id, Article.publisher)
        .join(Article, Article.id == Mention.article_id)
        .where(dialect_of(session).one_of(Mention.event_id, list(event_ids), String))
        .order_by(Article.published, Mention.article_id, Mention.start)
    ).all():
        first.setdefault(event_id, mention_id)
        publishers[event_id].setdefault(publisher or f"{UNNAMED_PUBLISHER}{article_id}")
    return mention_views(session, event_ids, base_url, mention_ids=list(first.values())), publishers


def mention_views(session: Session, event_ids: Sequence[str], base_url: str, *,
                   mention_ids: Sequence[int] | None = None) -> dict[str, list[MentionView]]:
    """The mentions of these events (or only those with `mention_ids`), oldest report first."""
    result: dict[str, list[MentionView]] = defaultdict(list)
    if mention_ids is not None and not mention_ids:
        return result
    dialect = dialect_of(session)
    wanted = (dialect.one_of(Mention.id, list(mention_ids), Integer) if mention_ids is not None
              else dialect.one_of(Mention.event_id, list(event_ids), String))
    rows = session.execute(
        select(Mention.event_id, Mention.article_id, Mention.sentence_index, Mention.sentence, Mention.start,
               Mention.end, Mention.modality, Mention.date_expression, Mention.claim, Mention.claim_by,
               Mention.figures, Mention.key, Article.title.label("article_title"), Article.publisher,
               Article.published, Article.url.label("source_url"))
        .join(Article, Article.id == Mention.article_id)
        .where(wanted)
        .order_by(Article.published, Mention.article_id, Mention.start)
    ).all()
    for mention in rows:  # plain rows (see event_views)
        path = sentence_path(mention.article_id, mention.sentence_index)
        result[mention.event_id].append(
            MentionView(
                article_id=mention.article_id,
                article_title=mention.article_title,
                publisher=mention.publisher,
                published=mention.published,
                sentence=mention.sentence,
                sentence_index=mention.sentence_index,
                start=mention.start,
                end=mention.end,
                path=path,
                url=absolute(base_url, path),
                modality=mention.modality,
                date_expression=mention.date_expression,
                claim=mention.claim,
                claim_by=mention.claim_by,
                figures=tuple(mention.figures or ()),
                key=mention.key,
                publisher_url=mention.source_url,
            )
        )
    return result
