"""JSON routes. Each handler parses (dependencies), asks the read layer, and answers one of the
shapes of app/api/schemas.py, which /openapi.json documents."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy import text

from app.api.schemas import (
    BAD_FILTER, NOT_FOUND, ActorListOut, EventListOut, GoneOut, HealthOut, TypeListOut,
)
from app.deps import FiltersDep, SessionDep, SettingsDep
from app.errors import NotFound
from app.permalinks import absolute, event_api_path, events_api_path
from app.queries.articles import find_article
from app.queries.catalog import list_actors, list_types
from app.queries.events import find_event, list_events
from app.queries.filters import openapi_parameters
from app.queries.timeline import timeline_buckets
from app.queries.views import ArticleView, EventView, Gone, Moved, Timeline

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/events", summary="A filtered, paginated list of events in date order", response_model=EventListOut,
            responses=BAD_FILTER, openapi_extra={"parameters": openapi_parameters()})
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


@router.get("/actors", summary="Actors that take part in events, most active first", response_model=ActorListOut)
def api_actors(session: SessionDep) -> ActorListOut:
    return ActorListOut(items=list_actors(session))


@router.get("/types", summary="The event-type taxonomy with how many events each type has", response_model=TypeListOut)
def api_types(session: SessionDep) -> TypeListOut:
    return TypeListOut(items=list_types(session))


@router.get("/timeline", summary="Event counts per bucket (century, decade, year, month, week or day)",
            response_model=Timeline, responses=BAD_FILTER,
            openapi_extra={"parameters": openapi_parameters(without=("zoom", "limit", "cursor"))})
def api_timeline(session: SessionDep, filters: FiltersDep, zoom: str = "year") -> Timeline:
    return timeline_buckets(session, filters, zoom)


@router.get("/health", summary="Liveness and database reachability, for deployments", response_model=HealthOut)
def api_health(session: SessionDep) -> HealthOut:
    session.execute(text("SELECT 1"))
    return HealthOut(status="ok")
