"""An event's date: the temporal expression that governs its clause, else the reporting date,
else the publication date.

A timex belongs to the event whose predicate it attaches to in the dependency tree: from the
timex's head we climb to the first verb or event word ("took the offensive Tuesday", "Last year,
X began a blockade", "the war in 2020", "the 2020 ceasefire"). Only if none governs the event do we
fall back, in order, to a timex on the reporting verb ("Zakharova said Tuesday" -> method
"reporting") and to the publication date (method "inherited", rule "inherited-dct").

Never invent precision: the interval and its precision come from the timex package's `interval()`.
DURATIONs and SETs are not dates ("for six weeks", "for months"), and neither are vague references
that have no calendar interval ("recently").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from app.pipeline.asides import dash_aside
from app.pipeline.events import GLOSSING_VERBS, TELLING_TO_VERBS, TIME_WORDS, free_relative_namer
from app.pipeline.timex import interval
from app.pipeline.timex.calendar import fmt_month, month_near, weekday_near
from app.pipeline.types import DateInterval, EventDate, Timex

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}
# Heads a timex climbs through on its way to the word it dates.
CLIMB_DEPS = frozenset({"npadvmod", "pobj", "prep", "nmod", "compound", "nummod", "amod", "tmod", "advmod",
                        "dobj", "attr", "oprd", "pcomp", "case", "dep", "conj", "quantmod", "det", "poss", "acomp", "agent"})


@dataclass(frozen=True)
class PlacedTimex:
    """A timex of the sentence with the token it attaches to and its calendar interval."""

    timex: Timex
    interval: DateInterval
    governor: int | None  # the verb/event token it dates
    tokens: frozenset[int]


def place_timexes(doc: Doc, span: Span, timexes: list[Timex], event_tokens: frozenset[int]) -> list[PlacedTimex]:
    """Attach each dateable timex of a sentence to the verb or event word that governs it."""
    placed: list[PlacedTimex] = []
    for tx in timexes:
        if tx.type not in ("DATE", "TIME"):
            continue
        iv = interval(tx)
        if iv is None:
            continue
        iv = _before_or_after_the_anchor(tx, iv)
        toks = [t for t in span if tx.start <= t.idx < tx.end]
        if not toks:
            continue
        idx = frozenset(t.i for t in toks)
        root = next((t for t in toks if t.head.i not in idx or t.head is t), toks[0])
        governor = None if _describes_a_thing(root, iv, event_tokens) else _governor(root, event_tokens)
        aside = dash_aside(span, tx.start)
        if governor is not None and aside is not None and not aside[0] <= doc[governor].idx < aside[1]:
            governor = None  # an aside's date dates nothing outside it (see dash_aside)
        if governor is not None:
            tx, iv = _in_the_verbs_tense(tx, iv, doc[governor])
        placed.append(PlacedTimex(tx, iv, governor, idx))
    return [_to_the_relative_clause_before(p, placed, doc) for p in placed]


def _to_the_relative_clause_before(p: PlacedTimex, placed: list[PlacedTimex], doc: Doc) -> PlacedTimex:
    """A date the parser hung on the main verb, right after a relative clause that ends where it
    begins, dates that clause when the main verb has a date of its own: "The town where the old chief
    met his end 80 years ago ... was taken over last night"."""
    if p.governor is None or not any(q is not p and q.governor == p.governor for q in placed):
        return p
    before = min(p.tokens) - 1
    if before < 0:
        return p
    clause = next((a for a in (doc[before], *doc[before].ancestors)
                   if a.dep_ == "relcl" and a.right_edge.i == before and a.i != p.governor), None)
    if clause is None or clause.pos_ not in ("VERB", "AUX") or not _simple_past(clause):
        return p
    return PlacedTimex(p.timex, p.interval, clause.i, p.tokens)


def _before_or_after_the_anchor(tx: Timex, iv: DateInterval) -> DateInterval:
    """ "Earlier this week" is the part of the week before the day it is said from, "later this
    month" the part after it: the period cut at that day (which stays in, as it may be meant)."""
    if tx.anchor is None or not iv.start <= tx.anchor <= iv.end:
        return iv
    if tx.rule.endswith("+earlier"):
        return replace(iv, end=tx.anchor)
    if tx.rule.endswith("+later"):
        return replace(iv, start=tx.anchor)
    return iv


def _in_the_verbs_tense(tx: Timex, iv: DateInterval, verb: Token) -> tuple[Timex, DateInterval]:
    """A bare weekday the tagger read as coming ("Wednesday" near "might have to") dates a verb in
    the past tense ("told PBS Wednesday that ..."): the verb's tense decides, so take the past one."""
    if tx.rule.startswith("weekday-past") and tx.anchor is not None and _to_come(verb):
        # "were scheduled to hold talks on Sunday": the planned act is the coming Sunday's
        day = dt.date.fromisoformat(tx.value[:10])
        ahead = weekday_near(tx.anchor, day.isoweekday(), "future")
        fixed = replace(tx, value=ahead.isoformat() + tx.value[10:], rule=tx.rule.replace("weekday-past", "weekday-planned", 1))
        return fixed, interval(fixed) or iv
    if tx.rule == "month-tense" and tx.anchor is not None and iv.end < tx.anchor and _to_come(verb):
        # "who will take office in December", said in July: the coming December
        year, month = month_near(tx.anchor, int(tx.value[5:7]), "future")
        fixed = replace(tx, value=fmt_month(year, month), rule="month-planned")
        return fixed, interval(fixed) or iv
    if not tx.rule.startswith("weekday-future") or tx.anchor is None or verb.tag_ != "VBD":
        return tx, iv
    day = dt.date.fromisoformat(tx.value[:10])
    past = weekday_near(tx.anchor, day.isoweekday(), "past")
    value = past.isoformat() + tx.value[10:]
    fixed = replace(tx, value=value, rule=tx.rule.replace("weekday-future", "weekday-past-tense", 1))
    return fixed, interval(fixed) or iv


# Words whose infinitive is an act still to come, however they are told ("were scheduled to meet").
PLANNING_WORDS = frozenset({"schedule", "due", "set", "plan", "intend", "expect", "prepare", "slate"})


