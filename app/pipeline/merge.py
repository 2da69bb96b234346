"""Should a newly extracted event merge into an existing one? A pure decision with its reasons.

The same happening reported by several articles (or twice in one article) should become one
timeline entry; different happenings never should. Evidence, in order of weight:

* dates: the intervals must overlap (the 2020 war is not the 2023 offensive), at compatible
  precision (a day inside the month of another report is fine; a century is too vague to vouch);
* type: the same type, or a type of the same family (attack vs military_action);
* modality: a planned meeting is not the meeting held; a denial is not the act;
* actors: shared actors, above all the initiator/speaker;
* wording: the content words two reports share (names, places, numbers, what was done); the
  words every report has ("the", "said", "on Tuesday") are no evidence.

Of these, only alike wording says *what* happened, and it is needed, except for one speaker's
statements of one day (the codebook's "one actor's reaction on one day", also when reported a day
or two later in a phrase of its words) and for the same doer at the same specific place on the
event's own date (where, when and who together).

`decide` is used by the ingest shell both against stored events and against the earlier
candidates of the same article. Family membership is read from the event-type data when the
caller passes it (`families`), so the rule table is not duplicated here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.pipeline.types import DateInterval, EventCandidate, is_unidentified

# Default families, used when the caller does not pass those of event_types.toml.
DEFAULT_FAMILIES: dict[str, str] = {
    "military_action": "violence", "attack": "violence", "armed_clash": "violence", "casualties": "violence",
    "territorial_control": "violence", "accusation": "disapproval", "condemnation": "disapproval",
    "diplomacy_meeting": "diplomacy", "consultation": "diplomacy",
}
# Speech acts (the taxonomy's `verbal` types), used when the caller does not pass them.
DEFAULT_SPEECH: frozenset[str] = frozenset({"statement", "accusation", "condemnation", "demand_or_appeal", "threat"})
MERGE_THRESHOLD = 0.6
# Modalities that describe the same happening as an asserted report of it.
MODALITY_GROUPS = {"asserted": "real", "claimed": "real", "planned": "planned", "threatened": "threat",
                   "denied": "denied", "hypothetical": "hypothetical"}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}


@dataclass(frozen=True)
class EventSnapshot:
    """What the merge needs to know about an existing stored event."""

    id: str
    type: str
    interval: DateInterval
    modality: str
    actor_keys: frozenset[str]
    texts: tuple[str, ...]
    inherited: bool = False  # its date is only the publication date of its first report
    agent_keys: frozenset[str] = frozenset()  # its initiators and speakers (with their parents)
    # The event's core, from its founding report: a later report joins what the event is, never
    # one of its peripheral mentions. Empty: the first texts stand for it.
    core_texts: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()  # specific places (towns, regions), as keys
    countries: frozenset[str] = frozenset()  # countries of its places and its state actors
    # The countries its articles' events happen in (article_setting): what a statement that names
    # no country besides its speaker's own is about.
    setting: frozenset[str] = frozenset()
    # Its initiators and speakers themselves, without their parents: the health minister's
    # statement and the president's share Egypt as a parent, but they are two speakers.
    doers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MergeDecision:
    event_id: str | None  # the event to merge into, None for a new event
    score: float
    reasons: tuple[str, ...]


def snapshot_of(candidate: EventCandidate, id: str) -> EventSnapshot:
    """A snapshot of a candidate, to compare later candidates of the same article with it."""
    return EventSnapshot(id, candidate.type, candidate.date.interval, candidate.modality,
                         candidate_actor_keys(candidate), (candidate.sentence.text,),
                         inherited=candidate.date.method == "inherited",
                         agent_keys=candidate_agent_keys(candidate),
                         core_texts=(candidate.title, candidate.sentence.text),
                         places=candidate_places(candidate), countries=candidate_countries(candidate),
                         doers=candidate_doers(candidate))


def candidate_places(candidate: EventCandidate) -> frozenset[str]:
    """Specific places of a candidate (countries aside)."""
    return frozenset(p.key for p in candidate.places if p.country is None or p.key != p.country)


def candidate_countries(candidate: EventCandidate) -> frozenset[str]:
    """The countries a candidate happens in or involves as states: its places' countries and its
    state actors. Two wars' events have none in common."""
    found = {p.country for p in candidate.places if p.country}
    found |= {a.key for a in candidate.actors if a.kind == "state" and a.role != "mentioned"}
    return frozenset(k.lower() for k in found if k)


