"""Does splitting a million events over 20 collections cost readers anything? Both corpora
answered in one run, request by request in turn.

    .venv/bin/python -m bench.collections_interleaved

The same million events are generated twice (bench/scale.py keeps both files): once in a single
collection, as the explorer was before collections, and once over 20 collections of Zipf sizes.
Measuring one corpus and then the other puts minutes between them, and on a shared virtual
machine the minutes differ: the same code measured twice moved by up to a factor of two at p95.
Here every scenario is asked of every variant in turn, one request each, round after round:

  one       the single-collection corpus at / (the baseline: today's explorer)
  all       the 20-collection corpus at / (every collection at once)
  largest, middling, smallest   the 20-collection corpus within one collection (/c/{slug}/,
            `collection=` on the API), its own leading actors in the actor scenarios

so a slow second of the machine lands on all of them alike, and the ratio of each variant's p95
to the baseline's is measured under the same conditions.

Besides the API's lists and the explorer's fragments, the zoom histogram (/api/timeline at each
zoom, weeks and days within a month, months within a year) is asked the same way.

Environment: BENCH_EVENTS, BENCH_ARTICLES, BENCH_ACTORS, BENCH_DIR as for bench.scale;
BENCH_INTERLEAVED_REPEATS requests per scenario and variant (default 60);
BENCH_LATENCY_SKIP as for bench.scale; BENCH_INTERLEAVED_ONLY comma-separated scenario names.
On PostgreSQL: BENCH_POSTGRES_URL_ONE and BENCH_POSTGRES_URL_SPLIT, two databases the benchmark
may empty, for the single-collection and the 20-collection corpus (both or neither; as for
bench.scale, a corpus whose marker in BENCH_DIR matches is reused).
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import replace
from pathlib import Path

from bench.read_latency import fragment_scenarios, percentiles, scenarios

VARIANTS = ("one", "all", "largest", "middling", "smallest")


def _requests(actor_ids: list[str], first_year: int, last_year: int, seed: int):
    """Every scenario as (name, kind, parameter maker): kind 'api' asks /api/events, 'page'
    the explorer's fragment. One maker per variant, from the same seed: each variant is asked
    the same years and words; actors are the variant's own."""
    rng = random.Random(seed)
    api = scenarios(rng, actor_ids, first_year, last_year)
    pages = fragment_scenarios(rng, actor_ids, first_year, last_year)
    return ([(name, "api", make) for name, make in api.items()] + [(name, "page", make) for name, make in pages.items()]
            + [(f"histogram_{zoom}", "histogram", make) for zoom, make in _histograms(rng, first_year, last_year).items()])


def _histograms(rng: random.Random, first_year: int, last_year: int):
    """The zoom histogram's parameters at each zoom, as the explorer asks them: weeks and days
    within a month, months within a year, coarser zooms over every date."""
    def within(zoom: str):
        year = rng.randint(first_year, last_year)
        if zoom == "month":
            return {"zoom": zoom, "from": f"{year}-01-01", "to": f"{year}-12-31"}
        month = rng.randint(1, 12)
        return {"zoom": zoom, "from": f"{year}-{month:02d}-01", "to": f"{year}-{month:02d}-28"}

    return {zoom: (lambda zoom=zoom: within(zoom) if zoom in ("month", "week", "day") else {"zoom": zoom})
            for zoom in ("century", "decade", "year", "month", "week", "day")}


