"""Page furniture detection and derived titles: plain text in, spans out. No model needed."""

from __future__ import annotations

import datetime as dt

import pytest

from app.pipeline.clean import derive_title, find_body, furniture_lines, mask_furniture, shorten_to_headline

PAGE = """World  »  Middle East  »  Fighting resumes in the north

Fighting resumes in the north

Rebel forces attacked an army base near the border on Sunday, killing three soldiers, officials said.

Key facts:

  • Population: 2.1 million.
  • Capital: Somecity.
  • Located in the northern highlands.

  • The army said it had repelled the attack after a two-hour battle.

Click here to read more

Photo_12.3

Additional reporting by Jane Doe; editing by John Roe.

Stock Markets Rally As Rates Fall
"""


def body_texts(text: str, title: str | None = None) -> list[str]:
    return [text[s:e] for s, e in find_body(text, title)]


def test_keeps_news_and_news_bullets():
    body = body_texts(PAGE, "Fighting resumes in the north")
    assert body == [
        "Rebel forces attacked an army base near the border on Sunday, killing three soldiers, officials said.",
        "The army said it had repelled the attack after a two-hour battle.",
    ]


def test_furniture_reasons_are_generic_shapes():
    reasons = {PAGE[s:e]: why for (s, e), why in furniture_lines(PAGE, "Fighting resumes in the north")}
    assert reasons["World  »  Middle East  »  Fighting resumes in the north"] == "breadcrumb"
    assert reasons["Fighting resumes in the north"] == "title-repeat"
    assert reasons["Key facts:"] == "heading"
    assert reasons["Capital: Somecity."] == "fact"
    assert reasons["Located in the northern highlands."] == "fact"
    assert reasons["Click here to read more"] == "call-to-action"
    assert reasons["Photo_12.3"] == "caption"
    assert reasons["Additional reporting by Jane Doe; editing by John Roe."] == "credit"
    assert reasons["Stock Markets Rally As Rates Fall"] == "headline"


def test_a_sign_up_forms_consent_line_is_furniture():
    text = ("Rebels attacked an army post on Tuesday, officials said.\n\n"
            "Enter your address to receive our weekly briefing\n\n"
            "By subscribing, you agree to our Terms of Use and Privacy Notice.\n\n"
            "Read our Terms and Conditions and our Privacy Statement.\n")
    assert body_texts(text) == ["Rebels attacked an army post on Tuesday, officials said."]
    # a story that speaks of an agreement is story text
    story = "By signing the accord on Tuesday, both sides agreed to withdraw their troops from the border."
    assert body_texts(story) == [story]


def test_the_sites_notes_about_itself_are_furniture():
    text = ("We are sorry, this video is currently unavailable. We are working on it. Please try again later.\n\n"
            "This story was published 12 years ago\n\n"
            "Your browser does not support the audio element.\n\n"
            "Militiamen burned the market on Friday, witnesses said.\n")
    assert body_texts(text) == ["Militiamen burned the market on Friday, witnesses said."]
    # a story that says someone was sorry, or a report published long ago, is story text
    story = "The minister said he was sorry the talks were unavailable to the rebels, and would try again later."
    assert body_texts(story) == [story]
    told = "This report was published two years ago by the commission, and it named the commanders."
    assert body_texts(told) == [told]


def test_credit_line_of_wire_story():
    text = "Troops withdrew from the town on Friday.\n\nSome information for this story was provided by Reuters."
    assert body_texts(text) == ["Troops withdrew from the town on Friday."]


def test_dateline_is_not_part_of_the_story():
    text = "KYIV, Ukraine (AP) — Russian missiles struck the capital overnight, officials said.\n"
    assert body_texts(text) == ["Russian missiles struck the capital overnight, officials said."]


def test_mask_keeps_offsets_and_newlines():
    body = find_body(PAGE, "Fighting resumes in the north")
    masked = mask_furniture(PAGE, body)
    assert len(masked) == len(PAGE)
    assert masked.count("\n") == PAGE.count("\n")
    for s, e in body:
        assert masked[s:e] == PAGE[s:e]
    assert "Click" not in masked and "»" not in masked


def test_title_from_leading_title_line():
    text = "Ceasefire Talks Collapse In Cairo\n\nNegotiators left Cairo on Monday without a deal, diplomats said."
    assert derive_title(text, find_body(text)) == "Ceasefire Talks Collapse In Cairo"


def test_title_from_first_sentence_is_shortened():
    text = ("Government forces recaptured the strategic town of Example on Wednesday after three days of heavy "
            "fighting with rebels, the defence ministry said. Other news followed.")
    title = derive_title(text, find_body(text))
    assert title.startswith("Government forces recaptured the strategic town of Example")
    assert len(title.split()) <= 14
    assert not title.endswith(".")


def test_short_sentence_is_its_own_headline():
    assert shorten_to_headline("Troops withdrew.") == "Troops withdrew"


# --- furniture of scraped news pages: comments, captions, stamps, bylines, datelines -------------

