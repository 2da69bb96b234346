"""Questions about events: a filtered page of them, one of them, the actors and types to filter by."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import String, and_, column, func, or_, select
from sqlmodel import Session

from app.dates import date_label, sentence_anchor
from app.errors import BadFilter
from app.models import Actor, Article, Event, EventActor, EventAlias, EventLocation, Location, Mention
from app.queries.filters import EventFilters, encode_cursor
from app.queries.views import ActorView, EventPage, EventView, Gone, LocationView, MentionView, Moved
from app.search import matching_event_ids
from app.taxonomy import type_label

ROLE_ORDER = {"initiator": 0, "speaker": 1, "target": 2, "participant": 3, "mentioned": 4}


def filter_clauses(session: Session, filters: EventFilters):
    """The WHERE clauses of a filtered timeline (without the cursor)."""
    clauses = [Event.status == "active"]
    if filters.types:
        clauses.append(Event.type.in_(filters.types))
    for actor in filters.actors:
        clauses.append(
            Event.id.in_(select(EventActor.event_id).where(EventActor.actor_id == actor))
        )
    if filters.location:
        clauses.append(
            Event.id.in_(select(EventLocation.event_id).where(EventLocation.location_id == filters.location))
        )
    if filters.publisher:
        clauses.append(
            Event.id.in_(
                select(Mention.event_id)
                .join(Article, Article.id == Mention.article_id)
                .where(Article.publisher == filters.publisher)
            )
        )
    if filters.article:
        clauses.append(Event.id.in_(select(Mention.event_id).where(Mention.article_id == filters.article)))
    if filters.date_from:
        clauses.append(or_(Event.date_end >= filters.date_from, Event.open_end.is_(True)))
    if filters.date_to:
        clauses.append(Event.date_start <= filters.date_to)
    if filters.min_sources:
        clauses.append(Event.sources_count >= filters.min_sources)
    if filters.reviewed_only:
        clauses.append(Event.reviewed.is_(True))
    if filters.q:
        subquery, params = matching_event_ids(session.get_bind().dialect.name, filters.q)
        clauses.append(Event.id.in_(subquery.bindparams(**params).columns(column("id", String))))
    return clauses


def validate_filter_values(session: Session, filters: EventFilters) -> None:
    """Unknown actors, types, locations or articles are a mistake worth saying, not an empty page."""
    from app.taxonomy import event_types

    unknown_types = [t for t in filters.types if t not in event_types()]
    if unknown_types:
        raise BadFilter(f"unknown event type {unknown_types[0]!r}; see /api/types for the list")
    for actor in filters.actors:
        if session.get(Actor, actor) is None:
            raise BadFilter(f"no actor has the id {actor!r}; see /api/actors for the list")
    if filters.location and session.get(Location, filters.location) is None:
        raise BadFilter(f"no location has the id {filters.location!r}")
    if filters.article and session.get(Article, filters.article) is None:
        raise BadFilter(f"no article has the id {filters.article!r}")


def list_events(session: Session, filters: EventFilters, base_url: str) -> EventPage:
    validate_filter_values(session, filters)
    clauses = filter_clauses(session, filters)
    total = session.execute(select(func.count()).select_from(Event).where(*clauses)).scalar_one()
    query = select(Event).where(*clauses)
    if filters.cursor:
        day, seq = filters.cursor
        query = query.where(or_(Event.date_start > day, and_(Event.date_start == day, Event.seq > seq)))
    rows = session.execute(
        query.order_by(Event.date_start, Event.seq).limit(filters.limit + 1)
    ).scalars().all()
    next_cursor = None
    if len(rows) > filters.limit:
        rows = rows[: filters.limit]
        next_cursor = encode_cursor(rows[-1].date_start, rows[-1].seq)
    return EventPage(items=tuple(event_views(session, rows, base_url)), total=total, next_cursor=next_cursor)


def find_event(session: Session, event_id: str, base_url: str, *, include_hidden: bool = False) -> EventView | Moved | Gone | None:
    event = session.execute(select(Event).where(Event.id == event_id)).scalars().first()
    if event is None:
        alias = session.get(EventAlias, event_id)
        if alias is None:
            return None
        # Follow chains of merges to the event that finally survived.
        target = alias.event_id
        for _ in range(20):
            next_alias = session.get(EventAlias, target)
            if next_alias is None:
                break
            target = next_alias.event_id
        return Moved(old_id=event_id, new_id=target)
    if event.status == "deleted":
        return Gone(id=event.id, title=event.title, mentions=tuple(_mention_views(session, [event.id], base_url)[event.id]))
    if event.status == "hidden" and not include_hidden:
        return None
    return event_views(session, [event], base_url)[0]


def event_views(session: Session, events: Sequence[Event], base_url: str) -> list[EventView]:
    """View models for events, with their actors, places and mentions in three batched queries."""
    if not events:
        return []
    ids = [e.id for e in events]
    actors: dict[str, list[ActorView]] = defaultdict(list)
    for event_id, role, actor in session.execute(
        select(EventActor.event_id, EventActor.role, Actor)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids))
    ).all():
        actors[event_id].append(ActorView(id=actor.id, name=actor.name, role=role, kind=actor.kind))
    locations: dict[str, list[LocationView]] = defaultdict(list)
    for event_id, location in session.execute(
        select(EventLocation.event_id, Location)
        .join(Location, Location.id == EventLocation.location_id)
        .where(EventLocation.event_id.in_(ids))
    ).all():
        locations[event_id].append(LocationView(id=location.id, name=location.name))
    mentions = _mention_views(session, ids, base_url)
    views = []
    for event in events:
        event_mentions = mentions[event.id]
        publishers = {m.publisher or f"unnamed publisher of {m.article_id}" for m in event_mentions}
        path = f"/events/{event.id}/{event.slug}"
        views.append(
            EventView(
                id=event.id,
                slug=event.slug,
                path=path,
                url=base_url + path,
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
                publishers_count=len(publishers),
                merge_reasons=tuple(event.merge_reasons or ()),
                actors=tuple(sorted(actors[event.id], key=lambda a: (ROLE_ORDER.get(a.role, 9), a.name))),
                locations=tuple(sorted(locations[event.id], key=lambda loc: loc.name)),
                mentions=tuple(event_mentions),
            )
        )
    return views


def _mention_views(session: Session, event_ids: Sequence[str], base_url: str) -> dict[str, list[MentionView]]:
    result: dict[str, list[MentionView]] = defaultdict(list)
    rows = session.execute(
        select(Mention, Article.title, Article.publisher, Article.published)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.event_id.in_(event_ids))
        .order_by(Article.published, Mention.article_id, Mention.start)
    ).all()
    for mention, title, publisher, published in rows:
        anchor = sentence_anchor(mention.sentence_index)
        path = f"/articles/{mention.article_id}?highlight={mention.sentence_index + 1}#{anchor}"
        result[mention.event_id].append(
            MentionView(
                article_id=mention.article_id,
                article_title=title,
                publisher=publisher,
                published=published,
                sentence=mention.sentence,
                sentence_index=mention.sentence_index,
                start=mention.start,
                end=mention.end,
                path=path,
                url=base_url + path,
                modality=mention.modality,
                date_expression=mention.date_expression,
                claim=mention.claim,
                claim_by=mention.claim_by,
                figures=tuple(mention.figures or ()),
            )
        )
    return result


def list_actors(session: Session, limit: int = 500) -> list[dict]:
    rows = session.execute(
        select(Actor.id, Actor.name, Actor.kind, func.count(func.distinct(EventActor.event_id)))
        .join(EventActor, EventActor.actor_id == Actor.id)
        .join(Event, Event.id == EventActor.event_id)
        .where(Event.status == "active")
        .group_by(Actor.id, Actor.name, Actor.kind)
        .order_by(func.count(func.distinct(EventActor.event_id)).desc(), Actor.name)
        .limit(limit)
    ).all()
    return [{"id": r[0], "name": r[1], "kind": r[2], "events": r[3]} for r in rows]


def type_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(Event.type, func.count()).where(Event.status == "active").group_by(Event.type)
    ).all()
    return {row[0]: row[1] for row in rows}
