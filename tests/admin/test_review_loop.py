"""The editor's loop: a preview that shows the events an article would give (a dry run that
stores nothing), jobs named by their article's title, edit/hide/merge tools where events are
read, and a queue of the events no editor has checked, the most important first."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.db import session_scope
from app.models import Article, AuditEntry, Event, IngestionJob

TEXT = "Officials said on Tuesday that talks would resume.\n\nThe ministry confirmed the meeting."


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def upload(client, h, path="/admin/articles", **values):
    data = {"published": h.yesterday, "publisher": "Wire", "title": "", "url": "", "text": TEXT,
            "csrf_token": client.csrf, **values}
    return client.post(path, data=data, follow_redirects=False)


def test_the_preview_shows_the_events_the_article_would_give_and_stores_nothing(admin, settings, h, fake_extractor):
    response = upload(admin, h, path="/admin/articles/preview")
    assert response.status_code == 200
    pending = soup(response).select_one("section#dry-run")
    assert pending["hx-trigger"] == "every 1s"  # asks again until the worker is done
    job_id = pending["hx-get"].rsplit("/", 1)[-1]
    assert h.run_queued(settings) == 1
    done = soup(admin.get(f"/admin/previews/{job_id}", headers={"HX-Request": "true"}))
    events = done.select(".dry-run-events > li")
    assert [text_of(li.select_one("strong")) for li in events] == [p[:60] for p in TEXT.split("\n\n")]
    assert done.select_one("section#dry-run").get("hx-trigger") is None  # finished: no more polling
    with session_scope(settings.database_url) as session:
        assert session.execute(select(func.count()).select_from(Article)).scalar_one() == 0
        assert session.execute(select(func.count()).select_from(Event)).scalar_one() == 0
    # The dry run neither blocks adding the same text nor shows on the dashboard as an upload.
    added = upload(admin, h)
    assert added.status_code == 303
    assert len(soup(admin.get("/admin")).select("table.jobs tbody tr")) == 1


def test_a_job_is_named_by_its_articles_title_even_when_the_upload_gave_none(admin, settings, h, fake_extractor):
    job_id = upload(admin, h).headers["location"].rsplit("/", 1)[-1]
    queued = text_of(soup(admin.get("/admin")).select_one("table.jobs tbody tr td"))
    assert queued.startswith("Officials said on Tuesday")  # its first words while it waits
    h.run_queued(settings)
    with session_scope(settings.database_url) as session:
        title = session.get(Article, session.get(IngestionJob, job_id).article_id).title
    assert text_of(soup(admin.get("/admin")).select_one("table.jobs tbody tr td")) == title
    assert text_of(soup(admin.get(f"/admin/jobs/{job_id}")).select_one("h1")) == f"Ingesting \u201c{title}\u201d"


def test_job_results_and_event_pages_give_an_editor_edit_hide_and_merge(admin, anon, settings, h, fake_extractor):
    job_id = upload(admin, h).headers["location"].rsplit("/", 1)[-1]
    h.run_queued(settings)
    job = soup(admin.get(f"/admin/jobs/{job_id}"))
    tools = job.select(".event-tools")
    assert len(tools) == 2
    assert tools[0].select_one("a[href$='/edit']") and tools[0].select_one("form[action$='/hide'] input[name=csrf_token]")
    event_path = job.select_one("#job-status li a")["href"]
    page = soup(admin.get(event_path))
    box = page.select_one("aside.admin-tools")
    assert box.select_one("a[href$='/edit']") is not None
    assert box.select_one("form[action$='/hide'] input[name=csrf_token]")["value"] == admin.csrf
    assert box.select_one("form[action='/admin/events/merge'] input[name=other]") is not None
    anon.cookies.clear()
    assert soup(anon.get(event_path)).select_one("aside.admin-tools") is None  # readers never see them


def test_the_review_queue_lists_unchecked_events_most_important_first(admin, settings, h, fake_extractor):
    upload(admin, h)
    h.run_queued(settings)
    with session_scope(settings.database_url) as session:
        first = session.execute(select(Event).order_by(Event.seq)).scalars().first()
        first.importance = 90  # as if many had reported it
    queue = soup(admin.get("/admin/review"))
    items = queue.select(".review-queue > li")
    assert len(items) == 2 and first.title in text_of(items[0])
    form = items[0].select_one("form[action*='/checked']")
    response = admin.post(form["action"], data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert response.status_code == 303
    after = soup(admin.get(response.headers["location"]))
    assert first.title not in text_of(after.select_one(".review-queue"))
    assert "Marked as checked" in text_of(after.select_one(".notice"))
    with session_scope(settings.database_url) as session:
        assert session.execute(select(Event.reviewed).where(Event.id == first.id)).scalar_one() is True
        assert session.execute(select(AuditEntry.action).where(AuditEntry.object_id == first.id)).scalar_one() == "event.checked"
    forged = admin.post(form["action"], data={"csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403


def queue_titles(page) -> list[str]:
    return [text_of(li.select_one("a strong")) for li in page.select(".review-queue > li")]


def pager_link(page, text: str) -> str | None:
    link = page.find("a", string=text)
    return link["href"] if link else None


def make_queue(admin, settings, h, events: int) -> list[str]:
    """`events` unchecked events with importances that tie in threes (the queue's order then rests
    on the date and the number too); their titles in the queue's order."""
    text = "\n\n".join(f"Report number {n:03d} of the ministry." for n in range(events))
    upload(admin, h, text=text)
    h.run_queued(settings)
    with session_scope(settings.database_url) as session:
        rows = session.execute(select(Event).order_by(Event.seq)).scalars().all()
        assert len(rows) == events
        for n, event in enumerate(rows):
            event.importance = 10 + (n // 3) % 20
        session.flush()
        ordered = sorted(rows, key=lambda e: (-e.importance, e.date_start, e.seq))
        return [e.title for e in ordered]


def test_the_review_queue_pages_by_place_forward_and_back_without_gaps_or_repeats(admin, settings, h, fake_extractor):
    expected = make_queue(admin, settings, h, 120)
    pages, url = [], "/admin/review"
    while url:
        page = soup(admin.get(url))
        pages.append(queue_titles(page))
        url = pager_link(page, "Less important")
    assert [len(p) for p in pages] == [50, 50, 20]
    assert sum(pages, []) == expected
    assert pager_link(soup(admin.get("/admin/review")), "More important") is None
    # Back from the last page, page by page, to the head of the queue.
    back, seen = pager_link(page, "More important"), []
    while back:
        page = soup(admin.get(back))
        seen.insert(0, queue_titles(page))
        back = pager_link(page, "More important")
    assert seen == pages[:2]


def test_events_checked_meanwhile_never_make_the_next_page_skip_any(admin, settings, h, fake_extractor):
    expected = make_queue(admin, settings, h, 70)
    head = soup(admin.get("/admin/review"))  # an editor reads the queue's head...
    for form in head.select(".review-queue > li form[action*='/checked']")[:2]:  # ...and another checks two
        admin.post(form["action"], data={"csrf_token": admin.csrf}, follow_redirects=False)
    # The next page starts right after the last event the first editor saw: nothing skipped.
    assert queue_titles(soup(admin.get(pager_link(head, "Less important")))) == expected[50:]


def test_checking_an_event_keeps_the_editor_on_the_same_page_of_the_queue(admin, settings, h, fake_extractor):
    expected = make_queue(admin, settings, h, 70)
    second = soup(admin.get(pager_link(soup(admin.get("/admin/review")), "Less important")))
    assert queue_titles(second) == expected[50:]
    form = second.select(".review-queue > li")[3].select_one("form[action*='/checked']")
    response = admin.post(form["action"], data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert response.status_code == 303
    after = soup(admin.get(response.headers["location"]))
    assert queue_titles(after) == expected[50:53] + expected[54:]  # the same page, less the checked one
    assert "Marked as checked" in text_of(after.select_one(".notice"))
    # Checking every event of the last page leaves the editor on the page before it, not on "all done".
    for _ in range(len(expected) - 51):
        page = soup(admin.get(response.headers["location"]))
        form = page.select_one(".review-queue > li form[action*='/checked']")
        response = admin.post(form["action"], data={"csrf_token": admin.csrf}, follow_redirects=False)
    left = soup(admin.get(response.headers["location"]))
    assert queue_titles(left) == expected[:50]


def test_a_malformed_place_in_the_queue_is_refused_in_words(admin, settings, h, fake_extractor):
    make_queue(admin, settings, h, 3)
    for bad in ("1;DROP TABLE event", "87.2011-02-30.5", "87.2011-03-19"):
        response = admin.get("/admin/review", params={"after": bad})
        assert response.status_code == 400
        assert "should look like" in response.text or "does not exist" in response.text
    first = soup(admin.get("/admin/review")).select_one(".review-queue > li form[action*='/checked']")
    refused = admin.post(first["action"] + "?after=nonsense", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert refused.status_code == 400
    with session_scope(settings.database_url) as session:
        assert session.execute(select(func.count()).where(Event.reviewed.is_(True))).scalar_one() == 0
