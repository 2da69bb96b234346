"""Exports of a filtered timeline: JSON, CSV (ACLED-style columns), iCalendar, Atom and TimelineJS.

Every export names the dataset version it was cut from (see `DatasetVersion`), so a journalist who
cites a CSV or embeds a timeline can say exactly which state of the data they used. The formats,
columns and the ACLED/PLOVER mapping are documented in docs/exports.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from typing import Any, Callable, TextIO
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session

from app.calendar import MAX_DAY, add_days
from app.errors import NotFound
from app.models import Actor, Event, EventLocation, Location, Mention
from app.permalinks import absolute, event_path, timeline_path
from app.queries.assembly import event_views
from app.queries.catalog import validate_filter_values
from app.queries.collections import find_collection
from app.queries.events import list_events
from app.queries.filters import MAX_LIMIT, EventFilters, decode_full_cursor
from app.queries.plan import plan_for  # the read layer's one definition of the filters
from app.queries.views import EventView, event_json
from app.spreadsheet import inert_row
from app.taxonomy import event_types, type_label

PRODUCT = "Conflict Timeline Explorer"


# --- formats -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    key: str
    media_type: str
    extension: str
    download: bool  # served as an attachment (a file to save) rather than shown in the browser


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", "application/json", "json", download=False),
    "csv": ExportFormat("csv", "text/csv; charset=utf-8", "csv", download=True),
    "ics": ExportFormat("ics", "text/calendar; charset=utf-8", "ics", download=True),
    "atom": ExportFormat("atom", "application/atom+xml; charset=utf-8", "atom", download=False),
    "timelinejs": ExportFormat("timelinejs", "application/json", "json", download=False),
}


def export_format(key: str) -> ExportFormat:
    """The format named `key`, or a 404 that lists the ones that exist."""
    try:
        return FORMATS[key]
    except KeyError:
        raise NotFound(f"there is no {key!r} export; use one of {', '.join(FORMATS)}") from None


# --- dataset version -----------------------------------------------------------------------------


def app_version() -> str:
    try:
        return metadata.version("conflict-timeline")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+checkout"


@dataclass(frozen=True)
class DatasetVersion:
    """Which state of the data an export was cut from.

    `version` is a digest of the event count, the mention count and the newest event update, plus
    the app version (a new release may serialise the same rows differently). Two exports of the
    same data therefore carry the same version whatever their filters; `exported_at` says when.
    """

    version: str
    events: int
    last_updated: dt.datetime | None
    app_version: str
    exported_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "events": self.events,
            "last_updated": _iso(self.last_updated) if self.last_updated else None,
            "app_version": self.app_version,
            "exported_at": _iso(self.exported_at),
        }

    @property
    def sentence(self) -> str:
        return (f"Dataset version {self.version} ({self.events} events), "
                f"exported {_iso(self.exported_at)} by {PRODUCT} {self.app_version}.")


class DatasetOut(BaseModel):
    """`dataset` of a JSON export: which state of the data it was cut from."""

    version: str
    events: int
    last_updated: str | None
    app_version: str
    exported_at: str


class ExportDocument(BaseModel):
    """What /export.json and `timeline export` write: {"dataset": ..., "events": [Event, ...]}."""

    dataset: DatasetOut
    events: list[EventView]


def dataset_version(session: Session, now: dt.datetime | None = None) -> DatasetVersion:
    # Every status counts: hiding or deleting an event changes what an export shows.
    events, newest = session.execute(select(func.count(Event.seq), func.max(Event.updated_at))).one()
    mentions = session.execute(select(func.count(Mention.id))).scalar_one()
    newest = _as_utc(newest) if newest else None
    version_of_app = app_version()
    fingerprint = f"{version_of_app}|{events}|{mentions}|{_iso(newest) if newest else '-'}"
    return DatasetVersion(
        version=hashlib.sha256(fingerprint.encode()).hexdigest()[:12],
        events=events,
        last_updated=newest,
        app_version=version_of_app,
        exported_at=(now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0),
    )


def _as_utc(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; the app only ever stores UTC.
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def _iso(moment: dt.datetime) -> str:
    return _as_utc(moment).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- reading events ------------------------------------------------------------------------------


def event_pages(session: Session, filters: EventFilters, base_url: str) -> Iterator[tuple[EventView, ...]]:
    """The events the filters select, in the filters' order (`sort`: date order unless asked
    otherwise), one page at a time (memory stays flat)."""
    page_filters = replace(filters, limit=MAX_LIMIT, cursor=None)
    while True:
        page = list_events(session, page_filters, base_url)
        if page.items:
            yield page.items
        if not page.next_cursor:
            return
        day, seq, offset, importance = decode_full_cursor(page.next_cursor)
        page_filters = replace(page_filters, cursor=(day, seq), offset=offset, cursor_importance=importance)


def all_events(session: Session, filters: EventFilters, base_url: str) -> Iterator[EventView]:
    """Every event the filters select, in date order (the limit filter does not apply)."""
    for page in event_pages(session, filters, base_url):
        yield from page


def newest_events(session: Session, filters: EventFilters, base_url: str) -> list[tuple[EventView, Event]]:
    """The `filters.limit` most recently ingested events, newest first, with their rows.

    A feed answers "what is new", so it orders by ingestion time, which the read layer's
    date-ordered pages cannot do; the rows carry created_at/updated_at, which views lack.
    """
    validate_filter_values(session, filters)
    rows = session.execute(
        select(Event).where(*plan_for(session, filters).filter_clauses())
        .order_by(Event.created_at.desc(), Event.seq.desc()).limit(filters.limit)
    ).scalars().all()
    return list(zip(event_views(session, rows, base_url), rows))


def event_timestamps(session: Session, event_ids: Sequence[str]) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """created_at and updated_at (UTC) of events, which the view model does not carry."""
    rows = session.execute(
        select(Event.id, Event.created_at, Event.updated_at).where(Event.id.in_(event_ids))
    ).all()
    return {event_id: (_as_utc(created), _as_utc(updated)) for event_id, created, updated in rows}


# --- shared text helpers -------------------------------------------------------------------------

# Characters XML 1.0 forbids (and iCalendar's TEXT excludes): scraped articles do contain form
# feeds and NULs, and one of them would make a whole feed unreadable.
_NOT_XML_CHARS = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def without_control_chars(text: str | None) -> str:
    return _NOT_XML_CHARS.sub("", text or "")


def publisher_name(publisher: str | None) -> str:
    return publisher or "Unnamed publisher"


def publishers_of(event: EventView) -> list[str]:
    return sorted({publisher_name(m.publisher) for m in event.mentions})


def sources_html(event: EventView) -> str:
    """The event as escaped HTML: summary, date, and a link to every source sentence."""
    e = html.escape
    parts = []
    if event.summary and event.summary != event.title:
        parts.append(f"<p>{e(event.summary)}</p>")
    parts.append(f"<p>{e(event.date_label)} · {e(event.type_label)} · {e(event.sources_phrase)}</p>")
    if event.mentions:
        items = "".join(
            f'<li><a href="{e(m.url)}">{e(publisher_name(m.publisher))}: {e(m.article_title)}</a>'
            f" ({m.published.isoformat()}): “{e(m.sentence)}”</li>"
            for m in event.mentions
        )
        parts.append(f"<ul>{items}</ul>")
    parts.append(f'<p><a href="{e(event.url)}">Permalink</a></p>')
    return without_control_chars("".join(parts))


def sources_text(event: EventView) -> str:
    """The same as plain text, for calendars."""
    lines = [event.summary] if event.summary and event.summary != event.title else []
    lines.append(f"{event.date_label} · {event.type_label} · {event.sources_phrase}")
    lines.append("Sources:")
    lines += [f"- {publisher_name(m.publisher)}: {m.article_title} ({m.published.isoformat()}): "
              f"“{m.sentence}” {m.url}" for m in event.mentions]
    lines.append(f"Permalink: {event.url}")
    return without_control_chars("\n".join(lines))


# --- JSON ----------------------------------------------------------------------------------------


def write_json(session: Session, filters: EventFilters, base_url: str, out: TextIO, dataset: DatasetVersion) -> None:
    """`{"dataset": {...}, "events": [Event, ...]}`: the API's Event shape, written as it streams."""
    out.write('{"dataset": ' + json.dumps(dataset.to_json(), ensure_ascii=False) + ',\n "events": [')
    for number, event in enumerate(all_events(session, filters, base_url)):
        out.write(",\n" if number else "\n")
        out.write(event_json(event))
    out.write("\n ]}\n")


