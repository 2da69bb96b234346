"""Which clauses of a sentence report an event, of which type and with which modality.

The trigger words live in resources/event_types.toml. A word only reports an event in an event
construction read off the dependency parse:

* a trigger verb heading a clause ("France condemned ...", "explosions that killed four soldiers");
* a trigger noun carried by a support verb ("launched an operation", "began a blockade"), said to
  occur ("war broke out", "a meeting, which will take place on Thursday"), or a state ("under
  Armenian control", "in talks with");
* reported speech: "X said/reported that <event>" gives the inner event, X being its speaker and
  source; "X said ..." with no inner event is a statement by X.

What is not an event: background descriptions in the simple present ("Russia has close ties"),
copular bios ("X is a former co-chair"), the content of intentions and appeals ("called on Baku to
stop the attack": the attack is not re-reported), participles modifying nouns ("the disputed
region") and quotes that merely continue a statement already reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from app.pipeline.actors import UNDERGOING_VERBS, achieved_gerund, clause_taken_for_participle
from app.pipeline.asides import dash_aside
from app.pipeline.timex.lexicon import lexicon
from app.pipeline.types import Modality

QUOTE_OPEN = frozenset({"“", '"', "‘", "«", "``"})
QUOTE_CHARS = frozenset({"“", "”", '"', "‘", "’", "«", "»", "``", "''"})
# Nouns that wrap an allegation: "denied claims (that) Azerbaijan informed it".
CLAIM_NOUNS = frozenset({"claim", "report", "allegation", "accusation", "suggestion", "assertion", "rumor", "rumour"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
# Ways a verb can head a clause that reports something as happening.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "relcl", "advcl", "parataxis", "acl", "xcomp", "pcomp", "dep"})
TIME_PREPS = frozenset({"after", "before", "in", "on", "since", "during", "following", "until"})
# Subordinate clauses that only situate another event in time.
TEMPORAL_MARKS = frozenset({"before", "after", "until", "since", "till"})
# Participles that report a happening even as a noun's modifier: "three people killed in a strike".
REPORTED_IN_PARTICIPLES = frozenset({"casualties"})
NUMBER_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "scores"})


@dataclass(frozen=True)
class EventType:
    key: str
    description: str
    acled: str
    plover: str
    family: str
    verbal: bool
    priority: int
    subject_event: bool = False
    passive_subject: str = "target"  # role of "X" in "X were deployed": the force moved is its state's act


@dataclass(frozen=True)
class EventLexicon:
    """event_types.toml, indexed once."""

    types: dict[str, EventType]
    verb_types: dict[str, str]
    noun_types: dict[str, str]
    phrasal: dict[tuple[str, str], str]
    support_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    planned_markers: frozenset[str]
    accusation_words: frozenset[str]
    happening_kinds: dict[str, str]
    violence_words: frozenset[str]
    aggregate_words: frozenset[str]
    seizure_verbs: frozenset[str] = frozenset()
    ground_nouns: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    court_verbs: frozenset[str] = frozenset()
    person_object_verbs: frozenset[str] = frozenset()
    force_nouns: frozenset[str] = frozenset()
    flight_verbs: frozenset[str] = frozenset()
    participant_nouns: frozenset[str] = frozenset()
    gathering_verbs: frozenset[str] = frozenset()
    rejected_nouns: frozenset[str] = frozenset()
    strike_verbs: frozenset[str] = frozenset()
    agentive_killing_verbs: frozenset[str] = frozenset()
    perpetrator_nouns: frozenset[str] = frozenset()
    hazard_nouns: frozenset[str] = frozenset()
    economy_nouns: frozenset[str] = frozenset()
    level_nouns: frozenset[str] = frozenset()
    plural_only_nouns: frozenset[str] = frozenset()
    aspect_verbs: frozenset[str] = frozenset()
    discovery_verbs: frozenset[str] = frozenset()
    remains_nouns: frozenset[str] = frozenset()
    perception_verbs: frozenset[str] = frozenset()
    site_nouns: frozenset[str] = frozenset()

    @property
    def event_verbs(self) -> frozenset[str]:
        """Every lemma that reports some happening as a verb."""
        return (frozenset(self.verb_types) | frozenset(v for v, _ in self.phrasal)) - self.reporting_verbs

    def noun_type(self, word: str) -> str | None:
        """The event type a noun names ("fall", "bombings"), or None for any other word."""
        word = word.lower().replace("’", "'").removesuffix("'s").rstrip("'")  # "the army's", "the rebels'"
        for form in (word, word.removesuffix("s"), word.removesuffix("es")):
            if form in self.noun_types:
                return self.noun_types[form]
        return None

    @classmethod
    def build(cls, data: dict) -> "EventLexicon":
        types: dict[str, EventType] = {}
        verb_types: dict[str, str] = {}
        noun_types: dict[str, str] = {}
        phrasal: dict[tuple[str, str], str] = {}
        for key, t in data["types"].items():
            types[key] = EventType(key, t["description"], t["acled"], t["plover"], t["family"], t["verbal"],
                                   t.get("priority", 1), t.get("subject_event", False),
                                   t.get("passive_subject", "target"))
        # a word listed under several types goes to the type with the highest priority
        for key, t in sorted(data["types"].items(), key=lambda kv: kv[1].get("priority", 1)):
            for lemma in t.get("verbs", []):
                verb_types[lemma] = key
            for lemma in t.get("nouns", []):
                noun_types[lemma] = key
            for pair in t.get("phrasal", []):
                verb, particle = pair.split()
                phrasal[(verb, particle)] = key
        s = data["settings"]
        return cls(
            types, verb_types, noun_types, phrasal,
            frozenset(s["support_verbs"]), frozenset(s["occurrence_verbs"]), frozenset(s["reporting_verbs"]),
            frozenset(s["claim_verbs"]), frozenset(s["denial_verbs"]), frozenset(s["threat_verbs"]),
            frozenset(s["hypothetical_modals"]), frozenset(s["planned_markers"]),
            frozenset(data["types"].get("accusation", {}).get("claim_words", [])),
            {t: kind for kind, members in s.get("happening_kinds", {}).items() for t in members},
            frozenset(s.get("violence_words", [])),
            frozenset(s.get("aggregate_words", [])),
            frozenset(s.get("seizure_verbs", [])),
            frozenset(s.get("ground_nouns", [])),
            frozenset(s.get("person_nouns", [])),
            frozenset(s.get("court_verbs", [])),
            frozenset(s.get("person_object_verbs", [])),
            frozenset(s.get("force_nouns", [])),
            frozenset(s.get("flight_verbs", [])),
            frozenset(s.get("participant_nouns", [])),
            frozenset(s.get("gathering_verbs", [])),
            frozenset(s.get("rejected_nouns", [])),
            frozenset(s.get("strike_verbs", [])),
            frozenset(s.get("agentive_killing_verbs", [])),
            frozenset(s.get("perpetrator_nouns", [])),
            frozenset(s.get("hazard_nouns", [])),
            frozenset(s.get("economy_nouns", [])),
            frozenset(s.get("level_nouns", [])),
            frozenset(s.get("plural_only_nouns", [])),
            frozenset(s.get("aspect_verbs", [])),
            frozenset(s.get("discovery_verbs", [])),
            frozenset(s.get("remains_nouns", [])),
            frozenset(s.get("perception_verbs", [])),
            frozenset(s.get("site_nouns", [])),
        )


@dataclass
class DetectedEvent:
    """An event found in a sentence, before dating and actor roles are attached."""

    type: str
    trigger: int  # token index of the word that names the event
    predicate: int  # token index of the verb whose clause reports it (== trigger for verbs)
    modality: Modality
    reporter: int | None = None  # the reporting verb ("said", "reported") when reported speech
    claim: str | None = None
    claim_holder: int | None = None  # token heading whoever made the claim
    reported_statement: bool = False  # a bare "X said ..." statement (no inner event)
    threat_verb: int | None = None  # "threatened" in "threatened to strike"
    negated: bool = False  # "said no sites were hit": a denial only when a party says it
    blamed: bool = False  # "X was blamed for the attack": the attack, X its alleged perpetrator


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _reports(tok: Token, lex: "EventLexicon") -> bool:
    """A verb of speech, or a verb of contact that passes on content: "he had been informed that
    the toll was over 90" reports the toll; "the minister informed his counterpart" is a contact."""
    lemma = _lemma(tok)
    if lemma in DISCLOSING_VERBS:
        # "the commissioner revealed there had been no warning", "the army admitted its troops
        # fired": words passed on; "revealed the plan", "was admitted to hospital": no words
        return any(c.dep_ == "ccomp" for c in tok.children)
    if lemma in ANSWERING_VERBS:
        # "retorted that the clash was staged", '"Lies," he retorted': words; "replied with mortar
        # fire", "countered the attack": no words at all
        return any(c.dep_ == "ccomp" for c in tok.children) or any(
            t.text in ('"', "”", "“") for t in tok.doc[tok.sent.start:tok.i])
    if lemma in lex.reporting_verbs:
        if lemma == "maintain" and any(c.dep_ in ("nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
            return False  # "communication was being maintained", "troops maintained order": kept, not said
        # "the clashes claimed the lives of 30": a toll, not a claim
        return not _claims_lives(tok)
    return lex.verb_types.get(lemma) == "consultation" and any(c.dep_ == "ccomp" for c in tok.children)


def _claims_lives(verb: Token) -> bool:
    """ "claimed the lives of 30", "has claimed to date 34 lives" (which the parser may hang on "date"):
    lives taken, within a few words of the verb with no clause of its own between."""
    if any(c.dep_ == "dobj" and _lemma(c) == "life" for c in verb.children):
        return True
    if _lemma(verb) != "claim" or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children):
        return False
    return any(_lemma(t) == "life" and t.i - verb.i <= 6 for t in verb.subtree if t.i > verb.i)


# Verbs of answering, which report words only when they carry them.
ANSWERING_VERBS = frozenset({"retort", "reply", "rejoin", "counter"})
# Verbs that make known or own up to something, which report words only with a clause of content.
DISCLOSING_VERBS = frozenset({"reveal", "disclose", "admit", "acknowledge", "concede"})


def _killer_type(verb: Token, lex: EventLexicon) -> str | None:
    """The type of violence a killing verb reports when it names what killed: an armed party as
    active subject or passive "by" agent (a force or perpetrator noun, or a named group, state or
    person: "gunmen killed three soldiers", "were killed by militants") is an attack; a violent
    happening as subject ("the airstrike killed five", "fighting killed 12") is that happening, the
    deaths its toll. None when nobody and nothing violent is named ("three soldiers were killed")."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        doers += [g for g in agent.children if g.dep_ == "pobj"]
    for doer in doers:
        for word in (doer, *(c for c in doer.children if c.dep_ == "conj")):
            lemma, lower = _lemma(word), word.lower_
            happening = lex.noun_types.get(lemma) or lex.noun_types.get(lower)
            if happening is not None:
                kinetic = lex.happening_kinds.get(happening) == lex.happening_kinds.get("attack")
                return happening if kinetic and happening != "casualties" else None
            if lemma in lex.force_nouns or lower in lex.force_nouns or lemma in lex.perpetrator_nouns \
                    or lower in lex.perpetrator_nouns:
                return "attack"
            if word.pos_ == "PROPN" and word.ent_type_ in ("ORG", "NORP", "GPE", "PERSON"):
                return "attack"
    return None


# Verbs of a journey somewhere, and what a journey made to talk is for: the visit is the happening.
TRAVELLING_VERBS = frozenset({"fly", "travel", "go", "head", "jet", "come", "journey", "return"})
TALKING_VERBS = frozenset({"talk", "meet", "negotiate", "confer", "discuss", "consult", "mediate"})
TALKING_NOUNS = frozenset({"talk", "talks", "meeting", "negotiation", "negotiations", "summit", "consultation",
                           "consultations", "discussion", "discussions"})


# What a mob wrecks or tears up besides a site or ground: lines, vehicles, homes.
WRECKABLE = frozenset({"railway", "railroad", "track", "tracks", "line", "lines", "rail", "rails", "pole", "poles",
                       "telegraph", "train", "tram", "tramcar", "car", "cars", "bus", "buses", "truck", "vehicle",
                       "house", "houses", "home", "homes", "shop", "shops", "store", "stores", "stations", "window",
                       "windows"})


def _wrecked_property(verb: Token, lex: EventLexicon) -> bool:
    """What was wrecked, smashed or torn up is property on the ground: a station, a railway, a shop
    ("the dispute wrecked the talks", "tore up the agreement" are no violence)."""
    if _lemma(verb) in ("tear", "rip") and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [g for t in things for g in t.children if g.dep_ == "conj"]
    return any(_lemma(t) in WRECKABLE or t.lower_ in WRECKABLE or _lemma(t) in lex.site_nouns
               or _lemma(t) in lex.ground_nouns for t in things)


# Verbs of blades and blows that, "to pieces" or "to death", tell a killing.
MAIMING_VERBS = frozenset({"cut", "hack", "chop", "slash", "tear", "rip", "club", "batter", "hammer", "kick"})
# What a bomb does to what it hits, told as the bomb's own act.
BLAST_DAMAGE_VERBS = frozenset({"tear", "rip", "wreck", "shatter", "gut", "devastate", "flatten", "blow", "rock",
                                "shake"})


def _removed_from_office(verb: Token) -> bool:
    """ "The commander had been fired", "the president fired his defence minister": the one fired
    holds an office and nothing is fired at or on anyone (then it is a shooting)."""
    if any(c.dep_ in ("prep", "prt") and c.lower_ in ("at", "on", "upon", "into", "off") and not any(
            g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in verb.children):
        return False  # (but "fired his minister on Monday")
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in OFFICE_WORDS or any(
                m.dep_ in ("compound", "amod") and m.lemma_.lower() in OFFICE_WORDS for m in c.children)):
            return True
    return False


def _travels_to_talk(verb: Token) -> bool:
    """A journey to a place made to talk: "flew to Palm Island to talk to island leaders", "travelled
    to Moscow for talks" (never a journey alone, "went to the front", nor "talks" as a place's name)."""
    if not any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in TALKING_VERBS and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and g.lower_ in TALKING_NOUNS for g in c.children):
            return True
    return False


def _verb_type(tok: Token, lex: EventLexicon) -> tuple[str, str | None, int | None] | None:
    """(type, claim, claim_holder) for a trigger verb, phrasal forms first."""
    lemma = _lemma(tok)
    if lemma in SHELTER_SEEKING_VERBS and _seeking_refuge(tok, lex):
        return "humanitarian", None, None  # "tens of thousands flocked to the city centre in search of sanctuary"
    if lemma in STREAMING_VERBS and _a_crowd_fills_the_streets(tok, lex):
        return "protest", None, None  # "thousands of residents poured into the streets" (troops pouring in invade)
    if lemma in ("fire", "sack") and _removed_from_office(tok):
        return "election", None, None  # "the army commander had been fired": dismissed, not shot at
    if lemma in ("wreck", "smash", "tear", "rip") and _wrecked_property(tok, lex):
        return "attack", None, None  # "mobs wrecked many stations", "had torn up the railway" (no talks wrecked)
    if lemma in MAIMING_VERBS and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.dep_ == "pobj" and g.lower_ in ("pieces", "death", "shreds", "bits", "ribbons") for g in c.children)
            for c in tok.children):
        return "attack", None, None  # "had been cut to pieces by a mob", "hacked him to death": no road cut
    if lemma in BLAST_DAMAGE_VERBS and any(c.dep_ == "nsubj" and _lemma(c) in EXPLOSIVE_NOUNS for c in tok.children):
        return "attack", None, None  # "a bomb tore the roof off a bus", "a grenade wrecked the car"
    if lemma in TRAVELLING_VERBS and _travels_to_talk(tok):
        return "diplomacy_meeting", None, None  # "the premier has flown to the island to talk to its leaders"
    if lemma in RUSHING_VERBS and _forces_rush_in(tok, lex):
        return "deployment", None, None  # "police and rescue forces rushed to the stations"
    if lemma in BEATING_VERBS and _people_beaten(tok, lex) and (lemma != "rough" or _with_particle(tok, "up")):
        return "attack", None, None  # "police beat the demonstrators", "roughed up reporters" ("beat Brazil": no)
    if lemma == "draft" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children) and any(
            c.dep_ in ("dobj", "nsubjpass") and (_lemma(c) in lex.force_nouns or c.lower_ in lex.force_nouns)
            for c in tok.children):
        return "deployment", None, None  # "all available police were drafted to the area" ("drafted a bill": no)
    if lemma == "meet" and any(c.dep_ == "prep" and c.lower_ == "with" and any(
            g.dep_ == "pobj" and (_lemma(g) in MET_WITH_FORCE or any(m.lower_ == "tear" for m in g.children))
            for g in c.children) for c in tok.children):
        return "attack", None, None  # "the police met them with gunfire", "were met with tear gas": no meeting
    if lemma == "call" and (called := _called_happening(tok, lex)) is not None:
        return called, None, None  # "called an emergency cabinet meeting", "called a general strike"
    if lemma in ("surround", "encircle") and _mourners_round_a_thing(tok, lex):
        return None  # "thousands of men surrounded the coffin": people round a thing, no siege
    if lemma in ("advise", "counsel") and any(c.dep_ == "xcomp" for c in tok.children):
        return "demand_or_appeal", None, None  # "advised the security agents not to arrest anyone"
    if lemma == "hurt" and _people_hurt(tok, lex):
        return "casualties", None, None  # "ten civilians were hurt in the blast" ("sanctions hurt trade": no)
    if lemma in HOSPITAL_SENDING_VERBS and _sent_to_hospital(tok):
        return "casualties", None, None  # "four hundred persons have been sent to hospital": the hurt
    if lemma in ("detain", "keep", "hold") and _kept_in_hospital(tok):
        return "casualties", None, None  # "two of the policemen were detained in hospital": the wounded, no arrest
    if lemma in ESCORTING_VERBS and _taken_into_custody(tok, lex):
        return "legal_action", None, None  # "two men were hustled into the police station": held
    if _forces_ordered_to_a_place(tok, lemma, lex):
        return "deployment", None, None  # "squadrons were ordered to the port", "ordered troops to the border"
    if lemma in PURSUING_VERBS and _forces_pursued(tok, lex):
        # "the cavalry pursued the raiders 15 miles over the border"; a crowd chasing police attacks them
        doer = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return ("attack" if doer is not None and _is_crowd(doer) else "military_action"), None, None
    if lemma == "put" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.dep_ == "pobj" and g.lower_ == "flight" for g in c.children) for c in tok.children):
        return "armed_clash", None, None  # "the Mexicans were put to flight": routed in a fight
    if lemma == "make" and any(c.dep_ == "dobj" and c.lower_ == "stand" and not any(
            g.dep_ == "poss" or g.lower_ in ("political", "moral", "principled", "public") for g in c.children)
            for c in tok.children):
        return "armed_clash", None, None  # "the rebels then made a stand", "the garrison made a last stand"
    if lemma in ("fall", "collapse") and _a_government_falls(tok):
        return "election", None, None  # "the government fell", "the regime collapsed": who rules changes
    if tok.lower_ == "hanged" and not any(c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in tok.children):
        return "casualties", None, None  # "he was hanged at dawn" ("hanged", never "hung", is the gallows)
    if lemma == "fall" and _a_stronghold_fell(tok, lex):
        return "territorial_control", None, None  # "Fort Kessa fell", "seven forts fell into rebel hands"
    if lemma in SENTENCE_HANDING_VERBS and _a_sentence_handed(tok):
        return "legal_action", None, None  # "slapped him with a 15-month term", "handed him a prison term"
    if lemma == "sign" and any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in MESSAGE_NOUNS for c in tok.children):
        return "statement", None, None  # "the note was signed by all its officers": words sent, no accord
    if lemma in MESSAGE_SENDING_VERBS and any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in MESSAGE_NOUNS
                                              for c in tok.children):
        return "statement", None, None  # "sent a letter to the president", "gave the envoy a message for him"
    if lemma == "open" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) and _guns_do(tok, lex):
        return "attack", None, None  # "rebel guns opened up from the north shore": opened fire
    if lemma in ("throw", "drop", "toss", "hand") and any(
            c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in PAPERS_HANDED for c in tok.children):
        return None  # "a message was thrown from a window", "dropped leaflets": words, no violence
    if lemma in ("throw", "fling") and any(
            c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in CORDON_NOUNS for c in tok.children):
        return "blockade", None, None  # "police threw a cordon around the area": sealed off, nothing thrown
    if lemma == "meet" and any(c.dep_ == "dobj" and _lemma(c) in ("end", "death", "fate", "doom", "maker")
                               and any(d.dep_ == "poss" for d in c.children) for c in tok.children):
        return "casualties", None, None  # "the old chief met his tragic end": he died, no meeting
    if lemma in CARRYING_OFF_VERBS and _carries_the_displaced(tok):
        return "humanitarian", None, None  # "the steamer sailed for the port with women and children"
    if lemma in SECURITY_RAISING_VERBS | SECURITY_MEASURE_VERBS and _security_raised(tok, lemma):
        return "deployment", None, None  # "security was tightened at airports", "ordered increased security"
    if lemma in CAMP_SETTING_VERBS and _camps_for_the_displaced(tok, lex):
        return "humanitarian", None, None  # "Uzbekistan set up camps for the refugees"
    if lemma == "muster" and _forces_moved(tok, lex, sent=True):
        return "deployment", None, None  # "mustered 5,000 troops at the border" ("mustered the courage": no)
    if lemma in SAILING_VERBS and _forces_put_to_sea(tok, lemma, lex):
        return "deployment", None, None  # "the fleet put to sea", "two cruisers sailed for the strait"
    if lemma == "clear" and any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in CLEARED_THINGS for c in tok.children):
        return "blockade", None, None  # "police cleared the barricades", "troops cleared the square": reopened
    if (lemma in DISPERSING_VERBS or lemma == "break" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)) \
            and _a_gathering_broken(tok, lex):
        return "attack", None, None  # "soldiers dispersed hundreds of marchers", "police broke up the rally"
    if lemma in ("fight", "battle", "struggle") and any(c.dep_ in ("xcomp", "advcl") and _lemma(c) in LIFE_SAVING_VERBS
                                                        for c in tok.children):
        return None  # "paramedics fought to save the officer's life", "battled to contain the fire": no fight
    if lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "over" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" and (_lemma(g) in OFFICE_WORDS or g.lower_ in OFFICE_WORDS)
                                                         for g in c.children) for c in tok.children):
        return "election", None, None  # "Choi, who took over as Acting President": an office filled, no takeover
    if (lemma == "sink" or lemma == "send" and _to_the_bottom(tok)) and _a_vessel_goes_down(tok):
        return "attack", None, None  # "the liner was torpedoed and sunk", "sent to the bottom off Ireland"
    if lemma == "claim" and _claims_lives(tok) and not any(c.dep_ == "dobj" for c in tok.children):
        return "casualties", None, None  # "the protests have claimed to date 34 lives"
    if lemma in ("recognize", "recognise") and any(
            c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in PERSONAL_PRONOUNS or c.ent_type_ == "PERSON")
            for c in tok.children):
        return None  # "one of the policemen recognized him": knew him by sight, no recognition of a state
    if lemma in ROUNDS_PUMPING_VERBS and any(c.dep_ == "dobj" and _lemma(c) in ROUND_NOUNS for c in tok.children) \
            and any(c.dep_ == "prep" and c.lower_ in ("into", "at") for c in tok.children):
        return "attack", None, None  # "a soldier pumped 16 rounds into his stomach", "emptied a magazine into the car"
    if lemma in ("put", "place") and _forces_put_on_alert(tok, lex):
        return "deployment", None, None  # "All 39,000 troops were put on alert": readied for action
    if lemma in RAMMING_VERBS and _rams_people(tok):
        return "attack", None, None  # "a car crashed into a crowd of protesters": driven into people
    if lemma in RAMMING_VERBS | {"fly"} and _hijacked_aircraft_flown_into(tok):
        return "attack", None, None  # "hijackers crashed two airliners into the towers"
    if lemma == "expire" and _one_person_does(tok):
        return "casualties", None, None  # "the king fell back and expired in a few minutes" (a truce expires)
    if lemma in ("pull", "draw", "whip") and any(c.dep_ == "dobj" and _lemma(c) in WEAPON_DRAWN for c in tok.children):
        return None  # "the man pulled out a knife": a weapon drawn, no troops pulled out
    if lemma == "rescue" and _forces_do(tok, lex):
        return "military_action", None, None  # "soldiers rescued the president from the hospital": an operation
    if (suppressed := _suppressed_happening(tok, lemma)) is not None:
        return suppressed, None, None  # "an outbreak in the city was quickly quelled": the outbreak was
    if lemma == "evacuate" and (evacuated := next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)) \
            is not None and _civilians(evacuated, lex):
        return "humanitarian", None, None  # "forty people were evacuated", "evacuated 300 civilians": not troops
    if lemma in ("take", "seek", "find") and any(c.dep_ == "dobj" and c.lower_ == "refuge" for c in tok.children) \
            and _forces_do(tok, lex, also=ATTACKER_NOUNS):
        return "withdrawal", None, None  # "the offenders took refuge in rocks on the hill": no displaced civilians
    for child in tok.children:
        # (a noun particle may be the passive's subject: "order has been restored", "fire was opened")
        if (child.dep_ in ("prt", "prep", "dobj", "advmod") or child.dep_ == "nsubjpass" and child.pos_ in ("NOUN", "PROPN")) \
                and not _of_time(child):
            key = lex.phrasal.get((lemma, child.lower_)) or lex.phrasal.get((lemma, _lemma(child)))
            if key and child.dep_ == "prep" and child.i < tok.i:
                continue  # "In a speech, he swore that ...": a phrase before the verb is never its particle
            if key and lemma == "shout" and not any(
                    c.dep_ == "dobj" and (c.pos_ == "PROPN" or _names_people(c, lex) or _lemma(c) in OFFICE_WORDS
                                          or c.lower_ in ONE_PERSON_PRONOUNS)
                    for c in tok.children):
                continue  # "shouted down the phone": down the line, nobody silenced
            if key and lemma == "fall" and child.lower_ == "to" and any(
                    g.dep_ == "pobj" and (g.like_num or g.lower_ in ("cent", "percent", "%")
                                          or any(n.like_num for n in g.children)) for g in child.children):
                continue  # "support fell to 30 per cent": a figure fell, no town
            if key and lemma == "fall" and child.lower_ == "to" and any(
                    g.dep_ == "pobj" and _lemma(g) in FALLEN_ON for g in child.children):
                continue  # "Fico fell to the ground", "dropped to his knees": a body fell, no town
            if key and lemma == "force" and child.lower_ == "out" and not any(
                    c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or _lemma(c) in OFFICE_WORDS or c.lower_ in OFFICE_WORDS)
                    for c in tok.children):
                continue  # "forced the president out" ousts him; "forced the rebels out of the town" does not
            if key and lemma == "fall" and child.lower_ == "back" and _one_person_does(tok):
                continue  # "his majesty fell back and expired": a body, no troops falling back
            if key and lemma == "take" and child.lower_ == "to" and not _took_to_the_streets(tok, child):
                continue  # "took the train to the capital", "took him to hospital": a journey
            if key and child.lower_ in ("power", "office") and any(c.dep_ in ("det", "poss") for c in child.children):
                continue  # "took the office of the governor", "seized the power station": a place
            if key and lemma == "call" and child.lower_ == "up" and any(
                    c.dep_ == "dobj" and c.tag_ in ("NN", "NNP") for c in tok.children):
                continue  # "called up 20,000 reservists" mobilises; "called up the ambassador" phones
            if key and lemma == "join" and child.dep_ == "prep" and any(
                    g.dep_ == "pobj" and lex.noun_types.get(_lemma(g)) != key for g in child.children):
                continue  # "was joined in the briefing by his deputy": company, not a protest
            if key:
                return key, None, None
    if lemma == "call":
        # "X called the action ethnic cleansing": a characterisation, kept as the speaker's claim
        objs = [c for c in tok.children if c.dep_ in ("oprd", "dobj")]
        # ("called the shooting 'a vile act'", the label read as an apposition of what it labels)
        objs += [c for o in objs[:1] for c in o.children if c.dep_ == "appos" and _lemma(o) in lex.noun_types]
        if any(c.dep_ == "oprd" for c in objs) or len(objs) >= 2 or (objs and any(
            c.dep_ in ("nmod", "compound") and c.pos_ == "NOUN" for c in objs[0].children
        ) and objs[0].lemma_ in lex.accusation_words | {"cleansing", "operation", "genocide", "aggression"}):
            label = objs[-1]
            claim = _claim_text(label)
            typ = "accusation" if _is_accusation(claim, lex) else "statement"
            return typ, claim, None
    if lemma in LEVYING_VERBS and any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in lex.force_nouns
                                      for c in tok.children):
        return "deployment", None, None  # "800 irregulars have been raised to operate against the Zulus"
    if lemma in STRENGTHENING_VERBS and any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in lex.force_nouns
                                            for c in tok.children):
        return "deployment", None, None  # "the force of guards at Rouse has been increased", "doubled the garrison"
    if lemma in LEVYING_VERBS | ENROLLING_VERBS and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" and _lemma(g) in lex.force_nouns
                                                          for g in c.children) for c in tok.children):
        return "deployment", None, None  # "over five hundred were enrolled as special constables"
    if lemma == "march" and _troops_march(tok, lex):
        return ("deployment", None, None) if any(c.dep_ == "prep" and c.lower_ in ("on", "into", "to", "toward", "towards")
                                                 for c in tok.children) else None
    if lemma == "charge" and _rushed_at(tok):
        return "attack", None, None  # "they charged desperately", "a boy charged at him with a knife"
    if lemma == "charge" and (any(c.dep_ == "ccomp" for c in tok.children) or not any(
            c.dep_ == "auxpass" or (c.dep_ == "prep" and c.lower_ == "with") for c in tok.children)
            or _charged_by_a_politician(tok)):
        # "charged that the regime was provoking them", "the broadcast charged the troops were
        # shelling towns": said, no court; a court's charge is "charged X with", "was charged"
        return "accusation", None, None
    if lemma == "arm" and tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "dobj", "agent") for c in tok.children):
        return None  # "protesters, some of them armed": how they were, not someone arming them
    if lemma == "arm" and any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children) \
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children) \
            and (tok.dep_ == "relcl" or any(c.dep_ == "nsubjpass" and c.lower_ in PERSONAL_PRONOUNS for c in tok.children)):
        return None  # "the men, who were armed with machineguns": what they carried, nobody arming them
    if lemma == "plead":
        if any(c.lower_ in PLEAS for c in tok.subtree):
            return None  # "pleaded not guilty": a plea in court, no appeal to anyone
        return "demand_or_appeal", None, None  # "pleaded with the rebels to free them", "'Bear with us,' he pleaded"
    if lemma == "refer" and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return "statement", None, None  # "referred to the detainees as mercenaries": a characterisation said
    if lemma in ("use", "employ") and _means_of_force(tok):
        return "attack", None, None  # "police used tear gas", "the army employed artillery": force used
    if lemma == "speak" and any(c.dep_ == "prep" and c.lower_ in ("of", "about") for c in tok.children):
        return "statement", None, None  # "the premier spoke of a sad day": said in public
    if lemma == "address" and _addresses_an_audience(tok):
        return "statement", None, None  # "addressed the nation": a speech ("address the issue" deals with it)
    if (lemma in lex.flight_verbs or _broke_out(tok)) and _out_of_custody(tok):
        return "legal_action", None, None  # "inmates escaped from the prison": custody ended
    if lemma in ("flee", "escape") and _a_leader_flees(tok):
        return "withdrawal", None, None  # "the coup's ringleader escaped", "President X fled the capital"
    if lemma in EXILE_MOTION_VERBS and _into_exile(tok):
        return "withdrawal", None, None  # "the ousted king went into exile": a ruler gone from the field
    if lemma == "leave" and _civilians_leave(tok, lex):
        return "humanitarian", None, None  # "thousands of residents have left the town": displaced
    if lemma in lex.flight_verbs and _forces_do(tok, lex, also=ATTACKER_NOUNS):
        return "withdrawal", None, None  # "the soldiers fled", "the gunmen fled": forces giving up ground
    if lemma == "concentrate" and not _acts_on_anything(tok) and (_forces_do(tok, lex) or any(
            c.dep_ == "nsubjpass" and (_lemma(c) in lex.force_nouns or c.lower_ in lex.force_nouns) for c in tok.children)):
        # "the cavalry are concentrating at the capital", "14,000 troops were concentrated west of
        # the town" (not "concentrate on the economy", nor fire concentrated on a bridge)
        return "deployment", None, None
    if lemma == "become" and any(c.dep_ == "attr" and _lemma(c) in OFFICE_WORDS and not any(
            g.dep_ == "det" and g.lower_ in ("a", "an") for g in c.children) for c in tok.children):
        return "election", None, None  # "Donges, who became acting prime minister": an office filled
    if lemma in SUBDUING_VERBS and any(c.dep_ in ("dobj", "nsubjpass") and _attackers(c) for c in tok.children):
        return "legal_action", None, None  # "members of Parliament quickly subdued the assailant": seized
    if lemma in ("overpower", "overwhelm") and _acts_on(tok, lex.force_nouns):
        return "armed_clash", None, None  # "the Indians overpowered Chinese troops in the villages": a fight won
    if lemma in ("name", "appoint", "designate", "install") and _made_an_office_holder(tok):
        return "election", None, None  # "the speaker was named acting President": an appointment
    if lemma == "succeed" and _succeeds_someone(tok):
        return "election", None, None  # "General Navarra has succeeded General Silvestre" (in command)
    if lemma == "identify" and any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in SUSPECT_NOUNS for c in tok.children):
        return "legal_action", None, None  # "police identified the suspects", "three suspects were identified"
    if lemma in ("block", "obstruct", "stall", "hamper", "hinder", "impede") and (
            blocked := next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)) is not None:
        if _lemma(blocked) in MEASURES_BLOCKED:
            return "statement", None, None  # "Russia blocked the resolution": a rejection, no road shut
        if _lemma(blocked) in COURSES_BLOCKED:
            return None  # "it blocked the region's development": no blockade at all
    if lemma in FOUNDING_VERBS and _founds_a_government(tok):
        return "election", None, None  # "the rebels formed a military council": a new power set up
    if lemma in DISSOLVING_VERBS and _acts_on(tok, GOVERNING_BODY_NOUNS | ASSEMBLY_NOUNS):
        return "election", None, None  # "the king dissolved parliament", "disbanded the cabinet": a power ended
    if lemma == "isolate" and _cuts_off_ground(tok, lex):
        return "blockade", None, None  # "the insurgents isolated the garrison": cut off by force
    if lemma in CROWD_VERBS and _a_crowd_gathers(tok):
        return "protest", None, None  # "several thousand villagers assembled outside the office"
    if (lemma == "arrive" or lemma in STREAMING_VERBS) and _forces_do(tok, lex, also=REINFORCEMENT_NOUNS) \
            and (not _forces_do(tok, lex, only=POLICE_NOUNS) or _foreign_force(tok)):
        # "army units arrived from nearby bases", "reinforcements streamed into the valley" (police
        # arriving at a scene is its story; another country's police arriving are sent)
        return "deployment", None, None
    if _forces_stand_guard(tok, lemma, lex):
        return "deployment", None, None  # "troops were guarding the embassies", "stood guard over the airport"
    if lemma in ORDER_VERBS and _orders_an_act(tok):
        if _forces_do(tok, lex, only=COURT_NOUNS):
            return "legal_action", None, None  # "a judge ordered the gunman to spend his life in prison"
        return "demand_or_appeal", None, None  # "ordered the army to lay down its arms": a command given
    if lemma in HEADING_VERBS and _forces_do(tok, lex) and _heads_for_a_place(tok):
        return "military_action", None, None  # "rebel columns were heading towards the capital": an advance
    if lemma in IMPACT_VERBS and _projectiles_arrive(tok):
        return "attack", None, None  # "shells fell on the market", "two rockets landed near the airport"
    if lemma in FORCE_MOVE_VERBS and _forces_do(tok, lex):
        if lemma == "enter" and _enters_ground(tok, lex):
            return "military_action", None, None  # "troops entered Mozambique at dawn": an incursion
        if lemma == "return" and _returns_from_the_field(tok):
            return "withdrawal", None, None  # "the troops have returned home from Zambia"
    if lemma in SPRAYING_VERBS and any(c.dep_ == "nsubj" and (_lemma(c) in GUN_SUBJECTS or any(
            _lemma(g) in GUN_SUBJECTS for g in c.children if g.dep_ == "compound")) for c in tok.children):
        return "attack", None, None  # "from upper windows, machine guns sprayed the Pink House"
    if lemma in RESPONSE_VERBS and _with_fire(tok, lex) or lemma in SPRAYING_VERBS and _with_fire(tok, lex, GUN_NOUNS):
        return "attack", None, None  # "Iraq responded with rocket fire": the reply is a strike
    if lemma == "return" and any(c.dep_ == "dobj" and _is_fire(c) for c in tok.children):
        return "armed_clash", None, None  # "the patrol returned small-arms fire": an exchange of fire
    if lemma == "reduce" and _reduced_to_ruins(tok):
        return "attack", None, None  # "the building was reduced to rubble": destroyed
    if lemma == "set" and _set_alight(tok):
        return "attack", None, None  # "locals set the vehicles on fire", "set the depot alight": arson
    if lemma in PURSUIT_VERBS and _pursues_fighters(tok, lex):
        return "military_action", None, None  # "troops pursued the fleeing guerrillas into Angola"
    if (lemma in LANDING_VERBS and _forces_do(tok, lex, also=REINFORCEMENT_NOUNS) and not _projectiles_before(tok, lex)) or (
            lemma in CARRYING_VERBS and _carries_forces(tok, lex)):
        return "deployment", None, None  # "paratroopers dropped into the north", "landing craft brought troops ashore"
    if lemma in SPREADING_VERBS and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) \
            and _forces_do(tok, lex):
        return "deployment", None, None  # "troops fanned out across the province"
    if lemma == "move" and _moves_to_act(tok):
        return None  # "the army moved to retake the town": the act it moved to is the happening
    if lemma == "move" and _forces_do(tok, lex, also=REINFORCEMENT_NOUNS):
        return "deployment", None, None  # "fresh reinforcements were moving down from the border"
    if lemma == "move" and _command_post_moved(tok, lex):
        return "deployment", None, None  # "the general moved his headquarters nearer to the front"
    if lemma == "take" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children) and _aircraft_do(tok):
        return "military_action", None, None  # "squadrons of bombers took off at dawn for the town"
    if lemma in COMBAT_ONLY_WITH_FORCES:
        thing = _seized_thing(tok)
        held = _with_what_it_counts(thing) if thing is not None else []
        if any(_lemma(t) in lex.force_nouns or t.lower_ in lex.force_nouns for t in held):
            return "armed_clash", None, None  # "the army engaged a large group of rebels"
        return None  # "engaged mediators", "engaged in talks"
    if any(c.dep_ == "prt" and c.lower_ in OTHER_SENSE_PARTICLES.get(lemma, ()) for c in tok.children):
        return None  # "two vans pulled up at the gate": they stopped, no one withdrew; "the shooting died down"
    key = lex.verb_types.get(lemma)
    if key is None and tok.pos_ == "VERB" and _in_a_speech(tok):
        return "statement", None, None  # "defended his decree in a televised address": said, in a speech
    if lemma in lex.discovery_verbs or lemma in DEFUSING_VERBS:
        thing = _seized_thing(tok)
        if thing is not None and lemma in lex.discovery_verbs and _lemma(thing) in lex.remains_nouns:
            return "casualties", None, None  # "seven mutilated bodies were found": the dead, found
        if explosives_taken(tok, lex):
            # "police found two more bombs", "engineers defused a device": a bomb that did not go
            # off, taken out of the attackers' hands (a planted bomb found is no attack)
            return "military_action", None, None
        if key is None:
            return None
    if key is None and lemma in lex.seizure_verbs:
        key = _seized(tok, lex)  # "rebels took the town": "take" names a happening only by what was taken
    if key is None:
        return None
    if key == "deployment":
        happening = _happening_as_subject(tok, lex)
        if happening is not None:
            # "gun battles sent the state into panic": the battles, told by their effect; no troops sent
            kinetic = lex.happening_kinds.get(happening) == lex.happening_kinds.get("attack")
            return (happening, None, None) if kinetic and happening != "casualties" else None
    if lemma in lex.person_object_verbs:
        thing = _seized_thing(tok)
        if thing is not None and thing.lower_ in PARTITIVE_WORDS:
            thing = next(_of_objects(thing), thing)  # "released all of their hostages": the hostages
        if thing is None or not (_names_people(thing, lex) or thing.lower_ in PERSONAL_PRONOUNS):
            return None  # "released a statement", "lost ground"
    if lemma == "meet" and _met_a_happening(tok, lex):
        return None  # "his request was met warily", "the protest was met with tear gas": a response
    if lemma in lex.seizure_verbs:
        key = _seized(tok, lex) or key
    if lemma in lex.denial_verbs and key != "statement":
        thing = _seized_thing(tok)
        if thing is not None and _lemma(thing) in lex.rejected_nouns:
            return "statement", None, None  # "dismissed calls for a ceasefire": a rejection, not a dismissal
    if key == "casualties" and lemma in lex.agentive_killing_verbs:
        key = _killer_type(tok, lex) or key  # "gunmen killed three soldiers": the act, the toll its figures
    if lemma in lex.court_verbs and not _court_act(tok):
        return None  # "the military that has ruled Egypt": governing, not a ruling
    return key, None, None


