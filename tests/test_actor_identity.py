"""Actor identity across articles: a name given alone is the one stored actor it stands for."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db import session_scope

pytestmark = pytest.mark.nlp


def test_a_surname_alone_is_the_one_stored_person_of_that_name(fresh_settings):
    """An article naming only "Gadhafi" joins the actor another article named in full."""
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.models import Actor
    from app.pipeline.types import ArticleInput

    import datetime as dt

    first = ArticleInput("Libyan leader Moammar Gadhafi condemned the rebels on Monday and vowed to crush the uprising.",
                         dt.date(2011, 3, 1), origin="first")
    second = ArticleInput("On Wednesday, Gaddafi denounced the Western air strikes.", dt.date(2011, 3, 3), origin="second")
    outcomes = list(ingest_all([first, second], fresh_settings, pipeline_steps(fresh_settings)))
    assert [o.status for o in outcomes] == ["added", "added"]
    with session_scope(fresh_settings.database_url) as session:
        named = session.execute(select(Actor.id, Actor.name).where(Actor.events_count > 0)).all()
    gaddafis = [actor_id for actor_id, name in named if "add" in name.lower() or "adh" in name.lower()]
    assert len(gaddafis) == 1, named


def test_a_hyphenated_surname_alone_is_the_one_stored_person_of_that_name(fresh_settings):
    """ "Moreno-Ocampo" alone, in a later article, is the prosecutor an earlier one named in full."""
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.models import Actor
    from app.pipeline.types import ArticleInput

    import datetime as dt

    first = ArticleInput("The court's prosecutor, Luis Moreno-Ocampo, said on Monday that he would seek arrest warrants "
                         "for three commanders.", dt.date(2011, 5, 2), origin="first")
    second = ArticleInput("On Wednesday, Moreno-Ocampo said the commanders had ordered the attacks on civilians.",
                          dt.date(2011, 5, 4), origin="second")
    outcomes = list(ingest_all([first, second], fresh_settings, pipeline_steps(fresh_settings)))
    assert [o.status for o in outcomes] == ["added", "added"]
    with session_scope(fresh_settings.database_url) as session:
        named = session.execute(select(Actor.id, Actor.name).where(Actor.events_count > 0)).all()
    prosecutors = [actor_id for actor_id, name in named if "ocampo" in name.lower()]
    assert len(prosecutors) == 1, named


def _ingest(settings, *articles, collection=None):
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps

    outcomes = list(ingest_all(list(articles), settings, pipeline_steps(settings), collection=collection))
    assert [o.status for o in outcomes] == ["added"] * len(articles), outcomes


def _people(settings):
    from app.models import Actor, CollectionActor

    with session_scope(settings.database_url) as session:
        return session.execute(select(Actor.id, Actor.name, CollectionActor.collection_id, CollectionActor.events_count)
                               .join(CollectionActor, CollectionActor.actor_id == Actor.id)
                               .where(Actor.kind == "person", CollectionActor.events_count > 0)).all()


def _ingested_one_by_one(settings, articles) -> dict[str, int]:
    """Each article ingested by itself, in this order; then each person's name and event count."""
    for article in articles:
        _ingest(settings, article)
    return {name: count for _, name, _, count in _people(settings)}


def test_a_surname_stored_first_joins_the_full_name_named_later(fresh_settings, fresh_client):
    """ "Haddad" alone in the first article, "Omar Haddad" in the second: one person, who holds
    both events; the surname's old id still filters, in the API and on the page."""
    import datetime as dt

    from app.pipeline.types import ArticleInput

    first = ArticleInput("On Monday, Haddad condemned the shelling of the refugee camp.", dt.date(2011, 5, 2),
                         origin="first")
    _ingest(fresh_settings, first)
    [(surname_id, surname, _, _)] = _people(fresh_settings)
    assert surname == "Haddad"
    second = ArticleInput("Britain's foreign secretary, Omar Haddad, condemned the attack on the aid convoy on Wednesday.",
                          dt.date(2011, 5, 4), origin="second")
    _ingest(fresh_settings, second)
    [(full_id, name, _, count)] = _people(fresh_settings)
    assert (name, count) == ("Omar Haddad", 2)
    # an old link that filtered by the surname finds the person's events, both of them
    api = fresh_client.get(f"/api/events?actor={surname_id}")
    assert api.status_code == 200 and len(api.json()["items"]) == 2, api.text
    page = fresh_client.get(f"/?actor={surname_id}", follow_redirects=False)
    assert page.status_code == 303 and f"actor={full_id}" in page.headers["location"]
    # and the surname is one of the person's names for a reader who types it
    assert [a["id"] for a in fresh_client.get("/api/actors?q=Haddad").json()["items"]] == [full_id]


