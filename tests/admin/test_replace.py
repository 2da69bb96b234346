"""A corrected version of a stored article, uploaded from the same address: the preview offers to
replace the earlier version, adding it needs an explicit answer, and the replacement job keeps the
events' permalinks (all or nothing).

Everything runs through the app, the real queue and the real store; only extraction is replaced
(one event per paragraph, each of its own type so that nothing merges by accident).
"""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.db import session_scope
from app.ingest.steps import Steps
from app.models import Article, AuditEntry, Event, IngestionJob, Mention

URL = "https://news.example/2023/09/yerevan-protest"
OLD = "Crowds marched in Yerevan.\n\nThe road was closed.\n\nA court opened a case."
NEW = "Crowds marched in Yerevan.\n\nThe road was closed by police, officials said.\n\nTroops arrived."
KINDS = {"Crowds": "protest", "The road": "blockade", "A court": "legal_action", "Troops": "deployment"}


@pytest.fixture
def extractor(h):
    def extraction(article_input):
        result = h.fake_extraction(article_input)
        events = tuple(
            dataclasses.replace(e, type=next(t for w, t in KINDS.items() if e.sentence.text.startswith(w)),
                                title=e.sentence.text.rstrip("."))
            for e in result.events
        )
        return dataclasses.replace(result, events=events)

    h.steps = Steps(extract=extraction)
    return h.steps


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def fields(client, text: str, **extra) -> dict[str, str]:
    return {"text": text, "published": "2023-09-20", "publisher": "Wire", "title": "Protest in Yerevan",
            "url": URL, "csrf_token": client.csrf, **extra}


def ingest(client, settings, h, text: str, **extra) -> str:
    """Upload without preview, run the queue; the job's id."""
    response = client.post("/admin/articles", data=fields(client, text, **extra), follow_redirects=False)
    assert response.status_code == 303, response.text
    h.run_queued(settings)
    return response.headers["location"].rsplit("/", 1)[-1]


def the_job(settings, job_id: str) -> IngestionJob:
    with session_scope(settings.database_url) as session:
        return session.get(IngestionJob, job_id)


@pytest.fixture
def stored(admin, settings, h, extractor):
    """The first version, stored through the upload form: (article id, {paragraph word: event id})."""
    done = the_job(settings, ingest(admin, settings, h, OLD))
    assert done.status == "done", done.error
    crowds, road, court = done.events_created
    return done.article_id, {"crowds": crowds, "road": road, "court": court}


def preview(client, text: str = NEW, **extra):
    return client.post("/admin/articles/preview", data=fields(client, text, **extra), follow_redirects=False)


def confirm_data(page: BeautifulSoup, button: str | None) -> dict[str, str]:
    """What the browser sends when the preview's confirm form is submitted with `button`."""
    form = page.select_one("form[action='/admin/articles']")
    data = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    data |= {i["name"]: i["value"] for i in form.select("input[type=radio][checked]")}
    if button is not None:
        chosen = next(b for b in form.select("button") if text_of(b) == button)
        data[chosen["name"]] = chosen["value"]
    return data


def counts(settings) -> tuple[int, ...]:
    """Articles, events, mentions and ingestion jobs (a preview's dry run stores nothing and is
    not an ingestion)."""
    with session_scope(settings.database_url) as session:
        stored = tuple(session.execute(select(func.count()).select_from(model)).scalar_one()
                       for model in (Article, Event, Mention))
        jobs = sum(1 for job in session.execute(select(IngestionJob)).scalars() if not job.payload.get("dry_run"))
        return (*stored, jobs)


def cited_articles(client, event_id: str) -> set[str]:
    """The articles an event's page cites, as a reader follows its source links."""
    page = soup(client.get(f"/events/{event_id}", follow_redirects=True))
    return {a["href"].split("?")[0].split("#")[0].rsplit("/", 1)[-1] for a in page.select(".mention a.sentence-link")}


# --- the preview's question ----------------------------------------------------------------------

def test_preview_of_new_text_from_a_stored_address_offers_to_replace_it(admin, stored):
    old_id, _ = stored
    response = preview(admin)
    assert response.status_code == 200
    page = soup(response)
    offer = page.select_one("section.same-url")
    assert "already stored" in text_of(offer)
    link = offer.select_one(f"a[href='/articles/{old_id}']")
    assert link is not None and text_of(link) == "Protest in Yerevan"
    assert "2023-09-20" in text_of(offer)
    buttons = {text_of(b): (b["name"], b["value"]) for b in page.select("form[action='/admin/articles'] button")}
    assert buttons == {"Replace the earlier version": ("same_url", "replace"),
                       "Keep both as separate articles": ("same_url", "separate")}
    form = page.select_one("form[action='/admin/articles']")
    assert form.select_one("input[name=replaces]")["value"] == old_id
    assert form.select_one("input[name=csrf_token]")["value"] == admin.csrf


