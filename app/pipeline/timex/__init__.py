"""A hand-written temporal expression tagger for English news (TimeML TIMEX3 style).

    tag(text, dct)      -> list[Timex]     spans, types and ISO values, anchored to the DCT
    interval(timex)     -> DateInterval | None   the calendar range a DATE/TIME value allows
    tag_as_json(text, dct) -> list[dict]   for the `timeline timex` command

Pure: the rule data (lexicon.toml) is read once at import; `tag` does no I/O. See docs/timex.md.
"""

from __future__ import annotations

import datetime as dt
import re

from app.pipeline.types import DateInterval, Timex

from . import calendar as cal
from .rules import RULES, Cand, Ctx

__all__ = ["tag", "interval", "tag_as_json", "SIGNALS"]

SIGNALS = frozenset(
    {"since", "in", "on", "at", "from", "until", "till", "by", "before", "after", "during", "for", "through",
     "between", "within", "over"}
)
_SIGNAL_BEFORE = re.compile(r"([A-Za-z]+)\s+$")

# Modifier prefixes folded into a DATE span: "early December", "mid-2022", "the end of 1990".
_PREFIX = re.compile(
    r"(?:(?<![\w-])(?P<p>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|"
    r"end\s+of|beginning\s+of|start\s+of|the\s+(?P<half>first|second|last|latter)\s+half\s+of|earlier|later|"
    r"sometime|some\s+time|the\s+week\s+of|the\s+mid|the\s+early|the\s+late|"
    r"(?P<approx>almost|nearly|more\s+than|less\s+than|about|some|roughly))(?:\s*-\s*|\s+))$",
    re.IGNORECASE,
)
_PREFIX_MOD = {"early": "START", "mid": "MID", "late": "END", "the early": "START", "the mid": "MID", "the late": "END", "the end of": "END", "end of": "END",
               "the beginning of": "START", "beginning of": "START", "the start of": "START",
               "start of": "START", "the middle of": "MID", "earlier": None, "later": None,
               "sometime": None, "some time": None}
# Quantity modifiers kept inside a DURATION span, as TimeBank mostly does.
_DUR_PREFIX = re.compile(
    r"(?:(?<![\w-])(?P<p>nearly|almost|more\s+than|less\s+than|at\s+least|at\s+most|no\s+more\s+than|"
    r"fewer\s+than|up\s+to)\s+)$",
    re.IGNORECASE,
)
_DUR_MOD = {"nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN", "less than": "LESS_THAN",
            "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
            "fewer than": "LESS_THAN", "up to": "EQUAL_OR_LESS"}
