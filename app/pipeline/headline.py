"""An event's headline: a short, complete clause built from the sentence that reports it best.

A sentence is rarely a headline: it carries who said it, when, appositions, relative clauses and
asides ("Azerbaijan launched a military operation today to retake the disputed enclave, the defence
ministry said, ..."). The headline keeps the clause that reports the happening: its subject, its
verb (with auxiliaries, negation and particles, and verbs coordinated with it), its object, and the
one prepositional phrase that says where or against whom. It drops relative dates ("today",
"on Tuesday": the date is shown beside the headline), reporting clauses, appositions, relative
clauses and parentheses. A pronoun subject becomes the actor it stands for, a relative pronoun the
noun it refers to. What someone said keeps its speaker: "France said it would send troops".
The result starts with a capital letter and never ends on a word that needs a continuation.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.pipeline.actors import achieved_gerund, quoted_as_saying
from app.pipeline.events import (
    EARLIER_PREPS,
    MANDATIVE_VERBS,
    TELLING_TO_VERBS,
    attempt_made,
    free_relative_name,
    told_as_later,
)

MAX_WORDS = 16
# Inside a noun phrase: the pre-modifiers that stay in a headline.
PRE_MODIFIERS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "case", "nmod", "advmod",
                           "npadvmod", "hmod", "hyph", "predet"})
# Prepositions whose phrase says where, against whom or what: one of them is kept.
PLACE_PREPS = frozenset({"in", "on", "at", "near", "against", "into", "from", "across", "outside", "inside",
                         "around", "to", "over", "with", "for", "toward", "towards", "through", "off",
                         "out", "onto", "upon", "between", "among", "along", "under"})
# Nouns that only count or group what follows: "a number of reforms", "dozens of civilians".
QUANTITY_HEADS = frozenset({"number", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                            "million", "millions", "group", "series", "wave", "lot", "couple", "pair", "handful",
                            "majority", "rest", "most", "some", "all", "many", "few", "several", "barrage",
                            "string", "spate", "convoy", "crowd", "crowds", "throng", "throngs", "scores", "part",
                            "members", "member", "one", "two", "three", "four", "five", "each", "none", "both"})
ADVERB_PARTICLES = frozenset({"back", "down", "out", "off", "up", "away", "in", "over", "ahead"})
# Words a headline never ends on.
DANGLING = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "and", "or", "but",
                      "from", "into", "as", "that", "which", "who", "whose", "its", "their", "his", "her",
                      "this", "these", "those", "near", "against", "over", "under", "about", "after",
                      "before", "than", "between", "among", "has", "have", "had", "is", "are", "was", "were",
                      "be", "been", "will", "would", "could", "should", "may", "might", "not", "'s", "’s",
                      "-", "–", "—", ",", ";", ":", "also", "both", "either", "including", "more", "less",
                      "such", "whether", "if", "because", "while", "when", "where", "so", "very", "most",
                      "some", "any", "every", "each", "another", "other", "than", "like", "via", "per",
                      "said", "says", "say", "told", "tells", "noted", "added", "reported", "reports",
                      # a subject with its verb cut off ("A senior officer told me he")
                      "he", "she", "we", "they", "whom"})
# Tokeniser marks that may survive in de-tokenised corpora.
TOKENISER_MARKS = frozenset({"-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-", "``", "''"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
# Relative date words a fallback headline (cut from raw text) must lose: the date is shown beside it.
RELATIVE_WORDS = frozenset({"today", "today's", "today’s", "yesterday", "yesterday's", "yesterday’s", "tonight",
                            "tomorrow", "tomorrow's", "tomorrow’s"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Passive verbs of knowing and saying that raise their clause's subject: "X is believed to have ...".
RAISING_VERBS = frozenset({"believe", "think", "say", "report", "estimate", "fear", "expect", "know",
                           "understand", "presume", "suspect", "consider", "allege", "rumour", "rumor"})
# Phrases that announce a purpose and cannot end a headline ("in an effort [to ...]").
PURPOSE_TAILS = (("in", "an", "effort"), ("in", "a", "bid"), ("in", "an", "attempt"), ("in", "order"),
                 ("as", "part", "of"), ("so", "as"))
# Words that open an indirect question ("did not know how many times ..."), never a headline.
QUESTION_WORDS = frozenset({"how", "what", "why", "whether"})
# Nouns of time: "on the same day", "in the morning" say when, not where (the date is shown beside
# the headline), so such a phrase is never the headline's place.
TIME_NOUNS = frozenset({"day", "days", "night", "nights", "morning", "mornings", "afternoon", "evening",
                        "week", "weeks", "weekend", "month", "months", "year", "years", "time", "occasion",
                        "hour", "hours", "moment", "date", "dawn", "dusk", "midnight", "noon", "period"})


# Verbs that never end an active clause: "the generals have made" needs what they made (and
# what into); "taking" needs what is taken. When the parser hangs their complement elsewhere
# (an adverbial clause, a conjunct), the headline takes it back rather than stop short.
OBJECT_VERBS = frozenset({"make", "take", "give", "put", "bring", "keep", "set", "get", "have", "render",
                          "consider", "deem", "declare", "call", "name", "appoint", "elect",
                          # and verbs of wanting and expecting, whose object is what is wanted
                          "expect", "want", "need", "hope", "intend", "see", "urge", "ask", "tell", "wish"})
COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "acomp", "dative", "prep", "advcl", "conj"})


def headline(pred: Token, trigger: Token, drop: frozenset[int], subject_name: str | None = None,
             said_by: Token | None = None, event_verbs: frozenset[str] = frozenset(),
             subject_plural: bool = False, speaker_name: str | None = None,
             told_apart: frozenset[int] = frozenset()) -> str:
    """The headline of the event reported by `pred` (its clause) and named by `trigger`. `drop`:
    tokens never shown (relative dates). `said_by`: the reporting verb when the event is what
    someone said and the headline should say so. `subject_name` replaces a pronoun subject;
    `subject_plural` says it takes a plural verb ("rebels"), where a person, a state or an
    organisation takes a singular one. `speaker_name`: who said it, for a reporting verb the parser
    left without a subject ("..., army spokesman Didier Badjeck announced Sunday"). `told_apart`:
    coordinated verbs that tell happenings of their own, never joined to this one's headline."""
    doc = pred.doc
    named = free_relative_name(pred)
    if named is not None and pred.dep_ in ("ccomp", "dobj", "xcomp") and pred.head.pos_ in ("VERB", "AUX"):
        # "Mubarak acknowledged what he called peaceful demonstrations": the clause above, with the
        # name in the free relative's place ("Mubarak acknowledged peaceful demonstrations")
        pred, trigger = pred.head, named
    elif named is not None and pred.dep_ == "pcomp" and pred.head.head.pos_ in ("VERB", "AUX"):
        # "arguing for what he described as the reunion": the verb above, its preposition now
        # taking the name ("arguing for the reunion")
        pred, trigger = pred.head.head, named
    if said_by is not None and said_by.i == pred.i:
        said_by = None  # the verb that says it is now the headline's own ("Scott arguing for ...")
    if trigger.i != pred.i and pred.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in pred.children):
        # "there was a shootout in the prison": the happening and where, between whom ("A shootout
        # in the prison"), never "Was a shootout"
        keep = _noun_phrase(trigger, drop) | {
            t.i for c in trigger.children if c.dep_ == "prep" and c.i not in drop
            and not any(g.i in drop for g in c.subtree) for t in c.subtree}
        if said_by is None:
            return _finish(_text(doc, keep))
    else:
        keep = _clause(pred, drop, 0, event_verbs, told_apart)
    keep |= _missing_complement(pred, keep, drop)
    keep -= _dangling_coordinators(doc, keep)
    if trigger.i != pred.i and trigger.i not in keep:
        keep |= _noun_phrase(trigger, drop)
    if (trigger.i != pred.i or trigger.pos_ == "NOUN") and trigger.i in keep:
        # an event noun's "of" says who or what it befell, however long the rest runs: "The escape
        # of 39 inmates (from a jail in Riobamba)", "the killing of three journalists"
        for c in trigger.children:
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "prep" and c.lower_ == "of" and objects and c.i not in drop \
                    and not any(t.i in drop for t in objects[0].subtree):
                keep |= {c.i} | _noun_phrase(objects[0], drop, 1)
    replace: dict[int, str] = {}
    if pred.tag_ == "VBG" and pred.dep_ == "pcomp" and pred.head.lower_ in EARLIER_PREPS or achieved_gerund(pred) \
            or pred.tag_ == "VBG" and pred.dep_ == "acl" and pred.head.i == trigger.i:
        # ("the revolt beginning July 24": "The revolt began")
        # "withdrew after shelling the town", "succeeded in taking the town": the headline tells
        # the act as done ("Troops shelled the town"), never "Troops shelling the town"
        replace[pred.i] = _past_tense(pred)
    if pred.dep_ == "pcomp" and pred.head.lower_ in EARLIER_PREPS:
        being = next((c for c in pred.children if c.dep_ == "auxpass" and c.lower_ == "being"), None)
        if being is not None:  # "released after being detained": "Two reporters were detained"
            clause = pred.head.head
            doer = (_subject(clause) or next((c for c in clause.children if c.dep_ == "nsubjpass"), None)) \
                if clause.pos_ in ("VERB", "AUX") else None
            replace[being.i] = "were" if doer is not None and (
                doer.tag_ in ("NNS", "NNPS") or doer.lower_ in ("they", "we")) else "was"
    subject = _subject(pred)
    if pred.dep_ == "xcomp" and pred.head.pos_ == "ADJ" and pred.head.dep_ == "acomp" and subject is not None:
        # "Netanyahu was quick to blame Iran": the copula and its adjective stay, or the headline
        # would read as a plan ("Netanyahu to blame Iran")
        copula = pred.head.head
        keep |= {pred.head.i, copula.i} | {c.i for c in copula.children if c.dep_ in ("aux", "neg")}
    if subject is None:
        keep |= _implied_subject(pred, drop, subject_name, replace, min(keep))
    if subject is not None and subject.lower_ in PRONOUNS and subject_name and said_by is None:
        replace[subject.i] = subject_name
        if subject.lower_ in PLURAL_OR_FIRST_PERSON and not subject_plural:
            replace.update(_agree_with_singular(pred, subject))
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and subject.tag_ in ("WP", "WDT"):
        antecedent = pred.head if pred.dep_ == "relcl" else _noun_above(pred)
        if antecedent is not None:
            antecedent = _person_antecedent(antecedent, subject)
            replace[subject.i] = _text(doc, _noun_phrase(antecedent, drop))
    for i in sorted(keep):  # "whom many demonstrators urged to resign": the object is the antecedent
        word = doc[i]
        if i in replace or word.lower_ not in RELATIVE_PRONOUNS or word.tag_ not in ("WP", "WDT") \
                or word.dep_ not in ("dobj", "nsubjpass"):
            continue
        relative_clause = _relative_clause(word.head)
        if relative_clause is not None and word.dep_ == "nsubjpass":
            # "which was hit": it leads
            replace[i] = _text(doc, _noun_phrase(_person_antecedent(relative_clause.head, word), drop))
        elif relative_clause is not None and relative_clause.i > i and relative_clause.i in keep:
            # put the antecedent where an object stands, after the clause's verb: "many
            # demonstrators were urging the president to step down", not "whom ... urging"
            keep.discard(i)
            verb, antecedent = relative_clause, relative_clause.head
            replace[verb.i] = f"{replace.get(verb.i, verb.text)} {_text(doc, _noun_phrase(antecedent, drop))}"
    if said_by is not None:
        told = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pred.i), None)
        if told is not None and pred.lemma_.lower() not in event_verbs \
                and pred.i - max(_noun_phrase(told, drop)) > FAR_FROM_ITS_VERB:
            # "announced the release of all the personnel held in the prison, where inmates had
            # climbed to the roofs as shots were heard": a verb this far from its subject is most
            # likely the parser's mistake; what was announced is the subject's phrase alone
            keep = _noun_phrase(told, drop)
        speaker = _subject(said_by)
        lead = _noun_phrase(speaker, drop) if speaker is not None else set()
        if pred.dep_ == "xcomp" and pred.head.i == said_by.i and subject is not None and subject.i < said_by.i:
            keep -= _noun_phrase(subject, drop)  # "the rebels claimed to have shot down": they did, told once
        verb = {said_by.i} | {c.i for c in said_by.children if c.dep_ in ("aux", "neg")}
        if said_by.lemma_.lower() == "tell" or _told_to(pred) and pred.head.i == said_by.i:
            # "told reporters", "warned residents to leave": the verb needs whom it told
            for hearer in (c for c in said_by.children if c.dep_ in ("dobj", "dative")):
                verb |= _noun_phrase(hearer, drop)
        if quoted_as_saying(said_by) is not None:  # "the agency quoted the minister as saying": he said
            words = f"{_text(doc, lead, {})} said"
        elif lead and min(lead) > said_by.i:  # "..., said Leila Nasser": the speaker goes first
            words = f"{_text(doc, lead, {})} {_text(doc, verb, {})}"
        elif not lead and speaker_name:  # never "Announced at least two soldiers were killed"
            words = f"{speaker_name} {_text(doc, verb, {})}"
        else:
            words = _text(doc, lead | verb, {})
        return _finish(f"{words} {_lower_first(_text(doc, keep, replace), doc, min(keep))}")
    quoted = quoted_as_saying(pred)
    if quoted is not None and said_by is None:
        # "State radio quoted the minister as saying the rebels had fled": "The minister said the rebels had fled"
        lead = _noun_phrase(quoted, drop)
        saying = next(g for c in pred.children if c.dep_ == "prep" and c.lower_ == "as"
                      for g in c.children if g.dep_ == "pcomp")
        said = next((c for c in list(saying.children) + list(pred.children) if c.dep_ == "ccomp"), None)
        words = f"{_text(doc, lead, replace)} said"
        if said is not None:
            content = _clause(said, drop, 0, event_verbs)
            words += f" {_lower_first(_text(doc, content, replace), doc, min(content))}"
        return _finish(words)
    speaker = _inverted_speaker(pred)
    if speaker is not None and speaker.i in keep:
        # "'Bear with us,' pleaded the spokesman": who spoke goes first ("The spokesman pleaded")
        lead = _noun_phrase(speaker, drop)
        rest = keep - lead
        return _finish(f"{_text(doc, lead, replace)} {_lower_first(_text(doc, rest, replace), doc, min(rest))}")
    return _finish(_text(doc, keep, replace))


