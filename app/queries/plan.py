"""The read planner: how a filtered question about events is answered, decided in one place.

`plan_for(session, filters)` looks at the filters once and says
- which kept aggregate counts the matching events (`counted_by`): the per-day and per-month
  counts when only types and dates are asked, one actor's month counts and timeline when only
  that actor and dates are, otherwise none (the matching rows are counted, up to a cap);
- what drives a read of them in date order (`source`): the search index, an actor's timeline,
  or the event table, the narrowest first:
  - a full-text search: the search index yields the matches within the days asked, and a search
    with dates only never reads the event table (unless an actor chosen with it has fewer
    events than the search has matches: then the actor's timeline drives and each of its events
    is probed in the index);
  - an actor filter: the actor's timeline, "Russia's military actions in March 2022, in date
    order", is one index range that stops at the page size however many events Russia has
    (with several actors, the one with the fewest events drives and the others are probed);
  - otherwise the event table, by its date or type indexes.
The read layer's questions (app/queries/events.py, timeline.py, facets.py, ordering.py, places.py,
exports) ask the plan and never choose a path themselves (among them: whether the most important
events are found by walking the importance index, and whether kept per-place counts answer); the
database's own differences stay behind the dialect's SearchIndex (app/db/search.py).

A collection (`filters.collection`) is a scope, not a filter: every path above has its own
per-collection form (migration 0008), so a question within one collection costs what the same
question cost over an installation of that collection's size. The kept counts are read per
collection (counts.py), the event table by its (collection, status, date | type | sources)
indexes, an actor's timeline by (collection, actor, [type,] day), and the search index reads the
collection's matches alone (SQLite matches the collection's token together with the words,
PostgreSQL reads a word's postings by collection, migration 0021); the importance walk goes down the collection's
own importance index, and the map's counts are the collection's place counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, and_, false, or_, select, union_all
from sqlmodel import Session

from app.db import dialect_of
from app.db.search import SearchRead, unindexed
from app.models import (
    SPAN_LIMITS, Actor, ActorTimeline, Article, CollectionActor, Event, EventLocation, Location, Mention,
)
from app.queries.collections import collection_id
from app.queries.filters import EventFilters

# Which kept aggregate counts the matching events.
DAY_AND_MONTH_COUNTS = "event_day_count and event_month_count"
ACTOR_COUNTS = "actor_month_count and actor_timeline"
MATCHING_ROWS = "the matching rows"
# Which kept counts answer "how many events at each place" (the map).
PLACE_COUNTS = "location.events_count and location_month_count"


@dataclass(frozen=True)
class Source:
    """A filtered read of events in date order: `query` selects the matching events starting
    within the requested days; `day` and `seq` are their start day and sequence number, `order`
    the ORDER BY of date order. `day_key` is what per-day counts group by (a plain number where
    the search index's key holds the day) and `day_of` turns its values into dates."""

    query: Select
    day: Any
    seq: Any
    order: tuple
    day_key: Any
    day_of: Callable[[Any], dt.date]
    read: SearchRead | None = None  # the search index's read, when it drives
    # The matching events' importance as the query holds it without another join (the event
    # table's column, or PostgreSQL's postings' copy); None when only a join would give it.
    importance: Any = None

    def after(self, day: dt.date, seq: int):
        """The clause of a cursor: events after (day, seq) in date order."""
        if self.read is not None:
            return self.read.after(day, seq)
        return or_(self.day > day, and_(self.day == day, self.seq > seq))

    def before(self, day: dt.date, seq: int):
        """The clause of a cursor in newest-first order: events before (day, seq) in date order."""
        if self.read is not None and self.read.before is not None:
            return self.read.before(day, seq)
        return or_(self.day < day, and_(self.day == day, self.seq < seq))

    def within(self, low: dt.date | None, high: dt.date | None) -> list:
        """The clauses of events starting within [low, high] (a key range in the search index)."""
        if self.read is not None:
            return self.read.within(low, high)
        return _days(self.day, low, high)


def _same(value):
    return value


@dataclass(frozen=True)
class Plan:
    session: Session
    filters: EventFilters
    counted_by: str
    actor: str | None  # the actor whose timeline drives reads
    search_drives: bool  # the search index drives reads (else any search is probed per event)
    # A search's counts per year come from one key-range count per year, which reads only the
    # index (where the index can count ranges cheaply and nothing but dates filters the search).
    years_by_ranges: bool
    collection: int | None = None  # the collection asked in (its id); None: every collection

    @property
    def empty(self) -> bool:
        """The view's period lies wholly outside the from/to range: nothing can match."""
        return self.filters.visible_empty

    def source(self, *columns, low: dt.date | None = None, high: dt.date | None = None,
               type_index: bool = True) -> Source:
        """The events the filters select (their visible range aside) that start within [low, high].
        `columns` default to the sequence number, which the search index and an actor's timeline
        answer from their own index."""
        filters = self.filters
        if self.search_drives:
            read = dialect_of(self.session).search.read(self.session, filters.q, low, high, self.collection)
            if not columns and _only_search_and_dates(filters):  # the index holds active events only
                query = select(read.seq).select_from(read.source).where(*read.where)
                return Source(query, read.day, read.seq, read.order, read.day_key, read.day_of, read,
                              importance=read.importance)
            # The read keeps to the collection already: the event's own collection is not asked
            # again, which PostgreSQL would take for a second, independent narrowing and so
            # misjudge the join's size (a parallel walk of every collection's postings).
            query = (select(*(columns or (Event.seq,))).select_from(read.source)
                     .join(Event, Event.seq == read.seq)
                     .where(*read.where, *self.clauses(type_index=type_index, scoped=False)))
            day, seq = read.joined(Event)
            return Source(query, day, seq, read.order, day, _same, read, importance=Event.importance)
        if self.actor is None:
            query = (select(*(columns or (Event.seq,))).select_from(Event)
                     .where(*self.clauses(type_index=type_index), *_days(Event.date_start, low, high)))
            return Source(query, Event.date_start, Event.seq, (Event.date_start, Event.seq), Event.date_start, _same,
                          importance=Event.importance)
        query = select(*(columns or (ActorTimeline.event_seq,))).select_from(ActorTimeline)
        if columns or not _only_one_actor_types_and_dates(filters):
            # The timeline holds active events with their type: anything else is checked on the event.
            query = query.join(Event, Event.seq == ActorTimeline.event_seq).where(*self.clauses(type_index=type_index))
        query = query.where(ActorTimeline.actor_id == self.actor, *_days(ActorTimeline.date_start, low, high))
        if self.collection is not None:
            query = query.where(ActorTimeline.collection_id == self.collection)
        if filters.types:
            query = query.where(ActorTimeline.type.in_(filters.types))
        return Source(query, ActorTimeline.date_start, ActorTimeline.event_seq,
                      (ActorTimeline.date_start, ActorTimeline.event_seq), ActorTimeline.date_start, _same)

    def rows_in_order(self, low: dt.date | None, high: dt.date | None, limit: int, *,
                      newest_first: bool = False) -> list[Event]:
        """The first `limit` matching events starting in [low, high] in date order (or newest
        first), after (before) the filters' cursor: the page's keys first, read from what drives
        the read alone, then its rows by number. Asked for whole rows in one query, PostgreSQL
        walks a collection's first page down the installation-wide date index, passing every
        other collection's events on the way: it takes that index, whose leading status column
        is perfectly ordered on the table, for a cheaper walk than the collection's own."""
        source = self.source(low=low, high=high)
        query = source.query
        cursor = self.filters.cursor
        if cursor:
            query = query.where(source.before(*cursor) if newest_first else source.after(*cursor))
        order = [column.desc() for column in source.order] if newest_first else list(source.order)
        keys = query.order_by(*order).limit(limit).subquery()
        seq = next(iter(keys.c))
        rows = select(Event).join(keys, Event.seq == seq)
        rows = (rows.order_by(Event.date_start.desc(), Event.seq.desc()) if newest_first
                else rows.order_by(Event.date_start, Event.seq))
        return list(self.session.execute(rows).scalars())

    def ranked_source(self, low: dt.date | None, high: dt.date | None) -> tuple[Source, Any]:
        """`source` within [low, high] and the matching events' importance in it: the read's own
        where it holds one (the event table; PostgreSQL's postings), else the events joined to it
        (a search on SQLite, an actor's timeline) for their column."""
        source = self.source(low=low, high=high)
        if source.importance is not None:
            return source, source.importance
        return self.source(Event.seq, low=low, high=high), Event.importance

    def clauses(self, *, type_index: bool = True, scoped: bool = True) -> list:
        """Every filter but the dates, and but what drives the read (the actor whose timeline is
        read, with its type; the search that is read). `type_index=False` keeps the type and
        collection indexes out of the database's plan, for queries whose selective part is a
        date window (a type, or a big collection, has hundreds of thousands of events).
        `scoped=False`: what drives the read keeps to the collection itself."""
        filters = self.filters
        clauses = [Event.status == "active", *(self.scope(type_index) if scoped else [])]
        if filters.types and self.actor is None:
            clauses.append((Event.type if type_index else unindexed(Event.type)).in_(filters.types))
        for actor in filters.actors:
            if actor != self.actor:
                clauses.append(takes_part(actor))
        clauses += _other_filters(filters)
        if filters.q and not self.search_drives:
            clauses.append(dialect_of(self.session).search.probe(self.session, Event, filters.q))
        return clauses

    def probe_clauses(self, *, type_index: bool = True, collection_index: bool | None = None,
                      starts: tuple[dt.date | None, dt.date] | None = None) -> list:
        """Every filter but the dates, each checked on the event row (nothing drives the read).
        `collection_index` (default: as `type_index`) lets the collection choose the index: the
        importance walk goes down the collection's own importance index whatever the types.
        `starts`: the days the events start in, when the dates limit them (see takes_part)."""
        filters = self.filters
        scoped = type_index if collection_index is None else collection_index
        clauses = [Event.status == "active", *self.scope(scoped)]
        if filters.types:
            clauses.append((Event.type if type_index else unindexed(Event.type)).in_(filters.types))
        clauses += [takes_part(actor, starts) for actor in filters.actors]
        clauses += _other_filters(filters)
        if filters.q:
            clauses.append(dialect_of(self.session).search.probe(self.session, Event, filters.q))
        return clauses

    def scope(self, indexed: bool = True) -> list:
        """The collection asked in. Kept out of the index choice where a date window is what is
        selective: the span window index covers the collection, but a collection's own date
        index would read every event of the collection before the window."""
        if self.collection is None:
            return []
        return [(Event.collection_id if indexed else unindexed(Event.collection_id)) == self.collection]

    @property
    def places_counted_by(self) -> str:
        """What counts the events per place: the kept per-place counts when the filters are dates
        alone (a box only chooses the places), else the matching rows."""
        plain = _only_types_and_dates(replace(self.filters, bbox=None))
        return PLACE_COUNTS if plain and not self.filters.types else MATCHING_ROWS

    def population(self) -> int:
        """About how many events a walk of the importance index passes over: the active events of
        the chosen types, or all of them (the highest sequence number, one index look-up, read
        with the write mark that the page's kept figures ask for anyway); within a collection,
        the collection's (its kept counts)."""
        from app.queries import counts
        from app.queries.freshness import write_mark

        # Read once per session: a page plans several reads on it (buckets, axis, background), and
        # it only chooses how to read, so a figure a few writes old chooses as well.
        cache = self.session.info.setdefault("populations", {})
        key = (self.filters.types, self.collection)
        if key not in cache:
            if self.filters.types or self.collection is not None:
                cache[key] = max(counts.total(self.session, None, None, types=self.filters.types,
                                              collection=self.collection), 1)
            else:
                cache[key] = max(write_mark(self.session)[0] or 1, 1)
        return cache[key]

    def walks_importance(self, wanted: int, matching: int) -> bool:
        """Whether the `wanted` most important of the view's `matching` events are found sooner by
        walking the importance index from the top (about wanted x population / matching entries,
        each event's dates checked in the index) than by reading the view's events and sorting
        them (as many entries of a date, type, actor or search index)."""
        return matching * matching > wanted * self.population()

    def earlier_clauses(self, low: dt.date) -> list:
        """Matching events that start before `low` and still reach into the range from it: a
        bounded window per span class (reaching_in_clause), each event probed against the filters."""
        return [*self.probe_clauses(type_index=False), reaching_in_clause(low)]

    def earlier_read(self, low: dt.date, *columns) -> Select:
        """The `columns` of the events earlier_clauses selects, read one span-class window at a
        time (UNION ALL): each window is then a range of the span-window index, which holds the
        event's number and importance (migration 0018), where an OR of the windows is read through
        a bitmap that visits the table for every event of them; and an actor filter is checked
        against the actor's events of the window's days only."""
        return union_all(*(select(*columns).where(*self.probe_clauses(type_index=False, starts=(earliest, low)), window)
                           for window, earliest in reaching_in_windows(low)))

    def filter_clauses(self) -> list:
        """The WHERE clauses of the filtered timeline, its visible range included (no cursor)."""
        clauses = self.probe_clauses()
        if self.empty:
            clauses.append(false())
        else:
            overlap = overlap_clause(self.filters.visible_from, self.filters.visible_to)
            if overlap is not None:
                clauses.append(overlap)
        return clauses


def plan_for(session: Session, filters: EventFilters) -> Plan:
    """How to answer questions about the events these filters select; see the module's docstring."""
    collection = collection_id(session, filters.collection) if filters.collection else None
    actor = _driving_actor(session, filters, collection)
    search_drives = bool(filters.q) and not _actor_is_narrower(session, actor, filters.q, collection)
    if _only_types_and_dates(filters):
        counted_by = DAY_AND_MONTH_COUNTS
    elif _only_one_actor_and_dates(filters):
        counted_by = ACTOR_COUNTS
    else:
        counted_by = MATCHING_ROWS
    years_by_ranges = (search_drives and _only_search_and_dates(filters)
                       and dialect_of(session).search.counts_ranges_cheaply)
    return Plan(session, filters, counted_by, actor if not search_drives else None, search_drives, years_by_ranges,
                collection)


# --- the decisions -------------------------------------------------------------------------------

def _only_types_and_dates(filters: EventFilters) -> bool:
    """Filters the per-day and per-month counts can answer."""
    return not (filters.q or filters.actors or _others(filters))


def _only_one_actor_and_dates(filters: EventFilters) -> bool:
    """Filters the per-actor month counts and timeline can answer."""
    return len(filters.actors) == 1 and not (filters.q or filters.types or _others(filters))


def _only_one_actor_types_and_dates(filters: EventFilters) -> bool:
    """Filters an actor's timeline alone can answer (it holds each event's start day and type)."""
    return len(filters.actors) == 1 and not (filters.q or _others(filters))


def _only_search_and_dates(filters: EventFilters) -> bool:
    """Filters the search index alone can answer (it holds active events, keyed by start day)."""
    return bool(filters.q) and not (filters.actors or filters.types or _others(filters))


def _others(filters: EventFilters) -> bool:
    """Any filter that only the event row (or its mentions and places) can answer."""
    return bool(filters.location or filters.publisher or filters.article or filters.min_sources
                or filters.reviewed_only or filters.bbox)


def _driving_actor(session: Session, filters: EventFilters, collection: int | None) -> str | None:
    """The actor whose timeline (actor_timeline, in date order) drives a filtered read: of the
    chosen actors, the one with the fewest events (in the collection). The others are probed
    per event."""
    if not filters.actors:
        return None
    if len(filters.actors) == 1:
        return filters.actors[0]
    return min(filters.actors, key=lambda actor: (actor_events(session, actor, collection), actor))


def _actor_is_narrower(session: Session, actor: str | None, user_query: str, collection: int | None) -> bool:
    """Whether an actor filtered together with a search has fewer events than the search has
    matches: then the actor's timeline drives the read and each of its events is checked against
    the search index (a small actor and a common word), rather than the other way round."""
    if actor is None:
        return False
    events = actor_events(session, actor, collection)
    return events < dialect_of(session).search.count(session, user_query, cap=events + 1, collection=collection)


def actor_events(session: Session, actor: str, collection: int | None = None) -> int:
    """The actor's active events (actor.events_count; within a collection, its collection_actor
    row), read once per request: a timeline view asks several questions, each of which is planned."""
    cache = session.info.setdefault("actor_events", {})
    if (actor, collection) not in cache:
        query = (select(Actor.events_count).where(Actor.id == actor) if collection is None else
                 select(CollectionActor.events_count).where(CollectionActor.actor_id == actor,
                                                            CollectionActor.collection_id == collection))
        cache[(actor, collection)] = session.execute(query).scalar() or 0
    return cache[(actor, collection)]


# --- clauses -------------------------------------------------------------------------------------

def _days(column, low: dt.date | None, high: dt.date | None) -> list:
    return [clause for clause in (column >= low if low is not None else None,
                                  column <= high if high is not None else None) if clause is not None]


def _other_filters(filters: EventFilters) -> list:
    clauses = []
    if filters.location:
        clauses.append(Event.id.in_(select(EventLocation.event_id).where(EventLocation.location_id == filters.location)))
    if filters.publisher:
        clauses.append(Event.id.in_(
            select(Mention.event_id).join(Article, Article.id == Mention.article_id)
            .where(Article.publisher == filters.publisher)))
    if filters.article:
        clauses.append(Event.id.in_(select(Mention.event_id).where(Mention.article_id == filters.article)))
    if filters.min_sources:
        clauses.append(Event.sources_count >= filters.min_sources)
    if filters.reviewed_only:
        clauses.append(Event.reviewed.is_(True))
    if filters.bbox:
        clauses.append(in_box(filters.bbox))
    return clauses


def in_box(box: tuple[float, float, float, float]):
    """The event has a place inside the box (west, south, east, north): a probe of event_location
    by its primary key per event, a filter that sits in any read whatever drives it."""
    west, south, east, north = box
    return (select(EventLocation.location_id)
            .join(Location, Location.id == EventLocation.location_id)
            .where(EventLocation.event_id == Event.id,
                   Location.latitude.between(south, north), Location.longitude.between(west, east))
            .correlate(Event).exists())


def takes_part(actor: str, starts: tuple[dt.date | None, dt.date] | None = None):
    """The event has this actor (a primary-key probe of actor_timeline; aliased, so that it can sit
    in a query that is itself driven by an actor's timeline). `starts` (earliest or None, before):
    the event is known to start in those days, which the timeline holds too; said to the database,
    it can read the actor's few events of those days instead of probing each event."""
    probe = ActorTimeline.__table__.alias("probe")
    clauses = [probe.c.event_seq == Event.seq, probe.c.actor_id == actor]
    if starts is not None:
        earliest, before = starts
        clauses += [probe.c.date_start < before] + ([probe.c.date_start >= earliest] if earliest else [])
    return select(probe.c.event_seq).where(*clauses).correlate(Event).exists()


def overlap_clause(date_from: dt.date | None, date_to: dt.date | None):
    """Events whose interval meets [date_from, date_to] ("since 1994" meets every later range):
    those starting inside the range, or earlier but reaching into it (reaching_in_clause)."""
    upper = Event.date_start <= date_to if date_to else None
    if date_from is None:
        return upper
    inside = Event.date_start >= date_from if upper is None else and_(Event.date_start >= date_from, upper)
    return or_(inside, reaching_in_clause(date_from))


def reaching_in_windows(date_from: dt.date) -> list[tuple[Any, dt.date | None]]:
    """The windows of reaching_in_clause, one per span class, each with the earliest start day it
    allows (None: no bound)."""
    windows = []
    for span, reach in enumerate(SPAN_LIMITS[1:], start=1):
        earliest = date_from - dt.timedelta(days=reach) if date_from.toordinal() > reach else dt.date.min
        windows.append((and_(Event.span_class == span, Event.date_start >= earliest,
                             Event.date_start < date_from, Event.date_end >= date_from), earliest))
    windows.append((and_(Event.span_class == 3, Event.date_start < date_from,
                         or_(Event.date_end >= date_from, Event.open_end.is_(True))), None))
    return windows


def reaching_in_clause(date_from: dt.date):
    """Events that start before `date_from` and end on or after it.

    `date_end >= from OR open_end` alone defeats every index. Instead each span class (migration
    0002) is searched in a bounded window: a single day cannot reach forward, a month at most 31
    days, a year at most 366; only the few longer or open-ended ones are searched without bound."""
    return or_(*(window for window, _ in reaching_in_windows(date_from)))
