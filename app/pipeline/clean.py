"""Page furniture detection on plain text.

Scraped and pasted articles carry lines that are not the story: breadcrumbs, image captions,
"Read more" links, section headings, fact boxes, credit lines, the next article's headline.
None of them may become an event, so this stage keeps only the main-text spans. It works line by
line on the shape of each line (punctuation, length, "key: value" form, repetition of the title),
never on known strings of particular sites, so it holds for pages it has never seen.

Offsets are into the original text; nothing is rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.pipeline.timex.lexicon import lexicon as timex_lexicon

Span = tuple[int, int]

# Bullet glyphs that start list items on scraped pages.
BULLET_RE = re.compile(r"^[\s\u00a0]*(?:[•·▪►‣◦*\-–—]|\d{1,2}[.)])[\s\u00a0]+")
# "Home » Section » Story", "News > World > Europe".
BREADCRUMB_RE = re.compile(r"(?:\s[»›>|]\s.*){1,}")
BREADCRUMB_HOME_RE = re.compile(r"^(?:home|start|main|news)\s*[»›>|/]", re.IGNORECASE)
# Image file names and captions scraped with their numbering: "Some Headline_4.1", "photo.jpg".
CAPTION_RE = re.compile(
    r"(?:_\d+(?:\.\d+)?$)|(?:\.(?:jpe?g|png|gif|webp|svg)$)|"
    r"^(?:photo|image|picture|file photo|credit|source|caption)\s*:|\b(?:getty images|afp photo|ap photo|reuters/)\b|^©|"
    r"\[(?:file|photo|image|picture|video)\s*:[^\]]*\]\s*$|\((?:file\s+)?(?:photo|image|picture)\s*:[^)]*\)\s*$|"
    r"/\s*(?:reuters|afp|ap|getty|epa|anadolu|xinhua|ansa|sipa)\s*[\])]\s*$|^(?:image|photo) (?:caption|copyright)\b|"
    # a photographer's or agency's credit closing a caption: "... on 4 May. Photograph: Kessa Press"
    r"(?:^|[.!?)]\s+)photo(?:graph)?s?\s*:\s*[A-Z][^.!?:]{1,60}$",
    re.IGNORECASE,
)
# Calls to action and navigation: "Find More International News Here", "Read more", "Subscribe".
CALL_TO_ACTION_RE = re.compile(
    r"^(?:find|read|see|view|click|check out|explore|discover|get|download|subscribe|sign up|follow|share|"
    r"watch|listen|related|also read|more from|advertisement|continue reading|join)\b.{0,80}$",
    re.IGNORECASE,
)
CALL_TO_ACTION_TAIL_RE = re.compile(r"\b(?:here|more|now|newsletter|updates)\W*$", re.IGNORECASE)
# A sign-up form's consent line: "By subscribing, you agree to our Terms of Use and Privacy Notice."
# (its "agree" is no agreement), or the site's legal links on a line of their own.
CONSENT_RE = re.compile(
    r"^by (?:signing up|subscribing|registering|clicking|continuing|submitting|creating an account)\b.{0,80}"
    r"\b(?:agree|agreeing|accept|accepting|consent|consenting)\b|"
    r"\bterms (?:of (?:service|use)|and conditions)\b.{0,40}\bprivacy (?:policy|notice|statement)\b",
    re.IGNORECASE)
# The site speaking of itself rather than of the news: a widget that failed to load ("We're sorry,
# this feature is currently unavailable. Please try again later."), a page's note on its age ("This
# was published 8 years ago") or on what the reader's browser lacks. Never a happening, however
# many sentences it has.
SITE_NOTICE_RE = re.compile(
    r"^(?:we(?:'|’)re|we are) sorry\b.{0,120}\b(?:unavailable|not available|try again|went wrong)\b|"
    r"^(?:please )?try again later\W*$|"
    r"^this (?:article|story|page|report|content)? ?(?:was|is) (?:first )?published (?:more than |over )?"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten) (?:years?|months?|weeks?|days?) ago\W*$|"
    r"^(?:your browser does not support|(?:please )?enable javascript|javascript is (?:disabled|required))\b",
    re.IGNORECASE)
# Credit lines of wire stories.
CREDIT_RE = re.compile(
    r"\bcontributed to (?:this|the) (?:report|story|article)\b|"
    r"\binformation for this (?:story|report|article) (?:was|is) provided\b|"
    r"^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b|"
    r"^\(?(?:with )?(?:AP|AFP|Reuters|dpa|Xinhua)\)?\.?$",
    re.IGNORECASE,
)
# Fact-box entries: "Capital: Baku.", "Official language: Azerbaijani.".
KEY_VALUE_RE = re.compile(r"^(?P<key>[A-Z][\w'’()-]*(?: [\w'’()-]+){0,3})\s*:\s*(?P<value>.{1,80})$")
# Encyclopedic fragments without a subject: "Located in the South Caucasus region.", "Known for ...".
ENCYCLOPEDIC_RE = re.compile(
    r"^(?:located|situated|known|notable|famous|renowned|home|bordered|founded|established|"
    r"considered|recognized|recognised|population|area|currency|capital)\b\s*(?:in|for|as|to|by|of|on|at|:)?",
    re.IGNORECASE,
)
# A dateline in front of the first paragraph: "BAKU, Azerbaijan (AP) — ".
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?\s*(?:\([A-Za-z .]{1,30}\))?\s*[—–-]{1,2}"
    r"(?:\s+|(?<=\s[—–-])(?=[A-Z“\"]))"  # (or a dash set close to the text after a space: "July 16 -In")
)
# A wire dateline inside the opening line, after the page's story highlights: "... Cairo, Egypt
# (CNN) -- For more than a week", "TRIPOLI | Mon Feb 21, 2011 6:51 pm EST TRIPOLI (Reuters) - ".
INLINE_DATELINE_RE = re.compile(
    r"(?:[A-Z][\w'’.-]+(?:,? [A-Z][\w'’.-]+){0,4} )?\((?:[A-Z][A-Za-z.&']*(?: [A-Z][A-Za-z.&']*){0,2})\)\s*(?:--|—|–|-)\s+(?=[“\"A-Z0-9])"
)
# What opens a scraped story before its first sentence: "By the CNN Wire Staff", "Wednesday 20 July
# 2005 00.24 BST", "Mar 1 - ".
_BYLINE_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}"
OPENING_NOISE_RE = re.compile(  # no "^": it is matched at a position, one piece after another
    r"(?:By (?:the )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,4} (?:[Ss]taff|[Ww]ire [Ss]taff|[Cc]orrespondent|[Rr]eporter)\s+|"
    # "January 29, 2011 | By Shadi Hamid, Special to CNN With a mixture ...": a date and a byline
    # naming the outlet, then the story
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{1,2}, \d{4} \|\s+|"
    rf"By {_BYLINE_NAME}(?:, {_BYLINE_NAME})*(?:,? and {_BYLINE_NAME})?, (?:Special to )?"
    r"(?:CNN|Reuters|AP|AFP|BBC|Al Jazeera)(?: (?:[A-Z][a-z]+ ){0,3}(?:Correspondent|Editor|Writer|Reporter|Producer))?\s+|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]+ \d{4} \d{1,2}[.:]\d{2}(?: [A-Z]{2,4})?\s+|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{1,2}\s*[-–—]\s+|"
    # "Dean Yates, Bali – Bombs ripped through ...": the correspondent's name and place, then a dash
    r"[A-Z][a-z'’]+(?: [A-Z][a-z'’.]+){1,2}, [A-Z][a-z'’]+(?: [A-Z][a-z'’]+){0,2} [–—-]{1,2}\s+(?=[A-Z“\"]))"
)
# A live blog's time stamp opening an entry: "(Update 7:00 p.m. in Cairo, 12:00 p.m. ET) - ".
UPDATE_STAMP_RE = re.compile(r"^\((?:update|updated|updating)\b[^)]{0,80}\)\s*(?:--|—|–|-)?\s*", re.IGNORECASE)
# A live page's marker opening a line: "UPDATE:", "Update February 10", "Updated March 3, 14:05 -",
# "BREAKING:", "Developing story -". What follows is story text; the marker's date is the day the
# page was changed, not the day of what the line reports.
_CALENDAR = timex_lexicon()  # the tagger's own month and weekday names, abbreviations included
_MONTH = _CALENDAR.month_any_re


def _misread_month_names() -> dict[str, int]:
    """Month names as a scanner misreads one letter of them ("Juno 3" for June, "Jnly" for July,
    "Angust"): the confusions of OCR on old type (e for o or c, n for u and back, l for 1 or I, y
    for v). Read only where a dateline stands, a place before and a day after, where no word but a
    month fits."""
    confusions = {"e": "oc", "n": "u", "u": "n", "l": "1I", "i": "l1", "y": "v"}
    variants: dict[str, int] = {}
    for name, number in _CALENDAR.months.items():
        if len(name) < 4 or name == "sept":
            continue
        for at, letter in enumerate(name):
            for misread in confusions.get(letter, ""):
                variant = name[:at] + misread + name[at + 1:]
                if variant not in _CALENDAR.months:
                    variants[variant.lower()] = number
    return variants


MISREAD_MONTHS = _misread_month_names()
# A dateline's month: a name or abbreviation, or a name with one letter misread by the scanner.
_DATELINE_MONTH = rf"(?:{_MONTH}|{'|'.join(sorted(map(re.escape, MISREAD_MONTHS), key=len, reverse=True))})"


def month_number(name: str) -> int | None:
    """The month a dateline's month word names, abbreviation or misread name included."""
    key = name.lower().rstrip(".")
    return _CALENDAR.months.get(key) or MISREAD_MONTHS.get(key)
