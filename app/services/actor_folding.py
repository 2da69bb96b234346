"""One person, one actor, whichever article named them first.

A later article's lone surname already resolves to the one stored full name it can stand for
(`ArticleWriter.stored_identity`). The other order needs this module: "Cook" was stored as an
actor of its own because no article of the collection had named Robin Cook yet; when one does,
the surname's events in that collection move to the full name, the surname becomes one of its
aliases, and once the surname actor has no events left anywhere its id redirects to the full
name (`actor_redirect`), so `?actor=` links that carried it keep working.

Only within one collection: what a surname means depends on the conflict (an "Assad" of 1982 is
not one of 2011), so the surname's events in other collections stay where they are. And only
when the surname fits exactly one full name there, or one the collection reports far more than
all the others who bear it (`names.most_reported_bearer`): "Haddad" with Omar and Karim Haddad
both in the news fits neither, and is left alone. A given name alone ("Saddam") stands for the
one prominent person who bears it there and nobody else (`sole_bearer_of_given_name`). A full name
with the Arabic article glued on or written apart ("Nabil Elaraby", "Nabil Al-Araby") is one person
(`stored_article_variant`, and `fold_article_variants` for two already stored), and so is a first
and last name and the one fuller name of the collection with names between them ("Mohamad Tantawi",
"Mohammed Hussein Tantawi"; `fold_into_fuller_names`), never with an initial
between them (George Bush and George W. Bush), and only when both are reported in one war
(`_same_war`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein
from sqlalchemy import delete, or_, select, update
from sqlmodel import Session

from app.db import dialect_of
from app.models import Actor, ActorAlias, ActorRedirect, CollectionActor, Event, EventActor, Mention
from app.pipeline.names import (
    PROMINENT_EVENTS, IdentityIndex, article_variant_keys, clean_name, fold, identity_key, is_surname_form,
    sole_prominent_bearer, strip_titles,
)

FOLDED_KINDS = ("person", "organisation")  # the tagger may call a lone surname an organisation


def may_stand_for(short: tuple[str, str], full: tuple[str, str], full_reported: int) -> bool:
    """Whether a short name (name, kind as the tagger typed it) may stand for a stored actor (name,
    kind) reported `full_reported` times in the collection. The tagger sometimes calls a lone
    surname an organisation ("Gadhafi", "Moreno-Ocampo"), but an organisation it does not know may
    also share a key with someone's surname ("al-Qaeda" and a "Mr al-Qady" are both `kad`). So an
    organisation is taken for a person's surname when it is spelled as that surname, or when the
    person is one the collection reports often (and spellings vary: Gadhafi, Gaddafi)."""
    (short_name, short_kind), (full_name, full_kind) = short, full
    if short_kind != "organisation" or full_kind != "person" or full_reported >= PROMINENT_EVENTS:
        return True
    return _bare(short_name.split()[-1]) == _bare(full_name.split()[-1]) if short_name and full_name else False


def _bare(word: str) -> str:
    """A surname without the Arabic article and case: "al-Qaeda" -> "qaeda"."""
    return re.sub(r"^(?:al|el|ad|ar|as|ash|at|az|an)[-\s]", "", word.lower())


def surname_keys(full_key: str) -> list[str]:
    """The keys a shorter form of this full name would have: "rubn-kuk" -> ["kuk"];
    "lus-murn-ukmp" -> ["ukmp", "murn-ukmp"]."""
    parts = full_key.split("-")
    return ["-".join(parts[-n:]) for n in range(1, len(parts))]


def opens_with(column, key: str):
    """`column` holds a longer key that opens with `key` ("saf-aslm" -> "saf-aslm-kadf"). (A LIKE,
    not a range on the index: under a PostgreSQL collation such as en_US hyphens do not order.)"""
    return column.like(f"{key}-%")


def given_name_keys(full_key: str) -> list[str]:
    """The keys of a compound given name alone, without the family name: "saf-aslm-kadf" ->
    ["saf-aslm"] ("Saif al-Islam" for Saif al-Islam Gaddafi). One word alone is not one of these:
    a first name used alone is more often a private person's, and stands for someone only under
    the stricter rule of `sole_bearer_of_given_name`."""
    parts = full_key.split("-")
    return ["-".join(parts[:n]) for n in range(2, len(parts))]


def sole_bearer_of_given_name(session: Session, collection_id: int, given: str, written: str) -> str | None:
    """The collection's one prominent person whose name opens with this one-word given name
    (key `given`, as `written`: "sadm", "Sadam" -> Saddam Hussein), when nobody else known there
    bears it, as a given name or as a family name (names.sole_prominent_bearer), and the two are
    spelled alike: the identity key is loose ("Hussein" and "Hosni" are both `husn`), and a
    given name alone is weak evidence."""
    if not given or "-" in given:
        return None
    rows = session.execute(
        select(Actor.id, Actor.name, CollectionActor.events_count)
        .join(CollectionActor, CollectionActor.actor_id == Actor.id)
        .where(CollectionActor.collection_id == collection_id, CollectionActor.events_count > 0,
               Actor.kind == "person", or_(opens_with(Actor.id, given), Actor.id.like(f"%-{given}")))).all()
    if not rows or any(key.endswith(f"-{given}") for key, _, _ in rows):
        return None
    words = {key: tuple((identity_key(name) or key).split("-")) for key, name, _ in rows}
    found = sole_prominent_bearer(words, {key: count for key, _, count in rows})
    if found is None:
        return None
    first = strip_titles(clean_name(next(name for key, name, _ in rows if key == found))).split()[0]
    return found if Levenshtein.normalized_similarity(fold(first), fold(written)) >= GIVEN_NAME_LIKENESS else None


# How alike a given name alone and a bearer's given name must be written ("Sadam" / "Saddam" 0.83,
# "Moammar" / "Muammar" 0.86; "Hussein" / "Hosni" 0.43).
GIVEN_NAME_LIKENESS = 0.75


def _stored_people(session: Session, collection_id: int, keys: Iterable[str]) -> dict[str, int]:
    """Which of these keys are people with events in the collection, with their event counts."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    return dict(session.execute(
        select(Actor.id, CollectionActor.events_count)
        .join(CollectionActor, CollectionActor.actor_id == Actor.id)
        .where(CollectionActor.collection_id == collection_id, CollectionActor.events_count > 0,
               Actor.kind == "person", Actor.id.in_(keys))).all())