# Where words are spoken: "in a televised address", "during an interview", "at a news conference".
SPEECH_MEDIA = {"in": frozenset({"address", "speech", "interview", "broadcast", "statement", "communique", "message",
                                 "sermon"}),
                "during": frozenset({"address", "speech", "interview", "broadcast", "conference", "briefing"}),
                "at": frozenset({"conference", "briefing"})}


# Where a public statement is made (app/pipeline/extract.py): what a name says on the radio, in a
# broadcast or at a news conference is a party's reaction, whoever the data knows its speaker to be.
PUBLIC_MEDIA = dict.fromkeys(("on", "in", "at", "over", "during"), frozenset({
    "radio", "television", "tv", "broadcast", "statement", "communique", "speech", "address", "conference",
    "briefing", "parliament", "rally"}))


def told_in(verb: Token, media: dict[str, frozenset[str]], *, compounds: bool = False) -> bool:
    """The verb has a prepositional object that `media` names under its preposition ("in an address",
    "at a news conference"); with `compounds`, a modifier noun may name it ("on Radio Kessa")."""
    return any(c.dep_ == "prep" and any(
        g.dep_ == "pobj" and any(_lemma(t) in media.get(c.lower_, ()) for t in (
            g, *(m for m in g.children if compounds and m.dep_ == "compound"))) for g in c.children)
        for c in verb.children)


def _in_a_speech(verb: Token) -> bool:
    """The verb is told as done in a speech, an interview or a news conference: what it does is say."""
    return told_in(verb, SPEECH_MEDIA)


# Particles that give a verb another sense than the lexicon's: leaving becomes arriving or stopping
# ("the vans pulled up at the gate", "the train pulled in"), dying becomes fading ("the shelling died down").
OTHER_SENSE_PARTICLES = {"pull": frozenset({"up", "in", "over", "into"}), "die": frozenset({"out", "down", "away"})}


# Verbs that are combat only when what they act on is a force ("engaged the rebels").
COMBAT_ONLY_WITH_FORCES = frozenset({"engage"})


# Who is held and may be released, besides the lexicon's people and forces.
CAPTIVE_NOUNS = frozenset({"hostage", "hostages", "prisoner", "prisoners", "detainee", "detainees", "captive",
                           "captives", "personnel", "staff", "inmate", "inmates", "convict", "convicts"})


def _names_people(who: Token, lex: EventLexicon) -> bool:
    """A word for people, captives or armed men, a name, or a count of them ("five", "the guards
    held hostage", "Fito")."""
    people = lex.person_nouns | lex.force_nouns | CAPTIVE_NOUNS
    return who.ent_type_ in ("PERSON", "NORP") or who.pos_ == "NUM" or _lemma(who) in people or who.lower_ in people


# Words that take a part of a group named by their "of": "all of the hostages", "some of them".
PARTITIVE_WORDS = frozenset({"all", "some", "most", "many", "several", "both", "few", "dozens", "hundreds",
                             "thousands", "scores", "half", "rest", "remainder", "each", "one", "two", "three"})


def _of_objects(noun: Token):
    """What the noun's "of" names: "guards" in "the release of eleven guards"."""
    return (thing for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for thing in prep.children if thing.dep_ == "pobj")


def _of_people(noun: Token, lex: EventLexicon) -> bool:
    """The noun's "of" names people: "the release of eleven prison guards", "of the hostages"."""
    return any(_names_people(who, lex) for who in _of_objects(noun))


# Verbs of moving that name an act of war only when forces move: forces entering a country or a
# town (an incursion) and forces coming back from the field (a withdrawal). Anyone else entering
# or returning ("refugees returned home", "entered talks") is no such act.
FORCE_MOVE_VERBS = frozenset({"enter", "return"})
# Verbs of answering: answered with fire, they are the strike itself.
RESPONSE_VERBS = frozenset({"respond", "retaliate", "reply", "react", "answer", "hit"})
# Verbs of scattering that fire makes an attack: "sprayed them with machine guns", "raked the
# convoy with gunfire".
SPRAYING_VERBS = frozenset({"spray", "rake", "pepper", "riddle", "hose", "sweep"})
# Nouns of fire that "responded with" takes besides the violence words ("with artillery fire").
FIRE_NOUNS = frozenset({"fire", "artillery", "shelling", "barrage", "salvo", "volley", "airstrike", "strike",
                        "gunfire", "raid", "attack"})


# Verbs of going after someone: an operation when forces go after fighters.
PURSUIT_VERBS = frozenset({"pursue", "chase", "follow", "hunt"})
# Going into exile: "the ousted king went into exile", "fled into exile in Spain", "left for exile".
EXILE_MOTION_VERBS = frozenset({"go", "fly", "flee", "leave", "head", "escape", "slip", "sail", "depart"})


# Setting up who governs: "formed a military council to take power", "set up an interim
# administration", "established a government in exile". Like a coup or an appointment, a change of
# who holds power; forming a line or a committee of inquiry is not.
FOUNDING_VERBS = frozenset({"form", "establish", "set", "create", "proclaim", "install"})
GOVERNING_BODY_NOUNS = frozenset({"government", "council", "administration", "cabinet", "junta", "regime"})


def _a_government_falls(verb: Token) -> bool:
    """ "The government fell", "the regime collapsed": the governing body itself falls, with nothing
    after the verb to make it something else ("fell silent", "fell back on", "fell into debt",
    "fell to 30 per cent", "fell short")."""
    if not any(c.dep_ == "nsubj" and _lemma(c) in GOVERNING_BODY_NOUNS and not any(
            g.dep_ == "poss" for g in c.children) for c in verb.children):
        return False  # (its popularity fell; "the council's budget collapsed" has another subject)
    return not any(c.dep_ in ("prt", "acomp", "prep", "dobj", "attr", "advmod", "npadvmod") and not _of_time(c)
                   and c.lower_ not in FALLING_WORDS_OF_CIRCUMSTANCE for c in verb.children)


# What may follow a government's fall without changing its sense: when and why it fell ("collapsed
# yesterday after the coup", "fell amid mass protests", "finally fell under pressure").
FALLING_WORDS_OF_CIRCUMSTANCE = frozenset({
    "today", "yesterday", "tonight", "overnight", "finally", "also", "then", "quickly", "suddenly", "eventually",
    "after", "before", "amid", "following", "under", "within", "when", "as"})


# What is blocked without a road or a port being shut: a measure (rejected) or a course of things.
MEASURES_BLOCKED = frozenset({"resolution", "bill", "law", "legislation", "motion", "proposal", "plan", "deal",
                              "measure", "appointment", "nomination", "statement", "declaration", "amendment", "vote",
                              "draft", "sanction", "request", "application", "bid"})
COURSES_BLOCKED = frozenset({"development", "progress", "growth", "reform", "investigation", "inquiry", "recovery",
                             "process", "transition", "ambition", "career"})


# A governing body or assembly ended ("dissolved parliament", "disbanded the cabinet"): who rules
# changes, as when a council is formed. (A vote annulled is left out: the parser hangs the vote's
# own day, "the results from Saturday", on the annulling verb.)
DISSOLVING_VERBS = frozenset({"dissolve", "disband", "suspend", "sack", "dismiss", "abolish"})
ASSEMBLY_NOUNS = frozenset({"parliament", "assembly", "congress", "senate", "legislature", "constitution"})


def _acts_on(verb: Token, nouns: frozenset[str]) -> bool:
    """The verb's object (or passive subject) is one of these nouns: "dissolved parliament",
    "the cabinet was disbanded", or a name set beside it: "the ruling body, the National
    Revolution Council, had been dissolved"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and (_lemma(c) in nouns or any(
        a.dep_ == "appos" and _lemma(a) in nouns for a in c.children)) for c in verb.children)


FOUNDING_NOUNS = frozenset({"formation", "establishment", "creation", "proclamation", "installation"})


def _founding_of_a_power(noun: Token) -> bool:
    """ "announced the formation of an autonomous government", "the proclamation of a military
    council": a new power set up, told by its noun."""
    return noun.pos_ == "NOUN" and _lemma(noun) in FOUNDING_NOUNS and any(
        _lemma(g) in GOVERNING_BODY_NOUNS for g in _with_what_it_counts(noun)[1:])


# Prefixes that, joined by a hyphen, make a word of another meaning from an event noun: "co-operation".
WORD_MAKING_PREFIXES = frozenset({"co"})


def _hyphen_prefix(tok: Token) -> str | None:
    """The prefix written onto a word with a hyphen ("co" in "co-operation"), which the tokenizer
    splits off as a token of its own; None when the word stands alone."""
    if tok.i < 2:
        return None
    hyphen, prefix = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or prefix.whitespace_:
        return None
    return prefix.lower_


def _noun_type(noun: Token, lex: EventLexicon) -> str | None:
    """The type a noun names: the lexicon's, or, for a noun no type lists, a state of emergency (a
    blockade), an attempt on a life (an attack) or a government formed (a change of rulers)."""
    prefix = _hyphen_prefix(noun)
    if prefix is not None:
        # the tokenizer splits a hyphenated word: "sit-in", "build-up", "shoot-out" are read whole,
        # as written or run together ("buildup", "shootout")
        joined = lex.noun_types.get(f"{prefix}-{noun.lower_}") or lex.noun_types.get(f"{prefix}{noun.lower_}")
        if joined is not None:
            return joined
        if prefix in WORD_MAKING_PREFIXES:
            return None  # "co-operation" is no operation
    if _lemma(noun) == "engagement" and _engagement_in_arms(noun, lex):
        return "armed_clash"
    # (a plural the lexicon lists as written: "hostilities", lemmatised "hostility")
    typ = lex.noun_types.get(_lemma(noun)) or (lex.noun_types.get(noun.lower_) if noun.tag_ == "NNS" else None)
    if typ is not None:
        return typ
    if _lemma(noun) == "charge" and any(c.dep_ in ("compound", "amod") and (
            _lemma(c) in CHARGING_WEAPONS or _lemma(c) == "cavalry") for c in noun.children):
        return "attack"  # "further baton charges", "a bayonet charge", "a cavalry charge": a rush at someone
    if _emergency_rule(noun):
        return "blockade"
    if _attempt_on_a_life(noun):
        return "attack"
    if _attempt_to_oust(noun):
        return "election"
    if _lemma(noun) in ("alert", "warning") and noun.dep_ in ("dobj", "nsubjpass") \
            and _lemma(noun.head) in ("issue", "sound", "send", "post"):
        return "statement"  # "the State Department issued a travel alert" (forces put on alert are readied)
    if _shots_of_a_gun(noun):
        return "attack"
    if _founding_of_a_power(noun):
        return "election"
    if _lemma(noun) in SEARCH_NOUNS:
        return _search_for_the_armed(noun)
    return None


# A search by forces for those who did violence, or for arms, is an operation (a hunt for suspects
# a police matter): "a search was made for accomplices", "a house-to-house search for guerrillas and
# hidden weapons". A search for survivors, a solution or a job is none.
SEARCH_NOUNS = frozenset({"search", "hunt"})
HOUSE_TO_HOUSE_RE = re.compile(r"(?:house|door|street|village)-to-(?:house|door|street|village)$")
SOUGHT_SUSPECTS = frozenset({"accomplice", "suspect", "culprit", "perpetrator", "killer", "fugitive", "assassin",
                             "assailant", "attacker", "gunman", "gunmen", "escapee", "bomber", "hijacker",
                             "kidnapper", "ringleader", "conspirator", "plotter", "sniper"})
SOUGHT_ARMED = frozenset({"guerrilla", "militant", "rebel", "insurgent", "terrorist", "fighter", "weapon", "arm",
                          "arms", "explosive", "ammunition", "infiltrator", "partisan", "deserter", "mutineer"})


def _search_for_the_armed(noun: Token) -> str | None:
    # (what is sought may hang on the verb that makes the search: "a search was made ... for accomplices")
    holders = [noun, noun.head] if noun.dep_ in ("nsubjpass", "dobj") else [noun]
    sought = [w for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
              for g in c.children if g.dep_ == "pobj" for w in (g, *g.conjuncts)]
    if any(_lemma(w) in SOUGHT_SUSPECTS or w.lower_ in SOUGHT_SUSPECTS for w in sought):
        return "legal_action"
    if any(_lemma(w) in SOUGHT_ARMED or w.lower_ in SOUGHT_ARMED for w in sought):
        return "military_action"
    # "a ruthless house-to-house search by the British", "door-to-door searches"
    modifier = "".join(t.text for t in noun.doc[noun.left_edge.i:noun.i]).lower()
    if HOUSE_TO_HOUSE_RE.search(modifier):
        return "military_action"
    return None


# An engagement is a fight when it is told as one: "a naval engagement", "a sharp engagement", "an
# engagement took place near the ford", "in the engagement that followed"; a country's engagement
# with another is diplomacy, and a promise of marriage nothing at all.
ENGAGEMENT_IN_ARMS_WORDS = frozenset({
    "naval", "military", "armed", "air", "aerial", "sea", "land", "cavalry", "infantry", "artillery", "tank",
    "sharp", "fierce", "heavy", "severe", "brisk", "hot", "bloody", "desperate", "decisive", "stubborn",
    "hand-to-hand", "running", "short", "brief", "prolonged", "costly", "minor", "major", "serious", "first",
})
ENGAGEMENT_PEACEFUL_WORDS = frozenset({
    "diplomatic", "constructive", "political", "economic", "speaking", "public", "civic", "community",
    "critical", "international", "strategic", "social", "cultural", "marriage", "wedding",
})


def _engagement_in_arms(noun: Token, lex: EventLexicon) -> bool:
    modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    if modifiers & ENGAGEMENT_PEACEFUL_WORDS:
        return False
    if modifiers & ENGAGEMENT_IN_ARMS_WORDS:
        return True
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and _lemma(head) in lex.occurrence_verbs | {"follow", "ensue"}:
        return True  # "an engagement took place", "an engagement ensued"
    if noun.dep_ == "dobj" and _lemma(head) in ("fight", "witness", "watch"):
        return True  # "fought an engagement", "the steamer witnessed the engagement" (talks are attended)
    return noun.dep_ == "pobj" and head.lower_ in ("in", "during") and any(
        _lemma(w) in ("kill", "wound", "injure", "lose", "die", "capture") for w in (head.head, *head.head.children))


# Who charges someone with a deed in words, not in court: "the country's new ruler charged him with
# bringing the nation to ruin" (prosecutors, police and courts charge people with crimes).
POLITICAL_ACCUSERS = frozenset({"ruler", "leader", "president", "premier", "chancellor", "general", "minister",
                                "king", "dictator", "opposition", "party", "rebel", "spokesman", "broadcast",
                                "radio", "newspaper", "junta", "regime"})


def _charged_by_a_politician(verb: Token) -> bool:
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return doer is not None and not any(c.dep_ == "auxpass" for c in verb.children) \
        and _lemma(doer) in POLITICAL_ACCUSERS


def _founds_a_government(verb: Token) -> bool:
    if _lemma(verb) == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False  # "set up" founds; "set" alone does not
    return any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in GOVERNING_BODY_NOUNS for c in verb.children)


# Whom a speech is given to: "addressed the nation", "addressed a rally of supporters".
AUDIENCE_NOUNS = frozenset({
    "nation", "country", "people", "public", "population", "citizen", "crowd", "rally", "gathering", "parliament",
    "assembly", "congress", "senate", "legislature", "lawmaker", "legislator", "conference", "summit", "meeting",
    "session", "convention", "delegate", "reporter", "journalist", "press", "supporter", "troop", "soldier",
    "student", "demonstrator", "protester", "worker", "audience", "compatriot", "countryman", "mourner",
})


def _addresses_an_audience(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in AUDIENCE_NOUNS for c in verb.children)


# People leaving their towns in numbers are displaced ("thousands of residents have left the city",
# "many families are leaving"); forces leaving withdraw, and a few people leaving a meeting, or crowds
# leaving flowers, are neither.
CIVILIAN_NOUNS = frozenset({"people", "resident", "civilian", "villager", "family", "inhabitant", "refugee",
                            "citizen", "townspeople", "townsfolk", "population"})
MANY_WORDS = frozenset({"many", "large", "great", "huge", "growing", "increasing", "vast"})
LEFT_PLACES = frozenset({"city", "town", "village", "capital", "area", "region", "district", "country",
                         "home", "house", "neighbourhood", "neighborhood", "province", "island", "camp"})


def _with_what_it_counts(noun: Token) -> list[Token]:
    """A noun and what its "of" names: "thousands of residents", "a group of rebels", "a meeting
    of the Council" (the count or the group is the head, what it is of says who or what)."""
    return [noun] + [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]


# Moving somewhere to be safe: "flocked to the city centre in search of sanctuary", "crowded into
# the churches seeking shelter".
SHELTER_SEEKING_VERBS = frozenset({"flock", "stream", "pour", "crowd", "flood", "head", "move", "go", "run", "walk",
                                   "trek", "cross", "converge", "throng", "swarm", "arrive"})
REFUGE_NOUNS = frozenset({"sanctuary", "refuge", "safety", "shelter", "protection", "safe"})


