"""Heartbeats and dead workers (issue 15, point 7): a running job is stamped every few seconds
however long its extraction takes; a worker killed mid-job is noticed and its job re-queued and
finished by another worker within a minute, once; Retry and a re-upload say what a job waits for.

Job mechanics with a stand-in extractor (as in test_jobs.py); the killed worker is a real
process, killed with SIGKILL, on the suite's database (SQLite or PostgreSQL).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from app.config import PROJECT_ROOT
from app.db import session_scope
from app.ingest import jobs
from app.models import Article, IngestionJob, utcnow
from app.pipeline.types import ArticleInput
from app.services import jobs as queue

TEXT = "Officials said on Tuesday that talks would resume.\n\nThe ministry confirmed the meeting."

# A worker whose extraction never ends: it is killed while it holds the job.
STUCK_WORKER = """
import time
from app.config import Settings
from app.ingest.jobs import work
from app.ingest.steps import Steps

def stuck(article):
    time.sleep(3600)

work(Settings.from_env(), Steps(extract=stuck), name="doomed", until_idle=True)
"""


def job(settings, job_id: str) -> IngestionJob:
    with session_scope(settings.database_url) as session:
        return session.get(IngestionJob, job_id)


def aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout} s for {what}")


def enqueue(settings, text: str = TEXT) -> str:
    with session_scope(settings.database_url) as session:
        return queue.enqueue(session, ArticleInput(text=text, published=dt.date(2023, 9, 19), origin="test"), "editor").id


def silent_for(settings, job_id: str, seconds: float) -> None:
    with session_scope(settings.database_url) as session:
        session.execute(update(IngestionJob).where(IngestionJob.id == job_id)
                        .values(heartbeat_at=utcnow() - dt.timedelta(seconds=seconds)))


def test_a_killed_workers_job_is_requeued_and_finished_once_within_a_minute(settings, fake_extractor, tmp_path):
    job_id = enqueue(settings)
    script = tmp_path / "stuck_worker.py"
    script.write_text(STUCK_WORKER)
    env = dict(os.environ, DATABASE_URL=settings.database_url, TIMELINE_DATA_DIR=str(settings.data_dir),
               PYTHONPATH=str(PROJECT_ROOT))
    doomed = subprocess.Popen([sys.executable, str(script)], env=env, cwd=PROJECT_ROOT)
    try:
        running = wait_for(lambda: (j := job(settings, job_id)).status == "running" and j.worker == "doomed" and j,
                           120, "the doomed worker to claim the job")
        first_beat = aware(running.heartbeat_at)
        # The extraction never returns, yet the job keeps being stamped: heartbeats, not progress.
        later = wait_for(lambda: aware(job(settings, job_id).heartbeat_at) > first_beat and job(settings, job_id),
                         queue.HEARTBEAT_EVERY.total_seconds() * 4, "a heartbeat during extraction")
        assert later.progress == jobs.EXTRACTING
    finally:
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=30)
    last_heard = aware(job(settings, job_id).heartbeat_at)

    # Another worker, running the normal loop, notices the silence and finishes the job.
    rescuer = threading.Thread(target=jobs.work, args=(settings, fake_extractor),
                               kwargs={"name": "rescuer", "stop_after": 1}, daemon=True)
    rescuer.start()
    rescuer.join(timeout=180)
    assert not rescuer.is_alive(), "the rescuing worker never got the job"
    done = job(settings, job_id)
    assert (done.status, done.worker, done.attempts) == ("done", "rescuer", 2)
    assert aware(done.started_at) - last_heard < dt.timedelta(minutes=1), "re-queued within a minute"
    with session_scope(settings.database_url) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 1  # stored once


def test_silence_decides_when_a_job_goes_back_to_the_queue(settings):
    quiet, gone = enqueue(settings, "First article."), enqueue(settings, "Second article.")
    with session_scope(settings.database_url) as session:
        queue.claim_next(session, "w1"), queue.claim_next(session, "w2")
    silent_for(settings, quiet, queue.STALE_AFTER.total_seconds() - 5)
    silent_for(settings, gone, queue.STALE_AFTER.total_seconds() + 5)
    with session_scope(settings.database_url) as session:
        assert queue.requeue_stale(session) == 1
    assert job(settings, quiet).status == "running" and job(settings, gone).status == "queued"
    assert queue.STALE_AFTER <= dt.timedelta(seconds=45) and queue.HEARTBEAT_EVERY <= dt.timedelta(seconds=10)


def test_a_worker_taken_for_dead_that_comes_back_stores_nothing(settings, fake_extractor):
    job_id = enqueue(settings)
    with session_scope(settings.database_url) as session:
        queue.claim_next(session, "slow")
        # Meanwhile it was re-queued and claimed by another worker.
        session.execute(update(IngestionJob).where(IngestionJob.id == job_id).values(worker="fast"))
    assert jobs.run_job(job_id, settings, fake_extractor, worker="slow") == "taken over"
    with session_scope(settings.database_url) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 0
    assert (job(settings, job_id).status, job(settings, job_id).worker) == ("running", "fast")


def retry(admin, job_id: str):
    return admin.post(f"/admin/jobs/{job_id}/retry", data={"csrf_token": admin.csrf}, follow_redirects=False)


def alert_text(response) -> str:
    return " ".join(BeautifulSoup(response.text, "html.parser").select_one("main").get_text(" ").split())


def test_retry_says_what_a_job_is_waiting_for(admin, settings):
    job_id = enqueue(settings)
    queued = retry(admin, job_id)
    assert queued.status_code == 409
    assert "waiting in the queue for a worker" in alert_text(queued)

    with session_scope(settings.database_url) as session:
        queue.claim_next(session, "w1")
    running = retry(admin, job_id)
    assert running.status_code == 409
    text = alert_text(running)
    assert "running on worker w1, last heard from" in text and "30 seconds of silence" in text
    page = BeautifulSoup(admin.get(f"/admin/jobs/{job_id}").text, "html.parser")
    assert "running on worker w1" in page.select_one("#job-waiting").get_text()
    assert page.select_one("form[action$='/retry']") is None  # nothing to retry while it is alive

    silent_for(settings, job_id, 90)
    page = BeautifulSoup(admin.get(f"/admin/jobs/{job_id}").text, "html.parser")
    assert "has most likely stopped" in page.select_one("#job-waiting").get_text()
    assert page.select_one("form[action$='/retry'] button").get_text() == "Retry"
    assert retry(admin, job_id).status_code == 303  # a silent worker's job goes back now
    assert (job(settings, job_id).status, job(settings, job_id).worker) == ("queued", None)


def test_a_reupload_while_the_job_runs_says_why_it_is_refused(admin, settings, h):
    first = admin.post("/admin/articles", data={"text": TEXT, "published": h.yesterday, "csrf_token": admin.csrf},
                       follow_redirects=False)
    job_id = first.headers["location"].rsplit("/", 1)[-1]
    with session_scope(settings.database_url) as session:
        queue.claim_next(session, "w7")
    again = admin.post("/admin/articles", data={"text": TEXT, "published": h.yesterday, "csrf_token": admin.csrf},
                       follow_redirects=False)
    assert again.status_code == 409
    html = BeautifulSoup(again.text, "html.parser")
    alert = " ".join(html.select_one("[role=alert]").get_text(" ").split())
    assert f"already being ingested by job {job_id}" in alert and "running on worker w7, last heard from" in alert
    assert html.select_one(f"a[href='/admin/jobs/{job_id}']") is not None


def test_a_web_process_that_runs_jobs_picks_up_a_dead_workers_job(settings, h, fake_extractor):
    job_id = enqueue(settings)
    with session_scope(settings.database_url) as session:
        queue.claim_next(session, "killed-web-process")
    silent_for(settings, job_id, 120)
    inline = dataclasses.replace(settings, inline_jobs=True)
    with TestClient(h.make_app(inline, fake_extractor)):  # starting up, it looks after the queue
        wait_for(lambda: job(settings, job_id).status == "done", 60, "the inline thread to finish the job")
    jobs.wait_inline()
    assert job(settings, job_id).worker.startswith("inline:")
