"""Names of people and organisations: cleaning, and an identity key that spelling variants share.

News spells one person many ways: transliterations of Arabic, Russian or Persian names (Gaddafi,
Gadhafi, Qaddafi, Kadhafi; Mursi, Morsi; Muammar, Moammar; Mohamed, Mohammed, Muhammad), with or
without the article ("al-Assad", "Assad", "al Assad"), with titles ("Col.", "President", "Mr").
`identity_key` maps a name to a key those variants share; `resolve_identity` maps a variant, a
surname or an acronym onto one known key when exactly one fits. Pure functions: no data file, no
I/O; the rules are rules of English writing and of romanisation, not lists of particular people.

The identity key is a per-word skeleton (see `skeleton`):
  1. tokeniser marks ("-LRB-"), brackets, quotes and possessives go; titles before a name go;
  2. accents are folded to ASCII; the Arabic article (al-, el-, and its assimilated forms ad-,
     ar-, as-, ash-, at-, az-, an-) is dropped, also when glued in camel case ("ElBaradei");
     name particles are normalised (Abdel/Abdul/Abd al- -> "abd", ibn/ben/bin -> "bin", Abou -> "abu");
  3. each word becomes: its first letter, the class of its first vowel (a/e/i/y -> a, o/u -> u),
     then its consonants only, with the romanisation's interchangeable spellings made one
     (q, g, k, c before a/o/u, ck, kh, gh -> k; dh, th -> d; ph, v -> f; sh, sch, ch -> x; zh, dj -> j;
     ou, oo -> u) and doubled letters single. Later vowels are dropped because romanisations differ
     mostly there (Muhammad/Mohamed, Khalid/Khaled, Hafiz/Hafez).
  Acronyms (all capitals: "RSF", "NATO") are kept as they are, lower-cased.
  The words are joined with "-": "Muammar Gaddafi", "Moammar Gadhafi", "Col. Muammar al-Qaddafi"
  -> "mumr-kadf".

Known limits: different names with the same consonants and first vowel class share a word
skeleton (Hosni and Hussein are both "husn"; Hassan is "hasn"), so whole names, not single words,
are compared, and a surname alone is resolved only when one known name fits. A variant that
writes a sound with other letters than the rules know (Othman/Osman: th vs s) keeps two keys.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Penn Treebank escapes left in detokenised text, and stray brackets and quotes.
TOKENISER_MARK = re.compile(r"-[LR][RSC]B-|``|''")
STRAY = re.compile(r"[()\[\]{}\"“”‘’«»]")
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

# Words that may stand before a name and are not part of it: honorifics, ranks, offices.
TITLE_WORDS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
baron baroness viscount viscountess earl countess duke duchess marquess
president vice prime minister ministers premier chancellor secretary secretary-general general gen gen.
colonel col col. lieutenant lt lt. lt-col major maj maj. captain capt capt. sergeant sgt sgt. corporal
private pvt brigadier brig brig. admiral adm adm. marshal field commander cmdr commandant chief
king queen prince princess crown emir amir sultan sheikh sheik shaikh imam ayatollah grand mullah
cleric pope reverend rev rev. father senator sen sen. representative rep rep. governor gov gov. mayor
ambassador envoy judge justice deputy foreign defence defense interior finance spokesman spokeswoman
spokesperson leader former late acting interim opposition rebel militia dictator strongman
""".split())
# Last words of institutions' names, which may start with an office word ("Defence Ministry").
INSTITUTION_NOUNS = frozenset("""ministry ministries office department council committee guard guards army forces
force command court agency service services party front movement brigade brigades""".split())
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# The Arabic definite article and its assimilated spellings (before "sun letters").
ARTICLES = frozenset({"al", "el", "ul", "il", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath"})
# English function words inside organisation names ("Organisation for ...", "Army of ...").
FUNCTION_WORDS = frozenset({"the", "of", "for", "and", "in", "on", "to", "de", "du", "des", "la", "le"})
VOWELS = frozenset("aeiouy")
# Romanisations swap a, e and i freely (Mehdi/Mahdi, Seif/Saif, Mishal/Meshaal, Ibrahim/Ebrahim)
# but keep u/o apart from them (Hassan is not Hussein, Amr is not Omar).
VOWEL_CLASS = {"a": "a", "e": "a", "i": "a", "y": "a", "o": "u", "u": "u"}

# Spellings of one sound across romanisations, longest first (applied left to right).
CONSONANT_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "x"), ("tch", "x"), ("dzh", "j"),
    ("kh", "k"), ("gh", "k"), ("ck", "k"), ("qu", "k"), ("dh", "d"), ("th", "d"), ("ph", "f"),
    ("sh", "x"), ("ch", "x"), ("zh", "j"), ("dj", "j"),
    ("q", "k"), ("g", "k"), ("c", "k"), ("v", "f"), ("w", "w"),
)


