"""Questions about ingestion jobs: one job as its page and /api/jobs/{id} show it, the recent ones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from app.errors import NotFound
from app.labels import moment_label
from app.models import Article, Event, IngestionJob, utcnow
from app.permalinks import event_path
from app.queries.views import DryRunView, EventLink, JobView, StoredVersion

# A running job's worker stamps it every HEARTBEAT_EVERY (app/ingest/jobs.py), however long its
# extraction takes; silent for STALE_AFTER, the worker is taken for dead and the job goes back to
# the queue (app/services/jobs.py: requeue_stale), where the next worker loop (each polls every
# second) claims it: well within a minute.
HEARTBEAT_EVERY = dt.timedelta(seconds=5)
STALE_AFTER = dt.timedelta(seconds=30)

# A job marked so in its payload only shows what an article would give (the upload's preview):
# it extracts, keeps a summary of the events and stores nothing (app/ingest/preview.py).
DRY_RUN = "dry_run"
# What a running job's progress means (app/ingest/jobs.py sets it).
STAGES = {0: "waiting for a worker", 10: "extracting events", 50: "checking for duplicates",
          90: "storing the article and its events", 100: "finished"}


def find_job(session: Session, job_id: str) -> IngestionJob:
    job = session.get(IngestionJob, job_id)
    if job is None:
        raise NotFound(f"There is no ingestion job with the id \u201c{job_id}\u201d.")
    return job


def recent_jobs(session: Session, limit: int = 25) -> list[JobView]:
    """The latest uploads and ingestion jobs; an upload's preview (a dry run) is not one."""
    jobs = session.execute(select(IngestionJob).order_by(IngestionJob.created_at.desc()).limit(2 * limit)).scalars()
    return [job_view(session, job) for job in jobs if not job.payload.get(DRY_RUN)][:limit]


def job_title(session: Session, job: IngestionJob) -> str:
    """The article's title as stored (derived from the text when the upload gave none), else the
    one given, else the one a dry run found, else the text's first words: a list of jobs should
    say which article is which."""
    if job.article_id:
        stored = session.get(Article, job.article_id)
        if stored is not None:
            return stored.title
    given = (job.payload.get("title") or job.payload.get("title_found") or "").strip()
    if given:
        return given
    words = " ".join(str(job.payload.get("text") or "").split()[:12])
    return f"{words}\u2026" if words else "(untitled)"


def find_dry_run(session: Session, job_id: str) -> DryRunView:
    """A dry run of an upload (app/ingest/preview.py): what it found once it has finished."""
    job = find_job(session, job_id)
    if not job.payload.get(DRY_RUN):
        raise NotFound(f"Job {job.id} is not a preview.")
    return dry_run_view(job)


def dry_run_view(job: IngestionJob) -> DryRunView:
    return DryRunView(job.id, job.status, job.error, tuple(job.payload.get("preview") or ()))


def job_view(session: Session, job: IngestionJob, *, with_events: bool = False) -> JobView:
    replaces = job.payload.get("replaces")
    stage = STAGES.get(job.progress, "") if job.status == "running" else job.status
    if replaces and job.status == "running" and job.progress == 90:
        stage = "replacing the earlier version and moving its events"
    moves = job.payload.get("moves")
    if moves and job.status == "running" and job.progress == 90:
        stage = "moving the article and merging its events in the new collection"
    view = JobView(
        id=job.id, status=job.status, progress=job.progress, stage=stage, error=job.error,
        article_id=job.article_id, title=job_title(session, job),
        created_at=moment_label(job.created_at), created_by=job.created_by, attempts=job.attempts,
        replaces=replaces, collection=job.payload.get("collection"), moves=moves,
        waiting=what_it_waits_for(job) if job.status in ("queued", "running") else None, stale=is_stale(job),
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
        if moves:
            view.moved_from = outcome.get("source")
            view.events_moved = _event_links(session, outcome.get("events_moved", []))
            merged = outcome.get("events_merged", [])
            links = {link.id: link for link in _event_links(session, [new for _, new in merged])}
            view.events_merged = [(old, links[new]) for old, new in merged if new in links]
            view.events_left = _event_links(session, outcome.get("events_left", []) + outcome.get("events_split", []))
    return view


def _event_links(session: Session, event_ids: list[str]) -> list[EventLink]:
    if not event_ids:
        return []
    rows = {e.id: e for e in session.execute(select(Event).where(Event.id.in_(event_ids))).scalars()}
    return [EventLink(i, rows[i].title, event_path(i, rows[i].slug)) for i in event_ids if i in rows]


def job_outcome(job: IngestionJob) -> dict:
    """The job as /api/jobs/{id} gives it: id, status, article_id, error and every event it
    created, joined or kept, and, for a replacement, what happened to the old version's events."""
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
    if job.payload.get("collection"):
        result["collection"] = job.payload["collection"]
    if job.payload.get("moves"):  # a stored article moved to another collection
        moved = outcome.get("events_moved", [])
        merged = {old: new for old, new in outcome.get("events_merged", [])}
        result |= {"moves": job.payload["moves"], "events_moved": moved, "events_merged": merged,
                   "events_left": outcome.get("events_left", []) + outcome.get("events_split", [])}
        result["events"] = [*moved, *merged.values(), *job.events_created, *job.events_joined]
    return result


def is_stale(job: IngestionJob, now: dt.datetime | None = None) -> bool:
    return (job.status == "running" and job.heartbeat_at is not None
            and _aware(job.heartbeat_at) < (now or utcnow()) - STALE_AFTER)


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; the app only ever stores UTC.
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def seconds_ago(moment: dt.datetime | None, now: dt.datetime | None = None) -> int | None:
    return None if moment is None else max(0, int(((now or utcnow()) - _aware(moment)).total_seconds()))


def what_it_waits_for(job: IngestionJob, now: dt.datetime | None = None) -> str:
    """A queued or running job's state in words: who has it, when they were last heard from,
    and what happens next (the job page, Retry and a re-upload say it)."""
    now = now or utcnow()
    if job.status == "queued":
        return (f"It is waiting in the queue for a worker (queued {_ago(job.created_at, now)}). A "
                "worker (timeline worker, or the web process when it runs jobs itself) claims it "
                "within seconds; if it stays queued, no worker is running.")
    if job.status == "running":
        heard = _ago(job.heartbeat_at, now)
        if is_stale(job, now):
            return (f"Its worker ({job.worker}) was last heard from {heard}, so it has most likely "
                    f"stopped: the job goes back to the queue once a worker loop notices (within "
                    f"seconds while one runs), and Retry puts it back now.")
        return (f"It is running on worker {job.worker}, last heard from {heard}; if that worker "
                f"stops, the job goes back to the queue after {int(STALE_AFTER.total_seconds())} "
                "seconds of silence and another worker finishes it.")
    return f"It is {job.status}."


def _ago(moment: dt.datetime | None, now: dt.datetime) -> str:
    seconds = seconds_ago(moment, now)
    if seconds is None:
        return "never"
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''} ago"
    return f"{seconds // 60} minutes ago"
