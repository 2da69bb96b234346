"""Editors' curation through the real app: edit, hide/unhide, merge, split, delete an article, and
the audit log. Each test ingests the seeds into its own database (the shared seeded one is never
changed) and checks what a reader or an editor would see: status codes, redirects, page content,
counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.db import session_scope
from app.models import Article, Event, EventDayCount, Mention



def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


@pytest.fixture
def seeded(settings, ingest_seeds):
    """The admin fixtures' database (with its editor account) holding the three seed articles."""
    return ingest_seeds(settings)


@pytest.fixture
def anon(seeded, h):
    with TestClient(h.make_app(seeded)) as client:
        yield client


def assert_counts_right(settings) -> None:
    """Every event's sources count and the per-day counts agree with the rows themselves."""
    with session_scope(settings.database_url) as session:
        for event in session.execute(select(Event)).scalars():
            sources = session.execute(
                select(func.count(func.distinct(Mention.article_id))).where(Mention.event_id == event.id)
            ).scalar_one()
            assert event.sources_count == sources, event.id
        active = Counter((e.date_start, e.type) for e in session.execute(
            select(Event).where(Event.status == "active")).scalars())
        stored = {(r.day, r.type): r.count for r in session.execute(select(EventDayCount)).scalars() if r.count}
        assert stored == dict(active)


def pick(settings, query):
    with session_scope(settings.database_url) as session:
        return query(session)


def multi_source_event(session) -> Event:
    """An event reported by two articles, with a sentence other than the founding one."""
    rows = session.execute(select(Event).where(Event.sources_count >= 2).order_by(Event.date_start, Event.id)).scalars()
    return next(iter(rows))


def event_page(client, event_id: str):
    return client.get(f"/events/{event_id}", follow_redirects=True)


# --- protection ---------------------------------------------------------------------------------

