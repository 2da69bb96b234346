"""Full-text search, one function per database: SQLite FTS5 or PostgreSQL tsvector.

User input never reaches the search engine's own query language: every word is quoted, so
`"`, `AND`, `NEAR(` or `*)` in a query are words to look for, never a syntax error.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import ARRAY, Integer, any_, func, literal, literal_column, select, text
from sqlalchemy.orm import Session
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


def matching_event_seqs_sql(dialect: str, user_query: str) -> tuple[TextClause, dict[str, str]]:
    """The sequence numbers of events whose title, summary or any source sentence matches."""
    if dialect == "sqlite":
        sql = text(
            "SELECT rowid FROM event_fts WHERE event_fts MATCH :fts "
            "UNION SELECT e.seq FROM mention_fts g JOIN mention m ON m.id = g.rowid "
            "JOIN event e ON e.id = m.event_id WHERE mention_fts MATCH :fts"
        )
        return sql, {"fts": fts5_query(user_query)}
    sql = text(
        "SELECT e.seq FROM event e WHERE to_tsvector('english', coalesce(e.title, '') || ' ' || "
        "coalesce(e.summary, '')) @@ plainto_tsquery('english', :fts) "
        "UNION SELECT e.seq FROM mention m JOIN event e ON e.id = m.event_id "
        "WHERE to_tsvector('english', m.sentence) @@ plainto_tsquery('english', :fts)"
    )
    return sql, {"fts": plain_terms(user_query)}


def matching_event_seqs(session: Session, user_query: str) -> list[int]:
    """The matching events' sequence numbers, searched once per session (one request) however
    many queries of the request filter by them: a timeline view counts, lists, buckets and finds
    each bucket's best events, and the full-text search would otherwise run for each."""
    cache = session.info.setdefault("search_hits", {})
    if user_query not in cache:
        sql, params = matching_event_seqs_sql(session.get_bind().dialect.name, user_query)
        cache[user_query] = sorted(row[0] for row in session.execute(sql, params))
    return cache[user_query]


def among_values(session: Session, column, values: list, item_type=Integer):
    """`column IN values` as one bound parameter, however many there are: SQLite reads a JSON
    array (json_each), PostgreSQL an array (= ANY)."""
    if session.get_bind().dialect.name == "sqlite":
        return column.in_(select(literal_column("value")).select_from(func.json_each(json.dumps(values))))
    return column == any_(literal(values, ARRAY(item_type)))


def among_seqs(session: Session, column, seqs: list[int]):
    return among_values(session, column, seqs, Integer)
