"""Loading the NLP model and the extraction resources: once per ingestion process, never in the web
process (the pages and the API only read what ingestion stored)."""

from __future__ import annotations

import functools

from app.errors import UserError


@functools.cache
def load_nlp(model_name: str):
    import spacy

    try:
        return spacy.load(model_name)
    except OSError as error:
        raise UserError(
            f"the spaCy model {model_name!r} is not installed; run `make install` "
            f"or set TIMELINE_SPACY_MODEL to an installed model ({error.__class__.__name__})"
        ) from None


@functools.cache
def load_resources():
    from app.pipeline.extract import load_resources as load

    return load()