_WEEKDAY = rf"(?:{'|'.join(sorted(map(re.escape, _CALENDAR.weekdays), key=len, reverse=True))})\.?"
_MARKER_DATE = (rf"(?:on\s+)?(?:{_WEEKDAY},?\s+)?"
                rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
                r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?")
EDITORIAL_MARKER_RE = re.compile(
    rf"^(?:(?:update|updated)\s+{_MARKER_DATE}\s*(?::|--|—|–|-)?\s+|"
    r"(?:update|updated|breaking(?:\s+news)?|developing(?:\s+story)?|just\s+in|editor'?s\s+note)\s*(?::|--|—|–)\s*)",
    re.IGNORECASE)
# Publication stamps and timestamped datelines: "Published : 12 March 2011", "Last updated 3 hours
# ago", "TRIPOLI | Mon Feb 21, 2011 6:51 pm EST".
STAMP_RE = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified|created)(?: on| at)?\s*:?\s*.{0,60}$)|"
    r"^[A-Z][A-Za-z .,/'’-]{2,60}\s*\|\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.{0,160}$|"
    r"^[A-Z][\w .,'’-]{1,60}\((?:reuters|ap|afp|cnn|bbc|upi|dpa|xinhua|ips|irin)\)\s*(?:--|—|–|-)?\s*$|"
    r"^\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{2,4})?(?:,|\s)+.{0,30}\d{4}$",
    re.IGNORECASE,
)
# Bylines: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Jane Doe | AFP".
BYLINE_RE = re.compile(
    r"^(?:[Bb]y|[Ff]rom|[Ww]ords by|[Ww]ritten by)\s+(?:the\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*(?:\s*[,|]\s*[\w .]{2,30})?\.?$|"
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*[,|]\s*(?:reuters|afp|ap|associated press|agence france-presse|bbc|cnn|al jazeera|staff writer|correspondent|reporter)\.?$",
)
# Where readers' comments begin; everything after such a line is theirs.
COMMENTS_START_RE = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?comments?\s*(?:\(\d+\))?:?$|^(?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:comment|reply)\b|"
    r"^(?:join|start) the (?:conversation|discussion|debate)\b|^comments? (?:are|is) closed\b|^(?:show|view|load|read) (?:all )?\d*\s*comments?\b|"
    r"^you must be (?:logged|signed) in to (?:post|comment)\b|^have your say\b|^what do you think\??$|^reply$",
    re.IGNORECASE,
)
# The same, inside a line (pages flattened to one sentence per line or to one paragraph): the site's
# words to its commenters, which stand between the story and the comments, or one comment's
# time stamp and action links, which follow it: "January 27, 2011 at 7:59 pm | Report abuse |".
COMMENTS_INLINE_RE = re.compile(
    r"\bwe (?:welcome|encourage|invite) (?:your |readers' |reader )?(?:comments|discussion|feedback on (?:this|our) (?:article|story))\b|"
    r"\bviews expressed in (?:the|these) comments\b|\bcomments? (?:are|is) (?:not )?(?:pre-?)?(?:moderated|screened|pre-?screened)\b|"
    r"\b(?:welcomes?|encourages?) an? (?:\w+ ){0,3}(?:discussion|debate) as long as\b|"
    r"\(\s*required,? but (?:will )?(?:not|never) (?:be )?(?:displayed|published|shown|shared)\s*\)|"
    r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*\|\s*(?:report abuse|reply|flag)\b|"
    r"\b\d{1,2},? \d{4},? at \d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*\|",
    re.IGNORECASE,
)
# One comment's furniture: "Reply", "Report abuse", "3 hours ago", "jsmith wrote:", "Posted by x at ...".
COMMENT_LINE_RE = re.compile(
    r"^(?:reply|report(?: abuse)?|like|share|flag|recommend|\d+\s+(?:likes?|replies|points?))(?:\s*[·|]\s*\w+)*$|"
    r"^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$|"
    r"^[\w.-]{2,30}\s+(?:wrote|said|says|replied)\s*:$|^posted by\b.{0,80}$|^in reply to\b",
    re.IGNORECASE,
)
SENTENCE_BREAK_RE = re.compile(r"(?:[.!?][\"”’)]*|\))\s+")
SENTENCE_END = tuple(".!?\"”’'»)…")
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")

