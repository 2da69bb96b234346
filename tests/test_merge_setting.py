"""Reports that name no place of their own are placed by their article: two wars' placeless
reports of the same day never become one event, while the same war's do (a real database, the
real writer; extractions made by hand so the test says exactly what each report names)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.db import session_scope
from app.models import DEFAULT_COLLECTION, Mention
from app.pipeline.merge import article_setting
from app.pipeline.types import (
    ActorRef, ArticleExtraction, ArticleInput, DateInterval, EventCandidate, EventDate, PlaceRef, Sentence,
)
from app.services.articles import add_article

DAY = dt.date(2011, 3, 25)
TEAR_GAS = "Police fired tear gas at thousands of protesters after Friday prayers."


def place(name: str, country: str) -> PlaceRef:
    return PlaceRef(name.lower(), name, name, 0, len(name), country=country)


def report(lines: list[tuple[str, tuple[PlaceRef, ...]]], day: dt.date = DAY) -> tuple[ArticleInput, ArticleExtraction]:
    """An article of these lines: the placed ones attacks (each a happening of its own), the
    placeless one a protest."""
    sentences, events, start = [], [], 0
    for number, (line, places) in enumerate(lines):
        sentence = Sentence(number, start, start + len(line), line)
        sentences.append(sentence)
        events.append(EventCandidate(
            sentence=sentence, ordinal=0, type="attack" if places else "protest", title=line[:60], trigger="x", trigger_start=start,
            trigger_end=start + 1, modality="asserted", date=EventDate(DateInterval(day, day, "day"), "explicit", "test"),
            places=places))
        start += len(line) + 1
    text = "\n".join(line for line, _ in lines)
    return (ArticleInput(text, day, lines[0][0][:30], "Wire"),
            ArticleExtraction(title=lines[0][0][:30], body=((0, len(text)),), sentences=tuple(sentences),
                              timexes=(), events=tuple(events)))


def event_of(session, article_id: str, sentence: str) -> str:
    return session.execute(select(Mention.event_id).where(Mention.article_id == article_id,
                                                          Mention.sentence == sentence)).scalar_one()


def test_the_article_sets_the_country_of_its_placeless_reports():
    first, _ = report([("Crowds marched in Homs.", (place("Homs", "syria"),)),
                       ("Protesters gathered in Deraa.", (place("Deraa", "syria"),)),
                       (TEAR_GAS, ())])[1].events, None
    assert article_setting(first) == frozenset({"syria"})
    assert article_setting(first[2:]) == frozenset()


def test_two_wars_placeless_reports_of_one_day_stay_apart_and_one_wars_join(fresh_settings):
    syria = report([("Gunmen shot two guards in Homs.", (place("Homs", "syria"),)), (TEAR_GAS, ())])
    egypt = report([("A bomb exploded at a church in Alexandria.", (place("Alexandria", "egypt"),)), (TEAR_GAS, ())])
    syria_again = report([("Troops shelled a district of Hama.", (place("Hama", "syria"),)), (TEAR_GAS, ())])
    with session_scope(fresh_settings.database_url) as session:
        first = add_article(session, *syria, collection=DEFAULT_COLLECTION).article_id
        other_war = add_article(session, *egypt, collection=DEFAULT_COLLECTION).article_id
        same_war = add_article(session, *syria_again, collection=DEFAULT_COLLECTION).article_id
    with session_scope(fresh_settings.database_url) as session:
        assert event_of(session, other_war, TEAR_GAS) != event_of(session, first, TEAR_GAS)
        assert event_of(session, same_war, TEAR_GAS) == event_of(session, first, TEAR_GAS)


def statement_article(setting_lines: list[tuple[str, PlaceRef]], said: str) -> tuple[ArticleInput, ArticleExtraction]:
    """An article whose attacks are set in one country and whose last line is a statement by the
    United States that names no other country."""
    article, extraction = report([(line, (where,)) for line, where in setting_lines] + [(said, ())])
    speaker = ActorRef("united-states", "United States", "state", "speaker", "United States", 0, 13)
    last = extraction.events[-1]
    statement = EventCandidate(**{**last.__dict__, "type": "statement", "actors": (speaker,)})
    return article, ArticleExtraction(**{**extraction.__dict__, "events": extraction.events[:-1] + (statement,)})


def test_one_speakers_statements_of_one_day_about_two_wars_stay_apart(fresh_settings):
    # Washington's words the same day, each naming no country but its own: what each is about is
    # where its article is set, so the statement from a Syria story never joins the Libya one.
    libya = statement_article([("Rebels shelled Brega.", place("Brega", "libya"))],
                              "The United States said the attacks must stop.")
    syria = statement_article([("Troops stormed Hama.", place("Hama", "syria"))],
                              "The United States said the killing must end now.")
    libya_again = statement_article([("Rockets hit Misrata.", place("Misrata", "libya"))],
                                    "The United States said it was deeply concerned.")
    with session_scope(fresh_settings.database_url) as session:
        first = add_article(session, *libya, collection=DEFAULT_COLLECTION).article_id
        other_war = add_article(session, *syria, collection=DEFAULT_COLLECTION).article_id
        same_war = add_article(session, *libya_again, collection=DEFAULT_COLLECTION).article_id
    with session_scope(fresh_settings.database_url) as session:
        washington_on_libya = event_of(session, first, "The United States said the attacks must stop.")
        assert event_of(session, other_war, "The United States said the killing must end now.") != washington_on_libya
        # one speaker's reaction on one day is one event (the codebook)
        assert event_of(session, same_war, "The United States said it was deeply concerned.") == washington_on_libya


def test_a_report_finds_its_event_in_a_busy_week(fresh_settings):
    # More attacks in the days before than the merge compares a report with: the event of the
    # report's own day must still be among them, so the same sentence in a later article joins it.
    from app.services.articles import MERGE_CANDIDATE_LIMIT

    busy = report([(f"Shells hit the village of Town{n}.", (place(f"Town{n}", "syria"),))
                   for n in range(MERGE_CANDIDATE_LIMIT + 10)], day=DAY - dt.timedelta(days=3))
    shot = "Gunmen shot two guards at the Kolo checkpoint."
    kolo = (place("Kolo", "syria"),)
    with session_scope(fresh_settings.database_url) as session:
        add_article(session, *busy, collection=DEFAULT_COLLECTION)
        first = add_article(session, *report([(shot, kolo)]), collection=DEFAULT_COLLECTION).article_id
    later_article, later = report([(shot, kolo), ("Aid reached the valley.", ())])
    later_article = ArticleInput(later_article.text, DAY + dt.timedelta(days=1), "The next day", "Agency")
    with session_scope(fresh_settings.database_url) as session:
        again = add_article(session, later_article, later, collection=DEFAULT_COLLECTION).article_id
    with session_scope(fresh_settings.database_url) as session:
        assert event_of(session, again, shot) == event_of(session, first, shot)