_TIME_DAY_GAP = re.compile(r"(?:\s*,\s*|\s+(?:on\s+)?)$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest candidates first; a candidate overlapping an accepted one is dropped."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    taken: list[Cand] = []
    for c in cands:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken


def _fold_prefixes(text: str, cands: list[Cand]) -> None:
    prev_end = 0
    for c in cands:
        window_start = max(prev_end, c.start - 24)
        seg = text[window_start: c.start]
        if c.type == "DATE" and not c.value.endswith("_REF"):
            m = _PREFIX.search(seg)
            if m:
                p = re.sub(r"\s+", " ", m["p"].lower())
                if p in ("earlier", "later") and not re.match(r"(?i)(this|last|next|that)\b", text[c.start:c.end]):
                    pass
                elif m["approx"] and c.rule != "ago":
                    pass
                elif m["approx"]:
                    c.start = window_start + m.start()
                    c.mod = _DUR_MOD.get(re.sub(r"\s+", " ", p), "APPROX")
                elif p == "the week of":
                    if _DAY_VALUE.match(c.value):
                        c.start = window_start + m.start()
                        c.value = cal.fmt_week(dt.date.fromisoformat(c.value))
                        c.rule += "+week-of"
                else:
                    c.start = window_start + m.start()
                    if m["half"]:
                        half = 1 if m["half"].lower() == "first" else 2
                        if re.fullmatch(r"\d{4}", c.value):
                            c.value = f"{c.value}-H{half}"
                    else:
                        c.mod = _PREFIX_MOD.get(p)
                    c.rule += "+" + p.replace(" ", "-")
        elif c.type == "DURATION":
            m = _DUR_PREFIX.search(seg)
            if m:
                c.start = window_start + m.start()
                c.mod = _DUR_MOD[re.sub(r"\s+", " ", m["p"].lower())]
        prev_end = c.end


def _merge_time_day(text: str, cands: list[Cand]) -> list[Cand]:
    """ "10 p.m. Wednesday", "5 p.m. EST Nov. 9": a clock time followed by its day is one TIME."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if (c.type == "TIME" and c.rule.startswith(("clock", "noon", "midnight", "midday")) and i + 1 < len(cands)
                and cands[i + 1].type == "DATE" and _DAY_VALUE.match(cands[i + 1].value)
                and cands[i + 1].start - c.end <= 5 and _TIME_DAY_GAP.fullmatch(text[c.end: cands[i + 1].start] or " ")):
            d = cands[i + 1]
            clock = c.value.split("T", 1)[1]
            out.append(Cand(c.start, d.end, "TIME", f"{d.value}T{clock}", "clock+" + d.rule, d.relative or c.relative))
            i += 2
            continue
        if (c.type == "DATE" and _DAY_VALUE.match(c.value) and i + 1 < len(cands)
                and cands[i + 1].type == "TIME" and cands[i + 1].rule.startswith(("clock", "noon", "midnight", "midday"))
                and re.fullmatch(r"\s+", text[c.end: cands[i + 1].start] or "x")):
            # "Friday 3 p.m." (no "at"): one TIME
            d, t = c, cands[i + 1]
            clock = t.value.split("T", 1)[1]
            out.append(Cand(d.start, t.end, "TIME", f"{d.value}T{clock}", d.rule + "+clock", True))
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def _signal(text: str, start: int) -> str | None:
    m = _SIGNAL_BEFORE.search(text, max(0, start - 12), start)
    if m:
        w = m.group(1).lower()
        if w in SIGNALS:
            return w
    return None


def tag(text: str, dct: dt.date) -> list[Timex]:
    """All temporal expressions in `text`, sorted, non-overlapping, resolved against `dct`."""
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    ctx = Ctx(text, dct)
    cands: list[Cand] = []
    lower = ctx.lower
    for rule in RULES:
        if rule.needs and not any(n in lower for n in rule.needs):
            continue
        for m in rule.pattern.finditer(text):
            c = rule.resolve(m, ctx)
            if c is not None and c.end > c.start:
                c.prio = rule.prio
                cands.append(c)
    if not cands:
        return []
    chosen = _select(cands)
    _fold_prefixes(text, chosen)
    chosen = _merge_time_day(text, chosen)
    out = []
    for c in chosen:
        out.append(
            Timex(
                start=c.start,
                end=c.end,
                text=text[c.start: c.end],
                type=c.type,  # type: ignore[arg-type]
                value=c.value,
                rule=c.rule,
                anchor=dct if c.relative else None,
                signal=_signal(text, c.start),
                mod=c.mod,
            )
        )
    return out


def tag_as_json(text: str, dct: dt.date) -> list[dict]:
    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in tag(text, dct)]


# --------------------------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, cal.days_in_month(y, m))


def value_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day inclusive, precision) for a TIMEX3 date value, or None."""
    v = value.split("T", 1)[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "day"
            return monday, monday + dt.timedelta(days=6), "day"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo), "month"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "month"
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "month"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            a, b = _SEASON_MONTHS[m[2]]
            return dt.date(y, a, 1), _month_end(y + (1 if b < a else 0), b), "month"
        if m := re.fullmatch(r"(?:FY)?(\d{4})", v):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if m := re.fullmatch(r"(\d{3})X?", v):
            y = int(m[1]) * 10
            return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), "decade"
        if m := re.fullmatch(r"(\d{2})(?:XX)?", v):
            y = int(m[1]) * 100
            return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "century"
    except ValueError:
        return None
    return None


def interval(timex: Timex) -> DateInterval | None:
    """The calendar interval of a DATE/TIME timex (end inclusive); None for DURATION, SET, *_REF, XXXX."""
    if timex.type not in ("DATE", "TIME"):
        return None
    r = value_interval(timex.value)
    if r is None:
        return None
    start, end, precision = r
    if timex.value.endswith("TNI") and precision == "day":
        end = start + dt.timedelta(days=1)  # a night runs past midnight: "overnight" may be either date
    if timex.mod in PART_OF_PERIOD and precision in ("month", "year"):
        start, end = _part_of(start, end, precision, timex.mod)
    return DateInterval(start=start, end=end, precision=precision,  # type: ignore[arg-type]
                        open_end=timex.signal in ("since", "from"))


# "early March", "mid-October", "late last month", "the end of last year": a third of the period.
# The precision stays the period's (what the text says is still "in October"); the interval is
# the part it names, so "late last month" starts on the 21st, not the 1st.
PART_OF_PERIOD = frozenset({"START", "MID", "END"})


def _part_of(start: dt.date, end: dt.date, precision: str, mod: str) -> tuple[dt.date, dt.date]:
    if precision == "month" and (start.year, start.month) != (end.year, end.month):
        # a season, a quarter or a half ("late summer"): a third of its days
        third = ((end - start).days + 1) // 3
        first = {"START": 0, "MID": 1, "END": 2}[mod]
        part_start = start + dt.timedelta(days=first * third)
        return part_start, end if mod == "END" else part_start + dt.timedelta(days=third - 1)
    if precision == "month":
        bounds = {"START": (1, 10), "MID": (11, 20), "END": (21, end.day)}[mod]
        return start.replace(day=bounds[0]), start.replace(day=bounds[1])
    first_month, last_month = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
    after = dt.date(start.year + 1, 1, 1) if last_month == 12 else dt.date(start.year, last_month + 1, 1)
    return start.replace(month=first_month, day=1), after - dt.timedelta(days=1)