def test_a_surname_is_folded_only_within_its_collection_and_only_when_one_name_fits(fresh_settings):
    import datetime as dt

    from app.db import session_scope as scope
    from app.pipeline.types import ArticleInput
    from app.services.collections import CollectionFields, create_collection

    with scope(fresh_settings.database_url) as session:
        create_collection(session, "test", "elsewhere", CollectionFields("Elsewhere"))
        session.commit()
    _ingest(fresh_settings, ArticleInput("On Monday, Haddad condemned the shelling of the refugee camp.",
                                         dt.date(2011, 5, 2), origin="here"))
    _ingest(fresh_settings, ArticleInput("On Tuesday, Haddad condemned the bombing of the market.",
                                         dt.date(2011, 5, 3), origin="there"), collection="elsewhere")
    _ingest(fresh_settings, ArticleInput("Britain's foreign secretary, Omar Haddad, condemned the attack on the "
                                         "aid convoy on Wednesday.", dt.date(2011, 5, 4), origin="full"))
    people = sorted((name, collection, count) for _, name, collection, count in _people(fresh_settings))
    # the other collection's Haddad may be someone else: that one stays as it was
    assert people == [("Haddad", 2, 1), ("Omar Haddad", 1, 2)], people
    # two people of one surname: a later lone "Haddad" stands for neither, nothing more is folded
    _ingest(fresh_settings, ArticleInput("Syria's envoy, Karim Haddad, condemned the sanctions on Thursday.",
                                         dt.date(2011, 5, 5), origin="second full"),
            ArticleInput("On Friday, Haddad condemned the raids on the port.", dt.date(2011, 5, 6), origin="lone"))
    people = sorted((name, collection, count) for _, name, collection, count in _people(fresh_settings))
    assert ("Omar Haddad", 1, 2) in people and ("Karim Haddad", 1, 1) in people and ("Haddad", 1, 1) in people, people


def test_a_full_name_is_never_folded_into_a_longer_one(fresh_settings):
    # Two words are a full name of their own: a later, longer name that ends with them (here a
    # credit glued in front) does not take its events.
    import datetime as dt

    from app.pipeline.types import ArticleInput

    _ingest(fresh_settings, ArticleInput("Britain's foreign secretary, Omar Haddad, condemned the attack on the "
                                         "aid convoy on Wednesday.", dt.date(2011, 5, 4), origin="full"))
    _ingest(fresh_settings, ArticleInput("Karim Sayegh Omar Haddad condemned the shelling of the port on Thursday.",
                                         dt.date(2011, 5, 5), origin="longer"))
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert people.get("Omar Haddad") == 1, people


def test_a_surname_after_particles_is_the_one_stored_person_of_that_name(fresh_settings):
    """ "bin Talal" alone, in either order, is the one person an article named in full."""
    import datetime as dt

    from app.pipeline.types import ArticleInput

    _ingest(fresh_settings, ArticleInput("On Monday, bin Talal condemned the bombing of the market in the capital.",
                                         dt.date(2011, 5, 2), origin="first"))
    _ingest(fresh_settings, ArticleInput("The militia's founder, Khalid bin Talal, denounced the air strikes on "
                                         "Wednesday.", dt.date(2011, 5, 4), origin="second"))
    _ingest(fresh_settings, ArticleInput("On Friday, bin Talal threatened to attack the port.",
                                         dt.date(2011, 5, 6), origin="third"))
    people = [(name, count) for _, name, _, count in _people(fresh_settings)]
    assert people == [("Khalid bin Talal", 3)], people


