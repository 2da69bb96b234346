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

from dataclasses import replace

from sqlalchemy import Integer, func, literal, select, union_all
from sqlmodel import Session

from app.calendar import CHILD, PARENT, ZOOM_LEVELS, period_end, period_start, shift_period
from app.errors import BadFilter
from app.labels import date_label, period_label
from app.models import Article, CollectionMonthCount, Event, EventMonthCount
from app.permalinks import event_path
from app.queries import counts
from app.queries.axis import AXIS_LIMIT, axis_rows
from app.queries.catalog import validate_filter_values
from app.queries.events import count_events, count_reaching_in
from app.queries.filters import EventFilters
from app.queries.freshness import KeptFigures
from app.db import dialect_of
from app.db.search import unindexed
from app.queries.plan import ACTOR_COUNTS, DAY_AND_MONTH_COUNTS, MATCHING_ROWS, Plan, Source, plan_for
from app.queries.view_keys import ranked_keys, read_keys
from app.queries.views import Background, Bucket, Explorer, ExplorerBucket, Period, Timeline, TopEvent

TOP_PER_BUCKET = 2  # the most important events a bucket shows
# "N matching events lie outside this period" is counted up to this many beyond the visible ones
# when no kept aggregate answers the filters (an actor and a type, a search): it is a hint.
HIDDEN_CAP = 2_000
# A view of at most this many events finds its buckets' best in one query, read whole and
# picked here. Above it a query per bucket is cheaper: at 5,000, a common word searched
# in a collection of 19,000 events (3,100 matches) cost 16 % more read whole (docs/benchmarks.md).
FEW_EVENTS = 2_000
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
    low, high = plan.filters.visible_from, plan.filters.visible_to
    counted = dialect_of(session).search.year_counts(session, plan.filters.q, plan.collection, low, high,
                                                     first_year, last_year)
    if counted is not None:
        return Counter({dt.date(year, 1, 1): number for year, number in counted.items()})
    # Each year's own range on a read without the view's: FTS5 seeks to one lower bound only, and
    # would walk from the view's start (the overview's foreground) for every year. All the years'
    # counts go in one statement: one round trip to a database server, not fifty.
    unbounded = plan.source().query
    years = range(first_year, last_year + 1)
    counts = []
    for year in years:
        start = max(dt.date(year, 1, 1), low) if low else dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), high) if high else dt.date(year, 12, 31)
        counts.append(select(func.count()).select_from(unbounded.where(*source.within(start, end)).subquery())
                      .scalar_subquery())
    numbers = session.execute(select(*counts)).one()
    return Counter({dt.date(year, 1, 1): int(number) for year, number in zip(years, numbers) if number})


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

def _extent(session: Session, filters: EventFilters) -> tuple[dt.date, dt.date] | None:
    """The first and last start days of the matching events in the visible range: the axis fits
    them, not every event ever stored. Type and date filters read the month counts (two index
    look-ups); others the first and last match in date order."""
    low, high = filters.visible_from, filters.visible_to
    plan = plan_for(session, filters)
    if plan.empty:
        return None
    if plan.counted_by == DAY_AND_MONTH_COUNTS:
        table = EventMonthCount if plan.collection is None else CollectionMonthCount
        query = select(func.min(table.month), func.max(table.month)).where(table.count > 0)
        if plan.collection is not None:
            query = query.where(CollectionMonthCount.collection_id == plan.collection)
        if filters.types:
            query = query.where(table.type.in_(filters.types))
        if low is not None:
            query = query.where(table.month >= period_start(low, "month"))
        if high is not None:
            query = query.where(table.month <= high)
        first, last = session.execute(query).one()
        if first is None or last is None:
            return None
        last = period_end(last, "month")
        return (max(first, low) if low else first), (min(last, high) if high else last)
    source = plan.source(low=low, high=high)
    first = session.execute(source.query.with_only_columns(source.day_key).order_by(*source.order).limit(1)).scalar()
    if first is None:
        return None
    last = session.execute(source.query.with_only_columns(source.day_key)
                           .order_by(*(column.desc() for column in source.order)).limit(1)).scalar()
    return source.day_of(first), source.day_of(last)


