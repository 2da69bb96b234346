"""Write transactions: one writer of articles and events at a time, retried when they lose a race.

`write_transaction(url, work)` is how ingestion stores an article: a session of its own, the
dialect's write lock taken before anything is read (see Dialect.begin_write), `work(session)`
run, and a commit; a transaction that fails for a reason worth retrying (a busy database, a
deadlock, a unique key a concurrent writer took first) is rolled back and run again from the
start. `writing(session)` is the same for a session that is already open (an admin's request):
it takes the lock, and commits or rolls back what the block did.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from app.db.dialect import dialect_of
from app.db.engine import committed, get_engine, session_scope

T = TypeVar("T")
ATTEMPTS = 6
BACKOFF_SECONDS = 0.05


def write_transaction(url: str, work: Callable[[Session], T], *, attempts: int = ATTEMPTS) -> T:
    """`work(session)` in a write transaction of its own, committed; retried on a lost race."""
    for attempt in range(1, attempts + 1):
        try:
            with session_scope(url) as session:
                dialect_of(session).begin_write(session)
                return work(session)
        except DBAPIError as error:
            if attempt == attempts or not dialect_of(get_engine(url)).is_retryable(error):
                raise
            # Jittered, growing pauses: two processes that collided do not collide again.
            time.sleep(BACKOFF_SECONDS * attempt * (1 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def writing(session: Session) -> Iterator[Session]:
    """The block's changes as one write transaction of the open session: the write lock first
    (what the session read before is read again), then a commit, or a rollback on any error."""
    session.flush()  # nothing of the caller's is lost to the re-read below
    dialect_of(session).begin_write(session)
    session.expire_all()
    with committed(session):
        yield session


def refresh_statistics(url: str) -> None:
    """Keep the query planner's statistics current after a batch of writes (see the dialect)."""
    with get_engine(url).connect() as connection:
        dialect_of(connection).refresh_statistics(connection)
        connection.commit()
