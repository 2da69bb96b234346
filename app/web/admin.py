"""The admin side: sign in and out, upload articles, follow their ingestion jobs.

Handlers parse (a dependency), call (app.auth, app.ingest.jobs), render. Every page here needs a
session (CurrentAdmin); every form carries a CSRF token. A refused upload re-shows the form with
the admin's values and says what to fix, with the status that names the problem.

An upload from the address (URL) of a stored article, with different text, is never added
silently: the preview asks whether it replaces the stored version (its events keep their
permalinks) or is kept as a separate article, and adding it without an answer is refused (409)
with the same question.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from app import auth, ids
from app.auth import CurrentAdmin, LoginRequired
from app.config import Settings
from app.deps import SessionDep, SettingsDep
from app.errors import DuplicateArticle, InputRejected, InputTooLarge, NotFound, UnsupportedInput, UserError
from app.ingest import jobs
from app.ingest.preview import DRY_RUN
from app.ingest.sources import SUPPORTED_SUFFIXES, ArticleInput, Metadata, article_from_bytes, check_url, parse_date
from app.models import Article, Event, IngestionJob
from app.services.accounts import verify
from app.urls import address_key
from app.web.render import render, templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
api_router = APIRouter(prefix="/api", tags=["admin"])

UPLOAD_FIELDS = ("text", "published", "publisher", "title", "url")
SIGN_IN_NOTICES = {
    "expired": "Your session has expired (sessions last 8 hours). Please sign in again.",
    "signed-out": "Your account changed since you signed in (for example a password reset). Please sign in again.",
    "logged-out": "You are signed out.",
}


def install_admin(app: FastAPI) -> None:
    """Add the admin pages and API, answer 'not signed in' the way each client needs, and let
    every page's header know who is signed in."""
    app.include_router(router)
    app.include_router(api_router)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_middleware(PrivateWhenSignedIn)
    templates.env.globals["signed_in_admin"] = signed_in_admin


