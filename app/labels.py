"""Dates in words, the one way the app writes them: "Sep 19, 2023", "June 2023", "2022",
"1990s", "since 1994", "week of Sep 18, 2023", "3 May 2024", "2023-09-20 14:05 UTC"."""

from __future__ import annotations

import datetime as dt

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


def day_label(day: dt.date) -> str:
    """Sep 19, 2023."""
    return f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}"


def month_label(day: dt.date) -> str:
    """September 2023."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def long_day_label(day: dt.date) -> str:
    """September 19, 2023 (a heading over a day's events)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def date_label(start: dt.date, end: dt.date, precision: str, open_end: bool = False) -> str:
    """An interval at its precision: Sep 19, 2023 (– Sep 20, 2023), June 2023, 2022, 1990s, 20th century."""
    if precision == "day":
        label = day_label(start)
        if end != start:
            label += f" – {day_label(end)}"
    elif precision == "month":
        label = month_label(start)
    elif precision == "year":
        label = str(start.year) if end.year == start.year else f"{start.year}–{end.year}"
    elif precision == "decade":
        label = f"{start.year // 10 * 10}s"
    elif precision == "century":
        century = start.year // 100 + 1
        suffix = "th" if 10 <= century % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(century % 10, "th")
        label = f"{century}{suffix} century"
    else:
        label = start.isoformat()
    return f"since {label}" if open_end else label


def period_label(level: str, start: dt.date) -> str:
    """A zoom level's period in words: 1900–1999, the 1990s, 2023, September 2023, week of ..."""
    if level == "century":
        return f"{start.year}\u2013{start.year + 99}"
    if level == "decade":
        return f"the {start.year}s"
    if level == "year":
        return str(start.year)
    if level == "month":
        return month_label(start)
    if level == "week":
        return f"week of {day_label(start)}"
    return day_label(start)


def bar_label(level: str, start: dt.date) -> str:
    """A density bar's period, short: the 1990s are "1990s"."""
    if level == "decade":
        return f"{start.year}s"
    return period_label(level, start)


def long_date(day: dt.date) -> str:
    """3 May 2024: unambiguous in every English-speaking country (citations)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def moment_label(moment: dt.datetime) -> str:
    """2023-09-20 14:05 UTC (audit entries, jobs)."""
    return moment.strftime("%Y-%m-%d %H:%M UTC")
