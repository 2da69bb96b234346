"""The keys of a view's matching events (sequence number, start day, importance), read once per
request and shared.

The explorer reads every key of a small view to pick each bucket's most important events; the
time axis of the same view then wants the most important of the same events. Reading them again
costs a second pass over the search index or the date index, joined to the events for their
importance (a common word's year: 3,000 look-ups of an event), or a walk down the importance
index that a search within a collection turns into a read of the whole collection: the axis
takes them from here when the explorer has read them.

Days stay ISO strings (they sort as dates, and thousands of them are not parsed one by one).
The keys are kept in the session, as other per-request answers are (app/queries/plan.py): a page
asks within one session, and nothing writes in it between the questions.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import String, cast

from app.db.rows import plain_rows
from app.queries.plan import Plan

MEMO = "view_keys"
RANKED = "view_keys_ranked"


class Key(NamedTuple):
    """A chosen event's key in the shape of a result row (`most_important`'s keys)."""

    seq: int
    importance: int
    date_start: dt.date


def read_keys(plan: Plan, low: dt.date | None, high: dt.date | None) -> list[tuple[int, str, int]]:
    """(seq, ISO start day, importance) of every matching event starting in [low, high], kept
    for `most_important_keys`."""
    source, importance = plan.ranked_source(low, high)
    # Plain tuples (app/db/rows.py): thousands of them, unpacked and sorted right away.
    keys = plain_rows(plan.session, source.query.with_only_columns(source.seq, cast(source.day, String), importance))
    plan.session.info.setdefault(MEMO, {})[(plan.filters, low, high)] = keys
    plan.session.info.pop(RANKED, None)  # ranked from keys read before
    return keys


def most_important_keys(plan: Plan, low: dt.date | None, high: dt.date | None, limit: int) -> list[Key] | None:
    """The `limit` most important matching events starting in [low, high], in the order
    (importance descending, start day, seq), from keys already read for a range that holds
    [low, high]; None when none were."""
    best = ranked_keys(plan, low, high, limit)
    if best is None:
        return None
    return [Key(seq, -negative, dt.date.fromisoformat(day)) for negative, day, seq in best]


def ranked_keys(plan: Plan, low: dt.date | None, high: dt.date | None,
                limit: int) -> list[tuple[int, str, int]] | None:
    """The `limit` first keys starting in [low, high] in the order (importance descending, start
    day, seq), as (-importance, ISO start day, seq), from keys already read for a range that holds
    [low, high]; None when none were. Kept in the session with the keys: the explorer's buckets
    take their best from the time axis's events where those hold them (app/queries/timeline.py),
    and the axis asks for the same ones after."""
    memo = plan.session.info.get(MEMO, {})
    for (filters, read_low, read_high), keys in memo.items():
        if filters != plan.filters or not _holds(read_low, read_high, low, high):
            continue
        ranked = plan.session.info.setdefault(RANKED, {})
        asked = (filters, read_low, read_high, low, high, limit)
        if asked not in ranked:
            ranked[asked] = _first_in_order(keys, low, high, limit)
        return ranked[asked]
    return None


def _first_in_order(keys: list[tuple[int, str, int]], low: dt.date | None, high: dt.date | None,
                    limit: int) -> list[tuple[int, str, int]]:
    """heapq.nsmallest(limit, (-importance, day, seq) of the keys starting in [low, high]), for
    thousands of keys: the `limit` first can only be keys at least as important as the
    limit-th most important one, so only those are made into tuples and sorted (a sort of plain
    integers first, in C), where nsmallest compared every key's tuple in a loop of Python."""
    if not keys or limit <= 0:
        return []
    if low is None and high is None:
        inside = keys
    else:
        first = low.isoformat() if low is not None else ""
        last = high.isoformat() if high is not None else "\uffff"
        inside = [key for key in keys if first <= key[1] <= last]
    if len(inside) > limit:
        importances = sorted([importance for _seq, _day, importance in inside])
        least = importances[-limit]  # the limit-th most important: no key less important is among the first
        return sorted([(-importance, day, seq) for seq, day, importance in inside if importance >= least])[:limit]
    return sorted([(-importance, day, seq) for seq, day, importance in inside])


def _holds(read_low: dt.date | None, read_high: dt.date | None, low: dt.date | None, high: dt.date | None) -> bool:
    """Whether the range read, [read_low, read_high], holds [low, high] (None: unbounded)."""
    starts_before = read_low is None or (low is not None and read_low <= low)
    ends_after = read_high is None or (high is not None and high <= read_high)
    return starts_before and ends_after
