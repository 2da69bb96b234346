"""Event headlines over a sample of real war coverage (Timeline17: Egypt, Libya, Syria, Iraq).

tests/fixtures/t17_sample.jsonl holds 80 articles (20 per war) copied from the Timeline17 corpus,
de-tokenised as the corpus gives them. Every event title must read as a headline: no relative
date word (the date is shown beside it), no tokeniser mark, no clause left hanging.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from app.pipeline.extract import extract_many

SAMPLE = Path(__file__).parent.parent / "fixtures" / "t17_sample.jsonl"
# Relative date words ("Today" inside a name such as "USA Today" is a name, not a date).
RELATIVE = re.compile(r"(?<![A-Z][A-Za-z]\s)\b(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]omorrow|this (?:morning|afternoon|evening|week))\b")
MARKS = re.compile(r"-[LR][RSC]B-|``|''")
# A headline ends on what completes a phrase, never on these.
HANGING = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "but", "from",
           "into", "as", "that", "which", "who", "its", "their", "his", "her", "has", "have", "had", "is",
           "are", "was", "were", "will", "would", "said", "says"}


@pytest.fixture(scope="module")
def titles(nlp, resources):
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    items = [(r["text"], dt.date.fromisoformat(r["published"]), r.get("title")) for r in rows]
    return [h.profile.title for ex in extract_many(items, nlp, resources) for h in ex.happenings]


@pytest.mark.nlp
def test_at_least_five_hundred_titles_are_sampled(titles):
    assert len(titles) >= 500


@pytest.mark.nlp
def test_no_title_says_today_or_yesterday(titles):
    assert [t for t in titles if RELATIVE.search(t)] == []


@pytest.mark.nlp
def test_no_title_carries_a_tokeniser_mark(titles):
    assert [t for t in titles if MARKS.search(t)] == []


@pytest.mark.nlp
def test_no_title_ends_mid_clause(titles):
    hanging = [t for t in titles if t.split()[-1].lower().strip(".,;:") in HANGING or t.endswith(("-", ","))]
    assert hanging == []


@pytest.mark.nlp
def test_titles_start_with_a_capital_and_have_a_verb_or_event_noun(titles):
    assert all(t[:1].isupper() or not t[:1].isalpha() for t in titles)
    assert sum(1 for t in titles if len(t.split()) >= 3) >= 0.9 * len(titles)