# A dateline that dates the story: "OXCHUC, Mexico, Jan. 2 --", "YAOUNDE, Aug. 26 (Xinhua) --",
# "KABUL, Afghanistan, March 3, 2009 (AP) -", and the older papers' "SAIGON, December 4. Viet Cong
# forces ...". The place in capitals, its region or country (after a comma or in brackets: "PORTBURY
# (Eastshire), May 9."), then the day, month first or, as British and Commonwealth papers write it,
# day first ("KESSA, 4 March. —", "PORTBURY, 9 May 1961 -"). A wire credit in brackets may stand
# before it on the same line, as the older papers print it: "(Wire Service—Copyright) PORTBURY
# (Eastshire), May 9.".
# The credit may also be printed without brackets at the end of the headline decks ("... FLEET SAILS.
# By Cable—Wire Service—Copyright. (Received This Day, 11 a.m.) HILLTOWN, November 30."), and the
# hour the cable came in may open the line alone ("(Rec. 10 a.m.) PORTBURY (Eastshire) March 15.")
# or follow the deck without brackets ("STRIKE SPREADS Received Tuesday, 8.40 p.m. PORTBURY, Oct.
# 3."; an hour it must name, since "received" is a word of stories too), or stand alone in brackets
# after the deck ("RIOTS SPREAD (10.15 p.m.) PORTBURY, March 16.").
# Papers of the cable era often gave only the weekday: "HILLTOWN, Thursday. - Rebels ... today" in
# Friday's paper is Thursday's news. The credit may be followed by the hour the cable came in
# ("(Wire Service—Copyright) (Rec. 9.30 p.m.) PORTBURY, May 9."), and an archive's copy may open
# the line with the paper's name and its printed date ("THE DAILY STAR - (Monday, March 12, 1965) -
# HILLTOWN, Sunday. - ...").
DATED_DATELINE_RE = re.compile(
    # (a scan may set a stray quote before the place: "' CHICAGO, .'May 31")
    r"^(?:['‘’]\s*)?(?:(?:[^()\n]{0,200}\((?=[^()\n]*(?:[Cc]opyright|Reuter|A\.?P\.?|U\.?P\.?I?|A\.?F\.?P\.?|[Pp]ress|[Ww]ire))[^()\n]{1,50}\)"
    r"|[A-Z][A-Z0-9 .&'’-]{2,60}\s[-–—]\s*\([^()\n]{0,30}\d{4}\)\s*[-–—]"
    # (a scanned page may read the credit's brackets as angle brackets: "< Wire Service—Copyright >")
    r"|[^\n]{0,200}?[A-Za-z]\.?\s?[—–-]\s*[Cc]opyright\.?(?:\s*[)>\]])?"
    # (or the association's name in capitals, as the cable pages print it: "... PRESS ASSOCIATION")
    r"|[^\n]{0,200}?ASSOCIATION\.?"
    # (or a credit the scan garbled past reading but for its "By Telegraph": "Press Ayeociation-By
    # Telegraph-Copvrio-lit SEOUL, Oct. 26")
    r"|[^\n]{0,200}?\bBy\s+Telegraph\S{0,20}"
    # (or the hour the cable came in, as the New Zealand papers set it, "Received Sunday, 7.0 p.m.",
    # the scan now and then misreading a letter of "Received")
    r"|(?:[^\n]{0,150}?\s)?(?:Received|Re\w{2,4}ved|Rec\.)[^()\n]{0,30}?\d(?:[.:]\d\d?)?\s*(?:[ap]\.\s?m\.|[ap]m\b)\.?"
    # (or that hour alone in brackets after the deck: "GOLD FIELDS RIOTING (10.15 p.m.) PORTBURY, March 16.")
    r"|[^()\n]{0,150}?\(\d{1,2}(?:[.:]\d\d?)?\s*(?:[ap]\.\s?m\.|[ap]m)\))\s+)?"
    r"(?:\((?i:rec\.|received)[^()\n]{1,25}\)\s+)?"
    # (the credit's tail may follow the hour, as the New Zealand pages set the Australian and New
    # Zealand association's name: "(Received July 17, 5.5 p.m.) Aus. and N.Z. LONDON, July 16.")
    r"(?:(?:Aus(?:t|tralian)?\.?\s+)?and\s+N\.\s?Z\.\s+)?"
    # (the region is a few capitalised words: were it any text, "KESSA, Oct. 3. The dockers struck
    # on Tuesday." would read as a dateline of Tuesday)
    rf"[A-Z][A-Z .'’-]{{2,40}}(?:\s*\([A-Z][\w .'’-]{{1,30}}\))?(?:,\s*[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){{0,3}})?,?\s+"
    r"(?:[.'’‘]{1,3}(?=[A-Z]))?"  # (and stray marks before the month: "CHICAGO, .'May 31")
    # (a scanned page's day may carry a letter the OCR read for a digit: "Feb. 2G" for "Feb. 26")
    rf"(?:(?P<month>(?i:{_DATELINE_MONTH}))\s+(?P<day>\d[\dOISGBLli]?|\d{{1,2}})|(?P<day_first>\d{{1,2}})\s+(?P<month_after>(?i:{_DATELINE_MONTH}))|"
    r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))"
    rf"(?:,?\s*(?P<year>\d{{4}}))?\s*(?:\([A-Za-z .]{{1,30}}\))?\s*"
    # the dash, with a space after it, or an em dash set close as the older papers set it (".—Crowds"),
    # or a dash set close to the text after a space ("July 16 -In a dawn battle"),
    # or, on a line of its own above the story, nothing after it ("HILLTOWN, May 2."); (a scan may
    # read the story's drop capital as a small letter: "BATAVIA, October 31. gENERAL X ...")
    rf"(?:\.?\s*(?:(?:--|—|–|-)\s|—(?=[A-Z“\"])|(?<=\s)(?:--|–|-)(?=[A-Z“\"]))|(?P<stop>(?<=[\w])[.:](?=\s+[a-z]?[A-Z“\"]))\s|(?P<alone>(?<=[\w])[.:]?$)"
    # or, after a wire credit, nothing at all when the scan lost the full stop ("... Copyright LONDON,
    # Feb. 26 A communique ..."): the credit says a dateline follows
    # (a stray mark the scan set after the day counts for nothing: "SEOUL, Oct. 26\\ Prince Ito ...")
    r"|(?P<bare>(?<=[\w])[\\|/]?(?=\s+[A-Z][a-z]*\b)))",
)
# A dateline with the place in title case, as some papers and archives set it ("Buenos Aires, March
# 24."): on a line of its own, or opening the story's line under a wire credit ("By Telegraph—Press
# Association—Copyright." then "Hongkong, August 1. A private message ..."), so that no sentence's
# "Rebels, March 3" is read as one; the place may not be a weekday or a month ("Tuesday, March 24"
# is a print date).
TITLE_CASE_DATELINE_RE = re.compile(
    # (the hour the cable came in may open the line: "Received February 10, 9.45 p.m. London,
    # February 10. The Japanese squadron ...", which is a credit of its own)
    r"^(?P<received>(?:Received|Re\w{2,4}ved|Rec\.)[^()\n]{0,30}?\d(?:[.:]\d\d?)?\s*(?:[ap]\.\s?m\.|[ap]m\b)\.?\s+"
    r"|\((?i:rec\.|received)[^()\n]{1,25}\)\s+)?"
    r"(?P<place>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,3})(?:,\s*[A-Z][a-z'’]+(?: [A-Z][a-z'’]+){0,3})?,\s+"
    # (the day may carry its ordinal's ending, as the older papers set it: "Wellington, Nov. 12th.")
    rf"(?:(?P<month>(?i:{_DATELINE_MONTH}))\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_after>(?i:{_DATELINE_MONTH})))"
    # (a scan may set a comma for the full stop: "London, Feb. 1, The King and Crown Prince ...")
    r"(?:,?\s*(?P<year>\d{4}))?"
    # (a wire's credit may follow the day, as the Indian papers set an agency's cable: "Deewana,
    # Feb 19 (Reuters): Two bombs ...", which says a dateline as a credit line above would)
    r"(?:\s+(?P<agency>\((?:Reuters?|AP|AFP|PTI|UNI|IANS|ANI|UPI|Xinhua|dpa|DPA|AAP|PA|TASS|Tass|Bernama|APP)\)))?"
    # (the hour it came in may follow the day, the story set close after a dash: "Durban, Jan. 15
    # (Rec. 9 p.m.)—The police ...")
    r"(?:\s*(?P<received_after>\((?i:rec\.|received)[^()\n]{1,25}\))\s*(?P<dash_story>(?:—|--|–)\s*(?=[A-Z“\"]))?)?"
    r"(?:[.:]?$|(?P<story>[.:]\s+(?=[A-Z“\"])|,\s+(?=The\b|A\b|An\b))|(?<=[)—–-]))")