COMMENTED = """Militias clash in the port city

By Amina Yusuf and Tom Reed, Reuters

Published : 14 March 2024

Heavy fighting broke out between two militias in the port city on Thursday, residents said.
Three fighters were killed in the clashes, a hospital official said.

A burnt-out truck on the coastal road after the clashes [File: Jane Roe/Reuters]

Comments (12)
jdoe77 wrote:
Another attack on the city, when will this end? The army must act now.
Reply
3 hours ago
pat_k: They shelled us again last night and nobody came.
"""


def test_comments_captions_stamps_and_bylines_are_not_the_story():
    body = body_texts(COMMENTED, "Militias clash in the port city")
    assert body == [
        "Heavy fighting broke out between two militias in the port city on Thursday, residents said.",
        "Three fighters were killed in the clashes, a hospital official said.",
    ]
    reasons = {reason for _, reason in furniture_lines(COMMENTED, "Militias clash in the port city")}
    assert {"byline", "stamp", "caption", "comments"} <= reasons


def test_the_story_starts_after_an_inline_wire_dateline_and_its_highlights():
    text = ("Story highlights Clashes erupt near the square Two killed, officials say "
            "Northtown, Examplestan (CNN) -- Security forces fired tear gas at marchers in the capital on Friday.")
    (body,) = body_texts(text)
    assert body == "Security forces fired tear gas at marchers in the capital on Friday."


def test_a_timestamped_dateline_and_a_live_blog_stamp_are_not_the_story():
    text = ("PORTVILLE | Mon Mar 11, 2024 6:02pm EST\n"
            "(Update 7:00 p.m. local time) - Government troops retook the airport on Monday, the army said.\n")
    assert body_texts(text) == ["Government troops retook the airport on Monday, the army said."]


def test_a_live_pages_marker_is_not_the_story_but_what_follows_it_is():
    text = ("Government troops and rebels fought for a third day in the hills north of the capital, officials said.\n"
            "Update March 3: Rebels attacked a military base near the border on Sunday.\n"
            "BREAKING: Gunmen stormed a hotel in the capital.\n"
            "Updated Tue, May 7, 2024 14:05 GMT - The army said it had retaken the hotel.\n"
            "Capital: Portville\n")
    assert body_texts(text)[1:] == ["Rebels attacked a military base near the border on Sunday.",
                                    "Gunmen stormed a hotel in the capital.",
                                    "The army said it had retaken the hotel."]


def test_an_article_title_is_never_a_dateline_or_byline():
    from app.pipeline.clean import headline_line

    text = ("PORTVILLE | Mon Mar 11, 2024 6:02pm EST PORTVILLE (Reuters) -\n"
            "By the Wire Staff\n"
            "Government troops retook the airport on Monday, the army said.\n")
    assert headline_line(text, find_body(text)) is None
    assert body_texts(text) == ["Government troops retook the airport on Monday, the army said."]


# A page flattened to one sentence per line, as scrapers and corpora hand them over: the site's
# note to commenters shares a line with the story's credit, and each comment ends with its stamp.
FLATTENED = """Shelling resumes on the southern front
Artillery struck the southern town of Northam on Sunday, killing four civilians, the governor said.
Aid groups said the road to the town had been closed since Friday.
(Reporting by Jane Roe; Editing by Tom Reed) We encourage your comments on this page.
Views expressed in the comments are the writers' own.
The army should have bombed them years ago.
March 3, 2024 at 9:12 pm | Report abuse | Nobody cares about this war anymore.
Rebels attacked my village last year and no one reported it.
"""

CNN_STYLE = """Talks stall over the ceasefire
Negotiators left the capital on Tuesday without an agreement, officials said.
I sincerely hope they try again!!! March 5, 2024 at 7:59 pm | Reply | Another round of talks is pointless.
They will fight until one side is destroyed.
(required, but will not be displayed) The site welcomes a lively discussion as long as you follow its rules.
"""


def test_comments_that_open_inside_a_line_are_cut_where_they_start():
    assert body_texts(FLATTENED, "Shelling resumes on the southern front") == [
        "Artillery struck the southern town of Northam on Sunday, killing four civilians, the governor said.",
        "Aid groups said the road to the town had been closed since Friday.",
    ]
    assert body_texts(CNN_STYLE, "Talks stall over the ceasefire") == [
        "Negotiators left the capital on Tuesday without an agreement, officials said.",
    ]
    cut = [FLATTENED[s:e] for (s, e), why in furniture_lines(FLATTENED, "Shelling resumes") if why == "comments"]
    assert cut[0] == "We encourage your comments on this page."


def test_a_comment_stamped_without_its_links_still_opens_the_comments():
    text = ("Talks stall over the ceasefire\n"
            "Negotiators left the capital on Tuesday without an agreement, officials said.\n"
            "Too bad!! March 5, 2024 at 1:39 pm | They should bomb them all.\n"
            "The war will never end.\n")
    assert body_texts(text, "Talks stall over the ceasefire") == [
        "Negotiators left the capital on Tuesday without an agreement, officials said."]


