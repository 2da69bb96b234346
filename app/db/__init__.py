"""Everything that knows which database it talks to.

- `engine`: one engine (and pool) per URL and process, with SQLite's connection rules, and the
  session scopes the rest of the app opens;
- `dialect`: the `Dialect` chosen once per engine, the only place that says how SQLite and
  PostgreSQL differ (month arithmetic in SQL, claiming a job, insert-or-ignore, keeping the
  planner's statistics, which errors are worth retrying, how a write transaction starts);
- `search`: the full-text `SearchIndex`, FTS5 on SQLite and tsvector on PostgreSQL.

Nothing outside this package (and the migrations) tests a dialect's name.
"""

from app.db.dialect import Dialect, dialect_of
from app.db.engine import dispose_all, get_engine, is_sqlite, session_scope
from app.db.transactions import refresh_statistics, write_transaction, writing

__all__ = [
    "Dialect", "dialect_of", "dispose_all", "get_engine", "is_sqlite", "refresh_statistics", "session_scope",
    "write_transaction", "writing",
]
