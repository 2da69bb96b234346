"""Questions about articles: one article with every sentence addressable and its events."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from app.labels import date_label
from app.models import Article, Event, Mention
from app.permalinks import absolute, article_path, event_path, sentence_anchor
from app.queries.collections import collection_refs
from app.queries.views import ArticleEvent, ArticleView, SentenceView, StoredVersion
from app.taxonomy import type_label
from app.urls import address_key


def find_article(session: Session, article_id: str, base_url: str) -> ArticleView | None:
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        return None
    mentions = session.execute(
        select(Mention.sentence_index, Mention.event_id).where(Mention.article_id == article.id)
    ).all()
    events_by_sentence: dict[int, list[str]] = defaultdict(list)
    for index, event_id in mentions:
        events_by_sentence[index].append(event_id)
    body = [tuple(span) for span in article.body_spans]
    sentences = tuple(
        SentenceView(
            index=index,
            anchor=sentence_anchor(index),
            text=article.text[start:end],
            start=start,
            end=end,
            is_body=any(b0 <= start and end <= b1 for b0, b1 in body) if body else True,
            event_ids=tuple(dict.fromkeys(events_by_sentence.get(index, ()))),
        )
        for index, (start, end) in enumerate(article.sentence_spans)
    )
    event_ids = list(dict.fromkeys(event_id for _, event_id in mentions))
    events = session.execute(
        select(Event.id, Event.slug, Event.title, Event.type, Event.date_start, Event.date_end, Event.precision,
               Event.open_end)
        .where(Event.id.in_(event_ids), Event.status == "active").order_by(Event.date_start, Event.seq)
    ).all() if event_ids else []
    path = article_path(article.id)
    return ArticleView(
        id=article.id,
        path=path,
        url=absolute(base_url, path),
        title=article.title,
        title_derived=article.title_derived,
        publisher=article.publisher,
        source_url=article.url,
        published=article.published,
        text=article.text,
        sentences=sentences,
        events=tuple(ArticleEvent(id=e.id, url=absolute(base_url, event_path(e.id, e.slug)), title=e.title,
                                  date_label=date_label(e.date_start, e.date_end, e.precision, e.open_end),
                                  path=event_path(e.id, e.slug), date_start=e.date_start, type_label=type_label(e.type))
                     for e in events),
        replaced_by=current_version(session, article),
        collection=collection_refs(session, base_url).get(article.collection_id),
    )


def current_version(session: Session, article: Article) -> str | None:
    """The id of the newest version of a replaced article (corrections may be corrected again);
    None when this is the current one. Its page stays, for the links that cite it."""
    newer = article.replaced_by
    for _ in range(20):
        following = session.get(Article, newer) if newer else None
        if following is None or following.replaced_by is None or following.deleted_at is not None:
            break
        newer = following.replaced_by
    return newer


def same_address_versions(session: Session, url: str | None) -> list[StoredVersion]:
    """The current (neither replaced nor deleted) articles stored from `url`, or from another
    address of the same page (app/urls.py), newest first."""
    if not url:
        return []
    rows = session.execute(
        select(Article.id, Article.title, Article.publisher, Article.published)
        .where(Article.url_key == address_key(url), Article.replaced_by.is_(None), Article.deleted_at.is_(None))
        .order_by(Article.published.desc(), Article.ingested_at.desc())
    ).all()
    return [StoredVersion(*row) for row in rows]
