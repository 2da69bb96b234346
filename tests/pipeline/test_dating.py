"""Event dates: the governing timex, else the reporting date, else the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.nlp
DCT = dt.date(2023, 9, 19)  # a Tuesday


def date_of(extract, text, index=0):
    found = extract(text, DCT).events
    assert len(found) > index, [(e.type, e.trigger) for e in found]
    d = found[index].date
    return (str(d.interval.start), str(d.interval.end), d.interval.precision, d.method, d.expression, d.interval.open_end)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Azerbaijan took the offensive Tuesday against rebel positions.",
         ("2023-09-19", "2023-09-19", "day", "relative", "Tuesday", False)),
        ("The envoy met with officials from both countries in June.",
         ("2023-06-01", "2023-06-30", "month", "relative", "June", False)),
        ("Last year, the army began a blockade of the port.",
         ("2022-01-01", "2022-12-31", "year", "relative", "Last year", False)),
        ("War broke out between the two countries for six weeks in 2020.",
         ("2020-01-01", "2020-12-31", "year", "explicit", "2020", False)),
        ("The region had been under rebel control since 1994.",
         ("1994-01-01", "1994-12-31", "year", "explicit", "1994", True)),
        ("An emergency meeting of the Security Council will take place on Thursday.",
         ("2023-09-21", "2023-09-21", "day", "relative", "Thursday", False)),
        # the parser hangs the day on "firing" (read as a participle under "by"): how he was
        # executed, so the execution's day
        ("The rebel commander was executed by firing squad on Sunday.",
         ("2023-09-17", "2023-09-17", "day", "relative", "Sunday", False)),
    ],
)
def test_governing_timex(extract, text, expected):
    assert date_of(extract, text) == expected


def test_reporting_date_only_when_nothing_better(extract):
    assert date_of(extract, "Russia contacted Azerbaijan about the operation, a spokeswoman said Tuesday.") == (
        "2023-09-19", "2023-09-19", "day", "reporting", "Tuesday", False)
    # the event's own date wins over the reporting date
    assert date_of(extract, "Officials said Tuesday that the militia attacked the village in March.")[:4] == (
        "2023-03-01", "2023-03-31", "month", "relative")


def test_inherited_publication_date(extract):
    found = extract("France condemned the attack.", DCT).events
    d = found[0].date
    assert (d.method, d.rule, d.interval.start, d.interval.precision, d.expression) == (
        "inherited", "inherited-dct", DCT, "day", None)


def test_duration_is_not_a_date(extract):
    found = extract("The army, which has for months been blockading the region, attacked it.", DCT).events
    assert found and all(e.date.method == "inherited" for e in found)


def test_date_in_another_clause_does_not_leak(extract):
    text = "Russia, guarantor of the truce reached after the war in 2020, expressed deep concern."
    found = extract(text, DCT).events
    assert [e.type for e in found] == ["statement"]
    assert found[0].date.method == "inherited"


def test_expression_offsets_point_into_text(extract):
    text = "Rebels attacked the town on Monday."
    d = extract(text, DCT).events[0].date
    assert text[d.expression_start:d.expression_end] == "Monday"
    assert d.anchor == DCT and d.timex_value == "2023-09-18"


def test_small_hours_after_a_reported_day_are_the_next_day(extract):
    # Published on Tuesday; the story is Tuesday's and runs on into the night.
    text = ("Rebels shelled the port on Tuesday. By early Wednesday, the garrison had withdrawn from "
            "the harbour.")
    withdrawal = [e for e in extract(text, DCT).events if e.date.expression == "early Wednesday"]
    assert withdrawal and str(withdrawal[0].date.interval.start) == "2023-09-20"


def test_small_hours_alone_keep_the_week_before(extract):
    # Nothing says the story is the publication day's: "early Wednesday" is last Wednesday.
    text = "By early Wednesday, the garrison had withdrawn from the harbour."
    found = extract(text, DCT).events
    assert found and str(found[0].date.interval.start) == "2023-09-13"


def test_a_weekday_without_small_hours_is_not_moved(extract):
    text = "Rebels shelled the port on Tuesday. On Wednesday, the garrison withdrew from the harbour."
    withdrawal = [e for e in extract(text, DCT).events if e.date.expression == "Wednesday"]
    assert withdrawal and str(withdrawal[0].date.interval.start) == "2023-09-13"


@pytest.mark.parametrize("text, start", [
    # a clause told as going on at the same time dates the one it hangs on ...
    ("Four fishermen were killed while navy boats chased them on Sunday.", "2023-09-17"),
    ("Two guards were wounded as mortar fire went on throughout Monday.", "2023-09-18"),
    # ... but "after" names another time, and the report stays undated
    ("Two guards were wounded after the curfew began on Monday.", "2023-09-19"),
])
def test_a_same_time_clause_dates_its_head(extract, text, start):
    found = extract(text, DCT).events
    assert found and str(found[0].date.interval.start) == start, [(e.trigger, e.date.rule) for e in found]


@pytest.mark.parametrize("second, day", [
    ("The next day, gunmen burned the customs office.", dt.date(2023, 9, 15)),
    ("Three days later, gunmen burned the customs office.", dt.date(2023, 9, 17)),
    ("A day earlier, gunmen had burned the customs office.", dt.date(2023, 9, 13)),
    ("Gunmen burned the customs office the previous night.", dt.date(2023, 9, 13)),
])
def test_a_narrative_offset_counts_from_the_day_the_story_last_stated(extract, second, day):
    text = f"Rebels overran the border post at Kessa on Thursday. {second}"
    found = extract(text, DCT).events
    assert found[0].date.interval.start == dt.date(2023, 9, 14)
    assert (found[1].date.interval.start, found[1].date.interval.precision) == (day, "day")


def test_the_previous_night_of_a_report_counts_from_the_day_it_was_reported(extract):
    # DCT is Tuesday 19 September: the council reported on Monday 18 that the night before it
    # (Sunday 17) had seen the cars burned, not the night before the Thursday told first
    text = ("Rebels overran the border post at Kessa on Thursday. "
            "On Monday morning, the town council reported that the previous night had seen 18 people injured.")
    found = extract(text, DCT).events
    burned = [e for e in found if e.date.rule == "narrative-offset"]
    assert burned and burned[0].date.interval.start == dt.date(2023, 9, 17), [(e.title, e.date) for e in found]


def test_undated_news_further_on_is_of_the_day_the_opening_gives(extract):
    # Published Tuesday; the opening gives Sunday. Sentences without a date of their own, past or
    # past perfect, report that day's news, however far down they come.
    text = ("Rebels seized the town of Kessa on Sunday, the army said. "
            "The fighters freed dozens of prisoners from the jail. "
            "Residents fled towards the river. "
            "Officials said 57 people had died in the attack.")
    found = extract(text, DCT).events
    toll = next(e for e in found if e.type == "casualties")
    assert (toll.date.interval.start, toll.date.method) == (dt.date(2023, 9, 17), "discourse")
    # Speech keeps its own day, and what was only said to be coming is not news of Sunday.
    later = extract("Rebels seized the town of Kessa on Sunday. The army will send troops to retake it.", DCT).events
    assert later[-1].date.interval.start != dt.date(2023, 9, 17)


def test_without_a_stated_day_before_it_an_offset_moves_nothing(extract):
    # Nothing narrated before: "the next day" has nothing to count from; the report's own day stands.
    found = extract("The next day, gunmen burned the customs office.", DCT).events
    assert found[0].date.method == "inherited"


def test_a_happening_counted_back_from_the_story_is_an_event_of_its_own_day(extract):
    text = ("A car bomb hit the market in Kessa on Thursday. "
            "The bombing came two days after gunmen raided a police station in the same district.")
    found = extract(text, DCT).events
    assert [e.type for e in found] == ["attack", "attack"]
    assert found[1].date.interval.start == dt.date(2023, 9, 12)  # two days before Thursday the 14th
    # "hours after the attack began" refers back to the bombing: no new happening.
    again = extract("A car bomb hit the market in Kessa on Thursday. Police arrived hours after the attack began.", DCT)
    assert [e.type for e in again.events if e.type == "attack"] == ["attack"]


def test_a_newspapers_weekday_name_does_not_date_what_was_said_to_it(extract):
    # "told the Sunday Times" says where it was said, not when: the statement is the report's own
    start, _, _, method, expression, _ = date_of(
        extract, "The defence minister condemned the shelling of the port, he told the Sunday Times.")
    assert (start, expression) == (str(DCT), None) and method != "relative"


def test_a_live_pages_update_stamp_does_not_date_what_the_line_reports(extract):
    # the page was updated on 3 March; the attack it reports was on Sunday
    found = extract("Fighting went on for a third day in the hills north of the capital, officials said.\n"
                    "Update March 3: Rebels attacked a military base near the border on Sunday.", DCT).events
    attack = next(e for e in found if e.trigger.startswith("attack"))
    assert (str(attack.date.interval.start), attack.date.expression) == ("2023-09-17", "Sunday")


@pytest.mark.parametrize("text, start, precision", [
    ("Monitors say at least 900 villagers have been killed by the militia since the revolt began in May.",
     dt.date(2023, 5, 1), "month"),
    ("The army has detained hundreds of men since fighting broke out on 12 June.", dt.date(2023, 6, 12), "day"),
])
def test_a_toll_counted_from_a_dated_happening_runs_from_that_date(extract, text, start, precision):
    # not the day of the report, and not a happening of that month alone: an open range from it
    found = [e for e in extract(text, DCT).events if e.date.interval.start == start]
    assert found, [(e.title, e.date) for e in extract(text, DCT).events]
    interval = found[0].date.interval
    assert interval.open_end and interval.precision == precision


def test_what_a_toll_is_counted_from_has_happened(extract):
    # 19 September: "on October 7" without a year is the October before, not the one ahead
    text = "The two armies have traded fire almost daily since militants raided the border post on October 7."
    found = [e for e in extract(text, DCT).events if e.date.interval.open_end]
    assert found and found[0].date.interval.start == dt.date(2022, 10, 7), [(e.title, e.date) for e in extract(text, DCT).events]


def test_since_giving_a_reason_dates_nothing(extract):
    # with a simple past, "since" is "because": the taking of the town is not an open range
    text = "The militia shelled the village since its elders rejected the ultimatum on Monday."
    found = extract(text, DCT).events
    assert found and not any(e.date.interval.open_end for e in found), [(e.title, e.date) for e in found]


@pytest.mark.parametrize("text", [
    "Rebels had attacked the depot the previous day, the army said on Sunday.",
    "The army said on Sunday that rebels had attacked the depot the day before.",
    "Rebels had attacked the depot a day earlier, the army said on Sunday.",
])
def test_a_day_counted_in_what_was_said_counts_from_the_day_it_was_said(extract, text):
    # Sunday is 17 September 2023; the day before it, Saturday the 16th (the report is of Tuesday 19th).
    [ev] = [e for e in extract(text).events if e.type == "attack"]
    assert ev.date.interval.start == dt.date(2023, 9, 16), ev.date


@pytest.mark.nlp
def test_today_in_a_dated_dateline_is_the_datelines_day(extract):
    # Written on 2 January, printed on the 3rd: "today" and undated news are of the 2nd.
    text = ("OXCHUC, Mexico, Jan. 2 -- Gun battles sent the state of Chiapas into panic today. "
            "Rebels seized control of four towns.")
    found = extract(text, dt.date(1994, 1, 3)).events
    assert {e.date.interval.start for e in found} == {dt.date(1994, 1, 2)}


def test_what_was_said_in_a_clause_of_a_dated_one_is_dated_by_it(extract):
    # DCT is a Tuesday: the saying was on Friday, the happening it reports no later
    text = ("The rebels were stopped Friday, when the general staff said the army had engaged a large group "
            "of rebels near Kessa.")
    start, end, precision, method, _, _ = date_of(extract, text)
    assert (start, precision, method) == ("2023-09-15", "day", "reporting")


@pytest.mark.parametrize("text", [
    "Envoys of both sides were scheduled to hold a new round of talks on Sunday in Muscat.",
    "The two foreign ministers were due to meet on Sunday.",
])
def test_a_weekday_of_a_planned_act_is_the_coming_one(extract, text):
    start, _, _, _, _, _ = date_of(extract, text)
    assert start == "2023-09-24"


def test_a_night_runs_into_the_next_day(extract):
    start, end, precision, _, _, _ = date_of(extract, "Drones struck the port overnight.")
    assert (start, end, precision) == ("2023-09-18", "2023-09-19", "day")


def test_a_bare_time_of_day_is_of_the_day_the_story_stands_on(extract):
    # Published Tuesday; the opening gives Sunday evening. "At 9.40 p.m." names no day: it is
    # Sunday's evening, not the evening of the day the report was printed.
    text = ("Rebel gunners shelled the port of Kessa on Sunday evening, the navy said. "
            "Officials gave no figure for the damage. "
            "Most of the shells fell on the docks, a harbour official said. "
            "The bombardment ended at 9.40 p.m. after the navy fired back.")
    found = extract(text, DCT).events
    ended = [e for e in found if e.sentence.index == 3]
    assert ended and all(e.date.interval.start == dt.date(2023, 9, 17) for e in ended), \
        [(e.trigger, e.date.rule) for e in ended]
    # with no day in the story, the time of day stays on the publication day
    alone = extract("The bombardment ended at 9.40 p.m.", DCT).events
    assert alone and alone[0].date.interval.start == DCT and alone[0].date.expression == "9.40 p.m."


def test_a_when_clause_the_parser_hung_on_a_noun_still_dates_its_clause(extract):
    found = extract("Ten people were wounded in the attack, including two children, when gunmen "
                    "ambushed a bus on the coast road Monday morning, the police said.", DCT).events
    wounded = next(e for e in found if e.type == "casualties")
    assert wounded.date.interval.start == dt.date(2023, 9, 18), wounded.date.rule


@pytest.mark.parametrize("second, day", [
    # two happenings told in the simple past, joined in one sentence: one moment of the story
    ("and a French soldier was badly injured", dt.date(2023, 9, 18)),
    # the perfect is the time of the report, not the clash's
    ("and the rebels have since withdrawn from the town", DCT),
])
def test_clauses_joined_in_the_simple_past_share_a_date(extract, second, day):
    found = extract(f"Peacekeepers clashed with rebels near Tobra on Monday {second}.", DCT).events
    last = found[-1]
    assert last.date.interval.start == day, [(e.trigger, e.date.rule) for e in found]


def test_what_was_said_and_what_was_done_after_it_do_not_share_a_date(extract):
    found = extract("The army said last week that the road was open, and rebels burned the bridge.", DCT).events
    burned = next(e for e in found if e.trigger.startswith("burn"))
    assert burned.date.method == "inherited", burned.date.rule


def test_a_stated_month_does_not_carry_on_to_what_someone_says_next(extract):
    text = ("Analysts said the offensive was revenge for the coalition that ousted the junta in "
            "Kessa last month. The government said it was appealing to the Security Council for an "
            "urgent meeting.")
    found = extract(text, DCT).events
    appeal = next(e for e in found if e.type == "demand_or_appeal")
    assert appeal.date.interval.start != dt.date(2023, 8, 1), appeal.date.rule


def test_a_declaration_told_as_background_does_not_date_the_fighting_told_after_it(extract):
    # Published Tuesday 19 September 2023; the story is Monday's fighting. The declaration of the
    # Saturday before is its background: the battle told next is still Monday's.
    text = ("Government troops fought rebel militias near Tobra on Monday in fighting provoked by "
            "the region's declaration of autonomy. "
            "The region's council declared autonomy on Saturday, ending years of talks. "
            "The army sent tanks into a battle with the militias for the border posts.")
    found = extract(text, DCT).events
    sent = next(e for e in found if e.sentence.index == 2)
    assert sent.date.interval.start == dt.date(2023, 9, 18), (sent.trigger, sent.date.rule)
    declared = next(e for e in found if e.sentence.index == 1)
    assert declared.date.interval.start == dt.date(2023, 9, 16)


def test_a_lede_pushed_down_by_a_pages_prompts_still_gives_the_storys_day(extract):
    # Published Tuesday. Lines of the page the furniture filter keeps (a weather box) stand above
    # the story; its lede gives Sunday, and undated news told further down in the past tense is
    # Sunday's.
    prompts = "Weather in the capital.\n\nDry and mild, 24 degrees.\n\nLight winds from the west.\n\n"
    story = ("Rebels seized the town of Kessa on Sunday, the army said.\n\n"
             "The town's garrison of two hundred men was small.\n\n"
             "The mayor's office stands beside the old market.\n\n"
             "Residents fled towards the river.\n")
    flight = extract(prompts + story, DCT).events[-1]
    assert (flight.date.interval.start, flight.date.method) == (dt.date(2023, 9, 17), "discourse")
    # A day told in the sentences after such a lede is the body's, not the news's: with no day in
    # the lede, undated news keeps the report's own day.
    story = ("A rebel column fought its way back to the main army.\n\n"
             "The column was cut off on Sunday by roadblocks near Kessa.\n\n"
             "The mayor's office stands beside the old market.\n\n"
             "The market is the town's oldest.\n\n"
             "Residents fled towards the river.\n")
    flight = extract(prompts + story, DCT).events[-1]
    assert flight.date.method == "inherited"


def test_what_is_reported_to_have_happened_is_news_of_the_storys_day(extract):
    # A perfect infinitive is earlier than its reporting verb: "was reported to have landed" is
    # told in the past, so it takes the day the opening gives.
    text = ("Rebels seized the town of Kessa on Sunday, the army said. "
            "The fighters freed dozens of prisoners from the jail. "
            "The mayor's office stands beside the old market. "
            "More rebel fighters were reported to have seized the bridge.")
    landing = extract(text, DCT).events[-1]
    assert (landing.date.interval.start, landing.date.method) == (dt.date(2023, 9, 17), "discourse")


def test_a_day_on_a_second_verb_folded_into_the_act_dates_the_act(extract):
    # "opened fire" tells no happening apart from the grenades: its Friday is the attack's day, and
    # the story's later "a day after" counts from it
    text = ("Militiamen threw grenades into the market and then sprayed it with gunfire on Friday, killing four. "
            "The attack came a day after militia leaders announced they had formed a council to rule the town.")
    found = extract(text, DCT).events
    assert (found[0].type, found[0].date.interval.start) == ("attack", dt.date(2023, 9, 15))
    council = next(e for e in found if e.type == "election")
    assert council.date.interval.start == dt.date(2023, 9, 14)


@pytest.mark.parametrize("text, day", [
    ("Rebels captured the town of Morvan on Wednesday. "
     "Three days after the fall of Morvan, government troops shelled the port of Kessa.", "2023-09-16"),
    ("A bomb exploded in the market of Kessa on Thursday. "
     "The day after the bombing, police arrested three men in Tarvel.", "2023-09-15"),
    ("Gunmen assassinated the governor of Tarvel on Monday. "
     "A week before the assassination, the army had raided his village.", "2023-09-11"),
    # the happening's own day wins over the count
    ("Rebels captured the town of Morvan on Wednesday. "
     "Three days after the fall of Morvan, on Thursday, government troops shelled the port of Kessa.", "2023-09-14"),
])
def test_a_day_counted_from_a_happening_told_before(extract, text, day):
    found = extract(text, DCT).events
    assert str(found[-1].date.interval.start) == day and found[-1].date.interval.precision == "day"


def test_a_day_counted_from_a_happening_never_told_moves_nothing(extract):
    found = extract("Three days after the fall of Morvan, government troops shelled the port of Kessa.", DCT).events
    assert [e.type for e in found] == ["attack"]
    assert found[0].date.rule != "counted-from-happening"
    # a count that would put the act after the report is no reading of it
    late = extract("Rebels captured the town of Morvan on Monday. "
                   "A week after the fall of Morvan, troops shelled the port of Kessa.", DCT).events
    assert late[-1].date.rule != "counted-from-happening"


def test_a_day_that_opens_a_range_is_no_day_for_the_story_after_it(extract):
    text = ("Hundreds of students had occupied the main square of Kessa since September 2. "
            "Shortly afterwards gunfire erupted near the square and troops moved in.")
    found = extract(text, DCT).events
    assert found[0].date.interval.open_end
    assert all(e.date.interval.start != dt.date(2023, 9, 2) for e in found[1:]), \
        [(e.type, str(e.date.interval.start)) for e in found]


def test_a_burst_of_violence_is_dated_by_the_verb_that_tells_it(extract):
    # "yesterday" hangs on "rocked", the verb the explosions are told by; "on Monday night" hangs,
    # through the passive's "by", on "rocked" as well
    found = extract("Explosions rocked the port of Kessa yesterday, residents said.", DCT).events
    assert [(e.type, e.date.interval.start) for e in found if e.type == "attack"] == [("attack", dt.date(2023, 9, 18))]
    found = extract("The capital was rocked by a series of blasts on Monday night.", DCT).events
    assert [(e.type, e.date.interval.start) for e in found] == [("attack", dt.date(2023, 9, 18))]


def test_a_happening_named_with_its_day_in_a_past_sentence_dates_the_story_after_it(extract):
    # Published Tuesday. The report's opening is today's curfew; the attacks it tells next are
    # Sunday's, named by a noun with its day, and the undated acts told after them are Sunday's too.
    text = ("Authorities imposed a curfew in Barsa on Tuesday. "
            "Sunday's attacks by the militants were the deadliest in months. "
            "The gunmen opened fire on villagers in three hamlets.")
    found = extract(text, DCT).events
    fired = [e for e in found if e.sentence.index == 2]
    assert fired and all(e.date.interval.start == dt.date(2023, 9, 17) for e in fired), \
        [(e.trigger, e.date.rule) for e in fired]
    # a noun told as what came before its sentence's happening is no day of the story
    text = ("Authorities imposed a curfew in Barsa on Tuesday after Sunday's attacks by the militants. "
            "Police arrested twenty people in the town.")
    arrested = [e for e in extract(text, DCT).events if e.sentence.index == 1]
    assert arrested and all(e.date.interval.start != dt.date(2023, 9, 17) for e in arrested), \
        [(e.trigger, e.date.rule) for e in arrested]


def test_a_dated_happening_beside_an_undated_act_is_no_day_for_the_story_after_it(extract):
    # Published Tuesday; the report is of today. The second sentence's act (officers firing) has
    # no day of its own: Sunday's clashes it recalls are another happening, compared to. What is
    # told next is today's news, not Sunday's.
    text = ("Police fired tear gas at protesters in several districts of Lorvan on Tuesday. "
            "In a repeat of Sunday night's clashes, officers fired tear gas at demonstrators in Kestra. "
            "In nearby Tovi, protesters threw stones at police.")
    thrown = [e for e in extract(text, DCT).events if e.sentence.index == 2]
    assert thrown and all(e.date.interval.start == dt.date(2023, 9, 19) for e in thrown), \
        [(e.trigger, e.date.interval.start, e.date.rule) for e in thrown]


def test_a_weeklys_story_of_last_week_dates_what_it_tells_after_without_a_day(extract):
    # Published on a Tuesday by a weekly: its opening tells a rally of last week, and the siege it
    # goes on to tell, undated and in the past, is of that week too, not of the day it was printed.
    text = ("As 4,000 people rallied in the main square of Dorval last week, two helicopters circled "
            "over the crowd. The flights were the first sign of what was coming. "
            "The town hall had been held by miners for six days. "
            "Other army units had been sent to surround the town. "
            "Dozens of miners were arrested.")
    arrested = [e for e in extract(text, DCT).events if e.sentence.index == 4]
    assert [(e.date.interval.start, e.date.interval.end, e.date.method) for e in arrested] == \
        [(dt.date(2023, 9, 11), dt.date(2023, 9, 17), "discourse")]
    # A daily's opening that gives a day keeps it the story's day.
    text = ("Troops stormed the town hall of Dorval on Sunday, a week after miners rallied there last week. "
            "The miners' leaders were in the building. "
            "The mayor's office stands beside the old market. "
            "Other army units had been sent to surround the town. "
            "Dozens of miners were arrested.")
    arrested = [e for e in extract(text, DCT).events if e.sentence.index == 4]
    assert [(e.date.interval.start, e.date.interval.end) for e in arrested] == [(dt.date(2023, 9, 17),) * 2]


def test_what_someone_found_when_something_happened_is_of_that_day(extract):
    # "discovered that X": X was so when it was found, on the day of the clause the finding is part of.
    text = ("President Moreno returned to the capital yesterday. He revealed that the mutiny began at "
            "6 a.m. last Sunday, when the rebels arrived at his residence and he discovered that his "
            "guards were disarmed.")
    friday = dt.date(2023, 9, 22)  # (Sunday is then too far back to be the story's day)
    disarmed = [e for e in extract(text, friday).events if e.trigger == "disarmed"]
    assert [e.date.interval.start for e in disarmed] == [dt.date(2023, 9, 17)]


def test_a_day_hung_on_a_purpose_clause_dates_the_act(extract):
    # The parser hangs "on Sunday" on "to disperse", which has no tense: the moving in was Sunday's.
    assert date_of(extract, "Riot police moved in to disperse the crowd on Sunday.")[:2] == ("2023-09-17", "2023-09-17")
    # A plan's date stays the plan's: the decision was not taken in May.
    found = extract("The government decided to hold elections in May.", DCT).events
    assert all(e.date.interval.start != dt.date(2023, 5, 1) or e.modality != "asserted" for e in found), \
        [(e.trigger, e.modality, e.date.interval.start) for e in found]


@pytest.mark.parametrize("text, start", [
    ("The colonels took power in a revolution that toppled the king in 1979.", dt.date(1979, 1, 1)),
    ("Colonel Vidal took power in a 1954 uprising.", dt.date(1954, 1, 1)),
    # the happening's day hung on a participle after it ("led by ... last July")
    ("Colonel Vidal took power in a revolution led by the army last July.", dt.date(2023, 7, 1)),
])
def test_an_act_told_as_part_of_a_dated_happening_shares_its_date(extract, text, start):
    taken = [e for e in extract(text, DCT).events if e.type == "election"]
    assert [e.date.interval.start for e in taken] == [start], [(e.trigger, e.date.rule) for e in taken]


@pytest.mark.parametrize("text", [
    "Two worshippers were wounded by a gunman during a prayer meeting that was being held in Kessa on Sunday.",
    "A guard was stabbed during a rally that took place outside the town hall on Sunday.",
    "A guard was stabbed during a rally held outside the town hall on Sunday.",
])
def test_an_act_during_a_gathering_shares_the_day_the_clause_gives_the_gathering(extract, text):
    struck = [e for e in extract(text, DCT).events if e.type in ("attack", "casualties")]
    assert struck and struck[0].date.interval.start == dt.date(2023, 9, 17), \
        [(e.trigger, e.date.rule, e.date.interval.start) for e in struck]


@pytest.mark.parametrize("text, own_day", [
    # the crash came before the digging: Monday is not its own day (the story's day may be)
    ("Rescue workers dug for bodies on Monday after hijackers crashed two airliners into the towers.", False),
    # counted from the clause above, that clause's date stays the nearest known
    ("The general was elected in September, three months after the colonel stepped down.", True),
])
def test_a_clause_after_after_does_not_take_the_day_of_the_clause_it_hangs_on(extract, text, own_day):
    found = [e for e in extract(text, DCT).events if e.type in ("attack", "election", "withdrawal")]
    last = max(found, key=lambda e: e.trigger_start)
    assert (last.date.method == "relative" or last.date.method == "explicit") is own_day, \
        [(e.trigger, e.date.method, e.date.rule, e.date.interval.start) for e in found]


def test_a_place_is_no_happening_to_share_a_date_with(extract):
    text = "The general took power in a country that gained independence in 1960."
    taken = [e for e in extract(text, DCT).events if e.type == "election"]
    assert taken and all(e.date.interval.start.year != 1960 for e in taken)


def test_a_bare_month_of_an_act_to_come_is_the_coming_one(extract):
    # Said in September 2023: "will take office in January" is January 2024, not the last January.
    text = "Nieto, who will take office in January, has promised to cut the homicide rate."
    taken = [e for e in extract(text, DCT).events if e.type == "election"]
    assert [(e.modality, e.date.interval.start) for e in taken] == [("planned", dt.date(2024, 1, 1))]


@pytest.mark.parametrize("text, start", [
    ("Taking over on Friday night, the prime minister addressed the nation.", "2023-09-15"),
    ("Speaking to reporters on Monday, the minister accused the rebels of shelling the port.", "2023-09-18"),
])
def test_a_participle_of_the_moment_dates_its_clause(extract, text, start):
    assert date_of(extract, text)[0] == start


def test_a_participle_of_what_came_before_does_not(extract):
    # "Elected in 2019" is background to the resignation; "Having seized" came first.
    resigned = [e for e in extract("Elected in 2019, the president resigned.", DCT).events if e.trigger == "resigned"]
    assert resigned and resigned[0].date.interval.start.year == 2023


@pytest.mark.parametrize("text, trigger, day", [
    # DCT is a Tuesday: Friday is the 15th, the storming a day before it
    ("Police ringed the shipyard on Friday morning, a day after riot squads stormed the steel mills.",
     "stormed", dt.date(2023, 9, 14)),
    # the day on the subject of the clause above, weeks counted
    ("The bombing on Saturday came two weeks after militants ambushed a convoy near Kessa.",
     "ambushed", dt.date(2023, 9, 2)),
    # "a week": seven days
    ("Rebels shelled Kessa on Friday, a week after gunmen attacked a checkpoint in Darvel.",
     "attacked", dt.date(2023, 9, 8)),
])
def test_a_clause_counted_after_a_dated_one_is_that_long_before_it(extract, text, trigger, day):
    found = [e for e in extract(text, DCT).events if e.trigger == trigger]
    assert [e.date.interval.start for e in found] == [day], [(e.trigger, e.date.rule) for e in found]


def test_a_clause_counted_after_an_undated_one_keeps_no_made_up_day(extract):
    # no day above to count from: the storming is not put on any counted day
    found = [e for e in extract("Police ringed the shipyard, a day after riot squads stormed the mills.", DCT).events
             if e.trigger == "stormed"]
    assert found and all(not e.date.rule.startswith("counted-from-clause") for e in found)


def test_a_relative_clauses_day_is_background_but_counts_carry_from_it(extract):
    # DCT is Tuesday 19 September 2023. The war's background month does not date the undated claim
    # told next (it is the report's news, not of July)...
    text = ("Civil war has erupted in Kessa, where the king was killed in a coup led by the army last July. "
            "The radio claimed that the rebel colonel had been killed.")
    found = [(e.sentence.index, e.trigger, e.date.interval.start) for e in extract(text, DCT).events]
    assert (0, "killed", dt.date(2023, 7, 1)) in found, found
    assert all(day != dt.date(2023, 7, 1) for index, _, day in found if index == 1), found
    # ... while "a day later" counts from the day a relative clause told
    text = ("Patrols are searching the hills for rebels who kidnapped 71 people at a plant on June 9. "
            "The hostages were released a day later.")
    released = [e for e in extract(text, DCT).events if e.trigger == "released"]
    assert [e.date.interval.start for e in released] == [dt.date(2023, 6, 10)]


@pytest.mark.parametrize("text", [
    "Rebels stormed the government buildings in Kessa on Sunday. Thousands of rioters smashed windows. "
    "Hours went by before control of the buildings was reestablished, with hundreds of the rioters arrested.",
    "Rebels stormed the government buildings in Kessa on Sunday. Thousands of rioters smashed windows. "
    "Riot police cleared the square, with dozens of protesters arrested.",
])
def test_a_participle_after_with_is_told_in_its_clauses_tense(extract, text):
    # DCT is Tuesday: the arrests are Sunday's, told in the past as the storming was, not the report's day
    found = [e for e in extract(text, DCT).events if e.type == "legal_action"]
    assert found and all(e.date.interval.start == dt.date(2023, 9, 17) for e in found), \
        [(e.trigger, e.date.interval.start, e.date.rule) for e in found]


@pytest.mark.parametrize("text, start, end", [
    # the part of the period before the day it is said from, or after it
    ("Earlier this week, the interior minister banned all public gatherings.", "2023-09-18", "2023-09-19"),
    ("Police arrested 30 protesters earlier this month.", "2023-09-01", "2023-09-19"),
    ("The president will visit the region later this week.", "2023-09-19", "2023-09-24"),
    # a period not running through that day is left whole
    ("Rebels attacked the town earlier last month.", "2023-08-01", "2023-08-31"),
])
def test_earlier_or_later_in_the_current_period_is_cut_at_the_day_it_is_said(extract, text, start, end):
    assert date_of(extract, text)[:2] == (start, end)


def test_every_act_of_a_counted_clause_counts_from_the_same_day(extract):
    # "a day after leaders announced ... and banned rallies": the ban is of the announcement's day
    text = ("Troops fired on protesters in the capital on Tuesday. The shootings came a day after opposition "
            "leaders announced they had formed a military council, and banned rallies in the capital.")
    found = {e.trigger: e.date.interval.start for e in extract(text, DCT).events}
    assert found["formed"] == found["banned"] == dt.date(2023, 9, 18), found


def test_the_news_day_named_just_after_an_opening_that_names_none(extract):
    # a next-day story: the lede has no day, the fourth sentence names Monday (the report is Tuesday's)
    text = ("Forces of Colonel Vidal fought government loyalists in a bloody coup in Kessa. "
            "It was the second coup in two years for the officer. "
            "There was no word on casualties. "
            "Vidal said Monday on captured Kessa Radio that he had taken power to end corruption.")
    found = {e.trigger: e.date.interval.start for e in extract(text, DCT).events}
    assert found["fought"] == dt.date(2023, 9, 18), found


def test_a_day_the_parser_hangs_on_the_subject_dates_the_verb(extract):
    # "Police on Monday cleared the barricades": the parser makes "on Monday" a part of "police"
    assert date_of(extract, "Police on Monday cleared the barricades in the old town.")[:2] == ("2023-09-18", "2023-09-18")
    # a day that names the happening of a noun subject stays that noun's
    found = extract("The attack on Monday killed five people.", DCT).events
    assert {e.trigger: e.date.interval.start for e in found}["attack"] == dt.date(2023, 9, 18)


@pytest.mark.parametrize("fourth, day", [
    # an earlier day told in the pluperfect is no news's day, nor an act's day this far down
    ("Police said they had detained 700 people during protests on Sunday.", "2023-09-19"),
    ("A government battalion was cut off on Sunday by rebel roadblocks north of Kessa.", "2023-09-19"),
    # of two days told there, the later is the news's
    ("Rebels attacked the airport late on Sunday. Vidal said in a radio address on Monday that the country needed a new start.",
     "2023-09-18"),
])
def test_the_news_day_after_the_opening_is_a_day_told_then_and_the_latest(extract, fourth, day):
    text = ("Forces of Colonel Vidal fought government loyalists in a bloody coup in Kessa. "
            "It was the second coup in two years for the officer. "
            "There was no word on casualties. " + fourth)
    found = {e.trigger: e.date.interval.start for e in extract(text, DCT).events}
    assert str(found["fought"]) == day, found


@pytest.mark.nlp
@pytest.mark.parametrize("publisher, weekly", [
    ("Newsweek", True), ("TIME magazine (archive copy)", True), ("The Economist", True),
    ("The Times", False), ("Reuters", False), (None, False),
])
def test_a_weeklys_undated_news_lies_in_the_fortnight_before_its_cover_date(nlp, resources, publisher, weekly):
    from app.pipeline.extract import extract_article

    cover = dt.date(1971, 7, 19)
    text = ("Rebel cadets stormed the royal palace at Tamsar during a reception. "
            "Other rebels seized the radio station in the capital on July 10.")
    found = extract_article(text, cover, nlp, resources, publisher=publisher).events
    stormed = next(e for e in found if "stormed" in e.title)
    seized = next(e for e in found if "seized" in e.title)
    if weekly:  # the issue went to press days before its cover date: the fortnight before it
        assert (stormed.date.interval.start, stormed.date.interval.end) == (dt.date(1971, 7, 5), dt.date(1971, 7, 18))
    else:  # a daily's undated news is its own day's
        assert (stormed.date.interval.start, stormed.date.interval.end) == (cover, cover)
    assert seized.date.interval.start == dt.date(1971, 7, 10)  # a day the text gives stays its own


@pytest.mark.nlp
def test_a_weeklys_web_story_that_names_its_cover_day_tells_that_days_news(nlp, resources):
    # a weekly's web edition, filed on its cover date and naming it in the opening: its undated
    # news is of that day, not of the fortnight before an issue
    from app.pipeline.extract import extract_article

    cover = dt.date(2019, 3, 2)
    text = ("Thousands marched on the parliament in Tamsar after the ban on rallies ended at noon on March 2. "
            "Riot police fired tear gas at the marchers outside the gates.")
    found = extract_article(text, cover, nlp, resources, publisher="Newsweek").events
    fired = next(e for e in found if "tear gas" in e.title)
    assert (fired.date.interval.start, fired.date.interval.end) == (cover, cover)


@pytest.mark.nlp
def test_a_weeklys_web_story_that_names_the_day_before_its_cover_day_tells_that_days_news(nlp, resources):
    # a printed issue goes to press days before its cover date and cannot tell the day before it:
    # a weekly's story naming that day ("on Monday" on a Tuesday's page) is its web edition's
    from app.pipeline.extract import extract_article

    cover = dt.date(2019, 3, 5)  # a Tuesday
    text = ("Worshippers watched online on Monday as the service in Tamsar was streamed. "
            "A man charged at the bishop with a knife and stabbed him. Police arrested the attacker at the scene.")
    found = extract_article(text, cover, nlp, resources, publisher="Newsweek").events
    stabbed = next(e for e in found if "stabbed" in e.title)
    assert stabbed.date.rule != "inherited-weekly" and stabbed.date.interval.start >= dt.date(2019, 3, 4), stabbed.date


@pytest.mark.parametrize("text, start", [
    # what the act met was doing it at that moment: the day hung on that participle is the act's
    ("Police opened fire on a crowd marching against the new law yesterday in the township.", "2023-09-18"),
    ("Gunmen ambushed a convoy carrying food to the camps on Sunday.", "2023-09-17"),
    # a past participle tells another time: the man was released before he was shot
    ("Police shot a man released from prison on Sunday.", "2023-09-19"),
])
def test_a_day_hung_on_what_the_act_met_doing_dates_the_act(extract, text, start):
    found = [e for e in extract(text, DCT).events if e.type in ("attack", "legal_action")]
    assert found and str(found[0].date.interval.start) == start, [(e.trigger, e.date.rule) for e in found]


def test_a_past_tonight_in_a_story_of_yesterday_is_the_evening_before_the_paper(extract):
    # A morning paper: the lede's news is of yesterday, and its correspondent's "tonight", told in
    # the past, is that evening, not the evening after the paper was printed.
    text = ("Police opened fire on a crowd yesterday at the township. "
            "Reporters said a riot broke out in a second township tonight.")
    riot = next(e for e in extract(text, DCT).events if e.type == "protest")
    assert riot.date.interval.start == dt.date(2023, 9, 18)
    # a story of today keeps its tonight
    text = "Police opened fire on a crowd today at the township. A riot broke out in a second township tonight."
    riot = next(e for e in extract(text, DCT).events if e.type == "protest")
    assert riot.date.interval.start == DCT


def test_a_happening_told_as_done_lies_on_the_weekday_before_the_report(extract):
    # the future in the sentence ("would change") must not carry a past shooting into next week
    text = "The prime minister said gun laws would change in light of Friday's shootings."
    shootings = next(e for e in extract(text, DCT).events if e.type == "attack")
    assert shootings.date.interval.start == dt.date(2023, 9, 15)
    # what is only planned keeps the weekday to come
    meeting = extract("The council meets on Friday to discuss the shootings.", DCT).events[0]
    assert meeting.date.interval.start == dt.date(2023, 9, 22)


def test_a_later_cables_dateline_counts_the_days_after_it(extract):
    # a column of two cables: what follows the second dateline counts from its day
    text = ("HILLTOWN, March 14. Rebels shelled the port on Sunday. "
            "Kessa, March 15. Troops entered the town on Monday. The rebels fled.")
    found = extract(text, dt.date(1950, 3, 16)).events
    entered = next(e for e in found if e.type == "military_action")
    assert entered.date.interval.start == dt.date(1950, 3, 13)
    fled = next(e for e in found if e.type == "withdrawal")
    assert fled.date.interval.start == dt.date(1950, 3, 13)


def test_a_cable_under_its_day_alone_dates_what_follows_it(extract):
    # the column's second cable gives only its day: its undated news is of that day, and the first
    # cable's undated news of the first cable's day, however the first cable's opening dates it
    text = ("St. Kessa, March 14. Rebels shelled the port. The garrison fired back. "
            "March 15. Troops entered the town.")
    found = extract(text, dt.date(1950, 3, 17)).events
    shelled = next(e for e in found if e.type == "attack")
    assert shelled.date.interval.start == dt.date(1950, 3, 14)
    entered = next(e for e in found if e.type == "military_action")
    assert entered.date.interval.start == dt.date(1950, 3, 15)


def test_a_lede_under_a_cable_pages_decks_still_gives_the_storys_day(extract):
    # Decks in capitals, the credit and the dateline push the lede down the page: it is still the
    # lede, and its "last night" is the day of the undated news it goes on to tell.
    text = ("RIOTS IN THE CAPITAL\n\n"
            "TROOPS CALLED OUT. CAMP BURNED. MANY HURT. By Telegraph—Press Association—Copyright "
            "HILLTOWN, March 14. For the first time in ten years the capital last night resembled an armed camp. "
            "Five hundred soldiers patrolled the streets. "
            "Fighting had continued throughout the day between the strikers and the police.")
    found = extract(text, dt.date(1950, 3, 16)).events
    patrol = next(e for e in found if e.type == "deployment")
    assert patrol.date.interval.start == dt.date(1950, 3, 13), patrol.date.rule
    fighting = next(e for e in found if e.type == "armed_clash")
    assert fighting.date.interval.start == dt.date(1950, 3, 13), fighting.date.rule
    # with no deck above it, the same story is dated the same
    text = text.split("Copyright ", 1)[1]
    patrol = next(e for e in extract(text, dt.date(1950, 3, 16)).events if e.type == "deployment")
    assert patrol.date.interval.start == dt.date(1950, 3, 13), patrol.date.rule


def test_a_since_the_parser_hung_on_a_simple_past_act_does_not_date_it(extract):
    # "since 1993" describes the minister; an acceptance told in the simple past did not last since then
    text = ("President Kessler accepted the resignation of Hans Abel, since 1993 the interior minister "
            "and the official leading the fight against the rebels.")
    found = extract(text, DCT).events
    assert [e.date.interval.start for e in found] == [DCT], [(e.type, e.date.rule) for e in found]
    # a toll counted since a day keeps its open range
    toll = extract("At least 400 people have been killed since January.", DCT).events[0]
    assert toll.date.interval.open_end


def test_what_a_happening_named_with_its_day_did_is_of_that_day(extract):
    # "a massacre by militants Monday that claimed 58 lives": the toll told in the relative clause
    # is the massacre's, of Monday, not of the day the tourists were seen leaving
    text = ("Hundreds of foreigners were departing Kessa as quickly as they could after a massacre "
            "by militants Monday that claimed at least 58 lives.")
    toll = next(e for e in extract(text, DCT).events if e.type == "casualties")
    assert toll.date.interval.start == dt.date(2023, 9, 18), toll.date.rule


def test_an_hour_alone_leaves_the_day_to_the_lede(extract):
    # the lede's acts carry only their hours ("at 3 p.m."); its "yesterday" is their day, and the
    # day of the undated news told after them
    text = ("HILLTOWN, March 14. After a reconnaissance by airmen yesterday the rebels took up advanced "
            "posts at about 2.30 p.m. and shelled the northern suburb at 3 p.m. "
            "Intermittent fighting continued through the night.")
    found = extract(text, dt.date(1950, 3, 15)).events
    shelling = next(e for e in found if e.type == "attack")
    assert shelling.date.interval.start == dt.date(1950, 3, 13), shelling.date.rule
    fighting = next(e for e in found if e.type == "armed_clash")
    assert fighting.date.interval.start == dt.date(1950, 3, 13), fighting.date.rule


def test_an_act_told_by_its_gerund_after_a_preposition_takes_its_clauses_tense(extract):
    # "were combing the capital after retaking the airport": the retaking is told in the past, so
    # the day the story just gave dates it, not the paper's
    text = ("The president called on the rebels yesterday to surrender. "
            "The troops were combing the capital after retaking the airport.")
    retaken = next(e for e in extract(text, DCT).events if e.type == "territorial_control")
    assert retaken.date.interval.start == dt.date(2023, 9, 18)


@pytest.mark.parametrize("second", [
    # an hour on the verb that reported it, or a deadline's hour, is an hour of the story's day
    "About 10 a.m., the president went on the air to say six plotters had been arrested.",
    "The rebel announced he was dismissing the army chiefs and gave the president until 9 a.m. to resign.",
])
def test_an_hour_alone_on_a_reporting_verb_or_a_deadline_is_of_the_storys_day(extract, second):
    text = "The government announced on Sunday that a coup attempt had been suppressed. " + second
    found = extract(text, DCT).events
    assert found[-1].date.interval.start == dt.date(2023, 9, 17), [(e.type, e.date) for e in found]


def test_a_present_perfect_act_in_a_story_of_yesterday_is_of_yesterday(extract):
    # the news of the day before the paper, told on in the present perfect ("has been deployed"),
    # is of that day: the paper's day is only when it was printed
    text = ("Hundreds of protesters marched on parliament in Kessa yesterday. "
            "The military has been deployed in some areas, local television showed.")
    deployed = next(e for e in extract(text, DCT).events if e.type == "deployment")
    assert deployed.date.interval.start == dt.date(2023, 9, 18)


def test_a_quoted_today_said_in_the_past_is_the_day_it_was_said(extract):
    # "'Today, we call for ...,' he said" in a story of Monday printed on Tuesday: his today is Monday
    text = ("The prime minister declared a state of emergency in Kessa on Monday. "
            "“Today, we call for a state of emergency in our capital,” the prime minister said.")
    found = extract(text, DCT).events
    assert found[-1].date.interval.start == dt.date(2023, 9, 18), [(e.type, e.date.rule) for e in found]


def test_undated_news_of_a_report_that_names_only_yesterday_is_of_yesterday(extract):
    # The opening names no day; the report speaks of "Monday's rally" well down and never of its
    # own day (a Tuesday): what it tells without a day happened on Monday, not on the day the
    # paper was printed.
    opening = ("The organisers had promised a peaceful march through Kessa. "
               "Within an hour, riot police fired tear gas at the crowd outside the town hall. "
               "Several students were carried away on stretchers. ")
    text = opening + "Monday's rally was the largest the town had seen in a decade."
    fired = next(e for e in extract(text, DCT).events if e.trigger == "fired")
    assert fired.date.interval.start == dt.date(2023, 9, 18), fired.date
    # A report that names its own day as well tells that day's news: the undated act keeps it.
    fired = next(e for e in extract(text + " The mayor called for calm today.", DCT).events if e.trigger == "fired")
    assert fired.date.interval.start == DCT, fired.date
    # An hour alone names no day: "at 3 p.m." does not make the report one of its own day.
    text = opening.replace("Within an hour,", "At 3 p.m.,") + "Monday's rally was the largest in a decade."
    fired = next(e for e in extract(text, DCT).events if e.trigger == "fired")
    assert fired.date.interval.start == dt.date(2023, 9, 18), fired.date


def test_a_happening_a_clause_was_told_ahead_of_is_still_to_come(extract):
    # Published on a Tuesday: "ahead of Sunday's election" is the coming Sunday's, not yet held,
    # though its clause is told in the past
    found = extract("The senator was shot while making a campaign speech ahead of Sunday's election.", DCT).events
    election = next(e for e in found if e.trigger == "election")
    assert (election.date.interval.start, election.modality) == (dt.date(2023, 9, 24), "planned")
    # a happening told as done keeps the weekday before the report
    found = extract("The prime minister said gun laws would change in light of Friday's shootings.", DCT).events
    shootings = next(e for e in found if e.trigger == "shootings")
    assert (shootings.date.interval.start, shootings.modality) == (dt.date(2023, 9, 15), "asserted")


@pytest.mark.parametrize("text, start", [
    # a century or a decade set before a thing says how old it is, not when anything happened
    ("Rebels burned the sixteenth century cathedral of the town.", "2023-09-19"),
    ("The rebels looted a 1990s-era armoury near the border.", "2023-09-19"),
    # before an event's own word it still dates it
    ("The 1990s war left the valley in ruins.", "1990-01-01"),
])
def test_an_age_set_before_a_thing_dates_nothing(extract, text, start):
    assert date_of(extract, text)[0] == start


def test_a_cable_dated_well_before_the_one_above_it_is_a_misread_day(extract):
    # "Oct. 20" under a cable of Oct. 26 received on the 27th is the scan's 20 for 26: what follows
    # keeps the day of the cable above, never a week before it
    text = ("RIOTS IN KESSA.\n\nBy Telegraph—Press Association—Copyright. PORTBURY, Oct. 26. "
            "Rebels shelled the port. Received 10.35 p.m., Oct. 27th. PORTBURY, Oct. 20. "
            "The governor died of his wounds.")
    found = extract(text, dt.date(1909, 10, 28)).events
    died = next(e for e in found if "governor" in e.title.lower())
    assert died.date.interval.start == dt.date(1909, 10, 26), died.date


@pytest.mark.nlp
@pytest.mark.parametrize("publisher, week", [
    # a weekly's "this week" is its issue's week, the seven days before the cover date
    ("TIME magazine (archive copy)", (dt.date(1971, 7, 12), dt.date(1971, 7, 18))),
    # a daily's "this week" is the week its day falls in
    ("Reuters", (dt.date(1971, 7, 19), dt.date(1971, 7, 25))),
])
def test_a_weeklys_this_week_is_the_week_before_its_cover_date(nlp, resources, publisher, week):
    from app.pipeline.extract import extract_article

    cover = dt.date(1971, 7, 19)  # a Monday
    text = "Rebel cadets stormed the royal palace at Tamsar this week."
    found = extract_article(text, cover, nlp, resources, publisher=publisher).events
    stormed = next(e for e in found if "stormed" in e.title)
    assert (stormed.date.interval.start, stormed.date.interval.end) == week


@pytest.mark.nlp
def test_a_same_time_clause_dates_what_it_began_to_do(extract):
    # "as the news began to sink in on Saturday": the day the parser hung on the infinitive is
    # the beginning's, and so the saying's
    text = ("As the realisation began to sink in on Saturday that the attack had been planned, the police "
            "commissioner revealed there had been no specific warning.")
    found = extract(text, dt.date(2015, 10, 5)).events
    assert [(e.type, e.date.interval.start) for e in found] == [("statement", dt.date(2015, 10, 3))]


@pytest.mark.nlp
def test_an_hour_the_parser_read_as_a_verb_tells_nothing(extract):
    text = ('It was 4.34pm on Friday when an emergency call was made by a woman stating a man "is shooting people" '
            'outside the police headquarters in Kessa.')
    found = extract(text, dt.date(2015, 10, 3)).events
    assert not any(e.title.startswith("It was") for e in found), [e.title for e in found]
