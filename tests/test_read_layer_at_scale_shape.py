"""The read layer's fast paths (actor timelines, per-actor and per-type counts, span windows,
walks from the most important down, per-place counts, the map's box) give exactly what a
brute-force reading of the events gives.

A small synthetic corpus of the benchmark's shape (bench/synthetic.py: skewed actors, bursts,
month/year/decade and open-ended dates, three collections) is written into a migrated database;
then random filter combinations, across every collection or within one, go through the real app
and every answer is compared with a filter written in plain Python over all the rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import String, select

from app.db import dialect_of, session_scope
from app.main import create_app
from app.migrate import upgrade
from app.models import Event, EventActor, EventLocation, Location
from app.queries.collections import collection_id
from app.services.aggregates import drift
from bench.synthetic import Shape, collection_slug, generate, word_at_rank

SHAPE = Shape(articles=300, events=2_500, actors=60, locations=20, first_year=1990, last_year=2025, seed=11,
              collections=3)
TYPES = ("attack", "statement", "military_action")
# Searched words, at three frequencies of the corpus vocabulary.
SEARCH_WORDS = tuple(word_at_rank(rank) for rank in (10, 40, 150))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, settings_for):
    settings = settings_for(tmp_path_factory.mktemp("shape"))
    upgrade(settings.database_url)
    generate(settings.database_url, SHAPE, batch=700)
    with session_scope(settings.database_url) as session:
        events = session.execute(select(Event)).scalars().all()
        actors: dict[str, set[str]] = {}
        for event_id, actor in session.execute(select(EventActor.event_id, EventActor.actor_id)).all():
            actors.setdefault(event_id, set()).add(actor)
        # Which events each word matches, asked of the search engine without dates or order: the
        # date-keyed reads built on it are what is under test.
        matching = {word: set(dialect_of(session).search.matching_seqs(session, word)) for word in SEARCH_WORDS}
        assert all(0 < len(found) < len(events) / 2 for found in matching.values()), {w: len(f) for w, f in matching.items()}
        places: dict[str, set[str]] = {}
        for event_id, place in session.execute(select(EventLocation.event_id, EventLocation.location_id)).all():
            places.setdefault(event_id, set()).add(place)
        positions = {p.id: (p.latitude, p.longitude) for p in session.execute(select(Location)).scalars()}
        rows = [dict(id=e.id, seq=e.seq, start=e.date_start, end=e.date_end, open_end=e.open_end, type=e.type,
                     sources=e.sources_count, status=e.status, actors=actors.get(e.id, set()),
                     collection=collection_slug(e.collection_id),
                     words={word for word in SEARCH_WORDS if e.seq in matching[word]},
                     importance=e.importance, places=places.get(e.id, set()),
                     positions={positions[p] for p in places.get(e.id, set()) if positions[p][0] is not None})
                for e in events]
    with TestClient(create_app(settings)) as client:
        yield settings, client, rows


def in_box(row, box) -> bool:
    west, south, east, north = box
    return any(south <= lat <= north and west <= lon <= east for lat, lon in row["positions"])


def expected(rows, *, actors=(), types=(), low=None, high=None, min_sources=None, q=None, bbox=None,
             collection=None):
    def keep(row):
        return (row["status"] == "active"
                and (collection is None or row["collection"] == collection)
                and (q is None or set(q.split()) <= row["words"])
                and (bbox is None or in_box(row, bbox))
                and all(a in row["actors"] for a in actors)
                and (not types or row["type"] in types)
                and (high is None or row["start"] <= high)
                and (low is None or row["end"] >= low or row["open_end"])
                and (min_sources is None or row["sources"] >= min_sources))
    return sorted((row for row in rows if keep(row)), key=lambda r: (r["start"], r["seq"]))


def every_page(client, params) -> list[dict]:
    items, url, seen = [], "/api/events", 0
    query = params + [("limit", "97")]
    while url:
        body = client.get(url, params=query).json()
        assert "items" in body, body
        items += body["items"]
        url, query = body["next"], None
        seen += 1
        assert seen < 200
    return items


def random_filters(rng: random.Random):
    """Actor (one of the frequent, or a rare one), type, period, sources, a searched word, within a
    collection or across them: in random combinations."""
    frequent = [f"actor-{n:05d}" for n in range(3)]
    rare = [f"actor-{n:05d}" for n in range(30, 60)]
    for _ in range(24):
        filters: dict = {}
        if rng.random() < 0.5:
            filters["collection"] = collection_slug(rng.randint(1, SHAPE.collections))
        if rng.random() < 0.4:  # a word, or two that must both be there
            filters["q"] = " ".join(rng.sample(SEARCH_WORDS, 2 if rng.random() < 0.3 else 1))
        if rng.random() < 0.8:
            filters["actors"] = (rng.choice(frequent if rng.random() < 0.6 else rare),)
            if rng.random() < 0.2:
                filters["actors"] += (rng.choice(frequent),)
        if rng.random() < 0.4:
            filters["types"] = tuple(rng.sample(TYPES, rng.choice((1, 2))))
        if rng.random() < 0.8:
            year = rng.randint(1995, 2025)
            low = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            filters["low"], filters["high"] = low, low + dt.timedelta(days=rng.choice((10, 45, 400, 4000)))
        if rng.random() < 0.25:
            filters["min_sources"] = 2
        if rng.random() < 0.2:
            west, south = rng.uniform(-10, 40), rng.uniform(5, 40)
            filters["bbox"] = (round(west, 2), round(south, 2), round(west + rng.uniform(5, 30), 2),
                               round(south + rng.uniform(5, 20), 2))
        yield filters


def params_of(filters) -> list[tuple[str, str]]:
    params = [("actor", a) for a in filters.get("actors", ())] + [("type", t) for t in filters.get("types", ())]
    if filters.get("collection"):
        params.append(("collection", filters["collection"]))
    if filters.get("q"):
        params.append(("q", filters["q"]))
    if filters.get("low"):
        params += [("from", filters["low"].isoformat()), ("to", filters["high"].isoformat())]
    if filters.get("min_sources"):
        params.append(("min_sources", str(filters["min_sources"])))
    if filters.get("bbox"):
        params.append(("bbox", ",".join(str(v) for v in filters["bbox"])))
    return params


def _year_view_of(chosen):
    """The explorer's year view of these filters, at the year they start in (2020 when open)."""
    from app.queries.filters import parse_filters

    params: dict[str, list[str]] = {}
    for name, value in params_of(chosen):
        if name not in ("from", "to"):
            params.setdefault(name, []).append(value)
    year = (chosen.get("low") or dt.date(2020, 1, 1)).year
    return year, parse_filters({**params, "zoom": ["year"], "at": [str(year)]})


