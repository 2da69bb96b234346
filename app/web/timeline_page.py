"""The timeline page's extra parts: the form as the reader filled it, the order and layout
switches, the export links, the page's place in a long list, the time axis, the map's data and
the background band. Pure: read-layer values in, template values out.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from app.errors import BadFilter
from app.queries.filters import EventFilters
from app.queries.places import PlaceCounts
from app.queries.timeline import Background, Explorer
from app.queries.views import EventPage
from app.web.axis import AxisDrawing
from app.web.present import timeline_url
from app.web.reading import page_position
from app.web.sharing import export_links, feed_url

SORT_LABELS = {"date": "Oldest first", "-date": "Newest first", "importance": "Most important first"}


@dataclass(frozen=True)
class FormValues:
    """What the filter form shows: the filters in force, or what the reader typed when the
    filters could not be read (so an error never empties the form)."""

    q: str = ""
    actors: tuple[tuple[str, str], ...] = ()  # (id or typed text, the name shown)
    type: str = ""
    date_from: str = ""
    date_to: str = ""
    min_sources: str = ""
    sort: str = "date"
    hide_speech: bool = False
    hidden: tuple[tuple[str, str], ...] = ()  # view fields (zoom, at, layout) and kept filters


KEPT_HIDDEN = ("location", "publisher", "article", "bbox", "reviewed")


def form_from_filters(filters: EventFilters, names: Mapping[str, str]) -> FormValues:
    kept = [(name, value) for name, value in filters.query_items(with_limit=False, with_view=False)
            if name in KEPT_HIDDEN]
    return FormValues(
        q=filters.q or "",
        actors=tuple((key, names.get(key, key)) for key in filters.actors),
        type=filters.picked_types[0] if filters.picked_types else "",
        date_from=filters.date_from.isoformat() if filters.date_from else "",
        date_to=filters.date_to.isoformat() if filters.date_to else "",
        min_sources=str(filters.min_sources or ""),
        sort=filters.sort,
        hide_speech=filters.hide_speech,
        hidden=tuple(kept + filters.view_items()),
    )


def form_from_params(params: Mapping[str, Sequence[str]]) -> FormValues:
    """The raw query as typed, for a form whose filters were refused."""
    def one(name: str) -> str:
        values = [v for v in params.get(name, []) if v.strip()]
        return values[0][:200] if values else ""

    hidden = [(name, value[:200]) for name in (*KEPT_HIDDEN, "zoom", "at", "layout")
              for value in params.get(name, []) if value.strip()]
    sort = one("sort")
    return FormValues(
        q=one("q"), actors=tuple((v[:200], v[:200]) for v in params.get("actor", []) if v.strip()),
        type=one("type"), date_from=one("from"), date_to=one("to"), min_sources=one("min_sources"),
        sort=sort if sort in SORT_LABELS else "date", hide_speech=one("speech") == "hide", hidden=tuple(hidden),
    )


@dataclass(frozen=True)
class Switch:
    label: str
    url: str
    current: bool


def sort_switches(filters: EventFilters) -> list[Switch]:
    return [Switch(label, timeline_url(replace(filters, sort=key, cursor=None)), filters.sort == key)
            for key, label in SORT_LABELS.items()]


def layout_switches(filters: EventFilters) -> list[Switch]:
    return [Switch("Cards", timeline_url(replace(filters, layout="cards", cursor=None)), filters.layout == "cards"),
            Switch("One line each", timeline_url(replace(filters, layout="compact", cursor=None)),
                   filters.layout == "compact")]


def speech_switch(filters: EventFilters) -> Switch | None:
    """The link that hides speech (or shows it again); none when only speech types are chosen."""
    if filters.hide_speech:
        return Switch("Show statements and other speech", timeline_url(filters.with_speech_hidden(False)), True)
    try:
        hidden = filters.with_speech_hidden(True)
    except BadFilter:
        return None
    return Switch("Hide statements and other speech", timeline_url(hidden), False)


def jump_range(explorer: Explorer, filters: EventFilters) -> tuple[str, str] | None:
    """The dates a "jump to" field allows: the view's range."""
    if explorer.fitted is None:
        return None
    first, last = explorer.fitted
    return first.isoformat(), last.isoformat()


