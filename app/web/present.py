"""Small, pure helpers that turn read-layer view models into what a page shows.

Nothing here touches the database: inputs are view models from app/queries/views.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from markupsafe import Markup

from app.labels import long_date
from app.permalinks import (
    absolute, article_api_path, event_api_path, event_card_path, events_api_path, timeline_path,
)
from app.queries.filters import EventFilters
from app.queries.views import (
    ActorEntry, ArticleView, EventPage, EventView, Gone, GoneDetails, GoneSource, HistoryEntry, MentionView, Related,
    SentenceView,
)
from app.taxonomy import type_label
from app.web import sharing
from app.web.cards import HEIGHT as CARD_HEIGHT, WIDTH as CARD_WIDTH
from app.web.reading import merge_reason_words, rule_words

MODALITY_LABELS = {
    "planned": "Planned",
    "threatened": "Threatened",
    "denied": "Denied",
    "claimed": "Claimed",
    "hypothetical": "Possible",
}
ROLE_LABELS = {
    "initiator": "initiator",
    "target": "target",
    "speaker": "speaker",
    "participant": "participant",
    "mentioned": "mentioned",
}
FILTER_NAMES = {
    "q": "Search", "actor": "Actor", "type": "Type", "location": "Place", "publisher": "Publisher",
    "article": "Article", "from": "From", "to": "To", "min_sources": "At least", "reviewed": "Reviewed",
    "speech": "Speech", "bbox": "Area",
}


def modality_label(modality: str) -> str | None:
    """A badge for anything not simply reported as having happened."""
    if modality in ("", "asserted"):
        return None
    return MODALITY_LABELS.get(modality, modality.capitalize())


def date_anchor(event: EventView) -> dt.date | None:
    """The publication date a relative date was read against: the mention whose expression gave it."""
    for mention in event.mentions:
        if event.date_expression and mention.date_expression == event.date_expression:
            return mention.published
    return event.mentions[0].published if event.mentions else None


def date_provenance(event: EventView) -> str:
    """How the date was found, in words: "from 'Tuesday', relative to the publication date 2023-09-19"."""
    anchor = date_anchor(event)
    expression = f"from \u2018{event.date_expression}\u2019" if event.date_expression else None
    if event.date_method == "explicit":
        text = f"{expression}, stated in the text" if expression else "stated in the text"
    elif event.date_method == "relative":
        against = f"relative to the publication date {anchor.isoformat()}" if anchor else "relative to the publication date"
        text = f"{expression}, {against}" if expression else against
    elif event.date_method == "reporting":
        text = "no date of its own; the day it was reported"
        if expression:
            text += f" ({expression})"
    elif event.date_method == "discourse":
        text = "no date in its sentence; carried on from an earlier sentence of the same account"
        if expression:
            text += f" ({expression})"
    elif event.date_method == "inherited":
        text = "no date in the text; the publication date of the report"
        if anchor:
            text += f" ({anchor.isoformat()})"
    else:
        text = expression or "method not recorded"
    if event.date_rule:
        text += f"; the rule: {rule_words(event.date_rule)}"
    return text


@dataclass(frozen=True)
class ActorRoles:
    id: str
    name: str
    roles: tuple[str, ...]


def actor_roles(event: EventView, *, principal_only: bool = False) -> list[ActorRoles]:
    """Each actor once with its roles (the read layer gives one row per role); "mentioned" only
    when the actor has no other role. `principal_only` leaves mentioned-only actors out (cards)."""
    roles: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for actor in event.actors:  # already in role order: initiator, speaker, target, ...
        names.setdefault(actor.id, actor.name)
        if actor.role not in roles.setdefault(actor.id, []):
            roles[actor.id].append(actor.role)
    result = []
    for key, found in roles.items():
        kept = [r for r in found if r != "mentioned"] or found
        if principal_only and kept == ["mentioned"]:
            continue
        result.append(ActorRoles(key, names[key], tuple(kept)))
    return result


@dataclass(frozen=True)
class PublisherGroup:
    publisher: str
    mentions: tuple[MentionView, ...]


def group_by_publisher(mentions: Iterable[MentionView]) -> list[PublisherGroup]:
    groups: dict[str, list[MentionView]] = {}
    for mention in mentions:
        groups.setdefault(mention.publisher or "Publisher not stated", []).append(mention)
    return [PublisherGroup(name, tuple(items)) for name, items in groups.items()]


def claimants(event: EventView) -> dict[str, str]:
    """Actor key -> display name for whoever made a claim, so it reads "Azerbaijan", not "azerbaijan"."""
    names = {actor.id: actor.name for actor in event.actors}
    return {
        m.claim_by: names.get(m.claim_by) or m.claim_by.replace("-", " ").replace("_", " ").title()
        for m in event.mentions if m.claim_by
    }


@dataclass(frozen=True)
class Piece:
    """A run of article text: a sentence, or text outside every sentence (headings, menus, bullets)."""

    text: str
    sentence: SentenceView | None = None


@dataclass(frozen=True)
class Paragraph:
    pieces: tuple[Piece, ...]


def paragraphs(article: ArticleView) -> list[Paragraph]:
    """The whole text in reading order: sentences, and the text between them kept too (the segmenter
    only spans the main text, so headings and page furniture fall between sentences). A line break
    outside a sentence starts a new paragraph."""
    result: list[list[Piece]] = [[]]

    def between(gap: str) -> None:
        for number, line in enumerate(gap.split("\n")):
            if number and result[-1]:
                result.append([])
            if line.strip():
                result[-1].append(Piece(" ".join(line.split())))

    previous_end = 0
    for sentence in article.sentences:
        between(article.text[previous_end:sentence.start])
        result[-1].append(Piece(sentence.text, sentence))
        previous_end = sentence.end
    between(article.text[previous_end:])
    return [Paragraph(tuple(pieces)) for pieces in result if pieces]


def has_furniture(article: ArticleView, parts: list[Paragraph]) -> bool:
    return any(not piece.sentence or not piece.sentence.is_body for part in parts for piece in part.pieces)


def highlight_index(raw: str | None, article: ArticleView) -> int | None:
    """`?highlight=n` (1-based, like the #s{n} anchors) if it names a sentence; anything else is ignored."""
    if raw is None or not raw.isdigit():
        return None
    number = int(raw)
    return number if 1 <= number <= len(article.sentences) else None


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


def actor_options(actors: Iterable[ActorEntry], filters: EventFilters) -> list[Option]:
    chosen = set(filters.actors)
    options = [Option(a.id, f"{a.name} ({a.events})", a.id in chosen) for a in actors]
    known = {o.value for o in options}
    # A chosen actor with no events left still shows as chosen, so the form keeps the question asked.
    options += [Option(key, key, True) for key in filters.actors if key not in known]
    return options


def type_options(counts: Mapping[str, int], filters: EventFilters) -> list[Option]:
    chosen = set(filters.picked_types)
    options = [
        Option(key, f"{type_label(key)} ({count:,})", key in chosen)
        for key, count in sorted(counts.items(), key=lambda item: type_label(item[0]))
    ]
    known = {o.value for o in options}
    options += [Option(key, type_label(key), True) for key in filters.picked_types if key not in known]
    return options


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def active_filters(filters: EventFilters, names: Mapping[str, str]) -> list[ActiveFilter]:
    """Each filter in force with a link that removes just that one."""
    result = []
    for name, value in filters.query_items(with_limit=False, with_view=False, with_collection=False):
        if name == "sort":  # an order, not a filter: the order switches say it
            continue
        shown = value
        if name in ("actor", "location"):
            shown = names.get(value, value)
        elif name == "type":
            shown = type_label(value)
        elif name == "min_sources":
            shown = f"{value} sources"
        elif name == "reviewed":
            shown = "only reviewed events"
        elif name == "speech":
            shown = "statements and other speech hidden"
        elif name == "bbox":
            shown = "the box drawn on the map"
        result.append(ActiveFilter(FILTER_NAMES.get(name, name), shown, timeline_url(filters.without(name, value))))
    return result


def timeline_url(filters: EventFilters, cursor: str | None = None) -> str:
    """The timeline with these filters, at the page after `cursor` (the first page without one):
    a collection's own page (/c/{slug}/?...) when the filters are asked within one."""
    items = filters.query_items(with_collection=False)
    if cursor:
        items.append(("cursor", cursor))
    return timeline_path(items, filters.collection)


# Page contexts: what each template receives, and nothing else -------------------------------------

def timeline_context(page: EventPage, filters: EventFilters, actors: list[ActorEntry], counts: Mapping[str, int],
                     names: Mapping[str, str] | None = None) -> dict:
    """index.html and _event_list.html. `names`: display names of the chosen actors."""
    json_url = events_api_path(replace(filters, layout="cards").query_items())  # the layout is the page's, not the data's
    names = {**{a.id: a.name for a in actors}, **(names or {})}
    return {
        "page": page,
        "filters": filters,
        "actor_options": actor_options(actors, filters),
        "type_options": type_options(counts, filters),
        "active_filters": active_filters(filters, names),
        "json_url": json_url,
        "link_alternate": json_url,
        "next_url": timeline_url(filters, page.next_cursor) if page.next_cursor else None,
        "first_url": timeline_url(filters) if filters.cursor else None,
    }


def event_context(
    event: EventView,
    *,
    related: Related | None = None,
    history: Sequence[HistoryEntry] = (),
    accessed: dt.date | None = None,
    dataset: str = "unknown",
    several_collections: bool = False,
) -> dict:
    """event.html (and _mention.html). `accessed` is the day the reader sees the page (the cite
    block); `dataset` the version of the data it was read from. With several collections, its
    actors and places link to its collection's timeline."""
    accessed = accessed or dt.date.today()
    in_collection = several_collections and event.collection is not None
    return {
        "event": event,
        "several_collections": several_collections,
        "timeline_base": event.collection.path if in_collection else "/",
        "actors": actor_roles(event),
        # The summary is often the first source sentence itself; then the sources say it already.
        "show_summary": bool(event.summary) and event.summary not in {event.title, *(m.sentence for m in event.mentions)},
        "modality": modality_label(event.modality),
        "provenance": "set by an editor" if event.date_method == "manual" else date_provenance(event),
        "groups": group_by_publisher(event.mentions),
        "claimants": claimants(event),
        "canonical_url": event.url,
        "link_alternate": event_api_path(event.id),
        "site_name": SITE_NAME,
        "social": social_tags(event),
        "json_ld": script_json(event_json_ld(event)),
        "accessed": accessed,
        "accessed_label": long_date(accessed),
        "citation": citation_text(event, accessed, dataset),
        "bibtex": sharing.bibtex(event, accessed, dataset),
        "ris": sharing.ris(event, accessed, dataset),
        "dataset": dataset,
        "publishers": sharing.publishers_phrase(event, most=6),
        "provenance_words": rule_words(event.date_rule),
        "merge_words": [w for w in (merge_reason_words(r) for r in event.merge_reasons) if w],
        "related": related or Related((), ()),
        "history": tuple(history),
    }


def gone_context(gone: Gone, details: GoneDetails | None = None) -> dict:
    """event_gone.html: a deleted event still lists its sources, from its remaining mentions or,
    when they went with it, from the record made when it was deleted."""
    details = details or GoneDetails(None, None, ())
    sources = [
        GoneSource(m.article_id, m.article_title, m.publisher, m.published, m.sentence, m.path, m.publisher_url)
        for m in gone.mentions
    ] or list(details.sources)
    return {
        "event": gone,
        "reason": details.reason,
        "deleted_at": details.at.date().isoformat() if details.at else None,
        "groups": group_by_publisher(sources),
        "link_alternate": event_api_path(gone.id),
    }


# Sharing and citing an event -------------------------------------------------------------------

SITE_NAME = "Conflict Timeline Explorer"
SCHEMA_KINDS = {"person": "Person", "state": "Country", "organisation": "Organization",
                "organization": "Organization", "group": "Organization"}


def social_tags(event: EventView) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of the OpenGraph and Twitter card tags; the template escapes them.
    The description quotes the sentence that reports the event best and names its publishers;
    the image is the event's card (app/web/cards.py); published_time is the day the first source
    was published, never the day the event was extracted."""
    description = sharing.social_description(event)
    card = absolute(event.url.split("/events/", 1)[0], event_card_path(event.id))
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", SITE_NAME),
        ("property", "og:title", event.title),
        ("property", "og:description", description),
        ("property", "og:url", event.url),
        ("property", "og:image", card),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(CARD_WIDTH)),
        ("property", "og:image:height", str(CARD_HEIGHT)),
        ("property", "og:image:alt", f"{event.date_label}: {event.title}"),
        ("property", "article:section", event.type_label),
    ]
    first = sharing.first_reported(event)
    if first:
        tags.append(("property", "article:published_time", first.isoformat()))
    if event.updated_at:
        tags.append(("property", "article:modified_time", _utc(event.updated_at).isoformat()))
    tags += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", event.title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", card),
        # Label/value pairs: shown under the card by the apps that read them.
        ("name", "twitter:label1", "Date"),
        ("name", "twitter:data1", event.date_label),
        ("name", "twitter:label2", "Sources"),
        ("name", "twitter:data2", sharing.publishers_phrase(event) or
         f"{event.sources_count} report" + ("" if event.sources_count == 1 else "s")),
    ]
    return tags


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def event_json_ld(event: EventView) -> dict:
    """schema.org: the event, what it is about, and the news articles it cites."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": event.url,
        "url": event.url,
        "name": event.title,
        "description": event.summary or event.title,
        "startDate": event.date_start.isoformat(),
    }
    if not event.open_end:
        data["endDate"] = event.date_end.isoformat()
    if event.locations:
        data["location"] = [{"@type": "Place", "name": place.name} for place in event.locations]
    about = {a.id: {"@type": SCHEMA_KINDS.get(a.kind, "Thing"), "name": a.name} for a in event.actors}
    if about:
        data["about"] = list(about.values())
    cited: dict[str, dict] = {}
    for mention in event.mentions:
        if mention.article_id in cited:
            continue
        article = {
            "@type": "NewsArticle",
            "headline": mention.article_title,
            "datePublished": mention.published.isoformat(),
            "url": mention.url.split("?", 1)[0],
        }
        if mention.publisher:
            article["publisher"] = {"@type": "Organization", "name": mention.publisher}
        if mention.publisher_url and safe_web_url(mention.publisher_url):
            article["sameAs"] = mention.publisher_url
        cited[mention.article_id] = article
    if cited:
        data["subjectOf"] = list(cited.values())
    data["isPartOf"] = {"@type": "WebSite", "name": SITE_NAME, "url": event.url.split("/events/", 1)[0] + "/"}
    return data


def safe_web_url(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def script_json(data: object) -> Markup:
    """JSON for a <script> element: `<`, `>` and `&` written as \\u escapes (and the two JavaScript
    line separators too), so no string in it can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def citation_text(event: EventView, accessed: dt.date, dataset: str = "unknown") -> str:
    """The plain-text citation the cite block shows (and the copy button copies)."""
    return sharing.citation_text(event, accessed, dataset)


def article_context(article: ArticleView, highlight: str | None) -> dict:
    """article.html (and _sentence.html)."""
    parts = paragraphs(article)
    return {
        "article": article,
        "paragraphs": parts,
        "has_furniture": has_furniture(article, parts),
        "highlight": highlight_index(highlight, article),
        "events_by_id": {event.id: event for event in article.events},
        "canonical_url": article.url,
        "link_alternate": article_api_path(article.id),
    }
