"""Figures kept between requests (the type menu's counts, a citation's dataset version) are
counted again as soon as ingestion or an editor changed the data, not up to a minute later."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.nlp


def _attack_option(client) -> str:
    # an htmx answer redraws the form's type menu from the kept counts
    page = client.get("/?type=attack", headers={"HX-Request": "true"})
    assert page.status_code == 200
    found = re.search(r"<option[^>]*value=\"attack\"[^>]*>([^<]*)</option>", page.text)
    assert found, page.text[:2000]
    return found[1].strip()


def test_the_type_menu_counts_a_new_article_at_once(fresh_settings, fresh_client):
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.pipeline.types import ArticleInput

    def ingest(text, day, origin):
        outcomes = list(ingest_all([ArticleInput(text, day, origin=origin)], fresh_settings,
                                   pipeline_steps(fresh_settings)))
        assert [o.status for o in outcomes] == ["added"]

    ingest("Rebels shelled the northern town of Kafr Nabl on Monday, killing three civilians.",
           dt.date(2012, 3, 6), "first")
    assert _attack_option(fresh_client) == "Attack (1)"
    ingest("Government warplanes bombed the market in Maarat al-Numan on Sunday.", dt.date(2012, 4, 9), "second")
    assert _attack_option(fresh_client) == "Attack (2)"

