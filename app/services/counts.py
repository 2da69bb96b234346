"""The numbers the services keep on the rows they write, always changed in SQL.

Two writers may change the same number at once (two ingestion processes, a worker and an admin):
a number read into Python, changed and written back would lose one of the changes. So a per-day
count moves by an upsert that adds to whatever is stored, and an event's `sources_count` is
counted by the database from its mentions. (The other kept numbers, per month and per actor, are
kept by database triggers.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import case, func, select, update
from sqlmodel import Session

from app.db import dialect_of
from app.models import Event, EventDayCount, Mention
from app.services.importance import rescore


def bump_day_count(session: Session, day: dt.date, event_type: str, delta: int) -> None:
    """Add `delta` to the active events starting on `day` with this type (never below zero)."""
    if not delta:
        return
    table = EventDayCount.__table__
    moved = table.c.count + delta
    session.execute(
        dialect_of(session).insert(table)
        .values(day=day, type=event_type, count=max(delta, 0))
        .on_conflict_do_update(index_elements=[table.c.day, table.c.type],
                               set_={"count": case((moved < 0, 0), else_=moved)})
    )


def recount_sources(session: Session, event_ids: Iterable[str]) -> None:
    """Set each event's sources_count to the distinct articles among its mentions, in SQL (the
    session's pending mentions are flushed first)."""
    wanted = sorted(set(event_ids))
    if not wanted:
        return
    session.flush()
    counted = (select(func.count(func.distinct(Mention.article_id))).where(Mention.event_id == Event.id)
               .correlate(Event).scalar_subquery())
    session.execute(update(Event).where(Event.id.in_(wanted)).values(sources_count=counted)
                    .execution_options(synchronize_session=False))
    for event in session.identity_map.values():  # loaded copies read the new number when next asked
        if isinstance(event, Event) and event.id in wanted:
            session.expire(event, ["sources_count"])
    rescore(session, wanted)  # whatever changed its sources may have changed its importance
