"""Storing one article's extraction: the article, its events (new or joined), mentions, actors."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import or_, select
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
from app.pipeline.merge import REPORTING_LAG_DAYS, EventSnapshot, candidate_agent_keys, decide
from app.pipeline.types import ActorRef, ArticleExtraction, DateInterval, EventCandidate, Happening
from app.services.importance import rescore

# How many stored events with an overlapping date a new mention is compared against. Merging
# only needs the plausible ones; the cap keeps ingestion time flat as the database grows.
MERGE_CANDIDATE_LIMIT = 200


@dataclass
class StoredArticle:
    article_id: str
    events_created: list[str] = field(default_factory=list)
    events_joined: list[str] = field(default_factory=list)


def happenings_of(extraction: ArticleExtraction) -> tuple[Happening, ...]:
    """The extraction's happenings; an extraction without them (made by hand, or older) has one per
    candidate."""
    if extraction.happenings or not extraction.events:
        return extraction.happenings
    return tuple(Happening((i,), i, c) for i, c in enumerate(extraction.events))


def find_article_by_hash(session: Session, text_hash: str) -> Article | None:
    return session.execute(select(Article).where(Article.content_hash == text_hash)).scalars().first()


def store_article(
    session: Session,
    article_input: ArticleInput,
    extraction: ArticleExtraction,
    families: Mapping[str, str] | None = None,
) -> StoredArticle:
    """Add the article and attach each event candidate to a matching event or a new one.

    `families` maps event types to their family in the taxonomy (attack and military_action are
    both "violence"), so the merge can tell compatible types from different ones."""
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
    writer = _ArticleWriter(session, article, text_hash, families)
    # One flush at the end instead of one per query: the writer keeps in memory everything this
    # article adds, so nothing it asks the database depends on unflushed rows.
    with session.no_autoflush:
        for happening in happenings_of(extraction):
            writer.add_happening(happening, extraction.events)
    # Two flushes, parents first: without ORM relationships the unit of work does not order
    # inserts by foreign key, so rows that point at events, actors or places go second.
    session.flush()
    session.add_all(writer.dependent_rows)
    session.flush()
    for (day, event_type), count in writer.new_day_counts.items():
        bump_day_count(session, day, event_type, count)
    # The article is new, so it is one more source for every event it joined and the only
    # source of the events it created: no need to count again.
    for event_id in writer.created:
        writer.events[event_id].sources_count = 1
    for event_id in writer.joined:
        writer.events[event_id].sources_count += 1
    rescore(session, writer.created + writer.joined)
    return StoredArticle(article_id=article.id, events_created=writer.created, events_joined=writer.joined)


class _ArticleWriter:
    """Writes one article's candidates, caching what it read or wrote so each row is fetched once."""

    def __init__(self, session: Session, article: Article, text_hash: str, families=None):
        self.session = session
        self.families = families
        self.article = article
        self.text_hash = text_hash
        self.created: list[str] = []
        self.joined: list[str] = []
        self.events: dict[str, Event] = {}
        self.snapshots: dict[str, EventSnapshot] = {}
        self.loaded_intervals: set[tuple] = set()
        self.actors: dict[str, Actor | None] = {}
        self.links: set[tuple[str, str, str]] = set()
        self.place_links: set[tuple[str, str]] = set()
        self.places: dict[str, Location | None] = {}
        self.aliases: set[tuple[str, str]] = set()
        self.new_day_counts: Counter[tuple[dt.date, str]] = Counter()
        self.dependent_rows: list = []  # mentions and links, added once their parents exist

    def add_happening(self, happening: Happening, candidates: tuple[EventCandidate, ...]) -> None:
        """One happening of the article: its event (new or an earlier report's) and a mention for
        every sentence that reports it. The pipeline decided which sentences belong together, so
        this article's own events are never merge candidates for each other."""
        lead = candidates[happening.lead]
        event = self.add(happening.profile, key_of=lead, exclude=set(self.created) | set(self.joined))
        for index in happening.members:
            if index == happening.lead:
                continue
            member = candidates[index]
            key = ids.mention_key(self.text_hash, member.sentence.start, member.ordinal)
            self.dependent_rows.append(_mention(event, self.article, member, key))
            self._attach(event, member)
            self._remember(event, member)

    def add(self, candidate: EventCandidate, key_of: EventCandidate | None = None,
            exclude: set[str] | None = None) -> Event:
        source = key_of or candidate
        key = ids.mention_key(self.text_hash, source.sentence.start, source.ordinal)
        names = {a.key: a.name for a in candidate.actors}
        snapshots = [s for s in self._snapshots_for(candidate) if not exclude or s.id not in exclude]
        decision = decide(candidate, snapshots, families=self.families, names=names)
        if decision.event_id:
            event = self._event(decision.event_id)
            event.merge_reasons = sorted(set(event.merge_reasons or ()) | set(decision.reasons))
            event.updated_at = utcnow()
            if event.id not in self.created and event.id not in self.joined:
                self.joined.append(event.id)
        else:
            event = _new_event(self.session, candidate, key)
            self.new_day_counts[(event.date_start, event.type)] += 1
            self.events[event.id] = event
            self.created.append(event.id)
        self.dependent_rows.append(_mention(event, self.article, source if key_of else candidate, key))
        self._attach(event, candidate)
        self._remember(event, candidate)
        return event

    def _snapshots_for(self, candidate: EventCandidate) -> list[EventSnapshot]:
        interval = candidate.date.interval
        cache_key = (interval.start, interval.end, interval.open_end)
        if cache_key not in self.loaded_intervals:
            self.loaded_intervals.add(cache_key)
            for snapshot in merge_snapshots(self.session, candidate):
                self.snapshots.setdefault(snapshot.id, snapshot)
        # The merge stage judges dates itself; this only drops what cannot be near.
        lag = dt.timedelta(days=REPORTING_LAG_DAYS)
        near = DateInterval(interval.start - lag, interval.end + lag, interval.precision, interval.open_end)
        return [s for s in self.snapshots.values() if _overlaps(s.interval, near)]

    def _remember(self, event: Event, candidate: EventCandidate) -> None:
        """Keep the in-memory snapshot of `event` in step with what this candidate added."""
        previous = self.snapshots.get(event.id)
        keys = {a.key for a in candidate.actors} | {a.parent for a in candidate.actors if a.parent}
        agents = candidate_agent_keys(candidate)
        self.snapshots[event.id] = EventSnapshot(
            id=event.id,
            type=event.type,
            interval=DateInterval(event.date_start, event.date_end, event.precision, event.open_end),
            modality=event.modality,
            actor_keys=frozenset(keys | (previous.actor_keys if previous else set())),
            texts=tuple((previous.texts if previous else (event.title,)) + (candidate.sentence.text,)),
            inherited=event.date_method == "inherited",
            agent_keys=frozenset(agents | (previous.agent_keys if previous else set())),
        )

    def _event(self, event_id: str) -> Event:
        if event_id not in self.events:
            self.events[event_id] = self.session.execute(select(Event).where(Event.id == event_id)).scalars().one()
            self.links |= {
                (event_id, actor_id, role)
                for actor_id, role in self.session.execute(
                    select(EventActor.actor_id, EventActor.role).where(EventActor.event_id == event_id)
                ).all()
            }
            self.place_links |= {
                (event_id, location_id)
                for (location_id,) in self.session.execute(
                    select(EventLocation.location_id).where(EventLocation.event_id == event_id)
                ).all()
            }
        return self.events[event_id]

    def _attach(self, event: Event, candidate: EventCandidate) -> None:
        for ref in candidate.actors:
            self._ensure_actor(ref)
            link = (event.id, ref.key, ref.role)
            if link not in self.links:
                self.links.add(link)
                self.dependent_rows.append(EventActor(event_id=event.id, actor_id=ref.key, role=ref.role))
        for place in candidate.places:
            if place.key not in self.places:
                self.places[place.key] = self.session.get(Location, place.key)
            if self.places[place.key] is None:
                location = Location(id=place.key, name=place.name, country=place.country, **place_position(place))
                self.session.add(location)
                self.places[place.key] = location
            else:
                fill_position(self.places[place.key], place)
            if (event.id, place.key) not in self.place_links:
                self.place_links.add((event.id, place.key))
                self.dependent_rows.append(EventLocation(event_id=event.id, location_id=place.key))

    def _actor(self, key: str) -> Actor | None:
        if key not in self.actors:
            self.actors[key] = self.session.get(Actor, key)
        return self.actors[key]

    def _ensure_actor(self, ref: ActorRef) -> None:
        if ref.parent and ref.parent != ref.key and self._actor(ref.parent) is None:
            # The parent is known to the resources by key only; store it under a readable name
            # until an article names it properly.
            parent = Actor(id=ref.parent, name=ref.parent.replace("-", " ").title(), kind="unknown")
            self.session.add(parent)
            self.actors[ref.parent] = parent
        actor = self._actor(ref.key)
        if actor is None:
            actor = Actor(id=ref.key, name=ref.name, kind=ref.kind, parent_id=ref.parent)
            self.session.add(actor)
            self.actors[ref.key] = actor
        elif actor.kind == "unknown" and ref.kind != "unknown":
            actor.name, actor.kind = ref.name, ref.kind
        alias = ref.surface.strip()
        if alias and alias.lower() != actor.name.lower() and (actor.id, alias) not in self.aliases:
            self.aliases.add((actor.id, alias))
            exists = self.session.execute(
                select(ActorAlias.id).where(ActorAlias.actor_id == actor.id, ActorAlias.alias == alias)
            ).first()
            if exists is None:
                self.dependent_rows.append(ActorAlias(actor_id=actor.id, alias=alias))


