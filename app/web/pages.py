"""The pages: parse (dependencies), ask the read layer, render. Nothing else happens here."""

from __future__ import annotations


from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.deps import FiltersDep, SessionDep, SettingsDep
from app.exports import dataset_version
from app.gazetteer import iso_numeric
from app.models import utcnow
from app.permalinks import event_card_path, event_citation_path
from app.queries.articles import find_article
from app.queries.freshness import KeptFigures
from app.queries.catalog import validate_filter_values
from app.queries.collections import collection_count
from app.queries.events import find_event
from app.queries.facets import facet_counts
from app.queries.history import event_history, gone_details
from app.queries.places import place_counts
from app.queries.related import related_events
from app.queries.views import EventView, Gone, Moved
from app.web import present, sharing
from app.web.cards import card_png
from app.web.collections import collections_page
from app.web.explorer import facet_groups, facets_note
from app.web.render import render, render_error, wants_fragment
from app.web.timeline import explorer_page
from app.web.timeline_page import map_panel

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/", name="timeline")
def timeline(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """The list of collections when there are several and nothing is asked; otherwise the explorer
    over every collection (the only one, or a question asked of them all: `?q=...`), or over one
    (`?collection=slug`, the same view as /c/{slug}/)."""
    several = collection_count(session)
    if several > 1 and not request.query_params and not wants_fragment(request):
        return collections_page(request, session, settings)
    return explorer_page(request, session, settings, collections=several)


@router.get("/facets", name="facets")
def facets(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    """The facet counts alone, which htmx loads after swapping in new results."""
    if not wants_fragment(request):
        return RedirectResponse(present.timeline_url(filters), status_code=303)
    found = facet_counts(session, filters)
    context = {"facet_groups": facet_groups(found, filters), "facets_sampled": found.sampled,
               "facets_note": facets_note(found), "facets_url": None, "filters": filters}
    return render(request, "_facets.html", context, fragment_template="_facets.html")


@router.get("/places", name="places")
def places(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    """The map panel alone, which htmx loads after swapping in new results."""
    if not wants_fragment(request):
        return RedirectResponse(present.timeline_url(filters), status_code=303)
    validate_filter_values(session, filters)
    panel = map_panel(place_counts(session, filters), filters, iso_numeric)
    return render(request, "_map.html", {"map": panel}, fragment_template="_map.html")


@router.get("/facets/{name}", name="facet_values")
def facet_values(request: Request, name: str, session: SessionDep, filters: FiltersDep) -> Response:
    """Every value of one facet with its count (the facets' "more…")."""
    if name not in FACET_NAMES:
        return render_error(request, 404, f"there is no facet \u201c{name[:40]}\u201d; "
                            f"the facets are {', '.join(FACET_NAMES)}")
    validate_filter_values(session, filters)
    found = facet_counts(session, filters, top=FACET_ALL, only=name)
    groups = facet_groups(found, filters)
    context = {"group": groups[0] if groups else None, "title": FACET_NAMES[name], "filters": filters,
               "facets_note": facets_note(found), "back_url": present.timeline_url(filters),
               "truncated": bool(groups and groups[0].more_url)}
    return render(request, "facet_values.html", context)


FACET_NAMES = {"actor": "Actors", "type": "Types of event", "location": "Places", "publisher": "Publishers"}
FACET_ALL = 500


@router.get("/events/{event_id}/card.png", name="event_card", response_class=FileResponse)
def event_card(event_id: str, session: SessionDep, settings: SettingsDep) -> Response:
    """The event's social card (og:image): a 1200 x 630 PNG, drawn once and kept on disk."""
    found = find_event(session, event_id, settings.base_url)
    if isinstance(found, Moved):
        return RedirectResponse(event_card_path(found.new_id), status_code=301)
    if not isinstance(found, EventView):
        return Response("There is no event with this id.", status_code=404, media_type="text/plain")
    path = card_png(sharing.card_text(found), settings.data_dir / "cards")
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/events/{event_id}/cite.{fmt}", name="event_citation")
def event_citation(event_id: str, fmt: str, session: SessionDep, settings: SettingsDep) -> Response:
    """The citation as a BibTeX or RIS file, for reference managers."""
    if fmt not in CITATION_FORMATS:
        return Response(f"There is no {fmt[:20]!r} citation; use cite.bib or cite.ris.", status_code=404,
                        media_type="text/plain")
    found = find_event(session, event_id, settings.base_url)
    if isinstance(found, Moved):
        return RedirectResponse(event_citation_path(found.new_id, fmt), status_code=301)
    if not isinstance(found, EventView):
        return Response("There is no event with this id.", status_code=404, media_type="text/plain")
    media_type, write = CITATION_FORMATS[fmt]
    body = write(found, utcnow().date(), dataset_label(session, settings.database_url))
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="event-{found.id}.{fmt}"'})


CITATION_FORMATS = {"bib": ("application/x-bibtex; charset=utf-8", sharing.bibtex),
                    "ris": ("application/x-research-info-systems; charset=utf-8", sharing.ris)}
DATASET_LABELS = KeptFigures(seconds=60)


def dataset_label(session: Session, database_url: str) -> str:
    """The dataset version a citation names (app/exports.py): it counts every event and mention,
    which at a million events is not free, so it is counted again only when the data changed
    (and at least once a minute; app/queries/freshness.py)."""
    return DATASET_LABELS.get(session, database_url, lambda: dataset_version(session).version)


@router.get("/events/{event_id}", name="event_short")
def event_short(request: Request, event_id: str, session: SessionDep, settings: SettingsDep) -> Response:
    return _event_page(request, session, settings, event_id, slug=None)


@router.get("/events/{event_id}/{slug}", name="event")
def event_page(request: Request, event_id: str, slug: str, session: SessionDep, settings: SettingsDep) -> Response:
    return _event_page(request, session, settings, event_id, slug=slug)


def _event_page(request: Request, session: Session, settings, event_id: str, slug: str | None) -> Response:
    base_url = settings.base_url
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
                                    dataset=dataset_label(session, settings.database_url),
                                    several_collections=collection_count(session) > 1)
    return render(request, "event.html", context)


@router.get("/articles/{article_id}", name="article")
def article_page(request: Request, article_id: str, session: SessionDep, settings: SettingsDep) -> Response:
    article = find_article(session, article_id, settings.base_url)
    if article is None:
        return render_error(request, 404, f"there is no article with the id \u201c{article_id}\u201d")
    return render(request, "article.html", present.article_context(article, request.query_params.get("highlight")))
