"""Ingesting articles: deduplicate, extract, store, one transaction per article.

An article is stored with all its events or not at all: extraction runs before the transaction
opens, and any error inside it rolls the whole article back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from app import ids
from app.config import Settings
from app.db import session_scope
from app.ingest.nlp import load_nlp, load_resources
from app.ingest.sources import ArticleInput, Refusal
from app.services.ingestion import StoredArticle, find_article_by_hash, store_article


@dataclass
class Outcome:
    """What happened to one input: added, skipped (already there) or refused (why)."""

    origin: str
    status: str  # added, skipped, refused
    article_id: str | None = None
    reason: str = ""
    events_created: list[str] = field(default_factory=list)
    events_joined: list[str] = field(default_factory=list)


def extract(article_input: ArticleInput, settings: Settings):
    from app.pipeline.extract import extract_article

    return extract_article(
        article_input.text,
        article_input.published,
        load_nlp(settings.spacy_model),
        load_resources(),
        title=article_input.title,
    )


def ingest_one(article_input: ArticleInput, settings: Settings) -> Outcome:
    text_hash = ids.content_hash(article_input.text)
    with session_scope(settings.database_url) as session:
        existing = find_article_by_hash(session, text_hash)
    if existing is not None:
        return Outcome(
            article_input.origin, "skipped", existing.id, "the same text is already stored"
        )
    extraction = extract(article_input, settings)
    with session_scope(settings.database_url) as session:
        # Checked again inside the transaction: another process may have stored it meanwhile.
        existing = find_article_by_hash(session, text_hash)
        if existing is not None:
            return Outcome(
                article_input.origin, "skipped", existing.id, "the same text is already stored"
            )
        stored: StoredArticle = store_article(session, article_input, extraction)
    return Outcome(
        article_input.origin,
        "added",
        stored.article_id,
        events_created=stored.events_created,
        events_joined=stored.events_joined,
    )


def ingest_all(
    items: Iterable[ArticleInput | Refusal], settings: Settings
) -> Iterator[Outcome]:
    for item in items:
        if isinstance(item, Refusal):
            yield Outcome(item.origin, "refused", reason=item.reason)
            continue
        yield ingest_one(item, settings)
