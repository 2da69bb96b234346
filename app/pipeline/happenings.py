"""One happening, one event: which of an article's event candidates report the same happening.

A news report tells one happening in many sentences: the lede, the toll, the place, each side's
account, a later confirmation. Each sentence yields a candidate; this stage groups them, in text
order, into happenings. It is pure: candidates and the publication date in, groups out.

A candidate joins an earlier happening only on positive evidence that it is the same one, and
only when nothing it says contradicts it:

* evidence: the same sentence; a definite reference back ("the strike", "it killed"); the same
  specific place; the same target; the toll or the casualties right after the violence they count;
  one speaker's reaction on one day; an account of violence ("the dead were civilians", "projectiles
  crossed") right after the violence;
* contradiction: another kind of happening; another modality (a threat is not the attack); dates
  that cannot be the same day (a report dated by the publication only matches current news); other
  specific places; other perpetrators (an Israeli strike and Hezbollah's rockets); violence done to
  the attackers by someone else (the bodyguard who shot the assassin dead); a summary of many
  happenings ("raided three times") never absorbs one, nor joins one.

A shared default date is never evidence: three attacks on three days all reported "today" must
stay three events. The happening's date is the best date any of its sentences gives: a date stated
in the lede still dates "It killed 30" two sentences later.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import insort
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from app.pipeline.dating import NARRATIVE_TENSES
from app.pipeline.events import VAGUE_PLACE_NOUNS
from app.pipeline.types import ActorRef, DateInterval, EventCandidate, EventDate, Happening, is_unidentified

# How far (in sentences) an unmarked continuation may be from the happening it continues, when
# no other happening of its kind was reported in between.
NEAR_SENTENCES = 5
# Current news: a happening dated no earlier than this before the publication date may be what an
# undated sentence of the same report is about.
CURRENT_DAYS = 7
# What someone said on a day is about a happening of that day or the few before it.
REPORTING_LAG_DAYS = 3
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}
METHOD_RANK = {"explicit": 0, "relative": 0, "discourse": 1, "reporting": 2, "inherited": 3}
REAL = frozenset({"asserted", "claimed"})
# Which candidate types state the happening itself rather than its toll or someone's words about it.
OUTCOME_TYPES = frozenset({"casualties"})


@dataclass
class _Open:
    """A happening being assembled."""

    kind: str
    members: list[int]
    sentences: set[int]
    last_sentence: int
    modality: str
    date: EventDate
    places: set[str]
    agents: set[str]
    targets: set[str]
    speakers: set[str]
    aggregate: bool
    speaker_parents: set[str] = field(default_factory=set)
    known_places: set[str] = field(default_factory=set)
    target_nouns: set[str] = field(default_factory=set)
    aims: set[str] = field(default_factory=set)
    positions: set[tuple[int, int]] = field(default_factory=set)  # (sentence, ordinal) of each member
    doers: set[str] = field(default_factory=set)  # the kinds of doer its acts name (see EventCandidate.doers)
    two_sided: bool = False  # a member is a clash, told with both its sides
    strikes_attacker: bool = False  # its acts are violence done to the attackers by someone named
    reasons: list[str] = field(default_factory=list)


def group(
    candidates: Sequence[EventCandidate], published: dt.date, kinds: Mapping[str, str]
) -> tuple[Happening, ...]:
    """The happenings of an article, from its candidates in text order.

    `kinds` maps an event type to the kind of happening it can describe (a strike and its toll are
    both "kinetic"); types it does not list are a kind of their own."""
    open_: list[_Open] = []
    for i, cand in enumerate(candidates):
        # a toll belongs with the kind of happening it says it was counted in: the injured "in a
        # week of street protests" are no toll of the raid told just before
        kind = _kind_of(cand, kinds)
        target: _Open | None = None
        reason = None
        if not cand.aggregate and not cand.turns_away:
            # "Prince Ito was shot ... [the murderer's words of others executed] ... Ito died twenty
            # minutes after": violence that befell a person named as struck before is that violence,
            # however much was told in between
            target = _the_same_person_struck(open_, cand, kind, candidates, published)
            reason = "the same person struck" if target is not None else None
        if not cand.aggregate and target is None:
            # how many happenings of each kind are open: one alone is a report's one violence
            # (the defenders' blow at the attackers, told within the attack, hides the attack from
            # none of its sentences: "the assassin, who was shot dead by the bodyguard, ...")
            open_kinds = Counter(g.kind for g in open_ if not g.aggregate and g.strikes_attacker == cand.strikes_attacker)
            latest_kinds: set[str] = set()
            for g in reversed(open_):
                latest = g.kind not in latest_kinds
                # a summary of many happenings hides none of them, nor does background of another
                # time ("reviving the specter of the civil war of the 1990s")
                if not g.aggregate and _dates_agree(g.date, cand.date, published) \
                        and g.strikes_attacker == cand.strikes_attacker:
                    latest_kinds.add(g.kind)
                if not _compatible(g, cand, kind, published):
                    continue
                reason = _evidence(g, cand, kind, latest, candidates, open_kinds[g.kind] == 1)
                if reason is not None:
                    target = g
                    break
        if target is None:
            open_.append(_Open(kind, [i], {cand.sentence.index}, cand.sentence.index, cand.modality, cand.date,
                               _specific_places(cand), _agents(cand, kind), _targets(cand), _speakers(cand),
                               cand.aggregate, _speaker_parents(cand), _known_places(cand),
                               set(cand.target_nouns), set(cand.aims), {(cand.sentence.index, cand.ordinal)}))
            open_[-1].doers = {cand.doers} if cand.doers else set()
            open_[-1].two_sided = cand.type == "armed_clash"
            open_[-1].strikes_attacker = cand.strikes_attacker
            continue
        if cand.refers_back and kind == target.kind == "kinetic" and target.sentences == {cand.sentence.index} \
                and reason == "reported in the same sentence":
            # "Lying wounded was the governor, who was cut down by the fusillade": the reference back
            # says the happening its sentence opened is the known one
            known = _known_happening(open_, target, candidates, kinds, published)
            if known is not None:
                for j in target.members:
                    _join(known, j, candidates[j], _kind_of(candidates[j], kinds), "a later sentence refers back to it")
                open_.remove(target)
                target, reason = known, "a later sentence refers back to it"
        _join(target, i, cand, kind, reason)
    return tuple(_happening(g, candidates, kinds) for g in open_)


def _kind_of(cand: EventCandidate, kinds: Mapping[str, str]) -> str:
    """The kind of happening a candidate tells (see group)."""
    return kinds.get(cand.counted_in or cand.type, cand.counted_in or cand.type)


def _known_happening(open_: list[_Open], fresh: _Open, candidates: Sequence[EventCandidate],
                     kinds: Mapping[str, str], published: dt.date) -> _Open | None:
    """The latest happening before `fresh` (one sentence's, just opened) of its kind that every
    member of `fresh` could be part of."""
    for g in reversed(open_[:open_.index(fresh)]):
        if g.kind != fresh.kind:
            continue
        if all(_compatible(g, candidates[j], _kind_of(candidates[j], kinds), published) for j in fresh.members):
            return g
    return None


def _join(target: _Open, i: int, cand: EventCandidate, kind: str, reason: str) -> None:
    """Add the article's i-th candidate, of this kind of happening, to a happening, for the given reason."""
    if kind == "kinetic" and target.kind == "control":
        target.kind = "kinetic"
    insort(target.members, i)  # (in text order, also when a whole happening is joined to an earlier one)
    target.sentences.add(cand.sentence.index)
    target.last_sentence = max(target.last_sentence, cand.sentence.index)
    if reason not in target.reasons:
        target.reasons.append(reason)
    if _better_date(cand.date, target.date):
        target.date = cand.date
    if cand.modality == "asserted" and not cand.rebuts:
        target.modality = "asserted"
    if cand.rebuts and target.kind == "speech":
        target.modality = "claimed"  # an accusation met by a denial: one side's claim
    target.places |= _specific_places(cand)
    target.agents |= _agents(cand, target.kind)
    target.targets |= _targets(cand)
    target.speakers |= _speakers(cand)
    target.speaker_parents |= _speaker_parents(cand)
    target.known_places |= _known_places(cand)
    target.target_nouns |= set(cand.target_nouns)
    target.aims |= set(cand.aims)
    target.positions.add((cand.sentence.index, cand.ordinal))
    if cand.doers:
        target.doers.add(cand.doers)
    target.two_sided |= cand.type == "armed_clash"


def _compatible(g: _Open, cand: EventCandidate, kind: str, published: dt.date) -> bool:
    if g.aggregate and not (cand.rebuts and g.kind == "speech"):
        return False
    if kind != g.kind and not (cand.about_violence and g.kind == "kinetic") and not (
            {kind, g.kind} == {"kinetic", "control"} and cand.sentence.index in g.sentences) and not (
            _coordinated(g, cand) and "speech" not in (kind, g.kind)):
        return False  # (soldiers fleeing when the attack began are part of that attack)
    if ((cand.modality in REAL) != (g.modality in REAL) or (cand.modality not in REAL and cand.modality != g.modality)) \
            and not _asks_about_it(g, cand, kind):
        return False
    if not _dates_agree(g.date, cand.date, published):
        return False
    if cand.date.interval.open_end != g.date.interval.open_end:
        return False  # "75,000 killed since 1992" is no toll of one raid, nor a raid part of that count
    known = _known_places(cand)
    if known and g.known_places and not known & g.known_places:
        return False
    agents = _agents(cand, g.kind)
    if agents and g.agents and not agents & g.agents and not cand.rebuts and not cand.repels:
        return False
    if g.kind == "kinetic" and cand.doers and g.doers and cand.doers not in g.doers and not g.two_sided \
            and cand.sentence.index not in g.sentences and not cand.refers_back and not cand.repels:
        return False  # "Troops attacked hideouts ... Mobs stormed the prison": other doers, another act
    if kind == g.kind == "kinetic" and cand.strikes_attacker != g.strikes_attacker and not g.two_sided \
            and cand.type != "armed_clash":
        # "the assassin fired ... and was shot dead by the bodyguard": the guard's act is another
        # (in a battle, attackers killed by the defenders are part of the fighting)
        return False
    return True


def _asks_about_it(g: _Open, cand: EventCandidate, kind: str) -> bool:
    """A supposition about a happening already told, named as known ("it was not clear if a suicide
    bomber carried out the attack"): a question about how the real happening came about, so one of
    its mentions, never a happening of its own nor a doubt cast on the one told."""
    return cand.supposes_about_known and cand.refers_back and g.modality in REAL and kind == g.kind


def _evidence(g: _Open, cand: EventCandidate, kind: str, latest: bool,
              candidates: Sequence[EventCandidate], sole: bool = False) -> str | None:
    """Why `cand` reports the same happening as `g`, or None when nothing says so. `latest`: no
    other happening of g's kind was reported after it; `sole`: none was reported at all."""
    index = cand.sentence.index
    if cand.later and index in g.sentences and _before_and_after(g, cand, candidates):
        return None  # "stormed the town and two days later seized its airport": the sentence tells two
    near = latest and index - g.last_sentence <= NEAR_SENTENCES
    # Acts of violence aimed at places of their own, told in one sentence, are so many attacks
    # (codebook: distinct places are distinct events), however closely they are told together.
    aimed_apart = bool(cand.aims) and bool(g.aims) and not set(cand.aims) & g.aims
    # ... and told in sentences of their own, only a reference back, the same target or the same
    # place joins them ("torched the party's offices ... Rioters set fire to the theatre": two)
    mine, theirs = _named_aims(cand.aims), _named_aims(g.aims)
    aimed_elsewhere = kind == "kinetic" and bool(mine) and bool(theirs) and not mine & theirs
    if _timed_apart(cand, g, candidates):
        return None  # acts one sentence gives each its own hour ("at 8.51am ...; at 9.17am ...") are apart
    if _coordinated(g, cand) and not cand.later and not aimed_apart:
        if cand.type == "humanitarian" and g.kind == "kinetic":
            return "its dead and displaced, counted together"
        return "one subject's acts, told together"
    if index in g.sentences and not _before_and_after(g, cand, candidates) and not aimed_apart:
        return "reported in the same sentence"
    if cand.refers_back and kind == g.kind:
        return "a later sentence refers back to it"
    if cand.turns_away:
        return None  # "Elsewhere, ...": another happening, unless it says it is the same one
    if kind == g.kind == "kinetic" and _other_people_struck(cand, g, candidates):
        return None  # "Chief A was shot down in Ibadan. ... Brigadier B and his wife were shot in their beds": two
    shared_places = _specific_places(cand) & g.places
    # (two acts aimed apart in one sentence share its wider place, "on Mindanao island": still two)
    if shared_places and kind == g.kind and not (aimed_apart and index in g.sentences):
        return "the same place"
    if (_targets(cand) & g.targets or set(cand.target_nouns) & g.target_nouns) and kind == g.kind:
        return "the same target"
    if cand.rebuts and kind == "speech" and g.kind == "speech" and index - g.last_sentence <= 1:
        return "a denial of what was said"
    if near and g.kind == "speech" and kind == "speech" and _one_voice(cand, g):
        return "one speaker's reaction on one day"
    if g.kind == "speech" and kind == "speech" and _one_person(cand, g) and cand.type in {candidates[i].type for i in g.members} \
            and cand.date.interval.precision == g.date.interval.precision == "day" \
            and (cand.date.interval.start, cand.date.interval.end) == (g.date.interval.start, g.date.interval.end):
        return "one person's words on one day"
    if latest and g.kind == "speech" and kind == "speech" and index - g.last_sentence == 1 \
            and cand.pronoun_speaker and _speakers(cand) <= g.speakers | g.speaker_parents:
        return "the same speaker goes on (he or she, in the next sentence)"
    if near and cand.strikes_attacker and g.strikes_attacker and kind == g.kind:
        return "the blow at the attackers, told again"
    if near and cand.type in OUTCOME_TYPES and kind == g.kind and not _specific_places(cand):
        return "the toll of it, reported next"
    if near and cand.about_violence and g.kind == "kinetic":
        return "an account of it, reported next"
    if latest and cand.repels and g.kind == "kinetic" and _next_told(g, index, candidates):
        return "the defence against it, reported next"
    if aimed_elsewhere:
        return None  # violence aimed at a place the happening was not aimed at is another attack
    if kind == g.kind == "kinetic" and index not in g.sentences and _struck_apart(cand, g):
        return None  # "The rioters burned a passenger train ... They burned a Catholic church": two
    if latest and kind == g.kind and _next_told(g, index, candidates) and kind in ("kinetic", "control") \
            and (cand.date.method not in ("explicit", "relative") or _same_stated_day(cand.date, g.date)) \
            and (not g.places or not (_specific_places(cand) - g.places)) and _agents(cand, kind) <= g.agents:
        # (a lede that names no town, then the next sentence names the province: the same fight)
        return "the next sentence goes on with it"
    if near and kind == g.kind and kind in ("kinetic", "control") and _agents(cand, kind) \
            and _agents(cand, kind) <= g.agents and not (_specific_places(cand) - g.places) \
            and (cand.date.method not in ("explicit", "relative") or _same_stated_day(cand.date, g.date)):
        # "China invaded Vietnam today ... [the news agency's account] ... China reportedly attacked
        # with tanks and artillery": the same side's violence, told again with nothing else of its
        # kind in between, no other place and no other day
        return "the same side goes on with it"
    if latest and near and kind == g.kind == "kinetic" and cand.pronoun_doers and not _agents(cand, kind) \
            and cand.tense in NARRATIVE_TENSES \
            and not (_specific_places(cand) - g.places) and cand.date.method not in ("explicit", "relative") \
            and not _before_and_after(g, cand, candidates):
        # "Then they began shooting," a villager said: the doers already told of, going on with the
        # violence last told, with no other violence, place or day in between (told in the past: "he
        # is firing on us" in a quotation speaks of now, not of the raid just told)
        return "the same doers go on (they, he or she)"
    if sole and kind == g.kind == "kinetic" and cand.type in {candidates[i].type for i in g.members} \
            and cand.tense in NARRATIVE_TENSES and cand.modality in REAL \
            and (cand.date.method in ("inherited", "discourse") or _undated(g, candidates) and index not in g.sentences) \
            and not (_specific_places(cand) - g.places) \
            and _agents(cand, kind) <= g.agents and not _before_and_after(g, cand, candidates):
        # A report of one attack tells it in its lede, gives the background, then tells it again
        # step by step ("... two vans stopped at the gate and the gunmen fired into the crowd"): with
        # no other violence told, no other place, doer or day, the undated retelling (of the same
        # type: troops surrounding a square are no retelling of stones thrown) is the same attack.
        # So is a first telling that gave no day ("LINER SENT TO BOTTOM", a headline) told again
        # with its day.
        return "the report's one violence, told again in detail"
    if near and kind == g.kind == "blockade" and not (_specific_places(cand) - g.places) \
            and _word_stem(cand.trigger) in {_word_stem(candidates[i].trigger) for i in g.members} \
            and (cand.date.method not in ("explicit", "relative") or _same_stated_day(cand.date, g.date)):
        # "imposed an overnight curfew ... a nationwide curfew was being imposed for Sunday": a
        # measure of one day, told again in its own word, is one measure (a curfew elsewhere is
        # another, and so are the schools closed and the town sealed off that day)
        return "the same measure, told again"
    if near and kind == g.kind and _seizes_power(cand) and any(_seizes_power(candidates[i]) for i in g.members) \
            and (cand.date.method not in ("explicit", "relative") or _same_stated_day(cand.date, g.date)):
        # "Officers seized power at dawn ... The government was overthrown within the hour": a
        # coup told twice, by those who took power and by those who lost it, on one day
        return "the same seizure of power, told again"
    if near and kind == g.kind and all(candidates[i].type in OUTCOME_TYPES for i in g.members) \
            and cand.type not in OUTCOME_TYPES and (not _any_places(g, candidates) or not (_specific_places(cand) - g.places)):
        return "the violence that took that toll, reported next"
    return None


# Words that tell power taken by force: the government overthrown, ousted or toppled, a coup.
OVERTHROW = re.compile(r"(?:overthr|oust|depos|toppl|coup|putsch)", re.IGNORECASE)
# "seized power", "took over power", "grabbed power", "assumed power": told by those who took it.
POWER_TAKEN = re.compile(r"(?:seiz|tak|took|grab|assum)\w*\s+(?:\w+\s+)?power\b", re.IGNORECASE)


def _seizes_power(cand: EventCandidate) -> bool:
    """A change of rulers by force, told by its trigger: a coup, or power taken."""
    if cand.type != "election" or cand.modality not in REAL:
        return False
    if OVERTHROW.match(cand.trigger):
        return True
    return POWER_TAKEN.match(cand.sentence.text, cand.trigger_start - cand.sentence.start) is not None


def _undated(g: _Open, candidates: Sequence[EventCandidate]) -> bool:
    """No member of the happening gave a day of its own: each took the publication's or the story's."""
    return all(candidates[i].date.method in ("inherited", "discourse") for i in g.members)


def _before_and_after(g: _Open, cand: EventCandidate, candidates: Sequence[EventCandidate]) -> bool:
    """One of the two is told as what came before the other ("the operation was launched after a
    general was stabbed") or a measured time after it ("stormed the town and two days later seized
    the airport"): a sentence that orders two happenings in time tells two."""
    index = cand.sentence.index
    return any(candidates[i].sentence.index == index
               and (candidates[i].earlier != cand.earlier or candidates[i].later != cand.later) for i in g.members)


def _next_told(g: _Open, index: int, candidates: Sequence[EventCandidate]) -> bool:
    """The sentence is the next after the happening's last, or the next but one with nothing
    reported in between (a quote, a description of the place): the story has not moved on."""
    gap = index - g.last_sentence
    return gap <= 1 or gap == 2 and not any(c.sentence.index == g.last_sentence + 1 for c in candidates)


def _one_voice(cand: EventCandidate, g: _Open) -> bool:
    """The same speaker, or a state and one of its own bodies speaking for it (a government, then
    "its army said ..."). Two ministries of one state, or a ministry and another state, are not one
    voice."""
    mine = _speakers(cand)
    return bool(mine & g.speakers or _speaker_parents(cand) & g.speakers or mine & g.speaker_parents)


def _timed_apart(cand: EventCandidate, g: _Open, candidates: Sequence[EventCandidate]) -> bool:
    """The candidate and one of g's members, in one sentence, each told at their own hour."""
    if cand.hour is None:
        return False
    return any(candidates[i].sentence.index == cand.sentence.index and candidates[i].hour is not None
               and candidates[i].hour != cand.hour for i in g.members)


# Words for ground that may be a part of any other place told: "the area", "a building", "rebel
# strongholds", "offices" may lie inside the base, palace or town the happening was aimed at. (Their
# adjectives are left out of an aim's words: "a nearby building" is still "building".)
VAGUE_AIMS = VAGUE_PLACE_NOUNS
# Nouns that say whose a vague place is, not what it is: "rebel strongholds", "enemy positions".
OWNER_WORDS = frozenset({"rebel", "enemy", "insurgent", "militant", "guerrilla", "opposition", "army", "military"})


def _named_aims(aims) -> set[str]:
    """The aims that name a place of their own ("police station", "Cultural Palace", "Gori",
    "parliament building": a vague word with a name for what it is)."""
    return {a for a in aims if a.split()[-1] not in VAGUE_AIMS or any(w not in OWNER_WORDS for w in a.split()[:-1])}


def _struck_apart(cand: EventCandidate, g: _Open) -> bool:
    """Told in a sentence of its own, an act aimed at a building or a vehicle the happening never
    struck, when the happening struck buildings or vehicles of its own: another act (codebook:
    distinct places are distinct events), however the story runs on from one to the next."""
    mine = set(cand.target_nouns) & STRUCK_THINGS
    theirs = g.target_nouns & STRUCK_THINGS
    return bool(mine) and bool(theirs) and not mine & theirs


# Buildings and vehicles: what a mob burns or a bomb wrecks, one at a time.
STRUCK_THINGS = frozenset({"station", "office", "offices", "building", "embassy", "consulate", "parliament", "palace",
                           "school", "hospital", "clinic", "market", "church", "mosque", "temple", "synagogue",
                           "barracks", "prison", "jail", "ministry", "courthouse", "bank", "warehouse", "factory",
                           "refinery", "hotel", "residence", "depot", "plant", "tower", "precinct",
                           "train", "tram", "bus", "car", "truck", "lorry", "ship", "boat", "ferry", "aircraft",
                           "plane", "airliner", "jeep", "van"})


def _word_stem(word: str) -> str:
    """A word without its inflection, enough to see one word twice ("banned", "bans", "ban")."""
    word = word.lower()
    for ending in ("ned", "ed", "es", "s", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _same_stated_day(a: EventDate, b: EventDate) -> bool:
    """Both dates name the same single day ("gunfire was heard near the port on Tuesday night" after
    "rebels raided the port on Tuesday")."""
    # (or the one took its day from the very words that date the other: a lede dated by the day
    # its next sentence gives)
    stated = b.method in ("explicit", "relative") or b.method == "discourse" and b.expression_start is not None \
        and b.expression_start == a.expression_start
    return (a.interval.precision == "day" and b.interval.precision == "day" and stated
            and a.interval.start == b.interval.start and a.interval.end == b.interval.end)


def _coordinated(g: _Open, cand: EventCandidate) -> bool:
    """`cand` is an act coordinated with one of g's, sharing its subject, in the same sentence."""
    return cand.joins is not None and any(
        m_sentence == cand.sentence.index and m_ordinal == cand.joins for m_sentence, m_ordinal in g.positions)


def _dates_agree(a: EventDate, b: EventDate, published: dt.date) -> bool:
    """Whether two sentences' dates allow one happening. A date that is only the publication date
    (inherited) or the day something was said (reporting) bounds the happening from above."""
    a_loose, b_loose = a.method in ("inherited", "reporting"), b.method in ("inherited", "reporting")
    if a_loose and b_loose:
        return True
    if a_loose or b_loose:
        fixed, loose = (b, a) if a_loose else (a, b)
        latest = loose.interval.end
        reach = CURRENT_DAYS if loose.method == "inherited" else REPORTING_LAG_DAYS
        earliest = (published if loose.method == "inherited" else latest) - dt.timedelta(days=reach)
        return _overlap(fixed.interval, DateInterval(earliest, latest, "day"))
    if not _overlap(a.interval, b.interval):
        return False
    return abs(PRECISION_RANK[a.interval.precision] - PRECISION_RANK[b.interval.precision]) <= 1


def _overlap(a: DateInterval, b: DateInterval) -> bool:
    a_end = dt.date.max if a.open_end else a.end
    b_end = dt.date.max if b.open_end else b.end
    return a.start <= b_end and b.start <= a_end


def _better_date(new: EventDate, old: EventDate) -> bool:
    """A date stated for the happening beats one only said or inherited; a day beats a month."""
    return (METHOD_RANK[new.method], PRECISION_RANK[new.interval.precision]) < (
        METHOD_RANK[old.method], PRECISION_RANK[old.interval.precision])


def _any_places(g: _Open, candidates: Sequence[EventCandidate]) -> bool:
    """Whether the happening names any place at all, a country included."""
    return any(candidates[i].places for i in g.members)


def _known_places(cand: EventCandidate) -> set[str]:
    """Specific places the data knows (with their country): only these can tell two towns apart;
    a name the tagger merely guessed may be the same place spelt otherwise, or a part of it."""
    return {p.key for p in cand.places if p.country is not None and p.key != p.country}


def _specific_places(cand: EventCandidate) -> set[str]:
    """Places narrower than a country: two strikes in two towns are two strikes."""
    return {p.key for p in cand.places if p.country is None or p.key != p.country}


def _agents(cand: EventCandidate, kind: str) -> set[str]:
    """Who did it (for speech: who spoke). A source of a report is not who acted."""
    roles = ("speaker", "initiator") if kind == "speech" else ("initiator",)
    keys = set()
    for a in cand.actors:
        if a.role in roles and not is_unidentified(a.key):
            keys.add(a.key)
            if a.parent:
                keys.add(a.parent)
    return keys


def _speakers(cand: EventCandidate) -> set[str]:
    """Who spoke, exactly: a minister and the state they serve are not one speaker here."""
    return {a.key for a in cand.actors if a.role in ("speaker", "initiator")}


def _one_person(cand: EventCandidate, g: _Open) -> bool:
    """The same named person speaks (not a state, a ministry or a group, whose voices are many)."""
    people = {a.key for a in cand.actors if a.role in ("speaker", "initiator") and a.kind == "person"}
    return bool(people & g.speakers)


def _speaker_parents(cand: EventCandidate) -> set[str]:
    return {a.parent for a in cand.actors if a.role in ("speaker", "initiator") and a.parent}


def _people_struck(cand: EventCandidate) -> set[str]:
    return {a.key for a in cand.actors if a.role == "target" and a.kind == "person"}


def _the_same_person_struck(open_: list[_Open], cand: EventCandidate, kind: str,
                            candidates: Sequence[EventCandidate], published: dt.date) -> _Open | None:
    """The latest violent happening that struck a person this toll names: "Ito died" after "shots
    ... hitting Prince Ito". (Only a toll: a mutiny "against" a leader is no blow at him.)"""
    mine = _people_struck(cand)
    if kind != "kinetic" or cand.type != "casualties" or not mine:
        return None
    for g in reversed(open_):
        if g.kind != "kinetic" or g.aggregate or not _compatible(g, cand, kind, published):
            continue
        if mine & set().union(*(_people_struck(candidates[j]) for j in g.members)):
            return g
    return None


def _other_people_struck(cand: EventCandidate, g: _Open, candidates: Sequence[EventCandidate]) -> bool:
    """Each names the person the violence struck, and they are different people: two killings, two
    attempts, however close together they are told."""
    mine = _people_struck(cand)
    theirs = set().union(*(_people_struck(candidates[j]) for j in g.members))
    return bool(mine) and bool(theirs) and not mine & theirs


def _targets(cand: EventCandidate) -> set[str]:
    return {a.key for a in cand.actors if a.role == "target" and a.kind != "state"}


def _lead(g: _Open, candidates: Sequence[EventCandidate], kinetic_types: frozenset[str]) -> int:
    """The member that states the happening best: the first that reports the happening itself
    (not its toll, not someone's words about it, not a later mention of it as known, "the shot hit
    him in the neck"), preferring one that dates it."""
    def rank(i: int) -> tuple[int, int, int, int, int, int]:
        c = candidates[i]
        kinetic = c.type in kinetic_types
        # (in a violent happening, the displaced counted with its dead do not state it either)
        # (nor one told as done in another happening: "taken prisoner in a coup" is the coup's act)
        states_it = c.type not in OUTCOME_TYPES and not c.about_violence and c.counted_in is None \
            and (kinetic or g.kind != "kinetic")
        named = any(a.role in ("initiator", "speaker") for a in c.actors)
        dated = c.date.method in ("explicit", "relative")
        return (0 if states_it else 1, 0 if kinetic or g.kind != "kinetic" else 1, 1 if c.refers_back and kinetic else 0,
                0 if named else 1, 0 if dated else 1, g.members.index(i))
    return min(g.members, key=rank)


def _happening(g: _Open, candidates: Sequence[EventCandidate], kinds: Mapping[str, str]) -> Happening:
    lead = _lead(g, candidates, frozenset(t for t, k in kinds.items() if k == "kinetic"))
    members = [candidates[i] for i in g.members]
    base = candidates[lead]
    profile = replace(
        base,
        modality=g.modality,
        date=g.date,
        actors=_union_actors(members),
        places=_union(members, lambda c: c.places, lambda p: p.key),
        figures=_union(members, lambda c: c.figures, lambda f: (f.quantity, f.what, f.source)),
    )
    return Happening(tuple(g.members), lead, profile, tuple(g.reasons))


def _union_actors(members: list[EventCandidate]) -> tuple[ActorRef, ...]:
    """Every actor in every role the sentences give it; "mentioned" only when that is all it is."""
    seen: dict[tuple[str, str], ActorRef] = {}
    for c in members:
        for a in c.actors:
            seen.setdefault((a.key, a.role), a)
    acting = {key for key, role in seen if role != "mentioned"}
    return tuple(a for (key, role), a in seen.items() if role != "mentioned" or key not in acting)


def _union(members: list[EventCandidate], items, key) -> tuple:
    seen: dict = {}
    for c in members:
        for item in items(c):
            seen.setdefault(key(item), item)
    return tuple(seen.values())

