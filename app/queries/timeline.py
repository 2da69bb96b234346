"""The zoomable chronology: bucket counts per century, decade, year, month, week or day, and the
explorer's view of one period (its buckets with their most corroborated events, a density strip,
how many matching events lie outside it).

Events are counted in the bucket where they start. Type and date filters read the pre-aggregated
counts (event_month_count for months and coarser, event_day_count for weeks and days), so zooming
out never scans the events; other filters count matching events grouped by start day.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlmodel import Session

from app.dates import MONTHS, date_label
from app.errors import BadFilter
from app.models import ActorMonthCount, ActorTimeline, Event, EventDayCount, EventMonthCount
from app.queries.events import (
    base_clauses, count_events, earlier_clauses, event_source, month_split, sum_counts, unindexed,
    validate_filter_values,
)
from app.search import event_search, first_key, last_key
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
# "N matching events lie outside this period" is counted up to this many beyond the visible ones
# when no kept aggregate answers the filters (an actor and a type, a search): it is a hint.
HIDDEN_CAP = 2_000
FEW_EVENTS = 5_000  # a view with at most this many events finds its buckets' best in one query
# A bucket of n events among a population of N is walked from the most sources down when
# n * n > WALK_FACTOR * N (the walk passes about N / n events per pick; reading the bucket, n).
WALK_FACTOR = 4
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
    """Matching events per start day ("day"), month ("month") or year ("year"; the counts of a
    year may come keyed by its months) within the visible range."""
    low, high = filters.visible_from, filters.visible_to
    counts: Counter[dt.date] = Counter()
    if filters.visible_empty:
        return counts
    if filters.only_types_and_dates:
        month_rows = lambda start, end: _month_rows(session, filters.types, start, end)  # noqa: E731
        day_rows = lambda start, end: _day_rows(session, filters.types, start, end)  # noqa: E731
    elif filters.only_one_actor_and_dates:
        actor = filters.actors[0]
        month_rows = lambda start, end: _actor_month_rows(session, actor, start, end)  # noqa: E731
        day_rows = lambda start, end: _actor_day_rows(session, actor, start, end)  # noqa: E731
    else:
        # Counted where they start, over the matching events (driven by an actor's timeline when
        # there is an actor filter).
        source = event_source(session, filters, low=low, high=high)
        if source.day_ordinal is not None and resolution == "year":
            years = _search_year_counts(session, source, filters, low, high)
            if years is not None:
                return years
        if source.day_ordinal is not None:  # plain numbers: a common word matches 100,000 events
            rows = session.execute(source.query.with_only_columns(source.day_ordinal, func.count())
                                   .group_by(source.day_ordinal)).all()
            rows = [(dt.date.fromordinal(ordinal), count) for ordinal, count in rows]
        else:
            rows = session.execute(source.query.with_only_columns(source.day, func.count())
                                   .group_by(source.day)).all()
        for start, count in rows:
            counts[start if resolution == "day" else start.replace(day=1)] += int(count)
        return counts
    if resolution != "day":
        # Whole months from the month counts; a range edge inside a month from the day counts.
        for start, end, whole in month_split(low, high):
            for day, count in (month_rows if whole else day_rows)(start, end):
                counts[day.replace(day=1)] += count
        return counts
    for day, count in day_rows(low, high):
        counts[day] += count
    return counts


# Beyond this many years a search's yearly counts are grouped in one query instead.
MAX_YEAR_RANGES = 200


def _search_year_counts(session: Session, source, filters: EventFilters, low: dt.date | None,
                        high: dt.date | None) -> Counter[dt.date] | None:
    """A search's matches per start year (the source already holds the visible range), one
    key-range count per year between its first and its last match. Grouping by day would sort
    every match (100,000 for a common word, 30 ms); counting a key range only walks the word's
    list of events, which is in key order already."""
    first = session.execute(source.query.with_only_columns(source.day_ordinal).order_by(*source.order).limit(1)).scalar()
    if first is None:
        return Counter()
    last = session.execute(source.query.with_only_columns(source.day_ordinal)
                           .order_by(*(column.desc() for column in source.order)).limit(1)).scalar()
    first_year, last_year = dt.date.fromordinal(first).year, dt.date.fromordinal(last).year
    if last_year - first_year >= MAX_YEAR_RANGES:
        return None
    counts: Counter[dt.date] = Counter()
    # Each year's own key range on a read without the view's: FTS5 seeks to one lower bound
    # only, and would walk from the view's start (the overview's foreground) for every year.
    unbounded = event_source(session, filters).query
    for year in range(first_year, last_year + 1):
        start = max(dt.date(year, 1, 1), low) if low else dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), high) if high else dt.date(year, 12, 31)
        found = session.execute(select(func.count()).select_from(
            unbounded.where(event_search.c.rowid >= first_key(start),
                            event_search.c.rowid <= last_key(end)).subquery())).scalar_one()
        if found:
            counts[dt.date(year, 1, 1)] = found
    return counts


def _bounded(query, column, low: dt.date | None, high: dt.date | None):
    if low is not None:
        query = query.where(column >= low)
    if high is not None:
        query = query.where(column <= high)
    return query


def _month_rows(session: Session, types, low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date, int]]:
    query = select(EventMonthCount.month, func.sum(EventMonthCount.count)).group_by(EventMonthCount.month)
    if types:
        query = query.where(EventMonthCount.type.in_(types))
    return [(month, int(count)) for month, count in session.execute(
        _bounded(query, EventMonthCount.month, low, high)).all() if count]


def _day_rows(session: Session, types, low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date, int]]:
    query = select(EventDayCount.day, func.sum(EventDayCount.count)).group_by(EventDayCount.day)
    if types:
        query = query.where(EventDayCount.type.in_(types))
    return [(day, int(count)) for day, count in session.execute(
        _bounded(query, EventDayCount.day, low, high)).all() if count]


def _actor_month_rows(session: Session, actor: str, low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date, int]]:
    query = select(ActorMonthCount.month, ActorMonthCount.count).where(ActorMonthCount.actor_id == actor)
    return [(month, int(count)) for month, count in session.execute(
        _bounded(query, ActorMonthCount.month, low, high)).all() if count]


def _actor_day_rows(session: Session, actor: str, low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date, int]]:
    query = (select(ActorTimeline.date_start, func.count()).where(ActorTimeline.actor_id == actor)
             .group_by(ActorTimeline.date_start))
    return [(day, int(count)) for day, count in session.execute(
        _bounded(query, ActorTimeline.date_start, low, high)).all()]


def _resolution(level: str) -> str:
    return {"century": "year", "decade": "year", "year": "year", "month": "month"}.get(level, "day")


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
    importance: int = 0


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
    continuing: int = 0  # of `visible`, the events that started before the period and reach into it
    fitted: tuple[dt.date, dt.date] | None = None  # the range the axis and the strip span
    background: "Background | None" = None

    @property
    def starting(self) -> int:
        """Matching events that start in the visible range: what its bucket counted."""
        return max(self.visible - self.continuing, 0)

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


def _extent(session: Session, filters: EventFilters) -> tuple[dt.date, dt.date] | None:
    """The first and last start days of the matching events in the visible range: the axis fits
    them, not every event ever stored. Type and date filters read the month counts (two index
    look-ups); others the first and last match in date order."""
    low, high = filters.visible_from, filters.visible_to
    if filters.visible_empty:
        return None
    if filters.only_types_and_dates:
        query = select(func.min(EventMonthCount.month), func.max(EventMonthCount.month)).where(EventMonthCount.count > 0)
        if filters.types:
            query = query.where(EventMonthCount.type.in_(filters.types))
        if low is not None:
            query = query.where(EventMonthCount.month >= period_start(low, "month"))
        if high is not None:
            query = query.where(EventMonthCount.month <= high)
        first, last = session.execute(query).one()
        if first is None or last is None:
            return None
        return (max(first, low) if low else first), min(period_end(last, "month"), high) if high else period_end(last, "month")
    source = event_source(session, filters, low=low, high=high)
    first = session.execute(source.query.with_only_columns(source.day).order_by(*source.order).limit(1)).scalar()
    if first is None:
        return None
    last = session.execute(source.query.with_only_columns(source.day)
                           .order_by(*(column.desc() for column in source.order)).limit(1)).scalar()
    if isinstance(first, int):  # the search index's day ordinal
        first, last = dt.date.fromordinal(first), dt.date.fromordinal(last)
    return first, last


def matching_extent(session: Session, filters: EventFilters) -> tuple[dt.date, dt.date] | None:
    """The first and last start days of the matching events in the visible range."""
    return _extent(session, filters)


# The overview's axis spans the matching events from this share of them to 1 - this share.
OUTLIERS = 0.005


GRAINS = ("year", "month", "day")


def _bulk(counts: Counter[dt.date], grain: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the bulk of these start counts (per day, month or year): the
    range holding all but the first and last OUTLIERS of the events."""
    total = sum(counts.values())
    if not total:
        return None
    days = sorted(counts)
    cut = int(total * OUTLIERS)
    seen, first, last = 0, days[0], days[-1]
    for day in days:
        seen += counts[day]
        if seen > cut:
            first = day
            break
    seen = 0
    for day in reversed(days):
        seen += counts[day]
        if seen > cut:
            last = day
            break
    return first, period_end(last, grain) if grain != "day" else last


