"""The explorer's presentation: zoom and pan links, the density strip's geometry, bucket and card
notes. Pure: inputs are read-layer values (app/queries/timeline.py, views.py), nothing is queried.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote_plus, urlencode

from app.calendar import period_start
from app.importance import tier
from app.labels import bar_label, long_date, long_day_label, month_label
from app.permalinks import timeline_path
from app.queries.filters import EventFilters, format_at
from app.queries.views import EventView, Explorer, ExplorerBucket, Facets, Period
from app.web.present import timeline_url
from app.web.reading import merge_sentence

LEVEL_NAMES = {"century": "century", "decade": "decade", "year": "year", "month": "month", "week": "week", "day": "day"}
BUCKET_HEADINGS = {"century": "By century", "decade": "By decade", "year": "By year", "month": "By month",
                   "week": "By week", "day": "By day"}
STRIP_WIDTH = 600
STRIP_HEIGHT = 64


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""  # an accessible name when the label alone is terse


@dataclass(frozen=True)
class BucketRow:
    label: str
    url: str
    count: int
    count_text: str
    top: tuple  # TopEvent
    more: int
    more_text: str
    share: float = 100.0  # its count against the busiest bucket's, in percent (the bar's width)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    url: str
    label: str  # "September 2023: 12 events"
    count: int


@dataclass(frozen=True)
class Density:
    level: str
    bars: tuple[Bar, ...]
    summary: str
    first_label: str
    last_label: str
    first_day: dt.date | None = None  # where the strip starts and ends, for dragging across it
    last_day: dt.date | None = None
    width: int = STRIP_WIDTH
    height: int = STRIP_HEIGHT


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    links: tuple[FacetLink, ...]
    clear_url: str | None  # one click removes this filter
    more_url: str | None = None  # every value of this facet, with its count


def events_text(count: int, estimate: bool = False) -> str:
    number = f"{count:,}" + ("+" if estimate else "")
    return f"{number} event" + ("" if count == 1 and not estimate else "s")


def view_url(filters: EventFilters, period: Period | None) -> str:
    target = filters.viewing(period.level, period.start) if period else filters.viewing(None, None)
    return timeline_url(target)


def period_urls(filters: EventFilters, level: str) -> Callable[[dt.date], str]:
    """view_url(filters, Period(level, start)) for the many periods of one level a strip or a
    list of buckets links to: the address is spelled once around its `at` value, which alone
    differs from one period to the next (the same address, character for character)."""
    sample = filters.viewing(level, dt.date(2000, 1, 1))
    items = sample.query_items(with_collection=False)
    place = items.index(("at", format_at(sample.at, level)))
    head = timeline_path(items[:place] + [("at", "")], filters.collection)  # ends in "at="
    tail = "&" + urlencode(items[place + 1:]) if place + 1 < len(items) else ""
    return lambda start: head + quote_plus(format_at(period_start(start, level), level)) + tail


def density(explorer: Explorer, filters: EventFilters) -> Density | None:
    bars = explorer.density
    if not bars or explorer.density_level is None or not any(b.count for b in bars):
        return None
    level = explorer.density_level
    peak = max(b.count for b in bars)
    step = STRIP_WIDTH / len(bars)
    gap = min(1.0, step * 0.15)
    url = period_urls(filters, level)
    drawn = []
    for number, bar in enumerate(bars):
        height = 0.0 if not bar.count else max(2.0, (STRIP_HEIGHT - 4) * bar.count / peak)
        drawn.append(Bar(
            x=round(number * step + gap / 2, 2), y=round(STRIP_HEIGHT - height, 2),
            width=round(max(step - gap, 0.5), 2), height=round(height, 2),
            url=url(bar.start),
            label=f"{bar_label(level, bar.start)}: {events_text(bar.count)}", count=bar.count,
        ))
    busiest = max(bars, key=lambda b: b.count)
    total = sum(b.count for b in bars)
    summary = (f"Histogram of {events_text(total)} by {level} from {bar_label(level, bars[0].start)} "
               f"to {bar_label(level, bars[-1].start)}; the busiest {level} is "
               f"{bar_label(level, busiest.start)} with {events_text(busiest.count)}.")
    return Density(level, tuple(drawn), summary, bar_label(level, bars[0].start), bar_label(level, bars[-1].start),
                   bars[0].start, bars[-1].end)


def bucket_rows(explorer: Explorer, filters: EventFilters) -> list[BucketRow]:
    rows = []
    busiest = max((bucket.count for bucket in explorer.buckets), default=0) or 1
    urls: dict[str, Callable[[dt.date], str]] = {}
    for bucket in explorer.buckets:
        url = urls.get(bucket.level) or urls.setdefault(bucket.level, period_urls(filters, bucket.level))
        rows.append(BucketRow(
            label=bucket.label, url=url(_period_start(bucket)),
            count=bucket.count, count_text=events_text(bucket.count), top=bucket.top, more=bucket.more,
            more_text=(f"and {bucket.more:,} more event" + ("" if bucket.more == 1 else "s")) if bucket.more else "",
            share=round(max(100 * bucket.count / busiest, 1.5), 1),
        ))
    return rows


def _period_start(bucket: ExplorerBucket) -> dt.date:
    return period_start(bucket.start, bucket.level)


def zoom_links(explorer: Explorer, filters: EventFilters) -> dict[str, Link | None]:
    here = explorer.period.label if explorer.period else "every date"

    def link(period: Period | None, verb: str) -> Link | None:
        if period is None:
            return None
        return Link(period.label, view_url(filters, period), f"{verb}: {period.label}")

    zoom_out = link(explorer.parent, "Zoom out to")
    if explorer.period is not None and explorer.parent is None:
        zoom_out = Link("every date", view_url(filters, None), "Zoom out to every date")
    return {
        "here": Link(here, view_url(filters, explorer.period)),
        "zoom_out": zoom_out,
        "zoom_in": link(explorer.zoom_in, "Zoom in to"),
        "previous": link(explorer.previous, "Previous period"),
        "next": link(explorer.next, "Next period"),
        "all": Link("every date", view_url(filters, None), "Show every date") if explorer.period else None,
    }


def hidden_note(explorer: Explorer) -> str | None:
    """What this zoom level hides, in words."""
    if explorer.period is None or not explorer.hidden:
        return None
    plus = "+" if explorer.estimate else ""
    verb = "lies" if explorer.hidden == 1 and not plus else "lie"
    return f"{explorer.hidden:,}{plus} matching event{'s' if explorer.hidden != 1 or plus else ''} {verb} outside {explorer.period.label}."


def facet_groups(facets: Facets, filters: EventFilters) -> list[FacetGroup]:
    groups = []
    for facet in facets.facets:
        links = []
        for value in facet.values:
            if value.selected:
                target = filters.without(facet.name, value.value)
            elif facet.name == "type":
                target = filters.with_types((*filters.picked_types, value.value))
            elif facet.name == "actor":
                target = replace(filters, actors=(*filters.actors, value.value), cursor=None)
            else:
                target = replace(filters, **{facet.name: value.value}, cursor=None)
            links.append(FacetLink(value.label, value.count, timeline_url(target), value.selected))
        chosen = any(v.selected for v in facet.values)
        clear = None
        if chosen:
            cleared = filters
            for value in facet.values:
                if value.selected:
                    cleared = cleared.without(facet.name, value.value)
            clear = timeline_url(cleared)
        query = filters.query_string()
        more = f"/facets/{facet.name}" + (f"?{query}" if query else "") if facet.more else None
        groups.append(FacetGroup(facet.name, facet.title, tuple(links), clear, more))
    return groups


def facets_note(facets: Facets | None) -> str | None:
    """How the facet counts were counted, in words: exact, or over a sample."""
    if facets is None or not facets.counted:
        return None
    if facets.sampled:
        return (f"Counted over the first {facets.counted:,} matching events, in date order; "
                "the full counts may be larger.")
    return f"Counted over all {facets.counted:,} matching events."


def precision_note(event: EventView) -> str | None:
    """How far the date reaches, in words: nothing for a single day (a point)."""
    if event.open_end:
        return "a range that starts then and continues"
    if event.precision in ("month", "year", "decade", "century"):
        return f"anywhere in the {event.precision}"
    if event.date_end != event.date_start:
        return f"spans {(event.date_end - event.date_start).days + 1} days"
    return None


def merge_note(event: EventView) -> str | None:
    """Why several reports became one event, in plain words (the merge stage's recorded reasons)."""
    if event.sources_count < 2 or not event.merge_reasons:
        return None
    return merge_sentence(event.merge_reasons, event.publisher_names, event.sources_count)


def card_notes(events: Sequence[EventView]) -> dict[str, dict[str, str | None]]:
    return {e.id: {"precision": precision_note(e), "merged": merge_note(e), "tier": tier(e.importance),
                   "span": "open" if e.open_end else ("point" if e.date_end == e.date_start else "range")}
            for e in events}


def list_groups(events: Sequence[EventView], level: str, sort: str = "date") -> list[tuple[str, list[EventView]]]:
    """Consecutive events under one heading per month (per day in week and day views); a list by
    importance is one group without a heading (its dates jump about)."""
    if sort == "importance":
        return [("", list(events))] if events else []
    groups: list[tuple[str, list[EventView]]] = []
    for event in events:
        day = event.date_start
        heading = long_day_label(day) if level == "day" else month_label(day)
        if event.open_end or event.precision in ("decade", "century"):
            heading = event.date_label[0].upper() + event.date_label[1:]  # "Since 1994", "1990s"
        elif event.precision == "year":
            heading = str(day.year)
        if groups and groups[-1][0] == heading:
            groups[-1][1].append(event)
        else:
            groups.append((heading, [event]))
    return groups


def results_heading(explorer: Explorer, filters: EventFilters, total: int, estimate: bool) -> tuple[str, str | None]:
    """"30 matching events in the 2020s", counting the events that *start* there, as the bucket
    the reader clicked did; those that began earlier and reach in are said apart."""
    starting = max(total - explorer.continuing, 0)
    text = events_text(starting, estimate) + (" matching" if filters.active else "")
    since = None
    if explorer.period:
        text += f" in {explorer.period.label}"
        since = explorer.period.label
    elif filters.visible_from is not None:
        start = filters.visible_from
        since = long_date(start)
        text += f" from {since} on" if filters.date_from is None else ""
    note = None
    if explorer.continuing and since:
        one = explorer.continuing == 1
        note = (f"Also listed: {explorer.continuing:,} event{'' if one else 's'} that began before "
                f"{since} and continue{'s' if one else ''} into it.")
    return text, note


def explorer_context(explorer: Explorer, filters: EventFilters, events: Sequence[EventView],
                     facets: Facets | None, total: int, estimate: bool) -> dict:
    """The parts of index.html and _event_list.html that belong to the explorer."""
    level = explorer.period.level if explorer.period else None
    query = filters.query_string(with_limit=False)
    timeline_json = "/api/timeline?" + "&".join(
        part for part in (query, f"zoom={explorer.bucket_level}") if part)
    heading, continuing_note = results_heading(explorer, filters, total, estimate)
    return {
        "heading_text": heading,
        "continuing_note": continuing_note,
        "explorer": explorer,
        "zoom": zoom_links(explorer, filters),
        "period_title": (explorer.period.label[0].upper() + explorer.period.label[1:]) if explorer.period else "Every date",
        "density": density(explorer, filters),
        "buckets": bucket_rows(explorer, filters),
        "bucket_heading": BUCKET_HEADINGS.get(explorer.bucket_level, "Periods"),
        "hidden_note": hidden_note(explorer),
        "all_url": view_url(filters, None),
        "count_text": events_text(total, estimate),
        "card_notes": card_notes(events),
        "list_groups": list_groups(events, "day" if level in ("week", "day", "month") else "month", filters.sort),
        "facet_groups": facet_groups(facets, filters) if facets else None,
        "facets_sampled": facets.sampled if facets else False,
        "facets_note": facets_note(facets),
        "facets_url": "/facets" + (f"?{filters.query_string()}" if filters.query_string() else ""),
        "timeline_json_url": timeline_json,
        "view_fields": filters.view_items(),
    }
