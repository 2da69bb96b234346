"""Full-text search: the `SearchIndex` of each database, FTS5 on SQLite and tsvector on PostgreSQL.

User input never reaches the search engine's own query language: every word is quoted, so
`"`, `AND`, `NEAR(` or `*)` in a query are words to look for, never a syntax error.

Both keep one row per active event in `event_search` (migration 0004) holding its title,
summary and every source sentence, so that a match is an event, never a mention to look up.
SQLite's is an FTS5 table under a date-ordered key, `start day ordinal << 32 | event seq`: a
search's matches come out of the index in date order, a date range is a key range that FTS5
seeks to, and counting matches per day reads nothing but the index. PostgreSQL's is a table of
(seq, tsvector), and beside it the same date-ordered keys as postings (migration 0011): one
B-tree row per (lexeme, start day, event), so a word's matches in a period are an index range in
date order too, read without visiting any table; a query of several words reads its rarest
word's range and probes the others by key. Each posting carries its event's importance (migration
0014), so the most important matches of a period come from the index too.

Each row also holds its event's collection (migration 0008), so a search within one collection
reads only that collection's matches: on SQLite a fourth column holds one token per collection
("collection7") and the query intersects it with the words; on PostgreSQL a second index of the
postings is keyed by word and collection (migration 0021), so a collection's matches of a word
are one range in date order there too.

The read layer asks an index for a `SearchRead` (how to read its matches within some days, in
date order) and for a probe ("does this event match?"); which of the two drives a read is the
planner's choice (app/queries/plan.py), not the index's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, Integer, and_, cast, column, false, func, literal, select, table, text, tuple_, type_coerce
from sqlalchemy.orm import Session

from app.errors import BadFilter

WORD = re.compile(r"[\w][\w'’-]*\*?", re.UNICODE)
MAX_TERMS = 12


SCOPE_TOKEN = "collection"  # + a collection's id: the token of its events in SQLite's index
TEXT_COLUMNS = "{title summary sentences}"


def scope_token(collection: int) -> str:
    return f"{SCOPE_TOKEN}{int(collection)}"


def fts5_query(user_query: str, collection: int | None = None) -> str:
    """'ethnic cleansing' -> '"ethnic" "cleansing"' (all words, in any order); 'azer*' is a prefix.

    Within a collection, the words are looked for in the text columns of the events whose
    collection column holds its token. Across collections the words are matched against every
    column, which costs nothing extra, unless one of them could be a collection token
    ("collection7", "coll*"): then they too are kept to the text columns."""
    terms = WORD.findall(user_query)[:MAX_TERMS]
    if not terms:
        raise BadFilter(f"the search {user_query[:60]!r} has no words to look for")
    quoted = []
    for term in terms:
        prefix = term.endswith("*")
        word = term.rstrip("*").replace('"', '""')
        quoted.append(f'"{word}"' + ("*" if prefix else ""))
    words = " ".join(quoted)
    if collection is not None:
        return f'collection : "{scope_token(collection)}" AND {TEXT_COLUMNS} : ({words})'
    if any(_could_name_a_collection(term) for term in terms):
        return f"{TEXT_COLUMNS} : ({words})"
    return words


def _could_name_a_collection(term: str) -> bool:
    word = term.rstrip("*").lower()
    if term.endswith("*"):
        return SCOPE_TOKEN.startswith(word) or word.startswith(SCOPE_TOKEN)
    return word.startswith(SCOPE_TOKEN) and word[len(SCOPE_TOKEN):].isdigit()


def plain_terms(user_query: str) -> str:
    terms = [t.rstrip("*") for t in WORD.findall(user_query)[:MAX_TERMS]]
    if not terms:
        raise BadFilter(f"the search {user_query[:60]!r} has no words to look for")
    return " ".join(terms)


def unindexed(expression):
    """The same value, which no index can serve: steers a planner to the index that matters
    (coalesce(x, x) is x, in every database)."""
    return func.coalesce(expression, expression)


def _days(expression, low: dt.date | None, high: dt.date | None) -> list:
    return [clause for clause in (expression >= low if low is not None else None,
                                  expression <= high if high is not None else None) if clause is not None]


@dataclass(frozen=True)
class SearchRead:
    """How to read a search's matches that start within some days, in date order.

    `source` is what the rows come from and `where` selects the matches; `seq` and `day` are a
    match's event sequence number and start day there, `order` the ORDER BY of date order.
    `day_key` is what per-day counts group by (a plain number where the index holds one) and
    `day_of` turns its values back into dates. `joined` gives the (start day, seq) to use once
    the event table is joined."""

    source: Any
    where: tuple
    seq: Any
    day: Any
    order: tuple
    day_key: Any
    day_of: Callable[[Any], dt.date]
    joined: Callable[[Any], tuple[Any, Any]]
    after: Callable[[dt.date, int], Any]
    within: Callable[[dt.date | None, dt.date | None], list]
    before: Callable[[dt.date, int], Any] | None = None  # matches before (day, seq): newest first
    # A match's event importance where the index keeps it beside the match (None: on the event).
    importance: Any = None


class SearchIndex:
    """One active event a row; see the module's docstring. Subclasses are the two databases'."""

    # Counting the matches of each of many date ranges reads only the index (FTS5's keys): the
    # planner may then count a search's years one range at a time.
    counts_ranges_cheaply = False

    def read(self, session: Session, user_query: str, low: dt.date | None, high: dt.date | None,
             collection: int | None = None) -> SearchRead:
        """Matches (within one collection, when given) that start within [low, high]."""
        raise NotImplementedError

    def probe(self, session: Session, event_table, user_query: str):
        """This event (a row of `event_table`) matches the query: a look-up in the index."""
        raise NotImplementedError

    def _count_query(self, session: Session, user_query: str, cap: int, collection: int | None):
        raise NotImplementedError

    def count(self, session: Session, user_query: str, cap: int, collection: int | None = None) -> int:
        """How many active events match (in one collection, when given), counted up to `cap`;
        once per request and cap."""
        cache = session.info.setdefault("search_counts", {})
        key = (user_query, cap, collection)
        if key not in cache:
            inner = self._count_query(session, user_query, cap, collection).subquery()
            cache[key] = session.execute(select(func.count()).select_from(inner)).scalar_one()
        return cache[key]

    def year_counts(self, session: Session, user_query: str, collection: int | None, low: dt.date | None,
                    high: dt.date | None, first_year: int, last_year: int) -> dict[int, int] | None:
        """The matches starting in each year from `first_year` to `last_year` (clipped to [low,
        high]), counted in one statement whose shape does not depend on the number of years; None
        where the index cannot (the caller then counts a range per year)."""
        return None

    def kept_total(self, session: Session, user_query: str, collection: int | None, low: dt.date | None,
                   high: dt.date | None) -> int | None:
        """The matches starting within [low, high] (in the collection) from kept counts, without
        reading the matches; None where no kept count knows them."""
        return None

    def matching_seqs(self, session: Session, user_query: str) -> list[int]:
        """Every matching active event's sequence number, in sequence order: the whole answer of
        the search engine with no date, order or other filter (the read layer's paths are
        checked against it)."""
        raise NotImplementedError

    def rebuild(self, connection) -> None:
        """Rewrite every row from the active events and their mentions (`timeline check --repair`,
        a bulk load; the triggers of migration 0004 keep it in step otherwise)."""
        raise NotImplementedError

    def tidy(self, connection, pages: int | None = 2000) -> None:
        """Keep the index compact after writes (nothing to do where the database does it)."""

    def drift(self, session: Session, limit: int) -> list[str]:
        """Differences between the stored rows and what the active events give, at most `limit`."""
        raise NotImplementedError


# --- SQLite: FTS5 under a date-ordered key --------------------------------------------------------

# `event_search` is also the hidden column FTS5 matches against.
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


class Fts5Search(SearchIndex):
    counts_ranges_cheaply = True

    @staticmethod
    def _matches(user_query: str, collection: int | None = None):
        return event_search.c.event_search.op("MATCH")(fts5_query(user_query, collection))

    @staticmethod
    def _key_seq():
        return event_search.c.rowid.op("&")(SEQ_MASK)

    @staticmethod
    def _key_ordinal():
        return event_search.c.rowid.op(">>")(SEQ_BITS)

    @staticmethod
    def _event_key(event_table):
        """The key of an event row, in SQL: a probe of the index per event."""
        ordinal = cast(func.julianday(event_table.date_start) - JULIAN_OFFSET, Integer)
        return ordinal.op("<<")(SEQ_BITS).op("|")(event_table.seq)

    @staticmethod
    def _within(low: dt.date | None, high: dt.date | None) -> list:
        keys = []
        if low is not None:
            keys.append(event_search.c.rowid >= first_key(low))
        if high is not None:
            keys.append(event_search.c.rowid <= last_key(high))
        return keys

    def read(self, session, user_query, low, high, collection=None) -> SearchRead:
        key_day = type_coerce(func.date(self._key_ordinal() + JULIAN_OFFSET), Date)
        return SearchRead(
            source=event_search,
            where=(self._matches(user_query, collection), *self._within(low, high)),
            seq=self._key_seq(),
            day=key_day,
            order=(event_search.c.rowid,),
            day_key=self._key_ordinal(),
            day_of=dt.date.fromordinal,
            joined=lambda event_table: (event_table.date_start, event_table.seq),
            after=lambda day, seq: event_search.c.rowid > search_key(day, seq),
            within=self._within,
            before=lambda day, seq: event_search.c.rowid < search_key(day, seq),
        )

    def probe(self, session, event_table, user_query):
        return (select(event_search.c.rowid)
                .where(self._matches(user_query), event_search.c.rowid == self._event_key(event_table))
                .exists())

    def _count_query(self, session, user_query, cap, collection):
        return select(event_search.c.rowid).where(self._matches(user_query, collection)).limit(cap)

    def matching_seqs(self, session, user_query):
        rows = session.execute(select(self._key_seq()).where(self._matches(user_query)))
        return sorted(row[0] for row in rows)

    def rebuild(self, connection) -> None:
        connection.exec_driver_sql("DELETE FROM event_search")
        connection.exec_driver_sql(
            "INSERT INTO event_search(rowid, title, summary, sentences, collection) "
            f"SELECT ((CAST(julianday(e.date_start) - {JULIAN_OFFSET} AS INTEGER) << {SEQ_BITS}) | e.seq), "
            "e.title, e.summary, "
            "coalesce((SELECT group_concat(m.sentence, ' ') FROM mention m WHERE m.event_id = e.id), ''), "
            f"'{SCOPE_TOKEN}' || e.collection_id "
            "FROM event e WHERE e.status = 'active'")
        self.tidy(connection, pages=None)

    def tidy(self, connection, pages: int | None = 2000) -> None:
        """Merge the index's segments, at most `pages` pages of work (None: all of it).

        Every write adds a small segment to an FTS5 index, which merges them only now and then; a
        query then looks a word up in each. A page of search results does not notice, but
        checking "does event X match?" for a few hundred events (those reaching into a period
        from before it) costs 50 microseconds each on a bulk-loaded million-event index, 5 once
        it is merged."""
        if not connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'event_search'").first():
            return
        if pages is None:
            connection.exec_driver_sql("INSERT INTO event_search(event_search) VALUES ('optimize')")
        else:
            # A negative amount asks FTS5 to merge even levels that hold few segments.
            connection.exec_driver_sql(f"INSERT INTO event_search(event_search, rank) VALUES ('merge', {-int(pages)})")

    def drift(self, session, limit) -> list[str]:
        stored = Counter({(row[0], row[1], row[2], " ".join(sorted(row[3].split())), row[4]): 1
                          for row in session.execute(
            text("SELECT rowid, title, summary, sentences, collection FROM event_search"))})
        sentences: dict[str, list[str]] = {}
        for event_id, sentence in session.execute(text(
                "SELECT m.event_id, m.sentence FROM mention m JOIN event e ON e.id = m.event_id "
                "WHERE e.status = 'active'")):
            sentences.setdefault(event_id, []).extend(sentence.split())
        wanted = Counter({
            (search_key(dt.date.fromisoformat(str(start)[:10]), seq), title, summary,
             " ".join(sorted(sentences.get(event_id, []))), scope_token(collection)): 1
            for seq, event_id, start, title, summary, collection in session.execute(text(
                "SELECT seq, id, date_start, title, summary, collection_id FROM event WHERE status = 'active'"))})
        return compare_counts(stored, wanted, limit)


# --- PostgreSQL: postings in date order beside a table of tsvectors ------------------------------

event_documents = table("event_search", column("seq", Integer), column("date_start", Date), column("document"),
                        column("collection_id", Integer))
# Its document, as the triggers of migration 0004 build it (drift checks compare with this).
POSTGRES_DOCUMENT = ("to_tsvector('english', coalesce(e.title, '') || ' ' || coalesce(e.summary, '') || ' ' || "
                     "coalesce((SELECT string_agg(m.sentence, ' ' ORDER BY m.id) FROM mention m "
                     "WHERE m.event_id = e.id), ''))")
postings = table("search_posting", column("lexeme"), column("date_start", Date), column("seq", Integer),
                 column("collection_id", Integer), column("importance", Integer))
# The postings a read walks: one alias object, so that clauses of two reads of one request (a
# year's range added to a read of the whole search) name the same table.
driving_postings = postings.alias("p")
# Each word's postings per start year and collection (migration 0015).
word_years = table("search_word_year", column("lexeme"), column("year", Integer), column("collection_id", Integer),
                   column("events", Integer))


class PostgresSearch(SearchIndex):
    """Reads the postings of migration 0011: one B-tree row per (lexeme, start day, event), so a
    word's events in a period are one index range in date order, as FTS5's keys are on SQLite."""

    counts_ranges_cheaply = True  # a period's count is an index-only range count

    @staticmethod
    def _matches(user_query: str):
        return event_documents.c.document.op("@@")(func.plainto_tsquery("english", plain_terms(user_query)))

    @staticmethod
    def lexemes(session: Session, user_query: str) -> list[str]:
        """The query's words as the documents hold them (stemmed, stop words dropped), once per
        request: to_tsvector parses and normalises exactly as plainto_tsquery does."""
        cache = session.info.setdefault("search_lexemes", {})
        if user_query not in cache:
            cache[user_query] = list(session.execute(
                select(func.tsvector_to_array(func.to_tsvector("english", plain_terms(user_query))))).scalar_one())
        return cache[user_query]

    def _postings(self, session: Session, user_query: str, collection: int | None):
        """(the driving postings, their WHERE clauses): the rarest word's range, and for each other
        word a probe of its posting at the same day and event (an index look-up)."""
        words = self.lexemes(session, user_query)
        driving = driving_postings
        if not words:  # only stop words: nothing matches, as plainto_tsquery finds nothing
            return driving, [false()]
        rarest = self._rarest(session, words, collection)
        where = [driving.c.lexeme == rarest]
        for word in sorted(set(words) - {rarest}):
            other = postings.alias()
            where.append(select(other.c.seq).where(other.c.lexeme == word, other.c.date_start == driving.c.date_start,
                                                   other.c.seq == driving.c.seq).exists())
        if collection is not None:
            where.append(driving.c.collection_id == collection)
        return driving, where

    def _rarest(self, session: Session, words: list[str], collection: int | None) -> str:
        """The word with the fewest postings (in the collection); a lone word without counting."""
        if len(set(words)) == 1:
            return words[0]
        return min(words, key=lambda word: (self._posting_count(session, word, collection), word))

    @staticmethod
    def _posting_count(session: Session, word: str, collection: int | None) -> int:
        """The word's postings (in the collection), summed from its kept counts per year and
        collection (migration 0015's triggers keep them in the postings' own transaction): a
        range of one word's rows, where counting the postings themselves in a collection reads
        the word's whole list (160,000 for a common word, 22 ms) to keep the collection's few."""
        cache = session.info.setdefault("posting_counts", {})
        if (word, collection) not in cache:
            query = select(func.coalesce(func.sum(word_years.c.events), 0)).where(word_years.c.lexeme == word)
            if collection is not None:
                query = query.where(word_years.c.collection_id == collection)
            cache[(word, collection)] = int(session.execute(query).scalar_one())
        return cache[(word, collection)]

    def count(self, session, user_query, cap, collection=None):
        """A search of one word: its kept total; of several, the matches counted up to `cap`."""
        words = set(self.lexemes(session, user_query))
        if len(words) == 1:
            return min(self._posting_count(session, next(iter(words)), collection), cap)
        return super().count(session, user_query, cap, collection)

    def read(self, session, user_query, low, high, collection=None) -> SearchRead:
        source, where = self._postings(session, user_query, collection)
        day, seq = source.c.date_start, source.c.seq
        return SearchRead(
            source=source,
            where=(*where, *_days(day, low, high)),
            seq=seq,
            day=day,
            order=(day, seq),
            day_key=day,
            day_of=lambda value: value,
            joined=lambda event_table: (day, seq),
            after=lambda after_day, after_seq: tuple_(day, seq) > tuple_(after_day, after_seq),
            within=lambda range_low, range_high: _days(day, range_low, range_high),
            before=lambda last_day, last_seq: tuple_(day, seq) < tuple_(last_day, last_seq),
            importance=source.c.importance,
        )

    def probe(self, session, event_table, user_query):
        """The event has a posting of each of the query's words, at its start day and number: one
        look-up of the postings' key per word (reading the event's document instead would fetch
        and unpack it, 200 ms for the thousands of long events that reach into a period)."""
        words = self.lexemes(session, user_query)
        if not words:
            return false()
        clauses = []
        for word in sorted(set(words)):
            posting = postings.alias()
            # OFFSET 0 keeps the planner from turning the probe into a join that reads all of the
            # word's postings (a hash of 160,000 for a common word, 450 ms) where the caller
            # walks a few events in order and stops: a probe is one look-up per event.
            clauses.append(select(posting.c.seq).where(posting.c.lexeme == word,
                                                       posting.c.date_start == event_table.date_start,
                                                       posting.c.seq == event_table.seq).offset(0).exists())
        return and_(*clauses)

    def _count_query(self, session, user_query, cap, collection):
        source, where = self._postings(session, user_query, collection)
        return select(source.c.seq).where(*where).limit(cap)

    def year_counts(self, session, user_query, collection, low, high, first_year, last_year):
        """A one-word search's whole years from the kept counts (migration 0015), each a row of one
        index range; the years the view cuts (and every year of a search of several words, whose
        matches no kept count knows) as one range count of the postings per year, all in one
        statement of a fixed shape (fifty years' subqueries built one by one cost 10 ms of Python a
        request)."""
        words = self.lexemes(session, user_query)
        whole_from = first_year if low is None or low <= dt.date(first_year, 1, 1) else low.year + 1
        whole_to = last_year if high is None or high >= dt.date(last_year, 12, 31) else high.year - 1
        if len(words) != 1 or whole_from > whole_to:
            return self._year_counts_by_ranges(session, user_query, collection, low, high, first_year, last_year)
        found = {year: count for year, count in self._kept_years(session, words[0], collection).items()
                 if whole_from <= year <= whole_to}
        for edge_from, edge_to in ((first_year, whole_from - 1), (whole_to + 1, last_year)):
            if edge_from <= edge_to:  # at most one year at each end
                found.update(self._year_counts_by_ranges(session, user_query, collection, low, high, edge_from, edge_to))
        return found

    def kept_total(self, session, user_query, collection, low, high):
        """A one-word search: its kept total, or its whole years' kept counts and a range count of
        each year the dates cut (a collection's matches of a common word are otherwise counted by
        reading the word's whole list, 22 ms)."""
        words = set(self.lexemes(session, user_query))
        if len(words) != 1:
            return None
        if low is None and high is None:
            return self._posting_count(session, next(iter(words)), collection)
        years = self.year_counts(session, user_query, collection, low, high,
                                 low.year if low is not None else dt.MINYEAR,
                                 high.year if high is not None else dt.MAXYEAR)
        return sum(years.values())

    @staticmethod
    def _kept_years(session: Session, word: str, collection: int | None) -> dict[int, int]:
        """The word's kept count of every year (in one collection), read once per session: an
        overview's page, its background and its yearly counts ask for three spans of them, each
        a part of the same index range (the word's rows, fifty years of them)."""
        cache = session.info.setdefault("kept_word_years", {})
        if (word, collection) not in cache:
            kept = select(word_years.c.year, func.sum(word_years.c.events)).where(word_years.c.lexeme == word)
            if collection is not None:
                kept = kept.where(word_years.c.collection_id == collection)
            cache[(word, collection)] = {int(year): int(count) for year, count in
                                         session.execute(kept.group_by(word_years.c.year).order_by(word_years.c.year))
                                         if count}
        return cache[(word, collection)]

    def _year_counts_by_ranges(self, session, user_query, collection, low, high, first_year, last_year):
        """Matches per year from the postings, one range count per year: the years the kept
        counts cannot answer (cut by the view, or a search of several words). Kept for the
        session: an overview's page count and its yearly counts ask for the same year it starts in."""
        cache = session.info.setdefault("ranged_word_years", {})
        key = (user_query, collection, low, high, first_year, last_year)
        if key not in cache:
            cache[key] = self._count_years_by_ranges(session, user_query, collection, low, high, first_year, last_year)
        return dict(cache[key])

    def _count_years_by_ranges(self, session, user_query, collection, low, high, first_year, last_year):
        source, where = self._postings(session, user_query, collection)
        years = func.generate_series(literal(first_year), literal(last_year)).table_valued("year").render_derived()
        start = func.make_date(years.c.year, 1, 1)
        end = func.make_date(years.c.year, 12, 31)
        if low is not None:
            start = func.greatest(start, low)
        if high is not None:
            end = func.least(end, high)
        counted = (select(func.count()).select_from(source)
                   .where(*where, source.c.date_start >= start, source.c.date_start <= end).scalar_subquery())
        return {int(year): int(count) for year, count in session.execute(select(years.c.year, counted)) if count}

    def matching_seqs(self, session, user_query):
        rows = session.execute(select(event_documents.c.seq).where(self._matches(user_query)))
        return sorted(row[0] for row in rows)

    def rebuild(self, connection) -> None:
        # The postings are rewritten set-based; their statement triggers would unpack every
        # document twice more (ALTER TABLE ... TRIGGER is transactional: readers see either state).
        connection.exec_driver_sql("ALTER TABLE event_search DISABLE TRIGGER USER")
        connection.exec_driver_sql("ALTER TABLE search_posting DISABLE TRIGGER USER")
        connection.exec_driver_sql("DELETE FROM search_posting")
        connection.exec_driver_sql("DELETE FROM event_search")
        connection.exec_driver_sql(f"INSERT INTO event_search(seq, date_start, document, collection_id) "
                                   f"SELECT e.seq, e.date_start, {POSTGRES_DOCUMENT}, e.collection_id "
                                   f"FROM event e WHERE e.status = 'active'")
        connection.exec_driver_sql(f"INSERT INTO search_posting(lexeme, date_start, seq, collection_id, importance) "
                                   f"{POSTINGS_FROM_DOCUMENTS}")
        connection.exec_driver_sql("DELETE FROM search_word_year")
        connection.exec_driver_sql(f"INSERT INTO search_word_year(lexeme, collection_id, year, events) {WORD_YEARS}")
        connection.exec_driver_sql("ALTER TABLE search_posting ENABLE TRIGGER USER")
        connection.exec_driver_sql("ALTER TABLE event_search ENABLE TRIGGER USER")

    def drift(self, session, limit) -> list[str]:
        rows = session.execute(text(
            f"WITH wanted AS (SELECT e.seq, e.date_start, ({POSTGRES_DOCUMENT})::text AS document, "
            f"e.collection_id FROM event e WHERE e.status = 'active'), "
            f"kept AS (SELECT seq, date_start, document::text AS document, collection_id FROM event_search) "
            f"(SELECT 'missing or different', * FROM wanted EXCEPT SELECT 'missing or different', * FROM kept) "
            f"UNION ALL (SELECT 'stale', * FROM kept EXCEPT SELECT 'stale', * FROM wanted) LIMIT :limit"),
            {"limit": limit})
        found = [f"{kind}: event {seq} from {day}" for kind, seq, day, _, _ in rows]
        rows = session.execute(text(
            f"WITH wanted AS ({POSTINGS_FROM_DOCUMENTS}), "
            f"kept AS (SELECT lexeme, date_start, seq, collection_id, importance FROM search_posting) "
            f"(SELECT 'missing or different', * FROM wanted EXCEPT SELECT 'missing or different', * FROM kept) "
            f"UNION ALL (SELECT 'stale', * FROM kept EXCEPT SELECT 'stale', * FROM wanted) LIMIT :limit"),
            {"limit": limit})
        found += [f"search posting {kind}: '{word}' of event {seq} from {day}" for kind, word, day, seq, _, _ in rows]
        rows = session.execute(text(
            f"WITH wanted AS ({WORD_YEARS}), kept AS (SELECT lexeme, collection_id, year, events FROM search_word_year) "
            f"(SELECT 'missing or different', * FROM wanted EXCEPT SELECT 'missing or different', * FROM kept) "
            f"UNION ALL (SELECT 'stale', * FROM kept EXCEPT SELECT 'stale', * FROM wanted) LIMIT :limit"),
            {"limit": limit})
        found += [f"search word count {kind}: '{word}' in collection {collection}, {year}: {count}"
                  for kind, word, collection, year, count in rows]
        return found[:limit]


# Every document's lexemes (tsvector_to_array gives each once) with the event's importance, as the
# triggers of migrations 0011 and 0014 add them.
POSTINGS_FROM_DOCUMENTS = ("SELECT l.word, s.date_start, s.seq, s.collection_id, coalesce(e.importance, 0) "
                           "FROM event_search s LEFT JOIN event e ON e.seq = s.seq, "
                           "unnest(tsvector_to_array(s.document)) AS l(word)")


# Each word's postings per (collection, start year), as migration 0015 keeps them.
WORD_YEARS = ("SELECT lexeme, collection_id, extract(year FROM date_start)::integer, count(*) "
              "FROM search_posting GROUP BY 1, 2, 3")


def compare_counts(kept: Counter, counted: Counter, limit: int) -> list[str]:
    """'key: kept N, counted M' for every key whose two numbers differ, at most `limit`."""
    keys = sorted({k for k in kept if kept[k]} | {k for k in counted if counted[k]}, key=str)
    return [f"{key}: kept {kept.get(key, 0)}, counted {counted.get(key, 0)}"
            for key in keys if kept.get(key, 0) != counted.get(key, 0)][:limit]
