"""Questions about what there is to filter by: the actors, the event types, places and articles,
and whether a filter names one that exists."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session

from app.errors import BadFilter
from app.models import Actor, Article, CollectionActor, Location
from app.queries.collections import collection_id
from app.queries.counts import per_type
from app.queries.filters import EventFilters
from app.queries.views import ActorEntry, TypeEntry
from app.taxonomy import event_types, type_label


def list_actors(session: Session, limit: int = 500, collection: str | None = None) -> list[ActorEntry]:
    """The actors with active events, most frequent first (actor.events_count, kept by triggers);
    within a collection, those with events there, counted there (collection_actor). Actors are
    shared by every collection: one actor, one id, wherever it appears."""
    if collection is None:
        query = (select(Actor.id, Actor.name, Actor.kind, Actor.events_count)
                 .where(Actor.events_count > 0).order_by(Actor.events_count.desc(), Actor.name))
    else:
        query = (select(Actor.id, Actor.name, Actor.kind, CollectionActor.events_count)
                 .join(CollectionActor, CollectionActor.actor_id == Actor.id)
                 .where(CollectionActor.collection_id == collection_id(session, collection),
                        CollectionActor.events_count > 0)
                 .order_by(CollectionActor.events_count.desc(), Actor.name))
    rows = session.execute(query.limit(limit)).all()
    return [ActorEntry(id=r[0], name=r[1], kind=r[2], events=r[3]) for r in rows]


def type_counts(session: Session, collection: str | None = None) -> dict[str, int]:
    """Active events per type (in one collection), from the month counts (never a scan of the events)."""
    return per_type(session, collection=collection_id(session, collection) if collection else None)


def list_types(session: Session, collection: str | None = None) -> list[TypeEntry]:
    """The event-type taxonomy, in the data file's order, with how many active events each has
    (in one collection)."""
    counts = type_counts(session, collection)
    return [TypeEntry(key=key, label=type_label(key), description=entry.get("description", ""),
                      acled=entry.get("acled"), plover=entry.get("plover"), events=counts.get(key, 0))
            for key, entry in event_types().items()]


def actor_names(session: Session, keys: Sequence[str]) -> dict[str, str]:
    """Display names of these actors (the filters in force, when the full list is not loaded)."""
    if not keys:
        return {}
    return dict(session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(list(keys)))).all())


def validate_filter_values(session: Session, filters: EventFilters) -> None:
    """Unknown collections, actors, types, locations or articles are a mistake worth saying, not an
    empty page."""
    if filters.collection:
        collection_id(session, filters.collection)  # a BadFilter naming the known ones
    unknown_types = [t for t in filters.types if t not in event_types()]
    if unknown_types:
        raise BadFilter(f"unknown event type {unknown_types[0]!r}; see /api/types for the list", field="type")
    for actor in filters.actors:
        if session.get(Actor, actor) is None:
            raise BadFilter(f"no actor has the id {actor!r}; see /api/actors for the list", field="actor")
    if filters.location and session.get(Location, filters.location) is None:
        raise BadFilter(f"no location has the id {filters.location!r}")
    if filters.article and session.get(Article, filters.article) is None:
        raise BadFilter(f"no article has the id {filters.article!r}")
