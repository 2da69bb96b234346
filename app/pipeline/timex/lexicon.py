"""Loads the word lists in lexicon.toml once and builds the regex fragments the rules share."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LEXICON_PATH = Path(__file__).with_name("lexicon.toml")


def _alt(words: list[str] | set[str]) -> str:
    """A regex alternation of literal words, longest first so the longest wins."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague: set[str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int, bool]]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    decade_words: dict[str, int]
    timezones: list[str]
    holidays_fixed: dict[str, tuple[int, int]]
    holidays_floating: dict[str, tuple[int, int, int]]
    holidays_easter: dict[str, int]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    title_words: frozenset[str]

    # regex fragments (no groups, to be embedded)
    @property
    def month_full_re(self) -> str:
        return _alt(self._full_months())

    def _full_months(self) -> list[str]:
        return [m for m in self.months if (len(m) > 3 and m != "sept") or m == "may"]

    @property
    def full_names(self) -> frozenset[str]:
        """Months and weekdays spelt out ("march", "tuesday"), never their abbreviations ("sun")."""
        return frozenset(self._full_months()) | frozenset(w for w in self.weekdays if w.endswith("day"))

    @property
    def month_any_re(self) -> str:
        # abbreviations may carry a full stop: "Sept.", "Jan."
        full = self._full_months()
        abbr = [m for m in self.months if m not in full]
        return rf"(?:{_alt(full)}|(?:{_alt(abbr)})\.?)"

    @property
    def weekday_re(self) -> str:
        full = [w for w in self.weekdays if w.endswith("day")]
        return rf"(?:{_alt(full)})"

    @property
    def number_re(self) -> str:
        words = [w for w in self.numbers if w not in ("a", "an")]
        tens = [w for w, v in self.numbers.items() if isinstance(v, int) and 20 <= v <= 90 and v % 10 == 0]
        ones = [w for w, v in self.numbers.items() if isinstance(v, int) and 1 <= v <= 9 and w not in ("a", "an", "single")]
        compound = rf"(?:{_alt(tens)})[-\s](?:{_alt(ones)})"
        digits = r"\d+(?:\.\d+)?(?:\s+1/2)?"
        return rf"(?:{compound}|{digits}|(?:{_alt(words)})(?:\s+and\s+a\s+half)?|an?|{_alt(self.vague)})"

    @property
    def unit_re(self) -> str:
        return (
            r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|"
            r"decades?|centur(?:y|ies)|millenni(?:um|a|ums))"
        )

    @property
    def season_re(self) -> str:
        return _alt(self.seasons)

    @property
    def part_of_day_re(self) -> str:
        return _alt([p for p in self.parts_of_day if p not in ("tonight", "overnight")])

    @property
    def timezone_re(self) -> str:
        return _alt(self.timezones)

    @property
    def holiday_re(self) -> str:
        return _alt(list(self.holidays_fixed) + list(self.holidays_floating) + list(self.holidays_easter))

    @property
    def ordinal_word_re(self) -> str:
        return _alt([o for o in self.ordinals if o != "last"])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with _LEXICON_PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    units = {k: (v[0], int(v[1]), bool(v[2])) for k, v in raw["units"].items()}
    return Lexicon(
        months=dict(raw["months"]),
        weekdays=dict(raw["weekdays"]),
        numbers=dict(raw["numbers"]),
        vague=set(raw["vague_numbers"]),
        ordinals=dict(raw["ordinals"]),
        units=units,
        parts_of_day=dict(raw["parts_of_day"]),
        seasons=dict(raw["seasons"]),
        decade_words=dict(raw["decade_words"]),
        timezones=list(raw["timezones"]["names"]),
        holidays_fixed={k: (v[0], v[1]) for k, v in raw["holidays"]["fixed"].items()},
        holidays_floating={k: (v[0], v[1], v[2]) for k, v in raw["holidays"]["floating"].items()},
        holidays_easter={k: int(v) for k, v in raw["holidays"]["easter"].items()},
        future_cues=frozenset(raw["context"]["future"]),
        past_cues=frozenset(raw["context"]["past"]),
        title_words=frozenset(raw["names"]["title_words"]),
    )