def test_a_link_to_the_comments_above_the_story_does_not_make_the_story_comments():
    text = ("Rebels shell the capital\n"
            "View Comments\n"
            "Rebels shelled the capital on Sunday, killing four civilians, the army said.\n"
            "The shells hit a market near the port, witnesses said.\n"
            "View Comments\n"
            "This war has gone on far too long and nobody in the capital cares any more.\n")
    assert body_texts(text, "Rebels shell the capital") == [
        "Rebels shelled the capital on Sunday, killing four civilians, the army said.",
        "The shells hit a market near the port, witnesses said."]


def test_a_story_that_reports_on_comments_is_still_the_story():
    text = ("Officials answer critics\n"
            "Published March 4, 2024 at 9:12 pm | Updated March 5, 2024\n"
            "The ministry said on Monday that comments made by the envoy were not its policy.\n"
            "Lawmakers welcome a debate on the war, the speaker said at 10:30 am on Tuesday.\n")
    assert len(body_texts(text, "Officials answer critics")) == 2


def test_what_stands_before_the_story_on_its_first_line_is_no_headline():
    from app.pipeline.clean import headline_line

    text = ("Fri Nov 18, 2011 9:19 am GMT PORTVILLE (AlertNet) - Up to three million people in the hills are "
            "facing hunger after a drought wiped out their crops, aid agencies warned on Friday.\n"
            "The agencies asked donors for help.\n")
    assert headline_line(text, find_body(text)) is None
    assert not derive_title(text, find_body(text)).startswith("Fri Nov")
    # A headline on a line of its own is still the article's headline.
    titled = "Drought Leaves Millions Facing Hunger In The Hills\n" + text
    assert headline_line(titled, find_body(titled)) == "Drought Leaves Millions Facing Hunger In The Hills"


def test_a_date_and_a_byline_naming_the_outlet_open_no_story():
    text = ("March 19, 2011 | By Jane Hollis and Tom Reade, Special to CNN The destroyer launched a missile "
            "toward the coast on Saturday, the navy said.\n"
            "The strikes went on overnight.\n")
    assert body_texts(text)[0].startswith("The destroyer launched a missile")
    assert derive_title(text, find_body(text)).startswith("The destroyer")


