"""Where one article's report of an event puts it, and whether a later report strays from it.

An event is what its first report said happened: a later report joins it by resembling that core,
never one of the reports that joined since (app/pipeline/merge.py). The same holds for where it
happened. A report naming two towns ("rebels attacked bases in Kidal and Gao") may join an attack
on Kidal; a third report of Gao alone then matches the event's places only through that second
report, and the event would grow along a chain of places, and of countries, one report at a
time. The first report's profile is what a new report must meet; a stored report that meets none
of it strayed, and re-extraction splits it off.

Pure: profiles in, a reason or None out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportProfile:
    """One article's report of one event: the specific places and the countries its sentences
    named (keys). Empty sets: it named none, which is no evidence either way."""

    article_id: str
    places: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


def profile_of(article_id: str, sentences: Iterable[tuple[list[str] | None, list[str] | None]]) -> ReportProfile | None:
    """The profile of an article's report from its sentences' (places, countries); None when no
    sentence's profile is known (stored before mentions kept them)."""
    places: set[str] = set()
    countries: set[str] = set()
    known = False
    for sentence_places, sentence_countries in sentences:
        if sentence_places is None and sentence_countries is None:
            continue
        known = True
        places |= set(sentence_places or ())
        countries |= set(sentence_countries or ())
    return ReportProfile(article_id, frozenset(places), frozenset(countries)) if known else None


def straying(first: ReportProfile, other: ReportProfile) -> str | None:
    """Why `other` cannot be a report of what `first` reported, or None: it names specific places
    and none of the first report's, or countries and none of the first report's."""
    if first.places and other.places and not first.places & other.places:
        return "other places than its first report"
    if first.countries and other.countries and not first.countries & other.countries:
        return "other countries than its first report"
    return None
