"""The ingestion job queue, kept in the database (table ingestion_job).

A job carries its article in `payload`, so it can run in another process (`timeline worker`) or
be retried without the upload, and the slug of the collection it goes into (`collection`; none:
the default collection). A job whose payload names an article in `replaces` stores its text
as the corrected version of that article (app/services/articles.py:replace_article); one that
names an article in `moves` moves that stored article to `collection`, re-running its merge there
(app/services/collections.py:move_article). The outcome (events kept, deleted, moved, ...) is
recorded in the payload's `outcome` when it is done.

Its life: queued -> running -> done | failed; failed -> queued on retry; running -> queued again
when its worker stops sending heartbeats for STALE_AFTER (requeue_stale, or Retry on it) or is
stopped by hand (release).
Claiming is atomic, so two workers never run the same job (Dialect.claim_next). Running a job is
the ingestion shell's business (app/ingest/jobs.py); this module only changes the job's row.
Each function that changes a job commits, except `finish`, which is part of the transaction
that stores the job's article.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from app import ids
from app.db import dialect_of
from app.errors import UserError
from app.models import Article, IngestionJob, utcnow
from app.pipeline.types import ArticleInput
from app.queries.jobs import DRY_RUN, HEARTBEAT_EVERY, STALE_AFTER, is_stale, what_it_waits_for  # noqa: F401
from app.services.articles import Replaced, StoredArticle, find_by_text, stored_input
from app.services.collections import MovedArticle

PENDING = ("queued", "running")


class JobTakenOver(Exception):
    """The job is no longer this worker's (it fell silent, was re-queued and claimed by another):
    whatever it was about to store is dropped; the job's row belongs to its new worker."""


# --- payload ---------------------------------------------------------------------------------

def to_payload(article: ArticleInput, replaces: str | None = None, collection: str | None = None) -> dict[str, Any]:
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
    if collection:
        payload["collection"] = collection  # the slug of the collection it goes into
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


# --- the queue -------------------------------------------------------------------------------

def enqueue(session: Session, article_input: ArticleInput, created_by: str | None,
            *, replaces: str | None = None, collection: str | None = None, dry_run: bool = False) -> IngestionJob:
    """Queue the article (committed) for `collection` (a slug; the default collection when None);
    with `replaces`, as the corrected version of that article (in that article's collection);
    with `dry_run`, only to see what it would give."""
    payload = to_payload(article_input, replaces, None if replaces else collection)
    if dry_run:
        payload[DRY_RUN] = True
    job = IngestionJob(
        id=ids.job_id(ids.content_hash(article_input.text), utcnow().isoformat(), os.urandom(8).hex()),
        payload=payload,
        created_by=created_by,
    )
    session.add(job)
    session.commit()
    return job


def has_queued(session: Session) -> bool:
    return session.execute(select(IngestionJob.id).where(IngestionJob.status == "queued").limit(1)).first() is not None


def enqueue_move(session: Session, article: Article, collection: str, created_by: str | None) -> IngestionJob:
    """Queue moving a stored article to `collection` (committed): the job runs the extractor over
    its text again (the merge needs each report's candidate) and moves it in one transaction."""
    pending = pending_move_of(session, article.id)
    if pending is not None:
        raise UserError(f"Article {article.id} is already being moved (job {pending.id}); wait for that job.",
                        status=409, job_id=pending.id)
    payload = {**to_payload(stored_input(article), collection=collection), "moves": article.id}
    job = IngestionJob(id=ids.job_id("move", article.id, utcnow().isoformat(), os.urandom(8).hex()),
                       payload=payload, created_by=created_by)
    session.add(job)
    session.commit()
    return job


def pending_move_of(session: Session, article_id: str) -> IngestionJob | None:
    jobs = session.execute(select(IngestionJob).where(IngestionJob.status.in_(PENDING))).scalars()
    return next((job for job in jobs if job.payload.get("moves") == article_id), None)


def pending_job_for(session: Session, content_hash: str) -> IngestionJob | None:
    """A queued or running job adding the same text (few at a time, so compared in Python)."""
    jobs = session.execute(select(IngestionJob).where(IngestionJob.status.in_(PENDING))).scalars()
    return next((job for job in jobs if job.payload.get("content_hash") == content_hash
                 and not job.payload.get("moves") and not job.payload.get(DRY_RUN)), None)


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
    return dialect_of(session).claim_next(session, IngestionJob.__table__, _running(worker_name))


def _running(worker_name: str) -> dict[str, Any]:
    now = utcnow()
    return dict(status="running", worker=worker_name, started_at=now, heartbeat_at=now,
                attempts=IngestionJob.attempts + 1, progress=0, error=None)


