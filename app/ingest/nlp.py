"""Loading the NLP model and the extraction resources: once per ingestion process, never in the web
process (the pages and the API only read what ingestion stored)."""

from __future__ import annotations

import functools

from app.errors import UserError


@functools.cache
def load_nlp(model_name: str):
    import spacy

    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        raise UserError(
            f"the spaCy model {model_name!r} is not installed; run `make install` "
            f"or set TIMELINE_SPACY_MODEL to an installed model ({error.__class__.__name__})"
        ) from None
    _split_typed_dashes(nlp)
    return nlp


def _split_typed_dashes(nlp) -> None:
    """Infixes the model's rules miss. A dash typed as two hyphens between a word and a number ("guns--753 and 1053--opened up"),
    as wire copy and old typescripts set it, is a dash of its own: the model's rules split it only
    between two letters, and a word glued to a number loses its verb to the parser."""
    from spacy.util import compile_infix_regex

    # A closing quotation mark glued to the next sentence's first word ('... by people here."The
    # government declared ...'), as copies that lost a space set it, is a mark of its own: the
    # model's rules keep '"The' as one word, and the sentence that follows loses its subject.
    infixes = [r"(?<=[0-9A-Za-z])--+(?=[0-9A-Za-z])", r"(?<=[.!?])[\"”](?=[A-Z])",
               *nlp.Defaults.infixes]  # (first: the model's own rules would take the first hyphen of
    # "1053--opened" as a minus)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@functools.cache
def load_resources():
    from app.pipeline.extract import load_resources as load

    return load()