def _to_come(verb: Token) -> bool:
    """The verb tells an act to come: with "will" ("will meet on Sunday"), or as the infinitive of a
    plan ("were scheduled to hold a round of talks on Sunday", "are due to meet")."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and verb.head.lemma_.lower() in PLANNING_WORDS


# Timex precisions that, set before a noun that names no event, say how old a thing is, not when
# anything happened: "the sixteenth century cathedral", "1980s-era rifles".
AGE_PRECISIONS = frozenset({"decade", "century"})


def _describes_a_thing(root: Token, iv: DateInterval, event_tokens: frozenset[int]) -> bool:
    """The timex modifies a later noun that is no event word, at a precision of an age."""
    head = root.head
    return (iv.precision in AGE_PRECISIONS and root.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod")
            and head.i > root.i and head.pos_ in ("NOUN", "PROPN") and head.i not in event_tokens)


def _governor(tok: Token, event_tokens: frozenset[int]) -> int | None:
    cur = tok
    for _ in range(8):
        if cur.head is cur:
            return cur.i if cur.pos_ in ("VERB", "AUX") else None
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.i != tok.i and tok.head.dep_ == "prep" and tok.head.head.i == cur.i \
                and tok.head.lower_ in ("on", "at") and cur.head.pos_ in ("VERB", "AUX") and tok.head.i > cur.i:
            return cur.head.i  # "Malawi police on Thursday cleared ...": the day hung on the subject is the verb's
        if cur.dep_ not in CLIMB_DEPS:
            return None  # a date inside the subject ("Russia, guarantor of the 2020 truce, said") dates nothing here
        cur = cur.head
        if cur.i in event_tokens or cur.pos_ in ("VERB", "AUX"):
            return cur.i
    return None


def _chain(pred: Token) -> set[int]:
    """Tokens whose timex dates this predicate: the predicate, its auxiliaries' head, and the
    clause it is coordinated into when it has no subject of its own ("...and opened fire")."""
    out = {pred.i}
    for c in pred.children:
        if c.dep_ in ("aux", "auxpass"):
            out.add(c.i)
        elif c.dep_ == "xcomp" and c.tag_ == "VBG" and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            out.add(c.i)  # "chased retreating raiders across the river on Saturday", the day hung on the participle
        elif c.dep_ == "agent":
            # "was executed by firing squad on Sunday": the parser reads "firing" as a participle
            # under "by" and hangs the day on it; how it was done is done when it was done
            out |= {g.i for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"
                    and not any(d.dep_ in ("nsubj", "nsubjpass") for d in g.children)}
    # "opened fire on a crowd demonstrating against the pass laws yesterday": what the act met was
    # doing it at that moment, so a day hung on that present participle is the act's day too
    met = [c for c in pred.children if c.dep_ == "dobj"]
    met += [g for c in pred.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    out |= {a.i for m in met for a in m.children if a.dep_ == "acl" and a.tag_ == "VBG"}
    return out


# Verbs of command, whose order's day the parser may hang on what was ordered; and the words that
# make a day a deadline of the order rather than its day.
COMMAND_LEMMAS = frozenset({"order", "instruct"})
DEADLINE_SIGNALS = frozenset({"by", "before", "until", "till", "til", "within", "through", "pending"})


def date_event(
    doc: Doc,
    trigger: int,
    predicate: int,
    reporter: int | None,
    placed: list[PlacedTimex],
    published: dt.date,
    event_predicates: frozenset[int] = frozenset(),
) -> EventDate:
    """The EventDate of one event from the timexes of its sentence."""
    pred = doc[predicate]
    own = _chain(pred) | {trigger}
    if doc[trigger].pos_ in ("NOUN", "PROPN"):
        # "a civil war that ravaged the country in the 1990s": the clause describing the event
        # noun dates it
        for clause in doc[trigger].children:
            if clause.dep_ == "relcl":
                own |= _chain(clause)
    namer = free_relative_namer(doc[trigger])
    if namer is not None:
        own.add(namer.i)  # "launched what they described as an offensive on Monday": Monday dates it
    direct = [p for p in placed if p.governor in own]
    if not direct and pred.dep_ == "conj":
        # "Azerbaijan took the offensive Tuesday ... and opened fire": shared by coordination only
        # when the second verb has no subject of its own
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children) and pred.head.i in event_predicates:
            head = pred.head
            direct = [p for p in placed if p.governor in _chain(head)]
    if not direct:
        # "Militiamen threw grenades and then sprayed the market with gunfire on Friday": a second
        # verb of the same subject that tells no happening of its own (it was folded into this one)
        # gives its day to the act
        folded = [c for c in pred.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i not in event_predicates
                  and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        direct = [p for p in placed if any(p.governor in _chain(c) for c in folded)]
    if not direct and pred.lemma_.lower() in COMMAND_LEMMAS | TELLING_TO_VERBS:
        # "ordered the army to lay down its arms on Monday", "urged residents to stay indoors on
        # Monday": the day the parser hung on what was asked is the asking's, unless it is a
        # deadline ("by Friday", "until the talks") or, for a plea, a day still to come ("called on
        # them to vote on Sunday" of a Friday paper asks for Sunday)
        ordered = [c for c in pred.children if c.dep_ in ("xcomp", "ccomp")]
        direct = [p for p in placed if any(p.governor in _chain(c) for c in ordered)
                  and p.timex.signal not in DEADLINE_SIGNALS
                  and (pred.lemma_.lower() in COMMAND_LEMMAS or p.interval.end <= published)]
    if not direct:
        # "took power in a revolution that toppled the king in 1979", "in a 1954 uprising", "killed
        # in a revolution led by the general last July": an act told as part of a happening named
        # with its date shares that date
        framing = [g for c in pred.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                   for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        dating = {g.i for g in framing}  # a timex hangs on a noun only when the noun tells a happening
        dating |= {i for g in framing
                   if g.i in event_predicates or g.lemma_.lower() in FRAMING_HAPPENINGS | OCCASIONS
                   for r in (*(r for r in g.children if r.dep_ in ("relcl", "acl")), *_relative_read_as_adverbial(pred, g))
                   for i in _chain(r)}
        direct = [p for p in placed if p.governor in dating]
    if not direct and pred.dep_ == "relcl" and pred.head.pos_ == "NOUN" \
            and pred.head.lemma_.lower() in FRAMING_HAPPENINGS | TOLD_HAPPENINGS:
        # "after a massacre by militants Monday that claimed 58 lives": what the clause tells of a
        # happening named with its day is of that day
        named = pred.head
        direct = [p for p in placed if any(
            doc[i].head.i == named.i or doc[i].head.dep_ == "prep" and doc[i].head.head.i == named.i for i in p.tokens)]
    if not direct and _simple_past(pred):
        # "Police moved in to disperse the crowd on Tuesday": the parser hangs the day on the purpose
        # clause, which has no tense of its own; a day already past is the act's
        purposes = [c for c in pred.children if c.dep_ == "advcl" and c.tag_ == "VB"
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        direct = [p for p in placed if any(p.governor in _chain(c) for c in purposes)
                  and p.interval.end <= published and p.timex.signal not in DEADLINE_SIGNALS | UNTIL_SIGNALS]
    if direct and _simple_past(pred) and pred.pos_ == "VERB":
        # "accepted the resignation of the minister, since 1993 in charge of the police": a simple
        # past act does not last since a day; the parser hung a description's "since" on the verb
        direct = [p for p in direct if p.timex.signal != "since"]
    if direct:
        best = _best(direct)
        if reporter is not None:
            best = _anchored_on_speech(best, doc, reporter, placed)
        if best.timex.signal in UNTIL_SIGNALS:
            return _until(best, reporter, doc, placed, published)
        return _from_timex(best, "explicit")
    counted = _counted_from_the_clause_above(pred, placed)
    if counted is not None:
        return counted
    since = _since_clause_date(pred, placed)
    if since is not None:
        since = _in_the_past(since, published)
        stated = _from_timex(since, "explicit")
        return replace(stated, interval=replace(since.interval, open_end=True), rule="since-clause:" + stated.rule)
    enclosing = _enclosing_clause_date(pred, placed, reporter)
    if enclosing is not None:
        return _from_timex(enclosing, "explicit")
    meanwhile = _same_time_clause_date(doc, pred, placed)
    if meanwhile is not None:
        return _from_timex(meanwhile, "explicit")
    opening = _opening_date(doc, pred, placed, reporter)
    if opening is not None:
        return _from_timex(opening, "explicit")
    if reporter is not None:
        rep = [p for p in placed if p.governor in _chain(doc[reporter])]
        if not rep:
            # "They were stopped Friday, when the general staff said the army had engaged them":
            # the saying shares the day of the clause it is part of
            enclosing = _enclosing_clause_date(doc[reporter], placed, None)
            rep = [enclosing] if enclosing is not None else []
        if rep:
            said = _from_timex(_best(rep), "reporting")
            return _counted_from_speech(said, pred, doc[reporter]) or said
    return inherited(published)


# "a day after", "two weeks before": the count of a clause told as that long before or after the
# clause it hangs on.
COUNTED_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _counted_from_the_clause_above(pred: Token, placed: list[PlacedTimex]) -> EventDate | None:
    """ "Police ringed the shipyard on Friday morning, a day after riot squads stormed the mills":
    a clause told as a counted time after (or before) the clause it hangs on, with no day of its
    own, is that long before (or after) that clause's day: Thursday. None when the clause above
    has no day, or the count is not of days or weeks."""
    mark = next((c for c in pred.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    if pred.dep_ != "advcl" or mark is None:
        return None
    days = None
    for unit in (c for holder in (pred, mark) for c in holder.children if c.dep_ == "npadvmod"):
        count = next((c for c in unit.children if c.dep_ in ("det", "nummod")), None)
        if unit.lower_ in COUNTED_UNITS and count is not None:
            number = _COUNTS.get(count.lower_) or (int(count.text) if count.text.isdigit() else None)
            if number is not None:
                days = number * COUNTED_UNITS[unit.lower_]
    if days is None:
        return None
    above = pred.head
    # (the day may hang on the clause's verb, on what it goes on to do, or on its subject: "the
    # bombing on Wednesday came two days after ...")
    held = _chain(above) | {c.i for c in above.children if c.dep_ == "xcomp"
                            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)} \
        | {c.i for c in above.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"}
    dated = [p for p in placed if p.governor in held and p.interval.precision == "day"
             and p.timex.signal not in DEADLINE_SIGNALS | UNTIL_SIGNALS]
    if not dated:
        return None
    stated = _from_timex(_best(dated), "explicit")
    day = stated.interval.start + dt.timedelta(days=-days if mark.lower_ == "after" else days)
    return replace(stated, interval=DateInterval(day, day, "day"), method="relative",
                   rule=f"counted-from-clause:{stated.rule}", expression=f"{days} days {mark.lower_}")


# Nouns of a happening that an act may be told as part of ("took power in a revolution that toppled
# the king in 1979"), beside the event nouns the sentence's own events were found by.
FRAMING_HAPPENINGS = frozenset({"revolution", "uprising", "revolt", "rebellion", "insurrection", "coup", "putsch",
                                "war", "invasion", "offensive", "campaign", "crackdown", "mutiny", "election"})
# Gatherings an act may be told as happening during ("stabbed during a service that was being
# streamed on Monday"): the day the clause gives the gathering is the act's.
OCCASIONS = frozenset({"service", "mass", "ceremony", "rally", "meeting", "parade", "celebration", "funeral",
                       "procession", "vigil", "sermon", "speech", "session", "summit", "festival", "concert",
                       "match", "game", "wedding", "march", "demonstration", "protest", "prayers", "visit"})


def _relative_read_as_adverbial(pred: Token, noun: Token):
    """A clause opened by "that" or "which" right after `noun` that the parser hung on the verb as
    an adverbial clause ("stabbed during a church service that was being streamed on Monday"): a
    relative clause of the noun all the same."""
    for clause in pred.children:
        if clause.dep_ == "advcl" and clause.left_edge.i == noun.right_edge.i + 1 \
                and clause.left_edge.tag_ == "WDT" and clause.left_edge.dep_ in ("nsubj", "nsubjpass"):
            yield clause


# Single acts of violence a relative clause may go on to tell of ("a bombing Monday that killed nine").
TOLD_HAPPENINGS = frozenset({"massacre", "attack", "bombing", "raid", "blast", "explosion", "shooting", "ambush",
                             "assault", "clash", "riot", "shelling", "airstrike", "strike", "killing", "siege"})


def _counted_from_speech(said: EventDate, pred: Token, reporter: Token) -> EventDate | None:
    """ "Rebels had attacked the town the previous day, the army said on Monday": a day counted in
    what was said ("the previous day", "the day before", "two days earlier") counts from the day it
    was said, here Sunday. None when the clause counts no days or the saying has no day."""
    if said.interval.precision != "day":
        return None
    spoken = {t.i for t in reporter.subtree} if reporter.i not in {t.i for t in pred.ancestors} else set()
    tokens = [t for t in pred.subtree if t.i not in spoken and t.i != reporter.i]
    # the parser may hang the count on the verb of saying, which has a day of its own already
    tokens += [t for c in reporter.children if c.dep_ == "npadvmod" for t in c.subtree]
    words = " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))
    offset = narrative_offset(words)
    if offset is None:
        return None
    days, expression = offset
    day = said.interval.start + dt.timedelta(days=days)
    return replace(said, interval=DateInterval(day, day, "day"), method="relative",
                   rule=f"counted-from-speech:{said.rule}", expression=expression)


# Links from a clause up to the clause it belongs to: "..., when a bomb exploded", "a firestorm that
# killed 600", "the insurrection that overran Goma". Not the content of speech (ccomp): what someone
# said on Monday may have happened any time before.
ENCLOSING_DEPS = frozenset({"advcl", "relcl", "acl", "conj", "pobj", "prep", "dobj", "attr", "appos", "pcomp",
                            "npadvmod", "xcomp", "nsubjpass", "nsubj"})


def _enclosing_clause_date(pred: Token, placed: list[PlacedTimex], reporter: int | None) -> PlacedTimex | None:
    """A clause with no date of its own shares the date of the clause it is part of: "At least 90
    people were killed when a vehicle exploded ... on Saturday"; "the deadliest attack was in October
    2017, when a truck detonated". Never climbs past a reporting verb or out of what was said."""
    governed: dict[int, list[PlacedTimex]] = {}
    for p in placed:
        if p.governor is not None:
            governed.setdefault(p.governor, []).append(p)
    if not governed:
        return None
    cur = pred
    for _ in range(6):
        if cur.head is cur or (cur.dep_ not in ENCLOSING_DEPS and not _perceived(cur)):
            return None
        if cur.dep_ in ("nsubj", "nsubjpass") and cur.pos_ in ("VERB", "AUX"):
            return None
        if cur.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cur.children) \
                and not _one_story(cur, cur.head):
            return None  # "War broke out in 2020, and there is concern ...": a clause of its own
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ORDERING_MARKS for c in cur.children) \
                and not _counted_interval(cur):
            return None  # "dug for bodies Wednesday after hijackers crashed ...": the crash came before Wednesday
        cur = cur.head
        if reporter is not None and cur.i == reporter:
            return None
        if cur.i in governed:
            return _best(governed[cur.i])
    return None


