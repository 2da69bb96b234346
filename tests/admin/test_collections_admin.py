"""Collections from the admin side: creating, renaming and describing them, refusing to delete one
that holds articles, the upload form's choice (remembered per admin), and moving an article, which
merges its events again in the collection it joins and keeps every permalink answering.

Extraction is the stand-in of conftest.py (one "statement" event per paragraph, dated on the
publication day): two such reports of one day in one collection always merge, so whether reports
share an event says exactly whether the merge looked across collections.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.db import session_scope
from app.models import AdminUser, Article, Collection, Event, Mention
from app.services.aggregates import drift

D1, D2, D4 = "2023-01-10", "2023-06-10", "2023-09-01"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def create(admin, slug: str, name: str, **fields):
    data = {"slug": slug, "name": name, "description": "", "date_from": "", "date_to": "", "region": "",
            "csrf_token": admin.csrf, **fields}
    return admin.post("/admin/collections", data=data, follow_redirects=False)


def upload(admin, text: str, published: str, collection: str | None = None) -> str:
    data = {"text": text, "published": published, "title": text[:20], "csrf_token": admin.csrf}
    if collection is not None:
        data["collection"] = collection
    response = admin.post("/admin/articles", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[-1]


def article_of(admin, job_id: str) -> str:
    body = admin.get(f"/api/jobs/{job_id}").json()
    assert body["status"] == "done", body
    return body["article_id"]


def events_of(settings, article_id: str) -> set[str]:
    with session_scope(settings.database_url) as session:
        return set(session.execute(select(Mention.event_id).where(Mention.article_id == article_id)).scalars())


def collection_of_event(settings, event_id: str) -> str:
    with session_scope(settings.database_url) as session:
        return session.execute(select(Collection.slug).join(Event, Event.collection_id == Collection.id)
                               .where(Event.id == event_id)).scalar_one()


def assert_consistent(settings):
    """No kept number drifts and no event holds reports of articles of two collections."""
    with session_scope(settings.database_url) as session:
        assert drift(session) == {}
        mixed = session.execute(
            select(Mention.event_id).join(Article, Article.id == Mention.article_id)
            .group_by(Mention.event_id).having(func.count(Article.collection_id.distinct()) > 1)).all()
        assert mixed == []


def test_an_admin_creates_renames_and_describes_a_collection(admin, settings):
    response = create(admin, "", "Syria 2011–", description="The civil war.", date_from="2011-03-15",
                      region="Middle East")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/collections/syria-2011?done=create"
    edit = page(admin.get("/admin/collections/syria-2011"))
    assert edit.select_one("input[name=name]")["value"] == "Syria 2011–"
    response = admin.post("/admin/collections/syria-2011", data={
        "name": "Syrian civil war", "description": "From the protests of March 2011.", "date_from": "2011-03-15",
        "date_to": "", "region": "Syria", "csrf_token": admin.csrf}, follow_redirects=False)
    assert response.status_code == 303
    listed = {c["slug"]: c for c in admin.get("/api/collections").json()["items"]}
    assert listed["syria-2011"]["name"] == "Syrian civil war"
    assert listed["syria-2011"]["description"] == "From the protests of March 2011."
    assert (listed["syria-2011"]["date_from"], listed["syria-2011"]["region"]) == ("2011-03-15", "Syria")
    assert admin.get("/c/syria-2011/").status_code == 200
    # The slug is the address: an edit cannot change it.
    assert "slug" not in {field["name"] for field in edit.select("form input")}


def test_bad_collection_forms_are_refused_with_the_reason_and_keep_what_was_typed(admin):
    create(admin, "libya", "Libya")
    response = create(admin, "libya", "Libya again")
    assert response.status_code == 422
    soup = page(response)
    assert "already exists" in soup.select_one("[role=alert]").text
    assert soup.select_one("input[name=name]")["value"] == "Libya again"
    for fields, words in ((dict(slug="Not A Slug!"), "lower-case"), (dict(name=" "), "name"),
                          (dict(date_from="2012-01-01", date_to="2011-01-01"), "reversed"),
                          (dict(date_from="March"), "YYYY-MM-DD"),
                          (dict(date_from="0001-01-01"), "outside the dates this timeline supports"),
                          (dict(date_to="9999-12-31"), "outside the dates this timeline supports")):
        values = {"slug": "iraq", "name": "Iraq", **fields}
        response = create(admin, values.pop("slug"), values.pop("name"), **values)
        assert response.status_code == 422, fields
        assert words in page(response).select_one("[role=alert]").text, fields
    assert "iraq" not in {c["slug"] for c in admin.get("/api/collections").json()["items"]}
    forged = admin.post("/admin/collections", data={"slug": "x", "name": "X", "csrf_token": "forged"},
                        follow_redirects=False)
    assert forged.status_code == 403


def test_a_collection_holding_articles_cannot_be_deleted_and_an_empty_one_can(admin, settings, h, fake_extractor):
    create(admin, "egypt", "Egypt")
    create(admin, "empty", "Nothing yet")
    upload(admin, "Crowds gathered in Tahrir Square.", D1, "egypt")
    upload(admin, "The army deployed in Cairo.", D2, "egypt")
    h.run_queued(settings)
    refused = admin.post("/admin/collections/egypt/delete", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert refused.status_code == 409
    assert "holds 2 articles" in page(refused).select_one("[role=alert]").text
    default = admin.post("/admin/collections/default/delete", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert default.status_code == 409 and "default collection" in page(default).select_one("[role=alert]").text
    deleted = admin.post("/admin/collections/empty/delete", data={"csrf_token": admin.csrf}, follow_redirects=False)
    assert deleted.status_code == 303
    assert {c["slug"] for c in admin.get("/api/collections").json()["items"]} == {"default", "egypt"}
    assert admin.get("/c/empty/").status_code == 404


def test_the_upload_form_picks_a_collection_and_remembers_it_per_admin(admin, settings, h, fake_extractor):
    create(admin, "yemen", "Yemen")
    form = page(admin.get("/admin/articles/new"))
    assert [o["value"] for o in form.select("select[name=collection] option")] == ["default", "yemen"]
    assert form.select_one("select[name=collection] option[selected]")["value"] == "default"
    job_id = upload(admin, "Air strikes hit Sanaa overnight.", D1, "yemen")
    h.run_queued(settings)
    article = article_of(admin, job_id)
    assert admin.get(f"/api/jobs/{job_id}").json()["collection"] == "yemen"
    assert admin.get(f"/api/articles/{article}").json()["collection"]["slug"] == "yemen"
    # Next time the form offers the collection this admin last uploaded into.
    form = page(admin.get("/admin/articles/new"))
    assert form.select_one("select[name=collection] option[selected]")["value"] == "yemen"
    with session_scope(settings.database_url) as session:
        chosen = session.execute(select(AdminUser.upload_collection_id)).scalar_one()
        assert session.get(Collection, chosen).slug == "yemen"
    # An unknown collection is refused with the known ones named, and the text is kept.
    response = admin.post("/admin/articles", data={"text": "Another report.", "published": D1,
                                                   "collection": "atlantis", "csrf_token": admin.csrf})
    assert response.status_code == 422
    soup = page(response)
    assert "atlantis" in soup.select_one("[role=alert]").text and "yemen" in soup.select_one("[role=alert]").text
    assert soup.select_one("textarea[name=text]").text == "Another report."


def test_reports_of_one_day_merge_within_a_collection_never_across(admin, settings, h, fake_extractor):
    create(admin, "north", "North")
    first = upload(admin, "Shelling hit the border town.", D1)
    same = upload(admin, "The border town was shelled, officials said.", D1)
    other = upload(admin, "Shelling hit the border town, residents said.", D1, "north")
    h.run_queued(settings)
    first_events, same_events = events_of(settings, article_of(admin, first)), events_of(settings, article_of(admin, same))
    assert first_events == same_events  # the control: one day, one collection, one event
    assert not events_of(settings, article_of(admin, other)) & first_events
    assert_consistent(settings)


def move(admin, article_id: str, collection: str) -> str:
    form = page(admin.get(f"/admin/articles/{article_id}/move"))
    assert collection in [o["value"] for o in form.select("select[name=collection] option")]
    response = admin.post(f"/admin/articles/{article_id}/move", data={"collection": collection,
                                                                       "csrf_token": admin.csrf},
                          follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[-1]


def test_moving_articles_merges_them_again_in_their_new_collection_and_keeps_every_permalink(
        admin, anon, settings, h, fake_extractor):
    create(admin, "b", "Collection B")
    jobs = {name: upload(admin, text, day, where) for name, text, day, where in (
        # (worded alike: two reports of one day join by their shared names and words)
        ("x", "X reports the Geneva peace talks.", D1, None),
        ("y", "Y reports the Geneva peace talks too.", D1, None),      # joins X's event in the default collection
        ("w", "W reports the Sirte ceasefire agreement.", D2, None),
        ("z", "Z reports the Sirte ceasefire agreement as well.", D2, "b"),
        ("x2", "X2 reports the Doha summit meeting.", D4, None),
        ("y2", "Y2 reports the Doha summit meeting too.", D4, None),   # joins X2's event
    )}
    h.run_queued(settings)
    ids = {name: article_of(admin, job_id) for name, job_id in jobs.items()}
    (e_x,), (e_w,), (e_z,), (e_x2,) = (events_of(settings, ids[n]) for n in ("x", "w", "z", "x2"))
    assert events_of(settings, ids["y"]) == {e_x} and events_of(settings, ids["y2"]) == {e_x2}
    before = {event_id: anon.get(f"/events/{event_id}", follow_redirects=False).status_code
              for event_id in (e_x, e_w, e_z, e_x2)}
    assert set(before.values()) == {301}  # the short address redirects to the one with the slug

    # Y's report leaves X's event (X founded it) and finds nothing of its day in B: a new event.
    job = move(admin, ids["y"], "b")
    h.run_queued(settings)
    moved = admin.get(f"/api/jobs/{job}").json()
    assert moved["status"] == "done" and moved["moves"] == ids["y"] and moved["events_left"] == [e_x]
    (e_y,) = events_of(settings, ids["y"])
    assert moved["events_created"] == [e_y] and collection_of_event(settings, e_y) == "b"
    assert collection_of_event(settings, e_x) == "default" and events_of(settings, ids["x"]) == {e_x}

    # W's event is W's alone: it goes with W, and in B it is the same as Z's: merged, 301.
    job = move(admin, ids["w"], "b")
    h.run_queued(settings)
    moved = admin.get(f"/api/jobs/{job}").json()
    assert moved["events_merged"] == {e_w: e_z}
    redirect = anon.get(f"/events/{e_w}", follow_redirects=False)
    assert redirect.status_code == 301 and redirect.headers["location"].startswith(f"/events/{e_z}/")
    assert events_of(settings, ids["w"]) == {e_z}

    # X2 founded an event Y2 also reports: the event (its id) goes with X2; Y2's report stays
    # behind as an event of its own, whose id is Y2's report's key.
    job = move(admin, ids["x2"], "b")
    h.run_queued(settings)
    moved = admin.get(f"/api/jobs/{job}").json()
    assert moved["events_moved"] == [e_x2]
    (left,) = events_of(settings, ids["y2"])
    assert moved["events_left"] == [left] and left != e_x2
    assert collection_of_event(settings, e_x2) == "b" and collection_of_event(settings, left) == "default"
    event_page = page(anon.get(f"/events/{e_x2}"))
    assert event_page.select_one(".event-collection a")["href"] == "/c/b/"

    # Every address that answered before still answers, with the same status or a redirect to the
    # event that now holds its report; nothing drifts and no event spans two collections.
    for event_id in (e_x, e_w, e_z, e_x2):
        response = anon.get(f"/events/{event_id}")
        assert response.status_code == 200, event_id
    job_page = page(admin.get(f"/admin/jobs/{job}"))
    assert "moved from the collection" in job_page.select_one("#job-status").text
    assert_consistent(settings)


def test_moving_is_refused_into_the_same_collection_or_an_unknown_one(admin, settings, h, fake_extractor):
    job_id = upload(admin, "A report.", D1)
    h.run_queued(settings)
    article = article_of(admin, job_id)
    for slug, status, words in (("default", 409, "already in"), ("nowhere", 422, "no collection 'nowhere'")):
        response = admin.post(f"/admin/articles/{article}/move", data={"collection": slug, "csrf_token": admin.csrf})
        assert response.status_code == status, slug
        assert words in page(response).select_one("[role=alert]").text