def place_position(place) -> dict:
    """Where the gazetteer put a place, when the pipeline says (PlaceRef.latitude, .longitude,
    .country_code; read with defaults, so extractions made before geocoding store None)."""
    return {"latitude": getattr(place, "latitude", None), "longitude": getattr(place, "longitude", None),
            "country_code": getattr(place, "country_code", None)}


def fill_position(location: Location, place) -> None:
    """A stored place without a position takes the one a newer extraction found."""
    position = place_position(place)
    if location.latitude is None and position["latitude"] is not None and position["longitude"] is not None:
        location.latitude, location.longitude = position["latitude"], position["longitude"]
    if location.country_code is None and position["country_code"]:
        location.country_code = position["country_code"]


def _overlaps(a: DateInterval, b: DateInterval) -> bool:
    a_end = dt.date.max if a.open_end else a.end
    b_end = dt.date.max if b.open_end else b.end
    return a.start <= b_end and b.start <= a_end


def merge_snapshots(session: Session, candidate: EventCandidate) -> list[EventSnapshot]:
    """Active events whose date interval overlaps the candidate's, as the merge stage sees them."""
    interval = candidate.date.interval
    # An undated report may be about an event of the days before it (merge.REPORTING_LAG_DAYS),
    # and a stored undated event may be a report of the days after: look that far both ways.
    lag = dt.timedelta(days=REPORTING_LAG_DAYS)
    rows = session.execute(
        select(Event)
        .where(
            Event.status == "active",
            Event.date_start <= interval.end + lag,
            or_(Event.date_end >= interval.start - lag, Event.open_end.is_(True)),
        )
        .order_by(Event.date_start)
        .limit(MERGE_CANDIDATE_LIMIT)
    ).scalars().all()
    if not rows:
        return []
    event_ids = [row.id for row in rows]
    actors: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    agents: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    for event_id, actor_id, role, parent_id in session.execute(
        select(EventActor.event_id, EventActor.actor_id, EventActor.role, Actor.parent_id)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(event_ids))
    ).all():
        found = {actor_id, parent_id} - {None}
        actors[event_id] |= found
        if role in ("initiator", "speaker"):
            agents[event_id] |= found
    texts: dict[str, list[str]] = {event_id: [] for event_id in event_ids}
    for event_id, sentence in session.execute(
        select(Mention.event_id, Mention.sentence).where(Mention.event_id.in_(event_ids))
    ).all():
        texts[event_id].append(sentence)
    return [
        EventSnapshot(
            id=row.id,
            type=row.type,
            interval=DateInterval(row.date_start, row.date_end, row.precision, row.open_end),
            modality=row.modality,
            actor_keys=frozenset(actors[row.id]),
            texts=tuple([row.title, *texts[row.id]]),
            inherited=row.date_method == "inherited",
            agent_keys=frozenset(agents[row.id]),
        )
        for row in rows
    ]


