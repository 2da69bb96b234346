"""A dry run of ingestion: what events an article would give, shown on the upload's preview page
before anything is stored.

It runs as an ingestion job marked `dry_run` (app/services/jobs.py; so the NLP model stays in the worker, or the web
process's single inline thread, as for any upload): the job extracts, keeps this summary in its
payload, and stores nothing. Whether each event would join one already stored is decided only
when the article is really added.
"""

from __future__ import annotations

from typing import Any

from app.labels import date_label
from app.pipeline.types import ArticleExtraction
from app.taxonomy import type_label

MAX_EVENTS = 200


def summary(extraction: ArticleExtraction) -> list[dict[str, Any]]:
    """One entry per happening the article reports: what the stored event would say."""
    if extraction.happenings:
        found = [(h.profile, len(h.members)) for h in extraction.happenings]
    else:
        found = [(candidate, 1) for candidate in extraction.events]
    result = []
    for candidate, sentences in found[:MAX_EVENTS]:
        interval = candidate.date.interval
        result.append({
            "title": candidate.title,
            "type": candidate.type,
            "type_label": type_label(candidate.type),
            "date_label": date_label(interval.start, interval.end, interval.precision, interval.open_end),
            "modality": candidate.modality,
            "actors": sorted({a.name for a in candidate.actors}),
            "places": sorted({p.name for p in candidate.places}),
            "sentence": candidate.sentence.text,
            "sentences": sentences,
        })
    return result
