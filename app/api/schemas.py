"""The JSON API's response shapes, as /openapi.json documents them.

An event is the read layer's own view (app/queries/views.py:EventView, the pages' too): its
public fields are the Event of the API, so the two cannot drift apart. The envelopes around the
views, and the shapes that are the API's alone (an article with its sentences, a job, an error),
are here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from app.queries.views import (
    ActorEntry, ArticleView, Bucket, EventView, Gone, MentionView, Timeline, TypeEntry,
)


class ErrorOut(BaseModel):
    """A refused request: a stable code and a sentence saying what to do."""

    error: str = Field(examples=["bad_filter"])
    message: str


class EventListOut(BaseModel):
    items: list[EventView]
    total: int = Field(description="matching events; a lower bound when total_is_estimate (\"10,000+\")")
    total_is_estimate: bool
    next: str | None = Field(description="the URL of the next page, null on the last")


class GoneOut(BaseModel):
    """A deleted event (410): its id still answers, with its sources."""

    error: Literal["gone"]
    message: str
    id: str
    title: str
    mentions: list[MentionView]

    @classmethod
    def of(cls, gone: Gone) -> "GoneOut":
        return cls(error="gone", message=f"the event {gone.id} was deleted", id=gone.id, title=gone.title,
                   mentions=list(gone.mentions))


class SentenceOut(BaseModel):
    index: int
    anchor: str = Field(description="the sentence's anchor in the article page: s1 is the first")
    start: int
    end: int
    text: str
    is_body: bool = Field(description="false for page furniture (menus, captions): shown, never mined")
    events: list[str] = Field(description="the ids of the events this sentence reports")


class ArticleEventOut(BaseModel):
    id: str
    url: str
    title: str
    date_label: str


class ArticleOut(BaseModel):
    id: str
    url: str
    replaced_by: str | None = Field(description="the id of the corrected version that replaced this one")
    title: str
    title_derived: bool
    publisher: str | None
    source_url: str | None
    published: dt.date
    text: str
    sentences: list[SentenceOut]
    events: list[ArticleEventOut]

    @classmethod
    def of(cls, article: ArticleView) -> "ArticleOut":
        return cls(
            id=article.id, url=article.url, replaced_by=article.replaced_by, title=article.title,
            title_derived=article.title_derived, publisher=article.publisher, source_url=article.source_url,
            published=article.published, text=article.text,
            sentences=[SentenceOut(index=s.index, anchor=s.anchor, start=s.start, end=s.end, text=s.text,
                                   is_body=s.is_body, events=list(s.event_ids)) for s in article.sentences],
            events=[ArticleEventOut(id=e.id, url=e.url, title=e.title, date_label=e.date_label) for e in article.events],
        )


class ActorListOut(BaseModel):
    items: list[ActorEntry]


class TypeListOut(BaseModel):
    items: list[TypeEntry]


class TimelineOut(BaseModel):
    zoom: str
    buckets: list[Bucket]
    total: int

    @classmethod
    def of(cls, timeline: Timeline) -> "TimelineOut":
        return cls(zoom=timeline.zoom, buckets=list(timeline.buckets), total=timeline.total)


class HealthOut(BaseModel):
    status: Literal["ok"]


class JobOut(BaseModel):
    """An ingestion job. A replacement (a corrected version of a stored article) also says what
    happened to the old version's events; other jobs leave those fields out."""

    id: str
    status: Literal["queued", "running", "done", "failed"]
    article_id: str | None
    error: str | None
    events: list[str] = Field(description="every event the article now reports: created, joined or kept")
    events_created: list[str]
    events_joined: list[str]
    progress: int = Field(ge=0, le=100)
    replaces: str | None = None
    events_kept: list[str] | None = None
    events_updated: list[str] | None = None
    events_deleted: list[str] | None = None
    events_dropped: list[str] | None = None


BAD_FILTER = {400: {"model": ErrorOut, "description": "a filter or parameter that cannot be understood"}}
NOT_FOUND = {404: {"model": ErrorOut, "description": "nothing has this id"}}