# Verbs of finding out by one's own senses: what was found was so when it was found ("when he
# discovered that his telephones were cut off"), unlike what was said, heard or learnt, which may be
# older news.
PERCEPTION_LEMMAS = frozenset({"discover", "find", "see", "notice", "realise", "realize", "witness", "watch"})


def _perceived(clause: Token) -> bool:
    """A clause in the past that is what a verb of perception in the past found ("discovered
    that the guards were disarmed")."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in PERCEPTION_LEMMAS \
        and clause.head.tag_ == "VBD" and clause.tag_ in ("VBD", "VBN") \
        and not any(c.tag_ == "MD" for c in clause.children)


# Verbs of saying: a clause joined to one by "and" tells something else than what was said, at
# another time ("the army said on Monday ..., and rebels attacked a village").
SAYING_LEMMAS = frozenset({"say", "tell", "announce", "report", "add", "claim", "state", "confirm", "deny",
                           "accuse", "insist", "declare", "warn", "note", "explain"})


def _simple_past(verb: Token) -> bool:
    """ "clashed", "was injured": the simple past, active or passive; not "had clashed" (before
    the story's time) nor "has been" or "is" (the time of the report)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" or a.tag_ == "MD" for a in auxes):
        return False
    if verb.tag_ == "VBD":
        return not auxes
    return verb.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ == "VBD" for a in auxes)


def _one_story(second: Token, first: Token) -> bool:
    """ "Peacekeepers clashed with rebels on Tuesday and a French soldier was badly injured": two
    clauses in the simple past joined in one sentence tell one moment of the story, so the second,
    with no date of its own, shares the first's; not when the first is a saying."""
    return first.pos_ in ("VERB", "AUX") and first.lemma_.lower() not in SAYING_LEMMAS \
        and _simple_past(first) and _simple_past(second)


# Marks of a clause told as coming before or after the one it hangs on, at a time of its own.
ORDERING_MARKS = frozenset({"after", "before", "until", "till", "since"})


