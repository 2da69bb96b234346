"""The rule table of the temporal expression tagger.

Each rule is a named, precompiled regular expression plus a resolver function that turns a match
into a candidate TIMEX3 (type, value) using the document creation time (DCT) and, for weekday and
month names, the tense of the surrounding clause. `RULES` at the bottom lists them all.

The tagger (see `__init__.py`) runs every rule over the text, keeps the longest non-overlapping
candidates, then applies a few post-passes (modifier prefixes such as "early"/"the end of",
clock time + day merging, signals).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import calendar as cal
from .lexicon import lexicon

LEX = lexicon()

# --------------------------------------------------------------------------------------------
# Candidates and context
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    type: str
    value: str
    rule: str
    relative: bool = False
    mod: str | None = None
    prio: int = 5


class Ctx:
    """The text being tagged, its DCT and cached helpers (tense of a clause, sentence lookups)."""

    __slots__ = ("text", "dct", "lower")

    def __init__(self, text: str, dct: dt.date) -> None:
        self.text = text
        self.dct = dct
        self.lower = text.lower()

    def direction(self, start: int, end: int) -> str:
        """"past" or "future": which way a bare weekday / month name points, from nearby cues.

        News reports mostly what has happened, so with no cue either way this says "past".
        """
        return clause_direction(self.lower, start, end) or "past"

    def cue(self, start: int, end: int) -> str:
        """"past", "future" or "" (no cue nearby)."""
        return clause_direction(self.lower, start, end)

    def sentence(self, pos: int) -> str:
        lo = max(self.lower.rfind(". ", 0, pos), self.lower.rfind("\n", 0, pos), 0)
        hi_candidates = [i for i in (self.lower.find(". ", pos), self.lower.find("\n", pos)) if i >= 0]
        hi = min(hi_candidates) if hi_candidates else len(self.lower)
        return self.lower[lo:hi]


_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_BOUNDARY = re.compile(r'(?<=[a-z0-9)]{3})\.(?=\s)|[!?;\n"“”]')
_NOT_PAST_ED = frozenset(
    {"need", "needed", "speed", "seed", "feed", "indeed", "hundred", "bed", "red", "united", "based", "armed",
     "led", "shed", "proposed", "expected", "scheduled", "planned", "alleged", "supposed", "so-called",
     "unprecedented", "limited", "detailed", "advanced", "interested", "concerned", "related", "disputed",
     "occupied", "embattled", "besieged", "wounded", "injured", "displaced", "wanted", "unidentified",
     "undisclosed", "sacred", "naked", "wicked", "kindred", "rugged", "ragged", "aged", "beloved"}
)


def clause_direction(lower: str, start: int, end: int) -> str:
    lo = max(0, start - 90)
    seg_before = lower[lo:start]
    m = None
    for m in _BOUNDARY.finditer(seg_before):
        pass
    if m is not None:
        seg_before = seg_before[m.end():]
    hi = min(len(lower), end + 50)
    seg_after = lower[end:hi]
    mb = _BOUNDARY.search(seg_after)
    if mb is not None:
        seg_after = seg_after[: mb.start()]
    before = _TOKEN.findall(seg_before)[-9:]
    after = _TOKEN.findall(seg_after)[:5]
    best: tuple[float, str] | None = None
    n = len(before)
    for dist in range(n):
        tok = before[n - 1 - dist]
        cue = _cue(tok)
        if cue == "past" and dist < n - 1 and before[n - 2 - dist] in ("be", "to"):
            continue  # "to be published", "to rejected": not a past tense
        if cue:
            best = (dist, cue)
            break
    for dist, tok in enumerate(after):
        if best is not None and dist + 0.5 >= best[0]:
            break
        if tok == "later" and dist > 0 and after[dist - 1] in _LATER_UNITS:
            continue  # "... Friday afternoon. Less than an hour later the company ...": a narrative's next step
        if tok == "later" and dist + 1 < len(after) and _cue(after[dist + 1]) == "past":
            # "rushed to hospital on Tuesday night, but later died": a past verb follows, the narrative's next step
            best = (dist + 0.5, "past")
            break
        cue = _cue(tok)
        if cue:
            best = (dist + 0.5, cue)
            break
    return best[1] if best else ""


_LATER_UNITS = frozenset({"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
                          "year", "years", "moments", "time"})


def _cue(tok: str) -> str | None:
    if tok in LEX.future_cues or tok.endswith("'ll") or tok in ("won't", "gonna"):
        return "future"
    if tok in LEX.past_cues:
        return "past"
    if len(tok) > 4 and tok.endswith("ed") and tok not in _NOT_PAST_ED and not tok.endswith("eed"):
        return "past"
    return None


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

I = re.IGNORECASE
MON = LEX.month_any_re
MONF = LEX.month_full_re
WD = LEX.weekday_re
NUM = LEX.number_re
UNIT = LEX.unit_re
SEASON = LEX.season_re
POD = LEX.part_of_day_re
TZ = LEX.timezone_re
HOL = LEX.holiday_re
ORDW = LEX.ordinal_word_re
# Left word boundary: not inside a word, a hyphenated compound or a contraction ("o'clock"); a
# quote mark after a space opens the word ("lawlessness 'yesterday", a scan's stray mark, or a
# quotation's first word), so the word after it is one.
B = r"\b(?<![\w-])(?<!\w['’])"
BH = r"(?<!\w)(?<!\w['’])(?:(?<!-)|(?<=mid-)|(?<=early-)|(?<=late-))"  # ... but "mid-November", "late-1990s"
E = r"(?![\w])"


def cap(s: str) -> bool:
    return s[:1].isupper()


def month_num(s: str) -> int:
    return LEX.months[s.lower().rstrip(".")]


def weekday_num(s: str) -> int:
    return LEX.weekdays[s.lower()]


def parse_number(s: str) -> float | str | None:
    """Number words and digits to a number, vague quantities ("several") to "X"."""
    s = re.sub(r"\s+", " ", s.lower().strip())
    if s in LEX.vague:
        return "X"
    if s in LEX.numbers:
        return LEX.numbers[s]
    half = 0.0
    for suffix in (" and a half", " 1/2"):
        if s.endswith(suffix):
            half, s = 0.5, s[: -len(suffix)]
    if s in LEX.numbers:
        return LEX.numbers[s] + half
    try:
        return float(s) + half
    except ValueError:
        pass
    parts = re.split(r"[-\s]", s)
    if len(parts) == 2 and parts[0] in LEX.numbers and parts[1] in LEX.numbers:
        return LEX.numbers[parts[0]] + LEX.numbers[parts[1]] + half
    return None


def unit_key(u: str) -> str:
    u = u.lower()
    if u.startswith("centur"):
        return "century"
    if u.startswith("millenni"):
        return "millennium"
    if u in ("min", "mins"):
        return "minute"
    if u in ("hr", "hrs"):
        return "hour"
    return u[:-1] if u.endswith("s") and u[:-1] in LEX.units else u


def duration_value(n: float | str, unit: str) -> str:
    letter, mult, timepart = LEX.units[unit]
    if n == "X":
        if mult == 10:
            return "PXDE" if False else "PXY"  # "decades" -> PXY (TimeBank writes PXY or PXDE)
        if mult == 100:
            return "PXCE" if False else "PXY"
        return ("PTX" if timepart else "PX") + letter
    assert isinstance(n, float | int)
    total = n * mult
    if total != int(total):
        # 2.5 years -> P2Y6M, 1.5 hours -> PT1H30M
        whole = int(total)
        frac = total - whole
        sub = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "M_t": ("S", 60)}
        key = "M_t" if (letter == "M" and timepart) else letter
        if key in sub:
            sl, sm = sub[key]
            if timepart or sl == "H":
                lead = "PT" if timepart else "P"
                head = f"{whole}{letter}" if whole else ""
                if not timepart:
                    return f"P{head}T{int(round(frac * sm))}{sl}"
                return f"{lead}{head}{int(round(frac * sm))}{sl}"
            return f"P{whole}{letter}{int(round(frac * sm))}{sl}" if whole else f"P{int(round(frac * sm))}{sl}"
        return f"P{total:g}{letter}"
    return ("PT" if timepart else "P") + f"{int(total)}{letter}"


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= cal.days_in_month(y, m)


def closest_year(dct: dt.date, m: int, d: int, direction: str) -> int:
    """Year for a month-day written without one: the occurrence closest to the DCT, leaning with tense."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if not valid_day(y, m, d):
            continue
        delta = (dt.date(y, m, d) - dct).days
        score = abs(delta)
        if direction == "past" and delta > 0:
            score += 300
        if direction == "future" and delta < 0:
            score += 300
        if not direction and delta > 0:
            score += 30  # news mostly reports what has happened
        if best is None or score < best[0]:
            best = (score, y)
    return best[1] if best else dct.year


