"""The analyst's explorer in Chromium: zoom from the decade view into September 2023, filter by an
actor, open an event, follow a source to its highlighted sentence, and come back with the back
button to the view left. Screenshots of each step go to test-artifacts/explorer-*.png; axe-core
checks the views for serious or critical violations.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return " ".join(page.locator("#results-heading").inner_text().split())


def choose_bucket(page, label: str) -> None:
    """Click the bucket called `label` and wait for htmx to swap its period in."""
    page.locator(".bucket-link", has=page.locator(".bucket-label", has_text=re.compile(rf"^{label}$"))).click()


def test_zoom_filter_open_follow_and_come_back(page, artifacts, assert_accessible):
    page.goto("/")
    # The overview fits the reports (September 2023); the century view shows every decade.
    assert page.locator(".bucket-label", has_text="September 2023").count() == 1
    page.goto("/?zoom=century&at=2000")
    page.evaluate("window.__stillHere = true")  # survives only if htmx swaps rather than reloads
    assert page.locator(".bucket-label", has_text="the 2020s").count() == 1
    page.screenshot(path=artifacts / "explorer-1-every-date.png")

    choose_bucket(page, "the 2020s")
    page.wait_for_url(re.compile(r"zoom=decade&at=2020"))
    page.locator(".zoom-here", has_text="The 2020s").wait_for()
    assert page.locator(".density-strip rect").count() >= 1
    assert page.locator(".density table tbody tr").count() >= 1  # the strip's text alternative
    page.screenshot(path=artifacts / "explorer-2-decade.png")
    assert_accessible(page)

    choose_bucket(page, "2023")
    page.wait_for_url(re.compile(r"zoom=year&at=2023"))
    page.locator(".zoom-here", has_text="2023").wait_for()
    choose_bucket(page, "September 2023")
    page.wait_for_url(re.compile(r"zoom=month&at=2023-09"))
    page.locator(".zoom-here", has_text="September 2023").wait_for()
    assert page.evaluate("window.__stillHere === true")
    assert "in September 2023" in heading(page)
    days = [page.locator("ol.timeline time").nth(n).get_attribute("datetime")
            for n in range(page.locator("ol.timeline time").count())]
    assert any(day.startswith("2023-09") for day in days)
    assert re.search(r"\d+ matching events? lies? outside September 2023", page.locator(".hidden-note").inner_text())
    page.screenshot(path=artifacts / "explorer-3-september-2023.png")
    assert_accessible(page)

    # Keyboard: "-" zooms out to the year, "+" back in; the back button returns to September too.
    page.locator("body").press("-")
    page.wait_for_url(re.compile(r"zoom=year&at=2023(&|$)"))
    page.keyboard.press("+")
    page.wait_for_url(re.compile(r"zoom=month&at=2023-0\d"))
    page.go_back()
    page.wait_for_url(re.compile(r"zoom=year&at=2023(&|$)"))
    page.go_forward()
    page.wait_for_url(re.compile(r"zoom=month&at=2023-0\d"))
    page.goto("/?zoom=month&at=2023-09")  # a bookmark of the view reloads as the same view
    unfiltered_heading = heading(page)

    # Filter by an actor (found with the type-ahead): the view stays on September 2023, the
    # facets count within it.
    chosen = page.request.get("/api/actors?limit=1").json()["items"][0]
    actor, name = chosen["id"], chosen["name"]
    page.get_by_role("combobox", name="Actor").fill(name[:4])
    page.get_by_role("option", name=re.compile(rf"^{re.escape(name)} \(")).click()
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(re.compile(rf"actor={actor}.*zoom=month&at=2023-09"))
    page.locator(".active-filters").wait_for()
    page.locator("#facets .facet-selected").first.wait_for()  # lazy-loaded facets, this actor chosen
    filtered_heading = heading(page)
    assert "matching in September 2023" in filtered_heading
    assert page.locator("#f-actor").input_value() == name
    assert page.locator("ol.timeline .event-card .actor", has_text=name).count() >= 1
    assert int(filtered_heading.split()[0]) <= int(unfiltered_heading.split()[0])
    page.screenshot(path=artifacts / "explorer-4-actor-filter.png")
    assert_accessible(page)
    filtered_url = page.url

    # Open an event, then follow its source to the highlighted sentence.
    first = page.locator("ol.timeline .event-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/[^/]+$"))
    assert page.locator("main h1").inner_text() == title
    page.screenshot(path=artifacts / "explorer-5-event.png")
    page.locator(".publisher .mention figcaption a").first.click()
    page.wait_for_url(re.compile(r"/articles/[^/?#]+\?highlight=(\d+)#s\d+$"))
    marked = page.locator("mark").first
    marked.wait_for()
    box = marked.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"], "the sentence is scrolled into view"
    page.screenshot(path=artifacts / "explorer-6-article.png")

    # Back twice: the filtered September view as it was.
    page.go_back()
    page.wait_for_url(re.compile(r"/events/"))
    page.go_back()
    page.wait_for_url(filtered_url)
    page.locator("#results-heading").wait_for()
    assert heading(page) == filtered_heading
    assert page.locator("#f-actor").input_value() == name
    assert page.locator("#f-actor").get_attribute("data-actor-id") == actor
    page.screenshot(path=artifacts / "explorer-7-back.png")


def test_zoom_links_work_without_javascript(new_page, live_server):
    page = new_page(live_server, java_script_enabled=False)
    page.goto("/?zoom=decade&at=2020")
    page.locator(".bucket-link", has_text="2023").click()
    page.wait_for_url(re.compile(r"zoom=year&at=2023"))
    page.locator("a[data-zoom=out]").click()
    page.wait_for_url(re.compile(r"zoom=decade&at=2020"))
    page.locator("a[data-pan=next]").click()
    page.wait_for_url(re.compile(r"zoom=decade&at=2030"))
    assert "in the 2030s" in page.locator("#results-heading").inner_text()  # "since 1994" reaches it


def test_zoomed_view_fits_a_phone_screen(new_page, live_server, artifacts, assert_accessible):
    page = new_page(live_server, viewport={"width": 375, "height": 740}, is_mobile=True)
    for name, url in (("decade", "/?zoom=decade&at=2020"), ("month", "/?zoom=month&at=2023-09")):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=artifacts / f"explorer-mobile-{name}.png")
        assert width <= 375, f"{url} scrolls sideways at 375px ({width}px wide)"
    assert_accessible(page)
