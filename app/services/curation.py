"""Editors' curation: edit, hide and unhide, merge, split, delete an article.

Each action is one function and one write transaction, which it commits (a refused action is
rolled back whole), and writes an AuditEntry with the values before and after. Rules every
action keeps:

- a public id never changes and never disappears: a merged-away id becomes an EventAlias (301 to
  the survivor), an event left without sources becomes status "deleted" (410, its sources recorded
  in the audit entry so the page can still list them);
- an edit marks the event reviewed and records the edited fields in `manual_fields`, which
  re-extraction (app/services/articles.py:rebuild_events) leaves alone;
- `sources_count` and the per-day counts (active events only) stay right.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from app.db import writing
from app.errors import NotFound, UserError
from app.models import (
    Actor,
    ActorAlias,
    Article,
    AuditEntry,
    Event,
    EventActor,
    EventAlias,
    EventLocation,
    Location,
    Mention,
    utcnow,
)
from app.permalinks import slugify
from app.services.counts import bump_day_count, recount_sources
from app.services.importance import rescore
from app.taxonomy import event_types

PRECISIONS = ("day", "month", "year", "decade", "century")
ROLES = ("initiator", "target", "speaker", "participant", "mentioned")
DATE_FIELDS = ("date_start", "date_end", "precision")
TITLE_WORDS = 14
MACHINE = "re-extraction"  # the username of changes made by a run of the extractor


class CurationRefused(UserError):
    """An action that cannot be done as asked; `field` names the form field it is about."""

    status = 422
    code = "curation_refused"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def one_transaction(action):
    """The action as a write transaction of its own, committed (or rolled back) here."""

    @functools.wraps(action)
    def run(session: Session, *args, **kwargs):
        with writing(session):
            return action(session, *args, **kwargs)

    return run


# --- reading and recording ---------------------------------------------------------------------

def load_event(session: Session, event_id: str) -> Event:
    event = session.execute(select(Event).where(Event.id == event_id)).scalars().first()
    if event is None:
        alias = session.get(EventAlias, event_id)
        if alias is not None:
            raise NotFound(f"the event {event_id} was merged into {alias.event_id}; edit that one")
        raise NotFound(f"there is no event with the id \u201c{event_id}\u201d")
    return event


def actor_labels(session: Session, event_id: str) -> list[str]:
    rows = session.execute(
        select(Actor.name, EventActor.role).join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id == event_id).order_by(Actor.name, EventActor.role)
    ).all()
    return [f"{name} ({role})" for name, role in rows]


def event_snapshot(session: Session, event: Event) -> dict[str, Any]:
    """The fields an editor can change, as recorded in the audit log."""
    return {
        "title": event.title,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "precision": event.precision,
        "type": event.type,
        "actors": actor_labels(session, event.id),
        "status": event.status,
    }


def sources_snapshot(session: Session, event_id: str) -> list[dict[str, Any]]:
    """The event's source sentences, kept in the audit entry of its deletion (the 410 page lists them)."""
    rows = session.execute(
        select(Mention, Article).join(Article, Article.id == Mention.article_id)
        .where(Mention.event_id == event_id).order_by(Article.published, Mention.article_id, Mention.start)
    ).all()
    return [
        {"article_id": a.id, "article_title": a.title, "publisher": a.publisher, "published": a.published.isoformat(),
         "source_url": a.url, "sentence": m.sentence, "sentence_index": m.sentence_index, "mention": m.key}
        for m, a in rows
    ]


def audit(session: Session, username: str, action: str, object_type: str, object_id: str,
          before: dict[str, Any] | None, after: dict[str, Any] | None, *, public: bool = True) -> AuditEntry:
    entry = AuditEntry(username=username, action=action, object_type=object_type, object_id=object_id,
                       before=before, after=after, public=public)
    session.add(entry)
    return entry


def set_status(session: Session, event: Event, status: str) -> None:
    """Change the status, keeping the per-day counts (which count active events only) right."""
    if event.status == status:
        return
    if event.status == "active":
        bump_day_count(session, event.date_start, event.type, -1)
    elif status == "active":
        bump_day_count(session, event.date_start, event.type, +1)
    event.status = status
    event.updated_at = utcnow()


def mention_count(session: Session, event_id: str) -> int:
    return session.execute(select(func.count()).select_from(Mention).where(Mention.event_id == event_id)).scalar_one()


# --- edit --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventEdit:
    """What the edit form submits: every editable field, changed or not."""

    title: str
    date_start: dt.date
    date_end: dt.date
    precision: str
    type: str
    actors: tuple[tuple[str, str], ...]  # (actor id, role)