def article_setting(candidates: Sequence[EventCandidate]) -> frozenset[str]:
    """The country an article's events happen in: the one its places belong to most often (ties
    kept), else the state most often a party. A report that names no place and no state of its own
    ("police fired tear gas at the crowd") happens there: without it, such reports of two wars on
    the same day would have nothing to tell them apart."""
    for countries_of in (lambda c: {p.country.lower() for p in c.places if p.country},
                         lambda c: {a.key.lower() for a in c.actors if a.kind == "state" and a.role != "mentioned"}):
        counts = Counter(k for candidate in candidates for k in countries_of(candidate))
        if counts:
            top = max(counts.values())
            return frozenset(k for k, n in counts.items() if n == top)
    return frozenset()


def candidate_actor_keys(candidate: EventCandidate) -> frozenset[str]:
    """The parties of a candidate, with their parents ("azerbaijan-defense-ministry" also counts as
    "azerbaijan"). An actor merely named in the sentence is not one of its parties."""
    keys = set()
    for a in candidate.actors:
        if a.role == "mentioned":
            continue
        keys.add(a.key)
        if a.parent:
            keys.add(a.parent)
    return frozenset(keys)


def candidate_agent_keys(candidate: EventCandidate) -> frozenset[str]:
    """Who did or said it: initiators and speakers, with their parents."""
    keys = set()
    for a in candidate.actors:
        if a.role in ("initiator", "speaker"):
            keys.add(a.key)
            if a.parent:
                keys.add(a.parent)
    return frozenset(keys)


def candidate_doers(candidate: EventCandidate) -> frozenset[str]:
    """Who did or said it, themselves: initiators and speakers, without their parents."""
    return frozenset(a.key for a in candidate.actors if a.role in ("initiator", "speaker"))


def same_doers(doers: frozenset[str], agents: frozenset[str], snap: EventSnapshot) -> frozenset[str]:
    """The doers one report and a stored event have in common: a doer of one side is a doer of
    the other or its parent ("Armenia" and "Armenia's foreign ministry" speak for one state). Two
    bodies of one state are not one doer through their parent: the health minister's statement is
    not the president's, nor are the riot police the army."""
    return (doers & snap.agent_keys) | (snap.doers & agents)


def _overlap(a: DateInterval, b: DateInterval) -> bool:
    a_end = None if a.open_end else a.end
    b_end = None if b.open_end else b.end
    return (a_end is None or b.start <= a_end) and (b_end is None or a.start <= b_end)


# News reports an event it does not date within days of it: a story published on the 20th about
# "the offensive" is about the offensive of the 19th. For merging only, an inherited day reaches
# back this far; the date shown stays what the report allows.
REPORTING_LAG_DAYS = 3


def _reaching_back(interval: DateInterval) -> DateInterval:
    if interval.precision != "day":
        return interval
    return DateInterval(interval.start - dt.timedelta(days=REPORTING_LAG_DAYS), interval.end, "day", interval.open_end)


def _date_score(
    a: DateInterval, b: DateInterval, a_inherited: bool = False, b_inherited: bool = False
) -> tuple[float, str] | None:
    if (a_inherited or b_inherited) and not _overlap(a, b):
        wide_a = _reaching_back(a) if a_inherited else a
        wide_b = _reaching_back(b) if b_inherited else b
        if _overlap(wide_a, wide_b):
            return 0.6, "a report published within days of it, without a date of its own"
        return None
    if not _overlap(a, b):
        return None
    if a.precision == b.precision == "day" and a.start == b.start:
        return 1.0, "the same day"
    gap = abs(PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision])
    if max(PRECISION_RANK[a.precision], PRECISION_RANK[b.precision]) >= PRECISION_RANK["decade"]:
        return 0.3, "overlapping dates"
    if gap == 0:
        return 0.9, f"the same {a.precision}"
    return (0.7 if gap == 1 else 0.5), "overlapping dates"


