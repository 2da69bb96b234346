"""Questions about events: a filtered page of them, one of them, the actors and types to filter by."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, false, func, or_, select
from sqlmodel import Session

from app.dates import date_label, sentence_anchor
from app.errors import BadFilter
from app.models import (
    SPAN_LIMITS, Actor, ActorMonthCount, ActorTimeline, Article, Event, EventActor, EventAlias,
    EventDayCount, EventLocation, EventMonthCount, Location, Mention,
)
from app.queries.filters import EventFilters, encode_cursor
from app.queries.views import ActorView, EventPage, EventView, Gone, LocationView, MentionView, Moved
from app.search import (
    count_matches, document_matches, event_documents, event_matches, event_search, first_key, key_day,
    key_ordinal, key_seq, last_key, search_key, search_matches,
)
from app.taxonomy import type_label

LAST_SEQ = 2**31 - 1  # above every event's sequence number (a 32-bit integer column)
COUNT_CAP = 10_000  # beyond this many matches a count says "10,000+" rather than scan them all
FEW_MATCHES = 5_000  # PostgreSQL: a search with at most this many matches sorts them all
ROLE_ORDER = {"initiator": 0, "speaker": 1, "target": 2, "participant": 3, "mentioned": 4}


def filter_clauses(session: Session, filters: EventFilters):
    """The WHERE clauses of a filtered timeline (without the cursor)."""
    clauses = base_clauses(session, filters)
    if filters.visible_empty:
        clauses.append(false())
    else:
        overlap = overlap_clause(filters.visible_from, filters.visible_to)
        if overlap is not None:
            clauses.append(overlap)
    return clauses


def driving_actor(session: Session, filters: EventFilters) -> str | None:
    """The actor whose timeline (actor_timeline, in date order) drives a filtered read: of the
    chosen actors, the one with the fewest events. The others are probed per event."""
    if not filters.actors:
        return None
    if len(filters.actors) == 1:
        return filters.actors[0]
    return min(filters.actors, key=lambda actor: (actor_events(session, actor), actor))


def actor_events(session: Session, actor: str) -> int:
    """The actor's active events (actor.events_count), read once per request: a timeline view
    builds several reads, each of which chooses what drives it."""
    cache = session.info.setdefault("actor_events", {})
    if actor not in cache:
        cache[actor] = session.execute(select(Actor.events_count).where(Actor.id == actor)).scalar() or 0
    return cache[actor]


@dataclass(frozen=True)
class Source:
    """A filtered read of events in date order: `query` selects the matching events starting
    within the requested days; `day` and `seq` are their start day and sequence number, `order`
    the ORDER BY of date order, `after` the clause of a cursor."""

    query: Select
    day: Any
    seq: Any
    order: tuple
    search_keyed: bool = False  # ordered by the search index's date-keyed rowid
    # The start day as a proleptic Gregorian ordinal, where the source holds it as a number (the
    # search index's key): grouping by it spares a date conversion per matching event.
    day_ordinal: Any = None

    def after(self, day: dt.date, seq: int):
        if self.search_keyed:
            return event_search.c.rowid > search_key(day, seq)
        return or_(self.day > day, and_(self.day == day, self.seq > seq))


def event_source(session: Session, filters: EventFilters, *columns, low: dt.date | None = None,
                 high: dt.date | None = None, type_index: bool = True) -> Source:
    """The events the filters select (their visible range aside) that start within [low, high].

    Three ways in, the narrowest first:
    - a full-text search: the search index yields the matches within the days asked (SQLite's
      in date order), and a search with dates only never reads the event table (unless an
      actor chosen with it has fewer events than the search has matches);
    - an actor filter: the actor's timeline, "Russia's military actions in March 2022, in date
      order", is one index range that stops at the page size however many events Russia has;
    - otherwise the event table, by its date or type indexes.
    `columns` default to the sequence number, which the first two answer from their own index."""
    actor = driving_actor(session, filters)
    if filters.q and not _actor_is_narrower(session, actor, filters.q):
        if session.get_bind().dialect.name == "sqlite":
            return _search_source(session, filters, columns, low, high, type_index)
        return _document_source(session, filters, columns, low, high, type_index)
    if actor is None:
        clauses = base_clauses(session, filters, type_index=type_index)
        query = select(*(columns or (Event.seq,))).select_from(Event).where(*clauses, *_days(Event.date_start, low, high))
        return Source(query, Event.date_start, Event.seq, (Event.date_start, Event.seq))
    clauses = base_clauses(session, filters, type_index=type_index, probed_actors_only=actor, typed_timeline=True)
    timeline_only = not columns and filters.only_one_actor_types_and_dates
    query = select(*(columns or (ActorTimeline.event_seq,))).select_from(ActorTimeline)
    if not timeline_only:  # the timeline holds active events only: nothing else to check
        query = query.join(Event, Event.seq == ActorTimeline.event_seq).where(*clauses)
    query = query.where(ActorTimeline.actor_id == actor, *_days(ActorTimeline.date_start, low, high))
    if filters.types:
        query = query.where(ActorTimeline.type.in_(filters.types))
    return Source(query, ActorTimeline.date_start, ActorTimeline.event_seq,
                  (ActorTimeline.date_start, ActorTimeline.event_seq))


def _actor_is_narrower(session: Session, actor: str | None, user_query: str) -> bool:
    """Whether an actor filtered together with a search has fewer events than the search has
    matches: then the actor's timeline drives the read and each of its events is checked against
    the search index (a small actor and a common word), rather than the other way round."""
    if actor is None:
        return False
    events = actor_events(session, actor)
    return events < count_matches(session, user_query, cap=events + 1)


def _search_source(session: Session, filters: EventFilters, columns, low, high, type_index) -> Source:
    """Driven by SQLite's date-keyed search index (app/search.py)."""
    keys = [search_matches(filters.q)]
    if low is not None:
        keys.append(event_search.c.rowid >= first_key(low))
    if high is not None:
        keys.append(event_search.c.rowid <= last_key(high))
    if not columns and filters.only_search_and_dates:  # the index holds active events only
        query = select(key_seq()).select_from(event_search).where(*keys)
        return Source(query, key_day(), key_seq(), (event_search.c.rowid,), search_keyed=True,
                      day_ordinal=key_ordinal())
    clauses = base_clauses(session, filters, type_index=type_index, searched=True)
    query = (select(*(columns or (Event.seq,))).select_from(event_search)
             .join(Event, Event.seq == key_seq()).where(*keys, *clauses))
    return Source(query, Event.date_start, Event.seq, (event_search.c.rowid,), search_keyed=True)


