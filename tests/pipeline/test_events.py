"""Event detection on short texts the rules were not written for (other conflicts)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest



def events(extract, text):
    return list(extract(text).events)


def only(extract, text):
    found = events(extract, text)
    assert len(found) == 1, [(e.type, e.trigger) for e in found]
    return found[0]


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, type_, modality",
    [
        ("Israeli aircraft struck targets in Gaza on Monday, killing 12, health officials said.", "attack", "asserted"),
        ("The Kremlin denied attacking civilians.", "attack", "denied"),
        ("Ukraine's foreign minister will meet his Polish counterpart next week.", "diplomacy_meeting", "planned"),
        ("Hamas threatened to strike Tel Aviv.", "attack", "threatened"),
        ("Rebels could resume attacks in the coming weeks, analysts warned.", "attack", "hypothetical"),
        ("Nobody knows whether the militia will attack the port.", "attack", "hypothetical"),
        # doubt of how a past happening took place does not unmake it
        ("It is unclear whether the militia shelled the port or the town.", "attack", "asserted"),
        ("The government alleged that opposition groups had smuggled weapons across the border.", "accusation", "asserted"),
        ("Sudan's army and the Rapid Support Forces signed a ceasefire in Jeddah on May 20.", "agreement", "asserted"),
        ("The European Union imposed sanctions on Iran last month.", "sanctions", "asserted"),
        ("Thousands of protesters rallied in Tbilisi on Saturday.", "protest", "asserted"),
        # a new power set up is a change of who governs, as a coup is
        ("Rebel commanders formed a military council on Monday to take power.", "election", "asserted"),
        ("The opposition set up an interim administration in Tamsar on Tuesday.", "election", "asserted"),
        # a crowd coming together is a gathering; troops massed are a deployment
        ("Several thousand villagers assembled on Friday outside the governor's office.", "protest", "asserted"),
        ("Thousands gathered in the main square of Tamsar on Sunday.", "protest", "asserted"),
        ("A crowd of about 2,000 people converged on the parliament building.", "protest", "asserted"),
        ("The army massed troops on the border on Thursday.", "deployment", "asserted"),
        # what is fired coming down is fire on that place; a siege or an ambush laid is one
        ("Shells fell on the market of Tarvel on Monday.", "attack", "asserted"),
        ("Two rockets landed near the airport on Monday.", "attack", "asserted"),
        ("A mortar round landed near the hospital in Kessa.", "attack", "asserted"),
        ("The militia laid siege to the town of Tarvel.", "territorial_control", "asserted"),
        ("Rebels laid an ambush for the convoy near Kessa.", "attack", "asserted"),
        # a burst of violence told by what it did to a place
        ("Two explosions rocked the centre of Tarvel on Thursday, residents said.", "attack", "asserted"),
        ("Heavy gunfire shook the northern suburbs of Kessa overnight.", "attack", "asserted"),
        ("Clashes swept the port city on Sunday.", "armed_clash", "asserted"),
        ("The capital was rocked by a series of blasts on Monday night.", "attack", "asserted"),
        ("Fighting spread to the eastern districts of Tarvel on Sunday.", "armed_clash", "asserted"),
        # a ruler giving up the throne; an order given (what was ordered has not happened by it)
        ("The king of Varnia abdicated on Monday.", "election", "asserted"),
        ("The interim leader ordered the army to lay down its arms on Monday.", "demand_or_appeal", "asserted"),
        ("The president instructed troops to withdraw from the border region.", "demand_or_appeal", "asserted"),
        ("The president ordered an offensive against the rebels on Monday.", "military_action", "asserted"),
        # fighting engaged in or had; forces arriving or summoned; an address broadcast; a blitz
        ("Tanks engaged in a fierce firefight with armed guards on Monday.", "armed_clash", "asserted"),
        ("Protesters and police had a violent confrontation in Tarvel on Friday.", "armed_clash", "asserted"),
        ("Army units arrived in Tarvel from nearby bases on Monday.", "deployment", "asserted"),
        ("The president summoned army units to the capital on Monday.", "deployment", "asserted"),
        ("A taped address by the president was broadcast on Monday.", "statement", "asserted"),
        ("The hardliners launched a blitz on the capital on Sunday.", "military_action", "asserted"),
        # a cordon, emergency powers taken, forces patrolling: measures and postures of a crisis
        ("Troops cordoned off the centre of Tarvel on Friday.", "blockade", "asserted"),
        ("The cabinet invoked emergency powers on Sunday to secure the ministries.", "blockade", "asserted"),
        ("Authorities enforced a curfew across the province of Kessa.", "blockade", "asserted"),
        ("Armoured vehicles patrolled the streets of Tarvel overnight.", "deployment", "asserted"),
        # forces moving on a place
        ("Rebel columns were heading towards the capital on Monday.", "military_action", "asserted"),
        ("Government forces were closing in on the rebel stronghold of Tarvel.", "military_action", "asserted"),
        ("Tanks rolled into the capital on Monday.", "military_action", "asserted"),
        # what was going on ("under way") happened
        ("Arrests of army officers were under way in Tarvel on Saturday.", "legal_action", "asserted"),
        ("A new offensive was underway in the north of Kessa on Monday.", "military_action", "asserted"),
        # force or a crowd tried is a happening, whatever came of it
        ("Rebels tried to storm the army base in Kessa on Monday.", "military_action", "asserted"),
        ("Gunmen tried to kill the governor of Tarvel on Sunday.", "attack", "asserted"),
        ("Protesters attempted to march on the parliament on Tuesday.", "protest", "asserted"),
        ("The rebels will try to storm the base next week.", "military_action", "planned"),
        # a past form the tagger did not know ("retook") is still the verb's past
        ("The army retook the town from the rebels on Monday.", "territorial_control", "asserted"),
        ("The court sentenced the former minister to ten years in prison in 2019.", "legal_action", "asserted"),
        ("Nigerian troops were deployed to the border last year.", "deployment", "asserted"),
        ("Moscow said on Wednesday that its troops had withdrawn from Kherson.", "withdrawal", "asserted"),
        # an act said to begin or go on happened, with the aspect verb's tense
        ("Militias began shelling the town on Monday.", "attack", "asserted"),
        ("Syrian troops continued to shell Homs on Sunday, activists said.", "attack", "asserted"),
        ("Gunmen kept attacking the convoy.", "attack", "asserted"),
        ("Rebels began to withdraw from the city on Sunday.", "withdrawal", "asserted"),
        ("The army will begin shelling the town next week.", "attack", "planned"),
        ("If the rebels refuse, the army could start bombing the town.", "attack", "hypothetical"),
    ],
)
def test_type_and_modality(extract, text, type_, modality):
    ev = only(extract, text)
    assert (ev.type, ev.modality) == (type_, modality)


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "It was not known whether the rebels had attacked the convoy.",
    "It is unclear whether the militia shelled the port or not.",
])
def test_a_question_whether_something_happened_reports_nothing(extract, text):
    assert events(extract, text) == []


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Peacekeepers regularly patrol the buffer zone.",
    "The minister introduced his new deputy to reporters.",
    "Lawyers invoked the constitution in court.",
])
def test_routine_patrols_and_other_invoking_report_nothing(extract, text):
    assert events(extract, text) == []


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("There were reports of heavy shelling near the port of Kessa on Friday.", [("attack", "claimed")]),
    ("There were also reports of an attack by naval units on army positions near Kessa.", [("attack", "claimed")]),
    ("There were no reports of shelling near the port.", []),
])
def test_what_there_were_reports_of_is_claimed(extract, text, found):
    assert [(e.type, e.modality) for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_second_aim_shares_the_first_ones_to(extract):
    text = "The army attacked rebel positions on Wednesday in a bid to oust the rebel leader and install a new government."
    assert [e.type for e in events(extract, text)] == ["attack"]


@pytest.mark.nlp
def test_cars_pulling_up_are_no_withdrawal(extract):
    assert events(extract, "Two vans pulled up at the gate of the barracks on Friday.") == []
    assert events(extract, "The shooting died down after midnight.") == []
    assert [e.type for e in events(extract, "The rebels pulled out of Kessa on Friday.")] == ["withdrawal"]


@pytest.mark.nlp
def test_forming_a_line_or_a_committee_sets_up_no_power(extract):
    assert events(extract, "Villagers formed a long line outside the bakery on Wednesday.") == []
    assert events(extract, "The parliament formed a committee on Wednesday.") == []


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The mayor of Tarvel survived an assassination attempt on Tuesday.",
    "A provincial governor escaped an ambush on the road to Kessa on Wednesday.",
    "The defence minister was unhurt in a new assassination attempt, his office said on Friday.",
    "The envoy escaped unhurt in the blast outside the embassy.",
    "The convoy of the interior minister was the target of a bombing on Monday.",
    "Gunmen made an attempt on the life of the governor of Tarvel on Saturday.",
])
def test_violence_someone_came_through_happened(extract, text):
    assert [e.type for e in events(extract, text)] == ["attack"]


@pytest.mark.nlp
def test_who_came_through_an_attack_was_its_target(extract):
    ev = only(extract, "Lebanese Prime Minister Fouad Siniora survived an assassination attempt on Tuesday.")
    assert [(a.name, a.role) for a in ev.actors] == [("Fouad Siniora", "target")]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The minister survived a vote of no confidence on Tuesday.",
    "Thousands escaped the heat in the hills.",
    "The rebels made an attempt to reach the coast.",
    "The plane landed in Kessa on Monday.",
    "Prices fell sharply in the capital.",
    "Police tried to stop the violence in Kessa.",
    "The rebels want to seize the port.",
])
def test_coming_through_what_is_no_violence_tells_no_attack(extract, text):
    assert "attack" not in [e.type for e in events(extract, text)]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The war shook the economy of the region.",
    "The news rocked the markets on Monday.",
    "Rumours of a coup swept the capital.",
])
def test_what_shakes_a_place_without_violence_is_no_happening(extract, text):
    assert events(extract, text) == []


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The curfew was lifted after the attack ended.",
    "Troops withdrew from Kessa after they stormed the base.",
    "The mayor resigned after the militia shelled the market.",
    "The mayor resigned after militiamen had shelled the market.",
])
def test_an_after_clause_referring_back_is_no_news_of_its_own(extract, text):
    assert [e for e in events(extract, text) if e.type in ("attack", "military_action")] == []


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The minister headed to Kessa for talks on Monday.",
    "The general headed the delegation to the talks.",
    "Students marched through the centre of Tarvel.",
    "The delegates arrived in Geneva on Monday.",
    "Police arrived at the scene in armoured vehicles.",
    "The president summoned the ambassador on Monday.",
    "The country has a long history of war.",
])
def test_moving_or_having_is_a_happening_only_for_forces_and_violence(extract, text):
    assert [e.type for e in events(extract, text) if e.type in ("military_action", "deployment", "armed_clash")] == []


@pytest.mark.nlp
def test_an_order_is_dated_by_the_day_hung_on_what_was_ordered_but_not_by_its_deadline(extract):
    ordered = only(extract, "The interim leader ordered the army to lay down its arms on Monday.")
    assert ordered.date.interval.start == dt.date(2023, 9, 18)
    ordered = only(extract, "The president ordered troops to leave the border zone by Friday.")
    assert ordered.date.interval.start != dt.date(2023, 9, 22)


@pytest.mark.nlp
def test_a_few_people_gathering_are_no_crowd(extract):
    assert events(extract, "Five ministers gathered in Kessa on Wednesday.") == []


@pytest.mark.nlp
def test_claimed_inner_event(extract):
    found = events(extract, "Officials claimed that rebels had attacked the convoy.")
    assert [(e.type, e.modality) for e in found] == [("attack", "claimed")]


@pytest.mark.nlp
def test_two_speech_acts_in_one_sentence(extract):
    found = events(extract, "Egypt condemned the attack and called for restraint.")
    assert [(e.type, e.ordinal) for e in found] == [("condemnation", 0), ("demand_or_appeal", 1)]


@pytest.mark.nlp
def test_a_reporting_verb_reporting_another_is_no_statement_of_its_own(extract):
    # The plan to consult is the event; "we said" and "the spokeswoman said" are how it is known.
    # Two events from one clause would carry the same headline.
    found = only(extract, '"We said that we would consult closely with the United Nations and the council," '
                          'alliance spokeswoman Ana Dorin said.')
    assert (found.type, found.modality) == ("consultation", "planned")


@pytest.mark.nlp
def test_coordinated_violence_is_not_over_split(extract):
    found = events(extract, "Troops launched an offensive on Tuesday and opened fire on the town.")
    assert [e.type for e in found] == ["military_action"]


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, kept",
    [
        # a participle describing a noun, even beside an adjective, is no act
        ("The envoy described the deal as a gradual or controlled lifting of the asset freeze.", ["statement"]),
        ("The rebels seized the town and controlled the roads around it.", ["territorial_control"]),
        # encircling oneself is conduct, not an encirclement
        ("Leaked recordings suggest the minister surrounded himself with loyal officers.", []),
        ("Troops surrounded the rebel-held town on Friday.", ["military_action"]),
    ],
)
def test_words_of_war_that_describe_rather_than_tell_are_no_event(extract, text, kept):
    assert [e.type for e in events(extract, text) if e.type != "statement" or "statement" in kept] == kept


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text",
    [
        "James Smith is a former co-chair of the contact group.",
        "Russia has had close ties to both countries.",
        "The region is internationally recognized as part of the country.",
        "The group heads efforts to find a peaceful solution to the conflict.",
        "Separatist authorities control part of the region.",
        "The mountainous region, controlled by rebels, is home to 120,000 people.",
    ],
)
def test_background_is_not_an_event(extract, text):
    assert events(extract, text) == []


@pytest.mark.nlp
def test_appeal_content_is_not_re_reported(extract):
    found = events(extract, "Germany called on Russia to end the attack on the city.")
    assert [e.type for e in found] == ["demand_or_appeal"]


@pytest.mark.nlp
def test_quote_continuing_a_statement_is_not_a_new_event(extract):
    text = ("Poland condemned the strike on Thursday.\n\n"
            "“This is unacceptable,” the Polish foreign minister said.\n\n"
            "“We will respond,” he said.")
    assert [e.type for e in events(extract, text)] == ["condemnation"]


@pytest.mark.nlp
def test_figures_keep_their_sources(extract):
    ev = only(extract, "Israeli aircraft struck targets in Gaza on Monday, killing 12, health officials said.")
    assert [(f.quantity, f.what, f.source) for f in ev.figures] == [("12", "people killed", "health officials")]
    ev = only(extract, "Local officials reported that the shelling killed or injured dozens of civilians.")
    assert [(f.quantity, f.what, f.source) for f in ev.figures] == [("dozens", "civilians killed or injured", "Local officials")]
    ev = only(extract, "A car bomb killed at least 15 people in Mogadishu, police said.")
    assert ev.figures[0].quantity == "at least 15"


@pytest.mark.nlp
def test_contested_characterisations_are_kept_per_speaker(extract):
    found = events(extract, "Israel called the raid a counter-terrorism operation.\n\nHamas called the raid a massacre.")
    assert [(e.type, e.claim, e.claim_by) for e in found] == [
        ("statement", "counter-terrorism operation", "israel"),
        ("accusation", "massacre", "hamas"),
    ]


@pytest.mark.nlp
def test_furniture_never_yields_events(extract):
    text = ("News  »  World  »  Clashes erupt\n\n"
            "Clashes Erupt Along The Border\n\n"
            "Government troops attacked rebel positions on Sunday.\n\n"
            "Read more stories here\n\n"
            "Army Attacks Rebels_3.1\n\n"
            "Reporting by Jane Doe.\n")
    found = events(extract, text)
    assert [e.type for e in found] == ["attack"]
    assert found[0].sentence.text == "Government troops attacked rebel positions on Sunday."


# --- the taxonomy's documentation must keep up with its data (no model needed) ---

REPO = Path(__file__).resolve().parents[2]
TOML = REPO / "app" / "pipeline" / "resources" / "event_types.toml"
DOC = REPO / "docs" / "event-types.md"


def doc_rows() -> dict[str, list[str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`([a-z_]+)`\s*\|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in m.group(2).split("|")]
    return rows


def test_every_type_is_documented_with_its_mappings():
    types = tomllib.loads(TOML.read_text(encoding="utf-8"))["types"]
    rows = doc_rows()
    assert set(rows) == set(types)
    for key, t in types.items():
        family, _description, acled, plover = rows[key][:4]
        assert (family, acled, plover) == (t["family"], t["acled"], t["plover"]), key


def test_every_type_has_what_exports_and_extraction_need():
    data = tomllib.loads(TOML.read_text(encoding="utf-8"))
    for key, t in data["types"].items():
        assert t["description"] and t["acled"] and t["plover"], key
        assert t.get("verbs") or t.get("nouns"), key
        assert isinstance(t["verbal"], bool), key


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, type_",
    [
        # Someone named as killing: the act is an attack, the dead are its toll.
        ("Gunmen killed four guards at the checkpoint on Friday.", "attack"),
        ("Two teachers were murdered by insurgents in the village on Friday.", "attack"),
        ("Al-Shabaab executed three men in the town square on Friday.", "attack"),
        # A violent happening as subject: that happening.
        ("A roadside bomb blast killed two officers on Friday.", "attack"),
        ("Fighting killed nine people near the airport on Friday.", "armed_clash"),
        # Nobody and nothing violent named: a casualty report.
        ("Four guards were killed on Friday.", "casualties"),
        ("Two fishermen died at sea on Friday.", "casualties"),
    ],
)
def test_who_or_what_killed_decides_between_attack_and_casualties(extract, text, type_):
    assert only(extract, text).type == type_


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text",
    [
        "Militants stormed the police station on Friday, a security official said, asking not to be named.",
        "Two diplomats, who requested anonymity, said militants stormed the police station on Friday.",
        "A diplomat, who declined to be identified, said militants stormed the police station on Friday.",
        "A diplomat speaking on condition of anonymity said militants stormed the police station on Friday.",
    ],
)
def test_how_a_source_asks_to_be_quoted_is_no_event(extract, text):
    # Only the storming: neither the source's request nor the saying is an event of its own.
    assert len(events(extract, text)) == 1, [(e.type, e.title) for e in events(extract, text)]


@pytest.mark.nlp
def test_a_request_that_is_news_stays_an_event(extract):
    assert only(extract, "The foreign minister asked the UN to send peacekeepers.").type == "demand_or_appeal"


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text",
    [
        "Cyclone Mira hit the southern coast on Monday with winds of 200 km/h.",
        "A powerful earthquake struck the mountain province on Sunday.",
        "Heavy rains destroyed hundreds of homes in the valley last week.",
        "Dozens of houses were destroyed by the floods on Tuesday.",
        "At least 40 people died in the floods on Monday, officials said.",
        "A landslide buried the village on Friday, killing 12 people.",
        # the force of nature named through a relative pronoun or as the subject of "expected"
        "The rains follow Cyclone Mira, which hit the coast this week with winds of 150 km/h.",
        "The earthquake that struck the province on Sunday killed more than 300 people.",
        "The storm is expected to hit the southern coast on Thursday.",
    ],
)
def test_forces_of_nature_are_no_acts_of_war(extract, text):
    # A conflict timeline records what parties do; a storm's damage or a quake's toll is not that.
    assert [e.type for e in events(extract, text)
            if e.type in ("attack", "military_action", "armed_clash", "casualties")] == []


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, type_",
    [
        # the same verbs with an armed doer stay violence, whatever the weather
        ("Militia fighters shot two farmers in the rain on Monday.", "attack"),
        ("Artillery hit the coastal town on Monday during a storm.", "attack"),
        ("Three soldiers were killed by a roadside bomb on Sunday.", "casualties"),
    ],
)
def test_violence_in_bad_weather_stays_violence(extract, text, type_):
    assert type_ in [e.type for e in events(extract, text)]


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, violent",
    [
        ("Oil prices hit a three-year high on Monday as fighting spread to the east.", False),
        ("Gold hit a record of $1,900 an ounce on Wednesday.", False),
        ("Brent crude struck a new peak of $120 a barrel on Monday.", False),
        ("The currency was hit by a wave of selling on Tuesday.", False),
        # a market is also a place that shells hit, and an exchange a building that gunmen attack
        ("A crowded market was hit by two shells on Tuesday, killing nine people.", True),
        ("Militants attacked the stock exchange building on Monday.", True),
        ("Rockets hit the highest floor of the ministry on Monday.", True),
        ("A sell-off hit European stocks on Monday.", False),
        ("The dispute hit the headlines on Monday.", False),
        ("Rebels shelled the oil refinery on Monday.", True),
        ("Gunmen attacked a gold mine on Monday, killing six workers.", True),
    ],
)
def test_markets_told_in_words_of_violence_are_no_violence(extract, text, violent):
    kinds = [e.type for e in events(extract, text)]
    assert ("attack" in kinds) is violent, kinds


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, type_, title, claim",
    [
        ("Government forces launched what they called a cleansing operation in the north on Friday.",
         "military_action", "Government forces launched a cleansing operation", "cleansing operation"),
        ("The militia carried out what witnesses described as a massacre in the village.",
         "casualties", "The militia carried out a massacre", "massacre in the village"),
    ],
)
def test_a_happening_named_in_a_free_relative_is_the_event_not_a_statement(extract, text, type_, title, claim):
    # "what they called X" is the speaker's name for a happening another verb reports: the naming
    # verb is no statement, and the name stays as the event's claim
    ev = only(extract, text)
    assert (ev.type, ev.title, ev.claim) == (type_, title, claim)


@pytest.mark.nlp
def test_a_free_relatives_naming_verb_leaves_the_date_to_its_happening(extract):
    ev = only(extract, "Rebels launched what they described as a final offensive on the port on Monday.")
    assert ev.type == "military_action"
    assert ev.date.interval.start.isoformat() == "2023-09-18"  # the Monday before the Tuesday published


@pytest.mark.nlp
def test_a_name_in_a_free_relative_stays_words_of_the_reaction(extract):
    ev = only(extract, "The minister condemned what he called an attack on civilians.")
    assert (ev.type, ev.title) == ("condemnation", "The minister condemned an attack")
    ev = only(extract, "Police arrested the activist over what were described as security reasons.")
    assert ev.title == "Police arrested the activist over security reasons"


@pytest.mark.nlp
def test_an_indirect_question_never_opens_a_headline(extract):
    ev = only(extract, "The ministry said it did not know how many times the jets had bombed the town.")
    assert ev.title == "The jets had bombed the town"


@pytest.mark.nlp
def test_talk_of_a_truce_is_no_talks(extract):
    said = events(extract, "Rebels said the shelling of the city made talk of a truce meaningless.")
    assert "diplomacy_meeting" not in {e.type for e in said}, [(e.type, e.title) for e in said]
    held = events(extract, "The two sides held talks in Geneva on Monday.")
    assert [e.type for e in held] == ["diplomacy_meeting"]


@pytest.mark.nlp
@pytest.mark.parametrize("speaker, kept", [
    ("A military source", False), ("Security sources", False), ("Diplomatic sources in the capital", False),
    ("The defence ministry", True), ("An army spokesman", True),
])
def test_an_unnamed_source_saying_nothing_that_is_an_event_is_no_statement(extract, speaker, kept):
    # A source is how a report is known, not a party reacting; its words are kept only where they
    # tell of a happening (which is then the event).
    found = events(extract, f"{speaker} said the talks with the tribal elders had gone well.")
    assert bool(found) == kept, found


@pytest.mark.nlp
def test_an_act_that_began_is_dated_by_the_aspect_verbs_date(extract):
    ev = only(extract, "Government forces began throwing grenades at the crowd on Monday.")
    assert ev.date.interval.start.isoformat() == "2023-09-18"


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Soldiers ousted the president on Wednesday.",
    "The junta overthrew the government last year.",
    "The new prime minister was sworn in on Monday.",
    "The general who led the 2021 coup spoke on Monday.",
])
def test_a_change_of_power_is_an_event(extract, text):
    assert "election" in {e.type for e in events(extract, text)}


@pytest.mark.nlp
@pytest.mark.parametrize("text, killed", [
    ("A car bomb tore through a crowded bus station on Friday, killing 14 people.", "14"),
    ("Mortar rounds crashed into a school on Monday, killing 20.", "20"),
    ("Shells slammed into the old quarter on Saturday, killing eight and wounding 59.", "eight"),
])
def test_a_toll_told_as_a_detail_of_a_clause_naming_no_act_is_the_attack(extract, text, killed):
    ev = only(extract, text)
    assert ev.type == "attack" and ev.trigger != "killing"
    assert killed in {f.quantity for f in ev.figures}


@pytest.mark.nlp
def test_a_second_detail_of_an_attack_is_no_event_of_its_own(extract):
    ev = only(extract, "Militias shelled the town on Monday, killing 12 and wounding 30.")
    assert {f.quantity for f in ev.figures} == {"12", "30"}


@pytest.mark.nlp
def test_slamming_into_a_place_is_no_condemnation(extract):
    assert only(extract, "Rockets slammed into the market on Sunday.").type == "attack"
    assert only(extract, "The minister slammed the decision on Monday.").type == "condemnation"


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Warplanes carried out a series of raids on the city overnight.", "military_action"),
    ("Police launched a wave of arrests in the capital on Friday.", "legal_action"),
    ("The two sides held a new round of talks in Geneva on Monday.", "diplomacy_meeting"),
    ("The first batch of surrenders took place at the statue on Sunday morning.", "withdrawal"),
])
def test_happenings_counted_in_a_series_are_carried_by_the_series_verb(extract, text, type_):
    assert only(extract, text).type == type_


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Fighting between the army and rebels left 20 people dead on Monday.", "armed_clash"),
    ("The shelling left at least nine civilians wounded.", "attack"),
    ("Heavy clashes in the north claimed the lives of 30 soldiers on Sunday.", "casualties"),
    ("Five policemen lost their lives in the ambush on Tuesday.", "casualties"),
    ("The government lost control of the northern province last month.", "territorial_control"),
])
def test_tolls_and_losses_in_their_idioms_are_events(extract, text, type_):
    assert only(extract, text).type == type_


@pytest.mark.nlp
def test_a_flood_that_left_people_dead_is_no_act_of_war_and_a_claim_stays_a_claim(extract):
    assert events(extract, "The floods left 12 dead.") == []
    ev = only(extract, "The rebels claimed that they had shot down a helicopter.")
    assert (ev.type, ev.modality) == ("attack", "claimed")


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_, title, initiator", [
    ("The rebels withdrew from the valley on Sunday after shelling the town for three days.", "attack",
     "The rebels shelled the town", "rebels"),
    ("Government troops celebrated on Monday after repelling two assaults by the militia.", "armed_clash",
     "Government troops repelled two assaults", None),
    ("The envoy flew home on Friday after meeting rebel leaders in Juba.", "diplomacy_meeting",
     "The envoy met rebel leaders", None),
])
def test_an_act_told_after_after_is_a_happening_of_its_own(extract, text, type_, title, initiator):
    found = [e for e in events(extract, text) if e.type == type_]
    assert [e.title for e in found] == [title]  # told as done, never "The rebels shelling the town"
    if initiator:
        assert initiator in {a.key for a in found[0].actors if a.role == "initiator"}


@pytest.mark.nlp
def test_a_toll_after_a_comma_stays_a_detail_and_an_accusation_of_shelling_is_not_the_accusers_act(extract):
    # ", killing 12" is still the attack's toll, not a second happening
    assert [e.type for e in events(extract, "Jets bombed the market on Monday, killing 12 people.")] == ["attack"]
    found = events(extract, "Kyiv accused Russia on Monday of shelling the power plant.")
    assert all(a.key != "ukraine" for e in found if e.type == "attack" for a in e.actors if a.role == "initiator")


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Rebels took the town of Kessa on Saturday.", "territorial_control"),
    ("Rebels seized control of four towns on Saturday.", "territorial_control"),
    ("Pitched gun battles sent the province into panic on Monday.", "armed_clash"),
    ("The government sent troops to the border on Monday.", "deployment"),
])
def test_what_was_taken_or_sent_decides_the_type(extract, text, type_):
    assert [e.type for e in events(extract, text)] == [type_]


@pytest.mark.nlp
def test_taking_what_is_no_ground_is_no_event(extract):
    assert events(extract, "The minister took the night train on Monday.") == []


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Seven mutilated bodies were found in the city on Sunday.", "casualties"),
    ("Rescuers pulled 12 bodies from the rubble on Sunday.", "casualties"),
    ("Rebels broke through government lines on Saturday.", "military_action"),
])
def test_the_dead_found_and_lines_broken_are_events(extract, text, type_):
    assert [e.type for e in events(extract, text)] == [type_]


@pytest.mark.nlp
def test_who_found_the_dead_did_not_kill_them(extract):
    found = events(extract, "Police dug up six bodies in two pits on Sunday.")
    assert [e.type for e in found] == ["casualties"]
    assert not any(a.role == "initiator" for a in found[0].actors)
    assert events(extract, "Troops found weapons in a house on Sunday.") == []


@pytest.mark.nlp
@pytest.mark.parametrize("text, title", [
    # the doer named after the gerund's clause goes first
    ("Shortly after shelling the town, the rebels withdrew on Monday.", "The rebels shelled the town"),
    # "after being detained": told as done, the verb agreeing with who it was done to
    ("Two reporters were freed on Monday after being detained by the militia.", "Two reporters were detained by the militia"),
    ("The activist was freed on Monday after being detained by the militia.", "The activist was detained by the militia"),
])
def test_a_gerund_after_after_is_titled_as_done_with_its_doer_first(extract, text, title):
    assert title in [e.title for e in events(extract, text)]


@pytest.mark.nlp
@pytest.mark.parametrize("text, title", [
    # the ones told do what they were told, and the telling is of the day the parser hung on it
    ("The army warned residents to leave the town on Monday.", "The army warned residents to leave the town"),
    ("The army told residents to leave the town on Monday.", "The army told residents to leave the town"),
    ("Kessa demanded that the army withdraw from the town on Monday.", "Kessa demanded that the army withdraw from the town"),
])
def test_someone_told_to_do_something_is_who_does_it_in_the_headline(extract, text, title):
    [event] = events(extract, text)
    assert (event.title, event.date.interval.start.isoweekday()) == (title, 1)


@pytest.mark.nlp
@pytest.mark.parametrize("text, modality, title", [
    # what a party claimed or threatened to do is headlined with the claim or the threat, its doer told once
    ("The rebels claimed to have shot down a helicopter on Monday.", "claimed",
     "The rebels claimed to have shot down a helicopter"),
    ("The militia threatened to fire rockets at Kessa on Monday.", "threatened",
     "The militia threatened to fire rockets at Kessa"),
])
def test_a_claim_or_threat_to_act_is_headlined_as_said(extract, text, modality, title):
    [event] = events(extract, text)
    assert (event.modality, event.title) == (modality, title)


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_, title", [
    # an act said to be achieved happened ("managed to", "succeeded in"), titled as done
    ("Rebel fighters managed to attack two depots near Kessa on Thursday.", "attack",
     "Rebel fighters managed to attack two depots near Kessa"),
    ("Rebel fighters succeeded in capturing two bridges near Kessa on Thursday.", "territorial_control",
     "Rebel fighters captured two bridges near Kessa"),
    # a verb the parser's lemmatiser does not know is still read ("retook" is "retake", in the past)
    ("Government troops retook the airport on Thursday.", "territorial_control",
     "Government troops retook the airport"),
    # an agreement that comes into force, in the American spelling split at its hyphen
    ("A new cease-fire went into effect on Sunday.", "agreement", "A new cease-fire went into effect"),
    ("The truce took effect at midnight on Sunday.", "agreement", "The truce took effect"),
    # "there was" a happening, told in the past: the happening, titled by its noun phrase
    ("On Friday night there was a shootout in the prison.", "attack", "A shootout in the prison"),
    ("There were clashes between police and protesters in the capital on Friday.", "armed_clash",
     "Clashes between police and protesters in the capital"),
])
def test_acts_told_through_another_verb_are_events(extract, text, type_, title):
    [event] = events(extract, text)
    assert (event.type, event.modality, event.title) == (type_, "asserted", title)


@pytest.mark.nlp
def test_an_effort_told_as_going_on_is_background(extract):
    found = events(extract, "The minister met the envoy in Kessa while troops were trying to retake the ridge.")
    assert "military_action" not in [e.type for e in found]


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_, title", [
    ("Four attempts were made to burn the legation on Monday.", "attack", "Four attempts were made to burn the legation"),
    ("Rebels made an attempt to storm the prison on Monday.", "military_action",
     "Rebels made an attempt to storm the prison"),
    ("The government made attempts to improve relations on Monday.", None, None),
])
def test_an_attempt_made_at_an_act_tells_it_as_trying_it_does(extract, text, type_, title):
    found = [(e.type, e.title) for e in events(extract, text)]
    assert found == ([(type_, title)] if type_ else [])


@pytest.mark.nlp
def test_a_capture_tried_is_an_assault_not_a_capture(extract):
    # the gold sets count "tried to cross the canal, but were repelled" and "attempted to gain
    # control of the town" as fighting: the attempt happened, the capture did not
    assert [e.type for e in events(extract, "Rebel fighters tried to capture the bridge on Thursday.")] \
        == ["military_action"]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Rebel fighters failed to capture the bridge on Thursday.",
    "There was no fighting on Sunday.",
    "There has been no attack since the truce.",
])
def test_acts_not_achieved_and_happenings_denied_by_there_were_none_are_no_events(extract, text):
    assert [e for e in events(extract, text) if e.modality == "asserted"] == []


@pytest.mark.nlp
def test_a_reported_clause_hung_far_from_its_subject_keeps_the_subject_only(extract):
    text = ("Minutes later, the mayor of Kessa announced the release of all the guards held in the city's "
            "jail, where the inmates had climbed to the roofs as shots and detonations were heard.")
    titles = [e.title for e in events(extract, text)]
    assert not any("were heard" in t for t in titles), titles


@pytest.mark.nlp
def test_engaging_a_force_is_combat_engaging_anyone_else_is_not(extract):
    [clash] = events(extract, "The army engaged a large group of rebels near Kessa on Friday.")
    assert clash.type == "armed_clash"
    assert events(extract, "The government engaged mediators on Friday.") == []


@pytest.mark.nlp
def test_a_clause_after_as_that_the_parser_took_for_a_noun_phrase_is_still_told(extract):
    text = ("The capital descended into chaos on Thursday as troops, presidential guards and gendarmes swept "
            "through the suburbs killing scores of civilians.")
    found = events(extract, text)
    assert [e.type for e in found] == ["military_action"]
    assert found[0].date.interval.start.isoformat() == "2023-09-14"


@pytest.mark.nlp
def test_a_name_after_an_abbreviated_title_stays_in_its_sentence(extract):
    text = "Gunmen stormed the police post near Kessa around 4 a.m., provincial commander Maj. Gen. I Wayan Sudira said."
    found = extract(text).events
    assert [e.type for e in found] == ["military_action"]
    assert any(a.role == "speaker" and "Sudira" in a.name for a in found[0].actors)


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "It was the deadliest attack on the army this year.",
    "The clash was the most serious incident since 2015.",
])
def test_a_happening_ranked_among_others_is_no_report_of_one(extract, text):
    assert events(extract, text) == []


@pytest.mark.nlp
def test_the_release_of_people_is_an_event_the_release_of_a_thing_is_not(extract):
    [release] = events(extract, "The release of eleven prison guards took place on Saturday.")
    assert release.type == "legal_action"
    assert [e.type for e in events(extract, "The ministry announced the release of a report on Saturday.")] == ["statement"]


@pytest.mark.nlp
def test_capturing_a_town_the_tagger_takes_for_a_person_is_ground_taken(extract):
    # the article names the town as a place elsewhere ("in Sukhumi"), the tagger calls it a person here
    text = ("Abkhazian separatists captured Sukhumi on Monday after 12 days of bitter combat in the city. "
            "Fighting had raged in Sukhumi since September 16.")
    found = events(extract, text)
    assert [e.type for e in found][:1] == ["territorial_control"]


@pytest.mark.nlp
def test_a_preposition_of_time_is_no_particle(extract):
    # "joined ... in mid-December" is not "joined in" (a protest)
    found = events(extract, "Three rebel leaders joined forces in mid-December.")
    assert not any(e.type == "protest" for e in found)


@pytest.mark.nlp
def test_an_adverb_left_out_keeps_the_coordinated_verb_and_its_and(extract):
    text = 'The army said it had engaged a large group of rebels near Kessa on Friday and "entirely destroyed this column".'
    titles = [e.title for e in events(extract, text)]
    assert any(t.endswith("and destroyed this column") for t in titles), titles


@pytest.mark.nlp
@pytest.mark.parametrize("text, protest", [
    ("Thousands took to the streets of Kessa on Friday.", True),
    ("Protesters took to Tamsar Square on Friday.", True),
    ("The minister took the train to the capital on Friday.", False),
])
def test_taking_to_the_streets_is_a_protest_taking_a_train_is_not(extract, text, protest):
    assert any(e.type == "protest" for e in events(extract, text)) is protest


@pytest.mark.nlp
@pytest.mark.parametrize("text, title", [
    ("Gang leader Jorge Salas escaped from a prison in Kessa on Sunday.", "Gang leader Jorge Salas escaped from a prison"),
    ("Dozens of prisoners broke out of the central prison on Friday.", "Dozens of prisoners broke out of the central prison"),
    ("The escape of 39 inmates from a jail in Tobra was reported on Tuesday.", "The escape of 39 inmates"),
    ("A mass jailbreak took place in the capital on Monday.", None),
])
def test_an_escape_from_custody_is_an_event(extract, text, title):
    """Leaving a prison against the state's will ends its custody: a legal act of the day, told by
    a verb of fleeing, by "broke out of", or by a noun whose "from" or modifier names the prison."""
    event = only(extract, text)
    assert event.type == "legal_action"
    if title is not None:
        assert event.title == title


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The minister had a narrow escape on Monday.",
    "A break in the fighting came on Monday.",
    "Thousands of villagers escaped to the hills.",
])
def test_an_escape_or_break_that_leaves_no_custody_is_no_legal_act(extract, text):
    assert not any(e.type == "legal_action" for e in events(extract, text))


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Rebels released five soldiers on Monday.",
    "A prison break in the north freed 4,000 inmates on Sunday.",
    "The militia freed the guards it had held since March.",
])
def test_freeing_soldiers_guards_or_inmates_is_a_release_of_people(extract, text):
    assert any(e.type == "legal_action" for e in events(extract, text))


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("The militia responded with mortar fire on Sunday.", "attack"),
    ("Government troops retaliated with artillery fire on the camp.", "attack"),
    ("Troops entered Lemoria at dawn on Friday.", "military_action"),
    ("The soldiers have returned home from the border province.", "withdrawal"),
    ("The soldiers returned to their barracks on Monday.", "withdrawal"),
])
def test_forces_moving_and_answering_with_fire_are_acts_of_war(extract, text, type_):
    """Answered with fire, a reply is a strike; forces entering a country or a town make an
    incursion, and forces coming home from the field withdraw."""
    assert [e.type for e in events(extract, text)] == [type_]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The ministry responded with a statement on Sunday.",
    "The delegation entered the conference hall.",
    "Thousands of refugees returned home from the camps.",
])
def test_answering_or_moving_without_fire_or_forces_is_no_act_of_war(extract, text):
    assert not any(e.type in ("attack", "military_action", "withdrawal") for e in events(extract, text))


@pytest.mark.nlp
def test_the_statement_a_report_is_attributed_to_is_no_event(extract):
    found = events(extract, "Four guards were wounded, according to a statement issued by the interior ministry.")
    assert [e.type for e in found] == ["casualties"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, protest", [
    ("This is a demonstration of the junta's contempt for the truce, the minister said.", False),
    ("The parade was a show of force.", False),
    ("A demonstration of students took place in the capital on Monday.", True),
    ("A demonstration of force took place in the capital on Monday.", False),
])
def test_a_demonstration_of_something_is_a_showing_not_a_protest(extract, text, protest):
    assert any(e.type == "protest" for e in events(extract, text)) is protest


@pytest.mark.nlp
def test_charging_that_something_is_so_is_an_accusation_not_a_court_charge(extract):
    said = events(extract, "The rebel leader charged that the army was shelling villages.")
    assert said and said[0].type == "accusation"
    court = events(extract, "Prosecutors charged the colonel with murder on Monday.")
    assert [e.type for e in court] == ["legal_action"]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Fighting raged in the hills above Tobra on Friday.",
    "Heavy battles raged along the border on Friday.",
])
def test_fighting_that_raged_is_a_clash_whatever_lemma_the_parser_gave_the_verb(extract, text):
    """The parser's lemma of "raged" is "rag", whose past is "ragged": a lemma that does not inflect
    to the word is mended before any rule reads it."""
    assert [e.type for e in events(extract, text)] == ["armed_clash"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, toll", [
    ("The discovery of a mass grave near Tobra on Monday shocked the country.", True),
    ("The discovery of the bodies of five men prompted an outcry.", True),
    ("The discovery of oil near Tobra changed the region.", False),
])
def test_the_discovery_of_the_dead_is_a_toll_found(extract, text, toll):
    found = events(extract, text)
    assert any(e.type == "casualties" for e in found) is toll
    if toll:
        assert "discovery of" in found[0].title.lower()


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("The patrol returned heavy machine-gun fire from the ridge on Monday.", "armed_clash"),
    ("The gunboat returned fire and sank one of the launches on Monday.", "armed_clash"),
    ("Soldiers returned to their positions on the hill on Monday.", None),
])
def test_returning_fire_is_an_exchange_of_fire(extract, text, type_):
    found = [e for e in events(extract, text) if e.trigger.startswith("return")]
    assert [e.type for e in found] == ([type_] if type_ else [])


@pytest.mark.nlp
@pytest.mark.parametrize("text, arson", [
    ("Angry villagers set two army trucks on fire after the funeral on Sunday.", True),
    ("Rioters set the customs post alight on Sunday night.", True),
    ("The council set a date for the vote on Sunday.", False),
])
def test_setting_something_on_fire_is_an_attack(extract, text, arson):
    found = events(extract, text)
    assert any(e.type == "attack" for e in found) is arson


@pytest.mark.nlp
@pytest.mark.parametrize("text, attack", [
    ("Policemen armed with machine-guns cut down at least 15 students on Sunday.", True),
    ("Soldiers mowed down dozens of villagers near the bridge on Sunday.", True),
    ("From the rooftops, guards poured fire down on the attackers on Sunday.", True),
    ("The gunboats rained fire on the harbour on Sunday.", True),
    ("The rebels cut off the road to the capital on Sunday.", False),
])
def test_people_cut_down_or_fire_poured_on_them_were_attacked(extract, text, attack):
    assert any(e.type == "attack" for e in events(extract, text)) is attack


@pytest.mark.nlp
@pytest.mark.parametrize("text, posted", [
    ("Reports said troops were standing guard over the airport on Sunday.", True),
    ("Soldiers guarded the foreign embassies on Sunday.", True),
    ("Police mounted guard outside the palace on Sunday.", True),
    ("The plan was a closely guarded secret until Sunday.", False),
    ("The landowner guarded his wealth jealously on Sunday.", False),
])
def test_forces_keeping_guard_over_a_place_are_deployed(extract, text, posted):
    assert any(e.type == "deployment" for e in events(extract, text)) is posted


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Students staged a sit-in at the ministry on Monday.", "protest"),
    ("Officials reported a troop build-up along the border on Monday.", "deployment"),
    ("Police killed two men in a shoot-out on Monday.", "attack"),
])
def test_a_hyphenated_event_noun_is_read_whole(extract, text, type_):
    assert [e.type for e in events(extract, text)] == [type_]


@pytest.mark.nlp
@pytest.mark.parametrize("text, military", [
    ("\u201cWe did not find the co-operation we expected,\u201d the envoy said on Monday.", False),
    ("Troops launched a counter-offensive on Monday.", True),
    ("The two armies began a joint operation on Monday.", True),
])
def test_a_word_made_with_a_prefix_is_not_the_event_noun_in_it(extract, text, military):
    assert any(e.type == "military_action" for e in events(extract, text)) is military


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Witnesses said soldiers are deployed throughout the capital.", "deployment"),
    ("Residents said the roads to the airport are sealed.", "blockade"),
    ("About 50,000 American troops are stationed in the country.", None),
    ("The city is internationally recognized as part of the republic.", None),
])
def test_forces_said_to_be_posted_now_are_that_days_news(extract, text, type_):
    found = [e.type for e in events(extract, text) if e.type in ("deployment", "blockade", "territorial_control")]
    assert found == ([type_] if type_ else [])


@pytest.mark.nlp
@pytest.mark.parametrize("text, deployed", [
    ("The government also flew in soldiers from two neighbouring states on Saturday.", True),
    ("Extra troops were trucked in on Saturday.", True),
    ("Two naval squadrons have been ordered to the capital and the port to maintain order.", True),
    ("The minister ordered two battalions to the border on Saturday.", True),
    ("Two wounded soldiers were flown to hospital on Saturday.", False),
    ("The minister flew in from the capital on Saturday.", False),
])
def test_forces_flown_in_or_ordered_to_a_place_are_deployed(extract, text, deployed):
    assert any(e.type == "deployment" for e in events(extract, text)) is deployed


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Tens of thousands of people have flocked to the old town in search of sanctuary, afraid of the rebels.",
     "humanitarian"),
    ("Hundreds of villagers crossed the river seeking safety on Sunday.", "humanitarian"),
    ("Thousands of protesters poured into the square on Sunday.", "protest"),
    ("Hundreds of soldiers crossed the river in search of the rebels on Sunday.", None),
])
def test_a_crowd_moving_to_be_safe_is_displaced(extract, text, type_):
    found = [e.type for e in events(extract, text) if e.type in ("humanitarian", "protest")]
    assert found == ([type_] if type_ else [])


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The foreign ministry broke off relations with the two legations on Monday.",
    "The government severed ties with its neighbour on Monday.",
])
def test_relations_broken_off_are_a_diplomatic_sanction(extract, text):
    assert [e.type for e in events(extract, text)] == ["sanctions"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The first attack was at the mosque in the old town on Friday.", True),
    ("The second attack was at a market in Kessa.", True),
    ("The attack was in retaliation for the raid.", False),
])
def test_an_act_of_violence_placed_by_a_past_copula_happened(extract, text, found):
    assert any(e.type == "attack" for e in events(extract, text)) is found


@pytest.mark.nlp
@pytest.mark.parametrize("text, destroyed", [
    ("The federal building was reduced to rubble on the morning of April 19.", True),
    ("Shelling reduced the town to a pile of ashes on Monday.", True),
    ("Bread prices were reduced to a third on Monday.", False),
])
def test_a_place_reduced_to_rubble_was_destroyed(extract, text, destroyed):
    assert any(e.type == "attack" for e in events(extract, text)) is destroyed


@pytest.mark.nlp
@pytest.mark.parametrize("text, held", [
    ("The president told reporters after an emergency cabinet meeting that 40 people had died.", True),
    ("Following an emergency session yesterday, the president declared a state of emergency.", True),
    ("The president will speak to reporters after the summit.", False),
])
def test_a_meeting_something_followed_was_held(extract, text, held):
    assert any(e.type == "diplomacy_meeting" for e in events(extract, text)) is held


@pytest.mark.nlp
@pytest.mark.parametrize("text, attack", [
    ("As the parachutes came down, the defenders sprayed them with machine guns.", True),
    ("Gunmen raked the convoy with gunfire on Monday.", True),
    ("Workers sprayed the fields with pesticide on Monday.", False),
])
def test_a_target_sprayed_or_raked_with_fire_was_attacked(extract, text, attack):
    assert any(e.type == "attack" for e in events(extract, text)) is attack


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("The chief justice passed 35 life sentences against the gunman on Friday.", "legal_action"),
    ("A judge ordered the students to leave the campus on Friday.", "legal_action"),
    ("The general ordered the troops to withdraw on Friday.", "demand_or_appeal"),
])
def test_a_court_sentences_and_orders_by_judgment(extract, text, type_):
    assert [e.type for e in events(extract, text)] == [type_]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "She chaired a meeting of the government's emergency committee on Tuesday.",
    "The minister attended a summit in the capital on Tuesday.",
])
def test_a_meeting_chaired_or_attended_was_held(extract, text):
    assert [e.type for e in events(extract, text)] == ["diplomacy_meeting"]


@pytest.mark.nlp
def test_a_happening_that_materialised_happened(extract):
    found = events(extract, "The long-awaited coup materialised this morning.")
    assert [e.modality for e in found if e.type == "election"] == ["asserted"]


@pytest.mark.nlp
def test_a_verb_whose_past_is_its_base_is_past_in_a_story_told_in_the_past(extract):
    text = ("Gunmen attacked a convoy on Friday and killed two drivers. "
            "Villagers set police vehicles on fire after the killings.")  # the tagger: "set"/VBP
    assert any(e.trigger == "set" for e in events(extract, text))
    # told in the present, with a word of the present, it stays a state of things: no event
    present = "Villagers say soldiers often set their huts on fire."
    assert not any(e.trigger == "set" for e in events(extract, present))


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The governor ordered a court of inquiry into the shooting on Monday.",
    "A commission of inquiry into the massacre was set up on Monday.",
    "Police opened a probe into the bombing on Monday.",
])
def test_an_inquiry_ordered_or_opened_is_a_legal_act(extract, text):
    assert any(e.type == "legal_action" for e in events(extract, text))


@pytest.mark.nlp
def test_reinforcements_moving_up_are_a_deployment(extract):
    text = "More enemy reinforcements were moving towards the front line on Monday, a spokesman said."
    assert any(e.type == "deployment" and e.trigger == "moving" for e in events(extract, text))
    assert not any(e.type == "deployment" for e in events(extract, "Refugees moved to a camp on Monday."))


@pytest.mark.nlp
def test_a_promise_is_a_statement(extract):
    found = events(extract, "The deputy governor promised on Monday that the killers would be punished.")
    assert any(e.type == "statement" and e.trigger == "promised" for e in found)


@pytest.mark.nlp
def test_a_call_for_something_dated_is_still_a_call(extract):
    # "on Monday" belongs to the call; the day does not make "for" a preposition of time
    found = only(extract, "Aid agencies called for a ceasefire on Monday.")
    assert found.type == "demand_or_appeal"


@pytest.mark.nlp
@pytest.mark.parametrize("text, happening", [
    ("The council appealed for a three-month truce on Monday.", False),  # how long, not when
    ("The 18 August raid left the depot in ruins.", True),  # a dated happening of its own
])
def test_a_length_of_time_does_not_date_a_noun_into_a_happening(extract, text, happening):
    found = events(extract, text)
    assert any(e.trigger in ("truce", "raid") for e in found) is happening, [(e.type, e.trigger) for e in found]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The provincial governor was taken hostage by militiamen on Monday.",
    "Gunmen took the provincial governor hostage on Monday.",
])
def test_taking_someone_hostage_is_an_abduction_whoever_they_are(extract, text):
    assert any(e.type == "legal_action" and e.trigger.startswith("t") for e in events(extract, text))


@pytest.mark.nlp
@pytest.mark.parametrize("text, chase", [
    ("Government troops pursued fleeing rebels into the hills on Sunday.", True),
    ("The soldiers followed the gunmen across the border on Sunday.", True),
    ("Reporters followed the talks closely on Sunday.", False),
    ("The soldiers followed the river on Sunday.", False),
])
def test_forces_going_after_fighters_is_an_operation(extract, text, chase):
    found = events(extract, text)
    assert any(e.type == "military_action" for e in found) is chase, [(e.type, e.trigger) for e in found]
    if chase:
        assert found[0].date.interval.start.isoformat() == "2023-09-17"  # the Sunday, however the parser hangs it


@pytest.mark.nlp
def test_being_in_control_of_a_place_is_holding_it_only_in_the_past(extract):
    assert any(e.type == "territorial_control" for e in events(
        extract, "By Tuesday the militia was in control of the main airport."))
    assert not events(extract, "The militia is in control of the north.")


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Rebels shelled the garrison in Tobra, an army spokesman said on Monday.",
    "At least 40 fighters have been killed in clashes around the port, and dozens of wounded have "
    "been taken to hospitals inland, medics and a military source said on Monday.",
])
def test_a_saying_told_after_its_clause_is_its_source_and_its_date(extract, text):
    found = [e for e in events(extract, text) if e.type != "statement"]
    assert found, [(e.type, e.trigger) for e in events(extract, text)]
    # reported on Monday: the happening is of that day at the latest, not of the day of printing
    assert found[0].date.interval.start.isoformat() == "2023-09-18", found[0].date.rule
    assert not any(e.type == "statement" for e in events(extract, text))


@pytest.mark.nlp
def test_fighting_still_raging_is_a_clash_whatever_lemma_the_parser_gave_the_participle(extract):
    found = events(extract, "Heavy battles were still raging around the port on Monday.")
    assert [e.type for e in found] == ["armed_clash"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, deployment", [
    ("Landing craft brought marines ashore near the lighthouse on Monday.", True),
    ("Paratroopers dropped into the hills behind the town on Monday.", True),
    ("A second invasion force was reported to have landed on the east coast on Monday.", True),
    ("The minister's plane landed in the capital on Monday.", False),
    ("Helicopters flew in food and medicine on Monday.", False),
])
def test_forces_landed_dropped_or_brought_ashore_are_a_deployment(extract, text, deployment):
    found = events(extract, text)
    assert any(e.type == "deployment" for e in found) is deployment, [(e.type, e.trigger) for e in found]


@pytest.mark.nlp
def test_a_surrender_received_or_accepted_is_a_surrender(extract):
    found = events(extract, "The general flew in by night and received the unconditional surrender of the garrison.")
    assert any(e.type == "withdrawal" for e in found), [(e.type, e.trigger) for e in found]


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("Loyalist gunmen offered some resistance around the radio station on Tuesday.", "armed_clash"),
    ("The marines met stiff resistance near the bridge on Tuesday.", "armed_clash"),
    ("The coalition staged its landing on the island's north coast on Tuesday.", "deployment"),
])
def test_resistance_offered_or_met_and_a_landing_staged_are_happenings(extract, text, type_):
    assert type_ in [e.type for e in events(extract, text)]


@pytest.mark.nlp
def test_a_resistance_movement_described_is_no_fighting(extract):
    assert not events(extract, "The resistance is a loose network of village groups.")


@pytest.mark.nlp
@pytest.mark.parametrize("text, exile", [
    ("The ousted governor sailed into exile on Saturday.", True),
    ("The rebel leader fled into exile in the neighbouring country on Saturday.", True),
    ("The former king went into exile after the coup.", True),
    ("The governor sailed to the islands on Saturday.", False),
])
def test_a_ruler_going_into_exile_is_a_happening(extract, text, exile):
    found = events(extract, text)
    assert any(e.type == "withdrawal" for e in found) is exile, [(e.type, e.trigger) for e in found]


@pytest.mark.nlp
def test_explosions_that_could_be_heard_were_heard(extract):
    found = events(extract, "Explosions could be heard across the valley on Tuesday night.")
    assert [(e.type, e.modality) for e in found] == [("attack", "asserted")]


@pytest.mark.nlp
def test_officials_who_did_not_comment_made_no_statement(extract):
    found = events(extract, "Rebels attacked the port on Monday. The ministry did not comment on the raid.")
    assert [e.type for e in found] == ["attack"]
    assert "statement" in [e.type for e in events(extract, "Rebels attacked the port on Monday. "
                                                          "The ministry commented on the raid.")]


@pytest.mark.nlp
@pytest.mark.parametrize("text, modality", [
    ("There were reports that a navy patrol boat had been shelled.", "claimed"),
    ("There were unconfirmed reports that rebels had seized the airport.", "claimed"),
])
def test_what_reports_say_happened_is_claimed(extract, text, modality):
    found = events(extract, text)
    assert [e.modality for e in found] == [modality], [(e.type, e.trigger, e.modality) for e in found]


@pytest.mark.nlp
@pytest.mark.parametrize("text, protest", [
    ("Hundreds of dock workers joined in the protest on Monday.", True),
    ("The general was joined in the briefing by his deputy.", False),
])
def test_joining_in_is_a_protest_only_when_a_protest_is_joined(extract, text, protest):
    assert ("protest" in [e.type for e in events(extract, text)]) is protest


@pytest.mark.nlp
@pytest.mark.parametrize("text, measure", [
    ("The governor declared a state of emergency in the north on Tuesday.", True),
    ("The army imposed martial law in the province on Tuesday.", True),
    ("The state of the roads worries the aid agencies.", False),
])
def test_a_state_of_emergency_or_martial_law_is_a_measure_like_a_curfew(extract, text, measure):
    assert ("blockade" in [e.type for e in events(extract, text)]) is measure


@pytest.mark.nlp
@pytest.mark.parametrize("text, mobilised", [
    ("The defence ministry called up former conscripts on Wednesday.", True),
    ("The army has called up 20,000 reservists.", True),
    ("The ministry called up the ambassador on Monday.", False),
])
def test_reservists_called_up_are_mobilised(extract, text, mobilised):
    assert ("deployment" in [e.type for e in events(extract, text)]) is mobilised


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("Soldiers fanned out across the city on Monday.", [("deployment", "asserted")]),
    ("The marines were preparing to fan out along the coast.", [("deployment", "planned")]),
    ("Protesters fanned out across the city on Monday.", []),
])
def test_forces_fanning_out_are_deployed(extract, text, expected):
    assert [(e.type, e.modality) for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, control", [
    ("Marines imposed calm on the harbour district on Monday.", True),
    ("Soldiers restored order in the capital on Monday.", True),
    ("The council called on both sides to restore calm.", False),
])
def test_calm_imposed_or_order_restored_is_control_of_the_place(extract, text, control):
    assert ("territorial_control" in [e.type for e in events(extract, text)]) is control



@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("The colonels seized power in the capital on Monday.", ["election"]),
    ("General Vidal took office on Thursday.", ["election"]),
    ("The army seized the power station on Monday.", ["military_action"]),
    ("The militia took the office of the governor on Thursday.", []),
])
def test_power_or_office_taken_is_a_change_of_rulers(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("President Mendes tendered his resignation on Thursday.", [("election", "asserted")]),
    ("The new leader moved swiftly to purge the army command.", [("election", "asserted")]),
    ("The army moved to retake the town on Monday.", [("territorial_control", "asserted")]),
    ("Fresh troops moved to the border on Wednesday.", [("deployment", "asserted")]),
    ("The prime minister issued a decree dissolving the party.", [("legal_action", "asserted")]),
    ("The rebels clamped a curfew on the town.", [("blockade", "asserted")]),
])
def test_acts_taken_in_hand_resignations_decrees_and_purges(extract, text, expected):
    assert [(e.type, e.modality) for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("Thousands of jubilant residents poured into the streets of the capital on Thursday.", ["protest"]),
    ("Hundreds of students flooded the main square on Thursday.", ["protest"]),
    ("Thousands of troops poured into the streets on Thursday.", ["military_action"]),
    ("Floodwater poured into the streets on Thursday.", []),
])
def test_a_crowd_streaming_into_the_streets_gathers_there(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("Taking over on Friday night, the prime minister addressed the nation.", ["statement"]),
    ("General Ruiz addressed a rally of his supporters in the capital on Monday.", ["statement"]),
    ("The government has yet to address the concerns of the miners.", []),
    ("The new law addresses the shortage of housing.", []),
    ("President Ortiz defended his decree in a nationally televised address.", ["statement"]),
    ("The minister appeared at a news conference on Monday.", ["statement"]),
    ("Troops defended the town for three days.", []),
])
def test_addressing_an_audience_or_speaking_in_an_address_is_a_speech(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("The king dissolved parliament on Monday.", ["election"]),
    ("The president disbanded the cabinet he had formed after his reelection.", ["election"]),
    ("The army suspended the constitution on Wednesday.", ["election"]),
    ("Police dissolved the crowd with tear gas.", []),
])
def test_a_governing_body_dissolved_changes_who_rules(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
def test_an_event_noun_dated_by_its_own_on_is_a_happening(extract):
    # "the attack on Sunday" says as much as "Sunday's attack"; "the attack on the village" is a
    # place, and "rioters on Sunday" are people.
    dated = events(extract, "The minister condemned the attack on Sunday.")
    assert ("attack", dt.date(2023, 9, 17)) in [(e.type, e.date.interval.start) for e in dated]
    assert [e.type for e in events(extract, "The minister condemned the attack on the village.")] == ["condemnation"]
    rioters = events(extract, "Rioters on Sunday torched cars in the old town.")
    assert [e.type for e in rioters] == ["attack"], [(e.type, e.trigger) for e in rioters]


@pytest.mark.nlp
@pytest.mark.parametrize("text, kept", [
    # what happened next, told by its own verb in the past after "before"
    ("Rebels held Kessa for a week before troops retook the town on Monday.", [("territorial_control", "asserted")]),
    ("The militia looted the market for hours before soldiers recaptured the district.",
     [("territorial_control", "asserted")]),
    # a reference point named by a noun, and a happening still to come, are not reported
    ("The shelling of the town stopped before the attack occurred.", []),
    ("The troops must leave before the town is recaptured.", []),
])
def test_what_happened_next_after_before_is_a_happening(extract, text, kept):
    found = [(e.type, e.modality) for e in events(extract, text) if e.type == "territorial_control"]
    assert found == kept, [(e.type, e.modality, e.trigger) for e in events(extract, text)]


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a ban on gatherings, traffic or sales is a restriction like a curfew
    ("Police banned all political rallies in the capital on Tuesday.", ["blockade"]),
    ("The interior ministry prohibited the sale of fuel in jerrycans.", ["blockade"]),
    ("The governor imposed a ban on motorcycle taxis last month.", ["blockade"]),
    # the banned party, and a place that stays banned to reporters, are no act of banning
    ("Members of the banned opposition movement marched through the capital.", ["protest"]),
    ("The region remained banned to foreign journalists.", []),
    ("The road stayed blocked for a week.", []),
    ("The road was blocked by protesters on Monday.", ["blockade"]),
])
def test_a_ban_is_a_restriction_and_a_state_kept_is_none(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("Air force jets strafed rebel villages on Tuesday.", "attack"),
    ("Guerrillas dynamited two railway bridges on Tuesday.", "attack"),
    ("Gunmen hijacked a bus near the border on Tuesday.", "attack"),
    ("Soldiers at the northern garrison mutinied on Tuesday.", "armed_clash"),
    ("The government deported three foreign reporters on Tuesday.", "legal_action"),
    ("Police launched a manhunt for the attackers on Tuesday.", "legal_action"),
])
def test_words_of_war_the_lexicon_names(extract, text, expected):
    assert [e.type for e in events(extract, text)] == [expected]


@pytest.mark.nlp
def test_a_clause_with_a_bare_participle_of_its_own_is_told_in_the_past(extract):
    # The small tagger calls a rare verb a participle ("mutinied/VBN") with no auxiliary: such a
    # clause can only be a past tense, so the story's day carries to what it tells next.
    text = ("Soldiers at a garrison in the south mutinied on Thursday and took their commander hostage. "
            "Gunmen hijacked a bus.")
    found = {e.trigger: e for e in events(extract, text)}
    assert found["mutinied"].tense == "past"
    assert found["hijacked"].date.interval.start == dt.date(2023, 9, 14)  # that Thursday, not the report's day


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("President Ruiz on Tuesday imposed a state of martial law, suspending constitutional guarantees.", ["blockade"]),
    ("The country was in a state of shock on Tuesday.", []),
])
def test_a_state_of_martial_law_is_a_measure_as_a_state_of_emergency_is(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
def test_a_happening_named_by_a_modifier_noun_with_a_clause_saying_when_it_began(extract):
    # "the coup attempt, which began late Monday": the coup began, though the clause hangs on "attempt"
    found = events(extract, "Nobody knew how many people had been killed in the coup attempt, which began late Monday.")
    coup = [e for e in found if e.trigger == "coup"]
    assert [(e.type, e.date.interval.start) for e in coup] == [("election", dt.date(2023, 9, 18))], \
        [(e.type, e.trigger) for e in found]


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # followers of a cause or a party are speakers, as "the opposition" is
    ("The neo-fascists demanded martial law and the death penalty.", ["demand_or_appeal"]),
    ("The Communists declared that the country was at war.", ["statement"]),
    # a thing is no speaker
    ("Such action threatens thousands of people.", []),
])
def test_followers_of_a_cause_speak(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected



@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    ("Two battalions were positioned along the border on Tuesday.", ["deployment"]),
    # an army that positions itself takes no position
    ("The army positioned itself as a neutral arbiter.", []),
])
def test_forces_positioned_are_deployed(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
def test_a_headline_keeps_a_hyphenated_word_whole(extract):
    # the tokenizer splits "neo-fascists" at its hyphens and the parser may read three subjects
    assert only(extract, "The neo-fascists demanded martial law.").title == "The neo-fascists demanded martial law"


@pytest.mark.nlp
def test_an_aside_between_dashes_is_no_part_of_the_main_clause(extract):
    # the small parser makes "demonstration" the subject of "reversed" and hangs 1998 on it
    text = ("Hours before the march -- the largest demonstration in Kessa since the 1998 uprising -- the "
            "country's supreme leader, Ayatollah Hamid Rostami, abruptly reversed course and promised an "
            "investigation into the killings.")
    found = events(extract, text)
    assert [e.type for e in found] == ["statement"], [(e.type, e.trigger) for e in found]
    statement = found[0]
    assert statement.date.interval.start != dt.date(1998, 1, 1)
    assert statement.title.startswith("The country's supreme leader")


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a name the data does not know, speaking in public: a party's statement
    ("Mensah said on Kessa Radio that he was disgusted with two years of civilian rule.", ["statement"]),
    ("Mensah told a news conference that he was disgusted with two years of civilian rule.", ["statement"]),
    # the same words told by a name alone, or by a passer-by: a source's words, no reaction
    ("Mensah said he was disgusted with two years of civilian rule.", []),
    ("John Mensah, a shopkeeper, said he was disgusted with two years of civilian rule.", []),
])
def test_a_name_speaking_on_the_radio_or_to_the_press_makes_a_statement(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
def test_a_person_introduced_in_an_office_speaks_for_it_later_in_the_article(extract):
    text = ("Police raided the offices of John Mensah, the head of the dockers' union, on Monday. "
            "Mensah said the raid was an attack on the workers.")
    assert "statement" in [e.type for e in events(extract, text)]
    # a passer-by introduced by name and trade is still a source
    text = ("Police raided the offices of the union on Monday. John Mensah, a shopkeeper, watched. "
            "Mensah said the raid was an attack on the workers.")
    assert "statement" not in [e.type for e in events(extract, text)]


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # forces hurrying to a place are sent there; people carried out, or reporters, are not
    ("Police and rescue forces rushed to the stricken stations on Tuesday.", ["deployment"]),
    ("Passengers were rushed out of the station on stretchers.", []),
    ("Reporters rushed to the scene on Tuesday.", []),
    # counted, named with their vehicles, or named as security men; or hurrying to guard a place
    ("Hundreds of police rushed to the scene on Tuesday.", ["deployment"]),
    ("Police and fire engines immediately converged on the scene on Tuesday.", ["deployment"]),
    ("Security men rushed to guard the suites of the visiting leaders.", ["deployment"]),
    ("Hundreds of residents rushed to the scene on Tuesday.", []),
    # a crowd scattered, a rally broken up: force used on a gathering
    ("Soldiers dispersed hundreds of marchers on Tuesday.", ["attack"]),
    ("Police broke up the rally on Tuesday.", ["attack"]),
    ("The protesters dispersed peacefully on Tuesday.", []),
    # roadblocks and barricades set up, and cleared
    ("Protesters set up roadblocks with burning tyres on Tuesday.", ["blockade"]),
    ("Students erected barricades in the city centre on Tuesday.", ["blockade"]),
    ("Troops cleared the square before dawn on Tuesday.", ["blockade"]),
    ("The colonel was cleared of all charges on Tuesday.", []),
])
def test_forces_rushing_in_crowds_dispersed_and_barricades(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
def test_a_quotation_ends_with_its_paragraph(extract):
    # the sentence split leaves the closing mark after "ended." out of both sentences; the
    # commander's words, a paragraph later, are no part of the aid worker's quotation
    text = ('"The roads are closed," said one aid worker. "The army will come back now that the rains have '
            'ended."\n\n'
            "The Kessan army commander, Colonel Amos Rudo, said his troops would hold their positions.")
    assert [e.type for e in events(extract, text)] == ["statement"]
    assert "hold their positions" in only(extract, text).title


@pytest.mark.nlp
def test_a_quotation_going_on_into_the_next_paragraph_stays_one(extract):
    # news style: the first paragraph left open, the next opened again with a mark (a guard: the
    # old sentence-by-sentence reading got this one right too)
    text = ('The Kessan defence minister said on Monday: "We will never give up.\n\n'
            '"Our people are tired of promises," the minister said, "and they want peace."')
    assert [e.type for e in events(extract, text)] == ["statement"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a scholar quoted on the crisis speaks for no party to it, even from a "State" university
    ('"The generals are in charge now," said Amos Rudo, a historian at Kessa State University.', []),
    ("Amos Rudo, an expert on Kessa, said the army was helping the regime.", []),
    # an official speaks for a party
    ('"The capital is calm," said Amos Rudo, a spokesman for the Kessan army.', ["statement"]),
])
def test_a_scholars_comment_is_no_official_reaction(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a hedged report in the passive: the happening is reported, as with "are said to have"
    ("The insurgents are stated to have occupied two hill villages.", ["territorial_control"]),
    # control gained, assumed or secured is control taken
    ("The militia gained control of the northern highway on Tuesday.", ["territorial_control"]),
    ("The army assumed control of the capital on Tuesday.", ["territorial_control"]),
    ("The party gained ground in the polls.", []),
])
def test_control_gained_and_passive_hedged_reports(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # people leaving their towns in numbers are displaced
    ("Large numbers of villagers are leaving every day.", ["humanitarian"]),
    ("Thousands of residents left the city on Tuesday.", ["humanitarian"]),
    ("Many families left their homes on Tuesday.", ["humanitarian"]),
    # forces leaving withdraw; a few people, or crowds leaving flowers, are no displacement
    ("Hundreds of soldiers left the town on Tuesday.", []),
    ("Thousands of mourners left flowers at the gate.", []),
    ("Two people left the meeting early.", []),
])
def test_people_leaving_their_towns_in_numbers_are_displaced(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # reinforcements streaming in are sent in, as when they arrive; crowds streaming in gather
    ("Army reinforcements streamed into the valley on Tuesday.", ["deployment"]),
    ("Thousands of residents poured into the streets on Tuesday.", ["protest"]),
    # an artillery duel is an exchange of fire
    ("An artillery duel broke out across the river on Tuesday.", ["armed_clash"]),
])
def test_reinforcements_streaming_in_and_an_artillery_duel(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a town or a garrison isolated by force is cut off
    ("The insurgents isolated the mountain garrison on Tuesday.", ["blockade"]),
    ("The town was isolated by the rebels on Tuesday.", ["blockade"]),
    # a country shunned, or patients kept apart, are not
    ("The sanctions diplomatically isolated Kessa.", []),
    ("Doctors isolated the patients on Tuesday.", []),
])
def test_a_town_isolated_by_force_is_cut_off(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # protesters counted in a crowd ("thousands of protesters") gather as protesters do
    ("Thousands of protesters defied the police on Tuesday.", ["protest"]),
    # what a counted crowd of protesters does to others, or suffers, stays that act
    ("Thousands of protesters torched the headquarters on Tuesday.", ["attack"]),
    ("Hundreds of protesters were injured on Tuesday.", ["casualties"]),
])
def test_protesters_counted_in_a_crowd_gather(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a simple present with a date still to come tells an arrangement: planned, dated that day
    ("The two foreign ministers meet in Kessa on Thursday.", [("diplomacy_meeting", "planned", "2023-09-21")]),
    ("The envoy visits the border towns next week.", [("diplomacy_meeting", "planned", "2023-09-25")]),
    # with no date to come it is still a lasting state, and a past date makes it no plan
    ("The militia controls the border towns.", []),
    ("The two foreign ministers meet every month.", []),
])
def test_a_simple_present_with_a_date_to_come_is_an_arrangement(extract, text, expected):
    found = events(extract, text)
    assert [(e.type, e.modality, e.date.interval.start.isoformat()) for e in found] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a plea to someone is an appeal; a plea in court is none
    ("The mayor pleaded with the rebels on Monday to release the hostages.", [("demand_or_appeal", "The mayor pleaded with the rebels")]),
    ("The colonel pleaded not guilty to treason on Monday.", []),
    # the speaker put after the verb of a quotation goes first in the headline, and the quoted order is no act
    ('"Stay in your homes," pleaded the governor of Kessa.', [("demand_or_appeal", "The governor of Kessa pleaded")]),
    ('"Hand over the prisoners," urged the envoy.', [("demand_or_appeal", "The envoy urged")]),
    # a request with the act asked of it, though quote marks part them
    ("In a recorded message, the deposed leader asks his “allies abroad” to “speak up” for him.",
     [("demand_or_appeal", "In a recorded message the deposed leader asks his allies to speak up")]),
])
def test_pleas_and_requests_with_the_speaker_after_the_quotation(extract, text, expected):
    assert [(e.type, e.title) for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, title, speaker", [
    # a medium that quoted someone as saying passes on that person's statement
    ("Peace will return soon, the Kessa News Agency quoted army spokesman Col. Idris Tamba as saying.",
     "Army spokesman Col Idris Tamba said peace will return", "Idris Tamba"),
    ("State radio quoted the interior minister as saying the capital was calm.",
     "The interior minister said the capital was calm", None),
])
def test_a_medium_quoting_someone_as_saying_is_that_persons_statement(extract, text, title, speaker):
    found = events(extract, text)
    assert [(e.type, e.title) for e in found] == [("statement", title)]
    speakers = [a.name for a in found[0].actors if a.role == "speaker"]
    assert speakers == ([speaker] if speaker else [])


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a rebuke in other words is a condemnation
    ("The premier castigated the rebel leaders for the massacre on Monday.", ["condemnation"]),
    ("The envoy lambasted the junta on Monday for the arrests.", ["condemnation"]),
    # a strike named by its trade or workplace is a stoppage; by what it fired, an attack
    ("A dock strike halted all exports from Kessa on Monday.", ["protest"]),
    ("The rail strike spread to the mines on Monday.", ["protest"]),
    ("A missile strike hit the port of Kessa on Monday.", ["attack"]),
])
def test_rebukes_and_strikes_named_by_their_trade(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    # an official named by office, or a person named in full with an office, speaks for the first time
    "The governor told the dockers they could expect firm action if the stoppage went on.",
    "Mr John Ramo, the relief commissioner, said many of the refugees feared reprisals.",
])
def test_an_official_introduced_by_office_or_full_name_makes_a_statement(extract, text):
    assert [e.type for e in events(extract, text)] == ["statement"]


@pytest.mark.nlp
def test_a_happening_whose_subject_phrase_runs_long_before_its_passive_verb(extract):
    # the subject's own phrase (an aside and a relative clause) closed by a comma, then its verb
    text = ("The revolt, over the pay cuts by the Kessa government, which the garrison calls a betrayal, "
            "was set off when the governor jailed three sergeants.")
    assert "armed_clash" in [e.type for e in events(extract, text)]
    # with no comma before the verb, the nouns next to it are its subject, not the one far before:
    # the shots were heard (gunfire of its own), the release was announced
    text = ("The mayor announced the release of all the staff held in the town hall, where the guards had "
            "hidden in the cellars as shots were heard.")
    assert [e.title for e in events(extract, text)] == ["The mayor announced the release of all the staff",
                                                        "Shots were heard"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # force used is force: tear gas, water cannon, live rounds; helicopters used to carry the wounded are not
    ("Police used water cannon against the marchers in Kessa on Monday.", [("attack", "asserted")]),
    ("Soldiers used live ammunition on the crowd on Monday.", [("attack", "asserted")]),
    ("The army used helicopters to carry the wounded to Kessa.", []),
    # what someone had to do, or was forced to do, told in the past, was done; in the future it is not yet
    ("The garrison was forced to retreat from Kessa on Monday.", [("withdrawal", "asserted")]),
    ("The police had to use tear gas at the ministry on Monday.", [("attack", "asserted")]),
    ("The garrison will have to retreat from Kessa.", []),
    # a leader speaking of something speaks in public; a curfew instituted is imposed
    ("The prime minister spoke of a dark day for Kessa on Monday.", [("statement", "asserted")]),
    ("The council instituted a curfew in Kessa on Monday.", [("blockade", "asserted")]),
])
def test_force_used_acts_done_under_constraint_and_words_spoken(extract, text, expected):
    assert [(e.type, e.modality) for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a side's leader in flight leaves the field; villagers in flight are displaced; inmates escape custody
    ("The rebel commander escaped from Kessa on Monday.", ["withdrawal"]),
    ("President Tomas Ferro fled the capital on Monday.", ["withdrawal"]),
    ("Hundreds of villagers fled the shelling on Monday.", ["humanitarian"]),
    ("Four inmates escaped from the prison on Monday.", ["legal_action"]),
])
def test_a_leader_in_flight_leaves_the_field(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # an answer in words is a statement; an answer by fire or an attack countered is none
    ("The ministry in Kessa retorted that the charges were lies.", [("statement", "asserted")]),
    ("The envoy replied that his government would not yield.", [("statement", "asserted")]),
    ("The garrison countered the assault with artillery on Monday.", []),
    # a condition told by putting the auxiliary first is no report of the act (and what would have
    # followed from it is none at all)
    ("The rocket would have killed dozens had it struck the market.", [("attack", "hypothetical")]),
    ("Should the militia attack the port, the navy will respond.", [("attack", "hypothetical")]),
    ("Only then were the bodies of the two hostages found.", [("casualties", "asserted")]),
])
def test_answers_in_words_and_conditions_told_by_inversion(extract, text, expected):
    assert [(e.type, e.modality) for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    # a question a source would not answer reports no act, and not saying is no statement
    "The police did not say how many of the marchers had been detained.",
    "Officials in Kessa did not disclose who carried out the raid.",
])
def test_a_question_a_source_left_unanswered_reports_nothing(extract, text):
    assert events(extract, text) == []


@pytest.mark.nlp
def test_a_question_the_report_cannot_answer_may_still_tell_the_act(extract):
    found = events(extract, "It is unclear who fired the rockets that hit the market in Kessa on Monday.")
    assert "attack" in [e.type for e in found]


@pytest.mark.nlp
def test_what_a_side_said_it_did_is_no_open_question(extract):
    assert [e.type for e in events(extract, "The army said what was left of the rebel force had surrendered.")] == ["withdrawal"]


@pytest.mark.nlp
def test_a_happening_dated_by_its_own_participle_of_beginning(extract):
    # "the uprising beginning July 24": the participle dates the noun's happening; a detail
    # participle ("..., killing 12") stays no event of its own
    text = "The two crises came together, the uprising beginning July 24 and ending after the surrender of its leaders."
    found = [(e.type, e.title, e.date.interval.start) for e in events(extract, text)]
    assert ("armed_clash", "The uprising began", dt.date(2023, 7, 24)) in found, found


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # armour moving on a place advances; forces counted by the dozen leave the field as forces do
    ("Armoured personnel carriers rumbled into the square in Kessa on Monday.", ["military_action"]),
    ("Tanks and armored cars roared towards the city on Monday.", ["military_action"]),
    ("The crowd roared its approval on Monday.", []),
    ("Dozens of militiamen abandoned their positions on Monday.", ["withdrawal"]),
    ("Hundreds of villagers abandoned their homes on Monday.", []),
    # a government formed, told by its noun
    ("The townspeople of Kessa announced the formation of a self-rule government on Monday.", ["election"]),
    ("The formation of a new sports committee was discussed.", ["consultation"]),
])
def test_armour_on_the_move_forces_counted_and_a_government_formed(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a characterisation said of someone or something is a statement
    ("The minister in Kessa characterized the shelling as an act of war.", ["statement"]),
    ("The spokesman referred to the prisoners as mercenaries on Monday.", ["statement"]),
    # a reference to something is none
    ("The report referred to the earlier clashes.", []),
])
def test_characterisations_are_statements(extract, text, expected):
    assert [e.type for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text, expected", [
    # a future in the past is a plan; a past that would have been is no happening: what the
    # party said is the event
    ("The army said the rebels would storm the town.", [("military_action", "planned")]),
    ("The army said the rebels would have stormed the town without air support.", [("statement", "asserted")]),
])
def test_what_would_have_happened_is_no_happening_even_when_reported(extract, text, expected):
    assert [(e.type, e.modality) for e in events(extract, text)] == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    # the parser makes the sentence a noun with a participle; the participle is its verb
    "Rebel paratroops headed for the coast of Kessa today, apparently to seize the port.",
    "Marine commandos headed for the island on Monday.",
])
def test_forces_heading_somewhere_when_the_parser_lost_the_main_verb(extract, text):
    assert [e.type for e in events(extract, text)] == ["military_action"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, type_", [
    ("A sharp engagement took place near the ford on Tuesday.", "armed_clash"),
    ("An engagement took place near the ford on Tuesday, the War Office said.", "armed_clash"),
    ("The cavalry fought a brief engagement with the raiders on Tuesday.", "armed_clash"),
    ("A neutral steamer witnessed the engagement off the cape on Tuesday.", "armed_clash"),
    ("The minister praised Turkey's diplomatic engagement with Armenia on Tuesday.", "statement"),
])
def test_an_engagement_told_as_a_fight_is_one(extract, text, type_):
    # "engagement" is also diplomacy's word; it is a fight when it takes place, is fought or is
    # called naval, sharp or brief
    assert [e.type for e in events(extract, text)] == [type_]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The fleet put to sea from Kessa on Tuesday.", ["deployment"]),
    ("The destroyers put out to sea on Tuesday night.", ["deployment"]),
    ("Two cruisers sailed for the strait on Tuesday.", ["deployment"]),
    ("The ferry sailed from Dover on Tuesday.", []),
    ("The minister put the question to the assembly on Tuesday.", []),
])
def test_warships_putting_to_sea_are_deployed(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Security was tightened at railway stations on Sunday.", ["deployment"]),
    ("Police stepped up security around the embassy on Sunday.", ["deployment"]),
    ("The government ordered increased security at all airports on Sunday.", ["deployment"]),
    ("The ministry ordered security officials to withdraw on Sunday.", ["demand_or_appeal"]),
    ("The government increased security spending on Sunday.", []),
])
def test_security_raised_is_a_deployment(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Neighbouring Chad set up camps for the refugees on Sunday.", ["humanitarian"]),
    ("Aid agencies opened camps to house the displaced on Sunday.", ["humanitarian"]),
    ("Soldiers set up camp outside the town on Sunday.", []),
])
def test_camps_opened_for_the_displaced_are_relief(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Crowds swarmed round the invading tanks on Sunday.", ["protest"]),
    ("Hundreds of students swarmed over the armoured cars on Sunday.", ["protest"]),
    ("Thousands of people flocked around the stage on Sunday.", []),
])
def test_a_crowd_closing_round_soldiers_or_tanks_protests(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Fort Kessa, the keystone of the northern defences, fell before a rebel stratagem on Saturday.",
     ["territorial_control"]),
    ("Seven forts fell into rebel hands on Saturday.", ["territorial_control"]),
    ("Mosul fell into rebel hands on Saturday.", ["territorial_control"]),
    ("The town fell silent on Saturday.", []),
    ("Night fell over the city on Saturday.", []),
    ("The city's population fell by half last year.", []),
])
def test_a_stronghold_falling_is_taken(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The cavalry pursued the bandits for 15 miles on Thursday.", ["military_action"]),
    ("The angry crowd chased the police officers down the avenue on Thursday.", ["attack"]),
    ("The government pursued talks with the rebels on Thursday.", []),
    ("The garrison made a last stand at the ford on Thursday.", ["armed_clash"]),
    ("The minister made a principled stand on Thursday.", []),
    ("The raiders were put to flight on Thursday.", ["armed_clash"]),
])
def test_a_foe_pursued_a_stand_made_and_a_rout_are_fighting(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Chad's military leader charged the former premier with ruining the economy.", ["accusation"]),
    ("Prosecutors charged him with murder on Monday.", ["legal_action"]),
])
def test_a_politician_charging_someone_with_a_deed_accuses(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_happening_dated_inside_a_since_phrase_is_its_own_and_the_saying_stays(extract):
    # "since seizing power four days ago" is when the general spoke, with a day of its own: the
    # seizure happened on that day, and what he declared is still his statement
    found = extract("In his first address since seizing power four days ago, General Mensah "
                    "declared the country was close to famine.", dt.date(2020, 5, 12)).events
    assert sorted((e.type, e.date.interval.start) for e in found) == [
        ("election", dt.date(2020, 5, 8)), ("statement", dt.date(2020, 5, 12))]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Hostilities are reported to have commenced with a bombardment of Kessa.", ["military_action"]),
    ("The battle commenced at dawn on Monday.", ["armed_clash"]),
    ("Squadrons of bombers and fighters took off at dawn for Kessa on Monday.", ["military_action"]),
    ("The plane took off from Kessa on Monday.", []),
    ("The general moved the headquarters of the General Staff nearer to the front on Monday.", ["deployment"]),
    ("The company moved its headquarters to Dubai in 2019.", []),
])
def test_hostilities_commenced_bombers_taking_off_and_a_command_moved_forward(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The survivors took refuge at the mission on Monday.", ["humanitarian"]),
    ("The steamer sailed for the capital with women and children on Monday.", ["humanitarian"]),
    ("A convoy left the city with hundreds of wounded on Monday.", ["humanitarian"]),
    ("The minister left with his wife and children on Monday.", []),
    ("Troops brought the children to school on Monday.", []),
])
def test_people_taking_refuge_or_carried_away_are_displaced(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_chief_who_met_his_end_died_on_the_day_his_relative_clause_gives(extract):
    # "met his end" is a death, not a meeting; "80 years ago", hung by the parser on the main verb
    # that has a date of its own ("last night"), dates the relative clause it follows
    found = extract("The town where the old chief met his tragic end at the hands of the cavalry 80 years ago "
                    "was taken over by more than 200 armed men last night.", dt.date(1973, 3, 1)).events
    assert sorted((e.type, e.date.interval.start.year) for e in found) == [
        ("casualties", 1893), ("military_action", 1973)]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("A message was thrown from a window of the residence on Monday.", []),
    ("Planes dropped leaflets over the city on Monday.", []),
    ("Protesters threw stones at the police on Monday.", ["attack"]),
])
def test_papers_thrown_or_dropped_are_no_violence(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Police threw a cordon around a five-block area of Kessa on Monday.", ["blockade"]),
    ("A ring was thrown around the village by troops on Monday.", ["blockade"]),
    ("Protesters threw bottles at the police lines on Monday.", ["attack"]),
    # a cordon set up is a place sealed off too
    ("A cordon was set up around the mosque on Monday.", ["blockade"]),
])
def test_a_cordon_thrown_around_a_place_seals_it_off(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The premier sent a letter to the president on Monday.", ["statement"]),
    ("The premier gave the ambassador a message for the president on Monday.", ["statement"]),
    ("The army sent troops to the border on Monday.", ["deployment"]),
    ("Rebel guns opened up from the north shore on Monday.", ["attack"]),
    ("The government opened up the economy on Monday.", []),
])
def test_a_letter_sent_is_said_and_guns_opening_up_fire(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The commission's visit culminated in an open split on Monday.", ["diplomacy_meeting"]),
    ("The talks collapsed on Monday.", ["diplomacy_meeting"]),
    ("The conference opened in Geneva on Monday.", ["diplomacy_meeting"]),
    ("The shop opened on Monday.", []),
])
def test_talks_that_collapsed_or_a_visit_that_culminated_were_held(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_what_happened_as_someone_spoke_is_not_what_he_said(extract):
    # "as five people died" tells when the president spoke; what he said ("the country was at war")
    # is his statement, and the deaths are a happening of their own
    found = events(extract, "The president said on Sunday the country was at war as five people died "
                            "when a factory was torched by rioters.")
    assert sorted(e.type for e in found) == ["attack", "casualties", "statement"]


@pytest.mark.nlp
def test_protesters_facing_off_with_police_clash(extract):
    assert [e.type for e in events(extract, "Protesters faced off with security forces on Monday.")] == ["armed_clash"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The court slapped the former president with a 15-month term for contempt on Monday.", ["legal_action"]),
    ("A judge handed him a five-year prison term on Monday.", ["legal_action"]),
    ("The council handed the mayor a second term on Monday.", []),
])
def test_a_term_slapped_or_handed_is_a_sentence(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The opposition gathered in the capital on Saturday despite a ban on demonstrations.", ["protest"]),
    ("Students assembled outside the parliament on Saturday.", ["protest"]),
    ("Five ministers gathered in Geneva on Saturday.", []),
])
def test_a_movement_gathering_rallies(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_officers_hospitalized_are_casualties(extract):
    assert [e.type for e in events(extract, "Police said fifteen other officers were hospitalized on Sunday.")] \
        == ["casualties"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Strong forces of troops were ordered mustered for any emergency on Monday.", ["deployment"]),
    ("The army mustered 5,000 troops at the border on Monday.", ["deployment"]),
    ("He mustered the courage to speak on Monday.", []),
])
def test_troops_mustered_are_deployed(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_dash_typed_as_two_hyphens_against_a_number_keeps_the_verb(extract):
    # "guns--40 of them--opened up": the typed dash is split from the number, so "opened" stays a verb
    assert [e.type for e in events(extract, "Rebel guns--40 of them--opened up from the north shore on Monday.")] \
        == ["attack"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a resignation accepted is a change of who governs
    ("President Kessler accepted the resignation of the interior minister on Monday.", ["election"]),
    # a letter forwarded to someone is said
    ("The union leaders forwarded a letter to the prime minister on Monday.", ["statement"]),
    # cavalry massing somewhere are deployed; minds concentrating on a task, or fire concentrated, are not
    ("The cavalry were concentrating at Hilltown on Monday.", ["deployment"]),
    ("The government will concentrate on the economy.", []),
    # suspects identified are a step of the case; the dead identified are not
    ("Police identified the two main suspects on Monday.", ["legal_action"]),
    ("Three suspects were identified late on Monday.", ["legal_action"]),
    ("Police identified the bodies on Monday.", []),
    # troops despatched (as the British spell it) or concentrated somewhere are deployed
    ("Two thousand troops were urgently despatched to Kessa on Monday.", ["deployment"]),
    ("Fourteen thousand troops were concentrated to the west of Kessa on Monday.", ["deployment"]),
    ("Efforts were concentrated on the economy on Monday.", []),
    # someone named to an office, or succeeding another in it, is a change of who governs
    ("The speaker Hans Abel was named acting President on Monday.", ["election"]),
    ("General Navarra succeeded General Silvestre on Monday.", ["election"]),
    ("The government was named in the report on Monday.", []),
    # people described as armed are not armed by anyone; a state arming rebels is support
    ("Troops fired on the protesters, some of them armed, on Monday.", ["attack"]),
    ("The neighbouring state armed the rebels on Monday.", ["support"]),
    # shots heard, ringing out or fired are gunfire; exchanged, a clash; a shot of anything else is none
    ("Shots were heard near the palace on Monday.", ["attack"]),
    ("Shots rang out near the market on Monday.", ["attack"]),
    ("The guards exchanged shots with the gunmen on Monday.", ["armed_clash"]),
    ("The photographer took shots of the square on Monday.", []),
    ("Mug shots of the suspects were published on Monday.", []),
    # a government falling is a change of who governs; its popularity or a figure falling is none
    ("The government fell on Monday.", ["election"]),
    ("The military regime collapsed yesterday after the coup.", ["election"]),
    ("The government's popularity fell on Monday.", []),
    ("Support for the government fell to 30 per cent on Monday.", []),
    # hanged is the gallows; hanging oneself is no act of the conflict
    ("Two rebels were hanged at dawn on Monday.", ["casualties"]),
    ("He hanged himself in his cell on Monday.", []),
    # a truce that took hold began to apply; panic taking hold is no agreement
    ("A fragile truce took hold in Kessa on Monday.", ["agreement"]),
    ("Panic took hold in Kessa on Monday.", []),
    # a bomb found or defused is taken out of the attackers' hands (no attack, no discovery of the dead)
    ("Police found two more bombs near the finish line on Monday.", ["military_action"]),
    ("Army engineers defused a bomb outside the station on Monday.", ["military_action"]),
    ("Investigators found what could be five undetonated explosive devices on Monday.", ["military_action"]),
    ("Rescuers found a coal mine on Monday.", []),
    ("Police found the documents on Monday.", []),
    # people released by a word for a part of them: "all of their hostages"
    ("The gunmen released all of their hostages on Monday.", ["legal_action"]),
    ("The ministry released all of the documents on Monday.", []),
    # "to surrender or be killed": one "to" for both, an ultimatum's words, no death
    ("The rebels told the president on Monday to surrender or be killed.", ["statement"]),
    # a minister shouted down is a protest; shouting down a telephone line is none
    ("Deputies shouted down the minister on Monday.", ["protest"]),
    ("He shouted down the phone on Monday.", []),
    # a measure blocked is rejected, a course of things blocked is nothing shut; a road blocked is shut
    ("Kessa blocked the resolution at the council on Monday.", ["statement"]),
    ("The war blocked the region's development for years.", []),
    ("Protesters blocked the main road on Monday.", ["blockade"]),
    # what was demanded in the subjunctive is asked for, not done: the demand is the event
    ("Kessa demanded that the army withdraw from the town on Monday.", ["demand_or_appeal"]),
    ("Kessa demanded the president lift martial law on Monday.", ["demand_or_appeal"]),
    # a coup attempt (or a coup bid) is told by its attempt's verb: begun, staged, under way
    ("The coup attempt began at dawn on Monday.", ["election"]),
    ("The rebels staged their coup bid on Monday.", ["election"]),
    # attackers fleeing or taking refuge give up ground; civilians doing so are displaced
    ("The gunmen took refuge in rocks on the hill on Monday.", ["withdrawal"]),
    ("The attackers fled to a rocky hill on Monday.", ["withdrawal"]),
    ("Thousands of villagers took refuge in the church on Monday.", ["humanitarian"]),
    # civilians evacuated are displaced; troops evacuating a town withdraw
    ("Forty people were evacuated from Kessa on Monday.", ["humanitarian"]),
    ("The army evacuated the town on Monday.", ["withdrawal"]),
    # an advance commenced is an operation under way
    ("The troops commenced a general advance into the suburb on Monday.", ["military_action"]),
    # sniping that went on is violence, as shooting is
    ("Heavy sniping continued in the suburbs on Monday.", ["attack"]),
])
def test_offices_changed_letters_forwarded_forces_massed_suspects_named_and_the_armed(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_sentence_glued_to_the_quotation_before_it_is_a_sentence_of_its_own(extract):
    # a copy that lost the space after a closing quotation mark: '... abroad."The government ...'
    text = ('The minister said the raid was planned "by people abroad."The government declared three '
            'days of national mourning.')
    found = extract(text, dt.date(2023, 9, 19)).events
    declared = [e for e in found if e.trigger == "declared"]
    assert declared and declared[0].sentence.text.startswith("The government declared"), \
        [(e.type, e.trigger, e.sentence.text) for e in found]
    # an opening quotation mark after a full stop and a space is no such thing
    text = 'Kessa fell on Monday. "We will retake it," the general said.'
    assert [e.sentence.text for e in extract(text, dt.date(2023, 9, 19)).events if e.trigger == "retake"] == [
        '"We will retake it," the general said.']


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The prime minister fell to the ground after the shots on Monday.", []),
    ("Dozens of marchers fell to their knees in the square on Monday.", []),
    ("The town fell to the rebels on Monday.", ["territorial_control"]),
])
def test_a_body_falling_to_the_ground_is_no_town_falling(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The regional bodies had not issued formal statements by late evening.", []),
    ("No warning was given before the troops opened fire.", ["attack"]),
    ("The ministry issued a statement on Monday.", ["statement"]),
])
def test_words_not_issued_or_given_were_never_said(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Unrest broke out in the old quarter of Kessa on Monday.", ["protest"]),
    ("Officers forced President Amar Kessler out in a coup on Monday.", ["election"]),
    ("The army forced the president out on Monday.", ["election"]),
    ("Troops forced the rebels out of the town on Monday.", []),
])
def test_unrest_breaking_out_and_a_leader_forced_out(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Two men in dark clothing were hustled into the Kessa police station on Monday.", ["legal_action"]),
    ("Police bundled the activists into police vans on Monday.", ["legal_action"]),
    ("The wounded were taken to hospital on Monday.", []),
])
def test_people_hustled_into_a_police_station_are_held(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_an_impeachment_is_a_legal_action(extract):
    assert [e.type for e in events(extract, "The Senate impeached President Amar Kessler on Monday.")] == ["legal_action"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The killing aroused fears of violence, but an outbreak in Kessa was quickly quelled.", ["protest"]),
    ("Troops put down the riots in the port on Friday.", ["protest"]),
    ("The army crushed the revolt within a week.", ["armed_clash"]),
    # what is put down must be a rising: a can, or fears, are not
    ("She crushed the can.", []),
    ("Officials quelled fears of a shortage.", []),
    ("Firemen quelled the outbreak of fire in the warehouse.", []),
])
def test_a_rising_put_down_took_place(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Strict security measures were enforced throughout the country on Friday.", ["deployment"]),
    ("Police took strict security measures around the stadium.", ["deployment"]),
    # measures of anything else are no deployment
    ("The government took measures to curb inflation.", []),
])
def test_security_measures_put_in_force_are_a_deployment(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("Soldiers firing automatic weapons rescued the president from a hospital on Thursday.", ["military_action"]),
    ("Commandos rescued 40 hostages from the ship.", ["military_action"]),
    # a rescue by anyone but a force is no operation of war
    ("Firefighters rescued a woman from the rubble.", []),
])
def test_a_rescue_by_forces_is_an_operation(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, title", [
    # "who" is a person: the clause the parser hung on the thing after "of" is the person's
    ("The driver of the truck, who was later shot dead by police, began firing into the crowd.",
     "The driver was shot dead by police"),
    ("Crowds mourned Dr Leila Haddad, the head of the hospital, who was killed by a sniper on Friday.",
     "Dr Leila Haddad was killed by a sniper"),
    # with no comma the clause is the noun's own, and a name set off is the person
    ("The crowd was stirred by the words of an activist who was seized by security forces.",
     "An activist was seized by security forces"),
    ("The assassin, Amar Kessler, 35, who was afterwards lynched by the crowd, leapt on to the car.",
     "Amar Kessler was lynched by the crowd"),
])
def test_who_in_a_headline_is_the_person_not_the_thing_after_of(extract, text, title):
    titles = [e.title for e in extract(text, dt.date(2024, 3, 16)).events]
    assert title in titles, titles


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("A car crashed into a crowd of marchers in Kessa on Saturday.", ["attack"]),
    ("The grey sedan drove into a group of them on Saturday.", ["attack"]),
    ("A truck rammed the crowd outside the stadium on Saturday.", ["attack"]),
    ("The bus crashed into a wall on Saturday.", []),
    ("A truck drove into a group of trees on Saturday.", []),
])
def test_a_vehicle_driven_into_people_is_an_attack(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The hijackers flew two airliners into the ministry on Monday.", ["attack"]),
    ("Three hijacked jets crashed into the towers on Monday.", ["attack"]),
    ("A cargo plane crashed into a hillside on Monday.", []),
])
def test_an_aircraft_flown_into_a_target_by_hijackers_is_an_attack(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a rush at someone, said of fighters or a crowd
    ("The rebels charged desperately on Monday.", ["attack"]),
    ("A youth charged at the priest with a knife on Monday.", ["attack"]),
    ("The cavalry charged into the square on Monday.", ["attack"]),
    # a charge laid, or an accusation
    ("He was charged with murder on Monday.", ["legal_action"]),
    ("The opposition charged on Monday that the vote was rigged.", ["accusation"]),
])
def test_a_charge_at_someone_is_an_attack_and_a_charge_laid_is_not(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # soldiers march as an army does: on a place they deploy, otherwise nothing of their own
    ("Troops marched on the capital on Monday.", ["deployment"]),
    ("The infantry were marching for 18 hours.", []),
    ("Thousands of students marched on the parliament on Monday.", ["protest"]),
    # a force brought into being
    ("Eight hundred irregulars have been raised in Portbury to operate against the rebels.", ["deployment"]),
    ("The colonel mustered two regiments on Monday.", ["deployment"]),
    ("The government raised taxes on Monday.", []),
    # stones thrown at things are an attack
    ("The rioters stoned the tramcars on Monday.", ["attack"]),
    # a strike that spreads is a work stoppage, not a raid
    ("The dock strike is spreading.", ["protest"]),
    ("The Kessa strike is spreading to the mills.", ["protest"]),
])
def test_armies_march_and_are_raised_crowds_stone_and_strikes_spread(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # the phrase's noun as the passive's subject
    ("Order has been restored in most parts of Portbury.", ["territorial_control"]),
    ("Calm was restored in the city on Monday.", ["territorial_control"]),
    ("Fire was opened on the crowd on Monday.", ["attack"]),
    # a stabbing told by its noun
    ("A stabbing at a church shocked the city on Monday.", []),
    ("The stabbing happened at a church on Monday.", ["attack"]),
])
def test_order_restored_and_fire_opened_in_the_passive(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # the participle tells the act, the clause it hangs on none
    ("On Kessa Road, youths worked down the street hurling bricks at every house where migrants lived.", ["attack"]),
    # a detail of an act already told stays its detail
    ("A bomb exploded in the market, killing 12 people.", ["attack"]),
    # "without" tells what was not done
    ("The crowd stood in the square without hurling stones at the police.", []),
])
def test_an_act_told_by_a_participle_on_a_clause_with_no_event(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # what was done in its wake tells no event: the violence after "after" is the news
    ("Firefighters searched the ruins on Thursday after insurgents blew up the station.", ["attack"]),
    # the curfew is the news and the killing its cause, reported in its own right elsewhere
    ("The governor imposed a curfew after gunmen killed five villagers.", ["blockade"]),
    # a happening named by a noun is a reference point
    ("Firefighters searched the ruins on Thursday after the bombing.", []),
])
def test_violence_told_after_after_is_kept_when_the_clause_it_hangs_on_is_no_event(extract, text, found):
    assert [e.type for e in events(extract, text) if e.type != "humanitarian"] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("A Norland squadron steamed full speed ahead from Porto to the strait on Monday.", ["deployment"]),
    ("All 12,000 Norland troops stationed in the south were put on alert on Monday.", ["deployment"]),
    ("The government placed the army on high alert on Monday.", ["deployment"]),
    ("Coastal residents were put on alert for the storm on Monday.", []),
])
def test_warships_steaming_off_and_troops_put_on_alert_are_forces_moved(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("A search was made in the old town for accomplices on Monday.", ["legal_action"]),
    ("Troops made a house-to-house search of Kessa on Monday.", ["military_action"]),
    ("A search for hidden weapons and rebels was made in Kessa on Monday.", ["military_action"]),
    ("The search for survivors was made on Monday.", []),
])
def test_a_search_for_the_armed_or_their_accomplices_is_an_operation(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a happening whose worst day is told, or that peaked or spread, took place
    ("Arson and looting saw their worst spell in Kessa on Tuesday.", ["attack"]),
    ("The fighting around Kessa peaked on Tuesday.", ["armed_clash"]),
    ("The clashes spread to three more districts of Kessa on Tuesday.", ["armed_clash"]),
    ("The city saw its worst flooding on Tuesday.", []),
    # what came after a death, told with "was followed by"
    ("The bishop's death on Tuesday was followed by bloody rioting in Kessa.", ["casualties", "protest"]),
])
def test_a_happening_told_by_its_worst_day_its_peak_or_what_followed_took_place(extract, text, found):
    assert sorted(e.type for e in events(extract, text)) == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The Norland cabinet went into emergency session on Monday.", ["diplomacy_meeting"]),
    ("The deputy premier, who took over as acting president on Monday, addressed the nation.",
     ["election", "statement"]),
    ("Medics fought to save the wounded officer's life on Monday.", []),
    ("Rebels fought to retake the town on Monday.", ["armed_clash"]),
])
def test_a_session_held_an_office_taken_over_and_a_fight_for_a_life(extract, text, found):
    assert sorted(e.type for e in events(extract, text)) == found


@pytest.mark.nlp
def test_a_report_compiled_on_a_happening_keeps_who_spoke_of_it(extract):
    text = ("A police spokesman told reporters on Monday that officers were compiling a report on the "
            "rioting which broke out in Kessa.")
    assert "statement" in [e.type for e in events(extract, text)]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("A soldier pumped 16 rounds into the gunman's stomach on Monday.", ["attack"]),
    ("From the upper windows of the ministry, machine guns sprayed the palace on Monday.", ["attack"]),
    ("Two more bombs burst in the square on Monday.", ["attack"]),
    ("The dam burst on Monday.", []),
    ("He put the clip into his pocket on Monday.", []),
])
def test_rounds_pumped_guns_spraying_and_bombs_bursting_are_attacks(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a try at overthrowing a ruler is a coup attempt; an office taken is a change of who governs
    ("The most serious attempt in nine years to dislodge the strongman had begun on Monday.", ["election"]),
    ("The interior minister, who became acting president on Monday, spoke to the nation.", ["election"]),
    ("He became a minister of the church in 1990.", []),
    # the attacker seized by bystanders is held
    ("Members of parliament quickly subdued the assailant on Monday.", ["legal_action"]),
    # troops overpowered are a fight won; a participle before a title is no appointment
    ("Government forces overpowered the rebel garrison on Monday.", ["armed_clash"]),
    ("Newly appointed Prime Minister Karel Dvorin warned the strikers on Monday.", ["statement"]),
    # named "as" an office is an appointment; named after someone is not
    ("The junta named a retired judge, a man of no party, as interim president on Monday.", ["election"]),
    ("The king named his son after his grandfather on Monday.", []),
    # another country's police arriving are sent; police arriving at a scene are its story
    ("Two hundred Norlandic police officers arrived in the capital on Monday.", ["deployment"]),
    ("Police arrived at the scene within minutes on Monday.", []),
    # armour through the streets, a crowd surging through a city
    ("Tanks rumbled through the streets of the capital on Monday.", ["military_action"]),
    ("Thousands of students surged through downtown Kessa on Monday.", ["protest"]),
    # knowing someone by sight is no recognition of a state
    ("One of the policemen recognized him on Monday.", []),
    ("Norland recognized the new government on Monday.", ["support"]),
])
def test_coup_attempts_offices_taken_attackers_subdued_forces_moving_and_faces_recognised(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # blows at people are an attack; a team beaten, or forces beaten back, are not
    ("Riot police beat the marchers with batons on Monday.", ["attack"]),
    ("Soldiers roughed up two reporters outside the barracks on Monday.", ["attack"]),
    ("Norland beat Kessa 3-1 in the final on Monday.", []),
    # people hurt are wounded; trade hurt is not
    ("Six bystanders were badly hurt on Monday.", ["casualties"]),
    ("The blockade hurt the port's trade on Monday.", []),
    # kept in hospital: the wounded, no arrest
    ("Three of the guards were detained in hospital on Monday.", ["casualties"]),
    # a man seized is held; a man taken to hospital is carried
    ("He was seized by two constables on Monday.", ["legal_action"]),
    ("He was taken to a nearby hospital on Monday.", []),
    # advised to do something: an appeal
    ("The governor advised the police not to arrest anyone on Monday.", ["demand_or_appeal"]),
    ("He advised the minister on security matters for years.", []),
    # an assurance given is said
    ("The commander gave the consuls his assurance that order would be kept on Monday.", ["statement"]),
    # a phrase before the verb is never its particle: "In a speech he swore" is no swearing-in
    ("In a fiery speech on Monday, the opposition leader swore that he would never leave.", ["statement"]),
    ("The new president was sworn in on Monday.", ["election"]),
    # an outbreak of rioting is rioting, reported or put down; an outbreak of cholera is neither
    ("Residents report an outbreak of fierce rioting in two towns.", ["protest"]),
    ("Troops quelled an outbreak of rioting in the port on Monday.", ["protest"]),
    ("Doctors quelled an outbreak of cholera in the camp on Monday.", []),
    # a happening told as successful took place; a note signed is words sent, no accord
    ("The coup was successful on Monday, the radio said.", ["election"]),
    ("The attack is successful only if the bridge falls.", []),
    ("The note was signed by all the officers of the squadron on Monday.", ["statement"]),
    # the offices of the older cables: a viceroy's appeal is a party's act, as a minister's is
    ("The viceroy urgently appealed for the despatch of a division on Monday.", ["demand_or_appeal"]),
    # mourners round a coffin besiege nothing; rebels round a town do
    ("Thousands of men surrounded the coffin on Wednesday.", []),
    ("Rebels surrounded the town on Wednesday.", ["military_action"]),
    # a participle set on a named day tells that happening, even without commas round it
    ("The coffin held the remains of a student stabbed to death on Monday night.", ["attack"]),
    ("The region controlled by the rebels since 1994 is poor.", []),
    # a melee is a fight
    ("A melee broke out between the two crowds on Monday.", ["armed_clash"]),
    # taken prisoner, as the parser reads it; armed with rifles, as they came
    ("The passengers were taken prisoner by the gunmen on Monday.", ["legal_action"]),
    ("The hostages were seized by men who were armed with rifles on Monday.", ["legal_action"]),
    # police drafted to a place are sent there; a bill drafted is not
    ("All available police were drafted to the area on Monday.", ["deployment"]),
    ("The minister drafted a bill on Monday.", []),
    # people counted as dead are a toll, in the present as in the past; talks are not people
    ("At least forty people are dead after the blast.", ["casualties"]),
    ("Two of the hostages were dead when the police arrived on Monday.", ["casualties"]),
    ("The talks are dead, the envoy said on Monday.", ["statement"]),
    # "the imprisoned" are people, named by what befell them
    ("The struggle is for the repressed and imprisoned, he said on Monday.", ["statement"]),
])
def test_blows_hurts_custody_appeals_assurances_oaths_and_outbreaks(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("A week of violent protests against the government has claimed to date 34 lives, media reported.",
     ["casualties"]),
    ("The Norland foreign ministry issued a travel alert for its citizens on Wednesday.", ["statement"]),
    ("The premier read a nationally broadcast statement to reporters on Wednesday.", ["statement"]),
    # an act of violence says nothing, whoever it befell
    ("The premier's death promises no change in the country's policy.", []),
])
def test_lives_claimed_alerts_issued_statements_read_and_a_death_that_promises(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_what_someone_feared_would_befall_him_did_not_happen(extract):
    text = "The opposition leader feared that he would be turned back or arrested on his return."
    assert events(extract, text) == []


@pytest.mark.nlp
def test_an_act_coordinated_under_a_modal_shares_its_modality(extract):
    found = events(extract, "The general said the rebels would be encircled and destroyed within a week.")
    assert found and all(e.modality != "asserted" for e in found if e.type != "statement"), \
        [(e.type, e.modality, e.trigger) for e in found]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    ("The liner was torpedoed off the coast on Friday.", ["attack"]),
    ("A submarine sank two tankers in the strait on Friday.", ["attack"]),
    ("GREAT NORLAND LINER SENT TO BOTTOM OFF COAST.", ["attack"]),
    ("Hopes of a settlement sank on Friday.", []),
    ("The shares sank on Friday.", []),
])
def test_a_ship_torpedoed_sunk_or_sent_to_the_bottom_was_attacked(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a weapon drawn is no troops pulled out
    ("The man suddenly pulled out a knife on Friday.", []),
    ("Norland pulled out its troops from Kessa on Friday.", ["withdrawal"]),
    # a body falling back is no troops falling back
    ("The king fell back in his carriage on Friday.", []),
    ("The rebels fell back to the river on Friday.", ["withdrawal"]),
    # one who expired died; a truce that expired did not
    ("The king expired on the way to the hospital on Friday.", ["casualties"]),
    ("The truce expired on Friday.", []),
    # what would have been did not happen
    ("There would have been demonstrations in Kessa.", []),
    ("Rebels could attack Kessa next week, analysts warned.", ["attack"]),
])
def test_a_weapon_drawn_and_what_would_have_been_are_no_happenings(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # when the violence came is no statement; a label put on a happening is one; a call to a person is contact
    ("The candidate was shot in the head as he addressed a crowd of 3,000 in Kessa on Monday.", ["attack"]),
    ("The president called the shooting 'a vile act' on Monday.", ["statement"]),
    ("The minister called the ambassador on Monday.", ["consultation"]),
])
def test_a_speech_during_violence_and_a_label_put_on_it(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_curly_apostrophe_reads_as_a_straight_one_and_the_text_keeps_it(extract):
    # the parser misread the possessive after a curly apostrophe and hung the words after it on
    # the sentence's subject, so a headline grew "poorer districts"
    text = ("Order has been restored in most parts of Portbury, but assaults continue to be reported "
            "from the city’s poorer districts.")
    found = [e for e in events(extract, text) if e.type == "territorial_control"]
    assert found and "districts" not in found[0].title, [e.title for e in found]
    assert "city’s" in found[0].sentence.text  # the source sentence is the article's own text
    shelled = events(extract, "Kessa’s army shelled the city’s port on Monday.")
    assert shelled and "Kessa’s army" in shelled[0].title  # and the headline prints it as the article does


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a vow that names an act is that act, threatened; a vow of nothing violent is a statement
    ("The rebel commander vowed to attack Kessa on Friday.", [("attack", "threatened")]),
    ("The defence minister vowed on Friday that Norland would track down the bombers.", [("statement", "asserted")]),
    # "was quick to" says how soon the act came, and it came; "would be quick to" is no act yet
    ("The Norlandic president was quick to blame Sudland on Friday.", [("accusation", "asserted")]),
    ("The rebels were swift to deny the killing on Friday.", [("statement", "denied")]),
    ("The government would be quick to condemn any attack.", []),
    # an eyewitness complaining is colour; protesters accusing the police are a party
    ("An eyewitness complained on Friday about the slow response of the firemen.", []),
    ("Protesters accused the police of brutality on Friday.", [("accusation", "asserted")]),
])
def test_vows_prompt_acts_and_witnesses_words(extract, text, found):
    assert [(e.type, e.modality) for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_headline_keeps_how_soon_the_act_came(extract):
    found = only(extract, "The Norlandic president was quick to blame Sudland on Friday.")
    assert found.title.startswith("The Norlandic president was quick to blame Sudland"), found.title


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # the dead confirmed, pronounced or reported are a toll; the dead feared are not yet one
    ("Two people were confirmed dead in the blast at Kessa on Friday.", ["casualties"]),
    ("Three passengers were pronounced dead at the scene on Friday.", ["casualties"]),
    ("Two people were feared dead on Friday.", []),
    # an officer fired from his post is dismissed; one fired at was shot at
    ("The army commander had been fired by the king on Friday.", ["election"]),
    ("The president fired his defence minister on Friday.", ["election"]),
    ("Gunmen fired on the governor's convoy on Friday.", ["attack"]),
    # a journey made to talk is a visit; a journey alone is nothing
    ("The premier flew to Kessa on Friday to talk to the island's elders.", ["diplomacy_meeting"]),
    ("The foreign minister travelled to Norby on Friday to meet the king.", ["diplomacy_meeting"]),
    ("The premier flew to Kessa on Friday.", []),
    # the purpose of a journey not made is no happening: only the words are
    ("\"I will not go back to Kessa to get killed,\" the minister said on Friday.", ["statement"]),
])
def test_the_dead_established_officers_dismissed_and_journeys_to_talk(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # armed men named for the first time after "after" tell the news that led to the lede's
    ("The prime minister fled to Sudland on Saturday after troops seized police stations in Kessa.",
     ["humanitarian", "military_action"]),
    # the troops already known, or the act named by a noun, are a reference point
    ("The prime minister fled to Sudland on Saturday after the troops seized the palace.", ["humanitarian"]),
    ("Talks resumed on Saturday after troops withdrew from Kessa.", ["diplomacy_meeting"]),
])
def test_forces_named_anew_after_after_tell_a_happening(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # what a bomb or a blast did to what it hit is the bombing
    ("A bomb tore the roof off a crowded bus in Kessa on Friday.", ["attack"]),
    ("An explosion wrecked the police station in Kessa on Friday.", ["attack"]),
    ("The war shattered the economy of Kessa.", []),
])
def test_what_a_bomb_did_to_what_it_hit(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a charge with batons is a rush at the crowd, even read as "the police [who were] charged"
    ("The police charged with drawn batons.", ["attack"]),
    ("There were further baton charges in Kessa to-night.", ["attack"]),
    ("He was charged with murder on Friday.", ["legal_action"]),
    # the hurt brought to hospital are a toll; a minister flying to one is not
    ("Four hundred persons have been sent to hospital.", ["casualties"]),
    ("The minister flew to the hospital in Kessa on Friday to see the wounded.", []),
    # what a mob wrecked or tore up on the ground is an attack; talks wrecked or a treaty torn up are not
    ("On Sunday mobs wrecked many stations in Kessa.", ["attack"]),
    ("The mobs had torn up the railway and the telegraph poles.", ["attack"]),
    ("The dispute wrecked the peace talks.", []),
    ("The president tore up the agreement.", []),
    # cut or hacked to pieces is a killing, not a road cut
    ("The foreign minister had been cut to pieces by an infuriated mob.", ["attack"]),
    ("The rebels cut the road to Kessa on Friday.", ["blockade"]),
    # communication kept is not a claim made
    ("Mobs had torn up the railway, but communication was being maintained by wireless.", ["attack"]),
])
def test_charges_hospitals_wreckage_and_blades(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a member speaking in the chamber reacts in public, with or without an office the data knows
    ("Lord Harwell, in the House of Lords, said that the situation in Kessa was less anxious.", ["statement"]),
    ("Mr Edwin Harrow stated in the House of Commons to-day that there was a marked improvement.", ["statement"]),
    ("John Harrow said in his house that the situation was calm.", []),
])
def test_words_spoken_in_a_legislature_are_a_reaction(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_scans_stray_hyphen_after_a_short_word_loses_no_event(extract):
    found = events(extract, "There has been serious rioting in- connection with the tramway strike in Kessa.")
    assert [e.type for e in found] == ["protest"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # bullets that rang out were fired; bullets found were not
    ("An assassin's bullets rang out in Kessa on Tuesday.", ["attack"]),
    ("The bullets were found in the car on Tuesday.", []),
    # a leader's wife seized is held, not ground taken
    ("His wife and members of the cabinet were seized and imprisoned on Tuesday.", ["legal_action"]),
    # a ruling body named beside its common noun, dissolved
    ("The radio said the ruling body, the Revolutionary Council, had been dissolved on Tuesday.", ["election"]),
])
def test_bullets_heard_kin_seized_and_a_council_dissolved(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # the case a conviction or an arrest was made in is its frame, no happening of its own
    ("A special court convicted him in a 2002 rape case on Friday.", ["legal_action"]),
    ("Police opened a case against the minister on Friday.", ["legal_action"]),
])
def test_the_case_an_act_was_done_in_is_no_second_act(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # where someone was, doing something to someone: the act is the news
    ("President Harlan was in Kessa visiting the prime minister on Tuesday.", ["diplomacy_meeting"]),
    ("He was in the garden reading a book on Tuesday.", []),
])
def test_someone_somewhere_doing_something(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # words cried out at the moment tell nothing; words said report what happened
    ("Then she ran through the hall screaming: “They're killing my husband.”", []),
    ("The interior minister said on Friday: “Troops are shooting at the crowd in Kessa.”", ["attack"]),
])
def test_a_cry_quoted_is_no_report(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # what an official makes known or owns up to, with a clause of content, is said
    ("The police commissioner revealed there had been no specific warning of the attack.", ["statement"]),
    ("The army admitted that its troops had fired on the crowd in Kessa.", ["attack"]),
    # no content: nothing said ("revealed the name", "admitted to hospital" stays a toll)
    ("Police revealed the name of the gunman on Friday.", []),
    ("Three men were admitted to hospital with gunshot wounds.", ["casualties"]),
])
def test_what_is_revealed_or_admitted_is_said(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_statement_that_there_was_something_keeps_its_there(extract):
    found = only(extract, "The police commissioner revealed there had been no specific warning of the attack.")
    assert "revealed there had been no specific warning" in found.title


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # what befell "he", the person the sentence is about, told after "after" beside no event
    ("The gunman lay dead nearby after he was fatally wounded by one of the constables.", ["casualties"]),
    # beside an event of its own, the clause is that event's cause, as before
    ("The army imposed a curfew after he was shot.", ["blockade"]),
])
def test_what_befell_him_told_after_after(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_second_speaker_set_beside_the_first_by_while_speaks_too(extract):
    text = ("Foreign Minister Ahmed Kasuri said his trip would go ahead while President Pervez Musharraf "
            "said the bombing would not derail peace efforts.")
    found = events(extract, text)
    assert [e.type for e in found] == ["statement", "statement"]
    assert "Musharraf said the bombing would not derail" in found[1].title
    assert found[0].title.endswith("would go ahead")


@pytest.mark.nlp
def test_what_the_paper_says_the_words_referred_to_is_no_report_and_gives_no_day(extract):
    text = ("“It's an act of terrorism like the one in Kessa,” the railways minister told reporters, "
            "referring to bomb blasts in Kessa last July that killed 186 people.")
    published = dt.date(2007, 2, 19)
    found = {e.type: e for e in extract(text, published).events}
    assert set(found) == {"statement", "casualties"}
    assert found["statement"].date.interval.start == published  # told on the paper's day, not last July


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # fire, smoke and floods are fought without an enemy
    ("Villagers fought through choking smoke to pull victims out of the windows.", []),
    ("Firefighters fought the blaze for six hours.", []),
    ("Soldiers fought the rebels for six hours.", ["armed_clash"]),
    ("Police fought with rioters through the night.", ["armed_clash"]),
])
def test_fighting_a_fire_is_no_clash(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
def test_a_quotation_opened_with_a_closing_mark_is_still_the_speakers(extract):
    # some papers set "”" to open a quotation; set close before its first word it opens one
    text = "”It's sabotage,” Railways Minister Lalu Prasad Yadav told reporters in Kessa."
    assert [e.type for e in events(extract, text)] == ["statement"]


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a list of violent nouns in a wave that swept a town
    ("A wave of murder, vandalism and looting swept the city on Monday.", ["casualties"]),
    ("Rioting gripped the capital on Monday.", ["protest"]),
    # men taken into a force as constables are mobilised
    ("Over five hundred were enrolled as special constables on Saturday night.", ["deployment"]),
    # a man smashed on the head is beaten; a window smashed is wrecked
    ("He was smashed on the head from behind with a bottle.", ["attack"]),
    # a meeting that decided something was held
    ("A Cabinet meeting, at which the general was present, decided to urge citizens to keep out of the city.",
     ["diplomacy_meeting"]),
    ("The meeting will decide on the matter next week.", []),
])
def test_a_wave_swept_men_enrolled_a_man_smashed_a_meeting_decided(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a happening that came after another, or marred it, came
    ("Serious disorders followed a public funeral of five victims of the strike.", ["protest"]),
    ("Clashes marred the vote in Kessa on Sunday.", ["armed_clash"]),
    # a disorder of the mind is none
    ("He suffers from a mental disorder.", []),
])
def test_what_followed_or_marred_a_day_came(extract, text, found):
    assert [e.type for e in events(extract, text)] == found
    assert all(e.modality == "asserted" for e in events(extract, text))


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # violence told as going on in the present progressive is going on; a state stays none
    ("Officials said the town is being shelled.", ["attack"]),
    ("The region is being recognised as a state.", []),
    # a force made stronger is a deployment; a budget or attacks increased are none
    ("The force of guards at the mine has been increased.", ["deployment"]),
    ("The garrison was strengthened by two battalions.", ["deployment"]),
    ("The army increased its budget.", []),
])
def test_shelling_going_on_and_a_force_made_stronger(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a meeting or a vote called is convened; a telephone call and a call for a meeting stay what they were
    ("The prime minister called an emergency cabinet meeting on Monday.", ["diplomacy_meeting"]),
    ("The minister called his counterpart on Monday.", ["consultation"]),
    ("The opposition called for a meeting.", ["demand_or_appeal"]),
    # forces rushed somewhere, and talks being held, are going on as told
    ("Strong reinforcements of police and troops are being rushed to Durban.", ["deployment"]),
    ("Talks are being held in Geneva.", ["diplomacy_meeting"]),
])
def test_a_meeting_called_and_forces_being_rushed(extract, text, found):
    assert [e.type for e in events(extract, text)] == found


@pytest.mark.nlp
@pytest.mark.parametrize("text, found", [
    # a crowd met with gunfire or tear gas is fired on; a minister met with a president meets him
    ("The police met the marchers with gunfire in Kessa on Monday.", ["attack"]),
    ("The marchers were met with tear gas in Kessa on Monday.", ["attack"]),
    ("The minister met with the president in Kessa on Monday.", ["diplomacy_meeting"]),
])
def test_met_with_gunfire_is_no_meeting(extract, text, found):
    assert [e.type for e in events(extract, text)] == found
