"""Places on the map: how many matching events each place has, and the bounding-box filter.

Counts answer "how many of the view's events happened here", per place, for the map's markers
and the plain list of places that stands in for the map without JavaScript (the bounding-box
filter itself is app/queries/plan.py:in_box). Like the buckets,
they count the events that *start* in the view's period. Where the filters are dates alone
(and a box), the kept counts answer exactly without reading events: `location.events_count`
for every date, `location_month_count` for whole months, and the events of the partial months
at either end (within a collection, its own collection_location and
collection_location_month_count). Other filters count over the first FACET_SAMPLE matching
events, as the facets do, and say so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, func, select
from sqlmodel import Session

from app.calendar import month_split
from app.db import dialect_of
from app.models import (
    CollectionLocation, CollectionLocationMonthCount, Event, EventLocation, Location, LocationMonthCount,
)
from app.queries.filters import EventFilters
from app.queries.plan import PLACE_COUNTS, plan_for

MAP_LIMIT = 500  # places a map shows at most: the busiest ones


def _box_clauses(box: tuple[float, float, float, float] | None) -> list:
    if box is None:
        return []
    west, south, east, north = box
    return [Location.latitude.between(south, north), Location.longitude.between(west, east)]


@dataclass(frozen=True)
class PlaceCount:
    id: str
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    count: int
    country_code: str | None = None

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "country_code": self.country_code,
                "latitude": self.latitude, "longitude": self.longitude, "events": self.count}


@dataclass(frozen=True)
class PlaceCounts:
    items: tuple[PlaceCount, ...]  # busiest first
    exact: bool  # False: counted over the first `counted_over` matching events only
    counted_over: int | None = None
    more: bool = False  # more places than `items` hold

    @property
    def placed(self) -> tuple[PlaceCount, ...]:
        return tuple(p for p in self.items if p.placed)

    def to_json(self) -> dict[str, Any]:
        return {"items": [p.to_json() for p in self.items], "exact": self.exact,
                "counted_over": self.counted_over, "more": self.more}


def place_name(session: Session, key: str) -> str:
    name = session.execute(select(Location.name).where(Location.id == key)).scalar()
    return name or key


def place_counts(session: Session, filters: EventFilters, limit: int = MAP_LIMIT) -> PlaceCounts:
    """The places of the view's events with how many each has, busiest first: with a box, only
    places inside it; without one, places with no position too (the plain list names them)."""
    if filters.visible_empty:
        return PlaceCounts((), True)
    if plan_for(session, filters).places_counted_by == PLACE_COUNTS:
        counts = _kept_counts(session, filters)
        exact, over = True, None
    else:
        counts, exact, over = _sampled_counts(session, filters)
    if not counts:
        return PlaceCounts((), exact, over)
    busiest = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    # Plain rows, not ORM objects: a map may hold a couple of thousand places.
    columns = (Location.id, Location.name, Location.country, Location.latitude, Location.longitude,
               Location.country_code)
    rows = {}
    wanted = [key for key, _ in busiest]
    for start in range(0, len(wanted), 900):
        chunk = wanted[start:start + 900]
        for row in session.execute(select(*columns).where(Location.id.in_(chunk), *_box_clauses(filters.bbox))).all():
            rows[row.id] = row
    items = [PlaceCount(key, rows[key].name, rows[key].country, rows[key].latitude, rows[key].longitude, count,
                        rows[key].country_code)
             for key, count in busiest if key in rows and count > 0]
    return PlaceCounts(tuple(items[:limit]), exact, over, more=len(items) > limit)


def _kept_counts(session: Session, filters: EventFilters) -> Counter[str]:
    collection = plan_for(session, filters).collection
    # Every collection: location.events_count and location_month_count; one collection: its own
    # collection_location and collection_location_month_count (migration 0008).
    if collection is None:
        place, place_events = Location.id, Location.events_count
        month_table, everywhere = LocationMonthCount, []
        scope = []
    else:
        place, place_events = CollectionLocation.location_id, CollectionLocation.events_count
        month_table, everywhere = CollectionLocationMonthCount, [CollectionLocation.collection_id == collection]
        scope = [CollectionLocationMonthCount.collection_id == collection]
    low, high = filters.visible_from, filters.visible_to
    counts: Counter[str] = Counter()
    if low is not None and high is None:
        # A range that starts before the first counted month holds every date: the counts in all
        # (the overview, whose foreground usually starts before any event).
        first = session.execute(select(func.min(month_table.month)).where(*scope, month_table.count > 0)).scalar()
        if first is None or low <= first:
            low = None
    boxed = (select(Location.id).where(*_box_clauses(filters.bbox)) if filters.bbox else None)
    if low is None and high is None:
        query = select(place, place_events).where(place_events > 0, *everywhere)
        if collection is None:
            query = query.where(*_box_clauses(filters.bbox))
        elif boxed is not None:
            query = query.where(place.in_(boxed))
        counts.update(dict(session.execute(query).all()))
        return counts
    for start, end, whole in month_split(low, high):
        if whole:
            query = (select(month_table.location_id, func.sum(month_table.count)).where(*scope)
                     .group_by(month_table.location_id))
            if boxed is not None:  # only the box's places are counted
                query = query.where(month_table.location_id.in_(boxed))
            if start is not None:
                query = query.where(month_table.month >= start)
            if end is not None:
                query = query.where(month_table.month <= end)
        else:
            query = (select(EventLocation.location_id, func.count())
                     .join(Event, Event.id == EventLocation.event_id)
                     .where(Event.status == "active", Event.date_start >= start, Event.date_start <= end,
                            *([] if collection is None else [Event.collection_id == collection]))
                     .group_by(EventLocation.location_id))
        for key, count in session.execute(query).all():
            counts[key] += int(count or 0)
    return counts


def _sampled_counts(session: Session, filters: EventFilters) -> tuple[Counter[str], bool, int | None]:
    """Counts over the first FACET_SAMPLE matching events that start in the view."""
    from app.queries.facets import FACET_SAMPLE, starting_sample

    ids = starting_sample(session, filters, FACET_SAMPLE + 1)
    sampled = len(ids) > FACET_SAMPLE
    ids = ids[:FACET_SAMPLE]
    if not ids:
        return Counter(), True, None
    rows = session.execute(
        select(EventLocation.location_id, func.count()).where(dialect_of(session).among(EventLocation.event_id, ids, String))
        .group_by(EventLocation.location_id)).all()
    return Counter({key: int(count) for key, count in rows}), not sampled, FACET_SAMPLE if sampled else None