def stored_article_variant(session: Session, collection_id: int, name: str) -> str | None:
    """The collection's one person whose name is this one with an Arabic article glued on or
    written apart (`names.article_variant_keys`): "Nabil Al-Araby" when "Nabil Elaraby" is stored."""
    found = _stored_people(session, collection_id, article_variant_keys(name))
    return next(iter(found)) if len(found) == 1 else None


def _middle_words_are_names(name: str) -> bool:
    """The words between the first and the last of a person's name are names, not initials: "George
    W. Bush" is not "George Bush" (father and son both made news), "Mohammed Hussein Tantawi" is
    "Mohamed Tantawi"."""
    words = strip_titles(clean_name(name)).split()
    return len(words) >= 3 and all(len(w.replace(".", "")) >= 2 for w in words[1:-1])


def _with_middle_names(session: Session, collection_id: int, key: str) -> dict[str, tuple[str, int]]:
    """The collection's people whose names are this two-word name with names in between (same first
    and last word): key -> (name, events)."""
    parts = key.split("-")
    if len(parts) != 2:
        return {}
    rows = session.execute(
        select(Actor.id, Actor.name, CollectionActor.events_count)
        .join(CollectionActor, CollectionActor.actor_id == Actor.id)
        .where(CollectionActor.collection_id == collection_id, CollectionActor.events_count > 0,
               Actor.kind == "person", Actor.id.like(f"{parts[0]}-%-{parts[1]}"))).all()
    return {k: (name, count) for k, name, count in rows
            if (identity_key(name) or k).split("-")[0] == parts[0] and _middle_words_are_names(name)}


