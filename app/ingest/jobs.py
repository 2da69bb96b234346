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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from app.config import Settings
from app.db import refresh_statistics, session_scope, write_transaction
from app.errors import UserError
from app.ingest.preview import summary as preview_summary
from app.ingest.priority import lower_thread_priority
from app.ingest.steps import Steps
from app.models import IngestionJob
from app.services import jobs as queue
from app.services.collections import resolve

log = logging.getLogger(__name__)

STATISTICS_EVERY = 50  # jobs between refreshes of the query planner's statistics
POLL_SECONDS = 1.0
# What the job's progress says at each stage (the job page shows it in words).
EXTRACTING, CHECKING, STORING = 10, 50, 90


def run_job(job_id: str, settings: Settings, steps: Steps, worker: str | None = None) -> str:
    """Run a claimed job to done or failed; returns the final status. Never raises for bad input.

    While it runs, a heartbeat stamps the job every few seconds (however long extraction takes),
    so a worker that dies is noticed within STALE_AFTER. `worker` is the claimer's name: if the
    job was meanwhile taken for dead and claimed by another worker, nothing is stored and the
    job is left to its new worker ("taken over")."""
    url = settings.database_url
    try:
        with heartbeat(url, job_id, worker):
            with session_scope(url) as session:
                payload = session.get(IngestionJob, job_id).payload
                article_input, replaces = queue.from_payload(payload), payload.get("replaces")
                moves, collection = payload.get("moves"), payload.get("collection")
                if replaces:  # refuse early, before the slow extraction, if the old version is gone
                    queue.check_replaceable(session, replaces)
                if collection:
                    resolve(session, collection)  # deleted since the upload: say so before extracting
                queue.record_progress(session, job_id, EXTRACTING, worker)
            extraction = steps.extract(article_input)  # outside any transaction: slow
            if payload.get(queue.DRY_RUN):  # a preview: keep what it would give, store nothing
                with session_scope(url) as session:
                    queue.check_still_claimed(session, session.get(IngestionJob, job_id), worker)
                    queue.finish_dry_run(session, job_id, preview_summary(extraction), extraction.title)
                return "done"
            with session_scope(url) as session:
                queue.record_progress(session, job_id, CHECKING, worker)
                if not moves:
                    queue.refuse_duplicate(session, article_input)  # cheap check before the store's transaction
                queue.record_progress(session, job_id, STORING, worker)

            def store_and_finish(session) -> None:
                job = session.get(IngestionJob, job_id)
                queue.check_still_claimed(session, job, worker)  # never stored by two workers
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
    except queue.JobTakenOver:
        log.warning("ingestion job %s was taken over by another worker; %s stored nothing", job_id, worker)
        return "taken over"
    except UserError as error:
        _fail(url, job_id, error.message)
    except Exception as error:  # a bug or an outage: record it for the admin, keep the worker alive
        log.exception("ingestion job %s failed", job_id)
        _fail(url, job_id, f"internal error while ingesting ({error.__class__.__name__}: {error})")
    return "failed"


@contextmanager
def heartbeat(url: str, job_id: str, worker: str | None) -> Iterator[None]:
    """Stamp the job every HEARTBEAT_EVERY from a thread of its own while the block runs."""
    if worker is None:
        yield
        return
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(queue.HEARTBEAT_EVERY.total_seconds()):
            try:
                with session_scope(url) as session:
                    if not queue.beat(session, job_id, worker):
                        return  # no longer ours: the job's new worker stamps it
            except Exception:  # a busy or unreachable database: try again at the next beat
                log.warning("heartbeat of job %s failed", job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)


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
            run_job(job_id, settings, steps, worker=name)
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
_inline_submitted = 0  # runs submitted to the inline thread and not finished yet


def start_inline(settings: Settings, steps: Steps) -> None:
    """Have the web process's single background thread run the queue, if inline jobs are on
    (TIMELINE_INLINE_JOBS, default on: uploads run in the web process when no worker runs).

    The thread works like `timeline worker --once`: it claims queued jobs (the new one, and any
    left behind by a restart) until none is left. One thread per process, so jobs run one after
    another, the model is loaded once, and SQLite sees one ingestion writer. Jobs a separate
    worker claims first are simply not seen.
    """
    global _inline_executor, _inline_submitted
    if not settings.inline_jobs:
        return
    with _inline_lock:
        if _inline_executor is None:
            _inline_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inline-job")
        _inline_submitted += 1
        _inline_executor.submit(_run_inline, settings, steps)


def _run_inline(settings: Settings, steps: Steps) -> None:
    global _inline_submitted
    lower_thread_priority(settings.ingest_niceness)  # the request threads keep the CPU
    try:
        work(settings, steps, name=f"inline:{default_worker_name()}", until_idle=True)
    finally:
        with _inline_lock:
            _inline_submitted -= 1


QUEUE_WATCH_SECONDS = 10.0


def watch_queue(settings: Settings, steps: Steps, stop: threading.Event,
                every: float = QUEUE_WATCH_SECONDS) -> None:
    """In a web process that runs jobs itself: now and every `every` seconds, put the jobs of
    workers that fell silent back in the queue and have the inline thread run whatever waits.

    Without it, a job left running by a web process that was killed (or queued before a
    restart) would wait for the next upload. Runs until `stop` is set (the app's shutdown)."""
    while True:
        try:
            with session_scope(settings.database_url) as session:
                queue.requeue_stale(session)
                waiting = queue.has_queued(session)
            if waiting and not _inline_busy():
                start_inline(settings, steps)
        except Exception:  # an unreachable database: look again at the next round
            log.warning("watching the job queue failed", exc_info=True)
        if stop.wait(every):
            return


def start_queue_watch(settings: Settings, steps: Steps) -> threading.Event | None:
    """Start watch_queue in a thread if inline jobs are on; the event that stops it."""
    if not settings.inline_jobs:
        return None
    stop = threading.Event()
    threading.Thread(target=watch_queue, args=(settings, steps, stop), name="queue-watch", daemon=True).start()
    return stop


def _inline_busy() -> bool:
    with _inline_lock:
        return _inline_submitted > 0


def wait_inline(timeout: float = 30.0) -> None:
    """Block until the inline thread has run everything submitted so far (tests, shutdown)."""
    if _inline_executor is not None:
        _inline_executor.submit(lambda: None).result(timeout=timeout)
