"""Display-ready view models, all of them: what the read layer answers (app/queries/*), what the
JSON API serialises (app/api/schemas.py) and what templates read. Never ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict  # Pydantic reads TypedDicts from here before Python 3.12

from app.calendar import period_end
from app.labels import period_label
from app.permalinks import article_path


# A field the pages use that the JSON API leaves out: the JSON shape of a view (app/api/schemas.py,
# /openapi.json, the JSON export) is the view's other fields, in order, serialised by Pydantic.
Hidden = Field(exclude=True)
Precision = Literal["day", "month", "year", "decade", "century"]
Role = Literal["initiator", "target", "speaker", "participant", "mentioned"]


class FigureView(TypedDict):
    """A number as a source reported it ("dozens", "25", "over 60") and what it counts."""

    quantity: str
    what: str
    source: str | None
    start: int
    end: int


@dataclass(frozen=True)
class ActorView:
    id: str
    name: str
    role: Role
    kind: Annotated[str, Hidden] = "unknown"


@dataclass(frozen=True)
class LocationView:
    id: str
    name: str


@dataclass(frozen=True)
class MentionView:
    """One source sentence of an event, in its article."""

    article_id: str
    article_title: str
    publisher: str | None
    published: dt.date
    sentence: str  # verbatim
    sentence_index: Annotated[int, Hidden]
    start: int  # character offsets in the article text
    end: int
    path: Annotated[str, Hidden]  # relative link to the sentence in its article page
    url: str  # the same, absolute
    modality: str = "asserted"
    date_expression: str | None = None
    claim: str | None = None
    claim_by: str | None = None
    figures: tuple[FigureView, ...] = ()
    key: Annotated[str, Hidden] = ""  # the mention's stable key (admin split forms)
    publisher_url: Annotated[str | None, Hidden] = None  # the original article's address, when stored


@dataclass(frozen=True)
class CollectionRef:
    """The collection an event belongs to, as the event names it (and links back to it)."""

    slug: str
    name: str
    url: str  # the collection's timeline, absolute
    path: Annotated[str, Hidden] = ""


@dataclass(frozen=True)
class EventView:
    """An event: the Event of the JSON API (its public fields) and of the event pages."""

    id: str
    slug: Annotated[str, Hidden]
    path: Annotated[str, Hidden]  # canonical relative permalink /events/{id}/{slug}
    url: str  # absolute permalink
    title: str
    summary: str
    type: str
    type_label: Annotated[str, Hidden]
    modality: str
    date_start: dt.date  # the interval the date allows
    date_end: dt.date
    precision: Precision
    open_end: bool  # "since 1994": the interval starts a range
    date_label: str  # "Sep 19, 2023", "June 2023", "2022", "since 1994"
    date_method: str
    date_rule: str
    date_expression: str | None
    reviewed: bool
    sources_count: int  # distinct articles among its mentions
    publishers_count: Annotated[int, Hidden]
    # the named publishers, in the order they first reported it (every mention, even on timeline cards)
    publisher_names: Annotated[tuple[str, ...], Hidden] = ()
    merge_reasons: tuple[str, ...] = ()
    actors: tuple[ActorView, ...] = ()
    locations: tuple[LocationView, ...] = ()
    mentions: tuple[MentionView, ...] = ()
    # the publication date a relative date was read against
    date_anchor: Annotated[dt.date | None, Hidden] = None
    # when the event (and its permalink) first appeared
    created_at: Annotated[dt.datetime | None, Hidden] = None
    updated_at: Annotated[dt.datetime | None, Hidden] = None
    status: Annotated[str, Hidden] = "active"
    manual_fields: Annotated[tuple[str, ...], Hidden] = ()  # fields an editor set by hand
    importance: int = 0  # 0-100 (app/importance.py)
    collection: CollectionRef | None = None  # the collection of its articles

    @property
    def first_mention(self) -> MentionView | None:
        return self.mentions[0] if self.mentions else None

    @property
    def sources_phrase(self) -> str:
        reports = f"{self.sources_count} report" + ("" if self.sources_count == 1 else "s")
        publishers = f"{self.publishers_count} publisher" + ("" if self.publishers_count == 1 else "s")
        return f"1 event from {reports} by {publishers}" if self.publishers_count else f"1 event from {reports}"


_EVENT_JSON = TypeAdapter(EventView)


def event_json(event: EventView) -> str:
    """The event as the JSON API and the JSON export give it, as JSON text."""
    return _EVENT_JSON.dump_json(event).decode("utf-8")


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
    anchor: str  # the sentence's anchor in the article page: s1 is the first
    text: str
    start: int
    end: int
    is_body: bool  # false for page furniture (menus, captions): shown, never mined
    # the ids of the events the sentence reports
    event_ids: Annotated[tuple[str, ...], Field(serialization_alias="events")] = ()


@dataclass(frozen=True)
class ArticleEvent:
    """An event an article reports, as the article page lists it."""

    id: str
    url: str
    title: str
    date_label: str
    path: Annotated[str, Hidden]
    date_start: Annotated[dt.date, Hidden]
    type_label: Annotated[str, Hidden]


@dataclass(frozen=True)
class ArticleView:
    """An article with every sentence addressable: the article page and /api/articles/{id}."""

    id: str
    path: Annotated[str, Hidden]
    url: str
    title: str
    title_derived: bool
    publisher: str | None
    source_url: str | None
    published: dt.date
    text: str
    sentences: tuple[SentenceView, ...]
    events: tuple[ArticleEvent, ...] = ()
    replaced_by: str | None = None  # the id of the corrected version that replaced this one
    collection: CollectionRef | None = None  # the collection it belongs to


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


# --- admin -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoredVersion:
    """A current article from the same address as an upload: what the preview's question names."""

    id: str
    title: str
    publisher: str | None
    published: dt.date

    @property
    def path(self) -> str:
        return article_path(self.id)


