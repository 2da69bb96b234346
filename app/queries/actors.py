"""Finding actors by name: the type-ahead (`/api/actors?q=`) and the filter form without
JavaScript, where a reader types a name rather than picking an id."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlmodel import Session

from app.errors import BadFilter
from app.models import Actor, ActorAlias
from app.queries.views import ActorEntry

SUGGESTIONS = 5


def search_actors(session: Session, text: str, limit: int = 10) -> list[ActorEntry]:
    """Actors with active events whose name or an alias contains `text` (any case), those whose
    name starts with it first, then the most active."""
    wanted = " ".join(text.split()).lower()
    if not wanted:
        return []
    pattern = f"%{_like(wanted)}%"
    aliased = select(ActorAlias.actor_id).where(func.lower(ActorAlias.alias).like(pattern, escape="\\"))
    starts = func.lower(Actor.name).like(f"{_like(wanted)}%", escape="\\")
    rows = session.execute(
        select(Actor.id, Actor.name, Actor.kind, Actor.events_count, starts.label("starts"))
        .where(Actor.events_count > 0,
               or_(func.lower(Actor.name).like(pattern, escape="\\"), Actor.id.in_(aliased)))
        .order_by(starts.desc(), Actor.events_count.desc(), Actor.name)
        .limit(limit)
    ).all()
    return [ActorEntry(r.id, r.name, r.kind, r.events_count) for r in rows]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resolve_actor(session: Session, value: str) -> str:
    """An actor id for what a reader typed: an id as it is, else the one actor with that name or
    alias (any case). A name that matches none, or several, is refused with suggestions."""
    if session.get(Actor, value) is not None:
        return value
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
