"""Re-extraction: run the (improved) extractor again over every stored article and reconcile.

Used after the extractor or its data files changed (`timeline reextract`). Public ids never move:

- a mention whose key (article text hash, sentence start, ordinal) is found again keeps its event;
  when it is the mention that founded the event (the event's id is its key), the event's machine
  fields are refreshed from it, except those an editor set by hand (`manual_fields`);
- a candidate with a new key joins or creates an event exactly as ingestion does (the new event's
  id is the key); a key that once founded an event now deleted brings that event back, and a key
  merged away joins the survivor;
- a mention no longer found is removed, and an event left without mentions becomes "deleted"
  (410, its sources recorded in the audit log), unless an editor reviewed it: then its mentions
  stay, since the editor vouched for them;
- sources counts and per-day counts stay right; every change to an event is in the audit log
  (username "re-extraction").

Extraction runs outside any transaction; each article is reconciled in one transaction of its own,
so an interrupted run leaves every article either done or untouched, and can simply be run again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from app import ids
from app.config import Settings
from app.db import session_scope
from app.ingest.sources import ArticleInput
from app.models import Article, Event, EventActor, EventAlias, EventLocation, Location, Mention, utcnow
from app.pipeline.merge import decide
from app.pipeline.types import ArticleExtraction, EventCandidate
from app.services.curation import DATE_FIELDS, MACHINE, audit, retire_mentions, set_status
from app.services.ingestion import (
    bump_day_count,
    ensure_actor,
    event_fields,
    fill_position,
    place_position,
    mention_fields,
    merge_snapshots,
    refresh_sources_count,
)

Extractor = Callable[[ArticleInput], ArticleExtraction]
VANISHED = "a new run of the extractor no longer finds it in its sources"


@dataclass
class ReextractReport:
    articles: int = 0
    mentions_kept: int = 0
    mentions_added: int = 0
    mentions_removed: int = 0
    events_created: list[str] = field(default_factory=list)
    events_updated: list[str] = field(default_factory=list)
    events_deleted: list[str] = field(default_factory=list)
    events_restored: list[str] = field(default_factory=list)
    events_kept_reviewed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.articles} articles re-extracted: {self.mentions_kept} reports kept, "
                f"{self.mentions_added} new, {self.mentions_removed} gone; events: "
                f"{len(self.events_created)} new, {len(self.events_updated)} updated, "
                f"{len(self.events_deleted)} deleted, {len(self.events_restored)} restored, "
                f"{len(self.events_kept_reviewed)} kept because an editor reviewed them")


def article_input(article: Article) -> ArticleInput:
    """The stored article as ingestion saw it (a derived title is not given back as a title)."""
    return ArticleInput(
        text=article.text,
        published=article.published,
        title=None if article.title_derived else article.title,
        publisher=article.publisher,
        url=article.url,
        source_format=article.source_format,
        origin=f"article {article.id}",
    )


def reextract_all(settings: Settings, *, extractor: Extractor | None = None,
                  on_article: Callable[[str], None] | None = None) -> ReextractReport:
    """Re-extract every current article (not deleted, not replaced), oldest ingestion first."""
    if extractor is None:
        from app.ingest.runner import extract

        def extractor(item: ArticleInput) -> ArticleExtraction:
            return extract(item, settings)

    report = ReextractReport()
    with session_scope(settings.database_url) as session:
        article_ids = list(session.execute(
            select(Article.id).where(Article.deleted_at.is_(None), Article.replaced_by.is_(None))
            .order_by(Article.ingested_at, Article.id)
        ).scalars())
    for article_id in article_ids:
        with session_scope(settings.database_url) as session:
            item = article_input(session.get(Article, article_id))
        extraction = extractor(item)
        with session_scope(settings.database_url) as session:
            article = session.get(Article, article_id)
            if article is None or article.deleted_at is not None or article.replaced_by is not None:
                continue  # deleted or replaced while we were extracting
            reconcile_article(session, article, extraction, report)
        report.articles += 1
        if on_article:
            on_article(article_id)
    return report


def reconcile_article(session: Session, article: Article, extraction: ArticleExtraction,
                      report: ReextractReport | None = None,
                      families: dict[str, str] | None = None) -> ReextractReport:
    """Bring the stored mentions and events of one article in line with a new extraction."""
    report = report or ReextractReport()
    if families is None:
        from app.ingest.runner import type_families

        families = type_families()
    article.sentence_spans = [[s.start, s.end] for s in extraction.sentences]
    article.body_spans = [list(span) for span in extraction.body]
    if article.title_derived:
        article.title = extraction.title
    existing = {m.key: m for m in session.execute(
        select(Mention).where(Mention.article_id == article.id)).scalars()}
    found: dict[str, EventCandidate] = {}
    for candidate in extraction.events:
        found.setdefault(ids.mention_key(article.content_hash, candidate.sentence.start, candidate.ordinal), candidate)
    touched: set[str] = set()
    for key, candidate in found.items():
        mention = existing.get(key)
        if mention is not None:
            event = _event(session, mention.event_id)
            _refresh_mention(mention, candidate)
            if event.id == key and refresh_event(session, event, candidate):
                _note(report.events_updated, event.id)
            report.mentions_kept += 1
        else:
            event = event_for_new_key(session, key, candidate, report, families)
            session.add(new_mention(event, article, candidate, key))
            report.mentions_added += 1
        if "actors" not in (event.manual_fields or ()):
            attach(session, event, candidate)
        touched.add(event.id)
        session.flush()
    vanished = [m for key, m in existing.items() if key not in found]
    deleted, kept = retire_mentions(session, MACHINE, vanished, VANISHED, keep_reviewed=True)
    report.mentions_removed += sum(1 for m in vanished if m.event_id not in kept)
    report.events_deleted += deleted
    for event_id in kept:
        _note(report.events_kept_reviewed, event_id)
    for event_id in touched - set(deleted):
        refresh_sources_count(session, event_id)
    return report


def _note(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _event(session: Session, event_id: str) -> Event:
    return session.execute(select(Event).where(Event.id == event_id)).scalars().one()


def event_for_new_key(session: Session, key: str, candidate: EventCandidate, report: ReextractReport,
                       families: dict[str, str]) -> Event:
    """The event a newly found mention belongs to: the one it once founded, the survivor of a
    merge of that one, or whatever ingestion would choose."""
    event = session.execute(select(Event).where(Event.id == key)).scalars().first()
    if event is not None:
        if event.status == "deleted":
            refresh_event(session, event, candidate, record=False)
            set_status(session, event, "active")
            audit(session, MACHINE, "event.restored", "event", event.id, {"status": "deleted"},
                  {"status": "active", "note": "a new run of the extractor found its source again"})
            _note(report.events_restored, event.id)
        return event
    alias = session.get(EventAlias, key)
    if alias is not None:
        target = _follow(session, alias.event_id)
        if target is not None and target.status != "deleted":
            return target
    names = {a.key: a.name for a in candidate.actors}
    decision = decide(candidate, merge_snapshots(session, candidate), families=families, names=names)
    if decision.event_id:
        event = _event(session, decision.event_id)
        event.merge_reasons = sorted(set(event.merge_reasons or ()) | set(decision.reasons))
        event.updated_at = utcnow()
        return event
    event = Event(id=key, slug=ids.slugify(candidate.title), **machine_fields(candidate))
    session.add(event)
    session.flush()
    bump_day_count(session, event.date_start, event.type, +1)
    report.events_created.append(event.id)
    return event


def new_mention(event: Event, article: Article, candidate: EventCandidate, key: str) -> Mention:
    return Mention(key=key, event_id=event.id, article_id=article.id, **mention_fields(candidate))


def attach(session: Session, event: Event, candidate: EventCandidate) -> None:
    """Add the candidate's actors and places to the event (links are only ever added here)."""
    for ref in candidate.actors:
        ensure_actor(session, ref)
        if session.get(EventActor, (event.id, ref.key, ref.role)) is None:
            session.add(EventActor(event_id=event.id, actor_id=ref.key, role=ref.role))
            session.flush()
    for place in candidate.places:
        location = session.get(Location, place.key)
        if location is None:
            session.add(Location(id=place.key, name=place.name, country=place.country, **place_position(place)))
            session.flush()
        else:
            fill_position(location, place)  # places stored before geocoding get their position
        if session.get(EventLocation, (event.id, place.key)) is None:
            session.add(EventLocation(event_id=event.id, location_id=place.key))
            session.flush()