# A dateline giving the day of the month alone, as European papers and their archive columns set a
# cable of the same month ("LONDON, 17.—", "Paris, 3 – The strikers ..."), perhaps under a kicker
# in capitals ("RIOTS: London, 17 – ..."): the place, a comma, the number, a dash, the story.
DAY_OF_MONTH_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z'’ -]{2,40}:\s+)?"
    r"(?P<place>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}|[A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]+){0,2}),\s+"
    r"(?P<day>\d{1,2})\.?\s*(?:--|—|–|-)\s*(?=[A-Z“\"])")
# The wire credits of the cable era's decks: "By Telegraph—Press Association—Copyright".
WIRE_CREDIT_RE = re.compile(r"[Cc]opyright|Press Association|ASSOCIATION|Reuter|Associated Press|United Press|\bBy\s+Telegraph\b"
                            # (a paper's credit to another's cables: "(From the Daily Times' Telegrams.)")
                            r"|\((?:From|By)[^()\n]{0,40}Telegra(?:ms?|ph)\.?[\"'’”]*\)")
# Letters a scanner reads for digits: O for 0, I, L, l or i for 1, S for 5, G for 6, B for 8.
OCR_DIGITS = str.maketrans("OISGBLli", "01568111")
# A story is written on its dateline's day and printed at most this many days later.
DATELINE_DAYS = 7
# ... or, when the dateline names its month, this many: a weekly, or a paper far from the wire's
# source, prints a cable of the week before last ("PIETERMARITZBURG, May 7." on 16 May). A day of
# the month alone is read only within DATELINE_DAYS, where no other month's day could be meant.
MONTH_DATELINE_DAYS = 60
# How far into the page a story's dateline may stand, in lines with words (masthead, headline,
# byline, print date; blank lines do not count).
DATELINE_LINES = 15
# ... a line shorter than this counting half (a narrow column's decks, broken by the scan into a few
# words a line, push the dateline further down the page).
SHORT_LINE_CHARS = 35


# A paragraph in brackets at least this long, telling what a source said, is an editor's insert of
# news ("[A dispatch to the Evening News from Kessa said the ministers had been freed ...]"), not a
# note to editors.
BRACKETED_REPORT_WORDS = 30
REPORTED_RE = re.compile(r"\b(?:said|says|reported|reports|told|announced|declared)\b")


def _bracketed_report(line: str) -> bool:
    return _words(line) >= BRACKETED_REPORT_WORDS and REPORTED_RE.search(line) is not None


def _title_case_dateline(line: str, credited: bool) -> re.Match | None:
    m = TITLE_CASE_DATELINE_RE.match(line)
    if m is None or (m["story"] is not None and not credited and m["received"] is None and m["agency"] is None):
        return None
    if m["received_after"] is not None and m["dash_story"] is None and m.string[m.end():].strip():
        return None  # "(Rec. 9 p.m.)" then neither a dash nor the line's end: no dateline's shape
    return m if _names_a_place_and_its_day(m) else None


RECEIVED_HOUR_RE = re.compile(r"^\S{0,8}\s*\d{1,2}(?:[.:]\d{1,2})?\s*(?:[ap]\.\s?m\.|[ap]m\b)\.?\s+")


def _title_case_dateline_after_credit(line: str) -> re.Match | None:
    """A title-case dateline run on after the deck and its wire credit on one line, as a scan joins
    them: "... FORTS FALL IN THE NORTH By Telegraph—Press Assn.—Copyright. Rec. 6.55 p.m. London,
    Nov. 17. Fort Kessa ... fell"."""
    credit = None
    for credit in WIRE_CREDIT_RE.finditer(line):
        pass  # the last credit on the line: the dateline follows it
    if credit is None:
        return None
    rest = line[credit.end():].lstrip(" .,;:—–-\"'’”)>]")
    # the hour the cable came in, its "Rec." mangled by the scan ("®e®. 3.5 p.m. London, Sept. 19.")
    rest = RECEIVED_HOUR_RE.sub("", rest, count=1)
    return _title_case_dateline(rest, credited=True) if rest else None


def _names_a_place_and_its_day(m: re.Match) -> bool:
    """The place is no weekday or month ("Tuesday, March 24" is a print date) and the month is
    capitalised (a month in lower case is a sentence's, not a dateline's)."""
    first = m["place"].split()[0].lower()
    if first in _CALENDAR.weekdays or first.rstrip(".") in _CALENDAR.months:
        return False
    return not (m["month"] or m["month_after"])[:1].islower()


# A place set off from its day by a full stop, as the older American papers set a cable: "TANGIER.
# Aug. 6. Casa Blanca has been bombarded" (a headline runs into its date: "FIGHTING ON JUNE 3.").
PLACE_AND_STOP_RE = re.compile(r"[A-Z][A-Z'’-]{2,}\.\s+")


