"""Reading the kept counts: how many active events start in a range, per period or per type,
from the per-day and per-month counts (a type filter) or an actor's month counts and timeline
(one actor), never from the events themselves. Within a collection the same questions read the
collection's own counts (collection_day_count, collection_month_count,
collection_actor_month_count, and the actor's timeline rows of that collection).

A range is read as whole months from a month table and the partial months at either end from a
day table (calendar.month_split), so a decade costs some 120 month rows, not 3,650 days.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import Session

from app.calendar import month_end, month_split, month_start
from app.db.rows import plain_rows
from app.queries.freshness import TOTALS
from app.models import (
    ActorMonthCount, ActorTimeline, CollectionActorMonthCount, CollectionDayCount, CollectionMonthCount, EventDayCount,
    EventMonthCount,
)


def _table(types: Sequence[str], actor: str | None, whole_months: bool, collection: int | None = None):
    """(the day or month column, the count, the clauses) of the kept table that counts them."""
    if actor is None:
        if collection is None:
            table = EventMonthCount if whole_months else EventDayCount
            scope = []
        else:
            table = CollectionMonthCount if whole_months else CollectionDayCount
            scope = [table.collection_id == collection]
        day = table.month if whole_months else table.day
        return day, func.sum(table.count), scope + ([table.type.in_(types)] if types else [])
    if whole_months:
        if collection is None:
            return ActorMonthCount.month, func.sum(ActorMonthCount.count), [ActorMonthCount.actor_id == actor]
        table = CollectionActorMonthCount
        return table.month, func.sum(table.count), [table.collection_id == collection, table.actor_id == actor]
    scope = [] if collection is None else [ActorTimeline.collection_id == collection]
    return ActorTimeline.date_start, func.count(), [*scope, ActorTimeline.actor_id == actor]


def _bounds(column, low: dt.date | None, high: dt.date | None) -> list:
    return [clause for clause in (column >= low if low is not None else None,
                                  column <= high if high is not None else None) if clause is not None]


def total(session: Session, low: dt.date | None, high: dt.date | None, *,
          types: Sequence[str] = (), actor: str | None = None, collection: int | None = None) -> int:
    """Active events (of these types, or of this actor; in one collection) starting within [low, high].

    Read once per transaction (forgotten, as the write mark is, when the session writes, commits
    or rolls back: app/queries/freshness.py): a collection's list by importance asks its total
    twice, for the page's count and for the size of the walk down its importance index."""
    memo = session.info.setdefault(TOTALS, {})
    key = (low, high, tuple(types), actor, collection)
    if key not in memo:
        found = 0
        for start, end, whole in month_split(low, high):
            day, count, clauses = _table(types, actor, whole, collection)
            found += session.execute(select(func.coalesce(count, 0)).where(*clauses, *_bounds(day, start, end))).scalar_one()
        memo[key] = int(found)
    return memo[key]


def per_period(session: Session, low: dt.date | None, high: dt.date | None, resolution: str, *,
               types: Sequence[str] = (), actor: str | None = None, collection: int | None = None) -> Counter[dt.date]:
    """Active events starting within [low, high], per start day ("day") or per month (any
    coarser resolution: a year's counts come keyed by its months)."""
    counts: Counter[dt.date] = Counter()
    parts = [(low, high, False)] if resolution == "day" else month_split(low, high)
    for start, end, whole in parts:
        day, count, clauses = _table(types, actor, whole, collection)
        # Plain tuples (app/db/rows.py): a year's days are some 365 rows.
        for key, number in plain_rows(session, select(day, count).where(*clauses, *_bounds(day, start, end)).group_by(day)):
            if number:
                counts[key if resolution == "day" else month_start(key)] += int(number)
    return counts


def per_type(session: Session, low: dt.date | None = None, high: dt.date | None = None,
             types: Sequence[str] = (), collection: int | None = None) -> dict[str, int]:
    """Active events per type (in one collection) starting within [low, high] (the month counts
    when the range is whole months, the day counts otherwise)."""
    whole_months = (low is None or low.day == 1) and (high is None or high == month_end(high))
    if collection is None:
        table = EventMonthCount if whole_months else EventDayCount
        scope = []
    else:
        table = CollectionMonthCount if whole_months else CollectionDayCount
        scope = [table.collection_id == collection]
    day = table.month if whole_months else table.day
    query = (select(table.type, func.sum(table.count)).where(*scope, *_bounds(day, low, high))
             .group_by(table.type))
    if types:
        query = query.where(table.type.in_(types))
    return {key: int(number) for key, number in session.execute(query).all() if number}