@pytest.mark.parametrize("text, published, day", [
    ("OXCHUC, Mexico, Jan. 2 -- Gun battles spread today.", dt.date(1994, 1, 3), dt.date(1994, 1, 2)),
    ("YAOUNDE, Aug. 26 (Xinhua) -- Two soldiers were killed.", dt.date(2018, 8, 27), dt.date(2018, 8, 26)),
    ("KABUL, Dec. 30 -- Rebels attacked a base.", dt.date(2010, 1, 2), dt.date(2009, 12, 30)),
    ("KABUL, Afghanistan, March 3, 2009 (AP) - Rebels attacked.", dt.date(2009, 3, 4), dt.date(2009, 3, 3)),
    # the older papers' full stop after the day
    ("MANILA, November 14. Guerrillas raided a post early today.", dt.date(1971, 11, 15), dt.date(1971, 11, 14)),
    ("ADEN, June 3: Tribesmen fired on a patrol.", dt.date(1967, 6, 4), dt.date(1967, 6, 3)),
    # the region in brackets, and a wire credit in brackets before the place on the same line
    ("HILLTOWN (Northland), May 9. Raiders burned a store today.", dt.date(1958, 5, 11), dt.date(1958, 5, 9)),
    ("'Raid On Border' (Wire Service—Copyright) PORTBURY (Eastshire), May 9. Raiders burned a store.",
     dt.date(1958, 5, 11), dt.date(1958, 5, 9)),
    # the hour the cable came in after the credit, and an archive's masthead with the printed date
    ("(Wire Service—Copyright) (Rec. 9.30 p.m.) PORTBURY, May 9. Raiders burned a store.",
     dt.date(1958, 5, 10), dt.date(1958, 5, 9)),
    ("THE DAILY STAR - (Friday, March 12, 1965) - HILLTOWN, Thursday. - Rebels took the pass today.",
     dt.date(1965, 3, 12), dt.date(1965, 3, 11)),
    ("THE DAILY STAR - (Friday, March 12, 1965) - Rebels took the pass on Thursday.", dt.date(1965, 3, 12), None),
    # the day before the month, as British and Commonwealth papers write it
    ("KESSA, 4 March. — Crowds cheered in the streets today.", dt.date(1982, 3, 5), dt.date(1982, 3, 4)),
    ("PORTBURY, 9 May 1961 - Raiders burned a store.", dt.date(1961, 5, 10), dt.date(1961, 5, 9)),
    # a dash set close to the text after a space, as some older papers set it
    ("HILLTOWN, May 9 -Raiders burned a store to-day.", dt.date(1948, 5, 10), dt.date(1948, 5, 9)),
    ("HILLTOWN, 12 October. Guerrillas raided a post early today.", dt.date(1971, 10, 13), dt.date(1971, 10, 12)),
    ("FIGHTING ON 3 JUNE. Rebels attacked.", dt.date(1967, 6, 4), None),
    # the dateline on a line of its own above the story
    ("HILLTOWN, September 2.\n\nRebels shelled the airport yesterday.", dt.date(1970, 9, 3), dt.date(1970, 9, 2)),
    ("PORTBURY, May 2\nMarines landed today.", dt.date(1965, 5, 3), dt.date(1965, 5, 2)),
    ("FIGHTING ON JUNE 3.\n\nRebels attacked.", dt.date(1967, 6, 4), None),
    # the cable era's weekday alone: the latest such day on or before the paper's
    ("HILLTOWN, Thursday. - Rebels took the pass today.", dt.date(1965, 3, 12), dt.date(1965, 3, 11)),
    ("PORTBURY, Sunday.—Crowds cheered today.", dt.date(1965, 3, 12), dt.date(1965, 3, 7)),
    ("KESSA, Friday (AP) - Shelling went on.", dt.date(1965, 3, 12), dt.date(1965, 3, 12)),
    ("RAIDS GO ON Thursday - Rebels attacked.", dt.date(1965, 3, 12), None),
    # the credit printed without brackets at the end of the headline decks, then the hour the
    # cable came in; and the hour alone opening the line, before a place with its country in brackets
    ("ROADS CUT IN HILLTOWN. FLEET SAILS. By Cable—Wire Service —Copyright. (Received This Day, 11 a.m.) "
     "HILLTOWN, November 30. Crowds gathered in the square.", dt.date(1939, 12, 1), dt.date(1939, 11, 30)),
    ("(Rec. 10 a.m.) PORTBURY (Eastshire) March 15. Rebels shelled the port.",
     dt.date(1948, 3, 16), dt.date(1948, 3, 15)),
    ("(Rec. 10 a.m.) FIGHTING ON JUNE 3. Rebels attacked.", dt.date(1967, 6, 4), None),
    # the hour the cable came in, without brackets, after the deck; "received" with no hour is a word
    ("STRIKE SPREADS Received Tuesday, 8.40 p.m. PORTBURY, Oct. 3. Dockers walked out today.",
     dt.date(1951, 10, 4), dt.date(1951, 10, 3)),
    ("The hospital received 40 wounded. KESSA, March 3. Rebels attacked.", dt.date(1950, 3, 4), None),
    # the hour as the New Zealand papers set it ("7.0 p.m."), and "Received" with a letter misread
    ("Received Sunday, 7.0 p.m. NEW YORK, April 10. A mob stormed the palace today.",
     dt.date(1948, 4, 12), dt.date(1948, 4, 10)),
    ("Reeeived Sunday, 7.0 p.m. NEW YORK, April 10. A mob stormed the palace today.",
     dt.date(1948, 4, 12), dt.date(1948, 4, 10)),
    # a region is a few capitalised words, not the story's first sentence
    ("KESSA, Eastland. The army attacked on Thursday.", dt.date(1950, 3, 4), None),
    ("KESSA, Oct. 3. The dockers struck on Tuesday.", dt.date(1951, 10, 4), dt.date(1951, 10, 3)),
    # a scanned page's dateline that lost its full stop, after a wire credit; a letter read for a digit
    ("RAIDS ON PORT By Cable—Wire Service—Copyright HILLTOWN, March 14 The rebels shelled the port.",
     dt.date(1950, 3, 16), dt.date(1950, 3, 14)),
    ("RAIDS ON PORT By Cable—Wire Service—Copyright HILLTOWN, March 1G A patrol was ambushed.",
     dt.date(1950, 3, 16), dt.date(1950, 3, 16)),
    ("HILLTOWN, March 1S. Rebels attacked.", dt.date(1950, 3, 16), dt.date(1950, 3, 15)),
    ("RAIDS ON PORT By Cable—Wire Service—Copyright HILLTOWN, March 1l The rebels shelled the port.",
     dt.date(1950, 3, 16), dt.date(1950, 3, 11)),
    # the association's name in capitals as the credit, and a scan's full stop for the comma after the place
    ("GUNBOATS SHELL PORT. AUSTRALIAN AND N.Z. PRESS ASSOCIATION. HILLTOWN. March 14. Two gunboats shelled the port.",
     dt.date(1950, 3, 16), dt.date(1950, 3, 14)),
    ("The dockers' association met. HILLTOWN. March 14. Two gunboats shelled the port.", dt.date(1950, 3, 16), None),
    # a scan that read the credit's brackets as angle brackets
    ("RIOTS IN PORTBURY < Wire Service— Copyright > PORTBURY, October 14. Students clashed with police.",
     dt.date(1973, 10, 15), dt.date(1973, 10, 14)),
    # a place in title case, on a line of its own with its day; a weekday is a print date, not a place
    ("Port Kessa, March 24.\nRebels attacked the town.", dt.date(1976, 3, 25), dt.date(1976, 3, 24)),
    ("Hilltown, Eastland, 24 March\nRebels attacked the town.", dt.date(1976, 3, 25), dt.date(1976, 3, 24)),
    ("Tuesday, March 24.\nRebels attacked the town.", dt.date(1976, 3, 25), None),
    ("By Telegraph—Press Association—Copyright.\nPort Kessa, March 24. Rebels attacked the town.",
     dt.date(1976, 3, 25), dt.date(1976, 3, 24)),
    # the hour the cable came in before it is a credit of its own
    ("Received March 24, 9.45 p.m. Port Kessa, March 24. Rebels attacked the town.",
     dt.date(1976, 3, 25), dt.date(1976, 3, 24)),
    ("(Received 24, 1.30 a.m.) Port Kessa, March 23. Rebels attacked the town.",
     dt.date(1976, 3, 25), dt.date(1976, 3, 23)),
    # the deck, its credit, the hour received and the dateline run together on one scanned line
    ("FORTS FALL By Telegraph—Press Assn.—Copyright. Rec. 6.55 p.m. Port Kessa, Nov. 17. Rebels took the forts.",
     dt.date(1934, 11, 19), dt.date(1934, 11, 17)),
    ("FORTS FALL By Telegraph—Press Assn.—Copyright. The rebels, Nov. 17, took the forts.",
     dt.date(1934, 11, 19), None),
    # the scan's comma for the dateline's full stop, after the credit and the hour received
    ("KING SHOT. Press Association.—Copyright. Received Feb. 2, -5.9 p.m. Port Kessa, Feb. 1, The King has "
     "been assassinated.", dt.date(1908, 2, 3), dt.date(1908, 2, 1)),
    # a long deck of several headlines before the credit in brackets
    ("RAID FOILED ON SUNDAY Four Planes Shot Down ENEMY STILL HIGHER. BOMBERS GO BACK LOADED UP. "
     "(Special to Wire Assn.) (Rec. 10.35) PORTBURY, June 15. Fighters intercepted the raid.",
     dt.date(1942, 6, 16), dt.date(1942, 6, 15)),
    # the association's name ending in a full stop before the dash of the credit
    ("RAIDS BEGIN. United Wire Association.—Copyright. (Received 11.30 a.m.) PORTBURY, October 3. Bombers struck.",
     dt.date(1935, 10, 4), dt.date(1935, 10, 3)),
    # a paper crediting another's telegrams, and a day with its ordinal's ending
    ("MASSACRE OF SETTLERS. (From the Daily Star's Telegrams.) Portbury, Nov. 12th. Raiders burnt the farms.",
     dt.date(1868, 11, 14), dt.date(1868, 11, 12)),
    # the hour received after the credit, its "Rec." mangled by the scan and its minutes one digit
    ("TOWN SHELLED By Telegraph—Press Assn. —Copyright. ®e®. 3.5 p.m. Portbury, Sept. 19. Troops shelled the town.",
     dt.date(1931, 9, 21), dt.date(1931, 9, 19)),
    # the hour received after a title-case dateline's day, the story set close after a dash
    ("Portbury, Jan. 15 (Rec. 9 p.m.)—The police fired on the crowd.", dt.date(1949, 1, 17), dt.date(1949, 1, 15)),
    # the association's tail ("Aus. and N.Z.") between the hour received and the place
    ("RIOTING By Telegraph—Press Association—Copyright. (Received July 17, 5.5 p.m.) and N.Z. PORTBURY, July 16. Riots.",
     dt.date(1927, 7, 18), dt.date(1927, 7, 16)),
    # the story's drop capital read by the scan as a small letter
    ("SHOT By Telegraph—Press Assn.—Copyright (Received 11.40 p.m.) PORTBURY, October 31. gENERAL Kessler was shot.",
     dt.date(1945, 11, 1), dt.date(1945, 10, 31)),
    # a place set off from its day by a full stop, as the older American papers set a cable, under
    # decks a narrow column broke into many short lines
    ("\n".join(["CITY SHELLED", "Cruisers Open", "Fire on the", "Native Quarter", "MARINES LAND",
                "Landing Party", "Fired Upon", "By Tribesmen", "Bayonets Scatter", "the Enemy", "POWERS APPROVE",
                "Course of the", "Two Nations", "Taken by", "the Fleet", "Anchored Off", "the Port"])
     + "\nPORTBURY. Aug. 6. The town has been bombarded by cruisers.", dt.date(1907, 8, 7), dt.date(1907, 8, 6)),
    # the hour the cable came in, alone in brackets after the deck
    ("HARBOUR STRIKE SPREADS (9.40 p.m.) PORTBURY, May 9. The dockers stayed out.",
     dt.date(1951, 5, 10), dt.date(1951, 5, 9)),
    # a dateline giving the day of the month alone, as European papers set a cable of the month,
    # under a kicker in capitals or not; the day may fall in the month before the paper's
    ("STRIKE SPREADS: Rome, 17 – The dockers stayed out for a third day.", dt.date(1961, 4, 18), dt.date(1961, 4, 17)),
    ("PARIS, 30.— Barricades went up in the Latin Quarter.", dt.date(1961, 5, 1), dt.date(1961, 4, 30)),
    # a day of the month too long before the paper, or a month or a weekday for the place: none
    ("Rome, 3 – The dockers stayed out.", dt.date(1961, 4, 18), None),
    ("March, 17 – The dockers stayed out.", dt.date(1961, 3, 18), None),
    ("Kessa, March 24. Rebels attacked the town.", dt.date(1976, 3, 25), None),
    # with no credit before it, a place and a day run into a sentence is no dateline
    ("KESSA, March 14 The rebels shelled the port.", dt.date(1950, 3, 16), None),
    # an hour in brackets inside a sentence makes no dateline of what follows it
    ("The crowd left (at 10 p.m.) Kessa, May 9. Rebels attacked.", dt.date(1951, 5, 10), None),
    # brackets that are no credit do not make a dateline of what follows them
    ("The army (which denies it) KILLED, May 9. Two men.", dt.date(1958, 5, 11), None),
    # no dateline, a month written in lower case, or a day too long before the paper: none
    ("FIGHTING ON JUNE 3. Rebels attacked.", dt.date(1967, 6, 4), None),
    ("Rebels attacked the town on Jan. 2 -- then fled.", dt.date(2010, 1, 3), None),
    ("KABUL, Dec. 30 -- Rebels attacked a base.", dt.date(2010, 3, 2), None),
])
def test_a_datelines_day_is_the_storys_own(text, published, day):
    from app.pipeline.clean import dateline_day

    assert dateline_day("The Daily Record\n\n" + text + "\n", published) == day


