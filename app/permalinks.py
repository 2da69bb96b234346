"""Where things live: the paths of events, articles and sentences, and the slugs in them.

Every link the app writes (pages, JSON, feeds, exports, admin redirects) is built here, so an
address is spelled one way. Permalinks never break: an event's slug is stored when the event is
made (or retitled) and the stored one is what its address carries; any other slug, including one
an older rule produced, answers 301 to it.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from slugify import slugify as _transliterated_slug

# Characters quote() never escapes: ids made of them only (every id the app makes) are their own
# path segment. A page spells a few hundred addresses, and quote() is a loop in Python.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


def _segment(value: str) -> str:
    """`value` as one path segment: quote(value, safe='') without its cost for plain ids."""
    return value if _UNRESERVED.fullmatch(value) else quote(value, safe="")


MAX_SLUG_LENGTH = 60
EMPTY_SLUG = "event"


def slugify(title: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """'Azerbaijan launches “anti-terrorist” operation' -> 'azerbaijan-launches-anti-terrorist-operation';
    'Протест в Ереване' -> 'protest-v-erevane' (transliterated, never dropped), cut at a word."""
    slug = _transliterated_slug(title or "", max_length=max_length, word_boundary=True, save_order=True)
    return slug or EMPTY_SLUG


def event_path(event_id: str, slug: str | None = None) -> str:
    """An event's permalink: /events/{id}/{slug}, or /events/{id} (which redirects to it)."""
    return f"/events/{_segment(event_id)}" + (f"/{slug}" if slug else "")


def event_card_path(event_id: str) -> str:
    """The event's sharing card, a PNG (og:image)."""
    return f"/events/{_segment(event_id)}/card.png"


def event_citation_path(event_id: str, fmt: str) -> str:
    """The event's citation for reference managers: cite.bib (BibTeX) or cite.ris (RIS)."""
    return f"/events/{_segment(event_id)}/cite.{fmt}"


def events_api_path(items: list[tuple[str, str]] | None = None) -> str:
    """/api/events with these query items (filters, cursor)."""
    return "/api/events" + (f"?{urlencode(items)}" if items else "")


def event_api_path(event_id: str) -> str:
    return f"/api/events/{_segment(event_id)}"


def article_path(article_id: str) -> str:
    return f"/articles/{_segment(article_id)}"


def article_api_path(article_id: str) -> str:
    return f"/api/articles/{_segment(article_id)}"


def sentence_anchor(index: int) -> str:
    """The article page's anchor for a sentence: s1 is the first sentence."""
    return f"s{index + 1}"


def sentence_path(article_id: str, index: int) -> str:
    """A sentence in its article page, highlighted: /articles/{id}?highlight=3#s3."""
    return f"{article_path(article_id)}?highlight={index + 1}#{sentence_anchor(index)}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def timeline_path(items: list[tuple[str, str]] | None = None, collection: str | None = None) -> str:
    """The timeline with these query items (filters, view, cursor): /?... or /; within a
    collection, /c/{slug}/?..."""
    if collection:
        return collection_path(collection, items)
    return f"/?{urlencode(items)}" if items else "/"


def collection_path(slug: str, items: list[tuple[str, str]] | None = None) -> str:
    """A collection's timeline: /c/{slug}/, with these query items."""
    return f"/c/{quote(slug, safe='')}/" + (f"?{urlencode(items)}" if items else "")


def export_path(fmt: str, collection: str | None = None, items: list[tuple[str, str]] | None = None) -> str:
    """A download of the timeline's events (/export.{fmt}; a collection's, /c/{slug}/export.{fmt})."""
    base = (f"/c/{quote(collection, safe='')}" if collection else "") + f"/export.{fmt}"
    return base + (f"?{urlencode(items)}" if items else "")


def feed_path(collection: str | None = None, items: list[tuple[str, str]] | None = None) -> str:
    """The Atom feed of the newest events (/feed.atom; a collection's, /c/{slug}/feed.atom)."""
    base = (f"/c/{quote(collection, safe='')}" if collection else "") + "/feed.atom"
    return base + (f"?{urlencode(items)}" if items else "")


def collection_admin_path(slug: str | None = None) -> str:
    return "/admin/collections" + (f"/{quote(slug, safe='')}" if slug else "")


def job_path(job_id: str) -> str:
    return f"/admin/jobs/{quote(job_id, safe='')}"


def job_api_path(job_id: str) -> str:
    return f"/api/jobs/{quote(job_id, safe='')}"


def dry_run_path(job_id: str) -> str:
    """An upload's preview: the events it would give (a dry-run job)."""
    return f"/admin/previews/{quote(job_id, safe='')}"


def review_path(after: str | None = None, before: str | None = None, done: str | None = None) -> str:
    """The queue of events no editor has checked: its head, or the page after (before) an event's
    place in it (app/queries/review.py)."""
    items = [(name, value) for name, value in (("after", after), ("before", before), ("done", done)) if value]
    return "/admin/review" + (f"?{urlencode(items)}" if items else "")


def event_edit_path(event_id: str, done: str | None = None) -> str:
    path = f"/admin/events/{quote(event_id, safe='')}/edit"
    return f"{path}?done={done}" if done else path


def audit_path(object_id: str | None = None, **params: str | int) -> str:
    items = ([("object", object_id)] if object_id else []) + [(k, str(v)) for k, v in params.items()]
    return "/admin/audit" + (f"?{urlencode(items)}" if items else "")


def login_path(next_path: str, reason: str = "") -> str:
    url = f"/login?next={quote(next_path, safe='/')}"
    return f"{url}&reason={reason}" if reason else url
