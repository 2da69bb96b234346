"""How SQLite and PostgreSQL differ, said once: the `Dialect` of an engine.

An engine's dialect is chosen when the engine is made (app/db/engine.py) and found again from any
session or connection with `dialect_of`. Code elsewhere asks it for what it needs (the first day
of a month in SQL, an insert that ignores rows already there, the next queued job, ...) and never
tests a database's name itself.
"""

from __future__ import annotations

import json
import weakref
from abc import ABC, abstractmethod
from typing import Any

from sqlalchemy import ARRAY, Integer, any_, bindparam, func, literal, literal_column, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db.search import Fts5Search, PostgresSearch, SearchIndex

# PostgreSQL: the advisory lock every transaction that writes articles and events holds.
WRITE_LOCK_KEY = 0x54494D454C494E45  # "TIMELINE"; any constant every process agrees on


class Dialect(ABC):
    # The abstract methods below are what each dialect must say for itself.
    name = ""
    search: SearchIndex
    # A walk of a collection's importance index (collection, status, importance, date_start, ...)
    # may state its date bounds on the plain column: PostgreSQL checks them in the index and
    # estimates the rows from their statistics. Hidden from it (coalesce(x, x)), the bounds look
    # like 0.5 % of the collection, and it sorts the whole collection instead of walking (130 ms
    # against 2 ms at 1M events over 20 collections). SQLite keeps them hidden, so that it does
    # not take a date index instead.
    dates_in_collection_walk = False

    # --- SQL text for set-based rebuilds (app/services/aggregates.py) ---------------------------

    @abstractmethod
    def month_start(self, expression: str) -> str:
        """SQL for the first day of the month of a date expression."""

    @abstractmethod
    def days_between(self, start: str, end: str) -> str:
        """SQL for the whole days from one date expression to another."""

    # --- statements -----------------------------------------------------------------------------

    @abstractmethod
    def insert(self, table):
        """An INSERT that can say ON CONFLICT ... DO NOTHING / DO UPDATE (both databases speak it)."""

    @abstractmethod
    def among(self, column, values: list, item_type=Integer):
        """`column IN values` as one bound parameter, however many there are."""

    @abstractmethod
    def one_of(self, column, values: list, item_type=Integer):
        """`column IN values` for a page's worth of keys (its events, their mentions): where it
        helps, one statement text whatever their number, so that the driver and the server keep
        it prepared instead of parsing and planning an IN list of its own length each time."""

    @abstractmethod
    def one_of_keys(self, column, name: str, item_type=Integer):
        """one_of with the keys given at execution as the parameter `name` (`{name: [...]}`): the
        same SQL, for a statement built once and asked again with other keys (building one costs
        SQLAlchemy more than running it does, a subquery's columns most)."""

    # --- transactions -----------------------------------------------------------------------------

    @abstractmethod
    def begin_write(self, session: Session) -> None:
        """Make the session's transaction a writer of articles and events, one at a time.

        Storing an article decides which stored events it joins from what it reads first; two
        writers reading at once would each miss the other's events (and counts). So a writer
        waits here for the others to finish before it reads anything it will write from. Reads
        never wait for it."""

    @abstractmethod
    def is_retryable(self, error: DBAPIError) -> bool:
        """Whether a failed transaction may simply be run again (busy, deadlock, a lost race)."""

    def claim_next(self, session: Session, jobs, values: dict[str, Any]) -> str | None:
        """Mark the oldest queued job (a row of the table `jobs`) with `values` and return its id,
        or None when none is queued; atomic, so two workers never claim the same job. Commits."""
        oldest = self._skip_locked(
            select(jobs.c.id).where(jobs.c.status == "queued").order_by(jobs.c.created_at).limit(1)
        ).scalar_subquery()
        result = session.execute(
            update(jobs).where(jobs.c.id == oldest, jobs.c.status == "queued").values(values).returning(jobs.c.id)
        )
        job_id = result.scalar_one_or_none()
        session.commit()
        return job_id

    def _skip_locked(self, query):
        return query

    def refresh_statistics(self, connection: Connection) -> None:
        """Keep the query planner's statistics (and the search index) in shape after writes."""