def _seeking_refuge(verb: Token, lex: EventLexicon) -> bool:
    """A crowd of civilians (not forces) moving somewhere to be safe: displaced people."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not _is_crowd(subject):
        return False
    if any(_lemma(m) in lex.force_nouns or m.lower_ in lex.force_nouns for m in _with_what_it_counts(subject)):
        return False  # "thousands of troops poured in search of the rebels"
    # (read off the words, not the tree: the parser often hangs "in search of sanctuary, distraught
    # that ..." wrongly)
    for t in verb.subtree:
        before = t.doc[t.i - 1] if t.i > 0 else None
        if _lemma(t) in REFUGE_NOUNS and before is not None and (before.lower_ in ("of", "for") or _lemma(before) in ("seek", "find")):
            return True
    return False


def _civilians_leave(verb: Token, lex: EventLexicon) -> bool:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    members = _with_what_it_counts(subject)
    if any(_lemma(m) in lex.force_nouns or m.lower_ in lex.force_nouns for m in members):
        return False  # "hundreds of soldiers left the town": forces withdrawing
    many = _is_crowd(subject) or any(
        c.dep_ in ("amod", "det") and c.lower_ in MANY_WORDS for m in members for c in m.children)
    if not many or not any(_lemma(m) in CIVILIAN_NOUNS or m.lower_ in CIVILIAN_NOUNS for m in members) \
            and _lemma(subject) not in ("number", "thousand", "hundred"):
        return False
    left = [c for c in verb.children if c.dep_ == "dobj"]
    return not left or any(_lemma(c) in LEFT_PLACES or c.ent_type_ == "GPE" for c in left)


# Who leads a side: a ruler, a head of government, a commander, a coup's or a revolt's leader.
LEADER_NOUNS = frozenset({"president", "leader", "ringleader", "king", "queen", "emperor", "dictator", "ruler",
                          "premier", "chancellor", "commander", "general", "emir", "sultan", "shah", "prince",
                          "governor", "warlord", "chief", "strongman", "junta"})


def _a_leader_flees(verb: Token) -> bool:
    """A side's leader in flight (a named person, or one named by office): the leader leaves the
    field, which is no civilian's displacement ("thousands fled" is)."""
    from app.pipeline.actors import subject_of

    who = subject_of(verb)
    if who is None or _lemma(verb) == "escape" and any(c.dep_ == "dobj" for c in verb.children):
        return False  # "the governor escaped an ambush": came through it
    words = {_lemma(t) for t in who.subtree if t.i <= who.i or t.dep_ == "appos"}
    return bool(words & LEADER_NOUNS) or (who.ent_type_ == "PERSON" and who.tag_ == "NNP")


def _into_exile(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("into", "for") and any(
        g.dep_ == "pobj" and _lemma(g) == "exile" for g in c.children) for c in verb.children)



def _pursues_fighters(verb: Token, lex: EventLexicon) -> bool:
    """Forces after armed men: "troops pursued the guerrillas", "soldiers followed the rebels into
    the hills". Following anything else ("followed the talks", "police chased a thief") is not it;
    "follow" needs somewhere the chase went ("into", "across")."""
    fighters = lex.force_nouns | lex.perpetrator_nouns
    if not _forces_do(verb, lex):
        return False
    # "pursued fleeing raiders into the hills" is parsed now and then as "pursued" + "fleeing
    # raiders into the hills", the participle a complement holding the object and the way
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG")]
    if not any(c.dep_ == "dobj" and (_lemma(c) in fighters or c.lower_ in fighters) for h in heads for c in h.children):
        return False
    return _lemma(verb) != "follow" or any(c.dep_ == "prep" and c.lower_ in ("into", "across", "over")
                                           for h in heads for c in h.children)


def _is_fire(thing: Token) -> bool:
    """ "fire", "gunfire", "small-arms fire", "mortar fire": shooting named as a noun."""
    return _lemma(thing) in ("fire", "gunfire") or thing.lower_.endswith("fire") and thing.pos_ == "NOUN"


def _set_alight(verb: Token) -> bool:
    """ "set X on fire", "set X alight", "set X ablaze": burning something."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" and g.lower_ == "fire" for g in c.children):
            return True
        if c.lower_ in ("alight", "ablaze", "afire") and c.dep_ in ("advmod", "acomp", "oprd", "prt", "ccomp", "xcomp", "dobj"):
            return True
    return False


# Forces arriving by sea or air: "a second force landed on the south coast", "paratroopers dropped".
LANDING_VERBS = frozenset({"land", "drop", "parachute"})
# Forces spreading from where they stand: "troops fanned out across the province".
SPREADING_VERBS = frozenset({"fan", "spread"})
# Carrying forces somewhere: "landing craft brought troops ashore", "helicopters flew in commandos".
CARRYING_VERBS = frozenset({"bring", "ferry", "fly", "airlift", "ship", "land", "drop", "carry", "transport",
                            "summon", "truck", "rush"})


# What is fired and comes down: its falling or landing somewhere is fire on that place. A "round"
# is one only with its weapon named ("a mortar round", "tank rounds").
PROJECTILE_NOUNS = frozenset({"shell", "rocket", "missile", "mortar", "bomb", "grenade", "projectile", "bullet",
                              "munition", "salvo", "barrage"})
ROUND_WEAPONS = frozenset({"mortar", "artillery", "tank", "rocket", "cannon"})
IMPACT_VERBS = frozenset({"land", "fall", "rain", "slam", "crash", "smash", "impact", "burst"})


# Commands: "ordered the army to lay down its arms", "instructed troops to withdraw". What was
# ordered has not happened by being ordered; the order itself has. "Ordered an offensive" (a noun
# ordered, no clause) is the offensive, read by the support verbs.
ORDER_VERBS = frozenset({"order", "instruct"})
# Forces moving on a place: "columns were heading towards the capital", "troops marched on the city",
# "tanks rumbled through the streets", "rolled across the border".
HEADING_VERBS = frozenset({"head", "march", "roll", "race", "converge", "close", "rumble", "growl", "thunder", "roar", "clatter",
                           "grind", "trundle", "lumber", "crawl", "drive"})
HEADING_PREPS = frozenset({"towards", "toward", "on", "into", "for", "through", "across"})


def _orders_an_act(verb: Token) -> bool:
    """The verb gives someone a command to do something: an infinitive clause after it."""
    return any(c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in verb.children)


def _heads_for_a_place(verb: Token) -> bool:
    """ "heading towards the capital", "marched on Havana", "closing in on the town"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in HEADING_PREPS:
            return True
        if c.dep_ in ("prt", "advmod") and c.lower_ == "in" and _lemma(verb) == "close":
            return any(g.dep_ == "prep" and g.lower_ == "on" for g in verb.children)
    return False


def _projectiles_arrive(verb: Token) -> bool:
    """The verb's subject is something fired: "shells fell", "a mortar round landed"."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        lemma = _lemma(subject)
        if lemma in PROJECTILE_NOUNS or lemma == "round" and any(
                c.dep_ in ("compound", "amod", "nmod") and _lemma(c) in ROUND_WEAPONS for c in subject.children):
            return True
    return False


def _projectiles_before(verb: Token, lex: EventLexicon) -> bool:
    """Shells, not forces, land: "shells fired by rebels landed in the city" (which the parser may
    read as "rebels landed") tells of fire, whatever the verb's subject."""
    return any(t.lemma_.lower() in lex.violence_words for t in verb.doc[verb.sent.start:verb.i])


def _carries_forces(verb: Token, lex: EventLexicon) -> bool:
    """What the verb carries is a force: "brought troops ashore", "landed marines", "flew in
    soldiers from Ghana", "troops were trucked in"."""
    return _forces_moved(verb, lex)


# Who moves up to a front besides the forces themselves.
REINFORCEMENT_NOUNS = frozenset({"reinforcement", "reinforcements"})


def _noun_taken_for_the_subject(verb: Token) -> Token | None:
    """ "British paratroops headed for the island": with no other verb, the parser makes the
    sentence a noun and the verb a participle describing it; the noun is who went."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or noun.dep_ != "ROOT" or noun.pos_ != "NOUN" \
            or verb.i < noun.i or any(c.dep_ in ("aux", "auxpass", "agent", "dobj") for c in verb.children):
        return None
    return noun


def _raised_subject(verb: Token) -> Token | None:
    """Who did what a saying in the passive reports: "the force" of "the force was reported to have
    landed", "were said to have fled"."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)


# Verbs by which a crowd comes together. A crowd doing so is a gathering the codebook counts with
# protests; five ministers gathering for talks, or troops massed on a border, are not.
CROWD_VERBS = frozenset({"gather", "assemble", "converge", "mass", "throng"})
CROWD_NOUNS = frozenset({"crowd", "throng", "multitude"})
MULTITUDE_WORDS = frozenset({"hundred", "hundreds", "thousand", "thousands", "million", "millions"})
CROWD_SIZE = 100


def _counted_subject(noun: Token) -> Token | None:
    """The subject a noun is counted in: "thousands of protesters defied the police" has the
    protesters as its subject, through the crowd that counts them."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.dep_ != "nsubj":
        return None
    crowd = noun.head.head
    return crowd if _is_crowd(crowd) else None


def _a_crowd_gathers(verb: Token) -> bool:
    """ "Thousands gathered in the square", "a crowd of 2,000 people converged on the parliament": a
    crowd (hundreds or more, or named a crowd) comes together, with no object gathered or massed."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False  # "gathered evidence", "massed troops on the border"
    crowd = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if crowd is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # the small parser reads "Hundreds of students massed outside" as a noun and its participle
        crowd = verb.head
        if crowd.dep_ == "pobj" and crowd.head.dep_ == "prep" and crowd.head.lower_ == "of":
            crowd = crowd.head.head  # "a crowd of about 2,000 people converged"
        if crowd.dep_ != "ROOT":
            return False
    return crowd is not None and (_is_crowd(crowd) or _lemma(crowd) in GATHERING_MOVEMENTS and not any(
        c.dep_ == "prep" and c.lower_ == "for" for c in verb.children))


# Movements whose gathering is a rally: "the opposition gathered in Lome despite the ban" (not "for
# talks": a meeting of its leaders).
GATHERING_MOVEMENTS = frozenset({"opposition", "supporter", "activist", "protester", "demonstrator", "student",
                                 "worker", "striker", "union", "follower", "loyalist", "mourner"})


# A crowd that streams into public space gathers there: "thousands flooded the streets", "hundreds
# of students poured into the square".
STREAMING_VERBS = frozenset({"pour", "flood", "stream", "spill", "surge", "swarm", "flock", "throng"})
PUBLIC_SPACES = frozenset({"street", "square", "avenue", "boulevard", "plaza", "road", "centre", "center"})


# What forces clear to open a place again: its barricades, or the place itself.
CLEARED_THINGS = PUBLIC_SPACES | {"highway", "bridge", "roadblock", "barricade", "barrier", "debris", "tyre", "tire",
                                  "camp", "encampment"}


# Verbs of putting a rising down, and what is put down: the happening put down happened.
SUPPRESSING_VERBS = frozenset({"quell", "suppress", "crush", "quash"})
SUPPRESSED_PROTESTS = frozenset({"outbreak", "disturbance", "disorder", "unrest", "riot", "rioting", "protest",
                                 "demonstration", "rally", "strike"})
SUPPRESSED_RISINGS = frozenset({"uprising", "revolt", "rebellion", "insurrection", "mutiny", "rising", "insurgency"})


def _suppressed_happening(verb: Token, lemma: str) -> str | None:
    """The kind of happening a verb of putting down says took place: "an outbreak in Bombay was
    quickly quelled", "troops put down the riots" (a protest), "crushed the revolt" (fighting)."""
    if not (lemma in SUPPRESSING_VERBS or lemma == "put" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)):
        return None
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            if _lemma(c) == "outbreak":
                of = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
                if of:  # "the outbreak of fire", "of cholera": no rising; "of rioting": the rioting's
                    c = of[0]
            if _lemma(c) in SUPPRESSED_PROTESTS:
                return "protest"
            if _lemma(c) in SUPPRESSED_RISINGS:
                return "armed_clash"
    return None


# A crowd scattered by force: "soldiers dispersed hundreds of marchers", "police broke up the rally".
# (What is dispersed in a purpose clause, "fired tear gas to disperse the crowd", is the firing's aim.)
DISPERSING_VERBS = frozenset({"disperse", "scatter"})


def _a_gathering_broken(verb: Token, lex: EventLexicon) -> bool:
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for o in list(objects) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    return any(_is_crowd(o) or _lemma(o) in lex.participant_nouns or lex.noun_types.get(_lemma(o)) == "protest"
               or _lemma(o) in ("mob", "gathering") for o in objects)


# Forces that hurry to a place are sent there: "police and rescue forces rushed to the affected
# stations", "troops converged on the square". (Who is rushed out on a stretcher is carried.)
RUSHING_VERBS = frozenset({"rush", "race", "hurry", "speed", "converge", "dash"})
RUSH_DESTINATIONS = frozenset({"to", "into", "on", "onto", "toward", "towards"})


# What forces can be ordered to: a place, as opposed to an act ("ordered to withdraw").
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _forces_moved(verb: Token, lex: EventLexicon, sent: bool = False) -> bool:
    """Forces are what the verb moves: its object ("brought troops ashore"), or its passive subject
    brought in ("soldiers were flown in"; "soldiers were flown to hospital" are the wounded); the
    parser may take "in" for a preposition ("flew in soldiers"). `sent`: the verb names where they
    went, so its passive subject is always the forces moved ("the squadrons were ordered to Osaka")."""
    brought_in = sent or any(c.dep_ in ("prt", "prep") and c.lower_ == "in" for c in verb.children)
    for c in [*verb.children, *(g for p in verb.children if p.dep_ == "prep" and p.lower_ == "in" for g in p.children)]:
        if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and brought_in) or (c.dep_ == "pobj" and c.head.lower_ == "in"):
            counted = _with_what_it_counts(c) if _is_crowd(c) or _lemma(c) in GROUPING_NOUNS else [c]
            if any(_lemma(t) in lex.force_nouns | REINFORCEMENT_NOUNS or t.lower_ in lex.force_nouns for t in counted):
                return True
    return False


ASSEMBLING_VERBS = frozenset({"muster", "mobilize", "mobilise", "mass", "concentrate", "assemble", "deploy"})


def _forces_ordered_to_a_place(verb: Token, lemma: str, lex: EventLexicon) -> bool:
    """Forces sent by order to a place: "the squadrons have been ordered to Osaka", "ordered two
    battalions to the border" (not "ordered to withdraw": an order to act is a demand)."""
    if lemma != "order" or not _forces_moved(verb, lex, sent=True):
        return False
    if any(c.dep_ in ("xcomp", "oprd") and _lemma(c) in ASSEMBLING_VERBS for c in verb.children):
        return True  # "strong forces were ordered mustered for any emergency": the order sets them moving
    return any(c.dep_ == "prep" and c.lower_ in ("to", "into", "towards", "toward") and any(
        g.ent_type_ in PLACE_ENTITIES or _lemma(g) in lex.ground_nouns
        for o in c.children if o.dep_ == "pobj" for g in (o, *o.conjuncts)) for c in verb.children)


# A force's command moved to the front: "moved the headquarters nearer to the front".
COMMAND_POSTS = frozenset({"headquarters", "headquarter", "command", "hq"})
MILITARY_WORDS = frozenset({"army", "military", "staff", "command", "brigade", "division", "force", "forces",
                            "general", "commander", "marshal", "rebel", "rebels", "corps", "regiment"})


def _command_post_moved(verb: Token, lex: EventLexicon) -> bool:
    """A military command moved somewhere; a company's headquarters moved is no news of war."""
    posts = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in COMMAND_POSTS]
    if not posts or not any(c.dep_ in ("prep", "advmod") for c in verb.children):
        return False
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    movers = [doer, *(c for c in doer.children if c.dep_ == "compound")] if doer is not None else []
    return any(_lemma(w) in MILITARY_WORDS | lex.force_nouns or w.lower_ in MILITARY_WORDS
               for w in [*movers, *(t for p in posts for t in p.subtree)])


# Aircraft of war: "squadrons of bombers took off at dawn" (an airliner taking off is no news of war).
WAR_AIRCRAFT = frozenset({"bomber", "fighter", "warplane", "squadron", "gunship", "helicopter", "jet",
                          "interceptor", "aircraft", "plane", "sortie"})


def _aircraft_do(verb: Token) -> bool:
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None:
        return False
    words = [w for d in (doer, *doer.conjuncts) for w in _with_what_it_counts(d)]
    words += [c for w in list(words) for c in w.children if c.dep_ in ("compound", "amod", "conj")]
    war = any(_lemma(w) in ("bomber", "fighter", "warplane", "squadron", "gunship", "interceptor") for w in words)
    military = any(w.lower_ in ("military", "air", "force", "enemy", "war") for w in words)
    return war or military and any(_lemma(w) in WAR_AIRCRAFT for w in words)


# What opens a clause of the circumstances of a saying, not of what was said.
CIRCUMSTANCE_MARKS = frozenset({"as", "when", "while", "whilst", "after", "before", "because", "since",
                                "although", "though", "until"})


# Verbs that raise a happening's subject over a report of it: "hostilities are reported to have
# commenced", "fighting is said to have broken out".
RAISING_REPORT_VERBS = frozenset({"report", "say", "believe", "understand", "think", "rumour", "rumor"})


# A sentence handed down by other words: "slapped the ex-president with a 15-month term", "handed
# him a five-year prison term", "gave them life sentences".
SENTENCE_HANDING_VERBS = frozenset({"slap", "hand", "give", "impose"})
PENALTY_NOUNS = frozenset({"term", "sentence", "fine"})


def _a_sentence_handed(verb: Token) -> bool:
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    held += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    for noun in held:
        if _lemma(noun) == "sentence" or _lemma(noun) in PENALTY_NOUNS and any(
                c.dep_ in ("compound", "amod", "nummod") and (c.lower_ in ("prison", "jail", "life", "death")
                                                             or re.search(r"\d|year|month|week", c.lower_))
                for c in noun.children):
            return True
    return False


# A message sent or handed to someone: what it says is the sender's statement.
MESSAGE_SENDING_VERBS = frozenset({"send", "give", "hand", "deliver", "dispatch", "despatch", "address", "pass",
                                   "forward", "transmit"})
# Whom an investigation names: those identified as its suspects are a step of the law's case.
SUSPECT_NOUNS = frozenset({"suspect", "gunman", "attacker", "assailant", "bomber", "killer", "perpetrator", "culprit"})
MESSAGE_NOUNS = frozenset({"message", "letter", "note", "memorandum", "telegram", "cable", "communication",
                           "assurance", "pledge"})  # ("gave his assurance that ...")
GUN_SUBJECTS = frozenset({"gun", "artillery", "battery", "cannon", "mortar", "howitzer", "machinegun", "rifle"})


# The offices a person is named to: "named acting President", "was named prime minister".
OFFICE_WORDS = frozenset({"president", "minister", "premier", "chancellor", "governor", "commander", "chief",
                          "leader", "head", "chairman", "chair", "king", "queen", "emir", "regent", "secretary",
                          "ruler", "successor"})


def _made_an_office_holder(verb: Token) -> bool:
    """Someone made an office's holder: "was named acting President", "named Dr. X, a military
    medic, as caretaker prime minister"."""
    for c in verb.children:
        if c.dep_ in ("oprd", "attr") and _lemma(c) in OFFICE_WORDS:
            return True
        # "as" on the verb, or (as a parser may hang it) on the person named or the phrase set beside them
        for prep in [c] + [g for g in c.children if c.dep_ in ("dobj", "oprd", "appos")]:
            if prep.dep_ == "prep" and prep.lower_ == "as" and any(
                    g.dep_ == "pobj" and _lemma(g) in OFFICE_WORDS for g in prep.children):
                return True
    return False


def _succeeds_someone(verb: Token) -> bool:
    """A person taking another's place: its object is a person named or titled ("succeeded General
    Silvestre"), and it is no success at a task ("succeeded in taking the town")."""
    if any(c.dep_ == "prep" and c.lower_ == "in" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN" and any(
        g.dep_ == "compound" and g.lower_ in OFFICE_WORDS | {"general", "colonel", "admiral", "marshal"}
        for g in c.children)) for c in verb.children)


def _acts_on_anything(verb: Token) -> bool:
    """The verb has an object, or what it bears on ("concentrated their fire", "concentrate on the
    talks"): a concentration of forces has neither, only where ("at the capital")."""
    return any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("on", "upon") and not any(
        g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in verb.children)


def _guns_do(verb: Token, lex: EventLexicon) -> bool:
    """Guns or gunners opening up: "the guns opened up", "troops opened up with machine guns"."""
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is not None and (_lemma(doer) in GUN_SUBJECTS or any(
            _lemma(c) in GUN_SUBJECTS for c in doer.children if c.dep_ == "compound")):
        return True
    return doer is not None and (_lemma(doer) in lex.force_nouns or doer.lower_ in lex.force_nouns) and any(
        c.dep_ == "prep" and c.lower_ in ("with", "on") for c in verb.children)


# Papers thrown or dropped, which carry words and hurt no one.
# What a person falls to: hit, or taking cover.
FALLEN_ON = frozenset({"ground", "floor", "pavement", "knee", "knees", "earth", "deck", "street", "sidewalk"})
PAPERS_HANDED = frozenset({"message", "note", "leaflet", "pamphlet", "letter", "flyer", "handbill", "paper"})
# What is thrown around a place to seal it off.
CORDON_NOUNS = frozenset({"cordon", "ring", "dragnet"})


# Forces chasing an armed foe: "the cavalry pursued the bandits", "troops chased the rebels into the
# hills" (a policy, talks or a career pursued are nothing of the kind).
PURSUING_VERBS = frozenset({"pursue", "chase"})


def _forces_pursued(verb: Token, lex: EventLexicon) -> bool:
    armed = lex.force_nouns | lex.perpetrator_nouns | {"enemy", "foe", "invader", "invaders", "outlaw", "outlaws"}
    return any(c.dep_ in ("dobj", "nsubjpass") and (_lemma(c) in armed or c.lower_ in armed)
               for c in verb.children)


# Places held by force whose falling is their capture: "Fort Kessa fell before a rebel stratagem",
# "seven forts fell into rebel hands" (a town's falling silent, its prices or its population falling,
# are nothing of the kind).
STRONGHOLD_NOUNS = frozenset({"fort", "fortress", "forts", "fortresses", "stronghold", "garrison", "citadel",
                              "outpost", "redoubt", "blockhouse", "bastion", "town", "city", "capital", "port",
                              "base", "position", "positions", "village", "airport", "airfield"})


def _a_stronghold_fell(verb: Token, lex: EventLexicon) -> bool:
    if any(c.dep_ in ("acomp", "oprd", "attr") for c in verb.children):
        return False  # "the town fell silent", "fell victim"
    if any(c.dep_ == "prep" and c.lower_ in ("by", "from", "asleep") for c in verb.children):
        return False  # "the population fell by half", "fell from the roof"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    into_hands = any(c.dep_ == "prep" and c.lower_ == "into" and any(
        g.dep_ == "pobj" and _lemma(g) == "hand" for g in c.children) for c in verb.children)
    held = _lemma(subject) in STRONGHOLD_NOUNS or subject.lower_ in STRONGHOLD_NOUNS or any(
        c.dep_ == "compound" and c.lower_ in ("fort", "fortress") for c in subject.children) \
        or subject.lower_ in ("fort", "fortress")
    if held:
        return True
    # a named town or fort falls only into someone's hands, or before or under an attack
    return subject.ent_type_ in PLACE_ENTITIES and (into_hands or any(
        c.dep_ == "prep" and c.lower_ in ("before", "under", "after") for c in verb.children))


# People carried away from the fighting: "the steamer sailed for the capital with women and children",
# "the schooner arrived, bringing many fugitives", "a convoy left with the wounded".
CARRYING_OFF_VERBS = frozenset({"sail", "steam", "leave", "depart", "fly", "bring", "carry", "ferry"})
# (many people, never one's own: "left with his family" is a man's journey)
DISPLACED_PEOPLE = frozenset({"refugees", "fugitives", "evacuees", "survivors", "wounded"})
CARRIED_PEOPLE = DISPLACED_PEOPLE | {"women", "children", "families", "civilians"}


def _carries_the_displaced(verb: Token) -> bool:
    if _lemma(verb) in ("bring", "carry", "ferry"):
        carried, people = [c for c in verb.children if c.dep_ == "dobj"], DISPLACED_PEOPLE
    else:
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        withs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
        withs += [c for c in (doer.children if doer is not None else ()) if c.dep_ == "prep" and c.lower_ == "with"]
        carried, people = [g for w in withs for g in w.children if g.dep_ == "pobj"], CARRIED_PEOPLE
    return any(w.lower_ in people for c in carried if not any(d.dep_ == "poss" for d in c.children)
               for head in (c, *c.conjuncts) for w in _with_what_it_counts(head))


# Security raised: "security was tightened at airports", "police stepped up security", "the government
# ordered increased security at railway stations": forces posted where they were not.
SECURITY_RAISING_VERBS = frozenset({"tighten", "increase", "step", "heighten", "boost", "beef", "bolster",
                                    "reinforce", "strengthen", "intensify", "order", "raise", "ramp"})
RAISED_WORDS = frozenset({"increased", "tighter", "tightened", "heightened", "extra", "additional", "stepped",
                          "enhanced", "stricter", "reinforced", "strengthened", "more"})


# Verbs that put security measures in force: "strict security measures were enforced".
SECURITY_MEASURE_VERBS = frozenset({"enforce", "impose", "introduce", "adopt", "take"})


def _security_measures(noun: Token) -> bool:
    """ "security measures", "strict security measures": measures of security, not of anything."""
    return _lemma(noun) == "measure" and any(c.dep_ in ("compound", "amod") and c.lower_ == "security" for c in noun.children)


def _security_raised(verb: Token, lemma: str) -> bool:
    if lemma in ("step", "beef", "ramp") and not any(c.dep_ in ("prt", "advmod") and c.lower_ == "up" for c in verb.children):
        return False  # "stepped up", "beefed up"; "stepped down" is something else
    for c in verb.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        if _security_measures(c):
            return True  # "security measures were enforced", "tightened security measures"
        if _lemma(c) != "security" or lemma in SECURITY_MEASURE_VERBS:
            continue
        if lemma == "order" and not any(m.dep_ == "amod" and m.lower_ in RAISED_WORDS for m in c.children):
            continue  # "ordered security to withdraw" orders; "ordered increased security" raises it
        return True
    return False


# Camps opened for the displaced: "set up camps for the refugees", "opened camps to house the displaced".
CAMP_SETTING_VERBS = frozenset({"set", "open", "build", "establish", "erect", "prepare"})
CAMP_NOUNS = frozenset({"camp", "tent", "shelter"})
DISPLACED_NOUNS = frozenset({"refugee", "displaced", "evacuee", "homeless", "survivor", "family", "civilian"})


def _camps_for_the_displaced(verb: Token, lex: EventLexicon) -> bool:
    if _lemma(verb) == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False
    camps = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in CAMP_NOUNS]
    return any(_lemma(w) in DISPLACED_NOUNS or w.lower_ in DISPLACED_NOUNS
               for camp in camps for w in camp.subtree if w.i != camp.i) or any(
        _lemma(w) in DISPLACED_NOUNS or w.lower_ in DISPLACED_NOUNS
        for c in verb.children if c.dep_ in ("prep", "advcl", "xcomp") for w in c.subtree)


# A fleet setting out: "the fleet put to sea", "the destroyers went out to sea", "two cruisers sailed
# for the strait". Ships of war only: a ferry sailing is no news of a war.
SAILING_VERBS = frozenset({"put", "go", "head", "sail", "steam"})
WARSHIP_NOUNS = frozenset({"fleet", "navy", "ship", "warship", "vessel", "destroyer", "cruiser", "frigate",
                           "submarine", "battleship", "armada", "corvette", "minesweeper", "gunboat", "squadron",
                           "flotilla", "carrier", "task"})


def _forces_put_to_sea(verb: Token, lemma: str, lex: EventLexicon) -> bool:
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None or not any(_lemma(d) in WARSHIP_NOUNS or d.lower_ in lex.force_nouns and lemma == "sail"
                               for d in (doer, *doer.conjuncts, *(c for c in doer.children if c.dep_ == "compound"))):
        return False
    to_sea = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.lower_ == "sea" for g in c.children)
                 for t in (verb, *(c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ == "out"))
                 for c in t.children)
    if to_sea:
        return True
    # sailing or steaming off somewhere: "sailed for the strait", "steamed out of the harbour",
    # "steamed full speed ahead from Malta to Suez" (the way hung on the adverb)
    ways = [verb, *(c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ in SAILING_ADVERBS)]
    return lemma in ("sail", "steam") and any(
        c.dep_ == "prep" and c.lower_ in ("for", "to", "towards", "toward", "from") or c.dep_ in ("prt", "advmod")
        and c.lower_ in SAILING_ADVERBS for way in ways for c in way.children)


SAILING_ADVERBS = frozenset({"out", "off", "away", "ahead"})


# What a crowd is met with when it is met by force.
MET_WITH_FORCE = frozenset({"gunfire", "fire", "bullet", "volley", "shot", "force", "baton", "truncheon", "bayonet",
                            "grenade", "stone", "rock", "brick", "teargas", "tear-gas", "club", "whip", "rifle"})


