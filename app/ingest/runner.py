"""Ingesting articles: deduplicate, extract, store, one transaction per article.

An article is stored with all its events or not at all: extraction runs before the transaction
opens, and any error inside it rolls the whole article back. Several `timeline ingest` processes
(and workers) may run at once: each article is stored in a write transaction of its own
(app/db/transactions.py), which waits for the others and is retried if it loses a race.

Each article goes into one collection: the run's (`collection`, from `--collection`), else the
one its source names (a JSON Lines record's `collection`: a `Placed` item), else the default
collection. A collection that does not exist refuses the article, naming the ones there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from app import ids
from app.config import Settings
from app.db import refresh_statistics, session_scope, write_transaction
from app.errors import UserError
from app.ingest.sources import Placed, Refusal
from app.ingest.steps import Steps
from app.pipeline.types import ArticleExtraction, ArticleInput
from app.services.articles import find_by_text, stored_articles
from app.services.collections import resolve


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


def store(article_input: ArticleInput, extraction: ArticleExtraction, settings: Settings, steps: Steps,
          collection: str | None = None) -> Outcome:
    """Store one extracted article in its own transaction (all of it, or nothing), in the
    collection with this slug (the default collection when None)."""

    def work(session) -> Outcome:
        # Checked inside the transaction: another process may have stored it meanwhile.
        existing = find_by_text(session, article_input.text)
        if existing is not None:
            return _skipped(article_input, existing)
        try:
            target = resolve(session, collection).id if collection else None
        except UserError as error:  # deleted meanwhile
            return Outcome(article_input.origin, "refused", reason=error.message)
        stored = steps.add(session, article_input, extraction, collection=target)
        return Outcome(article_input.origin, "added", stored.article_id,
                       events_created=stored.events_created, events_joined=stored.events_joined)

    return write_transaction(settings.database_url, work)


def ingest_all(items: Iterable[ArticleInput | Placed | Refusal], settings: Settings, steps: Steps,
               batch_size: int = 16, *, collection: str | None = None) -> Iterator[Outcome]:
    """Outcomes in input order. Articles are extracted in batches (spaCy is much faster over
    many texts at once) and each is stored in a transaction of its own. `collection`: the slug
    of the collection every article goes into (else as placed, else the default one)."""
    batch: list[Placed | Refusal] = []
    for item in items:
        if isinstance(item, ArticleInput):
            item = Placed(item, collection) if collection else Placed(item, "")
        elif isinstance(item, Placed) and collection:
            item = Placed(item.article, collection)
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _ingest_batch(batch, settings, steps)
            batch = []
    if batch:
        yield from _ingest_batch(batch, settings, steps)
    refresh_statistics(settings.database_url)


def _ingest_batch(batch: list[Placed | Refusal], settings: Settings, steps: Steps) -> Iterator[Outcome]:
    placed = [item for item in batch if isinstance(item, Placed)]
    with session_scope(settings.database_url) as session:
        stored_ids = stored_articles(session, [item.article.text for item in placed])
        unknown: dict[str, str] = {}
        for slug in {item.collection for item in placed if item.collection}:
            try:
                resolve(session, slug)
            except UserError as error:
                unknown[slug] = error.message
    to_extract = [item.article for item in placed if ids.content_hash(item.article.text) not in stored_ids
                  and item.collection not in unknown]
    extractions = dict(zip(map(id, to_extract), steps.extract_all(to_extract))) if to_extract else {}
    for item in batch:
        if isinstance(item, Refusal):
            yield Outcome(item.origin, "refused", reason=item.reason)
        elif item.collection in unknown:
            yield Outcome(item.article.origin, "refused", reason=f"{item.article.origin}: {unknown[item.collection]}")
        elif id(item.article) in extractions:
            yield store(item.article, extractions[id(item.article)], settings, steps, item.collection or None)
        else:
            yield _skipped(item.article, stored_ids[ids.content_hash(item.article.text)])
