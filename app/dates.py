"""Human date labels for intervals of any precision ("Sep 19, 2023", "June 2023", "2022", "1990s")."""

from __future__ import annotations

import datetime as dt

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


def date_label(start: dt.date, end: dt.date, precision: str, open_end: bool = False) -> str:
    if precision == "day":
        label = f"{MONTHS[start.month - 1][:3]} {start.day}, {start.year}"
        if end != start:
            label += f" – {MONTHS[end.month - 1][:3]} {end.day}, {end.year}"
    elif precision == "month":
        label = f"{MONTHS[start.month - 1]} {start.year}"
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


def sentence_anchor(index: int) -> str:
    """The article page's anchor for a sentence: s1 is the first sentence."""
    return f"s{index + 1}"