class PrivateWhenSignedIn:
    """Answers to a signed-in browser, and every admin and sign-in page, carry
    `Cache-Control: private, no-store`: they hold CSRF tokens, the admin's name and unpublished
    curation state, which no shared cache (and no later user of the same browser, through its
    back button) may be served. Pages for readers who are not signed in are left as they are.
    Plain ASGI rather than a BaseHTTPMiddleware, so that the job page's event stream streams."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self._private(scope):
            await self.app(scope, receive, send)
            return

        async def send_private(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                headers += [(b"cache-control", b"private, no-store"), (b"vary", b"Cookie")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_private)

    @staticmethod
    def _private(scope) -> bool:
        path = scope.get("path", "")
        if path.startswith(("/admin", "/login", "/logout", "/api/jobs")):
            return True
        cookies = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie")
        return f"{auth.SESSION_COOKIE}=".encode() in cookies


def signed_in_admin(request: Request) -> auth.Admin | None:
    """Who the page header shows as signed in, from the signed session cookie alone.

    Public pages call this for their header, so it reads no database: a valid, unexpired
    signature is enough to show "Admin" and "Sign out". A session that the account's password
    reset has ended still shows them until the next admin page, which checks the account and
    sends the editor to the sign-in page.
    """
    try:
        payload = auth.read_session(request, request.app.state.settings)
    except LoginRequired:
        return None
    return auth.Admin(username=payload["u"], csrf_token=payload["c"])


def _login_required(request: Request, error: LoginRequired) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": "login_required", "message": "Sign in at /login first."}, status_code=401)
    # A form post cannot be replayed by a GET, so after signing in the admin lands on the dashboard.
    next_path = str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse(auth.login_url(next_path if request.method == "GET" else "/admin", error.reason), 303)
    if error.reason:
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response


# --- sign in and out -------------------------------------------------------------------------

@router.get("/login", name="login")
def login_page(request: Request, settings: SettingsDep, next: str = "/admin", reason: str = "") -> Response:
    return _login_form(request, settings, next=next, notice=SIGN_IN_NOTICES.get(reason))


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/admin",
) -> Response:
    try:
        user = _sign_in(request, session, settings, username, password, csrf_token)
    except UserError as error:
        response = _login_form(request, settings, next=next, username=username, error=error.message, status=error.status)
        if isinstance(error, auth.TooManyAttempts):
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    response = RedirectResponse(auth.safe_next(next), status_code=303)
    auth.start_session(response, settings, user)
    return response


def _sign_in(request: Request, session, settings: Settings, username: str, password: str, token: str):
    auth.check_login_token(request, settings, token)
    address = auth.client_address(request)
    auth.check_rate_limit(session, username, address)
    user = verify(session, username.strip(), password)
    auth.record_login(session, username, address, ok=user is not None)
    session.commit()
    if user is None:
        raise UserError("Wrong username or password.", code="login_failed", status=400)
    return user


def _login_form(request: Request, settings: Settings, *, next: str, username: str = "",
                notice: str | None = None, error: str | None = None, status: int = 200) -> Response:
    token, nonce = auth.login_form_token(request, settings)
    context = {"csrf_token": token, "next": auth.safe_next(next), "username": username,
               "notice": notice, "error": error}
    response = render(request, "login.html", context, status=status)
    auth.set_login_cookie(response, settings, nonce)
    return response


@router.post("/logout")
def logout(admin: CurrentAdmin, settings: SettingsDep, csrf_token: Annotated[str, Form()] = "") -> Response:
    auth.check_csrf(admin, csrf_token)
    response = RedirectResponse(auth.login_url("/admin", "logged-out"), status_code=303)
    auth.end_session(response, settings)
    return response


# --- dashboard -------------------------------------------------------------------------------

@router.get("/admin", name="admin")
def dashboard(request: Request, admin: CurrentAdmin, session: SessionDep) -> Response:
    recent = session.execute(select(IngestionJob).order_by(IngestionJob.created_at.desc()).limit(50)).scalars()
    shown = [job for job in recent if not job.payload.get(DRY_RUN)][:25]  # previews are not uploads
    return admin_page(request, admin, "admin/dashboard.html", {"jobs": [job_view(job, session) for job in shown],
                                                             "unreviewed": unreviewed_count(session)})


def admin_page(request: Request, admin: auth.Admin, template: str, context: dict[str, Any], **options) -> Response:
    """Every admin page knows who is signed in and carries their CSRF token (the sign-out form)."""
    return render(request, template, {"admin": admin, "csrf_token": admin.csrf_token, **context}, **options)


# --- upload ----------------------------------------------------------------------------------

@dataclass
class UploadForm:
    """The upload form as submitted; `values` are re-shown when the upload is refused."""

    values: dict[str, str]
    csrf_token: str = ""
    file_name: str = ""
    file_data: bytes = b""
    original_format: str = ""  # from the preview's confirm form: what the text was reduced from
    same_url: str = ""  # the answer to "a stored article has this address": "replace" or "separate"
    replaces: str = ""  # with "replace": the id of the stored article this text is a new version of
    error: UserError | None = None  # the form itself could not be read


async def upload_form(request: Request, settings: SettingsDep) -> UploadForm:
    """Read the form with our own size limits (Starlette's default caps a field at 1 MB)."""
    limit = settings.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > 4 * limit + 65536:
        # Refuse before reading: Starlette would spool a file part of any size to disk.
        return UploadForm({name: "" for name in UPLOAD_FIELDS},
                          error=InputTooLarge(f"The upload is larger than the {limit:,}-byte limit."))
    try:
        form = await request.form(max_part_size=4 * limit + 65536)
    except MultiPartException as error:
        return UploadForm({}, error=InputTooLarge(f"The upload could not be read: {error.message}"))
    values = {name: str(form.get(name) or "") for name in UPLOAD_FIELDS}
    # Browsers send a textarea's line breaks as CRLF whatever the pasted text had; store plain
    # newlines, as a .txt file or `timeline ingest` would, so duplicates are recognised.
    values["text"] = values["text"].replace("\r\n", "\n")
    upload = form.get("file")
    same_url = str(form.get("same_url") or "")
    result = UploadForm(values, str(form.get("csrf_token") or ""),
                        original_format=str(form.get("original_format") or ""),
                        same_url=same_url if same_url in SAME_URL_CHOICES else "",
                        replaces=str(form.get("replaces") or "")[:16])
    if isinstance(upload, UploadFile) and upload.filename:
        result.file_name = upload.filename
        result.file_data = await upload.read(limit + 1)  # one byte over the limit is enough to refuse
    return result


UploadDep = Annotated[UploadForm, Depends(upload_form)]
SAME_URL_CHOICES = ("replace", "separate")


@router.get("/admin/articles/new", name="upload")
def upload_page(request: Request, admin: CurrentAdmin, settings: SettingsDep) -> Response:
    return _upload_page(request, admin, settings, {name: "" for name in UPLOAD_FIELDS})


@router.post("/admin/articles/preview")
def preview(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep, form: UploadDep) -> Response:
    try:
        article = accept_upload(session, admin, form, settings)
    except UserError as error:
        return _refused(request, admin, settings, form, error)
    # A dry run: the worker (or the inline thread) extracts the events and stores nothing; the
    # preview page shows them when they are ready.
    dry_run = jobs.enqueue(session, article, admin.username, dry_run=True)
    session.commit()
    jobs.start_inline(settings)
    return _preview_page(request, admin, session, article, dry_run=dry_run)


@router.post("/admin/articles")
def upload(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep, form: UploadDep) -> Response:
    try:
        article = accept_upload(session, admin, form, settings)
    except UserError as error:
        return _refused(request, admin, settings, form, error)
    try:
        replaces = same_url_decision(session, article, form)
    except SameUrlUndecided as error:  # ask again, on the preview page: the text is kept there
        return _preview_page(request, admin, session, article, error=error, chosen=form.replaces)
    job = jobs.enqueue(session, article, admin.username, replaces=replaces)
    session.commit()
    jobs.start_inline(settings)
    return RedirectResponse(f"/admin/jobs/{job.id}", status_code=303)


def accept_upload(session, admin: auth.Admin, form: UploadForm, settings: Settings) -> ArticleInput:
    """The article the form describes, or the UserError that says what to fix."""
    if form.error:  # unreadable or far too large: the token could not even be read
        raise form.error
    auth.check_csrf(admin, form.csrf_token)
    article = read_article(form, settings)
    refuse_duplicates(session, article)
    return article


@dataclass(frozen=True)
class StoredVersion:
    """A current article from the same address as an upload: what the preview's question names."""

    id: str
    title: str
    publisher: str | None
    published: dt.date

    @property
    def path(self) -> str:
        return f"/articles/{self.id}"


class SameUrlUndecided(UserError):
    """Added without saying whether the text replaces the stored article from its address."""

    status = 409
    code = "same_url"

    def __init__(self, message: str, job_id: str | None = None):
        super().__init__(message)
        self.job_id = job_id  # a job already replacing the chosen article


def same_address_versions(session, url: str | None) -> list[StoredVersion]:
    """The current (neither replaced nor deleted) articles stored from `url`, or from another
    address of the same page (app/urls.py), newest first."""
    if not url:
        return []
    rows = session.execute(
        select(Article.id, Article.title, Article.publisher, Article.published)
        .where(Article.url_key == address_key(url), Article.replaced_by.is_(None), Article.deleted_at.is_(None))
        .order_by(Article.published.desc(), Article.ingested_at.desc())
    ).all()
    return [StoredVersion(*row) for row in rows]


def same_url_decision(session, article: ArticleInput, form: UploadForm) -> str | None:
    """The id of the article this upload replaces, None to add it as an article of its own, or
    SameUrlUndecided when the form does not (or no longer) answer the same-address question."""
    if form.same_url == "separate":
        return None
    current = same_address_versions(session, article.url)
    if form.same_url == "replace":
        chosen = next((version for version in current if version.id == form.replaces), None)
        if chosen is None:
            raise SameUrlUndecided(
                f"Nothing was added: the article you chose to replace ({form.replaces or 'none chosen'}) is not, "
                "or no longer, the current version from this address (it may have been replaced or deleted "
                "meanwhile). " + ("Choose again below." if current else "Add this text as a new article instead."))
        pending = jobs.pending_replacement_of(session, chosen.id)
        if pending is not None:
            raise SameUrlUndecided(f"Nothing was added: another version is already being ingested to replace "
                                   f"article {chosen.id}. Wait for that job, then try again.", pending.id)
        return chosen.id
    if current:
        raise SameUrlUndecided("Nothing was added yet: an article from the same address, with different text, "
                               "is already stored. Choose below whether this text replaces it or is kept as a "
                               "separate article.")
    return None


def _preview_page(request: Request, admin: auth.Admin, session, article: ArticleInput, *,
                  error: SameUrlUndecided | None = None, chosen: str = "",
                  dry_run: IngestionJob | None = None) -> Response:
    versions = same_address_versions(session, article.url)
    context = {
        "dry_run": dry_run_view(dry_run) if dry_run else None,
        "article": article,
        "same_url": versions,
        "chosen": chosen if any(v.id == chosen for v in versions) else (versions[0].id if versions else ""),
        "error": error.message if error else None,
        "pending_job": error.job_id if error else None,
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


def refuse_duplicates(session, article: ArticleInput) -> None:
    """The same text, stored or being ingested, is refused (409) with a link to it."""
    text_hash = ids.content_hash(article.text)
    existing = session.execute(select(Article).where(Article.content_hash == text_hash)).scalars().first()
    if existing is not None:
        raise DuplicateArticle("This text is already stored.", existing.id)
    pending = jobs.pending_job_for(session, text_hash)
    if pending is not None:
        error = UserError("This text is already being ingested.", code="duplicate", status=409)
        error.job_id = pending.id  # type: ignore[attr-defined]
        raise error


def _upload_page(request: Request, admin: auth.Admin, settings: Settings, values: dict[str, str], *,
                 error: UserError | None = None, status: int = 200) -> Response:
    context = {
        "values": values,
        "max_upload_mb": f"{settings.max_upload_bytes / (1024 * 1024):g}",
        "error": error.message if error else None,
        "error_field": getattr(error, "field", None) if error else None,
        "existing_article": getattr(error, "article_id", None) if error else None,
        "pending_job": getattr(error, "job_id", None) if error else None,
    }
    return admin_page(request, admin, "admin/upload.html", context, status=status)


def _refused(request: Request, admin: auth.Admin, settings: Settings, form: UploadForm, error: UserError) -> Response:
    values = {name: form.values.get(name, "") for name in UPLOAD_FIELDS}
    return _upload_page(request, admin, settings, values, error=error, status=error.status)


# --- the queue of events no editor has checked --------------------------------------------------

REVIEW_PAGE = 50
REVIEW_COUNT_CAP = 10_000


def unreviewed_count(session) -> tuple[int, bool]:
    """Active events no editor has checked (counted up to REVIEW_COUNT_CAP: "10,000+")."""
    from sqlalchemy import func

    found = session.execute(select(func.count()).select_from(
        select(Event.seq).where(Event.status == "active", Event.reviewed.is_(False))
        .limit(REVIEW_COUNT_CAP + 1).subquery())).scalar_one()
    return min(found, REVIEW_COUNT_CAP), found > REVIEW_COUNT_CAP


@router.get("/admin/review", name="review_queue")
def review_queue(request: Request, admin: CurrentAdmin, session: SessionDep, settings: SettingsDep,
                 page: int = 1, done: str = "") -> Response:
    """Events no editor has checked, the most important first: what to check next."""
    from app.queries.events import event_views

    page = max(1, min(page, 10_000))
    rows = session.execute(
        select(Event).where(Event.status == "active", Event.reviewed.is_(False))
        .order_by(Event.importance.desc(), Event.date_start, Event.seq)
        .offset((page - 1) * REVIEW_PAGE).limit(REVIEW_PAGE + 1)).scalars().all()
    events = event_views(session, rows[:REVIEW_PAGE], settings.base_url, first_mention_only=True)
    count, more = unreviewed_count(session)
    context = {
        "events": events, "count": count, "count_more": more, "page": page,
        "newer_url": f"/admin/review?page={page - 1}" if page > 1 else None,
        "older_url": f"/admin/review?page={page + 1}" if len(rows) > REVIEW_PAGE else None,
        "notice": "Marked as checked." if done == "checked" else None,
    }
    return admin_page(request, admin, "admin/review.html", context)


@router.post("/admin/events/{event_id}/checked")
def mark_checked(admin: CurrentAdmin, session: SessionDep, event_id: str, page: int = 1,
                 csrf_token: Annotated[str, Form()] = "") -> Response:
    """An editor read the event and its sources and found nothing to change."""
    from app.services.review import mark_reviewed

    auth.check_csrf(admin, csrf_token)
    mark_reviewed(session, admin.username, event_id)
    session.commit()
    return RedirectResponse(f"/admin/review?page={max(page, 1)}&done=checked", status_code=303)


# --- jobs ------------------------------------------------------------------------------------

@dataclass
class EventLink:
    id: str
    title: str
    path: str


@dataclass
class JobView:
    """What the job page and the dashboard show of a job."""

    id: str
    status: str
    progress: int
    stage: str
    error: str | None
    article_id: str | None
    title: str
    created_at: str
    created_by: str | None
    attempts: int
    replaces: str | None = None  # the id of the article this job's text is a corrected version of
    replaced: StoredVersion | None = None  # that article, on the job page
    events_created: list[EventLink] = field(default_factory=list)
    events_joined: list[EventLink] = field(default_factory=list)
    # A replacement's other outcomes (see app/services/replace.py):
    events_kept: list[EventLink] = field(default_factory=list)  # the same sentence found again
    events_updated: list[EventLink] = field(default_factory=list)  # joined by a corrected sentence
    events_deleted: list[EventLink] = field(default_factory=list)  # no source left: 410
    events_dropped: list[EventLink] = field(default_factory=list)  # no longer reported here, kept

    @property
    def pending(self) -> bool:
        return self.status in jobs.PENDING


STAGES = {0: "waiting for a worker", 10: "extracting events", 50: "checking for duplicates",
          90: "storing the article and its events", 100: "finished"}


def job_view(job: IngestionJob, session, *, with_events: bool = False) -> JobView:
    replaces = job.payload.get("replaces")
    stage = STAGES.get(job.progress, "") if job.status == "running" else job.status
    if replaces and job.status == "running" and job.progress == 90:
        stage = "replacing the earlier version and moving its events"
    view = JobView(
        id=job.id, status=job.status, progress=job.progress, stage=stage, error=job.error,
        article_id=job.article_id, title=job_title(job, session),
        created_at=job.created_at.strftime("%Y-%m-%d %H:%M UTC"), created_by=job.created_by, attempts=job.attempts,
        replaces=replaces,
    )
    if not with_events:
        return view
    if replaces:
        old = session.get(Article, replaces)
        if old is not None:
            view.replaced = StoredVersion(old.id, old.title, old.publisher, old.published)
    if job.status == "done":
        view.events_created = _event_links(session, job.events_created)
        view.events_joined = _event_links(session, job.events_joined)
        outcome = job.payload.get("outcome") or {}
        view.events_kept = _event_links(session, outcome.get("events_kept", []))
        view.events_updated = _event_links(session, outcome.get("events_updated", []))
        view.events_deleted = _event_links(session, outcome.get("events_deleted", []))
        view.events_dropped = _event_links(session, outcome.get("events_dropped", []))
    return view


def job_title(job: IngestionJob, session) -> str:
    """The article's title as stored (derived from the text when the upload gave none), else the
    one given, else the text's first words: a job list should say which article is which."""
    if job.article_id:
        stored = session.get(Article, job.article_id)
        if stored is not None:
            return stored.title
    given = (job.payload.get("title") or job.payload.get("title_found") or "").strip()
    if given:
        return given
    words = " ".join(str(job.payload.get("text") or "").split()[:12])
    return f"{words}\u2026" if words else "(untitled)"


def _event_links(session, event_ids: list[str]) -> list[EventLink]:
    if not event_ids:
        return []
    rows = {e.id: e for e in session.execute(select(Event).where(Event.id.in_(event_ids))).scalars()}
    return [EventLink(i, rows[i].title, f"/events/{i}/{rows[i].slug}") for i in event_ids if i in rows]


def load_job(job_id: str, session: SessionDep) -> IngestionJob:
    job = session.get(IngestionJob, job_id)
    if job is None:
        raise NotFound(f"There is no ingestion job with the id \u201c{job_id}\u201d.")
    return job


JobDep = Annotated[IngestionJob, Depends(load_job)]


@dataclass
class DryRunView:
    """What a dry run found: the events the article would give, when it has finished."""

    id: str
    status: str
    error: str | None
    events: list[dict]

    @property
    def pending(self) -> bool:
        return self.status in jobs.PENDING


def dry_run_view(job: IngestionJob) -> DryRunView:
    return DryRunView(job.id, job.status, job.error, list(job.payload.get("preview") or []))


@router.get("/admin/previews/{job_id}", name="dry_run")
def dry_run_page(request: Request, admin: CurrentAdmin, job: JobDep) -> Response:
    """A dry run's result: the fragment the preview page polls, or a page of its own."""
    if not job.payload.get(DRY_RUN):
        raise NotFound(f"Job {job.id} is not a preview.")
    context = {"dry_run": dry_run_view(job)}
    return admin_page(request, admin, "admin/dry_run.html", context, fragment_template="admin/_dry_run.html")


@router.get("/admin/jobs/{job_id}", name="job")
def job_page(request: Request, admin: CurrentAdmin, session: SessionDep, job: JobDep) -> Response:
    context = {"job": job_view(job, session, with_events=True)}
    return admin_page(request, admin, "admin/job.html", context, fragment_template="admin/_job_status.html")


@router.post("/admin/jobs/{job_id}/retry")
def retry_job(admin: CurrentAdmin, session: SessionDep, settings: SettingsDep, job: JobDep,
              csrf_token: Annotated[str, Form()] = "") -> Response:
    auth.check_csrf(admin, csrf_token)
    jobs.retry(session, job)
    session.commit()
    jobs.start_inline(settings)
    return RedirectResponse(f"/admin/jobs/{job.id}", status_code=303)


@api_router.get("/jobs/{job_id}", summary="An ingestion job (admins only)")
def job_json(admin: CurrentAdmin, job: JobDep) -> dict[str, Any]:
    outcome = job.payload.get("outcome") or {}
    kept, updated = outcome.get("events_kept", []), outcome.get("events_updated", [])
    result = {
        "id": job.id, "status": job.status, "article_id": job.article_id, "error": job.error,
        "events": [*kept, *updated, *job.events_created, *job.events_joined],
        "events_created": job.events_created, "events_joined": job.events_joined, "progress": job.progress,
    }
    if job.payload.get("replaces"):  # a corrected version of a stored article
        result |= {"replaces": job.payload["replaces"], "events_kept": kept, "events_updated": updated,
                   "events_deleted": outcome.get("events_deleted", []),
                   "events_dropped": outcome.get("events_dropped", [])}
    return result
