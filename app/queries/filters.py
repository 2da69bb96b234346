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
    "sort", "speech", "bbox", "layout", "jump", "collection",
}
# The orders a list can be read in: by date (oldest first, the default), newest first, or the
# most important first (app/importance.py).
SORTS = ("date", "-date", "importance")
LAYOUTS = ("cards", "compact")


@dataclass(frozen=True)
class EventFilters:
    # The collection (its slug) the question is asked in; None: every collection. A scope rather
    # than a filter: a collection's page carries it in its path (/c/{slug}/), the API as a parameter.
    collection: str | None = None
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
    sort: str = "date"
    # "Hide statements and other speech": `types` then holds the types that are not speech (of
    # those chosen, or all), while `chosen_types` keeps what the reader chose, for URLs and forms.
    hide_speech: bool = False
    chosen_types: tuple[str, ...] | None = None
    # Events with a place inside this box: (west, south, east, north) in degrees.
    bbox: tuple[float, float, float, float] | None = None
    layout: str = "cards"  # the list as cards, or one line per event
    # Where a page starts within the whole list: how many events come before it, and the
    # importance of the last event of the previous page (the cursor of sort=importance).
    offset: int = field(default=0, compare=False)
    cursor_importance: int | None = field(default=None, compare=False)
    jump: dt.date | None = field(default=None, compare=False)  # "start the page at this date"
    # The overview's start: without a period or a From date, the page shows the events from the
    # collection's first report on (app/queries/timeline.py:background_cutoff), the earlier ones
    # in a Background band. Never part of a URL: the same address shows the same view.
    foreground_from: dt.date | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.cursor is None:  # a first page: nothing comes before it
            object.__setattr__(self, "offset", 0)
            object.__setattr__(self, "cursor_importance", None)

    @property
    def picked_types(self) -> tuple[str, ...]:
        """The types the reader chose (before hiding speech)."""
        return self.types if self.chosen_types is None else self.chosen_types

    def with_types(self, chosen: tuple[str, ...]) -> "EventFilters":
        """The same filters with these types chosen (speech still hidden if it was)."""
        return replace(self, chosen_types=chosen, types=effective_types(chosen, self.hide_speech), cursor=None)

    def with_speech_hidden(self, hide: bool) -> "EventFilters":
        return replace(self, hide_speech=hide, types=effective_types(self.picked_types, hide),
                       chosen_types=self.picked_types, cursor=None)

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        if self.zoom is None or self.at is None:
            return None
        return self.at, period_end(self.at, self.zoom)

    @property
    def visible_from(self) -> dt.date | None:
        period = self.period
        if period is None:
            return self.date_from or self.foreground_from
        return max(period[0], self.date_from) if self.date_from else period[0]

    @property
    def visible_to(self) -> dt.date | None:
        period = self.period
        if period is None:
            return self.date_to
        return min(period[1], self.date_to) if self.date_to else period[1]

    @property
    def reaches_in(self) -> bool:
        """Whether events that start before the visible range and reach into it belong to the
        view: yes for a period or dates the reader chose; no for the overview's foreground, where
        they belong to the Background band with everything else that began earlier."""
        return not (self.foreground_from is not None and self.date_from is None and self.period is None)

    @property
    def visible_empty(self) -> bool:
        """The period lies wholly outside the from/to range: nothing can be visible."""
        low, high = self.visible_from, self.visible_to
        return bool(low and high and low > high)

    def viewing(self, zoom: str | None, at: dt.date | None) -> "EventFilters":
        """The same filters, looking at another period (None, None: every date)."""
        if zoom is None or at is None:
            return replace(self, zoom=None, at=None, cursor=None)
        return replace(self, zoom=zoom, at=period_start(at, zoom), cursor=None, foreground_from=None)

    def view_items(self) -> list[tuple[str, str]]:
        """How the page shows the events (its period, its layout), not which events."""
        items = [] if self.zoom is None or self.at is None else [("zoom", self.zoom), ("at", format_at(self.at, self.zoom))]
        if self.layout != "cards":
            items.append(("layout", self.layout))
        return items

    def query_items(self, *, with_cursor: bool = False, with_limit: bool = True,
                    with_view: bool = True, with_collection: bool = True) -> list[tuple[str, str]]:
        """The filters as query-string pairs, in a stable order (URLs must reproduce a view).
        `with_collection=False`: without the collection, for an address that holds it in its path."""
        items: list[tuple[str, str]] = []
        if self.collection and with_collection:
            items.append(("collection", self.collection))
        if self.q:
            items.append(("q", self.q))
        items += [("actor", a) for a in self.actors]
        items += [("type", t) for t in self.picked_types]
        if self.hide_speech:
            items.append(("speech", "hide"))
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
        if self.bbox:
            items.append(("bbox", format_bbox(self.bbox)))
        if self.sort != "date":
            items.append(("sort", self.sort))
        if with_view:
            items += self.view_items()
        if with_limit and self.limit != DEFAULT_LIMIT:
            items.append(("limit", str(self.limit)))
        if with_cursor and self.cursor:
            items.append(("cursor", encode_cursor(*self.cursor, importance=self.cursor_importance, offset=self.offset)))
        return items

    def query_string(self, **kwargs) -> str:
        return urlencode(self.query_items(**kwargs))

    def without(self, name: str, value: str | None = None) -> "EventFilters":
        """The same filters less one value (the 'clear this filter' links)."""
        if name == "actor":
            return replace(self, actors=tuple(a for a in self.actors if value is not None and a != value), cursor=None)
        if name == "type":
            return self.with_types(tuple(t for t in self.picked_types if value is not None and t != value))
        if name == "speech":
            return self.with_speech_hidden(False)
        if name in ("zoom", "at"):
            return replace(self, zoom=None, at=None, cursor=None)
        if name == "sort":
            return replace(self, sort="date", cursor=None)
        mapping = {"q": "q", "location": "location", "publisher": "publisher", "article": "article",
                   "from": "date_from", "to": "date_to", "min_sources": "min_sources", "reviewed": "reviewed_only",
                   "bbox": "bbox"}
        empty = False if name == "reviewed" else None
        return replace(self, **{mapping[name]: empty}, cursor=None)

    @property
    def active(self) -> bool:
        """Any filter in force (the view's period, the order and the collection are not filters)."""
        return bool([item for item in self.query_items(with_limit=False, with_view=False, with_collection=False)
                     if item[0] != "sort"])

    def within(self, collection: str | None) -> "EventFilters":
        """The same filters asked in another collection (None: every collection)."""
        return replace(self, collection=collection, cursor=None)


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
# key (app/db/search.py keeps it in 32 bits), which is what the server gives out. Its offset (the
# events on the pages before) is never more than there are events, and the importance of a list
# by importance is the 0-100 of app/importance.py. Anything else was not made here.
MAX_CURSOR_SEQ = (1 << 32) - 1
MAX_CURSOR_IMPORTANCE = 100


