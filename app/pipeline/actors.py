"""Actor recognition: who is named in a sentence, canonicalised.

Two sources, gazetteer first: the curated data in resources/actors.toml (countries with their
capitals and demonyms, organisations, bodies of states, people with dated offices) and spaCy's
named entities for everyone else (a new actor keyed by the slug of its name). The small English
model often labels countries as PERSON or regions as ORG, so a gazetteer hit always wins over
the NER label, and places from resources/places.toml are never actors.

What a demonym refers to depends on its noun: "Russian peacekeepers" are Russia's forces, "ethnic
Armenians" a people, "separatist Armenian authorities" a group. A capital stands for its government
("Moscow said") except as a location ("protests in Yerevan").

Roles (initiator, target, speaker, participant) are assigned per event in `assign_roles` from the
dependency parse around the event's predicate.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from app.pipeline.types import ActorRef, PlaceRef, Role

# Prepositions after which a country or capital is a location, not an actor.
LOCATIVE_PREPS = frozenset(
    "in at near to from into outside across around toward towards inside throughout within via "
    "over along off onto through".split()
)
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
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

    @classmethod
    def build(cls, actors: dict, places: dict) -> "ActorIndex":
        entries: dict[str, ActorEntry] = {}
        aliases: list[Alias] = []
        demonym_to_people: dict[str, str] = {}
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
            for a in peoples:
                aliases.append(Alias(a, key, "people"))
        for key, o in actors.get("organisations", {}).items():
            entries[key] = ActorEntry(key, o["name"], o.get("kind", "organisation"), o.get("parent"))
            for a in [o["name"], *o.get("aliases", [])]:
                aliases.append(Alias(a, key, "name"))
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
        return cls(
            entries=entries,
            by_first_token={k: tuple(sorted(v, key=lambda a: -len(a.text))) for k, v in index.items()},
            state_nouns=frozenset(rules.get("state_nouns", [])),
            group_modifiers=frozenset(rules.get("group_modifiers", [])),
            ministry_words=frozenset(rules.get("ministry_words", [])),
            titles=frozenset(rules.get("titles", [])),
            demonym_to_people=demonym_to_people,
            ignore_names=frozenset(rules.get("ignore_names", [])),
        )


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

    @property
    def is_place(self) -> bool:
        return self.entry.kind == "place"

    def as_actor(self, role: Role) -> ActorRef:
        e = self.entry
        return ActorRef(e.key, e.name, e.kind, role, self.surface, self.start, self.end, self.parent)

    def as_place(self) -> PlaceRef:
        e = self.entry
        return PlaceRef(e.key, e.name, self.surface, self.start, self.end, e.country)


@dataclass
class ArticleActors:
    """What earlier sentences of the same article tell about names: surnames, the last state subject."""

    published: dt.date
    people_by_surname: dict[str, ActorEntry] = field(default_factory=dict)
    last_subject_state: ActorEntry | None = None
    new_actors: dict[str, ActorEntry] = field(default_factory=dict)
    text: str | None = None  # the parsed text, cached


def find_mentions(span: Span, index: ActorIndex, memory: ArticleActors, ents: Iterable[Span] | None = None) -> list[Mention]:
    """All actor and place mentions of one sentence, longest match first, non-overlapping.

    `ents` are the named entities inside the sentence; pass them when scanning a whole document
    (Span.ents re-reads all the Doc's entities on every call, which is quadratic over an article)."""
    doc = span.doc
    text = memory.text if memory.text is not None else doc.text  # Doc.text is rebuilt on every access
    mentions: list[Mention] = []
    taken: set[int] = set()
    i = span.start
    while i < span.end:
        tok = doc[i]
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
        if any(t.i in taken for t in ent) or ent.label_ not in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"):
            continue
        m = _from_entity(ent, index, memory)
        if m is not None:
            mentions.append(m)
            taken.update(range(ent.start, ent.end))

    mentions = _absorb(mentions, doc)
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        if m.entry.kind == "person":
            memory.people_by_surname[m.entry.name.split()[-1]] = m.entry
        elif m.entry.kind == "state" and doc[m.head].dep_ in SUBJECT_DEPS:
            memory.last_subject_state = m.entry
    return mentions


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
        earlier = memory.people_by_surname.get(alias.text)
        m.entry = earlier or entry
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
        else:
            m.entry = ActorEntry(entry.key, entry.name, "place", country=entry.key)
        return m
    if alias.how == "people":
        m.entry = _group(alias.text, index, memory)
        return m
    if alias.how == "demonym":
        return _demonym(alias, span, entry, index, memory)
    return m


def _is_location(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _group(name: str, index: ActorIndex, memory: ArticleActors) -> ActorEntry:
    key = slug(name)
    return memory.new_actors.setdefault(key, ActorEntry(key, name, "group"))


def _demonym(alias: Alias, span: Span, state: ActorEntry, index: ActorIndex, memory: ArticleActors) -> Mention | None:
    tok = span.root
    noun = tok.head if tok.dep_ in ("amod", "compound", "nmod") else tok
    # modifiers of the demonym or of its noun: "ethnic Armenian", "separatist Armenian authorities"
    modifiers = {c.lower_ for c in tok.children} | {c.lower_ for c in noun.children if c.i < tok.i}
    if modifiers & index.group_modifiers:
        kind = "ethnic" if modifiers & {"ethnic", "diaspora"} else "separatist"
        people = index.demonym_to_people.get(alias.text, alias.text)
        name = people if kind == "ethnic" else f"{alias.text} separatists"
        entry = _group(name, index, memory)
    elif noun is tok or noun.lower_ in index.state_nouns or noun.lemma_.lower() in index.state_nouns:
        entry = state
    else:
        entry = state  # "Turkish support", "Armenian territory": the state, mentioned
    return Mention(entry, span.text, span.start_char, span.end_char, span.start, span.end - 1, tok.i, entry.parent)


def _from_entity(ent: Span, index: ActorIndex, memory: ArticleActors) -> Mention | None:
    if ent.root.pos_ != "PROPN" or ent.text in index.ignore_names:
        return None  # "Protests" labelled ORG, "State" of "Secretary of State": not names
    words = [t for t in ent if t.text not in index.titles and not t.is_punct or t.text == "-"]
    while words and (words[0].lower_ in ("the",) or words[0].text in index.titles):
        words = words[1:]
    while words and words[-1].text in ("'s", "’s", "'", "’"):
        words = words[:-1]
    if not words:
        return None
    name = "".join(t.text_with_ws for t in words[:-1]) + words[-1].text if len(words) > 1 else words[0].text
    if len(words) > 1 and words[-1].i - words[0].i + 1 != len(words):
        name = ent.doc[words[0].i : words[-1].i + 1].text
    key = slug(name)
    if not key:
        return None
    label = ent.label_
    if label == "PERSON":
        if len(words) == 1 and name in memory.people_by_surname:
            entry = memory.people_by_surname[name]
        else:
            entry = memory.new_actors.setdefault(key, ActorEntry(key, name, "person"))
    elif label == "ORG":
        entry = memory.new_actors.setdefault(key, ActorEntry(key, name, "organisation"))
    elif label == "NORP":
        entry = _group(name, index, memory)
    else:  # GPE, LOC, FAC not in the data: a place
        entry = ActorEntry(key, name, "place")
    head = ent.root
    parent = entry.parent_on(memory.published) if entry.kind == "person" else entry.parent
    return Mention(entry, name, words[0].idx, words[-1].idx + len(words[-1].text), words[0].i, words[-1].i, head.i, parent)


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
        if (m.entry.key, role) in seen:
            continue
        seen.add((m.entry.key, role))
        refs.append(m.as_actor(role))
    # the same actor in a strong role need not also be listed as merely mentioned
    strong = {r.key for r in refs if r.role != "mentioned"}
    return tuple(r for r in refs if r.role != "mentioned" or r.key not in strong)


RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})
TARGET_PREPS = frozenset({"against", "on", "upon", "at", "into"})
PARTICIPANT_PREPS = frozenset({"with", "between"})


def subject_of(pred: Token) -> Token | None:
    """The grammatical subject of a predicate, inherited through coordination and control
    ("France condemned ... and called on ...", "threatened to strike")."""
    cur = pred
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                    return cur.head  # "the ICC that issued a warrant": the ICC
                return c
        if cur.dep_ in ("conj", "xcomp") or (cur.dep_ == "advcl" and cur.tag_ == "VBG"):
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBD":
            return cur.head  # a finite verb parsed as a noun modifier: "The EU's chief, Borrell, called for ..."
        break
    return None


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(_with_conjuncts(c))
    return out


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
    if not passive:
        put(subject_of(pred), agent_role)
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