def latest_quarter(dct: dt.date) -> tuple[int, int]:
    """The most recently completed quarter: what "the quarter" means in an earnings report."""
    return cal.shift_quarter(dct.year, cal.quarter_of(dct), -1)


def quarter_year(dct: dt.date, q: int, direction: str) -> int:
    cq = cal.quarter_of(dct)
    if direction == "past":
        return dct.year if q < cq or (q == cq) else dct.year - 1
    return dct.year if q >= cq else dct.year + 1


def sentence_mentions_quarter(c: Ctx, pos: int) -> bool:
    return "quarter" in c.sentence(pos)


def rel_year_from(word: str | None, dct: dt.date) -> int:
    if not word:
        return dct.year
    w = word.lower()
    return dct.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(w, 0)


# --------------------------------------------------------------------------------------------
# Rule resolvers: (match, ctx) -> Cand | None
# --------------------------------------------------------------------------------------------

Resolver = Callable[[re.Match[str], Ctx], "Cand | None"]


def r_iso_date(m: re.Match[str], c: Ctx) -> Cand | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not valid_day(y, mo, d):
        return None
    if m["h"]:
        return Cand(m.start(), m.end(), "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['h']}:{m['mi']}", "iso-datetime")
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "iso-date")


def r_numeric_date(m: re.Match[str], c: Ctx) -> Cand | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    mo, d = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    if not valid_day(y, mo, d):
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "numeric-date")


def _month_day(m: re.Match[str], c: Ctx, rule: str) -> Cand | None:
    if not cap(m["mon"]):
        return None
    mon_raw = m["mon"]
    mo = month_num(mon_raw)
    d = int(m["day"])
    if m["year"]:
        y = int(m["year"])
        if not valid_day(y, mo, d):
            return None
        return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", rule)
    if not 1 <= d <= 31:
        return None
    if mon_raw.lower() == "may" and not m["wd"] and rule == "day-month":
        pass
    y = closest_year(c.dct, mo, d, c.cue(m.start(), m.end()))
    if not valid_day(y, mo, d):
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", rule + "-dct-year", relative=True)


def r_month_day(m: re.Match[str], c: Ctx) -> Cand | None:
    return _month_day(m, c, "month-day")


def r_day_month(m: re.Match[str], c: Ctx) -> Cand | None:
    return _month_day(m, c, "day-month")


def r_day_range_month(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "15-16 June", "7 to 9 March 2020", "the night of 15-16 June": a span of days, dated by its
    first (the happening began then; the tagger gives one value, as for "June 3-4")."""
    if not cap(m["mon"]):
        return None
    mo, first, last = month_num(m["mon"]), int(m["d1"]), int(m["day"])
    if not 1 <= first < last <= 31:
        return None
    if m["year"]:
        y = int(m["year"])
        rule = "day-range-month"
    else:
        y = closest_year(c.dct, mo, first, c.cue(m.start(), m.end()))
        rule = "day-range-month-dct-year"
    if not valid_day(y, mo, first) or not valid_day(y, mo, last):
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{first:02d}", rule, relative=not m["year"])


def r_month_day_relative(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "last April 13", "next March 2", "this June 5": the day named, in the year the word points to
    (the last one before the document's day, the next one after it, or the document's year)."""
    if not cap(m["mon"]):
        return None
    mo, d = month_num(m["mon"]), int(m["day"])
    rel = m["rel"].lower()
    if rel in ("last", "past", "previous"):
        y = c.dct.year if (mo, d) < (c.dct.month, c.dct.day) else c.dct.year - 1
    elif rel in ("next", "coming"):
        y = c.dct.year if (mo, d) > (c.dct.month, c.dct.day) else c.dct.year + 1
    else:
        y = c.dct.year
    if not valid_day(y, mo, d):
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "month-day-" + rel, relative=True)


def r_month_year(m: re.Match[str], c: Ctx) -> Cand | None:
    if not cap(m["mon"]):
        return None
    return Cand(m.start(), m.end(), "DATE", cal.fmt_month(int(m["year"]), month_num(m["mon"])), "month-year")


_MAY_MARCH_OK_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|throughout|during|early|mid|late|last|next|this|before|after|"
    r"and|or|to|between|on|for|every|each|end|beginning|start|middle|until|around|since|that|late|early)\s+|mid-)$",
    I,
)


def r_month_alone(m: re.Match[str], c: Ctx) -> Cand | None:
    name = m["mon"]
    if not cap(name) or name.isupper() and len(name) > 3 and not c.text.isupper():
        return None
    low = name.lower()
    if low in ("may", "march") and not m["rel"]:
        before = c.text[max(0, m.start() - 12): m.start()]
        if not _MAY_MARCH_OK_BEFORE.search(before):
            return None
    mo = month_num(name)
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        y, mo = cal.month_near(c.dct, mo, "past", strict=True)
    elif rel in ("next", "coming"):
        y, mo = cal.month_near(c.dct, mo, "future", strict=True)
    elif rel == "this":
        y = c.dct.year
    else:
        y, mo = cal.month_near(c.dct, mo, c.direction(m.start(), m.end()))
    if m["ofyear"]:
        y = rel_year_from(m["ofyear"], c.dct)
    return Cand(m.start(), m.end(), "DATE", cal.fmt_month(y, mo), "month-" + (rel or "tense"), relative=True)


_YEAR_BAD_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|(?!(?:as|is|was|has|does|his|its|this|thus|plus|us|unless|whereas|across|besides|less)\b)"
    r"[a-z]+s\b(?<!years)(?<!onwards)(?<!afterwards)(?<!elections)(?<!games)(?<!olympics)(?<!talks)"
    r"(?<!levels)(?<!figures)(?<!accords)(?<!protests)(?<!polls)|people|troops|soldiers|metres|meters|feet|"
    r"km|kilometers|kilometres|miles|tons|tonnes|square|hectares|dollars|euros|pounds|yuan|rubles)",
    I,
)
# A number that counts people across a word or two: "2000 European workers", "1800 regular Army
# troops" (no year stands before such a phrase without a preposition of time: "in 1999 troops").
_YEAR_COUNTS_PEOPLE_AFTER = re.compile(
    r"\s+(?!(?:most|many|some|all|the|its|their|his|her|our|few|several|no|these|those|and|or|but)\b)"
    r"[A-Za-z-]+\s+(?:[A-Za-z-]+\s+)?(?:troops|soldiers|workers|people|men|women|students|policemen|police|"
    r"rebels|fighters|civilians|refugees|protesters|demonstrators|prisoners|marines|paratroopers|paratroops|"
    r"guerrillas|militiamen|strikers|miners|villagers|residents|guardsmen|sailors|volunteers)\b", I)
