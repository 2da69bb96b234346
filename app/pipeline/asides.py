"""Asides a sentence sets between a pair of dashes.

"Hours before the march -- the largest demonstration since the 1979 revolution -- the supreme
leader reversed course": the small parser often hangs the aside's words on the main clause. Its
nouns are then no subject of that clause (app/pipeline/events.py, app/pipeline/actors.py), and its
date dates nothing outside it (app/pipeline/dating.py). Pure: a sentence's span in, offsets out.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

DASH_RE = re.compile(r"\s(?:--|—|–)\s")


def dash_aside(span: Span, offset: int) -> tuple[int, int] | None:
    """The (start, end) document offsets of the dash-delimited aside of the sentence `span` that
    holds the character at `offset`, or None. Dashes pair in order: a lone dash sets no aside."""
    dashes = [m.start() + span.start_char for m in DASH_RE.finditer(span.text)]
    for opening, closing in zip(dashes[::2], dashes[1::2]):
        if opening < offset < closing:
            return opening, closing
    return None
