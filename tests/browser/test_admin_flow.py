"""An admin in Chromium: sign in, upload an article the extractor has never seen, watch the job
finish, find its events on the timeline, edit one, see the change in the audit log, then upload a
corrected version from the same address and replace the first one, permalinks kept."""

from __future__ import annotations

import datetime as dt

import pytest

from app.config import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.nlp]

# Written for this test; no rule has seen it. A different conflict, a different publisher.
ARTICLE = (
    "Rebel fighters seized the town of Kerem on Sunday after two days of heavy shelling, "
    "regional officials said.\n\n"
    "The defence ministry of Valdoria condemned the assault and said its troops would retake the town.\n\n"
    "Aid agencies warned that thousands of civilians had fled toward the border since Friday."
)
ARTICLE_URL = "https://borderland-wire.example/2023/kerem"
CORRECTION = "\n\nThis article was updated to add the reaction of the defence ministry."


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)


def test_upload_watch_find_edit_audit_replace(new_page, admin_server, editor, assert_accessible):
    page = new_page(admin_server)
    published = (dt.date.today() - dt.timedelta(days=1)).isoformat()

    page.goto("/admin/articles/new")
    assert "/login" in page.url  # nothing under /admin answers without a session
    editor.sign_in(page, then="**/admin/articles/new")  # back to the page that asked
    shot(page, "1-upload-form")

    # The job page polls itself: no reload by the test, the status must change on its own.
    editor.upload(page, ARTICLE, published, title="Rebels seize Kerem", publisher="Borderland Wire",
                  url=ARTICLE_URL)
    shot(page, "2-job-done")
    created = page.locator("#job-status li a[href^='/events/']")
    assert created.count() >= 2

    page.goto("/?publisher=Borderland+Wire")
    titles = page.locator("ol.timeline .event-title a").all_inner_texts()
    assert any("Kerem" in t or "Valdoria" in t or "assault" in t for t in titles), titles
    shot(page, "3-timeline")

    event_link = page.locator("ol.timeline .event-title a").first
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
    assert "Rebels take Kerem after two days of shelling" in audit and editor.username in audit
    shot(page, "5-audit")

    # Signed in, a public page's header leads to the admin side and signs out.
    page.goto("/")
    header = page.locator("header.site-header")
    assert header.get_by_role("link", name="Admin").count() == 1
    assert header.get_by_role("button", name="Sign out").count() == 1
    assert header.get_by_role("link", name="Sign in").count() == 0
    assert_accessible(page)

    # A corrected version from the same address replaces the first; the edited event keeps its
    # permalink and the editor's title.
    page.goto("/admin/articles/new")
    page.locator("#up-text").fill(ARTICLE + CORRECTION)
    page.locator("#up-published").fill(published)
    page.locator("#up-publisher").fill("Borderland Wire")
    page.locator("#up-title").fill("Rebels seize Kerem")
    page.locator("#up-url").fill(ARTICLE_URL)
    page.get_by_role("button", name="Preview", exact=True).click()
    offer = page.locator("section.same-url")
    offer.wait_for()
    assert "Rebels seize Kerem" in offer.inner_text()
    assert_accessible(page)
    shot(page, "6-replace-offer")
    page.get_by_role("button", name="Replace the earlier version").click()
    page.wait_for_url("**/admin/jobs/*")
    page.locator("#job-status", has_text="done").wait_for(timeout=120_000)
    shot(page, "7-replaced")
    assert "corrected version of" in page.locator("#job-status").inner_text()
    assert page.locator(f"#job-status a[href^='/events/{event_id}/']").count() == 1
    page.goto(f"/events/{event_id}")
    assert page.locator("h1").inner_text() == "Rebels take Kerem after two days of shelling"

    page.locator("header.site-header").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login?**")
    assert page.locator("header.site-header").get_by_role("link", name="Sign in").count() == 1