def test_aggregates_of_a_generated_corpus_agree_with_a_recount(corpus):
    settings, _, _ = corpus
    with session_scope(settings.database_url) as session:
        assert drift(session) == {}


@pytest.mark.parametrize("actor_first, driving_word", [(None, None), (True, None), (False, None), (False, max)],
                         ids=["by-cost", "actor-drives", "search-drives", "search-drives-by-any-word"])
def test_filtered_lists_and_totals_equal_a_brute_force_reading(corpus, monkeypatch, actor_first, driving_word):
    """Every filter combination, read whichever way: with an actor and a search together, the
    actor's timeline or the search index may drive (by their sizes; here also forced); on
    PostgreSQL a search of two words reads the postings of its rarest, or (forced) of the other,
    and probes the other."""
    from app.db import search
    from app.queries import plan

    if driving_word is not None:
        monkeypatch.setattr(search.PostgresSearch, "_rarest",
                            lambda self, session, words, collection: driving_word(words))
    if actor_first is not None:
        monkeypatch.setattr(plan, "_actor_is_narrower",
                            lambda session, actor, q, collection: actor is not None and actor_first)
    _, client, rows = corpus
    rng = random.Random(5)
    for filters in random_filters(rng):
        params = params_of(filters)
        want = expected(rows, **filters)
        got = every_page(client, params)
        assert [item["id"] for item in got] == [row["id"] for row in want], params
        total = client.get("/api/events", params=params + [("limit", "1")]).json()["total"]
        assert total == len(want), params


def test_histograms_of_every_filter_count_the_events_where_they_start(corpus):
    _, client, rows = corpus
    rng = random.Random(9)
    for filters in random_filters(rng):
        params = params_of(filters)
        for zoom in ("decade", "year", "month", "day"):
            body = client.get("/api/timeline", params=params + [("zoom", zoom)]).json()
            low = filters.get("low")
            # A histogram counts events in the bucket where they start, within the range.
            want = [r for r in expected(rows, **filters) if low is None or r["start"] >= low]
            assert body["total"] == len(want), (params, zoom)
            if zoom in ("year", "month"):  # a search's years: one range count per year
                starts = Counter(r["start"].replace(day=1, **({"month": 1} if zoom == "year" else {})).isoformat()
                                 for r in want)
                assert {b["start"]: b["count"] for b in body["buckets"]} == dict(starts), (params, zoom)


def test_a_searchs_years_count_the_events_that_start_in_them(corpus):
    """A search with dates only (in a collection or across them, one word or two) is counted per
    year from the search index's ranges: each year's count is the matching events starting in it."""
    _, client, rows = corpus
    for words in (SEARCH_WORDS[0], SEARCH_WORDS[2], f"{SEARCH_WORDS[1]} {SEARCH_WORDS[0]}"):
        for scope in ({}, {"collection": collection_slug(2)}):
            for low, high in ((None, None), (dt.date(2001, 3, 5), dt.date(2013, 7, 1))):
                params = [("q", words), ("zoom", "year")] + [(k, v) for k, v in scope.items()]
                params += [("from", low.isoformat()), ("to", high.isoformat())] if low else []
                want = [r for r in expected(rows, q=words, low=low, high=high, **scope)
                        if low is None or r["start"] >= low]
                years = Counter(r["start"].replace(month=1, day=1).isoformat() for r in want)
                body = client.get("/api/timeline", params=params).json()
                assert {b["start"]: b["count"] for b in body["buckets"]} == dict(years), params