def requeue_stale(session: Session, older_than: dt.timedelta = STALE_AFTER, job_id: str | None = None) -> int:
    """Jobs whose worker died mid-run (no heartbeat since `older_than`) go back to the queue
    (only `job_id`, if given); committed."""
    query = update(IngestionJob).where(IngestionJob.status == "running",
                                       IngestionJob.heartbeat_at < utcnow() - older_than)
    if job_id is not None:
        query = query.where(IngestionJob.id == job_id)
    result = session.execute(query.values(status="queued", worker=None, progress=0)
                             .execution_options(synchronize_session=False))
    session.commit()
    return result.rowcount


def retry(session: Session, job: IngestionJob) -> None:
    """A failed job back in the queue, as it was uploaded (committed); so is a running job whose
    worker has fallen silent. Any other job: 409 saying what it is waiting for."""
    if is_stale(job):
        requeue_stale(session, job_id=job.id)
        session.refresh(job)
        return
    if job.status != "failed":
        if job.status == "done":
            raise UserError("This job is done: its article is stored, there is nothing to retry.", status=409)
        raise UserError(f"Only a failed job can be retried; this one is {job.status}. "
                        f"{what_it_waits_for(job)}", status=409)
    job.status, job.error, job.progress, job.worker = "queued", None, 0, None
    job.events_created, job.events_joined, job.finished_at = [], [], None
    if "outcome" in job.payload:
        job.payload = {k: v for k, v in job.payload.items() if k != "outcome"}
    session.commit()


# --- a running job's row ---------------------------------------------------------------------

def record_progress(session: Session, job_id: str, value: int, worker: str | None = None) -> None:
    """The job's stage, with a heartbeat; JobTakenOver if `worker` no longer has it."""
    job = session.get(IngestionJob, job_id)
    if worker is not None and (job.status != "running" or job.worker != worker):
        raise JobTakenOver(job_id)
    job.progress, job.heartbeat_at = value, utcnow()
    session.commit()


def beat(session: Session, job_id: str, worker: str) -> bool:
    """Stamp the job as alive (committed); False once it is no longer this worker's."""
    result = session.execute(
        update(IngestionJob)
        .where(IngestionJob.id == job_id, IngestionJob.status == "running", IngestionJob.worker == worker)
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def check_still_claimed(session: Session, job: IngestionJob, worker: str | None) -> None:
    """Inside the storing transaction: the job must still be this worker's (JobTakenOver if not),
    so a worker that was taken for dead and came back never stores a job twice."""
    session.refresh(job)
    if worker is not None and (job.status != "running" or job.worker != worker):
        raise JobTakenOver(job.id)


def fail(session: Session, job_id: str, reason: str) -> None:
    job = session.get(IngestionJob, job_id)
    job.status, job.error, job.finished_at = "failed", reason[:2000], utcnow()
    session.commit()


def release(session: Session, job_id: str) -> None:
    """A job its worker was stopped in the middle of goes back to the queue."""
    job = session.get(IngestionJob, job_id)
    if job.status == "running":
        job.status, job.worker, job.progress = "queued", None, 0
    session.commit()


def finish(session: Session, job: IngestionJob, outcome: StoredArticle | Replaced | MovedArticle) -> None:
    """Record what the job stored; in the storing transaction (the caller commits both)."""
    if isinstance(outcome, MovedArticle):
        job.article_id = outcome.article_id
        job.payload = {**job.payload, "outcome": {
            "source": outcome.source, "events_moved": outcome.events_moved,
            "events_merged": [list(pair) for pair in outcome.events_merged], "events_left": outcome.events_left,
            "events_split": outcome.events_split,
        }}
    elif isinstance(outcome, Replaced):
        job.article_id = outcome.new_article_id
        job.payload = {**job.payload, "outcome": {
            "events_kept": outcome.events_kept, "events_updated": outcome.events_updated,
            "events_deleted": outcome.events_deleted, "events_dropped": outcome.events_dropped,
        }}
    else:
        job.article_id = outcome.article_id
    job.events_created, job.events_joined = outcome.events_created, outcome.events_joined
    job.status, job.progress = "done", 100
    job.finished_at = job.heartbeat_at = utcnow()


def finish_dry_run(session: Session, job_id: str, summary: list[dict[str, Any]], title: str) -> None:
    """Keep what a dry run found; nothing else is stored."""
    job = session.get(IngestionJob, job_id)
    job.payload = {**job.payload, "preview": summary, "title_found": title}
    job.status, job.progress = "done", 100
    job.finished_at = job.heartbeat_at = utcnow()
    session.commit()


# --- checks before storing -------------------------------------------------------------------

def refuse_duplicate(session: Session, article_input: ArticleInput) -> None:
    existing = find_by_text(session, article_input.text)
    if existing is not None:  # stored meanwhile by another upload or `timeline ingest`
        raise UserError(f"The same text is already stored as article {existing}.", status=409)


def check_replaceable(session: Session, article_id: str, *, lock: bool = False) -> None:
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
