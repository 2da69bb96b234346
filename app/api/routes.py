"""JSON routes. Each handler parses (dependencies), asks the read layer, and answers one of the
shapes of app/api/schemas.py, which /openapi.json documents."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import text

from app.api.schemas import (
    BAD_FILTER, NOT_FOUND, ActorListOut, AxisEventOut, AxisOut, CollectionListOut, EventListOut, GoneOut, HealthOut,
    PlacesOut, TypeListOut,
)
from app.deps import FiltersDep, SessionDep, SettingsDep
from app.errors import BadFilter, NotFound
from app.permalinks import absolute, event_api_path, events_api_path
from app.queries.actors import search_actors
from app.queries.articles import find_article
from app.queries.axis import AXIS_LIMIT, axis_events
from app.queries.catalog import list_actors, list_types, validate_filter_values
from app.queries.collections import describe_collection, known_slugs, list_collections, unknown_collection_message
from app.queries.events import count_events, find_event, list_events
from app.queries.filters import openapi_parameters
from app.queries.places import place_counts
from app.queries.timeline import matching_extent, start_counts, timeline_buckets
from app.queries.views import ArticleView, CollectionView, EventView, Gone, Moved, Timeline

router = APIRouter(prefix="/api", tags=["api"])

# The filters are read by FiltersDep from the query string and documented in /openapi.json by
# openapi_parameters (the collection among them); the routes without FiltersDep take the
# collection as a parameter of their own.
CollectionParam = Annotated[str | None, Query(
    description="a collection's slug (see /api/collections): only its events; every collection when absent")]


@router.get("/events", summary="A filtered, paginated list of events (sort=date, -date or importance)",
            response_model=EventListOut, responses=BAD_FILTER, openapi_extra={"parameters": openapi_parameters()})
def api_events(session: SessionDep, settings: SettingsDep, filters: FiltersDep) -> EventListOut:
    page = list_events(session, filters, settings.base_url)
    next_url = None
    if page.next_cursor:
        next_url = absolute(settings.base_url, events_api_path([*filters.query_items(), ("cursor", page.next_cursor)]))
    return EventListOut(items=list(page.items), total=page.total, total_is_estimate=page.total_is_estimate,
                        next=next_url)


@router.get("/events/{event_id}", summary="One event, with all its mentions", response_model=EventView,
            responses={**NOT_FOUND, 301: {"description": "the id was merged into another event: its address"},
                       410: {"model": GoneOut, "description": "the event was deleted; its sources are listed"}})
def api_event(event_id: str, session: SessionDep, settings: SettingsDep):
    found = find_event(session, event_id, settings.base_url)
    if found is None:
        raise NotFound(f"no event has the id {event_id!r}")
    if isinstance(found, Moved):
        return RedirectResponse(event_api_path(found.new_id), status_code=301)
    if isinstance(found, Gone):
        return JSONResponse(GoneOut.of(found).model_dump(mode="json"), status_code=410)
    return found


@router.get("/articles/{article_id}", summary="One article: its text, sentences and events", response_model=ArticleView,
            responses=NOT_FOUND)
def api_article(article_id: str, session: SessionDep, settings: SettingsDep) -> ArticleView:
    article = find_article(session, article_id, settings.base_url)
    if article is None:
        raise NotFound(f"no article has the id {article_id!r}")
    return article


@router.get("/actors", summary="Actors that take part in events, most active first; q= finds them by name "
            "(in one collection: counted there)", response_model=ActorListOut, responses=BAD_FILTER)
def api_actors(session: SessionDep, q: str = "", limit: int = 500, collection: CollectionParam = None) -> ActorListOut:
    if not 1 <= limit <= 500:
        raise BadFilter(f"limit must be between 1 and 500, not {limit}")
    if q.strip():
        if len(q) > 200:
            raise BadFilter(f"q is too long ({len(q)} characters; at most 200)")
        return ActorListOut(items=search_actors(session, q, limit, collection=collection))
    return ActorListOut(items=list_actors(session, limit, collection=collection))


@router.get("/places", summary="Places of the filtered events with their positions and counts (the map)",
            response_model=PlacesOut, responses=BAD_FILTER,
            openapi_extra={"parameters": openapi_parameters(without=("limit", "cursor", "sort", "jump"))})
def api_places(session: SessionDep, filters: FiltersDep) -> PlacesOut:
    validate_filter_values(session, filters)
    return PlacesOut.model_validate(place_counts(session, filters).to_json())


@router.get("/types", summary="The event-type taxonomy with how many events each type has (in one collection)",
            response_model=TypeListOut, responses=BAD_FILTER)
def api_types(session: SessionDep, collection: CollectionParam = None) -> TypeListOut:
    return TypeListOut(items=list_types(session, collection))


@router.get("/timeline", summary="Event counts per bucket (century, decade, year, month, week or day)",
            response_model=Timeline, responses=BAD_FILTER,
            openapi_extra={"parameters": openapi_parameters(without=("zoom", "limit", "cursor", "sort", "jump"))})
def api_timeline(session: SessionDep, filters: FiltersDep, zoom: str = "year") -> Timeline:
    return timeline_buckets(session, filters, zoom)


@router.get("/collections", summary="The collections (conflicts, dossiers) with their events and span",
            response_model=CollectionListOut)
def api_collections(session: SessionDep, settings: SettingsDep) -> CollectionListOut:
    return CollectionListOut(items=list_collections(session, settings.base_url))


@router.get("/collections/{slug}", summary="One collection", response_model=CollectionView, responses=NOT_FOUND)
def api_collection(slug: str, session: SessionDep, settings: SettingsDep) -> CollectionView:
    found = describe_collection(session, slug, settings.base_url)
    if found is None:
        raise NotFound(unknown_collection_message(session, slug), known=known_slugs(session))
    return found


@router.get("/axis", summary="The most important events of a range, placed for a time axis",
            response_model=AxisOut, responses=BAD_FILTER,
            openapi_extra={"parameters": openapi_parameters(without=("limit", "cursor", "sort", "jump"))})
def api_axis(session: SessionDep, filters: FiltersDep, limit: int = AXIS_LIMIT) -> AxisOut:
    """The events the timeline page's axis draws: the `limit` most important matching events that
    meet the range (from/to, or zoom/at; every date without either)."""
    if not 1 <= limit <= 500:
        raise BadFilter(f"limit must be between 1 and 500, not {limit}")
    validate_filter_values(session, filters)
    first, last = filters.visible_from, filters.visible_to
    if first is None or last is None:
        extent = matching_extent(session, filters)
        if extent is None:
            return AxisOut(first=None, last=None, matching=0, events=[])
        first, last = first or extent[0], last or extent[1]
    matching, estimate = count_events(session, filters)
    if estimate:  # "10,000+": the events per year say how many there are
        matching = sum(start_counts(session, replace(filters, date_from=first, date_to=last), "year").values())
    axis = axis_events(session, filters, first, last, matching, limit)
    return AxisOut(first=axis.first, last=axis.last, matching=matching, events=[
        AxisEventOut(id=e.id, title=e.title, path=e.path, type=e.type, date_start=e.date_start, date_end=e.date_end,
                     open_end=e.open_end, precision=e.precision, importance=e.importance) for e in axis.events])


@router.get("/health", summary="Liveness and database reachability, for deployments", response_model=HealthOut)
def api_health(session: SessionDep) -> HealthOut:
    session.execute(text("SELECT 1"))
    return HealthOut(status="ok")