def _called_happening(verb: Token, lex: EventLexicon) -> str | None:
    """The type of what "call" convenes when its object is a meeting, an election or a strike
    ("called an emergency cabinet meeting", "called early elections"): the meeting or the vote,
    not a telephone call. ("Called for a meeting" asks for one, "called the attack a crime" names
    it: neither is an object of this kind.)"""
    if any(c.dep_ in ("oprd", "xcomp") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            typ = lex.noun_types.get(_lemma(c))
            if typ in ("diplomacy_meeting", "election") or typ == "protest" and _lemma(c) in ("strike", "walkout"):
                return typ
    return None


def _forces_rush_in(verb: Token, lex: EventLexicon) -> bool:
    # (or are rushed there: "reinforcements of police and troops are being rushed to Durban")
    doer = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if doer is None:
        return False
    if _lemma(doer) in ("reinforcement", "reinforcements"):
        doer = next((g for p in doer.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"), doer)
    # (the doers may be counted, "hundreds of police", named with their vehicles, "police and fire
    # engines", which the parser may hang on the vehicles, or be security men)
    doers = [d for d in (doer, *(c for c in doer.children if c.dep_ in ("conj", "nmod"))) for d in _with_what_it_counts(d)]
    if not any(_lemma(d) in lex.force_nouns or d.lower_ in lex.force_nouns or _security_men(d) for d in doers):
        return False
    return any(c.dep_ == "prep" and c.lower_ in RUSH_DESTINATIONS or c.dep_ in ("xcomp", "advcl")
               and _lemma(c) in GUARDING_VERBS for c in verb.children)  # ("rushed to guard the suites")


# What forces hurry somewhere to do when they are sent to hold it.
GUARDING_VERBS = frozenset({"guard", "protect", "secure", "seal", "cordon", "defend", "patrol", "reinforce"})


# "security men", "security personnel": forces named by what they keep.
SECURITY_MEN = frozenset({"man", "men", "personnel", "agent", "agents", "official", "officials"})


def _security_men(noun: Token) -> bool:
    return (_lemma(noun) in SECURITY_MEN or noun.lower_ in SECURITY_MEN) and any(
        c.dep_ in ("compound", "amod") and c.lower_ == "security" for c in noun.children)


def _a_crowd_fills_the_streets(verb: Token, lex: EventLexicon) -> bool:
    crowd = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if crowd is None or not _is_crowd(crowd):
        return False
    members = _with_what_it_counts(crowd)
    if any(_lemma(m) in lex.force_nouns or m.lower_ in lex.force_nouns for m in members):
        return False  # "thousands of troops poured into the streets": forces moving in
    places = [c for c in verb.children if c.dep_ == "dobj"]
    places += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("into", "onto", "through", "across", "in")
               for g in c.children if g.dep_ == "pobj"]
    if any(_lemma(place) in PUBLIC_SPACES or place.ent_type_ in ("GPE", "FAC")
           or any(c.lower_ == "downtown" for c in place.children) for place in places):
        return True  # "poured into the streets", "surged through downtown Kessa"
    # a crowd closing round the soldiers or their tanks: "crowds swarmed round the invaders"
    # (the small parser may take "round" for a particle with the tanks its object)
    around = [g for c in verb.children if c.lower_ in ("round", "around", "over", "about", "onto")
              for g in c.children if g.dep_ in ("pobj", "dobj")]
    return any(_lemma(g) in lex.force_nouns | ARMOUR_NOUNS or g.lower_ in lex.force_nouns | INVADER_NOUNS for g in around)


ARMOUR_NOUNS = frozenset({"tank", "vehicle", "car", "truck", "lorry", "jeep", "convoy", "carrier"})
INVADER_NOUNS = frozenset({"invaders", "occupiers", "intruders"})


def _is_crowd(noun: Token) -> bool:
    if _lemma(noun) in CROWD_NOUNS or noun.lower_ in MULTITUDE_WORDS:
        return True
    sizes = [noun] + [c for c in noun.children if c.dep_ == "nummod"]
    sizes += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for word in sizes:
        if word.lower_ in MULTITUDE_WORDS:
            return True
        try:
            if float(word.text.replace(",", "")) >= CROWD_SIZE:
                return True
        except ValueError:
            continue
    return False


# Forces whose arrival is part of the scene they are called to, not a deployment of its own.
POLICE_NOUNS = frozenset({"police", "policeman", "policemen", "officer", "officers"})
# Who orders by judgment: what they order is a court's act, not a demand.
COURT_NOUNS = frozenset({"judge", "judges", "court", "courts", "tribunal", "magistrate", "justice", "jury"})


# Nouns that count or group what follows their "of": "a column of tanks", "a unit of marines".
GROUPING_NOUNS = frozenset({"column", "convoy", "group", "unit", "detachment", "contingent", "company", "squad",
                            "battalion", "dozen", "hundred", "score", "number"})


# A vehicle driven into people: "a car crashed into a crowd of protesters", "the van ploughed
# through the market's shoppers", "the sedan drove into a group of them".
RAMMING_VERBS = frozenset({"crash", "plough", "plow", "drive", "ram", "smash", "barrel", "careen", "career", "veer",
                           "speed", "slam", "swerve", "hurtle"})
VEHICLE_NOUNS = frozenset({"car", "truck", "lorry", "van", "vehicle", "sedan", "suv", "jeep", "bus", "tractor",
                           "pickup", "driver", "motorist", "minivan", "4x4"})
RAMMED_PEOPLE = frozenset({"crowd", "crowds", "people", "pedestrian", "pedestrians", "protester", "protesters",
                           "demonstrator", "demonstrators", "marcher", "marchers", "worshipper", "worshippers",
                           "worshiper", "worshipers", "shopper", "shoppers", "mourner", "mourners", "spectator",
                           "spectators", "passer", "passers-by", "passersby", "throng", "group", "students"})


LIFE_SAVING_VERBS = frozenset({"save", "revive", "resuscitate", "contain", "extinguish", "douse", "treat"})
VESSEL_NOUNS = WARSHIP_NOUNS | frozenset({"ship", "liner", "steamer", "steamship", "boat", "tanker", "ferry",
                                          "freighter", "trawler", "schooner", "transport", "merchantman", "u-boat"})


def _to_the_bottom(verb: Token) -> bool:
    # (in a headline set in capitals the parser may take "BOTTOM" for a modifier of what follows)
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "bottom" and g.i - c.i <= 2 for g in c.subtree)
               for c in verb.children)


def _a_vessel_goes_down(verb: Token) -> bool:
    """What sank (or was sunk, or sent to the bottom) is a ship: "the Cunard liner Lusitania was
    torpedoed and sunk", "a submarine sank two tankers" (a ship that sank under fire included;
    "hopes sank", "the shares sank" are none)."""
    sunk = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    if verb.dep_ == "acl":
        sunk.append(verb.head)  # "GREAT CUNARD LINER SENT TO BOTTOM": the ship the participle tells of
    if not sunk and verb.dep_ == "conj":
        sunk = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "dobj")]  # "was torpedoed and sunk"
    return any(_lemma(w) in VESSEL_NOUNS or w.lower_ in VESSEL_NOUNS
               for n in sunk for w in (n, *(c for c in n.children if c.dep_ in ("compound", "appos"))))


WEAPON_DRAWN = frozenset({"knife", "gun", "pistol", "revolver", "blade", "machete", "dagger", "weapon", "handgun",
                          "sword", "axe", "grenade", "rifle"})
def _one_person_does(verb: Token) -> bool:
    """The verb's subject is one person: a name, "he" or "she", a ruler or office-holder ("his
    majesty", "the king", "the president")."""
    from app.pipeline.actors import subject_of

    subject = subject_of(verb)  # (through a coordination or a relative clause: "his majesty, who fell back")
    if subject is None:
        return False
    return subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she") or _lemma(subject) in OFFICE_WORDS \
        or _lemma(subject) in RULER_WORDS


# Rulers the office words do not name already.
RULER_WORDS = frozenset({"majesty", "emperor", "empress", "prince", "princess", "sultan", "shah", "tsar", "czar", "pope"})
SUBDUING_VERBS = frozenset({"subdue", "overpower", "tackle", "restrain", "disarm", "overwhelm", "pin"})
ROUNDS_PUMPING_VERBS = frozenset({"pump", "empty", "unload"})
ROUND_NOUNS = frozenset({"round", "bullet", "shot", "shell", "magazine", "clip", "burst", "slug"})
ALERT_NOUNS = frozenset({"alert", "standby", "readiness", "footing"})


def _forces_put_on_alert(verb: Token, lex: EventLexicon) -> bool:
    """ "U.S. troops stationed in the South were put on alert", "placed the army on high alert",
    "put its forces on a war footing": forces readied (an alert for a storm readies nobody)."""
    if not any(c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" and _lemma(g) in ALERT_NOUNS
                                                              for g in c.children) for c in verb.children):
        return False
    readied = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(_lemma(w) in lex.force_nouns or w.lower_ in lex.force_nouns
               for r in readied for w in (r, *r.conjuncts, *_with_what_it_counts(r)))


def _rams_people(verb: Token) -> bool:
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if doer is None or not any(w.lower_ in VEHICLE_NOUNS or _lemma(w) in VEHICLE_NOUNS
                               for w in (doer, *(c for c in doer.children if c.dep_ == "compound"))):
        return False
    struck = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("into", "through", "at")
              for g in c.children if g.dep_ == "pobj"]
    if _lemma(verb) == "ram":
        struck += [c for c in verb.children if c.dep_ == "dobj"]
    for noun in struck:
        if noun.lower_ == "group" and not any(  # "a group of them", "a group of marchers" (not "of trees")
                g.dep_ == "pobj" and (g.pos_ == "PRON" or g.lower_ in RAMMED_PEOPLE)
                for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
            continue
        if noun.lower_ in RAMMED_PEOPLE or _lemma(noun) in RAMMED_PEOPLE:
            return True
    return False


AIRCRAFT_NOUNS = frozenset({"plane", "airplane", "aeroplane", "airliner", "jetliner", "jet", "aircraft"})
HIJACKER_NOUNS = frozenset({"hijacker", "terrorist", "attacker", "bomber", "militant"})


def _hijacked_aircraft_flown_into(verb: Token) -> bool:
    """An aircraft flown into something as a weapon: by hijackers ("hijackers crashed two airliners
    into the World Trade Center"), or itself hijacked ("three hijacked airliners crashed into both
    towers"). A plane that crashed into a hillside, or a bus into a wall, is an accident."""
    if not any(c.dep_ == "prep" and c.lower_ == "into" for c in verb.children):
        return False
    doer = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    flown = [c for c in verb.children if c.dep_ == "dobj"] + ([doer] if doer is not None else [])
    hijacked = any(_lemma(n) in AIRCRAFT_NOUNS and any(c.lower_ == "hijacked" for c in n.children) for n in flown)
    by_hijackers = doer is not None and _lemma(doer) in HIJACKER_NOUNS and any(
        _lemma(c) in AIRCRAFT_NOUNS for c in verb.children if c.dep_ == "dobj")
    return hijacked or by_hijackers


# Verbs of bringing a force into being: "raised 800 irregulars", "a regiment was mustered".
LEVYING_VERBS = frozenset({"raise", "recruit", "muster", "levy", "enlist", "conscript"})
# ... of making one stronger: "the garrison was strengthened", "doubled the police force".
STRENGTHENING_VERBS = frozenset({"increase", "strengthen", "double", "treble", "triple", "augment", "bolster",
                                 "swell", "boost"})
# ... and of taking men into one: "five hundred were enrolled (sworn in) as special constables".
ENROLLING_VERBS = frozenset({"enrol", "enroll", "swear", "sign", "draft", "call"})


def _troops_march(verb: Token, lex: EventLexicon) -> bool:
    """Soldiers marching ("the infantry were marching and fighting", "troops marched on the
    capital") move as an army does; they hold no protest march."""
    from app.pipeline.actors import subject_of

    subject = subject_of(verb)
    return subject is not None and (_lemma(subject) in lex.force_nouns or subject.lower_ in lex.force_nouns)


# What a charge is made with, besides a weapon drawn: "the police charged with drawn batons", "a
# baton charge", "a bayonet charge".
CHARGING_WEAPONS = WEAPON_DRAWN | frozenset({"baton", "truncheon", "bayonet", "club", "sabre", "saber", "lance",
                                            "cudgel", "stick", "whip"})


def _rushed_at(verb: Token) -> bool:
    """ "Charge" as a rush at someone: with nothing charged and no one charged with anything, said
    of what a crowd or a fighter did ("the rebels charged desperately", "charged at him with a
    knife", "cavalry charged into the square"). Not "charged that ..." (an accusation), "was charged
    with" or "charged five men" (a court's)."""
    if any(c.dep_ in ("ccomp", "dobj", "auxpass", "nsubjpass", "xcomp") for c in verb.children):
        return False
    if verb.tag_ not in ("VBD", "VBN", "VBG", "VBZ", "VBP", "VB"):
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    if any(c.lower_ in ("at", "into", "toward", "towards", "through", "upon", "across") for c in preps):
        return True
    if any(c.lower_ == "with" and not any(_lemma(g) in CHARGING_WEAPONS for g in c.children) for c in preps):
        return False  # "charged with murder", the parser having lost the person charged
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ == "with" for c in preps):
        return True  # "The police charged with drawn batons.", read as "the police [who were] charged"
    return any(c.dep_ == "nsubj" for c in verb.children)


def _foreign_force(verb: Token) -> bool:
    """The verb's subject is named for a nation: "Australian federal police officers arrived"."""
    from app.pipeline.actors import subject_of

    subj = subject_of(verb)
    return subj is not None and any(t.ent_type_ == "NORP" for t in subj.subtree if t.i < subj.i)


def _forces_do(verb: Token, lex: EventLexicon, also: frozenset[str] = frozenset(),
               only: frozenset[str] | None = None) -> bool:
    """The verb's subject is a force ("the soldiers fled"), or one of `also`; one of `only` when given."""
    from app.pipeline.actors import subject_of

    subj = subject_of(verb) or _raised_subject(verb) or _noun_taken_for_the_subject(verb)
    words = only if only is not None else lex.force_nouns | also
    if subj is None:
        return False
    # (counted: "dozens of rebel soldiers", "a column of tanks": what is counted is who acted)
    counted = _with_what_it_counts(subj) if _is_crowd(subj) or _lemma(subj) in GROUPING_NOUNS else [subj]
    return any(_lemma(t) in words or t.lower_ in words for t in counted)


def _civilians(noun: Token, lex: EventLexicon) -> bool:
    """People who are no force: "forty people", "300 civilians", "the residents" (a count of them
    too), never "the troops" or "the garrison"."""
    counted = _with_what_it_counts(noun) if _is_crowd(noun) or _lemma(noun) in GROUPING_NOUNS else [noun]
    if any(_lemma(t) in lex.force_nouns or t.lower_ in lex.force_nouns for t in counted):
        return False
    return any(_lemma(t) in lex.person_nouns or t.lower_ in lex.person_nouns for t in counted)


# Who carried out an attack, by the words news uses for them: fleeing or taking refuge, they give up
# ground as forces do, and are no displaced civilians.
ATTACKER_NOUNS = frozenset({"gunman", "gunmen", "attacker", "attackers", "assailant", "assailants", "raider", "raiders",
                            "bandit", "bandits", "terrorist", "terrorists", "hijacker", "hijackers", "kidnapper",
                            "kidnappers", "offender", "offenders", "shooter", "shooters", "bomber", "bombers",
                            "killer", "killers", "perpetrator", "perpetrators", "culprit", "culprits",
                            "assassin", "assassins", "knifeman", "knifemen", "regicide", "regicides", "murderer",
                            "murderers"})


def strikes_the_attacker(pred: Token) -> bool:
    """ "His assailant, who was shot dead by the bodyguard", "was himself shot dead by the King's
    bodyguard", "stabbing the policeman before being shot dead by other officers", "police killed
    six of the gunmen": violence done to the attackers by someone else named (guards, police,
    troops) is the defenders' act, not part of the attack (codebook: acts of other doers are other
    happenings). With nobody named ("four attackers were killed") it is only the attack's toll."""
    passive = any(c.dep_ in ("auxpass", "agent") for c in pred.children)
    own_subject = False  # the patient is the subject of the clause the act hangs on
    if passive:
        # ("was shot and killed by police": one agent for both verbs)
        verbs = [pred, *(c for c in pred.children if c.dep_ == "conj"), *([pred.head] if pred.dep_ == "conj" else [])]
        agents = [g for v in verbs for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        patient = next((c for c in pred.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and patient.lower_ in ("who", "that") and pred.dep_ == "relcl":
            patient = pred.head  # "His assailant, who was shot dead by ..."
        if patient is None or patient.lower_ in REFLEXIVES:
            patient = _subject_of_its_clause(pred)  # "... and was himself shot dead", "before being shot"
            own_subject = patient is not None
    else:
        agents = [c for c in pred.children if c.dep_ == "nsubj"]
        patient = next((c for c in pred.children if c.dep_ == "dobj"), None) or next(
            (g for c in pred.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon")
             for g in c.children if g.dep_ == "pobj"), None)  # ("the police fired on the regicides")
    if not agents or any(_attackers(a) for a in agents) or patient is None:
        return False
    if own_subject and (patient.lower_ in ATTACKER_NOUNS or _lemma(patient) in ATTACKER_NOUNS):
        return True  # "two gunmen charged into a museum ... before being killed by police": those same gunmen
    return _attackers(patient)


def _attackers(noun: Token) -> bool:
    """The noun names attackers already told of: "the assassin", "his assailant", "six of the gunmen"
    (a count of them), "himself" (the subject's own). Not attackers named afresh: in "police killed
    six terrorists" the killing is the police's own raid."""
    words = [noun, *noun.conjuncts]
    if noun.like_num or noun.pos_ in ("NUM", "PRON") or noun.lower_ in QUANTIFIERS:
        words += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    # (one attacker, even named afresh, is the attack's: "a suspected attacker was also shot dead by police")
    return any((w.lower_ in ATTACKER_NOUNS or _lemma(w) in ATTACKER_NOUNS) and any(
        c.dep_ == "poss" or c.dep_ == "det" and (c.lower_ in DEFINITE_DETERMINERS or w.tag_ == "NN")
        for c in w.children) for w in words)


QUANTIFIERS = frozenset({"many", "most", "some", "all", "several", "few", "both", "each", "one", "two", "three"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def _subject_of_its_clause(pred: Token) -> Token | None:
    """The subject the clause shares with the one it hangs on: of "stabbing the policeman before being
    shot dead", the subject of "rushed"; of "shot ... and was himself shot dead", the first verb's."""
    clause = pred
    for _ in range(4):
        if clause.dep_ not in ("conj", "pcomp", "advcl", "xcomp", "prep", "dep") or clause.head is clause:
            return None
        clause = clause.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    return None


# Who does violence, by the common noun that names them when no name does: a crowd, the state's
# forces, or armed men of no state. Two acts told apart whose doers are of two of these kinds
# ("Troops attacked hideouts ... Mobs stormed the prison") are two happenings.
DOER_CLASSES = {
    "crowd": frozenset({"crowd", "mob", "mobs", "rioter", "rioters", "protester", "protesters", "demonstrator",
                        "demonstrators", "looter", "looters", "marcher", "marchers", "youth", "youths", "student",
                        "students", "striker", "strikers", "throng"}),
    "forces": frozenset({"soldier", "soldiers", "troop", "troops", "army", "police", "policeman", "policemen",
                         "guard", "guards", "paratrooper", "paratroopers", "marine", "marines", "commando",
                         "commandos", "gendarme", "gendarmes", "trooper", "troopers", "infantry", "tank", "tanks"}),
    "armed": ATTACKER_NOUNS | frozenset({"rebel", "rebels", "insurgent", "insurgents", "guerrilla", "guerrillas",
                                         "militant", "militants", "jihadist", "jihadists", "mutineer", "mutineers"}),
}


def doer_class(pred: Token) -> str | None:
    """The kind of doer (see DOER_CLASSES) the act's active subject, or its passive's agent,
    names by a common noun; None when a name, a pronoun or nothing says who did it."""
    from app.pipeline.actors import subject_of

    doer = next((g for c in pred.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None) \
        if any(c.dep_ == "auxpass" for c in pred.children) else subject_of(pred)
    if doer is None or doer.pos_ not in ("NOUN", "PROPN"):  # ("Mobs stormed ...": a capital is no name)
        return None
    if doer.head.i == pred.i and doer.dep_ == "nsubj" and _lemma(pred) in UNDERGOING_VERBS:
        return None  # "several protesters died": they did nothing

    return next((kind for kind, nouns in DOER_CLASSES.items() if doer.lower_ in nouns or _lemma(doer) in nouns), None)


# Verbs that say forces keep watch over a place once "guard" is their object: "stood guard", "mounted guard".
GUARD_KEEPING_VERBS = frozenset({"stand", "mount", "keep"})


# What a building is reduced to when it is destroyed: "reduced to rubble", "to ashes".
RUIN_NOUNS = frozenset({"rubble", "ruin", "ruins", "ash", "ashes", "debris", "cinders", "dust"})


def _reduced_to_ruins(verb: Token) -> bool:
    """ "reduced to rubble", "reduced the town to a pile of ashes" (read off the words: the parser
    takes "to rubble" for an infinitive), not "reduced to a third"."""
    doc = verb.doc
    after = doc[verb.i + 1:min(len(doc), verb.i + 8)]
    to = next((t for t in after if t.lower_ == "to"), None)
    if to is None or any(t.is_punct for t in doc[verb.i + 1:to.i]):
        return False
    return any(t.lower_ in RUIN_NOUNS for t in doc[to.i + 1:min(len(doc), to.i + 5)])


def _forces_stand_guard(verb: Token, lemma: str, lex: EventLexicon) -> bool:
    """Forces posted to watch over a place: "troops were guarding foreign embassies", "soldiers stood
    guard over the airport". Only forces: a secret is guarded, a rich man guards his wealth."""
    if lemma != "guard" and not (lemma in GUARD_KEEPING_VERBS
                                 and any(c.dep_ == "dobj" and c.lower_ == "guard" for c in verb.children)):
        return False
    return verb.pos_ == "VERB" and _forces_do(verb, lex)


def _enters_ground(verb: Token, lex: EventLexicon) -> bool:
    """ "entered Mozambique", "entered the town": the object is a country, a region or ground."""
    return any(c.dep_ == "dobj" and (c.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(c) in lex.ground_nouns
                                     or (c.pos_ == "PROPN" and c.ent_type_ in ("", "ORG")))
               for c in verb.children)  # a name the tagger did not type is taken for a place


# How a country is isolated without force: "diplomatically isolated", "isolated politically".
NONMILITARY_MANNERS = frozenset({"diplomatically", "politically", "economically", "internationally", "financially"})


def _cuts_off_ground(verb: Token, lex: EventLexicon) -> bool:
    """ "The insurgents isolated the mountain garrison", "the town was isolated by the rebels": a
    town, a region or a garrison cut off, not a country shunned ("diplomatically isolated")."""
    if any(c.dep_ == "advmod" and c.lower_ in NONMILITARY_MANNERS for c in verb.children):
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(c) in lex.ground_nouns
                                                     or _lemma(c) in lex.force_nouns)
               for c in verb.children)


def _returns_from_the_field(verb: Token) -> bool:
    """ "returned home (from Zambia)", "returned from the front", "returned to their barracks"."""
    for c in verb.children:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ == "home":
            return True
        if c.dep_ == "prep" and c.lower_ == "from":
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(
                (_lemma(g) in ("barrack", "barracks", "base", "garrison") or g.lower_ in ("barracks", "bases")) for g in c.children):
            return True
    return False


# Guns, whose sweep is fire: "sprayed them with machine guns", "raked the street with rifles".
GUN_NOUNS = frozenset({"gun", "guns", "machine-gun", "machinegun", "rifle", "bullet", "submachine"})


def _with_fire(verb: Token, lex: EventLexicon, also: frozenset[str] = frozenset()) -> bool:
    """The verb's "with" names fire or weapons: "with rocket fire", "with multiple-rocket launchers"
    (or one of `also`)."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        for thing in prep.children:
            if thing.dep_ != "pobj":
                continue
            words = {thing.lower_, _lemma(thing)} | {w.lower_ for w in thing.children if w.dep_ in ("compound", "amod")}
            words |= {part for w in list(words) for part in w.split("-")}
            if words & (FIRE_NOUNS | lex.violence_words | also) or any(w.removesuffix("s") in lex.violence_words for w in words):
                return True
    return False


# Nouns of finding: with the dead as their "of" ("the discovery of the bodies"), a toll found.
DISCOVERY_NOUNS = frozenset({"discovery", "recovery", "exhumation", "unearthing"})


def _of_remains(noun: Token, lex: EventLexicon) -> bool:
    return any(_lemma(thing) in lex.remains_nouns or thing.lower_ in lex.remains_nouns for thing in _of_objects(noun))


def _attribution(noun: Token) -> bool:
    """The noun names where a report comes from: "according to a statement (issued by ...)",
    "according to the report"."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "according"


# Nouns of a protest that also name any showing of something: "a demonstration of force", "a show
# of resolve". With an "of" that names no people they are no protest.
SHOWING_NOUNS = frozenset({"demonstration", "show", "display", "manifestation"})


def _of_many(noun: Token, lex: EventLexicon) -> bool:
    """The noun's "of" names people in the plural ("of students", "of 300 veterans"): "force" in
    "a show of force" is no body of people."""
    return any((who.tag_ in ("NNS", "NNPS") or who.ent_type_ in ("NORP", "PERSON")) and _names_people(who, lex)
               for who in _of_objects(noun))


# Where people are held against their will: leaving one is an escape from custody.
CUSTODY_NOUNS = frozenset({"prison", "jail", "gaol", "penitentiary", "detention", "custody", "lockup",
                           "cell", "cells", "prisons", "jails"})
# Verbs of taking people somewhere by force or under guard.
ESCORTING_VERBS = frozenset({"hustle", "bundle", "frogmarch", "drag", "escort", "whisk", "lead", "march", "haul", "take",
                             "carry", "bring", "drive"})
# Where the police hold whom they have taken: "the police station", "police headquarters".
POLICE_PLACES = frozenset({"station", "headquarters", "barracks", "van", "vans", "wagon", "car"})


def _taken_into_custody(verb: Token, lex: EventLexicon) -> bool:
    """People taken under guard to a jail or a police station, or into a police van: "were hustled
    into the police station", "bundled the activists into police vans", "led away to jail"."""
    taken = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(_names_people(t, lex) or _is_crowd(t) for t in taken):
        return False
    places = [g for c in verb.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("to", "into", "away", "off")
              for p in (c, *(d for d in c.children if d.dep_ == "prep")) for g in p.children if g.dep_ == "pobj"]
    return any(_lemma(g) in CUSTODY_NOUNS or g.lower_ in CUSTODY_NOUNS or (
        (_lemma(g) in POLICE_PLACES or g.lower_ in POLICE_PLACES)
        and any(d.dep_ in ("compound", "amod", "nmod") and d.lower_ == "police" for d in g.children))
        for g in places)


# Nouns of an escape; "escape" itself names one only out of custody ("a narrow escape" does not).
ESCAPE_NOUNS = frozenset({"escape", "breakout", "jailbreak", "break"})


def _broke_out(tok: Token) -> bool:
    """ "Dozens of prisoners broke out of the prison": "break" with its particle "out"."""
    return _lemma(tok) == "break" and any(c.dep_ in ("prt", "prep") and c.lower_ == "out" for c in tok.children)


def _out_of_custody(word: Token) -> bool:
    """The word (a verb of fleeing, or an escape noun) leaves custody: "from the prison", "out of
    the jail in Riobamba", "a prison escape", "the jailbreak"."""
    if word.lower_ == "jailbreak":
        return True
    if word.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "compound" and _lemma(c) in CUSTODY_NOUNS for c in word.children):
        return True  # "the prison break", "a jail escape"
    for place in word.subtree:
        if place.dep_ != "pobj" or not (_lemma(place) in CUSTODY_NOUNS or place.lower_ in CUSTODY_NOUNS):
            continue
        # up to the word through prepositions and their objects only: "escaped from the prison",
        # "broke out of the prison", "the escape of 39 inmates from a jail" (the parser hangs "from"
        # on the inmates); never through a verb or a clause ("escaped after the prison riot")
        step = place
        while step.i != word.i and step.dep_ in ("pobj", "prep", "prt") and (
                step.dep_ != "prep" or step.lower_ in ("from", "of", "out")):
            step = step.head
        if step.i == word.i:
            return True
    return False


def _met_a_happening(tok: Token, lex: EventLexicon) -> bool:
    """Parties meet parties; what "meets" a request, a demand or a protest is a response to it.
    True when the verb's object, or its passive subject, is such a happening or a statement noun
    (any of the lexicon's event nouns but a meeting's own, "met the delegation")."""
    thing = _seized_thing(tok)
    if thing is None or thing.pos_ not in ("NOUN",):
        return False
    lemma = _lemma(thing)
    kind = lex.noun_types.get(lemma)
    if kind in ("diplomacy_meeting", "consultation"):
        return False
    return kind is not None or lemma in lex.rejected_nouns


# Verbs of making a bomb safe: "defused", "disarmed", "made safe".
DEFUSING_VERBS = frozenset({"defuse", "disarm", "neutralise", "neutralize", "dismantle"})
# Bombs by their names; a device is one when it is said to explode ("an explosive device", "a
# suspicious device", "undetonated devices").
EXPLOSIVE_NOUNS = frozenset({"bomb", "explosive", "ied", "landmine", "mine", "grenade", "car-bomb", "booby-trap",
                             "detonator"})
EXPLOSIVE_DEVICE_WORDS = frozenset({"explosive", "incendiary", "improvised", "undetonated", "unexploded",
                                    "suspicious", "bomb"})


MINED_THINGS = frozenset({"coal", "gold", "copper", "diamond", "tin", "iron", "salt", "silver", "uranium", "lithium",
                          "cobalt", "zinc", "nickel", "emerald", "open-pit"})


def explosives_taken(verb: Token, lex: EventLexicon) -> bool:
    """A bomb found or made safe: "police found two more bombs", "engineers defused a device",
    "found what could be five devices" (the parser makes the free relative a clause of its own)."""
    lemma = _lemma(verb)
    if lemma not in lex.discovery_verbs and lemma not in DEFUSING_VERBS:
        return False
    thing = _seized_thing(verb) or next((w for c in verb.children if c.dep_ == "ccomp" for w in c.children
                                         if w.dep_ == "nsubj" and w.lower_ == "what"), None)
    return thing is not None and _explosive(_what_it_is(thing))


def _what_it_is(thing: Token) -> Token:
    """The noun a free relative stands for: "found what could be five devices" found devices."""
    if thing.lower_ == "what":
        clause = thing.head
        return next((c for c in clause.children if c.dep_ == "attr"), thing)
    return thing


def _explosive(noun: Token) -> bool:
    """A bomb: "two bombs", "explosives", "an explosive device", "undetonated devices"."""
    lemma = _lemma(noun)
    if lemma == "mine" and any(c.dep_ in ("amod", "compound") and c.lower_ in MINED_THINGS for c in noun.children):
        return False  # "a coal mine"
    if lemma in EXPLOSIVE_NOUNS or noun.lower_ in ("explosives", "ieds"):
        return True
    return lemma == "device" and any(c.dep_ in ("amod", "compound") and (_lemma(c) in EXPLOSIVE_DEVICE_WORDS
                                                                         or c.lower_ in EXPLOSIVE_DEVICE_WORDS)
                                     for c in noun.children)


def _seized_thing(tok: Token) -> Token | None:
    """What a verb of seizing took: its object, or its passive subject (through "who"/"which")."""
    for c in tok.children:
        if c.dep_ == "dobj":
            return c
        if c.dep_ == "nsubjpass":
            return tok.head if c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl" else c
    if tok.dep_ == "acl":
        return tok.head  # "the town captured by rebels"
    return None


def _people_hurt(tok: Token, lex: EventLexicon) -> bool:
    """ "Ten civilians were hurt", "the blast hurt five people": people hurt are wounded (what else
    is hurt, trade or a reputation, is no casualty)."""
    return any(c.dep_ in ("nsubjpass", "dobj") and (_names_people(c, lex) or c.lower_ in PERSONAL_PRONOUNS
                                                    or any(n.dep_ == "nummod" for n in c.children))
               for c in tok.children)  # (a counted noun hurt, "six bystanders", is people)


# Verbs of blows that are violence only when people take them ("beat the odds", "whipped cream": no).
BEATING_VERBS = frozenset({"beat", "club", "batter", "bludgeon", "flog", "whip", "manhandle", "rough", "assault",
                           "bayonet", "cane", "kick", "smash", "punch", "pummel", "thrash", "cosh"})


SCORE_RE = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}\b")


# Verbs by which the dead are established: who was confirmed, reported, found or pronounced dead.
DEATH_ESTABLISHING_VERBS = frozenset({"confirm", "report", "find", "pronounce", "declare", "list"})


def _the_dead_counted(dead: Token, lex: EventLexicon) -> Token | None:
    """The "be" of "forty people are dead", "two of the ministers were dead": people, counted or
    named, said to be dead (never "the talks are dead", nor "dead" as a noun)."""
    verb = dead.head
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if dead.dep_ == "acomp" and _lemma(verb) == "be":
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    elif dead.dep_ in ("oprd", "acomp", "xcomp") and _lemma(verb) in DEATH_ESTABLISHING_VERBS \
            and any(c.dep_ == "auxpass" for c in verb.children):
        # "two people were confirmed dead", "were found dead", "was pronounced dead": the dead, as
        # established ("feared dead", "presumed dead" are fears, not a toll)
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    else:
        return None
    if subj is None:
        return None
    counted = _counted(subj)
    people = [subj, *_of_objects(subj)]
    named = any(_names_people(t, lex) or _lemma(t) in OFFICE_WORDS for t in people)
    return verb if counted and named else None


def _mourners_round_a_thing(tok: Token, lex: EventLexicon) -> bool:
    """People who are no force standing round something that is no place, building or force."""
    from app.pipeline.actors import subject_of

    subj, thing = subject_of(tok), _seized_thing(tok)
    if subj is None or thing is None or not _civilians(subj, lex):
        return False
    place = thing.ent_type_ in ("GPE", "LOC", "FAC", "ORG") or _lemma(thing) in lex.ground_nouns | lex.site_nouns \
        or _lemma(thing) in lex.force_nouns or thing.lower_ in lex.force_nouns
    return not place


def _people_beaten(tok: Token, lex: EventLexicon) -> bool:
    """Blows at people: a word for people or a crowd, a person's name or a pronoun for one ("beat the
    demonstrators", "he was clubbed"); never a team or a country ("Brazil beat Argentina 2-1"), nor
    forces driven back (the phrasal "beat back" says that)."""
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in tok.children):
        return False
    if SCORE_RE.search(tok.doc[tok.i + 1:min(len(tok.doc), tok.i + 7)].text):
        return False  # "Norland beat Kessa 3-1", "beat the home side 2 - 0": a match won
    people = lex.person_nouns | lex.force_nouns | CAPTIVE_NOUNS | RAMMED_PEOPLE | AUDIENCE_NOUNS
    return any(c.dep_ in ("nsubjpass", "dobj") and (
        _lemma(c) in people or c.lower_ in people or c.ent_type_ == "PERSON" or c.lower_ in PERSONAL_PRONOUNS)
        for c in tok.children)


def _with_particle(tok: Token, particle: str) -> bool:
    return any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


# Where the wounded are kept: "detained in hospital" is a stay there, no arrest.
CARE_PLACES = frozenset({"hospital", "hospitals", "infirmary", "clinic"})


# Verbs by which the hurt are brought to care: "sent to hospital", "rushed to hospitals".
HOSPITAL_SENDING_VERBS = frozenset({"send", "take", "rush", "admit", "carry", "ferry", "bring", "fly", "airlift"})


def _sent_to_hospital(tok: Token) -> bool:
    """People counted as brought to a hospital: "four hundred persons were sent to hospital",
    "ambulances took 300 to hospital" (a toll); "he was taken to hospital", "the wounded were taken"
    carry the hurt already told."""
    return any(c.dep_ in ("dobj", "nsubjpass") and _counted(c) for c in tok.children) and any(
        c.dep_ == "prep" and c.lower_ in ("to", "into") and any(
            g.dep_ == "pobj" and g.lower_ in CARE_PLACES for g in c.children) for c in tok.children)


def _counted(noun: Token) -> bool:
    """A number of people: "300", "four hundred persons", "dozens of people", "more than 110 people"."""
    return noun.pos_ == "NUM" or noun.lower_ in PARTITIVE_WORDS or any(c.dep_ == "nummod" for c in noun.children)


def _kept_in_hospital(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
        g.dep_ == "pobj" and g.lower_ in CARE_PLACES for g in c.children) for c in tok.children)


