"""Sharing and citing: the export links of a view, an event's social tags, its card text, and its
citation as plain text, BibTeX and RIS. Pure: view models in, strings out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.importance import KEY
from app.permalinks import export_path, feed_path
from app.queries.filters import EventFilters
from app.queries.views import EventView
from app.web.cards import CardText
from app.web.reading import names_phrase

SITE_NAME = "Conflict Timeline Explorer"
DESCRIPTION_LENGTH = 200


# --- the current view as files and feeds ---------------------------------------------------------

@dataclass(frozen=True)
class ExportLink:
    label: str
    url: str
    media_type: str
    hint: str


def export_links(filters: EventFilters) -> list[ExportLink]:
    """The view's events as files and as a feed: the same filters and period as the page (a
    collection's under its own address, /c/{slug}/export.{fmt})."""
    items = filters.query_items(with_limit=False, with_collection=False)

    def path(fmt: str) -> str:
        return export_path(fmt, filters.collection, items)

    return [
        ExportLink("CSV", path("csv"), "text/csv", "a spreadsheet, ACLED-style columns"),
        ExportLink("Calendar (ICS)", path("ics"), "text/calendar", "one all-day entry per event"),
        ExportLink("Atom feed", feed_url(filters), "application/atom+xml", "the newest events, for a feed reader"),
        ExportLink("TimelineJS", path("timelinejs"), "application/json", "for Knight Lab's TimelineJS"),
        ExportLink("JSON", path("json"), "application/json", "every event with its sources"),
    ]


def feed_url(filters: EventFilters) -> str:
    return feed_path(filters.collection, filters.query_items(with_limit=False, with_collection=False))


# --- an event on social media ------------------------------------------------------------------------

def publishers(event: EventView) -> list[str]:
    """The original publishers, in the order they first reported it."""
    return list(dict.fromkeys(m.publisher for m in event.mentions if m.publisher))


def publishers_phrase(event: EventView, most: int = 4) -> str:
    """"Reuters, CNN and BBC"; "Reuters, CNN and 3 more"."""
    return names_phrase(publishers(event), most)


def best_sentence(event: EventView) -> str:
    """The sentence that reports it best: the one the event was built from (its summary), else
    the first report's."""
    sentence = event.summary or (event.mentions[0].sentence if event.mentions else event.title)
    sentence = " ".join(sentence.split())
    if len(sentence) > DESCRIPTION_LENGTH:
        sentence = sentence[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "\u2026"
    return sentence


def social_description(event: EventView) -> str:
    """“The sentence.” Reported by Reuters and BBC. (og:description)"""
    who = publishers_phrase(event)
    return f"\u201c{best_sentence(event)}\u201d " + (f"Reported by {who}." if who else f"{event.sources_phrase}.")


def first_reported(event: EventView) -> dt.date | None:
    """The day the first source was published: article:published_time, never the day the
    event was extracted into this database."""
    return min((m.published for m in event.mentions), default=None)


def card_text(event: EventView) -> CardText:
    return CardText(SITE_NAME, event.date_label[0].upper() + event.date_label[1:], event.type_label,
                    ", ".join(place.name for place in event.locations[:3]), event.title,
                    (f"Reported by {publishers_phrase(event, most=3)}" if publishers(event) else event.sources_phrase),
                    event.importance >= KEY)


# --- citing --------------------------------------------------------------------------------------------

def _long(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def provenance_phrase(event: EventView) -> str:
    kind = "reviewed by an editor" if event.reviewed else "machine-extracted from news reports"
    who = publishers_phrase(event, most=6)
    return f"{kind}; original reports by {who}" if who else kind


def citation_text(event: EventView, accessed: dt.date, dataset: str) -> str:
    """The plain-text citation: title and date, the original publishers, that the event was
    machine-extracted (or reviewed), the dataset version, the permalink and the day read."""
    return (f"\u201c{event.title}\u201d ({event.date_label}). {SITE_NAME}, event {event.id}, "
            f"{provenance_phrase(event)}. Dataset version {dataset}. {event.url} (accessed {_long(accessed)}).")


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else
                               {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}[m.group(1)], text)


def bibtex(event: EventView, accessed: dt.date, dataset: str) -> str:
    fields = [
        ("title", "{" + _bibtex(event.title) + "}"),
        ("author", "{" + SITE_NAME + "}"),
        ("howpublished", r"\url{" + event.url + "}"),
        ("year", str(event.date_start.year)),
        ("note", _bibtex(f"Event dated {event.date_label}; {provenance_phrase(event)}; "
                         f"dataset version {dataset}")),
        ("urldate", accessed.isoformat()),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{cte-{event.id},\n{body}\n}}\n"


def ris(event: EventView, accessed: dt.date, dataset: str) -> str:
    lines = [
        ("TY", "ELEC"),
        ("TI", event.title),
        ("AU", SITE_NAME),
        ("PY", str(event.date_start.year)),
        ("DA", event.date_start.strftime("%Y/%m/%d")),
        ("UR", event.url),
        ("Y2", accessed.strftime("%Y/%m/%d")),
        ("PB", SITE_NAME),
        ("N1", f"Event dated {event.date_label}; {provenance_phrase(event)}; dataset version {dataset}."),
        ("ID", event.id),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
