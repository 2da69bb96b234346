"""Running queued ingestion jobs: the `timeline worker` loop and the web process's inline thread.

The queue itself (enqueue, claim, retry, a job's row) is app/services/jobs.py. Running a claimed
job extracts outside any transaction (slow, needs the NLP model), then stores the article, its
events and the job's `done` state in ONE write transaction: a crash or an error leaves either
everything or nothing. What extracting and storing mean is given by the caller (`Steps`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from app.config import Settings
from app.db import refresh_statistics, session_scope, write_transaction
from app.errors import UserError
from app.ingest.preview import summary as preview_summary
from app.ingest.steps import Steps
from app.models import IngestionJob
from app.services import jobs as queue
from app.services.collections import resolve

log = logging.getLogger(__name__)

STATISTICS_EVERY = 50  # jobs between refreshes of the query planner's statistics
POLL_SECONDS = 1.0
# What the job's progress says at each stage (the job page shows it in words).
EXTRACTING, CHECKING, STORING = 10, 50, 90


def run_job(job_id: str, settings: Settings, steps: Steps) -> str:
    """Run a claimed job to done or failed; returns the final status. Never raises for bad input."""
    url = settings.database_url
    try:
        with session_scope(url) as session:
            payload = session.get(IngestionJob, job_id).payload
            article_input, replaces = queue.from_payload(payload), payload.get("replaces")
            moves, collection = payload.get("moves"), payload.get("collection")
            if replaces:  # refuse early, before the slow extraction, if the old version is gone
                queue.check_replaceable(session, replaces)
            if collection:
                resolve(session, collection)  # deleted since the upload: say so before extracting
            queue.record_progress(session, job_id, EXTRACTING)
        extraction = steps.extract(article_input)  # outside any transaction: slow
        if payload.get(queue.DRY_RUN):  # a preview: keep what it would give, store nothing
            with session_scope(url) as session:
                queue.finish_dry_run(session, job_id, preview_summary(extraction), extraction.title)
            return "done"
        with session_scope(url) as session:
            queue.record_progress(session, job_id, CHECKING)
            if not moves:
                queue.refuse_duplicate(session, article_input)  # cheap check before the store's transaction
            queue.record_progress(session, job_id, STORING)

        def store_and_finish(session) -> None:
            job = session.get(IngestionJob, job_id)
            username = job.created_by or "ingestion"
            if moves:  # a stored article moving to another collection: its text is the stored one
                outcome = steps.move(session, username, moves, collection, extraction, f"job {job.id}")
                queue.finish(session, job, outcome)
                return
            queue.refuse_duplicate(session, article_input)  # again inside the transaction: races end here
            if replaces:
                queue.check_replaceable(session, replaces, lock=True)
                outcome = steps.replace(session, username, replaces, article_input,
                                        extraction, f"ingestion job {job.id}")
            else:
                target = resolve(session, collection).id if collection else None
                outcome = steps.add(session, article_input, extraction, collection=target)
            queue.finish(session, job, outcome)

        write_transaction(url, store_and_finish)
        return "done"
    except UserError as error:
        _fail(url, job_id, error.message)
    except Exception as error:  # a bug or an outage: record it for the admin, keep the worker alive
        log.exception("ingestion job %s failed", job_id)
        _fail(url, job_id, f"internal error while ingesting ({error.__class__.__name__}: {error})")
    return "failed"


def _fail(url: str, job_id: str, reason: str) -> None:
    with session_scope(url) as session:
        queue.fail(session, job_id, reason)


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def work(
    settings: Settings,
    steps: Steps,
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
    url = settings.database_url
    done = unanalysed = 0
    while not (stop and stop.is_set()) and (stop_after is None or done < stop_after):
        with session_scope(url) as session:
            queue.requeue_stale(session)
            job_id = queue.claim_next(session, name)
        if job_id is None:
            if unanalysed:  # the queue ran dry: a quiet moment to refresh the planner's statistics
                refresh_statistics(url)
                unanalysed = 0
            if until_idle:
                break
            (stop.wait if stop else time.sleep)(poll_seconds)
            continue
        try:
            run_job(job_id, settings, steps)
        except KeyboardInterrupt:  # stopped by hand mid-job: give the job back rather than strand it
            with session_scope(url) as session:
                queue.release(session, job_id)
            raise
        done += 1
        unanalysed += 1
        if unanalysed >= STATISTICS_EVERY:
            refresh_statistics(url)
            unanalysed = 0
    return done


# --- inline jobs in the web process ----------------------------------------------------------

_inline_executor: ThreadPoolExecutor | None = None
_inline_lock = threading.Lock()


def start_inline(settings: Settings, steps: Steps) -> None:
    """Have the web process's single background thread run the queue, if inline jobs are on
    (TIMELINE_INLINE_JOBS, default on: uploads run in the web process when no worker runs).

    The thread works like `timeline worker --once`: it claims queued jobs (the new one, and any
    left behind by a restart) until none is left. One thread per process, so jobs run one after
    another, the model is loaded once, and SQLite sees one ingestion writer. Jobs a separate
    worker claims first are simply not seen.
    """
    global _inline_executor
    if not settings.inline_jobs:
        return
    with _inline_lock:
        if _inline_executor is None:
            _inline_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inline-job")
        _inline_executor.submit(work, settings, steps, name=f"inline:{default_worker_name()}", until_idle=True)


def wait_inline(timeout: float = 30.0) -> None:
    """Block until the inline thread has run everything submitted so far (tests, shutdown)."""
    if _inline_executor is not None:
        _inline_executor.submit(lambda: None).result(timeout=timeout)
