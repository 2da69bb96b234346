"""Collections in Chromium: an admin creates a collection, uploads an article into it (the real
pipeline, run inline) and sees it listed at /; a reader opens it, filters inside it, and the
event's permalink names the collection and links back. Every page is axe-core clean, at 1280 and
375 pixels wide."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time

import httpx
import pytest

from app.config import PROJECT_ROOT
from app.db import session_scope
from app.services.accounts import create_or_reset

pytestmark = [pytest.mark.browser, pytest.mark.nlp]

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
USERNAME, PASSWORD = "desk-editor", "a long enough passphrase"
# Written for this test: a made-up war, so nothing in the seeds or the rules knows it.
ARTICLE = (
    "Rebel fighters seized the town of Kerem on Sunday after two days of heavy shelling, "
    "regional officials said.\n\n"
    "The defence ministry of Valdoria condemned the assault and said its troops would retake the town.\n\n"
    "Aid agencies warned that thousands of civilians had fled toward the border since Friday."
)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def admin_server(fresh_settings):
    """The app on its own database with an admin account, running uploads inline."""
    import uvicorn

    from app.main import create_app

    settings = dataclasses.replace(fresh_settings, inline_jobs=True)
    with session_scope(settings.database_url) as session:
        create_or_reset(session, USERNAME, PASSWORD)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(base_url + "/api/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    yield base_url
    from app.ingest import jobs

    jobs.wait_inline(timeout=60)
    server.should_exit = True
    thread.join(timeout=10)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"collections-{name}.png"), full_page=True)


def test_an_admin_makes_a_collection_and_a_reader_explores_it(browser, admin_server, assert_accessible):
    context = browser.new_context(base_url=admin_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    published = (dt.date.today() - dt.timedelta(days=1)).isoformat()

    page.goto("/admin/collections")
    assert "/login" in page.url
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/collections")
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
    page.locator("#up-text").fill(ARTICLE)
    page.locator("#up-published").fill(published)
    page.locator("#up-publisher").fill("Borderland Wire")
    page.locator("#up-title").fill("Rebels seize Kerem")
    page.get_by_role("button", name="Add without preview").click()
    page.wait_for_url("**/admin/jobs/*")
    page.locator("#job-status", has_text="done").wait_for(timeout=120_000)
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
    context.close()

    # A reader, not signed in, on a phone.
    reader = browser.new_context(base_url=admin_server, viewport={"width": 375, "height": 800})
    page = reader.new_page()
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
    reader.close()
