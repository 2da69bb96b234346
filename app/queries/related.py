"""Related events for an event page: those sharing its actors within a window of days, and the
events nearest in date. A handful of indexed queries, never a scan of the event table.

Only principal roles count (initiator, speaker, target, participant): two events that merely
mention Azerbaijan are not related by that. Related events are of the event's own collection: an
event of another war on the same day is not related by its date.
"""

from __future__ import annotations

import datetime as dt
from sqlalchemy import func, select
from sqlmodel import Session

from app.calendar import add_days
from app.labels import date_label
from app.models import Actor, Event, EventActor
from app.permalinks import event_path
from app.queries.views import EventView, Related, RelatedEvent
from app.taxonomy import type_label

WINDOW_DAYS = 30
LIMIT = 5
PRINCIPAL_ROLES = ("initiator", "speaker", "target", "participant")






def related_events(
    session: Session, event: EventView, *, window_days: int = WINDOW_DAYS, limit: int = LIMIT
) -> Related:
    """Active events related to `event`: sharing a principal actor within ±`window_days` of its
    dates, and the nearest other events in date within the same window."""
    low = add_days(event.date_start, -window_days)
    high = add_days(event.date_end, window_days)
    collection = session.execute(select(Event.collection_id).where(Event.id == event.id)).scalar()
    window = _in_window(low, high, collection)
    actor_ids = sorted({a.id for a in event.actors if a.role in PRINCIPAL_ROLES})
    shared = _sharing_actors(session, event.id, actor_ids, window, limit) if actor_ids else []
    taken = {row.id for row in shared} | {event.id}
    nearby = _nearest(session, event.date_start, taken, window, limit)
    return Related(tuple(shared), tuple(nearby))


def _in_window(low: dt.date, high: dt.date, collection: int | None) -> tuple:
    scope = () if collection is None else (Event.collection_id == collection,)
    return (*scope, Event.status == "active", Event.date_start >= low, Event.date_start <= high)


def _sharing_actors(
    session: Session, event_id: str, actor_ids: list[str], window: tuple, limit: int
) -> list[RelatedEvent]:
    shared_count = func.count(func.distinct(EventActor.actor_id))
    ranked = session.execute(
        select(Event.id, shared_count)
        .join(EventActor, EventActor.event_id == Event.id)
        .where(
            *window,
            Event.id != event_id,
            EventActor.actor_id.in_(actor_ids),
            EventActor.role.in_(PRINCIPAL_ROLES),
        )
        .group_by(Event.id)
        .order_by(shared_count.desc(), func.min(Event.date_start), Event.id)
        .limit(limit)
    ).all()
    if not ranked:
        return []
    ids = [row[0] for row in ranked]
    names: dict[str, set[str]] = {i: set() for i in ids}
    for other_id, name in session.execute(
        select(EventActor.event_id, Actor.name)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids), EventActor.actor_id.in_(actor_ids),
               EventActor.role.in_(PRINCIPAL_ROLES))
    ).all():
        names[other_id].add(name)
    rows = {e.id: e for e in session.execute(select(Event).where(Event.id.in_(ids))).scalars()}
    return [_view(rows[i], tuple(sorted(names[i]))) for i in ids]


def _nearest(
    session: Session, day: dt.date, exclude: set[str], window: tuple, limit: int
) -> list[RelatedEvent]:
    """The `limit` events closest to `day`: the last ones before it and the first ones after it,
    each an indexed range read, merged by distance."""
    fetch = limit + len(exclude)
    before = session.execute(
        select(Event).where(*window, Event.date_start <= day)
        .order_by(Event.date_start.desc(), Event.seq.desc()).limit(fetch)
    ).scalars().all()
    after = session.execute(
        select(Event).where(*window, Event.date_start > day)
        .order_by(Event.date_start, Event.seq).limit(fetch)
    ).scalars().all()
    candidates = [e for e in [*before, *after] if e.id not in exclude]
    candidates.sort(key=lambda e: (abs((e.date_start - day).days), e.date_start, e.seq or 0))
    chosen = sorted(candidates[:limit], key=lambda e: (e.date_start, e.seq or 0))
    return [_view(e) for e in chosen]


def _view(event: Event, shared: tuple[str, ...] = ()) -> RelatedEvent:
    return RelatedEvent(
        id=event.id,
        path=event_path(event.id, event.slug),
        title=event.title,
        date_start=event.date_start,
        date_label=date_label(event.date_start, event.date_end, event.precision, event.open_end),
        type_label=type_label(event.type),
        shared_actors=shared,
    )