@pytest.mark.nlp
def test_a_dateline_that_lost_its_full_stop_ends_the_decks_sentence(extract):
    text = ("RAIDS ON PORT\n\nGUNBOATS SHELL THE HARBOUR By Cable—Wire Service—Copyright HILLTOWN, March 14 "
            "Two gunboats shelled the harbour at dawn to-day, officials said.\n")
    found = extract(text, dt.date(1950, 3, 16)).events
    assert [(e.type, e.date.interval.start) for e in found] == [("attack", dt.date(1950, 3, 14))]
    assert found[0].sentence.text.startswith("Two gunboats shelled"), found[0].sentence.text


def test_a_bracketed_paragraph_of_news_is_story_but_a_note_to_editors_is_not():
    from app.pipeline.clean import furniture_lines

    text = ("Rebels held the palace in Kessa for hours on Tuesday.\n\n"
            "[A wire dispatch to an evening paper from Kessa said the captured ministers had been released after "
            "loyal troops, using armoured cars and tear gas, had stormed the palace and arrested the rebels "
            "inside it.]\n\n"
            "(Adds toll, paragraphs 2-5)\n\n"
            "The streets were quiet by nightfall.\n")
    reasons = [(text[a:b][:12], why) for (a, b), why in furniture_lines(text)]
    assert reasons == [("(Adds toll, ", "aside")]


