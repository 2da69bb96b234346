"""The event page says how a date was read in plain words: every dating rule the tagger uses on
real reports (a sample of Timeline17 articles) has words, not just its internal name."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.pipeline.timex import interval, tag
from app.web.reading import plain_rule, rule_words

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
