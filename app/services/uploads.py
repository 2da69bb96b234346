"""What an admin's upload may become: the rules that decide before anything is queued.

- The same text, stored or being ingested, is refused (409) with a link to it.
- An upload from the address (URL) of a stored article, with different text, is never added
  silently: the admin says whether it replaces the stored version (its events keep their
  permalinks) or is kept as a separate article; adding it without an answer is refused (409)
  with the question (SameUrlUndecided).
"""

from __future__ import annotations

from sqlmodel import Session

from app import ids
from app.errors import DuplicateArticle, UserError
from app.models import IngestionJob
from app.pipeline.types import ArticleInput
from app.queries.articles import same_address_versions
from app.services import jobs
from app.services.articles import find_by_text

SAME_URL_CHOICES = ("replace", "separate")


class SameUrlUndecided(UserError):
    """Added without saying whether the text replaces the stored article from its address
    (`job_id`: a job already replacing the chosen article)."""

    status = 409
    code = "same_url"


def refuse_duplicates(session: Session, article: ArticleInput) -> None:
    """The same text, stored or being ingested, is refused (409) with a link to it."""
    existing = find_by_text(session, article.text)
    if existing is not None:
        raise DuplicateArticle("This text is already stored.", article_id=existing)
    pending = jobs.pending_job_for(session, ids.content_hash(article.text))
    if pending is not None:
        raise DuplicateArticle(f"This text is already being ingested by job {pending.id}. "
                               f"{jobs.what_it_waits_for(pending)}", job_id=pending.id)


def same_url_decision(session: Session, article: ArticleInput, answer: str, chosen: str) -> str | None:
    """The id of the article this upload replaces, None to add it as an article of its own, or
    SameUrlUndecided when the answer ("replace" with the `chosen` article, or "separate") does
    not (or no longer) settle the same-address question."""
    if answer == "separate":
        return None
    current = same_address_versions(session, article.url)
    if answer == "replace":
        version = next((version for version in current if version.id == chosen), None)
        if version is None:
            raise SameUrlUndecided(
                f"Nothing was added: the article you chose to replace ({chosen or 'none chosen'}) is not, "
                "or no longer, the current version from this address (it may have been replaced or deleted "
                "meanwhile). " + ("Choose again below." if current else "Add this text as a new article instead."))
        pending = jobs.pending_replacement_of(session, version.id)
        if pending is not None:
            raise SameUrlUndecided(f"Nothing was added: another version is already being ingested to replace "
                                   f"article {version.id}. Wait for that job, then try again.", job_id=pending.id)
        return version.id
    if current:
        raise SameUrlUndecided("Nothing was added yet: an article from the same address, with different text, "
                               "is already stored. Choose below whether this text replaces it or is kept as a "
                               "separate article.")
    return None


def queue_dry_run(session: Session, article: ArticleInput, username: str, collection: str | None = None) -> IngestionJob:
    """Queue a dry run of an accepted upload (committed): the events it would give, for its
    preview (in `collection`, a slug); nothing is stored (app/ingest/jobs.py:run_job)."""
    return jobs.enqueue(session, article, username, collection=collection, dry_run=True)


def queue_upload(session: Session, article: ArticleInput, username: str, answer: str, chosen: str,
                 collection: str | None = None) -> IngestionJob:
    """Queue an accepted upload (committed), as a new article of `collection` (a slug) or a new
    version of a stored one (which stays in the stored one's collection)."""
    return jobs.enqueue(session, article, username, replaces=same_url_decision(session, article, answer, chosen),
                        collection=collection)
