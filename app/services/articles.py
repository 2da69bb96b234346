"""Writing an article's extraction: the one write path of articles, events and mentions.

Four entry points, one writer (`_ArticleWriter`) behind them, each working within the article's
collection (merges, regrouping and a short name's identity never look at another collection):

- `add_article`: a new article; each of its happenings (the pipeline's grouping of its
  candidates) joins a stored event (the merge stage decides) or founds a new one, whose id is
  the mention key of the happening's lead;
- `replace_article`: a corrected version of a stored article, from the same address. The new
  text is a new article (its id comes from its own text) and the old one is marked
  `replaced_by` it. A happening whose sentences the old version also had (same text, same
  position among that sentence's events) takes over the old mentions' event; new happenings join
  or found events as in `add_article`; old sentences the correction dropped stop being sources,
  and an event left without any becomes "deleted" (410, sources on record);
- `rebuild_events`: stored articles run through the extractor again (`timeline reextract`):
  every report is decided again as if ingested afresh, collection by collection, keeping ids
  (see its docstring);
- `reconcile_article`: one stored article brought in line with a new extraction (moving it to
  another collection, app/services/collections.py). A mention whose key is found again keeps its
  event; a happening's new reports join the event of its stored ones or one the merge stage
  chooses (a key that once founded an event now deleted brings it back, a key merged away joins
  the survivor); a mention no longer found is removed, and an event left without mentions is
  deleted unless an editor reviewed it.

Public ids never move. Each entry point works in the caller's transaction (the ingestion shell
stores an article and its job's state in one), which should be a write transaction
(app/db/transactions.py): the merge decisions read the stored events first. Actors, aliases and
places are inserted if missing (insert-or-ignore, then read), and the kept numbers change in SQL
(app/services/counts.py), so concurrent writers can never lose an update or trip on a key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlmodel import Session

from app import ids
from app.calendar import add_days
from app.db import dialect_of
from app.errors import DuplicateArticle, NotFound
from app.models import (
    DEFAULT_COLLECTION, Actor, ActorAlias, Article, CollectionActor, Event, EventActor, EventAlias, EventLocation,
    Location, Mention, utcnow,
)
from app.permalinks import slugify
from app.pipeline.merge import (
    REPORTING_LAG_DAYS,
    EventSnapshot,
    article_setting,
    candidate_actor_keys,
    candidate_agent_keys,
    candidate_doers,
    candidate_countries,
    candidate_places,
    decide,
)
from app.pipeline.names import IdentityIndex, is_surname_form
from app.pipeline.types import ActorRef, ArticleExtraction, ArticleInput, DateInterval, EventCandidate, Happening
from app.services.actor_folding import (
    fold_article_variants, fold_into_fuller_names, fold_surnames, may_stand_for, opens_with,
    sole_bearer_of_given_name, stored_article_variant,
)
from app.services.counts import bump_day_count, recount_sources
from app.services.report_profiles import first_reports
from app.services.importance import rescore
from app.services.curation import (
    DATE_FIELDS, MACHINE, audit, mention_count, retire_mentions, set_status,
)
from app.taxonomy import speech_types, type_families

# How many stored events with an overlapping date a new mention is compared against. Merging
# only needs the plausible ones (of a kind it may join, the nearest in date first); the cap keeps
# ingestion time flat as the database grows.
MERGE_CANDIDATE_LIMIT = 200
VANISHED = "a new run of the extractor no longer finds it in its sources"
DROPPED = "the corrected version of its source article no longer reports it"


# --- what the entry points report ----------------------------------------------------------------

@dataclass
class StoredArticle:
    article_id: str
    events_created: list[str] = field(default_factory=list)
    events_joined: list[str] = field(default_factory=list)


@dataclass
class Replaced:
    old_article_id: str
    new_article_id: str
    events_kept: list[str] = field(default_factory=list)  # re-pointed to the new version
    events_created: list[str] = field(default_factory=list)
    events_updated: list[str] = field(default_factory=list)  # the old version's, joined by a corrected sentence
    events_joined: list[str] = field(default_factory=list)  # other stored events new sentences joined
    events_deleted: list[str] = field(default_factory=list)
    events_dropped: list[str] = field(default_factory=list)  # no longer reported here, other sources left


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
    events_redirected: list[str] = field(default_factory=list)  # retired ids now answering 301

    def add(self, other: "ReextractReport") -> None:
        """Count another article's reconciliation in this one."""
        self.mentions_kept += other.mentions_kept
        self.mentions_added += other.mentions_added
        self.mentions_removed += other.mentions_removed
        for name in ("events_created", "events_updated", "events_deleted", "events_restored", "events_kept_reviewed",
                     "events_redirected"):
            mine = getattr(self, name)
            mine += [event_id for event_id in getattr(other, name) if event_id not in mine]

    def summary(self) -> str:
        return (f"{self.articles} articles re-extracted: {self.mentions_kept} reports kept, "
                f"{self.mentions_added} new, {self.mentions_removed} gone; events: "
                f"{len(self.events_created)} new, {len(self.events_updated)} updated, "
                f"{len(self.events_deleted)} deleted, {len(self.events_restored)} restored, "
                f"{len(self.events_redirected)} now redirect to the event holding their report, "
                f"{len(self.events_kept_reviewed)} kept because an editor reviewed them")


# --- reading ---------------------------------------------------------------------------------------

def stored_articles(session: Session, texts: Iterable[str]) -> dict[str, str]:
    """Content hash -> article id, for those of these texts already stored (deleted ones too:
    an id is never reused for other text, so a deleted article's text stays refused)."""
    hashes = sorted({ids.content_hash(text) for text in texts})
    if not hashes:
        return {}
    return dict(session.execute(select(Article.content_hash, Article.id).where(Article.content_hash.in_(hashes))).all())


def find_by_text(session: Session, text: str) -> str | None:
    """The id of the article stored with exactly this text, if any."""
    return stored_articles(session, [text]).get(ids.content_hash(text))