def test_a_dateline_below_a_scanned_pages_furniture_still_dates_the_story():
    from app.pipeline.clean import dateline_day

    text = "Page image\n\n" * 10 + "RAIDERS STRIKE PORT\n\n(Wire report)\n\nMANILA, November 14. Guerrillas raided a post.\n"
    assert dateline_day(text, dt.date(1971, 11, 15)) == dt.date(1971, 11, 14)
    # a scan's marker printed on forty lines is one line of furniture, not forty
    text = "Article image\n" * 40 + "\nRAIDERS STRIKE PORT\n\n(Wire report)\n\nHILLTOWN, November 14.\n\nGuerrillas raided a post.\n"
    assert dateline_day(text, dt.date(1971, 11, 15)) == dt.date(1971, 11, 14)


@pytest.mark.parametrize("last, kept", [
    # a copy that stops mid-word after a whole sentence: the sentence is story text
    ("Shelling went on into the night. More than 12 hours after the first sal", True),
    # short lines without a full stop at the end stay headlines, even with one inside
    ("Troops Advance. Rebels Flee To The Hills", False),
    ("Related: Rebels retake the port", False),
])
def test_a_story_line_cut_off_after_a_whole_sentence_is_no_headline(last, kept):
    text = ("Rebel gunners shelled the port of Kessa on Friday, the navy said in a statement.\n\n"
            "Most of the shells fell on the docks and the fuel depot, a harbour official said.\n\n" + last + "\n")
    assert any(last[:20] in body for body in body_texts(text)) is kept


def test_a_caption_printed_bare_and_again_with_its_credit_is_no_story():
    text = ("Rebels take the port\n\n"
            "A rebel fighter stands guard at the harbour gate in Kessa on 4 May.\n"
            "A rebel fighter stands guard at the harbour gate in Kessa on 4 May. Photograph: Kessa Press\n\n"
            "Rebels seized the port of Kessa on Sunday after two days of fighting, the army said.\n\n"
            "Residents fled towards the hills as the shelling went on.\n")
    assert body_texts(text, "Rebels take the port") == [
        "Rebels seized the port of Kessa on Sunday after two days of fighting, the army said.",
        "Residents fled towards the hills as the shelling went on.",
    ]


def test_a_line_the_page_prints_twice_is_read_once():
    lede = "Rebels seized the port of Kessa on Sunday after two days of fighting, the army said."
    text = f"Rebels take the port\n\n{lede}\n\nBy Ann Other\n\n{lede}\n\nResidents fled towards the hills.\n"
    assert body_texts(text, "Rebels take the port") == [lede, "Residents fled towards the hills."]


WRAPPED = """Rebels seize border town
(Adds toll, pars 2-4)
By Anna Kessler
KESSA, May 2 Rebel fighters seized the border
town of Tarvel on Friday after a
night of heavy shelling, officials said, and
at least 12 people were killed in the fighting.
The army said it would retake the town within
days.
"""


