"""Editors' curation pages: edit, hide/unhide, merge, split, delete an article, the audit log.

Parse (form and dependencies), call app/services/curation.py (each action is one transaction the
service commits), redirect (303) to the page that shows the result. Every route needs a session
(CurrentAdmin); every form is CsrfChecked. A refused change re-shows the edit page with the
reason (422).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlmodel import Session

from app.calendar import is_supported, unsupported_reason
from app.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.models import Actor, Article, Event, EventActor, Mention
from app.queries.assembly import event_views
from app.permalinks import article_path, audit_path, event_edit_path, event_path, review_path
from app.queries.history import audit_page, event_history
from app.queries.review import parse_key, review_queue
from app.queries.views import EventLink, EventView
from app.services import curation
from app.services.review import mark_reviewed
from app.services.curation import PRECISIONS, ROLES, CurationRefused, EventEdit
from app.taxonomy import event_types, type_label
from app.web.admin.session import Admin, CsrfChecked, CurrentAdmin, SubmittedForm, admin_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

NOTICES = {
    "edit": "Saved. The event is now marked as reviewed by an editor.",
    "unchanged": "Nothing was changed.",
    "hide": "The event is hidden: readers get a 404 page and it is off the timeline.",
    "unhide": "The event is shown again.",
    "merge": "Merged. The other event's address now redirects (301) here.",
    "split": "Split off. This is the new event; the sentence no longer belongs to the old one.",
    "delete": "The article was deleted.",
    "checked": "Marked as checked.",
}
EMPTY_ACTOR_ROWS = 2


# --- dependencies ------------------------------------------------------------------------------

def load_event(event_id: str, session: SessionDep) -> Event:
    return curation.load_event(session, event_id)


EventDep = Annotated[Event, Depends(load_event)]


def load_article(article_id: str, session: SessionDep) -> Article:
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise NotFound(f"there is no article with the id \u201c{article_id}\u201d")
    return article


ArticleDep = Annotated[Article, Depends(load_article)]


@dataclass
class EditForm:
    """The edit form as submitted (strings, re-shown when refused)."""

    title: str
    date_start: str
    date_end: str
    precision: str
    type: str
    actors: list[tuple[str, str]]


def edit_form(form: SubmittedForm) -> EditForm:
    actors = [(a.strip(), r.strip()) for a, r in zip(form.getlist("actor"), form.getlist("role"), strict=False)]
    return EditForm(
        title=str(form.get("title") or ""),
        date_start=str(form.get("date_start") or ""),
        date_end=str(form.get("date_end") or ""),
        precision=str(form.get("precision") or ""),
        type=str(form.get("type") or ""),
        # An empty row, or one whose role says "remove", drops out.
        actors=[(a, r) for a, r in actors if a and r and r != "remove"],
    )


EditFormDep = Annotated[EditForm, Depends(edit_form)]


def to_edit(form: EditForm) -> EventEdit:
    dates = {}
    for name in ("date_start", "date_end"):
        try:
            dates[name] = dt.date.fromisoformat(getattr(form, name).strip())
        except ValueError:
            raise CurationRefused("give dates as YYYY-MM-DD", name) from None
        if not is_supported(dates[name]):
            raise CurationRefused(unsupported_reason(name, dates[name]), name)
    return EventEdit(form.title, dates["date_start"], dates["date_end"], form.precision, form.type,
                     tuple(dict.fromkeys(form.actors)))


# --- the edit page -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def form_values(session: Session, event: Event) -> EditForm:
    links = session.execute(
        select(EventActor.actor_id, EventActor.role).where(EventActor.event_id == event.id)
        .order_by(EventActor.role, EventActor.actor_id)
    ).all()
    return EditForm(event.title, event.date_start.isoformat(), event.date_end.isoformat(), event.precision,
                    event.type, [(a, r) for a, r in links])


def edit_page(request: Request, admin: Admin, session: Session, base_url: str, event: Event, *,
              form: EditForm | None = None, error: CurationRefused | None = None, notice: str | None = None) -> Response:
    view: EventView = event_views(session, [event], base_url)[0]
    form = form or form_values(session, event)
    actors = session.execute(select(Actor.id, Actor.name).order_by(Actor.name).limit(5000)).all()
    context = {
        "event": view,
        "form": form,
        "actor_rows": [*form.actors, *[("", "")] * EMPTY_ACTOR_ROWS],
        "actor_choices": [Choice(a, f"{name} ({a})") for a, name in actors],
        "role_choices": list(ROLES),
        "type_choices": [Choice(key, type_label(key)) for key in event_types()],
        "precision_choices": list(PRECISIONS),
        "history": event_history(session, event.id, public_only=False),
        "error": error.message if error else None,
        "error_field": error.field if error else None,
        "notice": notice,
        "public_path": view.path if view.status == "active" else None,
    }
    return admin_page(request, admin, "admin/event_edit.html", context, status=422 if error else 200)


@router.get("/admin/events/{event_id}/edit", name="edit_event")
def edit_event_page(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep,
                    event: EventDep, done: str = "") -> Response:
    if event.status == "deleted":
        return RedirectResponse(event_path(event.id), status_code=303)
    return edit_page(request, admin, session, settings.base_url, event, notice=NOTICES.get(done))


@router.post("/admin/events/{event_id}/edit")
def edit_event(request: Request, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
               event: EventDep, form: EditFormDep) -> Response:
    try:
        changed = curation.edit_event(session, admin.username, event.id, to_edit(form))
    except CurationRefused as error:
        return edit_page(request, admin, session, settings.base_url, curation.load_event(session, event.id),
                         form=form, error=error)
    return _back_to(event.id, "edit" if changed else "unchanged")


@router.post("/admin/events/{event_id}/hide")
def hide(admin: CsrfChecked, session: SessionDep, event: EventDep) -> Response:
    curation.hide_event(session, admin.username, event.id)
    return _back_to(event.id, "hide")


@router.post("/admin/events/{event_id}/unhide")
def unhide(admin: CsrfChecked, session: SessionDep, event: EventDep) -> Response:
    curation.unhide_event(session, admin.username, event.id)
    return _back_to(event.id, "unhide")


@router.post("/admin/events/merge")
def merge(request: Request, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
          form: SubmittedForm) -> Response:
    survivor, other = str(form.get("survivor") or ""), str(form.get("other") or "")
    kept = curation.load_event(session, survivor.strip())
    try:
        curation.merge_events(session, admin.username, kept.id, other)
    except (CurationRefused, NotFound) as error:
        refused = error if isinstance(error, CurationRefused) else CurationRefused(error.message, "other")
        return edit_page(request, admin, session, settings.base_url, curation.load_event(session, kept.id),
                         error=refused)
    return _back_to(kept.id, "merge")


@router.post("/admin/mentions/{mention_key}/split")
def split(request: Request, mention_key: str, admin: CsrfChecked, session: SessionDep, settings: SettingsDep) -> Response:
    mention = session.execute(select(Mention).where(Mention.key == mention_key)).scalars().first()
    if mention is None:
        raise NotFound(f"there is no report (mention) with the key \u201c{mention_key}\u201d")
    source_id = mention.event_id
    try:
        event = curation.split_mention(session, admin.username, mention_key)
    except CurationRefused as error:
        return edit_page(request, admin, session, settings.base_url, curation.load_event(session, source_id),
                         error=error)
    return _back_to(event.id, "split")


@router.get("/admin/articles/{article_id}/delete", name="delete_article")
def delete_article_page(request: Request, admin: CurrentAdmin, session: SessionDep, article: ArticleDep) -> Response:
    gone, reduced = curation.event_effects_of_article_deletion(session, article.id)
    context = {
        "article": {"id": article.id, "title": article.title, "publisher": article.publisher,
                    "published": article.published.isoformat(), "path": article_path(article.id)},
        "gone": [EventLink(e.id, e.title, event_path(e.id, e.slug)) for e in gone],
        "reduced": [EventLink(e.id, e.title, event_path(e.id, e.slug)) for e in reduced],
    }
    return admin_page(request, admin, "admin/article_delete.html", context)


@router.post("/admin/articles/{article_id}/delete")
def delete_article(admin: CsrfChecked, session: SessionDep, article: ArticleDep) -> Response:
    curation.delete_article(session, admin.username, article.id)
    return RedirectResponse(audit_path(article.id, done="delete"), status_code=303)


# --- the queue of events no editor has checked ------------------------------------------------

@router.get("/admin/review", name="review_queue")
def review(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep,
           after: str = "", before: str = "", done: str = "") -> Response:
    """Events no editor has checked, the most important first: what to check next."""
    queue = review_queue(session, settings.base_url, after=parse_key(after, "after"),
                         before=parse_key(before, "before"))
    context = {
        "queue": queue,
        # Where this page stands, for "Mark checked" to come back to it.
        "position": {"after": after.strip()} if after.strip() else {"before": before.strip()} if before.strip() else {},
        "newer_url": review_path(before=queue.first_key) if queue.has_previous else None,
        "older_url": review_path(after=queue.last_key) if queue.has_next else None,
        "notice": NOTICES.get(done) if done == "checked" else None,
    }
    return admin_page(request, admin, "admin/review.html", context)


@router.post("/admin/events/{event_id}/checked")
def mark_checked(admin: CsrfChecked, session: SessionDep, event: EventDep, after: str = "",
                 before: str = "") -> Response:
    """An editor read the event and its sources and found nothing to change; back to the same
    place in the queue, where the next event now stands."""
    parse_key(after, "after"), parse_key(before, "before")  # refused in words before anything changes
    mark_reviewed(session, admin.username, event.id)
    return RedirectResponse(review_path(after=after.strip() or None, before=before.strip() or None,
                                        done="checked"), status_code=303)


@router.get("/admin/audit", name="audit")
def audit_log(request: Request, admin: CurrentAdmin, session: SessionDep, page: int = 1, object: str = "",
              done: str = "") -> Response:
    result = audit_page(session, page, object_id=object.strip() or None)
    context = {
        "audit": result,
        "object_id": object,
        "notice": NOTICES.get(done),
        "newer_url": audit_path(object, page=result.page - 1) if result.page > 1 else None,
        "older_url": audit_path(object, page=result.page + 1) if result.page < result.pages else None,
    }
    return admin_page(request, admin, "admin/audit.html", context)


def _back_to(event_id: str, done: str) -> Response:
    return RedirectResponse(event_edit_path(event_id, done), status_code=303)
