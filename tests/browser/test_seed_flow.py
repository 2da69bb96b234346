"""What a reader does: timeline -> an event's permalink -> the source sentence in its article.

Screenshots of each step go to test-artifacts/; axe-core checks each page for serious or
critical accessibility violations.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_from_timeline_to_event_to_highlighted_source(page, artifacts, assert_accessible):
    page.goto("/")
    first_event = page.locator("ol.timeline .event-title a").first
    first_event.wait_for()
    page.screenshot(path=artifacts / "1-timeline.png", full_page=True)
    assert_accessible(page)

    title = first_event.inner_text()
    first_event.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/[^/]+$"))
    heading = page.locator("main h1")
    assert heading.inner_text() == title
    page.screenshot(path=artifacts / "2-event.png", full_page=True)
    assert_accessible(page)

    source = page.locator(".publisher .mention").first
    quoted = " ".join(source.locator("blockquote").inner_text().split())
    source.locator("figcaption a").first.click()
    page.wait_for_url(re.compile(r"/articles/[^/?#]+\?highlight=(\d+)#s\d+$"))
    number = re.search(r"highlight=(\d+)#s(\d+)$", page.url)
    assert number[1] == number[2]

    marked = page.locator(f"#s{number[1]} mark")
    marked.wait_for()
    assert marked.is_visible()
    assert page.locator("mark").count() == 1
    assert " ".join(marked.inner_text().split()) == quoted
    assert page.evaluate("document.querySelector(':target')?.id") == f"s{number[1]}"
    box = marked.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "the sentence is scrolled into view"
    page.screenshot(path=artifacts / "3-article.png")
    assert_accessible(page)


def test_filter_form_swaps_the_list_in_place_and_keeps_the_url(page, artifacts):
    page.goto("/")
    page.evaluate("window.__stillHere = true")  # survives only if htmx swapped, not reloaded
    options = page.locator("#f-type option")
    assert options.count() > 1
    value = options.nth(1).get_attribute("value")
    page.select_option("#f-type", value)
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(re.compile(rf"[?&]type={value}(&|$)"))
    page.locator(".active-filters").wait_for()
    assert page.evaluate("window.__stillHere === true")
    assert page.locator("#f-type").input_value() == value
    heading = page.locator("#results-heading").inner_text()
    assert page.locator("#results-status").inner_text() == heading  # announced to screen readers
    page.screenshot(path=artifacts / "4-filtered.png", full_page=True)


def test_filter_form_works_without_javascript(new_page, live_server):
    page = new_page(live_server, java_script_enabled=False)
    page.goto("/")
    value = page.locator("#f-type option").nth(1).get_attribute("value")
    page.select_option("#f-type", value)
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(re.compile(rf"[?&]type={value}(&|$)"))
    assert page.locator("#f-type").input_value() == value
    assert page.locator("ol.timeline > li").count() >= 1
    page.locator("ol.timeline .event-title a").first.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/[^/]+$"))
    assert page.locator(".publisher .mention").count() >= 1


def test_pages_fit_a_phone_screen(new_page, live_server, artifacts):
    page = new_page(live_server, viewport={"width": 375, "height": 740}, is_mobile=True)
    page.goto("/")
    event = page.locator("ol.timeline .event-title a").first.get_attribute("href")
    source = page.locator("ol.timeline .quote figcaption a").first.get_attribute("href")
    for name, url in (("timeline", "/"), ("event", event), ("article", source)):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=artifacts / f"5-mobile-{name}.png", full_page=True)
        assert width <= 375, f"{url} scrolls sideways at 375px ({width}px wide)"
