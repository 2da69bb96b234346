"""The timeline explorer page, at / (every collection, or the only one) and at /c/{slug}/ (one
collection): parse, ask the read layer, render. The filters arrive with their collection set."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from sqlmodel import Session

from app.config import Settings
from app.permalinks import timeline_path
from app.queries.catalog import actor_names, list_actors, type_counts
from app.queries.events import list_events
from app.queries.facets import facet_counts
from app.queries.filters import EventFilters
from app.queries.timeline import explore
from app.queries.views import ActorEntry, CollectionView
from app.web import present
from app.web.explorer import explorer_context
from app.web.render import render, wants_fragment


def explorer_page(request: Request, session: Session, settings: Settings, filters: EventFilters, *,
                  collection: CollectionView | None = None, collections: int = 1) -> Response:
    """The explorer for `filters` (within `collection` when given; `collections`: how many exist,
    so the page links back to their list when there are several)."""
    page = list_events(session, filters, settings.base_url, cards=True)
    explorer = explore(session, filters, page.total, page.total_is_estimate)
    if wants_fragment(request):  # the results only: the form's lists and the facets are not redrawn
        actors = [ActorEntry(key, name, "unknown", 0) for key, name in actor_names(session, filters.actors).items()]
        counts, facets = {}, None
    else:
        actors = list_actors(session, collection=filters.collection)
        counts = type_counts(session, filters.collection)
        facets = facet_counts(session, filters)
    context = present.timeline_context(page, filters, actors, counts)
    context.update(explorer_context(explorer, filters, page.items, facets, page.total, page.total_is_estimate))
    context.update(collection=collection, several_collections=collections > 1,
                   timeline_action=timeline_path(None, filters.collection))
    return render(request, "index.html", context, fragment_template="_event_list.html")