def event_fields(candidate: EventCandidate) -> dict:
    """The machine-set fields of an event founded by `candidate` (re-extraction refreshes the same)."""
    date = candidate.date
    return {
        "title": candidate.title,
        "summary": candidate.sentence.text,
        "type": candidate.type,
        "modality": candidate.modality,
        "date_start": date.interval.start,
        "date_end": date.interval.end,
        "precision": date.interval.precision,
        "open_end": date.interval.open_end,
        "date_method": date.method,
        "date_rule": date.rule,
        "date_expression": date.expression,
        "date_anchor": date.anchor,
    }


def mention_fields(candidate: EventCandidate) -> dict:
    """The fields of a mention as the extractor read its sentence."""
    sentence, date = candidate.sentence, candidate.date
    return {
        "sentence_index": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
        "sentence": sentence.text,
        "trigger": candidate.trigger,
        "type": candidate.type,
        "modality": candidate.modality,
        "date_expression": date.expression,
        "date_rule": date.rule,
        "date_method": date.method,
        "claim": candidate.claim,
        "claim_by": candidate.claim_by,
        "figures": [
            {"quantity": f.quantity, "what": f.what, "source": f.source, "start": f.start, "end": f.end}
            for f in candidate.figures
        ],
    }


def _new_event(session: Session, candidate: EventCandidate, key: str) -> Event:
    event = Event(id=key, slug=ids.slugify(candidate.title), **event_fields(candidate))
    session.add(event)
    return event