def test_every_curation_page_and_form_needs_a_signed_in_editor(anon, seeded):
    event_id = pick(seeded, lambda s: s.execute(select(Event.id)).scalars().first())
    for path in (f"/admin/events/{event_id}/edit", "/admin/audit"):
        response = anon.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    for path in (f"/admin/events/{event_id}/edit", f"/admin/events/{event_id}/hide", f"/admin/events/{event_id}/unhide",
                 "/admin/events/merge", "/admin/mentions/whatever/split", "/admin/articles/whatever/delete"):
        response = anon.post(path, data={"csrf_token": "x"}, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login")
    assert event_page(anon, event_id).status_code == 200  # nothing happened


def test_a_form_without_the_sessions_token_is_refused(admin, seeded):
    event_id = pick(seeded, lambda s: s.execute(select(Event.id)).scalars().first())
    response = admin.post(f"/admin/events/{event_id}/hide", data={"csrf_token": "forged"}, follow_redirects=False)
    assert response.status_code == 403
    assert event_page(admin, event_id).status_code == 200  # still public


# --- edit ---------------------------------------------------------------------------------------

def test_editing_an_event_shows_on_its_page_marks_it_reviewed_and_is_in_the_history(admin, seeded):
    event = pick(seeded, multi_source_event)
    old_path = f"/events/{event.id}/{event.slug}"
    page = soup_of(admin.get(f"/admin/events/{event.id}/edit"))
    assert page.select_one("#ed-title")["value"] == event.title
    assert text_of(soup_of(event_page(admin, event.id)).select_one(".review-status")) == "Machine-extracted"

    form = {"csrf_token": admin.csrf, "title": "Azerbaijan's offensive, as edited", "date_start": "2023-09-19",
            "date_end": "2023-09-20", "precision": "day", "type": "military_action",
            "actor": ["azerbaijan", "armenia"], "role": ["initiator", "target"]}
    response = admin.post(f"/admin/events/{event.id}/edit", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/events/{event.id}/edit?done=edit"
    assert "Saved" in text_of(soup_of(admin.get(response.headers["location"])).select_one(".notice"))

    # The old address (stale slug) now redirects to the new canonical one.
    moved = admin.get(old_path, follow_redirects=False)
    assert moved.status_code == 301
    new_path = moved.headers["location"]
    assert new_path == f"/events/{event.id}/azerbaijan-s-offensive-as-edited"
    soup = soup_of(admin.get(new_path))
    assert text_of(soup.select_one("h1")) == "Azerbaijan's offensive, as edited"
    assert text_of(soup.select_one(".review-status")) == "Reviewed by an editor"
    assert "set by an editor" in text_of(soup.select_one(".provenance"))
    assert [text_of(a) for a in soup.select(".facts a[href^='/?actor=']")] == ["Azerbaijan", "Armenia"]
    history = [text_of(li) for li in soup.select(".history-list > li")]
    assert len(history) == 1 and "Edited by an editor" in history[0]
    title_change = next(li for li in soup.select(".history-list .changes li") if "Title" in text_of(li))
    assert (text_of(title_change.select_one("del")), text_of(title_change.select_one("ins"))) == (
        event.title, "Azerbaijan's offensive, as edited")
    assert "editor" not in history[0].replace("Edited by an editor", "")  # no usernames in public

    # Readers can ask for reviewed events only.
    reviewed = soup_of(admin.get("/", params={"reviewed": "1"}))
    assert [a["href"] for a in reviewed.select(".event-title a")] == [new_path]
    # The audit log says who did what.
    row = soup_of(admin.get("/admin/audit")).select_one("tr.audit-entry")
    assert text_of(row.select_one(".audit-who")) == "editor"
    assert "Edited by an editor" in text_of(row.select_one(".audit-action"))
    assert event.id in text_of(row.select_one(".audit-object"))
    assert_counts_right(seeded)


def test_a_refused_edit_keeps_what_was_typed_and_changes_nothing(admin, seeded):
    event = pick(seeded, multi_source_event)
    form = {"csrf_token": admin.csrf, "title": "Typed title", "date_start": "2023-09-20", "date_end": "2023-09-19",
            "precision": "day", "type": event.type, "actor": [], "role": []}
    response = admin.post(f"/admin/events/{event.id}/edit", data=form)
    assert response.status_code == 422
    soup = soup_of(response)
    assert "end date is before the start date" in text_of(soup.select_one("[role=alert]"))
    assert soup.select_one("#ed-title")["value"] == "Typed title"
    assert soup.select_one("#ed-end")["aria-invalid"] == "true"
    assert text_of(soup_of(event_page(admin, event.id)).select_one("h1")) == event.title


# --- hide and unhide ----------------------------------------------------------------------------

def test_hiding_takes_an_event_off_the_site_and_unhiding_brings_it_back(admin, seeded):
    event = pick(seeded, multi_source_event)
    total = int(text_of(soup_of(admin.get("/")).select_one("#results-heading")).split()[0])
    assert admin.post(f"/admin/events/{event.id}/hide", data={"csrf_token": admin.csrf},
                      follow_redirects=False).status_code == 303
    assert event_page(admin, event.id).status_code == 404
    assert int(text_of(soup_of(admin.get("/")).select_one("#results-heading")).split()[0]) == total - 1
    edit = soup_of(admin.get(f"/admin/events/{event.id}/edit"))
    assert text_of(edit.select_one(".event-meta .tag-modality")) == "Hidden"
    assert_counts_right(seeded)

    admin.post(f"/admin/events/{event.id}/unhide", data={"csrf_token": admin.csrf})
    assert event_page(admin, event.id).status_code == 200
    assert int(text_of(soup_of(admin.get("/")).select_one("#results-heading")).split()[0]) == total
    assert_counts_right(seeded)


# --- merge --------------------------------------------------------------------------------------

def test_merging_redirects_the_other_id_to_the_survivor_with_all_sources(admin, seeded):
    def two_events(session):
        rows = session.execute(select(Event).order_by(Event.date_start.desc(), Event.id).limit(2)).scalars().all()
        return rows[0], rows[1]

    survivor, other = pick(seeded, two_events)
    survivor_sentences = {text_of(q) for q in soup_of(event_page(admin, survivor.id)).select(".mention blockquote")}
    other_sentences = {text_of(q) for q in soup_of(event_page(admin, other.id)).select(".mention blockquote")}
    total = int(text_of(soup_of(admin.get("/")).select_one("#results-heading")).split()[0])

    response = admin.post("/admin/events/merge", data={"csrf_token": admin.csrf, "survivor": survivor.id,
                                                       "other": other.id}, follow_redirects=False)
    assert response.status_code == 303
    moved = admin.get(f"/events/{other.id}/{other.slug}", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/events/{survivor.id}/{survivor.slug}"
    soup = soup_of(admin.get(moved.headers["location"]))
    assert {text_of(q) for q in soup.select(".mention blockquote")} == survivor_sentences | other_sentences
    assert "Another event was merged into this one" in text_of(soup.select_one(".history-list"))
    assert int(text_of(soup_of(admin.get("/")).select_one("#results-heading")).split()[0]) == total - 1
    assert_counts_right(seeded)

    # Merging again, or with itself, says why not.
    again = admin.post("/admin/events/merge", data={"csrf_token": admin.csrf, "survivor": survivor.id,
                                                    "other": survivor.id})
    assert again.status_code == 422
    assert "itself" in text_of(soup_of(again).select_one("[role=alert]"))


# --- split --------------------------------------------------------------------------------------

def test_splitting_a_report_off_makes_an_event_whose_id_is_the_reports_key(admin, seeded):
    def splittable(session):
        event = multi_source_event(session)
        mention = session.execute(select(Mention).where(Mention.event_id == event.id, Mention.key != event.id)
                                  .order_by(Mention.key)).scalars().first()
        return event, mention

    event, mention = pick(seeded, splittable)
    edit = soup_of(admin.get(f"/admin/events/{event.id}/edit"))
    assert edit.select_one(f'form[action="/admin/mentions/{mention.key}/split"]') is not None
    assert edit.select_one(f'form[action="/admin/mentions/{event.id}/split"]') is None  # the founding one

    response = admin.post(f"/admin/mentions/{mention.key}/split", data={"csrf_token": admin.csrf},
                          follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/events/{mention.key}/edit?done=split"
    new_page = event_page(admin, mention.key)
    assert new_page.status_code == 200
    assert [text_of(q) for q in soup_of(new_page).select(".mention blockquote")] == [" ".join(mention.sentence.split())]
    assert text_of(soup_of(new_page).select_one(".review-status")) == "Reviewed by an editor"
    old_quotes = [text_of(q) for q in soup_of(event_page(admin, event.id)).select(".mention blockquote")]
    assert " ".join(mention.sentence.split()) not in old_quotes
    with session_scope(seeded.database_url) as session:
        assert session.execute(select(Mention.split_off).where(Mention.key == mention.key)).scalar_one() is True
    assert_counts_right(seeded)

    # The founding sentence cannot be split off: it gives the event its id.
    refused = admin.post(f"/admin/mentions/{event.id}/split", data={"csrf_token": admin.csrf})
    assert refused.status_code == 422
    assert "gives it its id" in text_of(soup_of(refused).select_one("[role=alert]"))


# --- delete an article --------------------------------------------------------------------------

def test_deleting_an_article_turns_its_only_sourced_events_into_410_pages(admin, seeded):
    def article_and_events(session):
        article = session.execute(select(Article).order_by(Article.published.desc(), Article.id)).scalars().first()
        event_ids = set(session.execute(select(Mention.event_id).where(Mention.article_id == article.id)).scalars())
        only = [e for e in session.execute(select(Event).where(Event.id.in_(event_ids))).scalars() if e.sources_count == 1]
        shared = [e for e in session.execute(select(Event).where(Event.id.in_(event_ids))).scalars() if e.sources_count > 1]
        return article, only, shared

    article, only, shared = pick(seeded, article_and_events)
    assert only, "the newest seed article should be the only source of some events"
    confirm = soup_of(admin.get(f"/admin/articles/{article.id}/delete"))
    assert {a["href"].split("/")[2] for a in confirm.select(".events-gone a")} == {e.id for e in only}
    quotes = {e.id: [text_of(q) for q in soup_of(event_page(admin, e.id)).select(".mention blockquote")] for e in only}

    response = admin.post(f"/admin/articles/{article.id}/delete", data={"csrf_token": admin.csrf},
                          follow_redirects=False)
    assert response.status_code == 303
    assert admin.get(f"/articles/{article.id}").status_code == 404
    for event in only:
        gone = admin.get(f"/events/{event.id}/{event.slug}")
        assert gone.status_code == 410
        soup = soup_of(gone)
        assert "deleted" in text_of(soup.select_one("h1"))
        assert article.id in text_of(soup.select_one(".notice"))  # what happened
        assert [text_of(q) for q in soup.select(".mention blockquote")] == quotes[event.id]  # its sources
        assert "article since deleted" in text_of(soup.select_one(".mention figcaption"))
    for event in shared:
        page = soup_of(event_page(admin, event.id))
        assert all(f"/articles/{article.id}" not in a["href"] for a in page.select(".mention figcaption a"))
    audit = soup_of(admin.get(f"/admin/audit?object={article.id}"))
    assert "Article deleted" in text_of(audit.select_one("tr.audit-entry .audit-action"))
    assert_counts_right(seeded)


# --- the audit log ------------------------------------------------------------------------------

def test_the_audit_log_pages_newest_first(admin, seeded):
    from app.services import curation

    event_id = pick(seeded, lambda s: s.execute(select(Event.id).order_by(Event.id)).scalars().first())
    with session_scope(seeded.database_url) as session:
        for _ in range(26):
            curation.hide_event(session, "someone", event_id)
            curation.unhide_event(session, "someone", event_id)
    first = soup_of(admin.get("/admin/audit"))
    assert len(first.select("tr.audit-entry")) == 50
    assert "Shown on the timeline again" in text_of(first.select_one("tr.audit-entry .audit-action"))
    total = int(re.search(r"(\d+) entries", text_of(first.select_one("main"))).group(1))
    assert total >= 52  # the 52 changes, and the account's creation
    older = first.select_one("nav.pager a[rel=next]")["href"]
    second = soup_of(admin.get(older))
    assert len(second.select("tr.audit-entry")) == total - 50
    assert second.select_one("nav.pager a[rel=prev]") is not None
    assert all("login" not in text_of(row) for row in first.select("tr.audit-entry .audit-action"))


# --- the same address with new text: replace the stored version ---------------------------------

def test_replacing_an_article_keeps_event_ids_and_drops_what_the_correction_removed(settings, h):
    import dataclasses

    from app.pipeline.types import ArticleInput
    from app.services.articles import add_article, replace_article

    kinds = {"Crowds": "protest", "The road": "blockade", "A court": "legal_action", "Troops": "deployment"}

    def extraction(article):  # one event per paragraph, a type of its own each (no merging)
        result = h.fake_extraction(article)
        events = tuple(dataclasses.replace(e, type=next(t for w, t in kinds.items() if e.sentence.text.startswith(w)),
                                           title=e.sentence.text.rstrip("."))
                       for e in result.events)
        return dataclasses.replace(result, events=events)

    url, day = "https://example.org/story", dt.date(2023, 9, 20)
    old = ArticleInput("Crowds marched in Yerevan.\n\nThe road was closed.\n\nA court opened a case.", day,
                       "Story", "Wire", url)
    new = ArticleInput("Crowds marched in Yerevan.\n\nThe road was closed by police, officials said.\n\n"
                       "Troops arrived.", day, "Story", "Wire", url)
    with session_scope(settings.database_url) as session:
        stored = add_article(session, old, extraction(old))
    crowds, road, court = stored.events_created
    with session_scope(settings.database_url) as session:
        result = replace_article(session, "editor", stored.article_id, new, extraction(new))
    # The unchanged sentence keeps its event; the corrected one joins its old event as ingestion
    # would (same type, similar words); the dropped one leaves its event without sources.
    assert result.events_kept == [crowds] and result.events_deleted == [court]

    with TestClient(h.make_app(settings)) as client:
        for event_id in (crowds, road):  # same permalinks, now citing the corrected version
            page = soup_of(client.get(f"/events/{event_id}", follow_redirects=True))
            links = [a["href"] for a in page.select(".mention a.sentence-link")]
            assert links and all(href.startswith(f"/articles/{result.new_article_id}?") for href in links)
        road_page = soup_of(client.get(f"/events/{road}", follow_redirects=True))
        assert [text_of(q) for q in road_page.select(".mention blockquote")] == [
            "The road was closed by police, officials said."]
        gone = client.get(f"/events/{court}")
        assert gone.status_code == 410
        assert "no longer reports it" in text_of(soup_of(gone).select_one(".notice"))
        assert [text_of(q) for q in soup_of(gone).select(".mention blockquote")] == ["A court opened a case."]
        troops = result.events_created[0]
        assert client.get(f"/events/{troops}", follow_redirects=True).status_code == 200
    with session_scope(settings.database_url) as session:
        assert session.get(Article, stored.article_id).replaced_by == result.new_article_id
    assert_counts_right(settings)