# Similar wording: at least half the content words of the shorter report are in the other, and at
# least two of them; or many shared words whatever the lengths ("Ban Ki-moon voiced alarm over
# civilian casualties ..." and "a spokesperson for Ban Ki-moon said ... civilian casualties").
# A character-level ratio over whole sentences is no evidence: two unrelated sentences of news
# share "the", "said", "of" and "forces", and scored 0.5 and more by the hundreds.
SIMILAR_SHARE = 0.5
SIMILAR_MIN_SHARED = 2
SIMILAR_MANY_SHARED = 5
WORD_RE = re.compile(r"[^\W_][\w'’-]*")
# Words of reporting and of time: every report has some, and they say nothing of what happened.
REPORTING_WORDS = frozenset({
    "said", "says", "say", "saying", "told", "tells", "according", "reported", "reports", "added", "noted",
    "stated", "statement", "spokesman", "spokeswoman", "spokesperson", "official", "officials",
    "today", "yesterday", "tonight", "tomorrow", "week", "weeks", "month", "months", "year", "years",
    "day", "days", "earlier", "later", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "people", "including", "also", "new"})


@functools.cache
def _stop_words() -> frozenset[str]:
    # spaCy's English list, imported on first use: the web process merges rarely and never loads
    # spaCy otherwise
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | REPORTING_WORDS


def _content_word(word: str, stop: frozenset[str]) -> str | None:
    """A word as content_words keeps it (lower case, "'s" and a plural's "s" folded), or None."""
    word = word.strip("'’-").replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in stop:
        return None
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@functools.lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """The words of a report that can tell one happening from another, lower-cased, with a
    plural's "s" folded ("strikes" meets "strike")."""
    stop = _stop_words()
    return frozenset(w for w in (_content_word(word, stop) for word in WORD_RE.findall(text.lower())) if w)


@functools.lru_cache(maxsize=65536)
def content_phrases(text: str) -> frozenset[tuple[str, str]]:
    """Pairs of content words next to each other in the text ("ethnic cleansing", "seeking Iranian
    help"), lower-cased: a phrase two reports share says more than two words scattered in each.

    At least one of the two words must be written in lower case. A pair of capitalised words is a
    name or a title ("State Department", "Prime Minister", "Arab League"), which every statement of
    that body or office carries, whatever it said."""
    stop = _stop_words()
    found: set[tuple[str, str]] = set()
    for piece in CLAUSE_BREAK.split(text):  # never across a comma: "Libya, Gaddafi said"
        previous: tuple[str, bool] | None = None
        for word in WORD_RE.findall(piece):
            current = _content_word(word.lower(), stop)
            if current is None:
                previous = None
                continue
            lower = not word[0].isupper()
            if previous is not None and (previous[1] or lower):
                found.add((previous[0], current))
            previous = (current, lower)
    return frozenset(found)


CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]")


def wording_similarity(a: frozenset[str], b: frozenset[str]) -> tuple[float, bool]:
    """How alike two reports' content words are, and whether they are similar in wording.

    The figure is the Dice coefficient (shared words over the mean size), 0 under two shared words:
    it reaches 1 only for the same words, so a report scores its own event above a longer one that
    merely contains its words. Similar wording asks less: half the shorter report's words, or many."""
    if not a or not b:
        return 0.0, False
    shared = len(a & b)
    if shared < SIMILAR_MIN_SHARED:
        return 0.0, False
    similar = shared / min(len(a), len(b)) >= SIMILAR_SHARE or shared >= SIMILAR_MANY_SHARED
    return 2 * shared / (len(a) + len(b)), similar


def names_of(keys: frozenset[str] | set[str], names: Mapping[str, str]) -> frozenset[str]:
    """The content words of these actors' names (their keys where no name is known)."""
    return content_words(" ".join(names.get(k, k.replace("-", " ")) for k in sorted(keys)))