_YEAR_BAD_BEFORE = re.compile(r"(?:[$€£#]|\b(?:no|number|flight|route|highway|resolution|page|pp|p|room|tel|about|"
                              r"some|nearly|almost|over|than|around|approximately|roughly|up to|at least)\.?\s*)$", I)


# Words after which a four-digit number is a year, whatever follows it ("in 1999 troops landed",
# "since 1994 rebels have held the town"): a count needs no preposition of time.
_YEAR_SIGNAL_BEFORE = re.compile(r"\b(?:in|since|until|till|during|before|after|from|between|through|early|"
                                 r"mid|late|summer|winter|spring|autumn)[\s-]*$", I)
_YEAR_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per\s*cent)", I)


def r_year(m: re.Match[str], c: Ctx) -> Cand | None:
    y = int(m["y"])
    before = c.text[max(0, m.start() - 14): m.start()]
    if _YEAR_BAD_BEFORE.search(before) and not m["fiscal"]:
        return None
    if _YEAR_BAD_AFTER.match(c.text, m.end()) and (
            y < 1800 or not _YEAR_SIGNAL_BEFORE.search(before) or _YEAR_PERCENT_AFTER.match(c.text, m.end())):
        return None
    if _YEAR_COUNTS_PEOPLE_AFTER.match(c.text, m.end()) and not _YEAR_SIGNAL_BEFORE.search(before) and not m["fiscal"]:
        return None
    if y < 1800 and not re.search(r"\b(?:in|since|until|year)\s+$", before, I):
        return None
    if y > c.dct.year + 60:
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}", "fiscal-year" if m["fiscal"] else "year")


def r_year_short(m: re.Match[str], c: Ctx) -> Cand | None:
    prev = int(m["prev"])
    yy = int(m["yy"])
    y = (prev // 100) * 100 + yy
    if y <= prev:
        y += 100
    if y - prev > 20:
        return None
    return Cand(m.start("yy"), m.end("yy"), "DATE", f"{y:04d}", "year-range-end")


def r_apostrophe_year(m: re.Match[str], c: Ctx) -> Cand | None:
    yy = int(m["yy"])
    y = 2000 + yy if 2000 + yy <= c.dct.year + 5 else 1900 + yy
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}", "year-apostrophe", relative=True)


def r_decade(m: re.Match[str], c: Ctx) -> Cand | None:
    if m["word"]:
        n = LEX.decade_words[m["word"].lower()]
        century = 19 if 2000 + n * 10 > c.dct.year else 20
        return Cand(m.start(), m.end(), "DATE", f"{century}{n}", "decade-word", relative=True)
    digits = m["d"]
    if len(digits) == 4:
        if digits.endswith("00") and digits[:2] != "20":
            return Cand(m.start(), m.end(), "DATE", digits[:2], "centuries-s")
        return Cand(m.start(), m.end(), "DATE", digits[:3], "decade")
    n = int(digits[0])
    century = 19 if 2000 + n * 10 > c.dct.year else 20
    return Cand(m.start(), m.end(), "DATE", f"{century}{n}", "decade-short", relative=True)


def r_century(m: re.Match[str], c: Ctx) -> Cand | None:
    o = m["o"].lower()
    n = int(re.match(r"\d+", o).group()) if o[0].isdigit() else LEX.ordinals.get(o)
    if not n:
        return None
    return Cand(m.start(), m.end(), "DATE", f"{n - 1:02d}", "century")


_QORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}


def r_quarter(m: re.Match[str], c: Ctx) -> Cand | None:
    q = _QORD[m["ord"].lower()] if m["ord"] else int(m["q"])
    if m["y"]:
        y = int(m["y"])
        rel = False
    elif m["rely"]:
        y = rel_year_from(m["rely"], c.dct)
        rel = True
    else:
        y = quarter_year(c.dct, q, c.direction(m.start(), m.end()))
        rel = True
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-Q{q}", "quarter", relative=rel)


def r_half(m: re.Match[str], c: Ctx) -> Cand | None:
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    if m["y"]:
        return Cand(m.start(), m.end(), "DATE", f"{int(m['y']):04d}-H{h}", "half")
    if m["rely"]:
        y = rel_year_from(m["rely"], c.dct)
    else:
        ch = 1 if c.dct.month <= 6 else 2
        direction = c.direction(m.start(), m.end())
        y = c.dct.year
        if direction == "past" and h > ch:
            y -= 1
        elif direction == "future" and h < ch:
            y += 1
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-H{h}", "half", relative=True)


def r_the_quarter(m: re.Match[str], c: Ctx) -> Cand | None:
    w = (m["w"] or "").lower()
    if w in ("current", "this"):
        y, q = c.dct.year, cal.quarter_of(c.dct)
    elif w in ("next", "coming"):
        y, q = cal.shift_quarter(c.dct.year, cal.quarter_of(c.dct), 1)
    elif w in ("last", "previous", "past"):
        # "last quarter" in news: the quarter before the current one
        y, q = cal.shift_quarter(c.dct.year, cal.quarter_of(c.dct), -1)
    else:  # "the quarter", "the latest quarter", "the most recent quarter"
        y, q = latest_quarter(c.dct)
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-Q{q}", "quarter-relative", relative=True)


