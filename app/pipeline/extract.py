"""The extraction orchestrator: article text + publication date -> ArticleExtraction.

Stages, each in its own module:
  clean.find_body        page furniture out, main-text spans in
  (spaCy)                parsed over a copy of the text with furniture blanked to spaces, so token
                         offsets are offsets into the stored text and furniture yields no events
  timex.tag              temporal expressions, anchored to the publication date
  segment.split_sentences  body sentences
  actors.find_mentions   who is named, canonicalised
  events.detect          which clauses report events, type and modality
  dating.date_event      each event's date
  actors.role_tokens     roles of the named actors in each event

The spaCy model is passed in (never loaded here); the TOML data is read once by `load_resources`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

from app.pipeline import clean
from app.pipeline.actors import (
    ActorIndex,
    ArticleActors,
    Mention,
    actor_refs,
    find_mentions,
    quoted_as_saying,
    role_tokens,
)
from app.pipeline.dating import (
    STORY_OPENING_SENTENCES,
    story_start,
    carry_narrative_dates,
    count_from_named_happenings,
    date_event,
    happened_weekday_before,
    latest_day_named,
    later_in_its_sentence,
    overnight_weekdays,
    day_named,
    place_timexes,
)
from app.pipeline.happenings import group
from app.pipeline.headline import finish as finish_headline
from app.pipeline.headline import headline
from app.pipeline.events import (
    AIMED_TYPES,
    DEFINITE_DETERMINERS,
    own_clock_time,
    PUBLIC_MEDIA,
    DetectedEvent,
    EventLexicon,
    aimed_at,
    aims_apart,
    detect,
    doer_class,
    explosives_taken,
    figure_source,
    figures,
    occasion_of_speech,
    strikes_the_attacker,
    survivor_clause,
    told_as_earlier,
    told_as_later,
    told_in,
)
from app.pipeline.lemmas import mend_lemmas, mend_tense, verb_lemma
from app.pipeline.segment import ParsedSentence, split_sentences
from app.pipeline.timex import interval, tag
from app.pipeline.types import ActorRef, ArticleExtraction, DateInterval, EventCandidate, EventDate, Figure, Timex

RESOURCE_DIR = Path(__file__).parent / "resources"
PARTICIPANT_TYPES = frozenset({"diplomacy_meeting", "consultation", "agreement", "armed_clash"})
TITLE_WORDS = 14
# Common nouns that denote people or institutions able to speak.
SPEAKER_NOUNS = frozenset("""official officials spokesperson spokesman spokeswoman minister ministry government
authorities president leader leaders chief envoy ambassador diplomat diplomats source sources side
protesters residents witnesses people activists observers commander analyst analysts mission
council committee court prosecutor parliament agency organization organisation group rebels
militants army military police""".split())


@dataclass(frozen=True)
class Resources:
    """Everything the stages need from the data files, parsed and indexed once."""

    actors: ActorIndex
    events: EventLexicon
    weeklies: frozenset[str] = frozenset()  # publishers that appear once a week, by `periodical_key`

    def weekly(self, publisher: str | None) -> bool:
        return bool(publisher) and periodical_key(publisher) in self.weeklies


def periodical_key(name: str) -> str:
    """A publisher's name as the periodicals list compares it: "TIME magazine (archive copy)" and
    "Time" are one; "The Times" stays another."""
    key = re.sub(r"\s*[(\[].*$", "", name).strip().lower()
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"\s+magazine$", "", key).strip()


def load_resources(directory: Path | None = None) -> Resources:
    base = directory or RESOURCE_DIR
    with open(base / "actors.toml", "rb") as f:
        actors = tomllib.load(f)
    with open(base / "places.toml", "rb") as f:
        places = tomllib.load(f)
    with open(base / "event_types.toml", "rb") as f:
        event_types = tomllib.load(f)
    weeklies: frozenset[str] = frozenset()
    if (base / "periodicals.toml").exists():
        with open(base / "periodicals.toml", "rb") as f:
            weeklies = frozenset(periodical_key(name) for name in tomllib.load(f).get("weeklies", []))
    return Resources(ActorIndex.build(actors, places), EventLexicon.build(event_types), weeklies)


def prepare(text: str, title: str | None = None) -> tuple[tuple[tuple[int, int], ...], str]:
    """Body spans and the furniture-masked text spaCy should parse."""
    body = clean.find_body(text, title)
    return body, _without_stray_hyphens(_straight_apostrophes(clean.mask_furniture(text, body)))


# A curly apostrophe inside a word ("the city’s", "don’t", "O’Brien"). The parser, trained on
# straight ones, misreads the possessive after a curly one ("from the city’s more obscure areas"
# made "areas" an apposition of the sentence's subject); one character for one, so every offset
# into the text stays where it was.
CURLY_APOSTROPHE_RE = re.compile(r"(?<=\w)’(?=\w)")


def _straight_apostrophes(masked: str) -> str:
    return CURLY_APOSTROPHE_RE.sub("'", masked)


# A scan's hyphen after a short word that no line-end ever split ("serious rioting in- connection
# with"): the parser read "in-" as part of a noun and lost the sentence's event. A space for the
# hyphen, one character for one.
STRAY_HYPHEN_RE = re.compile(r"\b(in|on|at|of|to|by|the|and|for|with|from|into|upon|that|as)-(?= [a-z])")


def _without_stray_hyphens(masked: str) -> str:
    return STRAY_HYPHEN_RE.sub(lambda m: m.group(1) + " ", masked)


WORD_WITH_APOSTROPHE_RE = re.compile(r"\w+'\w+")


def _as_the_text_writes_it(title: str, text: str) -> str:
    """A headline built from the parsed words, its apostrophes as the article prints them
    ("Egypt’s", not "Egypt's", when the article wrote the curly one)."""
    def curl(m: re.Match) -> str:
        curly = m.group().replace("'", "’")
        return curly if curly in text and m.group() not in text else m.group()
    return WORD_WITH_APOSTROPHE_RE.sub(curl, title)


# What ends a sentence, and what may close around that end ('... he said."', "... soldiers.)").
SENTENCE_ENDS = frozenset({".", "!", "?", "…", ":", ";"})
CLOSERS = frozenset({'"', "”", "’", "'", "''", ")", "]", "»"})


def line_bounded_doc(nlp, masked: str) -> Doc:
    """The tokenised text with sentence boundaries set before parsing: a start after every line
    break, so the parser never links a heading, bullet or paragraph to the next one, and after a
    dateline that lost its full stop; and no start in mid-clause (`_never_starts`)."""
    doc = nlp.make_doc(masked)
    story_starts = frozenset(clean.bare_dateline_ends(masked))
    after_break = False
    last_word = None  # the last token before `tok` that is not whitespace
    for tok in doc:
        if tok.is_space:
            after_break = after_break or "\n" in tok.text
            continue
        if (after_break or tok.idx in story_starts or _after_a_glued_quote(tok)) and tok.i > 0:
            tok.is_sent_start = True
        elif last_word is not None and _never_starts(tok, last_word):
            tok.is_sent_start = False
        after_break = False
        last_word = tok
    return doc


def _still_to_come(date: EventDate, published: dt.date) -> bool:
    """The event's own day, as the text gives it, is after the report's (a wire story's "before
    dawn on Wednesday", updated through the night, is not: see overnight_weekdays)."""
    return date.method in ("explicit", "relative") and date.interval.start > published \
        and not date.interval.open_end and "overnight" not in date.rule


# "ahead of Sunday's election", "in the run-up to Friday's vote": what a clause was told before.
AHEAD_PHRASES = (("ahead", "of"), ("advance", "of"), ("run-up", "to"), ("runup", "to"), ("eve", "of"))


def _told_as_ahead(noun) -> bool:
    """The event noun is what its clause came before ("making a campaign speech ahead of Sunday's
    election"): its weekday is the one to come, as the tagger read it, not the one before."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None:
        return False
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return before is not None and (before.lower_, prep.lower_) in AHEAD_PHRASES


def _after_a_glued_quote(tok) -> bool:
    """ '... helped by people here."The government declared ...': a word in capitals right after a
    quotation closed on a full stop, with no space between, begins a sentence (see load_nlp)."""
    doc = tok.doc
    return tok.i >= 2 and tok.text[:1].isupper() and doc[tok.i - 1].text in ('"', "”") \
        and not doc[tok.i - 1].whitespace_ and doc[tok.i - 2].text in (".", "!", "?") and not doc[tok.i - 2].whitespace_


def _title_abbreviation(tok) -> bool:
    """ "Gen.", "Lt.", "Dr.": a title shortened with a full stop, which a name always follows (the
    tokeniser may keep the stop on the word or split it off)."""
    from app.pipeline.names import TITLE_WORDS

    doc = tok.doc
    if tok.text.endswith(".") and len(tok.text) > 1:
        word = tok.text
    elif tok.text == "." and tok.i > 0 and not doc[tok.i - 1].whitespace_:
        word = doc[tok.i - 1].text + "."
    else:
        return False
    return word[:1].isupper() and len(word) <= 6 and word.lower() in TITLE_WORDS


def _never_starts(tok, previous) -> bool:
    """A token on the same line as the one before, no full stop between them, that cannot open a
    sentence: a word in lower case ("... and you know, | take to the streets") or an editor's
    bracketed insertion ('"... infiltrated our base yesterday | [Friday] at around 6:50 pm"'). The
    small parser cuts there now and then, and splits one report into two halves. A capital after no
    full stop is left to the parser: a dateline, a headline run into the text, a full stop missing."""
    doc = previous.doc
    if tok.text[:1].isupper() and _title_abbreviation(previous):
        return True  # "commander Maj. Gen. | I Nyoman Cantiasa said": a name after its title
    if tok.text != "[" and not tok.text[:1].islower():
        return False
    last = previous.i
    while last > 0 and doc[last].text in CLOSERS:
        last -= 1
    return not (doc[last].text in SENTENCE_ENDS or doc[last].text.endswith("."))


def extract_article(text: str, published: dt.date, nlp, resources: Resources, title: str | None = None,
                    publisher: str | None = None) -> ArticleExtraction:
    text = clean.unwrap_lines(text)  # hard-wrapped copy read as paragraphs, every offset the same
    body, masked = prepare(text, title)
    return extract_from_doc(text, published, nlp(line_bounded_doc(nlp, masked)), body, masked, resources, title,
                            weekly=resources.weekly(publisher))


def extract_many(
    items: Iterable[tuple], nlp, resources: Resources, batch_size: int = 32
) -> Iterator[ArticleExtraction]:
    """Like extract_article over many articles, parsing them with `nlp.pipe` for throughput. Each
    item is (text, published, title) or (text, published, title, publisher)."""
    pending: list[tuple[str, dt.date, str | None, tuple, str, bool]] = []

    def masked_texts() -> Iterator[Doc]:
        for text, published, title, *rest in items:
            text = clean.unwrap_lines(text)
            body, masked = prepare(text, title)
            pending.append((text, published, title, body, masked, resources.weekly(rest[0] if rest else None)))
            yield line_bounded_doc(nlp, masked)

    for doc in nlp.pipe(masked_texts(), batch_size=batch_size):
        text, published, title, body, masked, weekly = pending.pop(0)
        yield extract_from_doc(text, published, doc, body, masked, resources, title, weekly=weekly)


def extract_from_doc(
    text: str, published: dt.date, doc: Doc, body: tuple[tuple[int, int], ...], masked: str,
    resources: Resources, title: str | None = None, weekly: bool = False,
) -> ArticleExtraction:
    warnings: list[str] = []
    if not body:
        warnings.append("no main text found")
    mend_lemmas(doc)
    mend_tense(doc)
    # A story dated by its dateline ("OXCHUC, Mexico, Jan. 2 --", printed on the 3rd) was written
    # that day: its "today", "yesterday" and weekdays count from it, and so does undated news.
    printed = published
    published = clean.dateline_day(text, published) or published
    timexes = overnight_weekdays(tuple(tag(masked, published)), published)
    sentences = split_sentences(doc, text, body)
    opening_start = story_start(ps.sentence for ps in sentences)
    weekly_issue = weekly and not _dates_its_news_on_the_cover_day(timexes, sentences, opening_start, published)
    # A column of several cables, each under its own dateline: what follows a later cable's dateline
    # counts its days from that dateline's day, and its undated news is of that day.
    cables = _cables_in_order([(ps.sentence.end, day) for ps in sentences
                               if (day := clean.inner_dateline_day(ps.sentence.text, printed)) is not None],
                              published if published != printed else None)
    if cables:
        timexes = _tagged_by_cable(masked, timexes, cables)
    memory = ArticleActors(published, text=masked)
    events: list[EventCandidate] = []
    recent_speakers: list[set[str]] = []  # actor keys speaking in the previous sentences
    tx_i = 0
    all_ents = list(doc.ents)
    ent_i = 0
    previous_people: dict[str, str] = {}  # the people the sentence before named (key -> name)
    opening_days: dict[int, EventDate] = {}  # the day each opening sentence names (see story_day)
    on_the_main_verb: set[int] = set()  # ... where that day hangs on the sentence's main verb
    for ps in sentences:
        s = ps.sentence
        while tx_i < len(timexes) and timexes[tx_i].end <= s.start:
            tx_i += 1
        sent_timexes = []
        j = tx_i
        while j < len(timexes) and timexes[j].start < s.end:
            sent_timexes.append(timexes[j])
            j += 1
        # (a lede run on from its dateline, "Kessa, March 10.—Seventeen were killed ...", names the
        # dateline's day first, the day the story was written)
        if s.index < opening_start + STORY_OPENING_SENTENCES \
                and not (s.index >= opening_start and clean.opens_with_dateline(s.text)) \
                and (named := day_named(sent_timexes)) is not None:
            opening_days[s.index] = named
            if _hangs_on_the_main_verb(ps.span, named.expression_start):
                on_the_main_verb.add(s.index)
        while ent_i < len(all_ents) and all_ents[ent_i].end <= ps.span.start:
            ent_i += 1
        sent_ents = []
        k = ent_i
        while k < len(all_ents) and all_ents[k].start < ps.span.end:
            if all_ents[k].start >= ps.span.start and all_ents[k].end <= ps.span.end:
                sent_ents.append(all_ents[k])
            k += 1
        mentions = find_mentions(ps.span, resources.actors, memory, sent_ents)
        memory.in_office |= {m.entry.key for m in mentions if m.entry.kind == "person" and _introduced_in_office(doc[m.head])}
        sentence_day = next((day for start, day in reversed(cables) if start <= s.start), published)
        found = _sentence_events(ps, sent_timexes, mentions, sentence_day, resources, recent_speakers,
                                 _quote_open_at(text, s.start), previous_people, memory.in_office)
        previous_people = {m.entry.key: m.entry.name for m in mentions if m.entry.kind == "person"}
        events.extend(found)
        recent_speakers.append({a.key for ev in found for a in ev.actors if a.role in ("speaker", "initiator")}
                               | {m.entry.key for m in mentions if m.entry.kind == "person"})
        del recent_speakers[:-2]
    named_day = latest_day_named(timexes, published, text, events, opening_start + STORY_OPENING_SENTENCES)
    events = list(carry_narrative_dates(events, published, opening_days, opening_start, named_day,
                                        frozenset(on_the_main_verb)))
    events = list(count_from_named_happenings(events, published, resources.events.noun_type))
    if weekly_issue:
        events = [_in_the_weeklys_fortnight(ev, published) for ev in events]
    if "’" in text:
        events = [replace(ev, title=_as_the_text_writes_it(ev.title, text)) for ev in events]
    happenings = group(events, published, resources.events.happening_kinds)
    return ArticleExtraction(
        title=title or _article_title(text, body, happenings),
        body=body,
        sentences=tuple(p.sentence for p in sentences),
        timexes=timexes,
        events=tuple(events),
        warnings=tuple(warnings),
        happenings=happenings,
    )


# How far before its cover date a weekly's undated news may lie.
WEEKLY_SPAN_DAYS = 14


def _hangs_on_the_main_verb(span, at: int | None) -> bool:
    """Whether the words at offset `at` (a timex) hang on the sentence's main verb, with no other
    verb between ("Crowds last night were mourning ...", not "a man released on Sunday")."""
    token = next((t for t in span if t.idx == at), None)
    for _ in range(8):
        if token is None or token.head is token:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            break
    return token is not None and token.i == span.root.i


# Timex rules of a date written out with its month ("July 9", "9 July 2022"), not a word relative to
# the paper ("today").
CALENDAR_DATE_RULES = ("month-day", "day-month", "clock+month-day", "clock+day-month")


def _dates_its_news_on_the_cover_day(timexes, sentences, opening_start: int, published: dt.date) -> bool:
    """Whether a weekly's story names its own cover date, written out, in its opening ("following
    the lifting of the curfew at 8 am on July 9" on a page of 9 July), or the day before it in any
    words ("stabbed on Monday" on a Tuesday's page): a story of its web edition, filed that day,
    whose undated news is the day's, not the fortnight's before an issue. (A printed issue goes to
    press days before its cover date, so it cannot tell the day before it.)"""
    opening = [ps.sentence for ps in sentences
               if opening_start <= ps.sentence.index < opening_start + STORY_OPENING_SENTENCES]
    for tx in timexes:
        if not any(s.start <= tx.start < s.end for s in opening):
            continue
        iv = interval(tx)
        if iv is None or iv.precision not in ("day", "time"):
            continue
        if iv.start == published - dt.timedelta(days=1) and iv.end == iv.start:
            return True
        if tx.rule.startswith(CALENDAR_DATE_RULES) and iv.start == published:
            return True
    return False


def _in_the_weeklys_fortnight(ev: EventCandidate, published: dt.date) -> EventCandidate:
    """A weekly's news with no day of its own happened in the fortnight before the cover date (the
    issue went to press days before it), not on it: the fortnight, day by day, is its date. Its
    "this week" is the issue's week, the seven days before the cover date (a cover dated Monday
    22 October tells of the shots of "this week" from the 15th to the 21st), never the week the
    cover date opens."""
    if ev.date.rule == "this-week" and ev.date.interval.start is not None and ev.date.interval.start >= published - dt.timedelta(days=6):
        week = DateInterval(published - dt.timedelta(days=7), published - dt.timedelta(days=1), "day")
        return replace(ev, date=replace(ev.date, interval=week, rule="this-week-weekly"))
    if ev.date.method != "inherited" or ev.date.interval.start != published:
        return ev
    fortnight = DateInterval(published - dt.timedelta(days=WEEKLY_SPAN_DAYS), published - dt.timedelta(days=1), "day")
    return replace(ev, date=replace(ev.date, interval=fortnight, rule="inherited-weekly"))


def _article_title(text: str, body, happenings) -> str:
    """The article's own headline line when it has one; else the headline of the happening its
    opening sentences report; else its first sentence cut to headline length."""
    stated = clean.headline_line(text, body)
    if stated:
        return stated
    for h in happenings:
        words = h.profile.title.split()
        if h.profile.sentence.index <= 1 and len(words) >= 4 and words[0].lower() not in ("he", "she", "they", "it", "we", "i"):
            return h.profile.title
    return finish_headline(clean.derive_title(text, body))


def _quote_open_at(text: str, start: int) -> bool:
    """Whether the sentence at `start` begins inside a quotation that started before it.

    Read from the paragraph's own words, not sentence by sentence: a sentence split can leave a
    closing mark between two sentences ("... the rains have ended." then the mark), and a quotation
    never runs on into a paragraph that does not open with a quote mark. In news style a quotation
    that goes on into the next paragraph leaves the first unclosed and opens the next with a mark:
    that paragraph's first sentence is still inside it."""
    para = text.rfind("\n", 0, start) + 1
    before = text[para:start]
    if before.strip():
        return _quote_still_open(before, False)
    if text[start:start + 1] not in QUOTE_MARKS:
        return False
    previous = text[:para].rstrip()
    previous_para = previous[previous.rfind("\n") + 1:]
    return bool(previous_para) and _quote_still_open(previous_para, False)


