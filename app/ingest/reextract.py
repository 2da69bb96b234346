"""Re-extraction: run the (improved) extractor again over every stored article and reconcile
(`timeline reextract`; what reconciling keeps and changes is app/services/articles.py's
`reconcile_article`).

Extraction runs outside any transaction; each article is reconciled in a write transaction of its
own, so an interrupted run leaves every article either done or untouched, and can simply be run
again. An article deleted or replaced while it was being extracted is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from app.config import Settings
from app.db import session_scope, write_transaction
from app.ingest.steps import Steps
from app.models import Article
from app.services.articles import ReextractReport, current_articles, stored_input


def reextract_all(settings: Settings, steps: Steps, *,
                  on_article: Callable[[str], None] | None = None) -> ReextractReport:
    """Re-extract every current article (not deleted, not replaced), oldest ingestion first."""
    url = settings.database_url
    total = ReextractReport()
    with session_scope(url) as session:
        article_ids = current_articles(session)
    for article_id in article_ids:
        with session_scope(url) as session:
            item = stored_input(session.get(Article, article_id))
        extraction = steps.extract(item)

        def reconcile(session) -> ReextractReport | None:
            article = session.get(Article, article_id)
            if article is None or article.deleted_at is not None or article.replaced_by is not None:
                return None  # deleted or replaced while we were extracting
            return steps.reconcile(session, article, extraction)

        report = write_transaction(url, reconcile)
        if report is None:
            continue
        total.add(report)
        total.articles += 1
        if on_article:
            on_article(article_id)
    return total
