"""Calendar arithmetic on proleptic Gregorian dates: months, the zoom levels' periods, and ranges
cut into whole months. Pure, and bounded: nothing here steps off either end of the calendar
(year 1 to 9999).
"""

from __future__ import annotations

import datetime as dt

MIN_DAY = dt.date(1, 1, 1)
MAX_DAY = dt.date(9999, 12, 31)

# Periods from coarse to fine. A view at one level shows buckets of the next (CHILD).
ZOOM_LEVELS = ("century", "decade", "year", "month", "week", "day")
CHILD = {"century": "decade", "decade": "year", "year": "month", "month": "week", "week": "day"}
PARENT = {child: parent for parent, child in CHILD.items()}
PARENT["day"] = "month"  # a day's parent is its month: weeks straddle months and years


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s (the calendar's last day for December 9999)."""
    if (day.year, day.month) == (9999, 12):
        return MAX_DAY
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    if (day.year, day.month) == (9999, 12):
        return MAX_DAY
    return next_month(day) - dt.timedelta(days=1)


def period_start(day: dt.date, zoom: str) -> dt.date:
    """The first day of the period of this level that contains `day`."""
    if zoom == "century":
        return dt.date(max(day.year // 100 * 100, 1), 1, 1)
    if zoom == "decade":
        return dt.date(max(day.year // 10 * 10, 1), 1, 1)
    if zoom == "year":
        return dt.date(day.year, 1, 1)
    if zoom == "month":
        return month_start(day)
    if zoom == "week":
        return max(day - dt.timedelta(days=day.weekday()), MIN_DAY)
    return day


def period_end(start: dt.date, zoom: str) -> dt.date:
    """The last day of the period that starts on `start`."""
    if zoom in ("century", "decade"):
        span = 100 if zoom == "century" else 10
        return dt.date(min(start.year // span * span + span - 1, 9999), 12, 31)
    if zoom == "year":
        return dt.date(start.year, 12, 31)
    if zoom == "month":
        return month_end(start)
    if zoom == "week":
        return start + dt.timedelta(days=6) if start <= MAX_DAY - dt.timedelta(days=6) else MAX_DAY
    return start


def shift_period(start: dt.date, zoom: str, steps: int) -> dt.date | None:
    """The period `steps` before (negative) or after this one; None off the calendar's ends."""
    try:
        if zoom in ("century", "decade", "year"):
            span = {"century": 100, "decade": 10, "year": 1}[zoom]
            return period_start(dt.date(start.year + steps * span, 1, 1), zoom)
        if zoom == "month":
            months = start.year * 12 + start.month - 1 + steps
            return dt.date(months // 12, months % 12 + 1, 1)
        days = 7 if zoom == "week" else 1
        return start + dt.timedelta(days=days * steps)
    except (ValueError, OverflowError):
        return None


def month_split(low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date | None, dt.date | None, bool]]:
    """[low, high] as (start, end, whole months?) parts: the whole months in the middle (bounds
    are first days of months, None for open) and the partial months at either end (days)."""
    first_full = low if low is None or low.day == 1 else next_month(low)
    last_full = high if high is None or month_end(high) == high else month_start(high) - dt.timedelta(days=1)
    if not (first_full is None or last_full is None or first_full <= last_full):
        return [(low, high, False)]  # a range within one month
    parts: list[tuple[dt.date | None, dt.date | None, bool]] = [
        (first_full, month_start(last_full) if last_full else None, True)]
    if low is not None and low < first_full:
        parts.append((low, first_full - dt.timedelta(days=1), False))
    if high is not None and high > last_full:
        parts.append((last_full + dt.timedelta(days=1), high, False))
    return parts
