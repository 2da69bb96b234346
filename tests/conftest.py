"""Shared fixtures: real SQLite files built by the real migrations and the real ingestion.

`seeded_settings` builds one database from the repository's seeds/ folder per test session
(the model loads once); tests that change data use `fresh_settings` instead.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import PROJECT_ROOT, Settings
from app.db import dispose_all
from app.migrate import upgrade

SEEDS = PROJECT_ROOT / "seeds"


# The whole suite runs on SQLite by default; with TIMELINE_TEST_BACKEND=postgresql (and
# TEST_POSTGRES_URL pointing at a server where the role may create databases) every database a
# test builds is a fresh PostgreSQL database instead. .ci/run runs the suite both ways.
TEST_BACKEND = os.environ.get("TIMELINE_TEST_BACKEND", "sqlite")
_created_databases: list[str] = []


def _database_url(folder: Path) -> str:
    if TEST_BACKEND != "postgresql":
        return f"sqlite:///{folder / 'timeline.db'}"
    from sqlalchemy import create_engine, text

    server = os.environ["TEST_POSTGRES_URL"]
    name = f"timeline_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _created_databases.append(name)
    return server.rsplit("/", 1)[0] + "/" + name


def _drop_created_databases() -> None:
    if not _created_databases:
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(os.environ["TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in _created_databases:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    _created_databases.clear()


def make_settings(folder: Path, **overrides) -> Settings:
    values = dict(
        database_url=_database_url(folder),
        data_dir=folder,
        base_url="http://testserver",
        secret_key="test-secret-key-not-for-production",
    )
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def settings_for():
    """`settings_for(folder)`: settings for a new, empty database (not yet migrated) of one's own."""
    return make_settings


@pytest.fixture
def fresh_settings(tmp_path) -> Settings:
    """An empty, migrated database of this test's own."""
    settings = make_settings(tmp_path)
    upgrade(settings.database_url)
    return settings


def add_seed_articles(settings: Settings) -> Settings:
    """Ingest the repository's seeds/ into a migrated database by the real pipeline."""
    from app.ingest.runner import ingest_all
    from app.ingest.sources import Metadata, read_paths

    outcomes = list(ingest_all(read_paths([SEEDS], Metadata(), today=dt.date.today()), settings))
    assert [o.status for o in outcomes] == ["added", "added", "added"], outcomes
    return settings


@pytest.fixture(scope="session")
def ingest_seeds():
    """`ingest_seeds(settings)` fills a test's own database with the seed articles."""
    return add_seed_articles


@pytest.fixture(scope="session")
def seeded_settings(tmp_path_factory) -> Settings:
    """One database holding the three seed articles, shared by the session: never change it."""
    settings = make_settings(tmp_path_factory.mktemp("seeded"))
    upgrade(settings.database_url)
    return add_seed_articles(settings)


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
    _drop_created_databases()
