"""Reads a page no longer repeats: the write mark is read once per transaction (and again once
the session wrote, committed or rolled back), and a period's count of the matching events of every
date is kept between requests until the data changes (app/queries/freshness.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select, update

from app.db import get_engine, session_scope
from app.models import Event
from app.queries.events import count_events
from app.queries.filters import parse_filters
from app.queries.freshness import write_mark
from app.queries.timeline import EVERYWHERE, explore
from app.services.curation import hide_event
from bench.synthetic import Shape, generate

SHAPE = Shape(articles=60, events=400, actors=20, locations=10, first_year=2010, last_year=2019, seed=5)


@pytest.fixture
def small_corpus(fresh_settings):
    generate(fresh_settings.database_url, SHAPE, batch=400)
    EVERYWHERE.clear()
    yield fresh_settings
    EVERYWHERE.clear()


class Statements:
    """The statements sent on an engine while in use."""

    def __init__(self, url: str):
        self.engine, self.sent = get_engine(url), []

    def _keep(self, _connection, _cursor, statement, *_):
        self.sent.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._keep)
        return self.sent

    def __exit__(self, *_):
        event.remove(self.engine, "before_cursor_execute", self._keep)


def test_the_write_mark_is_read_once_per_transaction_and_again_after_a_write(small_corpus):
    url = small_corpus.database_url
    with session_scope(url) as session:
        with Statements(url) as sent:
            first = write_mark(session)
            assert write_mark(session) == first
        assert len(sent) == 1
        assert first[0] == session.execute(select(Event.seq).order_by(Event.seq.desc()).limit(1)).scalar()
        # The session's own write moves it: read again after the flush.
        session.execute(update(Event).where(Event.seq == first[0]).values(reviewed=True))
        session.flush()
        with Statements(url) as sent:
            write_mark(session)
        assert len(sent) == 1
        session.commit()
        with Statements(url) as sent:  # a new transaction reads it again
            write_mark(session)
            write_mark(session)
        assert len(sent) == 1


def _year(session, year: int, **params):
    filters = parse_filters({"zoom": ["year"], "at": [str(year)], **{k: [v] for k, v in params.items()}})
    visible, estimate = count_events(session, filters)
    return explore(session, filters, visible, estimate)


@pytest.mark.parametrize("params", [{}, {"type": "attack"}], ids=["every-type", "one-type"])
def test_a_periods_count_of_every_date_is_kept_until_the_data_changes(small_corpus, params):
    url = small_corpus.database_url
    with session_scope(url) as session:
        everywhere = count_events(session, parse_filters({k: [v] for k, v in params.items()}))[0]
        assert _year(session, 2015, **params).matching == everywhere
    # Another request, another year: the count of every date is not asked again.
    with session_scope(url) as session:
        with Statements(url) as sent:
            again = _year(session, 2016, **params)
        assert again.matching == everywhere
        with Statements(url) as alone:
            count_events(session, parse_filters({k: [v] for k, v in params.items()}))
        assert not set(alone) & set(sent)
    # An editor hides an event of another year: the next request counts it again.
    with session_scope(url) as session:
        hidden = session.execute(
            select(Event.id).where(Event.status == "active", Event.date_start >= dt.date(2018, 1, 1),
                                   *([Event.type == params["type"]] if params else []))
            .order_by(Event.seq).limit(1)).scalar_one()
        hide_event(session, "editor", hidden)
    with session_scope(url) as session:
        assert _year(session, 2016, **params).matching == everywhere - 1


def test_plain_rows_hold_the_values_rows_hold(small_corpus):
    """Keys read as the driver's tuples (app/db/rows.py) are the values SQLAlchemy's rows hold,
    dates included (SQLite stores them as text, which SQLAlchemy converts)."""
    from sqlalchemy import String, cast, func

    from app.db.rows import plain_rows

    with session_scope(small_corpus.database_url) as session:
        for statement in (
            select(Event.seq, cast(Event.date_start, String), Event.importance).order_by(Event.seq),
            select(Event.date_start, Event.seq, Event.importance).order_by(Event.seq),
            select(Event.date_start, func.count()).group_by(Event.date_start).order_by(Event.date_start),
        ):
            plain = plain_rows(session, statement)
            assert plain == [tuple(row) for row in session.execute(statement)]
            assert len(plain) > 20 and all(type(value) is type(expected) for value, expected in
                                           zip(plain[0], session.execute(statement).first()))


def test_a_kept_total_is_read_once_per_transaction_and_again_after_a_write(small_corpus):
    """counts.total answers the same question asked twice in a transaction (a collection's list by
    importance asks it for its count and for the walk's size) from one read, and reads it again
    once the session flushed, committed or rolled back: the answer then counts the writes."""
    from app.queries.counts import total

    url = small_corpus.database_url
    with session_scope(url) as session:
        with Statements(url) as sent:
            first = total(session, None, None, collection=1)
            assert total(session, None, None, collection=1) == first
            assert total(session, None, None, types=("attack",)) <= first
        assert len(sent) == 2
        row = session.execute(select(Event).where(Event.status == "active").order_by(Event.seq).limit(1)).scalars().one()
        event_id = row.id
        row.reviewed = not row.reviewed
        session.flush()
        with Statements(url) as sent:
            assert total(session, None, None, collection=1) == first
        assert len(sent) == 1
        session.rollback()
        with Statements(url) as sent:
            total(session, None, None, collection=1)
            total(session, None, None, collection=1)
        assert len(sent) == 1
        hide_event(session, "editor", event_id)  # a write transaction of its own, committed
        with Statements(url) as sent:
            assert total(session, None, None, collection=1) == first - 1
            assert total(session, None, None, collection=1) == first - 1
        assert len(sent) == 1
