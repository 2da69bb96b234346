"""Questions about the audit log: an event's public change history, the admin audit page, and
what a deleted event was drawn from.

Audit entries are written by app/services/curation.py (and re-extraction, replacement); each
holds the changed values before and after. This module only reads them and turns them into
display-ready entries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from app.labels import moment_label
from app.permalinks import article_path, event_path, sentence_path
from app.models import Article, AuditEntry
from app.queries.views import AuditPage, Change, GoneDetails, GoneSource, HistoryEntry

# What each action reads as, on the event page and in the audit log.
ACTION_LABELS = {
    "event.edit": "Edited by an editor",
    "event.checked": "Checked by an editor: nothing to change",
    "event.hide": "Hidden from the timeline",
    "event.unhide": "Shown on the timeline again",
    "event.merge": "Another event was merged into this one",
    "event.merged_into": "Merged into another event",
    "event.split": "A report was split off into its own event",
    "event.split_from": "Split off from another event",
    "event.deleted": "Deleted",
    "event.restored": "Restored",
    "event.reextract": "Updated by a new run of the extractor",
    "article.delete": "Article deleted",
    "article.replace": "Article replaced by a corrected version",
    "admin.create": "Admin account created or reset",
}
FIELD_LABELS = {
    "reviewed": "Reviewed", "title": "Title", "date_start": "Starts", "date_end": "Ends", "precision": "Precision", "type": "Type",
    "actors": "Actors", "status": "Status", "modality": "Modality", "summary": "Summary",
    "event": "Event", "mentions": "Reports", "reason": "Reason", "survivor": "Kept", "other": "Merged away",
    "new_event": "New event", "from_event": "From event", "replaced_by": "Replaced by", "articles": "Articles",
}
# Keys kept for the record (sources of deleted events) but not shown as changes.
HIDDEN_KEYS = frozenset({"sources", "note"})
AUDIT_PAGE_SIZE = 50












def shown(value: Any) -> str:
    """An audit value in words: lists joined, nothing as an em dash."""
    if value is None or value == "" or value == []:
        return "\u2014"
    if isinstance(value, list):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def entry_view(entry: AuditEntry) -> HistoryEntry:
    before, after = entry.before or {}, entry.after or {}
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in HIDDEN_KEYS]
    changes = tuple(
        Change(k, FIELD_LABELS.get(k, k.replace("_", " ").capitalize()), shown(before.get(k)), shown(after.get(k)))
        for k in keys
        if before.get(k) != after.get(k)
    )
    path = None
    if entry.object_type == "event":
        path = event_path(entry.object_id)
    elif entry.object_type == "article":
        path = article_path(entry.object_id)
    return HistoryEntry(
        id=entry.id or 0,
        at=entry.at,
        at_label=moment_label(entry.at),
        username=entry.username,
        action=entry.action,
        label=ACTION_LABELS.get(entry.action, entry.action),
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_path=path,
        note=after.get("note") or before.get("note"),
        changes=changes,
    )


def event_history(session: Session, event_id: str, *, public_only: bool = True, limit: int = 100) -> list[HistoryEntry]:
    """The event's change history, oldest first (an event page shows the public entries)."""
    query = select(AuditEntry).where(AuditEntry.object_type == "event", AuditEntry.object_id == event_id)
    if public_only:
        query = query.where(AuditEntry.public.is_(True))
    rows = session.execute(query.order_by(AuditEntry.at, AuditEntry.id).limit(limit)).scalars().all()
    return [entry_view(row) for row in rows]


def audit_page(session: Session, page: int = 1, *, object_id: str | None = None,
               size: int = AUDIT_PAGE_SIZE) -> AuditPage:
    """The whole audit log, newest first, `size` entries a page."""
    clauses = []
    if object_id:
        clauses.append(AuditEntry.object_id == object_id)
    total = session.execute(select(func.count()).select_from(AuditEntry).where(*clauses)).scalar_one()
    pages = max(1, -(-total // size))
    page = min(max(page, 1), pages)
    rows = session.execute(
        select(AuditEntry).where(*clauses).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * size).limit(size)
    ).scalars().all()
    return AuditPage(tuple(entry_view(row) for row in rows), page, pages, total)


def gone_details(session: Session, event_id: str) -> GoneDetails:
    """Why and when an event was deleted, and the sources recorded at that moment."""
    entry = session.execute(
        select(AuditEntry)
        .where(AuditEntry.object_type == "event", AuditEntry.object_id == event_id,
               AuditEntry.action == "event.deleted")
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).scalars().first()
    if entry is None:
        return GoneDetails(None, None, ())
    recorded = (entry.before or {}).get("sources") or []
    article_ids = {s.get("article_id") for s in recorded}
    live = set(session.execute(
        select(Article.id).where(Article.id.in_(article_ids), Article.deleted_at.is_(None))
    ).scalars()) if article_ids else set()
    sources = []
    for s in recorded:
        index = s.get("sentence_index")
        path = None
        if s.get("article_id") in live and isinstance(index, int):
            path = sentence_path(s["article_id"], index)
        sources.append(GoneSource(
            article_id=s.get("article_id", ""),
            article_title=s.get("article_title") or "Untitled article",
            publisher=s.get("publisher"),
            published=dt.date.fromisoformat(s["published"]) if s.get("published") else dt.date.min,
            sentence=s.get("sentence", ""),
            path=path,
            source_url=s.get("source_url"),
        ))
    return GoneDetails((entry.after or {}).get("reason"), entry.at, tuple(sources))