def page_title(filters: EventFilters, explorer: Explorer | None, names: Mapping[str, str], *, error: bool = False,
               scope: str | None = None) -> str:
    """document.title: what the view shows, so that tabs and history entries tell views apart
    (`scope`: the name of the collection it is in)."""
    parts = []
    if error:
        parts.append("Check the filters")
    if filters.q:
        parts.append(f"\u201c{filters.q}\u201d")
    parts += [names.get(actor, actor) for actor in filters.actors]
    if explorer is not None and explorer.period:
        parts.append(explorer.period.label[0].upper() + explorer.period.label[1:])
    elif filters.date_from or filters.date_to:
        parts.append(f"{filters.date_from or '…'} to {filters.date_to or '…'}")
    if filters.sort == "importance":
        parts.append("most important first")
    parts.append(f"{scope or 'Timeline'} – Conflict Timeline Explorer")
    return " – ".join(parts)


@dataclass(frozen=True)
class MapPanel:
    places: PlaceCounts
    # JSON for map.js (the placed ones), in the canvas's data-places attribute: an attribute rather
    # than a <script> data block, so the page holds no inline script at all (the CSP allows none)
    # and the template escapes it like any other attribute.
    data: str
    unplaced: int  # places of the view without a position (regions, countries)
    url: str  # this panel alone (htmx)
    box_active: bool
    place_urls: Mapping[str, str]  # place id -> the view filtered to it
    clear_url: str | None  # the view without the map's box
    lazy: bool = False  # not counted yet: the panel loads itself from `url` (htmx)


def map_panel(places: PlaceCounts | None, filters: EventFilters, iso_numeric) -> MapPanel | None:
    """The map's markers (placed places) and countries (an ISO code, shaded on the outline)."""
    query = filters.query_string()
    url = "/places" + (f"?{query}" if query else "")
    clear_box = timeline_url(filters.without("bbox")) if filters.bbox else None
    if places is None:
        return MapPanel(PlaceCounts((), True), "null", 0, url, bool(filters.bbox), {}, clear_box, lazy=True)
    place_urls = {p.id: timeline_url(replace(filters, location=p.id, cursor=None)) for p in places.items}
    # Only ids, names, positions and counts: the links are the place list's (user text such as a
    # search never goes into a script, even encoded).
    markers = [{"id": p.id, "name": p.name, "lat": p.latitude, "lon": p.longitude, "events": p.count}
               for p in places.items if p.placed]
    countries = []
    for p in places.items:
        if not p.placed and p.country_code and p.id == p.country:  # a country: an area to shade
            numeric = iso_numeric(p.country_code)
            if numeric:
                countries.append({"id": p.id, "name": p.name, "iso": numeric, "events": p.count})
    data = json.dumps({"markers": markers, "countries": countries, "bbox": list(filters.bbox) if filters.bbox else None,
                       "exact": places.exact}, ensure_ascii=False, separators=(",", ":"))
    return MapPanel(places, data, sum(1 for p in places.items if not p.placed), url, bool(filters.bbox),
                    place_urls, clear_box)


def background_band(background: Background | None, filters: EventFilters) -> dict | None:
    if background is None:
        return None
    before = background.cutoff - dt.timedelta(days=1)
    count = f"{background.count:,}" + ("+" if background.estimate else "")
    return {
        "count_text": f"{count} event" + ("" if background.count == 1 and not background.estimate else "s"),
        "cutoff": background.cutoff,
        "before": before,
        "top": background.top,
        "url": timeline_url(replace(filters, date_to=before, date_from=None, zoom=None, at=None, cursor=None)),
    }


def page_extras(page: EventPage, filters: EventFilters, explorer: Explorer, axis: AxisDrawing | None,
                places: PlaceCounts | None, names: Mapping[str, str], iso_numeric, *, fragment: bool) -> dict:
    """index.html's and _event_list.html's values beyond the list and the explorer."""
    return {
        "form": form_from_filters(filters, names),
        "sort_switches": sort_switches(filters),
        "layout_switches": layout_switches(filters),
        "speech_switch": speech_switch(filters),
        "exports": export_links(filters),
        "feed_url": feed_url(filters),
        "position": page_position(page.offset, len(page.items), page.total, page.total_is_estimate, filters.limit),
        "jump": jump_range(explorer, filters) if filters.sort == "date" and (page.next_cursor or page.offset) else None,
        "axis": axis,
        "map": map_panel(places, filters, iso_numeric) if not fragment else map_panel(None, filters, iso_numeric),
        "background": background_band(explorer.background, filters),
        "page_title": page_title(filters, explorer, names),
        "compact": filters.layout == "compact",
        "search_words": filters.q,
        "error": None,
    }
