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

from sqlalchemy import String, cast, func, select
from sqlmodel import Session

from app.calendar import CHILD, PARENT, ZOOM_LEVELS, period_end, period_start, shift_period
from app.errors import BadFilter
from app.labels import date_label, period_label
from app.models import CollectionMonthCount, Event, EventMonthCount
from app.permalinks import event_path
from app.queries import counts
from app.queries.catalog import validate_filter_values
from app.queries.events import count_events
from app.queries.filters import EventFilters
from app.db.search import unindexed
from app.queries.plan import ACTOR_COUNTS, MATCHING_ROWS, Plan, Source, plan_for
from app.queries.views import Bucket, Explorer, ExplorerBucket, Period, Timeline, TopEvent

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
# Beyond this many years a search's yearly counts are grouped in one query instead.
MAX_YEAR_RANGES = 200


def start_counts(session: Session, filters: EventFilters, resolution: str) -> Counter[dt.date]:
    """Matching events per start day ("day"), month ("month") or year ("year"; the counts of a
    year may come keyed by its months) within the visible range."""
    low, high = filters.visible_from, filters.visible_to
    plan = plan_for(session, filters)
    if plan.empty:
        return Counter()
    if plan.counted_by != MATCHING_ROWS:  # a kept count answers
        actor = filters.actors[0] if plan.counted_by == ACTOR_COUNTS else None
        return counts.per_period(session, low, high, resolution, types=filters.types, actor=actor,
                                 collection=plan.collection)
    # Counted where they start, over the matching events, read the way the plan says.
    source = plan.source(low=low, high=high)
    if plan.years_by_ranges and resolution == "year":
        years = _year_counts_by_ranges(plan, source)
        if years is not None:
            return years
    found: Counter[dt.date] = Counter()
    for key, count in session.execute(source.query.with_only_columns(source.day_key, func.count())
                                      .group_by(source.day_key)).all():
        start = source.day_of(key)
        found[start if resolution == "day" else start.replace(day=1)] += int(count)
    return found


def _year_counts_by_ranges(plan: Plan, source: Source) -> Counter[dt.date] | None:
    """A search's matches per start year (the source already holds the visible range), one
    range count per year between its first and its last match. Grouping by day would sort every
    match (100,000 for a common word, 30 ms); counting a key range only walks the word's list of
    events, which is in key order already."""
    session = plan.session
    first = session.execute(source.query.with_only_columns(source.day_key).order_by(*source.order).limit(1)).scalar()
    if first is None:
        return Counter()
    last = session.execute(source.query.with_only_columns(source.day_key)
                           .order_by(*(column.desc() for column in source.order)).limit(1)).scalar()
    first_year, last_year = source.day_of(first).year, source.day_of(last).year
    if last_year - first_year >= MAX_YEAR_RANGES:
        return None
    found: Counter[dt.date] = Counter()
    for year in range(first_year, last_year + 1):
        number = session.execute(select(func.count()).select_from(
            source.query.where(*source.within(dt.date(year, 1, 1), dt.date(year, 12, 31))).subquery())).scalar_one()
        if number:
            found[dt.date(year, 1, 1)] = number
    return found


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
    return Timeline(zoom=zoom, buckets=buckets, total=sum(bucket.count for bucket in buckets))


# The explorer's view of one period ------------------------------------------------------------









def _extent(session: Session, collection: int | None) -> tuple[dt.date, dt.date] | None:
    """The first and last start months of active events (of one collection)."""
    table = EventMonthCount if collection is None else CollectionMonthCount
    scope = [] if collection is None else [CollectionMonthCount.collection_id == collection]
    first = session.execute(select(func.min(table.month)).where(*scope, table.count > 0)).scalar()
    last = session.execute(select(func.max(table.month)).where(*scope, table.count > 0)).scalar()
    if first is None or last is None:
        return None
    return first, period_end(last, "month")


