"""A batch ingestion survives an article the program cannot handle: that article is reported as
failed, nothing of it is stored, and the articles after it are stored as usual."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from sqlalchemy import func, select

from app.db import session_scope

pytestmark = pytest.mark.nlp

CRASHING_WORD = "Zyzzogeton"  # a word no article holds; the extractor below raises on it


def articles():
    from app.pipeline.types import ArticleInput

    day = dt.date(2024, 3, 8)
    return [
        ArticleInput("Rebels shelled the town of Kessa on Tuesday, killing four civilians.", day, origin="first"),
        ArticleInput(f"Troops entered {CRASHING_WORD} on Wednesday after a week of fighting.", day, origin="second"),
        ArticleInput("The army retook the airport on Thursday, a spokesman said.", day, origin="third"),
    ]


def steps_tripping_on_one_article(settings, real_steps=None):
    """The real pipeline, except that extracting the article holding CRASHING_WORD raises, as a
    bug in a rule would; batches holding it raise too, as spaCy's batch does."""
    from app.ingest.steps import pipeline_steps

    steps = (real_steps or pipeline_steps)(settings)

    def extract(item):
        if CRASHING_WORD in item.text:
            raise ValueError("day is out of range for month")
        return steps.extract(item)

    def extract_many(items):
        return [extract(item) for item in items]

    return steps.but(extract=extract, extract_many=extract_many)


def stored_origins(settings) -> list[str]:
    """Which of `articles()` are stored (articles keep their text, not where it came from)."""
    from app.models import Article

    with session_scope(settings.database_url) as session:
        texts = set(session.execute(select(Article.text)).scalars())
    return [article.origin for article in articles() if article.text in texts]


def test_an_article_whose_extraction_raises_fails_alone_and_the_rest_are_stored(fresh_settings, caplog):
    from app.ingest.runner import ingest_all
    from app.models import Event

    with caplog.at_level(logging.ERROR, logger="app.ingest.runner"):
        outcomes = list(ingest_all(articles(), fresh_settings, steps_tripping_on_one_article(fresh_settings)))

    assert [(o.origin, o.status) for o in outcomes] == [("first", "added"), ("second", "failed"), ("third", "added")]
    failed = outcomes[1]
    assert "extraction failed" in failed.reason and "day is out of range for month" in failed.reason
    assert "nothing of this article was stored" in failed.reason
    assert stored_origins(fresh_settings) == ["first", "third"]
    assert any("Traceback" in (record.exc_text or "") or record.exc_info for record in caplog.records)
    with session_scope(fresh_settings.database_url) as session:
        assert session.execute(select(func.count()).select_from(Event)).scalar() > 0


def test_the_failed_article_is_ingested_once_the_cause_is_gone(fresh_settings):
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps

    list(ingest_all(articles(), fresh_settings, steps_tripping_on_one_article(fresh_settings)))
    again = list(ingest_all(articles(), fresh_settings, pipeline_steps(fresh_settings)))
    assert [(o.origin, o.status) for o in again] == [("first", "skipped"), ("second", "added"), ("third", "skipped")]
    assert stored_origins(fresh_settings) == ["first", "second", "third"]


def test_an_article_whose_storing_raises_fails_alone_and_leaves_nothing_behind(fresh_settings):
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.models import Event, Mention

    steps = pipeline_steps(fresh_settings)

    def add(session, article_input, extraction, collection=None):
        stored = steps.add(session, article_input, extraction, collection=collection)
        if article_input.origin == "second":  # after its rows were written: they must roll back
            raise RuntimeError("lost the connection halfway")
        return stored

    outcomes = list(ingest_all(articles(), fresh_settings, steps.but(add=add)))
    assert [o.status for o in outcomes] == ["added", "failed", "added"]
    assert "storing failed (RuntimeError: lost the connection halfway)" in outcomes[1].reason
    assert stored_origins(fresh_settings) == ["first", "third"]
    with session_scope(fresh_settings.database_url) as session:
        quoted = session.execute(select(Mention.sentence)).scalars().all()
        assert not any("Troops entered" in sentence for sentence in quoted)
        assert session.execute(select(func.count()).select_from(Event)).scalar() > 0


def test_the_command_reports_a_failed_article_and_exits_1(fresh_settings, tmp_path, monkeypatch, capsys):
    """`timeline ingest` of a JSON Lines file goes past the failing record, names it, says how
    many failed in its summary and exits 1 (a program error, not bad input)."""
    from app import cli
    from app.ingest import steps as steps_module

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": a.text, "published": a.published.isoformat()}) + "\n"
                            for a in articles()), encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", fresh_settings.database_url)
    real_steps = steps_module.pipeline_steps
    monkeypatch.setattr(steps_module, "pipeline_steps",
                        lambda settings: steps_tripping_on_one_article(settings, real_steps))

    status = cli.main(["ingest", str(feed)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "2 added, 0 skipped, 0 refused, 1 failed" in out
    assert "failed   " in err and "feed.jsonl" in err and "extraction failed (ValueError" in err