def _states_around(session: Session, collection_id: int, key: str, whole_articles: bool = False) -> set[str]:
    """The states named in the collection's events this actor takes part in, or with
    `whole_articles` in the articles that name it: the war they are in."""
    mine = select(EventActor.event_id).join(Event, Event.id == EventActor.event_id).where(
        EventActor.actor_id == key, Event.collection_id == collection_id)
    around = mine
    if whole_articles:
        articles = select(Mention.article_id).where(Mention.event_id.in_(mine))
        around = select(Mention.event_id).where(Mention.article_id.in_(articles))
    return set(session.execute(
        select(EventActor.actor_id).join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(around), Actor.kind == "state").distinct()).scalars())


def _same_war(session: Session, collection_id: int, one: str, other: str) -> bool:
    """Whether two people's reports are of one war: their own events name a state in common, or the
    articles naming them name two ("Barack Hussein Obama said ..." may name no state; the report
    around it does, but one shared state of whole articles, often the United States, is too little:
    an Ali al-Mahmudi of Libya and an Ali Ghassab al-Mahamid of Iraq share only that)."""
    if _states_around(session, collection_id, one) & _states_around(session, collection_id, other):
        return True
    shared = _states_around(session, collection_id, one, True) & _states_around(session, collection_id, other, True)
    return len(shared) >= 2


def fold_into_fuller_names(session: Session, collection_id: int, names: dict[str, str]) -> list[tuple[str, str]]:
    """A first and last name ("Mohamad Tantawi") and the collection's one fuller name with names
    between them ("Mohammed Hussein Tantawi"), either of them named by this article, are one person
    when their reports are of one war (`_same_war`: a Mohammed Mansour of Egypt is not a Mohammad
    Kadhum Mansoor of Iraq). The less reported folds into the more reported, so a reader
    finds Barack Obama, not Barack Hussein Obama. Two fuller names that fit leave the short one be."""
    pairs = set()
    for key, name in names.items():
        parts = key.split("-")
        if len(parts) == 2:
            fuller = _with_middle_names(session, collection_id, key)
            if len(fuller) == 1:
                pairs.add((key, next(iter(fuller))))
        elif len(parts) >= 3 and _middle_words_are_names(name):
            short = f"{parts[0]}-{parts[-1]}"
            if set(_with_middle_names(session, collection_id, short)) == {key}:
                pairs.add((short, key))
    folded = []
    for short, full in sorted(pairs):
        counts = _stored_people(session, collection_id, [short, full])
        if len(counts) != 2:
            continue
        if not _same_war(session, collection_id, short, full):
            continue
        source, target = (full, short) if counts[short] > counts[full] else (short, full)
        _move(session, collection_id, source, target)
        folded.append((source, target))
    return folded


def fold_article_variants(session: Session, collection_id: int, names: dict[str, str]) -> list[tuple[str, str]]:
    """Two stored people of the collection whose names differ only by a glued article (stored
    before either was known as the other's variant): the less reported folds into the more
    reported one. `names` maps this article's people's keys to their names."""
    folded = []
    for key, name in sorted(names.items()):
        variants = _stored_people(session, collection_id, set(article_variant_keys(name)) - {key})
        if len(variants) != 1:
            continue
        mine = _stored_people(session, collection_id, [key]).get(key)
        if mine is None:
            continue
        (other, theirs), = variants.items()
        source, target = (key, other) if (mine, other) < (theirs, key) else (other, key)
        _move(session, collection_id, source, target)
        folded.append((source, target))
    return folded