def fold(text: str) -> str:
    """ASCII, lower case: "Erdoğan" -> "erdogan"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def clean_name(text: str) -> str:
    """A name as it should be shown: tokeniser marks, brackets, quotes and a possessive ending
    removed, spaces collapsed. "-LRB- Muammar -RRB- Qaddafi" -> "Muammar Qaddafi"."""
    text = TOKENISER_MARK.sub(" ", text)
    text = STRAY.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—.")
    return POSSESSIVE.sub("", text).strip()


def strip_titles(name: str, extra_titles: Iterable[str] = ()) -> str:
    """The name without the titles in front of it (and Jr./Sr. after it):
    "Col. Muammar Gaddafi" -> "Muammar Gaddafi", "President Obama" -> "Obama",
    "Prime Minister Nouri al-Maliki" -> "Nouri al-Maliki". A name that is only titles is kept."""
    words = name.split()
    extra = {w.lower() for w in extra_titles}
    if words and words[-1].lower() in INSTITUTION_NOUNS:
        return name  # "Interior Ministry", "Presidential Guard": an institution, not a titled person
    i = 0
    while i < len(words) - 1 and (words[i].lower() in TITLE_WORDS or words[i].lower() in extra):
        i += 1
    j = len(words)
    while j - 1 > i and words[j - 1].lower().strip(",") in SUFFIXES:
        j -= 1
    return " ".join(words[i:j])


def name_words(name: str) -> list[str]:
    """The words of a name with the Arabic article and function words removed and particles
    normalised, in lower-case ASCII: "Abdel-Fattah el-Sisi" -> ["abd", "fattah", "sisi"]."""
    # camel-case article: "ElBaradei" -> "El Baradei", "AlJazeera" -> "Al Jazeera"
    name = re.sub(r"\b(Al|El)(?=[A-Z][a-z])", r"\1 ", name)
    raw = [w for w in re.split(r"[\s\-–]+", fold(name).replace("'", "").replace("`", "")) if w]
    raw = [re.sub(r"[^a-z0-9]", "", w) for w in raw]
    out: list[str] = []
    for i, w in enumerate(raw):
        if not w or w in FUNCTION_WORDS:
            continue
        if w in ARTICLES and i + 1 < len(raw):
            continue  # "al-Assad", "el Sisi", "ash-Shara"
        m = re.fullmatch(r"abd(?:el|ul|al|ol|ou|u|e)?(.*)", w)
        if m and (m.group(1) == "" or len(m.group(1)) >= 3):
            out.append("abd")  # Abdel/Abdul/Abd al-/Abdelaziz: "servant of" + a name
            if m.group(1):
                out.append(m.group(1))
            continue
        if w in ("ibn", "ben", "bin", "bint"):
            w = "bin"
        elif w in ("abou", "abu"):
            w = "abu"
        out.append(w)
    return out


def skeleton(word: str) -> str:
    """The romanisation-proof form of one lower-case ASCII word: first letter, class of the first
    vowel, then consonants with interchangeable spellings unified and doubles collapsed.
    "gaddafi", "qadhafi", "kadhafi" -> "kadf"; "mohamed", "muhammad" -> "muhmd"."""
    if not word:
        return ""
    if word.isdigit():
        return word
    w = word.replace("ou", "u").replace("oo", "u")
    # c before a front vowel is an s ("Cecil"), elsewhere a k
    w = re.sub(r"c(?=[eiy])", "s", w)
    for src, dst in CONSONANT_RULES:
        w = w.replace(src, dst)
    first_vowel = next((VOWEL_CLASS[ch] for ch in w[1:] if ch in VOWELS), "") if w[0] not in VOWELS else ""
    head = VOWEL_CLASS[w[0]] if w[0] in VOWELS else w[0]
    consonants = [ch for ch in w[1:] if ch not in VOWELS]
    out = head + first_vowel
    for ch in consonants:
        if out and out[-1] == ch:
            continue
        out += ch
    # a trailing h after a vowel is often dropped in romanisation ("Fatah"/"Fata"), keep it off
    if len(out) > 2 and out.endswith("h") and word[-2:-1] in VOWELS:
        out = out[:-1]
    return out


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@functools.lru_cache(maxsize=65536)
def identity_key(name: str, extra_titles: Iterable[str] = (), person: bool = True) -> str:
    """The key spelling variants of one name share: "Col. Muammar al-Qaddafi", "Moammar Gadhafi"
    -> "mumr-kadf"; "the Rapid Support Forces" -> "rapd-suprt-furs"... (see the module doc).
    Acronyms keep their letters: "RSF" -> "rsf". Empty if nothing of a name is left. Titles are
    stripped from people's names only (`person=False` keeps "Interior" in "Interior Ministry")."""
    name = clean_name(name)
    if person:
        name = strip_titles(name, extra_titles)
    if not name:
        return ""
    if is_acronym(name):
        return name.replace(".", "").lower()
    parts = []
    for word in name_words(name):
        parts.append(skeleton(word))
    return "-".join(p for p in parts if p)