QUOTE_MARKS = frozenset('"“')


def _quote_still_open(text: str, was_open: bool) -> bool:
    """Track a quotation by its quote marks (straight quotes are ambiguous and just toggle)."""
    state = was_open
    for ch in text:
        if ch == "“":
            state = True
        elif ch == "”":
            state = False
        elif ch == '"':
            state = not state
    return state


def _future_day(timex: Timex, published: dt.date) -> bool:
    """A date wholly after the story's day: "on Thursday" told on Tuesday, "next week", "tomorrow"."""
    if timex.type not in ("DATE", "TIME"):
        return False
    days = interval(timex)
    return days is not None and days.start > published


def _tagged_by_cable(masked: str, timexes: tuple[Timex, ...], cables: list[tuple[int, dt.date]]) -> tuple[Timex, ...]:
    """The article's timexes, those after each cable's dateline tagged again from that dateline's day."""
    kept = [t for t in timexes if t.start < cables[0][0]]
    for i, (start, day) in enumerate(cables):
        end = cables[i + 1][0] if i + 1 < len(cables) else len(masked)
        kept += [dataclasses.replace(t, start=t.start + start, end=t.end + start)
                 for t in overnight_weekdays(tuple(tag(masked[start:end], day)), day)]
    return tuple(kept)