def _document_source(session: Session, filters: EventFilters, columns, low, high, type_index) -> Source:
    """Driven by PostgreSQL's search table: its GIN index finds the word's events, its B-tree
    (start day, seq) their period and order."""
    keys = [document_matches(filters.q), *_days(event_documents.c.date_start, low, high)]
    day, seq = event_documents.c.date_start, event_documents.c.seq
    # A planner that expects matches spread evenly walks the day index and checks each event's
    # text until a page is full; a rare word's first matches may lie 40,000 events in (150 ms).
    # Its few matches are found through the text index and sorted instead.
    few = count_matches(session, filters.q, cap=FEW_MATCHES + 1) <= FEW_MATCHES
    order = (unindexed(day), seq) if few else (day, seq)
    if not columns and filters.only_search_and_dates:  # the table holds active events only
        return Source(select(seq).select_from(event_documents).where(*keys), day, seq, order)
    clauses = base_clauses(session, filters, type_index=type_index, searched=True)
    query = (select(*(columns or (Event.seq,))).select_from(event_documents)
             .join(Event, Event.seq == seq).where(*keys, *clauses))
    return Source(query, day, seq, order)


def _days(column, low: dt.date | None, high: dt.date | None) -> list:
    return [clause for clause in (column >= low if low is not None else None,
                                  column <= high if high is not None else None) if clause is not None]


