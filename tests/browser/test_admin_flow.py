"""An admin in Chromium: sign in, upload an article the extractor has never seen, watch the job
finish, find its events on the timeline, edit one, and see the change in the audit log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time

import httpx
import pytest

from app.db import session_scope
from app.services.accounts import create_or_reset
from app.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

pytestmark = [pytest.mark.browser, pytest.mark.nlp]

USERNAME, PASSWORD = "desk-editor", "a long enough passphrase"
# Written for this test; no rule has seen it. A different conflict, a different publisher.
ARTICLE = (
    "Rebel fighters seized the town of Kerem on Sunday after two days of heavy shelling, "
    "regional officials said.\n\n"
    "The defence ministry of Valdoria condemned the assault and said its troops would retake the town.\n\n"
    "Aid agencies warned that thousands of civilians had fled toward the border since Friday."
)


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
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)


def test_upload_watch_find_edit_audit(browser, admin_server):
    context = browser.new_context(base_url=admin_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    published = (dt.date.today() - dt.timedelta(days=1)).isoformat()

    page.goto("/admin/articles/new")
    assert "/login" in page.url  # nothing under /admin answers without a session
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/articles/new")
    shot(page, "1-upload-form")

    page.locator("#up-text").fill(ARTICLE)
    page.locator("#up-published").fill(published)
    page.locator("#up-publisher").fill("Borderland Wire")
    page.locator("#up-title").fill("Rebels seize Kerem")
    page.get_by_role("button", name="Add without preview").click()
    page.wait_for_url("**/admin/jobs/*")
    # The job page polls itself: no reload by the test, the status must change on its own.
    page.locator("#job-status", has_text="done").wait_for(timeout=120_000)
    shot(page, "2-job-done")
    created = page.locator("#job-status li a[href^='/events/']")
    assert created.count() >= 2

    page.goto("/?publisher=Borderland+Wire")
    titles = page.locator("main a[href^='/events/']").all_inner_texts()
    assert any("Kerem" in t or "Valdoria" in t or "assault" in t for t in titles), titles
    shot(page, "3-timeline")

    event_link = page.locator("main a[href^='/events/']").first
    event_path = event_link.get_attribute("href")
    event_id = event_path.split("/")[2]

    page.goto(f"/admin/events/{event_id}/edit")
    page.locator("#ed-title").fill("Rebels take Kerem after two days of shelling")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    shot(page, "4-edited")
    page.goto(f"/events/{event_id}")
    assert page.locator("h1").inner_text() == "Rebels take Kerem after two days of shelling"
    assert page.get_by_text("Reviewed by an editor").count() >= 1

    page.goto("/admin/audit")
    audit = page.locator("main").inner_text()
    assert "Rebels take Kerem after two days of shelling" in audit and USERNAME in audit
    shot(page, "5-audit")
    context.close()
