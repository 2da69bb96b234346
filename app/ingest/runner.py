"""Ingesting articles: deduplicate, extract, store, one transaction per article.

An article is stored with all its events or not at all: extraction runs before the transaction
opens, and any error inside it rolls the whole article back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import select

from app import ids
from app.config import Settings
from app.db import refresh_statistics, session_scope
from app.ingest.nlp import load_nlp, load_resources
from app.ingest.sources import ArticleInput, Refusal
from app.models import Article
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


def type_families() -> dict[str, str]:
    """Event type -> its family in the taxonomy, for the merge decision."""
    return {key: entry.family for key, entry in load_resources().events.types.items()}


def extract(article_input: ArticleInput, settings: Settings):
    from app.pipeline.extract import extract_article

    return extract_article(
        article_input.text,
        article_input.published,
        load_nlp(settings.spacy_model),
        load_resources(),
        title=article_input.title,
    )


def extract_batch(inputs: list[ArticleInput], settings: Settings):
    """Extractions of several articles in order, parsed together by spaCy's `nlp.pipe`."""
    from app.pipeline.extract import extract_many

    items = [(i.text, i.published, i.title) for i in inputs]
    return list(extract_many(items, load_nlp(settings.spacy_model), load_resources()))


def _skipped(article_input: ArticleInput, article_id: str) -> Outcome:
    return Outcome(article_input.origin, "skipped", article_id, "the same text is already stored")


def store(article_input: ArticleInput, extraction, settings: Settings) -> Outcome:
    """Store one extracted article in its own transaction (all of it, or nothing)."""
    text_hash = ids.content_hash(article_input.text)
    with session_scope(settings.database_url) as session:
        # Checked inside the transaction: another process may have stored it meanwhile.
        existing = find_article_by_hash(session, text_hash)
        if existing is not None:
            return _skipped(article_input, existing.id)
        stored: StoredArticle = store_article(session, article_input, extraction, type_families())
    return Outcome(
        article_input.origin,
        "added",
        stored.article_id,
        events_created=stored.events_created,
        events_joined=stored.events_joined,
    )


def ingest_one(article_input: ArticleInput, settings: Settings) -> Outcome:
    with session_scope(settings.database_url) as session:
        existing = find_article_by_hash(session, ids.content_hash(article_input.text))
    if existing is not None:
        return _skipped(article_input, existing.id)
    return store(article_input, extract(article_input, settings), settings)


def ingest_all(
    items: Iterable[ArticleInput | Refusal], settings: Settings, batch_size: int = 16
) -> Iterator[Outcome]:
    """Outcomes in input order. Articles are extracted in batches (spaCy is much faster over
    many texts at once) and each is stored in a transaction of its own."""
    batch: list[ArticleInput | Refusal] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _ingest_batch(batch, settings)
            batch = []
    if batch:
        yield from _ingest_batch(batch, settings)
    refresh_statistics(settings.database_url)


def _ingest_batch(batch: list[ArticleInput | Refusal], settings: Settings) -> Iterator[Outcome]:
    inputs = [item for item in batch if isinstance(item, ArticleInput)]
    with session_scope(settings.database_url) as session:
        stored_ids = {
            article.content_hash: article.id
            for article in session.execute(
                select(Article).where(Article.content_hash.in_([ids.content_hash(i.text) for i in inputs]))
            ).scalars()
        } if inputs else {}
    to_extract = [i for i in inputs if ids.content_hash(i.text) not in stored_ids]
    extractions = dict(zip(map(id, to_extract), extract_batch(to_extract, settings))) if to_extract else {}
    for item in batch:
        if isinstance(item, Refusal):
            yield Outcome(item.origin, "refused", reason=item.reason)
        elif id(item) in extractions:
            yield store(item, extractions[id(item)], settings)
        else:
            yield _skipped(item, stored_ids[ids.content_hash(item.text)])
