"""Full-text search: SQLite FTS5 or PostgreSQL tsvector.

User input never reaches the search engine's own query language: every word is quoted, so
`"`, `AND`, `NEAR(` or `*)` in a query are words to look for, never a syntax error.

Both keep one row per active event in `event_search` (migration 0004) holding its title,
summary and every source sentence, so that a match is an event, never a mention to look up.
SQLite's is an FTS5 table under a date-ordered key, `start day ordinal << 32 | event seq`: a
search's matches come out of the index in date order, a date range is a key range that FTS5
seeks to, and counting matches per day reads nothing but the index. PostgreSQL's is a table of
(seq, start day, tsvector) with a GIN index over the text and a B-tree over the day, which the
planner combines.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import ARRAY, Date, Integer, any_, cast, column, func, literal, literal_column, select, table, text, type_coerce
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


# SQLite's date-keyed search table (migration 0004). `event_search` is also the hidden column
# FTS5 matches against.
event_search = table("event_search", column("rowid", Integer), column("event_search"))
SEQ_BITS = 32
SEQ_MASK = (1 << SEQ_BITS) - 1
# julianday('0001-01-01') is 1721425.5: a key's day ordinal plus this is the day's Julian date.
JULIAN_OFFSET = 1721424.5


def search_key(day: dt.date, seq: int) -> int:
    """The event_search rowid of an event starting on `day` (date order, then sequence)."""
    return (day.toordinal() << SEQ_BITS) | seq


def first_key(day: dt.date) -> int:
    return day.toordinal() << SEQ_BITS


def last_key(day: dt.date) -> int:
    return (day.toordinal() << SEQ_BITS) | SEQ_MASK


# PostgreSQL's table of the same name (migration 0004).
event_documents = table("event_search", column("seq", Integer), column("date_start", Date), column("document"))
# Its document, as the triggers of migration 0004 build it (drift checks compare with this).
POSTGRES_DOCUMENT = ("to_tsvector('english', coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' || "
                     "coalesce((SELECT string_agg(m.sentence, ' ' ORDER BY m.id) FROM mention m "
                     "WHERE m.event_id = e.id), ''))")


def search_matches(user_query: str):
    """The WHERE clause of SQLite's event_search rows matching a user's query."""
    return event_search.c.event_search.op("MATCH")(fts5_query(user_query))


def document_matches(user_query: str):
    """The WHERE clause of PostgreSQL's event_search rows matching a user's query."""
    return event_documents.c.document.op("@@")(func.plainto_tsquery("english", plain_terms(user_query)))


def key_seq():
    """An event_search row's event sequence number, from its key."""
    return event_search.c.rowid.op("&")(SEQ_MASK)


def key_ordinal():
    """An event_search row's start day as a proleptic Gregorian ordinal, from its key."""
    return event_search.c.rowid.op(">>")(SEQ_BITS)


def key_day():
    """An event_search row's start day, from its key (no other table read)."""
    return type_coerce(func.date(key_ordinal() + JULIAN_OFFSET), Date)


def event_key(event_table):
    """The event_search key of an event row, in SQL: a probe of the search index per event."""
    ordinal = cast(func.julianday(event_table.date_start) - JULIAN_OFFSET, Integer)
    return ordinal.op("<<")(SEQ_BITS).op("|")(event_table.seq)


def event_matches(session: Session, event_table, user_query: str):
    """This event matches the query: a key look-up in the search index."""
    if session.get_bind().dialect.name == "sqlite":
        return (select(event_search.c.rowid)
                .where(search_matches(user_query), event_search.c.rowid == event_key(event_table))
                .exists())
    return (select(event_documents.c.seq)
            .where(event_documents.c.seq == event_table.seq, document_matches(user_query))
            .exists())


def count_matches(session: Session, user_query: str, cap: int) -> int:
    """How many active events match, counted up to `cap`; once per request and cap."""
    cache = session.info.setdefault("search_counts", {})
    if (user_query, cap) not in cache:
        if session.get_bind().dialect.name == "sqlite":
            inner = select(event_search.c.rowid).where(search_matches(user_query)).limit(cap).subquery()
        else:
            inner = select(event_documents.c.seq).where(document_matches(user_query)).limit(cap).subquery()
        cache[(user_query, cap)] = session.execute(select(func.count()).select_from(inner)).scalar_one()
    return cache[(user_query, cap)]