@one_transaction
def edit_event(session: Session, username: str, event_id: str, edit: EventEdit) -> list[str]:
    """Apply the edit; returns the names of the fields that changed (none: nothing recorded)."""
    event = load_event(session, event_id)
    if event.status == "deleted":
        raise CurationRefused("a deleted event cannot be edited")
    _validate(session, edit)
    before = event_snapshot(session, event)
    changed: list[str] = []
    old_start, old_type = event.date_start, event.type
    title = " ".join(edit.title.split())
    if title != event.title:
        event.title, event.slug = title, slugify(title)
        changed.append("title")
    for name in ("date_start", "date_end", "precision", "type"):
        if getattr(edit, name) != getattr(event, name):
            setattr(event, name, getattr(edit, name))
            changed.append(name)
    if any(name in changed for name in DATE_FIELDS):
        # The date is now the editor's: say so instead of the extractor's provenance.
        event.date_method, event.date_rule, event.date_expression, event.date_anchor = "manual", "set by an editor", None, None
        event.open_end = False
    current = set(session.execute(
        select(EventActor.actor_id, EventActor.role).where(EventActor.event_id == event.id)
    ).all())
    wanted = set(edit.actors)
    if current != wanted:
        for link in session.execute(select(EventActor).where(EventActor.event_id == event.id)).scalars():
            if (link.actor_id, link.role) not in wanted:
                session.delete(link)
        for actor_id, role in sorted(wanted - current):
            session.add(EventActor(event_id=event.id, actor_id=actor_id, role=role))
        changed.append("actors")
    if not changed:
        return []
    if event.status == "active" and (event.date_start != old_start or event.type != old_type):
        bump_day_count(session, old_start, old_type, -1)
        bump_day_count(session, event.date_start, event.type, +1)
    if event.type != old_type:
        rescore(session, [event.id])
    event.reviewed = True
    event.manual_fields = sorted(set(event.manual_fields or ()) | set(changed))
    event.updated_at = utcnow()
    session.flush()
    after = event_snapshot(session, event)
    audit(session, username, "event.edit", "event", event.id,
          {k: before[k] for k in before if before[k] != after[k]},
          {k: after[k] for k in after if before[k] != after[k]})
    return changed


def _validate(session: Session, edit: EventEdit) -> None:
    if not edit.title.strip():
        raise CurationRefused("give the event a title", "title")
    if len(edit.title) > 300:
        raise CurationRefused("a title is at most 300 characters", "title")
    if edit.precision not in PRECISIONS:
        raise CurationRefused(f"the precision must be one of {', '.join(PRECISIONS)}", "precision")
    if edit.date_end < edit.date_start:
        raise CurationRefused("the end date is before the start date", "date_end")
    if edit.type not in event_types():
        raise CurationRefused(f"there is no event type \u201c{edit.type}\u201d", "type")
    for actor_id, role in edit.actors:
        if role not in ROLES:
            raise CurationRefused(f"the role must be one of {', '.join(ROLES)}", "actors")
        if session.get(Actor, actor_id) is None:
            raise CurationRefused(f"there is no actor with the id \u201c{actor_id}\u201d", "actors")


# --- hide and unhide ---------------------------------------------------------------------------

@one_transaction
def hide_event(session: Session, username: str, event_id: str) -> Event:
    return _change_status(session, username, event_id, "hidden", "event.hide")


@one_transaction
def unhide_event(session: Session, username: str, event_id: str) -> Event:
    return _change_status(session, username, event_id, "active", "event.unhide")


def _change_status(session: Session, username: str, event_id: str, status: str, action: str) -> Event:
    event = load_event(session, event_id)
    if event.status == "deleted":
        raise CurationRefused("the event was deleted; it can no longer be hidden or shown")
    if event.status == status:
        return event  # already so: nothing to record
    before = event.status
    set_status(session, event, status)
    event.reviewed = True
    audit(session, username, action, "event", event.id, {"status": before}, {"status": status})
    return event


# --- merge -------------------------------------------------------------------------------------