def _sentence_events(
    ps: ParsedSentence, timexes: list[Timex], mentions: list[Mention], published: dt.date,
    resources: Resources, recent_speakers: list[set[str]], quote_open: bool = False,
    previous_people: Mapping[str, str] | None = None, in_office: frozenset[str] | set[str] = frozenset(),
) -> list[EventCandidate]:
    span, sentence = ps.span, ps.sentence
    s_text = sentence.text
    doc = span.doc
    lex = resources.events
    timex_tokens = frozenset(t.i for tx in timexes for t in span if tx.start <= t.idx < tx.end)
    # Dates a headline leaves out: relative ones ("today", "on Tuesday") and those set off as adverbials.
    relative_dates = frozenset(t.i for tx in timexes if tx.anchor is not None for t in span if tx.start <= t.idx < tx.end)
    if _question(span):
        return []  # "Could Mubarak step down Thursday?": asked, not reported
    # Dates after the story's day, which make a simple present tell what is arranged to come.
    future_tokens = frozenset(t.i for tx in timexes if _future_day(tx, published)
                              for t in span if tx.start <= t.idx < tx.end)
    detected = detect(span, lex, timex_tokens, future_tokens)
    if not detected:
        return []
    mention_tokens = frozenset(i for m in mentions for i in range(m.first, m.last + 1))
    event_tokens = frozenset(i for ev in detected for i in (ev.trigger, ev.predicate))
    placed = place_timexes(doc, span, timexes, event_tokens)
    ordinal_of = {ev.predicate: n for n, ev in enumerate(detected)}
    out: list[EventCandidate] = []
    for ev in detected:
        if ev.type == "legal_action" and _seized_a_place(doc[ev.predicate], mentions, lex):
            ev.type = "territorial_control"  # "captured Sukhumi": the tagger took the town for a person
        etype = lex.types[ev.type]
        pred, trig = doc[ev.predicate], doc[ev.trigger]
        reporter = doc[ev.reporter] if ev.reporter is not None else None
        speech = etype.verbal or pred.lemma_ in lex.reporting_verbs
        roles = role_tokens(pred, trig, speech, ev.type in PARTICIPANT_TYPES, reporter,
                            accusatory=ev.type in ("accusation", "condemnation"),
                            passive_subject="initiator" if ev.blamed else etype.passive_subject)
        actors = _self_report(actor_refs(mentions, roles, doc), pred, reporter, etype.verbal)
        if ev.type == "casualties" and pred.lemma_.lower() in lex.discovery_verbs or (
                trig.i != pred.i and pred.lemma_.lower() in lex.perception_verbs):
            # "police dug up six bodies": who found the dead did not kill them; "we heard the
            # explosions": who heard them did not set them off
            actors = tuple(dataclasses.replace(a, role="mentioned") if a.role == "initiator" else a for a in actors)
        if survivor_clause(pred, trig):
            # "the governor survived an assassination attempt": who came through it was its target
            actors = tuple(dataclasses.replace(a, role="target") if a.role == "initiator" else a for a in actors)
        if ev.reported_statement or etype.verbal:
            actors = _speaker_before(actors, pred)
        date = date_event(doc, ev.trigger, ev.predicate, ev.reporter, placed, published,
                          frozenset(e.predicate for e in detected))
        later = told_as_later(pred)
        if later:
            date = later_in_its_sentence(date, s_text, published)
        if not _told_as_ahead(doc[ev.trigger]):
            date = happened_weekday_before(date, ev.modality, published)
        if ev.modality == "asserted" and _still_to_come(date, published):
            ev.modality = "planned"  # ("ahead of Sunday's election", printed on Friday): not yet happened
        if ev.reported_statement and ((quote_open or _closes_quote_first(s_text)) and date.method == "inherited"
                                      or _continues_statement(span, actors, date, recent_speakers, pred)):
            continue
        if etype.verbal and _inanimate_subject(pred, mention_tokens, lex):
            continue  # "such action, which threatens thousands": not a speech act
        if ev.type == "threat" and _risk_not_threat(pred):
            continue  # "the fighting threatens to undermine stability": a danger, nobody's threat
        about_violence = ev.reported_statement and _speaks_of_violence(doc, ev, lex) and occasion_of_speech(pred) is None \
            or _blames_what_was_told(pred, lex)  # (an address to the nation is a reaction, whatever it tells)
        if ev.negated and not _official_speaker(reporter, actors, resources, in_office):
            continue  # "the reporter did not hear gunfire": no denial, and no happening
        if ev.reported_statement and not about_violence and not _official_speaker(pred, actors, resources, in_office):
            continue  # a passer-by's or a reporter's words are a source, not an official reaction
        if etype.verbal and ev.type in WITNESSABLE_SPEECH and not about_violence and _a_witness_speaks(pred):
            continue  # "another eyewitness complained about the slow response": colour, not a party's reaction
        source = figure_source(span, ev)
        figs = tuple(Figure(q, what, source, a, b) for q, what, a, b in figures(span, ev, lex, timex_tokens, source))
        claim_by = None
        if ev.claim:
            claim_by = next((a.key for a in actors if a.role == "speaker"), None) or next(
                (a.key for a in actors if a.role == "initiator"), None)
        trigger_text, t_start, t_end = _trigger_text(doc, ev)
        out.append(EventCandidate(
            sentence=sentence,
            ordinal=len(out),
            type=ev.type,
            title=_title(doc, ev, relative_dates, actors, lex,
                         None if quote_open else _pronoun_person(pred, mentions, previous_people or {}))
            or _event_title(span, ev, len(detected)),
            trigger=trigger_text,
            trigger_start=t_start,
            trigger_end=t_end,
            modality=ev.modality,
            date=date,
            actors=actors,
            places=tuple(m.as_place() for m in mentions if m.is_place and not _reference_point(doc[m.head])),
            figures=figs,
            claim=ev.claim,
            claim_by=claim_by,
            tense=_tense(pred),
            past_sentence=pred.pos_ not in ("VERB", "AUX") and span.root.tag_ == "VBD",
            target_nouns=_target_nouns(pred, trig, lex),
            aims=tuple(sorted(aimed_at(pred, lex))) if ev.type in AIMED_TYPES else (),
            relative_clause=(pred.head if pred.dep_ == "conj" else pred).dep_ == "relcl",
            counted_in=_counted_in(pred, trig, lex) if ev.type == "casualties" else _seized_in_a_coup(ev.type, pred, trig, lex),
            # (a bomb found or defused is never the blast told before it, however close)
            turns_away=_turns_away(span, trig) or (ev.type in AIMED_TYPES and _done_to_another(pred))
            or (ev.type == "military_action" and explosives_taken(pred, lex)) or _told_within_a_further_happening(pred)
            or _counted_after_a_happening(pred, lex),
            earlier=told_as_earlier(pred),
            later=later,
            repels=_repels_those_told(pred),
            joins=_coordinated_with(pred, ordinal_of, len(out), out, ev.type),
            rebuts=etype.verbal and (pred.lemma_.lower() in lex.denial_verbs or (
                reporter is not None and reporter.lemma_.lower() in lex.denial_verbs)),
            refers_back=_refers_back(doc, ev, lex),
            supposes_about_known=ev.modality == "hypothetical" and _definite_event_noun(trig, lex)
            and not any(c.dep_ in ("relcl", "acl") for c in trig.children),  # ("the war they threatened": named anew)
            aggregate=_aggregate(doc, ev, lex),
            about_violence=about_violence,
            pronoun_speaker=speech and _pronoun_subject(reporter if reporter is not None else pred),
            pronoun_doers=not speech and _pronoun_subject(pred, DOER_PRONOUNS),
            hour=own_clock_time(pred, [doc[d.predicate] for d in detected]),
            doers=doer_class(pred) if ev.type in DOER_TYPES else None,
            strikes_attacker=ev.type in DOER_TYPES and strikes_the_attacker(pred),
        ))
    return out