def encode_cursor(date_start: dt.date, seq: int, *, importance: int | None = None, offset: int = 0) -> str:
    """The last event of a page (its start day and sequence number, and its importance in a list
    by importance) and how many events the pages so far held."""
    parts = [date_start.isoformat(), str(seq)]
    if importance is not None or offset:
        parts += [str(offset), "" if importance is None else str(importance)]
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[dt.date, int]:
    day, seq, _, _ = decode_full_cursor(value)
    return day, seq


def decode_full_cursor(value: str) -> tuple[dt.date, int, int, int | None]:
    """(start day, seq, offset, importance or None) of a cursor this server gave out; any other
    is a 400 (a number too large for the database's integers would otherwise fail the query)."""
    refusal = BadFilter("the cursor is not one this server gave out; start again from the first page")
    try:
        padded = value + "=" * (-len(value) % 4)
        parts = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii").split("|")
    except (ValueError, binascii.Error, UnicodeError):
        raise refusal from None
    if len(parts) not in (2, 4):
        raise refusal
    numbers = parts[1:3] + ([parts[3]] if len(parts) == 4 and parts[3] else [])
    # Digits only (no sign, spaces or underscores) and never longer than the largest allowed.
    if not all(part.isdigit() and len(part) <= 10 for part in numbers):
        raise refusal
    try:
        start = dt.date.fromisoformat(parts[0])
    except ValueError:
        raise refusal from None
    seq = int(parts[1])
    offset = int(parts[2]) if len(parts) == 4 else 0
    importance = int(parts[3]) if len(parts) == 4 and parts[3] else None
    if seq > MAX_CURSOR_SEQ or offset > MAX_CURSOR_SEQ or (importance is not None and importance > MAX_CURSOR_IMPORTANCE):
        raise refusal
    return start, seq, offset, importance


def format_bbox(box: tuple[float, float, float, float]) -> str:
    return ",".join(f"{value:g}" for value in box)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """`west,south,east,north` in degrees (as map libraries give bounds)."""
    if value is None:
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise BadFilter(f"bbox={value[:60]!r} is not four numbers: give west,south,east,north in degrees") from None
    if not (-90 <= south <= north <= 90):
        raise BadFilter("bbox latitudes must lie between -90 and 90 with south before north")
    if not (-180 <= west <= east <= 180):
        raise BadFilter("bbox longitudes must lie between -180 and 180 with west before east")
    return west, south, east, north