def fold_surnames(session: Session, collection_id: int, full_keys: Iterable[str]) -> list[tuple[str, str]]:
    """Fold the collection's surname actors into these full names where exactly one fits.
    Returns the (surname key, full key) pairs folded. Reads nothing more than one query when
    there is nothing to fold, which is nearly always."""
    full_keys = sorted({k for k in full_keys if "-" in k})
    tails = {tail: full for full in full_keys for tail in surname_keys(full)}
    heads = {head for full in full_keys for head in given_name_keys(full)}
    firsts = {full.split("-", 1)[0] for full in full_keys}  # one-word given names
    tails.update((head, "") for head in heads | firsts if head not in tails)
    if not tails:
        return []
    in_collection = (CollectionActor.collection_id == collection_id, CollectionActor.events_count > 0)
    short = session.execute(
        select(Actor.id, Actor.name, Actor.kind).join(CollectionActor, CollectionActor.actor_id == Actor.id)
        .where(*in_collection, Actor.id.in_(sorted(tails)), Actor.kind.in_(FOLDED_KINDS))).all()
    folded = []
    # Only a name of one word ("Cook", a hyphenated "Moreno-Ocampo", a "bin Laden") stands for a fuller one,
    # as in ArticleWriter.stored_identity: "Robin Cook" is a full name of its own, never folded
    # into a longer one that happens to end with it (a photographer's credit glued in front).
    for surname, name, kind in ((key, name, kind) for key, name, kind in short
                                if is_surname_form(name) or key in heads and kind == "person"):
        target = _only_full_name(session, collection_id, surname, (name, kind),
                                 given=surname in heads and not is_surname_form(name))
        if target is None and kind == "person" and surname in firsts:
            target = sole_bearer_of_given_name(session, collection_id, surname, name)  # "Saddam" alone
        if target is not None and target != surname:
            _move(session, collection_id, surname, target)
            folded.append((surname, target))
    return folded


def _only_full_name(session: Session, collection_id: int, surname: str, short: tuple[str, str],
                    given: bool = False) -> str | None:
    """The one person of the collection this surname (its name and kind) stands for, else None;
    with `given`, the name is a compound given name and the person's full name starts with it."""
    rows = session.execute(
        select(Actor.id, Actor.name, CollectionActor.events_count)
        .join(CollectionActor, CollectionActor.actor_id == Actor.id)
        .where(CollectionActor.collection_id == collection_id, CollectionActor.events_count > 0,
               Actor.kind == "person", Actor.id != surname,
               opens_with(Actor.id, surname) if given else Actor.id.like(f"%-{surname}"))).all()
    if not rows:
        return None
    reported = {key: count for key, _, count in rows}
    found = IdentityIndex.build({key: name for key, name, _ in rows}).resolve(surname, reported=reported)
    names = {key: name for key, name, _ in rows}
    return found if found is not None and may_stand_for(short, (names[found], "person"), reported[found]) else None


def _move(session: Session, collection_id: int, surname: str, target: str) -> None:
    """Move the surname's links in this collection to the full name (database triggers keep every
    count), keep the surname as an alias, and redirect its id once nothing else holds it."""
    if surname == target:
        return  # moving an actor's links onto itself would only delete them
    insert = dialect_of(session).insert
    events_here = select(Event.id).where(Event.collection_id == collection_id)
    links = session.execute(select(EventActor.event_id, EventActor.role).where(
        EventActor.actor_id == surname, EventActor.event_id.in_(events_here))).all()
    if links:
        session.execute(insert(EventActor.__table__).values(
            [{"event_id": event_id, "actor_id": target, "role": role} for event_id, role in links])
            .on_conflict_do_nothing(index_elements=["event_id", "actor_id", "role"]))
        session.execute(delete(EventActor).where(EventActor.actor_id == surname,
                                                 EventActor.event_id.in_(events_here))
                        .execution_options(synchronize_session=False))
    aliases = {surname_name} if (surname_name := session.get(Actor, surname).name) else set()
    aliases |= set(session.execute(select(ActorAlias.alias).where(ActorAlias.actor_id == surname)).scalars())
    if aliases:
        session.execute(insert(ActorAlias.__table__).values(
            [{"actor_id": target, "alias": alias} for alias in sorted(aliases)])
            .on_conflict_do_nothing(index_elements=["actor_id", "alias"]))
    session.flush()
    if not session.execute(select(EventActor.event_id).where(EventActor.actor_id == surname).limit(1)).first():
        session.execute(insert(ActorRedirect.__table__).values(old_id=surname, actor_id=target)
                        .on_conflict_do_nothing(index_elements=["old_id"]))
        # an older redirect to the surname now leads straight to the full name
        session.execute(update(ActorRedirect).where(ActorRedirect.actor_id == surname)
                        .values(actor_id=target).execution_options(synchronize_session=False))

