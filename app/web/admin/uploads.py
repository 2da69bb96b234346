"""Uploading articles: the form, its preview, and queuing the ingestion job.

Handlers parse (dependencies), call the services (app/services/uploads.py decides what an upload
may become, app/services/jobs.py queues it), render. A refused upload re-shows the form with the
admin's values and says what to fix, with the status that names the problem. An upload from the
address of a stored article with different text is shown on the preview page with the question
whether it replaces that article or is kept as a separate one. The form picks the collection the
article goes into; the choice is remembered for the admin's next upload.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import InputRejected, UnsupportedInput, UserError
from app.ingest.jobs import start_inline
from app.ingest.sources import SUPPORTED_SUFFIXES, article_from_bytes, check_url, parse_date
from app.permalinks import job_path
from app.pipeline.types import ArticleInput, Metadata
from app.queries.articles import same_address_versions
from app.queries.collections import default_slug, describe_collection, list_collections
from app.queries.jobs import dry_run_view, find_dry_run
from app.queries.views import DryRunView
from app.services.collections import (
    CollectionRefused, UnknownCollection, remember_upload_collection, resolve, upload_collection,
)
from app.services.uploads import SAME_URL_CHOICES, SameUrlUndecided, queue_dry_run, queue_upload, refuse_duplicates
from app.web.admin.session import (
    Admin, CsrfChecked, CurrentAdmin, SubmittedForm, admin_page, form_value, show_refusals_with,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

UPLOAD_FIELDS = ("text", "published", "publisher", "title", "url", "collection")


@dataclass
class UploadForm:
    """The upload form as submitted; `values` are re-shown when the upload is refused."""

    values: dict[str, str]
    file_name: str = ""
    file_data: bytes = b""
    original_format: str = ""  # from the preview's confirm form: what the text was reduced from
    same_url: str = ""  # the answer to "a stored article has this address": "replace" or "separate"
    replaces: str = ""  # with "replace": the id of the stored article this text is a new version of


def form_values(request: Request) -> dict[str, str]:
    # Browsers send a textarea's line breaks as CRLF whatever the pasted text had; store plain
    # newlines, as a .txt file or `timeline ingest` would, so duplicates are recognised.
    values = {name: form_value(request, name) for name in UPLOAD_FIELDS}
    values["text"] = values["text"].replace("\r\n", "\n")
    return values


def upload_refusals(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep) -> None:
    """A refused upload (unreadable, too large, forged, not an article, or for a collection that
    does not exist) re-shows the form."""
    show_refusals_with(request, lambda error: _upload_page(request, admin, session, settings, form_values(request),
                                                            error=error, status=error.status))


async def upload_form(request: Request, form: SubmittedForm) -> UploadForm:
    same_url = str(form.get("same_url") or "")
    result = UploadForm(form_values(request), original_format=str(form.get("original_format") or ""),
                        same_url=same_url if same_url in SAME_URL_CHOICES else "",
                        replaces=str(form.get("replaces") or "")[:16])
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        result.file_name = upload.filename
        limit = request.app.state.settings.max_upload_bytes
        result.file_data = await upload.read(limit + 1)  # one byte over the limit is enough to refuse
    return result


UploadDep = Annotated[UploadForm, Depends(upload_form)]


@router.get("/admin/articles/new", name="upload")
def upload_page(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep) -> Response:
    values = {name: "" for name in UPLOAD_FIELDS}
    values["collection"] = (request.query_params.get("collection") or upload_collection(session, admin.username)
                            or default_slug(session))
    return _upload_page(request, admin, session, settings, values)


@router.post("/admin/articles/preview", dependencies=[Depends(upload_refusals)])
def preview(request: Request, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
            form: UploadDep) -> Response:
    article = read_article(form, settings)
    collection = chosen_collection(session, form)
    refuse_duplicates(session, article)
    # A dry run: the worker (or the inline thread) extracts the events and stores nothing; the
    # preview page shows them when they are ready.
    dry_run = queue_dry_run(session, article, admin.username, collection)
    start_inline(settings, request.app.state.ingest_steps)
    return _preview_page(request, admin, session, article, collection or default_slug(session),
                         dry_run=dry_run_view(dry_run))


@router.get("/admin/previews/{job_id}", name="dry_run")
def dry_run_page(request: Request, admin: CurrentAdmin, session: SessionDep, job_id: str) -> Response:
    """A dry run's result: the fragment the preview page polls, or a page of its own."""
    context = {"dry_run": find_dry_run(session, job_id)}
    return admin_page(request, admin, "admin/dry_run.html", context, fragment_template="admin/_dry_run.html")