def r_year_ago_period(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "the year-earlier quarter", "the year-ago period": the reported quarter, a year back."""
    y, q = latest_quarter(c.dct)
    if m["ord"]:
        q = _QORD[m["ord"].lower()]
        y = quarter_year(c.dct, q, "past")
    return Cand(m.start(), m.end(), "DATE", f"{y - 1:04d}-Q{q}", "year-ago-period", relative=True)


def r_year_ago_adj(m: re.Match[str], c: Ctx) -> Cand | None:
    if sentence_mentions_quarter(c, m.start()):
        y, q = latest_quarter(c.dct)
        return Cand(m.start(), m.end(), "DATE", f"{y - 1:04d}-Q{q}", "year-ago-quarter", relative=True)
    return Cand(m.start(), m.end(), "DATE", f"{c.dct.year - 1:04d}", "year-ago-adj", relative=True)


def r_year_end(m: re.Match[str], c: Ctx) -> Cand | None:
    return Cand(m.start(), m.end(), "DATE", f"{c.dct.year:04d}", "year-end", relative=True, mod="END")


_DURATION_LEAD = re.compile(r"\b(?:over|for|within|during|throughout|through)\s+$")

_REL_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
              "following": 1, "present": 0}


def r_rel_unit(m: re.Match[str], c: Ctx) -> Cand | None:
    rel = m["rel"].lower()
    unit = re.sub(r"\s+", " ", m["u"].lower()).replace("week-end", "weekend")  # the older spelling
    the = bool(m["the"])
    k = _REL_SHIFT[rel]
    d = c.dct
    if the and rel in ("coming", "next", "following") and unit in ("week", "month", "year", "decade"):
        # "over the next decade", "for the past year": a stretch of time, not a calendar unit
        if _DURATION_LEAD.search(c.lower, max(0, m.start() - 12), m.start()) or (unit == "decade" and rel != "last"):
            return Cand(m.start(), m.end(), "DURATION", duration_value(1, unit), "the-next-unit", relative=True)
    if unit == "week":
        v = cal.fmt_week(cal.shift_day(d, 7 * k))
    elif unit == "weekend":
        if k == 0 and d.isoweekday() < 6 and c.cue(m.start(), m.end()) == "past":
            # "rebels seized four towns this weekend", written on a Monday: the weekend just
            # past; the week's own is still to come
            k = -1
        v = cal.weekend_of(cal.shift_day(d, 7 * k))
    elif unit == "month":
        v = cal.fmt_month(*cal.shift_month(d.year, d.month, k))
    elif unit in ("year", "fiscal year"):
        v = f"{d.year + k:04d}"
    elif unit == "decade":
        v = f"{(d.year // 10) + k:03d}"
    elif unit == "century":
        v = f"{(d.year // 100) + k:02d}"
    elif unit in LEX.seasons:
        # "last summer" is last year's summer, "next spring" next year's (as TimeBank resolves them)
        code = LEX.seasons[unit]
        y = d.year + k
        if code == "WI" and d.month <= 2 and k == 0:
            y -= 1
        v = f"{y:04d}-{code}"
    else:
        return None
    return Cand(m.start(), m.end(), "DATE", v, f"{rel}-{unit.replace(' ', '-')}", relative=True)


# A weekday named by a word before it is a feast or an event's name, not last week's day: "Good
# Friday" (a feast of its own), "Bloody Sunday", "Black Friday" ("Easter Monday" is a feast too).
_NAMED_DAY_BEFORE = re.compile(r"(?:Good|Easter|Palm|Holy|Ash|Maundy|Whit|Bloody|Black)\s+$")


def r_weekday(m: re.Match[str], c: Ctx) -> Cand | None:
    if not cap(m["wd"]) or _in_a_title(m, c):
        return None
    if not m["rel"] and _NAMED_DAY_BEFORE.search(m.string, max(0, m.start() - 10), m.start()):
        return None
    wd = weekday_num(m["wd"])
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        day = cal.weekday_near(c.dct, wd, "past", strict=True)
        rule = "weekday-last"
    elif rel in ("next", "coming"):
        day = cal.weekday_near(c.dct, wd, "future", strict=True)
        rule = "weekday-next"
    elif rel == "this":
        day = cal.weekday_near(c.dct, wd, "future")
        rule = "weekday-this"
    else:
        direction = c.direction(m.start(), m.end())
        day = cal.weekday_near(c.dct, wd, direction)
        rule = "weekday-" + direction
    if m["pod"]:
        code = LEX.parts_of_day[m["pod"].lower()]
        return Cand(m.start(), m.end(), "TIME", f"{day.isoformat()}T{code}", rule + "-pod", relative=True)
    return Cand(m.start(), m.end(), "DATE", day.isoformat(), rule, relative=True)


_TITLE_OPENING = re.compile(r"(?:\bthe|['’]s)\s+$", I)
_TITLE_WORD = re.compile(r"\s+([A-Z][a-z]+)")


def _in_a_title(m: re.Match[str], c: Ctx) -> bool:
    """A weekday that opens a name, not a date: "he told the Sunday Times", "Britain's Sunday
    Telegraph". Only after "the" or a possessive and before a capitalised word of a title; "the
    Sunday attack" and "on Sunday Assad said" stay dates."""
    if m["rel"] or m["pod"]:
        return False
    following = _TITLE_WORD.match(c.text, m.end())
    return bool(following and following[1].lower() in LEX.title_words
                and _TITLE_OPENING.search(c.text, max(0, m.start() - 12), m.start()))


# "overnight" in a report is the night just past, the night of the day before, as "last night" is:
# "an overnight attack", "shelling overnight".
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": -1}


# "overnight" beside a day the text names is that day's night ("Tuesday overnight", "overnight
# from Saturday to Sunday"): the day dates it, not the night before the report.
_NAMED_DAY_NEAR = re.compile(rf"{B}(?:{WD}|{MON})\b", I)


def r_deictic(m: re.Match[str], c: Ctx) -> Cand | None:
    # "to-day", "to-morrow": the older press's spelling; "yes terday", "yester day": a scanned
    # page's letters read apart; "vesterday": its y read as a v
    w = m["w"].lower().replace("-", "").replace(" ", "")
    if w == "vesterday":
        w = "yesterday"
    if w == "overnight" and _NAMED_DAY_NEAR.search(c.text, max(0, m.start() - 20), m.end() + 30):
        return None
    if m["before"]:
        day = cal.shift_day(c.dct, -2 if "yesterday" in m["before"].lower() else 2)
        return Cand(m.start(), m.end(), "DATE", day.isoformat(), "day-before-yesterday", relative=True)
    day = cal.shift_day(c.dct, _DEICTIC[w])
    pod = m["pod"].lower() if m["pod"] else None
    if w in ("tonight", "overnight") and not pod:
        return Cand(m.start(), m.end(), "TIME", f"{day.isoformat()}TNI", w, relative=True)
    if pod:
        return Cand(m.start(), m.end(), "TIME", f"{day.isoformat()}T{LEX.parts_of_day[pod]}", f"{w}-pod", relative=True)
    return Cand(m.start(), m.end(), "DATE", day.isoformat(), w, relative=True)


def r_this_pod(m: re.Match[str], c: Ctx) -> Cand | None:
    rel = m["rel"].lower()
    pod = m["pod"].lower()
    day = c.dct
    if rel == "last" and pod in ("night", "evening"):
        day = cal.shift_day(c.dct, -1)  # ("last evening", as the cables say it: yesterday's)
    elif rel == "last":
        return None
    return Cand(m.start(), m.end(), "TIME", f"{day.isoformat()}T{LEX.parts_of_day[pod]}", f"{rel}-{pod}", relative=True)


def r_duration(m: re.Match[str], c: Ctx) -> Cand | None:
    num_s = m["num"]
    n = parse_number(num_s)
    if n is None:
        return None
    unit = unit_key(m["unit"])
    if unit not in LEX.units:
        return None
    plural = m["unit"].lower().endswith("s") and unit not in ("hrs", "mins")
    if num_s.lower() in ("a", "an", "one", "single") and plural:
        return None
    if m["old"]:  # "a 20-year-old man": an age, not a temporal expression in TimeBank
        return None
    if num_s.lower() in ("a", "an") and _RATE_BEFORE.search(c.lower, max(0, m.start() - 30), m.start()):
        return None  # "$5 a year", "three times a week", "10% a month": a rate
    ago = (m["ago"] or "").lower().strip()
    ago = re.sub(r"\s+", " ", ago)
    lead = (m["lead"] or "").lower()
    if ago:
        return _ago(m, c, n, unit, ago)
    if lead and n == 1 and re.match(r"the\s+(past|last|previous)", lead) and num_s.lower() in ("a", "an", "one"):
        return None
    return Cand(m.start(), m.end(), "DURATION", duration_value(n, unit), "duration",
                relative=bool(lead and re.search(r"past|last|next|coming|previous|following", lead)))


_RATE_BEFORE = re.compile(
    r"(?:\d|%|percent|cents?|dollars?|euros?|pounds?|yuan|barrels?|tons?|tonnes?|times|once|twice|shares?|"
    r"people|visitors|calls|flights|miles|hours|units|interviews)\s*$|\b(?:per|each)\s+$")


_SAME_TIME_OF_YEAR = re.compile(r"\s+(?:this\s+(?P<w>week|month)|(?P<t>today))\b")


def _ago(m: re.Match[str], c: Ctx, n: float | str, unit: str, ago: str) -> Cand | None:
    sign = 1 if ago in ("from now", "hence", "later") else -1
    if ago == "later":
        # "two days later": anchored on a narrated event, not the DCT; report it as a duration
        return Cand(m.start(), m.end(), "DURATION", duration_value(n, unit), "duration-later")
    if n == "X":
        return Cand(m.start(), m.end(), "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "vague-ago", relative=True)
    letter, mult, timepart = LEX.units[unit]
    k = n * mult
    d = c.dct
    if k != int(k):
        return Cand(m.start(), m.end(), "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "fraction-ago", relative=True)
    k = int(k) * sign
    if timepart:
        return Cand(m.start(), m.end(), "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "hours-ago", relative=True)
    if letter == "D":
        v = cal.shift_day(d, k).isoformat()
    elif letter == "W":
        v = cal.fmt_week(cal.shift_day(d, 7 * k))
    elif letter == "M":
        v = cal.fmt_month(*cal.shift_month(d.year, d.month, k))
    elif letter == "Q":
        y, q = cal.shift_quarter(d.year, cal.quarter_of(d), k)
        v = f"{y:04d}-Q{q}"
    else:  # years, decades, centuries
        anniversary = _SAME_TIME_OF_YEAR.match(c.lower, m.end())
        if letter == "Y" and sign < 0 and anniversary is not None:
            # "13 years ago this week", "a year ago this month", "ten years ago today": that week,
            # month or day of the year, so many years back (one expression: "this week" alone is now)
            then = d.replace(year=d.year + k, day=28) if (d.month, d.day) == (2, 29) else d.replace(year=d.year + k)
            which = anniversary["t"] or anniversary["w"]
            if which == "week":  # (the week in which this week's middle fell that year)
                middle = cal.shift_day(d, 3 - d.weekday())
                then = middle.replace(year=middle.year + k, day=28) if (middle.month, middle.day) == (2, 29) \
                    else middle.replace(year=middle.year + k)
            v = then.isoformat() if which == "today" else cal.fmt_month(then.year, then.month) if which == "month" \
                else cal.fmt_week(then)
            return Cand(m.start(), anniversary.end(), "DATE", v, "ago-anniversary", relative=True)
        if abs(k) == 1 and ago in ("ago", "earlier") and sentence_mentions_quarter(c, m.start()):
            y, q = latest_quarter(d)
            v = f"{y - 1:04d}-Q{q}"
        else:
            v = f"{d.year + k:04d}"
    return Cand(m.start(), m.end(), "DATE", v, "ago" if sign < 0 else "from-now", relative=True)


_BARE_PLURAL_BEFORE = re.compile(r"(?:^|[.;:]\s+|\b(?:for|in|over|within|after|took|take|takes|spent|lasted|last)\s+)$")


def r_bare_plural(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "for months", "months of blockade", "years-long": an unspecified number of units."""
    if not (m["of"] is not None or c.text.startswith("-long", m.end())
            or _BARE_PLURAL_BEFORE.search(c.lower, max(0, m.start() - 8), m.start())):
        return None
    if m["of"] is not None and m["unit"].lower() in ("hours", "minutes") and not _BARE_PLURAL_BEFORE.search(c.lower, max(0, m.start() - 8), m.start()):
        return None
    unit = unit_key(m["unit"])
    return Cand(m.start("unit"), m.end("unit"), "DURATION", duration_value("X", unit), "bare-plural-duration")


def r_recent_units(m: re.Match[str], c: Ctx) -> Cand | None:
    unit = unit_key(m["unit"])
    return Cand(m.start(), m.end(), "DURATION", duration_value("X", unit), "recent-units", relative=True)


def r_clock(m: re.Match[str], c: Ctx) -> Cand | None:
    h = int(m["h"])
    mi = int(m["mi"]) if m["mi"] else 0
    ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
    if ap:
        if not 1 <= h <= 12:
            return None
        if ap.startswith("p") and h != 12:
            h += 12
        if ap.startswith("a") and h == 12:
            h = 0
    else:
        if not m["tz"]:
            before = c.lower[max(0, m.start() - 8): m.start()]
            if not re.search(r"\b(?:at|by|until|till|from|around|about|before|after|since|to)\s+$", before):
                return None
        if h > 24:
            return None
    if mi > 59:
        return None
    return Cand(m.start(), m.end(), "TIME", f"{c.dct.isoformat()}T{h:02d}:{mi:02d}", "clock", relative=True)


def r_noon(m: re.Match[str], c: Ctx) -> Cand | None:
    w = m["w"].lower()
    hh = "24:00" if w == "midnight" else "12:00"
    return Cand(m.start(), m.end(), "TIME", f"{c.dct.isoformat()}T{hh}", w, relative=True)


def r_hms_duration(m: re.Match[str], c: Ctx) -> Cand | None:
    h, mi, s = int(m["h"]), int(m["mi"]), int(m["s"])
    if mi > 59 or s > 59:
        return None
    v = "PT" + (f"{h}H" if h else "") + (f"{mi}M" if mi else "") + (f"{s}S" if s else "")
    return Cand(m.start(), m.end(), "DURATION", v, "clock-duration")


_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "nightly": "P1D", "hourly": "PT1H", "biweekly": "P2W", "fortnightly": "P2W",
                "biannually": "P6M"}


def r_set_adverb(m: re.Match[str], c: Ctx) -> Cand | None:
    return Cand(m.start(), m.end(), "SET", _SET_ADVERBS[m["w"].lower()], "set-adverb")


def r_set_every(m: re.Match[str], c: Ctx) -> Cand | None:
    w = re.sub(r"\s+", " ", m["u"].lower())
    other = 2 if m["other"] else 1
    if w in LEX.weekdays:
        return Cand(m.start(), m.end(), "SET", f"XXXX-WXX-{LEX.weekdays[w]}", "set-every-weekday")
    if w in LEX.months:
        return Cand(m.start(), m.end(), "SET", f"XXXX-{LEX.months[w]:02d}", "set-every-month")
    if w in LEX.parts_of_day:
        return Cand(m.start(), m.end(), "SET", f"XXXX-XX-XXT{LEX.parts_of_day[w]}", "set-every-pod")
    if w in LEX.seasons:
        return Cand(m.start(), m.end(), "SET", f"XXXX-{LEX.seasons[w]}", "set-every-season")
    if w == "weekend":
        return Cand(m.start(), m.end(), "SET", "XXXX-WXX-WE", "set-every-weekend")
    unit = unit_key(w)
    if unit in LEX.units:
        return Cand(m.start(), m.end(), "SET", duration_value(other, unit), "set-every")
    return None


def r_set_times_per(m: re.Match[str], c: Ctx) -> Cand | None:
    unit = unit_key(m["unit"])
    return Cand(m.start(), m.end(), "SET", duration_value(1, unit), "set-times-per")


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "the present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF", "recent": "PAST_REF", "earlier": "PAST_REF",
    "once": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF", "shortly": "FUTURE_REF",
    "the near future": "FUTURE_REF", "later": "FUTURE_REF",
}


def r_ref(m: re.Match[str], c: Ctx) -> Cand | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "in the past":
        return Cand(m.start("w") + 3, m.end(), "DATE", "PAST_REF", "ref")
    return Cand(m.start(), m.end(), "DATE", _REFS[w], "ref-" + w.replace(" ", "-"), relative=True)


# A capitalised word right after a holiday makes the pair a name ("Good Friday Agreement").
_NAMES_A_THING_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+|accord|agreement|deal|offensive|uprising|rising)\b")


def r_holiday(m: re.Match[str], c: Ctx) -> Cand | None:
    if not cap(m["h"]):
        return None
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    rel = (m["rel"] or "").lower()

    if name in LEX.holidays_easter and _NAMES_A_THING_AFTER.match(m.string, m.end()):
        return None  # "the Good Friday Agreement", "the Easter Monday offensive": a name, not the day

    def on(y: int) -> dt.date:
        if name in LEX.holidays_fixed:
            mo, d = LEX.holidays_fixed[name]
            return dt.date(y, mo, d)
        if name in LEX.holidays_easter:
            return cal.easter_sunday(y) + dt.timedelta(days=LEX.holidays_easter[name])
        mo, wd, n = LEX.holidays_floating[name]
        return cal.nth_weekday(y, mo, wd, n)

    if m["y"]:
        return Cand(m.start(), m.end(), "DATE", on(int(m["y"])).isoformat(), "holiday")
    direction = "past" if rel == "last" else "future" if rel in ("next", "this", "coming") else c.direction(m.start(), m.end())
    this_year = on(c.dct.year)
    if direction == "past":
        day = this_year if this_year <= c.dct else on(c.dct.year - 1)
    else:
        day = this_year if this_year >= c.dct else on(c.dct.year + 1)
    return Cand(m.start(), m.end(), "DATE", day.isoformat(), "holiday-" + direction, relative=True)


# "the fall of" something other than a year or a relative year ("the fall of last year" is one).
_SEASON_OF_A_THING = re.compile(r"\s+of\s+(?!(?:\d{4}|'\d\d|last|this|next|that|the\s+same|the\s+following|the\s+previous)\b)")
_SEASON_BEFORE = re.compile(r"\b(?:in|during|this|by|until|since|over|last|next|early|late|mid)\s+$")


def r_season(m: re.Match[str], c: Ctx) -> Cand | None:
    code = LEX.seasons[m["s"].lower()]
    if "y" in m.re.groupindex and m["y"]:
        return Cand(m.start(), m.end(), "DATE", f"{int(m['y']):04d}-{code}", "season-year")
    if "y" in m.re.groupindex and not m[0].lower().startswith("the") and not _SEASON_BEFORE.search(c.lower, max(0, m.start() - 8), m.start()):
        return None  # a bare "fall" / "spring" is mostly a verb or a noun
    if _SEASON_OF_A_THING.match(c.lower, m.end()):
        return None  # "the fall of Sukhumi", "the spring of the revolution": a happening, not a season
    y = cal.season_near(c.dct, code, c.direction(m.start(), m.end()))
    if y == c.dct.year - 1 and c.cue(m.start(), m.end()) == "":
        y = c.dct.year  # "the summer" with no tense cue: this year's
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{code}", "season", relative=True)


# A day with its month, earlier in the sentence: "broke off relations on June 19, and war was
# declared on the 20th" (the 20th is of that June, not of the month the paper was printed in).
_MONTH_DAY_BEFORE = re.compile(rf"\b(?P<mon>{MON})\.?\s+[0-3]?\d\b|\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MON})\b")


def r_day_ordinal(m: re.Match[str], c: Ctx) -> Cand | None:
    d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    direction = c.direction(m.start(), m.end())
    y, mo = c.dct.year, c.dct.month
    sentence_start = max(c.lower.rfind(". ", 0, m.start()), c.lower.rfind("\n", 0, m.start()), 0)
    named = list(_MONTH_DAY_BEFORE.finditer(c.lower, sentence_start, m.start()))
    if named and not m["rel"]:
        month_name = (named[-1]["mon"] or named[-1]["mon2"]).rstrip(".")
        mo = LEX.months[month_name]
        y = c.dct.year if mo <= c.dct.month else c.dct.year - 1
        return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day-ordinal-month-before", relative=True) \
            if valid_day(y, mo, d) else None
    if m["rel"]:
        y, mo = cal.shift_month(y, mo, {"last": -1, "next": 1}.get(m["rel"].lower(), 0))
    elif direction == "past" and d > c.dct.day:
        y, mo = cal.shift_month(y, mo, -1)
    elif direction == "future" and d < c.dct.day:
        y, mo = cal.shift_month(y, mo, 1)
    if not valid_day(y, mo, d):
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day-ordinal", relative=True)


def r_end_of_unit(m: re.Match[str], c: Ctx) -> Cand | None:
    unit = m["u"].lower()
    d = c.dct
    mod = {"end": "END", "beginning": "START", "start": "START", "middle": "MID", "rest": None}[m["p"].lower()]
    v = {"year": f"{d.year:04d}", "month": cal.fmt_month(d.year, d.month), "week": cal.fmt_week(d),
         "decade": f"{d.year // 10:03d}", "quarter": f"{d.year:04d}-Q{cal.quarter_of(d)}", "day": d.isoformat()}[unit]
    return Cand(m.start(), m.end(), "DATE", v, "end-of-" + unit, relative=True, mod=mod)


def r_nine_months(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "the first nine months" (of a fiscal/calendar year): a duration in TimeML."""
    n = parse_number(m["num"])
    if n is None or n == "X":
        return None
    return Cand(m.start(), m.end(), "DURATION", duration_value(n, unit_key(m["unit"])), "first-n-units")


_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[-\s](?:hundred(?:[-\s]and)?[-\s])?(?:(?:{_TENS})(?:[-\s](?:{_ONES}))?|{_TEEN}|oh[-\s](?:{_ONES}))"
    rf"|two[-\s]thousand(?:(?:[-\s]and)?[-\s](?:{_TEEN}|{_ONES}))?|twenty[-\s](?:{_TEEN}|(?:{_TENS})(?:[-\s](?:{_ONES}))?))"
)


def spelled_year_value(s: str) -> int | None:
    words = [w for w in re.split(r"[-\s]+", s.lower()) if w not in ("and", "the", "year", "hundred", "oh")]
    nums = LEX.numbers
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(int(nums[w]) for w in words[2:])
    if len(words) < 2 or words[0] not in nums:
        return None
    century = int(nums[words[0]]) * 100
    rest = sum(int(nums.get(w, 0)) for w in words[1:])
    return century + rest


def r_spelled_year(m: re.Match[str], c: Ctx) -> Cand | None:
    y = spelled_year_value(m["sy"])
    if y is None or not 1000 <= y <= c.dct.year + 50:
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}", "spelled-year")


def r_month_spelled_year(m: re.Match[str], c: Ctx) -> Cand | None:
    y = spelled_year_value(m["sy"])
    if y is None or not cap(m["mon"]):
        return None
    return Cand(m.start(), m.end(), "DATE", cal.fmt_month(y, month_num(m["mon"])), "month-spelled-year")


def r_season_spelled_year(m: re.Match[str], c: Ctx) -> Cand | None:
    y = spelled_year_value(m["sy"])
    if y is None:
        return None
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}-{LEX.seasons[m['s'].lower()]}", "season-spelled-year")


def r_weekday_plural(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "on Fridays", "Tuesday nights": a recurring day."""
    if not cap(m["wd"]):
        return None
    v = f"XXXX-WXX-{weekday_num(m['wd'])}"
    if m["pod"]:
        v += "T" + LEX.parts_of_day[m["pod"].lower()]
    return Cand(m.start(), m.end(), "SET", v, "weekday-plural")


def r_the_weekend(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "over the weekend": in past reporting the latest weekend, else the coming one."""
    d = c.dct
    wd = d.isoweekday()
    if c.direction(m.start(), m.end()) == "future":
        ref = d
    else:
        ref = d if wd >= 6 else d - dt.timedelta(days=7)
    return Cand(m.start(), m.end(), "DATE", cal.weekend_of(ref), "the-weekend", relative=True)


def r_the_year(m: re.Match[str], c: Ctx) -> Cand | None:
    """ "the full year", "the fiscal year" (the DCT's), "the year ended June 30" (a 12-month duration)."""
    w = re.sub(r"\s+", " ", (m["w"] or "").lower())
    if m["ended"]:
        end = m.start("ended")
        return Cand(m.start(), end, "DURATION", "P1Y", "the-year-ended")
    if not w:
        return None
    y = c.dct.year - (1 if w.startswith(("past", "previous", "last", "latest")) and "fiscal" in w and w != "latest fiscal" else 0)
    if w == "latest fiscal":
        y = c.dct.year - 1 if c.dct.month <= 6 else c.dct.year
    return Cand(m.start(), m.end(), "DATE", f"{y:04d}", "the-" + w.replace(" ", "-") + "-year", relative=True)


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    prio: int = 5  # lower wins between candidates of equal length
    needs: tuple[str, ...] = ()  # cheap pre-check: the rule can only match if one of these is in the lowercased text


DIGIT = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
SPELLED = ("nineteen", "eighteen", "thousand", "twenty")
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
# rule name -> trigger strings (see Rule.needs); rules not listed always run
NEEDS: dict[str, tuple[str, ...]] = {
    "iso-date": DIGIT, "numeric-date": DIGIT, "month-day": DIGIT, "day-month": DIGIT, "month-year": DIGIT,
    "month-day-relative": DIGIT, "day-range-month": DIGIT,
    "year": DIGIT, "year-range-end": DIGIT, "year-apostrophe": DIGIT, "clock": DIGIT, "clock-24": DIGIT,
    "clock-duration": DIGIT, "day-ordinal": DIGIT, "decade": ("0s", "ties", "0's"), "century": ("centur",),
    "quarter": ("quarter",), "quarter-q": ("q",), "half": ("half",), "the-quarter": ("quarter",),
    "year-ago-period": ("year",), "year-ago-adj": ("year",), "year-end": ("year",), "end-of-unit": (" of the ",),
    "the-year": ("year",), "latest-period": ("period",), "the-weekend": ("weekend", "week-end"),
    "set-every": ("every", "each"), "set-times-per": ("times", "once", "twice"),
    "set-adverb": tuple(_SET_ADVERBS), "spelled-year": SPELLED, "month-spelled-year": SPELLED,
    "season-spelled-year": SPELLED, "noon": ("noon", "midnight", "midday"),
    "this-pod": ("morning", "afternoon", "evening", "night"), "weekday-plural": ("days",),
    "season": SEASONS, "the-season": SEASONS, "first-n-units": ("months", "weeks", "quarters"),
    "units-ago": ("ago", "earlier"), "deictic": ("today", "tonight", "yesterday", "tomorrow", "overnight", "to-day", "to-night", "to-morrow",
                 "yes terday", "yester day", "yester-day", "vesterday"),
    "weekday": ("day",), "the-past-vague": ("the ",),
    "holiday": tuple({k.split()[0] for k in [*LEX.holidays_fixed, *LEX.holidays_floating, *LEX.holidays_easter]}),
}


def _r(name: str, pattern: str, resolve: Resolver, prio: int = 5, flags: int = I) -> Rule:
    return Rule(name, re.compile(pattern, flags), resolve, prio, NEEDS.get(name, ()))


DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR4 = r"(?P<year>1\d{3}|20\d{2})(?!\d)"
AGO = r"(?P<ago>\s+(?:ago|earlier|before\s+now|later|from\s+now|hence))?"
DUR_MOD_ADJ = r"(?:(?:more|full|long|additional|extra|straight|consecutive|trading|business|working|calendar|fiscal|successive|whole|entire|short|brief|long)\s+)?"

RULES: tuple[Rule, ...] = (
    _r("iso-date", r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?)?(?!\d)", r_iso_date),
    _r("numeric-date", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", r_numeric_date),
    _r("month-day", rf"{B}(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s+{DAYNUM}(?:,?\s+{YEAR4})?(?!\d|:\d)(?!\s*(?:%|percent))", r_month_day, 2),
    _r("day-month", rf"{B}(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?{DAYNUM}\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+{YEAR4})?{E}", r_day_month, 2),
    _r("month-year", rf"{B}(?P<mon>{MON}),?\s+(?:of\s+)?{YEAR4}", r_month_year, 2),
    _r("day-range-month", rf"{B}(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*{DAYNUM}\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+{YEAR4})?{E}",
       r_day_range_month, 2),
    _r("month-day-relative", rf"{B}(?P<rel>last|next|this|past|coming|previous)\s+(?P<mon>{MON})\s+{DAYNUM}(?!\d|:\d|,?\s+\d)(?!\s*(?:%|percent))",
       r_month_day_relative, 2),
    _r("month-alone", rf"{BH}(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<mon>{MONF})(?:,?\s+(?:of\s+)?(?P<ofyear>last|this|next)\s+year)?{E}(?!-\w|['’](?!s\b)\w)", r_month_alone, 4),
    _r("year", rf"(?<![\w'’])(?P<fiscal>(?:fiscal(?:\s+year)?|FY|the\s+year)\s*)?(?P<y>1\d{{3}}|20\d{{2}})(?![\d,.]\d|[\w%’'])", r_year, 6),
    _r("year-range-end", r"(?P<prev>1\d{3}|20\d{2})[-–/](?P<yy>\d{2})(?![\d\w])", r_year_short, 7),
    _r("year-apostrophe", r"(?<![\w])['’](?P<yy>\d{2})(?![\w'’])", r_apostrophe_year, 8),
    _r("decade", rf"{BH}(?:the\s+)?(?:(?:['’](?P<d2>\d0)|(?P<d>1\d{{2}}0|20\d0|\d0))['’]?s|(?P<word>{'|'.join(LEX.decade_words)})){E}",
       lambda m, c: r_decade(_decade_fix(m), c), 3),
    _r("century", rf"{B}(?P<o>\d{{1,2}}(?:st|nd|rd|th)|{ORDW})[-\s]century{E}", r_century, 3),
    _r("quarter", rf"{B}(?:the\s+)?(?:(?:fiscal|financial|calendar)[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]+(?:fiscal[-\s]+)?quarter(?!s)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>\d{{4}})|(?P<rely>this|last|next)\s+year))?{E}", r_quarter, 2),
    _r("quarter-q", rf"{B}Q(?P<q>[1-4])(?:\s+(?P<y>\d{{4}}))?(?P<rely>)?{E}(?P<ord>)?", r_quarter, 3, flags=0),
    _r("half", rf"{B}(?:the\s+)?(?P<ord>first|second|1st|2nd)[-\s]+half(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>\d{{4}})|(?P<rely>this|last|next)\s+year))?{E}", r_half, 3),
    _r("the-quarter", rf"{B}(?:the\s+(?:(?P<w>latest|most\s+recent|current|last|previous|past|just-ended|recent)\s+)?(?:fiscal\s+)?quarter|(?P<w2>this|last|next)\s+quarter)(?!s|ly)(?![-\w])", lambda m, c: r_the_quarter(_qfix(m), c), 4),
    _r("year-ago-period", rf"{B}the\s+year[-\s](?:ago|earlier)\s+(?:(?P<ord>first|second|third|fourth)[-\s]+)?(?:quarter|period){E}", r_year_ago_period, 2),
    _r("year-ago-adj", rf"{B}year[-\s](?:ago|earlier){E}(?!\s+(?:quarter|period))", r_year_ago_adj, 6),
    _r("year-end", rf"{B}year[-\s]end{E}", r_year_end, 6),
    _r("end-of-unit", rf"{B}(?:the\s+)?(?P<p>end|beginning|start|middle|rest)\s+of\s+the\s+(?P<u>year|month|week|decade|quarter|day){E}", r_end_of_unit, 3),
    _r("rel-unit", rf"{B}(?P<the>the\s+)?(?P<rel>last|past|previous|this|current|next|coming|following|present)\s+(?P<u>week-end|week|weekend|month|year|fiscal\s+year|decade|century|spring|summer|fall|autumn|winter){E}(?!-\w|['’](?!s\b)\w)", r_rel_unit, 4),
    _r("weekday", rf"{B}(?:(?P<rel>last|this|next|past|coming|previous)\s+)?(?P<wd>{WD})(?:\s+(?P<pod>{POD}))?{E}", r_weekday, 4),
    _r("deictic", rf"{B}(?:(?P<before>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))|(?P<w>to-?day|to-?night|yesterday|yes\x20terday|yester[\x20-]day|vesterday|to-?morrow|overnight)(?:\s+(?P<pod>{POD}))?){E}",
       lambda m, c: r_deictic(_deictic_fix(m), c), 4),
    _r("this-pod", rf"{B}(?P<rel>this|last)\s+(?P<pod>{POD}){E}", r_this_pod, 4),
    _r("duration", rf"{B}(?P<lead>the\s+(?:(?:past|last|next|first|previous|coming|following|final|latest|ensuing|preceding|initial)\s+)?)?(?P<num>{NUM})[-\s]+{DUR_MOD_ADJ}(?P<unit>{UNIT})(?P<old>-old)?(?:-long)?{E}{AGO}",
       r_duration, 5),
    _r("units-ago", rf"{B}(?P<num>)(?P<unit>years|months|weeks|days|decades)\s+(?P<ago>ago|earlier){E}", lambda m, c: Cand(m.start(), m.end(), "DATE", "PAST_REF", "vague-ago", relative=True), 5),
    _r("bare-plural", rf"{B}(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?:{E}(?P<of>(?=\s+of\s+(?!the\b|this\b|that\b|these\b|those\b|his\b|her\b|their\b|its\b)[a-z]))?|(?=-long))", r_bare_plural, 7),
    _r("recent-units", rf"{B}(?:(?:recent|coming|past|last|next|following|ensuing)\s+)(?P<unit>years|months|weeks|days|decades|hours|quarters){E}", r_recent_units, 6),
    _r("the-past-vague", rf"{B}the\s+(?:past|last|next|coming|following)\s+(?P<num>several|few|many|couple\s+of)\s+(?P<unit>years|months|weeks|days|decades|hours|minutes){E}", lambda m, c: Cand(m.start(), m.end(), "DURATION", duration_value("X" if "couple" not in m["num"].lower() else 2, unit_key(m["unit"])), "the-past-vague", relative=True), 4),
    _r("clock", rf"{B}(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m{E}|[AP]M{E})(?:\s+(?P<tz>{TZ}){E})?", r_clock, 3),
    _r("clock-24", rf"{B}(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?![\d:])(?P<ap>)(?:\s*(?:hours?|hrs)?\s*(?P<tz>{TZ}){E})?", r_clock, 4),
    _r("noon", rf"{B}(?P<w>noon|midnight|midday){E}", r_noon, 5),
    _r("clock-duration", r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2}):(?P<s>\d{2})(?![\d:])", r_hms_duration, 2),
    _r("set-adverb", rf"{B}(?P<w>{'|'.join(_SET_ADVERBS)}){E}", r_set_adverb, 5),
    _r("set-every", rf"{B}(?:every|each)\s+(?P<other>other\s+)?(?:single\s+)?(?P<u>day|night|week|weekend|month|year|quarter|decade|hour|minute|{POD}|{SEASON}|{WD}|{MONF}){E}", r_set_every, 3),
    _r("set-times-per", rf"{B}(?:once|twice|three\s+times|four\s+times|\d+\s+times|several\s+times|many\s+times)\s+(?:a|an|per|each)\s+(?P<unit>day|week|month|year|decade|hour|minute|quarter){E}", r_set_times_per, 3),
    _r("ref", rf"{B}(?P<w>now|right\s+now|currently|nowadays|these\s+days|at\s+present|presently|at\s+the\s+moment|recently|lately|formerly|in\s+the\s+past|the\s+past|the\s+near\s+future|the\s+future|current){E}(?!-)", r_ref, 8),
    _r("holiday", rf"{B}(?:(?P<rel>last|this|next|coming)\s+)?(?P<h>{HOL})(?:\s+(?P<y>\d{{4}}))?{E}", r_holiday, 3),
    _r("season", rf"{B}(?:the\s+)?(?P<s>{SEASON})(?:(?:\s+of)?\s+(?P<y>1\d{{3}}|20\d{{2}}))?{E}(?!\s+(?:of\s+)?(?:season|semester|term|session|offensive|campaign|olympics|games|school|harvest|sale|collection)\b)", r_season, 5),
    _r("day-ordinal", rf"(?<=\bon\s)the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?:\s+of\s+(?P<rel>this|last|next)\s+month)?(?=\s*(?:[,.;:)]|$|and\b|of\s+(?:this|last|next)\s+month))", r_day_ordinal, 5),
    # "on the morning of the 9th", "during the night of the 8th": a part of a bare day of the month
    _r("day-ordinal", r"(?:(?<=\bmorning\sof\s)|(?<=\bevening\sof\s)|(?<=\bnight\sof\s)|(?<=\bafternoon\sof\s))"
       r"the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?P<rel>)(?!\s*(?:century|centuries|anniversary)\b)", r_day_ordinal, 5),
    _r("first-n-units", rf"{B}the\s+(?:first\s+)?(?P<num>{NUM})\s+(?P<unit>months|weeks|quarters)(?=\s+(?:of|ended|ending|through|to)\b)", r_nine_months, 4),
    _r("weekday-plural", rf"{B}(?P<wd>{WD})s(?:\s+(?P<pod>{POD})s?)?{E}", r_weekday_plural, 4),
    _r("the-weekend", rf"{B}the\s+week-?end{E}", r_the_weekend, 5),
    _r("the-year", rf"{B}the\s+(?:(?P<w>full|fiscal|current|latest\s+fiscal|past\s+fiscal|previous\s+fiscal|last\s+fiscal|calendar)\s+)?year(?P<ended>\s+(?:ended|ending|to|through))?{E}", r_the_year, 6),
    _r("latest-period", rf"{B}the\s+(?:latest|most\s+recent|recent|just-ended|just\s+ended)\s+(?:fiscal\s+)?period{E}", lambda m, c: Cand(m.start(), m.end(), "DATE", "%04d-Q%d" % latest_quarter(c.dct), "latest-period", relative=True), 5),
    _r("the-season", rf"{B}the\s+(?:(?:early|late)\s+)?(?P<s>{SEASON}){E}(?!\s+(?:of\s+)?(?:season|semester|term|session|offensive|campaign|olympics|games|school|harvest|sale|collection|\d))", r_season, 6),
    _r("spelled-year", rf"{B}(?:the\s+year\s+)?(?P<sy>{SPELLED_YEAR}){E}", r_spelled_year, 5),
    _r("month-spelled-year", rf"{B}(?P<mon>{MONF})\s+(?P<sy>{SPELLED_YEAR}){E}", r_month_spelled_year, 2),
    _r("season-spelled-year", rf"{B}(?:the\s+)?(?P<s>{SEASON})\s+of\s+(?P<sy>{SPELLED_YEAR}){E}", r_season_spelled_year, 2),
)


# Small adapters for rules with alternative group names ------------------------------------


class _M:
    """A match view with some groups renamed, for rules whose pattern has alternatives."""

    __slots__ = ("_m", "_over", "_span")

    def __init__(self, m: re.Match[str], over: dict[str, str | None], span: tuple[int, int] | None = None):
        self._m, self._over, self._span = m, over, span

    def __getitem__(self, k: str) -> str | None:
        if k in self._over:
            return self._over[k]
        try:
            return self._m[k]
        except IndexError:
            return None

    def start(self, g: int | str = 0) -> int:
        if g == 0 and self._span:
            return self._span[0]
        return self._m.start(g)

    def end(self, g: int | str = 0) -> int:
        if g == 0 and self._span:
            return self._span[1]
        return self._m.end(g)


def _decade_fix(m: re.Match[str]):  # type: ignore[no-untyped-def]
    return _M(m, {"d": m["d"] or m["d2"], "word": m["word"]})


def _qfix(m: re.Match[str]):  # type: ignore[no-untyped-def]
    return _M(m, {"w": m["w"] or m["w2"]})


def _deictic_fix(m: re.Match[str]):  # type: ignore[no-untyped-def]
    return _M(m, {"w": m["w"] or "today"})


def _plural_fix(m: re.Match[str]):  # type: ignore[no-untyped-def]
    g = "unit" if m["unit"] else "unit2" if m["unit2"] else "unit3"

    class _P(_M):
        def start(self, gg: int | str = 0) -> int:
            return m.start(g)

        def end(self, gg: int | str = 0) -> int:
            return m.end(g)

    return _P(m, {"unit": m[g]})


def _season_fix(m: re.Match[str]):  # type: ignore[no-untyped-def]
    return _M(m, {"s": m["s"] or m["s2"]})
