"""Reading the kept counts: how many active events start in a range, per period or per type,
from the per-day and per-month counts (a type filter) or an actor's month counts and timeline
(one actor), never from the events themselves.

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
from app.models import ActorMonthCount, ActorTimeline, EventDayCount, EventMonthCount


def _table(types: Sequence[str], actor: str | None, whole_months: bool):
    """(the day or month column, the count, the clauses) of the kept table that counts them."""
    if actor is None:
        table = EventMonthCount if whole_months else EventDayCount
        day = table.month if whole_months else table.day
        return day, func.sum(table.count), ([table.type.in_(types)] if types else [])
    if whole_months:
        return ActorMonthCount.month, func.sum(ActorMonthCount.count), [ActorMonthCount.actor_id == actor]
    return ActorTimeline.date_start, func.count(), [ActorTimeline.actor_id == actor]


def _bounds(column, low: dt.date | None, high: dt.date | None) -> list:
    return [clause for clause in (column >= low if low is not None else None,
                                  column <= high if high is not None else None) if clause is not None]


def total(session: Session, low: dt.date | None, high: dt.date | None, *,
          types: Sequence[str] = (), actor: str | None = None) -> int:
    """Active events (of these types, or of this actor) starting within [low, high]."""
    found = 0
    for start, end, whole in month_split(low, high):
        day, count, clauses = _table(types, actor, whole)
        found += session.execute(select(func.coalesce(count, 0)).where(*clauses, *_bounds(day, start, end))).scalar_one()
    return int(found)


def per_period(session: Session, low: dt.date | None, high: dt.date | None, resolution: str, *,
               types: Sequence[str] = (), actor: str | None = None) -> Counter[dt.date]:
    """Active events starting within [low, high], per start day ("day") or per month (any
    coarser resolution: a year's counts come keyed by its months)."""
    counts: Counter[dt.date] = Counter()
    parts = [(low, high, False)] if resolution == "day" else month_split(low, high)
    for start, end, whole in parts:
        day, count, clauses = _table(types, actor, whole)
        rows = session.execute(select(day, count).where(*clauses, *_bounds(day, start, end)).group_by(day)).all()
        for key, number in rows:
            if number:
                counts[key if resolution == "day" else month_start(key)] += int(number)
    return counts


def per_type(session: Session, low: dt.date | None = None, high: dt.date | None = None,
             types: Sequence[str] = ()) -> dict[str, int]:
    """Active events per type starting within [low, high] (the month counts when the range is
    whole months, the day counts otherwise)."""
    whole_months = (low is None or low.day == 1) and (high is None or high == month_end(high))
    table = EventMonthCount if whole_months else EventDayCount
    day = table.month if whole_months else table.day
    query = select(table.type, func.sum(table.count)).where(*_bounds(day, low, high)).group_by(table.type)
    if types:
        query = query.where(table.type.in_(types))
    return {key: int(number) for key, number in session.execute(query).all() if number}
