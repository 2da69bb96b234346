"""PostgreSQL search postings carry their event's importance

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 01:30:00

The explorer's view of a searched period picks each bucket's most important matches. The
postings (0011) gave a word's matches in a period from one index range, but their importance sat
on the events: a common word's year at a million events (4,800 matches) looked each event up by
number, 180 ms when its pages were not in shared buffers, against 3 ms for the range itself
(`EXPLAIN (ANALYZE, BUFFERS)`, docs/benchmarks.md). Each posting now holds the importance in the
primary key's included columns, so the range answers (seq, day, importance) without visiting a
table.

Kept in step by the triggers: postings added from a document take their event's importance, and
an event whose importance changes rewrites its postings' copy (a row trigger; an event has about
forty postings, each found by its key). `timeline check` compares the copies with the events and
`--repair` rewrites them. SQLite: nothing changes (FTS5's key holds no importance; an event is
one look-up by rowid in the same process).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# A document's lexemes at its day and number, as 0011 lists them (tsvector_to_array gives each once).
LEXEMES_OF = """SELECT l.word, r.date_start, r.seq, r.collection_id
    FROM {rows} r, unnest(tsvector_to_array(r.document)) AS l(word)"""
# ... with the event's importance.
POSTINGS_OF = """SELECT w.word, w.date_start, w.seq, w.collection_id, coalesce(e.importance, 0)
    FROM ({lexemes}) AS w(word, date_start, seq, collection_id) LEFT JOIN event e ON e.seq = w.seq"""


def postings_of(rows: str) -> str:
    return POSTINGS_OF.format(lexemes=LEXEMES_OF.format(rows=rows))


UPGRADE = [
    # The table is written again with the column rather than updated in place: an UPDATE of every
    # posting (40 million at a million events) leaves as many dead rows and index entries behind.
    """CREATE TABLE search_posting_next (
        lexeme text COLLATE "C" NOT NULL,
        date_start date NOT NULL,
        seq integer NOT NULL,
        collection_id integer NOT NULL,
        importance integer NOT NULL DEFAULT 0)""",
    """INSERT INTO search_posting_next(lexeme, date_start, seq, collection_id, importance)
       SELECT p.lexeme, p.date_start, p.seq, p.collection_id, coalesce(e.importance, 0)
       FROM search_posting p LEFT JOIN event e ON e.seq = p.seq""",
    "DROP TABLE search_posting",
    "ALTER TABLE search_posting_next RENAME TO search_posting",
    "SET LOCAL maintenance_work_mem = '256MB'",
    "ALTER TABLE search_posting ADD PRIMARY KEY (lexeme, date_start, seq) INCLUDE (collection_id, importance)",
    f"""CREATE OR REPLACE FUNCTION search_posting_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_posting(lexeme, date_start, seq, collection_id, importance) {postings_of('added')};
        RETURN NULL;
    END $$""",
    # As 0011's: only the postings that differ are deleted and added (the importance is not part
    # of a document; the trigger below keeps it).
    f"""CREATE OR REPLACE FUNCTION search_posting_replace() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_posting p
        USING ({LEXEMES_OF.format(rows='removed')} EXCEPT {LEXEMES_OF.format(rows='added')}) AS gone(word, date_start, seq, collection_id)
        WHERE p.lexeme = gone.word AND p.date_start = gone.date_start AND p.seq = gone.seq;
        INSERT INTO search_posting(lexeme, date_start, seq, collection_id, importance)
        {POSTINGS_OF.format(lexemes=LEXEMES_OF.format(rows='added') + ' EXCEPT ' + LEXEMES_OF.format(rows='removed'))};
        RETURN NULL;
    END $$""",
    # Each of the event's postings by its key: the document's lexemes at its day and number.
    """CREATE FUNCTION search_posting_importance() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE search_posting p SET importance = NEW.importance
        FROM event_search s, unnest(tsvector_to_array(s.document)) AS l(word)
        WHERE s.seq = NEW.seq AND p.lexeme = l.word AND p.date_start = s.date_start AND p.seq = s.seq;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_posting_importance AFTER UPDATE OF importance ON event
        FOR EACH ROW WHEN (OLD.importance IS DISTINCT FROM NEW.importance)
        EXECUTE FUNCTION search_posting_importance()""",
]

DOWNGRADE = [
    "DROP TRIGGER search_posting_importance ON event",
    "DROP FUNCTION search_posting_importance()",
    "ALTER TABLE search_posting DROP CONSTRAINT search_posting_pkey",
    "ALTER TABLE search_posting DROP COLUMN importance",
    "ALTER TABLE search_posting ADD PRIMARY KEY (lexeme, date_start, seq) INCLUDE (collection_id)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
        # Back to 0011's functions, which write postings without an importance.
        postings = _postings_migration()
        for statement in postings.UPGRADE:
            if statement.lstrip().startswith("CREATE FUNCTION search_posting_add") or \
                    statement.lstrip().startswith("CREATE FUNCTION search_posting_replace"):
                op.execute(statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))


def _postings_migration():
    spec = importlib.util.spec_from_file_location("postings_0011", Path(__file__).with_name("0011_postgres_search_postings.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
