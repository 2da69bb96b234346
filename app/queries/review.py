"""The editors' queue: active events no editor has checked, the most important first.

Pages are read by key, not by offset: a page holds the events after (or before) the last one the
editor saw in the queue's order (importance down, then date and sequence up). Marking an event
checked then never shifts the next page by one, and a page deep in a queue of a million events
costs what the first one costs (an offset would read and drop every event before it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from app.errors import BadFilter
from app.models import Event
from app.queries.assembly import event_views
from app.queries.views import ReviewQueue

REVIEW_PAGE = 50
REVIEW_COUNT_CAP = 10_000
KEY = re.compile(r"(\d{1,3})\.(\d{4}-\d{2}-\d{2})\.(\d{1,18})")


@dataclass(frozen=True, order=True)
class QueueKey:
    """Where an event stands in the queue: its importance, start day and sequence number."""

    importance: int
    day: dt.date
    seq: int

    def encode(self) -> str:
        return f"{self.importance}.{self.day.isoformat()}.{self.seq}"

    @classmethod
    def of(cls, event: Event) -> QueueKey:
        return cls(int(event.importance), event.date_start, int(event.seq))


def parse_key(text: str, name: str) -> QueueKey | None:
    """A key from the URL ('87.2011-03-19.4512'), None when absent; a malformed one is refused in
    words rather than read as the first page."""
    if not text:
        return None
    match = KEY.fullmatch(text.strip())
    if match is None:
        raise BadFilter(f"'{name}' should look like 87.2011-03-19.4512 (importance, start day, number), "
                        f"not {text[:40]!r}", field=name)
    importance, day, seq = match.groups()
    try:
        return QueueKey(int(importance), dt.date.fromisoformat(day), int(seq))
    except ValueError:
        raise BadFilter(f"'{name}' holds a day that does not exist: {day}", field=name) from None


def _unchecked():
    return [Event.status == "active", Event.reviewed.is_(False)]


def _after(key: QueueKey):
    """Later in the queue's order: less important, or as important and later in date order."""
    return or_(Event.importance < key.importance,
               and_(Event.importance == key.importance,
                    or_(Event.date_start > key.day, and_(Event.date_start == key.day, Event.seq > key.seq))))


def _before(key: QueueKey):
    return or_(Event.importance > key.importance,
               and_(Event.importance == key.importance,
                    or_(Event.date_start < key.day, and_(Event.date_start == key.day, Event.seq < key.seq))))


FORWARD = (Event.importance.desc(), Event.date_start, Event.seq)
BACKWARD = (Event.importance, Event.date_start.desc(), Event.seq.desc())


def unreviewed_count(session: Session) -> tuple[int, bool]:
    """Active events no editor has checked, counted up to REVIEW_COUNT_CAP, and whether there are
    more than that ("10,000+")."""
    found = session.execute(select(func.count()).select_from(
        select(Event.seq).where(*_unchecked()).limit(REVIEW_COUNT_CAP + 1).subquery())).scalar_one()
    return min(found, REVIEW_COUNT_CAP), found > REVIEW_COUNT_CAP


def review_queue(session: Session, base_url: str, after: QueueKey | None = None,
                 before: QueueKey | None = None) -> ReviewQueue:
    """The page of unchecked events that follows `after` (or precedes `before`; the first page
    when neither is given), the most important first."""
    if before is not None:
        rows = list(session.execute(select(Event).where(*_unchecked(), _before(before))
                                    .order_by(*BACKWARD).limit(REVIEW_PAGE + 1)).scalars())
        if not rows:  # everything before it has been checked since: the queue's head
            return review_queue(session, base_url)
        has_previous = len(rows) > REVIEW_PAGE
        rows = rows[:REVIEW_PAGE][::-1]
        has_next = True
    else:
        query = select(Event).where(*_unchecked())
        if after is not None:
            query = query.where(_after(after))
        rows = list(session.execute(query.order_by(*FORWARD).limit(REVIEW_PAGE + 1)).scalars())
        if not rows and after is not None:
            # Nothing after it is left unchecked (the editor checked the last page's events): the
            # page that ends with it, itself included, as the key just after it comes after it.
            return review_queue(session, base_url, before=QueueKey(after.importance, after.day, after.seq + 1))
        has_next = len(rows) > REVIEW_PAGE
        rows = rows[:REVIEW_PAGE]
        has_previous = after is not None and _exists(session, _before(QueueKey.of(rows[0]) if rows else after))
    count, more = unreviewed_count(session)
    events = event_views(session, rows, base_url, first_mention_only=True)
    return ReviewQueue(
        events=tuple(events), count=count, count_is_lower_bound=more,
        first_key=QueueKey.of(rows[0]).encode() if rows else None,
        last_key=QueueKey.of(rows[-1]).encode() if rows else None,
        has_previous=has_previous, has_next=has_next,
    )


def _exists(session: Session, clause) -> bool:
    return session.execute(select(Event.seq).where(*_unchecked(), clause).limit(1)).first() is not None
