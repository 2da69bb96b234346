"""The read benchmark's PostgreSQL figures say what server they ran on: the settings that decide
how much of the database comes from PostgreSQL's own buffers and how it plans (bench/scale.py)."""

from sqlalchemy import create_engine

from bench.scale import SERVER_SETTINGS, server_figures, server_settings


def test_sqlite_has_no_server_settings(tmp_path):
    assert server_settings(f"sqlite:///{tmp_path / 'none.db'}") == {}
    assert server_figures(f"sqlite:///{tmp_path / 'none.db'}", "scale_pg_") == {}
    assert not (tmp_path / "none.db").exists()


def test_a_postgresql_server_reports_its_settings_as_the_apps_connections_see_them(throwaway_postgres):
    url = throwaway_postgres("timeline_bench_settings")
    found = server_settings(url)
    assert tuple(found) == SERVER_SETTINGS
    assert {"shared_buffers", "effective_cache_size", "work_mem", "random_page_cost", "jit"} <= set(found)
    assert found["jit"] == "off"  # the app's connections run without the JIT compiler
    assert found["max_parallel_workers_per_gather"] == "0"  # nor parallel workers
    assert found["plan_cache_mode"] == "force_custom_plan"  # every execution planned for its values
    plain = create_engine(url)
    try:
        with plain.connect() as connection:
            for name in ("shared_buffers", "effective_cache_size", "work_mem", "random_page_cost", "server_version"):
                assert found[name] == connection.exec_driver_sql(f"SHOW {name}").scalar(), name
    finally:
        plain.dispose()
    figures = server_figures(url, "scale_pg_")
    assert figures == {f"scale_pg_{name}": value for name, value in found.items()}


def test_warming_a_postgresql_database_reads_it_or_says_why_not(throwaway_postgres):
    # A role that may not create pg_prewarm (the CI's is no superuser) gets the reason and the fix,
    # and the benchmark goes on; one that may reads every table and index of the database.
    from bench.scale import warm_postgres

    url = throwaway_postgres("timeline_bench_warm")
    seconds, what = warm_postgres(url)
    assert seconds >= 0
    assert what.endswith(" pages read") or (
        what.startswith("not warmed: pg_prewarm is not installed") and "CREATE EXTENSION pg_prewarm" in what), what
    plain = create_engine(url)
    try:
        with plain.connect() as connection:  # the database is still there to measure
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        plain.dispose()