# Acts whose doers may set two happenings apart (a clash has two sides: its subject is only one).
DOER_TYPES = frozenset({"attack", "military_action", "territorial_control", "casualties"})
SINGULAR_PRONOUNS = frozenset({"he", "she"})
DOER_PRONOUNS = frozenset({"they", "he", "she"})


def _pronoun_subject(verb, pronouns: frozenset[str] = SINGULAR_PRONOUNS) -> bool:
    """The subject is named only as a pronoun: the speaker of "He accused the rebels ...", ", she
    said", or the doers of "Then they began shooting", someone already told of. (Only an active
    subject counts: "they were attacked" names whom it was done to.)"""
    from app.pipeline.actors import subject_of

    subject = subject_of(verb)
    return subject is not None and subject.lower_ in pronouns


TARGET_PREPS = frozenset({"at", "on", "against", "upon", "into"})


# A toll: the dead and the displaced of one happening, counted together.
TOLL_TYPES = frozenset({"casualties"})
DISPLACEMENT_VERBS = frozenset({"displace", "flee", "uproot"})


def _coordinated_with(pred, ordinal_of: dict[int, int], position: int,
                      earlier: Sequence[EventCandidate] = (), event_type: str = "") -> int | None:
    """ "Security forces clashed with the crowds and detained 100 protesters": the second act, with
    no subject of its own, shares the first one's, and is part of one happening with it. "Some
    27,000 people have been killed and two million others displaced": a toll told in two clauses,
    each with its subject, is one count of one happening too."""
    if pred.dep_ != "conj":
        return None
    head = ordinal_of.get(pred.head.i)
    if head is None or head >= position:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
        toll = event_type in TOLL_TYPES or pred.lemma_.lower() in DISPLACEMENT_VERBS
        return head if toll and head < len(earlier) and earlier[head].type in TOLL_TYPES else None
    return head


def _target_nouns(pred, trig, lex) -> tuple[str, ...]:
    """The ground an act was aimed at, as nouns: "raided a military base" -> ("base",). People are
    left out: "police" or "civilians" are the target of many different attacks."""
    out = []
    for head in {pred, trig}:
        for c in head.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and c.i != trig.i:
                out.append(c.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                out.extend(g.lemma_.lower() for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
    return tuple(dict.fromkeys(w for w in out if w in lex.ground_nouns or w in lex.site_nouns or w in VEHICLE_NOUNS))


# Vehicles an act may be aimed at as at a building: "burned a passenger train", "stoned a bus".
VEHICLE_NOUNS = frozenset({"train", "tram", "bus", "car", "truck", "lorry", "vehicle", "ship", "boat", "ferry",
                           "aircraft", "plane", "airliner", "jeep", "van", "motorcade", "convoy"})


# Nouns that stretch or repeat a happening: what they are "of" is the happening ("a wave of
# protests", "days of rioting", "a spate of attacks").
SPREAD_NOUNS = frozenset({"wave", "series", "spate", "string", "round", "bout", "outbreak", "surge", "day", "night",
                          "week", "month"})
COUNTED_IN_PREPS = frozenset({"in", "during"})


def _counted_in(pred, trig, lex) -> str | None:
    """The type of the happening a toll says it was counted in: "injured in a week of street
    protests", "the count of the dead in the riots" are a protest's toll, "killed in the fighting"
    a battle's. None when the toll names none."""
    heads = [trig, pred]
    if trig.dep_ == "pobj" and trig.head.lower_ == "of":
        heads.append(trig.head.head)  # "the count of the dead in the riots"
    for head in dict.fromkeys(heads):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in COUNTED_IN_PREPS:
                continue
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                for _ in range(3):
                    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"]
                    if noun.lemma_.lower() not in SPREAD_NOUNS or not of:
                        break
                    noun = of[0]
                lemma = noun.lemma_.lower()
                found = lex.noun_types.get(lemma) or lex.noun_types.get(noun.lower_) or (
                    lemma.endswith("ing") and lex.verb_types.get(verb_lemma(noun.lower_) or ""))
                if found and not lex.types[found].verbal:
                    return found  # (not "said in a statement that ... was killed")
    return None


def _seized_in_a_coup(event_type: str, pred, trig, lex) -> str | None:
    """A ruler taken or held "in a coup" is the coup's own act: "the president was taken prisoner
    today in a coup" tells one seizure of power, not an arrest beside it. (Arrests "during the
    protests" stay arrests: other doers.)"""
    if event_type != "legal_action":
        return None
    found = _counted_in(pred, trig, lex)
    return found if found == "election" else None


# Openings that turn to another happening: "Elsewhere, ...", "In a separate attack, ...".
TURNING_OPENINGS = ("elsewhere", "meanwhile", "separately", "in a separate", "in another", "in other",
                    "in an unrelated", "in a similar", "also on", "on the other hand", "later", "earlier",
                    "afterwards", "subsequently", "the next day", "the day before", "a day later")


# "Days later, ...", "Two weeks later, ...", "A month after that, ...": the story moves on in time.
LATER_OPENING = re.compile(
    r"(?:a few |several |some |a |one |two |three |four |five |\d+ )?(?:days?|weeks?|months?|years?) (?:later|after)\b")
# Words before an event noun that name a further happening: "another attack", "a separate
# raid", "fresh clashes". (Not "a second blast": a bombing's second charge, minutes later, is
# part of the same attack.)
FURTHER_HAPPENING = frozenset({"another", "separate", "new", "further", "fresh"})
# Ordinals that count a happening after the first of its kind: "the second attack" is another one.
LATER_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth"})


def _counted_after_the_first(noun) -> bool:
    """ "The second attack was at the other mosque": another happening of the kind, not the one
    told (but "It was the second attack this week" ranks the one told)."""
    return noun.dep_ != "attr" and any(c.dep_ == "amod" and c.lower_ in LATER_ORDINALS for c in noun.children)


def _turns_away(span, trigger=None) -> bool:
    """The sentence says it tells another happening than the one just told: by its opening
    ("Elsewhere", "In a separate incident") or by its event noun ("Another attack left dozens
    dead")."""
    opening = span.text.lstrip("“\"'‘ ").lower()
    if opening.startswith(TURNING_OPENINGS) or LATER_OPENING.match(opening):
        return True
    if trigger is None or trigger.pos_ != "NOUN":
        return False
    if _counted_after_the_first(trigger):
        return True
    return any(c.dep_ in ("det", "amod") and c.lower_ in FURTHER_HAPPENING for c in trigger.children)


# How much earlier than the cable above it a cable in a column may be dated: the cables of one
# column run in the order they came, give or take a day or two across time zones and wires.
CABLE_ORDER_SLACK = dt.timedelta(days=2)


def _cables_in_order(cables: list[tuple[int, dt.date]], opening_day: dt.date | None) -> list[tuple[int, dt.date]]:
    """The column's cable datelines, without one dated well before the cable above it: "SEOUL, Oct.
    26 ... Received Oct. 27th. SEOUL, Oct. 20." is the scan's 20 for 26, never a cable a week old
    set under a newer one; its news keeps the day of the cable above."""
    kept: list[tuple[int, dt.date]] = []
    latest = opening_day
    for end, day in cables:
        if latest is not None and day < latest - CABLE_ORDER_SLACK:
            continue
        kept.append((end, day))
        latest = day if latest is None else max(latest, day)
    return kept


def _counted_after_a_happening(pred, lex) -> bool:
    """ "Exactly 30 minutes after the Edgware Road blast, a bomb tore the roof off a bus": a happening
    placed a counted time after another one named by its noun is a further happening, never that
    one going on (without a count, "after the blast" may tell its own aftermath)."""
    for prep in pred.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "following"):
            continue
        counted = any(c.dep_ == "npadvmod" and any(n.dep_ == "nummod" or n.lower_ in ("a", "an") for n in c.children)
                      for c in prep.children)
        named = any(c.dep_ == "pobj" and c.lemma_.lower() in lex.noun_types for c in prep.children)
        if counted and named:
            return True
    return False


def _told_within_a_further_happening(pred) -> bool:
    """ "There have been further clashes, during which rioters were killed": what a relative clause
    tells of a happening named as a further one belongs to that further happening."""
    return pred.dep_ == "relcl" and pred.head.pos_ == "NOUN" and any(
        c.dep_ in ("det", "amod") and c.lower_ in FURTHER_HAPPENING for c in pred.head.children)


def _done_to_another(pred) -> bool:
    """An act of violence done to "another" ("shot dead another police officer during their
    getaway", "stormed another village"): a further act, not the one just told. (A toll's "another
    eleven wounded" counts more victims of the same one.)"""
    return pred.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "another" for d in c.children)
        for c in pred.children)