def _overview_fit(starts: list[dt.date]) -> tuple[dt.date, dt.date]:
    """What an analyst expects the overview to span: the bulk of the events (all but the first and
    last half per cent), in whole months, or whole years when over thirteen years or so the strip
    draws years (at most 160 bars of a month)."""
    starts = sorted(starts)
    cut = int(len(starts) * 0.005)
    first, last = starts[cut], starts[len(starts) - 1 - cut]
    years = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    if (years[1] - years[0]).days + 1 > 160 * 30.4:
        return years
    after_last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first.replace(day=1), after_last - dt.timedelta(days=1)


def test_the_overview_fits_the_same_months_whatever_its_counts_come_from(corpus):
    """A search's overview (counted per year from the search index, then per month within those
    years) spans the same range as any other filter's (kept month counts, actor counts, days over
    the matching rows): the months of the bulk of what matches, not the whole years around them;
    and its buckets count every visible event in the period it starts in, strays included."""
    from app.calendar import period_start
    from app.queries.filters import parse_filters
    from app.queries.plan import plan_for
    from app.queries.timeline import explore

    settings, _, rows = corpus
    cases = [dict(q=words, **scope, **dates)
             for words in SEARCH_WORDS + (f"{SEARCH_WORDS[1]} {SEARCH_WORDS[0]}",)
             for scope in ({}, {"collection": collection_slug(2)})
             for dates in ({}, {"low": dt.date(2001, 3, 5), "high": dt.date(2013, 7, 1)},
                           {"low": dt.date(2016, 2, 10), "high": dt.date(2017, 9, 20)},
                           {"low": dt.date(2019, 5, 3), "high": dt.date(2019, 8, 20)})]
    cases += [dict(types=("attack",), low=dt.date(2016, 2, 10), high=dt.date(2017, 9, 20)),
              dict(actors=("actor-00001",), low=dt.date(2019, 5, 3), high=dt.date(2019, 8, 20)),
              dict(actors=("actor-00001",), types=("attack",)), dict(types=("statement",))]
    searched_by_years = months_only = 0
    for case in cases:
        low, high = case.get("low"), case.get("high")
        starts = [r["start"] for r in expected(rows, **case)
                  if (low is None or r["start"] >= low) and (high is None or r["start"] <= high)]
        if not starts:
            continue
        query: dict[str, list[str]] = {}
        for name, value in params_of(case):
            query.setdefault(name, []).append(value)
        filters = parse_filters(query)
        with session_scope(settings.database_url) as session:
            searched_by_years += plan_for(session, filters).years_by_ranges
            explorer = explore(session, filters, len(starts), False)
        fit = _overview_fit(starts)
        assert explorer.fitted == fit, case
        months_only += fit[1] - fit[0] < dt.timedelta(days=366)
        level = explorer.bucket_level
        assert {period_start(b.start, level): b.count for b in explorer.buckets} == \
            dict(Counter(period_start(start, level) for start in starts)), case
    assert searched_by_years >= 12 and months_only >= 6, (searched_by_years, months_only)


@pytest.mark.parametrize("few_events, walk_factor", [(5_000, 4), (0, 10**9), (0, 0)],
                         ids=["one-query", "bucket-by-bucket", "walk-by-importance"])
