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


def create_postgres_database(prefix: str = "timeline_t") -> str:
    """A new, empty database on the TEST_POSTGRES_URL server; its URL. Dropped at the end of the
    session (drop_postgres_database drops it sooner)."""
    from sqlalchemy import create_engine, text

    server = os.environ["TEST_POSTGRES_URL"]
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _created_databases.append(name)
    return server.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(name: str) -> None:
    """Drop a test database, ending this process's connections to it first.

    `WITH (FORCE)` also ends other sessions, but an autovacuum worker that happens to be in the
    database belongs to no role, and ending it takes membership of pg_signal_backend: without
    that the drop fails. A plain DROP then asks the autovacuum worker to stop, but waits only five
    seconds for it; on a loaded machine a worker can take longer, so the drop is tried again for
    up to a minute before the test errs."""
    import time

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    dispose_all()
    admin = create_engine(os.environ["TEST_POSTGRES_URL"], isolation_level="AUTOCOMMIT")
    deadline = time.monotonic() + 60
    try:
        with admin.connect() as connection:
            try:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            except DBAPIError as error:
                if "pg_signal_backend" not in str(error):
                    raise
                while True:
                    try:
                        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                        break
                    except DBAPIError as busy:
                        if "being accessed by other users" not in str(busy) or \
                                time.monotonic() > deadline:
                            raise
                        time.sleep(1)
    finally:
        admin.dispose()
    if name in _created_databases:
        _created_databases.remove(name)


def _database_url(folder: Path) -> str:
    if TEST_BACKEND != "postgresql":
        return f"sqlite:///{folder / 'timeline.db'}"
    return create_postgres_database()


def _drop_created_databases() -> None:
    for name in list(_created_databases):
        drop_postgres_database(name)


@pytest.fixture
def throwaway_postgres():
    """`throwaway_postgres(prefix)`: the URL of a new, empty PostgreSQL database, dropped after
    the test. Skips the test when TEST_POSTGRES_URL is not set."""
    if not os.environ.get("TEST_POSTGRES_URL"):
        pytest.skip("TEST_POSTGRES_URL is not set (.ci/run starts PostgreSQL and sets it)")
    made: list[str] = []

    def make(prefix: str = "timeline_t") -> str:
        made.append(create_postgres_database(prefix))
        return made[-1]

    yield make
    for url in made:
        drop_postgres_database(url.rsplit("/", 1)[1])


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
    """An empty, migrated database of this test's own. Its pool is closed after the test, so
    that a PostgreSQL server shared by hundreds of such tests keeps connection slots free."""
    from app.db.engine import dispose

    settings = make_settings(tmp_path)
    upgrade(settings.database_url)
    yield settings
    dispose(settings.database_url)


def add_seed_articles(settings: Settings) -> Settings:
    """Ingest the repository's seeds/ into a migrated database by the real pipeline."""
    from app.ingest.runner import ingest_all
    from app.ingest.sources import read_paths
    from app.ingest.steps import pipeline_steps
    from app.pipeline.types import Metadata

    outcomes = list(ingest_all(read_paths([SEEDS], Metadata(), today=dt.date.today()), settings,
                               pipeline_steps(settings)))
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