def _seized(tok: Token, lex: EventLexicon) -> str | None:
    """Seizing ground is territorial control; seizing a person is an arrest or an abduction; seizing
    weapons or vehicles is part of the attack that took them."""
    if any(c.dep_ in ("oprd", "xcomp", "advmod", "npadvmod") and _lemma(c) in CAPTIVE_NOUNS for c in tok.children):
        return "legal_action"  # "the prime minister was taken hostage": whoever it is, held captive
    if any(c.dep_ == "dobj" and c.lower_ in TAKEN_AS for c in tok.children) and (
            any(c.dep_ == "auxpass" for c in tok.children)
            or any(c.dep_ == "dobj" and any(g.dep_ == "compound" for g in c.children) for c in tok.children)):
        return "legal_action"  # "were taken prisoner by the men", "took the passengers prisoner" (as parsed)
    thing = _seized_thing(tok)
    if thing is None:
        return None
    lemma = _lemma(thing)
    if thing.ent_type_ in ("GPE", "LOC", "FAC") or lemma in lex.ground_nouns or lemma == "control":
        return "territorial_control"  # (also "seized control of four towns")
    if thing.ent_type_ == "PERSON" or lemma in lex.person_nouns:
        return "legal_action"
    if thing.lower_ in ONE_PERSON_PRONOUNS and _lemma(tok) != "take":
        return "legal_action"  # "he was seized", whoever he is ("he was taken to hospital": carried)
    return None


# What someone taken is taken as, which a parser may read as the verb's object: "taken prisoner".
TAKEN_AS = frozenset({"prisoner", "prisoners", "hostage", "hostages", "captive", "captives"})


# Pronouns that can only stand for people ("they" may be the weapons just found).
ONE_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _happening_as_subject(tok: Token, lex: EventLexicon) -> str | None:
    """The type of the happening that is the verb's active subject ("gun battles", "the attack"),
    or None: what a happening "sent" or "placed" somewhere is its effect, never forces deployed."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    return lex.noun_types.get(_lemma(subject))


def _court_act(tok: Token) -> bool:
    """ "The court ruled that ...", "ruled on the appeal", "ruled against X": a ruling."""
    if any(c.dep_ in ("ccomp",) or (c.dep_ == "prep" and c.lower_ in ("on", "against", "in", "for")) for c in tok.children):
        return True
    from app.pipeline.actors import subject_of

    subj = subject_of(tok)
    return subj is not None and _lemma(subj) in ("court", "judge", "tribunal", "panel", "jury")


def _claim_text(tok: Token) -> str:
    words = [t for t in tok.subtree if t.dep_ not in ("det", "nmod") or t.i > tok.i]
    words = [t for t in words if t.text not in QUOTE_CHARS and not (t.dep_ == "det" and t.i == words[0].i)]
    if not words:
        return tok.text
    doc = tok.doc
    # drop leading determiners ("an anti-terrorist operation") and the characterised thing's noun
    while words and words[0].pos_ in ("DET",):
        words = words[1:]
    return doc[words[0].i : words[-1].i + 1].text.strip("“”\"'’‘ .,")


def _is_accusation(claim: str, lex: EventLexicon) -> bool:
    low = claim.lower()
    return any(w in low.split() or (" " in w and w in low) for w in lex.accusation_words)


# Verbs that put a name on something: "what the army called a cleansing operation".
NAMING_VERBS = frozenset({"call", "describe", "term", "dub", "label", "brand", "characterize", "characterise"})


def _names_free_relative(verb: Token) -> bool:
    """ "what it called", "what were described as": `verb` names the thing a free relative stands
    for. The name is the speaker's word for a happening another verb reports, not a statement."""
    return _lemma(verb) in NAMING_VERBS and any(
        c.lower_ == "what" and c.tag_ == "WP" and c.dep_ in ("dobj", "nsubjpass", "nsubj") for c in verb.children)


def free_relative_namer(noun: Token) -> Token | None:
    """The naming verb when `noun` is the name a free relative gives ("an operation" in "launched
    what it called an operation", "security reasons" in "over what were described as security
    reasons"), else None."""
    namer = noun.head
    if noun.dep_ == "pobj" and namer.lower_ == "as":
        namer = namer.head
    elif noun.dep_ not in ("oprd", "attr", "dobj") or noun.lower_ == "what":
        return None
    return namer if namer.pos_ == "VERB" and _names_free_relative(namer) else None


def free_relative_name(verb: Token) -> Token | None:
    """The name a naming verb gives in a free relative: "peaceful demonstrations" in "what he
    called peaceful demonstrations", "reasons" in "what were described as reasons"; None when
    `verb` names no free relative. The one test the extractor and the headline writer share."""
    if not _names_free_relative(verb):
        return None
    for child in verb.children:
        if child.dep_ in ("oprd", "attr") or child.dep_ == "dobj" and child.lower_ != "what":
            return child
        if child.dep_ == "prep" and child.lower_ == "as":  # (a quote mark may be parsed as the object)
            return next((g for g in child.children if g.dep_ == "pobj" and not g.is_punct), None)
    return None


def _named_claim(namer: Token) -> str | None:
    """The name a naming verb gives, as a claim's words ("anti-terrorist operation")."""
    named = free_relative_name(namer)
    return _claim_text(named) if named is not None else None


# Nouns that count or group happenings ("a series of raids", "a wave of arrests", "a round of talks").
# Armed resistance offered or met is fighting ("resistance" alone is also a movement's name).
RESISTING_VERBS = frozenset({"offer", "put", "mount", "meet", "encounter", "face"})
# A side giving up, told from the side that takes it: "accepted their surrender".
YIELDING_NOUNS = frozenset({"surrender", "capitulation"})
# Bodies named by the inquiry they hold: the body set up or ordered is the inquiry opened.
INQUIRY_BODIES = frozenset({"court", "commission", "board", "panel", "committee", "tribunal"})
# Coming through violence alive: "survived an assassination attempt", "escaped an ambush", "was
# unhurt in the attack", "was the target of a bombing". The violence happened, and whoever came
# through it was its target, not its doer.
SURVIVING_VERBS = frozenset({"survive", "escape", "withstand"})
UNHARMED_WORDS = frozenset({"unhurt", "unharmed", "uninjured", "unscathed"})
# An act tried: "an assassination attempt", "a bid on his life" name the violence of their modifier.
ATTEMPT_NOUNS = frozenset({"attempt", "bid"})


# Verbs of trying: "rebels tried to storm the base" tells an assault that happened, whatever came of
# it; "gunmen tried to kill the governor" an attack, not a death; "tried to take the town" an
# offensive, not a capture. Only force and crowds are tried this way: "police tried to stop the
# violence" and "aid agencies trying to provide relief" tell no happening.
ATTEMPT_VERBS = frozenset({"try", "attempt"})
ATTEMPTED_AS = {"casualties": "attack", "territorial_control": "military_action"}
ATTEMPTED_FAMILIES = frozenset({"violence", "protest", "politics"})


def _moves_to_act(verb: Token) -> bool:
    """ "The junta moved swiftly to purge the command", "police moved to break up the crowd": "move"
    with a to-infinitive and no direction of its own says an act was taken in hand, as "began to"
    does; "troops moved in to disperse them", "moved to the border" are motions."""
    if _lemma(verb) != "move" or any(c.dep_ in ("prt", "prep", "dobj") for c in verb.children):
        return False
    return any(c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
               and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in verb.children)


# Verbs of constraint: "were forced to retreat", "was compelled to fire".
CONSTRAINING_VERBS = frozenset({"force", "compel", "oblige"})


def _obliged_in_the_past(verb: Token) -> bool:
    """ "The police had to use tear gas", "the troops were forced to retreat": told in the past, what
    they had to do was done. (In the present or the future, "have to", "will be forced to", it is not yet.)"""
    if _lemma(verb) == "have":
        return verb.tag_ == "VBD" and not any(c.dep_ == "aux" for c in verb.children)
    if _lemma(verb) in CONSTRAINING_VERBS:
        return any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children) \
            and not any(c.dep_ == "aux" for c in verb.children)
    return False


def _attempted(vt: tuple[str, str | None, int | None], lex: EventLexicon):
    """The happening an attempt at a typed act tells, or None when trying it tells none."""
    typ = ATTEMPTED_AS.get(vt[0], vt[0])
    return (typ, *vt[1:]) if lex.types[typ].family in ATTEMPTED_FAMILIES else None


def attempt_made(verb: Token) -> Token | None:
    """The verb "make" of "made an attempt to <verb>" or "attempts were made to <verb>", for the
    infinitive <verb>; None when the verb is no such attempt's."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "acl" and _lemma(head) in ATTEMPT_NOUNS and head.dep_ in ("dobj", "nsubjpass") \
            and _lemma(head.head) == "make":
        return head.head  # "made an attempt to storm the prison"
    if verb.dep_ in ("advcl", "xcomp") and _lemma(head) == "make" and any(
            c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in ATTEMPT_NOUNS for c in head.children):
        return head  # "four attempts were made to burn the legation" (the parser hangs the aim on "made")
    return None


def _attempt_on_a_life(noun: Token) -> bool:
    """ "an attempt on his life", "a bid on the life of the king": an assassination attempt."""
    return _lemma(noun) in ATTEMPT_NOUNS and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(p.dep_ == "pobj" and _lemma(p) == "life" for p in c.children)
        for c in noun.children)


OUSTING_VERBS = frozenset({"oust", "overthrow", "topple", "dislodge", "depose", "unseat", "overturn"})


def _attempt_to_oust(noun: Token) -> bool:
    """ "The most serious attempt in nine years to dislodge Strongman Peron had begun", "a bid to
    topple the king": a try at overthrowing a ruler is a coup attempt."""
    return _lemma(noun) in ATTEMPT_NOUNS | {"plot", "effort"} and any(
        c.dep_ in ("acl", "relcl", "xcomp") and _lemma(c) in OUSTING_VERBS and any(a.lower_ == "to" for a in c.children)
        for c in noun.children)


# What gunshots do in the news: they are heard, ring out, echo, crack or are fired (exchanged, they
# are a clash: the lexicon's phrase).
SHOT_VERBS = frozenset({"hear", "ring", "echo", "crack", "fire", "sound", "rang", "pierce", "break"})


def _shots_of_a_gun(noun: Token) -> bool:
    """ "shots were heard near the palace", "shots rang out", "a shot was fired": a
    shot is gunfire only by what it does ("a shot of the square", "mug shots", "a long shot",
    "booster shots" and "calling the shots" are none), so only these verbs make it one."""
    if _lemma(noun) == "bullet" and noun.dep_ == "nsubj" and _lemma(noun.head) in ("ring", "rang", "crack", "echo"):
        return True  # "an assassin's bullets rang out": shots fired
    if _lemma(noun) != "shot" and noun.lower_ not in ("shot", "shots"):
        return False
    head = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ in ("VERB", "AUX") \
        and _lemma(head) in SHOT_VERBS and not any(c.dep_ == "compound" and c.lower_ in ("mug", "booster", "flu", "screen")
                                                   for c in noun.children)


def came_through(noun: Token) -> Token | None:
    """The verb by which someone came through the violence `noun` names, or None."""
    if noun.dep_ == "compound" and _lemma(noun.head) in ATTEMPT_NOUNS:
        noun = noun.head  # "an assassination attempt": the attempt is what the clause holds
    head = noun.head
    if noun.dep_ == "dobj" and _lemma(head) in SURVIVING_VERBS and head.pos_ == "VERB":
        return head
    if noun.dep_ == "pobj" and head.lower_ == "in":
        state = head.head  # "was unhurt in", "escaped unharmed in"
        if state.lower_ in UNHARMED_WORDS:
            return state.head if state.head.pos_ in ("VERB", "AUX") else None
        if state.pos_ in ("VERB", "AUX") and any(c.lower_ in UNHARMED_WORDS for c in state.children):
            return state  # the small parser hangs "in the blast" on the verb beside "unhurt"
    if noun.dep_ == "pobj" and head.lower_ == "of" and _lemma(head.head) == "target" \
            and head.head.dep_ == "attr" and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head  # "the envoy was the target of a bombing"
    return None


def survivor_clause(pred: Token, trigger: Token) -> bool:
    """Whether the event's clause tells of someone coming through it (its subject is the target)."""
    survived = came_through(trigger) if trigger.i != pred.i else None
    return survived is not None and survived.i == pred.i


# Verbs that bring news of a happening named as their object, in the present as in the past.
PRESENT_REPORTING_VERBS = frozenset({"report", "confirm"})
SERIES_NOUNS = frozenset({"series", "wave", "string", "spate", "round", "volley", "salvo", "flurry", "barrage",
                          "number", "couple", "pair", "set", "succession", "chain", "campaign", "batch",
                          "outbreak", "eruption", "flare-up", "burst"})  # ("an outbreak of rioting")


LEFT_TOLL_WORDS = frozenset({"dead", "killed", "injured", "wounded", "hurt"})
TOLL_DEPS = frozenset({"oprd", "advcl", "xcomp", "ccomp", "acomp"})


def _left_toll(tok: Token, lex: EventLexicon) -> tuple[str, Token, Token] | None:
    """(type, trigger, toll word) for "Fighting between the army and rebels left 20 people dead",
    "the airstrike left dozens wounded": the happening that left them, else their toll. None for
    every other verb, and for "left them homeless" said of a flood."""
    if tok.pos_ != "VERB" or _lemma(tok) != "leave":
        return None
    toll = next((c for c in tok.children if c.dep_ in TOLL_DEPS and c.lower_ in LEFT_TOLL_WORDS), None)
    if toll is None:
        return None
    doer = next((c for c in tok.children if c.dep_ == "nsubj"), tok.head if tok.dep_ == "acl" else None)
    if doer is not None:
        typ = lex.noun_types.get(_lemma(doer)) or lex.noun_types.get(doer.lower_)
        if typ is None and doer.pos_ == "VERB":
            typ = lex.verb_types.get(_lemma(doer))  # "Fighting ... left 20 dead"
        if typ is not None and lex.types[typ].family == "violence":
            return typ, doer, toll
        if any(w in lex.hazard_nouns for w in (_lemma(doer), doer.lower_)):
            return None  # "the floods left 12 dead": no act of war
    return "casualties", toll, toll


def _placed_at(copula: Token, lex: EventLexicon) -> bool:
    """ "was at the mosque", "was in the market": the copula places its subject at a place."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "in", "on", "near", "outside", "inside") and any(
        g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(g) in lex.ground_nouns | lex.site_nouns)
        for g in c.children) for c in copula.children)


def _saw_its_worst(noun: Token) -> Token | None:
    """ "Stone-throwing, arson and vandalism saw its worst spell on Tuesday": a happening whose
    worst (or heaviest, bloodiest) day is told has taken place; the verb, or None."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head  # ("arson" of "stone-throwing between rival groups, arson and vandalism")
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            noun = noun.head.head  # (the parser may hang the list on the first one's "between" phrase)
    verb = noun.head
    if noun.dep_ != "nsubj" or _lemma(verb) not in ("see", "witness", "reach", "hit"):
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if any(c.dep_ == "poss" for c in obj.children) and any(c.tag_ == "JJS" for c in obj.children):
            return verb
    return None


# Verbs by which a happening comes after, with or upon another: "riots followed the funeral".
SEQUEL_VERBS = frozenset({"follow", "greet", "accompany", "mar", "punctuate"})
# What a meeting does when it has been held: it decides, resolves, approves, calls for.
RESOLVING_VERBS = frozenset({"decide", "resolve", "agree", "approve", "adopt", "endorse", "vote", "pass", "reject",
                             "elect", "appoint", "choose", "conclude", "issue", "urge", "demand", "condemn",
                             "recommend", "authorize", "authorise", "discuss", "consider"})


def _first_of_a_list(tok: Token) -> Token:
    """The first noun of the list `tok` is coordinated into ("looting" of "murder, vandalism and
    looting"), or `tok` itself."""
    while tok.dep_ == "conj" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def _noun_construction(tok: Token, lex: EventLexicon) -> Token | None:
    """The verb that makes a trigger noun report an event, or None when it is a mere mention."""
    trigger = tok
    namer = free_relative_namer(tok)
    if namer is not None:
        # "Azerbaijan launched what it called an anti-terrorist operation": the operation is carried
        # by the verb the free relative is the object of. "condemned what it called an attack": the
        # attack is the condemnation's words, a mention.
        outer = namer.head
        if namer.dep_ in ("ccomp", "dobj", "xcomp") and outer.pos_ in ("VERB", "AUX") \
                and _lemma(outer) in lex.support_verbs:
            return outer
        return None
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in ATTEMPT_NOUNS and tok.head.pos_ == "NOUN":
        tok = tok.head  # "a coup attempt was under way": the attempt is where the coup stands
    elif (listed := _first_of_a_list(tok)).dep_ == "pobj" and listed.head.lower_ == "of" \
            and listed.head.head.lemma_.lower() in SERIES_NOUNS and listed.head.head.pos_ == "NOUN":
        # "carried out a series of raids": the series is where the raids stand (and "a wave of
        # murder, vandalism and looting" is where each of them stands)
        tok = listed.head.head
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in INQUIRY_BODIES \
            and lex.noun_types.get(_lemma(tok)) == "legal_action":
        tok = tok.head.head  # "ordered a court of inquiry", "a commission of inquiry was set up"
    head = tok.head
    # "a meeting (of the Council), which will take place on Thursday"; "the coup attempt, which began
    # late Monday" (the noun naming the happening modifies the one the clause hangs on)
    holders = _with_what_it_counts(tok) + ([tok.head] if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else [])
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("relcl", "acl") and _lemma(child) in lex.occurrence_verbs:
                if _lemma(child) != "take" or any(c.lower_ == "place" for c in child.children):
                    return child
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(tok) == "resistance" and _lemma(head) in RESISTING_VERBS:
        return head  # "loyalists offered some resistance around the compound", "met stiff resistance"
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(tok) in YIELDING_NOUNS and _lemma(head) in ("accept", "receive", "take"):
        return head  # "received the unconditional surrender of all the troops": the surrender happened
    if tok.dep_ == "nsubjpass" and _lemma(head) in RAISING_REPORT_VERBS:
        for clause in (c for c in head.children if c.dep_ == "xcomp" and _lemma(c) in lex.occurrence_verbs):
            return clause  # "hostilities are reported to have commenced": the occurrence, as reported
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX") and _lemma(head) in lex.support_verbs \
            and not (tok.dep_ == "nsubjpass" and head.i - tok.i > SUBJECT_REACH and not _verb_right_after(tok, head)):
        # (a verb far after its subject is more likely the parser's mistake than the noun's verb,
        # unless all that stands between them is the subject's own long phrase: "The revolt, over
        # the reforms that ..., was set off when ...")
        return head
    for child in tok.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and _lemma(child) in lex.support_verbs and any(
                c.dep_ in ("agent", "prt") or c.dep_ == "prep" and c.lower_ in ("on", "in", "at") for c in child.children):
            return child  # "an airstrike carried out by the military on Tuesday", "a raid launched at dawn"
    if tok.dep_ == "nsubj" and _lemma(head) in lex.occurrence_verbs and not any(c.dep_ == "dobj" and c.lower_ not in ("place", "effect") for c in head.children):
        return head  # "war broke out" (but not "the attacks have escalated tensions")
    if _lemma(tok) == "session" and tok.dep_ == "pobj" and head.lower_ in ("into", "in") \
            and _lemma(head.head) in ("go", "meet", "sit", "remain", "stay") and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "the Cabinet went into emergency session", "met in closed session"
    if tok.dep_ == "pobj" and head.dep_ == "agent" and _lemma(head.head) == "follow":
        return head.head  # "the nun's death was followed by bloody rioting": the rioting came next
    if tok.dep_ == "nsubj" and head.tag_ == "VBD" and _lemma(head) in SEQUEL_VERBS \
            and lex.types[lex.noun_types.get(_lemma(tok), "statement")].family in ("violence", "protest"):
        return head  # "serious disorders followed a public funeral", "clashes marred the vote": they came
    if tok.dep_ == "nsubj" and lex.noun_types.get(_lemma(tok)) == "diplomacy_meeting" and head.tag_ == "VBD" \
            and _lemma(head) in RESOLVING_VERBS:
        return head  # "a Cabinet meeting, at which the general was present, decided to urge ...": it was held
    if tok.dep_ in ("nsubj", "conj") and (worst := _saw_its_worst(tok)) is not None:
        return worst  # "the looting saw its worst spell on Tuesday"
    if tok.dep_ in ("attr", "nsubj") and _lemma(head) == "be" and any(c.dep_ == "expl" for c in head.children) \
            and not any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in tok.children):
        return head  # "on Friday night there was a shootout", "there have been clashes" (told in the
        # present, "there is fighting", it is a state and _keep drops it)
    told = _told_in_reports(tok)
    if told is not None:
        return told  # "there were reports of shelling near the port": reported, not confirmed
    if lex.types[lex.noun_types.get(_lemma(tok), "attack")].family == "violence":
        survived = came_through(tok)
        if survived is not None:
            return survived
    shaken = shaken_by(tok, trigger)
    if shaken is not None:
        return shaken
    violent = lex.types[lex.noun_types.get(_lemma(tok), "statement")].family == "violence"
    if violent and tok.dep_ == "pobj" and head.lower_ == "in" and _lemma(head.head) == "engage":
        return head.head  # "engaged in a fierce firefight with the guards"
    if violent and tok.dep_ == "dobj" and _lemma(head) == "have" and head.tag_ == "VBD":
        return head  # "protesters and police had a violent confrontation" (a past one, not "have a war")
    if violent and tok.dep_ == "nsubj" and _lemma(head) == "be" and head.tag_ == "VBD" and _placed_at(head, lex):
        return head  # "the first attack was at the mosque in Deans Ave": where it happened, told as done
    if tok.dep_ == "nsubj" and _under_way(head):
        return head  # "arrests of officers were under way", "an offensive was underway in the north"
    if tok.dep_ == "nsubj" and _lemma(head) == "be" and head.tag_ in ("VBD", "VBN") and any(
            c.dep_ == "acomp" and c.lower_ in ACHIEVED_WORDS for c in head.children):
        return head  # "the coup was successful", "the evacuation was complete by nightfall": it happened
    if tok.dep_ == "nsubj" and _comes_into_force(head):
        return head  # "a cease-fire went into effect on Sunday", "the truce entered into force"
    if tok.dep_ == "pobj" and head.lower_ == "on" and _lemma(head.head) in ("go", "be", "remain", "stay"):
        return head.head  # "went on strike", "remain on hunger strike", "went on the offensive"
    if tok.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "had been under Armenian control", "came under attack"
    if tok.dep_ == "pobj" and head.lower_ == "in" and _lemma(head.head) == "be" and lex.noun_types.get(_lemma(tok)) in (
        "diplomacy_meeting", "consultation", "territorial_control"
    ):
        return head.head  # "has been in talks with", "the militia was in control of the airport"
    return None


