"""The matching events that start before a view's first day and still reach into it: their keys
(start day, sequence number, importance), read once per request.

A period's page asks three things of them: how many there are (the page's count, then the
explorer's "also listed" note), the first ones in date order (the list), and the most important
(the time axis). The set is small — a bounded window per span class (plan.reaching_in_clause)
and the few open-ended events — and the list already read all of it to sort it here; one read
with the importance answers the three.
"""

from __future__ import annotations

import datetime as dt

from app.db.rows import plain_rows
from app.models import Event
from app.queries.plan import Plan

MEMO = "reaching_in"


def reaching_in_keys(plan: Plan, low: dt.date) -> list[tuple[dt.date, int, int]]:
    """(start day, seq, importance) of every matching event that starts before `low` and
    reaches into the range from it, kept in the session (a page asks within one)."""
    known = plan.session.info.setdefault(MEMO, {})
    key = (plan.filters, low)
    if key not in known:
        # Plain tuples (app/db/rows.py): they are sorted here by day or by importance, thousands at most.
        known[key] = plain_rows(plan.session, plan.earlier_read(low, Event.date_start, Event.seq, Event.importance))
    return known[key]