@one_transaction
def merge_events(session: Session, username: str, survivor_id: str, other_id: str) -> Event:
    """`other` joins `survivor`: its mentions, actors and places move, its id redirects (301)."""
    survivor_id, other_id = survivor_id.strip(), other_id.strip()
    if survivor_id == other_id:
        raise CurationRefused("an event cannot be merged with itself", "other")
    survivor = load_event(session, survivor_id)
    other = load_event(session, other_id)
    for event in (survivor, other):
        if event.status == "deleted":
            raise CurationRefused(f"the event {event.id} was deleted and cannot be merged", "other")
    if survivor.collection_id != other.collection_id:
        raise CurationRefused(f"the events {survivor.id} and {other.id} belong to different collections; "
                              "events of two collections are never merged", "other")
    before = {"survivor": event_snapshot(session, survivor), "other": event_snapshot(session, other)}
    mentions_before = mention_count(session, survivor.id)
    moved = session.execute(select(Mention).where(Mention.event_id == other.id)).scalars().all()
    for mention in moved:
        mention.event_id = survivor.id
    have = set(session.execute(
        select(EventActor.actor_id, EventActor.role).where(EventActor.event_id == survivor.id)).all())
    for link in session.execute(select(EventActor).where(EventActor.event_id == other.id)).scalars().all():
        if (link.actor_id, link.role) not in have:
            session.add(EventActor(event_id=survivor.id, actor_id=link.actor_id, role=link.role))
        session.delete(link)
    places = set(session.execute(
        select(EventLocation.location_id).where(EventLocation.event_id == survivor.id)).scalars())
    for link in session.execute(select(EventLocation).where(EventLocation.event_id == other.id)).scalars().all():
        if link.location_id not in places:
            session.add(EventLocation(event_id=survivor.id, location_id=link.location_id))
        session.delete(link)
    # Earlier merges into `other` now lead straight to the survivor.
    for alias in session.execute(select(EventAlias).where(EventAlias.event_id == other.id)).scalars().all():
        alias.event_id = survivor.id
    if other.status == "active":
        bump_day_count(session, other.date_start, other.type, -1)
    session.flush()
    session.delete(other)
    session.flush()
    session.add(EventAlias(old_id=other.id, event_id=survivor.id, reason="merged"))
    survivor.merge_reasons = sorted(set(survivor.merge_reasons or ()) | {"merged by an editor"})
    survivor.reviewed = True
    survivor.updated_at = utcnow()
    recount_sources(session, [survivor.id])
    session.flush()
    after = event_snapshot(session, survivor)
    note = {"note": f"{other.id} ({other.title}) merged into {survivor.id}"}
    audit(session, username, "event.merge", "event", survivor.id,
          {"other": None, "actors": before["survivor"]["actors"], "mentions": mentions_before},
          {"other": other.id, "actors": after["actors"], "mentions": mentions_before + len(moved), **note})
    audit(session, username, "event.merged_into", "event", other.id,
          {**before["other"], "survivor": None}, {"survivor": survivor.id, "status": "merged", **note})
    return survivor


# --- split -------------------------------------------------------------------------------------

@one_transaction
def split_mention(session: Session, username: str, mention_key: str) -> Event:
    """The mention becomes an event of its own, whose id is the mention's key."""
    mention = session.execute(select(Mention).where(Mention.key == mention_key)).scalars().first()
    if mention is None:
        raise NotFound(f"there is no report (mention) with the key \u201c{mention_key}\u201d")
    source = load_event(session, mention.event_id)
    if mention.key == source.id:
        raise CurationRefused(
            "this sentence first reported the event and gives it its id; split the other sentences off instead")
    if mention_count(session, source.id) < 2:
        raise CurationRefused("this is the event's only report: it is already an event of its own")
    if session.execute(select(Event.id).where(Event.id == mention.key)).first() is not None:
        raise CurationRefused(f"an event with the id {mention.key} already exists")
    stale_alias = session.get(EventAlias, mention.key)
    if stale_alias is not None:
        session.delete(stale_alias)  # the id was merged away once; now it names its own event again
        session.flush()
    event = Event(
        id=mention.key,
        slug=slugify(sentence_title(mention.sentence)),
        title=sentence_title(mention.sentence),
        summary=mention.sentence,
        type=mention.type or source.type,
        modality=mention.modality or source.modality,
        date_start=source.date_start,
        date_end=source.date_end,
        precision=source.precision,
        open_end=source.open_end,
        date_method=source.date_method,
        date_rule=source.date_rule,
        date_expression=mention.date_expression,
        date_anchor=source.date_anchor,
        status="active" if source.status == "active" else source.status,
        reviewed=True,
        collection_id=source.collection_id,
    )
    session.add(event)
    session.flush()
    if event.status == "active":
        bump_day_count(session, event.date_start, event.type, +1)
    for actor_id, role in actors_named_in(session, source.id, mention.sentence):
        session.add(EventActor(event_id=event.id, actor_id=actor_id, role=role))
    for location_id in places_named_in(session, source.id, mention.sentence):
        session.add(EventLocation(event_id=event.id, location_id=location_id))
    mention.event_id = event.id
    mention.split_off = True
    session.flush()
    recount_sources(session, [event.id, source.id])
    source.updated_at = utcnow()
    note = {"note": f"the report \u201c{_clip(mention.sentence)}\u201d became event {event.id}"}
    audit(session, username, "event.split", "event", source.id, {"new_event": None}, {"new_event": event.id, **note})
    audit(session, username, "event.split_from", "event", event.id, {"from_event": None},
          {"from_event": source.id, **note})
    return event