def takes_part(actor: str):
    """The event has this actor (a primary-key probe of actor_timeline; aliased, so that it can sit
    in a query that is itself driven by an actor's timeline)."""
    probe = ActorTimeline.__table__.alias("probe")
    return (select(probe.c.event_seq).where(probe.c.event_seq == Event.seq, probe.c.actor_id == actor)
            .correlate(Event).exists())


def unindexed(column):
    """The same value, which no index can serve: steers a planner to the index that matters
    (coalesce(x, x) is x, in every database)."""
    return func.coalesce(column, column)


def base_clauses(session: Session, filters: EventFilters, *, type_index: bool = True,
                 probed_actors_only: str | None = None, typed_timeline: bool = False,
                 searched: bool = False):
    """Every filter but the dates. `type_index=False` keeps the type index out of the plan, for
    queries whose selective part is a date window (a type has hundreds of thousands of events).
    What drives the read (event_source) needs no clause here: `probed_actors_only`, the actor
    whose timeline is read; `typed_timeline`, that timeline's type; `searched`, the search."""
    clauses = [Event.status == "active"]
    if filters.types and not typed_timeline:
        clauses.append((Event.type if type_index else unindexed(Event.type)).in_(filters.types))
    for actor in filters.actors:
        if actor != probed_actors_only:
            clauses.append(takes_part(actor))
    if filters.location:
        clauses.append(
            Event.id.in_(select(EventLocation.event_id).where(EventLocation.location_id == filters.location))
        )
    if filters.publisher:
        clauses.append(
            Event.id.in_(
                select(Mention.event_id)
                .join(Article, Article.id == Mention.article_id)
                .where(Article.publisher == filters.publisher)
            )
        )
    if filters.article:
        clauses.append(Event.id.in_(select(Mention.event_id).where(Mention.article_id == filters.article)))
    if filters.min_sources:
        clauses.append(Event.sources_count >= filters.min_sources)
    if filters.reviewed_only:
        clauses.append(Event.reviewed.is_(True))
    if filters.q and not searched:
        clauses.append(event_matches(session, Event, filters.q))
    if filters.bbox:
        from app.queries.places import in_box

        clauses.append(in_box(filters.bbox))
    return clauses


def overlap_clause(date_from: dt.date | None, date_to: dt.date | None):
    """Events whose interval meets [date_from, date_to] ("since 1994" meets every later range):
    those starting inside the range, or earlier but reaching into it (reaching_in_clause)."""
    upper = Event.date_start <= date_to if date_to else None
    if date_from is None:
        return upper
    inside = Event.date_start >= date_from if upper is None else and_(Event.date_start >= date_from, upper)
    return or_(inside, reaching_in_clause(date_from))


def reaching_in_clause(date_from: dt.date):
    """Events that start before `date_from` and end on or after it.

    `date_end >= from OR open_end` alone defeats every index. Instead each span class (migration
    0002) is searched in a bounded window: a single day cannot reach forward, a month at most 31
    days, a year at most 366; only the few longer or open-ended ones are searched without bound."""
    parts = []
    for span, reach in enumerate(SPAN_LIMITS[1:], start=1):
        earliest = date_from - dt.timedelta(days=reach) if date_from.toordinal() > reach else dt.date.min
        parts.append(and_(Event.span_class == span, Event.date_start >= earliest,
                          Event.date_start < date_from, Event.date_end >= date_from))
    parts.append(and_(Event.span_class == 3, Event.date_start < date_from,
                      or_(Event.date_end >= date_from, Event.open_end.is_(True))))
    return or_(*parts)