@pytest.mark.parametrize("address", [
    "http://www.news.example/2023/09/yerevan-protest/",
    "https://NEWS.example:443/2023/09/yerevan-protest?utm_source=newsletter&utm_medium=email#comments",
    "https://news.example/2023/09/yerevan-protest?fbclid=abc123",
])
def test_another_address_of_the_same_page_is_the_same_address(admin, stored, address):
    """A newsletter link, a hand-typed address, a shared link: the page they name is the stored one."""
    old_id, _ = stored
    offer = soup(preview(admin, url=address)).select_one("section.same-url")
    assert offer is not None, address
    assert offer.select_one(f"a[href='/articles/{old_id}']") is not None


@pytest.mark.parametrize("address", [
    "https://news.example/2023/09/yerevan-protest-2",
    "https://news.example/2023/10/yerevan-protest",
    "https://news.example/2023/09/yerevan-protest?page=2",
    "https://other.example/2023/09/yerevan-protest",
])
def test_a_different_page_is_not_the_same_address(admin, stored, address):
    assert soup(preview(admin, url=address)).select_one("section.same-url") is None, address


def test_preview_without_a_stored_version_has_no_question(admin, stored):
    page = soup(preview(admin, url="https://news.example/another-story"))
    assert page.select_one("section.same-url") is None
    assert [text_of(b) for b in page.select("form[action='/admin/articles'] button")] == ["Add this article"]


def test_the_same_text_again_is_still_refused_outright(admin, stored):
    old_id, _ = stored
    response = preview(admin, OLD)
    assert response.status_code == 409
    assert soup(response).select_one(f"[role=alert] a[href='/articles/{old_id}']") is not None


# --- adding without an answer, with a forged form, with a stale answer ----------------------------

def test_adding_without_an_answer_is_409_with_the_question_and_changes_nothing(admin, settings, stored):
    old_id, events = stored
    before = counts(settings)
    page = soup(preview(admin))
    response = admin.post("/admin/articles", data=confirm_data(page, None), follow_redirects=False)
    assert response.status_code == 409
    refused = soup(response)
    assert "Nothing was added" in text_of(refused.select_one("[role=alert]"))
    assert refused.select_one(f"section.same-url a[href='/articles/{old_id}']") is not None
    assert refused.select_one("button[name=same_url][value=replace]") is not None
    assert refused.select_one(".preview-text").text == NEW  # the text is kept: answer and go on
    assert counts(settings) == before
    assert cited_articles(admin, events["crowds"]) == {old_id}

    # "Add without preview" straight from the form is asked the same question.
    direct = admin.post("/admin/articles", data=fields(admin, NEW), follow_redirects=False)
    assert direct.status_code == 409 and counts(settings) == before
    answered = admin.post("/admin/articles", data=confirm_data(soup(direct), "Replace the earlier version"),
                          follow_redirects=False)
    assert answered.status_code == 303


def test_replacing_without_the_csrf_token_is_403_and_changes_nothing(admin, settings, stored):
    before = counts(settings)
    data = confirm_data(soup(preview(admin)), "Replace the earlier version")
    for token in (None, "forged"):
        attempt = {k: v for k, v in data.items() if k != "csrf_token"}
        if token:
            attempt["csrf_token"] = token
        response = admin.post("/admin/articles", data=attempt, follow_redirects=False)
        assert response.status_code == 403
        assert "security token" in text_of(soup(response).select_one("[role=alert]"))
    assert counts(settings) == before


def test_an_answer_about_an_article_replaced_meanwhile_is_asked_again(admin, settings, h, stored):
    old_id, _ = stored
    stale = confirm_data(soup(preview(admin)), "Replace the earlier version")
    other = "Crowds marched in Yerevan.\n\nThe road was closed.\n\nA court opened a case on Monday."
    done = the_job(settings, ingest(admin, settings, h, other, same_url="replace", replaces=old_id))
    assert done.status == "done", done.error
    before = counts(settings)
    response = admin.post("/admin/articles", data=stale, follow_redirects=False)
    assert response.status_code == 409
    page = soup(response)
    assert "no longer" in text_of(page.select_one("[role=alert]"))
    # The question now names the current version.
    assert page.select_one("input[name=replaces]")["value"] == done.article_id
    assert page.select_one(f"section.same-url a[href='/articles/{done.article_id}']") is not None
    assert counts(settings) == before


