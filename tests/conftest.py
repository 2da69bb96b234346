"""Shared fixtures: real SQLite files built by the real migrations and the real ingestion.

`seeded_settings` builds one database from the repository's seeds/ folder per test session
(the model loads once); tests that change data use `fresh_settings` instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import PROJECT_ROOT, Settings
from app.db import dispose_all
from app.migrate import upgrade

SEEDS = PROJECT_ROOT / "seeds"


def make_settings(folder: Path, **overrides) -> Settings:
    values = dict(
        database_url=f"sqlite:///{folder / 'timeline.db'}",
        data_dir=folder,
        base_url="http://testserver",
        secret_key="test-secret-key-not-for-production",
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def fresh_settings(tmp_path) -> Settings:
    """An empty, migrated database of this test's own."""
    settings = make_settings(tmp_path)
    upgrade(settings.database_url)
    return settings


@pytest.fixture(scope="session")
def seeded_settings(tmp_path_factory) -> Settings:
    """One database holding the three seed articles, ingested by the real pipeline."""
    from app.ingest.runner import ingest_all
    from app.ingest.sources import Metadata, read_paths

    folder = tmp_path_factory.mktemp("seeded")
    settings = make_settings(folder)
    upgrade(settings.database_url)
    outcomes = list(ingest_all(read_paths([SEEDS], Metadata(), today=dt.date.today()), settings))
    assert [o.status for o in outcomes] == ["added", "added", "added"], outcomes
    return settings


@pytest.fixture(scope="session")
def seeded_client(seeded_settings) -> TestClient:
    from app.main import create_app

    with TestClient(create_app(seeded_settings)) as client:
        yield client


@pytest.fixture
def fresh_client(fresh_settings) -> TestClient:
    from app.main import create_app

    with TestClient(create_app(fresh_settings)) as client:
        yield client


@pytest.fixture(scope="session", autouse=True)
def _close_pools():
    yield
    dispose_all()