def _tense(pred) -> str:
    """The tense of the clause that reports an event, from its verb and auxiliaries. A coordinated
    participle with none of its own shares its head's ("have been killed and two million others
    [have been] displaced")."""
    auxes = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")}
    if not auxes and pred.dep_ == "conj" and pred.tag_ in ("VBN", "VBD") and pred.head.pos_ in ("VERB", "AUX"):
        return _tense(pred.head)
    if not auxes and pred.tag_ == "VBN":
        # "..., with hundreds of the rioters arrested": a participle after "with" is told in the
        # tense of the clause it hangs on
        above = pred.head.head if pred.dep_ == "pcomp" and pred.head.lower_ == "with" else \
            pred.head if pred.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in pred.children) \
            else None
        if above is not None and above.pos_ in ("VERB", "AUX") and above is not pred:
            return _tense(above)
    if not auxes and pred.tag_ == "VBG" and pred.dep_ == "pcomp" and pred.head.dep_ == "prep" \
            and pred.head.head.pos_ in ("VERB", "AUX") and pred.head.head is not pred:
        # "were combing the capital after retaking the airport": an act told by its gerund under a
        # preposition is told in the tense of the clause it hangs on
        return _tense(pred.head.head)
    if auxes & {"will", "shall", "'ll", "wo"}:
        return "future"
    if "had" in auxes or "'d" in auxes and pred.tag_ == "VBN":
        return "pluperfect"
    if "to" in auxes and "have" in auxes and pred.tag_ == "VBN" and pred.head.pos_ in ("VERB", "AUX"):
        # a perfect infinitive is earlier than its governor: "was said to have crossed" had
        # crossed, "is believed to have killed" killed
        return "pluperfect" if _tense(pred.head) in ("past", "pluperfect") else "past"
    if auxes & {"has", "have", "'s", "'ve"} and pred.tag_ == "VBN":
        return "perfect"
    if pred.tag_ == "VBD" or auxes & {"was", "were", "did"}:
        return "past"
    if pred.tag_ in ("VBZ", "VBP") or auxes & {"is", "are", "am", "'re", "'m"}:
        return "present"
    if pred.tag_ == "VBN" and not auxes and pred.dep_ in ("ROOT", "ccomp", "conj") \
            and any(c.dep_ == "nsubj" for c in pred.children):
        # a clause of its own whose verb the tagger calls a participle though nothing helps it
        # ("soldiers mutinied on Thursday", a rare verb): English has no such clause but the past
        return "past"
    return ""


SELF_PRONOUNS = frozenset({"it", "they", "we"})
PERSON_SELF_PRONOUNS = frozenset({"i", "we"})
# "14 km north of Maiduguri", "five miles from the border": a place that only locates another.
DISTANCE_WORDS = frozenset({"km", "kilometre", "kilometer", "kilometres", "kilometers", "mile", "miles", "metre",
                            "meter", "metres", "meters", "north", "south", "east", "west", "northeast", "northwest",
                            "southeast", "southwest", "outskirts"})


# Who speaks for a party: the head nouns of an official speaker's noun phrase.
OFFICIAL_NOUNS = frozenset("""official officials spokesperson spokesman spokeswoman minister ministry government
authorities authority president premier leader leaders chief envoy ambassador diplomat diplomats commander
army military police council committee court prosecutor parliament agency organization organisation mission
office governor mayor secretary general colonel officer command headquarters administration regime cabinet
presidency palace embassy delegation negotiator negotiators movement party group rebels militants forces
junta militia insurgents coalition alliance senator lawmaker lawmakers legislator king prince emir sheikh
cleric imam spokespeople representative representatives board union federation state state-run
state-owned figure opposition dissident commissioner director administrator superintendent inspector
admiral viceroy consul consuls prefect magistrate mandarin taotai sultan shah emperor empress tsar czar kaiser
pasha chancellor marshal regent revolutionaries revolutionists guerrillas""".split())
# (the offices of the older cables too: a viceroy's or a consul's request is a party's act)
# Who reports, witnesses, comments or passes by: their words are a source or an opinion, never an
# official reaction (the scholar quoted on the crisis speaks for no party to it).
SOURCE_NOUNS = frozenset("""reporter reporters correspondent correspondents journalist journalists editor anchor
analyst analysts expert experts professor scholar scholars researcher researchers academic historian
photographer blogger columnist commentator witness witnesses eyewitness eyewitnesses resident residents
villager villagers man woman men women boy girl child children student students survivor survivors relative
relatives father mother son daughter brother sister neighbour neighbor friend shopkeeper driver passer
bystander protester protesters demonstrator demonstrators source sources user users""".split())
SPEAKING_KINDS = frozenset({"state", "body", "organisation", "armed_group", "group"})
# Speech acts that a witness's or a passer-by's words may look like; a crowd's demand, a protest's
# appeal, is the crowd acting, and stays.
WITNESSABLE_SPEECH = frozenset({"statement", "accusation", "condemnation"})
# Who among the source nouns acts as a party when it speaks: protesters and students.
SPEAKING_CROWDS = frozenset({"protester", "protesters", "demonstrator", "demonstrators", "student", "students"})


def _a_witness_speaks(pred) -> bool:
    """The speech act's own subject is a witness, a resident, a passer-by or a reporter, named by
    that noun alone ("an Israeli eyewitness complained", "residents described"): no party, no
    office, no name of a person the reader could hold to it."""
    from app.pipeline.actors import subject_of

    subj = subject_of(pred)
    if subj is None or subj.pos_ != "NOUN" or subj.lower_ not in SOURCE_NOUNS or subj.lower_ in SPEAKING_CROWDS:
        return False
    return not any(t.pos_ == "PROPN" or t.lower_ in OFFICIAL_NOUNS for t in subj.subtree if t.i != subj.i)


def _said_in_public(pred) -> bool:
    """ "said Thursday on captured Ghana Radio", "said in a statement", "told a news conference"
    (or the verb it is coordinated with: "said on the radio that ... and said he wanted ...")."""
    verbs = [pred]
    while verbs[-1].dep_ == "conj" and verbs[-1].head is not verbs[-1] and len(verbs) < 4:
        verbs.append(verbs[-1].head)
    return any(told_in(verb, PUBLIC_MEDIA, compounds=True)
               or any(c.dep_ == "dobj" and c.lemma_.lower() in ("conference", "briefing") for c in verb.children)
               for verb in verbs)


# Where a legislature sits: "in the House of Commons", "in the Senate", "before parliament".
CHAMBERS = frozenset({"parliament", "senate", "assembly", "congress", "legislature", "chamber", "commons", "lords",
                      "duma", "knesset", "bundestag", "reichstag", "majlis", "diet", "cortes", "dail"})


def _in_a_chamber(word) -> bool:
    """The word has "in" (or "before", "to") a legislature's chamber beside it: "stated in the House
    of Commons", "Lord Curzon, in the House of Lords, said"."""
    for prep in word.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "before", "to"):
            continue
        for place in prep.children:
            if place.dep_ != "pobj":
                continue
            if place.lemma_.lower() in CHAMBERS:
                return True
            if place.lower_ == "house" and place.text[:1].isupper():
                return True  # "the House of Commons", "the House of Representatives", "the House"
    return False


def _introduced_in_office(name) -> bool:
    """A person named with an office beside the name: "Lorenzo Miguel, the head of the union",
    "Colonel Pienaar, the local police commander" (an apposition holding an office's word)."""
    return any(c.dep_ == "appos" and any(t.lower_ in OFFICIAL_NOUNS or t.lemma_.lower() in OFFICIAL_NOUNS
                                         for t in c.subtree if not (t.pos_ == "PROPN" and t.dep_ == "compound"))
               for c in name.children)


