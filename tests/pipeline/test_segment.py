"""Sentence spans from a parsed Doc (no model: the sentence starts are set by hand)."""

from __future__ import annotations

import pytest
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


def _starts_set_before_parsing(text: str) -> dict[str, bool | None]:
    from app.pipeline.extract import line_bounded_doc

    doc = line_bounded_doc(spacy.blank("en"), text)
    return {tok.text: tok.is_sent_start for tok in doc if not tok.is_space}


def test_no_sentence_may_start_at_a_bracketed_insertion_or_a_lower_case_word_in_mid_clause():
    starts = _starts_set_before_parsing('"They hit the depot overnight [Sunday] and we fled," he said')
    assert starts["["] is False and starts["and"] is False and starts["fled"] is False
    # After a full stop, or at a capital with no full stop (a dateline), the parser still decides.
    starts = _starts_set_before_parsing("Troops left. then nothing KABUL (AP) Rebels came")
    assert starts["then"] is None and starts["Rebels"] is None
    # A line break is always a sentence start.
    assert _starts_set_before_parsing("Troops left\nthe town")["the"] is True


@pytest.mark.nlp
def test_a_quote_with_an_editors_insertion_is_one_sentence_and_its_date_dates_the_report(extract):
    # The small parser cut this quotation at "[Sunday]", leaving "many families fled" and the
    # speaker in a second sentence.
    ex = extract('“The rebels shelled the northern districts overnight [Sunday] and many families fled,” '
                 "a local official told Reuters.")
    assert len(ex.sentences) == 1
    assert {e.date.interval.start.isoformat() for e in ex.events} == {"2023-09-17"}
    assert "statement" not in {e.type for e in ex.events}
