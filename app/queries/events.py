"""Questions about events: a filtered page of them in date order, how many there are, one of them.

How each is read (which index drives, which kept count answers) is the planner's choice
(app/queries/plan.py); the views come from app/queries/assembly.py.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import replace

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from app.db import dialect_of
from app.models import Event, EventAlias
from app.queries import counts
from app.queries.assembly import event_views, mention_views
from app.queries.catalog import validate_filter_values
from app.queries.filters import EventFilters, encode_cursor
from app.queries.plan import ACTOR_COUNTS, DAY_AND_MONTH_COUNTS, Plan, plan_for
from app.queries.reaching_in import reaching_in_keys
from app.queries.views import EventPage, EventView, Gone, Moved

LAST_SEQ = 2**31 - 1  # above every event's sequence number (a 32-bit integer column)
COUNT_CAP = 10_000  # beyond this many matches a count says "10,000+" rather than scan them all


def count_events(session: Session, filters: EventFilters, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many events the filters select (their visible range included), and whether that number
    is a lower bound. Type and date filters are answered from the day and month counts, one actor
    and dates from the actor's month counts and timeline (both exact); others count matching rows
    up to `cap` and say "cap+" beyond it, never scanning everything."""
    plan = plan_for(session, filters)
    if plan.empty:
        return 0, False
    low, high = filters.visible_from, filters.visible_to
    if plan.counted_by in (DAY_AND_MONTH_COUNTS, ACTOR_COUNTS):
        actor = filters.actors[0] if plan.counted_by == ACTOR_COUNTS else None
        total = counts.total(session, low, high, types=filters.types, actor=actor, collection=plan.collection)
        if low is not None and filters.reaches_in:  # events that start earlier and reach into the range
            total += count_reaching_in(plan, low)
        return total, False
    found = (dialect_of(session).search.kept_total(session, filters.q, plan.collection, low, high)
             if plan.years_by_ranges else None)
    if found is None:
        query = plan.source(low=low, high=high).query
        found = session.execute(select(func.count()).select_from(query.limit(cap + 1).subquery())).scalar_one()
    if low is not None and filters.reaches_in and found <= cap:
        found += count_reaching_in(plan, low, cap + 1 - found)
    return (cap, True) if found > cap else (found, False)


def count_reaching_in(plan: Plan, low: dt.date, cap: int | None = None) -> int:
    """How many matching events start before `low` and reach into the range from it (at most
    `cap`, when given), from their keys (app/queries/reaching_in.py)."""
    number = len(reaching_in_keys(plan, low))
    return number if cap is None else min(number, cap)


def list_events(session: Session, filters: EventFilters, base_url: str, *, cards: bool = False) -> EventPage:
    """A page of events in the filters' order (date order by default; app/queries/ordering.py
    for newest first and most important first). `cards`: each view carries only its first
    mention (what a timeline card shows) instead of all of them."""
    validate_filter_values(session, filters)
    total, estimate = count_events(session, filters)
    filters = _jumped(session, filters)
    plan = plan_for(session, filters)
    low, high = filters.visible_from, filters.visible_to
    if plan.empty:
        rows = []
    elif filters.sort != "date":
        from app.queries.ordering import importance_rows, newest_rows

        rows = (importance_rows(plan, total, estimate) if filters.sort == "importance" else newest_rows(plan))
    elif low is None or not filters.reaches_in:
        rows = _page(plan, low, high, filters.limit + 1)
    else:
        # Two ordered, bounded queries, rather than one with an OR that a query planner may answer
        # by walking the date index from the first event ever recorded: the few starting earlier
        # that still reach into the range, then those starting in it (read in index order). The
        # earlier ones all come first in date order, so the second read stops at the room they
        # leave on the page, and is not made when they fill it.
        rows = _earlier(plan, low, filters.limit + 1)
        if len(rows) <= filters.limit:
            rows += _page(plan, low, high, filters.limit + 1 - len(rows))
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
    # The events before the day, as the list has them: with those reaching into a period or
    # chosen dates, without them on the overview (they are its background).
    earlier = (replace(filters, date_to=before, zoom=None, at=None, date_from=low) if filters.reaches_in
               else replace(filters, date_to=before))
    counted, _ = count_events(session, earlier)
    return replace(filters, cursor=(before, LAST_SEQ), offset=counted)  # after every event of that day


def _earlier(plan: Plan, low: dt.date, limit: int) -> list[Event]:
    """The first `limit` events in date order, after the cursor, of those that start before `low`
    and reach into the range: a small set, sorted here (asked to sort and limit, SQLite may walk
    the date index from its start instead of searching each span class's window)."""
    keys = [(day, seq) for day, seq, _ in reaching_in_keys(plan, low)]
    if plan.filters.cursor:
        keys = [key for key in keys if key > plan.filters.cursor]  # after (day, seq) in date order
    keys = heapq.nsmallest(limit, keys)
    if not keys:
        return []
    found = {event.seq: event for event in plan.session.execute(
        select(Event).where(dialect_of(plan.session).one_of(Event.seq, [seq for _, seq in keys]))).scalars()}
    return [found[seq] for _, seq in keys if seq in found]


def _page(plan: Plan, low: dt.date | None, high: dt.date | None, limit: int) -> list[Event]:
    """The first `limit` matching events starting in [low, high] after the cursor, in date order."""
    return plan.rows_in_order(low, high, limit)


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
        return Gone(id=event.id, title=event.title, mentions=tuple(mention_views(session, [event.id], base_url)[event.id]))
    if event.status == "hidden" and not include_hidden:
        return None
    return event_views(session, [event], base_url)[0]
