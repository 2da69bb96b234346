"""The stored data model. Alembic migrations in migrations/ create exactly these tables
(tests/test_migrations.py compares the two).

Public ids (articles, events) are short, URL-safe and derived from content, never sequential:
see app/ids.py for why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Column, Index, PrimaryKeyConstraint, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from app.urls import address_key


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# The collection migration 0008 creates and moves existing articles into: where an article goes
# when nobody names one. It cannot be deleted (app/services/collections.py).
DEFAULT_COLLECTION = 1


class Collection(SQLModel, table=True):
    """A conflict or a dossier: it owns articles (every article belongs to exactly one) and so
    their events. Merging never crosses collections; actors are shared by all of them. The slug
    is its address (/c/{slug}/) and never changes; the name and the rest can be edited."""

    id: Optional[int] = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # The period the collection is about, when its editors say so (shown, never a filter).
    date_from: Optional[dt.date] = None
    date_to: Optional[dt.date] = None
    region: Optional[str] = Field(default=None, max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow)


class Article(SQLModel, table=True):
    """One ingested article, its text kept byte for byte as uploaded (or as reduced from HTML)."""

    id: str = Field(primary_key=True, max_length=16)
    collection_id: int = Field(default=DEFAULT_COLLECTION, foreign_key="collection.id", index=True,
                               sa_column_kwargs={"server_default": "1"})
    content_hash: str = Field(max_length=64, unique=True)
    title: str
    title_derived: bool = False  # True when the article had no title and we derived one
    publisher: Optional[str] = Field(default=None, index=True)
    url: Optional[str] = Field(default=None, index=True)
    # The page the address names (app/urls.py), kept from `url` on every write: the same story
    # from a newsletter link and typed by hand is one address.
    url_key: Optional[str] = Field(default=None, index=True, max_length=2048)
    published: dt.date = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    source_format: str = "txt"  # txt, md, html, jsonl
    # [start, end] of every sentence, in order: the article page's #s{n} anchors.
    sentence_spans: list[list[int]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # [start, end] of the main text; everything outside is page furniture, shown but never mined.
    body_spans: list[list[int]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ingested_at: dt.datetime = Field(default_factory=utcnow)
    replaced_by: Optional[str] = Field(default=None, foreign_key="article.id")  # a newer version
    deleted_at: Optional[dt.datetime] = None

    # A collection's first article (when its reporting began, asked by every explorer page of it)
    # is the first entry of its range, not a read of all its articles.
    __table_args__ = (Index("ix_article_collection_published", "collection_id", "published"),)


class Event(SQLModel, table=True):
    """One real-world event, possibly reported by several articles (its mentions).

    `seq` is an internal integer key (full-text indexes need a stable integer rowid); `id` is the
    public id used in URLs and in every foreign key.
    """

    seq: Optional[int] = Field(default=None, primary_key=True)
    id: str = Field(unique=True, max_length=16)
    slug: str = Field(max_length=80)
    title: str
    summary: str = Field(sa_column=Column(Text, nullable=False, default=""))
    type: str = Field(index=True, max_length=40)
    modality: str = Field(default="asserted", max_length=20)
    date_start: dt.date = Field(index=True)
    date_end: dt.date = Field(index=True)
    precision: str = Field(max_length=10)  # day, month, year, decade, century
    open_end: bool = False  # "since 1994": the interval starts a range
    date_method: str = Field(max_length=12)  # explicit, relative, reporting, inherited
    date_rule: str = Field(default="", max_length=60)
    date_expression: Optional[str] = None
    date_anchor: Optional[dt.date] = None
    status: str = Field(default="active", index=True, max_length=10)  # active, hidden, deleted
    reviewed: bool = False  # an admin has reviewed or edited it
    # Fields an admin set by hand; re-extraction leaves them alone.
    manual_fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    merge_reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sources_count: int = 0  # distinct articles among its mentions, kept by the service layer
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    # How far the interval reaches (span_class() below), kept on every insert and update so that
    # date-overlap filters scan a bounded index range (app/queries/plan.py:overlap_clause).
    span_class: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # How much it matters, 0-100 (app/importance.py): kept by the services whenever its mentions,
    # figures, type or modality change (migration 0006).
    importance: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The collection of its articles (merging never crosses collections), kept on the event so
    # that a collection's timeline is one index range (migration 0008; `timeline check` compares
    # it with its mentions' articles).
    collection_id: int = Field(default=DEFAULT_COLLECTION, sa_column_kwargs={"server_default": "1"})

    __table_args__ = (
        Index("ix_event_status_date", "status", "date_start", "date_end"),
        # Events that start before a range and reach into it, searched per span class in a
        # bounded window; covering, so the window's non-matching events cost no table reads.
        # (collection_id: a collection's reaching-in search reads the same window, covered; the
        # importance and, on PostgreSQL, the event's number (0018): the keys a period reads of
        # those events come from the index alone; and its source count (0020), which
        # `min_sources` checks in each window.)
        Index("ix_event_span_window", "span_class", "date_start", "date_end", "open_end", "status", "collection_id",
              "importance", postgresql_include=["seq", "sources_count"]),
        # A bucket's most corroborated events: a small bucket is scanned by date, a big one walked
        # from the most sources down (app/queries/timeline.py); both read only the index.
        Index("ix_event_status_date_sources", "status", "date_start", "sources_count", "importance",
              postgresql_include=["seq"]),
        Index("ix_event_status_sources_date", "status", "sources_count", "date_start"),
        # The same two orders within one type: a type filter reads its events in date order, or
        # a big bucket's most corroborated ones, from one index range (migration 0003).
        Index("ix_event_status_type_date", "status", "type", "date_start", "sources_count", "importance",
              postgresql_include=["seq"]),
        Index("ix_event_status_type_sources", "status", "type", "sources_count", "date_start"),
        # The most important events first, overall or within one type: `sort=importance`, the
        # time axis and the buckets' key events walk these from the top, checking each event's
        # dates in the index itself (migration 0006). The two date indexes above carry the
        # importance too (0006), so that a period's key events are sorted without row reads. On
        # PostgreSQL these four and the four date indexes also hold the event's number (0016), as
        # SQLite's indexes do anyway: reads and walks of them then never visit the table.
        Index("ix_event_status_importance", "status", "importance", "date_start", "date_end", "open_end",
              postgresql_include=["seq"]),
        Index("ix_event_status_type_importance", "status", "type", "importance", "date_start", "date_end", "open_end",
              postgresql_include=["seq"]),
        # The same six reads within one collection (migration 0008), importance included.
        Index("ix_event_collection_date_sources", "collection_id", "status", "date_start", "sources_count",
              "importance", postgresql_include=["seq"]),
        Index("ix_event_collection_sources_date", "collection_id", "status", "sources_count", "date_start"),
        Index("ix_event_collection_type_date", "collection_id", "status", "type", "date_start", "sources_count",
              "importance", postgresql_include=["seq"]),
        Index("ix_event_collection_type_sources", "collection_id", "status", "type", "sources_count", "date_start"),
        Index("ix_event_collection_importance", "collection_id", "status", "importance", "date_start", "date_end",
              "open_end", postgresql_include=["seq"]),
        Index("ix_event_collection_type_importance", "collection_id", "status", "type", "importance", "date_start",
              "date_end", "open_end", postgresql_include=["seq"]),
    )


class Mention(SQLModel, table=True):
    """One sentence of one article that reports an event, with how its date was read there."""

    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(max_length=16, unique=True)  # deterministic: article hash + sentence + ordinal
    event_id: str = Field(foreign_key="event.id", index=True)
    article_id: str = Field(foreign_key="article.id", index=True)
    sentence_index: int
    start: int
    end: int
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    trigger: str = ""
    type: str = Field(default="", max_length=40)  # the type this sentence suggested
    modality: str = Field(default="asserted", max_length=20)
    date_expression: Optional[str] = None
    date_rule: str = ""
    date_method: str = ""
    claim: Optional[str] = None
    claim_by: Optional[str] = None
    figures: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    split_off: bool = False  # an admin split it into its own event; merging leaves it alone
    # Where this sentence put the happening: its specific places and its countries (of its places
    # and its state parties), as keys. What an event is about is its first report's profile, never
    # the union of every report's (app/services/report_profiles.py). None: stored before these
    # were kept (migration 0012), unknown until `timeline reextract`.
    places: Optional[list[str]] = Field(default=None, sa_column=Column(JSON, nullable=True))
    countries: Optional[list[str]] = Field(default=None, sa_column=Column(JSON, nullable=True))


class Actor(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=80)  # canonical key: "azerbaijan", "josep-borrell"
    name: str
    kind: str = Field(default="unknown", max_length=20)  # state, organisation, person, group, ...
    parent_id: Optional[str] = Field(default=None, foreign_key="actor.id")
    description: Optional[str] = None
    # Active events the actor takes part in, kept by database triggers (migration 0003) so the
    # actor list is an index read, not a count over every event.
    events_count: int = Field(default=0, index=True, sa_column_kwargs={"server_default": "0"})


class ActorAlias(SQLModel, table=True):
    __tablename__ = "actor_alias"
    id: Optional[int] = Field(default=None, primary_key=True)
    actor_id: str = Field(foreign_key="actor.id", index=True)
    alias: str = Field(max_length=200)

    __table_args__ = (UniqueConstraint("actor_id", "alias"),)


class ActorRedirect(SQLModel, table=True):
    """An actor id that no longer names anyone of its own: a surname stored before any article
    named the person in full ("Cook"), later folded into the full name ("Robin Cook"). Links and
    filters that carry the old id are followed to the actor that now holds its events."""

    __tablename__ = "actor_redirect"
    old_id: str = Field(primary_key=True, max_length=80)
    actor_id: str = Field(foreign_key="actor.id", max_length=80)


class EventActor(SQLModel, table=True):
    __tablename__ = "event_actor"
    event_id: str = Field(foreign_key="event.id", primary_key=True)
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, index=True)
    role: str = Field(primary_key=True, max_length=20)  # initiator, target, speaker, participant

    # The actor filter reads event ids straight from this index, without touching the table.
    __table_args__ = (Index("ix_event_actor_actor_event", "actor_id", "event_id"),)


class Location(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=80)
    name: str
    country: Optional[str] = None
    # Where it is (migration 0006): from the gazetteer at ingestion, or `timeline places
    # --geocode` for places stored before; None for a place the gazetteer does not know, or a
    # country (an area, not a point).
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    country_code: Optional[str] = Field(default=None, max_length=2)  # ISO 3166-1 alpha-2
    # Active events at this place, kept by database triggers (migration 0006): the map's counts
    # without counting events.
    events_count: int = Field(default=0, index=True, sa_column_kwargs={"server_default": "0"})

    __table_args__ = (Index("ix_location_position", "latitude", "longitude"),)


class EventLocation(SQLModel, table=True):
    __tablename__ = "event_location"
    event_id: str = Field(foreign_key="event.id", primary_key=True)
    location_id: str = Field(foreign_key="location.id", primary_key=True, index=True)


class EventAlias(SQLModel, table=True):
    """A public id that no longer names an event of its own: it redirects (301) to `event_id`."""

    __tablename__ = "event_alias"
    old_id: str = Field(primary_key=True, max_length=16)
    event_id: str = Field(foreign_key="event.id", index=True)
    reason: str = "merged"
    created_at: dt.datetime = Field(default_factory=utcnow)


class IngestionJob(SQLModel, table=True):
    __tablename__ = "ingestion_job"
    id: str = Field(primary_key=True, max_length=16)
    status: str = Field(default="queued", index=True, max_length=10)  # queued, running, done, failed
    article_id: Optional[str] = Field(default=None, foreign_key="article.id")
    # What to ingest: text and metadata, so a job can be retried without the upload.
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    error: Optional[str] = None
    progress: int = 0  # 0..100
    events_created: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    events_joined: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    attempts: int = 0
    worker: Optional[str] = None
    created_by: Optional[str] = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    started_at: Optional[dt.datetime] = None
    heartbeat_at: Optional[dt.datetime] = None
    finished_at: Optional[dt.datetime] = None


class AdminUser(SQLModel, table=True):
    __tablename__ = "admin_user"
    id: Optional[int] = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=80)
    password_hash: str
    created_at: dt.datetime = Field(default_factory=utcnow)
    # The collection this admin last uploaded into: the upload form's choice next time.
    upload_collection_id: Optional[int] = Field(default=None, foreign_key="collection.id", ondelete="SET NULL")


class AdminSession(SQLModel, table=True):
    """A signed-in browser. The cookie carries a random token; only its SHA-256 is kept, so the
    table cannot be replayed as cookies. Signing out deletes the row, and a password reset
    deletes every row of the account: the cookie then opens nothing (app/services/admin_sessions.py)."""

    __tablename__ = "admin_session"
    id: str = Field(primary_key=True, max_length=64)  # hex SHA-256 of the cookie's token
    user_id: int = Field(foreign_key="admin_user.id", index=True)
    csrf_token: str = Field(max_length=64)  # the forms of this session carry it
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime = Field(index=True)


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_log"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    username: str
    action: str = Field(max_length=40)
    object_type: str = Field(max_length=20)
    object_id: str = Field(index=True, max_length=80)
    before: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON))
    after: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON))
    public: bool = True  # shown in the event's public change history


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt: which account was tried, from which address, and whether it worked.
    The rate limits count recent failures per account and per address (app/services/sign_in.py);
    they are not curation, so they are kept apart from the audit log."""

    __tablename__ = "login_attempt"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow)
    account: str = Field(max_length=80)  # the username as typed, trimmed and lower-cased
    address: str = Field(max_length=80)  # the client's address
    ok: bool = False

    __table_args__ = (
        Index("ix_login_attempt_account_at", "account", "at"),
        Index("ix_login_attempt_address_at", "address", "at"),
    )


