"""Reading aids: search words marked in the text, the dating rules and merge reasons in plain
words, page positions in a long list. Pure: strings in, strings (or Markup) out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markupsafe import Markup, escape

from app.db.search import MAX_TERMS, WORD

# --- search words -------------------------------------------------------------------------------

# Porter stemming finds "attacks" for "attack" and "attacked" for "attacks": mark a word that
# shares the searched word's first letters (its stem, roughly) rather than only exact matches.
STEM_KEEP = 5


@lru_cache(maxsize=512)
def search_pattern(user_query: str | None) -> re.Pattern | None:
    """The pattern that marks the searched words; kept for the last queries asked (a page of
    results highlights its query in some hundred titles and sentences)."""
    if not user_query:
        return None
    words = []
    for term in WORD.findall(user_query)[:MAX_TERMS]:
        word = term.rstrip("*").lower()
        if len(word) < 2:
            continue
        stem = word[:max(STEM_KEEP, len(word) - 3)] if len(word) > STEM_KEEP else word
        words.append(re.escape(stem))
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + r")[\w'’-]*", re.IGNORECASE)


def highlight(text: str | None, user_query: str | None) -> Markup:
    """`text` escaped, with every word the search matched wrapped in <mark>."""
    text = text or ""
    pattern = search_pattern(user_query)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last:match.start()]))
        pieces.append(Markup("<mark class=\"search-hit\">") + escape(match.group(0)) + Markup("</mark>"))
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


# --- how a date was read ---------------------------------------------------------------------------

RULE_WORDS = {
    "inherited-dct": "no date in the text, so the day the report was published",
    "weekday-past": "a weekday, read as the last one before the report",
    "weekday-past-tense": "a weekday with a past-tense verb, read as the last one before the report",
    "weekday-future": "a weekday, read as the next one after the report",
    "weekday-last": "\u201clast\u201d and a weekday",
    "weekday-next": "\u201cnext\u201d and a weekday",
    "weekday-this": "\u201cthis\u201d and a weekday",
    "weekday-plural": "a weekday said of several weeks",
    "story-day": "no date of its own; the day the report\u2019s opening gives its news",
    "year": "a year named in the text",
    "spelled-year": "a year written in words",
    "decade": "a decade named in the text",
    "decade-word": "a decade written in words",
    "month-day": "a month and a day, in the year of the report",
    "month-day-dct-year": "a month and a day, in the year of the report",
    "month-year": "a month and a year",
    "month-alone": "a month named alone",
    "month-tense": "a month named alone, before or after the report by the verb\u2019s tense",
    "day-month": "a day and a month",
    "iso-date": "a date written out in full",
    "numeric-date": "a date written in figures",
    "today": "\u201ctoday\u201d: the day of the report",
    "yesterday": "\u201cyesterday\u201d: the day before the report",
    "day-before-yesterday": "\u201cthe day before yesterday\u201d",
    "tomorrow": "\u201ctomorrow\u201d: the day after the report",
    "tonight": "\u201ctonight\u201d: the night of the day of the report",
    "overnight": "\u201covernight\u201d: the night before the report",
    "ago": "a time \u201cago\u201d, counted back from the report",
    "units-ago": "a time \u201cago\u201d, counted back from the report",
    "vague-ago": "a vague \u201csome time ago\u201d",
    "the-weekend": "\u201cthe weekend\u201d nearest the report",
    "midnight": "\u201cmidnight\u201d on the day of the report",
    "this-morning": "\u201cthis morning\u201d: the day of the report",
    "clock": "a time of day on the day of the report",
    "this-year": "\u201cthis year\u201d: the year of the report",
    "next-year": "\u201cnext year\u201d",
    "last-year": "\u201clast year\u201d: the year before the report",
    "this-week": "\u201cthis week\u201d: the week of the report",
    "last-week": "\u201clast week\u201d: the week before the report",
    "last-month": "\u201clast month\u201d: the month before the report",
    "past-week": "\u201cthe past week\u201d: the seven days before the report",
    "clock-24": "a time on the 24-hour clock on the day of the report",
    "day-ordinal": "a day of the month (\u201cthe 5th\u201d) in the month of the report",
    "decade-short": "a decade written short (\u201cthe \u201990s\u201d)",
    "year-apostrophe": "a year written short (\u201c\u201922\u201d)",
    "year-range-end": "the last year of a range of years",
    "fiscal-year": "a fiscal year",
    "iso-datetime": "a date and time written out in full",
    "month-spelled-year": "a month and a year written in words",
    "season-year": "a season and a year",
    "season-spelled-year": "a season and a year written in words",
    "the-season": "a season named alone, the one nearest the report",
    "rel-unit": "a week, month or year named from the report\u2019s (\u201clast month\u201d, \u201cnext year\u201d)",
    "end-of-unit": "the end (or start, or middle) of a week, month or year",
    "the-year": "\u201cthe year\u201d: the year of the report",
    "year-end": "\u201cyear-end\u201d: the end of the year of the report",
    "year-ago-adj": "\u201ca year ago\u201d: the year before the report",
    "year-ago-period": "the same period a year before the report",
    "the-quarter": "a quarter of the year named from the report\u2019s",
    "quarter-q": "a quarter of a year (Q1 to Q4)",
    "quarter-relative": "a quarter of the year named from the report\u2019s",
    "latest-period": "\u201cthe latest period\u201d: the quarter before the report",
    "this-pod": "a part of the day (\u201cthis morning\u201d, \u201clast night\u201d) near the report",
    "from-now": "a time \u201cfrom now\u201d, counted on from the report",
    "hours-ago": "hours \u201cago\u201d, counted back from the report",
    "fraction-ago": "part of a unit \u201cago\u201d (\u201chalf an hour ago\u201d), counted back from the report",
    "season": "a season named alone, the one nearest the report",
    "century": "a century named in the text",
    "noon": "noon or midnight on the day of the report",
    "holiday-past": "a holiday, the last one before the report",
    "holiday-future": "a holiday, the next one after the report",
    "month-last": "\u201clast\u201d and a month",
    "month-this": "\u201cthis\u201d and a month",
    "month-next": "\u201cnext\u201d and a month",
    "synthetic": "generated for a benchmark",
}
# Rules named by their words relative to the report: "this-month", "last-night", "next-spring",
# "end-of-week".
RELATIVE = re.compile(r"^(this|next|last|past)-([a-z-]+)$")
END_OF = re.compile(r"^end-of-([a-z]+)$")
PREFIXES = (
    ("reporting-verb:", "no date of its own, so the date of the verb that reports it: "),
    ("narrative-", "no date in its sentence, carried on from an earlier sentence of the account: "),
    ("until-", "up to a date: "),
)
# A time of day given with a date ("clock+weekday-past": 7 pm on Tuesday).
CLOCK_FIRST = ("clock+", " (at a time of day)")
SUFFIXES = (
    ("-dct-year", ", in the year of the report"),
    ("-from-speech", ", counted from the day it was said"),
    ("-overnight", ", said in the small hours after the report went out, so the next day"),
    ("-pod", " (a part of the day)"),
    ("+early", " (early in it)"),
    ("+late", " (late in it)"),
    ("+clock", " (at a time of day)"),
    ("+mid", " (the middle of it)"),
    ("+earlier", " (earlier in it)"),
    ("+later", " (later in it)"),
    ("+the-early", " (early in it)"),
    ("+the-mid", " (the middle of it)"),
    ("+the-late", " (late in it)"),
    ("+the-start-of", " (the start of it)"),
    ("+the-end-of", " (the end of it)"),
)


def rule_words(rule: str | None) -> str:
    """A dating rule's name ("reporting-verb:weekday-past") in plain words; a rule this table does
    not know yet is shown by its name, hyphens read as spaces."""
    if not rule:
        return ""
    return plain_rule(rule) or rule.replace("-", " ").replace("dct", "publication date")


def plain_rule(rule: str) -> str | None:
    """The rule in plain words, or None when a part of its name has no words here."""
    lead = ""
    for prefix, words in PREFIXES:
        if rule.startswith(prefix):
            lead, rule = words, rule[len(prefix):]
            break
    tail = ""
    if rule.startswith(CLOCK_FIRST[0]):
        rule, tail = rule[len(CLOCK_FIRST[0]):], CLOCK_FIRST[1]
    changed = True
    while changed and rule not in RULE_WORDS:
        changed = False
        for suffix, words in SUFFIXES:
            if rule.endswith(suffix):
                tail, rule, changed = words + tail, rule[: -len(suffix)], True
    core = _core_words(rule)
    return lead + core + tail if core else None


def _core_words(rule: str) -> str | None:
    if rule in RULE_WORDS:
        return RULE_WORDS[rule]
    relative = RELATIVE.match(rule)
    if relative:
        return f"\u201c{relative[1]} {relative[2].replace('-', ' ')}\u201d, counted from the report"
    end = END_OF.match(rule)
    if end:
        return f"the end of the {end[1]} of the report"
    return None


# --- why reports are one event -----------------------------------------------------------------------

def merge_reason_words(reason: str) -> str | None:
    """A merge reason in plain words, as the merge stage now records them ("the same day", "the
    same parties (Armenia, Azerbaijan)"); reasons stored by earlier releases ("same type:
    military_action", "similar wording 0.65") are put the same way. None for the ones that say
    nothing to a reader ("no matching event")."""
    if reason in ("no matching event", "below merge threshold"):
        return None
    if reason.startswith("same type: "):
        return f"the same kind of event ({reason[11:].replace('_', ' ')})"
    if reason.startswith("compatible types: "):
        kinds = ", ".join(part.strip().replace("_", " ") for part in reason[18:].split("/"))
        return f"related kinds of event ({kinds})"
    if reason.startswith("shared actors: "):
        return f"the same parties ({reason[15:]})"
    if reason.startswith("same place: "):
        return f"the same place ({reason[12:]})"
    if reason.startswith("similar wording"):
        return "similar wording"
    if reason.startswith("undated report published within days"):
        return "a report published within days of it, without a date of its own"
    if reason == "overlapping dates (vague)":
        return "overlapping dates"
    if reason.startswith("same "):  # "same day", "same month"
        return "the " + reason
    return reason


# Date reasons from the strongest to the weakest: an event merged several times keeps each
# merge's reasons, and the sentence gives the strongest one only.
_DATE_PHRASES = (
    ("the same day", "on the same day"), ("the same week", "in the same week"),
    ("the same month", "in the same month"), ("the same year", "in the same year"),
    ("the same decade", "in the same decade"), ("the same century", "in the same century"),
    ("overlapping dates", "on overlapping dates"),
    ("a report published within days", "within days of each other (one report gives no date of its own)"),
)
_NAMED = re.compile(r"(the same place|the same parties|the same kind of event|related kinds of event) \((.+)\)$")


def _and_list(items: Sequence[str]) -> str:
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def names_phrase(names: Sequence[str], most: int = 4) -> str:
    """"Reuters", "Reuters and CNN", "Reuters, CNN and BBC", "Reuters, CNN, BBC, AP and 3 more":
    names as a reader says them, the first `most` named and the rest counted; "" for none."""
    names = list(names)
    if not names:
        return ""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    return _and_list(names)


def _display_name(name: str) -> str:
    # Reasons stored before places carried their names hold the place's key ("nagorno-karabakh").
    return name.title() if name == name.lower() and any(c.isalpha() for c in name) else name


def _reason_phrases(words: Sequence[str]) -> list[str]:
    """Each merge's reasons, gathered into one phrase per kind of evidence: the strongest date,
    every shared place and party once, the kind of event, similar wording."""
    dates = [phrase for start, phrase in _DATE_PHRASES if any(w.startswith(start) for w in words)]
    # kind of evidence -> {name folded to lower case: the name as shown}; a name can come stored
    # both as a key and as a name ("libya", "Libya"), and a reader should see it once
    named: dict[str, dict[str, str]] = {}
    others = []
    for w in words:
        found = _NAMED.match(w)
        if found:
            for name in found[2].split(", "):
                name = _display_name(name.strip()) if found[1] == "the same place" else name.strip()
                shown = named.setdefault(found[1], {})
                if name and (name.casefold() not in shown or shown[name.casefold()] == name.lower()):
                    shown[name.casefold()] = name
        elif w != "similar wording" and not any(w.startswith(start) for start, _ in _DATE_PHRASES):
            others.append(w)
    phrases = dates[:1]
    if "the same place" in named:
        phrases.append(f"in the same place ({', '.join(named['the same place'].values())})")
    if "the same parties" in named:
        phrases.append(f"with the same parties ({', '.join(named['the same parties'].values())})")
    if "the same kind of event" in named:
        phrases.append(f"as the same kind of event ({', '.join(named['the same kind of event'].values())})")
    elif "related kinds of event" in named:
        phrases.append(f"as related kinds of event ({', '.join(named['related kinds of event'].values())})")
    if "similar wording" in words:
        phrases.append("in similar words")
    return phrases + [f"for {w}" for w in others]


def merge_sentence(reasons, publishers: Sequence[str] = (), reports: int = 0, most: int = 4) -> str | None:
    """Why several reports are one event, in one sentence a reader can check against the sources:
    "Reported by Reuters and AP on the same day, in the same place (Sirte) and with the same parties
    (Libya, NATO)." `publishers` in the order they first reported it; `reports` the number of
    articles, said instead when every report comes from one publisher or none is named."""
    words = list(dict.fromkeys(w for w in (merge_reason_words(r) for r in reasons) if w))
    if not words:
        return None
    names = list(dict.fromkeys(p for p in publishers if p))
    if len(names) > 1:
        who = "by " + names_phrase(names, most)
    elif names and reports > 1:
        who = f"in {reports} articles by {names[0]}"
    elif reports > 1:
        who = f"in {reports} articles"
    else:
        who = f"by {names[0]}" if names else "in several articles"
    return f"Reported {who} {_and_list(_reason_phrases(words))}."


# --- where a page lies in a long list ----------------------------------------------------------------

def page_position(offset: int, shown: int, total: int, estimate: bool, limit: int) -> dict | None:
    """"Events 51–100 of 1,030, page 2 of 21" for a list longer than a page; None otherwise."""
    if not shown or (total <= limit and not offset):
        return None
    pages = -(-total // limit) if not estimate else None
    page = offset // limit + 1
    of_total = f"{total:,}" + ("+" if estimate else "")
    text = f"Events {offset + 1:,}\u2013{offset + shown:,} of {of_total}"
    if pages:
        text += f", page {page} of {pages}"
    return {"text": text, "page": page, "pages": pages}