@dataclass(frozen=True)
class EventLink:
    id: str
    title: str
    path: str


@dataclass
class JobView:
    """What the job page, the dashboard and /api/jobs/{id} show of an ingestion job."""

    id: str
    status: str
    progress: int
    stage: str
    error: str | None
    article_id: str | None
    title: str
    created_at: str
    created_by: str | None
    attempts: int
    replaces: str | None = None  # the id of the article this job's text is a corrected version of
    replaced: StoredVersion | None = None  # that article, on the job page
    waiting: str | None = None  # a queued or running job: who has it and what happens next
    stale: bool = False  # running, but its worker has fallen silent: Retry puts it back in the queue
    events_created: list[EventLink] = field(default_factory=list)
    events_joined: list[EventLink] = field(default_factory=list)
    # A replacement's other outcomes (see app/services/articles.py:replace_article):
    events_kept: list[EventLink] = field(default_factory=list)  # the same sentence found again
    events_updated: list[EventLink] = field(default_factory=list)  # joined by a corrected sentence
    events_deleted: list[EventLink] = field(default_factory=list)  # no source left: 410
    events_dropped: list[EventLink] = field(default_factory=list)  # no longer reported here, kept
    collection: str | None = None  # the slug of the collection the article goes into (None: default)
    # A move of a stored article to `collection` (app/services/collections.py:move_article):
    moves: str | None = None  # the id of the article moved
    moved_from: str | None = None  # the slug of the collection it left
    events_moved: list[EventLink] = field(default_factory=list)  # went with it, same ids
    events_merged: list[tuple[str, EventLink]] = field(default_factory=list)  # (old id, the event it joined)
    events_left: list[EventLink] = field(default_factory=list)  # stay behind with their other reports

    @property
    def pending(self) -> bool:
        return self.status in ("queued", "running")


@dataclass(frozen=True)
class DryRunView:
    """What a dry run of an upload found: the events the article would give (app/ingest/preview.py
    makes each one a dict of display strings), once it has finished."""

    id: str
    status: str
    error: str | None
    events: tuple[dict, ...]

    @property
    def pending(self) -> bool:
        return self.status in ("queued", "running")


@dataclass(frozen=True)
class ReviewQueue:
    """A page of the events no editor has checked, the most important first."""

    events: tuple[EventView, ...]
    count: int  # all unchecked events, up to a cap
    count_is_lower_bound: bool  # more than the cap: "10,000+"
    first_key: str | None  # where the page's first and last events stand (app/queries/review.py)
    last_key: str | None
    has_previous: bool
    has_next: bool


# --- the timeline: buckets, the explorer --------------------------------------------------------

@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date
    count: int


@dataclass(frozen=True)
class Timeline:
    """Event counts per bucket of one size (/api/timeline); events count where they start."""

    zoom: str
    buckets: tuple[Bucket, ...]
    total: int


@dataclass(frozen=True)
class TopEvent:
    id: str
    title: str
    path: str
    date_label: str
    sources_count: int
    importance: int = 0


@dataclass(frozen=True)
class ExplorerBucket:
    level: str
    start: dt.date
    end: dt.date
    label: str
    count: int
    top: tuple[TopEvent, ...] = ()

    @property
    def more(self) -> int:
        """Events of this bucket not shown among its top events."""
        return max(self.count - len(self.top), 0)


@dataclass(frozen=True)
class Period:
    level: str
    start: dt.date

    @property
    def end(self) -> dt.date:
        return period_end(self.start, self.level)

    @property
    def label(self) -> str:
        return period_label(self.level, self.start)


