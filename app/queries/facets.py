"""Facet counts, as Datasette shows them: for the current filters (visible range included), how
many events each actor, event type, place and publisher has, the top few of each.

Type counts for type and date filters come from the pre-aggregated day and month counts. Other
facets count over the matching events; beyond FACET_SAMPLE matches they count the first
FACET_SAMPLE in date order and say so, rather than scan a million rows for a sidebar (5,000
keeps the facets of a million-event view near 130 ms on SQLite; see docs/benchmarks.md). The
page says which it did: "counted over all 1,234 matching events" or "over the first 5,000 of
them, in date order".
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import String, false, func, select, union_all
from sqlmodel import Session

from app.db import dialect_of
from app.db.search import unindexed
from app.models import Actor, Article, Event, EventActor, EventLocation, Location, Mention
from app.queries import counts
from app.queries.filters import EventFilters
from app.queries.plan import DAY_AND_MONTH_COUNTS, plan_for, reaching_in_clause
from app.queries.views import Facet, Facets, FacetValue
from app.taxonomy import type_label

TOP = 8
FACET_SAMPLE = 5_000


def matching_sample(session: Session, filters: EventFilters, size: int):
    """The ids of the first `size` matching events in date order (read the way the timeline reads
    them: from an actor's timeline, or a date or type index), plus those that start before the
    visible range and reach into it."""
    low, high = filters.visible_from, filters.visible_to
    plan = plan_for(session, filters)
    if plan.empty:
        return select(Event.id).where(false())
    source = plan.source(Event.id, low=low, high=high)
    inside = source.query.order_by(*source.order).limit(size).subquery()
    if low is None or not filters.reaches_in:
        return select(inside.c.id)
    earlier = select(Event.id).where(*plan.earlier_clauses(low))
    return union_all(select(inside.c.id), earlier)


def starting_sample(session: Session, filters: EventFilters, size: int) -> list[str]:
    """The ids of the first `size` matching events that start in the visible range, in date order
    (what buckets and map counts count)."""
    if filters.visible_empty:
        return []
    source = plan_for(session, filters).source(Event.id, low=filters.visible_from, high=filters.visible_to)
    return list(session.execute(source.query.order_by(*source.order).limit(size)).scalars())


def facet_counts(session: Session, filters: EventFilters, top: int = TOP, only: str | None = None) -> Facets:
    """The `top` values of each facet (of the facet `only`, if given) with their counts; one more
    is read to know whether a "more…" link has anything to show."""
    # The sample is read once, and handed to each facet's query as one array parameter.
    sample_ids = list(session.execute(matching_sample(session, filters, FACET_SAMPLE + 1)).scalars())
    sampled = len(sample_ids) > FACET_SAMPLE
    sample_ids = sample_ids[:FACET_SAMPLE]
    ids = bool(sample_ids)
    limit = top + 1

    def among(column):
        return dialect_of(session).among(column, sample_ids, String)

    actors = session.execute(
        select(EventActor.actor_id, Actor.name, func.count(func.distinct(EventActor.event_id)).label("n"))
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(among(EventActor.event_id))
        .group_by(EventActor.actor_id, Actor.name)
        .order_by(func.count(func.distinct(EventActor.event_id)).desc(), Actor.name)
        .limit(limit)
    ).all() if ids and only in (None, "actor") else []
    places = session.execute(
        select(EventLocation.location_id, Location.name, func.count().label("n"))
        .join(Location, Location.id == EventLocation.location_id)
        .where(among(EventLocation.event_id))
        .group_by(EventLocation.location_id, Location.name)
        .order_by(func.count().desc(), Location.name)
        .limit(limit)
    ).all() if ids and only in (None, "location") else []
    publishers = session.execute(
        select(Article.publisher, func.count(func.distinct(Mention.event_id)))
        .join(Article, Article.id == Mention.article_id)
        .where(among(Mention.event_id), Article.publisher.is_not(None))
        .group_by(Article.publisher)
        .order_by(func.count(func.distinct(Mention.event_id)).desc(), Article.publisher)
        .limit(limit)
    ).all() if ids and only in (None, "publisher") else []
    types = _type_counts(session, filters, ids, among, sampled) if only in (None, "type") else []

    chosen_actors, chosen_types = set(filters.actors), set(filters.picked_types)
    facets = (
        Facet("actor", "Actors", _with_chosen(
            [FacetValue(key, name, n, key in chosen_actors) for key, name, n in actors[:top]], filters.actors),
            more=len(actors) > top),
        Facet("type", "Types of event", _with_chosen(
            [FacetValue(key, type_label(key), n, key in chosen_types) for key, n in types[:top]],
            filters.picked_types, type_label), more=len(types) > top),
        Facet("location", "Places", _with_chosen(
            [FacetValue(key, name, n, key == filters.location) for key, name, n in places[:top]],
            (filters.location,) if filters.location else ()), more=len(places) > top),
        Facet("publisher", "Publishers", _with_chosen(
            [FacetValue(name, name, n, name == filters.publisher) for name, n in publishers[:top]],
            (filters.publisher,) if filters.publisher else ()), more=len(publishers) > top),
    )
    if only:
        facets = tuple(facet for facet in facets if facet.name == only)
    return Facets(facets=facets, sampled=sampled, sample=FACET_SAMPLE, counted=len(sample_ids))


def _with_chosen(values: list[FacetValue], chosen, label=lambda key: key) -> tuple[FacetValue, ...]:
    """A chosen value always shows (with its count, or 0), so it can be cleared in one click."""
    known = {v.value for v in values}
    return tuple(values) + tuple(FacetValue(key, label(key), 0, True) for key in chosen if key not in known)


def _type_counts(session: Session, filters: EventFilters, ids, among, sampled: bool) -> list[tuple[str, int]]:
    plan = plan_for(session, filters)
    if plan.counted_by == DAY_AND_MONTH_COUNTS and not filters.visible_empty:
        low = filters.visible_from
        found = Counter(counts.per_type(session, low, filters.visible_to, filters.types, collection=plan.collection))
        if low is not None and filters.reaches_in:  # and those that start earlier and reach in, as the list has them
            # Grouped by a plain value: grouping by the column would have SQLite read the whole
            # type index for its order instead of each span class's bounded window.
            kind = unindexed(Event.type)
            earlier = select(kind, func.count()).where(Event.status == "active", *plan.scope(indexed=False),
                                                       reaching_in_clause(low))
            if filters.types:
                earlier = earlier.where(kind.in_(filters.types))
            found.update({key: int(n) for key, n in session.execute(earlier.group_by(kind)).all()})
        rows = [(key, int(n)) for key, n in found.items() if n]
    elif ids:
        rows = [(key, int(n)) for key, n in session.execute(
            select(Event.type, func.count()).where(among(Event.id)).group_by(Event.type)).all()]
    else:
        rows = []
    return sorted(rows, key=lambda item: (-item[1], type_label(item[0])))