def test_explorer_buckets_show_their_most_important_events(corpus, monkeypatch, few_events, walk_factor):
    """Each of the three ways of finding a bucket's best gives the same answer."""
    from app.queries import timeline

    monkeypatch.setattr(timeline, "FEW_EVENTS", few_events)
    monkeypatch.setattr(timeline, "WALK_FACTOR", walk_factor)
    _, client, rows = corpus
    by_id = {row["id"]: row for row in rows}
    rng = random.Random(13)
    checked = 0
    for filters in random_filters(rng):
        params = params_of(filters)
        year = (filters.get("low") or dt.date(2020, 1, 1)).year
        response = client.get("/", params=[p for p in params if p[0] not in ("from", "to")]
                              + [("zoom", "year"), ("at", str(year))], headers={"HX-Request": "true"})
        assert response.status_code == 200, response.text[-2000:]
        view = dict(filters, low=dt.date(year, 1, 1), high=dt.date(year, 12, 31))
        starting = [r for r in expected(rows, **view) if r["start"].year == year]
        # Each month's best events are among those shown, and none better is left out.
        shown = {i for i in _top_event_ids(response.text) if i in by_id}
        for month in range(1, 13):
            inside = [r for r in starting if r["start"].month == month]
            if inside:
                best = max(r["importance"] for r in inside)
                assert any(by_id[i]["importance"] == best and by_id[i]["start"].month == month
                           and by_id[i]["start"].year == year for i in shown), (params, month)
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("walk", [False, True, "mixed"], ids=["bucket-read", "importance-walk", "some-walked"])
def test_one_statement_for_every_bucket_picks_what_one_query_per_bucket_picked(corpus, walk):
    """The buckets' picks, gathered in one statement, are each bucket's own query's answer, in
    its order: the highlights the explorer showed when it asked bucket by bucket (some of them
    walked, the others read: the walked ones come first in the statement)."""
    from sqlalchemy import event

    from app.queries import timeline
    from app.queries.plan import plan_for

    settings, _, _ = corpus
    rng = random.Random(23)
    compared = 0
    with session_scope(settings.database_url) as session:
        for chosen in random_filters(rng):
            year, filters = _year_view_of(chosen)
            plan = plan_for(session, filters)
            months = [(dt.date(year, m, 1), dt.date(year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
                      for m in range(1, 13)]
            walks = [rng.random() < 0.5 if walk == "mixed" else walk for _ in months]
            picks = [timeline._top_keys(plan, start, end, walk=walked) for (start, end), walked in zip(months, walks)]
            one_by_one = timeline._top_views(session, [[key.seq for key in session.execute(pick).all()]
                                                         for pick in picks])
            statements = []

            def count(*args):
                statements.append(args[2])
            connection = session.connection()  # this session's statements only (a worker polls beside)
            event.listen(connection, "before_cursor_execute", count)
            try:
                together = timeline._top_events_by_bucket(session, plan, picks, walks)
            finally:
                event.remove(connection, "before_cursor_execute", count)
            assert len(statements) == 1
            assert together == one_by_one, (params, year)
            compared += sum(map(len, together))
    assert compared > 50


def test_the_buckets_statement_depends_on_how_many_are_walked_not_which(corpus):
    """The buckets' one statement has one text per number of walked and read picks, whichever
    buckets they are: each text is compiled by SQLAlchemy (and planned by the database) once,
    not once per combination of a year's twelve months."""
    from sqlalchemy import event

    from app.queries import timeline
    from app.queries.plan import plan_for

    settings, _, _ = corpus
    _, filters = _year_view_of({"low": dt.date(2019, 1, 1), "high": dt.date(2019, 12, 31)})
    months = [(dt.date(2019, m, 1), dt.date(2019 + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)) for m in range(1, 13)]
    texts = set()
    with session_scope(settings.database_url) as session:
        plan = plan_for(session, filters)

        def keep(*args):
            texts.add(args[2])
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", keep)
        try:
            for walked_months in ({1, 2, 3}, {10, 11, 12}, {1, 6, 12}, {4, 5, 9}):
                walks = [month in walked_months for month in range(1, 13)]
                picks = [timeline._top_keys(plan, start, end, walk=walked) for (start, end), walked in zip(months, walks)]
                timeline._top_events_by_bucket(session, plan, picks, walks)
        finally:
            event.remove(connection, "before_cursor_execute", keep)
    assert len(texts) == 1


def test_a_periods_explorer_spans_the_period_without_reading_the_matches_extent(corpus, monkeypatch):
    """A period's strip and axis span the period within the reader's dates: the first and last
    matching days (one or two statements) are not read for it, only for the overview."""
    from app.queries import timeline
    from app.queries.events import count_events

    settings, _, _ = corpus

    def refuse(*args, **kwargs):
        raise AssertionError("a period view read its matches' extent")
    monkeypatch.setattr(timeline, "_extent", refuse)
    rng = random.Random(31)
    seen = 0
    with session_scope(settings.database_url) as session:
        for chosen in random_filters(rng):
            _, filters = _year_view_of(chosen)
            visible, estimate = count_events(session, filters)
            explorer = timeline.explore(session, filters, visible, estimate)
            if not filters.visible_empty:
                assert explorer.fitted == (filters.visible_from, filters.visible_to)
                seen += 1
    assert seen > 10


@pytest.mark.parametrize("zoom", ["year", "decade", None])
def test_the_buckets_best_from_the_axis_are_those_their_own_picks_find(corpus, monkeypatch, zoom):
    """The explorer takes each bucket's most important events from the time axis's events where
    they hold enough of them: the same events, in the same order, as each bucket's own pick.
    Views of few events take another path (all their keys read at once): here every view is
    taken for one large enough to be walked, as a year of a large corpus is."""
    from app.queries import timeline
    from app.queries.events import count_events
    from app.queries.filters import parse_filters
    from app.queries.plan import Plan

    settings, _, _ = corpus
    monkeypatch.setattr(timeline, "FEW_EVENTS", 0)
    monkeypatch.setattr(Plan, "walks_importance", lambda self, wanted, matching: True)
    rng = random.Random(37)
    from_axis = compared = 0
    for chosen in random_filters(rng):
        params: dict[str, list[str]] = {}
        for name, value in params_of(chosen):
            if zoom is None or name not in ("from", "to"):
                params.setdefault(name, []).append(value)
        if zoom:
            params.update(zoom=[zoom], at=[str((chosen.get("low") or dt.date(2020, 1, 1)).year // (10 if zoom == "decade" else 1)
                                              * (10 if zoom == "decade" else 1))])
        filters = parse_filters(params)
        with session_scope(settings.database_url) as session:
            visible, estimate = count_events(session, filters)
            together = timeline.explore(session, filters, visible, estimate)
            from_axis += len(session.info.get("axis_rows", {}))
        with monkeypatch.context() as picks_only:
            picks_only.setattr(timeline, "axis_rows", lambda *args, **kwargs: [])  # and not all of them:
            picks_only.setattr(timeline, "AXIS_LIMIT", 0)
            with session_scope(settings.database_url) as session:
                alone = timeline.explore(session, filters, visible, estimate)
        assert [(b.start, b.top) for b in together.buckets] == [(b.start, b.top) for b in alone.buckets], params
        compared += sum(len(b.top) for b in together.buckets)
    assert compared > 50 and from_axis > 5


@pytest.mark.parametrize("zoom", ["year", "month", "decade", None])
def test_the_buckets_best_from_the_first_keys_are_those_the_whole_pass_finds(corpus, monkeypatch, zoom):
    """A view read whole (all its keys at once) takes each bucket's best from the most important
    of its keys (the time axis's share of them) where they hold two of the bucket's, and from a
    pass over every key for the other buckets: the same events, in the same order, as the pass
    over every key for every bucket, whether the first keys hold none, some or all of them.
    The buckets are checked against a brute-force reading of the rows too."""
    from app.queries import timeline
    from app.queries.events import count_events
    from app.queries.filters import parse_filters

    settings, _, rows = corpus
    monkeypatch.setattr(timeline, "FEW_EVENTS", 10**9)
    rng = random.Random(43)
    compared = views = 0
    for chosen in random_filters(rng):
        if zoom == "month":  # a month of this small corpus holds a few events: fewer filters
            chosen = {key: value for key, value in chosen.items() if key in ("collection", "types", "low", "high")}
        params: dict[str, list[str]] = {}
        for name, value in params_of(chosen):
            if zoom is None or name not in ("from", "to"):
                params.setdefault(name, []).append(value)
        start = chosen.get("low") or dt.date(2020, 1, 1)
        if zoom == "month":
            params.update(zoom=[zoom], at=[f"{start.year}-{start.month:02d}"])
        elif zoom:
            params.update(zoom=[zoom], at=[str(start.year // 10 * 10 if zoom == "decade" else start.year)])
        filters = parse_filters(params)
        answers = []
        for limit in (0, 1, 3, 24, 120):
            with monkeypatch.context() as patched:
                patched.setattr(timeline, "AXIS_LIMIT", limit)
                with session_scope(settings.database_url) as session:
                    visible, estimate = count_events(session, filters)
                    explorer = timeline.explore(session, filters, visible, estimate)
                    answers.append([(b.start, b.top) for b in explorer.buckets])
        assert all(answer == answers[0] for answer in answers), params
        # Brute force: each bucket's best are the most important events starting in it.
        view = {key: value for key, value in chosen.items() if zoom is None or key not in ("low", "high")}
        for start, top in answers[0]:
            bucket = next(b for b in explorer.buckets if b.start == start)
            inside = sorted((r for r in expected(rows, **dict(view, low=bucket.start, high=bucket.end))
                             if bucket.start <= r["start"] <= bucket.end),
                            key=lambda r: (-r["importance"], r["start"], r["seq"]))
            assert [t.id for t in top] == [r["id"] for r in inside[:timeline.TOP_PER_BUCKET]], (params, start)
            compared += len(top)
        views += bool(answers[0])
    assert compared > 40 and views > 5


def test_a_words_years_asked_in_parts_are_read_once_and_count_what_the_events_do(corpus):
    """The kept counts of a word's years and the range counts of a year the view cuts are read
    once per session (an overview's page count, its background and its yearly counts ask for
    parts of them), and each part still counts the matching events that start in it."""
    from sqlalchemy import event

    settings, _, rows = corpus
    rng = random.Random(41)
    with session_scope(settings.database_url) as session:
        search = dialect_of(session).search
        if search.year_counts(session, SEARCH_WORDS[0], None, None, None, 1990, 2025) is None:
            pytest.skip("this database's search keeps no counts per year")
    for word in SEARCH_WORDS:
        for collection in (None, "c02"):
            cutoff = dt.date(rng.randint(1995, 2020), rng.randint(1, 12), rng.randint(2, 28))
            asked = [(cutoff, None, cutoff.year, 2025), (None, cutoff - dt.timedelta(days=1), 1990, cutoff.year),
                     (cutoff, None, cutoff.year, 2025), (None, None, 1990, 2025)]
            statements = []
            with session_scope(settings.database_url) as session:
                scope = None if collection is None else collection_id(session, collection)
                connection = session.connection()
                event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))
                answers = [dialect_of(session).search.year_counts(session, word, scope, low, high, first, last)
                           for low, high, first, last in asked]
            assert sum("search_word_year" in statement for statement in statements) == 1
            assert answers[0] == answers[2]
            for (low, high, first, last), answer in zip(asked, answers):
                expected = Counter(r["start"].year for r in rows
                                   if word in r["words"] and r["status"] == "active"
                                   and (collection is None or r["collection"] == collection)
                                   and (low is None or r["start"] >= low) and (high is None or r["start"] <= high)
                                   and first <= r["start"].year <= last)
                assert answer == dict(expected), (word, collection, low, high)


def test_the_axis_takes_the_keys_the_explorer_read_and_picks_the_same_events(corpus):
    """The most important events of a view, from the keys the explorer read for its buckets, are
    those a read of their own finds, in the same order, with the events reaching in merged."""
    from app.queries.ordering import most_important
    from app.queries.plan import plan_for
    from app.queries.view_keys import read_keys

    settings, _, _ = corpus
    rng = random.Random(29)
    compared = 0
    columns = (Event.id, Event.importance, Event.date_start)
    for chosen in random_filters(rng):
        year, filters = _year_view_of(chosen)
        low, high = filters.visible_from, filters.visible_to
        # matching=1: the view is read and sorted; a huge count: the importance index is walked.
        for limit, matching in ((1, 1), (7, 1), (40, 1), (7, 10**9), (40, 10**9)):
            with session_scope(settings.database_url) as session:
                alone = [tuple(row) for row in most_important(session, filters, low, high, limit,
                                                               matching=matching, columns=columns)]
            with session_scope(settings.database_url) as session:
                read_keys(plan_for(session, filters), dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31))
                shared = [tuple(row) for row in most_important(session, filters, low, high, limit,
                                                                matching=matching, columns=columns)]
            assert shared == alone, (params, year, limit, matching)
            compared += len(alone)
    assert compared > 100


def test_the_first_keys_in_importance_order_are_those_nsmallest_finds():
    """The most important of a view's keys (the axis's, the buckets'), picked by an importance
    threshold first, are heapq.nsmallest's over every key's tuple: with ties of importance and
    of day, ranges that cut the keys or not, and limits below, at and above their number."""
    import heapq

    from app.queries.view_keys import _first_in_order

    rng = random.Random(47)
    for _ in range(400):
        days = [(dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(60))).isoformat() for _ in range(rng.randrange(0, 300))]
        keys = [(rng.randrange(10**6), day, rng.choice((0, 5, 40, 40, 41, rng.randrange(101)))) for day in days]
        low = rng.choice((None, dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(60))))
        high = rng.choice((None, dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(60))))
        limit = rng.choice((0, 1, 2, 5, 120, len(keys), len(keys) + 1))
        first = low.isoformat() if low else ""
        last = high.isoformat() if high else "\uffff"
        expected_keys = heapq.nsmallest(limit, ((-importance, day, seq) for seq, day, importance in keys
                                                if first <= day <= last))
        assert _first_in_order(keys, low, high, limit) == expected_keys