def dateline_day(text: str, published: dt.date) -> dt.date | None:
    """The day a story's dateline gives ("OXCHUC, Mexico, Jan. 2 -- Pitched gun battles ... today"
    in the paper of 3 January): what "today", "yesterday" and "Saturday" count from. Only a day at
    most a week before publication counts; a dateline's day after it, or a page with none, gives
    None and the publication date stands."""
    credited = False  # a wire credit stood on a line above
    # (a line printed again and again, a scanned page's picture marker, counts once)
    for line in _head_lines(text):
        m = DATED_DATELINE_RE.match(line)
        if m is None and (of_month := _day_of_month_dateline(line, published)) is not None:
            return of_month
        if m is None:
            titled = _title_case_dateline(line, credited) or _title_case_dateline_after_credit(line)
            if titled is not None:
                return _dateline_date(titled, published)
            credited = credited or WIRE_CREDIT_RE.search(line) is not None
            continue
        date_start = m.start(next(group for group in ("month", "day_first", "weekday") if m[group]))
        if (m["stop"] or m["alone"] is not None) and "," not in m.string[:date_start] \
                and not m.string[:date_start].rstrip().endswith(")") and not WIRE_CREDIT_RE.search(m.string[:date_start]) \
                and not PLACE_AND_STOP_RE.fullmatch(m.string[:date_start]):
            continue  # "FIGHTING ON JUNE 3. Rebels ...": a headline; a dateline sets its place off by a
            # comma or names its country in brackets ("PORTBURY (Eastshire) March 15.")
        if m["bare"] is not None and not WIRE_CREDIT_RE.search(m.string[:date_start]):
            continue  # "KESSA, March 3 Rebels ...": with no credit before it, no telling it is a dateline
        if m["weekday"]:
            if "," not in m.string[:date_start]:
                continue  # "RAIDS GO ON Thursday - ...": a headline, not a place and its day
            weekday = _CALENDAR.weekdays[m["weekday"].lower()]
            return published - dt.timedelta(days=(published.isoweekday() - weekday) % 7)
        if (m["month"] or m["month_after"])[:1].islower():
            continue  # "the village of Kessa, march 3 -": no dateline writes a month in lower case
        return _dateline_date(m, published)
    return None



def _head_lines(text: str) -> list[str]:
    """The page's first lines with words, each once: DATELINE_LINES of them, short lines counting half."""
    lines = list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))
    taken, seen = 0, 0.0
    for line in lines:
        seen += _line_weight(line)
        if seen > DATELINE_LINES:
            break
        taken += 1
    return lines[:taken]


def _line_weight(visible: str) -> float:
    """How much of the DATELINE_LINES a line with words uses up (a short one, half)."""
    return 0.5 if len(visible) < SHORT_LINE_CHARS else 1.0


def _day_of_month_dateline(line: str, published: dt.date) -> dt.date | None:
    """The day a dateline naming only the day of the month gives ("London, 17 –" in the paper of
    the 18th): the latest day so numbered within DATELINE_DAYS before publication, else None."""
    m = DAY_OF_MONTH_DATELINE_RE.match(line)
    if m is None or m["place"].split()[0].lower().rstrip(".") in _CALENDAR.weekdays.keys() | _CALENDAR.months.keys():
        return None
    for back in range(DATELINE_DAYS + 1):
        day = published - dt.timedelta(days=back)
        if day.day == int(m["day"]):
            return day
    return None


def _dateline_date(m: re.Match, published: dt.date) -> dt.date | None:
    """The day a dateline's month and day (and year, if any) name, within MONTH_DATELINE_DAYS before
    publication; None otherwise."""
    month = month_number(m["month"] or m["month_after"])
    years = [int(m["year"])] if m["year"] else [published.year, published.year - 1]
    for year in years:
        try:
            day = dt.date(year, month, int((m["day"] or m["day_first"]).translate(OCR_DIGITS)))
        except (TypeError, ValueError):
            continue
        if published - dt.timedelta(days=MONTH_DATELINE_DAYS) <= day <= published:
            return day
    return None



# A cable's dateline told as a sentence of its own inside a column of several cables: "... subdued by
# artillery. London, May 2. Official. The rebels in Enniscorthy have surrendered." The place in
# capitals or title case, its region perhaps, then the day, and nothing else in the sentence.
INNER_DATELINE_RE = re.compile(
    # (a saint's town is abbreviated, "St. Petersburg, January 22."; a later cable of the same place
    # may give its day alone, "January 23.")
    # (the hour the cable came in may open it: "Received March 25, 7.15 p.m. LONDON, March 24.")
    r"^(?:(?:Received|Re\w{2,4}ved|Rec\.)[^()\n]{0,30}?\d(?:[.:]\d\d?)?\s*(?:[ap]\.\s?m\.|[ap]m\b)[.:]?\s+)?"
    r"(?:(?P<place>[A-Z][A-Za-z'’-]+\.?(?: [A-Z][A-Za-z'’-]+){0,3})(?:,\s*[A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+){0,2})?,\s+)?"
    rf"(?:(?P<month>(?i:{_DATELINE_MONTH}))\s+(?P<day>\d[\dOISGBLli]?)|(?P<day_first>\d{{1,2}})\s+(?P<month_after>(?i:{_DATELINE_MONTH})))"
    # (a one-word note the splitter leaves with it: "London, May 2. Official.")
    r"(?:,?\s*(?P<year>\d{4}))?[.:]?(?:\s+[A-Z][a-z]+\.)?$")


# A sentence that opens with a dateline run on into the story ("Port Kessa, N. M., March 10.—Seventeen
# were killed ..."): a place of capitalised words and initials, a comma, the month and day.
OPENING_DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][\w'’.-]*(?:[ ,/]+[A-Z][\w'’.-]*){{0,5}}),\s+(?i:{_MONTH})\s+\d{{1,2}}\b(?!,?\s*\d{{4}})")
# Words that open a sentence's own phrase, never a place: "On Tuesday, March 10 rebels ...".
SENTENCE_OPENERS = frozenset({"on", "in", "at", "by", "since", "until", "from", "before", "after", "the"})


def opens_with_dateline(sentence: str) -> bool:
    """Whether the sentence begins with a dateline: its day is the day the story was written, not
    the day its lede names."""
    m = OPENING_DATELINE_RE.match(sentence.strip())
    if m is None:
        return False
    words = re.findall(r"[A-Za-z]+", m["place"].lower())
    return words[0] not in SENTENCE_OPENERS and not any(w in _CALENDAR.weekdays for w in words)


def inner_dateline_day(sentence: str, published: dt.date) -> dt.date | None:
    """The day of a cable's dateline standing as a sentence of its own in the body ("London, May
    2."), within DATELINE_DAYS before publication; None for any other sentence."""
    m = INNER_DATELINE_RE.match(sentence.strip())
    if m is None or (not _names_a_place_and_its_day(m) if m["place"] else (m["month"] or m["month_after"]).islower()):
        return None
    if not m["place"] and m["year"]:
        return None  # "AUGUST 7, 1907." under the masthead: the paper's date, no cable's
    return _dateline_date(m, published)