def _official_speaker(pred, actors: tuple[ActorRef, ...], resources: Resources,
                      in_office: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a bare "X said ..." is a party's reaction: X names a state, a body, an organisation,
    an armed group, a person the data knows in a role, or an official by title, or said it in
    public (on the radio, in a statement); never a reporter, a witness or a passer-by quoted for
    colour."""
    from app.pipeline.actors import subject_of

    subj = subject_of(pred)
    if subj is not None and subj.pos_ == "PRON" and subj.lower_ in ("he", "she", "they", "it", "we"):
        return True  # someone already introduced (a passer-by's quotes rarely go on for long)
    if subj is None:  # "..., Prime Minister Ahmed Shafiq told reporters": the words before the verb
        doc = pred.doc
        start = pred.i
        while start > pred.sent.start and not doc[start - 1].is_punct and pred.i - start < 8:
            start -= 1
        subj = doc[start] if start < pred.i else None
        if subj is not None:
            words = {t.lemma_.lower() for t in doc[start:pred.i]} | {t.lower_ for t in doc[start:pred.i]}
            if words & OFFICIAL_NOUNS and not words & SOURCE_NOUNS:
                return True
    words = ({t.lemma_.lower() for t in subj.subtree} | {t.lower_ for t in subj.subtree}) if subj is not None else set()
    # (a word inside a name is no office: "State" in "Kessa State University" is no state's)
    offices = {t.lower_ for t in subj.subtree if not (t.pos_ == "PROPN" and t.dep_ == "compound")} \
        if subj is not None else set()
    if words & SOURCE_NOUNS and not offices & (OFFICIAL_NOUNS - {"group", "movement", "party"}):
        return False
    if subj is not None and subj.lemma_.lower() == "source" and subj.pos_ == "NOUN":
        return False  # "a military source said", "security sources said": nobody who can react, unnamed
    if subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.text[:1].isupper() and _said_in_public(pred):
        return True  # a named person speaking on the radio or in a statement
    if subj is not None and subj.pos_ == "PROPN" and (_in_a_chamber(pred) or _in_a_chamber(subj)):
        return True  # "Lord Curzon, in the House of Lords, said ...": a member speaking in the chamber
    for a in actors:
        if a.role != "speaker" or a.kind == "media":
            continue
        if a.kind in SPEAKING_KINDS:
            return True
        entry = resources.actors.entries.get(a.key)
        if a.kind == "person" and (a.parent or entry is not None or a.key in in_office):
            return True
    return bool(words & OFFICIAL_NOUNS)


def _speaker_before(actors: tuple[ActorRef, ...], pred) -> tuple[ActorRef, ...]:
    """ "..., Prime Minister Ahmed Shafiq told reporters": when the parser hung the speaker on the
    quotation (as an apposition), the name right before the verb is who spoke."""
    from app.pipeline.actors import subject_of

    if subject_of(pred) is not None or any(a.role == "speaker" for a in actors):
        return actors
    start = pred.i
    doc = pred.doc
    while start > pred.sent.start and not doc[start - 1].is_punct and pred.i - start < 8:
        start -= 1
    begin, end = doc[start].idx, pred.idx
    if begin >= end:
        return actors
    return tuple(replace(a, role="speaker") if a.role == "mentioned" and begin <= a.start and a.end <= end else a
                 for a in actors)


def _self_report(actors: tuple[ActorRef, ...], pred, reporter, verbal: bool) -> tuple[ActorRef, ...]:
    """ "Hezbollah said it had fired rockets": who speaks of itself as "it", "they" or "we" did it."""
    if reporter is None or verbal or any(a.role == "initiator" for a in actors):
        return actors
    from app.pipeline.actors import subject_of

    subj = subject_of(pred)
    if subj is None or subj.lower_ not in SELF_PRONOUNS | PERSON_SELF_PRONOUNS:
        return actors
    # A person says "I" or "we" of their own side, never "it"; "they" in a witness's words are
    # others ("They attacked our village," said a teacher). A state or group says "it", "they", "we".
    speakers = [a for a in actors if a.role == "speaker"
                and subj.lower_ in (PERSON_SELF_PRONOUNS if a.kind == "person" else SELF_PRONOUNS)]
    return actors + tuple(replace(a, role="initiator") for a in speakers)


def _reference_point(head) -> bool:
    """A place named only to locate another ("14 km north of Maiduguri") is not where it happened."""
    cur = head
    for _ in range(3):
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        if prep.lower_ not in ("of", "from"):
            return False
        holder = prep.head
        if holder.lower_ in DISTANCE_WORDS or holder.lemma_.lower() in DISTANCE_WORDS:
            return True
        cur = holder
    return False


def _definite_event_noun(tok, lex) -> bool:
    """ "the strike", "this attack", "Friday's bombing": a happening named as already known."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in lex.noun_types:
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss" for c in tok.children)


def _object_of_a_reaction(noun, lex) -> bool:
    """The noun is what a speech act is about: "condemned the attack", "described Israel's strikes"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return lemma in lex.reporting_verbs or lemma in lex.verb_types and lex.types[lex.verb_types[lemma]].verbal


# What a gun fires: "the shot", "the bullet" that hit someone are of a shooting already told.
PROJECTILE_NOUNS = frozenset({"shot", "bullet", "fusillade", "volley", "bomb", "explosive", "device", "grenade"})
# Verbs that say a happening went on: "heavy fighting continued in the capital" is the fighting told.
CONTINUING_VERBS = frozenset({"continue", "rage", "persist", "resume"})


# Words that rank a happening among others of its kind: "the first", "the latest", "the worst".
RANKING_WORDS = frozenset({"first", "second", "third", "latest", "last", "worst", "biggest", "largest",
                           "deadliest", "bloodiest", "heaviest", "fiercest", "most"})


# Prepositions that place a happening in time by another one: what they name is the reference
# point, not the happening the clause tells.
REFERENCE_POINT_PREPS = frozenset({"after", "before", "since", "following", "until", "till"})


def _refers_back(doc: Doc, ev: DetectedEvent, lex) -> bool:
    """The sentence speaks of a happening already reported: its trigger is a definite event noun
    ("The attack happened at ..."), its verb describes one ("the raid that destroyed ..."), or the
    subject of its verb is one or "it" ("The strike killed three", "It killed 30")."""
    trig, pred = doc[ev.trigger], doc[ev.predicate]
    if _counted_after_the_first(trig):
        return False  # counted after the one told, not it
    if _definite_event_noun(trig, lex) and (ev.trigger != ev.predicate or _object_of_a_reaction(trig, lex)):
        return True  # (a noun alone too when a reaction names it: "described Israel's overnight
        # attacks as ...", its date checked against the happening's like any other)
    dates = [t for t in trig.children if t.ent_type_ in ("DATE", "TIME") and t.dep_ in ("compound", "nmod", "amod", "nummod")]
    if ev.trigger == ev.predicate and any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                          for w in (trig, *dates) for c in w.children) \
            and trig.lemma_.lower() in lex.noun_types and dates:
        # (the parser may hang "the" on the hour: "the 5 p.m. shooting")
        # "The July 1 incident marks the biggest onslaught yet", "a suspect in the 5 p.m. shooting":
        # named by its day or hour, as known ("Friday's attacks", a possessive, may tell that day's own)
        return True
    if ev.trigger == ev.predicate and trig.dep_ == "nsubj" and trig.head.lemma_.lower() == "be" \
            and _definite_event_noun(trig, lex) and any(
                c.dep_ == "attr" and any(m.tag_ == "JJS" or m.ent_type_ == "ORDINAL" or m.lower_ in RANKING_WORDS
                                         for m in c.children if m.dep_ == "amod")
                for c in trig.head.children):
        # "Wednesday's ambush was the first confrontation since ...": the known one, ranked ("Friday's
        # attacks were not as severe as ...", compared, may be that day's own)
        return True
    if trig.dep_ == "attr" and trig.head.lemma_.lower() == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in trig.head.children):
        return True  # "It was the second attack in Egypt this week": what was just told, ranked
    if pred.dep_ == "relcl" and _definite_event_noun(pred.head, lex):
        return True  # "the raid that destroyed the depot": the clause describes the known raid
    if ev.trigger != ev.predicate and trig.dep_ == "nsubj" and trig.head.i == pred.i \
            and pred.lemma_.lower() in CONTINUING_VERBS and trig.lemma_.lower() in lex.noun_types:
        return True  # "Heavy fighting continued in the capital": the fighting already told goes on
    for child in pred.children:
        if child.dep_ == "prep" and child.lower_ in REFERENCE_POINT_PREPS:
            continue  # "30 minutes after the Edgware Road blast, a bomb tore ...": when, not which
        if child.dep_ in ("nsubj", "nsubjpass", "pobj", "agent") or child.dep_ == "prep":
            heads = [child] if child.dep_ != "prep" and child.dep_ != "agent" else [
                g for g in child.children if g.dep_ == "pobj"]
            for h in heads:
                if _definite_event_noun(h, lex):
                    return True
                # "the shot hit him in the neck", "the bullet struck his chest": the known shooting's
                # ("the fatal shots were fired by a man about 30": the known shooting, its doer told)
                if child.dep_ in ("nsubj", "nsubjpass", "agent", "prep") and h.lemma_.lower() in PROJECTILE_NOUNS \
                        and not lex.types[ev.type].verbal and any(
                            c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in h.children):
                    return True
                # "It killed 30": "it" is a happening only as what takes a toll, never in reported
                # speech ("the group said it had fired": "it" is the group)
                if child.dep_ == "nsubj" and h.lower_ == "it" and ev.type == "casualties" and ev.reporter is None:
                    return True
        # "repelled the assault", "foiled the attack": an act done to a happening already told (a
        # speech act's object is what it is about, and says nothing of who spoke before)
        if child.dep_ == "dobj" and not lex.types[ev.type].verbal and _definite_event_noun(child, lex):
            return True
    return False


# Nouns of a whole war: a toll "in" one is the war's, summed up.
WHOLE_WARS = frozenset({"war", "conflict", "insurgency", "uprising", "rebellion", "revolution"})


# Words that make a plural event noun many happenings told as one ("other attacks", "coordinated raids").
SEVERAL_HAPPENINGS = frozenset({"other", "several", "many", "numerous", "repeated", "simultaneous", "coordinated",
                                "co-ordinated", "multiple", "separate", "parallel"})


def _aggregate(doc: Doc, ev: DetectedEvent, lex) -> bool:
    """A clause that sums up many happenings: "raided three times", "repeatedly attacked",
    "a wave of attacks", "there have been other attacks"."""
    pred, trig = doc[ev.predicate], doc[ev.trigger]
    objects = [g for c in pred.children if c.dep_ == "dobj" for g in c.children]
    for tok in list(pred.children) + list(trig.children) + objects:
        if tok.lower_ in lex.aggregate_words or tok.lemma_.lower() in lex.aggregate_words:
            return True
        if tok.dep_ in ("npadvmod", "advmod") and any(g.lower_ in ("times", "often") for g in tok.subtree):
            return True
    if trig.tag_ == "NNS" and any(c.dep_ == "expl" for c in pred.children) \
            and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in pred.children):
        return True  # "there have been attacks in ...": several, summed up ("there were clashes on
        # Friday" is that day's)
    clause = [pred, *(c for c in pred.children if c.dep_ == "conj")]  # "killed and 100,000 made homeless in ..."
    if ev.type == "casualties" and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in WHOLE_WARS for g in c.children)
            for verb in clause for c in verb.children):
        return True  # "3,000 people have been killed in the yearlong war": the war's toll, not a day's
    if trig.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in SEVERAL_HAPPENINGS for c in trig.children):
        return True  # ("launched simultaneous attacks in X and Y": several, told as a whole)
    return _across_places(pred) or (trig.i != pred.i and _across_places(trig))


# Words for the whole of a land, after "across" or "throughout" ("across the country").
WHOLE_LANDS = frozenset({"country", "nation", "region", "province", "state", "island", "land", "continent"})


def _across_places(head) -> bool:
    """Whether a clause tells its act over a stretch of places, so many happenings told as one:
    "took to the streets from Havana to Santiago", "marched across the country", "protests
    nationwide". What is then told of one place is a happening of its own, not this one."""
    words = [t for t in head.subtree if _in_the_clause_of(t, head)]
    places = {t.i for t in words if t.dep_ == "pobj" and t.ent_type_ in ("GPE", "LOC", "FAC")}
    for t in words:
        if t.dep_ == "prep" and t.lower_ == "from" and any(g.i in places for g in t.children):
            # (the parser hangs "to Santiago" on the verb or on "Havana"'s phrase alike)
            if any(u.dep_ == "prep" and u.lower_ == "to" and 0 < u.i - t.i <= 6 and any(g.i in places for g in u.children)
                   for u in words):
                return True
        if t.dep_ == "prep" and t.lower_ in ("across", "throughout") and t.head.i == head.i \
                and any(g.dep_ == "pobj" and g.lemma_.lower() in WHOLE_LANDS for g in t.children):
            return True
    return any(c.lower_ == "nationwide" and c.dep_ in ("advmod", "amod", "npadvmod") for c in head.children)


def _in_the_clause_of(token, head) -> bool:
    """Whether `token` belongs to `head`'s own clause, no other verb between them."""
    while token.i != head.i:
        token = token.head
        if token.i != head.i and token.pos_ in ("VERB", "AUX"):
            return False
        if token.head is token:
            return token.i == head.i
    return True


# Verbs (and their particles) of beating an assault off.
REPULSE_VERBS = frozenset({"repel", "repulse", "rebuff"})
REPULSE_PHRASALS = frozenset({("push", "back"), ("beat", "back"), ("drive", "back"), ("drive", "off"),
                              ("fight", "off"), ("fend", "off"), ("hold", "off"), ("force", "back")})


def _repels_those_told(pred) -> bool:
    """ "Government forces managed to push them back": the defenders beat off attackers already
    named ("them"): the defence is part of the same fighting, not a happening of its own."""
    for verb in (pred, *(c for c in pred.children if c.dep_ == "xcomp")):  # ("managed to push them back")
        lemma = verb.lemma_.lower()
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        if (lemma in REPULSE_VERBS or any((lemma, p) in REPULSE_PHRASALS for p in particles)) and any(
                c.dep_ == "dobj" and c.lower_ in ("them", "it") for c in verb.children):
            return True
    return False


def _seized_a_place(pred, mentions: list[Mention], lex) -> bool:
    """A verb of seizing whose object the place finder knows as a place (the gazetteer's town the
    tagger called a person): ground taken, not a person arrested."""
    if pred.lemma_.lower() not in lex.seizure_verbs:
        return False
    objects = [c for c in pred.children if c.dep_ == "dobj"]
    return any(m.is_place and m.first <= obj.i <= m.last for obj in objects for m in mentions)


# Verbs that lay a happening at someone's door, and the prepositions that name the happening.
BLAMING_VERBS = frozenset({"blame", "attribute", "accuse"})
BLAMED_FOR_PREPS = frozenset({"for", "of"})


def _blames_what_was_told(pred, lex) -> bool:
    """ "Authorities have blamed the killing on an armed group", "each side blamed the other for the
    clashes", "accused the rebels of starting the fighting": who is blamed for a happening already
    told is that happening's claim and counter-claim (the codebook keeps both in its one event), not
    a new one. Blame for something not told before ("accused the army of shelling a village") stays
    an accusation of its own."""
    if pred.lemma_.lower() not in BLAMING_VERBS:
        return False
    kinetic = {t for t, k in lex.happening_kinds.items() if k == "kinetic"}

    def names_the_told(noun) -> bool:
        return _definite_event_noun(noun, lex) and lex.noun_types.get(noun.lemma_.lower()) in kinetic

    blamed = [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")]
    for prep in (c for c in pred.children if c.dep_ == "prep" and c.lower_ in BLAMED_FOR_PREPS):
        for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            blamed.append(obj)
            if obj.tag_ == "VBG":  # "of starting the clashes": what the deed was done to
                blamed.extend(c for c in obj.children if c.dep_ == "dobj")
    return any(names_the_told(noun) for noun in blamed)


def _speaks_of_violence(doc: Doc, ev: DetectedEvent, lex) -> bool:
    """What a bare "X said ..." reports speaks of violence: its dead, its weapons, its damage."""
    from app.pipeline.actors import subject_of

    pred = doc[ev.predicate]
    if _confirms_what_was_told(pred, lex):
        return True
    speaker = subject_of(pred)
    said_by = {t.i for t in speaker.subtree} if speaker is not None else set()
    content = [t for t in pred.sent if t.i != pred.i and t.i not in said_by]
    # What names a happening of its own ("following attacks near the town", "routed the rebels")
    # is not an account of one already reported.
    kinetic = {t for t, k in lex.happening_kinds.items() if k == "kinetic"}
    if any(lex.noun_types.get(t.lemma_.lower()) in kinetic and t.lemma_.lower() not in lex.violence_words
           and not _definite_event_noun(t, lex) for t in content):
        return False  # ("claimed the attack", "the strike" are the known happening, named again)
    return any(t.lemma_.lower() in lex.violence_words or t.lower_ in lex.violence_words
               or _the_known_violence(t, lex, kinetic) for t in content)


# Nouns of a war as a whole or of its violence at large: "tired of this war" speaks of no one happening.
WHOLE_WAR_NOUNS = WHOLE_WARS | frozenset({"violence", "crisis", "hostilities", "fighting", "revolt", "insurrection"})


def _the_known_violence(noun, lex, kinetic) -> bool:
    """ "reported details of the battles": a happening of violence named with "the", as one
    already told (not the war as a whole)."""
    lemma = noun.lemma_.lower()
    return lex.noun_types.get(lemma) in kinetic and lemma not in WHOLE_WAR_NOUNS and noun.lower_ not in WHOLE_WAR_NOUNS \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


CONFIRMING_VERBS = frozenset({"confirm", "corroborate", "verify"})
# What a confirmation confirms when it names the news, not a happening: "confirmed these reports".
NEWS_NOUNS = frozenset({"report", "account", "claim", "news", "information", "detail"})


def _confirms_what_was_told(pred, lex) -> bool:
    """ "Two officials confirmed these reports", "a diplomat confirmed it": a later confirmation of
    what was just reported is a mention of it (the codebook's capture and its confirmation), never
    a reaction of its own."""
    if pred.lemma_.lower() not in CONFIRMING_VERBS:
        return False
    for obj in (c for c in pred.children if c.dep_ == "dobj"):
        if obj.lower_ in ("it", "this", "that"):
            return True
        if obj.lemma_.lower() in NEWS_NOUNS | frozenset(lex.noun_types) and any(
                c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in obj.children):
            return True
    return False


def _question(span) -> bool:
    """A direct question outside quotation marks reports nothing."""
    text = span.text.rstrip()
    return text.endswith("?") and not any(ch in text for ch in "“”\"")


def _closes_quote_first(text: str) -> bool:
    """The sentence's first curly quote closes one: it continues a quotation begun earlier. A
    closing mark set at the sentence's very start, close before its first word ("”It's sabotage,”
    the minister said"), is an opening mark of the wrong shape, as some papers set them."""
    stripped = text.lstrip()
    if stripped[:1] == "”" and stripped[1:2].isalnum():
        return False
    for ch in text:
        if ch == "“":
            return False
        if ch == "”":
            return True
    return False


# What situations "threaten to" do, where parties threaten to strike, kill or retaliate.
RISK_VERBS = frozenset({"undermine", "derail", "destabilize", "destabilise", "plunge", "spill", "unravel",
                        "overshadow", "jeopardize", "jeopardise", "complicate", "worsen", "reverse", "erode",
                        "engulf", "overwhelm", "deepen", "widen", "drag", "tip", "upend", "disrupt"})


def _risk_not_threat(pred) -> bool:
    """ "It threatens to undermine stability", "the crisis threatened to spill over": what may
    follow from a situation, told with "threaten", is no threat made by a party."""
    return pred.lemma_.lower() == "threaten" and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in RISK_VERBS for c in pred.children)


def _inanimate_subject(pred, mention_tokens: frozenset[int], lex=None) -> bool:
    """A speech act needs a speaker: "such action, which threatens thousands" is not a threat.
    A subject naming an actor ("Armenia's foreign ministry") or a person noun counts as one; an act
    of violence never does, whoever it befell ("Verwoerd's death promises no changes")."""
    from app.pipeline.actors import subject_of

    subj = subject_of(pred)
    if subj is None or subj.pos_ != "NOUN" or subj.lemma_.lower() in SPEAKER_NOUNS | OFFICIAL_NOUNS | SOURCE_NOUNS:
        return False
    happening = lex.noun_types.get(subj.lemma_.lower()) if lex is not None else None
    if happening is not None and lex.types[happening].family == "violence":
        return True  # (a summit or a delegation may declare; an attack or a death says nothing)
    if _said_in_public(pred):
        return False  # a thing says nothing on the radio: "Rawlings said on Ghana Radio", a name the tagger missed
    if any(t.lower_.endswith(("ist", "ists")) and len(t.lower_) > 5 for t in (*subj.subtree, *(
            c for c in pred.children if c.dep_ == "nsubj"))):
        # followers of a cause or a party: "Communists declared", "the neo-fascists demanded" (whose
        # hyphen the parser may split into three subjects)
        return False
    return not any(t.i in mention_tokens for t in subj.subtree)


def _continues_statement(span, actors, date, recent_speakers, pred) -> bool:
    """A bare "X said" quote that only continues what X was already reported saying."""
    if date.method != "inherited":
        return False  # "Blinken said in a statement Tuesday": a statement of its own
    if _said_in_public(pred) or quoted_as_saying(pred) is not None:
        # "told a news conference", "said on the radio", "the agency quoted him as saying": a
        # statement of its own, passed on to the public
        return False
    speakers = {a.key for a in actors if a.role == "speaker"}
    subj_is_pronoun = any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in pred.children)
    if subj_is_pronoun:
        return True  # "he said": the speaker was introduced, and quoted, before
    if not speakers:
        from app.pipeline.actors import subject_of

        subj = subject_of(pred)
        if subj is not None and _introduced_in_full(subj):
            return False  # "Mr John Ramo, the new commissioner, said": a speaker introduced, not one going on
        return subj is None or subj.lemma_.lower() not in SPEAKER_NOUNS | OFFICIAL_NOUNS
    earlier = set().union(*recent_speakers) if recent_speakers else set()
    has_quote = any(ch in "“”\"" for ch in span.text)
    return has_quote and bool(speakers & earlier)