def rebuild_search_index(connection) -> None:
    """Rewrite every row of event_search from the active events and their mentions (`timeline
    check --repair`, a bulk load; the triggers of migration 0004 keep it in step otherwise)."""
    connection.exec_driver_sql("DELETE FROM event_search")
    if connection.dialect.name != "sqlite":
        connection.exec_driver_sql(f"INSERT INTO event_search(seq, date_start, document) "
                                   f"SELECT e.seq, e.date_start, {POSTGRES_DOCUMENT} FROM event e WHERE e.status = 'active'")
        return
    connection.exec_driver_sql(
        "INSERT INTO event_search(rowid, title, summary, sentences) "
        f"SELECT ((CAST(julianday(e.date_start) - {JULIAN_OFFSET} AS INTEGER) << {SEQ_BITS}) | e.seq), "
        "e.title, e.summary, "
        "coalesce((SELECT group_concat(m.sentence, ' ') FROM mention m WHERE m.event_id = e.id), '') "
        "FROM event e WHERE e.status = 'active'")
    tidy_search_index(connection, pages=None)


def tidy_search_index(connection, pages: int | None = 2000) -> None:
    """SQLite: merge the search index's segments, at most `pages` pages of work (None: all of it).

    Every write adds a small segment to an FTS5 index, which merges them only now and then; a
    query then looks a word up in each. A page of search results does not notice, but checking
    "does event X match?" for a few hundred events (those reaching into a period from before
    it) costs 50 microseconds each on a bulk-loaded million-event index, 5 once it is merged."""
    if pages is None:
        connection.exec_driver_sql("INSERT INTO event_search(event_search) VALUES ('optimize')")
    else:
        # A negative amount asks FTS5 to merge even levels that hold few segments.
        connection.exec_driver_sql(f"INSERT INTO event_search(event_search, rank) VALUES ('merge', {-int(pages)})")


def document_drift(session: Session) -> list[tuple]:
    """PostgreSQL: event_search rows that differ from what the active events and their mentions
    give (seq, day and document), from either side."""
    return [tuple(row) for row in session.execute(text(
        f"WITH wanted AS (SELECT e.seq, e.date_start, ({POSTGRES_DOCUMENT})::text AS document "
        f"FROM event e WHERE e.status = 'active'), "
        f"kept AS (SELECT seq, date_start, document::text AS document FROM event_search) "
        f"(SELECT 'missing or different', * FROM wanted EXCEPT SELECT 'missing or different', * FROM kept) "
        f"UNION ALL (SELECT 'stale', * FROM kept EXCEPT SELECT 'stale', * FROM wanted) LIMIT 20"))]


def search_rows(session: Session) -> dict[int, tuple[str, str, list[str]]]:
    """SQLite: event_search as stored, key -> (title, summary, sorted words of its sentences)."""
    return {row[0]: (row[1], row[2], sorted(row[3].split())) for row in session.execute(
        text("SELECT rowid, title, summary, sentences FROM event_search"))}


def matching_event_seqs_sql(dialect: str, user_query: str) -> tuple[TextClause, dict[str, str]]:
    """The sequence numbers of active events whose title, summary or any source sentence matches."""
    if dialect == "sqlite":
        sql = text(f"SELECT rowid & {SEQ_MASK} FROM event_search WHERE event_search MATCH :fts")
        return sql, {"fts": fts5_query(user_query)}
    sql = text("SELECT seq FROM event_search WHERE document @@ plainto_tsquery('english', :fts)")
    return sql, {"fts": plain_terms(user_query)}


def matching_event_seqs(session: Session, user_query: str) -> list[int]:
    """Every matching active event's sequence number, in sequence order: the whole answer of
    the search engine with no date, order or other filter (the read layer's paths are checked
    against it)."""
    sql, params = matching_event_seqs_sql(session.get_bind().dialect.name, user_query)
    return sorted(row[0] for row in session.execute(sql, params))


def among_values(session: Session, column, values: list, item_type=Integer):
    """`column IN values` as one bound parameter, however many there are: SQLite reads a JSON
    array (json_each), PostgreSQL an array (= ANY)."""
    if session.get_bind().dialect.name == "sqlite":
        return column.in_(select(literal_column("value")).select_from(func.json_each(json.dumps(values))))
    return column == any_(literal(values, ARRAY(item_type)))