def test_hard_wrapped_copy_is_read_in_whole_sentences():
    from app.pipeline.clean import unwrap_lines

    unwrapped = unwrap_lines(WRAPPED)
    assert len(unwrapped) == len(WRAPPED)  # every offset holds for the stored text
    lines = unwrapped.splitlines()
    assert lines[:3] == ["Rebels seize border town", "(Adds toll, pars 2-4)", "By Anna Kessler"]
    assert lines[3].startswith("KESSA, May 2 Rebel fighters seized the border town of Tarvel on Friday after a night")
    assert lines[3].endswith("killed in the fighting.")
    assert lines[4] == "The army said it would retake the town within days."
    body = find_body(unwrapped)
    story = " ".join(unwrapped[a:b] for a, b in body)
    assert "seized the border town of Tarvel" in story and "retake the town within days" in story
    assert "Adds toll" not in story  # the wire's note to editors is furniture


def test_copy_with_a_paragraph_per_line_is_left_as_it_is():
    from app.pipeline.clean import unwrap_lines

    text = ("Rebels seize border town\n"
            "Rebel fighters seized the border town of Tarvel on Friday, officials said.\n"
            "at least one line may open in lower case, as a scraped list does\n"
            "The army said it would retake the town.\n")
    assert unwrap_lines(text) == text


def test_a_sentence_a_copy_broke_over_two_paragraphs_is_read_whole():
    from app.pipeline.clean import unwrap_lines

    text = ("Rebels seize police post\n\n"
            "KESSA, May 2. Rebels attacked the police station in the\n\n"
            "town of Tarvel on Friday, killing four officers.\n\n"
            "The army said it had sent reinforcements\n\n"
            "to the town overnight.\n")
    joined = unwrap_lines(text)
    assert len(joined) == len(text)  # every offset holds for the stored text
    paragraphs = [p for p in joined.split("\n") if p.strip()]
    assert paragraphs[1] == ("KESSA, May 2. Rebels attacked the police station in the  "
                             "town of Tarvel on Friday, killing four officers.")
    assert paragraphs[2].startswith("The army said it had sent reinforcements") and paragraphs[2].endswith("to the town overnight.")


@pytest.mark.parametrize("text, joined", [
    # a capital after a word a sentence cannot end on
    ("KESSA, May 2. Rebels attacked the police station near the\n\nTown Hall on Friday.\n",
     "KESSA, May 2. Rebels attacked the police station near the  Town Hall on Friday.\n"),
    # a name cut in a paragraph that opens with its dateline
    ("HILLTOWN, July 16 -In a dawn battle 14 miles south of Port\n\nArthur to-day, police killed six raiders.\n",
     "HILLTOWN, July 16 -In a dawn battle 14 miles south of Port  Arthur to-day, police killed six raiders.\n"),
    # a scan's short broken lines, going on in lower case
    ("While the guards were away, 40\n\nraiders armed with Bren\n\nguns stormed the depot.\n",
     "While the guards were away, 40  raiders armed with Bren  guns stormed the depot.\n"),
])
def test_a_sentence_broken_before_a_capital_is_read_whole_where_its_first_half_cannot_end(text, joined):
    from app.pipeline.clean import unwrap_lines

    assert unwrap_lines(text) == joined


@pytest.mark.parametrize("text", [
    # a headline, a short line, a finished sentence, furniture in lower case: their breaks stay
    "Rebels seize the capital after a week of heavy fighting in the North\n\nThe army said it had retaken the airport.\n",
    "Rebels seize police post in Tarvel\n\nby Anna Kessler\n",
    "Rebels Seize Police Post\n\nthousands flee the town of Tarvel.\n",
    "Rebels attacked the police station on Friday.\n\nthen the army came back.\n",
    "The army said it had sent reinforcements to Tarvel\n\nphoto: the police station after the attack\n",
])
def test_paragraph_breaks_that_end_no_broken_sentence_are_kept(text):
    from app.pipeline.clean import unwrap_lines

    assert unwrap_lines(text) == text


def test_a_correspondents_name_and_place_before_a_dash_open_no_story():
    text = ("Bombs Kill Dozens In Kessa\n\n"
            "Jane Hollis, Port Kessa – Bombs ripped through a packed nightclub overnight, killing 40 people.\n"
            "Police said the dead included foreigners.\n")
    assert body_texts(text)[0].startswith("Bombs ripped through")


@pytest.mark.parametrize("sentence, day", [
    ("London, May 2.", dt.date(1916, 5, 2)),
    ("London, May 2. Official.", dt.date(1916, 5, 2)),
    # a saint's town, abbreviated
    ("St. Kessa, May 2.", dt.date(1916, 5, 2)),
    # a later cable of the same place, under its day alone
    ("May 2.", dt.date(1916, 5, 2)),
    ("may 2.", None),
    ("KESSA, 1 May", dt.date(1916, 5, 1)),
    ("Tuesday, May 2.", None),
    ("The rebels surrendered on May 2.", None),
    # the paper's own date under its masthead, with the year: no cable's
    ("MAY 3, 1916.", None),
])
def test_a_cables_dateline_as_a_sentence_of_its_own(sentence, day):
    from app.pipeline.clean import inner_dateline_day

    assert inner_dateline_day(sentence, dt.date(1916, 5, 3)) == day


