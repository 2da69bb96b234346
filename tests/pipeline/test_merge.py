"""The pure merge decision, with hand-made candidates and snapshots (no model)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.pipeline.merge import EventSnapshot, content_words, decide, snapshot_of, wording_similarity
from app.pipeline.types import ActorRef, DateInterval, EventCandidate, EventDate, PlaceRef, Sentence


def day(y, m, d):
    return DateInterval(dt.date(y, m, d), dt.date(y, m, d), "day")


def year(y):
    return DateInterval(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def candidate(text, type_, interval, actors=(), modality="asserted"):
    refs = tuple(ActorRef(k, k.title(), "state", role, k, 0, 1) for k, role in actors)
    return EventCandidate(
        sentence=Sentence(0, 0, len(text), text), ordinal=0, type=type_, title=text, trigger="x",
        trigger_start=0, trigger_end=1, modality=modality,
        date=EventDate(interval, "explicit", "test"), actors=refs,
    )


OFFENSIVE = EventSnapshot(
    "ev-1", "military_action", day(2023, 9, 19), "asserted", frozenset({"azerbaijan", "armenia"}),
    ("Azerbaijan took the offensive Tuesday against Armenian positions in Nagorno-Karabakh.",),
)
WAR_2020 = EventSnapshot(
    "ev-2", "armed_clash", year(2020), "asserted", frozenset({"azerbaijan", "armenia"}),
    ("War broke out between Armenia and Azerbaijan for six weeks in 2020.",),
)
FRANCE_CONDEMNS = EventSnapshot(
    "ev-3", "condemnation", day(2023, 9, 19), "asserted", frozenset({"france", "azerbaijan"}),
    ("France strongly condemned Azerbaijan for what it called unjustified military action.",),
)


KARABAKH = PlaceRef("nagorno-karabakh", "Nagorno-Karabakh", "Nagorno-Karabakh", 0, 16, country="azerbaijan")
# The offensive as the merge sees it once stored: its doer and its place known.
OFFENSIVE_THERE = dataclasses.replace(OFFENSIVE, agent_keys=frozenset({"azerbaijan"}),
                                      doers=frozenset({"azerbaijan"}), places=frozenset({"nagorno-karabakh"}))


def in_karabakh(c):
    return dataclasses.replace(c, places=(KARABAKH,))


def test_same_offensive_reported_twice_merges_with_reasons():
    # the same doer, the same place, the same day: where, when and who
    c = in_karabakh(candidate("Azerbaijan launched a military operation today in Nagorno-Karabakh.", "attack",
                              day(2023, 9, 19), [("azerbaijan", "initiator")]))
    d = decide(c, [WAR_2020, OFFENSIVE_THERE, FRANCE_CONDEMNS], names={"azerbaijan": "Azerbaijan"})
    assert d.event_id == "ev-1"
    # in plain words for a reader: no scores, no keys
    assert "the same day" in d.reasons
    assert "related kinds of event (attack, military action)" in d.reasons
    assert "the same parties (Azerbaijan)" in d.reasons
    assert "the same place (Nagorno-Karabakh)" in d.reasons
    assert not any(ch.isdigit() for reason in d.reasons for ch in reason)


def test_a_shared_place_is_named_as_the_text_names_it_not_by_its_key():
    text = "Shelling hit Stepanakert on Tuesday."
    place = PlaceRef("stepanakert", "Stepanakert", "Stepanakert", 13, 24, country="azerbaijan")
    c = candidate(text, "attack", day(2023, 9, 19), [("azerbaijan", "initiator")])
    c = EventCandidate(**{**c.__dict__, "places": (place,)})
    snap = EventSnapshot("ev-9", "attack", day(2023, 9, 19), "asserted", frozenset({"azerbaijan"}),
                         ("Azerbaijani shelling hit Stepanakert.",), places=frozenset({"stepanakert"}))
    d = decide(c, [snap])
    assert d.event_id == "ev-9" and "the same place (Stepanakert)" in d.reasons


def test_disjoint_dates_never_merge():
    c = candidate("Armenia and Azerbaijan fought a war in 2020.", "armed_clash", day(2023, 9, 19),
                  [("armenia", "participant"), ("azerbaijan", "participant")])
    assert decide(c, [WAR_2020]).event_id is None


def test_incompatible_types_never_merge():
    c = candidate("France requested an emergency meeting of the Security Council.", "diplomacy_meeting",
                  day(2023, 9, 19), [("france", "initiator")])
    assert decide(c, [FRANCE_CONDEMNS]).event_id is None


def test_planned_meeting_does_not_merge_with_held_one():
    held = EventSnapshot("ev-4", "diplomacy_meeting", day(2023, 9, 21), "asserted", frozenset({"un-security-council"}),
                         ("The UN Security Council met on Thursday.",))
    c = candidate("The UN Security Council will meet on Thursday.", "diplomacy_meeting", day(2023, 9, 21),
                  [("un-security-council", "initiator")], modality="planned")
    assert decide(c, [held]).event_id is None


def test_same_condemnation_in_other_words_merges():
    c = candidate("France condemned Azerbaijan's military operation.", "condemnation", day(2023, 9, 19),
                  [("france", "speaker"), ("azerbaijan", "target")])
    d = decide(c, [FRANCE_CONDEMNS])
    assert d.event_id == "ev-3" and "the same kind of event (condemnation)" in d.reasons
    assert "similar wording" in d.reasons


def test_different_initiators_same_day_do_not_merge():
    c = candidate("Germany condemned the operation.", "condemnation", day(2023, 9, 19), [("germany", "speaker")])
    assert decide(c, [FRANCE_CONDEMNS]).event_id is None


SINCE_1994 = EventSnapshot("ev-5", "territorial_control", DateInterval(dt.date(1994, 1, 1), dt.date(1994, 12, 31), "year", True),
                           "asserted", frozenset({"armenians"}), ("The region had been under ethnic Armenian control since 1994.",))


def test_an_open_range_takes_a_restatement_of_itself():
    again = candidate("The region has been under ethnic Armenian control since 1994.", "territorial_control",
                      DateInterval(dt.date(1994, 1, 1), dt.date(1994, 12, 31), "year", True), [("armenians", "initiator")])
    assert decide(again, [SINCE_1994]).event_id == "ev-5"


def test_an_open_range_is_never_a_hub_for_dated_happenings():
    dated = candidate("Armenian forces took control of the region.", "territorial_control", year(2020), [("armenians", "initiator")])
    assert decide(dated, [SINCE_1994]).event_id is None
    strike = candidate("Armenian forces shelled the region.", "attack", day(2020, 10, 4), [("armenians", "initiator")])
    assert decide(strike, [SINCE_1994]).event_id is None


def test_a_year_never_absorbs_a_happening_of_a_day():
    assert decide(candidate("War broke out between Armenia and Azerbaijan.", "armed_clash", day(2020, 9, 27),
                            [("armenia", "participant"), ("azerbaijan", "participant")]), [WAR_2020]).event_id is None


def test_two_countries_two_wars_never_meet():
    from dataclasses import replace

    libya = replace(OFFENSIVE, id="ly", countries=frozenset({"libya"}), actor_keys=frozenset({"nato"}))
    syria = candidate("NATO launched an offensive on Tuesday.", "military_action", day(2023, 9, 19),
                      [("nato", "initiator"), ("syria", "target")])
    assert decide(syria, [libya]).event_id is None


def test_a_report_joins_the_core_not_a_peripheral_mention():
    from dataclasses import replace

    # The event is an offensive; one of its many mentions happens to be about a ceasefire call.
    grown = replace(OFFENSIVE, texts=OFFENSIVE.texts + ("Russia called for a ceasefire and talks in Moscow.",),
                    core_texts=OFFENSIVE.texts)
    talk = candidate("Russia called for a ceasefire and talks in Moscow.", "military_action", day(2023, 9, 19))
    with_core = decide(talk, [grown]).score
    without_core = decide(talk, [replace(grown, core_texts=grown.texts)]).score
    assert with_core < without_core


def test_within_one_article_via_snapshots():
    lead = candidate("Azerbaijan launched a military operation today.", "military_action", day(2023, 9, 19), [("azerbaijan", "initiator")])
    later = candidate("Azerbaijan's military operation began today.", "military_action", day(2023, 9, 19), [("azerbaijan", "initiator")])
    assert decide(later, [snapshot_of(lead, "a-0")]).event_id == "a-0"


def inherited(candidate_event, interval):
    """The same candidate, its date only the publication date of the report."""
    from dataclasses import replace

    return replace(candidate_event, date=EventDate(interval, "inherited", "inherited-dct"))


def test_an_undated_report_a_day_later_joins_the_dated_event():
    report = in_karabakh(inherited(candidate("Azerbaijan has pressed its offensive with artillery strikes.",
                                             "military_action", day(2023, 9, 20), [("azerbaijan", "initiator")]),
                                   day(2023, 9, 20)))
    decision = decide(report, [OFFENSIVE_THERE])
    assert decision.event_id == "ev-1"
    assert any("within days" in reason for reason in decision.reasons)


def test_an_undated_report_sharing_only_its_doer_with_an_earlier_event_stays_apart():
    # Published two days after the duel, with no date of its own and no word of what happened in
    # common: the rebels did many things those days, and a corpus stores few of them.
    duel = EventSnapshot("d-1", "armed_clash", day(2011, 8, 5), "asserted", frozenset({"rebels", "loyalists"}),
                         ("Rebels and loyalists fought an artillery duel east of the port on Friday.",),
                         agent_keys=frozenset({"rebels"}), doers=frozenset({"rebels"}))
    report = inherited(candidate("Rebel fighters have been trying to push toward the capital.", "military_action",
                                 day(2011, 8, 7), [("rebels", "initiator")]), day(2011, 8, 7))
    assert decide(report, [duel], names={"rebels": "Rebels"}).event_id is None
    # The same undated report naming the duel is that duel.
    naming = inherited(candidate("Rebel gunners kept up the artillery duel with loyalist batteries.", "armed_clash",
                                 day(2011, 8, 7), [("rebels", "initiator")]), day(2011, 8, 7))
    assert decide(naming, [duel], names={"rebels": "Rebels"}).event_id == "d-1"


def test_a_shared_town_vouches_for_a_report_only_on_its_own_date():
    town = PlaceRef("kolo", "Kolo", "Kolo", 0, 4, country="ruritania")

    def at_kolo(text, interval, method="explicit"):
        c = candidate(text, "attack", interval, [("ruritania", "initiator")])
        return EventCandidate(**{**c.__dict__, "places": (town,), "date": EventDate(interval, method, "test")})

    violence = snapshot_of(at_kolo("Friday's violence in Kolo left at least thirty dead, activists said.",
                                   day(2011, 4, 22)), "k-1")
    # three days later, undated: tanks rolling into the town are not Friday's violence
    tanks = at_kolo("Tanks rolled into Kolo, where residents said eighteen were killed.", day(2011, 4, 25), "inherited")
    assert decide(tanks, [violence]).event_id is None
    # the same day, dated: the town says which happening it is
    same_day = at_kolo("Security forces opened fire in Kolo.", day(2011, 4, 22))
    assert decide(same_day, [violence]).event_id == "k-1"
    # where and when without who: a town holds many happenings in a day of war
    nobody = EventCandidate(**{**same_day.__dict__, "actors": ()})
    assert decide(nobody, [violence]).event_id is None


def test_two_bodies_of_one_state_are_two_speakers():
    def said(text, speaker, parent, interval=day(2011, 2, 1)):
        c = candidate(text, "statement", interval)
        ref = ActorRef(speaker, speaker.title(), "organization", "speaker", speaker, 0, 1, parent=parent)
        return EventCandidate(**{**c.__dict__, "actors": (ref,)})

    minister = snapshot_of(said("Three people died in the clashes, the health minister told state television.",
                                "ruritania-health-ministry", "ruritania"), "m-1")
    president = said("The president said political forces had rejected his invitation to dialogue.",
                     "ivo-brak", "ruritania")
    assert decide(president, [minister]).event_id is None
    # The state itself and its ministry speak for one state: one reaction of that day.
    ministry = said("The foreign ministry called the vote a step forward.", "ruritania-foreign-ministry", "ruritania")
    state = snapshot_of(said("Ruritania welcomed the vote.", "ruritania", None), "m-2")
    assert decide(ministry, [state]).event_id == "m-2"


def test_an_undated_report_a_week_later_stays_apart():
    report = inherited(candidate("Azerbaijan has initiated a military operation.", "military_action",
                                 day(2023, 9, 27), [("azerbaijan", "initiator")]), day(2023, 9, 27))
    assert decide(report, [OFFENSIVE]).event_id is None


def test_different_speakers_condemning_the_same_act_stay_apart():
    eu = candidate("The European Union condemned Azerbaijan's military action.", "condemnation",
                   day(2023, 9, 19), [("eu", "speaker"), ("azerbaijan", "target")])
    france = snapshot_of(candidate("France condemned Azerbaijan's military action.", "condemnation",
                                   day(2023, 9, 19), [("france", "speaker"), ("azerbaijan", "target")]), "fr")
    assert decide(eu, [france]).event_id is None


def test_a_state_since_a_year_never_absorbs_a_dated_war():
    since = EventSnapshot("ev-9", "territorial_control", DateInterval(dt.date(1994, 1, 1), dt.date(1994, 12, 31), "year", True),
                          "asserted", frozenset({"armenia", "azerbaijan"}), ("Armenians controlled the region since 1994.",))
    war = candidate("War broke out between Armenia and Azerbaijan in 2020.", "armed_clash", year(2020),
                    [("armenia", "participant"), ("azerbaijan", "participant")])
    assert decide(war, [since]).event_id is None


def test_the_day_and_the_kind_alone_never_make_one_event():
    # Neither report names a party, a place or a country, and they are worded unlike each other:
    # nothing says they are one happening (a reader's remark and a motor race on the same day).
    stored = EventSnapshot("ev-c", "casualties", day(2011, 6, 24), "asserted", frozenset(),
                           ("They can go on killing and looting for as long as they like.",))
    crash = candidate("The reserve driver hit the wall after 22 minutes of practice.", "casualties", day(2011, 6, 24))
    assert decide(crash, [stored]).event_id is None
    # Nor does the country both reports only inherit from their articles: in a war, a placeless
    # report of tear gas and a remark on killing the same day are two happenings.
    from dataclasses import replace

    in_country = replace(stored, countries=frozenset({"libya"}))
    tear_gas = candidate("Police fired tear gas at the crowd in the square.", "casualties", day(2011, 6, 24))
    assert decide(tear_gas, [in_country], setting=frozenset({"libya"})).event_id is None
    # Told again in like words, it is the same report.
    again = candidate("They can go on killing and looting for as long as they like, he said.", "casualties",
                      day(2011, 6, 24))
    assert decide(again, [in_country], setting=frozenset({"libya"})).event_id == "ev-c"


def test_unrelated_news_sentences_are_not_similar_in_wording():
    # A ratio of characters over whole sentences found these alike (0.5 and more): they share only
    # words every report has.
    pairs = [
        ("France said it expected a swift exit by Gbagbo, who had clung to power since the election.",
         "Earlier, Muammar Gaddafi's forces unleashed mortar rounds and artillery shells on the city."),
        ("He asked for more books.", "He apologised and asked that we excuse him."),
        ("The group announced the plans alongside its interim numbers, which showed a slip in profits.",
         "Foreign Minister Nasser Judeh imparted the news in a telephone conversation with the interim council."),
    ]
    for a, b in pairs:
        assert wording_similarity(content_words(a), content_words(b))[1] is False, (a, b)
    # Two reports of one happening in other sentences share its names and words.
    alike = wording_similarity(
        content_words("U.N. Secretary-General Ban Ki-moon voiced alarm over reports of civilian casualties."),
        content_words("A spokesperson for Ban Ki-moon said the secretary-general is deeply concerned about "
                      "civilian casualties."))
    assert alike[1] is True


def test_a_report_scores_its_own_words_above_a_longer_report_holding_them():
    short = content_words("Russia contacted Azerbaijan about the operation.")
    assert wording_similarity(short, short)[0] > wording_similarity(
        short, content_words("Russia contacted Azerbaijan about the operation and Armenia about the talks."))[0]


def test_two_statements_of_one_war_by_unknown_speakers_in_other_words_stay_two():
    from dataclasses import replace

    said = replace(EventSnapshot("ev-st", "statement", day(2011, 4, 22), "asserted", frozenset(),
                                 ("The ambassador said it was unacceptable to be drawn into an armed conflict.",)),
                   countries=frozenset({"libya"}))
    other = candidate("A woman lost her baby on the crossing, the agency said.", "statement", day(2011, 4, 22))
    assert decide(other, [said], setting=frozenset({"libya"})).event_id is None
    # The same words reported again join, speaker known or not.
    again = candidate("The ambassador said it was unacceptable to be drawn into armed conflict.", "statement",
                      day(2011, 4, 22))
    assert decide(again, [said], setting=frozenset({"libya"})).event_id == "ev-st"


def test_one_speaker_on_two_countries_the_same_day_is_two_statements():
    from dataclasses import replace

    on_one = replace(EventSnapshot("ev-us", "statement", day(2011, 3, 17), "asserted",
                                   frozenset({"united-states", "libya"}),
                                   ("The United States stands with the Libyan people, the ambassador said.",),
                                   agent_keys=frozenset({"united-states"})),
                     countries=frozenset({"united-states", "libya"}))
    other = candidate("The United States urged Syria to stop the violence against protesters.", "statement",
                      day(2011, 3, 17), [("united-states", "speaker"), ("syria", "target")])
    assert decide(other, [on_one]).event_id is None
    # The speaker again on the same country joins, as one actor's reaction on one day.
    again = candidate("The United States stands with the people of Libya in support of their rights.", "statement",
                      day(2011, 3, 17), [("united-states", "speaker"), ("libya", "target")])
    assert decide(again, [on_one]).event_id == "ev-us"


def strike(id_, text, interval=day(2011, 6, 9), doer="nato"):
    return EventSnapshot(id_, "attack", interval, "asserted", frozenset({doer}), (text,), agent_keys=frozenset({doer}))


def test_who_did_it_alone_never_makes_one_event():
    # A corpus stores few of a war's happenings: that NATO's report is the only strike of that
    # day stored says nothing of which strike it is (of two dozen such joins read in a whole
    # corpus, two or three were right).
    report = candidate("Warplanes hit an ammunition depot near the coast.", "attack", day(2011, 6, 9),
                       [("nato", "initiator")])
    only = strike("s-1", "Alliance jets bombed a command centre overnight.")
    assert decide(report, [only], names={"nato": "NATO"}).event_id is None
    # Words in common tell which one it is.
    depot = strike("s-3", "The alliance said its warplanes hit an ammunition depot near the coast.")
    assert decide(report, [only, depot]).event_id == "s-3"


def test_a_bystander_in_common_makes_no_event():
    # Both name the rebels, but as the ones struck and as the ones who struck.
    report = candidate("Shells fell on the market.", "attack", day(2011, 6, 9), [("rebels", "target")])
    stored = strike("s-4", "Rebel fighters raided a checkpoint.", doer="rebels")
    assert decide(report, [stored]).event_id is None


def test_one_speakers_words_days_apart_are_two_statements():
    said = inherited(candidate("Washington is watching closely.", "statement", day(2011, 6, 10),
                               [("united-states", "speaker")]), day(2011, 6, 10))
    before = EventSnapshot("w-1", "statement", day(2011, 6, 8), "asserted", frozenset({"united-states"}),
                           ("The United States called the vote a step forward.",),
                           agent_keys=frozenset({"united-states"}))
    assert decide(said, [before]).event_id is None
    same_day = EventSnapshot("w-2", "statement", day(2011, 6, 10), "asserted", frozenset({"united-states"}),
                             ("The United States called the vote a step forward.",),
                             agent_keys=frozenset({"united-states"}))
    assert decide(said, [same_day]).event_id == "w-2"


def test_an_unnamed_perpetrator_neither_contradicts_nor_vouches():
    unnamed = "ruritania-unidentified-armed-group"
    # Gunmen nobody named, and a named group, in the same words: nothing says they differ.
    gunmen = candidate("Gunmen stormed the Kolo police station and freed forty prisoners.", "attack",
                       day(2019, 2, 8), [(unnamed, "initiator")])
    named = strike("g-1", "The Red Brigade stormed the Kolo police station and freed forty prisoners.",
                   interval=day(2019, 2, 8), doer="red-brigade")
    assert decide(gunmen, [named]).event_id == "g-1"
    # Two attacks by unnamed gunmen the same day, in other words: "the only event of its kind by
    # Unidentified armed group" would be no evidence at all.
    other = strike("g-2", "A bus was ambushed on the northern road.", interval=day(2019, 2, 8), doer=unnamed)
    assert decide(gunmen, [other]).event_id is None


def test_one_speakers_reaction_reported_next_day_in_some_of_its_words_is_one_event():
    stored = EventSnapshot("r-1", "condemnation", day(2023, 9, 19), "asserted", frozenset({"ruritania", "borduria"}),
                           ("Ruritania denounced a wide-scale offensive by Borduria on the disputed enclave, saying its aim "
                            "is ethnic cleansing of the mountain villages.",),
                           agent_keys=frozenset({"ruritania"}))
    next_day = inherited(candidate("Ruritania's foreign ministry condemned the large-scale aggression and accused "
                                   "Borduria of pursuing ethnic cleansing.", "condemnation", day(2023, 9, 20),
                                   [("ruritania", "speaker"), ("borduria", "target")]), day(2023, 9, 20))
    decision = decide(next_day, [stored], names={"ruritania": "Ruritania", "borduria": "Borduria"})
    assert decision.event_id == "r-1"
    assert "similar wording" not in decision.reasons  # some words in common, not alike


def test_one_speakers_statements_days_apart_sharing_only_scattered_words_stay_two():
    stored = EventSnapshot("r-2", "statement", day(2011, 3, 1), "asserted", frozenset({"ruritania"}),
                           ("A Ruritanian government source denied the report of a battle for the air base.",),
                           agent_keys=frozenset({"ruritania"}))
    later = inherited(candidate("Ruritania's governments denied it, and the leader later appeared on television.",
                                "statement", day(2011, 3, 3), [("ruritania", "speaker")]), day(2011, 3, 3))
    assert decide(later, [stored], names={"ruritania": "Ruritania"}).event_id is None


def test_one_speakers_statements_days_apart_sharing_only_a_name_or_a_title_stay_two():
    names = {"ivo-brak": "Ivo Brak"}

    def stored(text):
        return EventSnapshot("r-3", "statement", day(2011, 2, 5), "asserted", frozenset({"ivo-brak"}), (text,),
                             agent_keys=frozenset({"ivo-brak"}))

    def later(text):
        return inherited(candidate(text, "statement", day(2011, 2, 7), [("ivo-brak", "speaker")]), day(2011, 2, 7))

    # A body's name or a title, capitalised, in both ("State Department") is no phrase of what was said.
    assert decide(later("State Department spokesman Ivo Brak tweeted concern about detentions and attacks on news "
                        "media in the capital."),
                  [stored("State Department spokesman Ivo Brak said the envoy was someone they had worked closely "
                          "with for years and trusted on the ceasefire talks.")], names=names).event_id is None
    # A phrase of what was said in common: the same reaction, reported again.
    assert decide(later("Ivo Brak repeated that the government had worked closely with the envoy."),
                  [stored("Spokesman Ivo Brak said they had worked closely with the envoy.")], names=names).event_id == "r-3"


def test_two_demands_of_a_collective_the_same_day_are_two_events():
    def demand(text):
        c = candidate(text, "demand_or_appeal", day(2011, 2, 1))
        return EventCandidate(**{**c.__dict__, "actors": (
            ActorRef("ruritania-protesters", "Ruritanian protesters", "group", "speaker", "protesters", 0, 1),)})

    strike = snapshot_of(demand("Activists called on workers across the country to walk out."), "p-1")
    resign = demand("Protesters have called for the president's immediate resignation.")
    assert decide(resign, [strike]).event_id is None
