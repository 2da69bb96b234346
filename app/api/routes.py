"""JSON routes. Each handler parses (dependencies), asks the read layer, and serialises."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import text

from app.deps import FiltersDep, SessionDep, SettingsDep
from app.errors import BadFilter, NotFound
from app.queries.actors import search_actors
from app.queries.axis import AXIS_LIMIT, axis_events
from app.queries.places import place_counts
from app.queries.timeline import matching_extent, start_counts
from app.queries.articles import find_article
from app.queries.events import (
    count_events, find_event, list_actors, list_events, type_counts, validate_filter_values,
)
from app.queries.timeline import ZOOM_LEVELS, timeline_buckets
from app.queries.views import Gone, Moved
from app.taxonomy import event_types

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/events", summary="A filtered, paginated list of events (sort=date, -date or importance)")
def api_events(session: SessionDep, settings: SettingsDep, filters: FiltersDep, request: Request) -> dict[str, Any]:
    page = list_events(session, filters, settings.base_url)
    next_url = None
    if page.next_cursor:
        query = filters.query_string()
        next_url = f"{settings.base_url}/api/events?{query + '&' if query else ''}cursor={page.next_cursor}"
    return {"items": [event.to_json() for event in page.items], "total": page.total,
            "total_is_estimate": page.total_is_estimate, "next": next_url}


@router.get("/events/{event_id}", summary="One event, with all its mentions")
def api_event(event_id: str, session: SessionDep, settings: SettingsDep):
    found = find_event(session, event_id, settings.base_url)
    if found is None:
        raise NotFound(f"no event has the id {event_id!r}")
    if isinstance(found, Moved):
        return RedirectResponse(f"/api/events/{found.new_id}", status_code=301)
    if isinstance(found, Gone):
        return JSONResponse(
            {
                "error": "gone",
                "message": f"the event {found.id} was deleted",
                "id": found.id,
                "title": found.title,
                "mentions": [m.to_json() for m in found.mentions],
            },
            status_code=410,
        )
    return found.to_json()


@router.get("/articles/{article_id}", summary="One article: its text, sentences and events")
def api_article(article_id: str, session: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    article = find_article(session, article_id, settings.base_url)
    if article is None:
        raise NotFound(f"no article has the id {article_id!r}")
    return article.to_json()


@router.get("/actors", summary="Actors that take part in events, most active first; q= finds them by name")
def api_actors(session: SessionDep, q: str = "", limit: int = 500) -> dict[str, Any]:
    if not 1 <= limit <= 500:
        raise BadFilter(f"limit must be between 1 and 500, not {limit}")
    if q.strip():
        if len(q) > 200:
            raise BadFilter(f"q is too long ({len(q)} characters; at most 200)")
        return {"items": search_actors(session, q, limit)}
    return {"items": list_actors(session, limit)}


@router.get("/places", summary="Places of the filtered events with their positions and counts (the map)")
def api_places(session: SessionDep, filters: FiltersDep) -> dict[str, Any]:
    validate_filter_values(session, filters)
    return place_counts(session, filters).to_json()


@router.get("/types", summary="The event-type taxonomy with how many events each type has")
def api_types(session: SessionDep) -> dict[str, Any]:
    counts = type_counts(session)
    items = []
    for key, entry in event_types().items():
        items.append(
            {
                "key": key,
                "label": entry.get("label") or key.replace("_", " ").capitalize(),
                "description": entry.get("description", ""),
                "acled": entry.get("acled"),
                "plover": entry.get("plover"),
                "events": counts.get(key, 0),
            }
        )
    return {"items": items}


@router.get("/timeline", summary="Event counts per bucket (decade, year, month, week or day)")
def api_timeline(session: SessionDep, filters: FiltersDep, zoom: str = "year") -> dict[str, Any]:
    return timeline_buckets(session, filters, zoom).to_json()


@router.get("/axis", summary="The most important events of a range, placed for a time axis")
def api_axis(session: SessionDep, filters: FiltersDep, limit: int = AXIS_LIMIT) -> dict[str, Any]:
    """The events the timeline page's axis draws: the `limit` most important matching events that
    meet the range (from/to, or zoom/at; every date without either)."""
    if not 1 <= limit <= 500:
        raise BadFilter(f"limit must be between 1 and 500, not {limit}")
    validate_filter_values(session, filters)
    first, last = filters.visible_from, filters.visible_to
    if first is None or last is None:
        extent = matching_extent(session, filters)
        if extent is None:
            return {"first": None, "last": None, "matching": 0, "events": []}
        first, last = first or extent[0], last or extent[1]
    matching, estimate = count_events(session, filters)
    if estimate:  # "10,000+": the events per year say how many there are
        matching = sum(start_counts(session, replace(filters, date_from=first, date_to=last), "year").values())
    axis = axis_events(session, filters, first, last, matching, limit)
    return {
        "first": axis.first.isoformat(), "last": axis.last.isoformat(), "matching": matching,
        "events": [{"id": e.id, "title": e.title, "path": e.path, "type": e.type, "date_start": e.date_start.isoformat(),
                    "date_end": e.date_end.isoformat(), "open_end": e.open_end, "precision": e.precision,
                    "importance": e.importance} for e in axis.events],
    }


@router.get("/health", summary="Liveness and database reachability, for deployments")
def api_health(session: SessionDep) -> dict[str, str]:
    session.execute(text("SELECT 1"))
    return {"status": "ok"}


__all__ = ["router", "ZOOM_LEVELS"]