def stored_input(article: Article) -> ArticleInput:
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


def current_articles(session: Session, collection: int | None = None) -> list[str]:
    """The ids of every current article (neither deleted nor replaced), oldest ingestion first;
    those of one collection when it is given."""
    return list(session.execute(
        select(Article.id).where(Article.deleted_at.is_(None), Article.replaced_by.is_(None),
                                 *([] if collection is None else [Article.collection_id == collection]))
        .order_by(Article.ingested_at, Article.id)
    ).scalars())


# --- the three entry points ------------------------------------------------------------------------

def add_article(session: Session, article_input: ArticleInput, extraction: ArticleExtraction,
                families: Mapping[str, str] | None = None, *, collection: int | None = None) -> StoredArticle:
    """Add the article to `collection` (the default collection when None) and attach each event
    candidate to a matching event of that collection or a new one.

    `families` maps event types to their family in the taxonomy (attack and military_action are
    both "violence"), so the merge can tell compatible types from different ones."""
    article = _new_article(article_input, extraction, collection=collection)
    session.add(article)
    writer = _ArticleWriter(session, article, families, stored_keys=False)
    writer.setting = article_setting(extraction.events)
    # One flush at the end instead of one per query: the writer keeps in memory everything this
    # article adds, so nothing it asks the database depends on unflushed rows.
    with session.no_autoflush:
        for happening in happenings_of(extraction):
            lead = extraction.events[happening.lead]
            event = writer.event_for(writer.key(lead), happening.profile, own_article=True)
            for index in happening.members:
                member = extraction.events[index]
                writer.add_mention(event, member, writer.key(member))
                writer.attach(event, member)
    writer.finish()
    return StoredArticle(article_id=article.id, events_created=writer.created, events_joined=writer.joined)


def happenings_of(extraction: ArticleExtraction) -> tuple[Happening, ...]:
    """The extraction's happenings: the pipeline's grouping of its candidates, one event each. An
    extraction made without them (by hand, in a test) has one happening per candidate."""
    if extraction.happenings or not extraction.events:
        return extraction.happenings
    return tuple(Happening((i,), i, c) for i, c in enumerate(extraction.events))


def replace_article(session: Session, username: str, old_id: str, article_input: ArticleInput,
                    extraction: ArticleExtraction, families: Mapping[str, str] | None = None,
                    note: str | None = None) -> Replaced:
    """Replace article `old_id` by `article_input`; `note` is added to the audit entry (say, the job)."""
    old = session.get(Article, old_id)
    if old is None or old.deleted_at is not None:
        raise NotFound(f"there is no article with the id \u201c{old_id}\u201d")
    if old.replaced_by:
        raise DuplicateArticle(f"article {old.id} was already replaced by {old.replaced_by}", article_id=old.replaced_by)
    same = find_by_text(session, article_input.text)
    if same is not None:
        raise DuplicateArticle("This text is already stored.", article_id=same)
    new = _new_article(article_input, extraction, publisher=old.publisher, url=old.url,
                       collection=old.collection_id)
    session.add(new)
    session.flush()
    result = Replaced(old.id, new.id)
    # The old mentions of each sentence, in the order the extractor found them (their ordinals).
    waiting: dict[str, list[Mention]] = defaultdict(list)
    for mention in session.execute(
        select(Mention).where(Mention.article_id == old.id).order_by(Mention.start, Mention.id)
    ).scalars():
        waiting[_sentence(mention.sentence)].append(mention)
    writer = _ArticleWriter(session, new, families, stored_keys=True)
    writer.setting = article_setting(extraction.events)
    moved_from: dict[str, str] = {}  # an old event -> the event its report now stands in
    with session.no_autoflush:
        for happening in happenings_of(extraction):
            members = [extraction.events[i] for i in happening.members]
            lead = extraction.events[happening.lead]
            # The happening keeps the event of the first of its sentences the old version had.
            previous = {}
            for member in members:
                queue = waiting.get(_sentence(member.sentence.text))
                if queue:
                    previous[id(member)] = queue.pop(0)
            kept = next((previous[id(m)] for m in [lead, *members] if id(m) in previous), None)
            if kept is not None:
                event = writer.event(kept.event_id)
                if kept.key == event.id:  # it founded the event: the event follows its wording
                    refresh_event(session, event, happening.profile)
                writer.remember(event, happening.profile)
                writer.regrouped.add(event.id)
                _note(result.events_kept, event.id)
            else:
                event = writer.event_for(writer.key(lead), happening.profile, own_article=True)
                if event.id not in writer.created:
                    _note(result.events_joined, event.id)
            for member in members:
                earlier = previous.get(id(member))
                if earlier is not None:
                    if earlier.event_id != event.id:
                        moved_from[earlier.event_id] = event.id
                    session.delete(earlier)
                writer.add_mention(event, member, writer.key(member))
                if "actors" not in (event.manual_fields or ()):
                    writer.attach(event, member)
    writer.finish()
    result.events_created = list(writer.created)
    dropped = [m for queue in waiting.values() for m in queue]
    dropped_events = list(dict.fromkeys(m.event_id for m in dropped))
    result.events_deleted, _ = retire_mentions(session, username, dropped, DROPPED)
    result.events_dropped = [e for e in dropped_events if e not in writer.touched and e not in result.events_deleted]
    joined = [e for e in result.events_joined if e not in result.events_kept]
    result.events_updated = [e for e in joined if e in dropped_events]
    result.events_joined = [e for e in joined if e not in dropped_events]
    session.flush()
    for event_id, now_in in moved_from.items():
        # every report of an old event now stands in another one of the corrected version's
        if event_id not in writer.touched and mention_count(session, event_id) == 0:
            _redirect(session, writer.event(event_id), now_in)
    survivors = writer.touched - set(result.events_deleted)
    recount_sources(session, survivors)
    for event_id in survivors:
        writer.event(event_id).updated_at = utcnow()
    old.replaced_by = new.id
    summary = (f"{len(result.events_kept) + len(result.events_updated)} events kept their ids, "
               f"{len(result.events_created)} new, {len(result.events_deleted)} deleted")
    audit(session, username, "article.replace", "article", old.id, {"replaced_by": None},
          {"replaced_by": new.id, "note": f"{summary}; {note}" if note else summary})
    return result


