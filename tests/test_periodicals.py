"""A weekly's cadence reaches the extractor from what ingestion knows of the article: its publisher."""

from __future__ import annotations

import datetime as dt

import pytest

from app.config import Settings
from app.ingest.steps import extract, extract_batch
from app.pipeline.types import ArticleInput

COVER = dt.date(1971, 7, 19)
TEXT = "Rebel cadets stormed the royal palace at Tamsar during a reception.\n"


def starts(extractions):
    return [e.date.interval.start for ex in extractions for e in ex.events]


@pytest.mark.nlp
def test_the_publisher_of_an_ingested_article_sets_the_weekly_cadence():
    settings = Settings.from_env()
    weekly = ArticleInput(text=TEXT, published=COVER, publisher="Newsweek")
    daily = ArticleInput(text=TEXT, published=COVER, publisher="The Daily Record")
    assert starts([extract(weekly, settings)]) == [dt.date(1971, 7, 5)]
    assert starts([extract(daily, settings)]) == [COVER]
    # the batch path, which parses many articles at once, reads the publisher too
    assert starts(extract_batch([weekly, daily], settings)) == [dt.date(1971, 7, 5), COVER]
