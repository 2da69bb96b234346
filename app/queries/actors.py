"""Finding actors by name: the type-ahead (`/api/actors?q=`) and the filter form without
JavaScript, where a reader types a name rather than picking an id."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlmodel import Session

from app.errors import BadFilter
from app.models import Actor, ActorAlias, ActorRedirect, CollectionActor
from app.queries.collections import collection_id
from app.queries.views import ActorEntry

SUGGESTIONS = 5


def search_actors(session: Session, text: str, limit: int = 10, collection: str | None = None) -> list[ActorEntry]:
    """Actors with active events whose name or an alias contains `text` (any case), those whose
    name starts with it first, then the most active; within a collection (its slug), those with
    events there, counted there."""
    wanted = " ".join(text.split()).lower()
    if not wanted:
        return []
    pattern = f"%{_like(wanted)}%"
    aliased = select(ActorAlias.actor_id).where(func.lower(ActorAlias.alias).like(pattern, escape="\\"))
    starts = func.lower(Actor.name).like(f"{_like(wanted)}%", escape="\\")
    if collection is None:
        events = Actor.events_count
        query = select(Actor.id, Actor.name, Actor.kind, events, starts.label("starts"))
    else:
        events = CollectionActor.events_count
        query = (select(Actor.id, Actor.name, Actor.kind, events, starts.label("starts"))
                 .join(CollectionActor, CollectionActor.actor_id == Actor.id)
                 .where(CollectionActor.collection_id == collection_id(session, collection)))
    rows = session.execute(
        query.where(events > 0, or_(func.lower(Actor.name).like(pattern, escape="\\"), Actor.id.in_(aliased)))
        .order_by(starts.desc(), events.desc(), Actor.name)
        .limit(limit)
    ).all()
    return [ActorEntry(r[0], r[1], r[2], r[3]) for r in rows]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def follow_redirect(session: Session, actor_id: str) -> str:
    """The actor an id stands for now: itself, or the full name a surname actor was folded into
    (app/services/actor_folding.py)."""
    target = session.execute(select(ActorRedirect.actor_id).where(ActorRedirect.old_id == actor_id)).scalar()
    return target or actor_id


def resolve_actor(session: Session, value: str) -> str:
    """An actor id for what a reader typed: an id as it is (or where it now redirects), else the
    one actor with that name or alias (any case). A name that matches none, or several, is
    refused with suggestions."""
    if session.get(Actor, value) is not None:
        return follow_redirect(session, value)
    folded = " ".join(value.split()).lower()
    named = {row[0] for row in session.execute(select(Actor.id).where(func.lower(Actor.name) == folded)).all()}
    if not named:
        named = {row[0] for row in session.execute(
            select(ActorAlias.actor_id).where(func.lower(ActorAlias.alias) == folded)).all()}
    if len(named) == 1:
        return named.pop()
    found = search_actors(session, value, SUGGESTIONS)
    if len(named) > 1:
        raise BadFilter(f"several actors are called \u201c{value}\u201d: choose one of "
                        + ", ".join(f"{a.name} ({a.id})" for a in found), field="actor")
    hint = ("; did you mean " + ", ".join(a.name for a in found) + "?") if found else "; see /api/actors for the list"
    raise BadFilter(f"no actor is called \u201c{value}\u201d" + hint, field="actor")
