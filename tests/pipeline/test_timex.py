"""The temporal expression tagger (app.pipeline.timex) and its TempEval-3 benchmark scorer.

No database, no spaCy, nothing timed: every sentence here is written for the test, with a DCT.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from app.pipeline.timex import interval, tag, tag_as_json
from app.pipeline.types import DateInterval, Timex

DCT = dt.date(2023, 9, 19)  # a Tuesday
FIXTURES = Path(__file__).parent / "fixtures" / "tempeval3_platinum"
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(REPO_ROOT))

# Value F1 of the tagger on the three fixture platinum files, measured when the floor was set
# (0.711 then); a drop below this floor means a rule broke.
FIXTURE_VALUE_F1_FLOOR = 0.70


def only(text: str, dct: dt.date = DCT) -> Timex:
    found = tag(text, dct)
    assert len(found) == 1, found
    return found[0]


def values(text: str, dct: dt.date = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag(text, dct)]


# --- the brief's examples ----------------------------------------------------------------------


def test_weekday_in_past_reporting_is_the_dct_itself():
    t = only("Azerbaijan took the offensive Tuesday")
    assert (t.text, t.type, t.value) == ("Tuesday", "DATE", "2023-09-19")
    assert t.anchor == DCT
    assert interval(t) == DateInterval(DCT, DCT, "day")


def test_month_alone_in_past_context():
    t = only("Blinken met officials in June")
    assert (t.text, t.value, t.signal) == ("June", "2023-06", "in")
    assert interval(t) == DateInterval(dt.date(2023, 6, 1), dt.date(2023, 6, 30), "month")


def test_last_year():
    t = only("Last year, X began a blockade")
    assert (t.text, t.value) == ("Last year", "2022")
    assert interval(t).precision == "year"


@pytest.mark.parametrize("text, value, start", [
    # the anniversary's week, month or day, so many years back: one expression ("this week" alone is now)
    ("who seized power 13 years ago this week", "2010-W38", dt.date(2010, 9, 20)),
    ("A year ago this month, rebels took the town.", "2022-09", dt.date(2022, 9, 1)),
    ("Ten years ago today the war began.", "2013-09-19", dt.date(2013, 9, 19)),
])
def test_years_ago_this_week_is_that_week_of_the_year(text, value, start):
    t = only(text)
    assert (t.value, interval(t).start) == (value, start)


def test_an_hour_later_after_a_weekday_is_the_narrative_going_on_not_the_future():
    # "an hour later" (a step of the story) must not turn Monday's news into next Monday's
    found = values("The first news of the sinking reached the capital of the province shortly after 1 o’clock Monday afternoon. "
                   "Less than an hour later the company confirmed it.")
    assert found[0] == ("Monday afternoon", "TIME", "2023-09-18TAF")


def test_weekday_in_future_context():
    t = only("a meeting which will take place on Thursday")
    assert (t.value, t.signal) == ("2023-09-21", "on")


@pytest.mark.parametrize("text", [
    "the two delegations meet in Kessa on Thursday",
    "the assembly reconvenes on Thursday",
    "the envoy arrives in the capital on Thursday",
])
def test_a_weekday_after_a_present_of_arrangement_is_the_coming_one(text):
    # the simple present of a meeting or a journey with a weekday tells what is arranged to come
    assert only(text).value == "2023-09-21"


def test_month_of_arrest_warrant():
    assert values("an arrest warrant for Putin in March") == [("March", "DATE", "2023-03")]


def test_since_opens_the_interval():
    t = only("under control since 1994")
    assert (t.text, t.value, t.signal, t.anchor) == ("1994", "1994", "since", None)
    iv = interval(t)
    assert iv == DateInterval(dt.date(1994, 1, 1), dt.date(1994, 12, 31), "year", open_end=True)


def test_duration_and_year():
    assert values("war broke out for six weeks in 2020") == [
        ("six weeks", "DURATION", "P6W"),
        ("2020", "DATE", "2020"),
    ]


def test_vague_duration():
    t = only("Azerbaijan has for months been blockading the corridor")
    assert (t.text, t.type, t.value, t.signal) == ("months", "DURATION", "PXM", "for")
    assert interval(t) is None
    assert values("after months of blockade") == [("months", "DURATION", "PXM")]


# --- tricky cases ----------------------------------------------------------------------------


def test_december_from_a_january_dct_is_last_year():
    assert values("Talks collapsed in December", dt.date(2024, 1, 10)) == [("December", "DATE", "2023-12")]


def test_future_month_goes_forward():
    assert values("The report is due to be published in May", dt.date(2023, 9, 19)) == [("May", "DATE", "2024-05")]


def test_next_tuesday_on_a_tuesday_is_a_week_later():
    assert values("They will meet again next Tuesday") == [("next Tuesday", "DATE", "2023-09-26")]


def test_last_tuesday_on_a_tuesday_is_a_week_earlier():
    assert values("They met last Tuesday") == [("last Tuesday", "DATE", "2023-09-12")]


def test_this_weekend_told_in_the_past_on_a_weekday_is_the_weekend_just_gone():
    monday = dt.date(1994, 1, 3)  # the weekend before it: 1 and 2 January (ISO week 1993-W52)
    assert values("Rebels seized four towns this weekend", monday) == [("this weekend", "DATE", "1993-W52-WE")]
    assert values("Talks will resume this weekend", monday) == [("this weekend", "DATE", "1994-W01-WE")]
    saturday = dt.date(1994, 1, 8)
    assert values("Rebels seized four towns this weekend", saturday) == [("this weekend", "DATE", "1994-W01-WE")]


def test_the_older_spelling_week_end_is_a_weekend():
    thursday = dt.date(1980, 8, 28)
    assert values("Last week-end special troops arrived", thursday) == [("Last week-end", "DATE", "1980-W34-WE")]
    assert values("Police raided the camp over the week-end", thursday) == [("the week-end", "DATE", "1980-W34-WE")]


def test_may_as_modal_verb_is_not_a_month():
    assert tag("Russia may attack again", DCT) == []
    assert tag("May the talks succeed.", DCT) == []


def test_march_as_verb_or_noun_is_not_a_month():
    assert tag("Thousands of protesters march through Yerevan", DCT) == []
    assert tag("The March was peaceful.", DCT) == []


def test_possessive_weekday():
    t = only("Monday's attack killed two soldiers")
    assert (t.text, t.value) == ("Monday", "2023-09-18")


def test_numbers_that_are_not_years():
    assert tag("Azerbaijani forces took over 60 military posts", DCT) == []
    assert tag("Some 2000 people fled; casualties rose by 1500.", DCT) == []
    assert tag("The dam holds 1,994 cubic metres", DCT) == []


def test_year_ranges():
    assert values("the pandemic of 2009-2010 and the expedition of 1957-58") == [
        ("2009", "DATE", "2009"),
        ("2010", "DATE", "2010"),
        ("1957", "DATE", "1957"),
        ("58", "DATE", "1958"),
    ]


# --- explicit dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It happened on September 19, 2023.", "September 19, 2023", "2023-09-19"),
        ("It happened on 19 September 2023.", "19 September 2023", "2023-09-19"),
        ("It happened on Sept. 19.", "Sept. 19", "2023-09-19"),
        ("It happened on 9/19/2023.", "9/19/2023", "2023-09-19"),
        ("It happened on 2023-09-19.", "2023-09-19", "2023-09-19"),
        ("The ceasefire was agreed on the 19th.", "the 19th", "2023-09-19"),
        ("The ceasefire was agreed on the 12th, officials said.", "the 12th", "2023-09-12"),
        ("Fighting resumed on Dec. 28", "Dec. 28", "2022-12-28"),
        ("The vote was held in May 2010.", "May 2010", "2010-05"),
        ("Elections are set for Tuesday, Oct. 3.", "Tuesday, Oct. 3", "2023-10-03"),
        ("in the 1990s", "the 1990s", "199"),
        ("Prices fell in mid-2022", "mid-2022", "2022"),
        ("for much of the 20th century", "20th century", "19"),
    ],
)
def test_explicit_dates(text, span, value):
    t = only(text)
    assert (t.text, t.value) == (span, value)
    assert t.type == "DATE"


def test_absolute_dates_have_no_anchor():
    assert only("It happened on September 19, 2023.").anchor is None
    assert only("It happened on Sept. 19.").anchor == DCT  # the year came from the DCT


# --- relative dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "type_", "value"),
    [
        ("Officials said today that", "today", "DATE", "2023-09-19"),
        ("Shelling continued yesterday", "yesterday", "DATE", "2023-09-18"),
        ("Talks resume tomorrow", "tomorrow", "DATE", "2023-09-20"),
        ("He will speak tonight", "tonight", "TIME", "2023-09-19TNI"),
        # the night just past, as "last night" is
        ("Rebels shelled the port overnight", "overnight", "TIME", "2023-09-18TNI"),
        ("An overnight raid killed 13 people", "overnight", "TIME", "2023-09-18TNI"),
        ("this year", "this year", "DATE", "2023"),
        ("Prices will rise next month", "next month", "DATE", "2023-10"),
        ("The talks failed last week", "last week", "DATE", "2023-W37"),
        ("It grew over the past three years", "the past three years", "DURATION", "P3Y"),
        ("It grew in recent years", "recent years", "DURATION", "PXY"),
        ("The town fell a decade ago", "a decade ago", "DATE", "2013"),
        ("Two days ago the town fell", "Two days ago", "DATE", "2023-09-17"),
        ("The army said earlier this month", "earlier this month", "DATE", "2023-09"),
        ("The blockade began late last year", "late last year", "DATE", "2022"),
        ("They arrested him in early August", "early August", "DATE", "2023-08"),
        ("He was re-elected last summer", "last summer", "DATE", "2022-SU"),
        ("Profit fell in the third quarter", "the third quarter", "DATE", "2023-Q3"),
        ("The offensive came on Friday morning", "Friday morning", "TIME", "2023-09-15TMO"),
        # the cables' "last evening" is yesterday's, as "last night" is
        ("The general was shot at six o'clock last evening", "last evening", "TIME", "2023-09-18TEV"),
        # "later" before a past verb is the story's next step, no sign of a day to come
        ("He was rushed to hospital on Sunday night, but later died", "Sunday night", "TIME", "2023-09-17TNI"),
        ("The deadline expires at the end of the year", "the end of the year", "DATE", "2023"),
    ],
)
def test_relative_dates(text, span, type_, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, type_, value)
    assert t.anchor == DCT


def test_overnight_beside_a_named_day_is_that_days_night_not_a_date_of_its_own():
    assert [t.text for t in tag("Fighting raged overnight from Saturday to Sunday", DCT)] == ["Saturday", "Sunday"]
    assert [t.text for t in tag("The port was shelled on Tuesday overnight", DCT)] == ["Tuesday"]


def test_modifiers_set_mod():
    assert only("The blockade began late last year").mod == "END"
    assert only("Prices fell in mid-2022").mod == "MID"
    assert only("They arrested him in early August").mod == "START"


# --- durations, times, sets, references -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("a sentence of 90 days", "90 days", "P90D"),
        ("for twenty-five years", "twenty-five years", "P25Y"),
        ("a four-week pause", "four-week", "P4W"),
        ("held for 24 hours", "24 hours", "PT24H"),
        ("it took several weeks", "several weeks", "PXW"),
        ("a post he held for nearly seven years", "nearly seven years", "P7Y"),
        ("it lasted a decade", "a decade", "P10Y"),
    ],
)
def test_durations(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_age_is_not_a_duration():
    assert tag("a 20-year-old soldier was killed", DCT) == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The strike began at 3 p.m.", "3 p.m.", "2023-09-19T15:00"),
        ("The strike began at 10:30 GMT", "10:30 GMT", "2023-09-19T10:30"),
        ("The talks were postponed until 15:00 GMT Saturday", "15:00 GMT Saturday", "2023-09-23T15:00"),
    ],
)
def test_times(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "TIME", value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Convoys arrive every week", "every week", "P1W"),
        ("a weekly meeting", "weekly", "P1W"),
        ("shelling occurs daily", "daily", "P1D"),
        ("he checks every morning", "every morning", "XXXX-XX-XXTMO"),
        ("they meet each Thursday", "each Thursday", "XXXX-WXX-4"),
    ],
)
def test_sets(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "SET", value)
    assert interval(t) is None


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The town is now under siege", "now", "PRESENT_REF"),
        ("He is currently detained", "currently", "PRESENT_REF"),
        ("He recently returned", "recently", "PAST_REF"),
        ("as in the past", "the past", "PAST_REF"),
        ("in the future", "the future", "FUTURE_REF"),
    ],
)
def test_references(text, span, value):
    t = only(text)
    assert (t.text, t.type, t.value) == (span, "DATE", value)
    assert interval(t) is None


def test_former_is_not_tagged():
    # TimeBank never annotates "former" (34 occurrences in the training set, none tagged)
    assert tag("the former president", DCT) == []


def test_fiscal_quarters_and_halves():
    dct = dt.date(1989, 10, 26)
    assert values("third-quarter profit rose", dct) == [("third-quarter", "DATE", "1989-Q3")]
    assert values("net income in the quarter fell", dct) == [("the quarter", "DATE", "1989-Q3")]
    assert values("sales in the first half of 1989", dct) == [("the first half of 1989", "DATE", "1989-H1")]
    assert values("profit in fiscal 1989", dct) == [("fiscal 1989", "DATE", "1989")]
    iv = interval(only("third-quarter profit rose", dct))
    assert iv == DateInterval(dt.date(1989, 7, 1), dt.date(1989, 9, 30), "month")


def test_fourth_quarter_reported_in_february_is_last_year():
    assert values("Profit fell in the fourth quarter", dt.date(2024, 2, 10)) == [
        ("the fourth quarter", "DATE", "2023-Q4")
    ]


# --- API contract ---------------------------------------------------------------------------------


def test_offsets_sorted_and_non_overlapping():
    text = ("On Tuesday, Sept. 19, Azerbaijan launched what it called an anti-terrorist operation. "
            "Since 1994 the region had been held by Armenian forces; last year a blockade began, "
            "and for months the only road was closed. Talks will take place on Thursday at 3 p.m.")
    found = tag(text, DCT)
    assert found
    for t in found:
        assert text[t.start:t.end] == t.text
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_signal_is_the_preposition_before():
    found = {t.text: t.signal for t in tag("From 2020 until March, and during the 1990s", DCT)}
    assert found == {"2020": "from", "March": "until", "the 1990s": "during"}
    assert interval(tag("From 2020 onwards", DCT)[0]).open_end is True


def test_tag_as_json():
    assert tag_as_json("The talks failed last week", DCT) == [
        {"start": 17, "end": 26, "text": "last week", "type": "DATE", "value": "2023-W37"}
    ]


def test_week_intervals_and_seasons():
    week = only("The talks failed last week")
    assert interval(week) == DateInterval(dt.date(2023, 9, 11), dt.date(2023, 9, 17), "day")
    summer = only("He was re-elected last summer")
    assert interval(summer) == DateInterval(dt.date(2022, 6, 1), dt.date(2022, 8, 31), "month")


def test_the_fall_of_a_city_is_no_season():
    assert [t.text for t in tag("The fall of Kessa gave the rebels the whole valley", DCT)] == []
    assert [t.text for t in tag("After the fall of the capital, the army withdrew", DCT)] == []
    assert [t.value for t in tag("The fall of 2021 was quiet", DCT)] == ["2021-FA"]
    assert [t.text for t in tag("Talks resumed in the fall", DCT)] == ["the fall"]


def test_interval_of_duration_is_none():
    assert interval(only("for six weeks")) is None


# --- the benchmark scorer ---------------------------------------------------------------------------


def test_benchmark_scorer_on_platinum_fixtures():
    from bench.tempeval import evaluate, load_dir, run

    docs = load_dir(FIXTURES)
    assert len(docs) == 3
    for doc in docs:
        for g in doc.gold:
            assert doc.text[g.start:g.end].strip()
    scores = evaluate(docs)
    assert scores["gold"] == 24
    for key in ("strict_f1", "relaxed_f1", "type_f1", "value_f1"):
        assert 0.0 <= scores[key] <= 1.0
    assert scores["strict_f1"] <= scores["relaxed_f1"]
    assert scores["value_f1"] <= scores["relaxed_f1"]
    assert scores["value_f1"] >= FIXTURE_VALUE_F1_FLOOR

    # run() on a folder laid out like the corpus: <dir>/platinum/*.tml
    flat = run(FIXTURES.parent.parent / "fixtures" / "__no_such__")
    assert flat == {}


def test_benchmark_run_with_corpus_layout(tmp_path):
    import shutil

    from bench.tempeval import run

    (tmp_path / "platinum").mkdir()
    for p in FIXTURES.glob("*.tml"):
        shutil.copy(p, tmp_path / "platinum" / p.name)
    res = run(tmp_path)
    assert res["platinum_gold"] == 24
    assert "platinum_value_f1" in res and "docs_per_sec" in res
    assert "train_value_f1" not in res


def test_benchmark_missing_corpus_is_graceful(tmp_path, capsys, monkeypatch):
    from bench import tempeval

    monkeypatch.setenv("TEMPEVAL3_DIR", str(tmp_path / "nowhere"))
    assert tempeval.main([]) == 0
    out = capsys.readouterr().out.strip()
    assert "not found" in out
    assert len(out.splitlines()) == 1
    assert tempeval.main(["--corpus", str(tmp_path / "nowhere")]) == 0


# --- a weekday inside a name ----------------------------------------------------------------------

def test_a_weekday_that_opens_a_newspapers_name_is_no_date():
    assert values("The minister told the Sunday Times the siege would end.") == []
    assert values("He spoke to Britain's Sunday Telegraph newspaper.") == []
    # the same weekday before an event word, or after "on", is still a date
    assert values("The Sunday attack killed five soldiers.") == [("Sunday", "DATE", "2023-09-17")]
    assert values("On Sunday Assad said the army would win.") == [("Sunday", "DATE", "2023-09-17")]
    assert values("The Sunday Times reported on Monday that talks had failed.") == [("Monday", "DATE", "2023-09-18")]


def test_early_mid_and_late_name_a_third_of_their_period():
    dct = dt.date(1996, 11, 27)
    found = {t.text: interval(t) for t in tag(
        "Late last month rebels attacked. In early March troops withdrew. In mid-October talks began. "
        "At the end of last year a truce held.", dct)}
    assert (found["Late last month"].start, found["Late last month"].end) == (dt.date(1996, 10, 21), dt.date(1996, 10, 31))
    assert (found["early March"].start, found["early March"].end) == (dt.date(1996, 3, 1), dt.date(1996, 3, 10))
    assert (found["mid-October"].start, found["mid-October"].end) == (dt.date(1996, 10, 11), dt.date(1996, 10, 20))
    assert (found["the end of last year"].start, found["the end of last year"].end) == (dt.date(1995, 9, 1), dt.date(1995, 12, 31))
    assert found["Late last month"].precision == "month"  # still "in October", as the text says


def test_a_part_of_a_season_or_quarter_is_a_third_of_its_days():
    for text in ("The offensive began in late summer", "Talks resumed in early winter",
                 "Sales fell in the middle of the third quarter", "Fighting flared in late spring"):
        for found in tag(text, DCT):
            iv = interval(found)
            assert iv is None or iv.start <= iv.end
    [late_summer] = tag("The offensive began in late summer", DCT)
    iv = interval(late_summer)
    assert (iv.start, iv.end) == (dt.date(2023, 7, 31), dt.date(2023, 8, 31))  # the last 32 of 92 days


@pytest.mark.parametrize("text, value", [
    ("The first raid came last April 13.", "2023-04-13"),
    ("It was signed last December 24.", "2022-12-24"),  # the last 24 December before the document's day
    ("The envoy returns next March 2.", "2024-03-02"),
    ("The vote is set for this October 8.", "2023-10-08"),
])
def test_a_month_and_day_with_last_next_or_this_is_that_day(text, value):
    t = only(text)
    assert (t.value, interval(t).precision) == (value, "day")


@pytest.mark.parametrize("text, value, words", [
    ("The two armies clashed on the night of 15-16 June.", "2023-06-15", "15-16 June"),
    ("Talks were held from 7 to 9 March 2021 in Geneva.", "2021-03-07", "7 to 9 March 2021"),
])
def test_a_span_of_days_in_one_month_is_dated_by_its_first(text, value, words):
    t = only(text)
    assert (t.text, t.value, interval(t).precision) == (words, value, "day")


@pytest.mark.parametrize("text, value", [
    # the older press's hyphenated spellings
    ("Police raided the house to-day.", "2023-09-19"),
    ("The rebels will be tried to-morrow.", "2023-09-20"),
    ("Fighting went on to-night.", "2023-09-19TNI"),
    # a scanned page's letters read apart
    ("The president called on the rebels yes terday to surrender.", "2023-09-18"),
    ("The garrison surrendered yester day.", "2023-09-18"),
    # ... or its y read as a v
    ("Troops were vesterday poised for an assault on the town.", "2023-09-18"),
])
def test_the_older_spellings_of_today_tomorrow_and_tonight(text, value):
    assert only(text).value == value


@pytest.mark.parametrize("text, years", [
    # a year after a word of time stays a year whatever word follows it
    ("The war that began in 1994 has killed thousands.", ["1994"]),
    ("He was elected in 1990 as president.", ["1990"]),
    ("In 1991 his forces seized the town.", ["1991"]),
    ("In 1999 troops landed on the island.", ["1999"]),
    ("The ceasefire of 1994 was broken.", ["1994"]),
    # a count of people or things is no year
    ("The army sent 1500 soldiers to the border.", []),
    ("Rebels carried out about 1200 raids.", []),
    ("Prices fell in 1999 percent of the towns.", []),
])
def test_a_year_is_told_from_a_count_by_the_words_around_it(text, years):
    assert [t.value for t in tag(text, DCT) if t.type == "DATE"] == years


@pytest.mark.parametrize("text, value", [
    # a bare day after a day with its month, in one sentence, is of that month
    ("The ministry broke off relations on June 19, and war was declared on the 20th.", "2023-06-20"),
    ("The vote was held on 3 March and the results came on the 5th.", "2023-03-05"),
    # alone, the latest such day before the paper
    ("Rebels attacked the post on the 20th.", "2023-08-20"),
])
def test_a_bare_day_of_the_month_takes_the_month_named_before_it(text, value):
    ordinal = [t for t in tag(text, DCT) if t.text.startswith("the ")]
    assert [t.value for t in ordinal] == [value]


@pytest.mark.parametrize("text, years", [
    # a number that counts people across a word or two is no year
    ("As 1800 regular Army troops moved into the city, the toll climbed.", []),
    ("The walk-out, by 2000 European workers demanding more pay, ended.", []),
    # a year before people, with a preposition of time or a determiner after it, stays a year
    ("In 1999 Russian troops entered the town.", ["1999"]),
    ("By 2000 most rebels had surrendered.", ["2000"]),
])
def test_a_number_counting_people_is_no_year(text, years):
    assert [t.value for t in tag(text, DCT)] == years


@pytest.mark.parametrize("text, value", [
    # a part of a bare day of the month
    ("An engagement took place on the morning of the 9th, four ships being damaged.", "2023-09-09"),
    ("During the night of the 8th the squadron attacked the port.", "2023-09-08"),
])
def test_a_part_of_a_bare_day_of_the_month_is_that_day(text, value):
    assert [t.value for t in tag(text, DCT) if t.text.startswith("the ")] == [value]


# --- feasts reckoned from Easter, and weekdays that are names ------------------------------------

@pytest.mark.parametrize("text, dct, expected", [
    # Easter fell on 5 April 1942, 23 April 2000 and 31 March 2024
    ("Earlier raids came on Good Friday and Easter Monday.", dt.date(1942, 6, 16),
     [("Good Friday", "DATE", "1942-04-03"), ("Easter Monday", "DATE", "1942-04-06")]),
    ("Rebels attacked the town on Easter Sunday.", dt.date(2000, 5, 2), [("Easter Sunday", "DATE", "2000-04-23")]),
    ("Marches are planned for Good Friday.", dt.date(2024, 3, 20), [("Good Friday", "DATE", "2024-03-29")]),
    ("Veterans marched on Anzac Day.", dt.date(1942, 6, 16), [("Anzac Day", "DATE", "1942-04-25")]),
    # a feast or a weekday that names an agreement, an offensive or a massacre is no date
    ("The Good Friday Agreement was signed in 1998.", dt.date(2011, 4, 3), [("1998", "DATE", "1998")]),
    ("The Easter Rising began in Dublin.", dt.date(1916, 5, 2), []),
    ("Marchers remembered Bloody Sunday on Sunday.", dt.date(1973, 2, 1), [("Sunday", "DATE", "1973-01-28")]),
])
def test_feasts_reckoned_from_easter_and_named_weekdays(text, dct, expected):
    assert values(text, dct) == expected


@pytest.mark.parametrize("text, found", [
    # a quote mark after a space opens the word: a scan's stray mark or a quotation's first word
    ("Mobs turned the streets into scenes of lawlessness 'yesterday.", [("yesterday", "2023-09-18")]),
    ("He said: 'Tuesday was the worst day.'", [("Tuesday", "2023-09-19")]),
    # inside a word it does not: a contraction or a name is no date
    ("They met at five o'clock.", []),
])
def test_a_word_after_a_quote_mark_is_read(text, found):
    assert [(t.text, t.value) for t in tag(text, DCT) if t.type == "DATE"] == found
