"""Lemmas the parser gets wrong, mended before any rule reads them.

spaCy's English lemmatiser knows the inflections of common verbs, but returns rarer ones as they
stand: "retook" stays "retook", so the lexicon's "retake" never meets it. lemminflect's tables know
those forms; they are asked only where spaCy gave a verb back unchanged. And its tokeniser splits
"cease-fire", the American spelling, at the hyphen: the "fire" of a cease-fire is a ceasefire.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

INFLECTED_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ", "VBP"})


@functools.lru_cache(maxsize=8192)
def verb_lemma(word: str) -> str | None:
    """A verb's lemma from lemminflect's tables ("retook" → "retake", "rioting" → "riot")."""
    from lemminflect import getLemma

    lemmas = getLemma(word, upos="VERB")
    return lemmas[0] if lemmas else None


@functools.lru_cache(maxsize=8192)
def dictionary_verb_lemma(word: str) -> str | None:
    """The lemma lemminflect's dictionary gives this verb form, not one guessed by its rules."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word, upos="VERB").get("VERB")
    return lemmas[0] if lemmas else None


@functools.lru_cache(maxsize=8192)
def is_dictionary_verb(lemma: str) -> bool:
    from lemminflect import getAllInflections

    return bool(getAllInflections(lemma, upos="VERB"))


@functools.lru_cache(maxsize=8192)
def is_past_form(word: str, lemma: str) -> bool:
    """Whether `word` is a simple past of `lemma` ("swept" of "sweep")."""
    from lemminflect import getInflection

    return word in getInflection(lemma, tag="VBD")


@functools.lru_cache(maxsize=8192)
def inflects_to(lemma: str, word: str, tags: tuple[str, ...] = ("VBD", "VBN")) -> bool:
    """Whether `word` is one of `lemma`'s forms of these tags (by default the simple past or the
    past participle)."""
    from lemminflect import getInflection

    return any(word in getInflection(lemma, tag=tag) for tag in tags)


# The forms a wrong lemma is checked against, by tag: a past checks the past forms, "raging" the -ing form.
FORMS_OF_TAG = {"VBD": ("VBD", "VBN"), "VBN": ("VBD", "VBN"), "VBG": ("VBG",), "VBZ": ("VBZ",)}


def mend_lemmas(doc: Doc) -> None:
    """Give a cease-fire its lemma; give an inflected verb that spaCy left unchanged its lemma
    ("retook" -> "retake"), and its tense where the tagger, not knowing the word, took a past form
    for a present one."""
    for tok in doc:
        if tok.lower_ == "fire" and any(c.dep_ == "compound" and c.lower_ == "cease" for c in tok.children):
            tok.lemma_ = "ceasefire"
            continue
        forms = FORMS_OF_TAG.get(tok.tag_)
        if tok.pos_ == "VERB" and forms and tok.is_alpha and tok.lemma_.lower() != tok.lower_:
            given = tok.lemma_.lower()
            if not inflects_to(given, tok.lower_, forms):
                # "raged" and "raging" given as "rag", whose forms are "ragged" and "ragging": a
                # lemma that does not inflect to the word is wrong; take the one whose form it is
                lemma = verb_lemma(tok.lower_)
            elif not is_dictionary_verb(given):
                # "cordoned" given as "cordone", which inflects to it by rule but is no verb: take
                # the dictionary's lemma of the form ("cordon") where it has one
                lemma = dictionary_verb_lemma(tok.lower_)
            else:
                continue
            if lemma and lemma != given and inflects_to(lemma, tok.lower_, forms):
                tok.lemma_ = lemma
            continue
        if tok.pos_ == "VERB" and tok.tag_ in INFLECTED_TAGS and tok.lemma_.lower() == tok.lower_ and tok.is_alpha:
            lemma = verb_lemma(tok.lower_)
            if lemma and lemma != tok.lower_ and "-" not in lemma:
                tok.lemma_ = lemma
                if tok.tag_ in ("VBP", "VBZ") and is_past_form(tok.lower_, lemma):
                    tok.tag_ = "VBD"
            continue
        if tok.pos_ == "VERB" and tok.tag_ == "VB" and tok.lemma_.lower() == tok.lower_ and tok.is_alpha:
            # "The army retook the town": a past form the tagger did not know, taken for a base form
            lemma = verb_lemma(tok.lower_)
            if lemma and lemma != tok.lower_ and "-" not in lemma and is_past_form(tok.lower_, lemma):
                tok.lemma_, tok.tag_ = lemma, "VBD"


# Words that keep a sentence in the present whatever its verb's form: "every day", "now".
PRESENT_MARKERS = frozenset({"now", "currently", "every", "each", "usually", "often", "always", "regularly",
                             "routinely", "nowadays", "still", "today"})


def mend_tense(doc: Doc) -> None:
    """A verb whose past is its base form ("set", "hit", "cut", "put", "shut"), tagged present
    after a plural subject ("locals set vehicles on fire", "shells hit the market"), is read as
    past in a story told in the past: the tagger cannot tell the two apart by the form, the story
    can. A story counts as told in the past when its simple pasts outnumber its simple presents
    two to one; a sentence with a word of the present ("every day", "now") or an auxiliary
    ("they do set") keeps the present."""
    past = sum(1 for tok in doc if tok.tag_ == "VBD")
    present = sum(1 for tok in doc if tok.tag_ in ("VBP", "VBZ") and tok.pos_ in ("VERB", "AUX"))
    for tok in doc:
        if tok.tag_ != "VBP" or tok.pos_ != "VERB" or not tok.is_alpha or not is_past_form(tok.lower_, tok.lemma_.lower()):
            continue
        if past < 2 * (present - 1):
            return
        if any(c.dep_ in ("aux", "neg") for c in tok.children) or any(t.lower_ in PRESENT_MARKERS for t in tok.sent):
            continue
        tok.tag_ = "VBD"
        present -= 1
        past += 1
