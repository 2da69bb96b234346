"""Questions about collections: which exist, which one a slug names, and what each holds.

A collection's numbers come from its kept month counts (collection_month_count, migration 0008),
never from its events: the collection list costs one grouped read of a small table however many
events there are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from app.calendar import period_end, period_start, shift_period
from app.db.rows import plain_rows
from app.errors import BadFilter
from app.models import DEFAULT_COLLECTION, Article, Collection, CollectionMonthCount
from app.permalinks import absolute, collection_path
from app.queries.views import Bucket, CollectionRef, CollectionView

# A collection's density strip counts months over a span of under this many years, decades over
# MAX_YEAR_BARS years or more, and years in between.
MONTHS_UNDER_YEARS = 3
MAX_YEAR_BARS = 60


@dataclass(frozen=True)
class CollectionRow:
    """A collection as the read path needs it: its values, not a mapped object (building the ORM's
    objects and their identity map cost a zoom histogram within a collection about 0.3 ms of its
    1.85, measured in-process). What changes a collection reads it through the session (app/services)."""

    id: int
    slug: str
    name: str
    description: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    region: str | None


# Every request within a collection reads this list, so its Python costs as much as its round trip
# does. The statement is built once: executed as the very object the engine compiled and cached,
# SQLAlchemy uses the cached result map as it is, where a statement built anew has its columns
# matched to the cached one's (comparing ORM columns builds an SQL expression for each). And no
# column needs converting on PostgreSQL (the creation time, which nothing read here shows, did: a
# time zone per row, and every row then went through SQLAlchemy's), so the rows come straight from
# the driver (app/db/rows.py). Measured in-process on 20 collections, the list read cost 0.64 ms:
# 0.14 of it the statement built anew, 0.26 the conversion; 0.24 now, about its round trip
# (docs/benchmarks.md, thirty-first session).
_EVERY_COLLECTION = (select(Collection.id, Collection.slug, Collection.name, Collection.description,
                            Collection.date_from, Collection.date_to, Collection.region)
                     .order_by(Collection.id))


def _all(session: Session) -> list[CollectionRow]:
    """Every collection, oldest first; read once per request (the table is small)."""
    cache = session.info.get("collections")
    if cache is None:
        cache = session.info["collections"] = [CollectionRow(*row) for row in plain_rows(session, _EVERY_COLLECTION)]
    return cache


def known_slugs(session: Session) -> list[str]:
    return [collection.slug for collection in _all(session)]


def unknown_collection_message(session: Session, slug: str) -> str:
    known = known_slugs(session)
    return (f"there is no collection {slug[:60]!r}; the collections are: {', '.join(known)}"
            if known else f"there is no collection {slug[:60]!r}; none exists yet")


def default_slug(session: Session) -> str:
    """The slug of the default collection (where articles go when nobody names one)."""
    return next(c.slug for c in _all(session) if c.id == DEFAULT_COLLECTION)


def find_collection(session: Session, slug: str) -> CollectionRow | None:
    return next((collection for collection in _all(session) if collection.slug == slug), None)


def collection_id(session: Session, slug: str) -> int:
    """The id of the collection a filter names; an unknown slug is a BadFilter (400) that lists
    the known ones."""
    found = find_collection(session, slug)
    if found is None:
        raise BadFilter(unknown_collection_message(session, slug), known=known_slugs(session))
    return found.id


def collection_count(session: Session) -> int:
    return len(_all(session))


def collection_refs(session: Session, base_url: str) -> dict[int, CollectionRef]:
    """Id -> how an event names its collection."""
    return {c.id: CollectionRef(slug=c.slug, name=c.name, url=absolute(base_url, collection_path(c.slug)),
                                path=collection_path(c.slug))
            for c in _all(session)}


def list_collections(session: Session, base_url: str) -> list[CollectionView]:
    """Every collection with its event count, the span of its events and its density per year
    (per decade when its events span more than MAX_YEAR_BARS years)."""
    months: dict[int, Counter[dt.date]] = defaultdict(Counter)
    for collection, month, count in session.execute(
        select(CollectionMonthCount.collection_id, CollectionMonthCount.month, func.sum(CollectionMonthCount.count))
        .where(CollectionMonthCount.count > 0)
        .group_by(CollectionMonthCount.collection_id, CollectionMonthCount.month)
    ).all():
        if count:
            months[collection][month] += int(count)
    return [_view(collection, months.get(collection.id, Counter()), base_url) for collection in _all(session)]


def describe_collection(session: Session, slug: str, base_url: str) -> CollectionView | None:
    found = find_collection(session, slug)
    if found is None:
        return None
    months: Counter[dt.date] = Counter()
    for month, count in session.execute(
        select(CollectionMonthCount.month, func.sum(CollectionMonthCount.count))
        .where(CollectionMonthCount.collection_id == found.id, CollectionMonthCount.count > 0)
        .group_by(CollectionMonthCount.month)
    ).all():
        if count:
            months[month] += int(count)
    return _view(found, months, base_url)


def articles_in(session: Session, collection: int) -> int:
    """Article rows in the collection: current ones and the earlier versions and deleted ones
    kept so their ids never name other text."""
    return session.execute(select(func.count()).select_from(Article)
                           .where(Article.collection_id == collection)).scalar_one()


def _view(collection: CollectionRow, months: Counter[dt.date], base_url: str) -> CollectionView:
    first = min(months) if months else None
    last = period_end(max(months), "month") if months else None
    density: tuple[Bucket, ...] = ()
    level = "year"
    if first and last:
        years = last.year - first.year
        level = "month" if years < MONTHS_UNDER_YEARS else "decade" if years >= MAX_YEAR_BARS else "year"
        per: Counter[dt.date] = Counter()
        for month, count in months.items():
            per[period_start(month, level)] += count
        bars, start = [], period_start(first, level)
        while start is not None and start <= last:
            bars.append(Bucket(start, period_end(start, level), per.get(start, 0)))
            start = shift_period(start, level, 1)
        density = tuple(bars)
    path = collection_path(collection.slug)
    return CollectionView(
        slug=collection.slug, name=collection.name, description=collection.description or "",
        url=absolute(base_url, path), date_from=collection.date_from, date_to=collection.date_to,
        region=collection.region, events=sum(months.values()), first_event=first, last_event=last,
        id=collection.id, path=path, density=density, density_level=level,
    )
