"""The hand-made event gold sets in bench/events-gold*/ are well formed.

Every article in either set is a pair NAME.txt (the text) and NAME.json (its gold events). The scorer matches
extracted sentences against the gold evidence strings, so a gold file that quotes its text wrongly,
lets two events claim the same words, or gives an impossible date would silently mis-score the
extractor. These checks need no model and no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
# Each set with the fewest articles it may hold: the first held-out set and the sixty-two fresh ones
# that were annotated blind after it.
GOLD_SETS = {"events-gold": 15, "events-gold-fresh": 10, "events-gold-fresh2": 8, "events-gold-fresh3": 8,
             "events-gold-fresh4": 6, "events-gold-fresh5": 8, "events-gold-fresh6": 8,
             "events-gold-fresh7": 8, "events-gold-fresh8": 8, "events-gold-fresh9": 8,
             "events-gold-fresh10": 8, "events-gold-fresh11": 6, "events-gold-fresh12": 8,
             "events-gold-fresh13": 8, "events-gold-fresh14": 8,
             "events-gold-fresh15": 8, "events-gold-fresh16": 8, "events-gold-fresh17": 8,
             "events-gold-fresh18": 8, "events-gold-fresh19": 8,
             "events-gold-fresh20": 8, "events-gold-fresh21": 8,
             "events-gold-fresh22": 8, "events-gold-fresh23": 8, "events-gold-fresh24": 8,
             "events-gold-fresh25": 8, "events-gold-fresh26": 8,
             "events-gold-fresh27": 8, "events-gold-fresh28": 8,
             "events-gold-fresh29": 8, "events-gold-fresh30": 8, "events-gold-fresh31": 8,
             "events-gold-fresh32": 8, "events-gold-fresh33": 8,
             "events-gold-fresh34": 8, "events-gold-fresh35": 8,
             "events-gold-fresh36": 8, "events-gold-fresh37": 8,
             "events-gold-fresh38": 8,
             "events-gold-fresh39": 8,
             "events-gold-fresh40": 8,
             "events-gold-fresh41": 8,
             "events-gold-fresh42": 8,
             "events-gold-fresh43": 8,
             "events-gold-fresh44": 8,
             "events-gold-fresh45": 8,
             "events-gold-fresh46": 8,
             "events-gold-fresh47": 8,
             "events-gold-fresh48": 8,
             "events-gold-fresh49": 8,
             "events-gold-fresh50": 8,
             "events-gold-fresh51": 8,
             "events-gold-fresh52": 8,
             "events-gold-fresh53": 8,
             "events-gold-fresh54": 8,
             "events-gold-fresh55": 8,
             "events-gold-fresh56": 8,
             "events-gold-fresh57": 8,
             "events-gold-fresh58": 8,
             "events-gold-fresh59": 8,
             "events-gold-fresh60": 8,
             "events-gold-fresh61": 8,
             "events-gold-fresh62": 8}

TYPES = {
    "attack", "armed_clash", "casualties", "territorial_control", "protest", "arrest_or_legal",
    "deployment_or_withdrawal", "agreement", "meeting_or_talks", "statement",
    "accusation_or_denial", "humanitarian", "other",
}
MODALITIES = {"asserted", "claimed", "denied", "planned", "threatened", "hypothetical"}
# Modalities of things that had not (or not yet) happened when reported: their dates may run
# past the publication date.
NOT_YET = {"planned", "threatened", "hypothetical"}
PRECISIONS = {"day", "month", "year", "range"}
TOP_KEYS = {"file", "published", "publisher", "title", "conflict", "source", "events", "furniture"}
EVENT_KEYS = {"id", "required", "summary", "type", "modality", "date", "precision", "actors", "places",
              "figures", "evidence"}
EVIDENCE_CHARS = (20, 120)
FURNITURE_CHARS = (20, 80)

# The scorer compares text with case, whitespace, curly quotes, en/em dashes and no-break spaces folded.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                       "\u2014": "-", "\u00a0": " "})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip().lower()


def _iso(value) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], haystack.find(needle)
    while start != -1:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _shape_problems(name: str, gold: dict) -> list[str]:
    out = []
    if not isinstance(gold, dict) or set(gold) != TOP_KEYS:
        return [f"top-level keys must be exactly {sorted(TOP_KEYS)}"]
    if gold["file"] != f"{name}.txt":
        out.append(f"file is {gold['file']!r}, expected {name}.txt")
    published = _iso(gold["published"])
    if published is None:
        out.append(f"published {gold['published']!r} is not a date")
    elif not name.endswith(f"_{gold['published']}"):
        out.append("the file name does not end with the published date")
    for key in ("publisher", "title", "conflict", "source"):
        if not isinstance(gold[key], str) or not gold[key].strip():
            out.append(f"{key} is empty")
    if not isinstance(gold["events"], list) or not gold["events"]:
        return out + ["events must be a non-empty list"]
    if not isinstance(gold["furniture"], list) or not all(isinstance(f, str) for f in gold["furniture"]):
        out.append("furniture must be a list of strings")
    seen = set()
    for event in gold["events"]:
        if not isinstance(event, dict) or set(event) != EVENT_KEYS:
            out.append(f"event keys must be exactly {sorted(EVENT_KEYS)}: {event!r:.80}")
            continue
        eid = event["id"]
        if eid in seen:
            out.append(f"id {eid} used twice")
        seen.add(eid)
        if not isinstance(event["required"], bool):
            out.append(f"{eid}: required must be true or false")
        elif not re.fullmatch(r"[RO][1-9]\d*", str(eid)) or (eid[0] == "R") != event["required"]:
            out.append(f"{eid}: id must be R<n> for required events and O<n> for optional ones")
        if event["type"] not in TYPES:
            out.append(f"{eid}: type {event['type']!r} is not one of the codebook's types")
        if event["modality"] not in MODALITIES:
            out.append(f"{eid}: modality {event['modality']!r} is not allowed")
        if event["precision"] not in PRECISIONS:
            out.append(f"{eid}: precision {event['precision']!r} is not allowed")
        if not isinstance(event["summary"], str) or not event["summary"].strip():
            out.append(f"{eid}: summary is empty")
        for key in ("actors", "places", "figures"):
            if not isinstance(event[key], list) or not all(isinstance(v, str) and v.strip() for v in event[key]):
                out.append(f"{eid}: {key} must be a list of non-empty strings")
        if not isinstance(event["evidence"], list) or not event["evidence"] \
                or not all(isinstance(v, str) for v in event["evidence"]):
            out.append(f"{eid}: evidence must be a non-empty list of strings")
        out += _date_problems(eid, event, published)
    return out


def _date_problems(eid: str, event: dict, published: dt.date | None) -> list[str]:
    date = event["date"]
    if not isinstance(date, list) or len(date) != 2:
        return [f"{eid}: date must be [start, end]"]
    start, end = _iso(date[0]), _iso(date[1])
    if start is None or end is None:
        return [f"{eid}: date {date} is not two ISO dates"]
    out = []
    if start > end:
        out.append(f"{eid}: date interval {date} runs backwards")
    if published and event["modality"] not in NOT_YET and start > published:
        out.append(f"{eid}: a {event['modality']} happening cannot start after publication ({date})")
    precision = event["precision"]
    if precision == "day" and (end - start).days > 1:
        out.append(f"{eid}: precision day allows at most two days, not {date}")
    if precision == "month" and not (start.day == 1 and (end.year, end.month) == (start.year, start.month)
                                     and end.day == calendar.monthrange(end.year, end.month)[1]):
        out.append(f"{eid}: precision month must cover exactly one month, not {date}")
    if precision == "year" and not (start.year == end.year and (start.month, start.day) == (1, 1)
                                    and (end.month, end.day) == (12, 31)):
        out.append(f"{eid}: precision year must cover exactly one year, not {date}")
    return out


def _text_problems(text: str, gold: dict) -> list[str]:
    out = []
    body = fold(text)
    where: dict[str, list[tuple[str, list[tuple[int, int]]]]] = {}
    for event in gold["events"]:
        eid, own = event["id"], []
        for ev in event["evidence"]:
            if not EVIDENCE_CHARS[0] <= len(ev) <= EVIDENCE_CHARS[1]:
                out.append(f"{eid}: evidence of {len(ev)} characters (allowed {EVIDENCE_CHARS}): {ev!r}")
            spans = _spans(body, fold(ev))
            if not spans:
                out.append(f"{eid}: evidence not in the text: {ev!r}")
            if _overlap(spans, [s for _, ss in own for s in ss]):
                out.append(f"{eid}: evidence repeats words of its own evidence: {ev!r}")
            own.append((ev, spans))
        where[eid] = own
    ids = list(where)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            for ev_a, spans_a in where[a]:
                for ev_b, spans_b in where[b]:
                    if fold(ev_a) == fold(ev_b) or _overlap(spans_a, spans_b):
                        out.append(f"{a} and {b} claim the same words: {ev_a!r} / {ev_b!r}")
    every_evidence = [s for own in where.values() for _, spans in own for s in spans]
    for furniture in gold["furniture"]:
        if not FURNITURE_CHARS[0] <= len(furniture) <= FURNITURE_CHARS[1]:
            out.append(f"furniture of {len(furniture)} characters (allowed {FURNITURE_CHARS}): {furniture!r}")
        spans = _spans(body, fold(furniture))
        if not spans:
            out.append(f"furniture not in the text: {furniture!r}")
        if _overlap(spans, every_evidence):
            out.append(f"furniture overlaps evidence: {furniture!r}")
    return out


def _wellformed_parts(gold: dict) -> dict:
    # The text checks run on whatever parts are well formed, so that one shape error does not
    # hide every quoting error behind it.
    events = [e for e in gold.get("events") or [] if isinstance(e, dict) and "id" in e
              and isinstance(e.get("evidence"), list) and all(isinstance(v, str) for v in e["evidence"])]
    furniture = gold.get("furniture") if isinstance(gold.get("furniture"), list) else []
    return {"events": events, "furniture": [f for f in furniture if isinstance(f, str)]}


def problems(name: str, text: str, gold: dict) -> list[str]:
    """Everything wrong with one gold file, in words; an empty list when it is sound."""
    found = _shape_problems(name, gold)
    if isinstance(gold, dict):
        found += _text_problems(text, _wellformed_parts(gold))
    return found


def _names(gold_set: str) -> list[str]:
    return sorted(p.stem for p in (BENCH / gold_set).glob("*.json"))


ARTICLES = [(gold_set, name) for gold_set in GOLD_SETS for name in _names(gold_set)]


@pytest.mark.parametrize("gold_set", GOLD_SETS)
def test_the_set_is_there_and_every_text_has_its_annotation(gold_set):
    texts = sorted(p.stem for p in (BENCH / gold_set).glob("*.txt"))
    assert len(_names(gold_set)) >= GOLD_SETS[gold_set]
    assert texts == _names(gold_set)


@pytest.mark.parametrize("gold_set, name", ARTICLES)
def test_gold_file_is_sound(gold_set, name):
    text = (BENCH / gold_set / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((BENCH / gold_set / f"{name}.json").read_text(encoding="utf-8"))
    assert problems(name, text, gold) == []


@pytest.mark.parametrize("gold_set", GOLD_SETS)
def test_readme_lists_every_file_with_its_true_counts(gold_set):
    readme = (BENCH / gold_set / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(r"`[\w-]+`", cells[0]):
            rows[cells[0].strip("`")] = cells
    assert sorted(rows) == _names(gold_set)
    for name, cells in rows.items():
        text = (BENCH / gold_set / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads((BENCH / gold_set / f"{name}.json").read_text(encoding="utf-8"))
        required = sum(e["required"] for e in gold["events"])
        assert cells[-3:] == [str(len(text)), str(required), str(len(gold["events"]) - required)], name
        assert gold["published"] in cells and gold["source"] in " ".join(cells), name


def test_no_article_is_in_both_sets():
    assert not set(_names("events-gold")) & set(_names("events-gold-fresh"))


# The checks themselves must be able to fail: a sound little article, then the same with one fault each.
_TEXT = ("Rebels shelled the town of Abcville on Monday, killing four people, officials said.\n"
         "Photo: a street in Abcville (Agency)\n"
         "The army denied that its troops had withdrawn from the town.\n")


def _sound():
    event = {"id": "R1", "required": True, "summary": "Rebels shelled Abcville", "type": "attack",
             "modality": "asserted", "date": ["2020-01-06", "2020-01-06"], "precision": "day",
             "actors": ["rebels"], "places": ["Abcville"], "figures": ["4 killed (officials)"],
             "evidence": ["Rebels shelled the town of Abcville on Monday"]}
    denial = {**event, "id": "O1", "required": False, "type": "accusation_or_denial", "modality": "denied",
              "date": ["2020-01-06", "2020-01-07"], "evidence": ["The army denied that its troops had withdrawn"]}
    return {"file": "abc_agency_2020-01-07.txt", "published": "2020-01-07", "publisher": "Agency",
            "title": "t", "conflict": "c", "source": "https://example.org/a", "events": [event, denial],
            "furniture": ["Photo: a street in Abcville (Agency)"]}


def _broken(change):
    gold = json.loads(json.dumps(_sound()))
    change(gold)
    return problems("abc_agency_2020-01-07", _TEXT, gold)


def test_a_sound_file_passes_and_quote_styles_are_folded():
    assert problems("abc_agency_2020-01-07", _TEXT, _sound()) == []
    assert _broken(lambda g: g["events"][0]["evidence"].__setitem__(0, "REBELS  shelled the town of Abcville on Monday")) == []


@pytest.mark.parametrize("change, words", [
    (lambda g: g["events"][0]["evidence"].append("killing five people, officials said"), "not in the text"),
    (lambda g: g["events"][1]["evidence"].append("the town of Abcville on Monday, killing"), "claim the same words"),
    (lambda g: g["events"][1]["evidence"].append("Rebels shelled the town of Abcville on Monday"), "claim the same words"),
    (lambda g: g["events"][0]["evidence"].append("Abcville"), "evidence of 8 characters"),
    (lambda g: g["furniture"].append("the town of Abcville on Monday"), "furniture overlaps evidence"),
    (lambda g: g["events"][1].__setitem__("id", "R2"), "R<n> for required"),
    (lambda g: g["events"][1].__setitem__("id", "R1"), "used twice"),
    (lambda g: g["events"][0].__setitem__("type", "bombing"), "codebook's types"),
    (lambda g: g["events"][0].__setitem__("modality", "reported"), "modality 'reported'"),
    (lambda g: g["events"][0].__setitem__("date", ["2020-01-07", "2020-01-06"]), "runs backwards"),
    (lambda g: g["events"][0].__setitem__("date", ["2020-01-06", "2020-01-31"]), "at most two days"),
    (lambda g: g["events"][0].__setitem__("date", ["2020-01-08", "2020-01-08"]), "after publication"),
    (lambda g: g["events"][0].__setitem__("date", ["2020-01-06", "2020-13-01"]), "not two ISO dates"),
    (lambda g: g.__setitem__("published", "2020-02-30"), "is not a date"),
    (lambda g: g["events"][0].pop("figures"), "event keys"),
])
def test_each_kind_of_fault_is_reported(change, words):
    found = _broken(change)
    assert any(words in problem for problem in found), found