def run() -> dict[str, float]:
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from bench.scale import (
        DEFAULT_DIR, _collections_to_ask, ensure_database, shape_from_env, warm_page_cache, warm_postgres,
    )

    shape = shape_from_env()
    folder = Path(os.environ.get("BENCH_DIR", DEFAULT_DIR))
    repeats = int(os.environ.get("BENCH_INTERLEAVED_REPEATS", "60"))
    skip = tuple(word for word in os.environ.get("BENCH_LATENCY_SKIP", "").split(",") if word)
    only = {name for name in os.environ.get("BENCH_INTERLEAVED_ONLY", "").split(",") if name}
    split = replace(shape, collections=max(shape.collections, 20))
    one_postgres, split_postgres = os.environ.get("BENCH_POSTGRES_URL_ONE"), os.environ.get("BENCH_POSTGRES_URL_SPLIT")
    if bool(one_postgres) != bool(split_postgres):
        raise SystemExit("BENCH_POSTGRES_URL_ONE and BENCH_POSTGRES_URL_SPLIT go together: one database per corpus")
    one_url, _ = ensure_database(replace(shape, collections=1), folder, one_postgres)
    split_url, _ = ensure_database(split, folder, split_postgres)
    warmed = {}
    if os.environ.get("BENCH_COLD") != "1":
        for name, url in (("one", one_url), ("split", split_url)):
            if one_postgres:
                warmed[f"interleaved_warm_{name}"] = warm_postgres(url)[1]
            else:
                warm_page_cache(Path(url.removeprefix("sqlite:///")))
    chosen = _collections_to_ask(split_url, split)
    every_actor = [f"actor-{n:05d}" for n in range(shape.actors)]
    figures: dict[str, float] = {"interleaved_events": shape.events, "interleaved_repeats": repeats,
                                 "interleaved_database": "postgresql" if one_postgres else "sqlite",
                                 "interleaved_load_before": round(os.getloadavg()[0], 2), **warmed}
    for rank, (slug, events, _leading) in zip(VARIANTS[2:], chosen):
        figures[f"interleaved_{rank}_slug"] = slug
        figures[f"interleaved_{rank}_events"] = events

    def settings_of(url: str) -> Settings:
        return Settings.from_env({"DATABASE_URL": url, "TIMELINE_DATA_DIR": str(folder)})

    with TestClient(create_app(settings_of(one_url))) as one, TestClient(create_app(settings_of(split_url))) as split_client:
        # variant -> (client, explorer path, scope of the API, its scenarios)
        asked = {
            "one": (one, "/", {}, _requests(every_actor, shape.first_year, shape.last_year, 11)),
            "all": (split_client, "/", {}, _requests(every_actor, shape.first_year, shape.last_year, 11)),
        }
        for rank, (slug, _events, leading) in zip(VARIANTS[2:], chosen):
            asked[rank] = (split_client, f"/c/{slug}/", {"collection": slug},
                           _requests(leading or every_actor, shape.first_year, shape.last_year, 11))
        count = len(asked["one"][3])
        for index in range(count):
            name, kind, _ = asked["one"][3][index]
            if any(word in name for word in skip) or (only and name not in only):
                continue
            samples: dict[str, list[float]] = {variant: [] for variant in asked}
            for round_number in range(repeats + 1):  # the first round warms each variant's caches
                for variant, (client, page, scope, requests) in asked.items():
                    params = requests[index][2]()
                    started = time.perf_counter()
                    if kind == "api":
                        response = client.get("/api/events", params={**params, **scope, "limit": 50})
                    elif kind == "histogram":
                        response = client.get("/api/timeline", params={**params, **scope})
                    else:
                        response = client.get(page, params=params, headers={"HX-Request": "true"})
                    elapsed = (time.perf_counter() - started) * 1000
                    assert response.status_code == 200, (variant, name, response.text[:200])
                    if round_number:
                        samples[variant].append(elapsed)
            label = f"{'api_' if kind == 'api' else ''}{name}"
            baseline = percentiles(samples["one"])
            for variant, values in samples.items():
                stats = percentiles(values)
                figures[f"interleaved_{variant}_{label}_p50_ms"] = round(stats["p50"], 1)
                figures[f"interleaved_{variant}_{label}_p95_ms"] = round(stats["p95"], 1)
                if variant != "one":
                    figures[f"interleaved_{variant}_{label}_p95_ratio"] = round(stats["p95"] / baseline["p95"], 2)
                    figures[f"interleaved_{variant}_{label}_p50_ratio"] = round(stats["p50"] / baseline["p50"], 2)
    figures["interleaved_load_after"] = round(os.getloadavg()[0], 2)
    return figures


def table(figures: dict[str, float]) -> str:
    """The figures as a Markdown table: a row per scenario, p95 per variant, the worst ratio."""
    labels = sorted({name.removeprefix("interleaved_one_").removesuffix("_p95_ms")
                     for name in figures if name.startswith("interleaved_one_") and name.endswith("_p95_ms")})
    present = [v for v in VARIANTS if any(name.startswith(f"interleaved_{v}_") and name.endswith("_p95_ms") for name in figures)]
    lines = ["| scenario (p95 ms; p50 in brackets) | " + " | ".join(present) + " | worst p95 / one | worst p50 / one |",
             "|---|" + "---:|" * (len(present) + 2)]
    for label in labels:
        cells = [f"{figures[f'interleaved_{v}_{label}_p95_ms']} ({figures[f'interleaved_{v}_{label}_p50_ms']})"
                 for v in present]
        worst95 = max(figures[f"interleaved_{v}_{label}_p95_ratio"] for v in present if v != "one")
        worst50 = max(figures[f"interleaved_{v}_{label}_p50_ratio"] for v in present if v != "one")
        lines.append(f"| `{label}` | " + " | ".join(cells) + f" | {worst95} | {worst50} |")
    return "\n".join(lines)


def main() -> int:
    figures = run()
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        if not name.endswith(("_p50_ms", "_p95_ms", "_ratio")):
            print(f"  {name:{width}}  {value}")
    print(table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