class SqliteDialect(Dialect):
    name = "sqlite"
    search = Fts5Search()

    def month_start(self, expression: str) -> str:
        return f"date({expression}, 'start of month')"

    def days_between(self, start: str, end: str) -> str:
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"

    def insert(self, table):
        return sqlite.insert(table)

    def among(self, column, values, item_type=Integer):
        # A JSON array read by json_each: one parameter, no limit on the number of values.
        return column.in_(select(literal_column("value")).select_from(func.json_each(json.dumps(values))))

    def one_of(self, column, values, item_type=Integer):
        # The plain IN list: SQLite parses a statement in microseconds, in this process, and its
        # plans for these reads were measured with it.
        return column.in_(values)

    def one_of_keys(self, column, name, item_type=Integer):
        return column.in_(bindparam(name, expanding=True))  # rendered as one_of's IN list

    def begin_write(self, session: Session) -> None:
        # Python's sqlite3 opens a transaction only at the first write, so what a writer read
        # before it could be stale by then. BEGIN IMMEDIATE takes the write lock before anything
        # is read (waiting up to the busy timeout for another writer); readers are not blocked.
        connection = session.connection()
        if not connection.connection.driver_connection.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    def is_retryable(self, error: DBAPIError) -> bool:
        message = str(error.orig).lower()
        return "database is locked" in message or "database is busy" in message

    # A single UPDATE picks and takes the job: SQLite runs one writer at a time, so a concurrent
    # claimer's UPDATE finds the status no longer 'queued' and changes nothing.

    def refresh_statistics(self, connection: Connection) -> None:
        # SQLite gathers statistics only when asked: without them it may pick a date index over
        # the type or actor one and read a year of events for a page of fifty. `PRAGMA optimize`
        # re-analyses only the tables that changed enough, so it is cheap after each batch. The
        # search index's segments are merged a little at a time too.
        has_statistics = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None
        connection.exec_driver_sql("PRAGMA optimize" if has_statistics else "ANALYZE")
        self.search.tidy(connection)


class PostgresDialect(Dialect):
    name = "postgresql"
    search = PostgresSearch()
    dates_in_collection_walk = True
    RETRYABLE_STATES = frozenset({
        "40001",  # serialization failure
        "40P01",  # deadlock detected
        "55P03",  # lock not available
        "23505",  # unique violation: a concurrent writer inserted the same row first
    })

    def month_start(self, expression: str) -> str:
        return f"date_trunc('month', {expression})::date"

    def days_between(self, start: str, end: str) -> str:
        return f"({end} - {start})"

    def insert(self, table):
        return postgresql.insert(table)

    def among(self, column, values, item_type=Integer):
        return column == any_(literal(values, ARRAY(item_type)))

    def one_of(self, column, values, item_type=Integer):
        # An array parameter: `= ANY($1)` reads the same for 3 keys or 51. An IN list is a new
        # text for each length, which SQLAlchemy renders a parameter at a time, psycopg converts
        # again and never prepares (prepare_threshold counts executions of one text), and the
        # server plans every time.
        return self.among(column, values, item_type)

    def one_of_keys(self, column, name, item_type=Integer):
        return column == any_(bindparam(name, type_=ARRAY(item_type)))

    def begin_write(self, session: Session) -> None:
        # Held until the transaction ends; readers take no such lock and never wait.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})

    def is_retryable(self, error: DBAPIError) -> bool:
        return getattr(error.orig, "sqlstate", None) in self.RETRYABLE_STATES

    def _skip_locked(self, query):
        # Row locks: of two workers, the second skips the row the first is taking.
        return query.with_for_update(skip_locked=True)

    # PostgreSQL's autovacuum keeps statistics by itself: refresh_statistics has nothing to do.


_BY_NAME: dict[str, type[Dialect]] = {"sqlite": SqliteDialect, "postgresql": PostgresDialect}
_BY_ENGINE: "weakref.WeakKeyDictionary[Engine, Dialect]" = weakref.WeakKeyDictionary()


def dialect_of(bind: Session | Connection | Engine) -> Dialect:
    """The dialect of the engine behind a session, connection or engine (chosen on first sight)."""
    if isinstance(bind, Session):
        bind = bind.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    found = _BY_ENGINE.get(engine)
    if found is None:
        try:
            found = _BY_ENGINE[engine] = _BY_NAME[engine.dialect.name]()
        except KeyError:
            raise RuntimeError(f"unsupported database: {engine.dialect.name}") from None
    return found

