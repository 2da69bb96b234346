"""Actor recognition: who is named in a sentence, canonicalised.

Two sources, gazetteer first: the curated data in resources/actors.toml (countries with their
capitals and demonyms, organisations, bodies of states, people with dated offices) and spaCy's
named entities for everyone else (a new actor keyed by the slug of its name). The small English
model often labels countries as PERSON or regions as ORG, so a gazetteer hit always wins over
the NER label, and places from resources/places.toml are never actors.

What a demonym refers to depends on its noun: "Russian peacekeepers" are Russia's forces, "ethnic
Armenians" a people, "separatist Armenian authorities" a group. A capital stands for its government
("Moscow said") except as a location ("protests in Yerevan").

Sources are not actors: datelines, bylines, journalists and news organisations (`sources`).
Generic belligerents ("rebels", "gunmen", "security forces") are actors when they act, tied to
their side (`_belligerents`). People and organisations not in the data are keyed by their identity
key (`names.identity_key`), so spelling variants share one actor; a surname resolves to the person
the article named before, and an acronym to the name it was introduced with.

Roles (initiator, target, speaker, participant) are assigned per event in `assign_roles` from the
dependency parse around the event's predicate.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from app.pipeline import names
from app.pipeline.asides import dash_aside
from app.pipeline.geo import City, Gazetteer
from app.pipeline.sources import dateline_tokens, is_journalist
from app.pipeline.types import UNIDENTIFIED_GROUP, ActorRef, PlaceRef, Role

# Prepositions after which a country or capital is a location, not an actor.
LOCATIVE_PREPS = frozenset(
    "in at near to from into outside across around toward towards inside throughout within via "
    "over along off onto through".split()
)
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
# Parts of speech a word of a name never has ("Following Mubarak('s resignation)").
NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "DET", "PRON", "SCONJ", "CCONJ", "PART", "INTJ", "NUM"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
NP_INTERNAL_DEPS = frozenset({"compound", "amod", "poss", "appos", "nmod", "det", "nummod", "case", "flat", "quantmod"})


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class DatedRole:
    title: str
    parent: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class ActorEntry:
    key: str
    name: str
    kind: str  # state, organisation, body, person, group, media, armed_group, place
    parent: str | None = None
    roles: tuple[DatedRole, ...] = ()
    country: str | None = None  # places only

    def parent_on(self, day: dt.date) -> str | None:
        """A person's organisation on a given day (the office valid then), else the static parent."""
        for role in self.roles:
            if (role.start is None or role.start <= day) and (role.end is None or day <= role.end):
                return role.parent
        return self.roles[0].parent if self.roles else self.parent


@dataclass(frozen=True)
class Alias:
    text: str
    key: str
    how: str  # name, capital, demonym, people, surname, place


GENERIC_CLASSES = ("armed_forces", "police", "security_forces", "rebels", "armed_group", "protesters")


@dataclass(frozen=True)
class ActorIndex:
    """The actor data, indexed once: aliases by their first token for a linear scan over tokens."""

    entries: dict[str, ActorEntry]
    by_first_token: dict[str, tuple[Alias, ...]]
    state_nouns: frozenset[str]
    group_modifiers: frozenset[str]
    ministry_words: frozenset[str]
    titles: frozenset[str]
    demonym_to_people: dict[str, str]  # "Armenian" -> "Armenians", for group keys
    ignore_names: frozenset[str] = frozenset()
    # identity key (names.identity_key) of a data person's or organisation's name -> its key
    by_identity: dict[str, str] = field(default_factory=dict)
    # a data person's surname identity -> their keys ("asd" -> bashar-al-assad)
    people_by_surname: dict[str, tuple[str, ...]] = field(default_factory=dict)
    demonym_of: dict[str, str] = field(default_factory=dict)  # state key -> "Syrian"
    country_codes: dict[str, str] = field(default_factory=dict)  # state key -> ISO 3166 alpha-2
    state_of_code: dict[str, str] = field(default_factory=dict)  # alpha-2 -> state key
    journalist_nouns: frozenset[str] = frozenset()
    toponym_heads: frozenset[str] = frozenset()  # "Bab", "Ras", "Fort": words that open a place's name
    collective_nouns: frozenset[str] = frozenset()  # "residents", "activists": never end a person's name
    media_words: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    media_tokens: frozenset[str] = frozenset()  # words of news organisations' names ("Reuters", "BBC")
    generic_nouns: dict[str, str] = field(default_factory=dict)  # "gunmen" -> "armed_group"
    generic_phrases: dict[tuple[str, str], str] = field(default_factory=dict)  # ("security", "forces") -> class
    state_side: frozenset[str] = frozenset()
    other_side: frozenset[str] = frozenset()
    gazetteer: Gazetteer | None = None
    people_identity: names.IdentityIndex | None = None  # the data's people, for partial full names
    first_token_hashes: dict[int, str] | None = None  # ORTH hash -> alias first token (also in capitals)

    @classmethod
    def build(cls, actors: dict, places: dict, gazetteer: Gazetteer | None = None, countries_from_iso: bool = True) -> "ActorIndex":
        """Index the data files. Countries that actors.toml does not list are added from ISO 3166
        (pycountry: name, common and official names; key = slug of the common name); the data
        file keeps what ISO lacks (capitals standing for governments, demonyms, peoples)."""
        if gazetteer is None:
            gazetteer = Gazetteer.load()
        entries: dict[str, ActorEntry] = {}
        aliases: list[Alias] = []
        demonym_to_people: dict[str, str] = {}
        demonym_of: dict[str, str] = {}
        country_codes: dict[str, str] = {}
        for key, c in actors.get("countries", {}).items():
            entries[key] = ActorEntry(key, c["name"], "state")
            for a in [c["name"], *c.get("aliases", [])]:
                aliases.append(Alias(a, key, "name"))
            for a in c.get("capitals", []):
                aliases.append(Alias(a, key, "capital"))
            peoples = c.get("peoples", [])
            for a in c.get("demonyms", []):
                aliases.append(Alias(a, key, "demonym"))
                demonym_to_people[a] = peoples[0] if peoples else a + "s"
                demonym_of.setdefault(key, a)
            for a in peoples:
                aliases.append(Alias(a, key, "people"))
            code = gazetteer.country_code([c["name"], *c.get("aliases", [])])
            if code:
                country_codes[key] = code
        if countries_from_iso:
            for key, name, extra in _iso_countries(set(country_codes.values())):
                if key in entries:
                    continue
                entries[key] = ActorEntry(key, name, "state")
                country_codes[key] = extra[0]
                for a in {name, *extra[1:]}:
                    aliases.append(Alias(a, key, "name"))
        by_identity: dict[str, str] = {}
        people_by_surname: dict[str, list[str]] = {}
        for key, o in actors.get("organisations", {}).items():
            entries[key] = ActorEntry(key, o["name"], o.get("kind", "organisation"), o.get("parent"))
            for a in [o["name"], *o.get("aliases", [])]:
                aliases.append(Alias(a, key, "name"))
                by_identity.setdefault(names.identity_key(a, person=False), key)
        for key, b in actors.get("bodies", {}).items():
            entries[key] = ActorEntry(key, b["name"], "body", b["parent"])
            for a in [b["name"], *b.get("aliases", [])]:
                aliases.append(Alias(a, key, "name"))
        for key, p in actors.get("people", {}).items():
            roles = tuple(
                DatedRole(r["title"], r["parent"], _date(r.get("from")), _date(r.get("to"))) for r in p.get("roles", [])
            )
            entries[key] = ActorEntry(key, p["name"], "person", roles[0].parent if roles else None, roles)
            for a in [p["name"], *p.get("aliases", [])]:
                aliases.append(Alias(a, key, "surname" if " " not in a else "name"))
                if " " in a:
                    by_identity.setdefault(names.identity_key(a), key)
                surname = names.surname_key(a)
                if surname and key not in people_by_surname.get(surname, []):
                    people_by_surname.setdefault(surname, []).append(key)
        for key, pl in places.get("places", {}).items():
            entries.setdefault(key, ActorEntry(key, pl["name"], "place", country=pl.get("country")))
            for a in [pl["name"], *pl.get("aliases", [])]:
                aliases.append(Alias(a, key, "place"))

        index: dict[str, list[Alias]] = {}
        seen: set[tuple[str, str]] = set()
        for alias in aliases:
            if (alias.text, alias.key) in seen:
                continue
            seen.add((alias.text, alias.key))
            index.setdefault(_first_token(alias.text), []).append(alias)
        rules = actors.get("rules", {})
        generics = actors.get("generics", {})
        generic_nouns: dict[str, str] = {}
        generic_phrases: dict[tuple[str, str], str] = {}
        for klass in GENERIC_CLASSES:
            for word in generics.get(klass, []):
                parts = word.split()
                if len(parts) == 1:
                    generic_nouns.setdefault(word, klass)
                else:
                    generic_phrases[(parts[-2], parts[-1])] = klass
        # one-word names of news organisations ("Reuters", "BBC"): words of longer names ("Syrian"
        # of "Syrian Arab News Agency") are not news organisations on their own
        media_tokens = frozenset(a.text for a in aliases if entries[a.key].kind == "media" and " " not in a.text)
        return cls(
            entries=entries,
            by_first_token={k: tuple(sorted(v, key=lambda a: -len(a.text))) for k, v in index.items()},
            state_nouns=frozenset(rules.get("state_nouns", [])),
            group_modifiers=frozenset(rules.get("group_modifiers", [])),
            ministry_words=frozenset(rules.get("ministry_words", [])),
            titles=frozenset(rules.get("titles", [])),
            demonym_to_people=demonym_to_people,
            ignore_names=frozenset(rules.get("ignore_names", [])),
            by_identity={k: v for k, v in by_identity.items() if k},
            people_by_surname={k: tuple(v) for k, v in people_by_surname.items()},
            demonym_of=demonym_of,
            country_codes=country_codes,
            state_of_code={code: key for key, code in country_codes.items()},
            journalist_nouns=frozenset(rules.get("journalist_nouns", [])),
            toponym_heads=frozenset(rules.get("toponym_heads", [])),
            collective_nouns=frozenset(rules.get("collective_nouns", [])) | frozenset(generic_nouns),
            media_words=frozenset(rules.get("media_words", [])),
            media_nouns=frozenset(rules.get("media_nouns", [])),
            media_tokens=media_tokens,
            generic_nouns=generic_nouns,
            generic_phrases=generic_phrases,
            state_side=frozenset(generics.get("state_side", [])),
            other_side=frozenset(generics.get("other_side", [])),
            gazetteer=gazetteer,
            first_token_hashes=_first_token_hashes(index),
            people_identity=names.IdentityIndex.build(
                {k: e.name for k, e in entries.items() if e.kind == "person"}),
        )

    def is_media_token(self, tok: Token) -> bool:
        return tok.text in self.media_tokens

    def demonym(self, state: str) -> str:
        return self.demonym_of.get(state) or self.entries[state].name