@dataclass(frozen=True)
class Explorer:
    """What the timeline page shows above its list: where it is on the axis and what is around."""

    period: Period | None  # None: every date
    bucket_level: str
    buckets: tuple[ExplorerBucket, ...]
    density_level: str | None
    density: tuple[Bucket, ...]  # every bar of the visible range, empty ones included
    visible: int  # matching events in the visible range
    matching: int  # matching events at every date
    estimate: bool  # the two numbers above are lower bounds
    previous: Period | None
    next: Period | None
    parent: Period | None  # zooming out; None at the top (every date)
    zoom_in: Period | None  # the finer period a "zoom in" goes to
    continuing: int = 0  # of `visible`, the events that started before the period and reach into it
    fitted: tuple[dt.date, dt.date] | None = None  # the range the axis and the strip span
    background: "Background | None" = None  # the overview's events before the first reports

    @property
    def starting(self) -> int:
        """Matching events that start in the visible range: what its bucket counted."""
        return max(self.visible - self.continuing, 0)

    @property
    def hidden(self) -> int:
        """Matching events outside the visible period: what this zoom level hides."""
        return max(self.matching - self.visible, 0)


@dataclass(frozen=True)
class Background:
    """The events before the collection's first reports, folded away on the overview."""

    cutoff: dt.date  # the first day in the foreground
    count: int
    estimate: bool
    top: tuple[TopEvent, ...]


# --- facets -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter: actor, type, location, publisher
    title: str
    values: tuple[FacetValue, ...]
    more: bool = False  # more values than shown: "more…" lists them all


@dataclass(frozen=True)
class Facets:
    facets: tuple[Facet, ...]
    sampled: bool  # counted over the first `sample` matching events only
    sample: int
    counted: int = 0  # how many matching events were counted (all of them unless sampled)


# --- related events -----------------------------------------------------------------------------

@dataclass(frozen=True)
class RelatedEvent:
    id: str
    path: str
    title: str
    date_start: dt.date
    date_label: str
    type_label: str
    shared_actors: tuple[str, ...] = ()  # display names, for "shares: Azerbaijan, Armenia"


@dataclass(frozen=True)
class Related:
    shared_actors: tuple[RelatedEvent, ...]  # most shared actors first, then nearest in date
    nearby: tuple[RelatedEvent, ...]  # nearest in date, excluding the above

    def __bool__(self) -> bool:
        return bool(self.shared_actors or self.nearby)


# --- history and the audit log ------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: dt.datetime
    at_label: str  # "2023-09-20 14:05 UTC"
    username: str
    action: str
    label: str
    object_type: str
    object_id: str
    object_path: str | None  # where the object lives (an event or article page)
    note: str | None
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[HistoryEntry, ...]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class GoneSource:
    """A source sentence of a deleted event, as recorded when it was deleted."""

    article_id: str
    article_title: str
    publisher: str | None
    published: dt.date
    sentence: str
    path: str | None  # the sentence in its article page, None when the article was deleted too
    source_url: str | None


@dataclass(frozen=True)
class GoneDetails:
    reason: str | None
    at: dt.datetime | None
    sources: tuple[GoneSource, ...]


# --- collections ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CollectionView:
    """A collection as /api/collections and the collection list show it."""

    slug: str
    name: str
    description: str
    url: str  # its timeline, absolute
    date_from: dt.date | None  # the period it is about, as its editors gave it
    date_to: dt.date | None
    region: str | None
    events: int  # active events
    first_event: dt.date | None  # the start days of its earliest and latest active events (by month)
    last_event: dt.date | None
    id: Annotated[int, Hidden] = 0
    path: Annotated[str, Hidden] = ""
    # Events per month, year or decade (by the span) from first to last: the list's density strip.
    density: Annotated[tuple[Bucket, ...], Hidden] = ()
    density_level: Annotated[str, Hidden] = "year"

    @property
    def span_label(self) -> str:
        """The declared period, else the dates its events cover; '' when it has neither."""
        low, high = (self.date_from, self.date_to) if (self.date_from or self.date_to) else (
            self.first_event, self.last_event)
        if low and high:
            return str(low.year) if low.year == high.year else f"{low.year}–{high.year}"
        if low:
            return f"since {low.year}"
        if high:
            return f"until {high.year}"
        return ""


# --- the catalog: what there is to filter by -------------------------------------------------------

@dataclass(frozen=True)
class ActorEntry:
    """An actor in the actor list (/api/actors, the filter form)."""

    id: str
    name: str
    kind: str
    events: int  # active events it takes part in


@dataclass(frozen=True)
class TypeEntry:
    """An event type of the taxonomy, with how many active events have it (/api/types)."""

    key: str
    label: str
    description: str
    acled: str | None
    plover: str | None
    events: int
