"""The read side of this checkout against another one (a baseline, say main), on the same corpus,
in the same run: for a machine shared with other work, where figures alone drift with the load.

    .venv/bin/python -m bench.compare ../main            # or any checkout of this project

Each side runs in its own process (the other checkout's `app` on its PYTHONPATH), through its own
app over ASGI, on the corpus bench/scale.py built. The two take turns, a round of every scenario
at a time, so both meet the same load; the same random requests (seeded) go to both. Printed:
p50 and p95 of each side and the ratio of this checkout's p95 to the baseline's.

Environment: BENCH_DIR (where the corpus is), BENCH_COMPARE_REPEATS (requests per scenario and
round, default 10), BENCH_COMPARE_ROUNDS (default 4).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def requests(first_year: int, last_year: int, actors: int, repeats: int, seed: int) -> dict[str, list]:
    """Scenario -> [(path, params, headers)]: views both checkouts answer."""
    from bench.synthetic import word_at_rank

    rng = random.Random(seed)
    htmx = {"HX-Request": "true"}

    def year() -> int:
        return rng.randint(first_year, last_year)

    def month() -> str:
        return f"{year()}-{rng.randint(1, 12):02d}"

    actor = lambda top: f"actor-{rng.randrange(min(top, actors)):05d}"  # noqa: E731
    make = {
        "fragment every date": lambda: ("/", {}, htmx),
        "fragment year": lambda: ("/", {"zoom": "year", "at": str(year())}, htmx),
        "fragment year + type": lambda: ("/", {"zoom": "year", "at": str(year()), "type": "attack"}, htmx),
        "fragment month": lambda: ("/", {"zoom": "month", "at": month()}, htmx),
        "fragment month + actor": lambda: ("/", {"zoom": "month", "at": month(), "actor": actor(50)}, htmx),
        "fragment year, middling word": lambda: ("/", {"zoom": "year", "at": str(year()), "q": word_at_rank(300)}, htmx),
        "fragment common word, every date": lambda: ("/", {"q": word_at_rank(30)}, htmx),
        "full page month": lambda: ("/", {"zoom": "month", "at": month()}, {}),
        "/api/events year": lambda: ("/api/events", {"from": f"{(y := year())}-01-01", "to": f"{y}-12-31"}, {}),
        "/api/timeline month, one year": lambda: ("/api/timeline", {"zoom": "month", "from": f"{(y := year())}-01-01",
                                                                     "to": f"{y}-12-31"}, {}),
    }
    return {name: [build() for _ in range(repeats)] for name, build in make.items()}


def worker() -> None:
    """Run the requests on stdin with this process's `app`; print the milliseconds of each."""
    import gc
    import logging

    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app

    logging.disable(logging.WARNING)
    job = json.loads(sys.stdin.read())
    settings = Settings.from_env({"DATABASE_URL": job["url"], "TIMELINE_DATA_DIR": job["data_dir"]})
    out = {}
    with TestClient(create_app(settings)) as client:
        gc.collect()
        for name, calls in job["requests"].items():
            path, params, headers = calls[0]
            client.get(path, params=params, headers=headers)  # warm-up
            times = []
            for path, params, headers in calls:
                started = time.perf_counter()
                response = client.get(path, params=params, headers=headers)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (name, response.status_code, response.text[:200])
            out[name] = times
    print(json.dumps(out))


def run_side(checkout: Path, job: dict) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker"], input=json.dumps(job),
                            capture_output=True, text=True, cwd=checkout, env=env, check=False)
    if result.returncode:
        raise SystemExit(f"{checkout}: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        worker()
        return 0
    if not argv:
        print(__doc__)
        return 2
    sys.path.insert(0, str(HERE))
    from bench.scale import DEFAULT_DIR, shape_from_env

    baseline = Path(argv[0]).resolve()
    shape = shape_from_env()
    folder = Path(os.environ.get("BENCH_DIR", DEFAULT_DIR))
    database = folder / f"scale-{shape.events}-{shape.articles}-{shape.actors}.db"
    if not database.exists():
        raise SystemExit(f"no corpus at {database}: run python -m bench.scale first")
    repeats = int(os.environ.get("BENCH_COMPARE_REPEATS", "10"))
    rounds = int(os.environ.get("BENCH_COMPARE_ROUNDS", "4"))
    totals: dict[str, dict[str, list[float]]] = {"baseline": {}, "this": {}}
    for number in range(rounds):
        job = {"url": f"sqlite:///{database}", "data_dir": str(folder),
               "requests": requests(shape.first_year, shape.last_year, shape.actors, repeats, seed=100 + number)}
        sides = [("baseline", baseline), ("this", HERE)]
        for side, checkout in (sides if number % 2 == 0 else reversed(sides)):
            for name, times in run_side(checkout, job).items():
                totals[side].setdefault(name, []).extend(times)
    width = max(len(name) for name in totals["this"])
    print(f"{'scenario':{width}}  baseline p50/p95   this p50/p95   p95 ratio")
    for name in totals["this"]:
        a, b = totals["baseline"][name], totals["this"][name]
        print(f"{name:{width}}  {percentile(a, .5):7.1f} {percentile(a, .95):7.1f}  "
              f"{percentile(b, .5):7.1f} {percentile(b, .95):7.1f}   {percentile(b, .95) / percentile(a, .95):5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