def _introduced_in_full(subj) -> bool:
    """A name given whole, first name and surname or a title before it ("Mr John Ramo", "Dr.
    Tamba"): how a report introduces a speaker; once introduced, the surname alone goes on."""
    return subj.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < subj.i for c in subj.children)


def _trigger_text(doc: Doc, ev: DetectedEvent) -> tuple[str, int, int]:
    trig, pred = doc[ev.trigger], doc[ev.predicate]
    # "took the offensive", "began a blockade": the support verb and its noun, when close
    if trig.i != pred.i and 0 < trig.i - pred.i <= 3:
        return doc[pred.i : trig.i + 1].text, pred.idx, trig.idx + len(trig.text)
    return trig.text, trig.idx, trig.idx + len(trig.text)


def _title(doc, ev: DetectedEvent, relative_dates: frozenset[int], actors, lex,
           pronoun_person: str | None = None) -> str:
    """A headline from the clause that reports the event (headline.py). What a party claims,
    denies, threatens or plans keeps who said it; what a source merely reports does not.
    `pronoun_person`: the one person a "he" or "she" subject can stand for, when the event names
    no doer of its own."""
    pred, trig = doc[ev.predicate], doc[ev.trigger]
    doer = next((a for a in actors if a.role == "initiator"), None)
    said_only = doer is None and ev.reporter is not None and _foreign_pronoun(pred, actors)
    if doer is None and not said_only:
        doer = next((a for a in actors if a.role == "speaker"), None)
    acting = doer.name if doer is not None else None
    if acting is None and ev.reporter is None and not ev.reported_statement:
        acting = pronoun_person
    plural = doer is not None and _plural_name(doer)
    verbs = lex.event_verbs
    # "set fire to the offices and attacked a police station": the other attack has its own headline
    apart = frozenset(c.i for c in pred.children if c.dep_ == "conj" and ev.type in AIMED_TYPES
                      and aims_apart(pred, c, lex))
    if said_only and not ev.reported_statement:
        # "'They attacked our village,' said a teacher": whoever "they" are, not the teacher; the
        # headline keeps who said it rather than open on a pronoun or name the wrong doer
        return _enough(headline(pred, trig, relative_dates, None, said_by=doc[ev.reporter], event_verbs=verbs))
    if ev.reported_statement:
        content = _said(pred, lex)
        if content is not None and lex.reporting_verbs & {content.lemma_.lower()}:
            pred, content = content, _said(content, lex)  # "TV reported that X said ...": X's words
        if content is not None:
            speaker = next((a.name for a in actors if a.role == "speaker"), None)
            text = headline(content, content, relative_dates, acting, said_by=pred, event_verbs=verbs,
                            speaker_name=speaker)
        else:
            text = headline(pred, trig, relative_dates, acting, event_verbs=verbs, subject_plural=plural)
    elif ev.reporter is not None and ev.modality in ("claimed", "denied", "threatened", "planned"):
        text = headline(pred, trig, relative_dates, acting, said_by=doc[ev.reporter], event_verbs=verbs)
    elif ev.modality == "threatened" and ev.threat_verb is not None and pred.dep_ == "xcomp" \
            and pred.head.i == ev.threat_verb:
        # "Hamas threatened to fire rockets": the threat is the headline, never "Hamas to fire rockets"
        text = headline(pred, trig, relative_dates, acting, said_by=doc[ev.threat_verb], event_verbs=verbs)
    else:
        text = headline(pred, trig, relative_dates, acting, event_verbs=verbs, subject_plural=plural,
                        told_apart=apart)
        if ev.reporter is not None and text.split(" ", 1)[0].lower() in BARE_PRONOUNS:
            # "It hit us": nobody the pronoun stands for is known; who said it makes it readable
            text = headline(pred, trig, relative_dates, None, said_by=doc[ev.reporter], event_verbs=verbs)
    return _enough(text)


