"""The counts and actor timelines that keep reads fast stay equal to a recount of the events
after every kind of write: ingestion with merges, hiding and unhiding, editing an event's date,
type and actors, merging, splitting, deleting an article, re-running extraction."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import select

from app.db import session_scope
from app.models import Article, Event, EventActor, Mention
from app.services import curation
from app.services.aggregates import drift


def assert_no_drift(settings, after: str) -> None:
    with session_scope(settings.database_url) as session:
        assert drift(session) == {}, after


def first(settings, query):
    with session_scope(settings.database_url) as session:
        return query(session)


@pytest.mark.nlp
def test_aggregates_follow_every_kind_of_write(fresh_settings, ingest_seeds):
    settings = ingest_seeds(fresh_settings)
    assert_no_drift(settings, "ingestion")
    url = settings.database_url

    with_actors = first(settings, lambda s: [e for e, in s.execute(
        select(Event.id).join(EventActor, EventActor.event_id == Event.id)
        .where(Event.status == "active").distinct().order_by(Event.id)).all()])
    assert len(with_actors) >= 4
    one, two, three, four = with_actors[:4]

    with session_scope(url) as session:
        curation.hide_event(session, "editor", one)
    assert_no_drift(settings, "hide")
    with session_scope(url) as session:
        curation.unhide_event(session, "editor", one)
    assert_no_drift(settings, "unhide")

    with session_scope(url) as session:
        event = session.execute(select(Event).where(Event.id == two)).scalar_one()
        actors = [a for a, in session.execute(select(EventActor.actor_id).distinct()).all()]
        moved = event.date_start - dt.timedelta(days=45)
        curation.edit_event(session, "editor", two, curation.EventEdit(
            title=event.title + " (edited)", date_start=moved, date_end=moved, precision="day",
            type="protest", actors=((actors[0], "initiator"), (actors[-1], "target"), (actors[-1], "participant"))))
    assert_no_drift(settings, "edit of date, type and actors")
    with session_scope(url) as session:
        roles = session.execute(select(EventActor.actor_id, EventActor.role).where(EventActor.event_id == two)).all()
        assert (actors[-1], "participant") in roles

    with session_scope(url) as session:
        curation.merge_events(session, "editor", three, four)
    assert_no_drift(settings, "merge")

    key = first(settings, lambda s: s.execute(
        select(Mention.key).join(Event, Event.id == Mention.event_id)
        .where(Event.status == "active", Event.sources_count >= 2).order_by(Mention.key)).scalars().first())
    with session_scope(url) as session:
        curation.split_mention(session, "editor", key)
    assert_no_drift(settings, "split")

    article = first(settings, lambda s: s.execute(select(Article.id).order_by(Article.published)).scalars().first())
    with session_scope(url) as session:
        curation.delete_article(session, "editor", article)
    assert_no_drift(settings, "article deletion")

    from app.ingest.reextract import reextract_all
    from app.ingest.steps import pipeline_steps

    reextract_all(settings, pipeline_steps(settings))
    assert_no_drift(settings, "re-extraction")


def test_check_command_reports_agreement_and_drift(fresh_settings):
    env = {"DATABASE_URL": fresh_settings.database_url, "TIMELINE_DATA_DIR": str(fresh_settings.data_dir),
           "PATH": "/usr/bin:/bin"}
    run = lambda: subprocess.run([sys.executable, "-m", "app.cli", "check"], env=env,  # noqa: E731
                                 capture_output=True, text=True)
    result = run()
    assert result.returncode == 0, result.stderr
    assert "aggregates agree" in result.stdout
    with session_scope(fresh_settings.database_url) as session:  # a hand edit behind the app's back
        from app.models import EventDayCount

        session.add(EventDayCount(day=dt.date(2020, 1, 1), type="attack", count=3))
    result = run()
    assert result.returncode == 1
    assert "event_day_count" in result.stdout and "kept 3, counted 0" in result.stdout
    repaired = subprocess.run([sys.executable, "-m", "app.cli", "check", "--repair"], env=env,
                              capture_output=True, text=True)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "aggregates agree" in repaired.stdout
    assert run().returncode == 0


@pytest.mark.nlp
def test_rebuilding_the_aggregates_of_a_seeded_database_changes_nothing(fresh_settings, ingest_seeds):
    from app.db import get_engine
    from app.models import ActorMonthCount, ActorTimeline, EventDayCount, EventMonthCount
    from app.services.aggregates import rebuild

    settings = ingest_seeds(fresh_settings)

    def snapshot():
        with session_scope(settings.database_url) as session:
            return [sorted(tuple(getattr(row, c.name) for c in table.__table__.columns)
                           for row in session.execute(select(table)).scalars() if getattr(row, "count", 1))
                    for table in (ActorTimeline, ActorMonthCount, EventDayCount, EventMonthCount)]

    before = snapshot()
    assert all(before)
    with get_engine(settings.database_url).begin() as connection:
        rebuild(connection)
    assert snapshot() == before
    assert_no_drift(settings, "rebuild")


@pytest.mark.nlp
def test_a_damaged_search_index_is_reported_and_repaired(fresh_settings, ingest_seeds, fresh_client):
    """The search index is an aggregate like the others: a row lost behind the application's back
    is found by `timeline check`, and the repair makes the search find it again."""
    from sqlalchemy import text

    from app.db import get_engine
    from app.services.aggregates import rebuild

    settings = ingest_seeds(fresh_settings)
    client = fresh_client
    found = client.get("/api/events", params={"q": "Lachin"}).json()
    assert found["total"] >= 1
    with get_engine(settings.database_url).begin() as connection:
        if settings.database_url.startswith("sqlite"):
            connection.exec_driver_sql("DELETE FROM event_search WHERE event_search MATCH 'Lachin'")
        else:
            connection.exec_driver_sql("DELETE FROM event_search WHERE document @@ plainto_tsquery('english', 'Lachin')")
    assert client.get("/api/events", params={"q": "Lachin"}).json()["total"] == 0
    with session_scope(settings.database_url) as session:
        assert "event_search" in drift(session)
    with get_engine(settings.database_url).begin() as connection:
        rebuild(connection)
    assert_no_drift(settings, "search index rebuilt")
    assert client.get("/api/events", params={"q": "Lachin"}).json() == found


@pytest.mark.nlp
def test_lost_search_postings_are_reported_and_repaired_on_postgresql(fresh_settings, ingest_seeds, fresh_client):
    """PostgreSQL answers searches from postings kept beside the documents (migration 0011): a
    word's postings lost while its documents stay are found by `timeline check`, and the repair
    makes the search find the events again."""
    from app.db import get_engine
    from app.services.aggregates import rebuild

    if fresh_settings.database_url.startswith("sqlite"):
        pytest.skip("postings are PostgreSQL's; SQLite's FTS5 index keys its rows by date itself")
    settings = ingest_seeds(fresh_settings)
    client = fresh_client
    found = client.get("/api/events", params={"q": "Lachin corridor"}).json()
    assert found["total"] >= 1
    with get_engine(settings.database_url).begin() as connection:
        connection.exec_driver_sql("DELETE FROM search_posting WHERE lexeme = 'lachin'")
    assert client.get("/api/events", params={"q": "Lachin corridor"}).json()["total"] == 0
    with session_scope(settings.database_url) as session:
        assert any("search posting missing" in line and "'lachin'" in line for line in drift(session)["event_search"])
    with get_engine(settings.database_url).begin() as connection:
        rebuild(connection)
    assert_no_drift(settings, "search postings rebuilt")
    assert client.get("/api/events", params={"q": "Lachin corridor"}).json() == found


@pytest.mark.nlp
def test_postings_follow_their_events_importance_on_postgresql(fresh_settings, ingest_seeds, fresh_client):
    """PostgreSQL's postings keep a copy of their event's importance (migration 0014), which a
    searched view's most important events are picked by: an event whose importance changes moves
    up in a search's list with every one of its postings, a copy gone wrong is reported by
    `timeline check` and rewritten by the repair."""
    from sqlalchemy import text

    from app.db import get_engine
    from app.services.aggregates import rebuild

    if fresh_settings.database_url.startswith("sqlite"):
        pytest.skip("postings are PostgreSQL's; SQLite's FTS5 index reads importance from the event")
    settings = ingest_seeds(fresh_settings)
    client = fresh_client
    listed = client.get("/api/events", params={"q": "Azerbaijan", "sort": "importance", "limit": 50}).json()["items"]
    assert len(listed) >= 3
    last = listed[-1]
    engine = get_engine(settings.database_url)
    with engine.begin() as connection:  # as the services store a recomputed score
        connection.execute(text("UPDATE event SET importance = 100 WHERE id = :id"), {"id": last["id"]})
        copies = connection.execute(text(
            "SELECT DISTINCT p.importance FROM search_posting p JOIN event e ON e.seq = p.seq WHERE e.id = :id"),
            {"id": last["id"]}).scalars().all()
    assert copies == [100]
    with session_scope(settings.database_url) as session:  # (the score itself is now off its recount)
        assert "event_search" not in drift(session)
    page = client.get("/", params={"q": "Azerbaijan", "zoom": "decade", "at": "2020"})
    assert page.status_code == 200
    assert last["title"] in page.text
    top = client.get("/api/events", params={"q": "Azerbaijan", "sort": "importance", "limit": 1}).json()["items"]
    assert top[0]["id"] == last["id"]

    with engine.begin() as connection:  # a copy written behind the triggers' back
        connection.exec_driver_sql("ALTER TABLE event DISABLE TRIGGER USER")
        connection.execute(text("UPDATE event SET importance = 1 WHERE id = :id"), {"id": last["id"]})
        connection.exec_driver_sql("ALTER TABLE event ENABLE TRIGGER USER")
    with session_scope(settings.database_url) as session:
        assert any("search posting" in line for line in drift(session)["event_search"])
    with engine.begin() as connection:  # the repair recounts the score and rewrites its copies
        rebuild(connection)
    assert_no_drift(settings, "search postings rebuilt")
    with session_scope(settings.database_url) as session:
        assert session.execute(text("SELECT DISTINCT p.importance - e.importance FROM search_posting p "
                                    "JOIN event e ON e.seq = p.seq")).scalars().all() == [0]


@pytest.mark.nlp
def test_a_words_years_come_from_kept_counts_on_postgresql(fresh_settings, ingest_seeds, fresh_client):
    """PostgreSQL keeps each word's matches per year (migration 0015), and a one-word search's
    years are read from them: a count gone wrong shows in the timeline, `timeline check` names it,
    and the repair recounts it from the postings. A year the view cuts in two is still counted
    from the postings, so only the matches inside the view count."""
    from sqlalchemy import text

    from app.db import get_engine
    from app.services.aggregates import rebuild

    if fresh_settings.database_url.startswith("sqlite"):
        pytest.skip("kept word counts are PostgreSQL's; SQLite counts a year's range of FTS5's keys")
    settings = ingest_seeds(fresh_settings)
    client = fresh_client
    years = client.get("/api/timeline", params={"q": "Azerbaijan", "zoom": "year"}).json()["buckets"]
    counted = {bucket["start"]: bucket["count"] for bucket in years}
    busiest = max(counted, key=counted.get)
    assert counted[busiest] >= 3
    engine = get_engine(settings.database_url)

    def starting(low: str) -> int:  # the active events matching the word that start from `low` to the year's end
        with engine.connect() as connection:
            return connection.execute(text(
                "SELECT count(*) FROM event e WHERE e.status = 'active' AND e.date_start BETWEEN :low AND :high "
                "AND e.seq IN (SELECT seq FROM search_posting WHERE lexeme = 'azerbaijan')"),
                {"low": dt.date.fromisoformat(low), "high": dt.date(int(low[:4]), 12, 31)}).scalar()

    assert starting(busiest) == counted[busiest]
    with engine.begin() as connection:  # a count written behind the triggers' back
        connection.execute(text("UPDATE search_word_year SET events = events + 5 "
                                "WHERE lexeme = 'azerbaijan' AND year = :year"), {"year": int(busiest[:4])})
    years = client.get("/api/timeline", params={"q": "Azerbaijan", "zoom": "year"}).json()["buckets"]
    assert {bucket["start"]: bucket["count"] for bucket in years}[busiest] == counted[busiest] + 5
    # From the second day of that year: the year is cut, counted from the postings.
    cut = client.get("/api/timeline", params={"q": "Azerbaijan", "zoom": "year",
                                              "from": busiest[:4] + "-01-02"}).json()["buckets"]
    assert {bucket["start"]: bucket["count"] for bucket in cut}[busiest] == starting(busiest[:4] + "-01-02")
    with session_scope(settings.database_url) as session:
        assert any("search word count" in line and "'azerbaijan'" in line for line in drift(session)["event_search"])
    with engine.begin() as connection:
        rebuild(connection)
    assert_no_drift(settings, "word counts rebuilt")
    years = client.get("/api/timeline", params={"q": "Azerbaijan", "zoom": "year"}).json()["buckets"]
    assert {bucket["start"]: bucket["count"] for bucket in years} == counted


def test_check_recounts_sources_and_span_classes_and_repairs_them(fresh_settings):
    """An event's sources count (which min_sources filters and the explorer ranks by) and its span
    class (which bounds date-overlap reads) are kept numbers too: a wrong one is reported by
    `timeline check` and recomputed by `--repair`."""
    from sqlalchemy import text

    from app.pipeline.types import (
        ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, Sentence,
    )
    from app.services.articles import add_article

    day = dt.date(2023, 9, 19)
    for number in range(2):  # two reports of one happening: one event, two sources
        body = f"Report {number}: troops crossed the border near Lachin on Tuesday."
        sentence = Sentence(0, 0, len(body), body)
        candidate = EventCandidate(sentence=sentence, ordinal=0, type="military_action", title="Troops crossed the border",
                                   trigger="crossed", trigger_start=17, trigger_end=24, modality="asserted",
                                   date=EventDate(DateInterval(day, day, "day"), "explicit", "test"))
        extraction = ArticleExtraction(title="Border", body=((0, len(body)),), sentences=(sentence,), timexes=(),
                                       events=(candidate,))
        with session_scope(fresh_settings.database_url) as session:
            add_article(session, ArticleInput(body, day, "Border", "Wire"), extraction)
    with session_scope(fresh_settings.database_url) as session:
        assert session.execute(text("SELECT sources_count FROM event")).scalars().all() == [2]
        assert drift(session) == {}
        session.execute(text("UPDATE event SET sources_count = 5, span_class = 2"))  # behind the app's back
    env = {"DATABASE_URL": fresh_settings.database_url, "TIMELINE_DATA_DIR": str(fresh_settings.data_dir),
           "PATH": "/usr/bin:/bin"}
    check = subprocess.run([sys.executable, "-m", "app.cli", "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 1
    assert "event.sources_count" in check.stdout and "kept 5, counted 2" in check.stdout
    assert "event.span_class" in check.stdout
    repaired = subprocess.run([sys.executable, "-m", "app.cli", "check", "--repair"], env=env,
                              capture_output=True, text=True)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    with session_scope(fresh_settings.database_url) as session:
        assert session.execute(text("SELECT sources_count, span_class FROM event")).all() == [(2, 0)]