CLOSING_QUOTES = frozenset({'"', "”", "'", "’", "''"})


def _inverted_speaker(verb: Token) -> Token | None:
    """The speaker put after the verb of a quotation ("'Free them,' urged the mayor"), which the
    small parser takes for the verb's object when the verb is not "said"."""
    if _subject(verb) is not None or verb.i < 2:
        return None
    before = verb.doc[verb.i - 1]
    if before.text == ",":
        before = verb.doc[verb.i - 2]
    if before.text not in CLOSING_QUOTES:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if len(objects) != 1 or objects[0].pos_ not in ("NOUN", "PROPN"):
        return None
    after = [t for t in verb.doc[objects[0].right_edge.i + 1:verb.sent.end] if not t.is_punct]
    return objects[0] if not after else None


# Words between a reported clause's subject and its verb beyond which the headline trusts the
# subject, not the verb the parser hung it on.
FAR_FROM_ITS_VERB = 8
# Pronouns whose verb changes form when a singular name takes their place ("we were" -> "X was").
PLURAL_OR_FIRST_PERSON = frozenset({"we", "they", "i"})
# Finite forms of the auxiliaries, as a singular third person says them.
# (A contraction hangs on the pronoun without a space: its full form brings one.)
SINGULAR_FORMS = {"were": "was", "are": "is", "am": "is", "'re": " is", "’re": " is", "'m": " is", "’m": " is",
                  "have": "has", "'ve": " has", "’ve": " has", "do": "does"}