# The overview picks the coarsest level that still draws the fitted range in at most this many
# buckets, and the finest density bars that stay within the strip's bar budget.
MAX_BUCKETS = 12
MAX_BARS = 160


def _levels_for(first: dt.date, last: dt.date) -> tuple[str, str]:
    """(bucket level, density level) for an overview of [first, last]."""
    days = (last - first).days + 1
    per = {"day": 1, "week": 7, "month": 30.4, "year": 365.25, "decade": 3652.5, "century": 36525}
    bucket = next((level for level in ("month", "year", "decade", "century") if days / per[level] <= MAX_BUCKETS),
                  "century")
    density = next((level for level in ("day", "week", "month", "year", "decade") if days / per[level] <= MAX_BARS),
                   "decade")
    if ZOOM_LEVELS.index(density) <= ZOOM_LEVELS.index(bucket) and bucket in CHILD:
        density = CHILD[bucket]  # bars finer than the buckets, or the strip says nothing more
    return bucket, density


def background_cutoff(session: Session) -> dt.date | None:
    """The first day of the collection's reporting: the publication date of its first article,
    less BACKGROUND_MARGIN (reports recount the days just before). Events that start earlier are
    background: history the reports recall, not what they report."""
    from app.models import Article

    first = session.execute(select(func.min(Article.published)).where(Article.deleted_at.is_(None))).scalar()
    return first - BACKGROUND_MARGIN if first else None