def _mention(event: Event, article: Article, candidate: EventCandidate, key: str) -> Mention:
    return Mention(key=key, event_id=event.id, article_id=article.id, **mention_fields(candidate))


def ensure_actor(session: Session, ref: ActorRef) -> Actor:
    """The stored actor for `ref`, created if new (for callers outside article ingestion)."""
    writer = _ArticleWriter(session, None, "")  # type: ignore[arg-type]
    with session.no_autoflush:
        writer._ensure_actor(ref)
    session.flush()
    session.add_all(writer.dependent_rows)
    return writer.actors[ref.key]


def refresh_sources_count(session: Session, event_id: str) -> None:
    from sqlalchemy import func

    count = session.execute(
        select(func.count(func.distinct(Mention.article_id))).where(Mention.event_id == event_id)
    ).scalar_one()
    event = session.execute(select(Event).where(Event.id == event_id)).scalars().one()
    event.sources_count = count
    rescore(session, [event_id])  # whatever changed its sources may have changed its importance


def bump_day_count(session: Session, day: dt.date, event_type: str, delta: int) -> None:
    row = session.get(EventDayCount, (day, event_type))
    if row is None:
        session.add(EventDayCount(day=day, type=event_type, count=max(delta, 0)))
    else:
        row.count = max(row.count + delta, 0)
