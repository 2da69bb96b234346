"""Full-text search, one function per database: SQLite FTS5 or PostgreSQL tsvector.

User input never reaches the search engine's own query language: every word is quoted, so
`"`, `AND`, `NEAR(` or `*)` in a query are words to look for, never a syntax error.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.sql.elements import TextClause

from app.errors import BadFilter

WORD = re.compile(r"[\w][\w'’-]*\*?", re.UNICODE)
MAX_TERMS = 12


def fts5_query(user_query: str) -> str:
    """'ethnic cleansing' -> '"ethnic" "cleansing"' (all words, in any order); 'azer*' is a prefix."""
    terms = WORD.findall(user_query)[:MAX_TERMS]
    if not terms:
        raise BadFilter(f"the search {user_query[:60]!r} has no words to look for")
    quoted = []
    for term in terms:
        prefix = term.endswith("*")
        word = term.rstrip("*").replace('"', '""')
        quoted.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(quoted)


def plain_terms(user_query: str) -> str:
    terms = [t.rstrip("*") for t in WORD.findall(user_query)[:MAX_TERMS]]
    if not terms:
        raise BadFilter(f"the search {user_query[:60]!r} has no words to look for")
    return " ".join(terms)


def matching_event_ids(dialect: str, user_query: str) -> tuple[TextClause, dict[str, str]]:
    """A subquery of event ids whose title, summary or any source sentence matches."""
    if dialect == "sqlite":
        sql = text(
            "SELECT e.id FROM event e JOIN event_fts f ON f.rowid = e.seq WHERE event_fts MATCH :fts "
            "UNION SELECT m.event_id FROM mention m JOIN mention_fts g ON g.rowid = m.id "
            "WHERE mention_fts MATCH :fts"
        )
        return sql, {"fts": fts5_query(user_query)}
    sql = text(
        "SELECT e.id FROM event e WHERE to_tsvector('english', coalesce(e.title, '') || ' ' || "
        "coalesce(e.summary, '')) @@ plainto_tsquery('english', :fts) "
        "UNION SELECT m.event_id FROM mention m "
        "WHERE to_tsvector('english', m.sentence) @@ plainto_tsquery('english', :fts)"
    )
    return sql, {"fts": plain_terms(user_query)}