class EventDayCount(SQLModel, table=True):
    """Events per start day and type, kept by the service layer so zoomed-out histograms
    never scan the event table."""

    __tablename__ = "event_day_count"
    # On PostgreSQL the key holds the count, so that a range of days is read from the index alone
    # (its rows lie in the order they were first written, not by day; 0019).
    __table_args__ = (PrimaryKeyConstraint("day", "type", postgresql_include=["count"]),)
    day: dt.date = Field(primary_key=True)
    type: str = Field(primary_key=True, max_length=40)
    count: int = 0


class EventMonthCount(SQLModel, table=True):
    """Events per start month and type: the zoomed-out histograms (decade, year, month) read it.

    Database triggers (migration 0002) keep it equal to the sums of event_day_count, so whatever
    keeps the day counts right keeps this right too."""

    __tablename__ = "event_month_count"
    __table_args__ = (PrimaryKeyConstraint("month", "type", postgresql_include=["count"]),)  # as event_day_count
    month: dt.date = Field(primary_key=True)  # the first day of the month
    type: str = Field(primary_key=True, max_length=40)
    count: int = 0


class ActorTimeline(SQLModel, table=True):
    """One row per actor and active event it takes part in, with the event's start day and type:
    "this actor's events in this period, in date order" is one index range, however many events
    the actor has. Database triggers (migrations 0003, 0004) keep it equal to event_actor joined
    with the active events; nothing else writes it."""

    __tablename__ = "actor_timeline"
    event_seq: int = Field(primary_key=True)
    actor_id: str = Field(primary_key=True, max_length=80)
    date_start: dt.date
    # The event's type (migration 0004): an actor and a type filter read one index range.
    type: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    # The event's collection (migration 0008): an actor within one collection is one range too.
    collection_id: int = Field(default=DEFAULT_COLLECTION, sa_column_kwargs={"server_default": "1"})

    __table_args__ = (
        Index("ix_actor_timeline_actor_date", "actor_id", "date_start", "event_seq"),
        Index("ix_actor_timeline_actor_type_date", "actor_id", "type", "date_start", "event_seq"),
        Index("ix_actor_timeline_collection_actor_date", "collection_id", "actor_id", "date_start", "event_seq"),
        Index("ix_actor_timeline_collection_actor_type_date", "collection_id", "actor_id", "type", "date_start",
              "event_seq"),
    )


