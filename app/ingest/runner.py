"""Ingesting articles: deduplicate, extract, store, one transaction per article.

An article is stored with all its events or not at all: extraction runs before the transaction
opens, and any error inside it rolls the whole article back. Several `timeline ingest` processes
(and workers) may run at once: each article is stored in a write transaction of its own
(app/db/transactions.py), which waits for the others and is retried if it loses a race.

Each article goes into one collection: the run's (`collection`, from `--collection`), else the
one its source names (a JSON Lines record's `collection`: a `Placed` item), else the default
collection. A collection that does not exist refuses the article, naming the ones there are.

An article whose extraction or storing fails with an error of the program (not of its input) is
reported as failed, nothing of it stored, and the run goes on with the next one: one article that
trips a bug must not cost a batch of a thousand the articles after it.
"""

from __future__ import annotations

import logging
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

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What happened to one input: added, skipped (already there) or refused (why)."""

    origin: str
    status: str  # added, skipped, refused (its input's fault), failed (the program's)
    article_id: str | None = None
    reason: str = ""
    events_created: list[str] = field(default_factory=list)
    events_joined: list[str] = field(default_factory=list)


def _skipped(article_input: ArticleInput, article_id: str) -> Outcome:
    return Outcome(article_input.origin, "skipped", article_id, "the same text is already stored")


def _failed(article_input: ArticleInput, step: str, error: Exception) -> Outcome:
    """An article the program could not handle: said in words, the traceback in the log."""
    log.error("%s of %s failed", step, article_input.origin, exc_info=error)
    return Outcome(article_input.origin, "failed",
                   reason=f"{step} failed ({type(error).__name__}: {error}); nothing of this article "
                          "was stored, the other articles go on (the traceback is in the log)")


def _store_or_fail(article_input: ArticleInput, extraction: ArticleExtraction, settings: Settings,
                   steps: Steps, collection: str) -> Outcome:
    try:
        return store(article_input, extraction, settings, steps, collection or None)
    except UserError as error:
        return Outcome(article_input.origin, "refused", reason=f"{article_input.origin}: {error.message}")
    except Exception as error:  # noqa: BLE001 - its transaction rolled back; the run goes on
        return _failed(article_input, "storing", error)


def _extract_each(inputs: list[ArticleInput], steps: Steps) -> dict[int, ArticleExtraction | Outcome]:
    """Each article's extraction, by `id` of its input. The batch is tried first (spaCy is much
    faster over many texts at once); when it raises, every article is extracted alone so that
    only the one that raises fails."""
    try:
        return dict(zip(map(id, inputs), steps.extract_all(inputs), strict=True))
    except Exception as error:  # noqa: BLE001 - whichever article raised is found below, alone
        if len(inputs) == 1:
            return {id(inputs[0]): _failed(inputs[0], "extraction", error)}
        log.warning("a batch of %d articles failed to extract; extracting them one by one", len(inputs))
    results: dict[int, ArticleExtraction | Outcome] = {}
    for article in inputs:
        try:
            results[id(article)] = steps.extract(article)
        except Exception as error:  # noqa: BLE001 - reported as this article's failure
            results[id(article)] = _failed(article, "extraction", error)
    return results


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
    extractions = _extract_each(to_extract, steps) if to_extract else {}
    for item in batch:
        if isinstance(item, Refusal):
            yield Outcome(item.origin, "refused", reason=item.reason)
        elif item.collection in unknown:
            yield Outcome(item.article.origin, "refused", reason=f"{item.article.origin}: {unknown[item.collection]}")
        elif isinstance(extractions.get(id(item.article)), Outcome):
            yield extractions[id(item.article)]
        elif id(item.article) in extractions:
            yield _store_or_fail(item.article, extractions[id(item.article)], settings, steps, item.collection)
        else:
            yield _skipped(item.article, stored_ids[ids.content_hash(item.article.text)])
