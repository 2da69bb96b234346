"""The kept aggregates against a recount from the events themselves.

Counts per day and month, actors' timelines and their counts, and the search index (one row per
active event) are kept incrementally (the day counts by the services, the rest by database triggers), so
that reads never scan the events.
`drift` recounts everything the slow way and lists every difference: the test suite calls it
after each kind of write, and an operator can run it (`timeline check`) after a restore or a
hand edit of the database; `rebuild` (`timeline check --repair`) recomputes them all.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, select
from sqlmodel import Session

from app.models import (
    Actor, ActorMonthCount, ActorTimeline, Event, EventActor, EventDayCount, EventLocation, EventMonthCount, Location,
    LocationMonthCount, Mention,
)
from app.search import document_drift, rebuild_search_index, search_key, search_rows
from app.services.importance import importance_drift


def drift(session: Session, *, limit: int = 20) -> dict[str, list[str]]:
    """Differences between each kept aggregate and a recount, at most `limit` per aggregate;
    an empty dict when everything agrees."""
    found: dict[str, list[str]] = {}

    def compare(name: str, kept: Counter, counted: Counter) -> None:
        keys = sorted({k for k in kept if kept[k]} | {k for k in counted if counted[k]}, key=str)
        differences = [f"{key}: kept {kept.get(key, 0)}, counted {counted.get(key, 0)}"
                       for key in keys if kept.get(key, 0) != counted.get(key, 0)]
        if differences:
            found[name] = differences[:limit]

    active = session.execute(
        select(Event.seq, Event.date_start, Event.type).where(Event.status == "active")).all()
    days = Counter((row.date_start, row.type) for row in active)
    compare("event_day_count", Counter({(r.day, r.type): r.count for r in session.execute(select(EventDayCount)).scalars()}), days)
    months: Counter = Counter()
    for (day, kind), count in days.items():
        months[(day.replace(day=1), kind)] += count
    compare("event_month_count", Counter({(r.month, r.type): r.count for r in session.execute(select(EventMonthCount)).scalars()}), months)

    start_of = {row.seq: row.date_start for row in active}
    type_of = {row.seq: row.type for row in active}
    pairs = {(seq, actor) for seq, actor in session.execute(
        select(Event.seq, EventActor.actor_id).join(EventActor, EventActor.event_id == Event.id)
        .where(Event.status == "active")).all()}
    timeline = Counter({(seq, actor, start_of[seq], type_of[seq]): 1 for seq, actor in pairs})
    kept_timeline = Counter({(r.event_seq, r.actor_id, r.date_start, r.type): 1
                             for r in session.execute(select(ActorTimeline)).scalars()})
    compare("actor_timeline", kept_timeline, timeline)
    actor_months = Counter((actor, start_of[seq].replace(day=1)) for seq, actor in pairs)
    compare("actor_month_count", Counter({(r.actor_id, r.month): r.count for r in session.execute(select(ActorMonthCount)).scalars()}), actor_months)
    per_actor = Counter(actor for _, actor in pairs)
    compare("actor.events_count", Counter(dict(session.execute(select(Actor.id, Actor.events_count)).all())), per_actor)
    places = session.execute(select(Event.seq, EventLocation.location_id).join(EventLocation, EventLocation.event_id == Event.id)
                             .where(Event.status == "active")).all()
    compare("location_month_count", Counter({(r.location_id, r.month): r.count for r in session.execute(select(LocationMonthCount)).scalars()}),
            Counter((place, start_of[seq].replace(day=1)) for seq, place in places))
    compare("location.events_count", Counter(dict(session.execute(select(Location.id, Location.events_count)).all())),
            Counter(place for _, place in places))
    importance = importance_drift(session)
    if importance:
        found["event.importance"] = importance[:limit]
    if session.get_bind().dialect.name == "sqlite":
        compare("event_search", Counter({(key, *texts[:2], " ".join(texts[2])): 1 for key, texts in search_rows(session).items()}),
                _expected_search_rows(session))
    else:
        differences = document_drift(session)
        if differences:
            found["event_search"] = [f"{kind}: event {seq} from {day}" for kind, seq, day, _ in differences][:limit]
    return found


def _expected_search_rows(session: Session) -> Counter:
    """What event_search should hold: one row per active event, under its date-ordered key,
    with its title, summary and the words of every source sentence."""
    sentences: dict[str, list[str]] = {}
    for event_id, sentence in session.execute(
            select(Mention.event_id, Mention.sentence).join(Event, Event.id == Mention.event_id)
            .where(Event.status == "active")).all():
        sentences.setdefault(event_id, []).extend(sentence.split())
    return Counter({
        (search_key(row.date_start, row.seq), row.title, row.summary, " ".join(sorted(sentences.get(row.id, [])))): 1
        for row in session.execute(select(Event.seq, Event.id, Event.date_start, Event.title, Event.summary)
                                   .where(Event.status == "active")).all()})



def rebuild(connection: Connection) -> None:
    """Recompute every kept aggregate from the events, set-based (the repair for drift, and the
    last step of a bulk load that ran with the triggers switched off). The per-day counts are
    recounted too; the month counts follow from them."""
    dialect = connection.dialect.name
    month = "date(date_start, 'start of month')" if dialect == "sqlite" else "date_trunc('month', date_start)::date"
    day_month = "date(day, 'start of month')" if dialect == "sqlite" else "date_trunc('month', day)::date"
    for statement in (
        "DELETE FROM actor_timeline",
        "INSERT INTO actor_timeline(event_seq, actor_id, date_start, type) "
        "SELECT DISTINCT event.seq, event_actor.actor_id, event.date_start, event.type "
        "FROM event_actor JOIN event ON event.id = event_actor.event_id WHERE event.status = 'active'",
        "DELETE FROM actor_month_count",
        f"INSERT INTO actor_month_count(actor_id, month, count) "
        f"SELECT actor_id, {month}, count(*) FROM actor_timeline GROUP BY actor_id, {month}",
        "UPDATE actor SET events_count = "
        "(SELECT count(*) FROM actor_timeline WHERE actor_timeline.actor_id = actor.id)",
        "DELETE FROM event_day_count",
        "INSERT INTO event_day_count(day, type, count) "
        "SELECT date_start, type, count(*) FROM event WHERE status = 'active' GROUP BY date_start, type",
        "DELETE FROM event_month_count",
        f"INSERT INTO event_month_count(month, type, count) "
        f"SELECT {day_month}, type, sum(count) FROM event_day_count GROUP BY {day_month}, type",
        "DELETE FROM location_month_count",
        f"INSERT INTO location_month_count(location_id, month, count) "
        f"SELECT event_location.location_id, {month}, count(*) FROM event_location "
        f"JOIN event ON event.id = event_location.event_id WHERE event.status = 'active' "
        f"GROUP BY event_location.location_id, {month}",
        "UPDATE location SET events_count = (SELECT coalesce(sum(count), 0) FROM location_month_count "
        "WHERE location_month_count.location_id = location.id)",
    ):
        connection.exec_driver_sql(statement)
    rebuild_search_index(connection)
    from sqlmodel import Session

    from app.services.importance import rescore_all

    with Session(bind=connection) as session:
        rescore_all(session)
        session.flush()