def _shared_phrase(text: str, texts: Sequence[str], besides: frozenset[str]) -> bool:
    """A phrase of two content words in common with one of the texts, other than the words of
    `besides` (a speaker's own name, which every statement of theirs carries). Scattered words
    are no evidence here: "Libyan government ... denied" and "governments denied" are two denials."""
    mine = {pair for pair in content_phrases(text) if not set(pair) <= besides}
    return any(mine & content_phrases(t) for t in texts)


def _shared_word(words: frozenset[str], texts: Sequence[str], besides: frozenset[str]) -> bool:
    """A content word in common with one of the texts, other than the words of `besides` (the
    names of the parties and places both share, which say who and where, not what)."""
    mine = words - besides
    return any(mine & content_words(t) for t in texts)


def _other_wars(topic: frozenset[str], snap_topic: frozenset[str]) -> bool:
    """Two statements are about different countries: each names a country besides its speaker's
    own, and none in common. A speaker's own state is no evidence that two of its statements
    are one."""
    return bool(topic and snap_topic and not topic & snap_topic)


def kind_label(event_type: str) -> str:
    """An event type as words: "military_action" -> "military action"."""
    return event_type.replace("_", " ")


def _type_score(a: str, b: str, families: Mapping[str, str]) -> tuple[float, str] | None:
    if a == b:
        return 1.0, f"the same kind of event ({kind_label(a)})"
    fa, fb = families.get(a, a), families.get(b, b)
    if fa == fb:
        return 0.7, f"related kinds of event ({kind_label(a)}, {kind_label(b)})"
    return None


