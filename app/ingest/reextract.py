"""Re-extraction: run the (improved) extractor again over every stored article and make their
events again (`timeline reextract`; what is kept and what changes is app/services/articles.py's
`rebuild_events`).

The whole run is one write transaction: readers keep seeing the old timeline until it commits, and
an interrupted run changes nothing. Extraction happens inside it (a batch at a time, so memory stays
flat), which holds the write lock for the run: other writers wait, as they would for any bulk
change. An article deleted or replaced meanwhile cannot be, since the lock is held from the start.
"""

from __future__ import annotations

from collections.abc import Callable

from app.config import Settings
from app.db import write_transaction
from app.ingest.steps import Steps
from app.models import Article
from app.services.articles import ReextractReport, current_articles, stored_input
from app.services.collections import resolve

BATCH = 32


def reextract_all(settings: Settings, steps: Steps, *, collection: str | None = None,
                  on_article: Callable[[str], None] | None = None) -> ReextractReport:
    """Re-extract every current article (not deleted, not replaced), oldest ingestion first, and
    rebuild their events and merges, each collection's from its own articles; with `collection`
    (a slug; unknown: UnknownCollection naming the known ones), that collection's only."""

    def run(session) -> ReextractReport:
        within = None if collection is None else resolve(session, collection).id
        article_ids = current_articles(session, within)
        extracted: list[tuple[Article, object]] = []
        for start in range(0, len(article_ids), BATCH):
            articles = [session.get(Article, article_id) for article_id in article_ids[start:start + BATCH]]
            extractions = steps.extract_all([stored_input(article) for article in articles])
            extracted.extend(zip(articles, extractions))
            if on_article:
                for article in articles:
                    on_article(article.id)
        return steps.rebuild(session, extracted)

    return write_transaction(settings.database_url, run)