# The Arabic article glued to a word that opens on a vowel: "Elaraby" is "El-Araby". Only before a
# vowel (before a consonant it assimilates or is written apart) and only with four letters or more
# left, so that given names such as "Alan", "Elias" or "Alaa" are never split.
GLUED_ARTICLE = re.compile(r"(?:el|al)(?=[aeiou][a-z]{3})")


def article_variant_keys(name: str, extra_titles: Iterable[str] = ()) -> tuple[str, ...]:
    """The identity keys one person's name of two or more words has when one word's Arabic article
    is written glued to it or apart: "Nabil Elaraby" <-> "Nabil Al-Araby", "Nabil el-Araby". The
    key itself keeps the two apart (a glued article is a letter of the word to it), so that actors
    already stored keep their ids; a writer looks these up before storing a new name."""
    name = strip_titles(clean_name(name), extra_titles)
    words = name_words(name) if name and not is_acronym(name) else []
    if len(words) < 2:
        return ()
    out = []
    for i, word in enumerate(words):
        if GLUED_ARTICLE.match(word):
            variant = word[2:]
        elif word[0] in VOWELS and len(word) >= 4:
            variant = "el" + word
        else:
            continue
        out.append("-".join(skeleton(w) for w in words[:i] + [variant] + words[i + 1:]))
    return tuple(k for k in dict.fromkeys(out) if k != identity_key(name))