class ActorMonthCount(SQLModel, table=True):
    """Active events per actor and start month, kept by triggers from actor_timeline: the
    histograms of an actor filter read it instead of the actor's events."""

    __tablename__ = "actor_month_count"
    actor_id: str = Field(primary_key=True, max_length=80)
    month: dt.date = Field(primary_key=True)  # the first day of the month
    count: int = 0


class LocationMonthCount(SQLModel, table=True):
    """Active events per place and start month, kept by triggers (migration 0006) from
    event_location and the events' status and start day: the map's counts for a period."""

    __tablename__ = "location_month_count"
    location_id: str = Field(primary_key=True, max_length=80)
    month: dt.date = Field(primary_key=True)  # the first day of the month
    count: int = 0

    __table_args__ = (Index("ix_location_month_count_month", "month", "location_id", "count"),)


class CollectionDayCount(SQLModel, table=True):
    """Active events per collection, start day and type: event_day_count within one collection.
    Kept by database triggers on `event` (migration 0008), so no write path can forget it."""

    __tablename__ = "collection_day_count"
    # SQLite keeps the rows in key order (no rowid): a collection's range of days is read straight
    # from the table, counts included, instead of through an index and a look-up per row. On
    # PostgreSQL the key holds the count for the same reason (0017).
    __table_args__ = (PrimaryKeyConstraint("collection_id", "day", "type", postgresql_include=["count"]),
                      {"sqlite_with_rowid": False})
    collection_id: int = Field(primary_key=True)
    day: dt.date = Field(primary_key=True)
    type: str = Field(primary_key=True, max_length=40)
    count: int = 0


