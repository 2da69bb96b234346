"""PostgreSQL search postings: a word's events in date order, read from one B-tree

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 15:30:00

SQLite's search index (FTS5, migration 0004) keys each event's row by its start day, so a word's
events come out in date order and a period's matches are a key range that counting reads from
the index alone. PostgreSQL's GIN index lists a word's events in the order of their rows on disk:
every question about a period (its page, its count, its histogram, its buckets' best events) read
all of the word's rows from the table of documents (a fifth of a 1 GB table for a common word),
one bitmap scan each.

search_posting holds one row per (lexeme, event): the lexeme, the event's start day, its number
and its collection, under the primary key (lexeme, date_start, seq) with the collection included.
A word's events in a period are one range of that index, in date order, read without visiting the
table (index-only scans), exactly as FTS5 reads its keys; several words are the rarest word's
range with the others probed by key. Statement triggers on event_search keep the postings in step
with the documents (which the triggers of 0004/0008 keep in step with the events), so every write
path stays as it is. The GIN and day indexes of event_search served the reads that postings now
answer; a probe ("does event X match?") reads the event's document by its primary key. SQLite:
nothing changes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# An event's document, as migration 0004 defines it.
DOCUMENT = """to_tsvector('english', coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' ||
    coalesce((SELECT string_agg(m.sentence, ' ' ORDER BY m.id) FROM mention m WHERE m.event_id = e.id), ''))"""
# A document's lexemes: tsvector_to_array gives each once.
POSTINGS_OF = """SELECT l.word, r.date_start, r.seq, r.collection_id
    FROM {rows} r, unnest(tsvector_to_array(r.document)) AS l(word)"""

UPGRADE = [
    """CREATE TABLE search_posting (
        lexeme text COLLATE "C" NOT NULL,
        date_start date NOT NULL,
        seq integer NOT NULL,
        collection_id integer NOT NULL)""",
    f"INSERT INTO search_posting(lexeme, date_start, seq, collection_id) {POSTINGS_OF.format(rows='event_search')}",
    # The key after the rows: one sort builds it, where 40 million inserts into a growing B-tree
    # (a million events) took over ten minutes without finishing.
    "SET LOCAL maintenance_work_mem = '256MB'",
    "ALTER TABLE search_posting ADD PRIMARY KEY (lexeme, date_start, seq) INCLUDE (collection_id)",
    f"""CREATE FUNCTION search_posting_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_posting(lexeme, date_start, seq, collection_id) {POSTINGS_OF.format(rows='added')};
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION search_posting_remove() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- By the primary key: each removed document's own lexemes, at its day and number.
        DELETE FROM search_posting p
        USING removed r, unnest(tsvector_to_array(r.document)) AS l(word)
        WHERE p.lexeme = l.word AND p.date_start = r.date_start AND p.seq = r.seq;
        RETURN NULL;
    END $$""",
    # A document rewritten in place (its event gained a report, a new title): only the postings
    # that differ are deleted and added; most of an event's words stay.
    f"""CREATE FUNCTION search_posting_replace() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_posting p
        USING ({POSTINGS_OF.format(rows='removed')} EXCEPT {POSTINGS_OF.format(rows='added')}) AS gone(word, date_start, seq, collection_id)
        WHERE p.lexeme = gone.word AND p.date_start = gone.date_start AND p.seq = gone.seq;
        INSERT INTO search_posting(lexeme, date_start, seq, collection_id)
        {POSTINGS_OF.format(rows='added')} EXCEPT {POSTINGS_OF.format(rows='removed')};
        RETURN NULL;
    END $$""",
    # An event's row is rewritten in place rather than deleted and inserted again (0008's
    # version), so that the trigger above sees the old and the new document together. A row
    # whose document, day and collection are unchanged is not written at all.
    f"""CREATE OR REPLACE FUNCTION event_search_refresh(target varchar) RETURNS void LANGUAGE sql AS $$
        DELETE FROM event_search s USING event e WHERE e.id = target AND s.seq = e.seq AND e.status <> 'active';
        INSERT INTO event_search(seq, date_start, document, collection_id)
        SELECT e.seq, e.date_start, {DOCUMENT}, e.collection_id
        FROM event e WHERE e.id = target AND e.status = 'active'
        ON CONFLICT (seq) DO UPDATE SET date_start = excluded.date_start, document = excluded.document,
                                        collection_id = excluded.collection_id
        WHERE (event_search.date_start, event_search.document, event_search.collection_id)
              IS DISTINCT FROM (excluded.date_start, excluded.document, excluded.collection_id);
    $$""",
    """CREATE TRIGGER search_posting_add AFTER INSERT ON event_search
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_posting_add()""",
    """CREATE TRIGGER search_posting_remove AFTER DELETE ON event_search
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_posting_remove()""",
    """CREATE TRIGGER search_posting_replace AFTER UPDATE ON event_search
        REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_posting_replace()""",
    "DROP INDEX ix_event_search_document",
    "DROP INDEX ix_event_search_day",
    "DROP INDEX ix_event_search_collection_day",
]

DOWNGRADE = [
    "CREATE INDEX ix_event_search_document ON event_search USING gin (document)",
    "CREATE INDEX ix_event_search_day ON event_search (date_start, seq)",
    "CREATE INDEX ix_event_search_collection_day ON event_search (collection_id, date_start, seq)",
    "DROP TRIGGER search_posting_replace ON event_search",
    "DROP TRIGGER search_posting_remove ON event_search",
    "DROP TRIGGER search_posting_add ON event_search",
    "DROP FUNCTION search_posting_replace()",
    "DROP FUNCTION search_posting_remove()",
    "DROP FUNCTION search_posting_add()",
    "DROP TABLE search_posting",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
        # Back to migration 0008's refresh, which deletes and inserts an event's row.
        op.execute(_collections_migration().POSTGRES_SEARCH[0])


def _collections_migration():
    spec = importlib.util.spec_from_file_location("collections_0008", Path(__file__).with_name("0008_collections.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
