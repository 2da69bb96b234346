"""Named dependencies shared by the JSON API and the pages, so a handler's signature lists its needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.errors import BadFilter, NotFound
from app.queries.actors import follow_redirect
from app.queries.filters import EventFilters, parse_filters


# The two checks below only read the request: `async`, so that FastAPI calls them in the event
# loop instead of handing each to a worker thread and back (a hop per dependency per request).
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    settings: Settings = request.app.state.settings
    with Session(get_engine(settings.database_url), expire_on_commit=False) as session:
        request.state.db_session = session  # the page header's session check reuses it
        yield session
        if request.method in READS and not (session.new or session.dirty or session.deleted):
            # A read that went well ends its transaction with COMMIT rather than the ROLLBACK of
            # closing the session: the same for a transaction that wrote nothing, but psycopg
            # forgets a connection's prepared statements on every ROLLBACK, so a statement asked
            # on every request would never reach its threshold (five uses) and the server would
            # parse and plan it each time. Anything else (an error, changes left unsaved, a form
            # posted) is still rolled back by the close.
            session.commit()


READS = ("GET", "HEAD")


def query_params(request: Request) -> dict[str, list[str]]:
    """The query string as name -> every value given, in order."""
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


async def refuse_nul_characters(request: Request) -> None:
    """Every route's first check: a NUL character (%00) in the address. No id, slug, name or
    search word holds one, and PostgreSQL cannot even compare text with it (SQLite can): refused
    here, both databases give the same answer. In the path, nothing is there (404); in the query,
    the parameter cannot be understood (400)."""
    if "\x00" in request.url.path:
        raise NotFound("there is nothing at this address: it holds a NUL character (%00)")
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            raise BadFilter(f"{name[:40]!r} holds a NUL character (%00), which no value of it can hold",
                            field=name[:40])


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]


def get_filters(request: Request, session: SessionDep) -> EventFilters:
    """The timeline filters of the query string; BadFilter becomes a 400 with its reason. An
    actor id that was folded into a full name (a surname stored first) stands for that name."""
    filters = parse_filters(query_params(request))
    if filters.actors:
        followed = tuple(dict.fromkeys(follow_redirect(session, actor) for actor in filters.actors))
        if followed != filters.actors:
            filters = replace(filters, actors=followed)
    return filters


FiltersDep = Annotated[EventFilters, Depends(get_filters)]
