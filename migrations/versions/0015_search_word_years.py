"""PostgreSQL: each word's matches per start year, kept

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 12:00:00

The overview of a search draws a strip of the matches per year, counted from the postings (0011)
with one range count per year. A common word at a million events has 160,000 postings, and an
index-only scan counting them all takes 20-30 ms of every overview, however the statement is
written (`EXPLAIN (ANALYZE, BUFFERS)`, docs/benchmarks.md). search_word_year keeps, for each word,
collection and year, how many postings start in that year: a word's years are then a few dozen
rows of one index range, and only a year the view cuts in two (the overview starts a month
before the first report) is still counted from the postings.

Kept by statement triggers on the postings themselves, so every path that writes them (a new
document, a rewritten one, a removed one, the importance copies of 0014 that change no key) keeps
the counts without knowing about them. Every writer already holds the write lock (app/db/dialect.py),
so two transactions never race for a count's row. `timeline check` recounts them from the postings,
and `--repair` rewrites them. SQLite: nothing changes (FTS5 counts a year's range of its keys).
"""

from __future__ import annotations

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# A set of postings' counts per (word, collection, year), in key order: the rows of a statement's
# upsert are locked in the order they come, so two statements never wait for each other in a cycle.
YEARS_OF = """SELECT lexeme, collection_id, extract(year FROM date_start)::integer AS year, count(*) AS events
    FROM {rows} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"""

UPGRADE = [
    """CREATE TABLE search_word_year (
        lexeme text COLLATE "C" NOT NULL,
        year integer NOT NULL,
        collection_id integer NOT NULL,
        events integer NOT NULL,
        PRIMARY KEY (lexeme, year, collection_id))""",
    "SET LOCAL work_mem = '256MB'",
    f"INSERT INTO search_word_year(lexeme, collection_id, year, events) {YEARS_OF.format(rows='search_posting')}",
    f"""CREATE FUNCTION search_word_year_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_word_year AS kept(lexeme, collection_id, year, events) {YEARS_OF.format(rows='added')}
        ON CONFLICT (lexeme, year, collection_id) DO UPDATE SET events = kept.events + excluded.events;
        RETURN NULL;
    END $$""",
    # A count that reaches zero is deleted: the table holds the years a word has matches in.
    f"""CREATE FUNCTION search_word_year_remove() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE search_word_year kept SET events = kept.events - gone.events
        FROM ({YEARS_OF.format(rows='removed')}) AS gone
        WHERE kept.lexeme = gone.lexeme AND kept.year = gone.year AND kept.collection_id = gone.collection_id;
        DELETE FROM search_word_year kept USING (SELECT DISTINCT lexeme FROM removed) AS gone
        WHERE kept.lexeme = gone.lexeme AND kept.events <= 0;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_word_year_add AFTER INSERT ON search_posting
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_word_year_add()""",
    """CREATE TRIGGER search_word_year_remove AFTER DELETE ON search_posting
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_word_year_remove()""",
    # A posting's key (word, day, event) and collection are never updated in place (0011 and 0014
    # delete and insert); were one to be, the counts would follow.
    """CREATE FUNCTION search_word_year_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'search_posting rows are deleted and inserted, never moved (word, day or collection)';
    END $$""",
    """CREATE TRIGGER search_word_year_moved BEFORE UPDATE OF lexeme, date_start, collection_id ON search_posting
        FOR EACH ROW WHEN ((OLD.lexeme, OLD.date_start, OLD.collection_id)
                           IS DISTINCT FROM (NEW.lexeme, NEW.date_start, NEW.collection_id))
        EXECUTE FUNCTION search_word_year_moved()""",
]

DOWNGRADE = [
    "DROP TRIGGER search_word_year_moved ON search_posting",
    "DROP TRIGGER search_word_year_remove ON search_posting",
    "DROP TRIGGER search_word_year_add ON search_posting",
    "DROP FUNCTION search_word_year_moved()",
    "DROP FUNCTION search_word_year_remove()",
    "DROP FUNCTION search_word_year_add()",
    "DROP TABLE search_word_year",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