def test_the_events_reaching_in_read_window_by_window_are_those_one_read_finds(corpus):
    """The keys of the events that start before a view and reach into it, read one span-class
    window at a time (actors checked against their events of the window's days), are those the
    single read of every window finds, for filters of every kind and a day in each month."""
    from sqlalchemy import select as select_

    from app.queries.filters import parse_filters
    from app.queries.plan import plan_for

    settings, _, _ = corpus
    rng = random.Random(31)
    compared = 0
    columns = (Event.date_start, Event.seq, Event.importance)
    for chosen in random_filters(rng):
        params: dict[str, list[str]] = {}
        for name, value in params_of(chosen):
            if name not in ("from", "to"):
                params.setdefault(name, []).append(value)
        filters = parse_filters(params)
        for low in (dt.date(year, month, day) for year in (1996, 2008, 2020, 2024) for month in (1, 4, 7, 10)
                    for day in (1, 17)):
            with session_scope(settings.database_url) as session:
                plan = plan_for(session, filters)
                together = sorted(tuple(row) for row in session.execute(select_(*columns).where(*plan.earlier_clauses(low))))
                windows = [tuple(row) for row in session.execute(plan.earlier_read(low, *columns))]
            assert sorted(windows) == together and len(set(windows)) == len(windows), (params, low)
            compared += len(together)
    assert compared > 200


