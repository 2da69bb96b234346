"""The zoomable chronology: bucket counts per century, decade, year, month, week or day, and the
explorer's view of one period (its buckets with their most corroborated events, a density strip,
how many matching events lie outside it).

Events are counted in the bucket where they start. Type and date filters read the pre-aggregated
counts (event_month_count for months and coarser, event_day_count for weeks and days), so zooming
out never scans the events; other filters count matching events grouped by start day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from app.dates import MONTHS, date_label
from app.errors import BadFilter
from app.models import Event, EventDayCount, EventMonthCount
from app.queries.events import base_clauses, count_events, unindexed, validate_filter_values
from app.queries.filters import (
    CHILD,
    PARENT,
    ZOOM_LEVELS,
    EventFilters,
    period_end,
    period_start,
    shift_period,
)

TOP_PER_BUCKET = 2  # the most corroborated events a bucket shows
FEW_EVENTS = 5_000  # a view with at most this many events finds its buckets' best in one query
SCAN_BUCKET = 500  # buckets with more events than this are searched from the most sources down
# The density strip's bar for a view: a finer level than its buckets, for orientation.
DENSITY = {None: "year", "century": "year", "decade": "month", "year": "week", "month": "day", "week": "day"}

# Kept for callers that bucket by these names.
bucket_start = period_start
bucket_end = period_end


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


def start_counts(session: Session, filters: EventFilters, resolution: str) -> Counter[dt.date]:
    """Matching events per start month ("month") or start day ("day") within the visible range."""
    low, high = filters.visible_from, filters.visible_to
    counts: Counter[dt.date] = Counter()
    if filters.visible_empty:
        return counts
    if not filters.only_types_and_dates:
        day = Event.date_start
        query = select(day, func.count()).where(*base_clauses(session, filters))  # counted where they start
        if low is not None:
            query = query.where(Event.date_start >= low)
        if high is not None:
            query = query.where(Event.date_start <= high)
        for start, count in session.execute(query.group_by(day)).all():
            counts[start.replace(day=1) if resolution == "month" else start] += int(count)
        return counts
    if resolution == "month":
        # Whole months from the month table; a range edge inside a month from the day table.
        first_full = low if low is None or low.day == 1 else period_end(low, "month") + dt.timedelta(days=1)
        last_full = high if high is None or high == period_end(high, "month") else period_start(high, "month") - dt.timedelta(days=1)
        if first_full is None or last_full is None or first_full <= last_full:
            query = select(EventMonthCount.month, func.sum(EventMonthCount.count)).group_by(EventMonthCount.month)
            if filters.types:
                query = query.where(EventMonthCount.type.in_(filters.types))
            if first_full is not None:
                query = query.where(EventMonthCount.month >= first_full)
            if last_full is not None:
                query = query.where(EventMonthCount.month <= last_full)
            counts.update({month: int(count) for month, count in session.execute(query).all() if count})
            edges = []
            if low is not None and low < first_full:
                edges.append((low, first_full - dt.timedelta(days=1)))
            if high is not None and high > last_full:
                edges.append((last_full + dt.timedelta(days=1), high))
        else:
            edges = [(low, high)]
        for start, end in edges:
            for day, count in _day_rows(session, filters.types, start, end):
                counts[day.replace(day=1)] += count
        return counts
    for day, count in _day_rows(session, filters.types, low, high):
        counts[day] += count
    return counts


def _day_rows(session: Session, types, low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date, int]]:
    query = select(EventDayCount.day, func.sum(EventDayCount.count)).group_by(EventDayCount.day)
    if types:
        query = query.where(EventDayCount.type.in_(types))
    if low is not None:
        query = query.where(EventDayCount.day >= low)
    if high is not None:
        query = query.where(EventDayCount.day <= high)
    return [(day, int(count)) for day, count in session.execute(query).all() if count]


def _resolution(level: str) -> str:
    return "month" if level in ("century", "decade", "year", "month") else "day"


def group(counts: Counter[dt.date], level: str, low: dt.date | None = None,
          high: dt.date | None = None) -> list[Bucket]:
    """Start-date counts gathered into buckets of `level`; bucket edges clipped to [low, high]."""
    gathered: Counter[dt.date] = Counter()
    for day, count in counts.items():
        gathered[period_start(day, level)] += count
    buckets = []
    for start, count in sorted(gathered.items()):
        end = period_end(start, level)
        buckets.append(Bucket(max(start, low) if low else start, min(end, high) if high else end, count))
    return buckets


def timeline_buckets(session: Session, filters: EventFilters, zoom: str) -> Timeline:
    """Counts per bucket of size `zoom` over the filters' visible range (the JSON timeline)."""
    if zoom not in ZOOM_LEVELS:
        raise BadFilter(f"zoom must be one of {', '.join(ZOOM_LEVELS)}, not {zoom[:20]!r}")
    validate_filter_values(session, filters)
    counts = start_counts(session, filters, _resolution(zoom))
    buckets = tuple(Bucket(period_start(b.start, zoom), period_end(period_start(b.start, zoom), zoom), b.count)
                    for b in group(counts, zoom))
    return Timeline(zoom=zoom, buckets=buckets)


