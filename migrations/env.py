"""Alembic environment: the URL comes from the caller (app.migrate) or the settings."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from app.config import Settings
from app.db import get_engine, is_sqlite

config = context.config
target_metadata = SQLModel.metadata


def database_url() -> str:
    return config.attributes.get("database_url") or Settings.from_env().database_url


def run_migrations_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=is_sqlite(url),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = database_url()
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection, url)
        return
    with get_engine(url).connect() as connection:
        _run(connection, url)


def _run(connection, url: str) -> None:
    # Batch mode lets SQLite, which cannot ALTER most things, rebuild tables instead: a copy, a
    # DROP of the original and a rename. With foreign keys on, dropping a table other rows point
    # at fails (or leaves SQLite's count of deferred violations up), so, as SQLite's own procedure
    # for altering tables says, keys are off while migrating and checked in full before the commit.
    sqlite = is_sqlite(url)
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
