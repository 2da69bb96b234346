"""Calendar arithmetic on proleptic Gregorian dates: months, the zoom levels' periods, and ranges
cut into whole months. Pure, and bounded: nothing here steps off either end of the calendar
(year 1 to 9999).
"""

from __future__ import annotations

import datetime as dt

MIN_DAY = dt.date(1, 1, 1)
MAX_DAY = dt.date(9999, 12, 31)

# The dates a request, an upload or an edit may name: the 2nd to the 99th century. Every period
# of every zoom level that holds such a day, the periods either side of it, and every window
# the read layer looks back or ahead through (a year at most) then lie on the calendar, so no
# date arithmetic can step off it. A date outside is refused with a sentence (a 400), never
# computed with. Stored events may lie outside (a "1st century" background event): the
# arithmetic below stays bounded for them too.
FIRST_SUPPORTED_DAY = dt.date(100, 1, 1)
LAST_SUPPORTED_DAY = dt.date(9899, 12, 31)


def is_supported(day: dt.date) -> bool:
    return FIRST_SUPPORTED_DAY <= day <= LAST_SUPPORTED_DAY


def unsupported_reason(name: str, day: dt.date) -> str:
    """Why `day` (given as `name`) is refused: a sentence naming the supported range."""
    return (f"{name}={day.isoformat()} is outside the dates this timeline supports "
            f"({FIRST_SUPPORTED_DAY.isoformat()} to {LAST_SUPPORTED_DAY.isoformat()})")

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


def add_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, stopping at the calendar's first or last day: a window around a
    stored event of the 1st century (or the 99th) is cut at the calendar's end, not an error."""
    ordinal = min(max(day.toordinal() + days, MIN_DAY.toordinal()), MAX_DAY.toordinal())
    return dt.date.fromordinal(ordinal)


def previous_day(day: dt.date) -> dt.date | None:
    """The day before, or None on the calendar's first day."""
    return day - dt.timedelta(days=1) if day > MIN_DAY else None


def month_split(low: dt.date | None, high: dt.date | None) -> list[tuple[dt.date | None, dt.date | None, bool]]:
    """[low, high] as (start, end, whole months?) parts: the whole months in the middle (bounds
    are first days of months, None for open) and the partial months at either end (days)."""
    first_full = low if low is None or low.day == 1 else next_month(low)
    last_full = high if high is None or month_end(high) == high else previous_day(month_start(high))
    if high is not None and last_full is None:  # ends in the calendar's first month: no whole month
        return [(low, high, False)]
    if not (first_full is None or last_full is None or first_full <= last_full):
        return [(low, high, False)]  # a range within one month
    parts: list[tuple[dt.date | None, dt.date | None, bool]] = [
        (first_full, month_start(last_full) if last_full else None, True)]
    if low is not None and low < first_full:
        parts.append((low, first_full - dt.timedelta(days=1), False))
    if high is not None and high > last_full:
        parts.append((last_full + dt.timedelta(days=1), high, False))
    return parts