def matching_extent(session: Session, filters: EventFilters) -> tuple[dt.date, dt.date] | None:
    """The first and last start days of the matching events in the visible range."""
    return _extent(session, filters)


# The overview's axis spans the matching events from this share of them to 1 - this share.
OUTLIERS = 0.005
GRAINS = ("year", "month", "day")


def _bulk(counts: Counter[dt.date], grain: str, cut_low: int | None = None,
          cut_high: int | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the bulk of these start counts (per day, month or year): the
    range holding all but the first and last OUTLIERS of the events, or all but `cut_low` and
    `cut_high` of them when a coarser pass has already set some aside."""
    total = sum(counts.values())
    if not total:
        return None
    days = sorted(counts)
    cut = int(total * OUTLIERS)
    cut_low = cut if cut_low is None else max(cut_low, 0)
    cut_high = cut if cut_high is None else max(cut_high, 0)
    seen, first, last = 0, days[0], days[-1]
    for day in days:
        seen += counts[day]
        if seen > cut_low:
            first = day
            break
    seen = 0
    for day in reversed(days):
        seen += counts[day]
        if seen > cut_high:
            last = day
            break
    return first, period_end(last, grain) if grain != "day" else last


def _fit_overview(session: Session, filters: EventFilters, plan: Plan):
    """The overview's fitted range, its bucket and density levels, the counts its strip draws
    (within the range, at the density's resolution or finer) and those its buckets add up (every
    visible event, strays included, so that they add up to the heading).

    The range is the bulk of the matching events in whole years when the strip draws years, else in
    whole months, whatever the plan counts with: first at the coarsest grain the counts come cheaply
    at (months from the kept counts, years from a search's index, days over matching rows), then,
    from years, again at months within the years found. So a search whose matches all fall in one
    September fits that September, as the same events unsearched do, not the whole year."""
    grain = "month" if plan.counted_by != MATCHING_ROWS else "year" if plan.years_by_ranges else "day"
    counts = bucket_counts = start_counts(session, filters, grain)
    bucket_grain = grain
    extent = _bulk(counts, grain) or _extent(session, filters)
    if extent is None:
        return None, "decade", "year", counts, bucket_counts
    if grain == "year" and not _drawn_in_years(extent):
        # A few years: their months, and the bulk among them less what the years already set
        # aside on each side.
        cut = int(sum(counts.values()) * OUTLIERS)
        before = sum(n for day, n in counts.items() if day < extent[0])
        after = sum(n for day, n in counts.items() if day > extent[1])
        within = start_counts(session, _within(filters, extent), "month")
        refit = _bulk(within, "month", cut - before, cut - after)
        if refit is not None:
            extent, counts, grain = refit, within, "month"
            if not before and not after:
                bucket_counts, bucket_grain = within, "month"
    extent = _whole_units(extent)
    bucket_level, density_level = _levels_for(*extent)
    if GRAINS.index(_resolution(bucket_level)) > GRAINS.index(bucket_grain):
        # Month buckets over years counted whole: the strays' months too.
        bucket_counts = start_counts(session, filters, _resolution(bucket_level))
    needed = _resolution(density_level)
    if GRAINS.index(needed) > GRAINS.index(grain):
        counts = start_counts(session, _within(filters, extent), needed)
    return extent, bucket_level, density_level, counts, bucket_counts


def _drawn_in_years(extent: tuple[dt.date, dt.date]) -> bool:
    """Whether the overview of these years (whole ones) draws its strip in years or coarser."""
    first, last = extent
    whole = period_start(first, "year"), period_end(period_start(last, "year"), "year")
    return _resolution(_levels_for(*whole)[1]) == "year"


def _whole_units(extent: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The range in whole years when its strip draws years, else in whole months."""
    unit = "year" if _drawn_in_years(extent) else "month"
    first, last = extent
    return period_start(first, unit), period_end(period_start(last, unit), unit)


def _within(filters: EventFilters, extent: tuple[dt.date, dt.date]) -> EventFilters:
    """The filters narrowed to the fitted range, within the visible one (the whole months of the
    range may reach beyond it: their days outside count nothing)."""
    low, high = filters.visible_from, filters.visible_to
    return replace(filters, date_from=max(extent[0], low) if low else extent[0],
                   date_to=min(extent[1], high) if high else extent[1], foreground_from=None)


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


BACKGROUND_MARGIN = dt.timedelta(days=31)


def background_cutoff(session: Session, collection: int | None = None) -> dt.date | None:
    """The first day of the reporting (of one collection, when given): the publication date of its
    first article, less BACKGROUND_MARGIN (reports recount the days just before). Events that
    start earlier are background: history the reports recall, not what they report."""
    scope = [] if collection is None else [Article.collection_id == collection]
    first = session.execute(select(func.min(Article.published)).where(Article.deleted_at.is_(None), *scope)).scalar()
    return first - BACKGROUND_MARGIN if first else None


def explore(session: Session, filters: EventFilters, visible: int, estimate: bool) -> Explorer:
    """The explorer around the filters' period. `visible` (and `estimate`) come from the page of
    events already counted for the same filters, so nothing is counted twice."""
    period = Period(filters.zoom, filters.at) if filters.period else None
    low, high = filters.visible_from, filters.visible_to
    plan = plan_for(session, filters)
    if period is None:
        # The overview fits the bulk of the matching events: a stray date decades away (a misread
        # "next year", a historical aside) must not shrink the war to one bar.
        extent, bucket_level, density_level, counts, bucket_counts = _fit_overview(session, filters, plan)
    else:
        # A period's strip and axis span the period (within the reader's dates), which bounds
        # both ends: the matching events' own first and last days (_extent, one or two
        # statements) would change nothing.
        extent = None
        bucket_level = CHILD.get(period.level, "day")
        density_level = DENSITY.get(period.level)
        finest = max(ZOOM_LEVELS.index(level) for level in (density_level, bucket_level) if level)
        counts = bucket_counts = start_counts(session, filters, _resolution(ZOOM_LEVELS[finest]))
    density: list[Bucket] = []
    fitted = None
    if density_level is not None:
        found = {b.start: b for b in group(counts, density_level)}
        # A period's strip spans the period; the overview's spans the matching events.
        first, last = (low, high) if period is not None else (extent if extent else (low, high))
        if first and last and first <= last:
            fitted = (first, last)
            start = period_start(first, density_level)
            while start is not None and start <= last and len(density) < 400:
                bar = found.get(start)
                density.append(Bucket(start, period_end(start, density_level), bar.count if bar else 0))
                start = shift_period(start, density_level, 1)
    elif low and high:
        fitted = (low, high)
    buckets = group(bucket_counts, bucket_level, low, high) if period is None or period.level != "day" else []
    if buckets and not estimate and (visible <= FEW_EVENTS or not plan.walks_importance(AXIS_LIMIT, visible)):
        # Few events in view, or as many as the time axis reads whole anyway (it walks the
        # importance index only for views large against the population): read them once, pick
        # each bucket's best here, and the axis takes its events from the same keys.
        tops = _top_events_at_once(session, filters, buckets)
    elif buckets:
        # The time axis's events, read now rather than when the page draws it: the most
        # important of the fitted range hold the best of most buckets within it.
        in_range = sum(bar.count for bar in density) or visible  # what the page asks of the axis
        drawn = axis_rows(session, filters, *fitted, matching=in_range) if fitted else []
        tops = _top_events_of_buckets(session, plan, buckets, drawn, fitted)
    else:
        tops = []
    explorer_buckets = tuple(
        ExplorerBucket(bucket_level, b.start, b.end, period_label(bucket_level, period_start(b.start, bucket_level)),
                       b.count, tuple(top))
        for b, top in zip(buckets, tops)
    )
    if filters.period:
        matching, everywhere_estimate = _count_everywhere(session, filters.viewing(None, None), visible + HIDDEN_CAP)
    else:
        matching, everywhere_estimate = visible, estimate
    continuing = 0
    if low is not None and filters.reaches_in and not plan.empty:
        continuing = count_reaching_in(plan, low, HIDDEN_CAP)
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


# A period's count of the matching events of every date ("N more outside this period"), when the
# kept counts answer it exactly: the same for every period of the same filters, so kept between
# requests for as long as the data stays the same (app/queries/freshness.py). A year of every
# type summed all 8,400 month counts of a million events for it each time.
EVERYWHERE = KeptFigures(seconds=30, most=1_000)


def _count_everywhere(session: Session, filters: EventFilters, cap: int) -> tuple[int, bool]:
    if plan_for(session, filters).counted_by not in (DAY_AND_MONTH_COUNTS, ACTOR_COUNTS):
        return count_events(session, filters, cap=cap)  # capped by the view: not the same for every period
    return EVERYWHERE.get(session, (str(session.get_bind().url), filters), lambda: count_events(session, filters, cap=cap))


def _background(session: Session, filters: EventFilters) -> Background | None:
    """The matching events that start before the overview's foreground."""
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


def _top_events_at_once(session: Session, filters: EventFilters, buckets: list[Bucket]) -> list[list[TopEvent]]:
    """Each bucket's most important events from one narrow query over the whole view.

    Thousands of keys are sorted here, so they stay plain tuples, and days stay ISO strings
    (which sort as dates) rather than being parsed one by one."""
    # The view's whole range (unbounded where it is): the buckets hold every event that starts in
    # it (they were counted from them), and the time axis asks within it (app/queries/view_keys.py).
    plan = plan_for(session, filters)
    low, high = filters.visible_from, filters.visible_to
    keys = read_keys(plan, low, high)
    starts = [bucket.start.isoformat() for bucket in buckets]
    ends = [bucket.end.isoformat() for bucket in buckets]
    # The most important of the range first, as many as the time axis draws (it asks for the same
    # ones next): they are a prefix of the range's keys in the order a bucket's pick sorts by, so a
    # bucket that holds two of them has its best; when they are fewer than asked they are all of
    # the range. Only the other buckets need the whole pass over the keys (a year's months and a
    # month's days nearly never do: the pass cost about as much as the axis's pick).
    best = ranked_keys(plan, low, high, AXIS_LIMIT) or []
    picks: list[list[int]] = [[] for _ in buckets]
    for _negative, start, number in best:
        index = bisect_right(starts, start) - 1  # buckets are sorted and disjoint
        if index >= 0 and start <= ends[index] and len(picks[index]) < TOP_PER_BUCKET:
            picks[index].append(number)
    short = {index for index, chosen in enumerate(picks) if len(chosen) < TOP_PER_BUCKET}
    if short and len(best) == AXIS_LIMIT:
        members: dict[int, list[tuple]] = {index: [] for index in short}
        for number, start, importance in keys:
            index = bisect_right(starts, start) - 1
            if index in members and start <= ends[index]:
                members[index].append((-importance, start, number))
        for index, inside in members.items():
            picks[index] = [key[2] for key in heapq.nsmallest(TOP_PER_BUCKET, inside)]
    return _top_views(session, picks)


def _top_views(session: Session, chosen: list[list[int]]) -> list[list[TopEvent]]:
    """TopEvent views for lists of event sequence numbers, read in one query."""
    wanted = [number for picks in chosen for number in picks]
    rows = {row.seq: row for row in session.execute(
        select(Event.seq, Event.id, Event.slug, Event.title, Event.date_start, Event.date_end, Event.precision,
               Event.open_end, Event.sources_count, Event.importance).where(dialect_of(session).one_of(Event.seq, wanted))
    ).all()} if wanted else {}
    return [[_top_view(rows[number]) for number in picks] for picks in chosen]


def _top_view(row) -> TopEvent:
    return TopEvent(id=row.id, title=row.title, path=event_path(row.id, row.slug),
                    date_label=date_label(row.date_start, row.date_end, row.precision, row.open_end),
                    sources_count=row.sources_count, importance=row.importance)


def _top_events_of_buckets(session: Session, plan: Plan, buckets: list[Bucket], drawn: list,
                           fitted: tuple[dt.date, dt.date] | None) -> list[list[TopEvent]]:
    """Each bucket's most important events: from the rows of the time axis (`drawn`: the most
    important events that meet the fitted range, in the buckets' order) for a bucket within that
    range that they hold enough of, from a pick of its own for the others.

    The axis's events are a prefix of the range's events in the order a bucket's pick sorts by
    (importance descending, start day, sequence number), and every event starting in such a
    bucket meets the range: the first of them that start in the bucket are its most important.
    When the axis holds fewer events than it may draw, it holds every one of the range. A year
    of every type at a million events: the axis's 120 hold two of each month nearly always, where
    twelve walks of the importance index passed some 36,000 index entries."""
    complete = len(drawn) < AXIS_LIMIT
    starts = [bucket.start for bucket in buckets]
    found: list[list] = [[] for _ in buckets]
    for row in drawn:
        index = bisect_right(starts, row.date_start) - 1  # buckets are sorted and disjoint
        if index >= 0 and row.date_start <= buckets[index].end and len(found[index]) < TOP_PER_BUCKET:
            found[index].append(row)
    held = [fitted is not None and fitted[0] <= bucket.start and bucket.end <= fitted[1]
            and (complete or len(rows) == TOP_PER_BUCKET) for bucket, rows in zip(buckets, found)]
    tops: list[list[TopEvent]] = [[_top_view(row) for row in rows] if ok else [] for rows, ok in zip(found, held)]
    missing = [number for number, ok in enumerate(held) if not ok]
    if missing:
        population = plan.population()
        walks = [buckets[n].count * buckets[n].count > WALK_FACTOR * population for n in missing]
        picked = _top_events_by_bucket(session, plan, [_top_keys(plan, buckets[n].start, buckets[n].end, walk=walk)
                                                       for n, walk in zip(missing, walks)], walks)
        for number, top in zip(missing, picked):
            tops[number] = top
    return tops


def _top_events_by_bucket(session: Session, plan: Plan, picks: list, walks: list[bool]) -> list[list[TopEvent]]:
    """Each bucket's TopEvents from its own pick (a query of `_top_keys`, walking the importance
    index where `walks` says so), all in one statement.

    Every pick keeps its own plan (a subquery with a LIMIT is not merged into the rest): a
    UNION ALL of them, joined to the events for the columns a TopEvent shows, costs one round
    trip to the database instead of one per bucket and one more for the views.

    The walked picks come first in the UNION ALL, then the read ones, each row naming its bucket:
    the statement's text then depends only on how many of each there are. In bucket order it
    depended on which buckets were walked (a year's months mix both), and each new combination
    was a statement SQLAlchemy compiled anew (about 10 ms for a year's twelve picks: one request in
    eight of a year by importance, 300 requests after the start) and PostgreSQL planned unprepared."""
    if not picks:
        return []
    order = sorted(range(len(picks)), key=lambda number: not walks[number])  # stable: bucket order within a kind
    parts = [select(literal(number, Integer).label("bucket"), picks[number].subquery().c.seq) for number in order]
    chosen = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    rows = session.execute(
        select(chosen.c.bucket, Event.seq, Event.id, Event.slug, Event.title, Event.date_start, Event.date_end,
               Event.precision, Event.open_end, Event.sources_count, Event.importance)
        .join_from(chosen, Event, Event.seq == chosen.c.seq)).all()
    found: list[list] = [[] for _ in picks]
    for row in rows:
        found[row.bucket].append(row)
    # The order each pick had: most important first, then by start day and sequence number.
    return [[_top_view(row) for row in sorted(inside, key=lambda r: (-r.importance, r.date_start, r.seq))]
            for inside in found]


def _top_keys(plan: Plan, start: dt.date, end: dt.date, *, walk: bool = False):
    """The query of the most important events starting in [start, end] among those the filters
    select (a bucket counts the events that start in it): their sequence numbers, labelled `seq`.

    Reading the bucket and sorting costs its number of events; walking the events from the most
    important down (ix_event_status_importance, or its per-type twin; a collection's own ones
    within it) until two fall in the
    bucket costs about population / bucket. The caller walks when the bucket is big enough for
    that to be cheaper: the bucket's dates are then kept out of the index choice, which a
    planner would otherwise prefer."""
    filters = plan.filters
    if walk:
        day, seq = unindexed(Event.date_start), Event.seq
        query = select(Event.seq).where(*plan.probe_clauses(type_index=len(filters.types) == 1, collection_index=True),
                                        day >= start, day <= end)
        order = (Event.importance.desc(), day, seq)
        importance = Event.importance
    else:
        source, importance = plan.ranked_source(start, end)
        query, day, seq = source.query, source.day, source.seq
        order = (unindexed(importance).desc(), day, seq)
    return query.with_only_columns(seq.label("seq"), importance.label("importance")).order_by(*order).limit(TOP_PER_BUCKET)
