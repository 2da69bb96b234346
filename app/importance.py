"""How much an event matters, as one number from 0 to 100: what "key events" and `sort=importance`
order by. Pure: it reads values, never the database (app/services/importance.py stores it).

An analyst reading a war's chronology first wants the killings, the offensives and the ceasefires
that several newsrooms reported, not the hundredth statement. So the score adds up three parts
and scales them by how firmly the event is reported:

- **severity** of the event's family in the taxonomy (violence 40, a blockade 28, an agreement 24,
  ... a statement 4): what kind of thing happened;
- **corroboration**: 12 points per doubling of the *distinct publishers* that report it (1
  publisher 0, 2 publishers 12, 4 publishers 24; at most 30). Publishers, not mentions or
  articles: one newsroom repeating itself in ten updates is still one voice;
- **toll**: the largest number of people reported killed or hurt in any one report, on a log
  scale (10 people 8 points, 100 people 16, 1,000 people 24; at most 30). Deaths count fully, a
  mixed "killed or injured" figure 0.6, injuries alone 0.35. Figures are kept as written
  ("dozens", "over 60"); words are read as round numbers (dozens 24, hundreds 200);
- **modality**: reported as having happened 1.0; claimed by one side 0.8; planned or threatened
  0.6; denied 0.5; only possible 0.4.

importance = round((severity + corroboration + toll) x modality), between 0 and 100.

Raw mention counts are deliberately not part of it: an event retold in every paragraph of one
long article is not more important for that. The score is stored on the event
(`event.importance`, migration 0006) and recomputed whenever its mentions, figures, type or
modality change; `timeline check` compares the stored numbers with a recount.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from app.taxonomy import event_types

# Points for the kind of happening, by the taxonomy's family (event_types.toml); a type whose
# family is not listed gets DEFAULT_SEVERITY.
FAMILY_SEVERITY = {
    "violence": 40,
    "blockade": 28,
    "agreement": 24,
    "retreat": 22,
    "humanitarian": 22,
    "force_posture": 20,
    "sanctions": 20,
    "protest": 18,
    "politics": 18,
    "legal": 16,
    "diplomacy": 14,
    "threat": 12,
    "support": 12,
    "disapproval": 8,
    "appeal": 8,
    "statement": 4,
}
DEFAULT_SEVERITY = 10
MODALITY_FACTOR = {
    "asserted": 1.0,
    "claimed": 0.8,
    "planned": 0.6,
    "threatened": 0.6,
    "denied": 0.5,
    "hypothetical": 0.4,
}
PUBLISHER_POINTS = 12  # per doubling of distinct publishers
PUBLISHER_CAP = 30
TOLL_POINTS = 8  # per tenfold toll
TOLL_CAP = 30
# Tiers the pages draw differently: a key event is heavier, a notable one a little.
KEY = 50
NOTABLE = 30

DEATHS = re.compile(r"\b(kill\w*|dead|death\w*|died|fatalit\w*|lives)\b", re.IGNORECASE)
HURT = re.compile(r"\b(injur\w*|wound\w*|hurt|casualt\w*|maimed)\b", re.IGNORECASE)
PEOPLE_WORDS = {
    "a dozen": 12, "dozen": 12, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "tens of thousands": 20000, "hundreds of thousands": 200000, "millions": 2000000,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "a thousand": 1000,
}
NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million|thousand)?", re.IGNORECASE)
# Words that come before a number without changing it much: "over 60", "at least 25".
HEDGES = re.compile(r"^(?:about|around|at least|more than|over|nearly|almost|up to|some|approximately|roughly|"
                    r"an estimated|as many as|upwards of)\s+", re.IGNORECASE)


def severity(event_type: str) -> int:
    family = event_types().get(event_type, {}).get("family")
    return FAMILY_SEVERITY.get(family, DEFAULT_SEVERITY)


def is_speech(event_type: str) -> bool:
    """Statements and the other speech acts (the taxonomy's `verbal` types)."""
    return bool(event_types().get(event_type, {}).get("verbal"))


def quantity_value(quantity: str) -> float | None:
    """A figure's quantity as a number: "25" 25, "1,200" 1200, "over 60" 60, "dozens" 24,
    "2.5 million" 2,500,000; None when it is not a number of anything ("several")."""
    text = HEDGES.sub("", " ".join(str(quantity).lower().split()))
    if text in PEOPLE_WORDS:
        return float(PEOPLE_WORDS[text])
    match = NUMBER.match(text)
    if not match:
        return None
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    scale = (match.group(2) or "").lower()
    return value * (1_000_000 if scale == "million" else 1000 if scale == "thousand" else 1)


def toll(figures: Iterable[Mapping[str, Any]]) -> float:
    """The largest weighted count of people killed or hurt among these figures (0 if none)."""
    largest = 0.0
    for figure in figures:
        what = str(figure.get("what") or "")
        deaths, hurt = bool(DEATHS.search(what)), bool(HURT.search(what))
        if not (deaths or hurt):
            continue  # military posts, loot, distances: not people
        value = quantity_value(str(figure.get("quantity") or ""))
        if value is None:
            continue
        weight = 0.6 if deaths and hurt else 1.0 if deaths else 0.35
        largest = max(largest, value * weight)
    return largest


def score(event_type: str, modality: str, publishers: int, figures: Iterable[Mapping[str, Any]] = ()) -> int:
    """The importance of an event of this type and modality, reported by `publishers` distinct
    publishers, whose reports give these figures."""
    corroboration = min(PUBLISHER_POINTS * math.log2(publishers), PUBLISHER_CAP) if publishers > 1 else 0.0
    people = toll(figures)
    hurt = min(TOLL_POINTS * math.log10(1 + people), TOLL_CAP) if people else 0.0
    total = (severity(event_type) + corroboration + hurt) * MODALITY_FACTOR.get(modality, 1.0)
    return max(0, min(100, round(total)))


def tier(importance: int) -> str:
    """"key", "notable" or "" for a card's weight on the page."""
    if importance >= KEY:
        return "key"
    if importance >= NOTABLE:
        return "notable"
    return ""
