"""The JSON API's response shapes, as /openapi.json documents them.

An event, an article and a timeline are the read layer's own views (app/queries/views.py, which
the pages read too): their public fields are the JSON, so the two cannot drift apart. The
envelopes around the views, and the shapes that are the API's alone (a deleted event, a job, an
error), are here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from app.queries.views import ActorEntry, CollectionView, EventView, Gone, MentionView, TypeEntry


class ErrorOut(BaseModel):
    """A refused request: a stable code and a sentence saying what to do (an unknown collection
    also lists the `known` ones)."""

    error: str = Field(examples=["bad_filter"])
    message: str
    known: list[str] | None = Field(default=None, description="the valid values, when a value was not one of them")


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


class ActorListOut(BaseModel):
    items: list[ActorEntry]


class TypeListOut(BaseModel):
    items: list[TypeEntry]


class CollectionListOut(BaseModel):
    items: list[CollectionView]


class PlaceOut(BaseModel):
    id: str
    name: str
    country: str | None = Field(description="the key of the country the place lies in, if known")
    country_code: str | None = Field(description="ISO 3166-1 alpha-2")
    latitude: float | None = Field(description="null for a place without a point (a country, a region)")
    longitude: float | None
    events: int = Field(description="matching events that start in the view and name the place")


class PlacesOut(BaseModel):
    """The places of the view's events, busiest first (the map's markers)."""

    items: list[PlaceOut]
    exact: bool = Field(description="false: counted over the first `counted_over` matching events only")
    counted_over: int | None
    more: bool = Field(description="more places than the list holds")


class AxisEventOut(BaseModel):
    id: str
    title: str
    path: str
    type: str
    date_start: dt.date
    date_end: dt.date
    open_end: bool
    precision: str
    importance: int = Field(ge=0, le=100)


class AxisOut(BaseModel):
    """The most important events of a range, for a time axis (the most important first)."""

    first: dt.date | None
    last: dt.date | None
    matching: int = Field(description="matching events in the range")
    events: list[AxisEventOut]


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
    collection: str | None = Field(default=None, description="the slug of the collection the article goes into")
    moves: str | None = Field(default=None, description="a move: the id of the stored article moved to `collection`")
    events_moved: list[str] | None = None
    events_merged: dict[str, str] | None = Field(
        default=None, description="a move: ids of events that went with the article and merged into an event of "
                                  "the new collection -> that event (the old ids redirect there)")
    events_left: list[str] | None = None


BAD_FILTER = {400: {"model": ErrorOut, "description": "a filter or parameter that cannot be understood"}}
NOT_FOUND = {404: {"model": ErrorOut, "description": "nothing has this id"}}