# Lower-case particles a surname may open on: "bin Laden", "al Qaeda"'s kin, "van Rompuy".
SURNAME_PARTICLES = frozenset({"bin", "ibn", "bint", "abu", "al", "el", "ul", "ad", "as", "ash", "ath",
                               "de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "le", "la"})


def is_surname_form(name: str) -> bool:
    """A name that can stand for a fuller one: one word ("Gaddafi", "Moreno-Ocampo"), or a surname
    after lower-case particles ("bin Laden", "van Rompuy"). "Robin Cook" is a full name."""
    words = name.strip().split()
    return bool(words) and all(w in SURNAME_PARTICLES for w in words[:-1])


def surname_key(name: str, extra_titles: Iterable[str] = ()) -> str:
    """The identity of a person's family name (the last word): "Bashar al-Assad" -> "asd"."""
    key = identity_key(name, extra_titles)
    return key.rsplit("-", 1)[-1] if key else ""


def initials(name: str) -> str:
    """The acronym a name would have: capitalised words' first letters, function words skipped:
    "Rapid Support Forces" -> "RSF", "Organisation for Security and Co-operation" -> "OSC"."""
    words = [w for w in re.split(r"[\s\-]+", clean_name(name)) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in FUNCTION_WORDS and w[:1].isalpha())


def is_acronym_of(acronym: str, name: str) -> bool:
    """ "RSF" for "Rapid Support Forces", "FSA" for "the Free Syrian Army"; also with the article
    of an Arabic name left out or kept ("AQIM" for "al-Qaeda in the Islamic Maghreb")."""
    letters = acronym.replace(".", "").upper()
    if not is_acronym(acronym) or len(letters) < 2:
        return False
    full = initials(name)
    without_article = initials(re.sub(r"\b(?:al|el|Al|El)-", "", name))
    return letters in (full, without_article)


# --- resolving a mention onto known actors ---------------------------------------------------------


@dataclass(frozen=True)
class IdentityIndex:
    """Known actors (key -> name) indexed by identity: built once, resolved many times."""

    by_identity: dict[str, tuple[str, ...]]
    words: dict[str, tuple[str, ...]]  # actor key -> its identity words
    by_initials: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, known: Mapping[str, str]) -> "IdentityIndex":
        by_identity: dict[str, list[str]] = {}
        words: dict[str, tuple[str, ...]] = {}
        by_initials: dict[str, list[str]] = {}
        for key, name in known.items():
            ident = identity_key(name) or key
            by_identity.setdefault(ident, []).append(key)
            words[key] = tuple(ident.split("-"))
            acr = initials(strip_titles(clean_name(name)))
            if len(acr) >= 2 and len(clean_name(name).split()) >= 2:
                by_initials.setdefault(acr, []).append(key)
        return cls({k: tuple(v) for k, v in by_identity.items()}, words, {k: tuple(v) for k, v in by_initials.items()})

    def resolve(self, name_or_key: str, reported: Mapping[str, int] | None = None) -> str | None:
        """The one known key this name (or key) stands for, or None when none or several fit.

        In order: the key itself; the same identity key; a name whose words end with these words
        (a surname, "Gaddafi" -> "Muammar Gaddafi"), contain them in order with the same first
        and last word ("Muammar Gaddafi" -> "Muammar Abu Minyar al-Gaddafi") or start with two or
        more of them (a compound given name: "Saif al-Islam"); an acronym whose
        letters are a known name's initials; a one-letter slip in one long word. (A one-word
        given name is not resolved here: see `sole_prominent_bearer`.)

        `reported` (key -> how many events name that actor) settles a name several known people
        fit: it stands for the one reported far more than all the others (`most_reported_bearer`)."""
        if name_or_key in self.words:
            return name_or_key
        raw = clean_name(name_or_key)
        ident = identity_key(raw) if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", raw) else raw
        if not ident:
            return None
        exact = self.by_identity.get(ident, ())
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            return None
        if is_acronym(raw):
            found = self.by_initials.get(raw.replace(".", "").upper(), ())
            return found[0] if len(found) == 1 else None
        want = tuple(ident.split("-"))
        partial = [k for k, w in self.words.items() if _contains(w, want)]
        if len(partial) == 1:
            return partial[0]
        if partial:
            return most_reported_bearer({k: self.words[k] for k in partial}, reported) if reported else None
        near = [k for k, w in self.words.items() if _near(w, want)]
        return near[0] if len(near) == 1 else None


# A short name several known people fit stands for the one a collection reports this many times
# as often as all the others together, once that one is reported at least PROMINENT_EVENTS times.
PROMINENCE_RATIO = 10
PROMINENT_EVENTS = 20


def most_reported_bearer(fits: Mapping[str, tuple[str, ...]], reported: Mapping[str, int]) -> str | None:
    """The person a surname (or given name) alone stands for among several who bear it (key ->
    identity words), given how many events name each (`reported`); None when no one stands out.

    News names a person in full at first mention and by surname after; a piece that never does
    (a headline, a caption, a short brief) writes the bare surname of the one bearer its readers
    cannot mistake: in a collection on Libya in 2011, "Gadhafi" is Muammar, not his son Saif
    al-Islam. Entity linkers call this the commonness prior; here it decides only when one bearer
    is reported PROMINENCE_RATIO times as often as all the others together, so two people of
    comparable standing (Omar and Karim Haddad, a father and son both in the news) stay apart and
    the name keeps an actor of its own. Fuller forms of one name ("Barack Hussein Obama" beside
    "Barack Obama") count as that person, who is then the form reported most."""
    totals = _people_reported(fits, reported)
    top, leader = totals[0]
    others = sum(total for total, _ in totals[1:])
    return leader if top >= PROMINENT_EVENTS and top >= PROMINENCE_RATIO * others else None


def sole_prominent_bearer(fits: Mapping[str, tuple[str, ...]], reported: Mapping[str, int]) -> str | None:
    """The person a given name used alone stands for ("Saddam", "Bashar"): the only person known
    by that given name (key -> identity words), and only once reported PROMINENT_EVENTS times.

    Stricter than a surname's rule: a first name alone is more often a private person's ("said
    Mohamed, a shopkeeper") than a leader's, so it stands for a leader only where nobody else
    known bears it; "Mohamed" with Morsi, ElBaradei and Tantawi known stays an actor of its own."""
    totals = _people_reported(fits, reported)
    if len(totals) != 1:
        return None
    top, leader = totals[0]
    return leader if top >= PROMINENT_EVENTS else None


def _people_reported(fits: Mapping[str, tuple[str, ...]], reported: Mapping[str, int]) -> list[tuple[int, str]]:
    """The distinct people among these names (fuller forms of one name count as one), each as
    (events naming them, the key of their most reported form), most reported first."""
    people: list[list[str]] = []
    for key in sorted(fits, key=lambda k: (-reported.get(k, 0), k)):
        same = next((p for p in people if _same_person(fits[p[0]], fits[key])), None)
        if same is not None:
            same.append(key)
        else:
            people.append([key])
    return sorted(((sum(reported.get(k, 0) for k in p), p[0]) for p in people), reverse=True)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names one of which is the other with a middle name or a first name more."""
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 2 and (shorter == longer or _contains(longer, shorter))


def _contains(words: tuple[str, ...], want: tuple[str, ...]) -> bool:
    """`want` is a tail of `words` (a surname, or given + family name), or a subsequence with
    the same first and last word."""
    if len(want) >= len(words):
        return False
    if words[-len(want):] == want:
        return True
    if len(want) >= 2 and want[0] == words[0] and want[-1] == words[-1]:
        it = iter(words)
        return all(w in it for w in want)
    if len(want) >= 2 and words[:len(want)] == want and want[-1] not in ("bin", "abu", "abd"):
        return True  # a compound given name without the family name: "Saif al-Islam"
    return False


def _near(words: tuple[str, ...], want: tuple[str, ...]) -> bool:
    """Same number of words, all equal but one long word one edit away ("kidf" / "kadf")."""
    from rapidfuzz.distance import Levenshtein

    if len(words) != len(want):
        return False
    diffs = [(a, b) for a, b in zip(words, want) if a != b]
    return len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= 4 and Levenshtein.distance(*diffs[0]) == 1


def resolve_identity(name_or_key: str, known: Mapping[str, str]) -> str | None:
    """The key of the one known actor (key -> name) a name, surname, variant or acronym stands
    for; None when none or several fit. For many look-ups build an `IdentityIndex` once."""
    return IdentityIndex.build(known).resolve(name_or_key)