def _agree_with_singular(pred: Token, subject: Token) -> dict[int, str]:
    """ "We were fighting" said by one man becomes "Khalid Haddad was fighting", not "... were
    fighting": the first finite verb of the clause takes the singular form."""
    finite = [c for c in pred.children if c.dep_ in ("aux", "auxpass") and c.i > subject.i
              and c.lower_ not in ("to",)]
    verb = finite[0] if finite else (pred if pred.i > subject.i else None)
    if verb is None:
        return {}
    lower = verb.lower_
    if lower in SINGULAR_FORMS:
        return {verb.i: SINGULAR_FORMS[lower]}
    if verb.tag_ == "VBP" and verb.lower_ == verb.lemma_.lower():  # "we demand" -> "X demands"
        if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
            return {verb.i: verb.text + "es"}
        if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
            return {verb.i: verb.text[:-1] + "ies"}
        return {verb.i: verb.text + "s"}
    return {}


def _implied_subject(pred: Token, drop: frozenset[int], subject_name: str | None, replace: dict[int, str],
                     first: int) -> set[int]:
    """Who does what a subjectless clause reports, as headline words: the noun a participle
    describes ("300 people killed in the uprising"), or the subject of the verb an infinitive or a
    participle clause depends on ("the envoy to meet leaders", "protesters detained"). Without it
    the headline would open on "Killed", "To meet" or "Having been shot"."""
    if any(c.dep_ in ("nsubjpass", "csubjpass", "expl", "nsubj", "csubj") for c in pred.children):
        return set()  # a subject of its own, passive or dummy: "a no-fly zone would be enforced"
    if pred.dep_ == "acl" and pred.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return _noun_phrase(pred.head, drop)
    if pred.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "acl"):
        return set()
    head = pred.head.head if pred.dep_ == "pcomp" else pred.head
    if pred.dep_ == "xcomp" and head.lemma_.lower() in RAISING_VERBS and any(c.dep_ == "auxpass" for c in head.children):
        # "more than 100 people are believed to have been killed": the hedge is the headline's
        # own ("... are believed to have been killed"), never "More than 100 people to have been killed"
        subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS | PRONOUNS:
            return _noun_phrase(subject, drop) | {head.i} | {
                c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg")}
    if _told_to(pred):
        return set()  # "warned residents to leave": the residents, told already, are to leave
    implied = None
    if head.pos_ in ("VERB", "AUX"):
        # "Obama is scheduled to deliver an address": a passive head's subject does the infinitive.
        implied = _subject(head) or next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if implied is None or implied.lower_ in RELATIVE_PRONOUNS:
        return set()
    if implied.lower_ in PRONOUNS and not subject_name:
        return set()
    words = subject_name if implied.lower_ in PRONOUNS else _text(pred.doc, _noun_phrase(implied, drop))
    # Put first, where a headline's subject stands, even when the sentence names it after the
    # clause ("Having been shot twice, the commander ..."): written in front of the clause's
    # first word (`first`). The participle then reads "the commander having been shot".
    replace[first] = f"{words} {_lower_first(replace.get(first, pred.doc[first].text), pred.doc, first)}"
    return {first}


def _past_tense(verb: Token) -> str:
    """The simple past of a verb ("shelling" -> "shelled", "meeting" -> "met"), from lemminflect's
    English inflection tables; the word as written when they do not know it."""
    from lemminflect import getInflection

    forms = getInflection(verb.lemma_.lower(), tag="VBD")
    return forms[0] if forms else verb.text


def _dangling_coordinators(doc, keep: set[int]) -> set[int]:
    """Coordinators ("and", "or", "as well as") whose next word the headline leaves out: "The
    military assault and began" would keep an "and" whose conjunct the parser hung elsewhere."""
    out: set[int] = set()
    for i in keep:
        tok = doc[i]
        if tok.dep_ == "cc" and tok.head.dep_ != "cc":
            # (an adverb the headline leaves out is no conjunct: "and entirely destroyed the column")
            following = next((t for t in doc[tok.right_edge.i + 1:] if not t.is_punct
                              and not (t.dep_ == "advmod" and t.pos_ == "ADV" and t.i not in keep)), None)
            if following is None or following.i not in keep:
                out |= {t.i for t in tok.subtree}
    return out


def _missing_complement(verb: Token, keep: set[int], drop: frozenset[int]) -> set[int]:
    """What an active verb that needs an object takes, when the clause kept none of it: the whole
    first phrase after the verb, if the headline stays short ("the generals have made restoring
    security and reviving the economy its top priorities"); else nothing (and `_finish` keeps the
    clause as it is)."""
    if verb.lemma_.lower() not in OBJECT_VERBS or verb.pos_ != "VERB" or verb.i != max(keep) \
            or any(c.dep_ == "auxpass" for c in verb.children):
        return set()
    after = next((c for c in verb.children if c.i > verb.i and c.dep_ in COMPLEMENT_DEPS), None)
    if after is None:
        return set()
    phrase = {t.i for t in after.subtree if t.i not in drop and not (t.is_punct and t.i == after.right_edge.i)}
    # a preposition whose date went leaves no hole ("you would see that [at the end of this decade] they")
    phrase -= {t.i for t in after.subtree if t.dep_ == "prep" and t.i in phrase
               and all(g.i in drop for g in t.children if g.dep_ in ("pobj", "pcomp"))}
    return phrase if len(keep | phrase) <= MAX_WORDS + 2 else set()


def _relative_clause(pred: Token) -> Token | None:
    """The relative clause `pred` belongs to: itself, or the one whose verb it completes ("whom
    protesters were urging to step down": "step" hangs on "urging", the clause of the noun)."""
    for tok in (pred, *pred.ancestors):
        if tok.dep_ == "relcl":
            return tok
        if tok.dep_ not in ("xcomp", "ccomp", "conj"):
            return None
    return None


def _person_antecedent(noun, relative):
    """The person "who" stands for when the parser hung a clause set off by a comma on the thing
    after "of": "the driver of the truck, who was shot" is the driver; "Dr Haddad, the head of the
    hospital, who was killed" is Dr Haddad. A clause with no comma ("the words of an activist who
    was seized") and a name ("The assassin, Clemens Kalemen, who") keep what the parser found."""
    doc = noun.doc
    if relative.lower_ not in ("who", "whom") or relative.i == 0 or doc[relative.i - 1].text != ",":
        return noun
    if noun.ent_type_ in ("PERSON", "NORP") or noun.pos_ != "NOUN":
        return noun
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
            and noun.tag_ == "NN" and noun.ent_type_ not in ("PERSON", "NORP"):
        noun = noun.head.head
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun


def _noun_above(tok: Token) -> Token | None:
    """The nearest noun a clause hangs from: what "which had killed 20 police" is about."""
    for ancestor in tok.ancestors:
        if ancestor.pos_ in ("NOUN", "PROPN"):
            return ancestor
    return None


def _clause(verb: Token, drop: frozenset[int], depth: int, event_verbs: frozenset[str] = frozenset(),
            told_apart: frozenset[int] = frozenset()) -> set[int]:
    """The clause's core. Coordinated verbs join it only when they report the happening too
    ("torched and ransacked"), not another one ("voiced alarm and ... spawned militias")."""
    keep: set[int] = {verb.i}
    subject = _subject(verb)
    if subject is not None and depth == 0:
        keep |= _noun_phrase(subject, drop)
    prep_kept = False
    for child in verb.children:
        if child.i in drop:
            continue
        if child.dep_ in ("aux", "auxpass", "neg", "prt") or (child.dep_ == "advmod" and child.lower_ in ADVERB_PARTICLES):
            keep.add(child.i)
        elif child.dep_ == "expl" and child.lower_ == "there" and child.i < verb.i:
            keep.add(child.i)  # "said there had been no warning", never "said had been no warning"
        elif child.dep_ in ("dobj", "dative", "attr", "oprd", "acomp", "nsubjpass") and child is not subject:
            if child.left_edge.lower_ in QUESTION_WORDS and child.left_edge.i < verb.i:
                continue  # "how many times she had hit him": the question's words are not the headline's
            keep |= _noun_phrase(child, drop)
        elif child.dep_ == "agent":
            keep.add(child.i)
            keep |= {i for g in child.children if g.dep_ == "pobj" for i in _noun_phrase(g, drop)}
        elif child.dep_ in ("ccomp", "dobj", "xcomp", "pcomp") and free_relative_name(child) is not None:
            keep |= _noun_phrase(free_relative_name(child), drop)  # "condemned what it called an attack"
        elif child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and depth < 1:
            keep |= _clause(child, drop, depth + 1)
        elif child.dep_ == "ccomp" and depth < 1 and verb.lemma_.lower() in MANDATIVE_VERBS and child.tag_ == "VB" \
                and not any(g.dep_ in ("aux", "auxpass") for g in child.children):
            # "Russia demanded that the army withdraw": what was demanded is the headline's news
            asked = next((g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            keep |= {g.i for g in child.children if g.dep_ == "mark"} | _clause(child, drop, depth + 1)
            keep |= _noun_phrase(asked, drop) if asked is not None else set()
        elif child.dep_ == "conj" and child.pos_ == "VERB" and depth < 1 and child.lemma_.lower() in event_verbs \
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children) and not told_as_later(child) \
                and child.i not in told_apart:
            # (a clause told as days later is a happening of its own, with its own headline)
            keep |= {c.i for c in verb.children if c.dep_ == "cc"}
            keep |= _clause(child, drop, depth + 1, event_verbs)
        elif child.dep_ in ("prep", "prt") and child.lower_ == "out" and not prep_kept and any(
                g.dep_ == "prep" and g.lower_ == "of" for g in child.children):
            # "broke out of the prison", "drove them out of the town": "out of" and its place
            of = next(g for g in child.children if g.dep_ == "prep" and g.lower_ == "of")
            objects = [g for g in of.children if g.dep_ == "pobj"]
            if objects and not any(t.i in drop for t in objects[0].subtree):
                keep |= {child.i, of.i} | _noun_phrase(objects[0], drop)
                prep_kept = True
        elif child.dep_ == "prep" and not prep_kept and child.lower_ in PLACE_PREPS:
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objects and not any(t.i in drop for t in objects[0].subtree) and objects[0].lower_ not in TIME_NOUNS:
                keep.add(child.i)
                named = free_relative_name(objects[0])
                if named is not None:  # "over what were described as security reasons"
                    keep |= _noun_phrase(named, drop)
                else:
                    keep |= _noun_phrase(objects[0], drop) if objects[0].dep_ == "pobj" else _clause(objects[0], drop, 1)
                prep_kept = True
    if depth < 1:
        # "made an attempt to storm the prison", "four attempts were made to burn the legation":
        # what was tried is the headline's news (the verb it hangs on, as the extractor reads it)
        tried = [c for c in (*verb.children, *(g for o in verb.children for g in o.children)) if (made := attempt_made(c)) is not None and made.i == verb.i]
        keep |= {i for c in tried for i in _clause(c, drop, depth + 1) | {g.i for g in c.children if g.dep_ == "aux"}}
    return keep


def _subject(pred: Token) -> Token | None:
    from app.pipeline.actors import subject_of

    if pred.dep_ == "pcomp":
        return None  # a gerund's doer is its clause's subject, put first by _implied_subject
    if _told_to(pred):
        return None  # "warned residents to leave": the residents are to leave, not the army
    subj = subject_of(pred)
    if subj is not None and subj.lower_ in REFLEXIVE_SUBJECTS and pred.dep_ == "conj":
        # "... fired twice and was himself shot dead": the gunman was, as the first verb's subject says
        subj = subject_of(pred.head) or subj
    return subj if subj is not None and subj.i != pred.i else None


REFLEXIVE_SUBJECTS = frozenset({"himself", "herself", "themselves", "itself"})


def _told_to(pred: Token) -> bool:
    """An infinitive told to someone named before it: "warned residents to leave", "urged them to
    stay" (the one told does it, not the one telling; "spent years arguing" is the subject's own)."""
    return pred.dep_ == "xcomp" and pred.head.lemma_.lower() in TELLING_TO_VERBS and any(
        c.dep_ in ("dobj", "dative") and c.i < pred.i for c in pred.head.children)


def _noun_phrase(head: Token, drop: frozenset[int], depth: int = 0) -> set[int]:
    """The head, its pre-modifiers, what a quantity counts ("dozens of civilians"), a short "of"
    complement and conjuncts: never relative clauses, appositions or parentheses."""
    out = {head.i}
    coordinators: list[Token] = []
    for c in head.children:
        if c.dep_ == "punct" and c.text == "-" and c.i < head.i and head.doc[c.i - 1].i in out | {
                t.i for t in head.children if t.dep_ in PRE_MODIFIERS}:
            out.add(c.i)  # "cease-fire", "pro-Russian": a hyphen inside the phrase stays
            continue
        if c.i in drop or c.dep_ in ("relcl", "acl", "appos", "punct", "parataxis", "advcl") or c.text in ("(", ")"):
            continue
        if c.dep_ == "prep":
            objects = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ == "of" and objects and depth < 2 and (
                    head.lower_ in QUANTITY_HEADS or head.lemma_.lower() in QUANTITY_HEADS or len(list(c.subtree)) <= 5):
                out.add(c.i)
                out |= _noun_phrase(objects[0], drop, depth + 1)
            continue
        if c.dep_ == "conj" and depth < 2:
            if any(t.lower_ == "not" for t in head.doc[c.left_edge.i - 1 : c.i]):
                continue  # "its ambassador and not its foreign minister": the one it sent
            out |= _noun_phrase(c, drop, depth + 1)
        elif c.dep_ == "cc":
            coordinators.append(c)
        elif c.dep_ == "det" and c.lower_ in ("that", "this") and head.tag_ in ("NNS", "NNPS"):
            continue  # "(said ...) that insurgents had launched": a complementizer the parser took for a determiner
        elif c.dep_ in PRE_MODIFIERS and c.i < head.i:
            out |= {t.i for t in c.subtree if t.i not in drop and (not t.is_punct or t.text in ("-", "'", "’"))}
    for c in coordinators:
        out |= {t.i for t in c.subtree}  # "as well as", not a bare "as"
    return out | _hyphen_joined(head)


def _hyphen_joined(head: Token) -> set[int]:
    """The rest of a word the tokenizer split at its hyphens ("neo-fascists", which the parser may
    read as three subjects): a headline keeps it whole."""
    doc, out = head.doc, set()
    i = head.i
    while i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ \
            and doc[i + 2].is_alpha:
        out |= {i + 1, i + 2}
        i += 2
    i = head.i
    while i - 2 >= 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha:
        out |= {i - 1, i - 2}
        i -= 2
    return out


def _text(doc, indices: set[int], replace: dict[int, str] | None = None) -> str:
    replace = replace or {}
    words = [doc[i] for i in sorted(indices) if doc[i].text not in TOKENISER_MARKS
             and not (doc[i].is_punct and doc[i].text not in ("-", "'", "’", "%", "$"))]
    parts: list[str] = []
    for position, tok in enumerate(words):
        parts.append(replace.get(tok.i, tok.text))
        following = words[position + 1] if position + 1 < len(words) else None
        if following is None:
            break
        if following.i == tok.i + 1:
            parts.append(tok.whitespace_)
        else:
            parts.append(" ")
    return "".join(parts)


# Entity types that are names (a capital stays); "At least 10" is a CARDINAL, "A civil war" may
# be an EVENT, but their first word is a function word all the same.
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW",
                           "PRODUCT", "LANGUAGE"})
