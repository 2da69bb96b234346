"""The event-type taxonomy as the web process sees it: keys and labels, read from the same data
file the extractor uses (no model needed)."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

TAXONOMY_FILE = Path(__file__).parent / "pipeline" / "resources" / "event_types.toml"


@functools.cache
def event_types() -> dict[str, dict]:
    """Type key -> its entry (label, description, acled, plover, ...), in the file's order."""
    if not TAXONOMY_FILE.exists():
        return {}
    data = tomllib.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    table = data.get("types", data)
    if isinstance(table, list):
        return {entry["key"]: entry for entry in table}
    return {key: value for key, value in table.items() if isinstance(value, dict)}


def type_label(key: str) -> str:
    entry = event_types().get(key, {})
    return entry.get("label") or key.replace("_", " ").capitalize()


@functools.cache
def speech_types() -> frozenset[str]:
    """The speech acts (statement, condemnation, ...): the taxonomy's `verbal` types."""
    return frozenset(key for key, entry in event_types().items() if entry.get("verbal"))


def type_families() -> dict[str, str]:
    """Event type -> its family (attack and military_action are both "violence"): the merge stage
    treats types of one family as able to describe the same happening."""
    return {key: entry["family"] for key, entry in event_types().items() if entry.get("family")}
