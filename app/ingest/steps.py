"""The two steps of ingesting an article, named once and handed to whatever runs them.

Extracting (the pure pipeline, with the spaCy model) runs outside any transaction; storing (one
of the article services) runs inside one. `Steps` carries both, so the runners in this package
(`ingest_all`, the job worker, `reextract_all`) are given what to do rather than reaching for it:
`pipeline_steps(settings)` is the real pipeline, and a test or a benchmark passes its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from app.config import Settings
from app.ingest.nlp import load_nlp, load_resources
from app.models import Article
from app.pipeline.types import ArticleExtraction, ArticleInput
from app.services.articles import (
    ReextractReport, Replaced, StoredArticle, add_article, rebuild_events, reconcile_article, replace_article,
)
from app.services.collections import MovedArticle, move_article

Extract = Callable[[ArticleInput], ArticleExtraction]
ExtractMany = Callable[[Sequence[ArticleInput]], list[ArticleExtraction]]
# (session, the article, its extraction, collection=the id of its collection or None for the default)
Add = Callable[..., StoredArticle]
# (session, username, id of the article replaced, the new version, its extraction, a note for the audit log)
Replace = Callable[[Session, str, str, ArticleInput, ArticleExtraction, str], Replaced]
Reconcile = Callable[[Session, Article, ArticleExtraction], ReextractReport]
# (session, username, the id of the article moved, the slug of its new collection, its extraction, a note)
Move = Callable[[Session, str, str, str, ArticleExtraction, str], MovedArticle]
Rebuild = Callable[[Session, Sequence[tuple[Article, ArticleExtraction]]], ReextractReport]


def _replace(session: Session, username: str, old_id: str, article_input: ArticleInput,
             extraction: ArticleExtraction, note: str) -> Replaced:
    return replace_article(session, username, old_id, article_input, extraction, note=note)


def _reconcile(session: Session, article: Article, extraction: ArticleExtraction) -> ReextractReport:
    return reconcile_article(session, article, extraction)


def _move(session: Session, username: str, article_id: str, collection: str, extraction: ArticleExtraction,
          note: str) -> MovedArticle:
    return move_article(session, username, article_id, collection, extraction, note=note)


@dataclass(frozen=True)
class Steps:
    extract: Extract
    # Several articles at once (spaCy is much faster over many texts); one by one when not given.
    extract_many: ExtractMany | None = None
    add: Add = add_article
    replace: Replace = _replace
    reconcile: Reconcile = _reconcile
    move: Move = _move
    rebuild: Rebuild = rebuild_events

    def extract_all(self, inputs: Sequence[ArticleInput]) -> list[ArticleExtraction]:
        if self.extract_many is not None:
            return list(self.extract_many(inputs))
        return [self.extract(item) for item in inputs]

    def but(self, **changes) -> "Steps":
        """The same steps with some replaced: `steps.but(extract=other)`."""
        if "extract" in changes and "extract_many" not in changes:
            changes["extract_many"] = None  # a batch of the old extractor would bypass the new one
        return dataclasses.replace(self, **changes)


def extract(article_input: ArticleInput, settings: Settings) -> ArticleExtraction:
    """The pipeline over one article (the model is loaded once per process, on first use)."""
    from app.pipeline.extract import extract_article

    return extract_article(
        article_input.text,
        article_input.published,
        load_nlp(settings.spacy_model),
        load_resources(),
        title=article_input.title,
        publisher=article_input.publisher,
    )


def extract_batch(inputs: Sequence[ArticleInput], settings: Settings) -> list[ArticleExtraction]:
    """Extractions of several articles in order, parsed together by spaCy's `nlp.pipe`."""
    from app.pipeline.extract import extract_many

    items = [(i.text, i.published, i.title, i.publisher) for i in inputs]
    return list(extract_many(items, load_nlp(settings.spacy_model), load_resources()))


def pipeline_steps(settings: Settings) -> Steps:
    """The real pipeline and the article services."""
    return Steps(extract=lambda item: extract(item, settings),
                 extract_many=lambda items: extract_batch(items, settings))