def decide(
    candidate: EventCandidate,
    snapshots: Sequence[EventSnapshot],
    families: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    threshold: float = MERGE_THRESHOLD,
    setting: frozenset[str] = frozenset(),
    speech: frozenset[str] | None = None,
) -> MergeDecision:
    """The best snapshot to merge `candidate` into, or a new-event decision with the reasons.

    Hard rules: disjoint dates, incompatible types, different modality groups, or actors known on
    both sides with none shared never merge.
    Then score = 0.3 date + 0.2 type + 0.25 actors + 0.25 wording; merge when >= threshold.
    `names` maps actor keys to display names for the reasons; the candidate's places name themselves.
    """
    fams = families if families is not None else DEFAULT_FAMILIES
    speech = DEFAULT_SPEECH if speech is None else speech
    names = {**{p.key: p.name for p in candidate.places}, **(names or {})}
    keys = frozenset(k for k in candidate_actor_keys(candidate) if not is_unidentified(k))
    # who did or said it; a perpetrator nobody named is no evidence either way
    agents = frozenset({a.key for a in candidate.actors if a.role in ("initiator", "speaker") and not is_unidentified(a.key)}
                       | {a.parent for a in candidate.actors if a.role in ("initiator", "speaker") and a.parent})
    doers = frozenset(k for k in candidate_doers(candidate) if not is_unidentified(k))
    collectives = frozenset(a.key for a in candidate.actors if a.kind == "group")
    words = content_words(candidate.sentence.text)
    places = candidate_places(candidate)
    own_countries = candidate_countries(candidate)
    countries = own_countries or setting  # `setting`: article_setting of its article
    # What a statement is about: the countries it names besides its speaker's, else its article's.
    topic = (own_countries - agents) or (setting - agents)
    rank = PRECISION_RANK[candidate.date.interval.precision]
    best: MergeDecision = MergeDecision(None, 0.0, ("no matching event",))
    for snap in snapshots:
        if snap.interval.open_end and not (candidate.date.interval.open_end and candidate.type == snap.type):
            continue  # "since 2011" is a state, never a hub that absorbs happenings
        if PRECISION_RANK[snap.interval.precision] > rank:
            continue  # a year or a month never absorbs a happening dated to the day
        if places and snap.places and not places & snap.places:
            continue  # another town
        if countries and snap.countries and not countries & snap.countries:
            continue  # another country, another war
        if MODALITY_GROUPS.get(snap.modality, snap.modality) != MODALITY_GROUPS.get(candidate.modality, candidate.modality):
            continue
        if candidate.date.interval.open_end != snap.interval.open_end and candidate.type != snap.type:
            continue  # a state "since 1994" is not the 2020 war; only a restatement of it may join
        snap_agents = frozenset(k for k in snap.agent_keys if not is_unidentified(k))
        snap_keys = frozenset(k for k in snap.actor_keys if not is_unidentified(k))
        if agents and snap_agents and not agents & snap_agents:
            continue  # France's condemnation is not the EU's, even of the same offensive
        if (candidate.type in speech or snap.type in speech) and _other_wars(
                topic, (snap.countries - snap.agent_keys) or (snap.setting - snap.agent_keys)):
            continue  # Washington on Libya and Washington on Syria, the same day: two statements
        date = _date_score(candidate.date.interval, snap.interval,
                           candidate.date.method == "inherited", snap.inherited)
        typ = _type_score(candidate.type, snap.type, fams)
        if date is None or typ is None:
            continue
        reasons = [date[1], typ[1]]
        shared = keys & snap_keys
        if keys and snap_keys and not shared:
            continue  # both sides name who acted and nobody is shared: Germany's condemnation is not France's
        if keys and snap_keys:
            actor_score = len(shared) / min(len(keys), len(snap_keys))
            if agents & snap_keys:
                actor_score = min(1.0, actor_score + 0.3)
        else:
            actor_score = 0.5  # nothing known either way
        if shared:
            reasons.append("the same parties (" + ", ".join(sorted(names.get(k, k) for k in shared)) + ")")
        if places & snap.places:
            reasons.append("the same place (" + ", ".join(sorted(names.get(k, k) for k in places & snap.places)) + ")")
        core = snap.core_texts or snap.texts[:3]
        alike = [wording_similarity(words, content_words(t)) for t in core]
        wording = max((share for share, _ in alike), default=0.0)
        similar = any(similar for _, similar in alike)
        # who did or said it on both sides (a party of the stored event when it names no doer)
        doers_in_common = same_doers(doers, agents, snap) if snap_agents else agents & snap_keys
        # A date that is the event's own (the same day, month or year at one precision), not a
        # report's publication reaching back a few days nor a day inside a month: only such a
        # date lets a place or a doer alone say which happening a report is about.
        firm_date = date[0] >= 0.9
        if similar:
            reasons.append("similar wording")
        elif places & snap.places:
            # Where, when and who together: a town and a day alone hold many happenings in a war
            # ("forces targeting fuel stations in Misrata" and a warship's missiles on Misrata).
            if not doers_in_common:
                continue
            if not firm_date and not _shared_word(words, core, names_of(shared | (places & snap.places), names)):
                continue  # "tanks poured into Deraa" three days after "Friday's violence in Deraa"
        elif candidate.type in speech or snap.type in speech:
            # What was said is known by its words or by who said it when: one speaker's reaction on
            # one day is one event (the codebook), and so is that reaction reported a day or two
            # later in a phrase of the same words besides the speaker's name ("Armenia denounced
            # ... ethnic cleansing"; next day, undated: "Armenia's foreign ministry condemned ...
            # ethnic cleansing"). Two statements of one war's day by speakers not known to be the
            # same, or one speaker's on days apart in other words, are two statements.
            # A collective ("protesters", "Syrians") is many voices: two of its demands of one day
            # are two demands ("activists called for a strike"; "protesters have called for his
            # resignation"). The rule is for one actor's reaction: a state, a body, a person.
            speakers = doers_in_common - collectives
            if not speakers:
                continue
            if date[0] != 1.0 and not _shared_phrase(candidate.sentence.text, core,
                                                     names_of(speakers | (agents & snap_agents), names)):
                continue
        else:
            # The kind, a day and a bystander in common: in a war, "two informers were killed" and
            # a shelling the same day are two happenings.
            continue
        score = 0.3 * date[0] + 0.2 * typ[0] + 0.25 * actor_score + 0.25 * wording
        decision = MergeDecision(snap.id if score >= threshold else None, round(score, 3), tuple(reasons))
        if score > best.score:
            best = decision
    if best.event_id is None and best.score > 0:
        best = MergeDecision(None, best.score, best.reasons + ("below merge threshold",))
    return best