def _counted_interval(clause: Token) -> bool:
    """ "three months after Rawlings stepped down": the clause is counted from the one it hangs on,
    so that one's date stays the nearest known."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    return any(c.dep_ == "npadvmod" for t in (clause, *marks) for c in t.children)


# Words that open a clause happening at the same time as the one it hangs on ("wounded while the
# convoy crossed the bridge on Monday"); "after" and "before" name another time and are left out.
SAME_TIME_MARKS = frozenset({"as", "when", "while", "whilst"})


# Nouns a "when" clause may describe as a relative ("the day when", "a time when"): those clauses
# say which time, not what happened at the same time.
TIME_NOUNS = TIME_WORDS | frozenset({"time", "times", "moment", "nights", "hour", "period", "era", "age", "season",
                                     "point", "occasion", "date"})
# Links a "when" clause may hang on below the clause it really belongs to, when the parser takes it
# for a relative clause of the last noun ("injured in the attack, including two civilians, when
# contras ambushed a jeep on Monday").
NOMINAL_LINKS = frozenset({"pobj", "prep", "dobj", "appos", "npadvmod", "nsubjpass", "attr"})


def _same_time_clauses(pred: Token):
    """The clauses told as going on at the same time as `pred`: its "when", "while", "as" adverbial
    clauses, and a "when" clause the parser hung as a relative clause on a noun of pred's own
    phrases, when that noun is no time ("the day when ..." says which day)."""
    for clause in pred.children:
        if clause.dep_ == "advcl":
            yield clause
    for noun in pred.subtree:
        if noun.i == pred.i or noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in TIME_NOUNS:
            continue
        for clause in noun.children:
            if clause.dep_ == "relcl" and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark")
                                              for c in clause.children) and _hangs_on(noun, pred):
                yield clause


def _hangs_on(noun: Token, pred: Token) -> bool:
    """The noun belongs to pred's own clause through phrases alone, no verb of another clause."""
    cur = noun
    for _ in range(6):
        if cur.i == pred.i:
            return True
        if cur.dep_ not in NOMINAL_LINKS and not (cur.dep_ == "prep" and cur.tag_ == "VBG"):
            return False  # "including" is a preposition the parser tags as a verb
        cur = cur.head
    return cur.i == pred.i


def _same_time_clause_date(doc: Doc, pred: Token, placed: list[PlacedTimex]) -> PlacedTimex | None:
    """ "Four guards were wounded while the convoy crossed the bridge on Monday": a clause told as
    going on at the same time dates the clause it hangs on, when that has no date of its own."""
    for clause in _same_time_clauses(pred):
        opener = {c.lower_ for c in clause.children if c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ == "when")}
        # the parser may hang the "as" on the main verb instead, as a preposition whose object is
        # the clause's subject ("died as mortar fire went on")
        opener |= {t.lower_ for t in doc[max(clause.left_edge.i - 4, pred.sent.start):clause.left_edge.i]
                   if t.head.i == pred.i and t.dep_ in ("prep", "mark")}
        if not opener & SAME_TIME_MARKS and not _participle_of_the_moment(clause):
            continue
        # (and the clause's own infinitive: "as the realisation began to sink in on Saturday", the
        # day the parser hung on "sink" is the beginning's too)
        within = _chain(clause).union(*(_chain(c) for c in clause.children if c.dep_ == "xcomp"
                                        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)))
        dated = [p for p in placed if p.governor in within]
        if dated:
            return _best(dated)
    return None


def _participle_of_the_moment(clause: Token) -> bool:
    """ "Speaking on Monday, the minister said ...", "Taking over on Friday night, he addressed the
    nation": a present participle with no subject or opener of its own tells what its subject was
    doing at the time. Not "having taken" (done before), nor a past participle ("Elected in 2019,
    he resigned" gives background)."""
    if clause.lemma_.lower() in GLOSSING_VERBS:
        return False  # "told reporters, referring to the blasts last July": the day is of what is referred to
    return clause.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") or c.dep_ == "aux" and c.lower_ == "having" for c in clause.children)


def _since_clause_date(pred: Token, placed: list[PlacedTimex]) -> PlacedTimex | None:
    """ "At least 1,700 civilians have been killed since the protests erupted in March": a toll or
    a campaign counted from a dated happening runs from that date on (an open range), and is not
    a happening of the day of the report, nor of March alone. Only with a verb in the perfect
    ("have been killed", "has been trading"): with a simple past, "since" gives a reason ("the
    rebels took the town since the army had pulled out on Monday")."""
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in pred.children):
        return None
    for clause in pred.children:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children):
            continue
        dated = [p for p in placed if p.governor in _chain(clause)]
        if dated:
            return _best(dated)
    return None


def _in_the_past(p: PlacedTimex, published: dt.date) -> PlacedTimex:
    """What a toll is counted from has happened: a day and month written without a year that the
    tagger put after the publication date ("since Hamas attacked Israel on October 7", written
    on 13 September) is the one a year earlier."""
    tx = p.timex
    if not tx.rule.endswith("-dct-year") or p.interval.start <= published or len(tx.value) < 10:
        return p
    day = dt.date.fromisoformat(tx.value[:10])
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return p
    fixed = replace(tx, value=earlier.isoformat() + tx.value[10:], rule=tx.rule + "-past")
    return PlacedTimex(fixed, interval(fixed) or p.interval, p.governor, p.tokens)


def _anchored_on_speech(p: PlacedTimex, doc: Doc, reporter: int, placed: list[PlacedTimex]) -> PlacedTimex:
    """A weekday in what someone said points from the day they said it: "announced on Monday that
    schools would close until Thursday" is the Thursday after that Monday, whatever day the report
    came out."""
    tx = p.timex
    said = [q for q in placed if q.governor in _chain(doc[reporter]) and q is not p]
    if said and tx.anchor is not None and p.interval.precision == "day" and _best(said).interval.precision == "day":
        counted = narrative_offset(tx.text)  # "two days earlier, the army said on Monday": Saturday
        if counted is not None:
            day = _best(said).interval.start + dt.timedelta(days=counted[0])
            fixed = replace(tx, value=day.isoformat(), anchor=_best(said).interval.start, rule=tx.rule + "-from-speech")
            return PlacedTimex(fixed, DateInterval(day, day, "day"), p.governor, p.tokens)
    if not said or not tx.rule.startswith("weekday") or tx.anchor is None:
        return p
    day_said = _best(said).interval.start
    weekday = dt.date.fromisoformat(tx.value[:10]).isoweekday()
    direction = "past" if "past" in tx.rule or "last" in tx.rule else "future"
    day = weekday_near(day_said, weekday, direction)
    fixed = replace(tx, value=day.isoformat() + tx.value[10:], anchor=day_said, rule=tx.rule + "-from-speech")
    return PlacedTimex(fixed, interval(fixed) or p.interval, p.governor, p.tokens)


UNTIL_SIGNALS = frozenset({"until", "till", "til", "through", "pending"})


def _until(p: PlacedTimex, reporter: int | None, doc: Doc, placed: list[PlacedTimex], published: dt.date) -> EventDate:
    """ "Banks will be shut until Wednesday": from when it was said (or published) to that day."""
    start = published
    if reporter is not None:
        said = [q for q in placed if q.governor in _chain(doc[reporter])]
        if said:
            start = _best(said).interval.start
    start = min(start, p.interval.end)
    stated = _from_timex(p, "explicit")
    return replace(stated, interval=DateInterval(start, p.interval.end, p.interval.precision), rule="until-" + stated.rule)


def _opening_date(doc: Doc, pred: Token, placed: list[PlacedTimex], reporter: int | None) -> PlacedTimex | None:
    """ "On February 4, fighters ... shot dead three herders": a date that opens the sentence, set
    off by a comma (or attached by the parser to no verb at all), frames everything the sentence
    then tells, whatever the parser attached it to.
    Not what is reported as said (that keeps the speech's own dating)."""
    if reporter is not None:
        return None
    sent = pred.sent
    for p in placed:
        first = min(p.tokens)
        last = max(p.tokens)
        lead = [t for t in sent if t.i < first and not t.is_punct]
        if len(lead) > 2 or any(t.pos_ not in ("ADP", "ADV", "DET") for t in lead):
            continue
        if last + 1 < len(doc) and doc[last + 1].text == "," and last + 1 < sent.end:
            return p
        if p.governor is None:
            return p  # "On 12 May rebels attacked ...": no comma, and the parser hung the date on nothing
    return None


