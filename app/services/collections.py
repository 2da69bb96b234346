"""Collections: creating, describing and deleting them, and moving an article from one to another.

A collection (a conflict, a dossier) owns articles, and so their events: the merge stage only ever
compares a report with events of its own article's collection (app/services/articles.py). Every
change here is one write transaction with an audit entry (object type "collection", or the
article and events a move touched).

Rules:
- a slug is lower-case letters, digits and hyphens, and never changes (it is the collection's
  address, /c/{slug}/); the name, description, period and region can be edited;
- the default collection (where an article goes when nobody names one) cannot be deleted, and
  neither can a collection that holds articles: the refusal says how many;
- moving an article re-runs its merge in the collection it joins (`move_article`), and every
  permalink keeps answering: an event id that retires redirects (301) to the event that now
  holds its report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlmodel import Session

from app import ids
from app.calendar import FIRST_SUPPORTED_DAY, LAST_SUPPORTED_DAY, is_supported
from app.db import writing
from app.errors import NotFound, UserError
from app.models import (
    DEFAULT_COLLECTION, AdminUser, Article, Collection, Event, EventActor, EventAlias, EventLocation, Mention, utcnow,
)
from app.permalinks import slugify
from app.pipeline.merge import article_setting, decide
from app.pipeline.types import ArticleExtraction
from app.queries.collections import articles_in, find_collection, known_slugs, unknown_collection_message
from app.services.articles import happenings_of, merge_snapshots, reconcile_article
from app.services.counts import bump_day_count, recount_sources
from app.services.curation import actors_named_in, audit, places_named_in, sentence_title
from app.taxonomy import speech_types, type_families

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")
MAX_NAME = 200
MAX_DESCRIPTION = 4000
MOVED = "moved with its article"


class CollectionRefused(UserError):
    """A collection change that cannot be made as asked; `field` names the form field it is about."""

    status = 422
    code = "collection_refused"

    def __init__(self, message: str, field: str | None = None, **context):
        super().__init__(message, **context)
        self.field = field


class UnknownCollection(NotFound):
    """A slug that names no collection (404; `known` lists the slugs there are)."""


@dataclass(frozen=True)
class CollectionFields:
    """What the create and edit forms (and `timeline collections create`) give."""

    name: str
    description: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    region: str | None = None


def _forget_cache(session: Session) -> None:
    session.info.pop("collections", None)  # app/queries/collections.py reads them once per session


def resolve(session: Session, slug: str) -> Collection:
    """The collection with this slug (the session's object, to change), or UnknownCollection naming
    the ones there are."""
    found = session.execute(select(Collection).where(Collection.slug == slug)).scalars().first()
    if found is None:
        raise UnknownCollection(unknown_collection_message(session, slug), known=known_slugs(session))
    return found


def _checked(fields: CollectionFields) -> CollectionFields:
    name = " ".join(fields.name.split())
    if not name:
        raise CollectionRefused("give the collection a name", "name")
    if len(name) > MAX_NAME:
        raise CollectionRefused(f"a name is at most {MAX_NAME} characters", "name")
    description = fields.description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise CollectionRefused(f"a description is at most {MAX_DESCRIPTION} characters", "description")
    for field_name, day in (("date_from", fields.date_from), ("date_to", fields.date_to)):
        if day is not None and not is_supported(day):  # a span the pages would compute with
            raise CollectionRefused(f"{day.isoformat()} is outside the dates this timeline supports "
                                    f"({FIRST_SUPPORTED_DAY.isoformat()} to {LAST_SUPPORTED_DAY.isoformat()})",
                                    field_name)
    if fields.date_from and fields.date_to and fields.date_from > fields.date_to:
        raise CollectionRefused(f"the period is reversed: {fields.date_from} is after {fields.date_to}", "date_to")
    region = " ".join((fields.region or "").split()) or None
    if region and len(region) > MAX_NAME:
        raise CollectionRefused(f"a region is at most {MAX_NAME} characters", "region")
    return CollectionFields(name, description, fields.date_from, fields.date_to, region)


def _snapshot(collection: Collection) -> dict:
    return {"slug": collection.slug, "name": collection.name, "description": collection.description,
            "date_from": collection.date_from.isoformat() if collection.date_from else None,
            "date_to": collection.date_to.isoformat() if collection.date_to else None,
            "region": collection.region}


def create_collection(session: Session, username: str, slug: str | None, fields: CollectionFields) -> Collection:
    """A new collection (committed). Without a slug, one is made from the name."""
    fields = _checked(fields)
    slug = (slug or "").strip().lower() or slugify(fields.name, max_length=60)
    if not SLUG.match(slug):
        raise CollectionRefused(f"the short name {slug[:70]!r} is not usable in an address: use lower-case letters, "
                                "digits and hyphens (at most 60)", "slug")
    with writing(session):
        _forget_cache(session)
        if find_collection(session, slug) is not None:
            raise CollectionRefused(f"a collection with the short name {slug!r} already exists", "slug")
        collection = Collection(slug=slug, name=fields.name, description=fields.description,
                                date_from=fields.date_from, date_to=fields.date_to, region=fields.region)
        session.add(collection)
        session.flush()
        audit(session, username, "collection.create", "collection", slug, None, _snapshot(collection), public=False)
    _forget_cache(session)
    return collection


def update_collection(session: Session, username: str, slug: str, fields: CollectionFields) -> Collection:
    """Rename or describe a collection (committed); its slug, and so its address, stay."""
    fields = _checked(fields)
    with writing(session):
        _forget_cache(session)
        collection = resolve(session, slug)
        before = _snapshot(collection)
        collection.name, collection.description = fields.name, fields.description
        collection.date_from, collection.date_to, collection.region = fields.date_from, fields.date_to, fields.region
        after = _snapshot(collection)
        changed = {k for k in after if after[k] != before[k]}
        if changed:
            audit(session, username, "collection.edit", "collection", slug, {k: before[k] for k in changed},
                  {k: after[k] for k in changed}, public=False)
    _forget_cache(session)
    return collection


def delete_collection(session: Session, username: str, slug: str) -> None:
    """Delete an empty collection (committed). The default one, and one holding articles, are refused."""
    with writing(session):
        _forget_cache(session)
        collection = resolve(session, slug)
        if collection.id == DEFAULT_COLLECTION:
            raise CollectionRefused("the default collection cannot be deleted: articles added without naming a "
                                    "collection go there", status=409)
        held = articles_in(session, collection.id)
        if held:
            raise CollectionRefused(
                f"the collection {slug!r} holds {held} article{'s' if held != 1 else ''}; move or delete "
                f"{'them' if held != 1 else 'it'} first (deleted articles and earlier versions count too: their "
                "ids are kept)", status=409, articles=held)
        audit(session, username, "collection.delete", "collection", slug, _snapshot(collection), None, public=False)
        session.delete(collection)
    _forget_cache(session)


def upload_collection(session: Session, username: str) -> str | None:
    """The slug of the collection this admin last uploaded into (the upload form's choice)."""
    chosen = session.execute(select(AdminUser.upload_collection_id).where(AdminUser.username == username)).scalar()
    if chosen is None:
        return None
    return session.execute(select(Collection.slug).where(Collection.id == chosen)).scalar()


def remember_upload_collection(session: Session, username: str, collection: int) -> None:
    """Remember the collection the admin uploaded into (committed)."""
    session.execute(update(AdminUser).where(AdminUser.username == username)
                    .values(upload_collection_id=collection).execution_options(synchronize_session=False))
    session.commit()


# --- moving an article -------------------------------------------------------------------------

@dataclass
class MovedArticle:
    """What moving an article did to the events it reported."""

    article_id: str
    source: str  # the slugs of the collection it left and the one it joined
    target: str
    events_moved: list[str] = field(default_factory=list)  # reported by it alone: went with it, same id
    events_merged: list[tuple[str, str]] = field(default_factory=list)  # (moved id, event of the target): 301
    events_split: list[str] = field(default_factory=list)  # the other reports of an event it founded, left behind
    events_left: list[str] = field(default_factory=list)  # founded by another article: they stay, less its reports
    events_created: list[str] = field(default_factory=list)  # in the target, for reports that left shared events
    events_joined: list[str] = field(default_factory=list)  # events of the target those reports joined

    def summary(self) -> str:
        return (f"article {self.article_id} moved from {self.source} to {self.target}: "
                f"{len(self.events_moved)} events went with it, {len(self.events_merged)} merged into events of "
                f"{self.target}, {len(self.events_created)} new and {len(self.events_joined)} joined there; "
                f"{len(self.events_left) + len(self.events_split)} stay in {self.source} with their other reports")


def move_article(session: Session, username: str, article_id: str, target_slug: str, extraction: ArticleExtraction,
                 families: Mapping[str, str] | None = None, note: str | None = None) -> MovedArticle:
    """Move a current article to the collection `target_slug`, in the caller's write transaction.

    `extraction` is the article's text run through the extractor again (as `timeline reextract`
    does): the merge needs each report's candidate. For each event the article reports:

    - reported by this article alone: the event goes with it (same id, its editors' changes kept),
      then the merge stage compares it with the events of the target; if it finds the same event
      there, the moved event merges into it and its id redirects (301);
    - founded by this article, with reports of other articles too: the event (its id follows the
      sentence that founded it) goes with the article, and the other reports stay behind as an
      event of their own, whose id is the key of the earliest of them (as a split gives);
    - founded by another article: the event stays, without this article's reports, which join or
      found events of the target like any new report.

    Every id the article's reports ever named keeps answering (an event, or a 301)."""
    families = type_families() if families is None else families
    target = resolve(session, target_slug)
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise NotFound(f"there is no article with the id \u201c{article_id}\u201d")
    if article.replaced_by:
        raise CollectionRefused(f"article {article.id} was replaced by {article.replaced_by}; move the current "
                                "version", status=409)
    if article.collection_id == target.id:
        raise CollectionRefused(f"article {article.id} is already in {target.slug!r}", "collection", status=409)
    source = session.get(Collection, article.collection_id)
    result = MovedArticle(article.id, source.slug, target.slug)

    def key_of(candidate) -> str:
        return ids.mention_key(article.content_hash, candidate.sentence.start, candidate.ordinal)

    # What the merge compares a moved event by: the happening its key leads (its sentences together,
    # as ingestion stored it), else the report its key names.
    candidates = {}
    for happening in happenings_of(extraction):
        candidates.setdefault(key_of(extraction.events[happening.lead]), happening.profile)
    for candidate in extraction.events:
        candidates.setdefault(key_of(candidate), candidate)
    setting = article_setting(extraction.events)
    mine = session.execute(select(Mention).where(Mention.article_id == article.id)).scalars().all()
    my_keys = {mention.key for mention in mine} | set(candidates)
    by_event: dict[str, list[Mention]] = {}
    for mention in mine:
        by_event.setdefault(mention.event_id, []).append(mention)

    moved: list[Event] = []
    stay: list[str] = []
    for event_id, reports in by_event.items():
        event = session.execute(select(Event).where(Event.id == event_id)).scalars().one()
        others = session.execute(
            select(Mention).where(Mention.event_id == event_id, Mention.article_id != article.id)
            .join(Article, Article.id == Mention.article_id).order_by(Article.published, Mention.article_id,
                                                                     Mention.start)
        ).scalars().all()
        if others and event.id in my_keys:
            result.events_split.append(_leave_behind(session, username, event, others, article.id))
        elif others:
            for mention in reports:
                session.delete(mention)
            stay.append(event.id)
            result.events_left.append(event.id)
            continue
        moved.append(event)
    session.flush()
    recount_sources(session, stay + result.events_split)
    moved_ids = {event.id for event in moved}

    # Ids of this article's reports that redirect to an event staying behind would lead its reports
    # back there; they are pointed again at wherever the reports end up (below).
    for alias in session.execute(select(EventAlias).where(EventAlias.old_id.in_(sorted(my_keys)))).scalars().all():
        if alias.event_id not in moved_ids:
            session.delete(alias)
    # Deleted events founded by its reports follow it: a later re-extraction may bring them back.
    session.execute(update(Event).where(Event.id.in_(sorted(my_keys)), Event.status == "deleted",
                                        Event.collection_id == source.id)
                    .values(collection_id=target.id).execution_options(synchronize_session=False))
    now = utcnow()
    for event in moved:
        event.collection_id, event.updated_at = target.id, now
    article.collection_id = target.id
    session.flush()

    # The merge, again, for each event that went with it: is it an event the target already has?
    for event in moved:
        candidate = candidates.get(event.id)
        if candidate is None or event.status != "active":
            result.events_moved.append(event.id)
            continue
        snapshots = [s for s in merge_snapshots(session, candidate, target.id, families) if s.id not in moved_ids]
        decision = decide(candidate, snapshots, families=families, names={a.key: a.name for a in candidate.actors},
                          setting=setting, speech=speech_types())
        if decision.event_id:
            _merge_moved(session, username, event, decision.event_id, decision.reasons, target.slug)
            result.events_merged.append((event.id, decision.event_id))
        else:
            result.events_moved.append(event.id)
    session.flush()

    # The reports that left shared events join or found events of the target, as new reports do.
    report = reconcile_article(session, article, extraction, families=families)
    result.events_created = list(report.events_created)
    placed = dict(session.execute(select(Mention.key, Mention.event_id).where(Mention.article_id == article.id)).all())
    survivors = {survivor for _, survivor in result.events_merged}
    result.events_joined = sorted({event_id for event_id in placed.values() if event_id not in moved_ids
                                   and event_id not in result.events_created and event_id not in survivors})
    # Every id the article's reports named still answers.
    existing_events = set(session.execute(select(Event.id).where(Event.id.in_(sorted(my_keys)))).scalars())
    existing_aliases = set(session.execute(select(EventAlias.old_id).where(EventAlias.old_id.in_(sorted(my_keys))))
                           .scalars())
    for key in sorted(my_keys - existing_events - existing_aliases):
        if key in placed:
            session.add(EventAlias(old_id=key, event_id=placed[key], reason="moved"))
    summary = result.summary()
    audit(session, username, "article.move", "article", article.id, {"collection": source.slug},
          {"collection": target.slug, "note": f"{summary}; {note}" if note else summary})
    return result


def _leave_behind(session: Session, username: str, event: Event, others: Sequence[Mention], article_id: str) -> str:
    """The reports of other articles of an event the moving article founded, as an event of their
    own in the collection they stay in: its id is the key of the earliest of them."""
    founder = others[0]
    stale = session.get(EventAlias, founder.key)
    if stale is not None:  # that id was merged away once; now it names its own event again
        session.delete(stale)
        session.flush()
    title = sentence_title(founder.sentence)
    left = Event(
        id=founder.key, slug=slugify(title), title=title, summary=founder.sentence,
        type=founder.type or event.type, modality=founder.modality or event.modality,
        date_start=event.date_start, date_end=event.date_end, precision=event.precision, open_end=event.open_end,
        date_method=event.date_method, date_rule=event.date_rule, date_expression=founder.date_expression,
        date_anchor=event.date_anchor, status=event.status, reviewed=event.reviewed,
        merge_reasons=list(event.merge_reasons or ()), collection_id=event.collection_id,
    )
    session.add(left)
    session.flush()
    if left.status == "active":
        bump_day_count(session, left.date_start, left.type, +1)
    sentences = " ".join(mention.sentence for mention in others)
    for actor_id, role in actors_named_in(session, event.id, sentences):
        session.add(EventActor(event_id=left.id, actor_id=actor_id, role=role))
    for location_id in places_named_in(session, event.id, sentences):
        session.add(EventLocation(event_id=left.id, location_id=location_id))
    for mention in others:
        mention.event_id = left.id
    session.flush()
    note = {"note": f"article {article_id}, which first reported {event.id}, moved to another collection; "
                    f"the {len(others)} other report(s) stay here as event {left.id}"}
    audit(session, username, "event.split", "event", event.id, {"new_event": None}, {"new_event": left.id, **note})
    audit(session, username, "event.split_from", "event", left.id, {"from_event": None},
          {"from_event": event.id, **note})
    return left.id


def _merge_moved(session: Session, username: str, event: Event, survivor_id: str, reasons: Sequence[str],
                 target: str) -> None:
    """A moved event that the merge stage finds to be an event of its new collection joins it:
    its reports, actors and places move, its id redirects (301)."""
    survivor = session.execute(select(Event).where(Event.id == survivor_id)).scalars().one()
    for mention in session.execute(select(Mention).where(Mention.event_id == event.id)).scalars().all():
        mention.event_id = survivor.id
    have = set(session.execute(select(EventActor.actor_id, EventActor.role)
                               .where(EventActor.event_id == survivor.id)).all())
    for link in session.execute(select(EventActor).where(EventActor.event_id == event.id)).scalars().all():
        if (link.actor_id, link.role) not in have:
            session.add(EventActor(event_id=survivor.id, actor_id=link.actor_id, role=link.role))
        session.delete(link)
    places = set(session.execute(select(EventLocation.location_id)
                                 .where(EventLocation.event_id == survivor.id)).scalars())
    for link in session.execute(select(EventLocation).where(EventLocation.event_id == event.id)).scalars().all():
        if link.location_id not in places:
            session.add(EventLocation(event_id=survivor.id, location_id=link.location_id))
        session.delete(link)
    for alias in session.execute(select(EventAlias).where(EventAlias.event_id == event.id)).scalars().all():
        alias.event_id = survivor.id
    if event.status == "active":
        bump_day_count(session, event.date_start, event.type, -1)
    session.flush()
    session.delete(event)
    session.flush()
    session.add(EventAlias(old_id=event.id, event_id=survivor.id, reason="merged"))
    survivor.merge_reasons = sorted(set(survivor.merge_reasons or ()) | set(reasons))
    survivor.updated_at = utcnow()
    recount_sources(session, [survivor.id])
    note = {"note": f"{event.id} ({event.title}) {MOVED} into {target}, where it is the same event as {survivor.id}"}
    audit(session, username, "event.merged_into", "event", event.id, {"survivor": None, "status": event.status},
          {"survivor": survivor.id, "status": "merged", **note})
    audit(session, username, "event.merge", "event", survivor.id, {"other": None}, {"other": event.id, **note})
