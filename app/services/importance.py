"""Keeping `event.importance` (app/importance.py) equal to the score of what is stored.

`rescore` is called wherever an event's mentions, figures, type or modality change: recounting
sources (app/services/counts.py:recount_sources) rescores the same events, the article writer
(app/services/articles.py) scores the events it founds, and an editor's edit of the type calls
it too. `expected_scores` recomputes every event's score for
`timeline check`, which the tests run after each kind of write.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import func, select, update
from sqlmodel import Session

from app.importance import score
from app.models import Article, Event, Mention

BATCH = 2_000


def _publisher_key():
    # An article without a publisher stands for a publisher of its own.
    return func.coalesce(Article.publisher, Article.id)


def scores_of(session: Session, event_ids: Sequence[str]) -> dict[str, int]:
    """The importance each of these events should have, from its stored mentions."""
    if not event_ids:
        return {}
    publishers: dict[str, int] = dict(session.execute(
        select(Mention.event_id, func.count(func.distinct(_publisher_key())))
        .join(Article, Article.id == Mention.article_id)
        .where(Mention.event_id.in_(event_ids)).group_by(Mention.event_id)).all())
    figures: dict[str, list] = defaultdict(list)
    for event_id, found in session.execute(
            select(Mention.event_id, Mention.figures).where(Mention.event_id.in_(event_ids))).all():
        figures[event_id].extend(found or ())
    return {
        event_id: score(event_type, modality, publishers.get(event_id, 0), figures.get(event_id, ()))
        for event_id, event_type, modality in session.execute(
            select(Event.id, Event.type, Event.modality).where(Event.id.in_(event_ids))).all()
    }


def rescore(session: Session, event_ids: Iterable[str]) -> None:
    """Store the current importance of these events (pending rows are flushed first)."""
    wanted = sorted(set(event_ids))
    if not wanted:
        return
    session.flush()
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start:start + BATCH]
        kept = dict(session.execute(select(Event.id, Event.importance).where(Event.id.in_(chunk))).all())
        for event_id, value in scores_of(session, chunk).items():
            if kept.get(event_id) != value:
                session.execute(update(Event).where(Event.id == event_id).values(importance=value)
                                .execution_options(synchronize_session=False))
    for event in list(session.identity_map.values()):  # loaded copies read the new number
        if isinstance(event, Event) and event.id in wanted:
            session.expire(event, ["importance"])


def all_event_ids(session: Session, *, active_only: bool = False) -> Iterator[list[str]]:
    """Every event id (or every active one), in batches by sequence number, so memory stays flat."""
    last = 0
    while True:
        query = select(Event.seq, Event.id).where(Event.seq > last)
        if active_only:
            query = query.where(Event.status == "active")
        rows = session.execute(query.order_by(Event.seq).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1][0]
        yield [event_id for _, event_id in rows]


def importance_drift(session: Session) -> list[str]:
    """Active events whose stored importance differs from a recount ("id: kept 12, counted 40").
    A deleted event's score is left as it was when it lost its last source."""
    differences = []
    for chunk in all_event_ids(session, active_only=True):
        kept = dict(session.execute(select(Event.id, Event.importance).where(Event.id.in_(chunk))).all())
        for event_id, value in scores_of(session, chunk).items():
            if kept.get(event_id) != value:
                differences.append(f"{event_id}: kept {kept.get(event_id)}, counted {value}")
    return differences


def rescore_all(session: Session) -> int:
    """Recompute every event's importance (the repair for drift, and migration 0006's backfill);
    returns how many changed."""
    changed = 0
    for chunk in all_event_ids(session):
        kept = dict(session.execute(select(Event.id, Event.importance).where(Event.id.in_(chunk))).all())
        for event_id, value in scores_of(session, chunk).items():
            if kept.get(event_id) != value:
                session.execute(update(Event).where(Event.id == event_id).values(importance=value)
                                .execution_options(synchronize_session=False))
                changed += 1
    return changed