def bare_dateline_ends(text: str) -> list[int]:
    """Where a dateline that lost its full stop ends ("... Copyright LONDON, Feb. 26 A communique"):
    offsets where the story's first sentence begins, which nothing else would split from the decks."""
    ends = []
    offset = 0  # of the line in the text
    seen = 0.0
    for line in text.split("\n"):
        visible = line.strip()
        if visible:
            seen += _line_weight(visible)
            if seen > DATELINE_LINES:
                break  # (as far down the page as dateline_day looks)
            m = DATED_DATELINE_RE.match(visible)
            titled = TITLE_CASE_DATELINE_RE.match(visible) if m is None else None
            if m is not None and m["bare"] is not None and WIRE_CREDIT_RE.search(visible) \
                    or titled is not None and titled["agency"] and titled["story"] and _title_case_dateline(visible, False):
                # (or a title-case place and day credited to an agency, then a colon: "Deewana, Feb
                # 19 (Reuters): Two bombs exploded ...", which the splitter would leave in one sentence)
                dateline_end = offset + line.index(visible) + (m or titled).end()
                story = re.compile(r"\S").search(text, dateline_end)  # the first word after it
                if story is not None:
                    ends.append(story.start())
        offset += len(line) + 1
    return ends


@dataclass(frozen=True)
class Line:
    start: int  # offset of the first visible character (after indentation and bullet)
    end: int  # offset after the last visible character
    text: str
    bulleted: bool
    block: int  # lines separated by blank lines belong to different blocks


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their visible extent, bullets stripped, grouped into blank-line blocks."""
    lines: list[Line] = []
    block = 0
    pos = 0
    for raw in text.split("\n"):
        line_start, line_end = pos, pos + len(raw)
        pos = line_end + 1
        stripped = raw.strip(" \t\r\u00a0\u2002\u2003\u200b")
        if not stripped:
            block += 1
            continue
        bullet = BULLET_RE.match(raw)
        visible_start = line_start + (bullet.end() if bullet else len(raw) - len(raw.lstrip(" \t\u00a0")))
        visible_end = line_end - (len(raw) - len(raw.rstrip(" \t\r\u00a0\u2002\u2003\u200b")))
        if visible_end <= visible_start:
            continue
        lines.append(Line(visible_start, visible_end, text[visible_start:visible_end], bool(bullet), block))
    return lines


def _normalise(s: str) -> str:
    return " ".join(WORD_RE.findall(s.lower()))


def _words(s: str) -> int:
    return len(WORD_RE.findall(s))


def _is_title_repeat(line: str, title_norm: str) -> bool:
    """The title repeated on the page, possibly truncated with "..." or numbered as an image."""
    norm = _normalise(CAPTION_RE.sub("", line))
    if not norm or not title_norm:
        return False
    if norm == title_norm:
        return True
    # A truncated repeat ("Escalation in ... Azerbaijan Launches...") is a prefix of the title.
    return line.rstrip().endswith(("...", "…")) and len(norm) > 15 and title_norm.startswith(norm)


def furniture_reason(line: Line, title_norm: str) -> str | None:
    """Why a line is page furniture, or None if it looks like story text."""
    t = line.text
    marker = EDITORIAL_MARKER_RE.match(t)
    if marker and _words(t[marker.end():]) >= 4:
        t = t[marker.end():]  # "BREAKING: Gunmen stormed a hotel ...": judged by what it reports
    if BREADCRUMB_HOME_RE.match(t) or (t.count("»") + t.count("›") >= 1 and BREADCRUMB_RE.search(t)):
        return "breadcrumb"
    if CAPTION_RE.search(t):
        return "caption"
    if _is_title_repeat(t, title_norm):
        return "title-repeat"
    if CREDIT_RE.search(t):
        return "credit"
    if STAMP_RE.match(t):
        return "stamp"
    if t.startswith(("(", "[")) and t.endswith((")", "]")) and t.count("(") + t.count("[") == 1 \
            and not _bracketed_report(t):
        return "aside"  # a wire's note to editors, "(Adds toll, pars 2-5)", "(Reporting by ...)"
    if BYLINE_RE.match(t):
        return "byline"
    if COMMENT_LINE_RE.match(t):
        return "comment"
    words = _words(t)
    if CALL_TO_ACTION_RE.match(t) and words <= 10 and (CALL_TO_ACTION_TAIL_RE.search(t) or words <= 3):
        return "call-to-action"
    if CONSENT_RE.search(t) and words <= 30:
        return "call-to-action"
    if SITE_NOTICE_RE.search(t) and words <= 40:
        return "site-notice"
    if t.endswith(":") and words <= 8:
        return "heading"
    if KEY_VALUE_RE.match(t) and words <= 12:
        return "fact"
    if ENCYCLOPEDIC_RE.match(t) and words <= 14:
        return "fact"
    # Headlines, headings and link texts are short and end without sentence punctuation. A short
    # line that opens with a whole sentence is story text cut off after it (a copy that stops
    # mid-word: "Fighting continued into the evening. More than 12 hours after the first att").
    if words <= 15 and not t.endswith(SENTENCE_END) and not _opens_with_a_sentence(t):
        return "headline"
    return None


SENTENCE_THEN_MORE_RE = re.compile(r"[.!?][\"”’]?\s+[\"“]?[A-Z0-9]")


def _opens_with_a_sentence(text: str) -> bool:
    """The text's first sentence ends inside it and reads as prose: five words or more, most in
    lower case (a headline's "Troops Advance. Rebels Flee" is in title case)."""
    m = SENTENCE_THEN_MORE_RE.search(text)
    if m is None:
        return False
    first = WORD_RE.findall(text[:m.start()])
    return len(first) >= 5 and sum(w[:1].islower() for w in first[1:]) * 2 >= len(first) - 1


# A line of story text has a sentence's worth of words; a headline or a link has fewer.
STORY_LINE_WORDS = 8


def _comments_start(lines: list[Line], reasons: list[str | None]) -> tuple[int, int] | None:
    """Where readers' comments begin: (line index, offset into its text), or None.

    A line that is only a comments heading ("Comments (12)") opens them, once the story has begun:
    comments follow a story, and such a line above it is the page's link down to them ("View
    Comments" beside the headline), whose own line is furniture but not the page's end. So does,
    anywhere in a line, the site's note to commenters or one comment's "at 7:59 pm | Report abuse"
    stamp. A stamp ends the first comment, so that comment's sentences before its line are missed;
    the rest of the page, comments and the furniture after them, is never the story."""
    story_begun = False
    for i, line in enumerate(lines):
        if i > 0 and story_begun and COMMENTS_START_RE.match(line.text):
            return i, 0
        story_begun = story_begun or (reasons[i] is None and _words(line.text) >= STORY_LINE_WORDS)
        found = None if STAMP_RE.match(line.text) else COMMENTS_INLINE_RE.search(line.text)
        if found:  # (a page's own "Published March 3, 2024 at 9:12 pm | Updated ..." is no comment)
            # The note to commenters is a sentence of its own, after the story's last one; a
            # comment's stamp or the comment form's label makes the whole line theirs.
            label = found.group(0)[:1].isdigit() or found.group(0).startswith("(")
            breaks = [m.end() for m in SENTENCE_BREAK_RE.finditer(line.text[:found.start()])]
            if i == 0 and (label or not breaks):
                continue  # the page's first line is never all comments
            return i, 0 if label or not breaks else breaks[-1]
    return None


def _line_reasons(lines: list[Line], title_norm: str) -> tuple[list[str | None], tuple[int, int] | None]:
    """Why each line is furniture (None: story text), looking at the page as a whole; and where
    readers' comments begin inside a line whose head is still the story."""
    reasons = [furniture_reason(line, title_norm) for line in lines]
    # A caption printed twice, once bare and once with its credit, and any line the page prints
    # again word for word (a headline above and below a picture): the copies are furniture, and so
    # is the bare caption a credited caption begins with. The first copy of a repeated line stays,
    # since a page may print a story's first paragraph as its summary too.
    seen: set[str] = set()
    captions = [_normalise(line.text) for line, reason in zip(lines, reasons) if reason == "caption"]
    for i, line in enumerate(lines):
        norm = _normalise(line.text)
        if reasons[i] is not None or not norm:
            continue
        if norm in seen:
            reasons[i] = "repeat"
        elif any(caption.startswith(norm) and len(caption) > len(norm) for caption in captions):
            reasons[i] = "caption"
        seen.add(norm)
    # Readers' comments: from where they open to the end of the page.
    partial = None
    start = _comments_start(lines, reasons)
    if start is not None:
        first, offset = start
        if offset > 0 and lines[first].text[:offset].strip():
            partial = start
            first += 1
        for j in range(first, len(lines)):
            reasons[j] = reasons[j] or "comments"

    # A block of bullets that is mostly facts is a fact box: its other lines ("Notable for its oil
    # and gas reserves") are encyclopedic too, even when they look like sentences.
    by_block: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_block.setdefault(line.block, []).append(i)
    for members in by_block.values():
        facts = sum(1 for i in members if reasons[i] == "fact")
        if len(members) >= 2 and facts * 2 >= len(members):
            for i in members:
                reasons[i] = reasons[i] or "fact-box"
    return reasons, partial


def find_body(text: str, title: str | None = None) -> tuple[Span, ...]:
    """Main-text spans (offsets into `text`) with page furniture removed, in text order."""
    lines = split_lines(text)
    reasons, partial = _line_reasons(lines, _normalise(title) if title else "")
    spans: list[Span] = []
    for i, line in enumerate(lines):
        if reasons[i] is not None:
            continue
        if partial is not None and i == partial[0]:  # the story's last words, then the comments
            line = Line(line.start, line.start + len(line.text[:partial[1]].rstrip()),
                        line.text[:partial[1]].rstrip(), line.bulleted, line.block)
        start = line.start + _story_start(line.text, opening=len(spans) < 3)
        if not spans:  # a dateline only opens the story
            dateline = DATELINE_RE.match(line.text[start - line.start:])
            if dateline and _words(line.text[start - line.start + dateline.end():]) >= 5:
                start += dateline.end()
        if start < line.end:
            spans.append((start, line.end))
    return tuple(spans)


def _story_start(line: str, opening: bool) -> int:
    """Where the story begins in a line: after a live blog's "(Update ...) -" stamp, and, in the
    opening lines, after a wire dateline with whatever highlights precede it."""
    start = 0
    stamp = UPDATE_STAMP_RE.match(line) or EDITORIAL_MARKER_RE.match(line)
    if stamp:
        start = stamp.end()
    if opening:
        noise = OPENING_NOISE_RE.match(line, start)
        while noise and noise.end() > start:
            start = noise.end()
            noise = OPENING_NOISE_RE.match(line, start)
        dateline = INLINE_DATELINE_RE.search(line, start)
        if dateline and dateline.start() <= 600 and _words(line[dateline.end():]) >= 5:
            start = dateline.end()
    return start


def furniture_lines(text: str, title: str | None = None) -> list[tuple[Span, str]]:
    """The lines judged furniture with the reason, for diagnostics and tests."""
    lines = split_lines(text)
    reasons, partial = _line_reasons(lines, _normalise(title) if title else "")
    found = [((line.start, line.end), reason) for line, reason in zip(lines, reasons) if reason is not None]
    if partial is not None:
        line = lines[partial[0]]
        found.append(((line.start + partial[1], line.end), "comments"))
    return sorted(found)


def mask_furniture(text: str, body: tuple[Span, ...]) -> str:
    """The text with everything outside `body` replaced by spaces of the same length.

    Newlines are kept so line structure (and sentence boundaries) survive; offsets stay exact.
    """
    parts: list[str] = []
    pos = 0
    for start, end in body:
        parts.append(_blank(text[pos:start]))
        parts.append(text[start:end])
        pos = end
    parts.append(_blank(text[pos:]))
    return "".join(parts)


def _blank(s: str) -> str:
    return "".join(ch if ch == "\n" else " " for ch in s)


# --- titles -----------------------------------------------------------------------------------

TITLE_MAX_WORDS = 14
# Places where a long first sentence can be cut into a headline.
CUT_POINTS = (", which", ", who", ", where", ", saying", ", including", ";", " — ", " – ", ", ", " and ",
              " in ", " on ", " after ", " amid ", " as ", " to ", " against ", " over ", " with ")
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])")


