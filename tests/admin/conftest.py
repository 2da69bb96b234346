"""Admin fixtures: an account, signed-in clients, and a stand-in extractor for job mechanics.

Job tests run the real queue, the real store and the real database; only extraction (which needs
the spaCy model) is replaced by `fake_extraction` (the `fake_extractor` fixture gives the jobs
steps that use it), unless a test is marked `nlp`.
"""

from __future__ import annotations

import dataclasses

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from app.db import session_scope
from app.ingest import jobs
from app.ingest.steps import Steps, pipeline_steps
from app.pipeline.types import (
    ArticleExtraction,
    DateInterval,
    EventCandidate,
    EventDate,
    Sentence,
)
from app.services.accounts import create_or_reset

USERNAME, PASSWORD = "editor", "correct horse battery"


def make_app(settings, steps: Steps | None = None):
    from app.main import create_app

    return create_app(settings, ingest_steps=steps)


@pytest.fixture
def settings(fresh_settings):
    # Jobs run only when a test says so (run_queued), so every state can be observed.
    settings = dataclasses.replace(fresh_settings, inline_jobs=False)
    with session_scope(settings.database_url) as session:
        create_or_reset(session, USERNAME, PASSWORD)
    return settings


@pytest.fixture
def postgres_settings(tmp_path, throwaway_postgres):
    """Settings on a throwaway PostgreSQL database (skipped unless TEST_POSTGRES_URL is set)."""
    from app.config import Settings
    from app.migrate import upgrade

    url = throwaway_postgres("timeline_admin")
    upgrade(url)
    yield Settings(database_url=url, data_dir=tmp_path, secret_key="test-secret")


@pytest.fixture
def anon(settings, h):
    with TestClient(make_app(settings, h.steps)) as client:
        yield client


def form_token(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").select_one("input[name=csrf_token]")
    assert field is not None, "the page has no CSRF token field"
    return field["value"]


def sign_in(client: TestClient, username: str = USERNAME, password: str = PASSWORD, **extra):
    token = form_token(client.get("/login").text)
    data = {"username": username, "password": password, "csrf_token": token, **extra}
    return client.post("/login", data=data, follow_redirects=False)


@pytest.fixture
def admin(anon):
    """A client with a session; `admin.csrf` is the session's form token."""
    response = sign_in(anon)
    assert response.status_code == 303, response.text
    anon.csrf = form_token(anon.get("/admin").text)
    return anon


def fake_extraction(article_input) -> ArticleExtraction:
    """One event per paragraph, dated on the publication day: enough to exercise the store."""
    sentences, start = [], 0
    for index, paragraph in enumerate(article_input.text.split("\n\n")):
        if paragraph.strip():
            sentences.append(Sentence(index, start, start + len(paragraph), paragraph))
        start += len(paragraph) + 2
    day = article_input.published
    events = tuple(
        EventCandidate(
            sentence=s, ordinal=0, type="statement", title=s.text[:60], trigger="said",
            trigger_start=s.start, trigger_end=s.start + 1, modality="asserted",
            date=EventDate(DateInterval(day, day, "day"), "inherited", "inherited-dct"),
        )
        for s in sentences
    )
    return ArticleExtraction(
        title=article_input.title or "Untitled", body=((0, len(article_input.text)),),
        sentences=tuple(sentences), timexes=(), events=events,
    )


@pytest.fixture
def fake_extractor(h) -> Steps:
    """Jobs run by `h.run_queued` extract with `fake_extraction`."""
    h.steps = Steps(extract=fake_extraction)
    return h.steps


YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


class Helpers:
    """The helpers above, as a fixture: test modules here cannot import this conftest by name.
    `steps` is what queued jobs run through (the real pipeline unless a test sets others)."""

    username, password, yesterday = USERNAME, PASSWORD, YESTERDAY
    make_app = staticmethod(make_app)
    form_token = staticmethod(form_token)
    sign_in = staticmethod(sign_in)
    fake_extraction = staticmethod(fake_extraction)

    def __init__(self, steps: Steps):
        self.steps = steps

    def run_queued(self, settings) -> int:
        return jobs.work(settings, self.steps, name="test-worker", until_idle=True)


@pytest.fixture
def h(settings) -> Helpers:
    return Helpers(pipeline_steps(settings))
