"""Collections on the public side: the list of collections (at / when there are several), each
collection's explorer at /c/{slug}/ (every filter, zoom level and fragment of the timeline), and
its exports and feed at /c/{slug}/export.{fmt} and /c/{slug}/feed.atom.

An unknown slug is a 404 page that names the collections there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.config import Settings
from app.deps import FiltersDep, SessionDep, SettingsDep
from app.labels import bar_label
from app.permalinks import collection_path
from app.queries.collections import (
    collection_count, find_collection, known_slugs, list_collections, unknown_collection_message,
)
from app.queries.views import CollectionView
from app.web.exports import export_response
from app.web.render import render, render_error
from app.web.timeline import explorer_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

STRIP_WIDTH, STRIP_HEIGHT = 240, 32


@dataclass(frozen=True)
class StripBar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True)
class CollectionEntry:
    """A collection as its list shows it: its view and its density strip's bars."""

    collection: CollectionView
    bars: tuple[StripBar, ...]
    summary: str  # the strip in words, for screen readers


def density_strip(collection: CollectionView) -> tuple[tuple[StripBar, ...], str]:
    """The bars of a collection's small density strip (events per year or decade) and its summary."""
    buckets = collection.density
    if not buckets or not any(b.count for b in buckets):
        return (), "No events yet."
    peak = max(b.count for b in buckets)
    step = STRIP_WIDTH / len(buckets)
    bars = []
    for number, bucket in enumerate(buckets):
        height = 0.0 if not bucket.count else max(1.5, (STRIP_HEIGHT - 2) * bucket.count / peak)
        bars.append(StripBar(round(number * step, 2), round(STRIP_HEIGHT - height, 2), round(max(step - 0.5, 0.5), 2),
                             round(height, 2), f"{bar_label(collection.density_level, bucket.start)}: {bucket.count:,}"))
    busiest = max(buckets, key=lambda b: b.count)
    level = collection.density_level
    summary = (f"Events per {level} from {bar_label(level, buckets[0].start)} to {bar_label(level, buckets[-1].start)}; "
               f"the busiest {level} is {bar_label(level, busiest.start)} with {busiest.count:,}.")
    return tuple(bars), summary


def collections_page(request: Request, session: Session, settings: Settings) -> Response:
    entries = []
    for collection in list_collections(session, settings.base_url):
        bars, summary = density_strip(collection)
        entries.append(CollectionEntry(collection, bars, summary))
    context = {"entries": entries, "strip_width": STRIP_WIDTH, "strip_height": STRIP_HEIGHT}
    return render(request, "collections.html", context)


def _not_found(request: Request, session: Session, slug: str) -> Response:
    return render_error(request, 404, unknown_collection_message(session, slug),
                        collections=[(known, collection_path(known)) for known in known_slugs(session)])


@router.get("/c/{slug}", name="collection_bare")
def collection_bare(request: Request, slug: str) -> Response:
    """/c/{slug} without its slash: the collection's address is /c/{slug}/."""
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(collection_path(slug) + query, status_code=301)


@router.get("/c/{slug}/", name="collection")
def collection_timeline(request: Request, slug: str, session: SessionDep, settings: SettingsDep) -> Response:
    if find_collection(session, slug) is None:
        return _not_found(request, session, slug)
    return explorer_page(request, session, settings, collection=slug, collections=collection_count(session))


@router.get("/c/{slug}/feed.atom", name="collection_feed")
def collection_feed(request: Request, slug: str, session: SessionDep, settings: SettingsDep,
                    filters: FiltersDep) -> Response:
    if find_collection(session, slug) is None:
        return _not_found(request, session, slug)
    return export_response(session, settings, filters.within(slug), "atom")


@router.get("/c/{slug}/export.{fmt}", name="collection_export")
def collection_export(request: Request, slug: str, fmt: str, session: SessionDep, settings: SettingsDep,
                      filters: FiltersDep) -> Response:
    if find_collection(session, slug) is None:
        return _not_found(request, session, slug)
    return export_response(session, settings, filters.within(slug), fmt)