class CollectionMonthCount(SQLModel, table=True):
    """Active events per collection, start month and type, kept by triggers from
    collection_day_count: a collection's zoomed-out histograms and its list entry read it."""

    __tablename__ = "collection_month_count"
    # As collection_day_count: read in key order, counts held in the key.
    __table_args__ = (PrimaryKeyConstraint("collection_id", "month", "type", postgresql_include=["count"]),
                      {"sqlite_with_rowid": False})
    collection_id: int = Field(primary_key=True)
    month: dt.date = Field(primary_key=True)  # the first day of the month
    type: str = Field(primary_key=True, max_length=40)
    count: int = 0


class CollectionActor(SQLModel, table=True):
    """An actor's active events within one collection (actors are shared by every collection, the
    counts are not), kept by triggers from actor_timeline: a collection's actor list is one
    index range, most active first."""

    __tablename__ = "collection_actor"
    collection_id: int = Field(primary_key=True)
    actor_id: str = Field(primary_key=True, max_length=80)
    events_count: int = 0

    __table_args__ = (Index("ix_collection_actor_count", "collection_id", "events_count"), {"sqlite_with_rowid": False})


class CollectionActorMonthCount(SQLModel, table=True):
    """An actor's active events per start month within one collection (actor_month_count within
    one collection), kept by triggers from actor_timeline."""

    __tablename__ = "collection_actor_month_count"
    __table_args__ = {"sqlite_with_rowid": False}  # as collection_day_count: read in key order
    collection_id: int = Field(primary_key=True)
    actor_id: str = Field(primary_key=True, max_length=80)
    month: dt.date = Field(primary_key=True)  # the first day of the month
    count: int = 0