def count_events(session: Session, filters: EventFilters, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many events the filters select (their visible range included), and whether that number
    is a lower bound. Type and date filters are answered from the day and month counts, one actor
    and dates from the actor's month counts and timeline (both exact); others count matching rows
    up to `cap` and say "cap+" beyond it, never scanning everything."""
    if filters.visible_empty:
        return 0, False
    low, high = filters.visible_from, filters.visible_to
    if filters.only_types_and_dates:
        total = sum_counts(session, filters.types, low, high)
        if low is not None and filters.reaches_in:  # events that start earlier and reach into the range
            before = [Event.status == "active", reaching_in_clause(low)]
            if filters.types:
                before.append(unindexed(Event.type).in_(filters.types))
            total += session.execute(select(func.count()).select_from(Event).where(*before)).scalar_one()
        return total, False
    if filters.only_one_actor_and_dates:
        actor = filters.actors[0]
        total = actor_sum_counts(session, actor, low, high)
        if low is not None and filters.reaches_in:
            total += _count(session, earlier_clauses(session, filters, low, high))
        return total, False
    query = event_source(session, filters, low=low, high=high).query
    found = session.execute(select(func.count()).select_from(query.limit(cap + 1).subquery())).scalar_one()
    if low is not None and filters.reaches_in and found <= cap:
        earlier = select(Event.seq).where(*earlier_clauses(session, filters, low, high)).limit(cap + 1 - found)
        found += session.execute(select(func.count()).select_from(earlier.subquery())).scalar_one()
    return (cap, True) if found > cap else (found, False)


def _count(session: Session, clauses) -> int:
    return session.execute(select(func.count()).select_from(Event).where(*clauses)).scalar_one()


def earlier_clauses(session: Session, filters: EventFilters, low: dt.date, high: dt.date | None) -> list:
    """Matching events that start before `low` and still reach into [low, high]: a bounded
    window per span class (reaching_in_clause), each event probed against the other filters."""
    return [*base_clauses(session, filters, type_index=False), reaching_in_clause(low)]


def actor_sum_counts(session: Session, actor: str, low: dt.date | None, high: dt.date | None) -> int:
    """The actor's active events starting within [low, high]: whole months from its month counts,
    the partial months at either end from its timeline (an index range)."""
    total = 0
    for start, end, whole in month_split(low, high):
        if whole:
            query = select(func.coalesce(func.sum(ActorMonthCount.count), 0)).where(ActorMonthCount.actor_id == actor)
            if start is not None:
                query = query.where(ActorMonthCount.month >= start)
            if end is not None:
                query = query.where(ActorMonthCount.month <= end)
        else:
            query = select(func.count()).select_from(ActorTimeline).where(
                ActorTimeline.actor_id == actor, ActorTimeline.date_start >= start, ActorTimeline.date_start <= end)
        total += session.execute(query).scalar_one()
    return int(total)


def month_split(low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date | None, dt.date | None, bool]]:
    """[low, high] as (start, end, whole months?) parts: the whole months in the middle (bounds
    are first days of months, None for open) and the partial months at either end (days)."""
    first_full = low if low is None or low.day == 1 else _next_month(low)
    last_full = high if high is None or _next_month(high) - dt.timedelta(days=1) == high else high.replace(day=1) - dt.timedelta(days=1)
    if not (first_full is None or last_full is None or first_full <= last_full):
        return [(low, high, False)]  # a range within one month
    parts: list[tuple[dt.date | None, dt.date | None, bool]] = [
        (first_full, last_full.replace(day=1) if last_full else None, True)]
    if low is not None and low < first_full:
        parts.append((low, first_full - dt.timedelta(days=1), False))
    if high is not None and high > last_full:
        parts.append((last_full + dt.timedelta(days=1), high, False))
    return parts


def sum_counts(session: Session, types: Sequence[str], low: dt.date | None, high: dt.date | None) -> int:
    """Events starting within [low, high] from the pre-aggregated counts: whole months from the
    month table, the partial months at either end from the day table."""
    total = 0
    for start, end, whole in month_split(low, high):
        table, column = (EventMonthCount, EventMonthCount.month) if whole else (EventDayCount, EventDayCount.day)
        query = select(func.coalesce(func.sum(table.count), 0))
        if types:
            query = query.where(table.type.in_(types))
        if start is not None:
            query = query.where(column >= start)
        if end is not None:
            query = query.where(column <= end)
        total += session.execute(query).scalar_one()
    return int(total)


def _next_month(day: dt.date) -> dt.date:
    return dt.date.max if (day.year, day.month) == (9999, 12) else dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def validate_filter_values(session: Session, filters: EventFilters) -> None:
    """Unknown actors, types, locations or articles are a mistake worth saying, not an empty page."""
    from app.taxonomy import event_types

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


def list_events(session: Session, filters: EventFilters, base_url: str, *, cards: bool = False) -> EventPage:
    """A page of events in the filters' order (date order by default). `cards`: each view carries
    only its first mention (what a timeline card shows) instead of all of them."""
    validate_filter_values(session, filters)
    total, estimate = count_events(session, filters)
    filters = _jumped(session, filters)
    low, high = filters.visible_from, filters.visible_to
    if filters.visible_empty:
        rows = []
    elif filters.sort != "date":
        from app.queries.ordering import importance_rows, newest_rows

        rows = (importance_rows(session, filters, total, estimate) if filters.sort == "importance"
                else newest_rows(session, filters))
    elif low is None or not filters.reaches_in:
        rows = _page(session, filters, low, high, filters.limit + 1)
    else:
        # Two ordered, bounded queries merged here, rather than one with an OR that a query planner
        # may answer by walking the date index from the first event ever recorded: those starting
        # in the range (read in index order, stopping at the page size), and the few starting
        # earlier that still reach into it.
        after = []
        if filters.cursor:
            day, seq = filters.cursor
            after.append(or_(Event.date_start > day, and_(Event.date_start == day, Event.seq > seq)))
        earlier = _earlier(session, earlier_clauses(session, filters, low, high) + after, filters.limit + 1)
        rows = sorted(earlier + _page(session, filters, low, high, filters.limit + 1),
                      key=lambda e: (e.date_start, e.seq))[: filters.limit + 1]
    next_cursor = None
    if len(rows) > filters.limit:
        rows = rows[: filters.limit]
        last = rows[-1]
        next_cursor = encode_cursor(last.date_start, last.seq, offset=filters.offset + len(rows),
                                    importance=last.importance if filters.sort == "importance" else None)
    items = tuple(event_views(session, rows, base_url, first_mention_only=cards))
    return EventPage(items=items, total=total, next_cursor=next_cursor, total_is_estimate=estimate,
                     offset=filters.offset)


def _jumped(session: Session, filters: EventFilters) -> EventFilters:
    """`jump=DAY` (date order, first page): the page that starts on that day, knowing how many
    events come before it."""
    if filters.jump is None or filters.cursor is not None or filters.sort != "date" or filters.visible_empty:
        return filters
    low, high = filters.visible_from, filters.visible_to
    day = max(filters.jump, low) if low else filters.jump
    if high is not None and day > high:
        day = high
    before = day - dt.timedelta(days=1)
    if low is not None and before < low:
        return filters
    from dataclasses import replace

    # The events before the day, as the list has them: with those reaching into a period or
    # chosen dates, without them on the overview (they are its background).
    earlier = (replace(filters, date_to=before, zoom=None, at=None, date_from=low) if filters.reaches_in
               else replace(filters, date_to=before))
    counted, _ = count_events(session, earlier)
    return replace(filters, cursor=(before, LAST_SEQ), offset=counted)  # after every event of that day


def _earlier(session: Session, clauses, limit: int) -> list[Event]:
    """The first `limit` events of a small set, sorted here: asked to sort and limit, SQLite may
    walk the date index from its start instead of searching each span class's window."""
    keys = sorted(session.execute(select(Event.date_start, Event.seq).where(*clauses)).all())[:limit]
    if not keys:
        return []
    return list(session.execute(select(Event).where(Event.seq.in_([seq for _, seq in keys]))).scalars().all())


def _page(session: Session, filters: EventFilters, low: dt.date | None, high: dt.date | None,
          limit: int) -> list[Event]:
    """The first `limit` matching events starting in [low, high] after the cursor, in date order."""
    source = event_source(session, filters, Event, low=low, high=high)
    query = source.query
    if filters.cursor:
        query = query.where(source.after(*filters.cursor))
    return list(session.execute(query.order_by(*source.order).limit(limit)).scalars().all())


def find_event(session: Session, event_id: str, base_url: str, *, include_hidden: bool = False) -> EventView | Moved | Gone | None:
    event = session.execute(select(Event).where(Event.id == event_id)).scalars().first()
    if event is None:
        alias = session.get(EventAlias, event_id)
        if alias is None:
            return None
        # Follow chains of merges to the event that finally survived.
        target = alias.event_id
        for _ in range(20):
            next_alias = session.get(EventAlias, target)
            if next_alias is None:
                break
            target = next_alias.event_id
        return Moved(old_id=event_id, new_id=target)
    if event.status == "deleted":
        return Gone(id=event.id, title=event.title, mentions=tuple(_mention_views(session, [event.id], base_url)[event.id]))
    if event.status == "hidden" and not include_hidden:
        return None
    return event_views(session, [event], base_url)[0]


def event_views(session: Session, events: Sequence[Event], base_url: str, *,
                first_mention_only: bool = False) -> list[EventView]:
    """View models for events, with their actors, places and mentions in batched queries.
    `first_mention_only`: only the first mention's sentence is loaded (timeline cards); the
    publisher count still covers every mention."""
    if not events:
        return []
    ids = [e.id for e in events]
    actors: dict[str, list[ActorView]] = defaultdict(list)
    for event_id, role, actor in session.execute(
        select(EventActor.event_id, EventActor.role, Actor)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids))
    ).all():
        actors[event_id].append(ActorView(id=actor.id, name=actor.name, role=role, kind=actor.kind))
    locations: dict[str, list[LocationView]] = defaultdict(list)
    for event_id, location in session.execute(
        select(EventLocation.event_id, Location)
        .join(Location, Location.id == EventLocation.location_id)
        .where(EventLocation.event_id.in_(ids))
    ).all():
        locations[event_id].append(LocationView(id=location.id, name=location.name))
    if first_mention_only:
        mentions, publisher_sets = _first_mention_views(session, ids, base_url)
    else:
        mentions = _mention_views(session, ids, base_url)
        publisher_sets = {
            event_id: {m.publisher or f"unnamed publisher of {m.article_id}" for m in found}
            for event_id, found in mentions.items()
        }
    views = []
    for event in events:
        event_mentions = mentions[event.id]
        publishers = publisher_sets.get(event.id, set())
        path = f"/events/{event.id}/{event.slug}"
        views.append(
            EventView(
                id=event.id,
                slug=event.slug,
                path=path,
                url=base_url + path,
                title=event.title,
                summary=event.summary,
                type=event.type,
                type_label=type_label(event.type),
                modality=event.modality,
                date_start=event.date_start,
                date_end=event.date_end,
                precision=event.precision,
                open_end=event.open_end,
                date_label=date_label(event.date_start, event.date_end, event.precision, event.open_end),
                date_method=event.date_method,
                date_rule=event.date_rule,
                date_expression=event.date_expression,
                reviewed=event.reviewed,
                sources_count=event.sources_count,
                publishers_count=len(publishers),
                importance=event.importance,
                merge_reasons=tuple(event.merge_reasons or ()),
                date_anchor=event.date_anchor,
                created_at=event.created_at,
                updated_at=event.updated_at,
                status=event.status,
                manual_fields=tuple(event.manual_fields or ()),
                actors=tuple(sorted(actors[event.id], key=lambda a: (ROLE_ORDER.get(a.role, 9), a.name))),
                locations=tuple(sorted(locations[event.id], key=lambda loc: loc.name)),
                mentions=tuple(event_mentions),
            )
        )
    return views


