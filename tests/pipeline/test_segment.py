"""Sentence spans from a parsed Doc (no model: the sentence starts are set by hand)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from app.pipeline.segment import split_sentences


def _doc(words: list[str], starts: list[int]) -> tuple[Doc, str]:
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * (len(words) - 1) + [False],
              sent_starts=[i in starts for i in range(len(words))])
    return doc, doc.text


def test_no_sentence_starts_inside_a_name_after_its_particle():
    # The parser cut after "El": one sentence, one name.
    doc, text = _doc("Crowds marched against Nour El Amine Ben Salah today .".split(), starts=[0, 5])
    sentences = split_sentences(doc, text, ((0, len(text)),))
    assert [s.sentence.text for s in sentences] == [text]


def test_a_sentence_after_a_full_stop_still_starts():
    doc, text = _doc("Crowds marched on Monday . Police fired tear gas .".split(), starts=[0, 5])
    sentences = split_sentences(doc, text, ((0, len(text)),))
    assert [s.sentence.text for s in sentences] == ["Crowds marched on Monday .", "Police fired tear gas ."]
