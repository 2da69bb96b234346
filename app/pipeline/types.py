"""The values that flow between extraction stages.

Every stage is a function from these frozen values to new ones, so a stage can be tested alone
with hand-made input. Offsets are always character offsets into the stored article text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "month", "year", "decade", "century"]
# How an event's date was found, most to least direct.
# "discourse": no date in its sentence, but a narrative going on from an earlier, dated sentence.
DateMethod = Literal["explicit", "relative", "discourse", "reporting", "inherited"]
Modality = Literal[
    "asserted",  # reported as having happened
    "planned",  # scheduled or announced: "will meet on Thursday"
    "threatened",  # "threatened to strike"
    "denied",  # "denied attacking"
    "claimed",  # an allegation by one side: "alleged that Armenia had been smuggling"
    "hypothetical",  # "could resume", "may attack"
]
Role = Literal["initiator", "target", "speaker", "participant", "mentioned"]


@dataclass(frozen=True)
class Timex:
    """A temporal expression, TimeML TIMEX3 style.

    `value` is the TIMEX3 value ("2023-09-19", "2022", "P6W", "199", "PRESENT_REF", "XXXX-WXX-2" ...).
    `anchor` is the date a relative expression was resolved against (None when the text names the
    date outright). `rule` names the rule that matched and resolved it, for provenance.
    `signal` is the preposition in front of it ("since", "in", "on", "until", ...), kept because
    "since 1994" opens a range and "until March" closes one; the span itself excludes it, as in TimeML.
    `mod` is the TIMEX3 mod attribute when there is one ("START", "END", "MID", "APPROX", ...).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    rule: str
    anchor: dt.date | None = None
    signal: str | None = None
    mod: str | None = None


@dataclass(frozen=True)
class DateInterval:
    """The calendar interval a date allows, with its precision. `open_end` marks "since 1994"."""

    start: dt.date
    end: dt.date
    precision: Precision
    open_end: bool = False


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorRef:
    """An actor as it appears in a sentence, canonicalised.

    `key` is the canonical actor's stable key ("azerbaijan", "eu", "josep-borrell"); `surface` is
    the text as written ("Baku"). `kind`: state, organisation, person, group, ...
    """

    key: str
    name: str
    kind: str
    role: Role
    surface: str
    start: int
    end: int
    parent: str | None = None  # a person's organisation or government key, e.g. Borrell -> "eu"
    # a collective named by a common noun ("protesters", "gunmen", "government troops"): the same
    # actor in most events of an article, so weak evidence that two reports are one happening
    generic: bool = False


# The key of an armed group the text does not name ("gunmen", "the terrorists"), alone or after its
# country's key: "syria-unidentified-armed-group".
UNIDENTIFIED_GROUP = "unidentified-armed-group"


def is_unidentified(key: str) -> bool:
    """Whether an actor key stands for a perpetrator nobody named. Who that was is unknown, so it
    neither contradicts a named one ("Boko Haram raided the base ... the terrorists burnt two
    houses") nor is evidence that two reports share one."""
    return key.endswith(UNIDENTIFIED_GROUP)


@dataclass(frozen=True)
class PlaceRef:
    """A place named in a sentence. `country` is the actor key of its state ("syria");
    `country_code` its ISO 3166-1 alpha-2 code ("SY"); `latitude`/`longitude` come from the
    gazetteer when it knows the place (cities; a country has a code but no point)."""

    key: str
    name: str
    surface: str
    start: int
    end: int
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number as reported, with who reported it: never silently reconciled."""

    quantity: str  # as written: "dozens", "25", "over 60"
    what: str  # what is counted: "civilians killed or injured", "casualties", "military posts"
    source: str | None  # who gave it: "local officials", "a separatist Armenian human rights official"
    start: int
    end: int


@dataclass(frozen=True)
class EventDate:
    """An event's date and exactly how it was found."""

    interval: DateInterval
    method: DateMethod
    rule: str  # the rule that resolved it, e.g. "weekday-past", "reporting-verb", "inherited-dct"
    expression: str | None = None  # raw text ("Tuesday", "last year"); None when inherited
    expression_start: int | None = None
    expression_end: int | None = None
    anchor: dt.date | None = None  # what a relative expression was resolved against
    timex_value: str | None = None


