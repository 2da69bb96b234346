"""The explorer as an analyst and a journalist use it at scale, in Chromium, one test per part of
issue 13: importance and the speech switch, opening on the action, the time axis and its brush,
the map, the actor type-ahead, page and URL in step, reading aids, sharing, phone and keyboard,
and the editor's loop. axe-core checks every new view at 1280 and 375 px; screenshots go to
test-artifacts/scale-*.png.
"""

from __future__ import annotations

import dataclasses
import re
import struct
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.live_server import serve

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return " ".join(page.locator("#results-heading").inner_text().split())


def count_in(text: str) -> int:
    return int(text.split()[0].replace(",", "").rstrip("+"))


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def wait_for_params(page, predicate, timeout: float = 10.0) -> dict[str, list[str]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = params(page.url)
        if predicate(found):
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"the address never matched: {page.url}")


@pytest.fixture(scope="module")
def placed_server(tmp_path_factory, placed_database):
    """The seeds with every place given a position, for the map's tests."""
    from app.main import create_app

    with serve(create_app(placed_database(tmp_path_factory.mktemp("placed")))) as base_url:
        yield base_url


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True)
    yield context.new_page()
    context.close()


# 1. Importance -----------------------------------------------------------------------------------

def test_importance_order_puts_key_events_first_and_draws_them_heavier(page, artifacts, assert_accessible):
    page.goto("/")
    page.get_by_role("link", name="Most important first").click()
    wait_for_params(page, lambda p: p.get("sort") == ["importance"])
    page.locator(".switch-current", has_text="Most important first").wait_for()
    first = page.locator("ol.timeline > li").first
    assert "importance-key" in first.get_attribute("class")
    assert first.locator(".tag-key", has_text="Key event").is_visible()
    # Heavier: the key card's title is set larger than an ordinary card's.
    sizes = page.eval_on_selector_all("ol.timeline h4.event-title", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes[0] > min(sizes)
    api = page.request.get("/api/events?sort=importance&limit=5").json()["items"]
    first_href = first.locator(".event-title a").get_attribute("href")
    assert first_href.split("/")[2] == api[0]["id"]
    page.screenshot(path=artifacts / "scale-1-importance.png")
    assert_accessible(page)


def test_the_speech_switch_hides_statements_and_other_speech(page):
    page.goto("/")
    before = page.locator("ol.timeline .event-meta .tag:not(.tag-key):not(.tag-modality)").all_inner_texts()
    assert "Statement" in before
    page.get_by_role("link", name="Hide statements and other speech").click()
    wait_for_params(page, lambda p: p.get("speech") == ["hide"])
    page.get_by_role("link", name="Show statements and other speech").wait_for()
    after = page.locator("ol.timeline .event-meta .tag:not(.tag-key):not(.tag-modality)").all_inner_texts()
    assert after and not {"Statement", "Condemnation", "Accusation", "Demand or appeal", "Threat"} & set(after)
    assert page.locator("#f-speech").is_checked()  # the form says so too


# 2. Open on the action ------------------------------------------------------------------------------

def test_the_overview_opens_on_the_reports_with_the_background_folded_and_zooms_to_the_busiest(page, artifacts):
    page.goto("/")
    band = page.locator("details.background-band")
    assert band.get_attribute("open") is None  # folded away
    background = count_in(band.locator("summary").inner_text().split(": ", 1)[1])
    assert background >= 1
    days = [page.locator("ol.timeline time.timeline-date").nth(n).get_attribute("datetime")
            for n in range(page.locator("ol.timeline time.timeline-date").count())]
    cutoff = band.locator("summary time").get_attribute("datetime")
    starting = [day for day in days if day >= cutoff]
    assert starting and len(starting) >= len(days) - page.locator(".continuing-note").count() * 50
    # Zoom in goes to the busiest bucket, and its heading counts what the bucket counted.
    buckets = page.locator(".bucket-link")
    counts = [count_in(buckets.nth(n).locator(".bucket-count").inner_text()) for n in range(buckets.count())]
    busiest = buckets.nth(counts.index(max(counts)))
    label = busiest.locator(".bucket-label").inner_text()
    page.locator("a[data-zoom=in]").click()
    page.locator(".zoom-here", has_text=label).wait_for()
    assert count_in(heading(page)) == max(counts)
    page.screenshot(path=artifacts / "scale-2-zoomed.png")


# 3. The time axis ----------------------------------------------------------------------------------

def test_dragging_across_the_axis_sets_from_and_to(page, artifacts):
    page.goto("/?zoom=month&at=2023-09")
    axis = page.locator("figure.axis svg.axis-svg")  # the drawing (the labels are an SVG of their own)
    axis.wait_for()
    box = axis.bounding_box()
    first = page.locator("figure.axis").get_attribute("data-first")
    assert first == "2023-09-01"
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + 8)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.62, box["y"] + 10, steps=6)
    page.mouse.move(box["x"] + box["width"] * 0.70, box["y"] + 12, steps=6)
    page.mouse.up()
    found = wait_for_params(page, lambda p: "from" in p and "to" in p)
    assert "zoom" not in found  # the dates replace the zoomed period
    low, high = found["from"][0], found["to"][0]
    assert "2023-09-14" <= low < high <= "2023-09-23", (low, high)
    page.locator("#results-heading").wait_for()
    assert page.locator("#f-from").input_value() == low and page.locator("#f-to").input_value() == high
    for time_ in page.locator("ol.timeline time.timeline-date").all():
        assert time_.get_attribute("datetime") <= high
    page.screenshot(path=artifacts / "scale-3-brushed.png")