def test_a_surname_several_people_bear_is_the_one_the_collection_reports_far_more(fresh_settings):
    """ "Haddad" alone, while Omar and Karim Haddad are each named once, is neither; once the
    collection reports Omar twenty-odd times, that lone surname's event joins him, and so does a
    later one. Karim keeps his own."""
    import datetime as dt

    from app.pipeline.types import ArticleInput

    _ingest(fresh_settings, ArticleInput("Britain's foreign secretary, Omar Haddad, condemned the attack on the "
                                         "aid convoy on Monday.", dt.date(2011, 5, 2), origin="omar"),
            ArticleInput("Syria's envoy, Karim Haddad, condemned the sanctions on Tuesday.",
                         dt.date(2011, 5, 3), origin="karim"),
            ArticleInput("On Wednesday, Haddad condemned the shelling of the refugee camp.",
                         dt.date(2011, 5, 4), origin="lone"))
    counts = {name: count for _, name, _, count in _people(fresh_settings)}
    assert counts == {"Omar Haddad": 1, "Karim Haddad": 1, "Haddad": 1}, counts
    towns = ["Ajdabiya", "Brega", "Zawiya", "Misrata", "Sirte", "Tobruk", "Derna", "Benghazi", "Zintan", "Gharyan",
             "Sabha", "Yafran", "Nalut", "Kufra", "Ghadames", "Bani Walid", "Tarhuna", "Khoms", "Zliten", "Sabratha",
             "Surman", "Jadu"]
    statements = " ".join(f"On {day} June, Britain's foreign secretary, Omar Haddad, condemned the shelling of {town}."
                          for day, town in enumerate(towns, start=1))
    _ingest(fresh_settings, ArticleInput(statements, dt.date(2011, 6, 30), origin="omar again"))
    counts = {name: count for _, name, _, count in _people(fresh_settings)}
    assert counts.get("Omar Haddad", 0) >= 22 and counts.get("Karim Haddad") == 1, counts
    assert "Haddad" not in counts, counts  # the lone surname's event moved to Omar
    _ingest(fresh_settings, ArticleInput("On Friday, Haddad condemned the raids on the port.", dt.date(2011, 7, 8),
                                         origin="lone again"))
    later = {name: count for _, name, _, count in _people(fresh_settings)}
    assert later["Omar Haddad"] == counts["Omar Haddad"] + 1 and "Haddad" not in later, later


@pytest.mark.parametrize("full_first", [True, False])
def test_a_compound_given_name_alone_is_the_one_person_it_opens(fresh_settings, full_first):
    """ "Saif al-Islam" alone is Saif al-Islam Gaddafi, whichever article came first; a given
    name of one word alone ("Saif") is nobody in particular."""
    import datetime as dt

    from app.pipeline.types import ArticleInput

    full = ArticleInput("The colonel's son, Nasr al-Din Haddad, condemned the air strikes on Monday.",
                        dt.date(2011, 5, 2), origin="full")
    given = ArticleInput("On Wednesday, Nasr al-Din denounced the rebels in a televised speech.",
                         dt.date(2011, 5, 4), origin="given")
    people = _ingested_one_by_one(fresh_settings, (full, given) if full_first else (given, full))
    assert people == {"Nasr al-Din Haddad": 2}, people


def _omar_haddad_named_often(day=30):
    import datetime as dt

    from app.pipeline.types import ArticleInput

    towns = ["Ajdabiya", "Brega", "Zawiya", "Misrata", "Sirte", "Tobruk", "Derna", "Benghazi", "Zintan", "Gharyan",
             "Sabha", "Yafran", "Nalut", "Kufra", "Ghadames", "Bani Walid", "Tarhuna", "Khoms", "Zliten", "Sabratha",
             "Surman", "Jadu"]
    statements = " ".join(f"On {n} June, Britain's foreign secretary, Omar Haddad, condemned the shelling of {town}."
                          for n, town in enumerate(towns, start=1))
    return ArticleInput(statements, dt.date(2011, 6, day), origin=f"omar haddad {day}")


@pytest.mark.parametrize("lone_first", [True, False])
def test_a_given_name_alone_is_the_one_prominent_person_who_bears_it(fresh_settings, lone_first):
    """ "Omar" alone is Omar Haddad once the collection reports him often and knows no other
    Omar, whichever came first; while he is named once, "Omar" is nobody in particular."""
    import datetime as dt

    from app.pipeline.types import ArticleInput

    once = ArticleInput("Britain's foreign secretary, Omar Haddad, condemned the attack on the aid convoy on Monday.",
                        dt.date(2011, 5, 2), origin="once")
    lone = ArticleInput("On Wednesday, Omar condemned the shelling of the refugee camp.", dt.date(2011, 7, 6),
                        origin="lone")
    if lone_first:
        _ingest(fresh_settings, once, lone)
        counts = {name: count for _, name, _, count in _people(fresh_settings)}
        assert counts == {"Omar Haddad": 1, "Omar": 1}, counts
        _ingest(fresh_settings, _omar_haddad_named_often())  # the lone name's event moves to him
    else:
        _ingest(fresh_settings, once, _omar_haddad_named_often(), lone)  # the lone name finds him
    counts = {name: count for _, name, _, count in _people(fresh_settings)}
    assert "Omar" not in counts and counts["Omar Haddad"] >= 24, counts


