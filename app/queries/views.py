"""Display-ready view models. The JSON API serialises them; templates read their fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ActorView:
    id: str
    name: str
    role: str
    kind: str = "unknown"


@dataclass(frozen=True)
class LocationView:
    id: str
    name: str


@dataclass(frozen=True)
class MentionView:
    article_id: str
    article_title: str
    publisher: str | None
    published: dt.date
    sentence: str
    sentence_index: int
    start: int
    end: int
    path: str  # relative link to the sentence in its article page
    url: str  # the same, absolute
    modality: str = "asserted"
    date_expression: str | None = None
    claim: str | None = None
    claim_by: str | None = None
    figures: tuple[dict[str, Any], ...] = ()
    key: str = ""  # the mention's stable key (admin split forms)
    publisher_url: str | None = None  # the original article's address, when stored

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "article_title": self.article_title,
            "publisher": self.publisher,
            "published": self.published.isoformat(),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "url": self.url,
            "modality": self.modality,
            "date_expression": self.date_expression,
            "claim": self.claim,
            "claim_by": self.claim_by,
            "figures": list(self.figures),
        }


@dataclass(frozen=True)
class EventView:
    id: str
    slug: str
    path: str  # canonical relative permalink /events/{id}/{slug}
    url: str  # absolute permalink
    title: str
    summary: str
    type: str
    type_label: str
    modality: str
    date_start: dt.date
    date_end: dt.date
    precision: str
    open_end: bool
    date_label: str
    date_method: str
    date_rule: str
    date_expression: str | None
    reviewed: bool
    sources_count: int
    publishers_count: int
    merge_reasons: tuple[str, ...] = ()
    actors: tuple[ActorView, ...] = ()
    locations: tuple[LocationView, ...] = ()
    mentions: tuple[MentionView, ...] = ()
    date_anchor: dt.date | None = None  # the publication date a relative date was read against
    created_at: dt.datetime | None = None  # when the event (and its permalink) first appeared
    updated_at: dt.datetime | None = None
    status: str = "active"
    manual_fields: tuple[str, ...] = ()  # fields an editor set by hand
    importance: int = 0  # 0-100, app/importance.py

    @property
    def first_mention(self) -> MentionView | None:
        return self.mentions[0] if self.mentions else None

    @property
    def sources_phrase(self) -> str:
        reports = f"{self.sources_count} report" + ("" if self.sources_count == 1 else "s")
        publishers = f"{self.publishers_count} publisher" + ("" if self.publishers_count == 1 else "s")
        return f"1 event from {reports} by {publishers}" if self.publishers_count else f"1 event from {reports}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "summary": self.summary,
            "type": self.type,
            "modality": self.modality,
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "precision": self.precision,
            "open_end": self.open_end,
            "date_label": self.date_label,
            "date_method": self.date_method,
            "date_rule": self.date_rule,
            "date_expression": self.date_expression,
            "reviewed": self.reviewed,
            "actors": [{"id": a.id, "name": a.name, "role": a.role} for a in self.actors],
            "locations": [{"id": loc.id, "name": loc.name} for loc in self.locations],
            "sources_count": self.sources_count,
            "importance": self.importance,
            "merge_reasons": list(self.merge_reasons),
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(frozen=True)
class EventPage:
    items: tuple[EventView, ...]
    total: int  # a lower bound when total_is_estimate ("10,000+")
    next_cursor: str | None
    total_is_estimate: bool = False
    offset: int = 0  # events before this page in the whole list


@dataclass(frozen=True)
class SentenceView:
    index: int
    anchor: str
    text: str
    start: int
    end: int
    is_body: bool
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    id: str
    path: str
    url: str
    title: str
    title_derived: bool
    publisher: str | None
    source_url: str | None
    published: dt.date
    text: str
    sentences: tuple[SentenceView, ...]
    events: tuple[EventView, ...] = field(default=())
    replaced_by: str | None = None  # the id of the corrected version that replaced this one

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "replaced_by": self.replaced_by,
            "title": self.title,
            "title_derived": self.title_derived,
            "publisher": self.publisher,
            "source_url": self.source_url,
            "published": self.published.isoformat(),
            "text": self.text,
            "sentences": [
                {"index": s.index, "anchor": s.anchor, "start": s.start, "end": s.end, "text": s.text,
                 "is_body": s.is_body, "events": list(s.event_ids)}
                for s in self.sentences
            ],
            "events": [{"id": e.id, "url": e.url, "title": e.title, "date_label": e.date_label} for e in self.events],
        }


@dataclass(frozen=True)
class Gone:
    """An event that was deleted: the page says so (410) and still lists its sources."""

    id: str
    title: str
    mentions: tuple[MentionView, ...]


@dataclass(frozen=True)
class Moved:
    """An id merged into another event: a 301 to the survivor."""

    old_id: str
    new_id: str
