"""Lists in the other two orders: newest first (`sort=-date`) and most important first
(`sort=importance`), and "the N most important events of a period" (the time axis, the buckets'
key events). Date order, the default, is app/queries/events.py:list_events itself.

The most important events of a period are found one of two ways, whichever reads fewer rows
(the planner's choice, app/queries/plan.py:Plan.walks_importance):
- *read the period*: the keys of every matching event of the period through the narrowest way in
  (the plan's source: a search, an actor's timeline, the type or date index), sorted by
  importance; costs the period's n events;
- *walk the importance index* (ix_event_status_importance, or its per-type twin; within a
  collection, ix_event_collection_importance and its twin) from the top,
  checking each event's dates and other filters, until enough are found; costs about
  limit x N / n events for a population of N.
So a year of a million-event corpus (n ~ 20,000) is walked (about 2,500 index entries for a page
of 50), a busy week is read.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from app.db import dialect_of
from app.db.search import unindexed
from app.models import Event
from app.queries.filters import EventFilters
from app.queries.plan import Plan, plan_for
from app.queries.reaching_in import reaching_in_keys
from app.queries.view_keys import Key, most_important_keys


def importance_key(row) -> tuple:
    return (-row.importance, row.date_start, row.seq)


def _after_importance(importance: int, day: dt.date, seq: int, *, indexed: bool = True):
    """Events after (importance, day, seq) in importance order."""
    value = Event.importance if indexed else unindexed(Event.importance)
    return or_(value < importance,
               and_(value == importance, or_(Event.date_start > day, and_(Event.date_start == day, Event.seq > seq))))


def _walk_overlap(low: dt.date | None, high: dt.date | None) -> list:
    """The view's dates as plain checks, so that no date index competes with the walk."""
    clauses = []
    if high is not None:
        clauses.append(unindexed(Event.date_start) <= high)
    if low is not None:
        clauses.append(or_(unindexed(Event.date_end) >= low, Event.open_end.is_(True)))
    return clauses


def most_important(session: Session, filters: EventFilters, low: dt.date | None, high: dt.date | None,
                   limit: int, *, matching: int, after: tuple[int, dt.date, int] | None = None,
                   starting_only: bool = False, columns: Sequence | None = None) -> list:
    """The `limit` most important matching events that meet [low, high] (that start in it, with
    `starting_only`), after `after` = (importance, day, seq) in that order. `matching` is about
    how many events the view holds (its count); the plan decides from it how to read them.
    `columns`: read these columns of the chosen events (rows) rather than whole events."""
    if low is not None and high is not None and low > high:
        return []
    plan = plan_for(session, filters)
    if plan.empty:
        return []
    starting_only = starting_only or not filters.reaches_in
    # Keys first (sequence, importance, start day: the date and importance indexes cover them),
    # the chosen rows after: sorting a period's keys costs no row reads.
    keys_of = (Event.seq, Event.importance, Event.date_start)
    # The explorer may have read every key of this view already (app/queries/view_keys.py): then
    # neither a walk nor a read of the view is needed for the events that start in it.
    known = None if after else most_important_keys(plan, low, high, limit)
    if known is None and plan.walks_importance(limit, matching):
        clauses = plan.probe_clauses(type_index=len(filters.types) == 1, collection_index=True)
        if starting_only:
            start = (Event.date_start if plan.collection is not None and dialect_of(session).dates_in_collection_walk
                     else unindexed(Event.date_start))
            clauses += [start >= low] if low is not None else []
            clauses += [start <= high] if high is not None else []
        else:
            clauses += _walk_overlap(low, high)
        if after:
            clauses.append(_after_importance(*after))
        query = select(*keys_of).where(*clauses).order_by(Event.importance.desc(), Event.date_start, Event.seq)
        return _rows(session, session.execute(query.limit(limit)).all(), columns)
    order = (unindexed(Event.importance).desc(), Event.date_start, Event.seq)
    keys = known
    if keys is None:
        source = plan.source(Event.seq, low=low, high=high)
        query = source.query.with_only_columns(*keys_of)
        if after:
            query = query.where(_after_importance(*after, indexed=False))
        keys = session.execute(query.order_by(*order).limit(limit)).all()
    if low is not None and not starting_only:
        if after:
            earlier = select(*keys_of).where(*plan.earlier_clauses(low), _after_importance(*after, indexed=False))
            keys += session.execute(earlier.order_by(*order).limit(limit)).all()
        else:  # the page's list and count read them already (app/queries/reaching_in.py)
            keys += [Key(seq, -negative, day) for negative, day, seq in heapq.nsmallest(
                limit, ((-importance, day, seq) for day, seq, importance in reaching_in_keys(plan, low)))]
    return _rows(session, sorted(keys, key=lambda k: (-k.importance, k.date_start, k.seq))[:limit], columns)


def _rows(session: Session, keys: Sequence, columns: Sequence | None = None) -> list:
    """The events of these keys (or those columns of them), in their order."""
    if not keys:
        return []
    wanted = dialect_of(session).one_of(Event.seq, [key.seq for key in keys])
    if columns:
        found = {row.seq: row for row in session.execute(select(Event.seq, *columns).where(wanted)).all()}
    else:
        found = {row.seq: row for row in session.execute(select(Event).where(wanted)).scalars()}
    return [found[key.seq] for key in keys if key.seq in found]


def importance_rows(plan: Plan, matching: int, estimate: bool = False) -> list[Event]:
    """A page (limit + 1 rows) of the list in importance order, after the cursor. A count that
    is only a lower bound ("10,000+") may be far below the truth: the walk is then the safe way."""
    filters = plan.filters
    if estimate:
        matching = plan.population()
    after = None
    if filters.cursor and filters.cursor_importance is not None:
        after = (filters.cursor_importance, *filters.cursor)
    return most_important(plan.session, filters, filters.visible_from, filters.visible_to, filters.limit + 1,
                          matching=matching, after=after)


def newest_rows(plan: Plan) -> list[Event]:
    """A page (limit + 1 rows) of the list newest first, after the cursor: the events starting in
    the view, latest first, then those that started before it and reach into it."""
    filters, session = plan.filters, plan.session
    low, high, wanted = filters.visible_from, filters.visible_to, filters.limit + 1
    rows = plan.rows_in_order(low, high, wanted, newest_first=True)
    if low is not None and filters.reaches_in and len(rows) < wanted:
        clauses = plan.earlier_clauses(low)
        if filters.cursor:
            day, seq = filters.cursor
            clauses.append(or_(Event.date_start < day, and_(Event.date_start == day, Event.seq < seq)))
        # Plain tuples: comparing thousands of result rows as rows costs ten times as much.
        keys = heapq.nlargest(wanted - len(rows),
                              map(tuple, session.execute(select(Event.date_start, Event.seq).where(*clauses))))
        if keys:
            found = {row.seq: row for row in session.execute(
                select(Event).where(dialect_of(session).one_of(Event.seq, [seq for _, seq in keys]))).scalars()}
            rows += [found[seq] for _, seq in keys if seq in found]
    return rows