class CollectionLocation(SQLModel, table=True):
    """Active events per place within one collection (location.events_count within one
    collection), kept by triggers (migration 0008) from event_location and the events' status,
    start day and collection: a collection's map for every date."""

    __tablename__ = "collection_location"
    __table_args__ = {"sqlite_with_rowid": False}  # a collection's places read in key order
    collection_id: int = Field(primary_key=True)
    location_id: str = Field(primary_key=True, max_length=80)
    events_count: int = 0


class CollectionLocationMonthCount(SQLModel, table=True):
    """Active events per place and start month within one collection (location_month_count within
    one collection), kept by the same triggers: a collection's map for a period."""

    __tablename__ = "collection_location_month_count"
    __table_args__ = {"sqlite_with_rowid": False}  # a collection's months read in key order
    collection_id: int = Field(primary_key=True)
    month: dt.date = Field(primary_key=True)  # the first day of the month
    location_id: str = Field(primary_key=True, max_length=80)
    count: int = 0


# Span classes: 0 a single day, 1 at most 31 days, 2 at most 366 days, 3 longer or open-ended.
SPAN_LIMITS = (0, 31, 366)


def span_class(start: dt.date, end: dt.date, open_end: bool) -> int:
    if open_end:
        return 3
    days = (end - start).days
    for number, limit in enumerate(SPAN_LIMITS):
        if days <= limit:
            return number
    return 3


@event.listens_for(Event, "before_insert")
@event.listens_for(Event, "before_update")
def _keep_span_class(mapper, connection, target: Event) -> None:
    target.span_class = span_class(target.date_start, target.date_end, bool(target.open_end))


@event.listens_for(Article, "before_insert")
@event.listens_for(Article, "before_update")
def _keep_url_key(mapper, connection, target: Article) -> None:
    target.url_key = address_key(target.url)