def _verb_right_after(subject: Token, verb: Token) -> bool:
    """The subject, then an aside set off by commas, then only the verb's auxiliaries: "The revolt,
    over the reforms that ..., was set off". (With no comma, the nouns just before the verb are
    more likely its subject: "... the prison, where inmates climbed to the roofs as shots were heard".)"""
    between = list(subject.doc[subject.right_edge.i + 1:verb.i])
    while between and between[-1].head.i == verb.i and between[-1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        between.pop()  # "..., was set off", "..., has not been lifted"
    return bool(between) and between[0].text == "," and between[-1].text == ","


# Words between an event noun and the verb it is the passive subject of, beyond which the link is
# not trusted ("announced the release of all the guards held in the prison, where the inmates had
# climbed to the roofs as shots were heard": the release was not heard).
SUBJECT_REACH = 12


# Words of a time expression: the names of months and days from the temporal tagger's lexicon (one
# list for both), and the units and parts of a day.
TIME_WORDS = lexicon().full_names | frozenset({
    "mid", "morning", "afternoon", "evening", "night", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "hours", "minutes", "dawn", "midnight", "noon"})


# Where protesters "take to": the public places a crowd fills.
PUBLIC_PLACES = frozenset({"street", "streets", "square", "squares", "road", "roads", "avenue", "avenues",
                           "boulevard", "highway", "highways", "rooftop", "rooftops", "barricade", "barricades"})


def _took_to_the_streets(verb: Token, to: Token) -> bool:
    """ "Thousands took to the streets": taking to a public place, with nothing taken along."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(g.dep_ == "pobj" and g.lower_ in PUBLIC_PLACES for g in to.children)


def _of_time(prep: Token) -> bool:
    """A preposition of time ("joined forces in mid-December", "in 2007"): no particle of a
    phrasal verb ("joined in")."""
    return prep.dep_ == "prep" and any(
        g.dep_ == "pobj" and (g.like_num or any(t.lower_ in TIME_WORDS for t in _own_words(g))) for g in prep.children)


def _own_words(noun: Token) -> list[Token]:
    """A noun phrase's words without what its own prepositions and clauses add: "a ceasefire", not
    "a ceasefire on Monday"."""
    words = [noun]
    for child in noun.children:
        if child.dep_ not in ("prep", "relcl", "acl", "appos", "conj", "cc"):
            words.extend(_own_words(child))
    return words


# Violence that strikes the senses or sweeps a place: news tells fighting by what it did to where
# it happened ("explosions rocked the capital", "gunfire echoed across the valley", "clashes swept
# the port city", "the town was shaken by shelling"). The nouns are bursts of violence, not
# long-running states: "the war shook the economy" tells no happening of a day.
SHAKING_VERBS = frozenset({"rock", "shake", "rattle", "jolt", "engulf", "grip", "sweep", "echo", "ring",
                           "reverberate", "boom", "thunder", "rip", "tear", "roil", "convulse", "rack", "wrack",
                           "spread", "spill", "light",
                           # and what a blast does to what it hits: "a bomb tore the roof off a bus"
                           "wreck", "shatter", "gut", "devastate", "flatten"})
BURST_NOUNS = frozenset({"clash", "fighting", "battle", "gunbattle", "gun-battle", "firefight", "skirmish",
                         "shootout", "violence", "explosion", "blast", "detonation", "gunfire", "gunshot",
                         "shelling", "bombardment", "bombing", "barrage", "salvo", "volley", "airstrike",
                         "airstrikes", "shooting", "attack", "raid", "rocket", "missile", "mortar", "grenade",
                         "car-bomb", "firebomb", "shot", "bullet",
                         # and what a mob does, when it sweeps or grips a town: "a wave of murder and
                         # looting swept the city", "rioting gripped the capital"
                         "killing", "murder", "looting", "rioting", "riot", "unrest", "arson", "massacre",
                         "bloodshed", "lawlessness", "vandalism"})


def shaken_by(noun: Token, trigger: Token | None = None) -> Token | None:
    """The verb by which a burst of violence shook or swept a place ("explosions rocked the
    city", "the city was rocked by a series of blasts"), or None. `noun` is the phrase's head, which
    may be the series the `trigger` word stands in."""
    if _lemma(trigger if trigger is not None else noun) not in BURST_NOUNS:
        return None
    head = noun.head
    if noun.dep_ == "nsubj" and head.pos_ == "VERB" and _lemma(head) in SHAKING_VERBS:
        return head
    if noun.dep_ == "pobj" and head.dep_ == "agent" and _lemma(head.head) in SHAKING_VERBS:
        return head.head
    return None


def _under_way(verb: Token) -> bool:
    """ "was under way", "is underway": what the subject names was going on."""
    if _lemma(verb) != "be":
        return False
    return any(c.lower_ == "underway" or (c.dep_ == "prep" and c.lower_ == "under" and any(
        g.lower_ == "way" for g in c.children)) for c in verb.children)


def _comes_into_force(verb: Token) -> bool:
    """ "went into effect", "came into force", "entered into force", "took effect", "a truce took
    hold": an agreement or a measure began to apply, a happening of the day."""
    lemma = _lemma(verb)
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ in ("effect", "hold") for c in verb.children)
    if lemma == "enter" and any(c.dep_ == "dobj" and c.lower_ == "force" for c in verb.children):
        return True
    return lemma in ("go", "come", "enter") and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(p.dep_ == "pobj" and p.lower_ in ("effect", "force") for p in c.children)
        for c in verb.children)


def detect(span: Span, lex: EventLexicon, timex_tokens: frozenset[int] = frozenset(),
           future_tokens: frozenset[int] = frozenset()) -> list[DetectedEvent]:
    """The events one sentence reports, in order of their trigger. `future_tokens` are the tokens of
    dates after the story's day ("on Thursday" of a story written on Tuesday)."""
    found: dict[int, DetectedEvent] = {}  # by predicate token
    suppressed: set[int] = set()
    told_as_toll: set[int] = set()  # "dead", "wounded" of "left 20 dead": part of the event that left them
    for tok in span:
        if tok.i in timex_tokens or tok.i in told_as_toll:
            continue
        left = _left_toll(tok, lex)
        if left is not None:
            typ, trigger, toll = left
            told_as_toll.add(toll.i)
            _offer(found, DetectedEvent(typ, trigger.i, tok.i, "asserted"), lex)
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("nsubj", "csubj", "aux") and tok.tag_ == "VBG" \
                and _lemma(tok.head) in lex.occurrence_verbs and (
                    _lemma(tok) in lex.verb_types or tok.lower_ in lex.noun_types):
            # "Fighting continued in July", "as government shelling continued": the gerund names the
            # happening, the verb says it went on (the small parser sometimes calls it an auxiliary)
            typ = lex.noun_types.get(tok.lower_) or lex.verb_types[_lemma(tok)]
            _offer(found, DetectedEvent(typ, tok.i, tok.head.i, "asserted"), lex)
            continue
        if tok.pos_ == "VERB" and (tok.dep_ == "xcomp" and (_lemma(tok.head) in lex.aspect_verbs
                                                            or _lemma(tok.head) in ATTEMPT_VERBS
                                                            or _obliged_in_the_past(tok.head))
                                   or tok.dep_ in ("xcomp", "advcl") and _moves_to_act(tok.head)) \
                and tok.head.pos_ in ("VERB", "AUX") and not _reports(tok, lex):
            # "militias began shelling the town", "soldiers continued to fire": the act happened,
            # and the clause's verb (its tense, subject, date and negation) is the aspect verb's.
            # Not when the aspect verb has an object of its own: in "began an operation to retake
            # the town" the operation is what began, and retaking it is only its purpose.
            vt = _verb_type(tok, lex)
            if vt is not None and _lemma(tok.head) in ATTEMPT_VERBS:
                # (an effort told as going on, "while he was trying to beat back the rebels", is
                # the background of what the sentence reports)
                vt = _attempted(vt, lex) if tok.head.tag_ != "VBG" else None
            if vt is not None and tok.head.i not in found and not any(
                    c.dep_ == "dobj" or c.dep_ == "nsubjpass" and not _obliged_in_the_past(tok.head)
                    for c in tok.head.children):
                _offer(found, DetectedEvent(vt[0], tok.i, tok.head.i, "asserted", claim=vt[1], claim_holder=None), lex)
            continue
        made = attempt_made(tok) if tok.pos_ == "VERB" else None
        if made is not None:
            # "four attempts were made to burn the legation", "rebels made an attempt to storm the
            # prison": tried as "tried to" tells it, told by the verb that made the attempt
            vt = _verb_type(tok, lex)
            vt = _attempted(vt, lex) if vt is not None else None
            if vt is not None and made.i not in found:
                _offer(found, DetectedEvent(vt[0], tok.i, made.i, "asserted", claim=vt[1], claim_holder=None), lex)
            continue
        if tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.head.i < tok.i \
                and tok.head.pos_ in ("VERB", "AUX") and tok.head.i not in found and not _reports(tok.head, lex) \
                and tok.head.i not in timex_tokens \
                and _verb_type(tok.head, lex) is None:
            # "A car bomb ripped through a market, killing 14": the toll told as a detail of a clause
            # that names no act of war itself is what happened, told by that clause (its subject,
            # tense and date). Of an event's clause ("shelled the town, killing 12") it stays a detail.
            vt = _verb_type(tok, lex)
            if vt is not None and lex.types[vt[0]].family == "violence":
                clause = tok.head
                # what struck: "shells", "a car bomb", "mortar rounds" (the weapon or its modifier)
                weapon = any({_lemma(w), w.lower_, w.lower_.removesuffix("s")} & lex.violence_words
                             for c in clause.children if c.dep_ == "nsubj"
                             for w in (c, *(m for m in c.children if m.dep_ == "compound")))
                typ = "attack" if weapon else (_killer_type(clause, lex) or vt[0])
                _offer(found, DetectedEvent(typ, clause.i, clause.i, "asserted"), lex)
                continue
        if tok.pos_ == "VERB" and not _adjectival(tok):
            if _reports(tok, lex):
                continue  # speech verbs are handled with what they report (_reported_speech)
            if _self_directed(tok):
                continue  # "he surrounded himself with advisers": no encirclement
            if _source_protection(tok):
                continue  # "an official who asked not to be named": how the source is quoted, no happening
            if _fights_no_enemy(tok):
                continue  # "firefighters fought the blaze", "fought through choking smoke": no clash
            vt = _verb_type(tok, lex)
            if vt is None:
                continue
            typ, claim, _ = vt
            _offer(found, DetectedEvent(typ, tok.i, tok.i, "asserted", claim=claim, claim_holder=None), lex)
        elif tok.lower_ == "dead" and (being := _the_dead_counted(tok, lex)) is not None and being.i not in found:
            # "at least 40 people are dead after the blast", "two ministers were dead": a toll told
            found[being.i] = DetectedEvent("casualties", tok.i, being.i, "asserted")
        elif tok.pos_ == "NOUN" and _lemma(tok) in DISCOVERY_NOUNS and _of_remains(tok, lex) and tok.i not in found:
            # "the discovery of the bodies of five men", "the exhumation of a mass grave": the dead,
            # found, as "seven bodies were found" is
            found[tok.i] = DetectedEvent("casualties", tok.i, tok.i, "asserted")
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ") and (typ := _noun_type(tok, lex)) is not None:
            if _lemma(tok) in lex.plural_only_nouns and tok.tag_ == "NN":
                continue  # "made talk of a ceasefire meaningless": talk, not talks
            if _lemma(tok) in ("strike", "walkout") and _labour_strike(tok, lex):
                typ = "protest"  # "workers went on strike": a stoppage, not a military strike
            if tok.pos_ == "ADJ" and tok.dep_ not in ("dobj", "nsubj", "pobj"):
                continue
            if _lemma(tok) in lex.person_object_verbs and not _of_people(tok, lex):
                continue  # "the release of eleven guards", never "the release of a statement"
            if _lemma(tok) in ESCAPE_NOUNS and not _out_of_custody(tok):
                continue  # "the escape of 39 inmates from a jail", never "a narrow escape", "a break"
            if _attribution(tok):
                continue  # "..., according to a statement issued by the ministry": the source, no act
            if _lemma(tok) == "case" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "over", "into"):
                continue  # "convicted him in a 2002 rape case", "a suspect in the case": the frame of an act
            if _lemma(tok) in SHOWING_NOUNS and any(_of_objects(tok)) and not _of_many(tok, lex):
                continue  # "a demonstration of the warlike attitude", "of force": a showing, no protest
            etype = lex.types[typ]
            subject = tok if tok.dep_ == "nsubj" else _counted_subject(tok)
            if etype.subject_event and subject is not None:
                verb = subject.head
                head_type = _verb_type(verb, lex) if verb.pos_ == "VERB" else None
                if head_type is not None and not lex.types[head_type[0]].verbal:
                    continue  # "demonstrators torched the headquarters": the torching, by demonstrators
                if _lemma(tok) in lex.participant_nouns and _lemma(verb) not in lex.gathering_verbs:
                    continue  # "another protester stepped in": a person, not a protest
                suppressed.add(verb.i)
                found[verb.i] = DetectedEvent(typ, tok.i, verb.i, "asserted")
                continue
            pred = _noun_construction(tok, lex)
            if pred is None and (_dated_noun(tok, timex_tokens, lex.participant_nouns) or _listed_happening(tok, lex)
                                 or _meeting_held_before(tok, typ)):
                # "an 18 August attack on the village", "the January 28 killing of four farmers",
                # "incidents were recorded, including an attack on ...": a happening of its own
                if not lex.types[typ].verbal and tok.i not in found:
                    found[tok.i] = DetectedEvent(typ, tok.i, tok.i, "asserted")
                continue
            if pred is None:
                continue
            # "requested an emergency meeting": the request is the event, unless the noun is said to occur
            if pred.i in found and found[pred.i].trigger == pred.i and pred.head is not tok:
                continue
            _offer(found, DetectedEvent(typ, tok.i, pred.i, "asserted"), lex)

    events: list[DetectedEvent] = []
    for pred_i, ev in sorted(found.items(), key=lambda kv: kv[1].trigger):
        if pred_i in suppressed and ev.trigger == pred_i:
            continue
        if _keep(span, ev, lex, timex_tokens, future_tokens):
            events.append(ev)
    events = [_attributed(span.doc, ev, lex) for ev in events]
    blamed = {ev.trigger for ev in events if ev.blamed}
    events = [ev for ev in events if ev.blamed or ev.trigger not in blamed]
    events = _reported_speech(span, events, lex)
    events = _attach_characterisations(span, events)
    return _fold(span, events, lex)


# Verbs that keep a state going: a participle after them ("the road stayed blocked", "the region
# remained banned to reporters") says how things stood, not that anyone acted. (Their forms too:
# read as an auxiliary, "remained" keeps itself as its lemma.)
STATE_KEEPING_VERBS = frozenset({"remain", "remains", "remained", "remaining", "stay", "stays", "stayed", "staying"})


def _adjectival(verb: Token) -> bool:
    """A participle that describes a noun rather than telling an act: "a controlled lifting", also
    when coordinated with an adjective ("a progressive or controlled lifting"), or after a verb
    that keeps a state ("remained banned", which the parser reads as a passive)."""
    if verb.dep_ in ("amod", "compound"):
        return True
    if _before_a_title(verb):
        return True
    if any(c.dep_ == "auxpass" and (_lemma(c) in STATE_KEEPING_VERBS or c.lower_ in STATE_KEEPING_VERBS)
           for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.head.dep_ in ("amod", "compound") and verb.head.i < verb.i:
        return True
    # "for the repressed and imprisoned": people named by what befell them, after an adjective
    # that the determiner makes a noun (no auxiliary or subject of its own tells an act)
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and head.i < verb.i and head.pos_ == "ADJ" \
        and head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr") \
        and any(c.dep_ == "det" for c in head.children) \
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


# Words that open a title after its participle: "newly elected Prime Minister X".
TITLE_OPENERS = frozenset({"prime", "vice", "deputy", "acting", "interim"})


def _before_a_title(verb: Token) -> bool:
    """A bare past participle set before a title, which a parser may take for a clause of its own:
    "recently elected Prime Minister Sheikh X warned", "the newly appointed governor"."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in verb.children):
        return False
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return following is not None and (following.lower_ in TITLE_OPENERS or _lemma(following) in OFFICE_WORDS)


# Verbs of encirclement and placement whose object is the subject itself tell how someone
# behaves, not a move against anyone: "he surrounded himself with starlets", "distanced itself".
SELF_DIRECTED_VERBS = frozenset({"surround", "encircle", "distance", "isolate", "position", "align"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "ourselves", "myself", "yourself"})


# What is fought without any enemy: fire and smoke, water, illness, one's own body. (Struggle
# verbs whose object or "through"/"against" names one of these tell a rescue or an ordeal.)
STRUGGLE_VERBS = frozenset({"fight", "battle", "combat", "struggle"})
NO_ENEMIES = frozenset({"fire", "blaze", "flame", "smoke", "inferno", "wildfire", "bushfire", "flood", "floodwater",
                        "water", "current", "wave", "disease", "epidemic", "virus", "illness", "cancer", "infection",
                        "tear", "fatigue", "exhaustion", "sleep", "hunger", "cold", "heat", "pain", "wind", "snow"})


def _fights_no_enemy(verb: Token) -> bool:
    if _lemma(verb) not in STRUGGLE_VERBS:
        return False
    fought = [c for c in verb.children if c.dep_ == "dobj"]
    fought += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("through", "against", "with")
               for g in c.children if g.dep_ == "pobj"]
    # ("fought through choking smoke", the parser reading "choking" as a gerund taking "smoke")
    fought += [d for c in verb.children if c.dep_ == "prep" and c.lower_ == "through"
               for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG" for d in g.children if d.dep_ == "dobj"]
    return bool(fought) and all(_lemma(f) in NO_ENEMIES for f in fought)


def _self_directed(verb: Token) -> bool:
    return _lemma(verb) in SELF_DIRECTED_VERBS and any(
        c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children)


# How a news source asks to be quoted: "asked not to be named", "requested anonymity", "declined to
# be identified", "on condition of anonymity". A convention of reporting, never a demand.
SOURCE_REQUEST_VERBS = frozenset({"ask", "request", "decline", "refuse", "demand", "insist", "want", "wish",
                                  "prefer", "agree", "speak", "talk", "seek", "grant", "give"})
QUOTING_VERBS = frozenset({"name", "identify", "quote", "cite", "disclose", "reveal", "publish", "attribute"})


def _source_protection(tok: Token) -> bool:
    if _lemma(tok) not in SOURCE_REQUEST_VERBS:
        return False
    for child in tok.children:
        if child.dep_ in ("dobj", "pobj") and child.lemma_.lower() == "anonymity":
            return True
        if child.dep_ == "prep" and any(g.lemma_.lower() == "condition" and any(
                w.lemma_.lower() == "anonymity" for w in g.subtree) for g in child.children):
            return True  # "speaking on condition of anonymity"
        if child.dep_ in ("xcomp", "ccomp") and _lemma(child) in QUOTING_VERBS and any(
                g.dep_ == "auxpass" for g in child.children) and (child.dep_ == "xcomp" or any(
                g.dep_ == "neg" for g in child.children)):
            return True  # "asked not to be named", "declined to be identified"
    return False


# What names a strike as a work stoppage: its kind, or the trade or the workplace that stops
# ("a general strike", "the rail strike", "a dock strike"); an air, drone or missile strike is none.
WORK_STOPPAGE_WORDS = frozenset({"general", "hunger", "labour", "labor", "nationwide", "national", "rail", "railway",
                                 "railroad", "dock", "port", "transport", "bus", "postal", "miners", "mine", "teachers",
                                 "doctors", "nurses", "wildcat", "sympathy", "warning", "workers", "sit-down"})


# What a work stoppage does as it grows: it spreads to other trades and stops a city's services.
STOPPAGE_SPREADING_VERBS = frozenset({"spread", "extend", "widen", "paralyse", "paralyze", "cripple", "involve"})


def _labour_strike(tok: Token, lex: "EventLexicon") -> bool:
    """A strike that is a work stoppage: gone on, staged or called, or by workers or staff."""
    head = tok.head
    verb = head.head if tok.dep_ == "pobj" and head.lower_ == "on" else head
    if _lemma(verb) in lex.strike_verbs or any(c.lower_ in WORK_STOPPAGE_WORDS for c in tok.children):
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and _lemma(head) in STOPPAGE_SPREADING_VERBS:
        return True  # "the strike is spreading", "the strike paralysed the port": a stoppage spreads, a raid does not
    from app.pipeline.actors import subject_of

    subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    return subj is not None and _lemma(subj) in ("worker", "employee", "staff", "union", "teacher", "doctor", "driver")


def _attributed(doc, ev: DetectedEvent, lex: "EventLexicon") -> DetectedEvent:
    """ "Shekau's faction was blamed for the killing of four farmers", "the attack has been
    attributed to X": with nobody named as blaming, the news is the happening, claimed, and who is
    blamed stands as its perpetrator."""
    pred = doc[ev.predicate]
    if ev.type not in ("accusation",) or ev.trigger != ev.predicate:
        return ev
    if not any(c.dep_ == "auxpass" for c in pred.children) or any(c.dep_ == "agent" for c in pred.children):
        return ev
    for prep in pred.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "over"):
            for noun in prep.children:
                typ = lex.noun_types.get(_lemma(noun))
                if noun.dep_ == "pobj" and typ is not None and not lex.types[typ].verbal:
                    # the happening is reported as fact; only who did it is an allegation
                    return DetectedEvent(typ, noun.i, pred.i, "asserted", blamed=True)
    return ev


# A length of time made an adjective ("a three-month truce", "a 10-day offensive"): how long, not when.
DURATION_WORD_RE = re.compile(r"^[\w.]+-(?:second|minute|hour|day|night|week|month|year|decade)s?(?:-long|-old)?$", re.IGNORECASE)


def _dated_noun(tok: Token, timex_tokens: frozenset[int], participants: frozenset[str] = frozenset()) -> bool:
    """An event noun carrying its own date: "an 18 August attack", "Monday's shelling". Not a
    reference point ("deployed after the 2020 ceasefire", "since the 2011 uprising")."""
    if tok.dep_ == "pobj" and tok.head.lower_ in TEMPORAL_MARKS | {"following", "during", "ahead", "prior", "to"}:
        # a reference point ("since the 2011 uprising") is no news, unless the day it names is its
        # own ("clashes since his arrest on Wednesday": the arrest, that Wednesday)
        return tok.head.lower_ in ("since", "after", "following") and any(
            c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" and g.i in timex_tokens for g in c.children)
            for c in tok.children)
    return any((c.i in timex_tokens and c.dep_ in ("compound", "nummod", "poss", "nmod", "amod", "npadvmod")
                or any(g.i in timex_tokens for g in c.subtree) and c.dep_ in ("compound", "poss", "nmod"))
               and not DURATION_WORD_RE.match(c.doc[c.left_edge.i:c.right_edge.i + 1].text)
               # "a civil war that ravaged the country in the 1990s": dated by the clause that tells it
               or c.dep_ == "relcl" and any(g.i in timex_tokens for g in c.subtree if g.head.i == c.i or g.head.head.i == c.i)
               # "the demonstrations on Sunday night", as "Sunday night's demonstrations" (not the
               # people: "rioters on Sunday overturned cars" tells what the rioters did)
               or c.dep_ == "prep" and c.lower_ == "on" and _lemma(tok) not in participants
               and any(g.dep_ == "pobj" and g.i in timex_tokens for g in c.children)
               and not any(d.dep_ in ("det", "neg") and d.lower_ in ("no", "not", "never") for d in tok.children)
               and not _wished_for(tok)
               for c in tok.children)


# Verbs whose object is wished for, not reported: "called for a ceasefire on Monday".
WISHING_VERBS = frozenset({"call", "urge", "demand", "seek", "want", "propose", "plan", "press", "push", "appeal",
                           "ask", "request", "offer", "suggest", "threaten", "vow", "promise", "pledge", "hope"})


def _wished_for(noun: Token) -> bool:
    """The noun is what someone called for, demanded or threatened, not a happening reported."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    return noun.dep_ in ("dobj", "pobj") and _lemma(head) in WISHING_VERBS


# What a meeting held before the news is told after: "told reporters after an emergency cabinet
# meeting", "following an emergency session yesterday".
AFTER_PREPOSITIONS = frozenset({"after", "following"})
MEETING_TYPES = frozenset({"diplomacy_meeting", "consultation"})


def _meeting_held_before(tok: Token, typ: str) -> bool:
    """A meeting named as what something followed ("she told reporters after an emergency cabinet
    meeting") was held: a happening told in passing, as a dated noun is. What is told in the
    future after a meeting ("will speak after the summit") does not say it was held."""
    return typ in MEETING_TYPES and tok.dep_ == "pobj" and tok.head.lower_ in AFTER_PREPOSITIONS \
        and tok.head.head.pos_ in ("VERB", "AUX") and tok.head.head.tag_ in ("VBD", "VBN")


def _listed_happening(tok: Token, lex: "EventLexicon") -> bool:
    """An event noun listed as one of several reported happenings: "incidents were recorded,
    including an attack on the village"."""
    head = tok.head
    if tok.dep_ != "pobj" or head.lower_ not in ("including", "notably", "like"):
        return False
    holder = head.head
    return _lemma(holder) in lex.noun_types and not lex.types[lex.noun_types[_lemma(holder)]].verbal


def _attach_characterisations(span: Span, events: list[DetectedEvent]) -> list[DetectedEvent]:
    """ "France condemned Azerbaijan for what it called unjustified military action": the embedded
    "called" is France's characterisation (a claim of the condemnation), not a separate event."""
    doc = span.doc
    out = []
    for ev in events:
        pred = doc[ev.predicate]
        if ev.trigger == ev.predicate and (
                ev.claim and _lemma(pred) == "call" and pred.dep_ in ("pcomp", "relcl", "acl", "advcl")
                or _names_free_relative(pred)):
            # "launched what it called an anti-terrorist operation": the name is the claim of the
            # event that holds the clause, wherever its trigger stands in the sentence
            ancestors = {a.i for a in pred.ancestors}
            parent = next((o for o in events if o is not ev and o.predicate in ancestors), None)
            if parent is not None:
                parent.claim = parent.claim or ev.claim or _named_claim(pred)
                continue
            if _names_free_relative(pred) and pred.dep_ == "pcomp" and pred.head.head.pos_ in ("NOUN", "PROPN"):
                continue  # "the use of what we call user-generated material": a name, nobody's statement
        out.append(ev)
    return out


def _offer(found: dict[int, DetectedEvent], ev: DetectedEvent, lex: EventLexicon) -> None:
    """One event per predicate: a noun trigger beats its support verb, else the higher priority."""
    old = found.get(ev.predicate)
    if old is None:
        found[ev.predicate] = ev
        return
    old_noun = old.trigger != old.predicate
    new_noun = ev.trigger != ev.predicate
    if new_noun and not old_noun and lex.types[old.type].verbal is False:
        found[ev.predicate] = ev
    elif new_noun == old_noun and lex.types[ev.type].priority > lex.types[old.type].priority:
        found[ev.predicate] = ev


def _has_aux(tok: Token, words: frozenset[str] | set[str]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in words:
            return c
    return None


# Prepositions whose gerund tells an act done before the clause's own ("withdrew after shelling
# the town"): a happening of its own, not a detail of that clause. The headline writer shares it.
EARLIER_PREPS = frozenset({"after", "following"})


def _counted_earlier_happening(pred: Token, lex: EventLexicon) -> bool:
    """ "The bombing came a day after militants ambushed a convoy": a clause counted from ("a day",
    "two weeks" before "after") with a party of its own as subject tells a happening of its own,
    not the one already reported ("hours after the attack began" refers back)."""
    # the parser hangs the count on the clause's verb or on "after"
    mark = next((c for c in pred.children if c.dep_ == "mark" and c.lower_ == "after"), None)
    if mark is None or not any(c.dep_ == "npadvmod" and c.lemma_.lower() in ("day", "week", "month")
                               for c in (*mark.children, *pred.children)):
        return False
    subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("it", "this", "that") or _lemma(subject) in lex.noun_types:
        return False
    return not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children) \
        or _lemma(subject) in lex.force_nouns


def _told_next_happening(pred: Token, ev: "DetectedEvent", lex: EventLexicon) -> bool:
    """ "Rebels held the town for a week before troops retook it", "hours went by before order
    was restored": a clause after "before", told in the past by its own verb of a party's act,
    is what happened next. Not a happening named by a noun ("before the attack occurred": the
    attack is the reference point), nor one still to come ("must leave before the vote is held")."""
    if not any(c.dep_ == "mark" and c.lower_ == "before" for c in pred.children) or ev.trigger != ev.predicate:
        return False
    passive_past = any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in pred.children)
    if not (pred.tag_ == "VBD" or pred.tag_ == "VBN" and passive_past):
        return False
    subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ not in ("it", "this", "that") \
        and _lemma(subject) not in lex.noun_types


# Prepositions whose gerund tells how, why or whether, not what was done on the way.
GERUND_FRAMING_PREPS = frozenset({"by", "for", "without", "of", "in", "on", "from", "against", "despite",
                                   "instead", "about", "than", "like", "besides"})


def _act_of_a_clause_with_no_event(participle: Token, lex: EventLexicon) -> bool:
    """A participle that tells an act done to something ("hurling bricks at every house"), hung on
    a clause that tells no event of its own ("hoodlums worked down the street", "the mob moved from
    house to house"): the act is what happened, not a detail of another happening."""
    if not any(c.dep_ == "dobj" for c in participle.children):
        return False
    verb = participle.head
    if participle.dep_ == "pcomp":
        if verb.lower_ in GERUND_FRAMING_PREPS | EARLIER_PREPS | TEMPORAL_MARKS:
            return False
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) in lex.reporting_verbs or _lemma(verb) == "be":
        return False
    return _tells_no_event(verb, lex)


def _tells_no_event(verb: Token, lex: EventLexicon) -> bool:
    """The verb reports no event, by itself or by an event noun it carries ("worked down the
    street", "dug for bodies"; not "imposed a curfew", "the rally was held")."""
    return _verb_type(verb, lex) is None and not any(
        c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and _lemma(c) in lex.noun_types for c in verb.children)


def _violence_that_led_to(pred: Token, ev: "DetectedEvent", lex: EventLexicon) -> bool:
    """ "Rescue workers dug for bodies on Wednesday after hijackers crashed two airliners into the
    towers": a clause after "after" that tells, by its own verb in the past, a party's act of
    violence, hung on a clause that tells no event (what was done in its wake), is the happening the
    sentence is about. Not a happening named by a noun ("after the attack began" refers back)."""
    if not any(c.dep_ == "mark" and c.lower_ == "after" for c in pred.children) or ev.trigger != ev.predicate:
        return False
    if lex.types[ev.type].family != "violence":
        return False
    passive_past = any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in pred.children)
    if not (pred.tag_ == "VBD" or pred.tag_ == "VBN" and passive_past):
        return False
    if pred.head.pos_ in ("VERB", "AUX") and not _tells_no_event(pred.head, lex):
        return False  # "imposed a curfew after militants killed 70": the curfew is the news, the killing its cause
    subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.lower_ in ("he", "she"):
        # "the gunman lay dead nearby after he was fatally wounded by a constable": what befell a
        # person the sentence is about, told in the passive, is as much news as a named victim's
        return True
    if ev.type == "casualties":
        return False
    return subject is not None and subject.pos_ in ("NOUN", "PROPN") and _lemma(subject) not in lex.noun_types