def headline_line(text: str, body: tuple[Span, ...]) -> str | None:
    """A headline-shaped line before the story (short, no final period), never a dateline, stamp
    or byline. Only whole lines count: what stands before the story's first words on the same
    line ("Fri Nov 18, 2011 9:19 am GMT NEW DELHI (AlertNet) - Up to three million ...") is the
    wire's dateline, never a headline."""
    first_body = body[0][0] if body else len(text)
    for line in split_lines(text):
        if line.end >= first_body:
            break
        if furniture_reason(line, "") == "headline" and _words(line.text) >= 4 and not _dateline_or_byline(line.text):
            return line.text.strip()
    return None


# A line that ends on a wire's dateline ("Tue Mar 1, 2011 6:36 pm EST TRIPOLI (Reuters) -"), or
# that opens on a byline ("By Jane Doe BBC Diplomatic Correspondent", "By the Wire staff").
WIRE_TAIL_RE = re.compile(r"\((?:[A-Z][A-Za-z.&']*(?: [A-Z][A-Za-z.&']*){0,2})\)\s*(?:--|—|–|-)?\s*$")
BYLINE_OPENING_RE = re.compile(r"^By (?:the )?[A-Z]")


def _dateline_or_byline(text: str) -> bool:
    text = text.strip()
    return bool(INLINE_DATELINE_RE.search(text) or WIRE_TAIL_RE.search(text) or BYLINE_OPENING_RE.match(text))


