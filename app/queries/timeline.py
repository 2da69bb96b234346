"""Bucket counts for the zoomable chronology: how many events per decade, year, month, week or day.

Unfiltered (or type-only) views read the event_day_count table kept by the service layer, so
zooming out never scans the events themselves; other filters count the matching events.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from app.errors import BadFilter
from app.models import Event, EventDayCount
from app.queries.events import filter_clauses, validate_filter_values
from app.queries.filters import EventFilters

ZOOM_LEVELS = ("decade", "year", "month", "week", "day")


def bucket_start(day: dt.date, zoom: str) -> dt.date:
    if zoom == "decade":
        return dt.date(day.year // 10 * 10, 1, 1)
    if zoom == "year":
        return dt.date(day.year, 1, 1)
    if zoom == "month":
        return dt.date(day.year, day.month, 1)
    if zoom == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def bucket_end(start: dt.date, zoom: str) -> dt.date:
    if zoom == "decade":
        return dt.date(start.year + 9, 12, 31)
    if zoom == "year":
        return dt.date(start.year, 12, 31)
    if zoom == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if zoom == "week":
        return start + dt.timedelta(days=6)
    return start


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date
    count: int


@dataclass(frozen=True)
class Timeline:
    zoom: str
    buckets: tuple[Bucket, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "zoom": self.zoom,
            "buckets": [
                {"start": b.start.isoformat(), "end": b.end.isoformat(), "count": b.count}
                for b in self.buckets
            ],
            "total": sum(b.count for b in self.buckets),
        }


def _only_types_and_dates(filters: EventFilters) -> bool:
    return not (filters.q or filters.actors or filters.location or filters.publisher
                or filters.article or filters.min_sources or filters.reviewed_only)


def timeline_buckets(session: Session, filters: EventFilters, zoom: str) -> Timeline:
    if zoom not in ZOOM_LEVELS:
        raise BadFilter(f"zoom must be one of {', '.join(ZOOM_LEVELS)}, not {zoom[:20]!r}")
    validate_filter_values(session, filters)
    counts: Counter[dt.date] = Counter()
    if _only_types_and_dates(filters):
        query = select(EventDayCount.day, func.sum(EventDayCount.count)).group_by(EventDayCount.day)
        if filters.types:
            query = query.where(EventDayCount.type.in_(filters.types))
        if filters.date_from:
            query = query.where(EventDayCount.day >= filters.date_from)
        if filters.date_to:
            query = query.where(EventDayCount.day <= filters.date_to)
    else:
        query = select(Event.date_start, func.count()).where(*filter_clauses(session, filters)).group_by(Event.date_start)
    for day, count in session.execute(query).all():
        if count:
            counts[bucket_start(day, zoom)] += int(count)
    buckets = tuple(
        Bucket(start=start, end=bucket_end(start, zoom), count=count)
        for start, count in sorted(counts.items())
    )
    return Timeline(zoom=zoom, buckets=buckets)
