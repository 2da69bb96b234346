"""TimeML EVENT annotations: the plain text of a document's <TEXT> and the gold event spans in it.

Shared by the trigger detector's training (`bench.train_triggers`) and its evaluation
(`bench.triggers`). Offsets are half-open character offsets into the text with every inner tag
removed, as in bench/tempeval.py for timexes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from bench.tempeval import DEFAULT_CORPUS  # noqa: F401  (re-exported: the corpus folder's default)

# The TimeML event classes, in a fixed order (the detector's labels follow it).
EVENT_CLASSES = ("OCCURRENCE", "STATE", "REPORTING", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")


@dataclass(frozen=True)
class GoldEvent:
    start: int
    end: int
    cls: str


@dataclass(frozen=True)
class EventDoc:
    name: str
    text: str
    events: tuple[GoldEvent, ...]


def load_tml(path: Path) -> EventDoc:
    text_el = ET.parse(path).getroot().find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT>")
    parts: list[str] = []
    length = 0
    events: list[GoldEvent] = []

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "EVENT":
                events.append(GoldEvent(start, length, child.get("class", "OCCURRENCE")))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_el)
    return EventDoc(path.stem, "".join(parts), tuple(events))


def load_dir(folder: Path) -> list[EventDoc]:
    return [load_tml(p) for p in sorted(Path(folder).glob("*.tml"))]
