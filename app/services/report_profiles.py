"""Reading stored reports' profiles: each event's first report, and the reports that strayed.

The merge stage compares a new report with what an event's first report said (its places and
countries, app/pipeline/report_profile.py), not with the union of every report it holds. The first
report is the article of the mention whose key founded the event (its id); where that mention is
gone (its article deleted, replaced or moved to another collection), the earliest mention stands in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from app.models import Event, EventLocation, Location, Mention
from app.pipeline.report_profile import ReportProfile, profile_of, straying
from app.services.curation import named_in


@dataclass(frozen=True)
class StrayReport:
    """A stored report (one article's sentences) that does not fit the event holding it."""

    event_id: str
    article_id: str
    reason: str


def _reports(session: Session, event_ids: Sequence[str], *, read_unknown: bool = False
             ) -> dict[str, tuple[str, dict[str, list]]]:
    """Per event: the article of its first report, and every article's sentences' profiles.
    `read_unknown`: a sentence stored before mentions kept their profile is read for the event's
    places it names (by name, as an editor's split does), so a database stored before can be
    checked; its countries are those places' countries."""
    found: dict[str, tuple[str, dict[str, list]]] = {}
    by_event: dict[str, list] = defaultdict(list)
    for start in range(0, len(event_ids), 500):
        chunk = list(event_ids[start:start + 500])
        columns = [Mention.event_id, Mention.key, Mention.id, Mention.article_id, Mention.places, Mention.countries]
        if read_unknown:
            columns.append(Mention.sentence)
        for row in session.execute(select(*columns).where(Mention.event_id.in_(chunk))).all():
            by_event[row.event_id].append(row)
    unknown = sorted(e for e, rows in by_event.items() if read_unknown and any(r.places is None for r in rows))
    places_of: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for start in range(0, len(unknown), 500):
        for event_id, location_id, name, country in session.execute(
                select(EventLocation.event_id, Location.id, Location.name, Location.country)
                .join(Location, Location.id == EventLocation.location_id)
                .where(EventLocation.event_id.in_(unknown[start:start + 500]))).all():
            places_of[event_id].append((location_id, name, country))
    for event_id, rows in by_event.items():
        founding = next((r.article_id for r in rows if r.key == event_id), None)
        if founding is None:
            founding = min(rows, key=lambda r: r.id).article_id
        articles: dict[str, list] = defaultdict(list)
        for r in rows:
            if r.places is None and read_unknown:
                named = [(key, country) for key, name, country in places_of[event_id] if named_in(r.sentence, [name])]
                articles[r.article_id].append(([key for key, country in named if key != country],
                                               sorted({country.lower() for _, country in named if country})))
            else:
                articles[r.article_id].append((r.places, r.countries))
        found[event_id] = (founding, articles)
    return found


def first_reports(session: Session, event_ids: Sequence[str]) -> dict[str, ReportProfile]:
    """The profile of each event's first report, where it is known."""
    profiles: dict[str, ReportProfile] = {}
    for event_id, (founding, articles) in _reports(session, event_ids).items():
        profile = profile_of(founding, articles[founding])
        if profile is not None:
            profiles[event_id] = profile
    return profiles


def stray_reports(session: Session, collection: int | None = None) -> list[StrayReport]:
    """Every stored report of another place or country than its event's first report (events
    stored before the merge stage compared reports with the first one; `timeline reextract`
    decides them again)."""
    query = select(Event.id).where(Event.status == "active", Event.sources_count > 1)
    if collection is not None:
        query = query.where(Event.collection_id == collection)
    event_ids = list(session.execute(query.order_by(Event.seq)).scalars())
    found: list[StrayReport] = []
    for event_id, (founding, articles) in _reports(session, event_ids, read_unknown=True).items():
        first = profile_of(founding, articles[founding])
        if first is None:
            continue
        for article_id, sentences in sorted(articles.items()):
            other = profile_of(article_id, sentences) if article_id != founding else None
            reason = straying(first, other) if other is not None else None
            if reason is not None:
                found.append(StrayReport(event_id, article_id, reason))
    return found