def effective_types(chosen: tuple[str, ...], hide_speech: bool) -> tuple[str, ...]:
    """The types a read filters on: those chosen, less speech when it is hidden (every type that
    is not speech when none was chosen)."""
    if not hide_speech:
        return chosen
    from app.importance import is_speech
    from app.taxonomy import event_types

    kept = tuple(t for t in (chosen or tuple(event_types())) if not is_speech(t))
    if not kept:
        raise BadFilter("every type chosen is speech, which speech=hide hides: choose another type or show speech",
                        field="type")
    return kept


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = [v for v in params.get(name, []) if v.strip()]
    if len(values) > 1:
        raise BadFilter(f"give {name} once, not {len(values)} times")
    if not values:
        return None
    value = values[0].strip()
    if len(value) > MAX_TEXT:
        raise BadFilter(f"{name} is too long ({len(value)} characters; at most {MAX_TEXT})", field=name)
    return value


def _many(params: Mapping[str, Sequence[str]], name: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(v.strip() for v in params.get(name, []) if v.strip()))
    if len(values) > MAX_VALUES:
        raise BadFilter(f"at most {MAX_VALUES} values of {name}")
    for value in values:
        if len(value) > MAX_TEXT:
            raise BadFilter(f"{name} is too long ({len(value)} characters; at most {MAX_TEXT})", field=name)
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
        raise BadFilter(f"{name}={value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)", field=name) from None
    if not is_supported(day):
        raise BadFilter(unsupported_reason(name, day), field=name)
    return day


def parse_filters(params: Mapping[str, Sequence[str]]) -> EventFilters:
    """Filters from a multi-valued query mapping; raises BadFilter with a readable reason."""
    date_from = parse_date(_one(params, "from"), "from")
    date_to = parse_date(_one(params, "to"), "to")
    if date_from and date_to and date_from > date_to:
        raise BadFilter(f"the range is reversed: from {date_from} is after to {date_to}; "
                        "swap the two dates or clear one", field="range")
    min_sources = _int(_one(params, "min_sources"), "min_sources", 1, 10_000)
    limit = _int(_one(params, "limit"), "limit", 1, MAX_LIMIT)
    cursor = _one(params, "cursor")
    reviewed = _one(params, "reviewed")
    zoom, at = parse_view(_one(params, "zoom"), _one(params, "at"))
    sort = _choice(params, "sort", SORTS, "date")
    layout = _choice(params, "layout", LAYOUTS, "cards")
    speech = _choice(params, "speech", ("show", "hide"), "show")
    chosen_types = _many(params, "type")
    day, seq, offset, importance = decode_full_cursor(cursor) if cursor else (None, None, 0, None)
    jump = parse_date(_one(params, "jump"), "jump")
    return EventFilters(
        collection=_one(params, "collection"),
        q=_one(params, "q"),
        actors=_many(params, "actor"),
        types=effective_types(chosen_types, speech == "hide"),
        chosen_types=chosen_types,
        hide_speech=speech == "hide",
        sort=sort,
        layout=layout,
        bbox=parse_bbox(_one(params, "bbox")),
        offset=offset,
        cursor_importance=importance,
        jump=jump,
        location=_one(params, "location"),
        publisher=_one(params, "publisher"),
        article=_one(params, "article"),
        date_from=date_from,
        date_to=date_to,
        min_sources=min_sources,
        reviewed_only=reviewed in ("1", "true", "yes", "on"),
        limit=limit or DEFAULT_LIMIT,
        cursor=(day, seq) if cursor else None,
        zoom=zoom,
        at=at,
    )


def _choice(params: Mapping[str, Sequence[str]], name: str, choices: Sequence[str], default: str) -> str:
    value = _one(params, name)
    if value is None:
        return default
    if value not in choices:
        raise BadFilter(f"{name} must be one of {', '.join(choices)}, not {value[:20]!r}")
    return value


def _int(value: str | None, name: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadFilter(f"{name}={value[:20]!r} is not a whole number", field=name) from None
    if not low <= number <= high:
        raise BadFilter(f"{name} must be between {low} and {high}, not {number}", field=name)
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
        query("collection", text, "a collection's slug (see /api/collections): only its events; every collection "
              "when absent; an unknown slug is a 400 naming the known ones"),
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
        query("speech", {"type": "string", "enum": ["show", "hide"]}, "hide: leave out statements and other speech"),
        query("bbox", {"type": "string", "pattern": r"^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$"},
              "events with a place in this box: west,south,east,north in degrees"),
        query("sort", {"type": "string", "enum": list(SORTS)}, "the order: by date (the default), newest first, "
              "or the most important first"),
        query("jump", {"type": "string", "format": "date"}, f"date order, first page: start at this day: {day}"),
        query("zoom", {"type": "string", "enum": list(ZOOM_LEVELS)}, "the period's level (with `at`)"),
        query("at", {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
              "the period: YYYY, YYYY-MM or YYYY-MM-DD within the supported dates"),
        query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
              f"events per page (default {DEFAULT_LIMIT})"),
        query("cursor", text, "the `next` page's cursor, as the server gave it out"),
    ]
    return [parameter for parameter in parameters if parameter["name"] not in without]