BACKGROUND_MARGIN = dt.timedelta(days=31)


@dataclass(frozen=True)
class Background:
    """The events before the collection's first reports, folded away on the overview."""

    cutoff: dt.date  # the first day in the foreground
    count: int
    estimate: bool
    top: tuple[TopEvent, ...]


def explore(session: Session, filters: EventFilters, visible: int, estimate: bool) -> Explorer:
    """The explorer around the filters' period. `visible` (and `estimate`) come from the page of
    events already counted for the same filters, so nothing is counted twice."""
    period = Period(filters.zoom, filters.at) if filters.period else None
    low, high = filters.visible_from, filters.visible_to
    if period is None:
        # The overview fits the bulk of the matching events: a stray date decades away (a
        # misread "next year", a historical aside) must not shrink the war to one bar.
        # First at the coarsest grain the counts come cheaply at (months from the kept counts,
        # years from a search's index), finer only within the bulk if the strip needs it.
        kept_counts = filters.only_types_and_dates or filters.only_one_actor_and_dates
        first_grain = "month" if kept_counts else "year" if filters.only_search_and_dates else "day"
        counts = start_counts(session, filters, first_grain)
        extent = _bulk(counts, first_grain) or _extent(session, filters)
        bucket_level, density_level = _levels_for(*extent) if extent else ("decade", "year")
        needed = _resolution(density_level)
        bucket_counts = counts  # every visible event, strays included: the buckets add up to the heading
        if extent and GRAINS.index(needed) > GRAINS.index(first_grain):
            counts = start_counts(session, replace(filters, date_from=extent[0], date_to=extent[1],
                                                   foreground_from=None), needed)
    else:
        extent = _extent(session, filters)
        bucket_level = CHILD.get(period.level, "day")
        density_level = DENSITY.get(period.level)
        finest = max(ZOOM_LEVELS.index(level) for level in (density_level, bucket_level) if level)
        counts = bucket_counts = start_counts(session, filters, _resolution(ZOOM_LEVELS[finest]))
    buckets = group(bucket_counts, bucket_level, low, high) if period is None or period.level != "day" else []
    if buckets and not estimate and visible <= FEW_EVENTS:
        # Few events in view: read them once and pick each bucket's best here.
        tops = _top_events_at_once(session, filters, buckets)
    elif buckets:
        population = _population(session, filters)
        tops = _top_views(session, [
            _top_keys(session, filters, b.start, b.end, walk=b.count * b.count > WALK_FACTOR * population)
            for b in buckets])
    else:
        tops = []
    explorer_buckets = tuple(
        ExplorerBucket(bucket_level, b.start, b.end, period_label(bucket_level, period_start(b.start, bucket_level)),
                       b.count, tuple(top))
        for b, top in zip(buckets, tops)
    )
    density: list[Bucket] = []
    fitted = None
    if density_level is not None:
        found = {b.start: b for b in group(counts, density_level)}
        # A period's strip spans the period; the overview's spans the matching events.
        first = low if period is not None and low else (extent[0] if extent else low)
        last = high if period is not None and high else (extent[1] if extent else high)
        if first and last and first <= last:
            fitted = (first, last)
            start = period_start(first, density_level)
            while start is not None and start <= last and len(density) < 400:
                bar = found.get(start)
                density.append(Bucket(start, period_end(start, density_level), bar.count if bar else 0))
                start = shift_period(start, density_level, 1)
    elif low and high:
        fitted = (low, high)
    if filters.period:
        matching, everywhere_estimate = count_events(session, filters.viewing(None, None), cap=visible + HIDDEN_CAP)
    else:
        matching, everywhere_estimate = visible, estimate
    continuing = 0
    if low is not None and filters.reaches_in and not filters.visible_empty:
        continuing = session.execute(select(func.count()).select_from(
            select(Event.seq).where(*earlier_clauses(session, filters, low, high)).limit(HIDDEN_CAP).subquery())).scalar_one()
    previous = next_ = parent = zoom_in = None
    densest = max(explorer_buckets, key=lambda b: (b.count, -b.start.toordinal())) if explorer_buckets else None
    if period is not None:
        before, after = shift_period(period.start, period.level, -1), shift_period(period.start, period.level, 1)
        previous = Period(period.level, before) if before else None
        next_ = Period(period.level, after) if after else None
        if period.level in PARENT:
            parent = Period(PARENT[period.level], period_start(period.start, PARENT[period.level]))
        if period.level in CHILD:
            # Zoom in where the events are: the busiest bucket, else the period's start.
            child = CHILD[period.level]
            target = densest.start if densest else period.start
            zoom_in = Period(child, period_start(max(target, period.start), child))
    elif densest:
        zoom_in = Period(bucket_level, period_start(densest.start, bucket_level))
    return Explorer(
        period=period, bucket_level=bucket_level, buckets=explorer_buckets,
        density_level=density_level, density=tuple(density), visible=visible, matching=matching,
        estimate=estimate or everywhere_estimate, previous=previous, next=next_, parent=parent, zoom_in=zoom_in,
        continuing=continuing, fitted=fitted,
        background=_background(session, filters) if filters.foreground_from and not filters.period else None,
    )