@pytest.mark.parametrize("sentence, published, day", [
    # a weekly, or a paper far from the wire's source, prints a cable of the week before last
    ("PORTBURY, May 7.", dt.date(1906, 5, 16), dt.date(1906, 5, 7)),
    # a report that came by mail, printed six weeks after it was written
    ("London, Nov. 25.", dt.date(1911, 1, 9), dt.date(1910, 11, 25)),
    # a month's name with one letter misread by the scanner
    ("PEKING, Juno 3.", dt.date(1925, 6, 5), dt.date(1925, 6, 3)),
    ("Kessa, Jnly 30.", dt.date(1925, 8, 1), dt.date(1925, 7, 30)),
    # a day of the month alone stays within the week, a month's day within two months
    ("PORTBURY, 7.", dt.date(1906, 5, 16), None),
    ("London, Jan. 2.", dt.date(1916, 5, 16), None),
    # a misread month is read only where a dateline stands
    ("The rebels surrendered on Juno 2.", dt.date(1925, 6, 5), None),
])
def test_a_cables_dateline_far_from_the_paper_or_misread(sentence, published, day):
    from app.pipeline.clean import inner_dateline_day

    assert inner_dateline_day(sentence, published) == day


@pytest.mark.parametrize("sentence, day", [
    ("SOFIA, October 2i.", dt.date(1912, 10, 21)),
    ("SOFIA, October 2L.", dt.date(1912, 10, 21)),
    ("SOFIA, October 2l.", dt.date(1912, 10, 21)),
])
def test_a_cables_day_whose_one_the_scan_read_as_a_letter(sentence, day):
    from app.pipeline.clean import inner_dateline_day

    assert inner_dateline_day(sentence, dt.date(1912, 10, 26)) == day


@pytest.mark.parametrize("sentence, opens", [
    ("Port Kessa, N. M., March 10.—Seventeen townspeople were killed in a raid at dawn.", True),
    ("HILLTOWN, August 21.", True),
    ("St. Kessa, May 2. Rebels shelled the port.", True),
    # a sentence's own words before a date are no dateline
    ("On Tuesday, March 10 rebels shelled the port.", False),
    ("Rebels attacked Kessa, March 10, officials said.", False),
    ("Tuesday, March 10.", False),
])
def test_a_lede_run_on_from_its_dateline(sentence, opens):
    from app.pipeline.clean import opens_with_dateline

    assert opens_with_dateline(sentence) is opens


@pytest.mark.parametrize("text, published, day", [
    # a credit the scan garbled but for its "By Telegraph", and a stray mark after the day
    ("RIOTS IN KESSA. Press Asaoeiation-By Telegraph-Copvrig-ht PORTBURY, Oct. 26\\ The rebels fled.",
     dt.date(1909, 10, 28), dt.date(1909, 10, 26)),
    # a stray quote before the place and marks before the month, on a line of their own
    ("' PORTBURY, .'May 31\nFour people were killed in a battle.", dt.date(1937, 6, 1), dt.date(1937, 5, 31)),
    # a place and a day run into a sentence with no credit before them stay no dateline
    ("KESSA, Oct. 26\\ The rebels fled.", dt.date(1909, 10, 28), None),
])
def test_a_scanned_datelines_garbled_credit_and_stray_marks(text, published, day):
    from app.pipeline.clean import dateline_day

    assert dateline_day("The Daily Record\n\n" + text + "\n", published) == day


@pytest.mark.parametrize("sentence, day", [
    # the hour the cable came in may open its dateline
    ("Received May 3, 7.15 p.m. LONDON, May 2.", dt.date(1916, 5, 2)),
    ("Received May 3, 7.15 p.m.", None),
])
def test_a_cables_dateline_after_the_hour_it_came_in(sentence, day):
    from app.pipeline.clean import inner_dateline_day

    assert inner_dateline_day(sentence, dt.date(1916, 5, 3)) == day


@pytest.mark.nlp
def test_a_title_case_dateline_credited_to_an_agency_is_no_subject(extract):
    # "Kessa, Feb 19 (Reuters): ..." as the Indian papers set an agency's cable
    text = "Train blast kills 66\n\nKessa, Feb 19 (Reuters): Two bombs exploded aboard a train on Monday, killing 66 passengers.\n"
    found = extract(text, dt.date(2007, 2, 20)).events
    assert found and found[0].sentence.text.startswith("Two bombs exploded"), [e.sentence.text for e in found]
    assert not any("Kessa exploded" in e.title for e in found)
    from app.pipeline.clean import dateline_day

    assert dateline_day(text, dt.date(2007, 2, 20)) == dt.date(2007, 2, 19)
    # a place and a day in a sentence, with brackets that credit no agency, are no dateline
    assert dateline_day("Kessa, Feb 19 (Monday): Two bombs exploded.\n", dt.date(2007, 2, 20)) is None
