"""Storing one article's extraction: the article, its events (new or joined), mentions, actors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from app import ids
from app.ingest.sources import ArticleInput
from app.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    EventActor,
    EventDayCount,
    EventLocation,
    Location,
    Mention,
    utcnow,
)
from app.pipeline.merge import EventSnapshot, decide
from app.pipeline.types import ActorRef, ArticleExtraction, EventCandidate

# How many stored events with an overlapping date a new mention is compared against. Merging
# only needs the plausible ones; the cap keeps ingestion time flat as the database grows.
MERGE_CANDIDATE_LIMIT = 200


@dataclass
class StoredArticle:
    article_id: str
    events_created: list[str] = field(default_factory=list)
    events_joined: list[str] = field(default_factory=list)


def find_article_by_hash(session: Session, text_hash: str) -> Article | None:
    return session.execute(select(Article).where(Article.content_hash == text_hash)).scalars().first()


def store_article(
    session: Session, article_input: ArticleInput, extraction: ArticleExtraction
) -> StoredArticle:
    """Add the article and attach each event candidate to a matching event or a new one."""
    text_hash = ids.content_hash(article_input.text)
    article = Article(
        id=ids.article_id(text_hash),
        content_hash=text_hash,
        title=article_input.title or extraction.title,
        title_derived=not article_input.title,
        publisher=article_input.publisher,
        url=article_input.url,
        published=article_input.published,
        text=article_input.text,
        source_format=article_input.source_format,
        sentence_spans=[[s.start, s.end] for s in extraction.sentences],
        body_spans=[list(span) for span in extraction.body],
    )
    session.add(article)
    session.flush()
    stored = StoredArticle(article_id=article.id)
    for candidate in extraction.events:
        key = ids.mention_key(text_hash, candidate.sentence.start, candidate.ordinal)
        snapshots = merge_snapshots(session, candidate)
        decision = decide(candidate, snapshots)
        if decision.event_id:
            event = session.execute(select(Event).where(Event.id == decision.event_id)).scalars().one()
            _add_mention(session, event, article, candidate, key)
            event.merge_reasons = sorted(set(event.merge_reasons) | set(decision.reasons))
            event.updated_at = utcnow()
            if event.id not in stored.events_created and event.id not in stored.events_joined:
                stored.events_joined.append(event.id)
        else:
            event = _new_event(session, candidate, key)
            _add_mention(session, event, article, candidate, key)
            stored.events_created.append(event.id)
        _attach_actors_and_places(session, event, candidate)
        session.flush()
    for event_id in stored.events_joined + stored.events_created:
        refresh_sources_count(session, event_id)
    return stored


def merge_snapshots(session: Session, candidate: EventCandidate) -> list[EventSnapshot]:
    """Active events whose date interval overlaps the candidate's, as the merge stage sees them."""
    interval = candidate.date.interval
    rows = session.execute(
        select(Event)
        .where(
            Event.status == "active",
            Event.date_start <= interval.end,
            or_(Event.date_end >= interval.start, and_(Event.open_end.is_(True))),
        )
        .order_by(Event.date_start)
        .limit(MERGE_CANDIDATE_LIMIT)
    ).scalars().all()
    if not rows:
        return []
    event_ids = [row.id for row in rows]
    actors: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    for event_id, actor_id in session.execute(
        select(EventActor.event_id, EventActor.actor_id).where(EventActor.event_id.in_(event_ids))
    ).all():
        actors[event_id].add(actor_id)
    texts: dict[str, list[str]] = {event_id: [] for event_id in event_ids}
    for event_id, sentence in session.execute(
        select(Mention.event_id, Mention.sentence).where(Mention.event_id.in_(event_ids))
    ).all():
        texts[event_id].append(sentence)
    from app.pipeline.types import DateInterval

    return [
        EventSnapshot(
            id=row.id,
            type=row.type,
            interval=DateInterval(row.date_start, row.date_end, row.precision, row.open_end),
            modality=row.modality,
            actor_keys=frozenset(actors[row.id]),
            texts=tuple([row.title, *texts[row.id]]),
        )
        for row in rows
    ]