def _follow(session: Session, event_id: str) -> Event | None:
    for _ in range(20):
        event = session.execute(select(Event).where(Event.id == event_id)).scalars().first()
        if event is not None:
            return event
        alias = session.get(EventAlias, event_id)
        if alias is None:
            return None
        event_id = alias.event_id
    return None


# What ingestion stores for a candidate is defined once, in the ingestion service.
machine_fields = event_fields


def protected(event: Event) -> set[str]:
    """The machine fields an editor's hand edits cover (a hand-set date covers all of its provenance)."""
    manual = set(event.manual_fields or ())
    if manual & set(DATE_FIELDS):
        manual |= {"date_start", "date_end", "precision", "open_end", "date_method", "date_rule",
                   "date_expression", "date_anchor"}
    return manual


def refresh_event(session: Session, event: Event, candidate: EventCandidate, *, record: bool = True) -> bool:
    """Set the event's machine fields from its founding mention's new candidate; True if any changed."""
    keep = protected(event)
    old_start, old_type = event.date_start, event.type
    before, after = {}, {}
    for name, value in machine_fields(candidate).items():
        if name in keep or getattr(event, name) == value:
            continue
        before[name], after[name] = _plain(getattr(event, name)), _plain(value)
        setattr(event, name, value)
    if not after:
        return False
    if "title" in after:
        event.slug = ids.slugify(event.title)
    if event.status == "active" and (event.date_start != old_start or event.type != old_type):
        bump_day_count(session, old_start, old_type, -1)
        bump_day_count(session, event.date_start, event.type, +1)
    event.updated_at = utcnow()
    if record:
        audit(session, MACHINE, "event.reextract", "event", event.id, before, after)
    return True


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _refresh_mention(mention: Mention, candidate: EventCandidate) -> None:
    for name, value in mention_fields(candidate).items():
        setattr(mention, name, value)