def _first_token_hashes(by_first: dict) -> dict[int, str]:
    from spacy.strings import hash_string

    out = {hash_string(w.upper()): w for w in by_first if len(w) >= 4}
    out.update({hash_string(w): w for w in by_first})
    return out


def _iso_countries(known_codes: set[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(key, name, (alpha-2, other names...)) of ISO 3166 countries not already known."""
    import pycountry

    out = []
    for c in pycountry.countries:
        if c.alpha_2 in known_codes:
            continue
        name = getattr(c, "common_name", None) or c.name
        if "," in name or "(" in name:
            continue  # "Korea, Republic of", "Bolivia (Plurinational State of)": ISO's sorting forms
        others = tuple(n for n in (c.name, getattr(c, "official_name", None)) if n and "," not in n and "(" not in n and n != name)
        out.append((slug(name), name, (c.alpha_2, *others)))
    return out


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _first_token(alias: str) -> str:
    # spaCy splits on spaces and hyphens between letters; "U.S." stays one token.
    return re.split(r"[\s]|(?<=[A-Za-z])-(?=[A-Za-z])", alias, maxsplit=1)[0]


@dataclass
class Mention:
    """An actor or place named in a sentence."""

    entry: ActorEntry
    surface: str
    start: int
    end: int
    first: int  # first token index in the Doc
    last: int  # last token index (inclusive)
    head: int  # the syntactic head token of the mention
    parent: str | None = None
    generic: bool = False  # a common noun ("gunmen", "troops"): an actor only when it acts
    capital_of: str | None = None  # a capital's name read as a place (another city may share it)
    city: City | None = None  # where a place is, when the gazetteer knows it
    country_code: str | None = None

    @property
    def is_place(self) -> bool:
        return self.entry.kind == "place"

    def as_actor(self, role: Role) -> ActorRef:
        e = self.entry
        return ActorRef(e.key, e.name, e.kind, role, self.surface, self.start, self.end, self.parent, generic=self.generic)

    def as_place(self) -> PlaceRef:
        e = self.entry
        c = self.city
        return PlaceRef(e.key, e.name, self.surface, self.start, self.end, e.country,
                        latitude=c.latitude if c else None, longitude=c.longitude if c else None,
                        country_code=self.country_code)


@dataclass
class ArticleActors:
    """What earlier sentences of the same article tell about names: surnames, the last state subject."""

    published: dt.date
    people_by_surname: dict[str, ActorEntry] = field(default_factory=dict)
    last_subject_state: ActorEntry | None = None
    new_actors: dict[str, ActorEntry] = field(default_factory=dict)
    text: str | None = None  # the parsed text, cached
    # surname identity -> the distinct people the article named with it, in order
    surnames: dict[str, list[ActorEntry]] = field(default_factory=dict)
    identities: dict[str, ActorEntry] = field(default_factory=dict)  # full-name identity -> person/organisation
    acronyms: dict[str, ActorEntry] = field(default_factory=dict)  # "RSF" -> the organisation it abbreviates
    organisations: list[ActorEntry] = field(default_factory=list)
    given_names: dict[str, list[ActorEntry]] = field(default_factory=dict)  # first word identity -> people
    journalists: set[str] = field(default_factory=set)  # identity and surname keys of the article's reporters
    last_force: dict[str, ActorEntry] = field(default_factory=dict)  # generic class -> the side last named
    countries: tuple[str, ...] = ()  # state keys the article names, most named first
    capitalised: frozenset[str] = frozenset()  # words the article capitalises inside a sentence
    lowercase: frozenset[str] = frozenset()  # words the article writes in lower case
    doc: Doc | None = None  # the document the fields above were computed for
    # people the article introduced in an office ("Lorenzo Miguel, the head of the Metal Workers'
    # Union"): what they say later is a party's word, not a passer-by's
    in_office: set[str] = field(default_factory=set)

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None


def find_mentions(span: Span, index: ActorIndex, memory: ArticleActors, ents: Iterable[Span] | None = None) -> list[Mention]:
    """All actor and place mentions of one sentence, longest match first, non-overlapping.

    `ents` are the named entities inside the sentence; pass them when scanning a whole document
    (Span.ents re-reads all the Doc's entities on every call, which is quadratic over an article)."""
    doc = span.doc
    text = memory.text if memory.text is not None else doc.text  # Doc.text is rebuilt on every access
    if memory.doc is not doc:
        _read_article(doc, index, memory, text)
    skip = dateline_tokens(span, index.is_media_token)
    mentions: list[Mention] = []
    taken: set[int] = set(skip)
    i = span.start
    while i < span.end:
        tok = doc[i]
        if i in skip:
            i += 1
            continue
        match = _match_alias(tok, span.end, index, text)
        if match is None:
            i += 1
            continue
        alias, last = match
        m = _classify(alias, doc[tok.i : last + 1], index, memory)
        if m is not None:
            mentions.append(m)
            taken.update(range(tok.i, last + 1))
        i = last + 1

    # bodies before NER: the NER would take "defense ministry" for an organisation of its own
    bodies = _ministries(span, index, memory, mentions)
    for b in bodies:
        taken.update(range(b.first, b.last + 1))
    mentions.extend(bodies)

    for ent in (span.ents if ents is None else ents):
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
            continue
        if ent.label_ == "ORG" and len(ent) >= 2:
            _yield_to_organisation(ent, index, mentions, taken)
        m = _from_entity(ent, index, memory, taken)
        if m is not None:
            mentions.append(m)
            taken.update(range(m.first, m.last + 1))

    mentions.extend(_bare_surnames(span, index, memory, taken))

    generics = _belligerents(span, index, memory, mentions, taken)
    if generics:
        covered = {i for g in generics for i in range(g.first, g.last + 1)}
        mentions = [m for m in mentions if not (m.first in covered and m.last in covered)]
        mentions.extend(generics)

    mentions = _absorb(mentions, doc)
    mentions.sort(key=lambda m: m.start)
    _acronyms_in_brackets(mentions, doc, memory)
    mentions = [m for m in mentions if not _reporter(m, index, memory)]
    for m in mentions:
        if m.entry.kind == "person":
            memory.people_by_surname[m.entry.name.split()[-1]] = m.entry
            _remember_person(m.entry, memory)
        elif m.entry.kind in ("organisation", "armed_group", "group") and not m.generic:
            memory.identities.setdefault(names.identity_key(m.entry.name, person=False), m.entry)
            if m.entry not in memory.organisations:
                memory.organisations.append(m.entry)
        elif m.entry.kind == "state" and doc[m.head].dep_ in SUBJECT_DEPS:
            memory.last_subject_state = m.entry
        if m.is_place:
            _geocode(m, index, memory)
    return mentions


def _bare_surnames(span: Span, index: ActorIndex, memory: ArticleActors, taken: set[int]) -> list[Mention]:
    """A surname alone that the NER left unlabelled ("Lopez swore that ...") where the article
    names the person in full elsewhere ("Leopoldo Lopez"): that person, as a labelled one would be."""
    doc = span.doc
    found: list[Mention] = []
    for tok in span:
        if tok.i in taken or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_alpha or not tok.text[:1].isupper():
            continue
        ident = names.identity_key(tok.text)
        if not ident or "-" in ident or not memory.surnames.get(ident):
            continue
        prev = doc[tok.i - 1] if tok.i > span.start else None
        nxt = doc[tok.i + 1] if tok.i + 1 < span.end else None
        if any(t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in names.TITLE_WORDS
               for t in (prev, nxt)) or _inside_longer_name(doc[tok.i: tok.i + 1]):
            continue  # "Hugo Lopez", "Lopez Obrador": part of another name
        entry = _person_by_surname(ident, tok.text, index, memory)
        if entry is None:
            continue
        found.append(Mention(entry, tok.text, tok.idx, tok.idx + len(tok.text), tok.i, tok.i, tok.i,
                             entry.parent_on(memory.published)))
        taken.add(tok.i)
    return found


def _yield_to_organisation(ent: Span, index: ActorIndex, mentions: list[Mention], taken: set[int]) -> None:
    """A country or demonym inside an organisation's name is part of that name: "Free Syrian
    Army", "Syrian National Council" are not Syria. "the Syrian government" stays the state."""
    inner = [m for m in mentions if ent.start <= m.first and m.last < ent.end and m.entry.kind == "state"]
    if not inner:
        return
    inside = {i for m in inner for i in range(m.first, m.last + 1)}
    rest = [t for t in ent if t.i not in inside and not t.is_punct and t.lower_ != "the"]
    if not rest or all(t.lower_ in index.state_nouns or t.lemma_.lower() in index.state_nouns for t in rest):
        return
    if any(t.i in taken and t.i not in inside for t in ent):
        return  # another actor inside: the NER span is not one name
    for m in inner:
        mentions.remove(m)
    taken.difference_update(inside)


INSIDE_CAPITALISED = re.compile(r"(?<=[a-z0-9,;)] )([A-Z][\w'.-]*)")
# ... and a family name after a given name and a middle initial ("John F. Kennedy"), which the
# full stop hides from the pattern above
AFTER_MIDDLE_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. ([A-Z][\w'-]*)")
LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _read_article(doc: Doc, index: ActorIndex, memory: ArticleActors, text: str) -> None:
    """Once per article: the countries it names (most named first: the context for unattributed
    forces and for ambiguous place names) and the words it capitalises inside sentences (evidence
    that a capitalised first word is a name, not "Heavy fighting")."""
    counts: dict[str, int] = {}
    # read from the text, not token by token: a word after a lower-case word, comma or semicolon
    # on the same line is inside a sentence
    capitalised = set(INSIDE_CAPITALISED.findall(text)) | set(AFTER_MIDDLE_INITIAL.findall(text))
    lowercase = set(LOWER_WORD.findall(text))
    by_first = index.by_first_token
    # only the tokens that can start an alias, found on the token array (no Token objects)
    from spacy.attrs import ORTH
    from spacy.strings import hash_string

    orths = doc.to_array([ORTH])  # the hash of each token's text
    wanted = index.first_token_hashes or {}
    for i in (k for k, h in enumerate(orths.tolist()) if h in wanted):
        tok = doc[i]
        word = tok.text
        candidates = by_first.get(word)
        if not candidates:
            # a dateline's place in capitals ("KABUL (Reuters) -") says where the story is
            titled = wanted[hash_string(word)]
            single = [a for a in by_first.get(titled, ()) if a.text == titled]
            if single:
                entry = index.entries[single[0].key]
                state = entry.key if entry.kind == "state" else entry.country if entry.kind == "place" else None
                if state:
                    counts[state] = counts.get(state, 0) + 1
            continue
        match = _match_alias(tok, len(doc), index, text)
        if match is None:
            continue
        entry = index.entries[match[0].key]
        state = entry.key if entry.kind == "state" else entry.country if entry.kind == "place" else None
        if state:
            # where things happen weighs more than who is named: "in Syria", "Homs"
            if match[0].how == "capital" and _is_location(doc[match[1]]):
                weight = 1  # "in Tripoli": a name another country's city may share, weak evidence
            else:
                weight = 3 if entry.kind == "place" or _is_location(tok) else 1
            counts[state] = counts.get(state, 0) + weight
    if index.gazetteer is not None:
        # cities the data does not list, by their most populous bearer: weak evidence, once each
        seen: set[str] = set()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC") and ent.text not in seen and ent.text not in index.by_first_token:
                seen.add(ent.text)
                city = index.gazetteer.city(ent.text)
                state = index.state_of_code.get(city.country_code) if city is not None else None
                if state:
                    counts[state] = counts.get(state, 0) + 1
    memory.countries = tuple(sorted(counts, key=lambda k: -counts[k]))
    memory.capitalised = frozenset(capitalised)
    memory.lowercase = frozenset(lowercase)
    memory.doc = doc
    context = _context_codes(index, memory)[:3]
    # People named in full anywhere in the article, in order: a surname before the full name
    # ("Gadhafi" in a headline, "Moammar Gadhafi" in the body) is still that person.
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        toks = _before_loose_dash(list(ent))
        while toks and toks[0].pos_ in NOT_NAME_POS and toks[0].tag_ != "NNP":
            toks = toks[1:]  # "Following Mubarak('s speech)": the verb is not part of the name
        if len(toks) < 2 or toks[0].text in index.toponym_heads:
            continue  # (and "Ras Lanuf" is a town, not a person named in full)
        if toks[-1].i == ent.end - 1:
            toks = _through_particle(toks, set())  # "Zine El" runs on: "Zine El Abidine Ben Ali"
        name = names.strip_titles(names.clean_name(doc[toks[0].i: toks[-1].i + 1].text), index.titles)
        ident = names.identity_key(name)
        if len(toks) == 2 and toks[0].text in REGNAL_TITLES:
            # "King Abdullah": the monarch, whom a later "Abdullah" in the article means too
            titled = f"{toks[0].text} {name}"
            key = names.identity_key(titled, person=False)
            memory.identities.setdefault(ident, memory.new_actors.setdefault(key, ActorEntry(key, titled, "person")))
            continue
        if "-" not in ident or not name[:1].isupper():
            continue
        if index.gazetteer is not None and context:
            city = index.gazetteer.city(name, context)
            if city is not None and city.country_code in context and ident not in index.by_identity:
                continue  # "Bani Walid" labelled PERSON: a town of the article's country
        entry = _data_person(name, ident, index) or memory.identities.get(ident) \
            or memory.new_actors.setdefault(ident, ActorEntry(ident, name, "person"))
        _remember_person(entry, memory)


def _remember_person(entry: ActorEntry, memory: ArticleActors) -> None:
    ident = names.identity_key(entry.name)
    memory.identities.setdefault(ident, entry)
    surname = ident.rsplit("-", 1)[-1] if ident else ""
    if surname and "-" in ident:
        found = memory.surnames.setdefault(surname, [])
        if entry not in found:
            found.append(entry)
        given = memory.given_names.setdefault(ident.split("-", 1)[0], [])
        if entry not in given:
            given.append(entry)
        if re.search(r"\s\w+-[a-z]+$", entry.name):
            # "Ban Ki-moon": a hyphenated given name last, the family name first (East Asian order)
            family = memory.surnames.setdefault(ident.split("-", 1)[0], [])
            if entry not in family:
                family.append(entry)


def _match_alias(tok: Token, limit: int, index: ActorIndex, text: str) -> tuple[Alias, int] | None:
    candidates = index.by_first_token.get(tok.text)
    if not candidates:
        return None
    doc = tok.doc
    for alias in candidates:
        end = tok.idx + len(alias.text)
        if not text.startswith(alias.text, tok.idx):
            continue
        # the alias must end on a token boundary
        j = tok.i
        while j + 1 < limit and doc[j + 1].idx < end:
            j += 1
        if doc[j].idx + len(doc[j].text) == end:
            return alias, j
    return None


def _classify(alias: Alias, span: Span, index: ActorIndex, memory: ArticleActors) -> Mention | None:
    entry = index.entries[alias.key]
    head = span.root
    surface = span.text
    m = Mention(entry, surface, span.start_char, span.end_char, span.start, span.end - 1, head.i, entry.parent)
    if alias.how == "place":
        return m
    if alias.how == "surname":
        if _inside_longer_name(span):
            return None  # "Hafez al-Assad": the NER reads the whole name
        m.entry = _person_by_surname(names.identity_key(alias.text), alias.text, index, memory) or _unresolved(alias.text, memory)
        m.parent = m.entry.parent_on(memory.published)
        return m
    if entry.kind == "person":
        m.parent = entry.parent_on(memory.published)
        return m
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if alias.how in ("capital", "name") and nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.text not in index.titles:
        return None  # "Rome Convention", "Washington Post": part of another name
    if alias.how in ("capital", "name") and entry.kind == "state" and _is_location(head):
        if alias.how == "capital":  # "protests in Yerevan": the city
            m.entry = ActorEntry(slug(alias.text), alias.text, "place", country=entry.key)
            m.capital_of = entry.key
        else:
            m.entry = ActorEntry(entry.key, entry.name, "place", country=entry.key)
        return m
    if alias.how == "people":
        m.entry = _group(alias.text, index, memory)
        return m
    if alias.how in ("demonym", "name") and entry.kind == "state" and _inside_capitalised_name(span, index):
        return None  # "Free Syrian Army", "Syrian Observatory for Human Rights": part of a name
    if alias.how == "demonym":
        return _demonym(alias, span, entry, index, memory)
    return m


def _inside_longer_name(span: Span) -> bool:
    """A surname preceded by a given name or a name particle ("Maher al-Assad", "Hafez Assad")."""
    doc = span.doc
    k = span.start - 1
    if k >= 0 and doc[k].text in ("-", "‐"):
        k -= 1
    if k < 0:
        return False
    prev = doc[k]
    if prev.lower_ in names.ARTICLES or prev.lower_ in ("bin", "ibn", "ben", "abu", "abdel", "abdul"):
        return True
    return prev.text[:1].isupper() and prev.pos_ == "PROPN" and not prev.is_sent_start and prev.lower_ not in names.TITLE_WORDS \
        and prev.ent_type_ == "PERSON"


def _inside_capitalised_name(span: Span, index: ActorIndex) -> bool:
    """A country word between capitalised words of one name: "Free Syrian Army" (a capitalised
    word before it inside the sentence), "Syrian Observatory", "Syrian National Council" (followed
    by a capitalised word that is not an office, a title, a state's body or a person's name)."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or not nxt.text[:1].isupper() or not nxt.is_alpha or nxt.ent_type_ in ("PERSON", "GPE", "NORP"):
        return False
    low = nxt.lower_
    if nxt.text in index.titles or low in names.TITLE_WORDS or low in index.state_nouns or low in index.ministry_words \
            or nxt.lemma_.lower() in index.state_nouns:
        return prev is not None and prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start \
            and prev.lower_ not in names.TITLE_WORDS and low not in names.TITLE_WORDS  # "Free Syrian Army"
    return True


def _person_by_surname(surname: str, text: str, index: ActorIndex, memory: ArticleActors) -> ActorEntry | None:
    """The person a bare surname stands for, only when that is clear.

    1. the article named exactly one person with this surname: that person;
    2. it named several (Hafez, Bashar and Maher al-Assad): the one of them holding an office
       (a dated role in the data) on the publication date, if exactly one does; else unresolved;
    3. it named none: the data's person with this surname if exactly one, and only if they have no
       dated roles or one valid on the publication date (a 1995 "Assad" is not Bashar); else unresolved.
    The data's aliases are only checked in step 3, so an article about another Assad keeps him."""
    if not surname or surname in memory.journalists:
        return None
    named = [e for e in memory.surnames.get(surname, []) if names.identity_key(e.name) not in memory.journalists]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        in_office = [e for e in named if _in_office(e, memory.published)]
        if len(in_office) == 1:
            return in_office[0]
        if not in_office:
            # News style names the principal person first and gives relatives their full names
            # ("Saif al-Islam Gaddafi", "his son"): the bare surname is the first one named.
            return named[0]
        return None
    data = [index.entries[k] for k in index.people_by_surname.get(surname, ())]
    if len(data) == 1 and (not data[0].roles or _in_office(data[0], memory.published)):
        return data[0]
    given = memory.given_names.get(surname, [])
    if len(given) == 1:
        return given[0]  # "Saddam", "Bashar": a given name used alone for the one person who has it
    return None


def _in_office(entry: ActorEntry, day: dt.date) -> bool:
    return any((r.start is None or r.start <= day) and (r.end is None or day <= r.end) for r in entry.roles)


def _unresolved(text: str, memory: ArticleActors) -> ActorEntry:
    """A surname whose person is not clear: an actor of its own, keyed by the surname's identity."""
    key = names.identity_key(text) or slug(text)
    return memory.new_actors.setdefault(key, ActorEntry(key, text, "person"))


def _is_location(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _group(name: str, index: ActorIndex, memory: ArticleActors) -> ActorEntry:
    key = slug(name)
    return memory.new_actors.setdefault(key, ActorEntry(key, name, "group"))


def _side_entry(klass: str, state: str | None, index: ActorIndex, memory: ArticleActors) -> ActorEntry | None:
    """The actor a generic class stands for on one side: "Syrian armed forces" (parent Syria),
    "Syrian rebels" (parent the Syrian opposition), "Unidentified armed group (Syria)"."""
    if state is None:
        if klass in ("armed_forces", "police", "security_forces"):
            return None  # a state's force with no state in sight: not guessed
        key, name, kind = {"rebels": ("rebels", "Rebels", "armed_group"),
                           "armed_group": (UNIDENTIFIED_GROUP, "Unidentified armed group", "armed_group"),
                           "protesters": ("protesters", "Protesters", "group")}[klass]
        return memory.new_actors.setdefault(key, ActorEntry(key, name, kind))
    adj = index.demonym(state)
    country = index.entries[state].name
    key, name, kind, parent = {
        "armed_forces": (f"{state}-armed-forces", f"{adj} armed forces", "body", state),
        "police": (f"{state}-police", f"{adj} police", "body", state),
        "security_forces": (f"{state}-security-forces", f"{adj} security forces", "body", state),
        "rebels": (f"{state}-rebels", f"{adj} rebels", "armed_group", f"{state}-opposition"),
        "opposition": (f"{state}-opposition", f"{adj} opposition", "group", None),
        "armed_group": (f"{state}-{UNIDENTIFIED_GROUP}", f"Unidentified armed group ({country})", "armed_group", None),
        "protesters": (f"{state}-protesters", f"{adj} protesters", "group", None),
    }[klass]
    return memory.new_actors.setdefault(key, ActorEntry(key, name, kind, parent))


def _demonym(alias: Alias, span: Span, state: ActorEntry, index: ActorIndex, memory: ArticleActors) -> Mention | None:
    tok = span.root
    noun = tok.head if tok.dep_ in ("amod", "compound", "nmod") else tok
    # modifiers of the demonym or of its noun: "ethnic Armenian", "separatist Armenian authorities",
    # "the main Syrian opposition group", "Syrian rebels"
    modifiers = {c.lower_ for c in tok.children} | {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod") or c.i < tok.i}
    if noun is not tok:
        modifiers.add(noun.lower_)
    found = modifiers & index.group_modifiers
    entry: ActorEntry | None
    if found:
        if found & {"ethnic", "diaspora"}:
            entry = _group(index.demonym_to_people.get(alias.text, alias.text), index, memory)
        elif found & {"separatist", "separatists", "breakaway"}:
            entry = _group(f"{alias.text} separatists", index, memory)
        elif found & {"rebel", "rebels", "insurgent", "insurgents", "militant", "militants"}:
            entry = _side_entry("rebels", state.key, index, memory)
        elif found & {"protesters", "demonstrators", "activists"}:
            entry = _side_entry("protesters", state.key, index, memory)
        else:  # opposition, dissidents, exiles: the state's opposition, never the state
            entry = _side_entry("opposition", state.key, index, memory)
    elif noun is tok or noun.lower_ in index.state_nouns or noun.lemma_.lower() in index.state_nouns:
        entry = state
    else:
        entry = state  # "Turkish support", "Armenian territory": the state, mentioned
    assert entry is not None
    return Mention(entry, span.text, span.start_char, span.end_char, span.start, span.end - 1, tok.i, entry.parent)


def _before_loose_dash(toks: list[Token]) -> list[Token]:
    """A person's name ends at a dash standing apart: "Mubarak - Mubarak", "Saddam Hussein -- not"
    are a name and what a headline or a caption ran on after it ("Abdel-Fattah" keeps its own)."""
    for k, t in enumerate(toks):
        if k > 0 and (t.text in ("--", "–", "—") or t.text == "-" and t.whitespace_ and toks[k - 1].whitespace_):
            return toks[:k]
    return toks


def _entity_tokens(ent: Span, index: ActorIndex, taken: set[int]) -> list[Token]:
    """The tokens of an entity that can be a name: tokeniser marks, brackets, quotes and tokens
    already read as something else (a news organisation glued in front: "Reuters Gaddafi") cut
    off, titles and "the" in front and possessive endings behind dropped. Cut at a bracket:
    "Rapid Support Forces (RSF)" is the name; the acronym is read on its own."""
    toks = list(ent)
    for k, t in enumerate(toks):
        if t.text == "(" and k > 0:
            toks = toks[:k]
            break
    if ent.label_ == "PERSON":
        toks = _before_loose_dash(toks)
    toks = [t for t in toks if not names.TOKENISER_MARK.fullmatch(t.text) and t.text not in ("(", ")", '"', "“", "”", "[", "]")]
    # the longest run of tokens nothing else claimed
    runs: list[list[Token]] = [[]]
    for t in toks:
        if t.i in taken or index.is_media_token(t):
            runs.append([])
        else:
            if runs[-1] and runs[-1][-1].i != t.i - 1:
                runs.append([])
            runs[-1].append(t)
    words = max(runs, key=len)
    words = [t for t in words if not t.is_punct or t.text in ("-", ".", "'")]
    person = ent.label_ == "PERSON"
    # titles go from the front of a person's name only: "Civil Defence", "Foreign Office" keep theirs
    while words and (words[0].lower_ == "the" or words[0].text == "-" or person and (
            words[0].text in index.titles or words[0].lower_ in names.TITLE_WORDS)):
        words = words[1:]
    while words and (words[-1].text in ("'s", "’s", "'", "’", "-") or words[-1].lower_ in names.SUFFIXES):
        words = words[:-1]
    return words


def _extend_name(words: list[Token], taken: set[int]) -> list[Token]:
    """A name is the whole run of capitalised words: the NER's "Civil" in "Civil Defence" is
    extended to "Civil Defence", never half an organisation."""
    doc = words[-1].doc
    j = words[-1].i + 1
    out = list(words)
    while j < len(doc):
        t = doc[j]
        if j in taken or t.is_sent_start or not t.text[:1].isupper() or t.ent_iob_ == "B" or t.pos_ not in ("PROPN", "NOUN", "ADJ") \
                or t.like_num:
            break
        out.append(t)
        j += 1
    return out


# Words a name never ends on: the Arabic article and the particles before a family name or a
# second given name ("Zine El | Abidine Ben Ali", "Abu | Bakr", "Abdel | Fattah").
NAME_PARTICLES_BEFORE = frozenset({"el", "al", "abu", "abou", "bin", "ibn", "abdel", "abdul", "abd", "ould"})


def _through_particle(words: list[Token], taken: set[int]) -> list[Token]:
    """A person's name the NER cut after a particle ("Zine El" and "Abidine Ben Ali" as two
    people) runs on through the capitalised words that follow it."""
    if words[-1].lower_ not in NAME_PARTICLES_BEFORE:
        return words
    doc = words[-1].doc
    out = list(words)
    j = words[-1].i + 1
    # (the parser may have started a sentence after the particle: `segment` undoes that cut)
    while j < len(doc) and j not in taken and (j == words[-1].i + 1 or not doc[j].is_sent_start) \
            and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN":
        out.append(doc[j])
        j += 1
    return out


def _through_a_surname_read_as_a_place(words: list[Token], index: ActorIndex, taken: set[int]) -> list[Token]:
    """A person's name whose last word the NER took for a place or a body of its own ("Khursheed
    Mehmood" and "Kasuri" as a person and a place): a lone capitalised word set right after a
    given and a family name, that no data or gazetteer knows as a place, runs the name on."""
    doc = words[-1].doc
    j = words[-1].i + 1
    if len(words) < 2 or j >= len(doc) or j in taken or words[-1].whitespace_ != " ":
        return words
    nxt = doc[j]
    if nxt.pos_ != "PROPN" or nxt.ent_type_ not in ("GPE", "LOC", "ORG") or nxt.ent_iob_ != "B" \
            or not nxt.is_alpha or not nxt.text[:1].isupper() or nxt.text.isupper():
        return words
    if j + 1 < len(doc) and (doc[j + 1].ent_iob_ == "I" or doc[j + 1].pos_ == "PROPN"):
        return words  # a name of several words of its own
    ident = names.identity_key(nxt.text)
    if not ident or ident in index.by_identity or (index.gazetteer is not None and index.gazetteer.city(nxt.text) is not None):
        return words  # "... Ahmed Kabul": a known place or state beside a name is itself
    return [*words, nxt]


def _from_entity(ent: Span, index: ActorIndex, memory: ArticleActors, taken: set[int] | None = None) -> Mention | None:
    taken = taken if taken is not None else set()
    if ent.root.pos_ != "PROPN" and not _place_read_as_a_plural(ent, index) or ent.text in index.ignore_names:
        return None  # "Protests" labelled ORG, "State" of "Secretary of State": not names
    words = _entity_tokens(ent, index, taken)
    if not words:
        return None
    label = ent.label_
    if label in ("ORG", "NORP") and words[-1].i == ent.end - 1:
        words = _extend_name(words, taken)
    if label == "PERSON" and words[-1].i == ent.end - 1:
        words = _through_particle(words, taken)
        words = _through_a_surname_read_as_a_place(words, index, taken)
    doc = ent.doc
    name = doc[words[0].i : words[-1].i + 1].text
    name = names.clean_name(name)
    if not name or name in index.ignore_names or name.lower() in names.ARTICLES:
        return None
    if len(words) == 1 and _ordinary_capitalised_word(words[0], memory):
        return None  # "Heavy fighting", "Civil" alone: a capitalised first word, not a name
    while len(words) > 1 and (_ordinary_capitalised_word(words[0], memory) and words[0].lower_ in memory.lowercase
                              or words[0].pos_ in NOT_NAME_POS and words[0].tag_ != "NNP"):
        words = words[1:]  # "Following Mubarak": a first word the article also writes in lower case
        name = names.clean_name(doc[words[0].i : words[-1].i + 1].text)
    while label == "PERSON" and len(words) > 1 and _glued_front_word(words[0], index, memory) and _known_name(
            names.clean_name(doc[words[1].i : words[-1].i + 1].text), index, memory):
        # "Egypt Mubarak", "CNN Obama", "Alexandria Mubarak": a place, a state or a news medium
        # run into a name the article or the data already knows (a headline's or caption's words
        # glued together), never a given name in front of it
        words = words[1:]
        name = names.clean_name(doc[words[0].i : words[-1].i + 1].text)
    key = slug(name)
    if not key:
        return None
    head = ent.root if words[0].i <= ent.root.i <= words[-1].i else words[-1]
    if head.head.i == words[-1].i and words[-1].i >= ent.end:
        head = words[-1]  # the family name the name ran on through heads it ("... Mehmood Kasuri")
    span_args = (words[0].idx, words[-1].idx + len(words[-1].text), words[0].i, words[-1].i, head.i)
    if label in ("GPE", "LOC", "ORG") and len(words) == 1 and (ident := names.identity_key(name)) \
            and "-" not in ident and memory.surnames.get(ident) \
            and ident not in index.by_identity and ident not in memory.identities:
        # "Kasuri said his trip would go ahead", the NER saying GPE: the surname of a person the
        # article has named in full ("Foreign Minister Khursheed Mehmood Kasuri"), no place
        person = _person_by_surname(ident, name, index, memory)
        if person is not None:
            return Mention(person, name, *span_args, person.parent_on(memory.published))
    if label in ("PERSON", "ORG", "GPE") and index.gazetteer is not None and not _known_name(name, index, memory):
        context = _context_codes(index, memory)[:3]
        city = index.gazetteer.city(name, context) if context else None
        if city is not None and city.country_code in context:
            # "fighting in Misrata", "Misrata was shelled", the NER saying PERSON: a city of a
            # country the article is about, and nobody the article or the data names so
            return Mention(ActorEntry(key, name, "place", country=index.state_of_code.get(city.country_code)), name, *span_args)
    if label in ("PERSON", "ORG") and len(words) > 1 and words[0].text in index.toponym_heads \
            and names.identity_key(name) not in index.by_identity:
        return Mention(ActorEntry(key, name, "place"), name, *span_args)  # "Ras Lanuf", "Bab Amr"
    if label == "PERSON" and _named_as_media(words[0], index):
        label = "ORG"  # "the news agency Sana" labelled PERSON
    if label == "PERSON" and len(words) > 1 and words[-1].lower_ in index.collective_nouns:
        label = "NORP"  # "Baba Amr Activists", "Misrata Rebels": a collective, never one person
    regnal = _regnal_title(ent, words) if label == "PERSON" and len(words) == 1 else None
    if regnal is not None:
        # "King Abdullah": a monarch's given name, never a surname another Abdullah shares
        name = f"{regnal} {name}"
        key = names.identity_key(name, person=False)
        entry = memory.new_actors.setdefault(key, ActorEntry(key, name, "person"))
    elif label == "PERSON":
        entry = _person(name, words, index, memory)
        if entry is None:
            return None
    elif label == "ORG":
        entry = _organisation(name, words, index, memory)
    elif label == "NORP":
        entry = _group(name, index, memory)
    else:  # GPE, LOC, FAC not in the data: a place
        entry = ActorEntry(key, name, "place")
    parent = entry.parent_on(memory.published) if entry.kind == "person" else entry.parent
    return Mention(entry, name, *span_args, parent=parent)


def _place_read_as_a_plural(ent: Span, index: ActorIndex) -> bool:
    """ "killed this week in Homs, including ...": the tagger may read a capitalised name ending in
    -s as a plural noun while the NER calls it a place. Inside a sentence, a capitalised word the
    NER calls a place and the gazetteer knows as a town is that town, whatever its part of speech."""
    root = ent.root
    return (ent.label_ in ("GPE", "LOC") and len(ent) == 1 and root.text[:1].isupper() and not root.is_sent_start
            and index.gazetteer is not None and index.gazetteer.city(ent.text) is not None)


# Titles a monarch or a pope is named by, with a given name: "King Abdullah", "Pope Benedict".
REGNAL_TITLES = frozenset({"King", "Queen", "Prince", "Princess", "Emir", "Amir", "Sultan", "Pope"})


def _regnal_title(ent: Span, words: list[Token]) -> str | None:
    """The regnal title right before a one-word name ("King" of "King Abdullah"), if any."""
    before = words[0].i - 1
    if before >= 0 and ent.doc[before].text in REGNAL_TITLES:
        return ent.doc[before].text
    return None


def _glued_front_word(tok: Token, index: ActorIndex, memory: ArticleActors) -> bool:
    """A word that names a state, an organisation, a news medium or a known place by itself."""
    if index.is_media_token(tok):
        return True
    if any(alias.text == tok.text and index.entries[alias.key].kind != "person"
           for alias in index.by_first_token.get(tok.text, ()) if alias.key in index.entries):
        return True
    if index.gazetteer is not None:
        context = _context_codes(index, memory)[:3]
        return bool(context) and index.gazetteer.city(tok.text, context) is not None
    return False


def _known_name(name: str, index: ActorIndex, memory: ArticleActors) -> bool:
    ident = names.identity_key(name)
    return ident in memory.identities or ident in index.by_identity or ident in memory.surnames \
        or ident in index.people_by_surname


def _ordinary_capitalised_word(tok: Token, memory: ArticleActors) -> bool:
    """A single capitalised word where capitals say nothing (first word of a sentence or line,
    after a quote or colon) that the article never capitalises inside a sentence."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    initial = tok.is_sent_start or prev is None or prev.is_space or prev.text in ('"', "“", "‘", "'", ":", "-", "(", "--", "—", "|")
    return bool(initial) and tok.text not in memory.capitalised


def _person(name: str, words: list[Token], index: ActorIndex, memory: ArticleActors) -> ActorEntry | None:
    """A person named by the NER: the same person as one named before in another spelling or by
    surname, a person of the data, or a new actor keyed by the name's identity key."""
    ident = names.identity_key(name, index.titles)
    if not ident:
        return None
    if ident in memory.journalists:
        return None
    if ident in memory.identities and memory.identities[ident].kind == "person":
        return memory.identities[ident]
    if "-" in ident and (data := _data_person(name, ident, index)) is not None:
        return data
    if "-" not in ident:  # one word: a surname (or a first name) of someone named before
        found = _person_by_surname(ident, name, index, memory)
        if found is not None:
            return found
    else:
        # "Muammar Gaddafi" after "Muammar Abu Minyar al-Gaddafi": the same first and last words
        parts = ident.split("-")
        for other_ident, entry in memory.identities.items():
            other = other_ident.split("-")
            if entry.kind == "person" and len(other) > len(parts) and other[0] == parts[0] and other[-1] == parts[-1]:
                return entry
    clean = names.strip_titles(name, index.titles)
    return memory.new_actors.setdefault(ident, ActorEntry(ident, clean, "person"))


def _data_person(name: str, ident: str, index: ActorIndex) -> ActorEntry | None:
    """The data's person a full name stands for: the same identity ("Bashar al-Asad"), or part
    of exactly one data person's full name ("Tayyip Erdogan" for "Recep Tayyip Erdogan")."""
    key = index.by_identity.get(ident)
    if key is not None and index.entries[key].kind == "person":
        return index.entries[key]
    known = index.people_identity.resolve(name) if index.people_identity is not None else None
    return index.entries[known] if known in index.entries else None


def _organisation(name: str, words: list[Token], index: ActorIndex, memory: ArticleActors) -> ActorEntry:
    """An organisation named by the NER: a news organisation by its name's shape; an acronym the
    article introduced or whose letters are an earlier organisation's initials; the same name in
    another spelling; else a new actor keyed by the name's identity key."""
    doc = words[-1].doc
    after = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
    if any(w.text in index.media_words for w in words) or _named_as_media(words[0], index) or (after is not None and after.lower_ in index.media_nouns
                                                            and after.lower_ != "agency" or after is not None and after.lower_ == "news"):
        key = slug(name)
        return memory.new_actors.setdefault(key, ActorEntry(key, name, "media"))
    ident = names.identity_key(name, index.titles, person=False) or slug(name)
    if ident in memory.identities and memory.identities[ident].kind == "person":
        return memory.identities[ident]  # "Moammar Gadhafi" labelled ORG: the person named so
    if "-" not in ident and not names.is_acronym(name) and memory.surnames.get(ident):
        person = _person_by_surname(ident, name, index, memory)
        if person is not None:
            return person  # "Gadhafi" labelled ORG: the surname of a person the article names
    if name.istitle() and " " not in name and 3 <= len(name) <= 6 and name.upper() != name:
        # "Nato", "Unicef": British style writes a spoken acronym in title case
        known = index.by_identity.get(name.upper().lower())
        if known is not None:
            return index.entries[known]
    if names.is_acronym(name):
        if name in memory.acronyms:
            return memory.acronyms[name]
        expansions = [e for e in memory.organisations if names.is_acronym_of(name, e.name)]
        if len(expansions) == 1:
            memory.acronyms[name] = expansions[0]
            return expansions[0]
    if ident in memory.identities:
        return memory.identities[ident]
    if ident in index.by_identity:
        return index.entries[index.by_identity[ident]]
    for acronym, entry in memory.acronyms.items():
        if entry.name == acronym and names.is_acronym_of(acronym, name):
            return entry  # "the RSF" first, "Rapid Support Forces" later: one actor
    return memory.new_actors.setdefault(ident, ActorEntry(ident, name, "organisation"))


def _named_as_media(first: Token, index: ActorIndex) -> bool:
    """ "the state news agency, Sana", "the newspaper Al-Ahram": a name after a media noun."""
    doc = first.doc
    k = first.i - 1
    while k >= 0 and doc[k].text in (",", "the", "The"):
        k -= 1
    return k >= 0 and doc[k].lower_ in index.media_nouns and doc[k].lower_ not in ("network",)


def _acronyms_in_brackets(mentions: list[Mention], doc: Doc, memory: ArticleActors) -> None:
    """ "the Rapid Support Forces (RSF)": the acronym in brackets is the same actor, and so is
    every later "RSF"."""
    by_first = {m.first: m for m in mentions}
    for m in mentions:
        if m.entry.kind not in ("organisation", "armed_group", "group", "body", "media"):
            continue
        j = m.last + 1
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and names.is_acronym(doc[j + 1].text):
            acronym = doc[j + 1].text
            if names.is_acronym_of(acronym, m.entry.name) or acronym not in memory.acronyms:
                memory.acronyms[acronym] = m.entry
                inner = by_first.get(j + 1)
                if inner is not None and inner.entry.kind not in ("state", "person"):
                    inner.entry, inner.parent = m.entry, m.parent


def _reporter(m: Mention, index: ActorIndex, memory: ArticleActors) -> bool:
    """A person named as a journalist (and, later in the article, by surname alone)."""
    if m.entry.kind != "person" or m.entry.roles:
        return False
    ident = names.identity_key(m.entry.name)
    if ident in memory.journalists:
        return True
    doc = memory.doc
    if doc is not None and is_journalist(doc[m.last], index.journalist_nouns, index.is_media_token):
        memory.journalists.add(ident)
        memory.journalists.add(ident.rsplit("-", 1)[-1])
        memory.new_actors.pop(ident, None)
        return True
    return False


def _context_codes(index: ActorIndex, memory: ArticleActors) -> list[str]:
    return [index.country_codes[k] for k in memory.countries if k in index.country_codes]


def _geocode(m: Mention, index: ActorIndex, memory: ArticleActors) -> None:
    """Coordinates and country code of a place: a country has its code (no point); a place of the
    data is looked up within its country; another place by the article's country context."""
    e = m.entry
    gaz = index.gazetteer
    if e.key in index.country_codes and index.entries.get(e.key, e).kind == "state":
        m.country_code = index.country_codes[e.key]
        return
    within = index.country_codes.get(e.country) if e.country else None
    context = _context_codes(index, memory)
    if m.capital_of and gaz is not None and context and context[0] != within:
        # "clashes in Tripoli" in a report about Lebanon: the Lebanese city, not Libya's capital
        local = gaz.city(e.name, within=context[0])
        if local is not None and local.country_code in index.state_of_code:
            m.city, m.country_code = local, local.country_code
            m.entry = ActorEntry(e.key, e.name, "place", country=index.state_of_code[local.country_code])
            return
    city = None
    if gaz is not None:
        city = gaz.city(e.name, within=within) if within else gaz.city(e.name, _context_codes(index, memory))
        if city is None and m.surface != e.name:
            city = gaz.city(m.surface, within=within) if within else gaz.city(m.surface, _context_codes(index, memory))
    m.city = city
    m.country_code = within or (city.country_code if city else None)
    if e.country is None and city is not None and city.country_code in index.state_of_code:
        m.entry = ActorEntry(e.key, e.name, e.kind, e.parent, e.roles, index.state_of_code[city.country_code])


def _in_capitalised_name(tok: Token) -> bool:
    """ "Rapid Support Forces", "Republican Guard": a generic noun inside a capitalised name."""
    if not tok.text[:1].isupper():
        return False
    doc = tok.doc
    neighbours = [doc[k] for k in (tok.i - 1, tok.i + 1) if 0 <= k < len(doc)]
    return any(n.text[:1].isupper() and n.is_alpha and not n.is_sent_start and n.lower_ not in ("the",) for n in neighbours) \
        or (not tok.is_sent_start and doc[tok.i - 1].is_alpha)


def _belligerents(span: Span, index: ActorIndex, memory: ArticleActors, found: list[Mention], taken: set[int]) -> list[Mention]:
    """Generic belligerents: "rebels", "gunmen", "security forces", "police", "protesters" ...

    Each becomes the actor of its side: the organisation that modifies it is the actor itself
    ("Houthi rebels" -> the Houthis: no generic actor); a state that modifies or owns it
    ("Syrian troops", "Syria's army", "forces loyal to the president" of a state) gives the
    state's armed forces, police or security forces (parent: the state), or the state's rebels /
    opposition / protesters; "government forces" and unattributed nouns take the side the article
    last attributed to that class, else the article's main country. Modifiers naming another side
    without naming it ("coalition forces", "foreign troops") leave the noun alone."""
    doc = span.doc
    by_token = {i: m for m in found for i in range(m.first, m.last + 1)}
    out: list[Mention] = []
    for tok in span:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN") or _in_capitalised_name(tok):
            continue
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
            continue  # "army checkpoint", "police station": a modifier, not the party
        klass = index.generic_nouns.get(tok.lower_)
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < tok.i]
        for c in mods:
            phrase = index.generic_phrases.get((c.lower_, tok.lower_))
            if phrase:
                klass = phrase
            elif c.lower_ in ("rebel", "opposition", "insurgent", "guerrilla") and klass in ("armed_forces", "armed_group"):
                klass = "rebels"
            elif c.lower_ == "police" and tok.lower_ in ("officers", "officer", "personnel", "forces", "units", "force"):
                klass = "police"
        if klass is None:
            continue
        state: str | None = None
        first = tok.i
        side_given = False
        # "fighters from the Free Syrian Army", "members of Hamas": the organisation's own
        belongs = [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in ("from", "of")
                   for p in prep.children if p.dep_ == "pobj" and p.i in by_token
                   and by_token[p.i].entry.kind in ("organisation", "armed_group", "group") and not by_token[p.i].generic]
        if belongs:
            continue
        # the word nearest the noun: "Separatist Abkhazian forces" are Abkhazian
        people = max((c for c in mods if _people_not_a_state(c, tok, klass, index, by_token)), key=lambda c: c.i,
                     default=None)
        if people is not None:
            entry = _people_force(people, klass, index, memory)
            memory.last_force[klass] = entry
            out.append(Mention(entry, doc[people.i : tok.i + 1].text, people.idx, tok.idx + len(tok.text), people.i,
                               tok.i, tok.i))
            continue
        for c in mods + [g for g in tok.children if g.dep_ == "amod" and g.lower_ == "loyal"]:
            if c.lower_ == "loyal":  # "forces loyal to X"
                owners = [p for prep in c.children if prep.lower_ == "to" for p in prep.children if p.dep_ == "pobj"]
                c = owners[0] if owners else c
            m = by_token.get(c.i)
            if m is not None:
                kind = m.entry.kind
                if kind in ("organisation", "armed_group", "group") and not m.generic:
                    state = None
                    side_given = True
                    break  # "Houthi rebels", "Hamas militants": the organisation acts
                if kind == "media":
                    continue
                if kind == "state":
                    state = m.entry.key
                elif kind == "body" and m.entry.parent in index.entries:
                    state = m.entry.parent
                elif kind == "person":
                    parent = m.parent
                    state = parent if parent in index.entries and index.entries[parent].kind == "state" else memory.country
                elif kind == "place":
                    state = m.entry.country
                side_given = True
                if c.i < tok.i:
                    first = min(first, m.first)
            elif c.lower_ in index.other_side or (c.text[:1].isupper() and c.pos_ == "PROPN" and c.i not in by_token):
                side_given = True  # "coalition forces", "Western troops": someone's, not named here
                state = None
                break
            elif c.lower_ in index.state_side and klass in ("armed_forces", "police", "security_forces"):
                state = state or (memory.last_force.get(klass).parent if memory.last_force.get(klass) else None) or memory.country
        if side_given and state is None:
            continue
        if not side_given:
            last = memory.last_force.get(klass)
            entry = last if last is not None else _side_entry(klass, state or memory.country, index, memory)
        else:
            entry = _side_entry(klass, state, index, memory)
            if entry is not None:
                memory.last_force[klass] = entry
        if entry is None:
            continue
        out.append(Mention(entry, doc[first : tok.i + 1].text, doc[first].idx, tok.idx + len(tok.text), first, tok.i, tok.i,
                           entry.parent, generic=True))
    return out


# What a people's armed men are called, by the class of the noun the article used.
PEOPLE_FORCE_NAMES = {"armed_forces": "forces", "rebels": "rebels", "armed_group": "fighters"}


def _people_not_a_state(mod: Token, noun: Token, klass: str, index: ActorIndex, by_token: dict[int, Mention]) -> bool:
    """ "Abkhazian forces", "Chechen rebels", "Kurdish fighters", "Islamist militants": armed men
    named by a people, a region or a faith that is no state of the data. They are that people's
    own side, never the forces of the state the article is about (Abkhazian forces fought
    Georgia's), so no state's side is guessed for them. The modifier may already be a group the
    tagger named ("Chechen" alone, mid-sentence): the force is still the people's forces."""
    named = by_token.get(mod.i)
    if named is not None and not (named.entry.kind == "group" and named.entry.key == slug(mod.text)):
        return False  # a state, an organisation of the data ("Houthi rebels" are the Houthis), a place
    return (klass in PEOPLE_FORCE_NAMES and (mod.ent_type_ == "NORP" or _demonym_like(mod)) and mod.text[:1].isupper()
            and mod.lower_ not in index.state_side and mod.lower_ not in index.other_side
            and (mod.lower_, noun.lower_) not in index.generic_phrases
            and mod.lower_ not in index.generic_nouns)


# Endings of the adjectives that name a people or a land ("Rhodesian", "Biafran", "Sudanese",
# "Kurdish", "Iraqi", "Baltic"): the tagger does not always call such a word a nationality, above
# all at the start of a sentence.
DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ot", "ene")


# Common words with those endings that may open a sentence in front of a force noun.
NOT_DEMONYMS = frozenset({"veteran", "partisan", "civilian", "guardian", "human", "urban", "suburban", "median",
                          "elite", "special", "militant", "islamic", "basic", "strategic", "tactical", "public",
                          "electric", "historic", "pro-government", "caribbean", "european", "african", "asian"})


def _demonym_like(mod: Token) -> bool:
    """A capitalised word with a people's ending ("Biafran", at the start of a sentence tagged a
    noun); continents' adjectives ("European troops") name no one side and are left out."""
    return mod.pos_ in ("ADJ", "PROPN", "NOUN") and mod.is_alpha and len(mod.text) > 3 and mod.text[:1].isupper() \
        and not mod.text.isupper() and mod.lower_.endswith(DEMONYM_ENDINGS) and mod.lower_ not in NOT_DEMONYMS


def _people_force(mod: Token, klass: str, index: ActorIndex, memory: ArticleActors) -> ActorEntry:
    """One actor per people, class and country: "Chechen rebels" and "Chechen guerrillas" are one;
    "Kurdish fighters" in an article about Syria and in one about Iraq are two forces, as
    "Islamist fighters" of Mali and of Somalia are (named like the unidentified armed group of a
    country, so no report of one war joins another's by a shared word)."""
    name = f"{mod.text} {PEOPLE_FORCE_NAMES[klass]}"
    key = slug(name)
    if memory.country is not None and memory.country in index.entries:
        key, name = f"{memory.country}-{key}", f"{name} ({index.entries[memory.country].name})"
    return memory.new_actors.setdefault(key, ActorEntry(key, name, "armed_group"))


def _ministries(span: Span, index: ActorIndex, memory: ArticleActors, found: list[Mention]) -> list[Mention]:
    """ "Azerbaijan's defense ministry", "the Russian Foreign Ministry", "Its defense ministry":
    a body of the state that owns it, keyed "<state>-<words>"."""
    by_token = {i: m for m in found for i in range(m.first, m.last + 1)}
    out: list[Mention] = []
    for tok in span:
        if tok.lower_ not in index.ministry_words or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and c.i not in by_token
                 and c.pos_ in ("NOUN", "ADJ", "PROPN")]
        owner: ActorEntry | None = None
        first = words[0].i if words else tok.i
        for c in tok.children:
            if c.i >= tok.i or c.dep_ not in ("poss", "amod", "compound", "nmod"):
                continue
            m = by_token.get(c.i)
            if m is not None and m.entry.kind == "state":
                owner, first = m.entry, min(first, m.first)
            elif c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS and memory.last_subject_state:
                owner, first = memory.last_subject_state, min(first, c.i)
        if owner is None and words and tok.lower_ == "ministry" and memory.country is not None \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            owner = index.entries[memory.country]  # "the Interior Ministry": the article's country's
        if owner is None or not words:
            continue
        title = " ".join(w.text.lower() for w in words) + " " + tok.text.lower()
        key = f"{owner.key}-{slug(title)}"
        entry = memory.new_actors.setdefault(key, ActorEntry(key, f"{owner.name} {title}", "body", owner.key))
        doc = span.doc
        out.append(Mention(entry, doc[first : tok.i + 1].text, doc[first].idx, tok.idx + len(tok.text), first, tok.i, tok.i, owner.key))
    return out


def _absorb(mentions: list[Mention], doc) -> list[Mention]:
    """Drop a mention that is only part of a bigger one: "Russian" inside "Russian President
    Vladimir Putin", "Azerbaijan" inside "Azerbaijan's defense ministry"."""
    bodies = [m for m in mentions if m.entry.kind in ("body", "person")]
    if not bodies:
        return mentions
    out = []
    for m in mentions:
        if m.entry.kind not in ("body", "person") and any(
            b is not m and (b.first <= m.first <= b.last or _modifies(doc[m.head], b)) for b in bodies
        ):
            continue
        if m.entry.kind == "body" and any(b is not m and b.entry.kind == "person" and _modifies(doc[m.head], b) for b in bodies):
            continue
        out.append(m)
    return out


def _modifies(tok: Token, target: Mention) -> bool:
    """Whether `tok` sits inside the noun phrase headed by `target` (compound/amod/poss chain)."""
    for _ in range(4):
        if tok.dep_ not in NP_INTERNAL_DEPS or tok.head is tok:
            return False
        tok = tok.head
        if target.first <= tok.i <= target.last:
            return True
    return False


# --- roles ---------------------------------------------------------------------------------------


def role_of(mention: Mention, role_tokens: dict[int, Role], doc) -> Role:
    """The role of a mention, from the role of the token its noun phrase attaches to."""
    tok = doc[mention.head]
    for _ in range(5):
        if tok.i in role_tokens:
            return role_tokens[tok.i]
        if tok.dep_ in NP_INTERNAL_DEPS or tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from") and tok.head.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head.head  # "officials from Armenia", "the head of the EU"
            continue
        break
    return "mentioned"


def actor_refs(mentions: Iterable[Mention], role_tokens: dict[int, Role], doc) -> tuple[ActorRef, ...]:
    """Actors of one event: each mention once, media excluded (they report, they don't act)."""
    refs: list[ActorRef] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if m.is_place or m.entry.kind == "media":
            continue
        role = role_of(m, role_tokens, doc)
        if m.generic and role == "mentioned":
            continue  # "gunmen", "troops": an actor when they act, not when merely named
        if (m.entry.key, role) in seen:
            continue
        seen.add((m.entry.key, role))
        refs.append(m.as_actor(role))
    # the same actor in a strong role need not also be listed as merely mentioned
    strong = {r.key for r in refs if r.role != "mentioned"}
    return tuple(r for r in refs if r.role != "mentioned" or r.key not in strong)


RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
TARGET_PREPS = frozenset({"against", "on", "upon", "at", "into"})
# Verbs whose subject undergoes the happening: "several protesters died", "the crew perished".
UNDERGOING_VERBS = frozenset({"die", "perish", "drown", "suffocate"})
PARTICIPANT_PREPS = frozenset({"with", "between"})


# Prepositions of time before a gerund whose doer is the subject of the verb they hang on ("after
# shelling", "before attacking"). Not "of" or "for": "accused Russia of shelling" is Russia's act.
GERUND_TIME_PREPS = frozenset({"after", "following", "before", "while", "upon"})


# Verbs that say an act told as their "in" + gerund was achieved: "succeeded in taking the town".
ACHIEVED_IN = frozenset({"succeed"})


def quoted_as_saying(verb: Token) -> Token | None:
    """Who spoke, in "Radio Kessa quoted the minister as saying ...": the object of "quoted", whose
    words a medium passed on."""
    if verb.lemma_.lower() != "quote":
        return None
    speaker = next((c for c in verb.children if c.dep_ == "dobj"), None)
    saying = any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.dep_ == "pcomp" and g.lemma_.lower() in ("say", "tell", "state") for g in c.children) for c in verb.children)
    return speaker if speaker is not None and saying else None


def achieved_gerund(verb: Token) -> bool:
    """ "(units) did succeed in taking the city": the gerund is an act that happened, done by the
    subject of the verb of achievement."""
    prep = verb.head
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ == "in" and prep.dep_ == "prep" \
        and prep.head.lemma_.lower() in ACHIEVED_IN


# Conjunctions the parser may take for prepositions, making the clause they open a noun phrase
# ("as [troops swept through the suburbs]").
CLAUSE_OPENERS = frozenset({"as", "while", "when", "after", "before", "until"})


def clause_taken_for_participle(verb: Token) -> bool:
    """ "Kigali descended into chaos as troops swept through the suburbs": the parser read "as" as a
    preposition and "swept" as a participle describing "troops". A past form right after the noun
    phrase such a conjunction opens, with no auxiliary, is the clause's verb in the past tense."""
    from app.pipeline.lemmas import is_past_form

    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or noun.dep_ != "pobj" or noun.head.lower_ not in CLAUSE_OPENERS:
        return False
    if any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children) or verb.i < noun.i:
        return False
    between = range(noun.i + 1, verb.i)
    noun_phrase = {t.i for t in noun.subtree} - {t.i for t in verb.subtree}
    return all(i in noun_phrase for i in between) and is_past_form(verb.lower_, verb.lemma_.lower())


def subject_of(pred: Token) -> Token | None:
    """The grammatical subject of a predicate, inherited through coordination and control
    ("France condemned ... and called on ...", "threatened to strike")."""
    quoted = quoted_as_saying(pred)
    if quoted is not None:
        return quoted  # "the agency quoted the minister as saying ...": the minister said it
    cur = pred
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                    return cur.head  # "the ICC that issued a warrant": the ICC
                return _out_of_the_aside(c, cur)
        if cur.dep_ == "xcomp" and _passive_form(cur) and any(c.dep_ == "nsubjpass" for c in cur.head.children):
            # a participle under a passive clause of its own has no doer to inherit: "..., but
            # several civilians were reported killed" (not the communications of the first clause)
            return None
        if cur.dep_ in ("conj", "xcomp") or (cur.dep_ == "advcl" and cur.tag_ == "VBG"):
            cur = cur.head
            continue
        if cur.dep_ == "acomp" and cur.pos_ == "ADJ" and cur.head.pos_ in ("AUX", "VERB"):
            cur = cur.head  # "Netanyahu was quick to blame Iran": the copula's subject blamed
            continue
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.lower_ in GERUND_TIME_PREPS \
                and cur.head.head.pos_ in ("VERB", "AUX") or achieved_gerund(cur):
            cur = cur.head.head  # "troops withdrew after shelling the town": the troops shelled it
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBD" or clause_taken_for_participle(cur):
            return cur.head  # a finite verb parsed as a noun modifier: "The EU's chief, Borrell, called for ..."
        break
    return None


def _passive_form(verb: Token) -> bool:
    """A passive verb: with a passive auxiliary, or a bare past participle ("reported killed")."""
    return any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children))


