"""The timeline explorer page, at / (every collection, or the only one) and at /c/{slug}/ (one
collection): read the query, ask the read layer, render. Within a collection the filters carry
its slug, which the read layer takes as the scope of every question, and every link of the page
stays under /c/{slug}/."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.config import Settings
from app.deps import query_params
from app.errors import BadFilter
from app.gazetteer import iso_numeric
from app.permalinks import feed_path, timeline_path
from app.queries.actors import resolve_actor
from app.queries.axis import axis_events
from app.queries.catalog import actor_names, list_actors, type_counts, validate_filter_values
from app.queries.collections import collection_id, describe_collection, find_collection
from app.queries.events import list_events
from app.queries.facets import facet_counts
from app.queries.filters import EventFilters, parse_filters
from app.queries.freshness import KeptFigures
from app.queries.places import place_counts, place_name
from app.queries.timeline import background_cutoff, explore
from app.queries.views import CollectionView, EventPage
from app.web import present
from app.web.axis import draw as draw_axis
from app.web.explorer import explorer_context
from app.web.render import as_sentence, render, wants_fragment
from app.web.timeline_page import form_from_params, page_extras, page_title


def explorer_page(request: Request, session: Session, settings: Settings, *, collection: str | None = None,
                  collections: int = 1) -> Response:
    """The explorer for the request's query, within `collection` (a known slug; its page
    /c/{slug}/) when given, or within the one `?collection=` names. `collections`: how many exist,
    so the page links back to their list when there are several."""
    params = query_params(request)
    cleaned = {name: [v for v in values if v.strip()] for name, values in params.items()}
    cleaned = {name: values for name, values in cleaned.items() if values}
    scope = {"collection": [collection]} if collection else {}
    try:
        parse_filters({**cleaned, **scope})  # the query's shape first (how many values, how long, which dates)
        resolved = {**cleaned, "actor": [resolve_actor(session, a.strip()) for a in cleaned["actor"]]} \
            if "actor" in cleaned else cleaned
        filters = parse_filters({**resolved, **scope})
        validate_filter_values(session, filters)
        within = collection_id(session, filters.collection) if filters.collection else None
    except BadFilter as error:
        heading = _heading(request, session, settings, collection)
        return _filter_error(request, session, cleaned, error, collection, heading, collections)
    canonical = present.timeline_url(filters, cursor=resolved.get("cursor", [None])[0])
    if filters.jump and "cursor" not in resolved:  # "start at this day" stays in the address
        canonical += ("&" if "?" in canonical else "?") + f"jump={filters.jump.isoformat()}"
    if resolved != params and not wants_fragment(request):
        # Empty fields of a plain form submission, or actor names typed without the type-ahead:
        # the same view at its own, shorter address.
        return RedirectResponse(canonical, status_code=303)
    if not filters.period and filters.date_from is None and filters.date_to is None:
        filters = replace(filters, foreground_from=background_cutoff(session, within))
    page = list_events(session, filters, settings.base_url, cards=True)
    explorer = explore(session, filters, page.total, page.total_is_estimate)
    fragment = wants_fragment(request)
    names = actor_names(session, filters.actors)
    if filters.location:
        names = {filters.location: place_name(session, filters.location), **names}
    if fragment:  # the results only: the facets and the map's places load afterwards
        actors, counts, facets, places = [], cached_type_counts(session, settings.database_url, filters.collection), \
            None, None
    else:
        actors = list_actors(session, limit=0, collection=filters.collection)
        counts, facets = type_counts(session, filters.collection), facet_counts(session, filters)
        places = place_counts(session, filters)
    context = present.timeline_context(page, filters, actors, counts, names)
    context.update(explorer_context(explorer, filters, page.items, facets, page.total, page.total_is_estimate))
    axis = None
    if explorer.fitted:
        # The strip counted the events of the fitted range exactly; the page's count may be "10,000+".
        in_range = sum(bar.count for bar in explorer.density) or page.total
        # what the heading counts (those that start in view) and the fitted range leaves out
        outside = 0 if page.total_is_estimate else max(page.total - explorer.continuing - in_range, 0)
        axis = draw_axis(axis_events(session, filters, *explorer.fitted, matching=in_range), outside)
    context.update(page_extras(page, filters, explorer, axis, places, names, iso_numeric, fragment=fragment))
    heading = _heading(request, session, settings, filters.collection)
    context.update(_scope_context(filters.collection, heading, collections))
    if filters.collection:  # the tab names the collection (a fragment's too: htmx sets the title)
        context["page_title"] = page_title(filters, explorer, names, scope=find_collection(session, filters.collection).name)
    response = render(request, "index.html", context, fragment_template="_event_list.html")
    if fragment and request.url.query != urlsplit(canonical).query:
        # The address htmx shows is the view's own: names resolved to ids, defaults and empty
        # fields left out, parameters in their usual order, whatever the form sent.
        response.headers["HX-Push-Url"] = canonical
    return response


def _heading(request: Request, session: Session, settings: Settings, collection: str | None) -> CollectionView | None:
    """The collection's name, span and description for the page's top (a fragment has no top)."""
    if collection is None or wants_fragment(request):
        return None
    return describe_collection(session, collection, settings.base_url)


def _scope_context(collection: str | None, heading: CollectionView | None, collections: int) -> dict:
    """What the page says about the collection it is in: its heading, where the form goes."""
    return {"collection": heading, "several_collections": collections > 1,
            "timeline_action": timeline_path(None, collection)}


def _filter_error(request: Request, session: Session, params: dict[str, list[str]], error: BadFilter,
                  collection: str | None, heading: CollectionView | None, collections: int) -> Response:
    """The timeline page with the reason next to the form, which keeps what the reader typed."""
    filters = EventFilters(collection=collection)
    context = present.timeline_context(EventPage((), 0, None), filters, [], type_counts(session, collection), {})
    context.update({
        "error": as_sentence(error.message), "error_field": getattr(error, "field", None),
        "form": form_from_params(params),
        "page_title": page_title(filters, None, {}, error=True, scope=heading.name if heading else None),
        "feed_url": feed_path(collection), "exports": [], "compact": False, "search_words": None,
    })
    context.update(_scope_context(collection, heading, collections))
    response = render(request, "index.html", context, status=400)
    if wants_fragment(request):  # the whole page, so the form shows the reason too
        response.headers["HX-Retarget"] = "body"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


TYPE_COUNTS = KeptFigures(seconds=30)


def cached_type_counts(session: Session, database_url: str, collection: str | None = None) -> dict[str, int]:
    """Events per type (in one collection) for the labels of the form's type menu, which every htmx
    answer redraws: counted again when an ingestion or an edit changed the data, and at least
    every 30 seconds (app/queries/freshness.py)."""
    return TYPE_COUNTS.get(session, (database_url, collection), lambda: type_counts(session, collection))