def test_a_given_name_two_known_people_bear_stays_nobody_in_particular(fresh_settings):
    import datetime as dt

    from app.pipeline.types import ArticleInput

    _ingest(fresh_settings,
            ArticleInput("The rebels' envoy, Omar Sayegh, condemned the sanctions on Tuesday.", dt.date(2011, 5, 3),
                         origin="sayegh"),
            ArticleInput("On Wednesday, Omar condemned the shelling of the refugee camp.", dt.date(2011, 7, 6),
                         origin="lone"),
            _omar_haddad_named_often())
    counts = {name: count for _, name, _, count in _people(fresh_settings)}
    assert counts.get("Omar") == 1 and counts.get("Omar Sayegh") == 1 and counts.get("Omar Haddad", 0) >= 22, counts


@pytest.mark.parametrize("glued_first", [True, False])
def test_a_name_with_the_article_glued_on_or_apart_is_one_person(fresh_settings, glued_first):
    """ "Karim Elamrani" and "Karim Al-Amrani" are one person, whichever article came first."""
    import datetime as dt

    from app.pipeline.types import ArticleInput

    glued = ArticleInput("The league's envoy, Karim Elamrani, condemned the shelling of the port on Monday.",
                         dt.date(2011, 5, 2), origin="glued")
    apart = ArticleInput("On Wednesday, the league's envoy, Karim Al-Amrani, denounced the siege of the city.",
                         dt.date(2011, 5, 4), origin="apart")
    people = _ingested_one_by_one(fresh_settings, (glued, apart) if glued_first else (apart, glued))
    assert list(people.values()) == [2], people


def test_both_spellings_in_one_article_fold_into_one_person(fresh_settings):
    import datetime as dt

    from app.pipeline.types import ArticleInput

    _ingest(fresh_settings, ArticleInput(
        "The league's envoy, Karim Elamrani, condemned the shelling of the port on Monday. "
        "On Tuesday, Karim Al-Amrani denounced the siege of the city.", dt.date(2011, 5, 4), origin="both"))
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert len(people) == 1 and sum(people.values()) == 2, people


def _envoy(name: str, day: int, origin: str, state: str = "Syria"):
    import datetime as dt

    from app.pipeline.types import ArticleInput

    towns = {2: "the port", 4: "the old city", 6: "the airport", 8: "the northern suburbs"}
    return ArticleInput(f"The league's envoy, {name}, condemned {state}'s shelling of {towns[day]} on Monday.",
                        dt.date(2011, 5, day), origin=origin)


@pytest.mark.parametrize("short_first", [True, False])
def test_a_first_and_last_name_is_the_one_fuller_name_with_a_middle_name(fresh_settings, short_first):
    short, full = _envoy("Karim Sayegh", 2, "short"), _envoy("Karim Nasser Sayegh", 4, "full")
    for article in ((short, full) if short_first else (full, short)):
        _ingest(fresh_settings, article)
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert people == {"Karim Nasser Sayegh": 2}, people


def test_an_initial_or_two_fuller_names_keep_a_short_name_apart(fresh_settings):
    # George Bush and George W. Bush are two people; so may "Karim Sayegh" be when two fuller names fit.
    _ingest(fresh_settings, _envoy("Karim Sayegh", 2, "short"), _envoy("Karim W. Sayegh", 4, "initial"))
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert people == {"Karim Sayegh": 1, "Karim W. Sayegh": 1}, people


def test_a_short_name_two_fuller_names_fit_stays_apart(fresh_settings):
    _ingest(fresh_settings, _envoy("Karim Nasser Sayegh", 6, "one"), _envoy("Karim Omar Sayegh", 8, "another"),
            _envoy("Karim Sayegh", 2, "short"))
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert people == {"Karim Nasser Sayegh": 1, "Karim Omar Sayegh": 1, "Karim Sayegh": 1}, people


def test_a_short_name_and_a_fuller_one_of_another_war_stay_two(fresh_settings):
    _ingest(fresh_settings, _envoy("Karim Sayegh", 2, "short"), _envoy("Karim Nasser Sayegh", 4, "full", state="Peru"))
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert people == {"Karim Sayegh": 1, "Karim Nasser Sayegh": 1}, people


def test_the_more_reported_spelling_of_one_person_is_the_one_kept(fresh_settings):
    import datetime as dt

    from app.pipeline.types import ArticleInput

    later = ArticleInput("The league's envoy, Karim Sayegh, accused Syria of bombing a hospital in Homs on Thursday.",
                         dt.date(2011, 6, 17),
                         origin="two")
    _ingest(fresh_settings, _envoy("Karim Sayegh", 2, "one"), later, _envoy("Karim Nasser Sayegh", 4, "full"))
    people = {name: count for _, name, _, count in _people(fresh_settings)}
    assert people == {"Karim Sayegh": 3}, people
