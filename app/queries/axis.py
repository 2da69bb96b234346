"""The time axis: the most important events of the view's range, placed at their dates.

The page draws them to scale (app/web/axis.py); the list below stays the full, accessible
record. At most AXIS_LIMIT events are drawn, the most important first (app/queries/ordering.py
reads them the cheaper of two ways), so a year of a million-event corpus costs one walk of the
importance index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from app.models import Event
from app.queries.filters import EventFilters
from app.queries.ordering import most_important
from app.taxonomy import type_label

AXIS_LIMIT = 120


@dataclass(frozen=True)
class AxisEvent:
    id: str
    title: str
    path: str
    type: str
    type_label: str
    date_start: dt.date
    date_end: dt.date
    open_end: bool
    precision: str
    importance: int

    @property
    def is_range(self) -> bool:
        return self.open_end or self.date_end > self.date_start


@dataclass(frozen=True)
class Axis:
    first: dt.date
    last: dt.date
    events: tuple[AxisEvent, ...]  # the most important first
    matching: int  # events in the range (the view's count)

    @property
    def shown(self) -> int:
        return len(self.events)


# A light read: no summaries, no JSON columns. The source count is for the explorer's buckets,
# which take their most important events from these rows (app/queries/timeline.py).
COLUMNS = (Event.id, Event.slug, Event.title, Event.type, Event.date_start, Event.date_end, Event.open_end,
           Event.precision, Event.importance, Event.sources_count)
MEMO = "axis_rows"


def axis_rows(session: Session, filters: EventFilters, first: dt.date, last: dt.date, matching: int,
              limit: int = AXIS_LIMIT) -> list:
    """The rows (COLUMNS) of the `limit` most important matching events that meet [first, last],
    the most important first; read once per request (kept in the session, as the view's keys
    are: app/queries/view_keys.py), since the explorer asks before the axis is drawn."""
    if not matching:
        return []
    memo = session.info.setdefault(MEMO, {})
    key = (filters, first, last, matching, limit)
    if key not in memo:
        memo[key] = most_important(session, filters, first, last, limit, matching=max(matching, 1), columns=COLUMNS)
    return memo[key]


def axis_events(session: Session, filters: EventFilters, first: dt.date, last: dt.date, matching: int,
                limit: int = AXIS_LIMIT) -> Axis:
    """The `limit` most important matching events that meet [first, last]."""
    rows = axis_rows(session, filters, first, last, matching, limit)
    # By position (COLUMNS after the sequence number): a row read by column name costs about as
    # much as unpacking all ten.
    return Axis(first, last, tuple(
        AxisEvent(key, title, f"/events/{key}/{slug}", kind, type_label(kind), start, end, bool(open_end),
                  precision, importance)
        for _seq, key, slug, title, kind, start, end, open_end, precision, importance, _sources in rows), matching)
