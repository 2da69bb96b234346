"""Ingestion jobs: the queue, their life from queued to done or failed, retries, and atomicity."""

from __future__ import annotations

from sqlalchemy import func, select

import dataclasses
import datetime as dt
import threading

import pytest
from bs4 import BeautifulSoup
from sqlmodel import Session

from app.db import get_engine, session_scope
from app.ingest import jobs
from app.ingest.steps import Steps
from app.pipeline.types import ArticleInput
from app.services import jobs as queue
from app.models import Article, Event, EventDayCount, IngestionJob, Mention, utcnow

TEXT = "Officials said on Tuesday that talks would resume.\n\nThe ministry confirmed the meeting."


def upload(client, text: str, published: str) -> str:
    response = client.post("/admin/articles", data={"text": text, "published": published, "title": "Talks",
                                                     "csrf_token": client.csrf}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[-1]


def job(settings, job_id: str) -> IngestionJob:
    with session_scope(settings.database_url) as session:
        return session.get(IngestionJob, job_id)


def counts(settings) -> tuple[int, int, int, int]:
    with session_scope(settings.database_url) as session:
        return tuple(session.execute(select(func.count()).select_from(model)).scalar_one() for model in (Article, Event, Mention, EventDayCount))


def article(number: int) -> ArticleInput:
    return ArticleInput(text=f"Article number {number}.", published=dt.date(2023, 9, 19), origin="test")


def test_lifecycle_queued_running_done_with_events_listed(admin, settings, h, fake_extractor):
    job_id = upload(admin, TEXT, h.yesterday)
    assert job(settings, job_id).status == "queued"
    queued = BeautifulSoup(admin.get(f"/admin/jobs/{job_id}").text, "html.parser")
    assert queued.select_one("#job-status")["hx-trigger"] == "every 1s"
    assert queued.select_one("#job-status a[href='/admin/jobs/%s']" % job_id) is not None  # no-JS refresh

    with session_scope(settings.database_url) as session:
        assert queue.claim_next(session, "w1") == job_id
    running = admin.get(f"/admin/jobs/{job_id}", headers={"HX-Request": "true"})
    assert "<html" not in running.text  # htmx gets the fragment only
    # Fragment and page differ by HX-Request; an admin's pages also by their session cookie.
    assert [v.strip() for v in running.headers["Vary"].split(",")] == ["HX-Request", "Cookie"]
    fragment = BeautifulSoup(running.text, "html.parser")
    assert "running" in fragment.select_one("#job-status").text
    assert fragment.select_one("progress")["max"] == "100"
    assert admin.get(f"/api/jobs/{job_id}").json()["status"] == "running"

    assert jobs.run_job(job_id, settings, fake_extractor) == "done"
    done = job(settings, job_id)
    assert (done.progress, done.attempts, done.worker) == (100, 1, "w1")
    assert done.events_created and done.article_id
    html = BeautifulSoup(admin.get(f"/admin/jobs/{job_id}").text, "html.parser")
    assert not html.select_one("#job-status").has_attr("hx-trigger")  # polling stops
    links = [a["href"] for a in html.select("#job-status li > a[href^='/events/']")]
    assert links == [f"/events/{e}/" + admin.get(f"/api/events/{e}").json()["url"].rsplit("/", 1)[-1]
                     for e in done.events_created]
    assert html.select_one(f"a[href='/articles/{done.article_id}']") is not None
    assert admin.get(f"/api/jobs/{job_id}").json() == {
        "id": job_id, "status": "done", "article_id": done.article_id, "error": None,
        "events": done.events_created, "events_created": done.events_created, "events_joined": [], "progress": 100,
    }


def test_dashboard_lists_recent_jobs(admin, h):
    job_id = upload(admin, TEXT, h.yesterday)
    assert f"/admin/jobs/{job_id}" in admin.get("/admin").text


def test_failing_extraction_marks_the_job_failed_and_keeps_nothing(admin, settings, h):
    def broken(article_input):
        raise RuntimeError("the model fell over")

    h.steps = Steps(extract=broken)
    before = counts(settings)
    job_id = upload(admin, TEXT, h.yesterday)
    assert h.run_queued(settings) == 1
    failed = job(settings, job_id)
    assert failed.status == "failed" and "the model fell over" in failed.error
    assert counts(settings) == before
    html = BeautifulSoup(admin.get(f"/admin/jobs/{job_id}").text, "html.parser")
    assert "the model fell over" in html.select_one("[role=alert]").text
    assert html.select_one(f"form[action='/admin/jobs/{job_id}/retry']") is not None
    assert admin.get(f"/api/jobs/{job_id}").json()["error"] == failed.error


def test_failure_while_storing_rolls_back_every_event(admin, settings, h, fake_extractor):
    def store_then_crash(session, article_input, extraction, **where):
        fake_extractor.add(session, article_input, extraction, **where)  # article, events and mentions flushed
        raise RuntimeError("disk full")

    h.steps = fake_extractor.but(add=store_then_crash)
    before = counts(settings)
    job_id = upload(admin, TEXT, h.yesterday)
    h.run_queued(settings)
    assert job(settings, job_id).status == "failed"
    assert counts(settings) == before


def test_retry_runs_a_failed_job_again(admin, settings, h):
    h.steps = Steps(extract=lambda a: (_ for _ in ()).throw(RuntimeError("flaky")))
    job_id = upload(admin, TEXT, h.yesterday)
    h.run_queued(settings)
    assert job(settings, job_id).status == "failed"

    refused = admin.post(f"/admin/jobs/{job_id}/retry", data={"csrf_token": "wrong"}, follow_redirects=False)
    assert refused.status_code == 403 and job(settings, job_id).status == "failed"

    h.steps = Steps(extract=h.fake_extraction)
    response = admin.post(f"/admin/jobs/{job_id}/retry", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/admin/jobs/{job_id}"
    assert job(settings, job_id).status == "queued" and job(settings, job_id).error is None
    h.run_queued(settings)
    retried = job(settings, job_id)
    assert retried.status == "done" and retried.attempts == 2 and retried.events_created


def test_only_failed_jobs_can_be_retried(admin, settings, h):
    job_id = upload(admin, TEXT, h.yesterday)
    response = admin.post(f"/admin/jobs/{job_id}/retry", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert response.status_code == 409


def test_text_stored_meanwhile_fails_the_job_as_a_duplicate(admin, settings, h, fake_extractor):
    first = upload(admin, TEXT, h.yesterday)
    h.run_queued(settings)
    with session_scope(settings.database_url) as session:  # as if a CLI ingest won the race
        second = queue.enqueue(session, queue.from_payload(job(settings, first).payload), "cli").id
    before = counts(settings)
    h.run_queued(settings)
    assert job(settings, second).status == "failed" and "already stored" in job(settings, second).error
    assert counts(settings) == before


def test_unknown_job_is_404(admin):
    assert admin.get("/admin/jobs/nope").status_code == 404
    assert admin.get("/api/jobs/nope").status_code == 404


@pytest.fixture(params=["sqlite", "postgresql"])
def queue_settings(request):
    """The claim tests run on both databases: each has its own way of claiming."""
    return request.getfixturevalue("settings" if request.param == "sqlite" else "postgres_settings")


def test_claim_next_takes_the_oldest_and_never_twice(queue_settings):
    settings = queue_settings
    with session_scope(settings.database_url) as session:
        first = queue.enqueue(session, article(1), None).id
        second = queue.enqueue(session, article(2), None).id
    with Session(get_engine(settings.database_url)) as a, Session(get_engine(settings.database_url)) as b:
        assert queue.claim_next(a, "a") == first
        assert queue.claim_next(b, "b") == second
        assert queue.claim_next(a, "a") is None
        assert queue.claim(b, first, "b") is False


def test_concurrent_claimers_never_share_a_job(queue_settings):
    settings = queue_settings
    with session_scope(settings.database_url) as session:
        queued = {queue.enqueue(session, article(n), None).id for n in range(30)}
    claimed: list[str] = []
    lock = threading.Lock()

    def claimer(name: str) -> None:
        with Session(get_engine(settings.database_url)) as session:
            while (job_id := queue.claim_next(session, name)) is not None:
                with lock:
                    claimed.append(job_id)

    threads = [threading.Thread(target=claimer, args=(f"w{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == sorted(queued)  # every job once, none twice


def test_stale_running_jobs_go_back_to_the_queue(settings):
    with session_scope(settings.database_url) as session:
        stale = queue.enqueue(session, article(1), None).id
        alive = queue.enqueue(session, article(2), None).id
    with session_scope(settings.database_url) as session:
        queue.claim_next(session, "dead")
        queue.claim_next(session, "alive")
        session.get(IngestionJob, stale).heartbeat_at = utcnow() - dt.timedelta(hours=1)
    with session_scope(settings.database_url) as session:
        assert queue.requeue_stale(session, dt.timedelta(minutes=10)) == 1
    assert job(settings, stale).status == "queued" and job(settings, stale).worker is None
    assert job(settings, alive).status == "running"


def test_inline_jobs_run_in_the_web_process_when_enabled(admin, settings, h, fake_extractor):
    admin.app.state.settings = dataclasses.replace(admin.app.state.settings, inline_jobs=True)
    admin.app.state.ingest_steps = fake_extractor
    job_id = upload(admin, TEXT, h.yesterday)
    jobs.wait_inline()
    assert job(settings, job_id).status == "done"
    assert job(settings, job_id).worker.startswith("inline:")


def test_inline_jobs_can_be_turned_off(admin, settings, h, fake_extractor):
    job_id = upload(admin, TEXT, h.yesterday)  # the fixture turns inline jobs off
    jobs.wait_inline()
    assert job(settings, job_id).status == "queued"


def test_worker_stops_after_n_jobs(settings, fake_extractor):
    with session_scope(settings.database_url) as session:
        for n in range(3):
            queue.enqueue(session, article(n), None)
    assert jobs.work(settings, fake_extractor, stop_after=2, name="w") == 2
    assert jobs.work(settings, fake_extractor, name="w", until_idle=True) == 1


@pytest.mark.nlp
def test_real_extraction_lists_the_events_created(admin, settings):
    from app.config import PROJECT_ROOT

    admin.app.state.settings = dataclasses.replace(admin.app.state.settings, inline_jobs=True)
    text = (PROJECT_ROOT / "seeds" / "000_f82089b6b9f45bcc.txt").read_text(encoding="utf-8")
    job_id = upload(admin, text, "2023-09-19")
    jobs.wait_inline(timeout=300)
    done = job(settings, job_id)
    assert done.status == "done", done.error
    assert done.events_created
    html = BeautifulSoup(admin.get(f"/admin/jobs/{job_id}").text, "html.parser")
    assert len(html.select("#job-status li a[href^='/events/']")) == len(done.events_created)
    for event_id in done.events_created:
        assert admin.get(f"/api/events/{event_id}").status_code == 200


def test_a_worker_stopped_mid_job_gives_the_job_back(settings):
    def interrupted(article_input):
        raise KeyboardInterrupt

    with session_scope(settings.database_url) as session:
        job_id = queue.enqueue(session, article(1), None).id
    with pytest.raises(KeyboardInterrupt):
        jobs.work(settings, Steps(extract=interrupted), name="w", until_idle=True)
    assert job(settings, job_id).status == "queued"
