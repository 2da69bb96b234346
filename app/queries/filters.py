"""Timeline filters, parsed once from a query string into a typed value, with clear refusals."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from app.calendar import ZOOM_LEVELS, is_supported, month_end, period_end, period_start, unsupported_reason
from app.errors import BadFilter

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_VALUES = 20  # repeatable filters: more than this is not a real question
MAX_TEXT = 200
KNOWN_PARAMETERS = {
    "q", "actor", "type", "location", "publisher", "article", "from", "to",
    "min_sources", "limit", "cursor", "reviewed", "zoom", "at", "format",
}


@dataclass(frozen=True)
class EventFilters:
    q: str | None = None
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    location: str | None = None
    publisher: str | None = None
    article: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min_sources: int | None = None
    reviewed_only: bool = False
    limit: int = DEFAULT_LIMIT
    cursor: tuple[dt.date, int] | None = field(default=None, compare=False)
    # The explorer's view: a period of the time axis (`?zoom=month&at=2023-09`). Without `at`
    # nothing is hidden by zoom; with it the visible range is that period within from/to.
    zoom: str | None = None
    at: dt.date | None = None  # the first day of the period

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        if self.zoom is None or self.at is None:
            return None
        return self.at, period_end(self.at, self.zoom)

    @property
    def visible_from(self) -> dt.date | None:
        period = self.period
        if period is None:
            return self.date_from
        return max(period[0], self.date_from) if self.date_from else period[0]

    @property
    def visible_to(self) -> dt.date | None:
        period = self.period
        if period is None:
            return self.date_to
        return min(period[1], self.date_to) if self.date_to else period[1]

    @property
    def visible_empty(self) -> bool:
        """The period lies wholly outside the from/to range: nothing can be visible."""
        low, high = self.visible_from, self.visible_to
        return bool(low and high and low > high)

    def viewing(self, zoom: str | None, at: dt.date | None) -> "EventFilters":
        """The same filters, looking at another period (None, None: every date)."""
        if zoom is None or at is None:
            return replace(self, zoom=None, at=None, cursor=None)
        return replace(self, zoom=zoom, at=period_start(at, zoom), cursor=None)

    def view_items(self) -> list[tuple[str, str]]:
        if self.zoom is None or self.at is None:
            return []
        return [("zoom", self.zoom), ("at", format_at(self.at, self.zoom))]

    def query_items(self, *, with_cursor: bool = False, with_limit: bool = True,
                    with_view: bool = True) -> list[tuple[str, str]]:
        """The filters as query-string pairs, in a stable order (URLs must reproduce a view)."""
        items: list[tuple[str, str]] = []
        if self.q:
            items.append(("q", self.q))
        items += [("actor", a) for a in self.actors]
        items += [("type", t) for t in self.types]
        for name, value in (("location", self.location), ("publisher", self.publisher), ("article", self.article)):
            if value:
                items.append((name, value))
        if self.date_from:
            items.append(("from", self.date_from.isoformat()))
        if self.date_to:
            items.append(("to", self.date_to.isoformat()))
        if self.min_sources:
            items.append(("min_sources", str(self.min_sources)))
        if self.reviewed_only:
            items.append(("reviewed", "1"))
        if with_view:
            items += self.view_items()
        if with_limit and self.limit != DEFAULT_LIMIT:
            items.append(("limit", str(self.limit)))
        if with_cursor and self.cursor:
            items.append(("cursor", encode_cursor(*self.cursor)))
        return items

    def query_string(self, **kwargs) -> str:
        return urlencode(self.query_items(**kwargs))

    def without(self, name: str, value: str | None = None) -> "EventFilters":
        """The same filters less one value (the 'clear this filter' links)."""
        if name == "actor":
            return replace(self, actors=tuple(a for a in self.actors if value is not None and a != value), cursor=None)
        if name == "type":
            return replace(self, types=tuple(t for t in self.types if value is not None and t != value), cursor=None)
        if name in ("zoom", "at"):
            return replace(self, zoom=None, at=None, cursor=None)
        mapping = {"q": "q", "location": "location", "publisher": "publisher", "article": "article",
                   "from": "date_from", "to": "date_to", "min_sources": "min_sources", "reviewed": "reviewed_only"}
        empty = False if name == "reviewed" else None
        return replace(self, **{mapping[name]: empty}, cursor=None)

    @property
    def active(self) -> bool:
        """Any filter in force (the view's period is not a filter)."""
        return bool(self.query_items(with_limit=False, with_view=False))


def format_at(start: dt.date, zoom: str) -> str:
    """The shortest `at` that names the period: 2020 (decade, year), 2023-09, 2023-09-18."""
    if zoom in ("century", "decade", "year"):
        return f"{start.year:04d}"
    if zoom == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return start.isoformat()


def parse_view(zoom: str | None, at: str | None) -> tuple[str | None, dt.date | None]:
    """`zoom` and `at` -> (level, first day of the period). `at` alone implies its own level
    (2023 a year, 2023-09 a month, 2023-09-19 a day); `zoom` alone (the JSON timeline's bucket
    size) leaves every date visible."""
    if zoom is not None and zoom not in ZOOM_LEVELS:
        raise BadFilter(f"zoom must be one of {', '.join(ZOOM_LEVELS)}, not {zoom[:20]!r}")
    if at is None:
        return zoom, None
    try:
        if len(at) == 4 and at.isdigit():
            day, implied = dt.date(int(at), 1, 1), "year"
        elif len(at) == 7 and at[4] == "-":
            day, implied = dt.date(int(at[:4]), int(at[5:7]), 1), "month"
        else:
            day, implied = dt.date.fromisoformat(at), "day"
    except ValueError:
        raise BadFilter(f"at={at[:20]!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from None
    if not is_supported(day):
        raise BadFilter(unsupported_reason("at", day))
    level = zoom or implied
    return level, period_start(day, level)


# A cursor's sequence number is an event's: a non-negative integer that fits the search index's
# key (app/db/search.py keeps it in 32 bits), which is what the server gives out.
MAX_CURSOR_SEQ = (1 << 32) - 1


def encode_cursor(date_start: dt.date, seq: int) -> str:
    raw = f"{date_start.isoformat()}|{seq}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[dt.date, int]:
    refusal = BadFilter("the cursor is not one this server gave out; start again from the first page")
    try:
        padded = value + "=" * (-len(value) % 4)
        day, seq = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii").split("|")
        if not (seq.isdigit() and len(seq) <= 10):  # digits only: no sign, spaces or underscores
            raise refusal
        start, number = dt.date.fromisoformat(day), int(seq)
    except (ValueError, binascii.Error, UnicodeError):
        raise refusal from None
    if number > MAX_CURSOR_SEQ:
        raise refusal
    return start, number


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = [v for v in params.get(name, []) if v.strip()]
    if len(values) > 1:
        raise BadFilter(f"give {name} once, not {len(values)} times")
    if not values:
        return None
    value = values[0].strip()
    if len(value) > MAX_TEXT:
        raise BadFilter(f"{name} is too long ({len(value)} characters; at most {MAX_TEXT})")
    return value


def _many(params: Mapping[str, Sequence[str]], name: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(v.strip() for v in params.get(name, []) if v.strip()))
    if len(values) > MAX_VALUES:
        raise BadFilter(f"at most {MAX_VALUES} values of {name}")
    for value in values:
        if len(value) > MAX_TEXT:
            raise BadFilter(f"{name} is too long ({len(value)} characters; at most {MAX_TEXT})")
    return values


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        if len(value) == 4 and value.isdigit():
            day = dt.date(int(value), 1, 1) if name == "from" else dt.date(int(value), 12, 31)
        elif len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            day = dt.date(year, month, 1) if name == "from" else month_end(dt.date(year, month, 1))
        else:
            day = dt.date.fromisoformat(value)
    except ValueError:
        raise BadFilter(f"{name}={value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    if not is_supported(day):
        raise BadFilter(unsupported_reason(name, day))
    return day


def parse_filters(params: Mapping[str, Sequence[str]]) -> EventFilters:
    """Filters from a multi-valued query mapping; raises BadFilter with a readable reason."""
    date_from = parse_date(_one(params, "from"), "from")
    date_to = parse_date(_one(params, "to"), "to")
    if date_from and date_to and date_from > date_to:
        raise BadFilter(f"the range is reversed: from {date_from} is after to {date_to}")
    min_sources = _int(_one(params, "min_sources"), "min_sources", 1, 10_000)
    limit = _int(_one(params, "limit"), "limit", 1, MAX_LIMIT)
    cursor = _one(params, "cursor")
    reviewed = _one(params, "reviewed")
    zoom, at = parse_view(_one(params, "zoom"), _one(params, "at"))
    return EventFilters(
        q=_one(params, "q"),
        actors=_many(params, "actor"),
        types=_many(params, "type"),
        location=_one(params, "location"),
        publisher=_one(params, "publisher"),
        article=_one(params, "article"),
        date_from=date_from,
        date_to=date_to,
        min_sources=min_sources,
        reviewed_only=reviewed in ("1", "true", "yes", "on"),
        limit=limit or DEFAULT_LIMIT,
        cursor=decode_cursor(cursor) if cursor else None,
        zoom=zoom,
        at=at,
    )


def _int(value: str | None, name: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadFilter(f"{name}={value[:20]!r} is not a whole number") from None
    if not low <= number <= high:
        raise BadFilter(f"{name} must be between {low} and {high}, not {number}")
    return number


# --- the filters in /openapi.json ------------------------------------------------------------------

def openapi_parameters(*, without: tuple[str, ...] = ()) -> list[dict]:
    """The query parameters parse_filters reads, as OpenAPI describes them: the JSON routes and
    the exports declare them (`openapi_extra`), so /openapi.json tells clients (and API fuzzers)
    what can be asked. Bounds are stated in words; values outside them are a 400 with a reason."""
    def query(name: str, schema: dict, description: str) -> dict:
        return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}

    text = {"type": "string"}
    many = {"type": "array", "items": {"type": "string"}}
    day = ("YYYY-MM-DD (or YYYY-MM, YYYY), from 0100-01-01 to 9899-12-31; a date outside is a 400")
    parameters = [
        query("q", text, f"words to search for, all of them (at most {MAX_TEXT} characters)"),
        query("actor", many, f"actor ids; events with every one of them (repeatable, at most {MAX_VALUES})"),
        query("type", many, f"event types; events of any of them (repeatable, at most {MAX_VALUES})"),
        query("location", text, "a place id"),
        query("publisher", text, "a publisher's name"),
        query("article", text, "an article id: the events it reports"),
        # Declared as dates (the usual form), so that clients and fuzzers send real days; the
        # shorter forms are accepted too.
        query("from", {"type": "string", "format": "date"}, f"events that reach this day or later: {day}"),
        query("to", {"type": "string", "format": "date"}, f"events that start on this day or earlier: {day}"),
        query("min_sources", {"type": "integer", "minimum": 1, "maximum": 10_000},
              "events reported by at least this many articles"),
        query("reviewed", text, "1: only events an editor reviewed"),
        query("zoom", {"type": "string", "enum": list(ZOOM_LEVELS)}, "the period's level (with `at`)"),
        query("at", {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
              "the period: YYYY, YYYY-MM or YYYY-MM-DD within the supported dates"),
        query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
              f"events per page (default {DEFAULT_LIMIT})"),
        query("cursor", text, "the `next` page's cursor, as the server gave it out"),
    ]
    return [parameter for parameter in parameters if parameter["name"] not in without]