def _new_event(session: Session, candidate: EventCandidate, key: str) -> Event:
    date = candidate.date
    event = Event(
        id=key,
        slug=ids.slugify(candidate.title),
        title=candidate.title,
        summary=candidate.sentence.text,
        type=candidate.type,
        modality=candidate.modality,
        date_start=date.interval.start,
        date_end=date.interval.end,
        precision=date.interval.precision,
        open_end=date.interval.open_end,
        date_method=date.method,
        date_rule=date.rule,
        date_expression=date.expression,
        date_anchor=date.anchor,
    )
    session.add(event)
    session.flush()
    bump_day_count(session, event.date_start, event.type, +1)
    return event


def _add_mention(
    session: Session, event: Event, article: Article, candidate: EventCandidate, key: str
) -> Mention:
    mention = Mention(
        key=key,
        event_id=event.id,
        article_id=article.id,
        sentence_index=candidate.sentence.index,
        start=candidate.sentence.start,
        end=candidate.sentence.end,
        sentence=candidate.sentence.text,
        trigger=candidate.trigger,
        type=candidate.type,
        modality=candidate.modality,
        date_expression=candidate.date.expression,
        date_rule=candidate.date.rule,
        date_method=candidate.date.method,
        claim=candidate.claim,
        claim_by=candidate.claim_by,
        figures=[
            {"quantity": f.quantity, "what": f.what, "source": f.source, "start": f.start, "end": f.end}
            for f in candidate.figures
        ],
    )
    session.add(mention)
    return mention


def _attach_actors_and_places(session: Session, event: Event, candidate: EventCandidate) -> None:
    for ref in candidate.actors:
        ensure_actor(session, ref)
        link = session.get(EventActor, (event.id, ref.key, ref.role))
        if link is None:
            session.add(EventActor(event_id=event.id, actor_id=ref.key, role=ref.role))
    for place in candidate.places:
        if session.get(Location, place.key) is None:
            session.add(Location(id=place.key, name=place.name, country=place.country))
            session.flush()
        if session.get(EventLocation, (event.id, place.key)) is None:
            session.add(EventLocation(event_id=event.id, location_id=place.key))


def ensure_actor(session: Session, ref: ActorRef) -> Actor:
    actor = session.get(Actor, ref.key)
    if ref.parent and ref.parent != ref.key and session.get(Actor, ref.parent) is None:
        # The parent is known to the resources by key; store it under a readable name until
        # an article names it properly.
        session.add(Actor(id=ref.parent, name=ref.parent.replace("-", " ").title(), kind="unknown"))
        session.flush()
    if actor is None:
        actor = Actor(id=ref.key, name=ref.name, kind=ref.kind, parent_id=ref.parent)
        session.add(actor)
        session.flush()
    elif actor.kind == "unknown" and ref.kind != "unknown":
        actor.name, actor.kind = ref.name, ref.kind
    alias = ref.surface.strip()
    if alias and alias.lower() != actor.name.lower():
        exists = session.execute(
            select(ActorAlias).where(ActorAlias.actor_id == actor.id, ActorAlias.alias == alias)
        ).scalars().first()
        if exists is None:
            session.add(ActorAlias(actor_id=actor.id, alias=alias))
    return actor


def refresh_sources_count(session: Session, event_id: str) -> None:
    from sqlalchemy import func

    count = session.execute(
        select(func.count(func.distinct(Mention.article_id))).where(Mention.event_id == event_id)
    ).scalar_one()
    event = session.execute(select(Event).where(Event.id == event_id)).scalars().one()
    event.sources_count = count


def bump_day_count(session: Session, day: dt.date, event_type: str, delta: int) -> None:
    row = session.get(EventDayCount, (day, event_type))
    if row is None:
        session.add(EventDayCount(day=day, type=event_type, count=max(delta, 0)))
    else:
        row.count = max(row.count + delta, 0)
