"""The time axis drawn to scale: pure geometry from app/queries/axis.py's values.

x is proportional to time over the axis's range. A dated day is a dot whose size grows with the
event's importance; an event known only to a month, a year or a span ("since 1994") is a bar
over the whole interval it may lie in, so a vague date never looks exact. Dots are stacked in
lanes so that none hides another, the most important placed first; what does not fit is left to
the list. Ticks mark years, months or days depending on the span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.labels import MONTHS, long_date
from app.importance import tier
from app.queries.axis import Axis, AxisEvent

WIDTH = 1000
DOT_LANES = 4
BAR_LANES = 3
LANE = 18
TOP = 12
BAR_HEIGHT = 7
TICKS_HEIGHT = 18


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    event: AxisEvent
    tier: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    event: AxisEvent
    tier: str
    open_end: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True)
class AxisDrawing:
    width: int
    height: int
    dots: tuple[Dot, ...]
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    first: dt.date
    last: dt.date
    shown: int
    matching: int
    summary: str
    baseline: float


def _x(day: dt.date, first: dt.date, days: int) -> float:
    return round((day.toordinal() - first.toordinal()) / days * WIDTH, 2)


def draw(axis: Axis, outside: int = 0) -> AxisDrawing | None:
    """The axis to scale. `outside`: events the page's heading counts that lie beyond the axis's
    range (the overview fits the bulk of the events, not a stray date years away)."""
    if not axis.events or axis.last < axis.first:
        return None
    days = max((axis.last - axis.first).days + 1, 1)
    dot_lanes: list[list[tuple[float, float]]] = [[] for _ in range(DOT_LANES)]
    bar_lanes: list[list[tuple[float, float]]] = [[] for _ in range(BAR_LANES)]
    bars_top = TOP + DOT_LANES * LANE + 4
    dots, bars = [], []
    low = min((e.importance for e in axis.events), default=0)
    high = max((e.importance for e in axis.events), default=100)
    spread = max(high - low, 1)
    wide = 0
    for event in axis.events:  # the most important first: they get the places
        start = max(event.date_start, axis.first)
        end = axis.last if event.open_end else min(event.date_end, axis.last)
        if event.is_range and (end - start).days >= 1:
            if (end - start).days + 1 > days / 2:
                wide += 1  # a span over most of the axis says nothing here: the list has it
                continue
            left, right = _x(start, axis.first, days), _x(end + dt.timedelta(days=1), axis.first, days)
            lane = _free(bar_lanes, left, right, 2)
            if lane is None:
                continue
            bars.append(Bar(left, bars_top + lane * (BAR_HEIGHT + 4), max(right - left, 2), event,
                            tier(event.importance), event.open_end))
            continue
        # Sizes spread over the events drawn, so that differences show at any level.
        radius = round(2.5 + 6 * (event.importance - low) / spread, 1)
        centre = _x(start, axis.first, days) + WIDTH / days / 2
        lane = _free(dot_lanes, centre - radius, centre + radius, 1)
        if lane is None:
            continue
        dots.append(Dot(round(centre, 2), TOP + lane * LANE + LANE / 2, radius, event, tier(event.importance)))
    baseline = bars_top + BAR_LANES * (BAR_HEIGHT + 4) + 2
    height = int(baseline + TICKS_HEIGHT)
    shown = len(dots) + len(bars)
    summary = (f"The {shown} most important of {axis.matching:,} events from "
               f"{long_date(axis.first)} to {long_date(axis.last)}, placed at their dates.")
    if wide:
        summary += f" {wide} spanning most of it are left to the list."
    if outside > 0:
        # the overview fits the bulk of the events: what the heading counts beyond it is said
        summary += f" {outside:,} more, dated outside this range, {'is' if outside == 1 else 'are'} in the list."
    return AxisDrawing(WIDTH, height, tuple(sorted(dots, key=lambda d: d.r)), tuple(bars),
                       tuple(ticks(axis.first, axis.last)), axis.first, axis.last, shown, axis.matching,
                       summary, baseline)


def _free(lanes: list[list[tuple[float, float]]], left: float, right: float, gap: float) -> int | None:
    """The first lane where [left, right] keeps `gap` from every mark taken (and takes it there)."""
    high, low = right + gap, left - gap
    for number, taken in enumerate(lanes):
        for a, b in taken:  # a plain loop: 120 marks over a few lanes ask some 3,000 of these
            if not (high <= a or low >= b):
                break
        else:
            taken.append((left, right))
            return number
    return None


def ticks(first: dt.date, last: dt.date, most: int = 12) -> list[Tick]:
    """Tick marks at round dates: decades, years, months or days, at most about `most` labelled."""
    days = max((last - first).days + 1, 1)
    candidates: list[tuple[dt.date, str, bool]] = []
    if days > 365 * 25:
        step = 10 if days < 365 * 150 else 50
        year = (first.year // step + 1) * step
        while year <= last.year:
            candidates.append((dt.date(year, 1, 1), str(year), True))
            year += step
    elif days > 365 * 3:
        step = max(1, round(days / 365 / most))
        for year in range(first.year + 1, last.year + 1, step):
            candidates.append((dt.date(year, 1, 1), str(year), True))
    elif days > 45:
        month = dt.date(first.year, first.month, 1)
        step = max(1, round(days / 30.4 / most))
        number = 0
        while month <= last:
            if month >= first and number % step == 0:
                label = f"{MONTHS[month.month - 1][:3]}" + (f" {month.year}" if month.month == 1 or not candidates else "")
                candidates.append((month, label, month.month == 1))
            number += 1
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    else:
        step = max(1, round(days / most))
        day = first
        while day <= last:
            candidates.append((day, f"{MONTHS[day.month - 1][:3]} {day.day}", day.day == 1))
            day += dt.timedelta(days=step)
    return [Tick(_x(day, first, days), label, major) for day, label, major in candidates]
