"""Collections in Chromium: an admin creates a collection, uploads an article into it (the real
pipeline, run inline) and sees it listed at /; a reader opens it, filters inside it, and the
event's permalink names the collection and links back. Every page is axe-core clean, at 1280 and
375 pixels wide."""

from __future__ import annotations

import datetime as dt

import pytest

from app.config import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.nlp]

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
# Written for this test: a made-up war, so nothing in the seeds or the rules knows it.
ARTICLE = (
    "Rebel fighters seized the town of Kerem on Sunday after two days of heavy shelling, "
    "regional officials said.\n\n"
    "The defence ministry of Valdoria condemned the assault and said its troops would retake the town.\n\n"
    "Aid agencies warned that thousands of civilians had fled toward the border since Friday."
)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"collections-{name}.png"), full_page=True)


def test_an_admin_makes_a_collection_and_a_reader_explores_it(new_page, admin_server, editor,
                                                              assert_accessible):
    page = new_page(admin_server)
    published = (dt.date.today() - dt.timedelta(days=1)).isoformat()

    page.goto("/admin/collections")
    assert "/login" in page.url
    editor.sign_in(page, then="**/admin/collections")  # back to the page that asked
    page.get_by_label("Name", exact=True).fill("Valdoria border war")
    page.get_by_label("Short name in addresses").fill("valdoria")
    page.get_by_label("Description").fill("The fighting for the border towns of Valdoria.")
    page.get_by_label("Region (optional)").fill("Valdoria")
    assert_accessible(page)
    page.get_by_role("button", name="Create the collection").click()
    page.wait_for_url("**/admin/collections/valdoria?done=create")
    assert "The collection was created" in page.locator("[role=status]").inner_text()
    assert_accessible(page)
    shot(page, "1-created")

    page.get_by_role("link", name="Add an article to it").click()
    assert page.get_by_label("Collection").input_value() == "valdoria"
    editor.upload(page, ARTICLE, published, title="Rebels seize Kerem", publisher="Borderland Wire")
    assert page.locator("#job-status li a[href^='/events/']").count() >= 2
    # The form remembers the collection for this admin's next upload.
    page.goto("/admin/articles/new")
    assert page.get_by_label("Collection").input_value() == "valdoria"

    # / lists the collections now that there are two; the new one with its events and strip.
    page.goto("/")
    entries = page.locator(".collection-entry")
    assert entries.count() == 2
    valdoria = entries.filter(has_text="Valdoria border war")
    assert "Valdoria" in valdoria.locator(".collection-region").inner_text()
    assert int(valdoria.locator(".collection-events").inner_text().split()[0]) >= 2
    assert valdoria.locator("svg rect").count() >= 1
    assert_accessible(page)
    shot(page, "2-list")
    page.context.close()  # the editor leaves

    # A reader, not signed in, on a phone: a context of its own, with no session cookie.
    page = new_page(admin_server, viewport={"width": 375, "height": 800})
    page.goto("/")
    page.get_by_role("link", name="Valdoria border war").click()
    page.wait_for_url("**/c/valdoria/")
    assert page.locator("h1").inner_text() == "Valdoria border war"
    everything = page.locator("main .event-title a[href^='/events/']").count()
    assert everything >= 2
    assert_accessible(page)
    page.locator("#filter-panel > summary").click()  # on a phone the filters fold away, results first
    page.get_by_label("Words").fill("Kerem")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url("**/c/valdoria/?q=Kerem*")
    page.locator("#results-heading", has_text="matching").wait_for()
    found = page.locator("#results .event-title a[href^='/events/']")  # the cards, not the axis's marks
    assert 1 <= found.count() <= everything
    assert all("/c/valdoria/" in href for href in
               page.locator("#results a[href*='?']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
               if href.startswith("/c/") or href.startswith("/?"))
    assert_accessible(page)
    shot(page, "3-filtered")

    found.first.click()
    page.wait_for_url("**/events/*/*")
    link = page.locator(".event-collection a")
    assert link.inner_text() == "Valdoria border war" and link.get_attribute("href") == "/c/valdoria/"
    assert_accessible(page)
    shot(page, "4-permalink")
    link.click()
    page.wait_for_url("**/c/valdoria/")