def test_a_second_replacement_while_one_is_queued_is_409_with_a_link_to_it(admin, settings, stored):
    old_id, _ = stored
    first = admin.post("/admin/articles", data=fields(admin, NEW, same_url="replace", replaces=old_id),
                       follow_redirects=False)
    assert first.status_code == 303
    other = NEW + "\n\nMore troops arrived."
    second = admin.post("/admin/articles", data=fields(admin, other, same_url="replace", replaces=old_id),
                        follow_redirects=False)
    assert second.status_code == 409
    assert soup(second).select_one(f"[role=alert] a[href='{first.headers['location']}']") is not None


def test_only_a_stored_article_from_the_same_address_can_be_replaced(admin, settings, stored):
    old_id, _ = stored
    before = counts(settings)
    response = admin.post("/admin/articles", data=fields(admin, NEW, url="https://elsewhere.example/x",
                                                         same_url="replace", replaces=old_id),
                          follow_redirects=False)
    assert response.status_code == 409
    assert counts(settings) == before


# --- replacing -----------------------------------------------------------------------------------

def test_replacing_keeps_permalinks_and_lists_what_happened(admin, settings, h, stored):
    old_id, events = stored
    page = soup(preview(admin))
    response = admin.post("/admin/articles", data=confirm_data(page, "Replace the earlier version"),
                          follow_redirects=False)
    assert response.status_code == 303
    job_path = response.headers["location"]
    queued = soup(admin.get(job_path))
    assert "until this job finishes, that article is unchanged" in text_of(queued.select_one("#job-status"))
    assert h.run_queued(settings) == 2  # the preview's dry run, then the replacement

    job_page = soup(admin.get(job_path))
    status = job_page.select_one("#job-status")
    assert "done" in text_of(status.select_one("p"))
    new_link = status.select_one("a[href^='/articles/']")
    new_id = new_link["href"].rsplit("/", 1)[-1]
    assert new_id != old_id
    assert status.select_one(f"a[href='/articles/{old_id}']") is not None  # "the corrected version of ..."

    def listed(heading: str) -> list[str]:
        """The event ids linked under a heading of the job page."""
        h2 = next(h for h in status.select("h2") if text_of(h).startswith(heading))
        found = []
        for sibling in h2.find_next_siblings():
            if sibling.name == "h2":
                break
            found += [a["href"].split("/")[2] for a in sibling.select("a[href^='/events/']")]
        return found

    assert listed("Events kept, with their permalinks") == [events["crowds"], events["road"]]
    assert listed("Events deleted") == [events["court"]]
    assert len(listed("New events")) == 1
    troops = listed("New events")[0]

    # The address's current article is the new text; the job page links to it.
    article_page = admin.get(f"/articles/{new_id}")
    assert article_page.status_code == 200
    assert "Troops arrived." in article_page.text and "A court opened a case." not in article_page.text
    assert admin.get(f"/api/articles/{new_id}").json()["source_url"] == URL
    # The old version's page stays (sentence links quote it) and points to the current one.
    old_page = soup(admin.get(f"/articles/{old_id}"))
    notice = old_page.select_one("p.notice[role=note]")
    assert "A corrected version replaced this article" in text_of(notice)
    assert notice.select_one("a")["href"] == f"/articles/{new_id}"
    assert admin.get(f"/api/articles/{old_id}").json()["replaced_by"] == new_id
    assert admin.get(f"/api/articles/{new_id}").json()["replaced_by"] is None

    # An event found again keeps its id, and its permalink now cites the corrected version.
    for event_id in (events["crowds"], events["road"]):
        assert admin.get(f"/events/{event_id}", follow_redirects=True).status_code == 200
        assert cited_articles(admin, event_id) == {new_id}
    assert admin.get(f"/api/events/{events['crowds']}").json()["id"] == events["crowds"]
    # The sentence the correction dropped was the court event's only source.
    assert admin.get(f"/events/{events['court']}").status_code == 410
    assert admin.get(f"/events/{troops}", follow_redirects=True).status_code == 200

    # Asked again, the same address now names the new version only.
    again = soup(preview(admin, NEW + "\n\nTroops left."))
    assert [a["href"] for a in again.select("section.same-url li a")] == [f"/articles/{new_id}"]

    # The audit log says who replaced what.
    audit = soup(admin.get("/admin/audit"))
    row = next(r for r in audit.select("tr.audit-entry")
               if "Article replaced by a corrected version" in text_of(r.select_one(".audit-action")))
    assert text_of(row.select_one(".audit-who")) == h.username
    assert row.select_one(f".audit-object a[href='/articles/{old_id}']") is not None
    assert new_id in text_of(row)

    job_json = admin.get(f"/api/jobs/{job_path.rsplit('/', 1)[-1]}").json()
    assert job_json["replaces"] == old_id and job_json["article_id"] == new_id
    assert job_json["events_kept"] == [events["crowds"]] and job_json["events_updated"] == [events["road"]]
    assert job_json["events_deleted"] == [events["court"]] and job_json["events_created"] == [troops]