def _background(session: Session, filters: EventFilters) -> Background | None:
    """The matching events that start before the overview's foreground."""
    from dataclasses import replace

    from app.queries.ordering import most_important

    cutoff = filters.foreground_from
    before = replace(filters, foreground_from=None, date_from=None, date_to=cutoff - dt.timedelta(days=1),
                     zoom=None, at=None, cursor=None)
    if filters.date_to and filters.date_to < before.date_to:
        before = replace(before, date_to=filters.date_to)
    count, estimate = count_events(session, before, cap=HIDDEN_CAP)
    if not count:
        return None
    top = most_important(session, before, None, before.date_to, TOP_PER_BUCKET + 1, matching=count,
                         starting_only=True)
    return Background(cutoff, count, estimate, tuple(_top_view(row) for row in top))


def _population(session: Session, filters: EventFilters) -> int:
    """About how many events a walk from the most sources down passes over: the active events of
    the chosen types, or all of them (the highest sequence number, one index look-up)."""
    if filters.types:
        return max(sum_counts(session, filters.types, None, None), 1)
    return max(session.execute(select(func.max(Event.seq))).scalar() or 1, 1)


def _top_events_at_once(session: Session, filters: EventFilters, buckets: list[Bucket]) -> list[list[TopEvent]]:
    """Each bucket's most corroborated events from one narrow query over the whole view.

    Thousands of keys are sorted here, so they stay plain tuples, and days stay ISO strings
    (which sort as dates) rather than being parsed one by one."""
    low, high = buckets[0].start, buckets[-1].end
    source = event_source(session, filters, Event.seq, low=low, high=high)
    keys = session.execute(
        source.query.with_only_columns(source.seq, cast(source.day, String), Event.importance)).all()
    starts = [bucket.start.isoformat() for bucket in buckets]
    ends = [bucket.end.isoformat() for bucket in buckets]
    members: list[list[tuple]] = [[] for _ in buckets]
    for number, start, importance in keys:
        index = bisect_right(starts, start) - 1  # buckets are sorted and disjoint
        if index >= 0 and start <= ends[index]:
            members[index].append((-importance, start, number))
    return _top_views(session, [[key[2] for key in heapq.nsmallest(TOP_PER_BUCKET, inside)] for inside in members])


