"""The importance score (app/importance.py) and its upkeep: what it ranks first, and that the
stored number follows every change of an event's sources, figures and type."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from app.db import session_scope
from app.importance import KEY, quantity_value, score, tier, toll
from app.models import Event, Location, LocationMonthCount
from app.services.aggregates import drift


def test_violence_reported_by_many_with_a_toll_outranks_a_statement_repeated_by_one():
    attack = score("attack", "asserted", publishers=4, figures=[{"quantity": "dozens", "what": "civilians killed"}])
    statement = score("statement", "asserted", publishers=1)
    assert attack > statement
    assert tier(attack) == "key" and tier(statement) == ""
    assert attack <= 100 and statement >= 0


def test_more_publishers_and_a_larger_toll_raise_the_score_but_mentions_do_not():
    assert score("attack", "asserted", 2) > score("attack", "asserted", 1)
    assert score("attack", "asserted", 1, [{"quantity": "300", "what": "people killed"}]) > \
        score("attack", "asserted", 1, [{"quantity": "3", "what": "people killed"}])
    # Figures that do not count people (posts, distances) add nothing.
    assert score("attack", "asserted", 1, [{"quantity": "12", "what": "military posts"}]) == score("attack", "asserted", 1)


def test_a_claim_or_a_denial_weighs_less_than_the_same_event_reported_as_fact():
    fact = score("attack", "asserted", 3)
    assert score("attack", "claimed", 3) < fact
    assert score("attack", "denied", 3) < score("attack", "claimed", 3)
    assert score("attack", "hypothetical", 3) < score("attack", "denied", 3)


@pytest.mark.parametrize("written, value", [
    ("25", 25), ("1,200", 1200), ("over 60", 60), ("at least 7", 7), ("dozens", 24), ("hundreds", 200),
    ("2.5 million", 2_500_000), ("four", 4), ("several", None), ("", None),
])
def test_quantities_are_read_as_written(written, value):
    assert quantity_value(written) == value


def test_deaths_weigh_more_than_injuries():
    assert toll([{"quantity": "10", "what": "killed"}]) > toll([{"quantity": "10", "what": "wounded"}]) > 0
    assert toll([{"quantity": "10", "what": "killed or injured"}]) == pytest.approx(6)


@pytest.mark.nlp
def test_stored_importance_is_the_score_and_drift_and_repair_find_a_hand_edit(fresh_settings, ingest_seeds):
    from app.db import get_engine
    from app.services.aggregates import rebuild

    settings = ingest_seeds(fresh_settings)
    url = settings.database_url
    with session_scope(url) as session:
        assert drift(session) == {}
        ranked = session.execute(select(Event.importance, Event.type).where(Event.status == "active")
                                 .order_by(Event.importance.desc())).all()
        assert ranked[0].importance >= KEY  # the seeds hold corroborated violence
        assert len({row.importance for row in ranked}) > 3
        session.execute(update(Event).where(Event.seq == 1).values(importance=99))
        session.execute(update(Location).values(events_count=Location.events_count + 5))
        session.add(LocationMonthCount(location_id="nowhere", month=dt.date(2020, 1, 1), count=2))
    with session_scope(url) as session:
        found = drift(session)
        assert "event.importance" in found and "location.events_count" in found and "location_month_count" in found
    with get_engine(url).begin() as connection:
        rebuild(connection)
    with session_scope(url) as session:
        assert drift(session) == {}