def _out_of_the_aside(subject: Token, verb: Token) -> Token:
    """The subject the parser gave a verb, or, when that lies in a dash-delimited aside the verb is
    outside of ("Hours before the march -- the largest demonstration since 1979 -- the supreme
    leader reversed course"), the first noun phrase after the aside: the true subject."""
    aside = dash_aside(verb.sent, subject.idx)
    if aside is None or aside[0] <= verb.idx < aside[1]:
        return subject
    for tok in verb.doc[verb.sent.start:verb.i]:
        if tok.idx > aside[1] and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "poss", "amod", "det"):
            return tok
    return subject


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(_with_conjuncts(c))
    return out


# Participles that say whom an act of violence struck: "fired several shots, hitting the prince".
STRIKING_PARTICIPLES = frozenset({"hit", "kill", "wound", "injure", "strike", "maim", "fell"})


def role_tokens(pred: Token, trigger: Token, verbal: bool, participants: bool,
                reporter: Token | None = None, accusatory: bool = False,
                passive_subject: Role = "target") -> dict[int, Role]:
    """Token index -> role for one event, read from the dependency parse around its predicate.

    Subject (or passive agent) -> initiator, or speaker for speech acts; object, "against X",
    "on X" -> target; "with X" of meetings -> participant; subject of the reporting verb -> speaker.
    """
    roles: dict[int, Role] = {}

    def put(tok: Token | None, role: Role) -> None:
        if tok is None:
            return
        for t in _with_conjuncts(tok):
            roles.setdefault(t.i, role)

    if reporter is not None and reporter.i != pred.i:
        put(subject_of(reporter), "speaker")
    agent_role: Role = "speaker" if verbal else "initiator"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in pred.children)
    put(quoted_as_saying(pred), agent_role)  # "quoted the minister as saying": he is who spoke
    for c in pred.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    put(p, agent_role)
        elif c.dep_ == "nsubjpass":
            put(pred.head if c.lower_ in RELATIVE_PRONOUNS and pred.dep_ == "relcl" else c,
                "participant" if participants else passive_subject)
        elif c.dep_ in ("dobj", "dative") and c.i != trigger.i:
            put(c, "participant" if participants else "target")
        elif c.dep_ == "prep":
            prep = c.lower_
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if prep in TARGET_PREPS:
                    put(p, "target")
                elif prep in PARTICIPANT_PREPS and (participants or prep == "between"):
                    put(p, "participant")
                elif prep == "by" and passive:
                    put(p, agent_role)
    if not verbal:
        for c in pred.children:
            # "the assassin fired several shots, hitting Prince Ito thrice": whom the shots struck
            if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.lemma_.lower() in STRIKING_PARTICIPLES:
                for o in c.children:
                    if o.dep_ == "dobj":
                        put(o, "target")
    if not passive:
        # who died or perished underwent the act; nobody did it (soldiers who then opened fire on
        # them are its doers, not another side)
        put(subject_of(pred), "target" if pred.lemma_.lower() in UNDERGOING_VERBS else agent_role)
    if trigger.i != pred.i:
        # the event noun's own arguments: "Azerbaijan's operation", "offensive by", "attack on"
        for c in trigger.children:
            if c.dep_ == "poss":
                put(c, agent_role)
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if c.lower_ == "by":
                        put(p, agent_role)
                    elif c.lower_ in TARGET_PREPS or (c.lower_ == "for" and not participants):
                        put(p, "target")
                    elif c.lower_ in PARTICIPANT_PREPS:
                        put(p, "participant")
            elif c.dep_ in ("amod", "compound"):
                put(c, agent_role)  # "Russian peacekeepers", "Azerbaijani strikes"
    # condemned X's action: the owner of the condemned thing is the target;
    # complained that X neglected ...: the subject of the complaint's content is the target
    for c in pred.children:
        if c.dep_ == "dobj" and verbal:
            for p in c.children:
                if p.dep_ == "poss":
                    put(p, "target")
        elif c.dep_ == "ccomp" and verbal and accusatory:
            put(subject_of(c), "target")
    return roles
