"""The pages work under the Content-Security-Policy (issue 15, point 5), in Chromium.

The policy forbids inline scripts and styles (app/web/security.py). A reader's and an editor's
tour, with JavaScript and without, must meet no CSP violation (neither a `securitypolicyviolation`
event nor a console report) while every enhanced feature still works: htmx swaps results in
place, the keyboard zooms, the map draws its markers (Leaflet and its stylesheet from this
server), the time axis lets a reader drag out a period, the job page polls itself, copy buttons
appear, Swagger UI draws /docs; and the collections' pages (the list at /, /c/{slug}/, the admin
pages that create, rename, upload into and move articles to a collection) likewise.
"""

from __future__ import annotations

import dataclasses
import re

import httpx
import pytest

from tests.support.live_server import serve

pytestmark = [pytest.mark.browser, pytest.mark.nlp]

ARTICLE = ("Officials in Valdoria said on Monday that the border crossing at Kerem had reopened.\n\n"
           "The interior ministry said trucks carrying aid crossed the border on Monday.")

# Recorded by the browser itself, before any of the page's own scripts run.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


@pytest.fixture(scope="module")
def csp_server(tmp_path_factory, placed_database, editor):
    """One server for the module, on a database of its own: the editors' tests add articles and a
    collection, which the shared seed database must never get. The places have positions, so
    the map draws its markers; uploads run inline, so the job page shows them finish."""
    from app.ingest import jobs
    from app.main import create_app

    settings = dataclasses.replace(placed_database(tmp_path_factory.mktemp("csp")), inline_jobs=True)
    editor.add_to(settings)
    with serve(create_app(settings)) as base_url:
        yield base_url
        # The inline runner is one per process: let the editors' uploads finish while the server
        # and its database are still here.
        jobs.wait_inline(timeout=120)


