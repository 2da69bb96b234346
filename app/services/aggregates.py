"""The kept numbers against a recount from the events themselves.

Counts per day and month, actors' timelines and their counts, places' counts, the same counts
per collection (migration 0008), and the search index (one row per active event) are kept
incrementally (the day counts by the services, the rest by database triggers), so that reads
never scan the events. Kept on every write of an event: its `collection_id` (the collection of
its articles), its `sources_count` (distinct articles among its mentions, which `min_sources`
filters and the explorer ranks by), its `span_class` (how far its date reaches, which bounds
date-overlap reads) and its `importance`.

`drift` recounts everything the slow way and lists every difference: the test suite calls it
after each kind of write, and an operator can run it (`timeline check`) after a restore, a hand
edit of the database or concurrent ingestion; `rebuild` (`timeline check --repair`) recomputes
them all.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, func, select
from sqlmodel import Session

from app.db import dialect_of
from app.db.search import compare_counts
from app.models import (
    SPAN_LIMITS, Actor, ActorMonthCount, ActorTimeline, Article, CollectionActor, CollectionActorMonthCount,
    CollectionDayCount, CollectionLocation, CollectionLocationMonthCount, CollectionMonthCount, Event, EventActor,
    EventDayCount, EventLocation, EventMonthCount, Location, LocationMonthCount, Mention, span_class,
)
from app.services.importance import importance_drift


def drift(session: Session, *, limit: int = 20) -> dict[str, list[str]]:
    """Differences between each kept number and a recount, at most `limit` per kind; an empty
    dict when everything agrees."""
    found: dict[str, list[str]] = {}

    def compare(name: str, kept: Counter, counted: Counter) -> None:
        differences = compare_counts(kept, counted, limit)
        if differences:
            found[name] = differences

    active = session.execute(
        select(Event.seq, Event.date_start, Event.type, Event.collection_id).where(Event.status == "active")).all()
    days = Counter((row.date_start, row.type) for row in active)
    compare("event_day_count", Counter({(r.day, r.type): r.count for r in session.execute(select(EventDayCount)).scalars()}), days)
    months: Counter = Counter()
    for (day, kind), count in days.items():
        months[(day.replace(day=1), kind)] += count
    compare("event_month_count", Counter({(r.month, r.type): r.count for r in session.execute(select(EventMonthCount)).scalars()}), months)

    collection_days = Counter((row.collection_id, row.date_start, row.type) for row in active)
    compare("collection_day_count", Counter({(r.collection_id, r.day, r.type): r.count
                                             for r in session.execute(select(CollectionDayCount)).scalars()}),
            collection_days)
    collection_months: Counter = Counter()
    for (collection, day, kind), count in collection_days.items():
        collection_months[(collection, day.replace(day=1), kind)] += count
    compare("collection_month_count", Counter({(r.collection_id, r.month, r.type): r.count
                                               for r in session.execute(select(CollectionMonthCount)).scalars()}),
            collection_months)

    start_of = {row.seq: row.date_start for row in active}
    type_of = {row.seq: row.type for row in active}
    collection_of = {row.seq: row.collection_id for row in active}
    pairs = {(seq, actor) for seq, actor in session.execute(
        select(Event.seq, EventActor.actor_id).join(EventActor, EventActor.event_id == Event.id)
        .where(Event.status == "active")).all()}
    timeline = Counter({(seq, actor, start_of[seq], type_of[seq], collection_of[seq]): 1 for seq, actor in pairs})
    kept_timeline = Counter({(r.event_seq, r.actor_id, r.date_start, r.type, r.collection_id): 1
                             for r in session.execute(select(ActorTimeline)).scalars()})
    compare("actor_timeline", kept_timeline, timeline)
    actor_months = Counter((actor, start_of[seq].replace(day=1)) for seq, actor in pairs)
    compare("actor_month_count", Counter({(r.actor_id, r.month): r.count for r in session.execute(select(ActorMonthCount)).scalars()}), actor_months)
    per_actor = Counter(actor for _, actor in pairs)
    compare("actor.events_count", Counter(dict(session.execute(select(Actor.id, Actor.events_count)).all())), per_actor)
    compare("collection_actor", Counter({(r.collection_id, r.actor_id): r.events_count
                                         for r in session.execute(select(CollectionActor)).scalars()}),
            Counter((collection_of[seq], actor) for seq, actor in pairs))
    compare("collection_actor_month_count",
            Counter({(r.collection_id, r.actor_id, r.month): r.count
                     for r in session.execute(select(CollectionActorMonthCount)).scalars()}),
            Counter((collection_of[seq], actor, start_of[seq].replace(day=1)) for seq, actor in pairs))
    # An event is in the collection of the articles that report it (merging never crosses).
    compare("event.collection_id",
            Counter({(event_id, collection): 1 for event_id, collection in session.execute(
                select(Mention.event_id, Event.collection_id).join(Event, Event.id == Mention.event_id)
                .distinct()).all()}),
            Counter({(event_id, collection): 1 for event_id, collection in session.execute(
                select(Mention.event_id, Article.collection_id).join(Article, Article.id == Mention.article_id)
                .distinct()).all()}))
    places = session.execute(select(Event.seq, EventLocation.location_id).join(EventLocation, EventLocation.event_id == Event.id)
                             .where(Event.status == "active")).all()
    compare("location_month_count", Counter({(r.location_id, r.month): r.count for r in session.execute(select(LocationMonthCount)).scalars()}),
            Counter((place, start_of[seq].replace(day=1)) for seq, place in places))
    compare("location.events_count", Counter(dict(session.execute(select(Location.id, Location.events_count)).all())),
            Counter(place for _, place in places))
    compare("collection_location_month_count",
            Counter({(r.collection_id, r.location_id, r.month): r.count
                     for r in session.execute(select(CollectionLocationMonthCount)).scalars()}),
            Counter((collection_of[seq], place, start_of[seq].replace(day=1)) for seq, place in places))
    compare("collection_location", Counter({(r.collection_id, r.location_id): r.events_count
                                            for r in session.execute(select(CollectionLocation)).scalars()}),
            Counter((collection_of[seq], place) for seq, place in places))
    importance = importance_drift(session)
    if importance:
        found["event.importance"] = importance[:limit]

    sources = Counter(dict(session.execute(
        select(Mention.event_id, func.count(func.distinct(Mention.article_id))).group_by(Mention.event_id)).all()))
    events = session.execute(select(Event.id, Event.sources_count, Event.date_start, Event.date_end,
                                    Event.open_end, Event.span_class)).all()
    compare("event.sources_count", Counter({row.id: row.sources_count for row in events}), sources)
    compare("event.span_class", Counter({row.id: row.span_class + 1 for row in events}),
            Counter({row.id: span_class(row.date_start, row.date_end, bool(row.open_end)) + 1 for row in events}))

    search = dialect_of(session).search.drift(session, limit)
    if search:
        found["event_search"] = search
    return found


def rebuild(connection: Connection) -> None:
    """Recompute every kept number from the events, set-based (the repair for drift, and the last
    step of a bulk load that ran with the triggers switched off). The per-day counts are
    recounted too; the month counts follow from them."""
    dialect = dialect_of(connection)
    month, day_month = dialect.month_start("date_start"), dialect.month_start("day")
    days = dialect.days_between("date_start", "date_end")
    month_limit, year_limit = SPAN_LIMITS[1], SPAN_LIMITS[2]
    of_its_articles = ("(SELECT {agg}(article.collection_id) FROM mention JOIN article ON article.id = mention.article_id "
                       "WHERE mention.event_id = event.id)")
    for statement in (
        # An event whose articles are all in one collection is in that one (only the rows that
        # differ are written: an UPDATE of `event` wakes its triggers). Articles of two collections
        # reporting one event cannot be repaired by a count: `drift` keeps saying so.
        f"UPDATE event SET collection_id = {of_its_articles.format(agg='min')} "
        f"WHERE {of_its_articles.format(agg='min')} = {of_its_articles.format(agg='max')} "
        f"AND collection_id <> {of_its_articles.format(agg='min')}",
        "DELETE FROM actor_timeline",
        "INSERT INTO actor_timeline(event_seq, actor_id, date_start, type, collection_id) "
        "SELECT DISTINCT event.seq, event_actor.actor_id, event.date_start, event.type, event.collection_id "
        "FROM event_actor JOIN event ON event.id = event_actor.event_id WHERE event.status = 'active'",
        "DELETE FROM actor_month_count",
        f"INSERT INTO actor_month_count(actor_id, month, count) "
        f"SELECT actor_id, {month}, count(*) FROM actor_timeline GROUP BY actor_id, {month}",
        "UPDATE actor SET events_count = "
        "(SELECT count(*) FROM actor_timeline WHERE actor_timeline.actor_id = actor.id)",
        "DELETE FROM collection_actor",
        "INSERT INTO collection_actor(collection_id, actor_id, events_count) "
        "SELECT collection_id, actor_id, count(*) FROM actor_timeline GROUP BY collection_id, actor_id",
        "DELETE FROM collection_actor_month_count",
        f"INSERT INTO collection_actor_month_count(collection_id, actor_id, month, count) "
        f"SELECT collection_id, actor_id, {month}, count(*) FROM actor_timeline GROUP BY collection_id, actor_id, {month}",
        "DELETE FROM collection_day_count",
        "INSERT INTO collection_day_count(collection_id, day, type, count) SELECT collection_id, date_start, type, "
        "count(*) FROM event WHERE status = 'active' GROUP BY collection_id, date_start, type",
        "DELETE FROM collection_month_count",
        f"INSERT INTO collection_month_count(collection_id, month, type, count) SELECT collection_id, {day_month}, "
        f"type, sum(count) FROM collection_day_count GROUP BY collection_id, {day_month}, type",
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
        "DELETE FROM collection_location_month_count",
        f"INSERT INTO collection_location_month_count(collection_id, month, location_id, count) "
        f"SELECT event.collection_id, {month}, event_location.location_id, count(*) FROM event_location "
        f"JOIN event ON event.id = event_location.event_id WHERE event.status = 'active' "
        f"GROUP BY event.collection_id, {month}, event_location.location_id",
        "DELETE FROM collection_location",
        "INSERT INTO collection_location(collection_id, location_id, events_count) "
        "SELECT collection_id, location_id, sum(count) FROM collection_location_month_count "
        "GROUP BY collection_id, location_id",
        # Only the rows that differ: an UPDATE of `event` wakes its triggers.
        "UPDATE event SET sources_count = (SELECT count(DISTINCT mention.article_id) FROM mention "
        "WHERE mention.event_id = event.id) WHERE sources_count <> (SELECT count(DISTINCT mention.article_id) "
        "FROM mention WHERE mention.event_id = event.id)",
        f"UPDATE event SET span_class = CASE WHEN open_end THEN 3 WHEN {days} <= 0 THEN 0 "
        f"WHEN {days} <= {month_limit} THEN 1 WHEN {days} <= {year_limit} THEN 2 ELSE 3 END "
        f"WHERE span_class <> CASE WHEN open_end THEN 3 WHEN {days} <= 0 THEN 0 "
        f"WHEN {days} <= {month_limit} THEN 1 WHEN {days} <= {year_limit} THEN 2 ELSE 3 END",
    ):
        connection.exec_driver_sql(statement)
    dialect.search.rebuild(connection)
    from app.services.importance import rescore_all

    with Session(bind=connection) as session:
        rescore_all(session)
        session.flush()