def explore(session: Session, filters: EventFilters, visible: int, estimate: bool) -> Explorer:
    """The explorer around the filters' period. `visible` (and `estimate`) come from the page of
    events already counted for the same filters, so nothing is counted twice."""
    period = Period(filters.zoom, filters.at) if filters.period else None
    extent = None if period else _extent(session, plan_for(session, filters).collection)
    if period is None:
        span_years = (extent[1].year - extent[0].year) if extent else 0
        bucket_level = "century" if span_years > 300 else "decade"
        density_level = "decade" if span_years > 150 else "year"
    else:
        bucket_level = CHILD.get(period.level, "day")
        density_level = DENSITY.get(period.level)
    low, high = filters.visible_from, filters.visible_to
    finest = max(ZOOM_LEVELS.index(level) for level in (density_level, bucket_level) if level)
    counts = start_counts(session, filters, _resolution(ZOOM_LEVELS[finest]))
    buckets = group(counts, bucket_level, low, high) if period is None or period.level != "day" else []
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
        matching, everywhere_estimate = count_events(session, filters.viewing(None, None), cap=visible + HIDDEN_CAP)
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


def _population(session: Session, filters: EventFilters) -> int:
    """About how many events a walk from the most sources down passes over: the active events of
    the chosen types, or all of them (the highest sequence number, one index look-up); within a
    collection, its events (of the chosen types), from its month counts."""
    collection = plan_for(session, filters).collection
    if filters.types or collection is not None:
        return max(counts.total(session, None, None, types=filters.types, collection=collection), 1)
    return max(session.execute(select(func.max(Event.seq))).scalar() or 1, 1)


def _top_events_at_once(session: Session, filters: EventFilters, buckets: list[Bucket]) -> list[list[TopEvent]]:
    """Each bucket's most corroborated events from one narrow query over the whole view.

    Thousands of keys are sorted here, so they stay plain tuples, and days stay ISO strings
    (which sort as dates) rather than being parsed one by one."""
    low, high = buckets[0].start, buckets[-1].end
    source = plan_for(session, filters).source(Event.seq, low=low, high=high)
    keys = session.execute(
        source.query.with_only_columns(source.seq, cast(source.day, String), Event.sources_count)).all()
    starts = [bucket.start.isoformat() for bucket in buckets]
    ends = [bucket.end.isoformat() for bucket in buckets]
    members: list[list[tuple]] = [[] for _ in buckets]
    for number, start, sources in keys:
        index = bisect_right(starts, start) - 1  # buckets are sorted and disjoint
        if index >= 0 and start <= ends[index]:
            members[index].append((-sources, start, number))
    return _top_views(session, [[key[2] for key in heapq.nsmallest(TOP_PER_BUCKET, inside)] for inside in members])


def _top_views(session: Session, chosen: list[list[int]]) -> list[list[TopEvent]]:
    """TopEvent views for lists of event sequence numbers, read in one query."""
    wanted = [number for picks in chosen for number in picks]
    rows = {row.seq: row for row in session.execute(
        select(Event.seq, Event.id, Event.slug, Event.title, Event.date_start, Event.date_end, Event.precision,
               Event.open_end, Event.sources_count).where(Event.seq.in_(wanted))
    ).all()} if wanted else {}
    return [[_top_view(rows[number]) for number in picks] for picks in chosen]


def _top_view(row) -> TopEvent:
    return TopEvent(id=row.id, title=row.title, path=event_path(row.id, row.slug),
                    date_label=date_label(row.date_start, row.date_end, row.precision, row.open_end),
                    sources_count=row.sources_count)


def _top_keys(session: Session, filters: EventFilters, start: dt.date, end: dt.date, *,
              walk: bool = False) -> list[int]:
    """The most corroborated events starting in [start, end] among those the filters select
    (a bucket counts the events that start in it).

    Reading the bucket and sorting costs its number of events; walking the events from the most
    sources down (ix_event_status_sources_date, or its per-type twin) until two fall in the bucket
    costs about population / bucket. The caller walks when the bucket is big enough for that to
    be cheaper: the bucket's dates are then kept out of the index choice, which a planner would
    otherwise prefer."""
    plan = plan_for(session, filters)
    if walk:
        day, seq = unindexed(Event.date_start), Event.seq
        query = select(Event.seq).where(*plan.probe_clauses(), day >= start, day <= end)
    else:
        source = plan.source(Event.seq, low=start, high=end)
        query, day, seq = source.query, source.day, source.seq
    keys = session.execute(
        query.with_only_columns(seq.label("seq"), Event.sources_count)
        .order_by(Event.sources_count.desc(), day, seq)
        .limit(TOP_PER_BUCKET)
    ).all()
    return [key.seq for key in keys]