def _top_views(session: Session, chosen: list[list[int]]) -> list[list[TopEvent]]:
    """TopEvent views for lists of event sequence numbers, read in one query."""
    wanted = [number for picks in chosen for number in picks]
    rows = {row.seq: row for row in session.execute(
        select(Event.seq, Event.id, Event.slug, Event.title, Event.date_start, Event.date_end, Event.precision,
               Event.open_end, Event.sources_count, Event.importance).where(Event.seq.in_(wanted))
    ).all()} if wanted else {}
    return [[_top_view(rows[number]) for number in picks] for picks in chosen]


def _top_view(row) -> TopEvent:
    return TopEvent(id=row.id, title=row.title, path=f"/events/{row.id}/{row.slug}",
                    date_label=date_label(row.date_start, row.date_end, row.precision, row.open_end),
                    sources_count=row.sources_count, importance=row.importance)


def _top_keys(session: Session, filters: EventFilters, start: dt.date, end: dt.date, *,
              walk: bool = False) -> list[int]:
    """The most important events starting in [start, end] among those the filters select
    (a bucket counts the events that start in it).

    Reading the bucket and sorting costs its number of events; walking the events from the most
    important down (ix_event_status_importance, or its per-type twin) until two fall in the
    bucket costs about population / bucket. The caller walks when the bucket is big enough for
    that to be cheaper: the bucket's dates are then kept out of the index choice, which a
    planner would otherwise prefer."""
    if walk:
        day, seq = unindexed(Event.date_start), Event.seq
        query = select(Event.seq).where(*base_clauses(session, filters, type_index=len(filters.types) == 1),
                                        day >= start, day <= end)
        order = (Event.importance.desc(), day, seq)
    else:
        source = event_source(session, filters, Event.seq, low=start, high=end)
        query, day, seq = source.query, source.day, source.seq
        order = (unindexed(Event.importance).desc(), day, seq)
    keys = session.execute(
        query.with_only_columns(seq.label("seq"), Event.importance).order_by(*order).limit(TOP_PER_BUCKET)
    ).all()
    return [key.seq for key in keys]
