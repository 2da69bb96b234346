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

from sqlalchemy import func, select
from sqlmodel import Session

from app.models import AuditEntry, Event, Mention


def write_mark(session: Session) -> tuple:
    """Three primary-key maxima that move with every write of events, reports or edits."""
    return session.execute(select(
        select(func.max(Event.seq)).scalar_subquery(),
        select(func.max(Mention.id)).scalar_subquery(),
        select(func.max(AuditEntry.id)).scalar_subquery(),
    )).one()


class KeptFigures:
    """Figures counted at most once per `seconds` and again as soon as the data changed."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._kept: dict[Hashable, tuple[float, tuple, Any]] = {}

    def get(self, session: Session, key: Hashable, count: Callable[[], Any]) -> Any:
        now, mark = time.monotonic(), write_mark(session)
        kept = self._kept.get(key)
        if kept is None or kept[1] != mark or now - kept[0] > self.seconds:
            kept = self._kept[key] = (now, mark, count())
        return kept[2]

    def clear(self) -> None:
        self._kept.clear()