def derive_title(text: str, body: tuple[Span, ...]) -> str:
    """A headline for an article that has none: its headline line when it has one, otherwise its
    first body sentence cut at a clause boundary to headline length."""
    stated = headline_line(text, body)
    if stated:
        return stated
    if not body:
        return text.strip()[:80]
    start, end = body[0]
    first = SENTENCE_SPLIT_RE.split(text[start:end], maxsplit=1)[0].strip()
    return shorten_to_headline(first)


def shorten_to_headline(sentence: str, max_words: int = TITLE_MAX_WORDS) -> str:
    s = sentence.strip().rstrip(".!?").strip("\"“”'’ ")
    if _words(s) <= max_words:
        return s
    # Cut at the earliest strong boundary that leaves a full headline, else at the latest weak one.
    for marker in CUT_POINTS:
        idx = s.find(marker)
        while idx != -1:
            head = s[:idx]
            if 6 <= _words(head) <= max_words:
                best = head
                # prefer the longest head under the limit for weak boundaries
                nxt = s.find(marker, idx + 1)
                while nxt != -1 and _words(s[:nxt]) <= max_words:
                    best = s[:nxt]
                    nxt = s.find(marker, nxt + 1)
                return best.strip(" ,;")
            if _words(head) > max_words:
                break
            idx = s.find(marker, idx + 1)
    words = s.split()
    return " ".join(words[:max_words]).rstrip(",;:") + "…"


# Wire copy hard-wrapped at a fixed width ("An attempted Turkish\nmilitary coup appeared to
# crumble on\nSaturday") cuts its sentences at every line end, and its lines, short and without a
# full stop, look like headlines. A text counts as wrapped when several of its line breaks fall
# before a word in lower case, which a paragraph or a heading almost never starts with.
WRAPPED_MIN_BREAKS = 3
WRAPPED_MIN_SHARE = 0.2
ENDS_A_SENTENCE = (".", "!", "?", ":", ";", '."', ".”", ".'", ".’", '?"', "?”", '!"', "!”", ".)")


def unwrap_lines(text: str) -> str:
    """The text with the line breaks inside hard-wrapped paragraphs made spaces, when the text is
    wrapped, and the breaks a copy put in the middle of a sentence (see `join_split_sentences`).
    The length never changes, so every offset holds for both."""
    text = join_split_sentences(text)
    lines = text.split("\n")
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    sure = sorted(len(a.rstrip()) for a, b in pairs if b.lstrip()[:1].islower())
    if len(sure) < WRAPPED_MIN_BREAKS or len(sure) < WRAPPED_MIN_SHARE * len(pairs):
        return text
    width = sure[len(sure) // 2]  # the wrapping width, from the breaks that are surely wraps
    out = []
    for line, following in zip(lines, lines[1:]):
        out.append(line)
        out.append(" " if _soft_break(line, following, width) else "\n")
    out.append(lines[-1])
    return "".join(out)


# A scanned or re-keyed copy sometimes breaks a sentence over two paragraphs ("Rebels attacked
# the police station in the\n\ntown of Kesso on Monday"): each half alone reads as a headline or
# as nothing at all. A paragraph that ends without a full stop, followed by one that goes on in
# lower case, is one sentence, however short its half (lower-case openings that are furniture, and
# a headline in title case, are left alone; a headline in sentence case above a paragraph opening
# in lower case would be joined to it, a rarer thing than a scan's broken lines). One
# that goes on with a capital is one sentence only where the first half cannot end: on a word like
# "the" or "of", or on a name in a paragraph its dateline shows to be story text ("SINGAPORE, July
# 16 - In a dawn battle 14 miles south of Kuala\n\nLumpur to-day, ..."); elsewhere a headline in
# sentence case above its story would run into it.
SPLIT_SENTENCE_RE = re.compile(r"(?P<before>[^\n]*[^\s])(?P<gap>[ \t]*\n(?:[ \t]*\n)+[ \t]*)(?=[a-z]|[A-Z][a-z])")
LOWER_CASE_FURNITURE = ("by ", "photo", "image", "file ", "updated", "posted", "click", "read ", "share",
                        "via ", "source:", "email", "http", "www.")
SPLIT_SENTENCE_MIN_WORDS = 6
UNFINISHED_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and",
                              "or", "but", "near", "into", "over", "under", "between", "against", "its", "their"})


def join_split_sentences(text: str) -> str:
    """The text with the blank lines inside a sentence broken over two paragraphs made spaces;
    the length never changes."""
    def join(m: re.Match) -> str:
        before, after = m["before"], text[m.end():m.end() + 12]
        words = before.split()
        if before.rstrip().endswith(ENDS_A_SENTENCE) or after.lower().startswith(LOWER_CASE_FURNITURE) \
                or len(words) < SPLIT_SENTENCE_MIN_WORDS and not after[:1].islower():
            return m.group(0)
        last_word = words[-1]
        if after[:1].islower():
            # (a scan breaks its lines anywhere: "While they were away, 30" / "terrorists armed
            # with Bren" / "guns, Sten guns ..."; a headline in title case keeps its break)
            goes_on = not _title_case(words)
        else:
            goes_on = last_word in UNFINISHED_WORDS or last_word[:1].isupper() and last_word[1:].islower() \
                and (DATED_DATELINE_RE.match(before) is not None or DATELINE_RE.match(before) is not None)
        return before + " " * len(m["gap"]) if goes_on else m.group(0)
    return SPLIT_SENTENCE_RE.sub(join, text)


def _title_case(words: list[str]) -> bool:
    """Most of the words capitalised, as a headline's are ("Rebels Seize Police Post")."""
    alphabetic = [w for w in words if w[:1].isalpha()]
    return len(alphabetic) >= 2 and sum(w[:1].isupper() for w in alphabetic) >= 0.6 * len(alphabetic)


# A line broken by the wrapping is nearly full; a shorter one (a headline, a byline) ends by itself.
FULL_LINE = 0.75


def _soft_break(line: str, following: str, width: int) -> bool:
    """A break in mid-sentence: no sentence ends before it, and the next line goes on in lower
    case, or this one, nearly as wide as the wrapping, stops on a comma or a word in lower case
    ("... erupted on\\nFriday"). A heading above a note ("(Adds toll)") or a line ending on a
    name ("By Anna Kessler\\nKESSA, May 2") keeps its break."""
    a, b = line.rstrip(), following.strip()
    if not a or not b or a.endswith(ENDS_A_SENTENCE) or b.startswith(("(", "[")):
        return False
    if b[:1].islower() or b[:1].isdigit():
        return True
    return len(a) >= FULL_LINE * width and (a.endswith((",", "-", "–", "—")) or a.split()[-1][:1].islower())