def _first_mention_views(session: Session, event_ids: Sequence[str], base_url: str
                         ) -> tuple[dict[str, list[MentionView]], dict[str, set[str]]]:
    """Each event's first mention (in _mention_views' order) and the set of its publishers:
    one narrow query over the mentions, then the sentences of the first ones only."""
    first: dict[str, int] = {}
    publishers: dict[str, set[str]] = defaultdict(set)
    for event_id, mention_id, article_id, publisher in session.execute(
        select(Mention.event_id, Mention.id, Mention.article_id, Article.publisher)
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.event_id.in_(event_ids))
        .order_by(Article.published, Mention.article_id, Mention.start)
    ).all():
        first.setdefault(event_id, mention_id)
        publishers[event_id].add(publisher or f"unnamed publisher of {article_id}")
    return _mention_views(session, event_ids, base_url, mention_ids=list(first.values())), publishers


def _mention_views(session: Session, event_ids: Sequence[str], base_url: str, *,
                   mention_ids: Sequence[int] | None = None) -> dict[str, list[MentionView]]:
    """The mentions of these events (or only those with `mention_ids`), oldest report first."""
    result: dict[str, list[MentionView]] = defaultdict(list)
    if mention_ids is not None and not mention_ids:
        return result
    wanted = Mention.id.in_(mention_ids) if mention_ids is not None else Mention.event_id.in_(event_ids)
    rows = session.execute(
        select(Mention, Article.title, Article.publisher, Article.published, Article.url)
        .join(Article, Article.id == Mention.article_id)
        .where(wanted)
        .order_by(Article.published, Mention.article_id, Mention.start)
    ).all()
    for mention, title, publisher, published, source_url in rows:
        anchor = sentence_anchor(mention.sentence_index)
        path = f"/articles/{mention.article_id}?highlight={mention.sentence_index + 1}#{anchor}"
        result[mention.event_id].append(
            MentionView(
                article_id=mention.article_id,
                article_title=title,
                publisher=publisher,
                published=published,
                sentence=mention.sentence,
                sentence_index=mention.sentence_index,
                start=mention.start,
                end=mention.end,
                path=path,
                url=base_url + path,
                modality=mention.modality,
                date_expression=mention.date_expression,
                claim=mention.claim,
                claim_by=mention.claim_by,
                figures=tuple(mention.figures or ()),
                key=mention.key,
                publisher_url=source_url,
            )
        )
    return result


def list_actors(session: Session, limit: int = 500) -> list[dict]:
    """The actors with active events, most frequent first (actor.events_count, kept by triggers)."""
    rows = session.execute(
        select(Actor.id, Actor.name, Actor.kind, Actor.events_count)
        .where(Actor.events_count > 0)
        .order_by(Actor.events_count.desc(), Actor.name)
        .limit(limit)
    ).all()
    return [{"id": r[0], "name": r[1], "kind": r[2], "events": r[3]} for r in rows]


def type_counts(session: Session) -> dict[str, int]:
    """Active events per type, from the month counts (never a scan of the events)."""
    rows = session.execute(
        select(EventMonthCount.type, func.sum(EventMonthCount.count)).group_by(EventMonthCount.type)
    ).all()
    return {key: int(count) for key, count in rows if count}


def actor_names(session: Session, keys: Sequence[str]) -> dict[str, str]:
    """Display names of these actors (the filters in force, when the full list is not loaded)."""
    if not keys:
        return {}
    return dict(session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(list(keys)))).all())