# The explorer's view of one period ------------------------------------------------------------

@dataclass(frozen=True)
class TopEvent:
    id: str
    title: str
    path: str
    date_label: str
    sources_count: int


@dataclass(frozen=True)
class ExplorerBucket:
    level: str
    start: dt.date
    end: dt.date
    label: str
    count: int
    top: tuple[TopEvent, ...] = ()

    @property
    def more(self) -> int:
        """Events of this bucket not shown among its top events."""
        return max(self.count - len(self.top), 0)


@dataclass(frozen=True)
class Period:
    level: str
    start: dt.date

    @property
    def end(self) -> dt.date:
        return period_end(self.start, self.level)

    @property
    def label(self) -> str:
        return period_label(self.level, self.start)


@dataclass(frozen=True)
class Explorer:
    """What the timeline page shows above its list: where it is on the axis and what is around."""

    period: Period | None  # None: every date
    bucket_level: str
    buckets: tuple[ExplorerBucket, ...]
    density_level: str | None
    density: tuple[Bucket, ...]  # every bar of the visible range, empty ones included
    visible: int  # matching events in the visible range
    matching: int  # matching events at every date
    estimate: bool  # the two numbers above are lower bounds
    previous: Period | None
    next: Period | None
    parent: Period | None  # zooming out; None at the top (every date)
    zoom_in: Period | None  # the finer period a "zoom in" goes to

    @property
    def hidden(self) -> int:
        """Matching events outside the visible period: what this zoom level hides."""
        return max(self.matching - self.visible, 0)


def period_label(level: str, start: dt.date) -> str:
    if level == "century":
        return f"{start.year}\u2013{start.year + 99}"
    if level == "decade":
        return f"the {start.year}s"
    if level == "year":
        return str(start.year)
    if level == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if level == "week":
        return f"week of {date_label(start, start, 'day')}"
    return date_label(start, start, "day")


def _extent(session: Session) -> tuple[dt.date, dt.date] | None:
    """The first and last start days of active events (two index look-ups)."""
    first = session.execute(select(func.min(EventMonthCount.month)).where(EventMonthCount.count > 0)).scalar()
    last = session.execute(select(func.max(EventMonthCount.month)).where(EventMonthCount.count > 0)).scalar()
    if first is None or last is None:
        return None
    return first, period_end(last, "month")