def _best(cands: list[PlacedTimex]) -> PlacedTimex:
    # the most precise; on ties the first in the text
    return min(cands, key=lambda p: (PRECISION_RANK[p.interval.precision], p.timex.start))


def _from_timex(p: PlacedTimex, how: str) -> EventDate:
    tx = p.timex
    if how == "reporting":
        method = "reporting"
    else:
        method = "explicit" if tx.anchor is None else "relative"
    return EventDate(
        interval=p.interval,
        method=method,
        rule=tx.rule if how != "reporting" else f"reporting-verb:{tx.rule}",
        expression=tx.text,
        expression_start=tx.start,
        expression_end=tx.end,
        anchor=tx.anchor,
        timex_value=tx.value,
    )


def inherited(published: dt.date) -> EventDate:
    """The publication date, for reports of the current story that carry no date of their own."""
    return EventDate(
        interval=DateInterval(published, published, "day"),
        method="inherited",
        rule="inherited-dct",
        anchor=published,
    )


# Words that put a weekday in the small hours: a report of Tuesday's events that runs on past
# midnight speaks of "early Wednesday" or "before dawn on Wednesday".
SMALL_HOURS = ("early", "midnight", "dawn", "morning", "overnight", "pre-dawn", "predawn")


def overnight_weekdays(timexes: tuple[Timex, ...], published: dt.date) -> tuple[Timex, ...]:
    """A report dated on a Tuesday that tells Tuesday's story and then says "before dawn on
    Wednesday" means the Wednesday after, not six days before: wire stories keep their first date while they are
    updated through the night. Only a past-read weekday in the small hours, the day after
    publication, in an article that names its own publication weekday, is moved."""
    names_its_day = any(
        tx.rule.startswith("weekday") and tx.value[:10] == published.isoformat() for tx in timexes)
    if not names_its_day:
        return timexes
    next_day = published + dt.timedelta(days=1)
    week_before = next_day - dt.timedelta(days=7)
    out = []
    for tx in timexes:
        lowered = tx.text.lower()
        if ("weekday-past" in tx.rule and tx.value[:10] == week_before.isoformat()
                and any(word in lowered for word in SMALL_HOURS)):
            time_part = tx.value[10:].replace("T24:00", "T00:00")
            tx = replace(tx, value=next_day.isoformat() + time_part, rule=tx.rule + "-overnight")
        out.append(tx)
    return tuple(out)


# How many sentences a narrative's stated date carries on for.
NARRATIVE_SENTENCES = 2
NARRATIVE_TENSES = frozenset({"past", "pluperfect"})


# A news report's day: the day its opening sentences give the news, when that is one of the few
# days before publication ("Government forces shelled the town on Sunday", published Monday).
STORY_OPENING_SENTENCES = 3
STORY_DAYS = 3
# How far back the day the sentence after a lone, undated lede gives may be the story's: a week, as
# a weekly paper prints last Sunday's news.
LEDE_NEXT_DAYS = 7
STORY_WEEKS = 2
# A sentence with fewer words than this beginning in lower case is part of the page's head, not of
# the story: a deck in capitals ("TROOPS FIRE ON CROWD. MANY KILLED."), a wire credit, a dateline.
STORY_PROSE_WORDS = 3
LOWER_WORD_RE = re.compile(r"(?<![\w.])[a-z][a-z'’-]+\b")


def story_start(sentences) -> int:
    """The first sentence of the story's own text: a cable page's decks, credit and dateline, set
    as sentences of their own above it, are no part of its opening (the lede "... last night"
    under five decks is still the lede)."""
    for s in sentences:
        if len(LOWER_WORD_RE.findall(s.text)) >= STORY_PROSE_WORDS:
            return s.index
    return 0


def story_day(candidates, published: dt.date, opening_days: Mapping[int, EventDate] | None = None,
              start: int = 0, on_the_main_verb: frozenset[int] = frozenset()) -> EventDate | None:
    """The day the report's opening gives its main news, or None when it gives none.

    The opening is the report's first sentences; when prompts, stamps or captions that escaped the
    furniture filter push the story further down, it is the first sentence that tells a happening,
    the lede, alone (the sentences after a lede so placed are already the story's body, where an
    earlier setback may be told with its own day). `opening_days`: the day each opening sentence
    names, by sentence; a lede whose happening no rule reads ("Police searching Saturday for the
    killer ...") still gives its day, when it is later than the day the happenings after it give
    (the killing of Friday night is the news of Saturday's paper only as background). `start`: the
    first sentence of the story's own text, after a page head of decks, credits and a dateline (see
    `story_start`). `on_the_main_verb`: the opening sentences whose named day hangs on their main
    verb ("Millions last night were mourning ...")."""
    found = _story_day_of_happenings(candidates, published, start)
    # (a sentence whose happenings took only an hour, "at 3 p.m.", is weighed by the day it names)
    # (nor is a sentence whose happenings took no day at all when its day hangs on its main verb,
    # which is none of them: "Crowds last night were mourning the bishop, who died in an ambush";
    # a day hung on a word beside the act, "shot a man released from prison on Sunday", is that
    # word's alone)
    told = {c.sentence.index for c in candidates if not bare_clock(c.date)
            and not (c.date.method == "inherited" and c.sentence.index in on_the_main_verb)}
    opening = opening_days or {}
    for index, day in sorted(opening.items()):
        if index >= start + STORY_OPENING_SENTENCES or index in told:
            continue
        if index < start and day.interval.start == published and not any(
                other.interval.start == day.interval.start for i, other in opening.items() if i >= start):
            continue  # the dateline's day in the page's head, which the story's opening does not name again
        if found is not None and (found.expression_start or 0) <= (day.expression_start or 0):
            break  # the happenings' day comes first in the text
        if day.interval.precision == "day" and published - dt.timedelta(days=STORY_DAYS) <= day.interval.start <= published \
                and (found is None or day.interval.start > found.interval.start):
            return day
    return found


# A day named as a happening's: "Saturday's event", "last night's clashes".
POSSESSIVE_RE = re.compile(r"['’]s\b")


def latest_day_named(timexes, published: dt.date, text: str = "", candidates=(), opening_end: int = 0) -> EventDate | None:
    """The latest of the few days before publication the report names, when it never names the
    publication day itself: a report that speaks of "last night" or "Saturday's event" and never
    of today tells that day's news, so what it tells without a day ("Minutes later, mayhem broke
    out") happened then, even when its opening names no day (a lede on a last tweet, a scene).
    None when the report names its own day, or no day close before it.

    An hour alone ("at 3 p.m.") names no day. Nor do the days of other times than the news's, as
    for the story's day: a day told as before another act ("wounded after the curfew began on
    Monday"), in the past perfect ("had detained 700 during protests on Sunday") or on an act told
    past the opening ("a battalion was cut off on Sunday"), which is as often an earlier setback.
    `text`: the article's; `candidates`: its events, which say whose day each timex is;
    `opening_end`: the first sentence past the opening."""
    others = {}  # timex start -> whether every event it dates is of another time
    for cand in candidates:
        at = cand.date.expression_start
        if at is None or cand.date.method not in ("explicit", "relative"):
            continue
        other = cand.earlier or cand.tense == "pluperfect" or cand.relative_clause or (
            cand.sentence.index >= opening_end and cand.type not in SPEECH_TYPES and bool(cand.tense))
        others[at] = others.get(at, True) and other
    latest = None
    for tx in timexes:
        iv = interval(tx)
        if iv is None or iv.precision != "day" or (iv.end - iv.start).days > 1 or tx.anchor is None:
            continue
        if iv.start == published:
            if not tx.rule.startswith(BARE_CLOCK_RULES):
                return None
            continue
        # (a day that dates no event, or only events of other times, still names the news when it
        # is a paper's word for the day before, "yesterday", "last night", or names a happening,
        # "Saturday's event"; "a man released from prison on Sunday" names only his release)
        news_word = tx.rule.startswith(NEWS_DAY_RULES) and not tx.rule.startswith("weekday") \
            or POSSESSIVE_RE.match(text, tx.end) is not None
        named = news_word or (tx.start in others and not others[tx.start])
        if named and published - dt.timedelta(days=STORY_DAYS) <= iv.start < published \
                and (latest is None or iv.start > latest.interval.start):
            latest = EventDate(interval=DateInterval(iv.start, iv.start, "day"), method="relative",
                               rule=f"named-day-{tx.rule}", expression=tx.text, expression_start=tx.start,
                               expression_end=tx.end, anchor=tx.anchor, timex_value=tx.value)
    return latest


