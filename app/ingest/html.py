"""HTML pages reduced to their article text and metadata (trafilatura does the hard part)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.pipeline.types import Metadata


@dataclass(frozen=True)
class ReducedPage:
    text: str
    metadata: Metadata


def reduce_html(html: str) -> ReducedPage:
    """The main text of a page (no scripts, navigation or boilerplate) and what its metadata says."""
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=True,
    ) or ""
    found = trafilatura.extract_metadata(html)
    published = None
    title = publisher = url = None
    if found is not None:
        if found.date:
            try:
                published = dt.date.fromisoformat(found.date[:10])
            except ValueError:
                published = None
        title = found.title
        publisher = found.sitename
        url = found.url
    return ReducedPage(
        text=text.strip(),
        metadata=Metadata(published=published, title=title, publisher=publisher, url=url),
    )