def _forces_act_told_anew(pred: Token, ev: "DetectedEvent", lex: EventLexicon) -> bool:
    """ "The prime minister fled after troops seized police stations": a clause after "after" whose
    subject is armed men named for the first time (a bare plural or "a", "some": never "the troops",
    who are known), acting by their own verb in the past, tells the happening that led to the one
    the sentence leads with; it is news of its own, not a reference point already reported."""
    if not any(c.dep_ == "mark" and c.lower_ == "after" for c in pred.children) or ev.trigger != ev.predicate:
        return False
    family = lex.types[ev.type].family
    if family not in ("violence", "control") or ev.type == "casualties" or pred.tag_ != "VBD":
        return False
    subject = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if subject is None or not (_lemma(subject) in lex.force_nouns or subject.lower_ in lex.force_nouns):
        return False
    return not any(c.dep_ in ("poss", "det") and c.lower_ not in ("a", "an", "some") for c in subject.children)


def told_as_earlier(pred: Token) -> bool:
    """The event is told in a clause of its own as what came before its sentence's happening
    ("was launched after a general was killed"). A gerund ("scored a victory after capturing the
    town") is left out: its act is often the very happening the sentence names."""
    if pred.dep_ in ("pobj", "pcomp") and pred.head.lower_ in EARLIER_PREPS | {"since"}:
        return True  # "clashes since his arrest on Wednesday", "since seizing power four days ago"
    return pred.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in EARLIER_PREPS for c in pred.children)


# Units of a measured interval that sets a clause apart in time from what its sentence told first
# ("and seven hours later claimed the capital"): an hour or more. Minutes are the same happening
# going on ("a second blast minutes later" is still that attack).
LATER_UNITS = frozenset({"hour", "day", "week", "month", "year"})
# What opens a day of its own after the sentence's first happening: "the next day".
FOLLOWING_WORDS = frozenset({"next", "following"})


def told_as_later(pred: Token) -> bool:
    """The event is told in a coordinated clause as coming a measured time after its sentence's
    first happening ("Rebels stormed the town on Monday and two days later seized the airport",
    "... and the next day troops entered"): a happening of its own, at another time. Bare "later"
    or "then" is left out: "attacked the convoy and later burned the trucks" often tells one attack,
    and "the wounded died later" is that attack's toll. The clause's own verb carries the interval,
    or the verb it hangs on ("seven hours later claimed to have captured")."""
    clause = pred
    while clause.dep_ == "xcomp" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "conj":
        return False
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ in ("later", "afterwards", "afterward") and any(
                c.dep_ == "npadvmod" and c.lemma_.lower() in LATER_UNITS for c in child.children):
            return True
        if child.dep_ == "npadvmod" and child.lemma_.lower() in ("day", "morning", "week") and any(
                c.lower_ in FOLLOWING_WORDS for c in child.children):
            return True
    return False


def _dated_earlier_happening(pred: Token, timex_tokens: frozenset[int]) -> bool:
    """ "The operation was launched after a general was stabbed to death Saturday in Ishkashim": a
    clause after "after" with a day of its own tells a happening of its own, on that day (the clause
    it hangs on is another). Not what refers back to a happening ("after it began on Monday")."""
    if not any(c.dep_ == "mark" and c.lower_ == "after" for c in pred.children):
        return False
    subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in ("it", "this", "that", "they"):
        return False
    for child in pred.children:
        if child.dep_ == "npadvmod" and child.i in timex_tokens:
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "in", "at") and any(
                g.dep_ == "pobj" and g.i in timex_tokens for g in child.children):
            return True
    return False


def _hazard(noun: Token, lex: EventLexicon) -> bool:
    """A force of nature: "the cyclone", "Cyclone Anthony", "heavy rains", "a forest fire"."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    if any(_lemma(w) in lex.hazard_nouns or w.lower_ in lex.hazard_nouns for w in words):
        return True
    return any(f"{_lemma(c)} {_lemma(noun)}" in lex.hazard_nouns for c in noun.children if c.dep_ == "compound")


def _caused_by_nature(pred: Token, etype: str, lex: EventLexicon) -> bool:
    """A violent verb whose doer is a force of nature: "the cyclone hit the coast", "homes destroyed
    by the earthquake", "30 people died in the floods". Passive subjects are what was hit, never the
    doer; a "by" phrase names the cause, and for a toll so do "in", "during" and "from" ("shot in
    the rain" is still a shooting, "died in the floods" is not a war's toll)."""
    causes = [c for c in pred.children if c.dep_ in ("nsubj", "csubj")]
    if not causes and pred.dep_ == "xcomp":  # "the storm is expected to hit the coast"
        causes = [c for c in pred.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "Cyclone Anthony, which hit this week", "the tsunami that killed 250,000": the antecedent
    causes = [pred.head if c.lower_ in ("which", "that", "who") and pred.dep_ == "relcl" else c for c in causes]
    cause_preps = ("by", "in", "during", "from") if etype == "casualties" else ("by",)
    for prep in (c for c in pred.children if c.dep_ in ("agent", "prep") and c.lower_ in cause_preps):
        causes += [g for g in prep.children if g.dep_ == "pobj"]
    return any(_hazard(w, lex) for cause in causes
               for w in (cause, *(c for c in cause.children if c.dep_ == "conj")))


def _market_move(pred: Token, lex: EventLexicon) -> bool:
    """ "Oil prices hit a three-year high", "the currency was hit by selling", "a sell-off hit
    stocks", "Brent struck a new peak", "hit the headlines": a market's move or an idiom, told in
    the words of violence."""
    for c in pred.children:
        if c.dep_ == "dobj" and (_lemma(c) in lex.economy_nouns or _lemma(c) in lex.level_nouns):
            return True  # what was hit: the head alone ("the oil refinery" is a refinery)
        if c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) not in VEHICLE_NOUNS:  # ("the silver sedan": a car)
            words = [c, *(g for g in c.children if g.dep_ == "compound")]
            if any(_lemma(w) in lex.economy_nouns or w.lower_ in lex.economy_nouns for w in words) \
                    or " ".join(w.lower_ for w in sorted(words, key=lambda t: t.i)) in lex.economy_nouns:
                return True
    return False


# Types whose present passive tells forces posted now: "soldiers are deployed", "roads are sealed".
POSTED_TYPES = frozenset({"deployment", "blockade"})


def _seen_on_the_day(pred: Token) -> bool:
    """A present state told as what someone saw or said on the story's day ("witnesses said soldiers
    are deployed throughout the capital"): the posting is that day's news, not a standing fact."""
    head = pred.head
    return pred.dep_ == "ccomp" and head.pos_ == "VERB" and head.tag_ in ("VBD", "VBN") and _lemma(head) in SEEING_OR_SAYING


SEEING_OR_SAYING = frozenset({"say", "report", "tell", "see", "describe"})


def _keep(span: Span, ev: DetectedEvent, lex: EventLexicon, timex_tokens: frozenset[int] = frozenset(),
          future_tokens: frozenset[int] = frozenset()) -> bool:
    """Decide modality, and drop what is background, intention or appeal content."""
    doc = span.doc
    pred = doc[ev.predicate]
    etype = lex.types[ev.type]
    aside = dash_aside(span, doc[ev.trigger].idx)
    if aside is not None and ev.trigger != ev.predicate and not aside[0] <= pred.idx < aside[1]:
        return False  # a noun of an aside the parser made the main clause's subject
    if pred.dep_ not in CLAUSE_DEPS and not (pred.pos_ in ("NOUN", "PROPN") and ev.trigger == ev.predicate):
        return False
    if _imperative(pred):
        return False  # "Send your video", "Read more": addressed to the reader
    if _cried_out(pred):
        return False  # "she ran through the hall screaming: 'They're killing my husband'": a cry
    if etype.family == "violence" and _caused_by_nature(pred, ev.type, lex):
        return False  # "Cyclone Anthony hit the coast": a natural disaster, not an act of war
    if etype.family == "violence" and pred.pos_ in ("VERB", "AUX") and _market_move(pred, lex):
        return False  # "gold hit a record high": a market, not a battlefield
    if _purpose_of_protest(pred, lex.happening_kinds.get(ev.type), lex):
        return False
    if etype.verbal and pred.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in pred.children):
        return False  # "the deadliest attack the group was accused of": describes the attack
    if ev.trigger == ev.predicate and _lemma(pred) in ("ask", "press") and not any(
            c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "for") or _told_to_act(c)
            for c in pred.children):
        return False  # "Aboul Gheit asked rhetorically": a question, not a demand
    if ev.trigger == ev.predicate and _restrictive_participle(pred, lex) and ev.type not in REPORTED_IN_PARTICIPLES:
        return False  # "an operation backed by artillery", "a region recognized as ...": descriptions
    if pred.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in pred.children) \
            and not _counted_earlier_happening(pred, lex) and not _dated_earlier_happening(pred, timex_tokens) \
            and not _told_next_happening(pred, ev, lex) and not _violence_that_led_to(pred, ev, lex) \
            and not _forces_act_told_anew(pred, ev, lex):
        return False  # "before the attack occurred": a reference point, not a new report
    if etype.verbal and pred.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "while", "whilst", "when")
                                                     for c in pred.children) \
            and pred.head.pos_ == "VERB" and (head_type := _verb_type(pred.head, lex)) is not None \
            and lex.types[head_type[0]].family == "violence":
        return False  # "was shot as he addressed a crowd": when the violence came, not a statement
    if _seldom(pred):
        return False  # "rarely have they met such a force": how often something happens, not a happening
    if (ev.trigger == ev.predicate or _lemma(pred) == "be") and _superlative(doc[ev.trigger]):
        return False  # "in the deadliest attack on the army this year": a comparison, not a report
    if _negated(pred) and etype.verbal and any(
            c.dep_ == "nsubj" and (c.lower_ in NEGATIVE_DETERMINERS or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_DETERMINERS for d in c.children)) for c in pred.children):
        return False  # "No group has claimed the attack": nobody said anything
    if _negated(pred) and ev.type == "statement" and ev.trigger == ev.predicate and not any(
            c.dep_ == "dobj" or c.dep_ == "ccomp" and not _indirect_question(c) for c in pred.children):
        return False  # "the ministry did not comment on the raid", "did not say how many": nothing was said
    if _negated(pred) and etype.verbal and ev.trigger != ev.predicate and doc[ev.trigger].head.i == pred.i \
            and doc[ev.trigger].dep_ in ("dobj", "nsubjpass"):
        return False  # "had not issued formal statements", "no statement was made": nothing was said
    if _negated(pred) and not etype.verbal and _has_aux(pred, FUTURE_OR_MODAL):
        return False  # "no one would be appointed": a commitment about the future; the statement stands
    if _negated(pred) and not etype.verbal:
        if _reporting_ancestor(pred, lex) is None or ev.type == "casualties":
            # "no injuries were reported", "nobody was hurt": a detail of a happening, not one
            return False  # and "have not prevented" is not a happening
        ev.negated = True
        ev.modality = "denied"  # "the army said no military sites were hit": a denial, never the act
    if pred.dep_ == "ccomp" and pred.tag_ == "VB" and _lemma(pred.head) in MANDATIVE_VERBS and not any(
            c.dep_ in ("aux", "auxpass") for c in pred.children):
        return False  # "demanded (that) the army withdraw": the act is only asked for, in the subjunctive
    # infinitives and gerund complements: "aims to disarm", "called on Baku to stop the attack"
    clause = pred
    while clause.dep_ == "conj" and _bare_infinitive(clause) and clause.head is not clause and not any(
            c.dep_ in ("aux", "nsubj", "nsubjpass") for c in clause.children):
        # "in a bid to oust the leader and install a government", "told him to surrender or be
        # killed": one "to" for both
        clause = clause.head
    is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    governor = clause.head
    if is_infinitive or clause.dep_ == "xcomp":
        g = _lemma(governor)
        if g in lex.threat_verbs:
            ev.modality = "threatened"
            ev.threat_verb = governor.i  # the threat is reported through its content
        elif g == "go" and governor.tag_ != "VBG" and _negated(governor):
            return False  # "I will not go back to Lesotho to get killed": the purpose of no journey
        elif g in lex.planned_markers or governor.lower_ in ("due", "set", "scheduled", "likely", "expected"):
            ev.modality = "planned"
        elif g in lex.denial_verbs:
            ev.modality = "denied"
        elif g in lex.claim_verbs:
            ev.modality = "claimed"  # "both sides claim to have seized the hill"
        elif g in HEDGING_VERBS and any(c.dep_ == "auxpass" for c in governor.children):
            pass  # "is believed to have killed 100": the reporter's hedge on a happening, reported
        elif _promptly_done(governor):
            pass  # "was quick to blame Iran": how soon the act came, and it came
        else:
            return False
    elif pred.tag_ == "VBG" and pred.dep_ in ("advcl", "xcomp", "acl", "pcomp", "conj") and not _has_aux(pred, {"is", "are", "was", "were", "be", "been"}):
        first = pred
        while first.dep_ == "conj" and first.head.tag_ == "VBG" and first.head.i < first.i:
            first = first.head  # "..., killing eight and wounding 59": the second detail is one too
        if _lemma(governor) in lex.denial_verbs:
            ev.modality = "denied"  # "denied attacking civilians"
        elif first.dep_ == "pcomp" and first.head.lower_ in EARLIER_PREPS and first.head.head.pos_ in ("VERB", "AUX"):
            pass  # "withdrew after shelling the town for three days": a happening before the one told
        elif achieved_gerund(first):
            pass  # "did succeed in taking the city": the taking happened
        elif first.dep_ == "acl" and first.head.i == ev.trigger and _lemma(first) in lex.occurrence_verbs \
                and any(t.i in timex_tokens for t in first.subtree):
            pass  # "the revolt beginning July 24": the happening's own start, dated
        elif first.dep_ == "pcomp" and first.head.lower_ in EARLIER_PREPS | {"since"} \
                and any(t.i in timex_tokens for t in first.subtree if t.i > first.i):
            pass  # "his first address since seizing power four days ago": dated, a happening of its own
        elif first.dep_ in ("advcl", "pcomp") and etype.family == "violence" and _act_of_a_clause_with_no_event(first, lex):
            pass  # "hoodlums worked down the street hurling bricks at every house": the hurling is the news
        elif first.dep_ == "advcl" and _lemma(first.head) == "be" and any(
                c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in ("on", "at", "into") for c in first.children) \
                and any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in first.head.children):
            pass  # "President Rhee was in Tokyo visiting MacArthur": where he was, doing it
        elif first.dep_ in ("advcl", "acl", "pcomp"):
            return False  # "..., killing 12": a detail of the governing event (its figures)
    # simple present describes states, not happenings ("Separatist authorities control part of it");
    # speech acts in the present are performative ("calls on Azerbaijan to cease") and stay
    if not etype.verbal and pred.tag_ in ("VBZ", "VBP") and not _has_aux(pred, {"will", "'ll", "shall"}) \
            and not (_lemma(pred) in PRESENT_REPORTING_VERBS and ev.trigger != ev.predicate) \
            and not (ev.type == "casualties" and pred.doc[ev.trigger].lower_ == "dead"):
        # ("forty people are dead": a toll, told in the present as tolls are)
        # ("messages from the capital report an outbreak of rioting": news of a happening, no state)
        if not _scheduled(pred, future_tokens):
            return False
        ev.modality = "planned"  # "the council meets on Thursday": what is fixed to come, not a state
    if not etype.verbal and pred.tag_ == "VBN" and _has_aux(pred, {"is", "are", "am"}) and not _has_aux(pred, {"will", "'ll", "shall"}) \
            and not (ev.type in POSTED_TYPES and _seen_on_the_day(pred)) \
            and not (_has_aux(pred, {"being"}) and etype.family != "support"):
        # ("the town is being shelled", "troops are being rushed to the city", "talks are being held":
        # a happening going on as it is told, no state; being recognised or backed is a state)
        return False  # "is internationally recognized as ...": a present state
    # copular background unless a state construction ("under control", "in talks")
    if _lemma(pred) == "be" and ev.trigger == ev.predicate:
        return False
    if ev.modality == "asserted":
        ev.modality = _modality_of(pred, lex, shares_head=not etype.verbal)
    if etype.verbal and ev.trigger == ev.predicate and _lemma(pred) in ("deny", "refute") and any(
            c.dep_ in ("ccomp", "dobj", "xcomp") for c in pred.children) and ev.modality == "asserted":
        ev.modality = "denied"  # "the ministry denied there was shooting": a denial, never the act
    if ev.modality == "asserted" and (_conditional(pred) or _inverted_condition(pred)):
        ev.modality = "hypothetical"  # "if the raids continued", "had the shell struck the bridge"
    elif ev.modality == "asserted" and _conditional(pred, WHETHER_MARKS) and not _alternatives(pred):
        return False  # "not known whether the rebels had attacked the convoy": a question, no report of it
    elif _indirect_question(pred):
        return False  # "police did not say how many were arrested", "unclear who fired": the question, not the act
    elif ev.modality == "planned" and _conditional(pred, OPEN_QUESTION_MARKS):
        # "whether the war will go on": an open question about what is to come, no plan. (Of a
        # past happening, "unclear whether police shot at protesters or into the air" doubts how
        # it happened, not that it did, and stays a report of it.)
        ev.modality = "hypothetical"
    if ev.modality == "hypothetical" and not etype.verbal and _reporting_ancestor(pred, lex) is None \
            and _what_would_have_been(pred):
        return False  # "there would have been demonstrations": what did not happen, said by nobody who acts
    if ev.modality in ("hypothetical", "planned") and _only_feared(pred):
        return False  # "Aquino feared that he would be turned back or arrested": a fear, nobody's plan or threat
    return True


def _what_would_have_been(pred: Token) -> bool:
    """A counterfactual: "would have" (or "would've") before the verb."""
    auxes = [c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")]
    return "would" in auxes and ("have" in auxes or "'ve" in auxes)


FEARING_VERBS = frozenset({"fear", "dread", "worry"})


def _only_feared(pred: Token) -> bool:
    clause = pred
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    return clause.dep_ == "ccomp" and _lemma(clause.head) in FEARING_VERBS


def _scheduled(pred: Token, future_tokens: frozenset[int]) -> bool:
    """A verb in the simple present with a date still to come hung on it: English tells a fixed
    arrangement that way ("the talks open in Geneva on Monday", "the council meets tomorrow")."""
    for i in future_tokens:
        tok = pred.doc[i]
        while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
            tok = tok.head
        if tok.i == pred.i:
            return True
    return False


# "X was quick to blame ...", "the first to recognise ...": the adjective says how soon the act came,
# and the copula in the past says it came. ("Slow to respond" may mean it never did: not listed.)
PROMPTNESS_ADJECTIVES = frozenset({"quick", "swift", "fast", "prompt", "first", "quicker", "swifter", "quickest",
                                   "swiftest", "first"})


def _promptly_done(governor: Token) -> bool:
    """The infinitive's governor is a predicative adjective of promptness after a past copula,
    with no modal: "was quick to condemn", "were swift to deny"; not "would be quick to"."""
    return governor.pos_ == "ADJ" and governor.lower_ in PROMPTNESS_ADJECTIVES and governor.dep_ in ("acomp", "attr", "ROOT", "conj") \
        and any(c.dep_ == "cop" or c.lemma_ == "be" and c.tag_ in ("VBD",) for c in
                (list(governor.children) + ([governor.head] if governor.dep_ == "acomp" else []))) \
        and not _has_aux(governor.head if governor.dep_ == "acomp" else governor, FUTURE_OR_MODAL)


# "X is believed/thought/said/feared to have ...": a hedged report, not an intention.
HEDGING_VERBS = frozenset({"believe", "think", "say", "report", "fear", "estimate", "understand", "know",
                           "suspect", "presume", "expect", "allege", "rumour", "rumor", "see", "state",
                           "reckon", "confirm", "assume"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "we", "us", "who", "whom"})
NARRATIVE_LATER = frozenset({"later", "eventually", "subsequently", "soon", "afterwards", "afterward", "ultimately"})
FUTURE_OR_MODAL = frozenset({"will", "would", "shall", "'ll", "wo", "could", "can", "ca", "may", "might", "should"})
NEGATIVE_DETERMINERS = frozenset({"no", "none", "nobody", "nothing", "neither", "nor", "never"})
# Adverbs that say how seldom something happens: a generalisation over many occasions, none of them
# reported ("rarely have protesters faced", "seldom do the two armies clash").
FREQUENCY_DENIALS = frozenset({"rarely", "seldom"})


# What is used when force is: "used tear gas", "water cannon", "live ammunition", "excessive force".
FORCE_MEANS = frozenset({"gas", "teargas", "tear-gas", "cannon", "bullet", "ammunition", "round", "fire", "force",
                         "baton", "truncheon", "grenade", "spray", "artillery", "mortar", "tank", "gunfire",
                         "shell", "rocket", "missile", "bomb", "napalm", "explosive", "weapon", "whip", "club"})


def _means_of_force(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for o in list(objects) for g in o.children if g.dep_ == "conj"]
    return any(_lemma(o) in FORCE_MEANS and not (_lemma(o) == "force" and any(
        c.dep_ == "compound" or c.lower_ in ("labour", "labor", "work") for c in o.children)) for o in objects)


# What a defendant pleads: the court's words, never an appeal.
PLEAS = frozenset({"guilty", "innocent", "contest", "insanity", "fifth"})


def _told_to_act(obj: Token) -> bool:
    """ "asked his supporters to march": the object of a request with the act asked of it (the small
    parser hangs the infinitive on the object when quote marks sit between them)."""
    return obj.dep_ == "dobj" and any(
        c.dep_ in ("relcl", "acl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in obj.children)


def _superlative(noun: Token) -> bool:
    """ "the deadliest attack", "the worst fighting", "the most serious clash": the noun ranks a
    happening among others; its date ("this year", "since 2015") is the range compared over."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "amod" and (c.tag_ == "JJS" or any(a.dep_ == "advmod" and a.lower_ in ("most", "least")
                                                           for a in c.children)) for c in noun.children)


def _seldom(pred: Token) -> bool:
    """ "Rarely have troops shelled ...", "seldom do they clash": the adverb hangs on the verb, or on
    the inverted auxiliary the parser took for the verb's head."""
    holders = [pred]
    if pred.head.i != pred.i and _lemma(pred.head) in ("have", "do", "be") and pred.head.i < pred.i:
        holders.append(pred.head)
    return any(c.dep_ == "advmod" and c.lower_ in FREQUENCY_DENIALS for h in holders for c in h.children)


def _negated(pred: Token) -> bool:
    """ "did not strike", "never attacked", "no sites were hit", "nobody was killed"."""
    for c in pred.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEGATIVE_DETERMINERS or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_DETERMINERS for d in c.children)):
            return True
    return False


# Verbs of crying out: what follows them in quotation marks is a cry, not a report.
CRYING_VERBS = frozenset({"scream", "shout", "cry", "yell", "shriek", "wail", "sob"})
OPENING_QUOTES = frozenset({'"', "“", "‘"})


def _cried_out(pred: Token) -> bool:
    """The act is told in the present, inside quotation marks that open right after a verb of
    crying out ("screaming: 'They're killing my husband'", "shouted, 'They are shooting!'"): the
    words cried at the moment, which tell nothing the report has not told."""
    if pred.tag_ not in ("VBG", "VBZ", "VBP"):
        return False
    sent = pred.sent
    opening = next((t for t in reversed(sent[:pred.i - sent.start]) if t.text in OPENING_QUOTES), None)
    if opening is None:
        return False
    before = [t for t in sent[:opening.i - sent.start] if not t.is_punct]
    return bool(before) and before[-1].lemma_.lower() in CRYING_VERBS


# How one bare verb of a run of orders hangs on another.
ORDER_DEPS = ("advcl", "conj", "dep", "nsubj", "csubj")


def _imperative(pred: Token) -> bool:
    """A sentence-initial bare verb with no subject: an instruction to the reader, or a cry quoted
    ("Arrest me, arrest all of us!"): the main verb of such a sentence is bare and subjectless too."""
    first = next((t for t in pred.sent if not t.is_punct and not t.is_space), None)

    def bare(tok: Token) -> bool:
        # (a bare verb the parser took for the subject is another order: "Shell the depots, burn ...")
        return tok.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c.tag_ != "VB"
                                            for c in tok.children)

    if first is None or not bare(pred):
        return False
    if pred.i == first.i and pred.dep_ in ("ccomp", "advcl") and pred.head.pos_ == "VERB" and pred.head.i > pred.i:
        return True  # "'Free them now,' urged the mayor": the order quoted, ahead of who gave it
    root = pred.sent.root
    # The sentence opens with a bare verb that is its root, or that hangs on a bare root ("Arrest
    # me, arrest all of us!"); its other bare verbs are orders too ("Shell the depots, burn the bridges!").
    opens_bare = bare(root) and (root.i == first.i or (
        bare(first) and first.head.i == root.i and first.dep_ in ORDER_DEPS))
    return opens_bare and (pred.i == root.i or (pred.head.i == root.i and pred.dep_ in ORDER_DEPS))


def _purpose_of_protest(pred: Token, etype_kind: str | None, lex: "EventLexicon") -> bool:
    """ "Dock workers walked out to call for higher wages": what a strike or march is for is told
    with it, not a second happening."""
    if etype_kind != "speech" or pred.dep_ not in ("advcl", "xcomp") or pred.tag_ != "VB":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
        return False
    head = pred.head
    words = [head] + [g for c in head.children if c.dep_ in ("prep", "dobj") for g in ([c] + list(c.children))]
    return any(lex.verb_types.get(_lemma(w)) == "protest" or lex.noun_types.get(_lemma(w)) == "protest" or
               (_lemma(w) in ("strike", "walkout") and _labour_strike(w, lex)) for w in words)


CONDITION_MARKS = frozenset({"if", "unless"})
WHETHER_MARKS = frozenset({"whether"})
OPEN_QUESTION_MARKS = CONDITION_MARKS | WHETHER_MARKS


def _alternatives(pred: Token) -> bool:
    """A "whether" clause that weighs two ways of one happening ("whether police shot at the crowd or
    into the air") doubts how it happened, not that it did; "whether it did or not" doubts that it did."""
    return any(t.lower_ == "or" and t.head.lower_ != "whether"
               and (t.i + 1 >= len(t.doc) or t.nbor().lower_ != "not") for t in pred.subtree)


def _conditional(pred: Token, marks: frozenset[str] = CONDITION_MARKS) -> bool:
    cur = pred
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in cur.children):
            return True
        if cur.dep_ not in ("conj",) or cur.head is cur:
            return False
        cur = cur.head
    return False


# Words that put an auxiliary before its subject without a condition: "only then were the
# bodies found", "nor had the army fired", "never had the town seen such fighting".
INVERSION_OPENERS = frozenset({"only", "never", "nor", "neither", "so", "rarely", "seldom", "hardly", "scarcely",
                               "little", "not", "then", "later", "here", "there"})


def _inverted_condition(pred: Token) -> bool:
    """A condition told by putting the auxiliary first: "had the shell struck the bridge", "were
    the talks to fail", "should the rebels attack"."""
    doc = pred.doc
    for aux in (c for c in pred.children if c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")):
        subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass") and aux.i < c.i < pred.i), None)
        if subject is None or aux.i == pred.sent.end - 1:
            continue
        before = doc[aux.i - 1] if aux.i > pred.sent.start else None
        if before is not None and (before.lower_ in INVERSION_OPENERS or before.pos_ == "ADV"):
            continue
        if pred.sent[-1].text == "?":
            continue  # "Had they fired first?": a question
        return True
    return False


# What opens a question asked in a report: "how many were killed", "who fired first", "what set it off".
QUESTION_OPENERS = frozenset({"how", "who", "whom", "what", "which", "why"})
# Verbs of telling which, denied, leave a question unanswered: "did not say how many".
UNTOLD_VERBS = frozenset({"say", "disclose", "specify", "reveal", "give", "tell", "confirm", "elaborate"})


def _indirect_question(pred: Token) -> bool:
    """The act named inside a question a source would not answer ("Police did not say how many
    suspects have been arrested", "officials did not disclose who carried out the raid"): the act
    is told elsewhere in the report; this clause tells only what was left unsaid. (A question
    the report itself cannot answer, "it is unclear who fired the rockets that hit the market",
    may be the act's only mention, and stays a report of it.)"""
    if pred.dep_ not in ("ccomp", "xcomp") or pred.left_edge.lower_ not in QUESTION_OPENERS:
        return False
    return _negated(pred.head) and _lemma(pred.head) in UNTOLD_VERBS


def _emergency_rule(noun: Token) -> bool:
    """ "a state of emergency", "a state of siege", "martial law", "emergency rule", "emergency
    powers" (measures, a decree): a measure that restricts movement, declared or imposed as a
    curfew is."""
    lemma = _lemma(noun)
    if noun.pos_ != "NOUN":
        return False
    if lemma == "state":  # "a state of emergency", "of siege", "of martial law"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and (_lemma(g) in ("emergency", "siege") or _emergency_rule(g)) for g in c.children)
            for c in noun.children)
    return lemma in ("law", "rule", "power", "measure", "decree") and any(
        c.dep_ in ("amod", "compound") and c.lower_ == ("martial" if lemma == "law" else "emergency")
        for c in noun.children)


def _content_of_a_claim(pred: Token) -> bool:
    """The clause is what a claim, report or allegation says: "there were reports that a patrol
    boat had been shelled" (a "that" clause with a subject of its own, hung on such a noun)."""
    return pred.dep_ == "acl" and _lemma(pred.head) in CLAIM_NOUNS and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in pred.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)


# What a happening was when it had taken place in full.
ACHIEVED_WORDS = frozenset({"successful", "complete"})


