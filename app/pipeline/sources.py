"""Who reports, as opposed to who acts: datelines, bylines, journalists and news organisations.

A report names its sources in a few fixed shapes of news writing, and what stands in them is never
an actor of the events reported:
  * a dateline opening a story: "TRIPOLI (Reuters) -", "CAIRO, Egypt (CNN) --",
    "LONDON Aug 24 (Reuters) -", "BEIRUT | Mon Mar 7, 2011 6:02pm EST";
  * a byline or credit: "By Jane Roe", "Reporting by Jane Roe; Editing by John Doe",
    "Jane Roe contributed to this report";
  * "Jane Roe reports from Kabul", "Jane Roe reports on the talks";
  * a journalist named with the job: "BBC correspondent Jane Roe", "Jane Roe, our correspondent",
    "the BBC's Jane Roe", "CNN's Jane Roe", "Jane Roe reports from Kabul".
Pure functions over a parsed sentence; the word lists come from resources/actors.toml
([rules] journalist_nouns, media_words).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

DASHES = frozenset({"-", "--", "—", "–", "|"})
MONTH_ABBREV = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?$")
BYLINE_LEADS = frozenset({"by", "reporting", "writing", "editing", "compiled", "additional"})
REPORT_VERBS = frozenset({"report", "reports", "reported", "reporting"})


def dateline_tokens(span: Span, is_media: Callable[[Token], bool]) -> set[int]:
    """Token indices of a dateline at the start of the sentence (empty when there is none).

    The shape: at most eight tokens of upper-case place words, a comma and title-case words (the
    country), dates and times, then "(AGENCY)" and/or a dash or bar. A place in capitals followed
    by a dash alone ("GAZA CITY -") also counts, as does any capitals-only run before "(AGENCY)"."""
    toks = [t for t in span if not t.is_space]
    if not toks:
        return set()
    first = toks[0]
    if not (first.text.isupper() and len(first.text) >= 3 and first.text.isalpha()):
        return set()
    limit = min(len(toks), 14)
    i = 0
    saw_caps = False
    while i < limit:
        t = toks[i]
        if t.text.isupper() and t.text.replace(".", "").replace("'", "").isalpha():
            saw_caps = True
        elif t.text == "," or t.text[:1].isupper() and t.is_alpha or t.like_num or MONTH_ABBREV.match(t.text) \
                or t.text.lower() in ("am", "pm", "a.m.", "p.m.", "est", "edt", "gmt", "bst", ":"):
            pass
        else:
            break
        i += 1
    if not saw_caps or i >= len(toks):
        return set()
    end = None
    t = toks[i]
    if t.text == "(" and i + 2 < len(toks):
        j = i + 1
        while j < len(toks) and toks[j].text != ")" and j - i <= 5:
            j += 1
        if j < len(toks) and toks[j].text == ")" and any(is_media(x) for x in toks[i + 1:j]):
            end = j
            if j + 1 < len(toks) and toks[j + 1].text in DASHES:
                end = j + 1
    elif t.text in DASHES and all(x.text.isupper() or x.text == "," or not x.is_alpha for x in toks[:i]):
        end = i
    if end is None:
        return set()
    return set(range(toks[0].i, toks[end].i + 1))


def is_journalist(tok: Token, journalist_nouns: frozenset[str], is_media: Callable[[Token], bool]) -> bool:
    """Whether the person whose name ends (or is headed) at `tok` is named as a reporter here."""
    doc = tok.doc
    # "BBC correspondent Jane Roe": the job noun as a compound/appositive of the name, or the name
    # as an appositive of the job noun ("our correspondent, Jane Roe")
    for c in tok.children:
        if c.lower_ in journalist_nouns or (c.dep_ == "poss" and is_media(c)):
            return True
        if c.dep_ == "appos" and (c.lower_ in journalist_nouns or any(g.lower_ in journalist_nouns for g in c.children)):
            return True
    if tok.dep_ == "appos" and tok.head.lower_ in journalist_nouns:
        return True
    if tok.dep_ in ("compound", "nmod") and tok.head.lower_ in journalist_nouns:
        return True
    # a job noun right before the name in the same noun phrase, even when the parse differs
    start = tok.i
    while start > 0 and doc[start - 1].ent_iob_ == "I" or start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    before = [doc[k] for k in range(max(0, start - 3), start)]
    if before and before[-1].lower_ in journalist_nouns:
        return True
    if len(before) >= 2 and before[-1].text in ("'s", "’s") and is_media(before[-2]):
        return True  # "CNN's Jane Roe"
    # "By Jane Roe", "Reporting by Jane Roe", "Editing by ..."
    if before and before[-1].lower_ == "by":
        lead = before[-1]
        if lead.i == 0 or doc[lead.i - 1].is_sent_start is True and lead.is_sent_start or lead.is_sent_start \
                or (lead.i > 0 and doc[lead.i - 1].lower_ in BYLINE_LEADS) or (lead.i > 0 and doc[lead.i - 1].text in ("(", ";")):
            return True
    # "Jane Roe reports from Kabul", "Jane Roe, reporting from ...", "... contributed to this report"
    after = [doc[k] for k in range(tok.i + 1, min(len(doc), tok.i + 4))]
    words = [a.lower_ for a in after if a.text != ","]
    if len(words) >= 2 and words[0] in REPORT_VERBS and words[1] in ("from", "in", "on"):
        return True
    if words[:1] == ["contributed"] or words[:2] == ["contributed", "to"]:
        return True
    # an appositive after the name: "Jane Roe, the BBC's Middle East editor"
    for c in tok.children:
        if c.dep_ == "appos":
            if c.lower_ in journalist_nouns:
                return True
    return False