BARE_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})


def _pronoun_person(pred, mentions, previous_people: Mapping[str, str]) -> str | None:
    """Whom a "he" or "she" subject stands for: the one person named earlier in the sentence, or
    else the one the sentence before named ("Hafez al-Assad faced a revolt in 1982. He sent troops
    into Hama."). Two people there, or none, and it stays unknown: a wrong name is worse than a
    pronoun."""
    from app.pipeline.actors import subject_of

    subject = subject_of(pred)
    if subject is None or subject.lower_ not in ("he", "she"):
        return None
    earlier = {m.entry.key: m.entry.name for m in mentions if m.entry.kind == "person" and m.last < subject.i}
    people = earlier or previous_people
    return next(iter(people.values())) if len(people) == 1 else None


def _enough(title: str) -> str:
    return title if len(title.split()) >= 2 else ""


def _foreign_pronoun(pred, actors) -> bool:
    """The clause's subject is a pronoun its speaker cannot be: a person is "I" or "we", a state or
    a group "it", "they" or "we"; "he" and "they" in a witness's quote are other people."""
    from app.pipeline.actors import subject_of

    subj = subject_of(pred)
    speaker = next((a for a in actors if a.role == "speaker"), None)
    if subj is None or subj.pos_ != "PRON" or speaker is None:
        return False
    own = PERSON_SELF_PRONOUNS if speaker.kind == "person" else SELF_PRONOUNS
    return subj.lower_ in SELF_PRONOUNS | PERSON_SELF_PRONOUNS | {"he", "she"} and subj.lower_ not in own


def _plural_name(actor) -> bool:
    """Whether a name takes a plural verb: a generic band ("rebels", "gunmen", "security forces");
    a person, a state or an organisation takes a singular one ("Russia was", "Hamas was")."""
    last = actor.name.split()[-1].lower() if actor.name.split() else ""
    return actor.generic and (last.endswith("s") or last.endswith("men") or last in ("police", "people"))


def _said(verb, lex):
    """What a reporting verb reports: its complement clause, or the quotation the sentence opens
    with ("“We will retake the town,” the commander said")."""
    content = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if content is not None:
        return content
    root = verb.sent.root
    if root.i != verb.i and root.pos_ in ("VERB", "AUX") and root.i < verb.i \
            and not (verb.dep_ == "conj" and verb.head.i == root.i and _has_own_complement(verb)):
        # (a verb coordinated with the root that has a complement of its own says that: in "an
        # activist credited with the revolt warned against delay", the warning is not about the
        # crediting; "..., lilac, royal officials said on Tuesday" still reports what went before)
        return root
    return next((c for c in verb.children if c.dep_ == "parataxis" and c.pos_ in ("VERB", "AUX")), None)


def _has_own_complement(verb) -> bool:
    """The verb has an object, a clause or a phrase that is not a date ("warned against delay",
    not "said on Tuesday")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "ccomp", "xcomp", "dative"):
            return True
        if child.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")
                                        for g in child.children):
            return True
    return False


def _event_title(span, ev: DetectedEvent, n_events: int) -> str:
    """A headline-style description: the event's own clause when the sentence reports several."""
    doc = span.doc
    text = span.text
    pred = doc[ev.predicate]
    if pred.dep_ in ("relcl", "acl") and ev.trigger != ev.predicate or pred.dep_ == "relcl":
        # "... the Court that issued an arrest warrant for Putin in March": the noun and its clause
        own = [t.i for t in pred.head.subtree]
        text = _join_tokens(doc, own)
    elif n_events > 1 or pred.dep_ not in ("ROOT",):
        skip: set[int] = set()
        for c in pred.children:
            if c.dep_ in ("conj",) and c.pos_ in ("VERB", "AUX"):
                skip.update(t.i for t in c.subtree)
            if c.dep_ == "cc":
                skip.add(c.i)
        subj_tokens = []
        if pred.dep_ == "conj":
            from app.pipeline.actors import subject_of
            subj = subject_of(pred)
            if subj is not None:
                subj_tokens = [t.i for t in subj.subtree]
        own = sorted(set(subj_tokens) | {t.i for t in pred.subtree if t.i not in skip})
        while own and doc[own[0]].dep_ in ("mark", "cc", "punct", "preconj"):
            own = own[1:]  # "(said ..., and) that insurgents had launched an attack": no "that" in front
        if len(own) >= 4:
            text = _join_tokens(doc, own)
    title = clean.shorten_to_headline(text.strip().strip("“”\"").strip(), TITLE_WORDS).rstrip(",;: …")
    return finish_headline(title)


def _join_tokens(doc, indices: list[int]) -> str:
    """The text of possibly non-adjacent tokens, with a space wherever a gap would glue words."""
    parts = []
    for position, i in enumerate(indices):
        token = doc[i]
        parts.append(token.text)
        following = indices[position + 1] if position + 1 < len(indices) else None
        if following is None:
            break
        if following == i + 1:
            parts.append(token.whitespace_)
        elif not doc[following].is_punct:
            parts.append(" ")
    return "".join(parts)