def sentence_title(sentence: str) -> str:
    words = sentence.split()
    title = " ".join(words[:TITLE_WORDS]).rstrip(" ,;:.")
    return title + ("\u2026" if len(words) > TITLE_WORDS else "")


def _clip(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"


def named_in(sentence: str, names: Iterable[str]) -> bool:
    """Any of these names written in the sentence, as a whole word (case aside)."""
    lowered = sentence.lower()
    return any(n and re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", lowered) for n in names)


def actors_named_in(session: Session, event_id: str, sentence: str) -> list[tuple[str, str]]:
    """The event's actor links whose actor is named (by name or alias) in the sentence."""
    links = session.execute(
        select(EventActor.actor_id, EventActor.role, Actor.name).join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id == event_id)
    ).all()
    aliases: dict[str, list[str]] = {}
    for actor_id, alias in session.execute(
        select(ActorAlias.actor_id, ActorAlias.alias).where(ActorAlias.actor_id.in_({a for a, _, _ in links}))
    ).all():
        aliases.setdefault(actor_id, []).append(alias)
    return [(a, r) for a, r, name in links if named_in(sentence, [name, *aliases.get(a, [])])]


def places_named_in(session: Session, event_id: str, sentence: str) -> list[str]:
    rows = session.execute(
        select(Location.id, Location.name).join(EventLocation, EventLocation.location_id == Location.id)
        .where(EventLocation.event_id == event_id)
    ).all()
    return [key for key, name in rows if named_in(sentence, [name])]


# --- removing sources: article deletion, re-extraction, replacement -----------------------------

def retire_mentions(session: Session, username: str, mentions: Sequence[Mention], reason: str,
                    *, keep_reviewed: bool = False) -> tuple[list[str], list[str]]:
    """Remove these mentions; an event left without any becomes "deleted" (410), its sources
    recorded in the audit entry. With `keep_reviewed`, mentions of reviewed events stay (an
    editor vouched for them). Returns (events deleted, events kept because reviewed)."""
    by_event: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_event.setdefault(mention.event_id, []).append(mention)
    deleted, kept = [], []
    for event_id, going in by_event.items():
        event = load_event(session, event_id)
        if keep_reviewed and event.reviewed:
            kept.append(event_id)
            continue
        remaining = mention_count(session, event_id) - len(going)
        sources = sources_snapshot(session, event_id) if remaining == 0 else None
        for mention in going:
            session.delete(mention)
        session.flush()
        if remaining == 0:
            before = {"title": event.title, "status": event.status, "sources": sources}
            set_status(session, event, "deleted")
            event.sources_count = 0
            audit(session, username, "event.deleted", "event", event.id, before,
                  {"status": "deleted", "reason": reason})
            deleted.append(event.id)
        else:
            recount_sources(session, [event_id])
            event.updated_at = utcnow()
    return deleted, kept


@one_transaction
def delete_article(session: Session, username: str, article_id: str) -> list[str]:
    """Delete the article: its mentions go, events left without any become 410s. The article row
    stays (marked deleted) so its id is never reused for other text. Returns the deleted events."""
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise NotFound(f"there is no article with the id \u201c{article_id}\u201d")
    mentions = session.execute(select(Mention).where(Mention.article_id == article.id)).scalars().all()
    events = sorted({m.event_id for m in mentions})
    deleted, _ = retire_mentions(session, username, mentions, f"its source article {article.id} was deleted")
    article.deleted_at = utcnow()
    audit(session, username, "article.delete", "article", article.id,
          {"title": article.title, "mentions": len(mentions), "event": events},
          {"title": article.title, "mentions": 0, "event": deleted,
           "note": f"{len(deleted)} of {len(events)} events were left without sources and deleted"})
    return deleted


def event_effects_of_article_deletion(session: Session, article_id: str) -> tuple[list[Event], list[Event]]:
    """(events that would be deleted, events that would only lose a source): for the confirm page."""
    counts = dict(session.execute(
        select(Mention.event_id, func.count()).where(Mention.article_id == article_id).group_by(Mention.event_id)
    ).all())
    if not counts:
        return [], []
    totals = dict(session.execute(
        select(Mention.event_id, func.count()).where(Mention.event_id.in_(counts)).group_by(Mention.event_id)
    ).all())
    events = session.execute(select(Event).where(Event.id.in_(counts)).order_by(Event.date_start)).scalars().all()
    gone = [e for e in events if totals[e.id] == counts[e.id]]
    return gone, [e for e in events if totals[e.id] != counts[e.id]]

