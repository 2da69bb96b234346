"""Actor identity across articles: a name given alone is the one stored actor it stands for."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db import session_scope

pytestmark = pytest.mark.nlp


def test_a_surname_alone_is_the_one_stored_person_of_that_name(fresh_settings):
    """An article naming only "Gadhafi" joins the actor another article named in full."""
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.models import Actor
    from app.pipeline.types import ArticleInput

    import datetime as dt

    first = ArticleInput("Libyan leader Moammar Gadhafi condemned the rebels on Monday and vowed to crush the uprising.",
                         dt.date(2011, 3, 1), origin="first")
    second = ArticleInput("On Wednesday, Gaddafi denounced the Western air strikes.", dt.date(2011, 3, 3), origin="second")
    outcomes = list(ingest_all([first, second], fresh_settings, pipeline_steps(fresh_settings)))
    assert [o.status for o in outcomes] == ["added", "added"]
    with session_scope(fresh_settings.database_url) as session:
        named = session.execute(select(Actor.id, Actor.name).where(Actor.events_count > 0)).all()
    gaddafis = [actor_id for actor_id, name in named if "add" in name.lower() or "adh" in name.lower()]
    assert len(gaddafis) == 1, named


def test_a_hyphenated_surname_alone_is_the_one_stored_person_of_that_name(fresh_settings):
    """ "Moreno-Ocampo" alone, in a later article, is the prosecutor an earlier one named in full."""
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.models import Actor
    from app.pipeline.types import ArticleInput

    import datetime as dt

    first = ArticleInput("The court's prosecutor, Luis Moreno-Ocampo, said on Monday that he would seek arrest warrants "
                         "for three commanders.", dt.date(2011, 5, 2), origin="first")
    second = ArticleInput("On Wednesday, Moreno-Ocampo said the commanders had ordered the attacks on civilians.",
                          dt.date(2011, 5, 4), origin="second")
    outcomes = list(ingest_all([first, second], fresh_settings, pipeline_steps(fresh_settings)))
    assert [o.status for o in outcomes] == ["added", "added"]
    with session_scope(fresh_settings.database_url) as session:
        named = session.execute(select(Actor.id, Actor.name).where(Actor.events_count > 0)).all()
    prosecutors = [actor_id for actor_id, name in named if "ocampo" in name.lower()]
    assert len(prosecutors) == 1, named
