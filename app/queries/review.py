"""The editors' queue: active events no editor has checked, the most important first."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from app.models import Event
from app.queries.assembly import event_views
from app.queries.views import ReviewQueue

REVIEW_PAGE = 50
REVIEW_COUNT_CAP = 10_000
MAX_PAGE = 10_000


def unreviewed_count(session: Session) -> tuple[int, bool]:
    """Active events no editor has checked, counted up to REVIEW_COUNT_CAP, and whether there are
    more than that ("10,000+")."""
    found = session.execute(select(func.count()).select_from(
        select(Event.seq).where(Event.status == "active", Event.reviewed.is_(False))
        .limit(REVIEW_COUNT_CAP + 1).subquery())).scalar_one()
    return min(found, REVIEW_COUNT_CAP), found > REVIEW_COUNT_CAP


def review_queue(session: Session, page: int, base_url: str) -> ReviewQueue:
    """One page (1-based) of the unchecked events, the most important first."""
    page = max(1, min(page, MAX_PAGE))
    rows = session.execute(
        select(Event).where(Event.status == "active", Event.reviewed.is_(False))
        .order_by(Event.importance.desc(), Event.date_start, Event.seq)
        .offset((page - 1) * REVIEW_PAGE).limit(REVIEW_PAGE + 1)).scalars().all()
    count, more = unreviewed_count(session)
    events = event_views(session, rows[:REVIEW_PAGE], base_url, first_mention_only=True)
    return ReviewQueue(tuple(events), page, count, more, len(rows) > REVIEW_PAGE)