def _told_in_reports(noun: Token) -> Token | None:
    """The "be" of "there were reports of heavy shelling (and of an attack on the port)": the
    happening named in what reports say, with the verb that says there were such reports."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head  # "reports of shelling, air raids and an attack": each of them
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    claim = noun.head.head
    if _lemma(claim) not in CLAIM_NOUNS or claim.dep_ not in ("attr", "nsubj") or any(
            c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in claim.children):
        return None  # ("there were no reports of casualties")
    verb = claim.head
    if _lemma(verb) == "be" and any(c.dep_ == "expl" for c in verb.children):
        return verb
    return None


def _restrictive_participle(pred: Token, lex: "EventLexicon") -> bool:
    """A participle clause describing a noun ("the region controlled by X", "the region, controlled
    by rebels, is ..."), as opposed to a parenthetical report of a happening, which situates it in
    time ("the troops, deployed after the ceasefire, ...")."""
    cur = pred
    while cur.dep_ == "conj" and cur.head is not cur:
        cur = cur.head
    if cur.dep_ != "acl" or cur.tag_ not in ("VBN", "VBG") or clause_taken_for_participle(cur):
        return False
    if _content_of_a_claim(cur):
        return False  # "reports that a patrol boat had been shelled": what the reports say
    own = {t.i for t in cur.subtree}
    if cur.sent.root.pos_ not in ("VERB", "AUX") and not any(
            t.pos_ == "VERB" and t.dep_ not in ("acl", "amod", "relcl", "aux", "auxpass") and t.i not in own for t in cur.sent):
        # "On 18 August insurgents attacked near ...", "paratroops headed for the island, apparently
        # to invade it": the parser lost the main verb; this is it (its own clauses are no other)
        return False
    doc = cur.doc
    first = min(t.i for t in cur.subtree)
    parenthetical = first > 0 and doc[first - 1].text == ","
    situated = any(c.dep_ == "npadvmod" or (c.dep_ == "prep" and c.lower_ in TIME_PREPS) for c in cur.children)
    if situated and _on_a_named_day(cur) and not _told_of_an_acts_object(cur, lex):
        # "the remains of a student stabbed to death Monday night": that stabbing, told (but "police
        # shot a man released from prison on Sunday" tells who was shot, not his release)
        return False
    return not (parenthetical and situated)


def _on_a_named_day(verb: Token) -> bool:
    """The participle is set on a day by name ("Monday night", "on March 3"), not over a span."""
    for c in verb.children:
        words = [c] if c.dep_ == "npadvmod" else [g for g in c.children if g.dep_ == "pobj"] \
            if c.dep_ == "prep" and c.lower_ in ("on", "at") else []
        if any(t.ent_type_ in ("DATE", "TIME") and (t.lower_ in WEEKDAY_WORDS or t.like_num)
               for w in words for t in w.subtree):
            return True
    return False


def _told_of_an_acts_object(participle: Token, lex: "EventLexicon") -> bool:
    """The noun the participle describes is what a verb of the lexicon acts on (or its subject)."""
    noun = participle.head
    while noun.dep_ in ("pobj", "conj", "appos") and noun.head is not noun:
        noun = noun.head.head if noun.dep_ == "pobj" else noun.head
    verb = noun.head
    return noun.dep_ in ("dobj", "nsubj", "nsubjpass") and verb.pos_ == "VERB" and _lemma(verb) in lex.verb_types


WEEKDAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


# Verbs whose clause asks for an act in the subjunctive: "demanded the army withdraw".
MANDATIVE_VERBS = frozenset({"demand", "insist", "urge", "ask", "request", "propose", "recommend", "require",
                             "order", "command", "stipulate", "suggest", "move"})


# Verbs by which someone is told, asked or made to do something ("warned residents to leave"): the
# one told does it (headline.py), and the day the parser hangs on what they were told to do is
# the telling's (dating.py).
TELLING_TO_VERBS = frozenset({"tell", "warn", "urge", "ask", "order", "instruct", "advise", "press", "implore", "beg",
                              "direct", "command", "encourage", "invite", "persuade", "force", "allow", "permit",
                              "request", "remind", "call", "demand"})


def _bare_infinitive(verb: Token) -> bool:
    """A verb in its bare form, active ("install") or passive ("be killed")."""
    return verb.tag_ == "VB" or verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ == "be" for c in verb.children)


def _modality_of(pred: Token, lex: EventLexicon, shares_head: bool = False) -> Modality:
    # an act coordinated with no auxiliary or subject of its own shares its head's: "he would be
    # turned back or arrested" (arrested too only if he would be). (Not words: in "pledged that
    # Britain would not be intimidated and promised action" the parser often hangs the promise on
    # the clause it follows.)
    while shares_head and pred.dep_ == "conj" and pred.head is not pred and pred.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("aux", "nsubj", "nsubjpass") for c in pred.children):
        pred = pred.head
    if _has_aux(pred, {"will", "shall", "'ll", "wo"}):
        return "planned"
    modal = _has_aux(pred, lex.hypothetical_modals)
    if modal is not None and modal.lower_ in ("could", "can") and _lemma(pred) in lex.perception_verbs \
            and not _negated(pred):
        return "asserted"  # "explosions could be heard across the valley": it was heard, no hypothesis
    if modal is not None and modal.lower_ == "would" and any(
            c.dep_ == "advmod" and c.lower_ in NARRATIVE_LATER for c in pred.children):
        return "asserted"  # "thousands would later flee": a narrative's future in the past, told as fact
    if modal is not None:
        # "he said he would contact all parties": future in the past is a plan, not a hypothesis
        if modal.lower_ == "would" and _reporting_ancestor(pred, lex) is not None \
                and not any(c.dep_ == "aux" and c.lower_ == "have" for c in pred.children):
            return "planned"  # (but "said they would have fought to the last man" is what did not happen)
        return "hypothetical"
    return "asserted"


# Papers written about a happening: what is said of them is no report of the happening itself.
DOSSIER_NOUNS = frozenset({"report", "inquiry", "investigation", "probe", "study", "dossier", "review", "file"})


def _reporting_ancestor(tok: Token, lex: EventLexicon) -> Token | None:
    """The reporting verb whose content contains `tok` ("X said [that ... explosions that killed ...]").

    Climbs through clauses and noun phrases, but never out of a subject: in "officials who said ...
    reported", the content of "said" is not what "reported" reports."""
    cur = tok
    through_content = False
    for _ in range(7):
        if cur.head is cur:
            return None
        if cur.dep_ == "pcomp" and cur.head.lower_ in TEMPORAL_MARKS | EARLIER_PREPS:
            pass  # "his address since seizing power": when he spoke, not what he said
        elif cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in cur.children):
            return None  # "the president said the country was at war as five people died": when he spoke
        elif cur.dep_ in ("advcl", "acl", "xcomp") and cur.tag_ == "VBG" and _lemma(cur) in GLOSSING_VERBS:
            return None  # "..., he told reporters, referring to the blasts that killed 186": the paper's gloss
        elif cur.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "dobj", "pcomp"):
            through_content = True
        elif cur.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return None
        elif cur.dep_ == "pobj" and cur.head.lower_ in ("on", "into", "about") and _lemma(cur.head.head) in DOSSIER_NOUNS:
            return None  # "said authorities were compiling a report on the rioting": its topic, not what was said
        nxt = cur.head
        lemma = _lemma(nxt)
        if nxt.pos_ == "VERB" and through_content and (
            _reports(nxt, lex) or lemma in lex.denial_verbs or lemma in lex.claim_verbs
        ):
            return nxt
        cur = nxt
    return None


# Participles by which a report says what the speaker's words were about: "referring to",
# "alluding to". What they name is the paper's gloss, not something the speaker reported.
GLOSSING_VERBS = frozenset({"refer", "allude"})


def _trailing_reporter(pred: Token, lex: EventLexicon) -> Token | None:
    """The saying told after the clause it reports: "Rebels attacked the garrison, an official said
    on Monday", "..., medics and a military source said yesterday" (the parser hangs it on the
    clause as a parataxis, or as a conjunct after a comma). It says nothing of its own (no object,
    no clause) and ends the sentence (no verb after it). Through a coordination: "61 were killed
    and dozens were taken to hospital, medics said" reports both."""
    for clause in (pred, pred.head) if pred.dep_ == "conj" else (pred,):
        for child in clause.children:
            if child.i < pred.i or child.pos_ != "VERB" or child.dep_ not in ("parataxis", "conj"):
                continue
            if not _reports(child, lex) or any(c.dep_ in ("ccomp", "dobj", "xcomp", "conj") for c in child.children):
                continue
            after_comma = child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == ","
            if child.dep_ == "conj" and not after_comma and any(c.dep_ == "nsubj" for c in child.children):
                continue  # "... and the army said": a saying of its own, not the source of the clause
                # (a source whose subject the parser hung elsewhere, "..., medics and a source said", is)
            if any(t.pos_ in ("VERB", "AUX") for t in child.doc[child.i + 1:child.sent.end]):
                continue
            return child
    return None


def _reported_speech(span: Span, events: list[DetectedEvent], lex: EventLexicon) -> list[DetectedEvent]:
    """Attach reporting verbs to the events they report; a reporting verb reporting nothing that is
    an event is itself a statement."""
    doc = span.doc
    by_pred = {ev.predicate: ev for ev in events}
    reporters_used: set[int] = set()
    for ev in events:
        pred = doc[ev.predicate]
        rep = _reporting_ancestor(pred, lex) or _trailing_reporter(pred, lex)
        if rep is None and ev.modality == "asserted" and (
                _content_of_a_claim(pred) or _told_in_reports(doc[ev.trigger]) is not None):
            ev.modality = "claimed"  # "there were reports that ...", "reports of ...": reported, unconfirmed
        if rep is None or rep.i == ev.predicate:
            continue
        ev.reporter = rep.i
        reporters_used.add(rep.i)
        rl = _lemma(rep)
        if rl in lex.denial_verbs:
            ev.modality = "denied"
        elif rl in lex.threat_verbs and (ev.modality in ("asserted", "planned") or (
                ev.modality == "hypothetical" and _self_subject(pred))):
            ev.modality = "threatened"  # "warned it would strike", "warned that if ..., it would strike"
        elif rl in lex.claim_verbs or (pred.head.pos_ == "NOUN" and _lemma(pred.head) in CLAIM_NOUNS):
            if ev.modality == "asserted":
                ev.modality = "claimed"
    # What a party says might happen ("a ceasefire would only come if the rebels surrendered") is
    # not a happening: what happened is that the party said it.
    for ev in events:
        if ev.reporter is not None and ev.modality == "hypothetical" and not lex.types[ev.type].verbal \
                and _lemma(doc[ev.reporter]) not in lex.threat_verbs:
            rep = doc[ev.reporter]
            ev.type, ev.trigger, ev.predicate, ev.reporter = "statement", rep.i, rep.i, None
            ev.modality, ev.reported_statement = _modality_of(rep, lex), True
    seen_predicates: set[int] = set()
    unique = []
    for ev in events:
        if ev.predicate not in seen_predicates:
            seen_predicates.add(ev.predicate)
            unique.append(ev)
    events = unique
    reporters_used = _with_outer_reporters(doc, {ev.reporter for ev in events if ev.reporter is not None}, lex)
    by_pred = {ev.predicate: ev for ev in events}
    threat_content = {ev.threat_verb for ev in events if ev.threat_verb is not None}
    out: list[DetectedEvent] = []
    for ev in events:
        if ev.predicate in reporters_used and ev.trigger == ev.predicate and lex.types[ev.type].key == "statement":
            continue  # "said" reporting an event is context, not an event
        if lex.types[ev.type].key == "statement" and _medium_of_report(doc[ev.trigger], reporters_used):
            continue  # "... the ministry said in a statement": how the reported event is known
        if ev.predicate in threat_content | reporters_used and ev.trigger == ev.predicate and (
                ev.type == "threat" or _lemma(doc[ev.trigger]) in lex.threat_verbs):
            continue  # "threatened to strike", "vowed to strike": the strike, "threatened", is the event
        out.append(ev)
    for rep_i in sorted(reporters_used):
        occasion = occasion_of_speech(doc[rep_i])
        if occasion is not None and rep_i not in {e.predicate for e in out}:
            # "the gun did not fire, the president said in an address to the nation": what he said
            # is told as the news, and the address is his reaction besides
            out.append(DetectedEvent("statement", occasion.i, rep_i, _modality_of(doc[rep_i], lex),
                                     reported_statement=True))
    # bare reporting clauses: "X said ...", "X told reporters ..."
    for tok in span:
        if tok.i in by_pred or tok.i in reporters_used or tok.pos_ != "VERB":
            continue
        if not _reports(tok, lex) or tok.dep_ not in ("ROOT", "conj", "parataxis") and not _contrasted_saying(tok):
            continue
        if tok.dep_ == "parataxis" and tok.head.i in by_pred and tok.i > tok.head.i:
            continue  # "Rebels attacked the garrison, an official said, ...": it reports the clause it follows
        if any(c.dep_ == "nsubj" and (c.lower_ in NEGATIVE_DETERMINERS or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_DETERMINERS for d in c.children)) for c in tok.children):
            continue  # "No group has claimed the attack": nobody said anything
        if _negated(tok) and any(c.dep_ == "ccomp" and _indirect_question(c) for c in tok.children):
            continue  # "police did not say how many were arrested": nothing was said
        if _lemma(tok) in lex.claim_verbs:
            typ = "accusation"
        else:
            typ = "statement"
        ev = DetectedEvent(typ, tok.i, tok.i, _modality_of(tok, lex), reported_statement=True)
        if _lemma(tok) in lex.denial_verbs:
            ev.modality = "denied"
        out.append(ev)
    for ev in out:
        if lex.types[ev.type].verbal and ev.claim is None:
            ev.claim = _quoted_claim(doc[ev.predicate])
    out.sort(key=lambda e: e.trigger)
    return out


def _contrasted_saying(verb: Token) -> bool:
    """ "Kasuri said his trip would go ahead while Musharraf said the attack would not derail the
    talks": a second speaker's words set beside the first's by "while" or "whereas" are a saying of
    their own, wherever the parser hung the clause (a "while" of time, "said while visiting", has
    no subject of its own)."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas", "whilst")
                                        for c in verb.children) \
        and any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ == "ccomp" for c in verb.children)


def _medium_of_report(noun: Token, reporters: set[int]) -> bool:
    """The statement noun is how a reporting verb that carries an event spoke: "said in a
    statement", "announced through a communique", "told in an interview"."""
    prep = noun.head
    if noun.lemma_.lower() in OCCASIONS_OF_SPEECH:
        return False  # "said in an address to the nation": the address is a reaction of its own
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in ("in", "through", "via") \
        and prep.head.i in reporters


def occasion_of_speech(verb: Token) -> Token | None:
    """The address or speech a reporting verb spoke in ("said in an address to the nation")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in OCCASIONS_OF_SPEECH:
                    return noun
    return None


# Speeches that are occasions, not channels: a leader's address to the nation is a party's reaction
# on the chronology even when what it said is told as the news ("the gun did not fire, the
# president said in an address to the nation"), where a statement or an interview only says how
# the news is known.
OCCASIONS_OF_SPEECH = frozenset({"address", "speech"})


def _with_outer_reporters(doc, reporters: set[int], lex: EventLexicon) -> set[int]:
    """The reporting verbs that carry an event, and those that report them in turn: in ""We said
    that we would consult the council," the spokeswoman said", the consultation is the event and
    both "said" are how it is known, not two more statements."""
    found = set(reporters)
    pending = list(reporters)
    while pending:
        outer = _reporting_ancestor(doc[pending.pop()], lex)
        if outer is not None and outer.i not in found:
            found.add(outer.i)
            pending.append(outer.i)
    return found


def _self_subject(pred: Token) -> bool:
    """The content's subject is the speaker ("it", "we", "they"): a warning about one's own act."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("it", "we", "they") for c in pred.children)


def _quoted_claim(pred: Token) -> str | None:
    """A short quoted label in the object of a speech act: denounced a “wide-scale offensive”,
    condemned X as “large-scale aggression”."""
    doc = pred.doc
    for child in pred.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _claim_text(pobj)
        if child.dep_ == "dobj":
            toks = list(child.subtree)
            opens = [t.i for t in toks if t.text in QUOTE_OPEN or t.text == "“"]
            closes = [t.i for t in toks if t.text in ("”", '"', "''")]
            if opens and closes and closes[-1] > opens[0] and closes[-1] - opens[0] <= 8:
                return doc[opens[0] + 1 : closes[-1]].text.strip(" .,")
    return None


def _fold(span: Span, events: list[DetectedEvent], lex: EventLexicon) -> list[DetectedEvent]:
    """Don't over-split: a coordinated verb of the same material family ("took the offensive ...
    and opened fire") and a second event of the same type in the sentence add nothing. A clause
    told as coming a measured time later ("and two days later seized the airport") is not folded:
    it tells another happening."""
    doc = span.doc
    out: list[DetectedEvent] = []
    at_attackers = {ev.predicate: strikes_the_attacker(doc[ev.predicate]) for ev in events}  # (once per event)
    for ev in events:
        t = lex.types[ev.type]
        dup = False
        if told_as_later(doc[ev.predicate]):
            out.append(ev)
            continue
        for kept in out:
            kt = lex.types[kept.type]
            if ev.type in AIMED_TYPES and kept.type in AIMED_TYPES \
                    and aims_apart(doc[kept.predicate], doc[ev.predicate], lex):
                continue
            if _timed_apart(doc[kept.predicate], doc[ev.predicate]):
                continue  # "seven died in a blast at 8.51am; 21 died in a blast at 8.56am": two blasts
            if at_attackers[kept.predicate] != at_attackers[ev.predicate]:
                continue  # "shot at close range and was himself shot dead by the bodyguard": two acts
            if kept.type == ev.type and kept.modality == ev.modality and (
                _coordinated(doc[kept.predicate], doc[ev.predicate]) or doc[kept.trigger].lemma_ == doc[ev.trigger].lemma_
                and not _other_doers(doc[kept.predicate], doc[ev.predicate])
            ):
                dup = True
            elif not t.verbal and not kt.verbal and kt.family == t.family and _coordinated(doc[kept.predicate], doc[ev.predicate]):
                dup = True
            if dup:
                break
        if not dup:
            out.append(ev)
    return out


CLOCK_RE = re.compile(r"^\d{1,2}[.:]\d\d(?P<half>[ap]\.?m\.?)?$", re.IGNORECASE)
CLOCK_AFTER = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "hrs", "hours", "local"})


def _clock_time(tok: Token) -> bool:
    """ "8.51am", "at 9:17", "21.30 GMT": an hour of the day (the tagger calls some of them numbers)."""
    m = CLOCK_RE.match(tok.text)
    if m is None:
        return False
    after = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""
    before = tok.nbor(-1).lower_ if tok.i > 0 else ""
    return bool(m["half"]) or after in CLOCK_AFTER or before in ("at", "by", "around", "about")


def _own_clock_times(pred: Token, others: list[Token]) -> list[str]:
    """The clock times of the predicate's own clause, not of another event's clause inside it."""
    theirs = {t.i for o in others if o.i != pred.i and pred in o.ancestors for t in o.subtree}
    return [t.lower_ for t in pred.subtree if t.i not in theirs and _clock_time(t)]


def own_clock_time(pred: Token, others: list[Token]) -> str | None:
    """The first clock time of the predicate's own clause (see `_own_clock_times`)."""
    return next(iter(_own_clock_times(pred, others)), None)


def _timed_apart(a: Token, b: Token) -> bool:
    """Two clauses of one sentence that each give their own clock time ("at 8.51am", "at 9.17am")
    tell two happenings: the hour is what sets them apart."""
    if a.i == b.i:
        return False
    first, second = set(_own_clock_times(a, [b])), set(_own_clock_times(b, [a]))
    return bool(first) and bool(second) and not first & second


def _other_doers(a: Token, b: Token) -> bool:
    """Two clauses that each name their own, different doers ("said that rebels attacked a post and
    that militiamen attacked a convoy") tell two happenings, even with one verb."""
    def doer(pred: Token) -> str | None:
        subjects = [c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
        return " ".join(t.lower_ for t in subjects[0].subtree) if subjects else None
    first, second = doer(a), doer(b)
    return a.i != b.i and first is not None and second is not None and first != second


# Acts aimed at a place: two of them at two places are two happenings ("captured the airport and
# attacked the palace"). A clash is fought at a place, not aimed at it.
AIMED_TYPES = frozenset({"attack", "military_action", "territorial_control"})
# Words for ground that may be a part of any other place told (see happenings.VAGUE_AIMS).
VAGUE_PLACE_NOUNS = frozenset({"area", "building", "stronghold", "office", "position", "city", "town", "headquarters",
                               "compound", "premise", "district", "quarter", "street", "home", "house"})
PLACE_PRONOUNS = frozenset({"it", "its", "them", "their"})
# Prepositions that name what an act was aimed at ("fired on", "set fire to").
AIM_PREPS = frozenset({"at", "on", "against", "upon", "into", "to"})


def aimed_at(pred: Token, lex: EventLexicon) -> frozenset[str]:
    """The ground or buildings an act was aimed at, by their words ("police station", "Gori"):
    its objects and what it was done at, on or against, when they name a place. What control was
    taken of counts by any name ("took control of the Casa Rosada", which the tagger calls an
    organisation): only places and buildings are seized."""
    places = lex.ground_nouns | lex.site_nouns
    controls = [c for c in pred.children if c.dep_ == "dobj" and _lemma(c) in CONTROL_NOUNS]
    seized = {g.i for c in [pred, *controls] for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
              for g in p.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")} if controls else set()

    def place_words(noun: Token) -> str | None:
        if noun.pos_ == "PRON" or any(t.lower_ in PLACE_PRONOUNS for t in noun.subtree):
            return None  # "set it on fire", "the roads around it", "its airport": the place told already
        if _lemma(noun) in places or noun.ent_type_ in ("GPE", "LOC", "FAC") or noun.i in seized:
            # (a vague place keeps only the nouns that say what it is: "parliament building", but
            # "a nearby building", "the troubled city")
            kept = ("compound",) if _lemma(noun) in VAGUE_PLACE_NOUNS else ("compound", "amod")
            words = [t for t in noun.subtree if t.dep_ in kept and t.head.i == noun.i] + [noun]
            return " ".join(_lemma(t) for t in sorted(words, key=lambda t: t.i))
        return None

    nouns = [c for c in pred.children if c.dep_ == "dobj" and c not in controls]
    preps = AIM_PREPS | SITE_PREPS if _a_blast(pred) else AIM_PREPS
    nouns += [g for c in pred.children if c.dep_ == "prep" and c.lower_ in preps
              for g in c.children if g.dep_ == "pobj"]
    nouns += [pred.doc[i] for i in sorted(seized)]
    return frozenset(w for w in map(place_words, nouns) if w)


# Where a bomb that went off was aimed: the place it went off at ("exploded outside the embassy",
# "went off near a police station"), a blast having no object to name it by.
SITE_PREPS = frozenset({"outside", "near", "beside", "behind", "inside", "in", "at", "by"})
BLAST_VERBS = frozenset({"explode", "detonate", "blast"})


def _a_blast(pred: Token) -> bool:
    """A bomb going off, told without an object: "a bomb exploded", "a device went off"."""
    if any(c.dep_ == "dobj" for c in pred.children):
        return False
    return _lemma(pred) in BLAST_VERBS or _lemma(pred) == "go" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in pred.children)


# What is taken of a place: "took control of", "seized command of", "gained possession of".
CONTROL_NOUNS = frozenset({"control", "command", "possession", "charge"})


def aims_apart(a: Token, b: Token, lex: EventLexicon) -> bool:
    """Two acts of violence, each aimed at a place of its own ("set fire to the party's offices and
    attacked a police station"): two attacks, not one told in two verbs."""
    first, second = aimed_at(a, lex), aimed_at(b, lex)
    return a.i != b.i and bool(first) and bool(second) and not first & second


def _coordinated(a: Token, b: Token) -> bool:
    """Coordinated predicates sharing one subject ("asked ... and requested ...")."""
    if a.i == b.i:
        return True
    if b.dep_ == "conj" and b.head.i == a.i:
        second = b
    elif a.dep_ == "conj" and a.head.i == b.i:
        second = a
    else:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children)


def is_opening_quote_sentence(span: Span) -> bool:
    return len(span) > 0 and span[0].text in QUOTE_OPEN


# --- figures -------------------------------------------------------------------------------------

# Event types whose numbers are counts of the happening (casualties, posts captured, troops sent).
COUNTED_FAMILIES = frozenset({"violence", "force_posture", "humanitarian", "retreat", "protest", "legal"})
QUANTITY_MODIFIERS = frozenset({"quantmod", "advmod", "nummod", "compound"})


IRREGULAR_PARTICIPLES = {"flee": "fled", "take": "taken", "shoot": "shot", "hit": "hit", "lose": "lost",
                         "seize": "seized", "leave": "left", "drive": "driven", "burn": "burned"}


def _past_participle(verb: Token) -> str:
    if verb.tag_ in ("VBD", "VBN"):
        return verb.lower_
    if _lemma(verb) in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[_lemma(verb)]
    lemma = _lemma(verb)
    return lemma + ("d" if lemma.endswith("e") else "ed")


def figures(span: Span, ev: DetectedEvent, lex: EventLexicon, skip: frozenset[int], source: str | None):
    """Numbers reported for an event, each with what it counts and who gave it.

    Yields (quantity, what, start, end). Numbers in dates are skipped (`skip` = timex tokens).
    """
    if lex.types[ev.type].family not in COUNTED_FAMILIES:
        return []
    doc = span.doc
    pred = doc[ev.predicate]
    scope = {t.i for t in pred.subtree}
    out = []
    for tok in span:
        if tok.i not in scope or tok.i in skip:
            continue
        is_number = tok.pos_ == "NUM" or tok.like_num or tok.lower_ in NUMBER_WORDS
        if not is_number or tok.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "NUM":
            continue  # "25" in "25 000": counted at the last token
        # "at least 15", "over 60", "more than 100": the numeral's own left modifiers
        first = max(tok.left_edge.i, span.start)
        quantity = doc[first : tok.i + 1].text
        noun: Token | None = None
        if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
        elif tok.pos_ == "NOUN":  # "dozens of civilians"
            noun = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"), None)
        what = _noun_phrase(noun) if noun is not None else ""
        if noun is not None and (_lemma(noun) in UNIT_NOUNS or noun.lower_ in UNIT_NOUNS):
            continue  # "14 km from the border", "for six hours": a measure, not a count
        verb = _counting_verb(noun if noun is not None else tok)
        verb_type = lex.verb_types.get(_lemma(verb)) if verb is not None else None
        counts_people = noun is None or _lemma(noun) in lex.person_nouns or _lemma(noun) in lex.force_nouns \
            or _lemma(noun) in PEOPLE_WORDS or noun.lower_ in PEOPLE_WORDS or noun.ent_type_ == "NORP"
        if verb is not None and verb_type in ("humanitarian", "withdrawal") and counts_people:
            what = f"{what or 'people'} {_past_participle(verb)}"  # "30,000 people fled"
        elif verb is not None and verb_type == "casualties":
            verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and lex.verb_types.get(_lemma(c)) == "casualties"
                              and not any(g.dep_ in ("dobj", "nsubjpass") for g in c.children)]
            if verb.dep_ == "conj" and lex.verb_types.get(_lemma(verb.head)) == "casualties" and not any(
                    g.dep_ in ("dobj", "nsubjpass") for g in verb.head.children):
                verbs.insert(0, verb.head)  # "killed or injured dozens": both verbs count them
            participle = " or ".join(_past_participle(v) for v in verbs)
            what = f"{what or 'people'} {participle}"
        elif verb is not None and _lemma(verb) in DAMAGE_VERBS and not counts_people:
            what = f"{what} {_past_participle(verb)}"  # damage: "20 houses destroyed"
        elif not counts_people:
            continue  # "left with two army vehicles": things taken are not a toll
        if not what:
            continue
        out.append((quantity, what, doc[first].idx, tok.idx + len(tok.text)))
    return out


# Measures that look like counts: "14 km", "six hours", "40 percent".
UNIT_NOUNS = frozenset("""km kilometre kilometer kilometres kilometers mile miles metre meter metres meters yard yards
foot feet second seconds minute minutes hour hours day days week weeks month months year years decade decades
percent per cent % dollar dollars euro euros pound pounds time times""".split())
# Words for people that are not in the person and force lists: what a toll counts.
PEOPLE_WORDS = frozenset("""people persons others civilians dead wounded injured casualties victims refugees residents
villagers protesters demonstrators fighters bodies passengers inhabitants families households individuals
adults minors migrants detainees prisoners hostages""".split())
DAMAGE_VERBS = frozenset({"destroy", "damage", "burn", "raze", "demolish", "flatten", "level", "torch", "hit", "loot"})


def _noun_phrase(noun: Token) -> str:
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    start = min([noun.i] + [m.i for m in mods])
    return noun.doc[start : noun.i + 1].text


def _counting_verb(tok: Token) -> Token | None:
    """The verb a counted noun is the object or subject of ("killed ... civilians")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("dobj", "nsubjpass", "nsubj") and cur.head.pos_ == "VERB":
            return cur.head
        if cur.dep_ in ("conj", "pobj", "prep", "appos"):
            cur = cur.head
            continue
        return None
    return None


def figure_source(span: Span, ev: DetectedEvent) -> str | None:
    """Who gave the numbers: the subject of the reporting verb ("Local officials reported ...",
    "..., health officials said") or an "according to X" phrase."""
    doc = span.doc
    from app.pipeline.actors import subject_of  # local: actors imports nothing from here

    if ev.reporter is not None:
        subj = subject_of(doc[ev.reporter])
        if subj is not None:
            return _source_phrase(subj)
    pred = doc[ev.predicate]
    if _lemma(pred) in ("report", "confirm", "say", "announce", "claim"):
        subj = subject_of(pred)
        if subj is not None:
            return _source_phrase(subj)
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _source_phrase(obj)
    return None


def _source_phrase(tok: Token) -> str | None:
    if tok.pos_ == "PRON":
        return None
    toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == tok.i]
    span = tok.doc[min(t.i for t in toks) : tok.i + 1 + sum(1 for t in toks if t.i > tok.i and t.dep_ in ("prep", "pobj", "compound"))]
    return span.text.strip(" ,")
