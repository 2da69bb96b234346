"""The Date-F1 benchmark's day picking: each ranking picks the days it promises, and nothing from
outside a timeline's span counts (an editor's timeline of February is not scored on March)."""

import datetime as dt

from bench.tls_dates import pick_days

D = dt.date
FIRST, LAST = D(2011, 2, 1), D(2011, 2, 28)
# (event's day, event id, importance, reporting article, the article's publication day)
REPORTS = [
    (D(2011, 2, 3), "e1", 70, "a1", D(2011, 2, 4)),   # one report, very important
    (D(2011, 2, 9), "e2", 30, "a2", D(2011, 2, 10)),  # three reports, middling
    (D(2011, 2, 9), "e2", 30, "a3", D(2011, 2, 11)),
    (D(2011, 2, 9), "e3", 20, "a4", D(2011, 2, 12)),
    (D(2011, 2, 20), "e4", 10, "a5", D(2011, 2, 21)),
    (D(2011, 3, 2), "e5", 90, "a6", D(2011, 3, 3)),   # outside the span
    (D(2011, 2, 25), "e6", 95, "a7", D(2011, 3, 1)),  # inside, but told after the span ended
]
PUBLISHED = [D(2011, 2, 14)] * 4 + [D(2011, 2, 10)] * 2 + [D(2011, 3, 3)] * 9


def test_importance_ranks_days_by_their_best_event():
    assert pick_days("importance", PUBLISHED, REPORTS, FIRST, LAST, 2) == [D(2011, 2, 3), D(2011, 2, 9)]


def test_reports_rank_days_by_the_articles_that_report_them():
    assert pick_days("reports", PUBLISHED, REPORTS, FIRST, LAST, 2) == [D(2011, 2, 9), D(2011, 2, 3)]


def test_the_baseline_ranks_days_by_articles_published():
    assert pick_days("published", PUBLISHED, REPORTS, FIRST, LAST, 3) == [D(2011, 2, 14), D(2011, 2, 10)]


def test_days_and_reports_outside_the_span_never_count():
    picked = pick_days("importance", PUBLISHED, REPORTS, FIRST, LAST, 10)
    assert D(2011, 3, 2) not in picked and D(2011, 2, 25) not in picked
    assert picked == [D(2011, 2, 3), D(2011, 2, 9), D(2011, 2, 20)]