# --- CSV (ACLED-style) ---------------------------------------------------------------------------

# ACLED's column names, in ACLED's order, for the columns we can fill; then our own.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location",
    "source", "source_scale", "notes", "fatalities",
]
OWN_COLUMNS = [
    "timeline_type", "timeline_type_label", "plover_category", "modality", "precision",
    "date_start", "date_end", "open_end", "date_label", "title", "sources_count", "permalink",
    "dataset_version", "exported_at",
]
CSV_COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

# ACLED's time_precision: 1 = the day is known, 2 = a range of days or a week, 3 = only the month
# (or coarser; ACLED codes nothing coarser, so year/decade/century also get 3 and our own
# `precision` column keeps the truth).
ACLED_DAY, ACLED_DAYS, ACLED_MONTH_OR_COARSER = 1, 2, 3

INITIATOR_ROLES = ("initiator", "speaker")
TARGET_ROLES = ("target",)


@dataclass(frozen=True)
class TypeMapping:
    """How one of our event types reads in ACLED's and PLOVER's codebooks."""

    key: str
    label: str
    acled_event_type: str  # "" where ACLED does not record this kind of event
    acled_sub_event_type: str
    plover: str


def type_mapping(key: str) -> TypeMapping:
    entry = event_types().get(key, {})
    acled = (entry.get("acled") or "none").strip()
    # "Explosions/Remote violence / Shelling/artillery/missile attack": the spaced slash separates.
    event_type, _, sub_event_type = ("", "", "") if acled.lower() == "none" else acled.partition(" / ")
    return TypeMapping(key=key, label=type_label(key), acled_event_type=event_type.strip(),
                       acled_sub_event_type=sub_event_type.strip(), plover=entry.get("plover") or "")


