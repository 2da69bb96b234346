"""Browser fixtures: the app served by uvicorn on a free local port, Debian's Chromium driven by
Playwright, and an editor's account with a way to sign it in. No browser is ever downloaded:
CHROMIUM_PATH (default /usr/bin/chromium) must exist, as it does in CI (`apt-get install chromium`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.db import session_scope
from tests.support.live_server import serve

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def live_server(seeded_settings):
    """The base URL of the app on the shared seed database, until the session ends. Read-only
    tests share it; a test that changes data serves its own database (`admin_server`)."""
    from app.main import create_app

    with serve(create_app(seeded_settings)) as base_url:
        yield base_url


@dataclasses.dataclass(frozen=True)
class Editor:
    """An admin account: created in a test's database by `add_to`, signed in through the real
    form by `sign_in`. Each server has its own database, so one name serves every test: the
    sign-in throttle (kept in the database) never sees another test's attempts."""

    username: str = "desk-editor"
    password: str = "a long enough passphrase"

    def add_to(self, settings) -> None:
        from app.services.accounts import create_or_reset

        with session_scope(settings.database_url) as session:
            create_or_reset(session, self.username, self.password)

    def sign_in(self, page, *, then="**/admin") -> None:
        """Fill in and send the sign-in form the page shows, by its labels and button as a person
        would, and wait until the app has sent the browser on to `then` (a glob or a pattern:
        /admin, or the admin page that asked for the sign-in)."""
        page.get_by_label("Username").fill(self.username)
        page.get_by_label("Password").fill(self.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(then)

    def upload(self, page, text: str, published: str, *, title: str, publisher: str | None = None,
               url: str | None = None, preview: bool = False, timeout: int = 180_000) -> None:
        """Fill in the upload form the page shows (/admin/articles/new), send it as an editor
        would (straight away, or through the preview's "Add this article"), and wait on the job
        page until the job says done: the page polls itself, the test never reloads it."""
        page.locator("#up-text").fill(text)
        page.locator("#up-published").fill(published)
        page.locator("#up-title").fill(title)
        if publisher is not None:
            page.locator("#up-publisher").fill(publisher)
        if url is not None:
            page.locator("#up-url").fill(url)
        if preview:
            page.get_by_role("button", name="Preview", exact=True).click()
            page.get_by_role("button", name="Add this article").click()
        else:
            page.get_by_role("button", name="Add without preview").click()
        page.wait_for_url("**/admin/jobs/*")
        page.locator("#job-status", has_text="done").wait_for(timeout=timeout)


@pytest.fixture(scope="session")
def editor() -> Editor:
    return Editor()


@pytest.fixture
def admin_server(fresh_settings, editor):
    """The app on an empty database of this test's own, with `editor`'s account, running uploads
    inline (in the server's process, so the job page shows the job finish without a worker).
    One per test: the uploads and collections a test makes must not change what the next sees."""
    from app.ingest import jobs
    from app.main import create_app

    settings = dataclasses.replace(fresh_settings, inline_jobs=True)
    editor.add_to(settings)
    with serve(create_app(settings)) as base_url:
        yield base_url
        # The inline runner is one per process: a job this test started finishes here, not
        # during the next test, and before this database's pool is closed.
        jobs.wait_inline(timeout=60)


@pytest.fixture(scope="session")
def placed_database(settings_for, ingest_seeds):
    """`placed_database(folder)`: settings for a new database holding the seed articles with
    their places given positions, as the map needs them: by the pipeline's gazetteer at
    ingestion, and by `timeline places --geocode` for any it left without one."""

    def build(folder: Path):
        from sqlalchemy import func, select

        from app.migrate import upgrade
        from app.models import Location
        from app.services.places import geocode_missing

        settings = settings_for(folder)
        upgrade(settings.database_url)
        ingest_seeds(settings)
        with session_scope(settings.database_url) as session:
            geocode_missing(session)
            placed = session.execute(select(func.count()).select_from(Location)
                                     .where(Location.latitude.is_not(None))).scalar_one()
        assert placed, "no seed place has a point for the map"
        return settings

    return build


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(f"no Chromium at {CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser):
    """`new_page(base_url, **context_options)`: a page in a browser context of its own (its own
    cookies, hence its own session), 1280 by 900 unless told otherwise. Every context opened is
    closed after the test, passed or failed, so a failure does not leave pages running."""
    contexts = []

    def open_page(base_url: str, **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(base_url=base_url, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


AXE_REPORT = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""


@pytest.fixture(scope="session")
def assert_accessible(axe_path):
    """`assert_accessible(page)`: axe-core finds no serious or critical violation on the page."""

    source = axe_path.read_text(encoding="utf-8")

    def check(page) -> None:
        # Evaluated through the DevTools protocol, as a tester's console would: a <script> tag
        # added to the page would be refused by the site's Content-Security-Policy (no inline
        # scripts), which is the point of the policy.
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(source + "\n;0")
        violations = page.evaluate(AXE_REPORT)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"{page.url}: {serious}"

    return check


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make install does)")
    return AXE
