"""The pages: parse (dependencies), ask the read layer, render. Nothing else happens here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.deps import FiltersDep, SessionDep, SettingsDep
from app.models import utcnow
from app.queries.articles import find_article
from app.queries.collections import collection_count, describe_collection
from app.queries.events import find_event
from app.queries.facets import facet_counts
from app.queries.history import event_history, gone_details
from app.queries.related import related_events
from app.queries.views import EventView, Gone, Moved
from app.web import present
from app.web.collections import collections_page
from app.web.explorer import facet_groups
from app.web.render import render, render_error, wants_fragment
from app.web.timeline import explorer_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/", name="timeline")
def timeline(request: Request, session: SessionDep, settings: SettingsDep, filters: FiltersDep) -> Response:
    """The list of collections when there are several and nothing is asked; otherwise the explorer
    over every collection (the only one, or a question asked of them all: `?q=...`), or over one
    (`?collection=slug`, the same page as /c/{slug}/)."""
    several = collection_count(session)
    if several > 1 and not request.query_params and not wants_fragment(request):
        return collections_page(request, session, settings)
    collection = describe_collection(session, filters.collection, settings.base_url) if filters.collection else None
    return explorer_page(request, session, settings, filters, collection=collection, collections=several)


@router.get("/facets", name="facets")
def facets(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    """The facet counts alone, which htmx loads after swapping in new results."""
    if not wants_fragment(request):
        return RedirectResponse(present.timeline_url(filters), status_code=303)
    found = facet_counts(session, filters)
    context = {"facet_groups": facet_groups(found, filters), "facets_sampled": found.sampled,
               "facets_url": None, "filters": filters}
    return render(request, "_facets.html", context, fragment_template="_facets.html")


@router.get("/events/{event_id}", name="event_short")
def event_short(request: Request, event_id: str, session: SessionDep, settings: SettingsDep) -> Response:
    return _event_page(request, session, settings.base_url, event_id, slug=None)


@router.get("/events/{event_id}/{slug}", name="event")
def event_page(request: Request, event_id: str, slug: str, session: SessionDep, settings: SettingsDep) -> Response:
    return _event_page(request, session, settings.base_url, event_id, slug=slug)


def _event_page(request: Request, session: Session, base_url: str, event_id: str, slug: str | None) -> Response:
    found = find_event(session, event_id, base_url)
    if isinstance(found, Moved):
        found = find_event(session, found.new_id, base_url)
        if isinstance(found, EventView):
            return RedirectResponse(found.path, status_code=301)
    if isinstance(found, Gone):
        return render(request, "event_gone.html", present.gone_context(found, gone_details(session, found.id)), status=410)
    if not isinstance(found, EventView):
        return render_error(request, 404, f"there is no event with the id \u201c{event_id}\u201d; "
                            "it may never have existed, or an editor hid it")
    if slug != found.slug:
        return RedirectResponse(found.path, status_code=301)
    context = present.event_context(found, related=related_events(session, found),
                                    history=event_history(session, found.id), accessed=utcnow().date(),
                                    several_collections=collection_count(session) > 1)
    return render(request, "event.html", context)


@router.get("/articles/{article_id}", name="article")
def article_page(request: Request, article_id: str, session: SessionDep, settings: SettingsDep) -> Response:
    article = find_article(session, article_id, settings.base_url)
    if article is None:
        return render_error(request, 404, f"there is no article with the id \u201c{article_id}\u201d")
    return render(request, "article.html", present.article_context(article, request.query_params.get("highlight")))