def test_the_axis_is_operable_from_the_keyboard(page):
    page.goto("/?zoom=month&at=2023-09")
    start = page.get_by_role("slider", name="Start of the period")
    start.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert "September" in start.get_attribute("aria-valuetext")
    end = page.get_by_role("slider", name="End of the period")
    end.focus()
    page.keyboard.press("Home")  # as far left as the start allows
    page.keyboard.press("PageUp")
    page.keyboard.press("Enter")
    found = wait_for_params(page, lambda p: "from" in p)
    assert found["from"][0] > "2023-09-01" and found["from"][0] <= found["to"][0]


def test_dragging_across_the_density_strip_sets_the_range_too(page):
    page.goto("/?zoom=year&at=2023")
    strip = page.locator("figure.density svg")
    box = strip.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 5, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + 5, steps=8)
    page.mouse.up()
    found = wait_for_params(page, lambda p: "from" in p and "to" in p)
    assert "2023-02-01" <= found["from"][0] < found["to"][0] <= "2023-11-30"


# 4. The map -------------------------------------------------------------------------------------------

def test_a_map_marker_filters_the_list_and_the_box_filters_by_area(browser, placed_server, artifacts, assert_accessible):
    context = browser.new_context(base_url=placed_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto("/")
        marker = page.locator("#map .leaflet-marker-icon").first
        marker.wait_for(timeout=15000)  # Leaflet, the outline and the markers, all from this server
        assert page.locator("#map path.leaflet-interactive").count() >= 1  # countries named as places, shaded
        everything = count_in(heading(page))
        page.screenshot(path=artifacts / "scale-4-map.png")
        assert_accessible(page)
        marker.click()
        found = wait_for_params(page, lambda p: "location" in p)
        place = found["location"][0]
        page.locator(".active-filters", has_text="Place").wait_for()
        filtered = count_in(heading(page))
        assert 0 < filtered < everything
        api = page.request.get(f"/api/events?location={place}&limit=1").json()
        assert api["total"] >= filtered
        page.goto("/")
        page.locator("#map .leaflet-marker-icon").first.wait_for(timeout=15000)
        page.get_by_role("button", name="Only events in this area").click()
        found = wait_for_params(page, lambda p: "bbox" in p)
        west, south, east, north = (float(v) for v in found["bbox"][0].split(","))
        assert west < east and south < north
        page.locator(".active-filters", has_text="Area").wait_for()
    finally:
        context.close()


def test_without_javascript_the_map_is_a_list_of_places_with_counts(browser, placed_server):
    context = browser.new_context(base_url=placed_server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        assert page.locator("#map").is_hidden()
        page.locator("#map-panel summary").click()
        links = page.locator("#map-panel .place-counts a")
        assert links.count() >= 2
        name = links.first.inner_text()
        links.first.click()
        page.wait_for_url(re.compile(r"location="))
        assert "Place" in page.locator(".active-filters").inner_text() and name in page.locator(".active-filters").inner_text()
    finally:
        context.close()


# 5. Filters that scale -----------------------------------------------------------------------------

def test_the_actor_type_ahead_finds_an_actor_by_part_of_its_name(page, artifacts):
    page.goto("/")
    field = page.get_by_role("combobox", name="Actor")
    field.fill("zerbai")
    option = page.get_by_role("option", name=re.compile(r"^Azerbaijan \("))
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    page.screenshot(path=artifacts / "scale-5-type-ahead.png")
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant")
    field.press("Enter")
    assert field.input_value() == "Azerbaijan"
    page.get_by_role("button", name="Show events").click()
    found = wait_for_params(page, lambda p: "actor" in p)
    assert found["actor"] == ["azerbaijan"]  # the id, not the name typed
    assert "q" not in found and "from" not in found  # empty fields left out of the address
    page.locator(".active-filters", has_text="Azerbaijan").wait_for()


def test_facets_offer_more_and_say_how_they_counted(page):
    page.goto("/")
    note = page.locator("#facets .facets-note")
    note.wait_for()
    assert re.match(r"Counted over all \d+ matching events\.", note.inner_text())
    more = page.locator("#facets .facet-more a").first
    more.wait_for()
    more.click()
    page.wait_for_url(re.compile(r"/facets/\w+"))
    assert page.locator("ul.facet-all li").count() > 8


# 6. Page and URL in step ---------------------------------------------------------------------------

def test_back_restores_the_form_with_the_results_it_showed(page):
    page.goto("/")
    page.evaluate("window.__stillHere = true")
    options = [o.get_attribute("value") for o in page.locator("#f-type option").all()][1:]
    first_type, second_type = options[0], options[1]
    page.select_option("#f-type", first_type)
    page.get_by_role("button", name="Show events").click()
    wait_for_params(page, lambda p: p.get("type") == [first_type])
    first_heading = heading(page)
    first_title = page.title()
    page.select_option("#f-type", second_type)
    page.get_by_role("button", name="Show events").click()
    wait_for_params(page, lambda p: p.get("type") == [second_type])
    page.go_back()
    wait_for_params(page, lambda p: p.get("type") == [first_type])
    page.wait_for_function("t => document.title === t", arg=first_title)
    assert page.locator("#f-type").input_value() == first_type  # the form of that view, not the last one typed
    assert heading(page) == first_heading
    assert page.evaluate("window.__stillHere === true")  # htmx restored it, no reload


def test_a_reversed_range_is_said_next_to_the_form_which_keeps_the_dates(page, assert_accessible):
    page.goto("/")
    page.fill("#f-from", "2023-09-30")
    page.fill("#f-to", "2023-09-01")
    page.get_by_role("button", name="Show events").click()
    alert = page.locator("#filter-error[role=alert]")
    alert.wait_for()
    assert "reversed" in alert.inner_text()
    assert page.locator("#f-from").input_value() == "2023-09-30" and page.locator("#f-to").input_value() == "2023-09-01"
    assert page.locator("#f-to").get_attribute("aria-invalid") == "true"
    assert page.title().startswith("Check the filters")
    assert_accessible(page)


def test_the_page_title_follows_the_view(page):
    page.goto("/")
    before = page.title()
    page.locator(".bucket-link").first.click()
    page.wait_for_function("t => document.title !== t", arg=before)
    label = page.locator(".zoom-here strong").inner_text()
    assert page.title().startswith(label)


# 7. Reading ------------------------------------------------------------------------------------------

def test_compact_list_page_counts_jump_and_marked_search_words(page, artifacts, assert_accessible):
    page.goto("/?limit=5")
    assert re.match(r"Events 1–5 of \d+, page 1 of \d+", page.locator("#page-position").inner_text())
    page.get_by_role("link", name="One line each").click()
    wait_for_params(page, lambda p: p.get("layout") == ["compact"])
    rows = page.locator("ol.compact-list > li.compact-row")
    rows.first.wait_for()
    assert rows.count() == 5
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.compact-row')).lineHeight)")
    assert max(row.bounding_box()["height"] for row in rows.all()) < 2 * line  # one line each
    page.screenshot(path=artifacts / "scale-7-compact.png")
    assert_accessible(page)
    # Jump to a date: the page that starts there, and where it lies in the list.
    page.fill("#jump-date", "2023-09-20")
    page.get_by_role("button", name="Go").click()
    wait_for_params(page, lambda p: p.get("jump") == ["2023-09-20"])
    page.locator("ol.compact-list time").first.wait_for()
    assert page.locator("ol.compact-list time").first.get_attribute("datetime") >= "2023-09-20"
    position = page.locator("#page-position").inner_text()
    assert not position.startswith("Events 1–")
    page.goto("/?q=Azerbaijan")
    marks = page.locator("ol.timeline mark.search-hit")
    assert marks.count() >= 1 and all(m.inner_text().lower().startswith("azerbaijan") for m in marks.all())


def test_date_rules_and_merge_reasons_read_as_plain_words(page):
    merged = page.request.get("/api/events?min_sources=2&limit=1").json()["items"][0]
    page.goto(urlsplit(merged["url"]).path)
    provenance = page.locator(".provenance").inner_text()
    assert not re.search(r"\b[a-z]+-[a-z]+(-[a-z]+)*\b", provenance.replace("Nagorno-Karabakh", "")), provenance
    reasons = page.locator(".merge-reasons").inner_text()  # one sentence naming who reported it
    publishers = {m["publisher"] for m in page.request.get(f"/api/events/{merged['id']}").json()["mentions"]}
    assert reasons.startswith("Reported ") and all(p in reasons for p in publishers if p), reasons
    assert not re.search(r"\d\.\d\d|same type:|shared actors:", reasons)


# 8. Sharing -------------------------------------------------------------------------------------------

def test_every_page_answers_head_and_the_card_is_a_1200_by_630_png(page):
    event = page.request.get("/api/events?sort=importance&limit=1").json()["items"][0]
    path = urlsplit(event["url"]).path
    pages = ["/", "/?zoom=year&at=2023", path, f"/events/{event['id']}", "/api/events", "/export.csv",
             "/feed.atom", f"/events/{event['id']}/card.png", f"/events/{event['id']}/cite.bib", "/login",
             "/facets/actor", "/api/places", "/api/axis"]
    for url in pages:
        response = page.request.head(url, max_redirects=0)
        assert response.status in (200, 301), (url, response.status)
        assert response.body() == b""
    page.goto(path)
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    png = page.request.get(urlsplit(image).path)
    assert png.headers["content-type"] == "image/png"
    data = png.body()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 630)
    description = page.locator('meta[property="og:description"]').get_attribute("content")
    assert description.startswith("\u201c") and "Reported by" in description


def test_the_view_links_its_exports_and_feed_and_the_citation_names_its_sources(page, artifacts):
    page.goto("/?zoom=month&at=2023-09")
    feed = page.locator('head link[rel=alternate][type="application/atom+xml"]').get_attribute("href")
    assert params(feed) == {"zoom": ["month"], "at": ["2023-09"]}
    for label in ("CSV", "Calendar (ICS)", "Atom feed", "TimelineJS"):
        link = page.locator(".export-links a", has_text=label)
        assert link.is_visible()
        assert params(link.get_attribute("href")) == {"zoom": ["month"], "at": ["2023-09"]}
        assert page.request.get(link.get_attribute("href")).status == 200
    page.locator("ol.timeline .event-title a").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    citation = page.locator("#citation-plain").input_value()
    assert "machine-extracted" in citation and "Dataset version" in citation and "original reports by" in citation
    page.locator(".citation-formats summary").click()
    assert page.locator("#citation-bibtex").input_value().startswith("@misc{")
    assert page.locator("#citation-ris").input_value().startswith("TY  - ELEC")
    page.screenshot(path=artifacts / "scale-8-cite.png", full_page=True)


# 9. Phone and keyboard --------------------------------------------------------------------------------

def test_on_a_phone_results_come_first_and_filters_fold_away(phone, artifacts, assert_accessible):
    phone.goto("/")
    panel = phone.locator("details#filter-panel")
    assert panel.get_attribute("open") is None
    assert phone.locator("#f-q").is_hidden()
    heading_box = phone.locator("#results-heading").bounding_box()
    assert heading_box["y"] < 740  # the results start on the first screen
    phone.locator("#filter-panel > summary").click()
    assert phone.locator("#f-q").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=artifacts / "scale-9-phone.png")
    assert_accessible(phone)
    for url in ("/?zoom=month&at=2023-09&layout=compact", "/?sort=importance"):
        phone.goto(url)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, url
        assert_accessible(phone)