def explore(session: Session, filters: EventFilters, visible: int, estimate: bool) -> Explorer:
    """The explorer around the filters' period. `visible` (and `estimate`) come from the page of
    events already counted for the same filters, so nothing is counted twice."""
    period = Period(filters.zoom, filters.at) if filters.period else None
    extent = None if period else _extent(session)
    if period is None:
        span_years = (extent[1].year - extent[0].year) if extent else 0
        bucket_level = "century" if span_years > 300 else "decade"
        density_level = "decade" if span_years > 150 else "year"
    else:
        bucket_level = CHILD.get(period.level, "day")
        density_level = DENSITY.get(period.level)
    low, high = filters.visible_from, filters.visible_to
    counts = start_counts(session, filters, "day" if density_level in ("week", "day") or bucket_level in ("week", "day") else "month")
    buckets = group(counts, bucket_level, low, high) if period is None or period.level != "day" else []
    # Built once for every bucket's query; the type index is kept out (a bucket's dates or the
    # sources walk are what narrow it down).
    base = base_clauses(session, filters, type_index=False)
    if buckets and not estimate and visible <= FEW_EVENTS:
        # Few events in view: read them once and pick each bucket's best here.
        tops = _top_events_at_once(session, base, buckets)
    else:
        tops = [_top_events(session, base, b.start, b.end, big=b.count > SCAN_BUCKET) for b in buckets]
    explorer_buckets = tuple(
        ExplorerBucket(bucket_level, b.start, b.end, period_label(bucket_level, period_start(b.start, bucket_level)),
                       b.count, tuple(top))
        for b, top in zip(buckets, tops)
    )
    density: list[Bucket] = []
    if density_level is not None:
        found = {b.start: b for b in group(counts, density_level)}
        first = low or (extent[0] if extent else None)
        last = high or (extent[1] if extent else None)
        if first and last and first <= last:
            start = period_start(first, density_level)
            while start is not None and start <= last and len(density) < 400:
                bar = found.get(start)
                density.append(Bucket(start, period_end(start, density_level), bar.count if bar else 0))
                start = shift_period(start, density_level, 1)
    if filters.period:
        matching, everywhere_estimate = count_events(session, filters.viewing(None, None))
    else:
        matching, everywhere_estimate = visible, estimate
    previous = next_ = parent = zoom_in = None
    if period is not None:
        before, after = shift_period(period.start, period.level, -1), shift_period(period.start, period.level, 1)
        previous = Period(period.level, before) if before else None
        next_ = Period(period.level, after) if after else None
        if period.level in PARENT:
            parent = Period(PARENT[period.level], period_start(period.start, PARENT[period.level]))
        if period.level in CHILD:
            # Zoom in where the events are: the first bucket with any, else the period's start.
            child = CHILD[period.level]
            target = explorer_buckets[0].start if explorer_buckets else period.start
            zoom_in = Period(child, period_start(max(target, period.start), child))
    elif explorer_buckets:
        zoom_in = Period(bucket_level, period_start(explorer_buckets[0].start, bucket_level))
    return Explorer(
        period=period, bucket_level=bucket_level, buckets=explorer_buckets,
        density_level=density_level, density=tuple(density), visible=visible, matching=matching,
        estimate=estimate or everywhere_estimate, previous=previous, next=next_, parent=parent, zoom_in=zoom_in,
    )


def _top_events_at_once(session: Session, base, buckets: list[Bucket]) -> list[list[TopEvent]]:
    """Each bucket's most corroborated events from one narrow query over the whole view."""
    low, high = buckets[0].start, buckets[-1].end
    keys = session.execute(
        select(Event.seq, Event.date_start, Event.sources_count)
        .where(*base, Event.date_start >= low, Event.date_start <= high)
    ).all()
    chosen: list[list[tuple]] = []
    for bucket in buckets:
        inside = [k for k in keys if bucket.start <= k.date_start <= bucket.end]
        chosen.append(sorted(inside, key=lambda k: (-k.sources_count, k.date_start, k.seq))[:TOP_PER_BUCKET])
    wanted = [k.seq for picks in chosen for k in picks]
    rows = {row.seq: row for row in session.execute(
        select(Event.seq, Event.id, Event.slug, Event.title, Event.date_start, Event.date_end, Event.precision,
               Event.open_end, Event.sources_count).where(Event.seq.in_(wanted))
    ).all()} if wanted else {}
    return [[_top_view(rows[k.seq]) for k in picks] for picks in chosen]


def _top_view(row) -> TopEvent:
    return TopEvent(id=row.id, title=row.title, path=f"/events/{row.id}/{row.slug}",
                    date_label=date_label(row.date_start, row.date_end, row.precision, row.open_end),
                    sources_count=row.sources_count)


def _top_events(session: Session, base, start: dt.date, end: dt.date, *, big: bool = False) -> list[TopEvent]:
    """The most corroborated events starting in [start, end] among those the filters select
    (`base`: their clauses but the dates; a bucket counts the events that start in it).

    A small bucket is read by date and sorted; a big one (a decade of a million events) is walked
    from the most sources down (ix_event_status_sources_date) until it meets events of the bucket:
    its dates are then kept out of the index choice, which a planner would otherwise prefer."""
    day = unindexed(Event.date_start) if big else Event.date_start
    rows = session.execute(
        select(Event.id, Event.slug, Event.title, Event.date_start, Event.date_end, Event.precision,
               Event.open_end, Event.sources_count)
        .where(*base, day >= start, day <= end)
        .order_by(Event.sources_count.desc(), Event.date_start, Event.seq)
        .limit(TOP_PER_BUCKET)
    ).all()
    return [_top_view(row) for row in rows]