@router.post("/admin/articles", dependencies=[Depends(upload_refusals)])
def upload(request: Request, admin: CsrfChecked, session: SessionDep, settings: SettingsDep,
           form: UploadDep) -> Response:
    article = read_article(form, settings)
    collection = chosen_collection(session, form)
    refuse_duplicates(session, article)
    try:
        job = queue_upload(session, article, admin.username, form.same_url, form.replaces, collection=collection)
    except SameUrlUndecided as error:  # ask again, on the preview page: the text is kept there
        return _preview_page(request, admin, session, article, collection or default_slug(session), error=error,
                             chosen=form.replaces)
    if collection:
        remember_upload_collection(session, admin.username, resolve(session, collection).id)
    start_inline(settings, request.app.state.ingest_steps)
    return RedirectResponse(job_path(job.id), status_code=303)


def chosen_collection(session, form: UploadForm) -> str | None:
    """The slug of the collection the form names (None when it names none: the default
    collection), or the refusal that lists the ones there are."""
    slug = form.values["collection"].strip()
    with _blame("collection"):
        try:
            return resolve(session, slug).slug if slug else None
        except UnknownCollection as error:  # a form names a choice: not found is a 422 here, not a 404
            raise CollectionRefused(error.message, "collection") from None


def _preview_page(request: Request, admin: Admin, session, article: ArticleInput, collection: str, *,
                  error: SameUrlUndecided | None = None, chosen: str = "",
                  dry_run: DryRunView | None = None) -> Response:
    versions = same_address_versions(session, article.url)
    context = {
        "dry_run": dry_run,
        "article": article,
        "collection": describe_collection(session, collection, ""),
        "same_url": versions,
        "chosen": chosen if any(v.id == chosen for v in versions) else (versions[0].id if versions else ""),
        "error": error.message if error else None,
        "pending_job": getattr(error, "job_id", None) if error else None,
    }
    return admin_page(request, admin, "admin/preview.html", context, status=error.status if error else 200)


@contextmanager
def _blame(field_name: str):
    """Tag an error with the form field it is about, so the page can point at that field."""
    try:
        yield
    except UserError as error:
        error.field = field_name  # type: ignore[attr-defined]
        raise


def read_article(form: UploadForm, settings: Settings, today: dt.date | None = None) -> ArticleInput:
    """The article the form describes, or the UserError that says what to fix."""
    values, today = form.values, today or dt.date.today()
    with _blame("published"):
        published = parse_date(values["published"]) if values["published"].strip() else None
        if published and published > today:
            raise InputRejected(f"The publication date {published} is in the future.")
    with _blame("url"):
        check_url(values["url"])
    data, source_format, origin, input_field = _content(form)
    with _blame("published"):
        if published is None and source_format != "html":
            raise InputRejected("Give the publication date (YYYY-MM-DD); only HTML files can supply their own.")
    meta = Metadata(published=published, title=values["title"], publisher=values["publisher"], url=values["url"])
    with _blame(input_field):
        article = article_from_bytes(data, source_format=source_format, meta=meta, origin=origin,
                                     max_bytes=settings.max_upload_bytes, today=today)
    if form.original_format in SUPPORTED_SUFFIXES.values():
        article = replace(article, source_format=form.original_format)  # a label only: text is final
    return article


def _content(form: UploadForm) -> tuple[bytes, str, str, str]:
    """(bytes, format, how to name it in messages, the field it came from)."""
    has_text = bool(form.values["text"].strip())
    if form.file_name and has_text:
        with _blame("file"):
            raise InputRejected("Give either pasted text or a file, not both: clear one of them.")
    if form.file_name:
        suffix = "." + form.file_name.rsplit(".", 1)[-1].lower() if "." in form.file_name else ""
        source_format = SUPPORTED_SUFFIXES.get(suffix)
        if source_format is None:
            with _blame("file"):
                raise UnsupportedInput(f"{form.file_name}: only .txt, .md and .html files can be uploaded.")
        return form.file_data, source_format, f"The file {form.file_name}", "file"
    if not form.values["text"]:
        with _blame("text"):
            raise InputRejected("Paste the article's text or choose a file: there is nothing to ingest.")
    return form.values["text"].encode("utf-8"), "txt", "The pasted text", "text"


def _upload_page(request: Request, admin: Admin, session, settings: Settings, values: dict[str, str], *,
                 error: UserError | None = None, status: int = 200) -> Response:
    context = {
        "values": values,
        "collections": list_collections(session, settings.base_url),
        "max_upload_mb": f"{settings.max_upload_bytes / (1024 * 1024):g}",
        "error": error.message if error else None,
        "error_field": getattr(error, "field", None) if error else None,
        "existing_article": getattr(error, "article_id", None) if error else None,
        "pending_job": getattr(error, "job_id", None) if error else None,
    }
    return admin_page(request, admin, "admin/upload.html", context, status=status)
