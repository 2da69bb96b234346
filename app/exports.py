"""Exports of a filtered timeline. JSON is the API's Event shape; CSV has one row per event."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import TextIO

from sqlmodel import Session

from app.errors import UserError
from app.queries.events import list_events
from app.queries.filters import EventFilters, MAX_LIMIT, decode_cursor
from app.queries.views import EventView

CSV_COLUMNS = [
    "event_id", "event_date", "date_end", "precision", "event_type", "modality",
    "actor1", "actor2", "location", "title", "sources_count", "source_scale", "notes", "url",
]


def all_events(session: Session, filters: EventFilters, base_url: str) -> Iterator[EventView]:
    """Every event the filters select, page by page (memory stays flat on large exports)."""
    page_filters = replace(filters, limit=MAX_LIMIT, cursor=None)
    while True:
        page = list_events(session, page_filters, base_url)
        yield from page.items
        if not page.next_cursor:
            return
        page_filters = replace(page_filters, cursor=decode_cursor(page.next_cursor))


def write_export(session: Session, filters: EventFilters, fmt: str, base_url: str, out: TextIO) -> None:
    events = all_events(session, filters, base_url)
    if fmt == "json":
        json.dump({"events": [e.to_json() for e in events]}, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        write_csv(events, out)
    else:
        raise UserError(f"the {fmt} export is not available yet; use json or csv")


def write_csv(events, out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        initiators = [a.name for a in event.actors if a.role in ("initiator", "speaker")]
        targets = [a.name for a in event.actors if a.role == "target"]
        writer.writerow([
            event.id, event.date_start.isoformat(), event.date_end.isoformat(), event.precision,
            event.type, event.modality, "; ".join(initiators), "; ".join(targets),
            "; ".join(loc.name for loc in event.locations), event.title, event.sources_count,
            "; ".join(sorted({m.publisher or "unnamed" for m in event.mentions})),
            event.summary, event.url,
        ])