def reconcile_article(session: Session, article: Article, extraction: ArticleExtraction,
                      report: ReextractReport | None = None,
                      families: Mapping[str, str] | None = None) -> ReextractReport:
    """Bring the stored mentions and events of one article in line with a new extraction (moving an
    article to another collection does, app/services/collections.py), happening by happening: a
    report found again keeps its event; a happening's new reports join the event of its reports
    already stored (its lead's first), or the event its key once founded, or the one the merge
    stage chooses among the collection's events, or a new one."""
    report = report or ReextractReport()
    article.sentence_spans = [[s.start, s.end] for s in extraction.sentences]
    article.body_spans = [list(span) for span in extraction.body]
    if article.title_derived:
        article.title = extraction.title
    existing = {m.key: m for m in session.execute(
        select(Mention).where(Mention.article_id == article.id)).scalars()}
    writer = _ArticleWriter(session, article, families, stored_keys=True, report=report)
    writer.setting = article_setting(extraction.events)
    found: set[str] = set()
    with session.no_autoflush:
        for happening in happenings_of(extraction):
            lead_key = writer.key(extraction.events[happening.lead])
            members = [(writer.key(extraction.events[i]), extraction.events[i]) for i in happening.members]
            members = [(key, member) for key, member in members if key not in found]
            if not members:
                continue
            stored = next((existing[key] for key in (lead_key, *(k for k, _ in members)) if key in existing), None)
            if stored is not None:
                event = writer.event(stored.event_id)
                if event.id in {key for key, _ in members} and refresh_event(session, event, happening.profile):
                    _note(report.events_updated, event.id)
                writer.remember(event, happening.profile)
                writer.touched.add(event.id)
                writer.regrouped.add(event.id)
            else:
                event = writer.event_for(lead_key, happening.profile, own_article=True)
            for key, member in members:
                found.add(key)
                mention = existing.get(key)
                holder = event
                if mention is not None:  # a report found again stays in the event it is in
                    holder = writer.event(mention.event_id)
                    for name, value in mention_fields(member).items():
                        setattr(mention, name, value)
                    writer.touched.add(holder.id)
                    report.mentions_kept += 1
                else:
                    writer.add_mention(event, member, key)
                    report.mentions_added += 1
                if "actors" not in (holder.manual_fields or ()):
                    writer.attach(holder, member)
    writer.finish()
    vanished = [m for key, m in existing.items() if key not in found]
    deleted, kept = retire_mentions(session, MACHINE, vanished, VANISHED, keep_reviewed=True)
    report.mentions_removed += sum(1 for m in vanished if m.event_id not in kept)
    report.events_deleted += deleted
    for event_id in kept:
        _note(report.events_kept_reviewed, event_id)
    recount_sources(session, writer.touched - set(deleted))
    return report


def rebuild_events(session: Session, extracted: Sequence[tuple[Article, ArticleExtraction]],
                   families: Mapping[str, str] | None = None) -> ReextractReport:
    """Every event of these articles made again from their new extractions, merges included, as if
    they were ingested afresh in this order (`timeline reextract` over every collection, or one).

    Reconciling article by article keeps each report in the event it joined, so a merge the old
    rules got wrong (two wars' reports in one event) would survive; here every report is decided
    again. What never moves: an id. A rebuilt event takes the id of its founding report, as
    ingestion gives it, so an unchanged event keeps its id; an old id whose founding report now
    belongs to another event redirects there (301, like an editor's merge); an id whose report is
    no longer an event at all is deleted (410, sources on record). Events an editor reviewed keep
    their reports and fields; hidden events stay hidden. Kept numbers are recomputed at the end.

    Collection by collection: a collection's events are made again from its own articles only,
    each report compared with its own collection's events (as ingestion does), and a short name
    resolved among its own actors; no event of one collection is touched by another's rebuild."""
    report = ReextractReport()
    by_collection: dict[int, list[tuple[Article, ArticleExtraction]]] = defaultdict(list)
    for article, extraction in extracted:
        by_collection[article.collection_id].append((article, extraction))
    rebuilt: set[str] = set()
    for collection_id, articles in sorted(by_collection.items()):
        rebuilt |= _rebuild_collection(session, collection_id, articles, families, report)
    recount_sources(session, sorted(rebuilt))
    from app.services.aggregates import rebuild as rebuild_aggregates

    rebuild_aggregates(session.connection())
    return report


