"""Editors' collection pages: the list with a form to create one, a collection's page to rename or
describe it (or delete it while it is empty), and moving an article to another collection.

Parse (form and dependencies), call app/services/collections.py (each change one transaction the
service commits; a move is an ingestion job, since the merge needs the article's reports
extracted again), redirect (303). A refused change re-shows its page with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.deps import SessionDep, SettingsDep
from app.errors import NotFound, UserError
from app.ingest.jobs import start_inline
from app.models import Article, Collection
from app.permalinks import article_path, collection_admin_path, job_path
from app.queries.collections import articles_in, describe_collection, list_collections
from app.services import jobs
from app.services.collections import (
    CollectionFields, CollectionRefused, UnknownCollection, create_collection, delete_collection, resolve,
    update_collection,
)
from app.web.admin.session import Admin, CsrfChecked, CurrentAdmin, SubmittedForm, admin_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

NOTICES = {
    "create": "The collection was created. Upload articles into it from “Add an article”.",
    "edit": "Saved.",
    "delete": "The collection was deleted.",
}
FIELDS = ("slug", "name", "description", "date_from", "date_to", "region")


@dataclass
class CollectionForm:
    """The create and edit forms as submitted (strings, re-shown when refused)."""

    values: dict[str, str]

    def fields(self) -> CollectionFields:
        dates = {}
        for name in ("date_from", "date_to"):
            raw = self.values[name].strip()
            try:
                dates[name] = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise CollectionRefused("give dates as YYYY-MM-DD", name) from None
        return CollectionFields(self.values["name"], self.values["description"], dates["date_from"],
                                dates["date_to"], self.values["region"])


def collection_form(form: SubmittedForm) -> CollectionForm:
    return CollectionForm({name: str(form.get(name) or "") for name in FIELDS})


CollectionFormDep = Annotated[CollectionForm, Depends(collection_form)]


def _values_of(collection: Collection) -> dict[str, str]:
    return {"slug": collection.slug, "name": collection.name, "description": collection.description or "",
            "date_from": collection.date_from.isoformat() if collection.date_from else "",
            "date_to": collection.date_to.isoformat() if collection.date_to else "", "region": collection.region or ""}


def _list_page(request: Request, admin: Admin, session: Session, base_url: str, *, values: dict[str, str] | None = None,
               error: UserError | None = None, notice: str | None = None) -> Response:
    context = {
        "collections": list_collections(session, base_url),
        "values": values or {name: "" for name in FIELDS},
        "error": error.message if error else None,
        "error_field": getattr(error, "field", None) if error else None,
        "notice": notice,
    }
    return admin_page(request, admin, "admin/collections.html", context, status=error.status if error else 200)


def _collection_page(request: Request, admin: Admin, session: Session, base_url: str, slug: str, *,
                     values: dict[str, str] | None = None, error: UserError | None = None,
                     notice: str | None = None) -> Response:
    collection = resolve(session, slug)
    context = {
        "collection": describe_collection(session, slug, base_url),
        "articles": articles_in(session, collection.id),
        "values": values or _values_of(collection),
        "error": error.message if error else None,
        "error_field": getattr(error, "field", None) if error else None,
        "notice": notice,
    }
    return admin_page(request, admin, "admin/collection.html", context, status=error.status if error else 200)


@router.get("/admin/collections", name="admin_collections")
def collections_page(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep,
                     done: str = "") -> Response:
    return _list_page(request, admin, session, settings.base_url, notice=NOTICES.get(done))


@router.post("/admin/collections")
def create(request: Request, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
           form: CollectionFormDep) -> Response:
    try:
        collection = create_collection(session, admin.username, form.values["slug"], form.fields())
    except CollectionRefused as error:
        session.rollback()
        return _list_page(request, admin, session, settings.base_url, values=form.values, error=error)
    return RedirectResponse(collection_admin_path(collection.slug) + "?done=create", status_code=303)


@router.get("/admin/collections/{slug}", name="admin_collection")
def collection_page(request: Request, slug: str, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep,
                    done: str = "") -> Response:
    return _collection_page(request, admin, session, settings.base_url, slug, notice=NOTICES.get(done))


@router.post("/admin/collections/{slug}")
def edit(request: Request, slug: str, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
         form: CollectionFormDep) -> Response:
    try:
        update_collection(session, admin.username, slug, form.fields())
    except CollectionRefused as error:
        session.rollback()
        values = {**form.values, "slug": slug}
        return _collection_page(request, admin, session, settings.base_url, slug, values=values, error=error)
    return RedirectResponse(collection_admin_path(slug) + "?done=edit", status_code=303)


@router.post("/admin/collections/{slug}/delete")
def delete(request: Request, slug: str, admin: CsrfChecked, session: SessionDep, settings: SettingsDep) -> Response:
    try:
        delete_collection(session, admin.username, slug)
    except CollectionRefused as error:
        session.rollback()
        return _collection_page(request, admin, session, settings.base_url, slug, error=error)
    return RedirectResponse(collection_admin_path() + "?done=delete", status_code=303)


# --- moving an article -------------------------------------------------------------------------

def _current_article(session: Session, article_id: str) -> Article:
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise NotFound(f"there is no article with the id \u201c{article_id}\u201d")
    return article


def _move_page(request: Request, admin: Admin, session: Session, base_url: str, article: Article, *,
               error: UserError | None = None) -> Response:
    collections = list_collections(session, base_url)
    context = {
        "article": {"id": article.id, "title": article.title, "published": article.published.isoformat(),
                    "path": article_path(article.id), "replaced_by": article.replaced_by},
        "current": next(c for c in collections if c.id == article.collection_id),
        "choices": [c for c in collections if c.id != article.collection_id],
        "error": error.message if error else None,
    }
    return admin_page(request, admin, "admin/article_move.html", context, status=error.status if error else 200)


@router.get("/admin/articles/{article_id}/move", name="move_article")
def move_page(request: Request, article_id: str, admin: CurrentAdmin, session: SessionDep,
              settings: SettingsDep) -> Response:
    return _move_page(request, admin, session, settings.base_url, _current_article(session, article_id))


@router.post("/admin/articles/{article_id}/move")
def move(request: Request, article_id: str, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
         form: SubmittedForm) -> Response:
    article = _current_article(session, article_id)
    slug = str(form.get("collection") or "").strip()
    try:
        try:
            target = resolve(session, slug)
        except UnknownCollection as error:  # a form's choice: 422, not a 404 page
            raise CollectionRefused(error.message, "collection") from None
        if article.replaced_by:
            raise CollectionRefused(f"article {article.id} was replaced by {article.replaced_by}; move the current "
                                    "version", status=409)
        if target.id == article.collection_id:
            raise CollectionRefused(f"the article is already in {target.name!r}", "collection", status=409)
        job = jobs.enqueue_move(session, article, target.slug, admin.username)
    except UserError as error:
        session.rollback()
        return _move_page(request, admin, session, settings.base_url, article, error=error)
    start_inline(settings, request.app.state.ingest_steps)
    return RedirectResponse(job_path(job.id), status_code=303)