def _story_day_of_happenings(candidates, published: dt.date, start: int = 0) -> EventDate | None:
    """The day the opening's happenings give (see story_day)."""
    first = candidates[0].sentence.index if candidates else start
    end = start + STORY_OPENING_SENTENCES
    opening = range(start, end) if first < end else range(first, first + 1)
    week = None
    # A lede undated and in the perfect ("King Humbert of Italy has been assassinated.") whose next
    # sentence tells the same act in the past with its day ("He was shot at Monza Sunday evening
    # ..."): that day, up to a week back, as a weekly paper prints it. (An act of another type told
    # next with its day, "The column was cut off on Sunday", is as often an earlier setback.)
    announced = {c.type for c in candidates if c.sentence.index == first and c.tense == "perfect"
                 and c.date.method == "inherited"}
    for cand in candidates:
        if cand.sentence.index not in opening and not (announced and cand.sentence.index == first + 1):
            break
        iv = cand.date.interval
        if cand.earlier:
            continue  # "wounded after the curfew began on Monday": Monday is not the news's day
        if cand.date.method not in ("explicit", "relative", "reporting") or bare_clock(cand.date):
            continue  # (an hour alone, "at 3 p.m.", is put on the paper's day: no day of the news)
        if iv.precision == "day" \
                and published - dt.timedelta(days=STORY_DAYS) <= iv.start <= published:
            return cand.date
        if cand.sentence.index == first + 1 and cand.type in announced and cand.tense in NARRATIVE_TENSES \
                and iv.precision == "day" and published - dt.timedelta(days=LEDE_NEXT_DAYS) <= iv.start < published:
            return cand.date
        if week is None and _past_week(cand.date, published) and cand.type not in SPEECH_TYPES:
            week = cand.date
    # A weekly's story ("As 6,000 people rallied in the square last week, ..."): its news is of
    # that week, and so is what it tells after without a day of its own.
    if week is not None or first >= end:
        return week
    # An opening that names no day ("Forces of Flight Lt. Rawlings fought loyalists in a bloody
    # coup"), then "Rawlings said Thursday on the radio ...": the latest weekday or "yesterday" of
    # a saying in the next sentences is the news's day.
    latest = None
    for cand in candidates:
        if cand.sentence.index < end or cand.earlier:
            continue
        if cand.sentence.index >= end + LATE_NEWS_DAY_SENTENCES:
            break
        iv, rule = cand.date.interval, cand.date.rule.removeprefix("reporting-verb:")
        # (the day of a saying told then; an act's day this far down is as often an earlier
        # setback, "the division was cut off on Thursday", or an earlier count, "police had
        # detained 700 during protests on Wednesday")
        told_then = cand.date.method == "reporting" or cand.date.method == "relative" and cand.tense == "past" \
            and cand.type in SPEECH_TYPES
        if told_then and iv.precision == "day" and rule.startswith(NEWS_DAY_RULES) \
                and published - dt.timedelta(days=STORY_DAYS) <= iv.start <= published \
                and (latest is None or iv.start > latest.interval.start):
            latest = cand.date
    return latest


# How far past the opening the news's day is still looked for, and the words that name it.
LATE_NEWS_DAY_SENTENCES = 2
NEWS_DAY_RULES = ("weekday", "yesterday", "today", "tonight", "overnight", "last-night", "this-")


def _past_week(date: EventDate, published: dt.date) -> bool:
    """The date is a whole calendar week ended before publication and begun within STORY_WEEKS."""
    iv = date.interval
    return (date.timex_value or "").rsplit("-", 1)[-1].startswith("W") and (iv.end - iv.start).days == 6 \
        and iv.end < published and iv.start >= published - dt.timedelta(weeks=STORY_WEEKS) and not iv.open_end


# Offsets a narrative counts from the day it last stated, not from the report's date: "On Saturday
# militants ambushed a convoy. The next day a bomber struck" is Sunday; "two days later", "a day
# earlier", "the previous night" likewise. The tagger reads "two days later" as a duration and "a day
# earlier" against the publication date, as TimeML asks of a tagger; the story's order is read here.
_COUNT = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
NARRATIVE_OFFSETS = (
    (re.compile(_COUNT + r"\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|afterwards?)\b", re.I), None),
    (re.compile(r"\b(?:the\s+)?(?:next|following)\s+(?:day|morning|afternoon|evening|night)\b", re.I), 1),
    (re.compile(r"\bthe\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b", re.I), -1),
    (re.compile(r"\bthe\s+day\s+(?:before|after)(?=\s*[,.;]|\s*$)", re.I), 0),
)


# "The bombing came a day after militants ambushed a convoy": the clause after "after" is that many
# days before the day the story stands on.
COUNTED_AFTER = re.compile(_COUNT + r"\s+(?P<unit>days?|weeks?)\s+after\s+(?!the\b|its\b|this\b|that\b)", re.I)


def counted_before(text: str, trigger_offset: int) -> tuple[int, str] | None:
    """(-days, words) when the event's trigger lies in a clause counted back from ("two days after
    rebels seized ..."), else None."""
    found = [m for m in COUNTED_AFTER.finditer(text) if m.end() <= trigger_offset]
    if len(found) != 1:
        return None
    m = found[0]
    n = _COUNTS.get(m["n"].lower()) or int(m["n"])
    return -n * (7 if m["unit"].lower().startswith("week") else 1), m.group(0).strip()


def narrative_offset(text: str) -> tuple[int, str] | None:
    """Days a sentence counts from the story's last stated day, with the words that say so; None
    when it has no such offset, or more than one."""
    found = []
    for pattern, days in NARRATIVE_OFFSETS:
        for m in pattern.finditer(text):
            if days is None:
                n = _COUNTS.get(m["n"].lower()) or int(m["n"])
                step = 7 if m["unit"].lower().startswith("week") else 1
                days_ = n * step * (-1 if m["dir"].lower() == "earlier" else 1)
            elif days == 0:
                days_ = -1 if m.group(0).lower().endswith("before") else 1
            else:
                days_ = days
            found.append((days_, m.group(0)))
    return found[0] if len(found) == 1 else None


def later_in_its_sentence(date: EventDate, sentence: str, published: dt.date) -> EventDate:
    """The date of a clause told as coming a counted time after its sentence's first happening
    ("stormed the town on Monday and two days later seized the airport"): the day the parser
    shared from the first clause, moved by the sentence's one count. Left as it is when the
    sentence counts no days (hours later: the same day) or more than one count, when the day is
    not stated, or when the move would pass the publication date."""
    offset = narrative_offset(sentence)
    if offset is None or offset[0] <= 0 or date.interval.precision != "day" \
            or date.method not in ("explicit", "relative"):
        return date
    day = date.interval.start + dt.timedelta(days=offset[0])
    if day > published:
        return date
    return EventDate(interval=DateInterval(day, day, "day"), method="relative", rule="later-clause",
                     expression=offset[1], anchor=date.interval.start)


# A time of day with no day of its own ("began at 8:05 p.m.", "at noon"): the tagger puts it on the
# publication day, as TimeML asks; in a story told in the past tense it is a time of the day the
# story stands on ("Iranian forces shelled Basra on Tuesday evening ... The barrage began at 8:05
# p.m." is Tuesday's 8:05 p.m.), so the story, not the tagger, gives its day.
BARE_CLOCK_RULES = ("clock", "clock-24", "noon", "midnight", "midday")


