"""The explorer on the timeline page: zoom state in the URL, pan and zoom links, the density strip
and its text alternative, buckets with their most corroborated events, what a zoom level hides,
facet counts, card notes, and fragments against full pages. CSS selectors, not string matching.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def heading_count(soup) -> int:
    """The events the heading counts: those that start in the view, as its bucket counted them."""
    return int(text_of(soup.select_one("#results-heading")).split()[0].replace(",", "").rstrip("+"))


def continuing_count(soup) -> int:
    """The events listed besides: those that began before the view and reach into it."""
    note = soup.select_one(".continuing-note")
    return int(text_of(note).split()[2].replace(",", "")) if note else 0


VIEWS = [
    ("century", "2000", dt.date(2000, 1, 1), dt.date(2099, 12, 31), "decade"),
    ("decade", "2020", dt.date(2020, 1, 1), dt.date(2029, 12, 31), "year"),
    ("year", "2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "month"),
    ("month", "2023-09", dt.date(2023, 9, 1), dt.date(2023, 9, 30), "week"),
    ("week", "2023-09-18", dt.date(2023, 9, 18), dt.date(2023, 9, 24), "day"),
    ("day", "2023-09-19", dt.date(2023, 9, 19), dt.date(2023, 9, 19), None),
]


@pytest.mark.parametrize(("zoom", "at", "first", "last", "buckets"), VIEWS)
def test_each_zoom_level_shows_its_period_and_links_around_it(seeded_client, zoom, at, first, last, buckets):
    soup = soup_of(seeded_client.get("/", params={"zoom": zoom, "at": at}))
    api = seeded_client.get("/api/events", params={"zoom": zoom, "at": at, "limit": 500}).json()
    assert heading_count(soup) + continuing_count(soup) == api["total"]
    starting = [item for item in api["items"] if dt.date.fromisoformat(item["date_start"]) >= first]
    assert heading_count(soup) == len(starting)  # what the bucket of this period counted
    for item in api["items"]:  # every listed event meets the period
        assert dt.date.fromisoformat(item["date_start"]) <= last
        assert item["open_end"] or dt.date.fromisoformat(item["date_end"]) >= first
    nav = soup.select_one("nav.zoom[aria-label]")
    previous, following = nav.select_one("a[data-pan=previous]"), nav.select_one("a[data-pan=next]")
    assert query(previous["href"])["zoom"] == [zoom] and query(following["href"])["zoom"] == [zoom]
    assert query(previous["href"])["at"] < [at] < query(following["href"])["at"]
    for link in nav.select("a"):  # each a plain link, enhanced by htmx into an in-place swap
        assert link["hx-get"] == link["href"] and link["hx-target"] == "#results" and link["hx-push-url"] == "true"
        assert link.get("aria-label")
    out = nav.select_one("a[data-zoom=out][aria-keyshortcuts='-']")
    assert out is not None
    if buckets:
        zoom_in = nav.select_one("a[data-zoom=in][aria-keyshortcuts='+']")
        assert query(zoom_in["href"])["zoom"] == [buckets]
        for link in soup.select(".bucket-link"):
            assert query(link["href"])["zoom"] == [buckets]
    else:
        assert nav.select_one("a[data-zoom=in]") is None
    # The state is in the URL: the JSON twin carries it.
    twin = soup.select_one('head link[rel=alternate][type="application/json"]')["href"]
    assert query(twin)["zoom"] == [zoom]


def test_at_alone_implies_its_level_and_the_top_view_has_no_period(seeded_client):
    soup = soup_of(seeded_client.get("/", params={"at": "2023-09"}))
    assert text_of(soup.select_one(".zoom-here")) == "Showing September 2023"
    top = soup_of(seeded_client.get("/"))
    assert text_of(top.select_one(".zoom-here")) == "Showing Every date"
    assert top.select_one("a[data-zoom=out]") is None and top.select_one(".hidden-note") is None
    # "Zoom in" goes to the busiest bucket of the overview, not the first one.
    buckets = [(int(text_of(b.select_one(".bucket-count")).split()[0]), query(b["href"])) for b in top.select(".bucket-link")]
    busiest = max(buckets, key=lambda bucket: bucket[0])[1]
    assert query(top.select_one("a[data-zoom=in]")["href"]) == busiest


def test_buckets_count_every_event_and_show_the_most_important(seeded_client):
    soup = soup_of(seeded_client.get("/", params={"zoom": "decade", "at": "2020"}))
    buckets = soup.select(".bucket")
    assert buckets
    timeline = seeded_client.get("/api/timeline", params={"zoom": "year", "from": "2020-01-01", "to": "2029-12-31"}).json()
    counts = [int(text_of(b.select_one(".bucket-count")).split()[0]) for b in buckets]
    assert counts == [b["count"] for b in timeline["buckets"]]
    for bucket, count in zip(buckets, counts):
        top = bucket.select(".bucket-top li")
        assert 1 <= len(top) <= 2
        ranks = [seeded_client.get(f"/api/events/{li.select_one('a')['href'].split('/')[2]}").json()["importance"]
                 for li in top]
        assert ranks == sorted(ranks, reverse=True)
        more = bucket.select_one(".bucket-more")
        if count > len(top):
            assert text_of(more).startswith(f"and {count - len(top)} more event")  # hidden at this zoom
        else:
            assert more is None


def test_the_page_says_how_many_events_the_zoom_hides(seeded_client):
    everything = seeded_client.get("/api/events", params={"limit": 1}).json()["total"]
    soup = soup_of(seeded_client.get("/", params={"zoom": "month", "at": "2023-09"}))
    hidden = everything - heading_count(soup) - continuing_count(soup)
    assert hidden > 0
    note = soup.select_one(".hidden-note")
    assert text_of(note).startswith(f"{hidden} matching event")
    assert query(note.select_one("a")["href"]) == {}


def test_density_strip_is_an_svg_of_links_with_a_text_alternative(seeded_client):
    soup = soup_of(seeded_client.get("/", params={"zoom": "month", "at": "2023-09"}))
    strip = soup.select_one("figure.density svg.density-strip")
    assert strip["aria-hidden"] == "true"  # a picture; the table below says it in words
    assert strip.select_one("title") is not None
    bars = strip.select("a")
    assert bars
    for bar in bars:
        assert bar["tabindex"] == "-1" and query(bar["href"])["zoom"] == ["day"]
        assert bar.select_one("rect title") is not None
    rows = soup.select("figure.density table tbody tr")
    assert len(rows) == len(bars)
    table_total = sum(int(text_of(row.select("td")[1])) for row in rows)
    histogram = seeded_client.get("/api/timeline", params={"zoom": "day", "zoom_": "", "from": "2023-09-01", "to": "2023-09-30"})
    assert table_total == histogram.json()["total"]
    assert soup.select_one("figure.density table caption") is not None


def test_facets_count_values_and_each_link_applies_or_clears_a_filter(seeded_client):
    soup = soup_of(seeded_client.get("/", params={"zoom": "month", "at": "2023-09"}))
    facets = soup.select_one("section#facets")
    assert facets.select_one("h2") is not None
    actor_link = facets.select_one(".facet-values a[href*='actor=']")
    count = int(text_of(actor_link.find_next_sibling("span", class_="facet-count")))
    params = query(actor_link["href"])
    assert params["zoom"] == ["month"] and params["at"] == ["2023-09"]  # the view is kept
    api = seeded_client.get("/api/events", params={**{k: v[0] for k, v in params.items()}, "limit": 1}).json()
    assert api["total"] == count
    chosen = soup_of(seeded_client.get(actor_link["href"]))
    selected = chosen.select_one("#facets a.facet-selected")
    assert selected is not None and "actor" not in query(selected["href"])
    clear = chosen.select_one("#facets .facet-clear")
    assert "actor" not in query(clear["href"]) and query(clear["href"])["zoom"] == ["month"]


def test_cards_say_why_reports_were_merged_and_how_precise_the_date_is(seeded_client):
    # A decade: "since 1994" reaches into it (on the overview it is background).
    soup = soup_of(seeded_client.get("/", params={"zoom": "decade", "at": "2020"}))
    merged = [item for item in soup.select("li.timeline-item") if item.select_one(".merge-note")]
    assert merged, "the seeds merge several reports into one event"
    for item in merged:
        note = text_of(item.select_one(".merge-note"))  # one sentence: who reported it and why it is one
        assert note.startswith("Reported ") and note.endswith(".")
        assert not re.search(r"same type:|shared actors:|\d\.\d\d|unnamed publisher", note)
        assert not text_of(item.select_one(".sources")).startswith("1 event from 1 report")
    open_range = soup.select_one("li.timeline-item.span-open")
    assert open_range is not None and text_of(open_range.select_one(".timeline-date")).startswith("since")
    assert soup.select("li.timeline-item.span-point")  # a day is a point
    headings = [text_of(h) for h in soup.select(".event-list h3.list-heading")]
    assert headings and "Since 1994" in headings


def test_fragment_carries_results_and_out_of_band_updates(seeded_client):
    params = {"zoom": "month", "at": "2023-09", "type": "military_action"}
    full = seeded_client.get("/", params=params)
    part = seeded_client.get("/", params=params, headers={"HX-Request": "true"})
    for response in (full, part):
        assert "HX-Request" in response.headers["vary"]
    fragment = soup_of(part)
    assert fragment.select_one("html") is None
    assert fragment.select_one("section#results nav.zoom") is not None
    # The form comes along (out of band), drawn with this view's filters and view.
    form = fragment.select_one('form#filters[hx-swap-oob="true"]')
    fields = {i["name"]: i["value"] for i in form.select("#view-fields input[type=hidden]")}
    assert fields == {"zoom": "month", "at": "2023-09"}
    assert form.select_one("#f-type option[selected]")["value"] == "military_action"
    assert text_of(fragment.select_one("title")).startswith("September 2023")
    lazy = fragment.select_one('section#facets[hx-swap-oob="true"]')
    assert lazy is not None and lazy["hx-trigger"] == "load" and query(lazy["hx-get"])["type"] == ["military_action"]
    page = soup_of(full)
    assert page.select_one("section#facets[hx-get]") is None  # the full page counts them inline
    assert {i["name"] for i in page.select("form.filters #view-fields input")} == {"zoom", "at"}


def test_facets_route_answers_htmx_and_sends_everyone_else_to_the_timeline(seeded_client):
    part = seeded_client.get("/facets", params={"zoom": "year", "at": "2023"}, headers={"HX-Request": "true"})
    soup = soup_of(part)
    assert soup.select_one("section#facets .facet-values") is not None
    assert soup.select_one("section#facets[hx-swap-oob]") is None
    plain = seeded_client.get("/facets", params={"zoom": "year", "at": "2023"}, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == "/?zoom=year&at=2023"
    assert seeded_client.get("/facets", params={"zoom": "aeon"}, headers={"HX-Request": "true"}).status_code == 400


def test_filters_and_view_survive_pagination_and_filter_removal(seeded_client):
    actor = seeded_client.get("/api/actors").json()["items"][0]["id"]
    soup = soup_of(seeded_client.get("/", params={"zoom": "month", "at": "2023-09", "limit": "1", "actor": actor}))
    following = query(soup.select_one("nav.pager a[rel=next]")["href"])
    assert following["zoom"] == ["month"] and following["at"] == ["2023-09"] and "cursor" in following
    remove = soup.select_one(".active-filters a")
    assert query(remove["href"]).get("zoom") == ["month"]
    chips = [text_of(li) for li in soup.select(".active-filters li")]
    assert not any(chip.lower().startswith(("zoom", "at:")) for chip in chips)  # the view is not a filter


def test_the_overview_lists_what_the_reports_are_about_and_folds_the_rest_into_the_background(seeded_client):
    """Events that began before the collection's first report (here "since 1994", 2020's war)
    are in the Background band, not at the top of the list; the two add up to every event."""
    soup = soup_of(seeded_client.get("/"))
    band = soup.select_one("details.background-band")
    assert band is not None and not band.has_attr("open")
    cutoff = band.select_one("summary time")["datetime"]
    days = [t["datetime"] for t in soup.select("ol.timeline time.timeline-date")]
    assert days and all(day >= cutoff for day in days)
    assert soup.select_one(".continuing-note") is None
    background = int(text_of(band.select_one("summary")).split(": ", 1)[1].split()[0])
    everything = seeded_client.get("/api/events", params={"limit": 1}).json()["total"]
    assert heading_count(soup) + background == everything
    listed = seeded_client.get(band.select_one("p > a")["href"])
    assert listed.status_code == 200 and heading_count(soup_of(listed)) == background


def test_a_searchs_overview_spans_the_months_of_its_matches_as_the_unsearched_one_does(seeded_client):
    """The seeds' war lies in one September: searched or not, the overview shows that month's
    bucket and a strip of its days, not the weeks of the whole year around it."""
    for params in ({}, {"q": "Azerbaijan"}):
        soup = soup_of(seeded_client.get("/", params=params))
        assert [text_of(label) for label in soup.select(".bucket-label")] == ["September 2023"], params
        strip = soup.select_one("figure.density")
        assert (strip["data-first"], strip["data-last"]) == ("2023-09-01", "2023-09-30"), params
        assert "Events per day" in text_of(strip.select_one("figcaption")), params


def test_a_jump_starts_the_page_at_that_day_and_says_where_it_lies(seeded_client):
    whole = soup_of(seeded_client.get("/", params={"limit": 2}))
    assert text_of(whole.select_one("#page-position")).startswith("Events 1–2 of ")
    soup = soup_of(seeded_client.get("/", params={"limit": 2, "jump": "2023-09-20"}))
    days = [t["datetime"] for t in soup.select("ol.timeline time.timeline-date")]
    assert days and days[0] >= "2023-09-20"
    cutoff = soup.select_one("details.background-band summary time")["datetime"]
    # The overview lists the events from its cutoff on: those before the day come before the page.
    earlier = seeded_client.get("/api/timeline", params={"zoom": "day", "from": cutoff, "to": "2023-09-19"}).json()["total"]
    position = text_of(soup.select_one("#page-position"))
    assert position.startswith(f"Events {earlier + 1}–"), position


def test_the_addresses_of_a_levels_periods_are_those_of_their_own_views():
    """The strip's and the buckets' links, spelled once per level around their `at`, are the
    addresses view_url gives each period: with or without a collection, filters of every kind,
    another order or layout, a longer page, and a view that had a cursor."""
    from app.queries.filters import encode_cursor, parse_filters
    from app.queries.views import Period
    from app.web.explorer import period_urls, view_url

    queries = [
        {},
        {"collection": ["c02"], "zoom": ["year"], "at": ["2021"]},
        {"q": ["shelling & more"], "actor": ["actor-00001", "actor-00007"], "type": ["attack"],
         "from": ["1999-02-03"], "to": ["2024-05-06"], "min_sources": ["2"], "speech": ["hide"]},
        {"sort": ["importance"], "layout": ["compact"], "limit": ["120"], "zoom": ["month"], "at": ["2020-02"]},
        {"sort": ["-date"], "location": ["loc-1"], "publisher": ["Le Monde"], "reviewed": ["1"],
         "bbox": ["1.5,2.5,30,40"], "collection": ["default"], "layout": ["compact"]},
        {"cursor": [encode_cursor(dt.date(2020, 1, 8), 123, offset=51)], "zoom": ["week"], "at": ["2020-01-06"]},
    ]
    starts = [dt.date(1901, 1, 1), dt.date(1999, 12, 27), dt.date(2020, 2, 1), dt.date(2020, 2, 29),
              dt.date(2024, 7, 15), dt.date(2025, 12, 31)]
    compared = 0
    for params in queries:
        filters = parse_filters(params)
        for level in ("century", "decade", "year", "month", "week", "day"):
            url = period_urls(filters, level)
            for start in starts:
                assert url(start) == view_url(filters, Period(level, start)), (params, level, start)
                compared += 1
    assert compared == len(queries) * 6 * len(starts)