def type_mapping_table() -> str:
    """The mapping as a Markdown table: docs/exports.md carries it and a test keeps them equal."""
    lines = ["| our type | label | ACLED event type | ACLED sub-event type | PLOVER |",
             "|---|---|---|---|---|"]
    for key in event_types():
        m = type_mapping(key)
        lines.append(f"| `{m.key}` | {m.label} | {m.acled_event_type or '—'} | "
                     f"{m.acled_sub_event_type or '—'} | {m.plover or '—'} |")
    return "\n".join(lines)


def acled_time_precision(event: EventView) -> int:
    if event.precision == "day":
        return ACLED_DAY if event.date_start == event.date_end else ACLED_DAYS
    return ACLED_MONTH_OR_COARSER


# Figures are kept as written ("dozens", "over 60", "25") with what they count. Only a plain
# number of dead counts as ACLED fatalities; "killed or injured" mixes the two and is left out.
_DEATH_WORDS = re.compile(r"\b(kill|killed|dead|death|deaths|died|fatalit\w*)\b", re.IGNORECASE)
_NOT_ONLY_DEATHS = re.compile(r"\b(injur\w*|wound\w*|casualt\w*|missing)\b", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


def fatalities(event: EventView) -> str:
    """The lowest plain death toll any source reports (ACLED's conservative rule), or blank."""
    tolls = []
    for mention in event.mentions:
        for figure in mention.figures:
            what, quantity = str(figure.get("what") or ""), str(figure.get("quantity") or "").strip()
            if _DEATH_WORDS.search(what) and not _NOT_ONLY_DEATHS.search(what) and _PLAIN_NUMBER.match(quantity):
                tolls.append(int(quantity.replace(",", "")))
    return str(min(tolls)) if tolls else ""


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # the country's display name, "" if none
    is_country: bool


def places_by_event(session: Session, event_ids: Sequence[str]) -> dict[str, list[Place]]:
    """Each event's places with their country (the view model has names only)."""
    rows = session.execute(
        select(EventLocation.event_id, Location.id, Location.name, Location.country)
        .join(Location, Location.id == EventLocation.location_id)
        .where(EventLocation.event_id.in_(event_ids))
        .order_by(Location.name)
    ).all()
    names = country_names(session, {country for *_, country in rows if country})
    result: dict[str, list[Place]] = defaultdict(list)
    for event_id, location_id, name, country in rows:
        result[event_id].append(Place(name=name, country=names.get(country or "", ""),
                                      is_country=location_id == country))
    return result


def country_names(session: Session, keys: set[str]) -> dict[str, str]:
    """Country keys ("azerbaijan") to names: a country is stored as a place and as an actor."""
    if not keys:
        return {}
    names = {key: key.replace("-", " ").title() for key in keys}
    for model in (Actor, Location):
        names.update(dict(session.execute(select(model.id, model.name).where(model.id.in_(keys))).all()))
    return names


def actor_names(event: EventView, roles: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(a.name for a in event.actors if a.role in roles))


def acled_row(event: EventView, places: list[Place]) -> dict[str, Any]:
    mapping = type_mapping(event.type)
    initiators, targets = actor_names(event, INITIATOR_ROLES), actor_names(event, TARGET_ROLES)
    return {
        "event_id_cnty": event.id,
        "event_date": event.date_start.isoformat(),
        "year": event.date_start.year,
        "time_precision": acled_time_precision(event),
        "event_type": mapping.acled_event_type,
        "sub_event_type": mapping.acled_sub_event_type,
        "actor1": initiators[0] if initiators else "",
        "assoc_actor_1": "; ".join(initiators[1:]),
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "country": "; ".join(dict.fromkeys(p.country for p in places if p.country)),
        "admin1": "",  # we keep no administrative divisions
        "location": "; ".join(p.name for p in places if not p.is_country),
        "source": "; ".join(publishers_of(event)),
        "source_scale": "",  # we do not know a publisher's scale (national, international, ...)
        "notes": event.summary or event.title,
        "fatalities": fatalities(event),
    }


def own_row(event: EventView, dataset: DatasetVersion) -> dict[str, Any]:
    mapping = type_mapping(event.type)
    return {
        "timeline_type": event.type,
        "timeline_type_label": mapping.label,
        "plover_category": mapping.plover,
        "modality": event.modality,
        "precision": event.precision,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "open_end": "1" if event.open_end else "0",
        "date_label": event.date_label,
        "title": event.title,
        "sources_count": event.sources_count,
        "permalink": event.url,
        "dataset_version": dataset.version,
        "exported_at": _iso(dataset.exported_at),
    }


def write_csv(session: Session, filters: EventFilters, base_url: str, out: TextIO, dataset: DatasetVersion) -> None:
    """One row per event; a cell that would start a spreadsheet formula is kept as text
    (app/spreadsheet.py): article text and publishers' names are not ours to trust."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for page in event_pages(session, filters, base_url):
        places = places_by_event(session, [event.id for event in page])
        for event in page:
            writer.writerow(inert_row(acled_row(event, places[event.id]) | own_row(event, dataset)))


# --- iCalendar -----------------------------------------------------------------------------------


def calendar_host(base_url: str) -> str:
    return urlsplit(base_url).hostname or "localhost"


def write_ics(session: Session, filters: EventFilters, base_url: str, out: TextIO, dataset: DatasetVersion) -> None:
    """One all-day VEVENT per event. UIDs and DTSTAMPs come from the data, so re-importing a
    newer export updates a subscriber's calendar instead of duplicating it."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//{PRODUCT}//{dataset.app_version}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", PRODUCT)
    calendar.add("x-wr-caldesc", f"Events from {base_url}/export.ics. {dataset.sentence}")
    calendar.add("x-conflict-timeline-dataset-version", dataset.version)
    calendar.add("x-conflict-timeline-exported-at", _iso(dataset.exported_at))
    host = calendar_host(base_url)
    for page in event_pages(session, filters, base_url):
        stamps = event_timestamps(session, [event.id for event in page])
        for event in page:
            calendar.add_component(calendar_event(event, host, *stamps[event.id]))
    out.write(calendar.to_ical().decode("utf-8"))


def calendar_event(event: EventView, host: str, created: dt.datetime, updated: dt.datetime):
    from icalendar import Event as CalendarEvent

    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@{host}")
    entry.add("dtstamp", updated)
    entry.add("created", created)
    entry.add("last-modified", updated)
    entry.add("dtstart", event.date_start)
    # An all-day DTEND is exclusive (the calendar's last day can only end on itself).
    entry.add("dtend", add_days(event.date_end, 1) if event.date_end < MAX_DAY else MAX_DAY)
    entry.add("summary", without_control_chars(event.title))
    entry.add("description", sources_text(event))
    entry.add("url", event.url)
    entry.add("categories", [event.type_label])
    entry.add("transp", "TRANSPARENT")  # a news event does not make anyone busy
    return entry


# --- Atom ----------------------------------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
# Our own namespace for the dataset element: Atom allows foreign markup, readers skip it.
EXPORT_NS = "urn:x-conflict-timeline:export"
ET.register_namespace("", ATOM_NS)
ET.register_namespace("timeline", EXPORT_NS)


def _atom(parent: ET.Element | None, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    name = f"{{{ATOM_NS}}}{tag}"
    element = ET.Element(name, attributes) if parent is None else ET.SubElement(parent, name, attributes)
    if text is not None:
        element.text = without_control_chars(text)
    return element


def feed_url(base_url: str, filters: EventFilters) -> str:
    query = filters.query_string()
    return f"{base_url}/feed.atom" + (f"?{query}" if query else "")


def timeline_url(base_url: str, filters: EventFilters) -> str:
    return absolute(base_url, timeline_path(filters.query_items(with_limit=False, with_collection=False),
                                            filters.collection))


def write_atom(session: Session, filters: EventFilters, base_url: str, out: TextIO, dataset: DatasetVersion) -> None:
    """The newest events for the filters (up to `limit`, default 50), newest first by ingestion."""
    entries = newest_events(session, filters, base_url)
    self_url = feed_url(base_url, filters)
    feed = _atom(None, "feed")
    _atom(feed, "id", self_url)  # one feed per filter: its URL identifies it for good
    scope = find_collection(session, filters.collection) if filters.collection else None
    _atom(feed, "title", f"{PRODUCT}: new events" + (f" in {scope.name}" if scope else "")
          + (f" ({filters.query_string(with_collection=False)})" if filters.active else ""))
    _atom(feed, "subtitle", dataset.sentence)
    newest_update = max((_as_utc(row.updated_at) for _, row in entries), default=None)
    _atom(feed, "updated", _iso(newest_update or dataset.last_updated or dataset.exported_at))
    _atom(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _atom(feed, "link", rel="alternate", type="text/html", href=timeline_url(base_url, filters))
    author = _atom(feed, "author")
    _atom(author, "name", PRODUCT)
    _atom(author, "uri", base_url + "/")
    _atom(feed, "generator", PRODUCT, uri=base_url + "/", version=dataset.app_version)
    ET.SubElement(feed, f"{{{EXPORT_NS}}}dataset", {
        "version": dataset.version, "events": str(dataset.events), "exported": _iso(dataset.exported_at),
    })
    for event, row in entries:
        atom_entry(feed, event, row, base_url)
    ET.indent(feed)  # one element a line: people read feeds to debug them
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(feed, encoding="unicode"))
    out.write("\n")


def atom_entry(feed: ET.Element, event: EventView, row: Event, base_url: str) -> None:
    entry = _atom(feed, "entry")
    # The slug-less permalink: titles (and so slugs) may be edited, the entry id must not change.
    _atom(entry, "id", absolute(base_url, event_path(event.id)))
    _atom(entry, "title", event.title, type="text")
    _atom(entry, "link", rel="alternate", type="text/html", href=event.url)
    _atom(entry, "published", _iso(row.created_at))
    _atom(entry, "updated", _iso(row.updated_at))
    _atom(entry, "category", term=event.type, label=event.type_label)
    _atom(entry, "summary", f"{event.date_label}: {event.summary or event.title}", type="text")
    # type="html": the element's text is HTML that we escaped ourselves; the serializer escapes it
    # once more, so a reader sees markup only where we wrote it.
    _atom(entry, "content", sources_html(event), type="html")


# --- TimelineJS ----------------------------------------------------------------------------------

DATE_PARTS_BY_PRECISION = {
    "day": ("year", "month", "day"),
    "month": ("year", "month"),
    "year": ("year",),
    "decade": ("year",),
    "century": ("year",),
}


def timelinejs_date(day: dt.date, precision: str) -> dict[str, str]:
    """Only the parts the precision allows: TimelineJS would otherwise show a false exact day."""
    parts = DATE_PARTS_BY_PRECISION.get(precision, ("year", "month", "day"))
    return {part: str(getattr(day, part)) for part in parts}


def timelinejs_slide(event: EventView) -> dict[str, Any]:
    start = timelinejs_date(event.date_start, event.precision)
    end = timelinejs_date(event.date_end, event.precision)
    slide: dict[str, Any] = {
        "start_date": start,
        "display_date": html.escape(event.date_label),
        "text": {"headline": html.escape(without_control_chars(event.title)), "text": sources_html(event)},
        "group": html.escape(event.type_label),
        "unique_id": event.id,
    }
    if end != start:  # a range at this precision: "Sep 19 – 20, 2023", "1990s"
        slide["end_date"] = end
    return slide


def write_timelinejs(session: Session, filters: EventFilters, base_url: str, out: TextIO,
                     dataset: DatasetVersion) -> None:
    """Knight Lab TimelineJS's JSON: load it with `new TL.Timeline(id, url)` or its embed page."""
    intro = (f"<p>Events from <a href=\"{html.escape(timeline_url(base_url, filters))}\">"
             f"{html.escape(base_url)}</a>.</p><p>{html.escape(dataset.sentence)}</p>")
    document = {
        "title": {"text": {"headline": PRODUCT, "text": intro}},
        "events": [timelinejs_slide(event) for event in all_events(session, filters, base_url)],
        "dataset": dataset.to_json(),  # TimelineJS ignores keys it does not know
    }
    json.dump(document, out, ensure_ascii=False, indent=1)
    out.write("\n")


# --- entry point ---------------------------------------------------------------------------------

Writer = Callable[[Session, EventFilters, str, TextIO, DatasetVersion], None]
WRITERS: dict[str, Writer] = {
    "json": write_json,
    "csv": write_csv,
    "ics": write_ics,
    "atom": write_atom,
    "timelinejs": write_timelinejs,
}


def write_export(session: Session, filters: EventFilters, fmt: str, base_url: str, out: TextIO,
                 *, dataset: DatasetVersion | None = None) -> None:
    """Write the events the filters select in format `fmt` (a key of FORMATS) to `out`."""
    export_format(fmt)  # an unknown format is refused before anything is written
    WRITERS[fmt](session, filters, base_url.rstrip("/"), out, dataset or dataset_version(session))