def happened_weekday_before(date: EventDate, modality: str, published: dt.date) -> EventDate:
    """A happening told as done ("in light of Friday's shootings"), dated by a weekday the tagger
    read forward from a future in its sentence ("gun laws would change"): what happened lies on
    the weekday before the report, not after it."""
    iv = date.interval
    if modality not in ("asserted", "claimed") or not date.rule.startswith("weekday-future") \
            or iv.precision != "day" or iv.start <= published:
        return date
    week = dt.timedelta(days=7 * ((iv.start - published).days // 7 + 1))
    return replace(date, interval=replace(iv, start=iv.start - week, end=iv.end - week), rule=date.rule + "-happened")


def bare_clock(date: EventDate) -> bool:
    """The date comes from a time of day alone, put on the publication day by the tagger: on the
    act ("at 3 p.m."), on the verb that reported it ("About 10 a.m., he went on the air to say six
    plotters had been arrested") or as a deadline ("gave him until 9 a.m. to surrender")."""
    rule = date.rule.removeprefix("reporting-verb:")
    methods = ("relative", "reporting")
    if rule.startswith("until-"):
        rule, methods = rule.removeprefix("until-"), ("relative", "explicit", "reporting")
    return date.method in methods and rule.startswith(BARE_CLOCK_RULES) and "+" not in rule


# What someone says, demands, alleges or threatens is dated by when they said it: a story's stated
# day does not carry on to it ("... ousted the regime last month. Vietnam said its government was
# appealing to the Security Council": the appeal is of the report's day, not of last month).
SPEECH_TYPES = frozenset({"statement", "condemnation", "demand_or_appeal", "accusation", "threat"})


def _dated_happening_in_a_past_sentence(cand) -> bool:
    """A happening named by a noun with its own day, in a sentence told in the past ("Tuesday's
    attacks by the militants were the deadliest in months"): the story stands on that day as it
    does after "militants attacked on Tuesday". A noun has no tense; its sentence's main verb does."""
    return not cand.tense and not cand.earlier and cand.past_sentence


def day_named(timexes) -> EventDate | None:
    """The first single day a sentence's timexes name relative to the paper ("late last night",
    "Saturday"), as a date (a full date alone is more often a page's print date or dateline)."""
    for tx in timexes:
        if tx.type not in ("DATE", "TIME") or tx.anchor is None:
            continue
        if tx.rule.startswith(BARE_CLOCK_RULES) and "+" not in tx.rule:
            continue  # an hour alone ("At 3 p.m., police fired") is put on the paper's day: it names none
        iv = interval(tx)
        if iv is None or iv.precision != "day" or (iv.end - iv.start).days > 1:
            continue
        return EventDate(interval=iv, method="relative",
                         rule=f"lede-{tx.rule}", expression=tx.text, expression_start=tx.start,
                         expression_end=tx.end, anchor=tx.anchor, timex_value=tx.value)
    return None


def carry_narrative_dates(candidates, published: dt.date, opening_days: Mapping[int, EventDate] | None = None,
                          start: int = 0, named_day: EventDate | None = None,
                          on_the_main_verb: frozenset[int] = frozenset()) -> tuple:
    """A story told in the past tense keeps the date it last stated: "On 3 May, the garrison was
    told that the rebels were near. So the soldiers left." The departure is of 3 May, not of the
    publication date. Only undated past-tense happenings take it, only from a day or month stated
    for a past happening in the two sentences before, and speech is left alone (what someone said
    later is dated by when they said it)."""
    from dataclasses import replace as _replace

    out = []
    reference: tuple[EventDate, int] | None = None
    sentence_index, reference_before = -1, None  # the reference as the current sentence found it
    aside = False  # the reference is a saying told as background (see below)
    described = False  # the reference is a relative clause's day (see below)
    # (a report whose opening gives no day tells the news of the latest recent day it names, when
    # it never names its own: see latest_day_named)
    news_day = story_day(candidates, published, opening_days, start, on_the_main_verb) or named_day
    # Sentences whose own act (a verb, not a saying) has no day of its own: a dated noun beside it
    # ("in a repeat of Saturday's clashes, officers fired tear gas") is another happening compared
    # to or recalled, and the story does not stand on its day. (What someone says of a dated noun,
    # "accused the police of killing three in a raid Wednesday", is about it: the story stands there.)
    undated_acts = {c.sentence.index for c in candidates
                    if c.tense and c.date.method == "inherited" and c.type not in SPEECH_TYPES}
    dated_sentences = {c.sentence.index for c in candidates if c.date.method in ("explicit", "relative")}
    # (the lede in the perfect, "has been assassinated", whose next sentence gave the story's day
    # telling the same act, is that day's news: see _story_day_of_happenings)
    givers = [c for c in candidates if news_day is not None and c.date.expression_start is not None
              and c.date.expression_start == news_day.expression_start]
    news_sentence = givers[0].sentence.index if givers else None
    news_types = {c.type for c in givers}
    for cand in candidates:
        date = cand.date
        clock = None  # a time of day alone, kept if the story gives no day either
        if bare_clock(date) and (cand.tense in NARRATIVE_TENSES or not cand.tense and cand.past_sentence) \
                and date.interval.start == published:
            # (a happening named by a noun in a sentence told in the past too: "a suspect in the 5
            # p.m. shooting", "he added that in the 9.59am incident ...")
            clock, date = date, inherited(published)  # a time of the story's day, whichever day that is
            cand = _replace(cand, date=date)
        narrated = cand.tense in NARRATIVE_TENSES or clock is not None
        index = cand.sentence.index
        if index != sentence_index:  # the reference as the sentence found it, which its counts count from
            sentence_index, reference_before = index, reference
        base = reference if reference is None or reference[1] < index else \
            reference_before if reference[0].rule == "narrative-offset" else None
        offset = None
        if cand.earlier and date.method == "inherited" and news_day is not None \
                and news_day.interval.precision == "day":
            # "The assault triggered alerts across the region, four days after police had captured
            # the suspect": an undated clause counted back from an undated one is counted back from
            # the story's day
            own = counted_before(cand.sentence.text, cand.trigger_start - cand.sentence.start)
            if own is not None and own[0] < 0:
                day = news_day.interval.start + dt.timedelta(days=own[0])
                date = EventDate(interval=DateInterval(day, day, "day"), method="discourse",
                                 rule="counted-from-story-day", expression=own[1], anchor=news_day.interval.start)
                out.append(_replace(cand, date=date))
                continue
        if date.method == "reporting" and date.interval.precision == "day" and date.interval.end <= published:
            # "On Wednesday morning the council reported that the previous night had seen 18 hurt":
            # the night before the day it was reported, whatever the story told last (the report's
            # day stands as if told in the sentence before, the reference offsets count from)
            base = (date, index - 1)
        if base is not None:
            offset = counted_before(cand.sentence.text, cand.trigger_start - cand.sentence.start) \
                or narrative_offset(cand.sentence.text)
        if (offset is not None and base[0].interval.precision == "day" and base[1] < index
                and 0 < index - base[1] <= NARRATIVE_SENTENCES + 1 and date.method != "explicit"
                and (date.method != "relative" or date.expression is None or date.expression in offset[1]
                     or offset[1] in date.expression)):
            # ("a day after leaders announced ... and banned rallies": both acts count from the day
            # the sentence counts from, though the first has since become the reference)
            day = base[0].interval.start + dt.timedelta(days=offset[0])
            if day <= published:
                date = EventDate(interval=DateInterval(day, day, "day"), method="discourse",
                                 rule="narrative-offset", expression=offset[1], anchor=base[0].interval.start)
                cand = _replace(cand, date=date)
                reference, described = (date, index), False
                out.append(cand)
                continue
        if date.method in ("explicit", "relative") and date.interval.precision in ("day", "month") \
                and date.interval.end <= published and not date.interval.open_end \
                and (cand.tense in NARRATIVE_TENSES or _dated_happening_in_a_past_sentence(cand)
                     and cand.sentence.index not in undated_acts):
            # (a day that opens a range, "had occupied the square since May 13", is background:
            # what the story tells next did not happen on it)
            reference = (date, index)
            # A relative clause's day ("civil war has erupted in Iraq, where the king was killed last
            # July") is background: the story's undated acts after it are not of that day, though
            # a count told next ("rebels who kidnapped 71 on June 9 ... released them a day later")
            # counts from it.
            described = cand.relative_clause
            # What was said or declared before the story's day is an aside (the declaration that
            # led to the fighting): the story's acts told after it stay on the story's day.
            aside = news_day is not None and cand.type in SPEECH_TYPES and date.interval.end < news_day.interval.start
        elif (date.method == "inherited" and reference is not None and narrated
              and 0 < index - reference[1] <= NARRATIVE_SENTENCES and cand.modality in ("asserted", "claimed")
              and cand.type not in SPEECH_TYPES and not aside and not described):
            stated = reference[0]
            cand = _replace(cand, date=EventDate(
                interval=stated.interval, method="discourse", rule="narrative-" + stated.rule,
                expression=stated.expression, anchor=stated.anchor, timex_value=stated.timex_value))
        elif (date.method == "relative" and date.rule in ("today", "tonight") and news_day is not None
              and news_day.interval.precision == "day" and news_day.interval.start < published
              and date.interval.start == published and date.expression_start is not None
              and _quoted_now_said_in_the_past(cand.sentence.text, date.expression_start - cand.sentence.start)):
            # "'Today, we call for a state of emergency,' Marape said": his today is the day he
            # said it, the story's day, not the paper's
            cand = _replace(cand, date=EventDate(
                interval=news_day.interval, method="discourse", rule="quoted-today-story-day",
                expression=date.expression, expression_start=date.expression_start,
                expression_end=date.expression_end, anchor=news_day.interval.start, timex_value=news_day.timex_value))
        elif (date.method == "inherited" and news_day is not None and (narrated or (
                cand.tense == "perfect" and (_perfect_of_the_story_day(cand, news_day, published, dated_sentences)
                                             or cand.sentence.index + 1 == news_sentence and cand.type in news_types)))
              and cand.modality in ("asserted", "claimed") and news_day.interval.start < published
              and date.interval.start == published):  # (not a later cable's own day: "January 23. ...")
            # an undated happening told in the past tense is news of the report's day, not of the
            # day it was printed; so is one told as before what was said of it ("officials said
            # 57 people had died")
            cand = _replace(cand, date=EventDate(
                interval=news_day.interval, method="discourse", rule="story-day",
                expression=news_day.expression, anchor=news_day.anchor, timex_value=news_day.timex_value))
        if clock is not None and cand.date.method == "inherited":
            cand = _replace(cand, date=clock)
        if _tonight_of_the_evening_before(cand, news_day, published):
            # "... opened fire yesterday at Sharpeville. ... a riot broke out there to-night": a
            # morning paper's story written the evening before; its past "tonight" is that evening's
            iv = cand.date.interval
            cand = _replace(cand, date=_replace(cand.date, interval=_replace(
                iv, start=iv.start - dt.timedelta(days=1), end=iv.end - dt.timedelta(days=1)),
                anchor=news_day.interval.start, rule="tonight-of-the-story-day"))
        out.append(cand)
    return tuple(out)


# A quotation closed and then told as said in the past: '..." Marape said', '..., said the minister'.
SAID_AFTER_QUOTE_RE = re.compile(
    r"[”\"’']\s*,?\s*(?:[\w.'’-]+\s+){0,6}?(?:said|told|added|declared|announced|stated|wrote)\b")
OPENING_QUOTES = "“\"‘"


def _quoted_now_said_in_the_past(sentence: str, offset: int) -> bool:
    """The word at `offset` is inside a quotation the sentence then says was said in the past."""
    before = sentence[:offset]
    if not any(q in before for q in OPENING_QUOTES):
        return False
    closings = [i for i in (sentence.find("”", offset), sentence.find('"', offset)) if i > offset]
    return bool(closings) and SAID_AFTER_QUOTE_RE.match(sentence, min(closings)) is not None


# "have since withdrawn", "has since then fled": a perfect told as after the story's happening.
SINCE_THEN_RE = re.compile(r"\b(?:has|have|had)\s+since\b|\bsince then\b", re.IGNORECASE)


def _perfect_of_the_story_day(cand, news_day: EventDate, published: dt.date, dated_sentences: set[int]) -> bool:
    """An act told in the present perfect in a story of the day before the paper ("The military has
    been deployed in some areas", after "protesters marched yesterday"): the news of that day, told
    on, in a sentence of its own (beside a dated act, "clashed on Monday and the rebels have since
    withdrawn", the perfect is told as after it). Not what was said, not a sum of many happenings."""
    return (cand.type not in SPEECH_TYPES and not cand.aggregate and news_day.interval.precision == "day"
            and (published - news_day.interval.start).days == 1 and cand.sentence.index not in dated_sentences
            and SINCE_THEN_RE.search(cand.sentence.text) is None)


def _tonight_of_the_evening_before(cand, news_day: EventDate | None, published: dt.date) -> bool:
    """A "tonight" told in the past tense, in a report whose news is of the day before it was printed
    ("yesterday"): the night already past when the paper went to print, the story day's."""
    return news_day is not None and news_day.interval.start == published - dt.timedelta(days=1) \
        and cand.date.rule == "tonight" and cand.date.interval.start == published and cand.tense == "past"


# A day counted from a happening the article has told, named by its noun: "three days after the
# fall of the town", "a week before the assassination", "the day after the bombing". The codebook
# resolves such a date against the happening it refers to; the happening's day is the one the
# article gave its latest report of that kind. The noun phrase is short ("the fall", "the rebels'
# capture", "the deadly bombing"), so "after the militia announced a truce", a clause, is left to
# `counted_before`.
COUNTED_FROM_HAPPENING = re.compile(
    r"\b(?:" + _COUNT + r"\s+(?P<unit>days?|weeks?)|the\s+(?P<day>day))\s+(?P<dir>after|before)\s+"
    r"(?:the|its|their|his|her)\s+(?P<words>(?:[\w'’-]+\s+){0,2}?[\w'’-]+)"
    r"(?=\s+(?:of|on|in|at|by|against|near)\b|\s*[,.;:)]|\s*$)", re.I)
# What an undated act's date came from, that a counted phrase in its own sentence outranks: the
# story's carried day, the report's day or a reporting verb's day.
OUTRANKED_METHODS = frozenset({"inherited", "discourse", "reporting"})


def count_from_named_happenings(candidates, published: dt.date, noun_type) -> tuple:
    """Dates of acts told as so many days after or before an earlier-told happening named by its
    noun. `noun_type(word)` gives the event type a noun names (None for other words)."""
    out = []
    for cand in candidates:
        found = list(COUNTED_FROM_HAPPENING.finditer(cand.sentence.text))
        offset_in_sentence = cand.trigger_start - cand.sentence.start
        if len(found) == 1 and cand.date.method in OUTRANKED_METHODS \
                and not found[0].start() <= offset_in_sentence < found[0].end():
            m = found[0]
            kind = noun_type(m["words"].split()[-1].lower())
            told = next((c for c in reversed(out) if c.type == kind and c.sentence.index < cand.sentence.index
                         and c.date.interval.precision == "day" and c.date.method != "inherited"
                         and c.date.interval.start == c.date.interval.end), None) if kind else None
            if told is not None:
                n = 1 if m["day"] else (_COUNTS.get(m["n"].lower()) or int(m["n"]))
                days = n * (7 if m["unit"] and m["unit"].lower().startswith("week") else 1)
                day = told.date.interval.start + dt.timedelta(days=days if m["dir"].lower() == "after" else -days)
                if day <= published:
                    cand = replace(cand, date=EventDate(
                        interval=DateInterval(day, day, "day"), method="discourse", rule="counted-from-happening",
                        expression=m.group(0), anchor=told.date.interval.start))
        out.append(cand)
    return tuple(out)