def test_a_skip_link_reaches_the_results_in_two_key_presses(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    link = page.evaluate("document.activeElement.textContent")
    assert link == "Skip to results"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"


def test_filters_stay_usable_without_javascript_on_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 740},
                                  java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.locator("#filter-panel > summary").click()  # <details> opens without a script
        page.fill("#f-q", "Azerbaijan")
        page.locator("button[type=submit]", has_text="Show events").click()
        page.wait_for_url(re.compile(r"\?q=Azerbaijan$"))  # empty fields redirected away
    finally:
        context.close()


def test_an_article_link_brings_its_sentence_into_view_below_the_header(phone):
    event = phone.request.get("/api/events?sort=-date&limit=1").json()["items"][0]
    mention = event["mentions"][-1]
    url = urlsplit(mention["url"])
    phone.goto(f"{url.path}?{url.query}#{url.fragment}")
    marked = phone.locator(".sentence mark")
    marked.wait_for()
    phone.wait_for_timeout(300)
    box = marked.bounding_box()
    header = phone.locator(".site-header").bounding_box()
    assert box["y"] >= max(header["y"] + header["height"], 0) - 1
    assert box["y"] + min(box["height"], 100) <= 740


# 10. The editor's loop ------------------------------------------------------------------------------------

def test_an_editor_finds_the_tools_where_events_are_read_and_works_the_queue(new_page, tmp_path, settings_for,
                                                                            ingest_seeds, editor, artifacts,
                                                                            assert_accessible):
    from app.main import create_app
    from app.migrate import upgrade

    # A database of its own: marking an event checked changes the queue for whoever comes next.
    settings = dataclasses.replace(settings_for(tmp_path), inline_jobs=False)
    upgrade(settings.database_url)
    ingest_seeds(settings)
    editor.add_to(settings)
    with serve(create_app(settings)) as base_url:
        page = new_page(base_url)
        page.goto("/login")
        editor.sign_in(page, then=re.compile(r"/admin$"))
        page.get_by_role("link", name="Events to check").first.click()
        page.wait_for_url(re.compile(r"/admin/review"))
        first = page.locator(".review-queue > li").first
        title = first.locator("a").first.inner_text()
        assert_accessible(page)
        page.screenshot(path=artifacts / "scale-10-queue.png")
        first.get_by_role("button", name=re.compile("^Mark checked")).click()
        page.locator(".notice", has_text="Marked as checked").wait_for()
        assert title not in page.locator(".review-queue").inner_text()
        page.locator(".review-queue > li a").first.click()
        page.wait_for_url(re.compile(r"/events/"))
        tools = page.locator("aside.admin-tools")
        assert tools.get_by_role("link", name="Edit this event").is_visible()
        assert tools.get_by_role("button", name="Hide it").is_visible()
        assert tools.get_by_role("textbox", name=re.compile("Merge another event")).is_visible()
        assert_accessible(page)


# axe-core on the new views at both widths -------------------------------------------------------------

@pytest.mark.parametrize("width", [1280, 375])
def test_the_new_views_have_no_serious_accessibility_violations(browser, live_server, assert_accessible, width):
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for url in ("/", "/?sort=importance&layout=compact", "/?zoom=year&at=2023", "/?speech=hide",
                    "/?q=Azerbaijan", "/facets/actor", "/?from=2023-09-30&to=2023-09-01"):
            page.goto(url)
            page.wait_for_timeout(300)
            assert_accessible(page)
    finally:
        context.close()
