"""The same articles give the same events and ids on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.config import Settings
from app.db import session_scope
from app.migrate import upgrade
from app.models import Event, EventActor, Mention


@pytest.fixture
def postgres_url(throwaway_postgres):
    return throwaway_postgres("timeline_same")


def timeline_of(url: str) -> list[tuple]:
    with session_scope(url) as session:
        actors: dict[str, set] = {}
        for event_id, actor, role in session.execute(select(EventActor.event_id, EventActor.actor_id, EventActor.role)):
            actors.setdefault(event_id, set()).add((actor, role))
        mentions: dict[str, set] = {}
        for event_id, key in session.execute(select(Mention.event_id, Mention.key)):
            mentions.setdefault(event_id, set()).add(key)
        return sorted(
            (e.id, e.slug, e.title, e.type, e.modality, e.date_start, e.date_end, e.precision, e.open_end,
             e.status, e.sources_count, sorted(actors.get(e.id, ())), sorted(mentions.get(e.id, ())))
            for e in session.execute(select(Event)).scalars())


@pytest.mark.nlp
def test_seed_articles_give_the_same_events_and_ids_on_both_databases(tmp_path, postgres_url, ingest_seeds):
    common = dict(base_url="http://testserver", secret_key="test-secret-key-not-for-production")
    on_sqlite = Settings(database_url=f"sqlite:///{tmp_path / 'same.db'}", data_dir=tmp_path, **common)
    on_postgres = Settings(database_url=postgres_url, data_dir=tmp_path, **common)
    for settings in (on_sqlite, on_postgres):
        upgrade(settings.database_url)
        ingest_seeds(settings)
    sqlite_events, postgres_events = timeline_of(on_sqlite.database_url), timeline_of(on_postgres.database_url)
    assert len(sqlite_events) >= 20
    assert sqlite_events == postgres_events
