"""PostgreSQL keeps the statements of reads prepared: a GET ends its transaction with COMMIT,
since psycopg forgets a connection's prepared statements on every ROLLBACK (app/deps.py); each
execution is still planned for its own values (app/db/engine.py: plan_cache_mode)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.db import get_engine
from app.main import create_app
from app.migrate import upgrade


def test_a_read_asked_again_and_again_runs_prepared_and_planned_for_its_values(throwaway_postgres, settings_for,
                                                                               tmp_path):
    url = throwaway_postgres("timeline_prepared")
    settings = settings_for(tmp_path, database_url=url)
    upgrade(url)
    with TestClient(create_app(settings)) as client:
        for _ in range(12):  # psycopg prepares a statement at its fifth use on a connection
            assert client.get("/api/events", params={"limit": 5}).status_code == 200
        engine = get_engine(url)
        # Every connection of the pool at once: the requests went to one or another of them.
        connections = [engine.connect() for _ in range(max(engine.pool.checkedin(), 1))]
        try:
            prepared = sum(c.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar()
                           for c in connections)
            modes = {c.exec_driver_sql("SHOW plan_cache_mode").scalar() for c in connections}
        finally:
            for connection in connections:
                connection.close()
    assert prepared > 0
    assert modes == {"force_custom_plan"}


def test_a_read_that_fails_or_a_form_post_still_ends_in_a_rollback(fresh_settings):
    """Only a read that went well commits; a request that fails leaves nothing behind either way,
    and the app answers the next one."""
    with TestClient(create_app(fresh_settings), raise_server_exceptions=False) as client:
        assert client.get("/api/events", params={"to": "0001-01-05"}).status_code == 400
        assert client.get("/api/events", params={"limit": 5}).status_code == 200
        assert client.post("/login", data={"username": "nobody", "password": "wrong"}).status_code in (400, 401, 403)
        assert client.get("/api/events", params={"limit": 5}).status_code == 200


def test_json_values_read_as_json_loads_reads_them_and_empty_lists_are_new_each_time(throwaway_postgres):
    """The app's connections answer JSON's empty list without parsing it (app/db/engine.py):
    every value still comes back as json.loads gives it, and no two reads share one list."""
    import json

    url = throwaway_postgres("timeline_json")
    texts = ['[]', '[ ]', '[1, "a"]', '{"a": []}', '"x"', 'null', '1.5', '[{"quantity": "25", "what": "dead"}]']
    engine = get_engine(url)
    with engine.connect() as connection:
        for text in texts:
            for kind in ("json", "jsonb"):
                value = connection.exec_driver_sql(f"SELECT CAST(%(text)s AS {kind})", {"text": text}).scalar()
                assert value == json.loads(text) and type(value) is type(json.loads(text)), (text, kind)
        first, second = connection.exec_driver_sql("SELECT CAST('[]' AS json), CAST('[]' AS json)").one()
        assert first == [] and first is not second