FUNCTION_POS = frozenset({"DET", "ADP", "PRON", "ADV", "CCONJ", "SCONJ", "AUX", "PART", "NUM"})


def _lower_first(text: str, doc, first: int) -> str:
    """What was said, run on after "X said": lower-case its first word unless it is a name."""
    tok = doc[first]
    if not text or tok.pos_ == "PROPN" or tok.text == "I" or len(tok.text) > 1 and tok.text.isupper() \
            or tok.ent_type_ in NAME_ENTITIES and tok.pos_ not in FUNCTION_POS:
        return text
    return text[:1].lower() + text[1:]


def finish(text: str) -> str:
    """Any headline text made presentable: no tokeniser marks or quote marks, at most MAX_WORDS
    words, never ending on a word that needs a continuation, starting with a capital."""
    words = [w for w in text.replace("…", " ").split() if w.lower().strip(",;:.") not in RELATIVE_WORDS]
    return _finish(" ".join(words))


def _finish(text: str) -> str:
    words = [w for w in text.replace("“", "").replace("”", "").replace('"', "").split() if w not in TOKENISER_MARKS]
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        if len(words) > 2 and [w.lower() for w in words[-2:]] == ["as", "well"]:
            words = words[:-2]  # "equipment as well [as generators]": the coordination was cut
    while words:
        tail = next((t for t in PURPOSE_TAILS if tuple(w.lower().strip(",;:") for w in words[-len(t):]) == t), None)
        if tail is not None and len(words) > len(tail):
            del words[-len(tail):]
        elif words[-1].lower().strip(",;:") in DANGLING or not any(ch.isalnum() for ch in words[-1]):
            words.pop()
        else:
            break
    if not words:
        return ""
    text = " ".join(words).strip(" ,;:-–—")
    if text[:2].lower() in ("a ", "a\u00a0") and len(text) > 2 and text[2].lower() in "aeiou":
        text = "An" + text[1:]  # "a 2012 insurrection" without its year
    return text[:1].upper() + text[1:]