def _rebuild_collection(session: Session, collection_id: int, extracted: Sequence[tuple[Article, ArticleExtraction]],
                        families: Mapping[str, str] | None, report: ReextractReport) -> set[str]:
    """`rebuild_events` within one collection; the ids of the events made again."""
    article_ids = [article.id for article, _ in extracted]
    reviewed = set(session.execute(select(Event.id).where(
        Event.reviewed.is_(True), Event.collection_id == collection_id)).scalars())
    before: dict[str, str] = {}  # mention key -> its event, for these articles
    old_sources: dict[str, list[dict[str, Any]]] = defaultdict(list)  # what a deleted event's 410 page lists
    for chunk in _chunks(article_ids):
        for m, a in session.execute(
                select(Mention, Article).join(Article, Article.id == Mention.article_id)
                .where(Mention.article_id.in_(chunk))
                .order_by(Article.published, Mention.article_id, Mention.start)).all():
            before[m.key] = m.event_id
            old_sources[m.event_id].append({
                "article_id": a.id, "article_title": a.title, "publisher": a.publisher,
                "published": a.published.isoformat(), "source_url": a.url, "sentence": m.sentence,
                "sentence_index": m.sentence_index, "mention": m.key})
    old_events: dict[str, Event] = {}
    for chunk in _chunks(sorted(set(before.values()))):
        old_events.update({row.id: row for row in session.execute(select(Event).where(Event.id.in_(chunk))).scalars()})
    machine_made = [event_id for event_id in old_events if event_id not in reviewed]
    kept_keys = {key for key, event_id in before.items() if event_id in reviewed}
    # Every machine-made event starts again from nothing: its reports and links go, its row stays
    # (its id may come back).
    for chunk in _chunks([key for key in before if key not in kept_keys]):
        session.execute(delete(Mention).where(Mention.key.in_(chunk)))
    for chunk in _chunks(machine_made):
        session.execute(delete(EventActor).where(EventActor.event_id.in_(chunk)))
        session.execute(delete(EventLocation).where(EventLocation.event_id.in_(chunk)))
    session.flush()
    rebuilt: set[str] = set(reviewed)
    found_keys: set[str] = set()
    for article, extraction in extracted:
        article.sentence_spans = [[s.start, s.end] for s in extraction.sentences]
        article.body_spans = [list(span) for span in extraction.body]
        if article.title_derived:
            article.title = extraction.title
        writer = _ArticleWriter(session, article, families, stored_keys=True, report=report, only=rebuilt)
        writer.setting = article_setting(extraction.events)
        with session.no_autoflush:
            for happening in happenings_of(extraction):
                lead = extraction.events[happening.lead]
                held = next((before[key] for key in (writer.key(extraction.events[i]) for i in happening.members)
                             if key in kept_keys), None)
                if held is not None:
                    # An event an editor reviewed holds a report of this happening: the happening
                    # stays there, whatever the merge rules now make of the edited event.
                    event = writer.event(held)
                    writer.remember(event, happening.profile)
                    writer.touched.add(event.id)
                    writer.regrouped.add(event.id)
                else:
                    event = writer.event_for(writer.key(lead), happening.profile, own_article=True)
                if event.id in old_events and event.id not in reviewed and writer.key(lead) == event.id:
                    if refresh_event(session, event, happening.profile):
                        _note(report.events_updated, event.id)
                rebuilt.add(event.id)
                for index in happening.members:
                    member = extraction.events[index]
                    key = writer.key(member)
                    found_keys.add(key)
                    if key in kept_keys:
                        continue  # its report stays in the event an editor reviewed
                    writer.add_mention(event, member, key)
                    if "actors" not in (event.manual_fields or ()):
                        writer.attach(event, member)
        writer.finish()
        session.flush()
        report.articles += 1
    # The old events nobody rebuilt: each redirects to the event now holding its founding report,
    # or is deleted when that report is no longer an event.
    home: dict[str, str] = {}
    for chunk in _chunks([e for e in machine_made if e not in rebuilt]):
        home.update(session.execute(select(Mention.key, Mention.event_id).where(Mention.key.in_(chunk))).all())
    for event_id in machine_made:
        if event_id in rebuilt:
            continue
        event = old_events[event_id]
        survivor = home.get(event_id)
        if survivor is not None and survivor != event_id:
            _redirect(session, event, survivor)
            report.events_redirected.append(event_id)
        elif event.status != "deleted":
            was = {"title": event.title, "status": event.status, "sources": old_sources.get(event.id, [])}
            set_status(session, event, "deleted")
            event.sources_count = 0
            audit(session, MACHINE, "event.deleted", "event", event.id, was, {"status": "deleted", "reason": VANISHED})
            report.events_deleted.append(event_id)
    session.flush()
    report.mentions_kept += sum(1 for key in before if key in found_keys)
    report.mentions_added += sum(1 for key in found_keys if key not in before)
    report.mentions_removed += sum(1 for key in before if key not in found_keys)
    for event_id in sorted({before[key] for key in kept_keys if key not in found_keys}):
        report.events_kept_reviewed.append(event_id)  # its report is gone, but an editor vouched for it
    return rebuilt


def _redirect(session: Session, event: Event, survivor_id: str) -> None:
    """An old event whose report now lives in another: its id answers 301 there from now on."""
    for alias in session.execute(select(EventAlias).where(EventAlias.event_id == event.id)).scalars().all():
        alias.event_id = survivor_id
    audit(session, MACHINE, "event.merged_into", "event", event.id, {"title": event.title, "status": event.status},
          {"survivor": survivor_id, "status": "merged", "note": "the extractor now reports it as part of another event"})
    session.flush()
    session.delete(event)
    session.flush()
    session.add(EventAlias(old_id=event.id, event_id=survivor_id, reason="regrouped"))


