"""Server-side latency of the read layer on a synthetic corpus: timeline fragments, the zoom
histogram and full-text search, as percentiles over repeated, varied requests.

Measured through the real app over ASGI (httpx), so routing, validation, the query and the
template all count; the network does not.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from fastapi.testclient import TestClient

from bench.synthetic import word_at_rank


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "mean": statistics.fmean(ordered)}


def timed(call: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def scenarios(rng: random.Random, actor_ids: list[str], first_year: int, last_year: int) -> dict[str, Callable[[], dict]]:
    """Each returns the query parameters of one plausible request."""

    def year_range():
        year = rng.randint(first_year, last_year)
        return {"from": f"{year}-01-01", "to": f"{year}-12-31"}

    return {
        "timeline_unfiltered": lambda: {},
        "timeline_year": year_range,
        "timeline_actor": lambda: {"actor": rng.choice(actor_ids[:50])},
        "timeline_actor_type_year": lambda: {"actor": rng.choice(actor_ids[:200]), "type": "military_action", **year_range()},
        "timeline_min_sources": lambda: {"min_sources": 3, **year_range()},
        # Words at three frequency ranks of the corpus vocabulary (bench/synthetic.py): in about
        # 10 %, 1 % and 0.1 % of the articles.
        "search_common_word": lambda: {"q": word_at_rank(30)},
        "search_middling_word": lambda: {"q": word_at_rank(300)},
        "search_rare_word": lambda: {"q": word_at_rank(3000)},
        "search_rare_word_year": lambda: {"q": word_at_rank(3000), **year_range()},
        # The explorer at scale (issue 13): a list by importance, the map's counts for a box,
        # the time axis of a year.
        "importance_unfiltered": lambda: {"sort": "importance"},
        "importance_year": lambda: {"sort": "importance", **year_range()},
        "importance_type_year": lambda: {"sort": "importance", "type": "attack", **year_range()},
        "importance_actor": lambda: {"sort": "importance", "actor": rng.choice(actor_ids[:50])},
    }


def map_and_axis_scenarios(rng: random.Random, first_year: int, last_year: int) -> dict[str, Callable[[], tuple[str, dict]]]:
    """(path, parameters): the map's counts for a bounding box, and the time axis of a year."""
    def year_range():
        year = rng.randint(first_year, last_year)
        return {"from": f"{year}-01-01", "to": f"{year}-12-31"}

    def box():  # a box of 20 x 15 degrees somewhere over the corpus's places
        west, south = rng.uniform(-10, 40), rng.uniform(10, 40)
        return {"bbox": f"{west:.2f},{south:.2f},{west + 20:.2f},{south + 15:.2f}"}

    return {
        "map_box_every_date": lambda: ("/api/places", box()),
        "map_box_year": lambda: ("/api/places", {**box(), **year_range()}),
        "map_box_year_type": lambda: ("/api/places", {**box(), **year_range(), "type": "attack"}),
        "axis_year": lambda: ("/api/axis", year_range()),
        "axis_year_type": lambda: ("/api/axis", {**year_range(), "type": "military_action"}),
    }


