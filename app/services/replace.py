"""Replacing an article by a corrected version from the same address (same URL, new text).

The new text is a new article (its id comes from its own text), and the old one is marked
`replaced_by` it. Events keep their ids: every sentence of the new version that the old version
also had (same text, same position among that sentence's events) takes over the old mention's
event; new sentences join or create events as in ingestion (a corrected sentence usually joins the
event its earlier wording reported, which so keeps its id too); old sentences the correction dropped
stop being sources, and an event left without any becomes "deleted" (410, sources on record).
One call is one transaction's worth of work, in the caller's session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from app import ids
from app.errors import DuplicateArticle, NotFound
from app.ingest.sources import ArticleInput
from app.models import Article, Mention, utcnow
from app.pipeline.types import ArticleExtraction
from app.services.curation import audit, load_event, retire_mentions
from app.services.ingestion import refresh_sources_count
from app.services.reextract import ReextractReport, attach, event_for_new_key, new_mention, refresh_event

DROPPED = "the corrected version of its source article no longer reports it"


@dataclass
class Replaced:
    old_article_id: str
    new_article_id: str
    events_kept: list[str] = field(default_factory=list)  # re-pointed to the new version
    events_created: list[str] = field(default_factory=list)
    events_updated: list[str] = field(default_factory=list)  # the old version's, joined by a corrected sentence
    events_joined: list[str] = field(default_factory=list)  # other stored events new sentences joined
    events_deleted: list[str] = field(default_factory=list)
    events_dropped: list[str] = field(default_factory=list)  # no longer reported here, other sources left


def _sentence(text: str) -> str:
    return " ".join(text.split())


def replace_article(session: Session, username: str, old_id: str, article_input: ArticleInput,
                    extraction: ArticleExtraction, families: dict[str, str] | None = None,
                    note: str | None = None) -> Replaced:
    """Replace article `old_id` by `article_input`; `note` is added to the audit entry (say, the job)."""
    old = session.get(Article, old_id)
    if old is None or old.deleted_at is not None:
        raise NotFound(f"there is no article with the id \u201c{old_id}\u201d")
    if old.replaced_by:
        raise DuplicateArticle(f"article {old.id} was already replaced by {old.replaced_by}", old.replaced_by)
    text_hash = ids.content_hash(article_input.text)
    same = session.execute(select(Article).where(Article.content_hash == text_hash)).scalars().first()
    if same is not None:
        raise DuplicateArticle("This text is already stored.", same.id)
    if families is None:
        from app.ingest.runner import type_families

        families = type_families()
    new = Article(
        id=ids.article_id(text_hash), content_hash=text_hash,
        title=article_input.title or extraction.title, title_derived=not article_input.title,
        publisher=article_input.publisher or old.publisher, url=article_input.url or old.url,
        published=article_input.published, text=article_input.text, source_format=article_input.source_format,
        sentence_spans=[[s.start, s.end] for s in extraction.sentences],
        body_spans=[list(span) for span in extraction.body],
    )
    session.add(new)
    session.flush()
    result = Replaced(old.id, new.id)
    # The old mentions of each sentence, in the order the extractor found them (their ordinals).
    waiting: dict[str, list[Mention]] = defaultdict(list)
    for mention in session.execute(
        select(Mention).where(Mention.article_id == old.id).order_by(Mention.start, Mention.id)
    ).scalars():
        waiting[_sentence(mention.sentence)].append(mention)
    report = ReextractReport()
    touched: set[str] = set()
    for candidate in extraction.events:
        key = ids.mention_key(text_hash, candidate.sentence.start, candidate.ordinal)
        queue = waiting.get(_sentence(candidate.sentence.text))
        if queue:
            previous = queue.pop(0)
            event = load_event(session, previous.event_id)
            founded = previous.key == event.id
            session.delete(previous)
            session.flush()
            if founded:
                refresh_event(session, event, candidate)
            if event.id not in result.events_kept:
                result.events_kept.append(event.id)
        else:
            event = event_for_new_key(session, key, candidate, report, families)
            if event.id not in report.events_created and event.id not in result.events_joined:
                result.events_joined.append(event.id)
        session.add(new_mention(event, new, candidate, key))
        if "actors" not in (event.manual_fields or ()):
            attach(session, event, candidate)
        touched.add(event.id)
        session.flush()
    result.events_created = list(report.events_created)
    dropped = [m for queue in waiting.values() for m in queue]
    dropped_events = list(dict.fromkeys(m.event_id for m in dropped))
    result.events_deleted, _ = retire_mentions(session, username, dropped, DROPPED)
    result.events_dropped = [e for e in dropped_events if e not in touched and e not in result.events_deleted]
    joined = [e for e in result.events_joined if e not in result.events_kept]
    result.events_updated = [e for e in joined if e in dropped_events]
    result.events_joined = [e for e in joined if e not in dropped_events]
    for event_id in touched - set(result.events_deleted):
        refresh_sources_count(session, event_id)
        load_event(session, event_id).updated_at = utcnow()
    old.replaced_by = new.id
    summary = (f"{len(result.events_kept) + len(result.events_updated)} events kept their ids, "
               f"{len(result.events_created)} new, {len(result.events_deleted)} deleted")
    audit(session, username, "article.replace", "article", old.id, {"replaced_by": None},
          {"replaced_by": new.id, "note": f"{summary}; {note}" if note else summary})
    return result
