"""Whether the data changed since a count was taken, cheaply enough to ask on every request.

Some figures are counted over everything (the events per type of the form's menu, the dataset
version a citation names) and are kept for a while rather than counted per request. Ingestion
and curation run in other processes, so they cannot clear a web process's memory; instead every
write they make moves one of three numbers that the database reads off its primary-key indexes:
the newest event (a new or rebuilt event), the newest mention (a report joined to an event) and
the newest audit entry (an editor's edit, hide, merge or deletion). A kept figure is counted
again as soon as that mark moves, and at the latest after its time is up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import TextClause, event, func, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from app.models import AuditEntry, Event, Mention

# session.info's key for the mark read in the session's transaction.
MARK = "write_mark"
# ... and for the kept counts' totals read in it (app/queries/counts.py): forgotten with the mark.
TOTALS = "kept_totals"


def write_mark(session: Session) -> tuple:
    """Three primary-key maxima that move with every write of events, reports or edits: the
    first is the highest event sequence number, which also sizes the importance walks
    (app/queries/plan.py).

    Read once per transaction: a page asks for it for several kept figures, and a mark read a
    few statements earlier tells as well whether they are out of date. A session that writes
    (a flush, or an INSERT, UPDATE or DELETE it executes), commits or rolls back forgets it
    (below), so its next read sees its own writes."""
    mark = session.info.get(MARK)
    if mark is None:
        mark = session.info[MARK] = tuple(session.execute(select(
            select(func.max(Event.seq)).scalar_subquery(),
            select(func.max(Mention.id)).scalar_subquery(),
            select(func.max(AuditEntry.id)).scalar_subquery(),
        )).one())
    return mark


@event.listens_for(OrmSession, "after_flush")
def _forget_after_flush(session, _context) -> None:
    _forget(session)


@event.listens_for(OrmSession, "do_orm_execute")
def _forget_before_writing(state) -> None:
    statement = state.statement  # anything but a SELECT, built or written out
    if not (statement.is_select or isinstance(statement, TextClause) and statement.text.lstrip()[:6].upper() == "SELECT"):
        _forget(state.session)


@event.listens_for(OrmSession, "after_transaction_end")
def _forget_after_transaction(session, _transaction) -> None:
    _forget(session)


def _forget(session) -> None:
    session.info.pop(MARK, None)
    session.info.pop(TOTALS, None)


class KeptFigures:
    """Figures counted at most once per `seconds` and again as soon as the data changed; at most
    `most` of them (the oldest counted is forgotten first)."""

    def __init__(self, seconds: float, most: int = 10_000):
        self.seconds = seconds
        self.most = most
        self._kept: dict[Hashable, tuple[float, tuple, Any]] = {}

    def get(self, session: Session, key: Hashable, count: Callable[[], Any]) -> Any:
        now, mark = time.monotonic(), write_mark(session)
        kept = self._kept.get(key)
        if kept is None or kept[1] != mark or now - kept[0] > self.seconds:
            self._kept.pop(key, None)  # counted again: the newest in the dict's order
            while len(self._kept) >= self.most:
                del self._kept[next(iter(self._kept))]
            kept = self._kept[key] = (now, mark, count())
        return kept[2]

    def clear(self) -> None:
        self._kept.clear()