def fragment_scenarios(rng: random.Random, actor_ids: list[str], first_year: int, last_year: int) -> dict[str, Callable[[], dict]]:
    """The htmx fragment of the timeline page (results, zoom bar, density strip, buckets) for
    filtered views an analyst would ask for."""
    def year() -> int:
        return rng.randint(first_year, last_year)

    def month() -> str:
        return f"{year()}-{rng.randint(1, 12):02d}"

    return {
        "page_fragment": lambda: {"from": f"{(y := year())}-01-01", "to": f"{y}-12-31"},
        "fragment_decade": lambda: {"zoom": "decade", "at": str(year() // 10 * 10)},
        "fragment_year_type": lambda: {"zoom": "year", "at": str(year()), "type": "attack"},
        "fragment_month": lambda: {"zoom": "month", "at": month()},
        "fragment_month_actor": lambda: {"zoom": "month", "at": month(), "actor": rng.choice(actor_ids[:50])},
        "fragment_year_actor_type": lambda: {"zoom": "year", "at": str(year()), "type": "military_action",
                                             "actor": rng.choice(actor_ids[:200])},
        "fragment_month_min_sources": lambda: {"zoom": "month", "at": month(), "min_sources": 3},
        "fragment_year_search_middling": lambda: {"zoom": "year", "at": str(year()), "q": word_at_rank(300)},
        "fragment_search_rare_every_date": lambda: {"q": word_at_rank(3000)},
        "fragment_year_search_common": lambda: {"zoom": "year", "at": str(year()), "q": word_at_rank(30)},
        "fragment_search_common_every_date": lambda: {"q": word_at_rank(30)},
        "fragment_year_importance": lambda: {"zoom": "year", "at": str(year()), "sort": "importance"},
        "fragment_every_date": lambda: {},
    }


def run(client: TestClient, actor_ids: list[str], first_year: int, last_year: int, repeats: int = 60,
        skip: tuple[str, ...] = (), collections: list[tuple[str, int, list[str]]] = ()) -> dict[str, float]:
    """p50/p95/p99 per scenario; scenarios whose name contains a word of `skip` are left out.

    Every collection-wide scenario is measured first (the baseline, as the timeline answered
    before collections); then, for each of `collections` (slug, events, its leading actors), the
    same scenarios within it: the API with `collection=`, fragments at /c/{slug}/, actors drawn
    from the collection's own leading ones. `collection_{name}_p95_ratio` is the worst of the
    collections' p95 over the baseline's p95, measured in the same run."""
    figures = _measure(client, actor_ids, first_year, last_year, repeats, skip, "", "/", {})
    for rank, (slug, events, leading) in zip(("largest", "middling", "smallest"), collections):
        figures[f"collection_{rank}_slug"] = slug
        figures[f"collection_{rank}_events"] = events
        scoped = _measure(client, leading or actor_ids, first_year, last_year, repeats, skip,
                          f"collection_{rank}_", f"/c/{slug}/", {"collection": slug})
        figures.update(scoped)
    if collections:
        def listing():  # the collection list at /, with its density strips
            response = client.get("/")
            assert response.status_code == 200 and "collection-list" in response.text
        listing()
        stats = percentiles(timed(listing, repeats))
        figures.update({f"collection_list_{k}_ms": round(v, 2) for k, v in stats.items() if k in ("p50", "p95", "p99")})
        for name in [n for n in figures if n.endswith("_p95_ms") and not n.startswith("collection_")]:
            worst = max(figures.get(f"collection_{rank}_{name}", 0.0)
                        for rank in ("largest", "middling", "smallest")[:len(collections)])
            figures[f"collection_{name.removesuffix('_ms')}_worst_ms"] = worst
            figures[f"collection_{name.removesuffix('_p95_ms')}_p95_ratio"] = round(worst / figures[name], 2)
    return figures


def _measure(client: TestClient, actor_ids: list[str], first_year: int, last_year: int, repeats: int,
             skip: tuple[str, ...], prefix: str, page: str, scope: dict[str, str]) -> dict[str, float]:
    rng = random.Random(11)
    figures: dict[str, float] = {}
    for name, params in scenarios(rng, actor_ids, first_year, last_year).items():
        if any(word in name for word in skip):
            continue

        def call(name=name, params=params):
            response = client.get("/api/events", params={**params(), **scope, "limit": 50})
            assert response.status_code == 200, (name, response.text[:200])
        call()
        stats = percentiles(timed(call, repeats))
        figures.update({f"{prefix}api_{name}_{k}_ms": round(v, 2) for k, v in stats.items() if k in ("p50", "p95", "p99")})

    for name, params in fragment_scenarios(rng, actor_ids, first_year, last_year).items():
        if any(word in name for word in skip):
            continue

        def fragment(params=params, name=name):
            response = client.get(page, params=params(), headers={"HX-Request": "true"})
            assert response.status_code == 200, (name, response.text[:200])
        fragment()
        stats = percentiles(timed(fragment, repeats))
        figures.update({f"{prefix}{name}_{k}_ms": round(v, 2) for k, v in stats.items() if k in ("p50", "p95", "p99")})

    for name, request in map_and_axis_scenarios(rng, first_year, last_year).items():
        if any(word in name for word in skip):
            continue

        def ask(request=request, name=name):
            path, params = request()
            response = client.get(path, params={**params, **scope})
            assert response.status_code == 200, (name, response.text[:200])
        ask()
        stats = percentiles(timed(ask, repeats))
        # (within a collection, its own map and axis: unscoped and unprefixed, as they were, they
        # measured the whole installation again and overwrote the baseline's figures)
        figures.update({f"{prefix}{name}_{k}_ms": round(v, 2) for k, v in stats.items() if k in ("p50", "p95", "p99")})

    for zoom in ("century", "decade", "year", "month", "week", "day"):
        def histogram(zoom=zoom):
            params = {"zoom": zoom, **scope}
            if zoom in ("week", "day"):  # the explorer shows weeks and days within a month
                year = rng.randint(first_year, last_year)
                month = rng.randint(1, 12)
                params.update({"from": f"{year}-{month:02d}-01", "to": f"{year}-{month:02d}-28"})
            elif zoom == "month":
                year = rng.randint(first_year, last_year)
                params.update({"from": f"{year}-01-01", "to": f"{year}-12-31"})
            response = client.get("/api/timeline", params=params)
            assert response.status_code == 200
        histogram()
        stats = percentiles(timed(histogram, repeats))
        figures.update({f"{prefix}histogram_{zoom}_{k}_ms": round(v, 2) for k, v in stats.items() if k in ("p50", "p95", "p99")})
    return figures
