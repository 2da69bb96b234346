"""The ingestion job queue, kept in the database (table ingestion_job).

A job carries its article in `payload`, so it can run in another process (`timeline worker`) or
be retried without the upload. A job whose payload names an article in `replaces` stores its text
as the corrected version of that article (app/services/replace.py): events keep their ids, and
the outcome (events kept, deleted, ...) is recorded in the payload's `outcome` when it is done. Its life: queued -> running -> done | failed; failed -> queued on
retry; running -> queued again when its worker stops sending heartbeats (requeue_stale).

Claiming is atomic, so two workers never run the same job: PostgreSQL locks the row with
`FOR UPDATE SKIP LOCKED`; SQLite (one writer at a time) uses a conditional UPDATE and checks that
it changed a row. Running a job extracts outside any transaction (slow, needs the NLP model),
then stores the article, its events and the job's `done` state in ONE transaction: a crash or an
error leaves either everything or nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from app import ids
from app.config import Settings
from app.db import refresh_statistics, session_scope
from app.errors import UserError
from app.ingest.preview import DRY_RUN
from app.ingest.preview import summary as preview_summary
from app.ingest.sources import ArticleInput
from app.models import Article, IngestionJob, utcnow

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)  # no heartbeat for this long: the worker is gone
STATISTICS_EVERY = 50  # jobs between refreshes of the query planner's statistics
POLL_SECONDS = 1.0
PENDING = ("queued", "running")


# --- payload ---------------------------------------------------------------------------------

def to_payload(article: ArticleInput, replaces: str | None = None) -> dict[str, Any]:
    payload = {
        "text": article.text,
        "published": article.published.isoformat(),
        "title": article.title,
        "publisher": article.publisher,
        "url": article.url,
        "source_format": article.source_format,
        "origin": article.origin,
        "content_hash": ids.content_hash(article.text),
    }
    if replaces:
        payload["replaces"] = replaces  # the id of the article this text is a corrected version of
    return payload


def from_payload(payload: dict[str, Any]) -> ArticleInput:
    return ArticleInput(
        text=payload["text"],
        published=dt.date.fromisoformat(payload["published"]),
        title=payload.get("title"),
        publisher=payload.get("publisher"),
        url=payload.get("url"),
        source_format=payload.get("source_format") or "txt",
        origin=payload.get("origin") or "upload",
    )


# --- queue operations (each in the caller's session; the caller commits) -----------------------

def enqueue(session: Session, article_input: ArticleInput, created_by: str | None,
            *, replaces: str | None = None, dry_run: bool = False) -> IngestionJob:
    """Queue the article; with `replaces`, as the corrected version of that stored article; with
    `dry_run`, only to see what it would give (app/ingest/preview.py)."""
    payload = to_payload(article_input, replaces)
    if dry_run:
        payload[DRY_RUN] = True
    job = IngestionJob(
        id=ids.job_id(ids.content_hash(article_input.text), utcnow().isoformat(), os.urandom(8).hex()),
        payload=payload,
        created_by=created_by,
    )
    session.add(job)
    session.flush()
    return job


def pending_job_for(session: Session, content_hash: str) -> IngestionJob | None:
    """A queued or running job for the same text (few at a time, so compared in Python)."""
    jobs = session.execute(select(IngestionJob).where(IngestionJob.status.in_(PENDING))).scalars()
    return next((job for job in jobs if job.payload.get("content_hash") == content_hash
                 and not job.payload.get(DRY_RUN)), None)


def pending_replacement_of(session: Session, article_id: str) -> IngestionJob | None:
    """A queued or running job that will replace this article."""
    jobs = session.execute(select(IngestionJob).where(IngestionJob.status.in_(PENDING))).scalars()
    return next((job for job in jobs if job.payload.get("replaces") == article_id), None)


def claim(session: Session, job_id: str, worker_name: str) -> bool:
    """Mark one queued job running for this worker; False when someone else got it first."""
    result = session.execute(
        update(IngestionJob)
        .where(IngestionJob.id == job_id, IngestionJob.status == "queued")
        .values(_running(worker_name))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def claim_next(session: Session, worker_name: str) -> str | None:
    """The id of the oldest queued job, now running for this worker, or None when none is left."""
    if session.get_bind().dialect.name == "postgresql":
        job_id = session.execute(
            select(IngestionJob.id)
            .where(IngestionJob.status == "queued")
            .order_by(IngestionJob.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).scalar_one_or_none()
        if job_id is None:
            session.rollback()
            return None
        return job_id if claim(session, job_id, worker_name) else None
    # SQLite: one statement picks and takes the job; a concurrent claimer's UPDATE finds the
    # status no longer 'queued' and changes nothing (SQLite runs one writer at a time).
    oldest = (
        select(IngestionJob.id)
        .where(IngestionJob.status == "queued")
        .order_by(IngestionJob.created_at)
        .limit(1)
        .scalar_subquery()
    )
    result = session.execute(
        update(IngestionJob)
        .where(IngestionJob.id == oldest, IngestionJob.status == "queued")
        .values(_running(worker_name))
        .returning(IngestionJob.id)
        .execution_options(synchronize_session=False)
    )
    job_id = result.scalar_one_or_none()
    session.commit()
    return job_id


def _running(worker_name: str) -> dict[str, Any]:
    now = utcnow()
    return dict(status="running", worker=worker_name, started_at=now, heartbeat_at=now,
                attempts=IngestionJob.attempts + 1, progress=0, error=None)


def requeue_stale(session: Session, older_than: dt.timedelta = STALE_AFTER) -> int:
    """Jobs whose worker died mid-run (no heartbeat since `older_than`) go back to the queue."""
    result = session.execute(
        update(IngestionJob)
        .where(IngestionJob.status == "running", IngestionJob.heartbeat_at < utcnow() - older_than)
        .values(status="queued", worker=None, progress=0)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount


def retry(session: Session, job: IngestionJob) -> None:
    if job.status != "failed":
        raise UserError(f"Only a failed job can be retried; this one is {job.status}.", status=409)
    job.status, job.error, job.progress, job.worker = "queued", None, 0, None
    job.events_created, job.events_joined, job.finished_at = [], [], None
    if "outcome" in job.payload:
        job.payload = {k: v for k, v in job.payload.items() if k != "outcome"}


# --- running one job -------------------------------------------------------------------------

def extract(article_input: ArticleInput, settings: Settings):
    """The pipeline, through the runner (tests replace this to run without the NLP model)."""
    from app.ingest.runner import extract as run_pipeline

    return run_pipeline(article_input, settings)


def store(session: Session, article_input: ArticleInput, extraction):
    from app.ingest.runner import type_families
    from app.services.ingestion import store_article

    return store_article(session, article_input, extraction, type_families())


def store_replacement(session: Session, username: str, old_id: str, article_input: ArticleInput,
                      extraction, note: str):
    """Store the text as the corrected version of article `old_id` (tests replace this to fail)."""
    from app.ingest.runner import type_families
    from app.services.replace import replace_article

    return replace_article(session, username, old_id, article_input, extraction, type_families(), note=note)


def _progress(settings: Settings, job_id: str, value: int) -> None:
    with session_scope(settings.database_url) as session:
        job = session.get(IngestionJob, job_id)
        job.progress, job.heartbeat_at = value, utcnow()


def run_job(job_id: str, settings: Settings) -> str:
    """Run a claimed job to done or failed; returns the final status. Never raises for bad input."""
    try:
        with session_scope(settings.database_url) as session:
            payload = session.get(IngestionJob, job_id).payload
            article_input, replaces = from_payload(payload), payload.get("replaces")
            if replaces:  # refuse early, before the slow extraction, if the old version is gone
                _check_replaceable(session, replaces)
        _progress(settings, job_id, 10)
        extraction = extract(article_input, settings)  # outside any transaction: slow
        if payload.get(DRY_RUN):  # a preview: keep what it would give, store nothing
            _finish_dry_run(settings, job_id, extraction)
            return "done"
        _progress(settings, job_id, 50)
        with session_scope(settings.database_url) as session:
            _refuse_duplicate(session, article_input)  # cheap check before the store's transaction
        _progress(settings, job_id, 90)
        with session_scope(settings.database_url) as session:
            _store_and_finish(session, job_id, article_input, extraction)
        return "done"
    except UserError as error:
        _fail(settings, job_id, error.message)
    except Exception as error:  # a bug or an outage: record it for the admin, keep the worker alive
        log.exception("ingestion job %s failed", job_id)
        _fail(settings, job_id, f"internal error while ingesting ({error.__class__.__name__}: {error})")
    return "failed"


def _finish_dry_run(settings: Settings, job_id: str, extraction) -> None:
    with session_scope(settings.database_url) as session:
        job = session.get(IngestionJob, job_id)
        job.payload = {**job.payload, "preview": preview_summary(extraction), "title_found": extraction.title}
        job.status, job.progress = "done", 100
        job.finished_at = job.heartbeat_at = utcnow()


def _store_and_finish(session: Session, job_id: str, article_input: ArticleInput, extraction) -> None:
    job = session.get(IngestionJob, job_id)
    _refuse_duplicate(session, article_input)  # again inside the transaction: races end here
    replaces = job.payload.get("replaces")
    if replaces:
        _check_replaceable(session, replaces, lock=True)
        replaced = store_replacement(session, job.created_by or "ingestion", replaces, article_input,
                                     extraction, note=f"ingestion job {job.id}")
        job.article_id = replaced.new_article_id
        job.events_created, job.events_joined = replaced.events_created, replaced.events_joined
        job.payload = {**job.payload, "outcome": {
            "events_kept": replaced.events_kept, "events_updated": replaced.events_updated,
            "events_deleted": replaced.events_deleted, "events_dropped": replaced.events_dropped,
        }}
    else:
        stored = store(session, article_input, extraction)
        job.article_id = stored.article_id
        job.events_created, job.events_joined = stored.events_created, stored.events_joined
    job.status, job.progress = "done", 100
    job.finished_at = job.heartbeat_at = utcnow()


def _check_replaceable(session: Session, article_id: str, *, lock: bool = False) -> None:
    """The article a job replaces must still be the current version (not deleted, not replaced).

    With `lock` (inside the storing transaction), PostgreSQL locks its row until the commit, so
    of two jobs replacing the same article the second waits, then sees it replaced and fails.
    On SQLite (one writer at a time) the second fails when it tries to write; either way nothing
    of it is kept."""
    query = select(Article).where(Article.id == article_id).execution_options(populate_existing=True)
    old = session.execute(query.with_for_update() if lock else query).scalars().first()
    if old is None or old.deleted_at is not None:
        raise UserError(f"Article {article_id}, which this text was to replace, has been deleted meanwhile; "
                        "nothing was changed. Add the text again as a new article if it is still wanted.",
                        status=409)
    if old.replaced_by:
        raise UserError(f"Article {article_id} was already replaced by article {old.replaced_by} meanwhile; "
                        "nothing was changed. Compare the two and upload again if this version is newer.",
                        status=409)


def _refuse_duplicate(session: Session, article_input: ArticleInput) -> None:
    existing = session.execute(
        select(Article).where(Article.content_hash == ids.content_hash(article_input.text))
    ).scalars().first()
    if existing is not None:  # stored meanwhile by another upload or `timeline ingest`
        raise UserError(f"The same text is already stored as article {existing.id}.", status=409)


def _fail(settings: Settings, job_id: str, reason: str) -> None:
    with session_scope(settings.database_url) as session:
        job = session.get(IngestionJob, job_id)
        job.status, job.error, job.finished_at = "failed", reason[:2000], utcnow()


# --- workers ---------------------------------------------------------------------------------

def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def work(
    settings: Settings,
    stop_after: int | None = None,
    *,
    name: str | None = None,
    until_idle: bool = False,
    stop: threading.Event | None = None,
    poll_seconds: float = POLL_SECONDS,
) -> int:
    """The `timeline worker` loop: run queued jobs one at a time; returns how many it ran.

    Stops after `stop_after` jobs, when the queue is empty if `until_idle` (`--once`), or when
    `stop` is set; otherwise polls every `poll_seconds`.
    """
    name = name or default_worker_name()
    done = unanalysed = 0
    while not (stop and stop.is_set()) and (stop_after is None or done < stop_after):
        with session_scope(settings.database_url) as session:
            requeue_stale(session)
            job_id = claim_next(session, name)
        if job_id is None:
            if unanalysed:  # the queue ran dry: a quiet moment to refresh the planner's statistics
                refresh_statistics(settings.database_url)
                unanalysed = 0
            if until_idle:
                break
            (stop.wait if stop else time.sleep)(poll_seconds)
            continue
        try:
            run_job(job_id, settings)
        except KeyboardInterrupt:  # stopped by hand mid-job: give the job back rather than strand it
            _release(settings, job_id)
            raise
        done += 1
        unanalysed += 1
        if unanalysed >= STATISTICS_EVERY:
            refresh_statistics(settings.database_url)
            unanalysed = 0
    return done


def _release(settings: Settings, job_id: str) -> None:
    with session_scope(settings.database_url) as session:
        job = session.get(IngestionJob, job_id)
        if job.status == "running":
            job.status, job.worker, job.progress = "queued", None, 0


# --- inline jobs in the web process ----------------------------------------------------------

def inline_jobs_enabled(settings: Settings) -> bool:
    """TIMELINE_INLINE_JOBS (default on): run uploads in the web process when no worker runs."""
    return settings.inline_jobs


_inline_executor: ThreadPoolExecutor | None = None
_inline_lock = threading.Lock()


def start_inline(settings: Settings) -> None:
    """Have the web process's single background thread run the queue, if inline jobs are on.

    The thread works like `timeline worker --once`: it claims queued jobs (the new one, and any
    left behind by a restart) until none is left. One thread per process, so jobs run one after
    another, the model is loaded once, and SQLite sees one ingestion writer. Jobs a separate
    worker claims first are simply not seen.
    """
    global _inline_executor
    if not inline_jobs_enabled(settings):
        return
    with _inline_lock:
        if _inline_executor is None:
            _inline_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inline-job")
        _inline_executor.submit(work, settings, name=f"inline:{default_worker_name()}", until_idle=True)


def wait_inline(timeout: float = 30.0) -> None:
    """Block until the inline thread has run everything submitted so far (tests, shutdown)."""
    if _inline_executor is not None:
        _inline_executor.submit(lambda: None).result(timeout=timeout)
