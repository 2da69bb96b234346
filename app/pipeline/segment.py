"""Sentences of the main text, from a spaCy Doc parsed over the furniture-masked text.

The parser's sentence boundaries are kept but also cut at line breaks: a bullet, a paragraph or a
heading never runs into the next line, whatever the parser thought. Sentence spans are trimmed of
whitespace and list bullets so that offsets point at the first and last visible character.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from app.pipeline.types import Sentence

BULLET_CHARS = frozenset("•·▪►‣◦*-–—")


@dataclass(frozen=True)
class ParsedSentence:
    """A Sentence together with the spaCy span it was cut from (stages need both)."""

    sentence: Sentence
    span: Span


def _in_body(start: int, body: tuple[tuple[int, int], ...], cursor: list[int]) -> bool:
    """Whether offset `start` lies in a body span; `cursor` makes a left-to-right scan linear."""
    i = cursor[0]
    while i < len(body) and body[i][1] <= start:
        i += 1
    cursor[0] = i
    return i < len(body) and body[i][0] <= start


# Words after which no sentence starts: the Arabic article and the particles inside a name. The
# parser sometimes cuts "Zine El | Abidine Ben Ali fled", leaving two halves of one name.
NAME_PARTICLES = frozenset({"El", "Al", "Abu", "Abou", "Bin", "Ibn", "Abdel", "Abdul", "Abd"})


def _sentences(doc: Doc) -> list[Span]:
    """The parser's sentences, with a cut right after a name particle undone."""
    out: list[Span] = []
    for sent in doc.sents:
        if out and not doc[sent.start - 1].whitespace_.count("\n") and doc[sent.start - 1].text in NAME_PARTICLES \
                and sent[0].text[:1].isupper():
            out[-1] = doc[out[-1].start: sent.end]
        else:
            out.append(sent)
    return out


def split_sentences(doc: Doc, text: str, body: tuple[tuple[int, int], ...]) -> list[ParsedSentence]:
    """Body sentences in text order, indexed from 0, with offsets into `text`."""
    out: list[ParsedSentence] = []
    cursor = [0]
    for sent in _sentences(doc):
        run_start: int | None = None  # token index where the current piece began
        last = None
        for tok in sent:
            breaks_line = tok.is_space and "\n" in tok.text
            if breaks_line or not (tok.is_space or _in_body(tok.idx, body, cursor)):
                if run_start is not None:
                    _emit(doc, text, run_start, last + 1, out)
                run_start, last = None, None
                continue
            if tok.is_space:
                continue
            if run_start is None:
                if tok.text in BULLET_CHARS:
                    continue
                run_start = tok.i
            last = tok.i
        if run_start is not None:
            _emit(doc, text, run_start, last + 1, out)
    return out


def _emit(doc: Doc, text: str, start_tok: int, end_tok: int, out: list[ParsedSentence]) -> None:
    span = doc[start_tok:end_tok]
    if not any(t.is_alpha for t in span):
        return
    start, end = span.start_char, span.end_char
    out.append(ParsedSentence(Sentence(len(out), start, end, text[start:end]), span))