class Watched:
    """A page whose CSP violations are collected, from events and from the console."""

    def __init__(self, browser, base_url: str, *, javascript: bool):
        self.context = browser.new_context(base_url=base_url, java_script_enabled=javascript,
                                           viewport={"width": 1280, "height": 900})
        self.javascript = javascript
        if javascript:
            self.context.add_init_script(WATCH_VIOLATIONS)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def violations(self) -> list[str]:
        found = [m for m in self.console if "Content Security Policy" in m or "page error" in m]
        if self.javascript:
            found += self.page.evaluate("window.__cspViolations || []")
        return found

    def visit(self, path: str) -> None:
        self.page.goto(path)
        self.assert_clean(path)

    def assert_clean(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        assert self.violations() == [], f"{where}: {self.violations()}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser, csp_server):
    """watch(javascript=...) -> a Watched page on the module's server; closed after the test."""
    opened: list[Watched] = []

    def open_page(*, javascript: bool = True) -> Watched:
        opened.append(Watched(browser, csp_server, javascript=javascript))
        return opened[-1]

    yield open_page
    for watched in opened:
        watched.close()


def test_a_reader_with_javascript_meets_no_csp_violation(watch):
    watched = watch(javascript=True)
    page = watched.page
    watched.visit("/")
    assert page.evaluate("typeof window.htmx") == "object", "htmx runs"
    watched.visit("/?zoom=century&at=2000")  # the overview fits the reports; the century has every decade
    page.evaluate("window.__stillHere = true")  # survives only if htmx swaps rather than reloads
    # htmx readies the links of what it swapped in when the swap settles; a key pressed before
    # that follows a plain link (a whole page, as without JavaScript), so wait for the settle
    page.evaluate("window.__settled = 0; document.addEventListener('htmx:afterSettle', () => window.__settled++)")
    page.locator(".bucket-link", has_text="the 2020s").click()
    page.wait_for_url(re.compile(r"zoom=decade&at=2020"))
    page.locator(".zoom-here", has_text="The 2020s").wait_for()
    page.wait_for_function("window.__settled > 0")
    page.locator("body").press("-")  # explorer.js: the keyboard zooms out
    page.wait_for_url(re.compile(r"zoom=century&at=2000"))
    assert page.evaluate("window.__stillHere === true"), "results were swapped in place by htmx"
    watched.assert_clean("zooming")

    watched.visit("/?zoom=century&at=2000")  # the ceasefires are older than the overview's start
    page.evaluate("window.__stillHere = true")
    page.locator("#f-q").fill("ceasefire")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(re.compile(r"q=ceasefire"))
    page.locator("#facets").wait_for()
    assert page.evaluate("window.__stillHere === true")
    watched.assert_clean("searching")

    page.locator("ol.timeline .event-title a").first.click()
    page.wait_for_url(re.compile(r"/events/[^/]+/[^/]+$"))
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"])
    watched.assert_clean("event page")
    page.locator(".publisher .mention figcaption a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    page.locator("mark").first.wait_for()
    watched.assert_clean("article page")

    # The map: Leaflet, its stylesheet, the outline and the markers, all from this server.
    watched.visit("/")
    page.locator("#map .leaflet-marker-icon").first.wait_for(timeout=15_000)
    assert page.locator("#map .leaflet-pane").first.evaluate("e => getComputedStyle(e).position") == "absolute", \
        "leaflet.css is applied"
    page.get_by_role("button", name="Only events in this area").click()
    page.wait_for_url(re.compile(r"bbox="))
    page.locator(".active-filters", has_text="Area").wait_for()
    watched.assert_clean("the map")

    # The time axis and the buckets' bars: drawn with attributes, never with style="".
    watched.visit("/?zoom=month&at=2023-09")
    assert page.locator(".axis-svg").count() == 1 and page.locator(".axis-ticks text").count() >= 2
    labels = page.locator(".axis-ticks text").evaluate_all("ts => ts.map(t => t.getBBox().x)")
    assert labels == sorted(labels) and labels[-1] > labels[0], "the labels stand along the axis"
    box = page.locator(".axis-svg").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=.*&to="))
    watched.assert_clean("dragging across the axis")
    watched.visit("/?zoom=year&at=2023")
    widths = page.locator(".bucket-bar rect").evaluate_all("rs => rs.map(r => r.getBBox().width)")
    assert widths and max(widths) == 100, "the busiest bucket's bar is full width"

    for path in ("/login", "/events/no-such-event", "/?to=0001-01-01", "/c/no-such-collection/"):
        watched.visit(path)

    watched.visit("/docs")
    page.locator(".opblock").first.wait_for(timeout=30_000)  # Swagger UI drew the API
    assert page.locator(".opblock").count() >= 5
    watched.assert_clean("/docs")


def test_copy_buttons_appear_under_the_policy(watch):
    # The Clipboard API needs a secure context: 127.0.0.1 is one.
    watched = watch(javascript=True)
    watched.visit("/")
    watched.page.locator("ol.timeline .event-title a").first.click()
    watched.page.wait_for_url(re.compile(r"/events/[^/]+/[^/]+$"))
    button = watched.page.get_by_role("button", name="Copy link")
    button.wait_for(state="visible")
    watched.assert_clean("copy link")


def test_an_editor_with_javascript_meets_no_csp_violation(watch, editor):
    watched = watch(javascript=True)
    page = watched.page
    watched.visit("/login")
    editor.sign_in(page)
    watched.assert_clean("dashboard")
    # The admin pages' styles are a file now: the admin bar is laid out by it.
    assert page.locator(".admin-bar").evaluate("e => getComputedStyle(e).display") == "flex"

    watched.visit("/admin/articles/new")
    # The job page polls itself with htmx, under the policy, until the job is done.
    editor.upload(page, ARTICLE, "2023-09-18", title="Kerem crossing reopens", preview=True)
    watched.assert_clean("job page")
    event_link = page.locator("#job-status a[href^='/events/']").first
    event_id = event_link.get_attribute("href").split("/")[2]
    watched.visit(f"/admin/events/{event_id}/edit")
    watched.visit("/admin/audit")
    page.locator("header.site-header").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login?**")
    watched.assert_clean("signed out")


def test_without_javascript_every_page_still_works_and_nothing_is_refused(watch, editor):
    watched = watch(javascript=False)
    page = watched.page
    watched.visit("/?zoom=century&at=2000")
    page.locator(".bucket-link", has_text="the 2020s").click()
    page.wait_for_url(re.compile(r"zoom=decade&at=2020"))
    page.locator("#f-q").fill("ceasefire")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(re.compile(r"q=ceasefire"))
    assert page.locator("ol.timeline .event-card").count() >= 1
    page.locator("ol.timeline .event-title a").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    assert page.locator("#permalink-url").input_value().startswith("http")  # the plain field
    watched.assert_clean("reading")

    watched.visit("/login")
    editor.sign_in(page)
    assert page.locator(".admin-bar").is_visible()
    watched.visit("/admin/articles/new")
    watched.visit("/docs")
    assert page.get_by_role("link", name="its OpenAPI document").count() == 1  # the page without script
    watched.assert_clean("editor")


SECOND_ARTICLE = ("Rebel fighters seized the town of Kerem on Sunday after two days of shelling, regional "
                  "officials said.\n\nThe defence ministry of Valdoria condemned the assault on Monday.")


def test_collections_and_their_admin_pages_meet_no_csp_violation(watch, csp_server, editor):
    """Runs last in this module: it makes a second collection, after which / lists them. An editor
    creates and renames a collection, uploads into it with the form's collection picker and moves
    a seed article there (each form with the session's CSRF token); a reader sees the list at /
    with its density strips and each collection's explorer, with JavaScript and without."""
    watched = watch(javascript=True)
    page = watched.page
    watched.visit("/login")
    editor.sign_in(page)
    watched.visit("/admin/collections")
    page.get_by_label("Name", exact=True).fill("Valdoria")
    page.get_by_label("Short name in addresses").fill("valdoria")
    page.get_by_label("Description").fill("The fighting for the border towns of Valdoria.")
    page.get_by_role("button", name="Create the collection").click()
    page.wait_for_url("**/admin/collections/valdoria?done=create")
    watched.assert_clean("collection created")
    page.get_by_label("Name", exact=True).fill("Valdoria border war")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/admin/collections/valdoria?done=edit")
    assert page.locator("h1").inner_text() == "Valdoria border war"
    watched.assert_clean("collection renamed")

    page.get_by_role("link", name="Add an article to it").click()
    assert page.get_by_label("Collection").input_value() == "valdoria"
    editor.upload(page, SECOND_ARTICLE, "2023-09-18", title="Rebels seize Kerem")
    watched.assert_clean("upload into the collection")

    # A seed article moves to the new collection: its page links to the move form.
    seed = httpx.get(f"{csp_server}/api/events", params={"collection": "default", "limit": 1}).json()
    watched.visit(f"/articles/{seed['items'][0]['mentions'][0]['article_id']}")
    page.get_by_role("link", name="Move to another collection…").click()
    page.wait_for_url("**/move")
    watched.assert_clean("move form")
    page.get_by_label("Move it to").select_option("valdoria")
    page.get_by_role("button", name="Move the article").click()
    page.wait_for_url("**/admin/jobs/*")
    page.locator("#job-status", has_text="done").wait_for(timeout=180_000)
    watched.assert_clean("moved")

    watched.visit("/")
    assert page.locator(".collection-entry").count() == 2
    assert page.locator(".collection-entry svg rect").count() >= 2  # the density strips
    page.get_by_role("link", name="Valdoria border war").click()
    page.wait_for_url("**/c/valdoria/")
    assert page.locator("main .event-title a[href^='/events/']").count() >= 2
    watched.assert_clean("a collection's explorer")
    for path in ("/c/default/", "/c/valdoria/?sort=importance", "/admin/collections/valdoria",
                 "/admin/articles/new"):
        watched.visit(path)

    without = watch(javascript=False)
    for path in ("/", "/c/valdoria/", "/c/default/?zoom=year&at=2023"):
        without.visit(path)
    assert without.page.locator("main").count() == 1
