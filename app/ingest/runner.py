"""Ingesting articles: deduplicate, extract, store, one transaction per article.

An article is stored with all its events or not at all: extraction runs before the transaction
opens, and any error inside it rolls the whole article back. Several `timeline ingest` processes
(and workers) may run at once: each article is stored in a write transaction of its own
(app/db/transactions.py), which waits for the others and is retried if it loses a race.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from app import ids
from app.config import Settings
from app.db import refresh_statistics, session_scope, write_transaction
from app.ingest.sources import Refusal
from app.ingest.steps import Steps
from app.pipeline.types import ArticleExtraction, ArticleInput
from app.services.articles import find_by_text, stored_articles


@dataclass
class Outcome:
    """What happened to one input: added, skipped (already there) or refused (why)."""

    origin: str
    status: str  # added, skipped, refused
    article_id: str | None = None
    reason: str = ""
    events_created: list[str] = field(default_factory=list)
    events_joined: list[str] = field(default_factory=list)


def _skipped(article_input: ArticleInput, article_id: str) -> Outcome:
    return Outcome(article_input.origin, "skipped", article_id, "the same text is already stored")


def store(article_input: ArticleInput, extraction: ArticleExtraction, settings: Settings, steps: Steps) -> Outcome:
    """Store one extracted article in its own transaction (all of it, or nothing)."""

    def work(session) -> Outcome:
        # Checked inside the transaction: another process may have stored it meanwhile.
        existing = find_by_text(session, article_input.text)
        if existing is not None:
            return _skipped(article_input, existing)
        stored = steps.add(session, article_input, extraction)
        return Outcome(article_input.origin, "added", stored.article_id,
                       events_created=stored.events_created, events_joined=stored.events_joined)

    return write_transaction(settings.database_url, work)


def ingest_all(items: Iterable[ArticleInput | Refusal], settings: Settings, steps: Steps,
               batch_size: int = 16) -> Iterator[Outcome]:
    """Outcomes in input order. Articles are extracted in batches (spaCy is much faster over
    many texts at once) and each is stored in a transaction of its own."""
    batch: list[ArticleInput | Refusal] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _ingest_batch(batch, settings, steps)
            batch = []
    if batch:
        yield from _ingest_batch(batch, settings, steps)
    refresh_statistics(settings.database_url)


def _ingest_batch(batch: list[ArticleInput | Refusal], settings: Settings, steps: Steps) -> Iterator[Outcome]:
    inputs = [item for item in batch if isinstance(item, ArticleInput)]
    with session_scope(settings.database_url) as session:
        stored_ids = stored_articles(session, [i.text for i in inputs])
    to_extract = [i for i in inputs if ids.content_hash(i.text) not in stored_ids]
    extractions = dict(zip(map(id, to_extract), steps.extract_all(to_extract))) if to_extract else {}
    for item in batch:
        if isinstance(item, Refusal):
            yield Outcome(item.origin, "refused", reason=item.reason)
        elif id(item) in extractions:
            yield store(item, extractions[id(item)], settings, steps)
        else:
            yield _skipped(item, stored_ids[ids.content_hash(item.text)])