def _top_event_ids(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return [a["href"].split("/")[2] for a in soup.select(".bucket-top a[href^='/events/']")]


def test_facet_counts_equal_a_brute_force_count(corpus):
    from app.queries.facets import facet_counts
    from app.queries.filters import parse_filters

    settings, _, rows = corpus
    rng = random.Random(17)
    checked = 0
    for filters in random_filters(rng):
        params: dict[str, list[str]] = {}
        for name, value in params_of(filters):
            params.setdefault(name, []).append(value)
        want = expected(rows, **filters)
        per_actor = Counter(actor for row in want for actor in row["actors"])
        per_type = Counter(row["type"] for row in want)
        with session_scope(settings.database_url) as session:
            found = facet_counts(session, parse_filters(params))
        assert not found.sampled
        by_name = {facet.name: facet for facet in found.facets}
        for value in by_name["actor"].values:
            assert value.count == per_actor[value.value], (params, value)
            checked += 1
        for value in by_name["type"].values:
            assert value.count == per_type[value.value], (params, value)
        if per_actor:
            assert max(v.count for v in by_name["actor"].values) == max(per_actor.values())
    assert checked > 20


def test_the_corpus_has_events_in_every_collection_and_none_across_two(corpus):
    settings, client, rows = corpus
    sizes = Counter(row["collection"] for row in rows)
    assert len(sizes) == SHAPE.collections and min(sizes.values()) > 100, sizes
    with session_scope(settings.database_url) as session:
        assert "event.collection_id" not in drift(session)
    listed = {c["slug"]: c["events"] for c in client.get("/api/collections").json()["items"]}
    assert listed == {slug: sum(1 for r in rows if r["collection"] == slug and r["status"] == "active")
                      for slug in sizes}


def test_a_collections_actor_list_counts_its_events_there(corpus):
    _, client, rows = corpus
    for number in range(1, SHAPE.collections + 1):
        slug = collection_slug(number)
        counted = Counter(actor for row in rows if row["collection"] == slug and row["status"] == "active"
                          for actor in row["actors"])
        listed = client.get("/api/actors", params={"collection": slug}).json()["items"]
        assert {item["id"]: item["events"] for item in listed} == dict(counted)
        assert [item["events"] for item in listed] == sorted((item["events"] for item in listed), reverse=True)
        types = {t["key"]: t["events"] for t in client.get("/api/types", params={"collection": slug}).json()["items"]}
        assert {k: v for k, v in types.items() if v} == dict(Counter(
            row["type"] for row in rows if row["collection"] == slug and row["status"] == "active"))


def test_a_search_finds_events_on_the_first_and_last_day_of_a_range(corpus):
    """The date-keyed search index reads a range by key: the events starting on its first and on
    its last day are inside it, whatever their sequence number, and pages of two follow date order."""
    _, client, rows = corpus
    for word in SEARCH_WORDS:
        found = [r for r in expected(rows, q=word)]
        for row in found[:: max(len(found) // 6, 1)]:
            day = row["start"].isoformat()
            for bounds in ([("from", day), ("to", day)], [("from", day)], [("to", day)]):
                low = row["start"] if ("from", day) in bounds else None
                high = row["start"] if ("to", day) in bounds else None
                want = [r["id"] for r in expected(rows, q=word, low=low, high=high)]
                assert row["id"] in want
                got = [item["id"] for item in every_page(client, [("q", word)] + bounds)]
                assert got == want, (word, bounds)
                starting = [r for r in expected(rows, q=word, low=low, high=high) if low is None or r["start"] >= low]
                for zoom in ("day", "decade"):
                    body = client.get("/api/timeline", params=[("q", word), ("zoom", zoom)] + bounds).json()
                    assert body["total"] == len(starting), (word, bounds, zoom)


@pytest.mark.parametrize("walk", [None, True, False], ids=["by-cost", "walk-the-index", "read-the-period"])
def test_lists_by_importance_and_newest_first_equal_a_brute_force_reading(corpus, monkeypatch, walk):
    """sort=importance read either way (walking the importance index from the top, or reading the
    period and sorting), and sort=-date, page after page, give the brute-force order."""
    from app.queries.plan import Plan

    if walk is not None:
        monkeypatch.setattr(Plan, "walks_importance", lambda *args: walk)
    _, client, rows = corpus
    rng = random.Random(23)
    for filters in random_filters(rng):
        params = params_of(filters)
        want = expected(rows, **filters)
        by_importance = sorted(want, key=lambda r: (-r["importance"], r["start"], r["seq"]))
        got = every_page(client, params + [("sort", "importance")])
        assert [item["id"] for item in got] == [row["id"] for row in by_importance], params
        newest = sorted(want, key=lambda r: (r["start"], r["seq"]), reverse=True)
        got = every_page(client, params + [("sort", "-date")])
        assert [item["id"] for item in got] == [row["id"] for row in newest], params


def test_place_counts_and_the_axis_equal_a_brute_force_count(corpus):
    """The map's counts per place (kept counts for dates alone, a count over the matching events
    otherwise) and the time axis's events (the most important of the range)."""
    from app.queries.axis import axis_events
    from app.queries.filters import parse_filters
    from app.queries.plan import PLACE_COUNTS, plan_for

    settings, client, rows = corpus
    rng = random.Random(29)
    kept = 0
    # Dates alone, across collections and within one (a collection's own kept place counts).
    plain = [{}, {"low": dt.date(2010, 3, 14), "high": dt.date(2013, 7, 2)}, {"collection": collection_slug(2)},
             {"collection": collection_slug(3), "low": dt.date(2004, 2, 9), "high": dt.date(2019, 11, 20)}]
    for filters in list(random_filters(rng)) + plain:
        params = params_of(filters)
        body = client.get("/api/places", params=params).json()
        starting = [r for r in expected(rows, **filters) if filters.get("low") is None or r["start"] >= filters["low"]]
        per_place = Counter(place for row in starting for place in row["places"])
        if filters.get("bbox"):
            west, south, east, north = filters["bbox"]
            positions = {item["id"]: (item["latitude"], item["longitude"]) for item in body["items"]}
            per_place = Counter({p: n for p, n in per_place.items() if p in positions})
            for lat, lon in positions.values():
                assert south <= lat <= north and west <= lon <= east
        assert body["exact"]
        got = {item["id"]: item["events"] for item in body["items"]}
        if not filters.get("bbox"):
            assert got == dict(per_place), params
        else:
            assert all(got[p] == n for p, n in per_place.items() if p in got), params
        query: dict[str, list[str]] = {}
        for name, value in params:
            query.setdefault(name, []).append(value)
        parsed = parse_filters(query)
        with session_scope(settings.database_url) as session:
            kept += plan_for(session, parsed).places_counted_by == PLACE_COUNTS
        if filters.get("low"):
            with session_scope(settings.database_url) as session:
                axis = axis_events(session, parsed, filters["low"], filters["high"], matching=len(starting) + 1, limit=15)
            want = sorted(expected(rows, **filters), key=lambda r: (-r["importance"], r["start"], r["seq"]))[:15]
            assert [e.id for e in axis.events] == [r["id"] for r in want], params
    assert kept >= 4  # the kept counts were used, not only the count over events


def test_the_overview_heading_and_its_axis_account_for_the_same_events(corpus):
    """The overview's axis spans the bulk of the events; the heading counts them all. The caption
    says how many lie beyond its range, so that the two figures add up, in each collection too."""
    import re

    settings, client, rows = corpus
    for url in (f"/c/{collection_slug(1)}/", f"/c/{collection_slug(2)}/", f"/c/{collection_slug(1)}/?type=attack"):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(url).text))
        found = re.search(r"([\d,]+) (?:matching )?events?(?: from \d| in | Oldest)", text)
        assert found, text[:3000]
        heading = int(found[1].replace(",", ""))
        drawn = int(re.search(r"most important of ([\d,]+) events?", text)[1].replace(",", ""))
        beyond = re.search(r"([\d,]+) more, dated outside this range", text)
        assert heading == drawn + (int(beyond[1].replace(",", "")) if beyond else 0), (url, heading, drawn, beyond)
    # the generated corpus has stray early years, so the overview does leave some out
    assert re.search(r"more, dated outside this range", re.sub(r"<[^>]+>", " ", client.get(f"/c/{collection_slug(1)}/").text))


def test_a_list_of_keys_read_as_one_parameter_selects_what_an_in_list_selects(corpus):
    """`Dialect.one_of` (an array parameter on PostgreSQL, the IN list on SQLite) for the keys a
    page reads its events, actors and mentions by: the same rows, unknown keys skipped."""
    settings, _, rows = corpus
    rng = random.Random(5)
    with session_scope(settings.database_url) as session:
        dialect = dialect_of(session)
        for size in (1, 2, 51, 120):
            picked = rng.sample(rows, size)
            seqs = [row["seq"] for row in picked] + [2**31 - 1]
            ids = [row["id"] for row in picked] + ["no-such-event"]
            by_seq = select(Event.seq).where(dialect.one_of(Event.seq, seqs))
            by_id = select(EventActor.event_id, EventActor.actor_id).where(
                dialect.one_of(EventActor.event_id, ids, String))
            assert sorted(session.scalars(by_seq)) == sorted(row["seq"] for row in picked)
            assert sorted(session.execute(by_id).all()) == sorted(
                session.execute(select(EventActor.event_id, EventActor.actor_id)
                                .where(EventActor.event_id.in_(ids))).all())
