"""An editor's "checked, nothing to change": the event is marked reviewed, as an edit would mark
it, with an entry in its public history."""

from __future__ import annotations

from sqlmodel import Session

from app.models import utcnow
from app.services.curation import audit, load_event, one_transaction


@one_transaction
def mark_reviewed(session: Session, username: str, event_id: str) -> bool:
    """Mark the event reviewed (committed); False if it already was (nothing recorded)."""
    event = load_event(session, event_id)
    if event.reviewed:
        return False
    event.reviewed = True
    event.updated_at = utcnow()
    audit(session, username, "event.checked", "event", event.id, {"reviewed": False}, {"reviewed": True})
    return True
