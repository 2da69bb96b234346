"""The event page says how a date was read in plain words: every dating rule the tagger uses on
real reports (a sample of Timeline17 articles) has words, not just its internal name."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.pipeline.timex import interval, tag
from app.web.reading import merge_sentence, names_phrase, plain_rule, rule_words

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "t17_sample.jsonl"


def test_every_rule_that_dates_a_report_of_the_sample_reads_in_words():
    rules = set()
    for line in SAMPLE.read_text().splitlines():
        article = json.loads(line)
        published = dt.date.fromisoformat(article["published"][:10])
        rules |= {timex.rule for timex in tag(article["text"], published) if interval(timex) is not None}
    assert len(rules) > 40  # the sample exercises the tagger widely
    # As the dating stage marks them: reported by a verb, carried from an earlier sentence.
    rules |= {f"reporting-verb:{rule}" for rule in rules} | {f"narrative-{rule}" for rule in rules}
    assert sorted(rule for rule in rules if plain_rule(rule) is None) == []


def test_composite_rules_read_part_by_part():
    assert rule_words("clock+weekday-past") == "a weekday, read as the last one before the report (at a time of day)"
    assert rule_words("this-week+the-end-of") == "\u201cthis week\u201d: the week of the report (the end of it)"
    assert rule_words("day-month-dct-year") == "a day and a month, in the year of the report"
    assert rule_words("end-of-week") == "the end of the week of the report"
    assert rule_words("no-such-rule") == "no such rule"  # shown by its name rather than hidden


def test_why_reports_are_one_event_reads_as_one_sentence_naming_the_publishers():
    reasons = ("the same day", "the same kind of event (attack)", "the same place (Sirte)",
               "the same parties (Libya, NATO)", "similar wording")
    assert merge_sentence(reasons, ("Reuters", "AP"), 2) == (
        "Reported by Reuters and AP on the same day, in the same place (Sirte), with the same parties"
        " (Libya, NATO), as the same kind of event (attack) and in similar words.")
    # Reasons stored by earlier releases read the same way; the ones that say nothing are left out.
    assert merge_sentence(("same month", "shared actors: Hamas", "below merge threshold"), ("BBC", "CNN", "AFP")) == (
        "Reported by BBC, CNN and AFP in the same month and with the same parties (Hamas).")
    # One publisher: the number of its articles; none named: the number of articles.
    assert merge_sentence(("the same day",), ("Reuters", "Reuters"), 3) == "Reported in 3 articles by Reuters on the same day."
    assert merge_sentence(("the same day",), (), 2) == "Reported in 2 articles on the same day."
    assert merge_sentence(("the same day",), [f"P{n}" for n in range(6)], 6).startswith("Reported by P0, P1, P2, P3 and 2 more on")
    assert merge_sentence(("no matching event",), ("Reuters", "AP"), 2) is None


def test_an_event_merged_several_times_says_each_thing_once():
    # Three reports joined one by one: each join recorded its own reasons.
    reasons = ("a report published within days of it, without a date of its own", "similar wording",
               "the same day", "related kinds of event (accusation, condemnation)",
               "the same kind of event (condemnation)", "the same parties (Azerbaijan, France)",
               "the same parties (France)", "the same place (nagorno-karabakh)")
    assert merge_sentence(reasons, ("VOA", "Reuters"), 3) == (
        "Reported by VOA and Reuters on the same day, in the same place (Nagorno-Karabakh), with the same"
        " parties (Azerbaijan, France), as the same kind of event (condemnation) and in similar words.")


def test_a_name_stored_once_as_a_key_and_once_as_a_name_is_said_once():
    # Older joins recorded a party's key, newer ones its name: the reader sees "Libya" once.
    reasons = ("the same day", "the same parties (Libya, Muammar Gaddafi)", "the same parties (libya)",
               "the same place (Sirte)", "the same place (sirte)")
    assert merge_sentence(reasons, ("Reuters", "AP"), 2) == (
        "Reported by Reuters and AP on the same day, in the same place (Sirte) and with the same"
        " parties (Libya, Muammar Gaddafi).")
    # the key alone is shown as stored, and a later proper name takes its place
    assert "parties (gunmen)" in merge_sentence(("the same parties (gunmen)",), ("A", "B"), 2)
    assert "parties (Hamas)" in merge_sentence(("the same parties (hamas)", "the same parties (Hamas)"), ("A", "B"), 2)


def test_a_list_of_publishers_reads_as_a_reader_says_it():
    assert names_phrase([]) == ""
    assert names_phrase(["Reuters"]) == "Reuters"
    assert names_phrase(["Reuters", "AP"]) == "Reuters and AP"
    assert names_phrase(["Reuters", "AP", "BBC"]) == "Reuters, AP and BBC"
    assert names_phrase(["Reuters", "AP", "BBC", "CNN", "NPR", "AFP"]) == "Reuters, AP, BBC, CNN and 2 more"
    # The merge sentence and the social description count the same way.
    assert merge_sentence(["same day"], ["Reuters", "AP", "BBC", "CNN", "NPR"], 5).startswith(
        "Reported by Reuters, AP, BBC, CNN and 1 more ")