def _chunks(items: Sequence[str], size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _new_article(article_input: ArticleInput, extraction: ArticleExtraction, *,
                 publisher: str | None = None, url: str | None = None, collection: int | None = None) -> Article:
    text_hash = ids.content_hash(article_input.text)
    return Article(
        id=ids.article_id(text_hash),
        collection_id=DEFAULT_COLLECTION if collection is None else collection,
        content_hash=text_hash,
        title=article_input.title or extraction.title,
        title_derived=not article_input.title,
        publisher=article_input.publisher or publisher,
        url=article_input.url or url,
        published=article_input.published,
        text=article_input.text,
        source_format=article_input.source_format,
        sentence_spans=[[s.start, s.end] for s in extraction.sentences],
        body_spans=[list(span) for span in extraction.body],
    )


def _sentence(text: str) -> str:
    return " ".join(text.split())


def _note(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


# --- the writer ------------------------------------------------------------------------------------

class _ArticleWriter:
    """Writes one article's candidates: finds or founds each one's event, adds its mention, and
    gathers its actors and places, reading each stored row once and keeping in memory what it
    wrote, so that the merge decisions see this article's own events without a flush. `finish`
    writes what was gathered, parents first, and counts again what changed.

    `stored_keys`: a candidate's key may already name a stored event or a merged-away id (the
    article's text was stored before: re-extraction, replacement)."""

    def __init__(self, session: Session, article: Article, families: Mapping[str, str] | None, *,
                 stored_keys: bool, report: ReextractReport | None = None, only: set[str] | None = None):
        self.session = session
        self.article = article
        self.families = type_families() if families is None else families
        self.speech = speech_types()
        self.stored_keys = stored_keys
        self.report = report
        self.created: list[str] = []
        self.joined: list[str] = []
        self.regrouped: set[str] = set()  # stored events this article's happenings were given
        self.identities: dict[str, str] = {}  # a short name's key -> the stored actor it stands for
        self.only = only  # when rebuilding: the only stored events a report may join (already rebuilt)
        self.touched: set[str] = set()  # events whose sources are counted again at the end
        self.events: dict[str, Event] = {}
        self.snapshots: dict[str, EventSnapshot] = {}
        self.loaded_intervals: set[tuple] = set()
        self.links: set[tuple[str, str, str]] = set()
        self.place_links: set[tuple[str, str]] = set()
        self.new_links: list[dict[str, str]] = []
        self.new_place_links: list[dict[str, str]] = []
        self.actor_refs: list[ActorRef] = []
        self.places: dict[str, dict[str, Any]] = {}
        self.mentions: list[Mention] = []
        self.new_day_counts: Counter[tuple[dt.date, str]] = Counter()
        # The country the article's events happen in (merge.article_setting): what the merge takes
        # for a report that names no place or state of its own. Set once the extraction is known.
        self.setting: frozenset[str] = frozenset()

    def key(self, candidate: EventCandidate) -> str:
        return ids.mention_key(self.article.content_hash, candidate.sentence.start, candidate.ordinal)

    def event(self, event_id: str) -> Event:
        """A stored event, with its actor and place links (read once)."""
        if event_id not in self.events:
            self.events[event_id] = self.session.execute(select(Event).where(Event.id == event_id)).scalars().one()
            self.links |= {(event_id, actor_id, role) for actor_id, role in self.session.execute(
                select(EventActor.actor_id, EventActor.role).where(EventActor.event_id == event_id)).all()}
            self.place_links |= {(event_id, location_id) for (location_id,) in self.session.execute(
                select(EventLocation.location_id).where(EventLocation.event_id == event_id)).all()}
        return self.events[event_id]

    def event_for(self, key: str, candidate: EventCandidate, *, own_article: bool = False) -> Event:
        """The event a newly found mention (or happening) belongs to: the one its key once founded,
        the survivor of a merge of that one, or the one the merge stage chooses, or a new one.
        `own_article`: the pipeline already grouped this article's sentences into happenings, so
        its other happenings are never merge candidates for this one."""
        if self.stored_keys and self.only is None:
            known = self._known(key, candidate)
            if known is not None:
                self.touched.add(known.id)
                self.remember(known, candidate)
                return known
        names = {a.key: a.name for a in candidate.actors}
        snapshots = self._snapshots_for(candidate)
        if self.only is not None:
            snapshots = [s for s in snapshots if s.id in self.only]
        if own_article:
            mine = set(self.created) | set(self.joined) | set(self.regrouped)
            snapshots = [s for s in snapshots if s.id not in mine]
        decision = decide(candidate, snapshots, families=self.families, names=names, setting=self.setting,
                          speech=self.speech)
        if not decision.event_id and self.only is not None:
            # Rebuilding: a report that founds an event again gets its old event (and id) back.
            known = self._known(key, candidate)
            if known is not None:
                self.regrouped.add(known.id)
                self.touched.add(known.id)
                self.remember(known, candidate)
                return known
        if decision.event_id:
            event = self.event(decision.event_id)
            event.merge_reasons = sorted(set(event.merge_reasons or ()) | set(decision.reasons))
            event.updated_at = utcnow()
            if event.id not in self.created:
                _note(self.joined, event.id)
        else:
            event = Event(id=key, slug=slugify(candidate.title), sources_count=1,
                          collection_id=self.article.collection_id, **event_fields(candidate))
            self.session.add(event)
            self.new_day_counts[(event.date_start, event.type)] += 1
            self.events[event.id] = event
            self.created.append(event.id)
            if self.report is not None:
                self.report.events_created.append(event.id)
        self.touched.add(event.id)
        self.remember(event, candidate)
        return event

    def _known(self, key: str, candidate: EventCandidate) -> Event | None:
        if key in self.events:
            return self.events[key]
        if self.session.execute(select(Event.id).where(Event.id == key)).first() is not None:
            event = self.event(key)
            if event.status == "deleted":
                refresh_event(self.session, event, candidate, record=False)
                set_status(self.session, event, "active")
                audit(self.session, MACHINE, "event.restored", "event", event.id, {"status": "deleted"},
                      {"status": "active", "note": "a new run of the extractor found its source again"})
                if self.report is not None:
                    _note(self.report.events_restored, event.id)
            return event
        alias = self.session.get(EventAlias, key)
        if alias is not None:
            target = _follow(self.session, alias.event_id)
            # a merged-away id leads its report back only within the article's collection
            if target is not None and target.status != "deleted" and target.collection_id == self.article.collection_id:
                return self.event(target.id)
        return None

    def add_mention(self, event: Event, candidate: EventCandidate, key: str) -> None:
        self.mentions.append(Mention(key=key, event_id=event.id, article_id=self.article.id, **mention_fields(candidate)))
        self.touched.add(event.id)

    def attach(self, event: Event, candidate: EventCandidate) -> None:
        """Gather the candidate's actors and places for the event (links are only ever added here)."""
        for ref in candidate.actors:
            ref = self.stored_identity(ref)
            self.actor_refs.append(ref)
            link = (event.id, ref.key, ref.role)
            if link not in self.links:
                self.links.add(link)
                self.new_links.append({"event_id": event.id, "actor_id": ref.key, "role": ref.role})
        for place in candidate.places:
            self.places.setdefault(place.key, {"id": place.key, "name": place.name, "country": place.country,
                                               **place_position(place)})
            if (event.id, place.key) not in self.place_links:
                self.place_links.add((event.id, place.key))
                self.new_place_links.append({"event_id": event.id, "location_id": place.key})

    def stored_identity(self, ref: ActorRef) -> ActorRef:
        """A person or organisation named by a surname or a short form that no article named in full
        ("Gaddafi" alone) is the one actor of the article's collection that name stands for: the
        only one it fits, or the one of several the collection reports far more than the others
        (`names.most_reported_bearer`). Hafez, Bashar and Maher al-Assad stay three people either way.

        Only the collection's own actors count (those of its active events, collection_actor):
        actors are shared by every collection, but what a bare surname means depends on the
        conflict. "Assad" in a dossier on 1982 is Hafez, in one on 2011 Bashar; and a name known
        only from another conflict never absorbs this one's."""
        if ref.key in self.identities:
            known = self.identities[ref.key]
            return ref if known == ref.key else dataclasses.replace(ref, key=known)
        surname_form = "-" not in ref.key or is_surname_form(ref.name)
        if ref.kind not in ("person", "organisation") or not surname_form and ref.kind != "person":
            # A full name keys itself; only a one-word name ("Gaddafi", a hyphenated surname such
            # as "Moreno-Ocampo", or one after particles, "bin Laden") may stand for a stored one,
            # and a person's name of several words only for a longer one that opens with it (a
            # compound given name alone: "Saif al-Islam" for Saif al-Islam Gaddafi).
            return ref
        found = None
        in_collection = (CollectionActor.collection_id == self.article.collection_id,
                         CollectionActor.events_count > 0)
        if self.session.execute(select(CollectionActor.actor_id).where(
                *in_collection, CollectionActor.actor_id == ref.key)).first() is None:
            # the tagger may call a lone surname an organisation: people and organisations both count
            rows = self.session.execute(
                select(Actor.id, Actor.name, CollectionActor.events_count, Actor.kind)
                .join(CollectionActor, CollectionActor.actor_id == Actor.id)
                .where(*in_collection, Actor.kind.in_(("person", "organisation")),
                       or_(Actor.id.like(f"%-{ref.key}"), Actor.id.like(f"{ref.key}-%")) if surname_form
                       else opens_with(Actor.id, ref.key))).all()
            if rows:
                reported = {key: count for key, _, count, _ in rows}
                found = IdentityIndex.build({key: name for key, name, _, _ in rows}).resolve(ref.key, reported=reported)
                stored = {key: (name, kind) for key, name, _, kind in rows}
                if found is not None and not may_stand_for((ref.name, ref.kind), stored[found], reported[found]):
                    found = None
            if found is None and ref.kind == "person":
                found = sole_bearer_of_given_name(self.session, self.article.collection_id, ref.key, ref.name)
            if found is None and ref.kind == "person":
                found = stored_article_variant(self.session, self.article.collection_id, ref.name)
        self.identities[ref.key] = found or ref.key
        return dataclasses.replace(ref, key=found) if found else ref

    def finish(self) -> None:
        """Write what was gathered, parents before the rows that point at them (without ORM
        relationships the unit of work does not order inserts by foreign key), then count again."""
        store_actors(self.session, self.actor_refs)
        _insert_missing(self.session, Location, list(self.places.values()), ["id"])
        fill_positions(self.session, self.places.values())
        self.session.flush()  # the article and its new or changed events
        self.session.add_all(self.mentions)
        self.session.flush()
        _insert_missing(self.session, EventActor, self.new_links, ["event_id", "actor_id", "role"])
        _insert_missing(self.session, EventLocation, self.new_place_links, ["event_id", "location_id"])
        # people this article names in full whom earlier articles knew by surname alone
        fold_surnames(self.session, self.article.collection_id,
                      {ref.key for ref in self.actor_refs if ref.kind == "person"})
        # and people two spellings of the article had kept apart ("Elaraby", "Al-Araby")
        people = {ref.key: ref.name for ref in self.actor_refs if ref.kind == "person" and "-" in ref.key}
        fold_article_variants(self.session, self.article.collection_id, people)
        fold_into_fuller_names(self.session, self.article.collection_id, people)  # and by first and last name only
        for (day, event_type), count in self.new_day_counts.items():
            bump_day_count(self.session, day, event_type, count)
        joined = [event_id for event_id in self.touched if event_id not in self.created]
        recount_sources(self.session, joined)  # and their importance
        rescore(self.session, self.created)

    # The merge stage's view of the stored events near a candidate's date.

    def _snapshots_for(self, candidate: EventCandidate) -> list[EventSnapshot]:
        interval = candidate.date.interval
        cache_key = (interval.start, interval.end, interval.open_end, self.families.get(candidate.type, candidate.type))
        if cache_key not in self.loaded_intervals:
            self.loaded_intervals.add(cache_key)
            for snapshot in merge_snapshots(self.session, candidate, self.article.collection_id, self.families):
                self.snapshots.setdefault(snapshot.id, snapshot)
        # The merge stage judges dates itself; this only drops what cannot be near.
        near = DateInterval(add_days(interval.start, -REPORTING_LAG_DAYS), add_days(interval.end, REPORTING_LAG_DAYS),
                            interval.precision, interval.open_end)
        return [s for s in self.snapshots.values() if _overlaps(s.interval, near)]

    def remember(self, event: Event, candidate: EventCandidate) -> None:
        """Keep the in-memory snapshot of `event` in step with what this candidate added."""
        if event.id not in self.snapshots and event.id not in self.created:
            # A stored event reached by its key: what the merge knows of it starts from its rows.
            self.snapshots.update((snapshot.id, snapshot) for snapshot in snapshots_of(self.session, [event]))
        previous = self.snapshots.get(event.id)
        keys = set(candidate_actor_keys(candidate))
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
            doers=candidate_doers(candidate) | (previous.doers if previous else frozenset()),
            # the core stays what founded the event: later reports never widen what it matches
            core_texts=previous.core_texts if previous and previous.core_texts else (event.title, event.summary),
            places=previous.places if previous and previous.places else candidate_places(candidate),
            countries=previous.countries if previous and previous.countries
            else candidate_countries(candidate) or self.setting,
            setting=(previous.setting if previous else frozenset()) | self.setting,
        )


def place_position(place) -> dict[str, Any]:
    """Where the gazetteer put a place, as the pipeline gives it (PlaceRef.latitude, .longitude,
    .country_code; read with defaults, so hand-made extractions without them store None)."""
    return {"latitude": getattr(place, "latitude", None), "longitude": getattr(place, "longitude", None),
            "country_code": getattr(place, "country_code", None)}


def fill_positions(session: Session, places: Iterable[dict[str, Any]]) -> None:
    """A stored place without a position takes the one a newer extraction found (places stored
    before the pipeline geocoded)."""
    for place in places:
        if place.get("latitude") is not None and place.get("longitude") is not None:
            session.execute(update(Location).where(Location.id == place["id"], Location.latitude.is_(None))
                            .values(latitude=place["latitude"], longitude=place["longitude"]))
        if place.get("country_code"):
            session.execute(update(Location).where(Location.id == place["id"], Location.country_code.is_(None))
                            .values(country_code=place["country_code"]))


def _insert_missing(session: Session, model, rows: Sequence[dict[str, Any]], keys: list[str]) -> None:
    """Insert the rows whose keys are not stored yet; a row already there (stored by anyone,
    meanwhile too) is left as it is."""
    if rows:
        statement = dialect_of(session).insert(model.__table__).values(list(rows))
        session.execute(statement.on_conflict_do_nothing(index_elements=keys))


def store_actors(session: Session, refs: Sequence[ActorRef]) -> None:
    """Store the actors of these references where missing, with their aliases.

    A parent known to the resources by key only is stored under a readable name until an article
    names it properly; an actor stored without a kind takes the name and kind of the first
    reference that knows them; what a reference was written as ("Baku" for Azerbaijan) becomes
    an alias when it differs from the actor's name."""
    if not refs:
        return
    parents = {ref.parent: {"id": ref.parent, "name": ref.parent.replace("-", " ").title(), "kind": "unknown",
                            "parent_id": None}
               for ref in refs if ref.parent and ref.parent != ref.key}
    _insert_missing(session, Actor, list(parents.values()), ["id"])
    actors: dict[str, dict[str, Any]] = {}
    for ref in refs:
        actors.setdefault(ref.key, {"id": ref.key, "name": ref.name, "kind": ref.kind, "parent_id": ref.parent})
    _insert_missing(session, Actor, list(actors.values()), ["id"])
    # As stored now (by this writer or any other): name and kind, kept up to date below.
    stored = {key: [name, kind] for key, name, kind in session.execute(
        select(Actor.id, Actor.name, Actor.kind).where(Actor.id.in_(sorted(actors))))}
    aliases: dict[tuple[str, str], dict[str, str]] = {}
    for ref in refs:
        name, kind = stored[ref.key]
        if kind == "unknown" and ref.kind != "unknown":
            session.execute(update(Actor).where(Actor.id == ref.key, Actor.kind == "unknown")
                            .values(name=ref.name, kind=ref.kind).execution_options(synchronize_session=False))
            stored[ref.key] = [name, kind] = [ref.name, ref.kind]
        alias = ref.surface.strip()
        if alias and alias.lower() != name.lower():
            aliases.setdefault((ref.key, alias), {"actor_id": ref.key, "alias": alias})
    _insert_missing(session, ActorAlias, list(aliases.values()), ["actor_id", "alias"])
    for actor in session.identity_map.values():  # loaded copies read the new names when next asked
        if isinstance(actor, Actor) and actor.id in stored:
            session.expire(actor, ["name", "kind"])


def ensure_actor(session: Session, ref: ActorRef) -> Actor:
    """The stored actor for `ref`, inserted if new (with its parent and alias)."""
    store_actors(session, [ref])
    return session.get(Actor, ref.key)


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


def _overlaps(a: DateInterval, b: DateInterval) -> bool:
    a_end = dt.date.max if a.open_end else a.end
    b_end = dt.date.max if b.open_end else b.end
    return a.start <= b_end and b.start <= a_end


def merge_snapshots(session: Session, candidate: EventCandidate, collection: int | None = None,
                    families: Mapping[str, str] | None = None) -> list[EventSnapshot]:
    """Active events whose date interval overlaps the candidate's, as the merge stage sees them:
    only those of `collection` (merging never crosses collections; None: every collection), and
    only of the kinds the merge may join it to (its type's family in `families`).

    A busy week of a war holds more events than the cap: the nearest in date are read first, half
    from the candidate's day on and half from before it. (Read in date order from the window's
    start, the events of its last days were never compared: two identical sentences of two
    articles a day apart stayed two events.)"""
    interval = candidate.date.interval
    families = type_families() if families is None else families
    family = families.get(candidate.type, candidate.type)
    kinds = sorted({candidate.type} | {kind for kind, its in families.items() if its == family})
    # An undated report may be about an event of the days before it (merge.REPORTING_LAG_DAYS),
    # and a stored undated event may be a report of the days after: look that far both ways.
    near = (
        Event.status == "active",
        *([] if collection is None else [Event.collection_id == collection]),
        Event.type.in_(kinds),
        Event.date_start <= add_days(interval.end, REPORTING_LAG_DAYS),
        or_(Event.date_end >= add_days(interval.start, -REPORTING_LAG_DAYS), Event.open_end.is_(True)),
    )
    half = MERGE_CANDIDATE_LIMIT // 2
    later = session.execute(select(Event).where(*near, Event.date_start >= interval.start)
                            .order_by(Event.date_start, Event.seq).limit(half)).scalars().all()
    earlier = session.execute(select(Event).where(*near, Event.date_start < interval.start)
                              .order_by(Event.date_start.desc(), Event.seq.desc()).limit(half)).scalars().all()
    return snapshots_of(session, [*reversed(earlier), *later])


def stored_settings(session: Session, event_ids: Sequence[str]) -> dict[str, set[str]]:
    """For stored events with no place or state of their own: the countries their articles' events
    happen in most (merge.article_setting, read back from the stored places of every event of
    those articles), so a later report of another war never joins them for lack of a place."""
    if not event_ids:
        return {}
    articles_of: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(list(event_ids)):
        for event_id, article_id in session.execute(
            select(Mention.event_id, Mention.article_id).where(Mention.event_id.in_(chunk)).distinct()
        ).all():
            articles_of[event_id].add(article_id)
    article_ids = sorted({a for found in articles_of.values() for a in found})
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for chunk in _chunks(article_ids):
        for article_id, country, n in session.execute(
            select(Mention.article_id, Location.country, func.count(func.distinct(Mention.event_id)))
            .join(EventLocation, EventLocation.event_id == Mention.event_id)
            .join(Location, Location.id == EventLocation.location_id)
            .where(Mention.article_id.in_(chunk), Location.country.is_not(None))
            .group_by(Mention.article_id, Location.country)
        ).all():
            counts[article_id][country.lower()] += n
    settings: dict[str, set[str]] = {}
    for event_id, articles in articles_of.items():
        found: set[str] = set()
        for article_id in articles:
            if counts[article_id]:
                top = max(counts[article_id].values())
                found |= {k for k, n in counts[article_id].items() if n == top}
        if found:
            settings[event_id] = found
    return settings


def snapshots_of(session: Session, rows: Sequence[Event]) -> list[EventSnapshot]:
    """Stored events as the merge stage sees them: dates, type, actors (with their parents),
    initiators and speakers, and the words of every report."""
    if not rows:
        return []
    event_ids = [row.id for row in rows]
    actors: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    agents: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    doers: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    for event_id, actor_id, role, parent_id in session.execute(
        select(EventActor.event_id, EventActor.actor_id, EventActor.role, Actor.parent_id)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(event_ids), EventActor.role != "mentioned")
    ).all():
        found = {actor_id, parent_id} - {None}
        actors[event_id] |= found
        if role in ("initiator", "speaker"):
            agents[event_id] |= found
            doers[event_id].add(actor_id)
    places: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    countries: dict[str, set[str]] = {event_id: set() for event_id in event_ids}
    for event_id, location_id, country in session.execute(
        select(EventLocation.event_id, Location.id, Location.country)
        .join(Location, Location.id == EventLocation.location_id)
        .where(EventLocation.event_id.in_(event_ids))
    ).all():
        if country is None or location_id != country:
            places[event_id].add(location_id)
        if country:
            countries[event_id].add(country.lower())
    for event_id, actor_id in session.execute(
        select(EventActor.event_id, EventActor.actor_id)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(event_ids), Actor.kind == "state", EventActor.role != "mentioned")
    ).all():
        countries[event_id].add(actor_id.lower())
    # Where its articles are set: taken as its country when it names none, as the topic of a
    # statement that names no country besides its speaker's, and as the story a report joined by
    # who did it alone must share.
    settings = stored_settings(session, event_ids)
    for event_id, setting in settings.items():
        if not countries[event_id]:
            countries[event_id] |= setting
    # What a new report must meet is where the event's first report put it, not every place and
    # country its reports have named since: a report of two towns must not let a third report of
    # the second town alone in (report_profile.py). Unknown (stored before mentions kept it) or
    # naming none: every report's, as before.
    for event_id, first in first_reports(session, event_ids).items():
        if first.places:
            places[event_id] = set(first.places)
        if first.countries:
            countries[event_id] = set(first.countries)
    return [
        EventSnapshot(
            id=row.id,
            type=row.type,
            interval=DateInterval(row.date_start, row.date_end, row.precision, row.open_end),
            modality=row.modality,
            actor_keys=frozenset(actors[row.id]),
            texts=(row.title, row.summary),
            inherited=row.date_method == "inherited",
            agent_keys=frozenset(agents[row.id]),
            core_texts=(row.title, row.summary),
            places=frozenset(places[row.id]),
            countries=frozenset(countries[row.id]),
            setting=frozenset(settings.get(row.id, ())),
            doers=frozenset(doers[row.id]),
        )
        for row in rows
    ]


# --- fields ----------------------------------------------------------------------------------------

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
        # where this sentence put the happening: what a later report must meet when it founded
        # the event (app/services/report_profiles.py)
        "places": sorted(candidate_places(candidate)),
        "countries": sorted(candidate_countries(candidate)),
        "figures": [
            {"quantity": f.quantity, "what": f.what, "source": f.source, "start": f.start, "end": f.end}
            for f in candidate.figures
        ],
    }


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
    for name, value in event_fields(candidate).items():
        if name in keep or getattr(event, name) == value:
            continue
        before[name], after[name] = _plain(getattr(event, name)), _plain(value)
        setattr(event, name, value)
    if not after:
        return False
    if "title" in after:
        event.slug = slugify(event.title)
    if event.status == "active" and (event.date_start != old_start or event.type != old_type):
        bump_day_count(session, old_start, old_type, -1)
        bump_day_count(session, event.date_start, event.type, +1)
    event.updated_at = utcnow()
    if record:
        audit(session, MACHINE, "event.reextract", "event", event.id, before, after)
    return True


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
