"""The one module that creates engines, and the session scopes built on them.

SQLite (the embedded default): WAL so readers never wait for the writer, foreign keys on, and a
busy timeout so concurrent writers queue instead of failing. PostgreSQL takes the same code path
with none of these pragmas. Engines are created when first asked for, never at import time, and
each is given its `Dialect` (app/db/dialect.py) once, when it is created.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from app.db.dialect import dialect_of

SQLITE_BUSY_TIMEOUT_MS = 10_000
# PostgreSQL compiles a query to machine code (JIT) when its estimated cost passes a threshold
# (100,000 by default). A walk down an importance index until a few events match is estimated
# at the whole index (hundreds of thousands) and reads a few hundred entries: one such statement
# spent 1.5 s compiling and 7 ms running. No read here is long enough to repay compilation.
# Parallel workers likewise: the planner chose them only for reads that walk an index until a page
# is full (a common word's postings within a small collection, an actor's events by importance),
# where starting two workers cost 8-15 ms against a statement that runs in 0.5-1 ms alone
# (docs/benchmarks.md, twenty-fourth session). Every read of the app is bounded by an index range;
# none scans enough to share among processes.
# Statements asked on every request are prepared by psycopg after five uses (reads end with
# COMMIT so that it keeps them: app/deps.py), which spares the server parsing them again. Each
# execution is still planned for its own values: a plan kept for any value (PostgreSQL's generic
# plan, which it may switch to after five executions) reads a collection or a word the same way
# whatever its size, and the overview of the largest of 20 collections took 70 ms instead of 37
# with it (docs/benchmarks.md, twenty-fourth session).
POSTGRES_OPTIONS = "-c jit=off -c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_custom_plan"


def is_sqlite(url: str) -> bool:
    """Whether the URL names an SQLite database (the migrations' batch mode asks this)."""
    return make_url(url).get_backend_name() == "sqlite"


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # Python's sqlite3 opens transactions lazily and lets SQLAlchemy manage them; the pragmas
    # must run outside a transaction, which is the case on a fresh connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cursor.close()


# How many statements psycopg keeps prepared per connection (its default: 100). The app's pages,
# API and exports ask some 200 different statements (the bench's scenarios over three
# collections: 203), so with the default the least recent ones are forgotten and prepared again.
POSTGRES_PREPARED_MAX = 500


def _on_postgres_connect(dbapi_connection, _record) -> None:
    from psycopg.types.json import set_json_loads  # the PostgreSQL driver, only needed here

    dbapi_connection.prepared_max = POSTGRES_PREPARED_MAX
    set_json_loads(_json_loads, dbapi_connection)


def _json_loads(data: bytes):
    """json.loads, but JSON's empty list is answered without parsing: most events' merge reasons
    and manual fields and most mentions' figures are one (a list of 50 events by importance holds
    some 600 JSON values; json.loads takes about 2 microseconds for each, mostly to find out
    that bytes are UTF-8). A new list each time, as json.loads gives."""
    return [] if data == b"[]" else json.loads(data)


_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(url: str) -> Engine:
    """One engine (and its pool) per database URL and process."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _ENGINES[url] = _create_engine(url)
        return engine


def _create_engine(url: str) -> Engine:
    if is_sqlite(url):
        _prepare_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _on_sqlite_connect)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10,
                               connect_args={"options": POSTGRES_OPTIONS})
        event.listen(engine, "connect", _on_postgres_connect)
    dialect_of(engine)  # chosen here, once
    return engine


@contextmanager
def committed(session: Session) -> Iterator[Session]:
    """The block's work committed on success, rolled back on any error."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    with Session(get_engine(url), expire_on_commit=False) as session, committed(session):
        yield session


def dispose(url: str) -> None:
    """Close the pool of one database (a test that is done with its own database)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


def dispose_all() -> None:
    """Close every pool (tests, and processes about to fork)."""
    with _ENGINES_LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()