def test_keeping_both_adds_a_separate_article_and_leaves_the_first_alone(admin, settings, h, stored):
    old_id, events = stored
    page = soup(preview(admin))
    response = admin.post("/admin/articles", data=confirm_data(page, "Keep both as separate articles"),
                          follow_redirects=False)
    assert response.status_code == 303
    h.run_queued(settings)
    done = the_job(settings, response.headers["location"].rsplit("/", 1)[-1])
    assert done.status == "done" and "replaces" not in done.payload
    assert admin.get(f"/events/{events['court']}", follow_redirects=True).status_code == 200
    assert old_id in cited_articles(admin, events["crowds"])
    # The next upload from the address is asked which of the two it replaces.
    offer = soup(preview(admin, NEW + "\n\nTroops left."))
    radios = offer.select("input[type=radio][name=replaces]")
    assert sorted(r["value"] for r in radios) == sorted([old_id, done.article_id])
    assert all(offer.select_one(f"label[for='{r['id']}']") is not None for r in radios)


def test_a_replacement_that_fails_while_storing_leaves_the_old_article_intact(admin, settings, h, stored,
                                                                             extractor):
    old_id, events = stored

    def replace_then_crash(*args, **kwargs):
        extractor.replace(*args, **kwargs)  # the new article, moved mentions, deleted events: all flushed
        raise RuntimeError("disk full")

    h.steps = extractor.but(replace=replace_then_crash)
    before = counts(settings)
    page = soup(preview(admin))
    response = admin.post("/admin/articles", data=confirm_data(page, "Replace the earlier version"),
                          follow_redirects=False)
    job_path = response.headers["location"]
    h.run_queued(settings)

    status = soup(admin.get(job_path)).select_one("#job-status")
    assert "disk full" in text_of(status.select_one("[role=alert]"))
    assert "that article is unchanged" in text_of(status)
    assert counts(settings) == (before[0], before[1], before[2], before[3] + 1)  # only the job row
    for event_id in events.values():  # every event still cites the old version, none deleted
        assert cited_articles(admin, event_id) == {old_id}
    with session_scope(settings.database_url) as session:
        assert session.get(Article, old_id).replaced_by is None
        assert not session.execute(select(AuditEntry).where(AuditEntry.action == "article.replace")).first()
    assert [a["href"] for a in soup(preview(admin, NEW + " ")).select("section.same-url li a")] == [
        f"/articles/{old_id}"]

    # Retrying once the fault is gone does the replacement.
    h.steps = extractor
    retry = status.select_one("form[action$='/retry']")
    admin.post(retry["action"], data={"csrf_token": admin.csrf}, follow_redirects=False)
    h.run_queued(settings)
    assert the_job(settings, job_path.rsplit("/", 1)[-1]).status == "done"
    assert admin.get(f"/events/{events['court']}").status_code == 410


def test_a_replacement_whose_old_article_was_deleted_meanwhile_fails_without_changes(admin, settings, h, stored):
    from app.services.curation import delete_article

    old_id, _ = stored
    response = admin.post("/admin/articles", data=fields(admin, NEW, same_url="replace", replaces=old_id),
                          follow_redirects=False)
    with session_scope(settings.database_url) as session:
        delete_article(session, "another-editor", old_id)
    before = counts(settings)
    h.run_queued(settings)
    failed = the_job(settings, response.headers["location"].rsplit("/", 1)[-1])
    assert failed.status == "failed" and "deleted meanwhile" in failed.error
    assert counts(settings) == before