@dataclass(frozen=True)
class EventCandidate:
    """One event reported by one sentence of one article."""

    sentence: Sentence
    ordinal: int  # position among the events of the same sentence (0 for the first)
    type: str  # a key of the event-type taxonomy (resources/event_types.toml)
    title: str  # short headline-style description, derived from the sentence
    trigger: str  # the word that reports the event ("condemned", "offensive")
    trigger_start: int
    trigger_end: int
    modality: Modality
    date: EventDate
    actors: tuple[ActorRef, ...] = ()
    places: tuple[PlaceRef, ...] = ()
    figures: tuple[Figure, ...] = ()
    claim: str | None = None  # a speaker's characterisation: "anti-terrorist operation"
    claim_by: str | None = None  # actor key of whoever made the claim
    # What the within-article grouping (happenings.py) reads off the sentence:
    target_nouns: tuple[str, ...] = ()  # what was hit or taken, as nouns: ("base",), ("village",)
    aims: tuple[str, ...] = ()  # the places an act of violence was aimed at: ("police station",)
    relative_clause: bool = False  # told in a relative clause ("Iraq, where the king was killed last July")
    counted_in: str | None = None  # a toll's own happening, by type: "injured in protests" -> "protest"
    joins: int | None = None  # ordinal of the event in the same sentence whose subject did this too ("clashed ... and detained")
    turns_away: bool = False  # the sentence opens with "Elsewhere", "Meanwhile", "In a separate attack"
    earlier: bool = False  # told as what came before its sentence's own happening ("launched after X was stabbed")
    later: bool = False  # told as coming a measured time after its sentence's first happening ("and two days later seized")
    repels: bool = False  # a defence against attackers already told ("pushed them back", "repelled them")
    rebuts: bool = False  # a denial or rejection of what another party said ("something Russia denies")
    tense: str = ""  # of the reporting clause: past, pluperfect, perfect, present, future ("" unknown)
    past_sentence: bool = False  # a noun event (no tense of its own) in a sentence whose main verb is in the past
    refers_back: bool = False  # "the attack", "the strike", "it": a definite reference to a happening already reported
    supposes_about_known: bool = False  # a supposition naming a known happening: "not clear if a bomber carried out the attack"
    aggregate: bool = False  # "has been raided three times", "repeatedly attacked": many happenings summed up
    about_violence: bool = False  # a bare statement whose content speaks of violence ("the dead", "projectiles")
    pronoun_speaker: bool = False  # a speech act whose speaker is "he" or "she": who spoke last goes on
    pronoun_doers: bool = False  # an act whose doer is "they", "he" or "she": someone already told of
    hour: str | None = None  # the clock time its own clause gives ("8.51am"): one sentence's acts at two hours are two
    doers: str | None = None  # who did it, when a common noun says so: "crowd", "forces" or "armed" (see events.doer_class)
    strikes_attacker: bool = False  # violence done to the attackers by someone named ("the assassin was shot dead by the bodyguard")


@dataclass(frozen=True)
class Happening:
    """One happening as one article reports it: every sentence (candidate) about it, and what they
    say together. The stored event is made from `profile`; every member becomes a mention."""

    members: tuple[int, ...]  # indexes into ArticleExtraction.events, in text order
    lead: int  # the member whose sentence best reports it (its title and summary)
    profile: EventCandidate  # the lead with the happening's type, modality, date, actors, places, figures
    reasons: tuple[str, ...] = ()  # in plain words, why the members were taken as one happening


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything the pipeline found in one article."""

    title: str  # the given title or one derived from the text
    body: tuple[tuple[int, int], ...]  # main-text spans after removing page furniture
    sentences: tuple[Sentence, ...]
    timexes: tuple[Timex, ...]
    events: tuple[EventCandidate, ...]
    warnings: tuple[str, ...] = field(default=())
    # The events grouped by happening; empty means every candidate stands alone.
    happenings: tuple[Happening, ...] = field(default=())


@dataclass(frozen=True)
class ArticleInput:
    """One article as it enters the pipeline: its text and what is known about it."""

    text: str
    published: dt.date
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    source_format: str = "txt"
    origin: str = ""  # where it came from, for messages: a path, "line 3 of x.jsonl", "upload"


@dataclass(frozen=True)
class Metadata:
    """What a source says about an article besides its text (any of it may be missing)."""

    published: dt.date | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None

    def over(self, other: "Metadata") -> "Metadata":
        """These values where set, else the other's."""
        return Metadata(
            published=self.published or other.published,
            title=self.title or other.title,
            publisher=self.publisher or other.publisher,
            url=self.url or other.url,
        )
