"""Reads while ingesting: 8 readers' latency, idle and during a 300-article `timeline ingest`.

    .venv/bin/python -m bench.readers_during_ingest     (part of `make bench`: BENCH_ONLY=readers)

One database of synthetic events (BENCH_READERS_EVENTS, default 100,000; kept under
bench/results/readers/ and copied afresh for every phase), served by `timeline serve` (two
uvicorn workers, as on a 2-core server). Eight reader threads in this process loop over a
rotation of timeline pages, fragments, API lists and searches, each waiting for its answer and
then a reader's pause (0.25 to 0.75 s, BENCH_READERS_PAUSE_MS=500 on average) before asking
again, and record every latency. (Without pauses eight readers saturate two cores by themselves,
and the latency measures the queue in front of the server, whatever ingestion does.) Phases, in one run so the machine is the same:

- `idle`: the readers alone, for as long as the ingest phases last on average (at least 30 s);
- `ingest_baseline`: the same while `timeline ingest` stores 300 news articles (Timeline17,
  real text) at normal priority (TIMELINE_INGEST_NICENESS=0: what ingestion did before), in a
  session of its own as a worker service would be;
- `ingest`: the same with ingestion's default, lowered priority (app/ingest/priority.py).

BENCH_READERS_ARTICLES changes the 300. BENCH_READERS_NICENESS tries another niceness for the
lowered phase than the app's default; BENCH_READERS_BASELINE=0 leaves the normal-priority phase out. BENCH_READERS_ROUNDS (default 1) repeats the two ingest
phases, alternating, to see the noise (0: the idle phase alone). BENCH_READERS_IDLE_SECONDS sets
the idle phase's length.
Each phase reports p50/p95/p99/max over every request, the requests answered, how long the
ingest took, and the load average before and after (the machine is shared: say how busy it was).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from app.config import PROJECT_ROOT
from bench.synthetic import word_at_rank

DEFAULT_DIR = PROJECT_ROOT / "bench" / "results" / "readers"
ARTICLES = PROJECT_ROOT.parent / "shared" / "corpora" / "tls" / "t17_conflict" / "articles.jsonl"
READERS = 8


def paths(rng: random.Random) -> list[str]:
    """What readers ask for: pages, htmx fragments, API lists, searches and histograms."""
    year = lambda: rng.randint(1990, 2025)  # noqa: E731
    rotation = []
    for _ in range(40):
        rotation += [
            f"/?zoom=year&at={year()}",
            f"/api/events?from={(y := year())}-01-01&to={y}-12-31",
            f"/?q={word_at_rank(300)}&zoom=year&at={year()}",
            f"/api/events?q={word_at_rank(3000)}",
            "/api/timeline?zoom=year",
            f"/?zoom=month&at={year()}-{rng.randint(1, 12):02d}&type=attack",
            f"/api/events?actor=actor-{rng.randint(0, 49):05d}&limit=50",
        ]
    return rotation


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)

    return {"p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1], 1),
            "mean": round(statistics.fmean(ordered), 1), "requests": len(ordered)}


def template_database(events: int, folder: Path) -> Path:
    """A migrated SQLite file with `events` synthetic events, made once and kept."""
    from app.db import dispose_all, refresh_statistics
    from app.migrate import upgrade
    from bench import synthetic

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"readers-{events}.db"
    marker = path.with_suffix(".done")
    if path.exists() and marker.exists():
        upgrade(f"sqlite:///{path}")
        return path
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    upgrade(url)
    synthetic.generate(url, synthetic.Shape(articles=events // 10, events=events, actors=2000, locations=500))
    refresh_statistics(url)
    with __import__("sqlite3").connect(path) as connection:  # one file, no WAL beside it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dispose_all()
    marker.write_text("complete\n")
    return path


def articles_file(folder: Path, count: int = 300) -> Path:
    """`count` news articles as JSONL for `timeline ingest` (text, date, title, publisher)."""
    path = folder / f"articles-{count}.jsonl"
    if not path.exists():
        records = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
        random.Random(5).shuffle(records)
        with path.open("w", encoding="utf-8") as handle:
            for record in records[:count]:
                handle.write(json.dumps({"text": record["text"], "published": record["published"],
                                         "title": record.get("title") or None,
                                         "publisher": record.get("source_folder")}) + "\n")
    return path


class Readers:
    """READERS threads asking one after another until stopped; every latency in ms."""

    def __init__(self, base_url: str, pause_ms: float):
        self.base_url, self.samples, self.errors = base_url, [], 0
        self.pause = pause_ms / 1000
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(READERS)]

    def _read(self, number: int) -> None:
        rng = random.Random(number)
        rotation = paths(rng)
        with httpx.Client(base_url=self.base_url, timeout=60) as client:
            while not self.stop.wait(rng.uniform(0.5, 1.5) * self.pause):
                path = rng.choice(rotation)
                started = time.perf_counter()
                response = client.get(path, headers={"HX-Request": "true"} if path.startswith("/?") else {})
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    self.errors += 1
                self.samples.append(elapsed)

    def __enter__(self) -> "Readers":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)


def serve(database: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", TIMELINE_PORT=str(port),
               TIMELINE_INLINE_JOBS="0", TIMELINE_WEB_WORKERS="2", TIMELINE_DATA_DIR=str(database.parent))
    web = subprocess.Popen([sys.executable, "-m", "app.cli", "serve"], env=env, cwd=PROJECT_ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return web
        except httpx.TransportError:
            time.sleep(0.3)
    stop(web)
    raise RuntimeError("timeline serve did not answer")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def phase(template: Path, folder: Path, articles: Path | None, niceness: int | None,
          seconds: float) -> dict[str, float]:
    """One phase on a fresh copy of the template: readers alone for `seconds`, or readers while
    `timeline ingest` (at `niceness`) stores the articles."""
    database = folder / "phase.db"
    for stale in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(template, database)
    port = free_port()
    web = serve(database, port)
    try:
        base_url = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base_url, timeout=60) as warm:  # each web worker's first requests
            for path in paths(random.Random(99))[:40]:
                warm.get(path)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        with Readers(base_url, float(os.environ.get("BENCH_READERS_PAUSE_MS", "500"))) as readers:
            if articles is None:
                time.sleep(seconds)
                ingest_seconds = None
            else:
                env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", TIMELINE_DATA_DIR=str(folder),
                           TIMELINE_INGEST_NICENESS=str(niceness))
                # In a session of its own, as a worker run by a service manager is (and as the web
                # server is here): Linux shares the CPU between sessions first (app/ingest/priority.py).
                ingest = subprocess.run([sys.executable, "-m", "app.cli", "ingest", str(articles)], env=env,
                                        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=7200,
                                        start_new_session=True)
                ingest_seconds = round(time.perf_counter() - started, 1)
                if ingest.returncode not in (0, 2):  # 2: some articles refused (too short, undated)
                    raise RuntimeError(ingest.stderr[-2000:])
                added = ingest.stdout.strip().splitlines()[-1]
        figures = percentiles(readers.samples)
        figures.update(errors=readers.errors, load_before=round(load_before, 2),
                       load_after=round(os.getloadavg()[0], 2))
        if ingest_seconds is not None:
            figures.update(ingest_s=ingest_seconds, ingest_summary=added)
        return figures
    finally:
        stop(web)


def run() -> dict[str, object]:
    folder = Path(os.environ.get("BENCH_READERS_DIR", DEFAULT_DIR))
    events = int(os.environ.get("BENCH_READERS_EVENTS", "100000"))
    rounds = int(os.environ.get("BENCH_READERS_ROUNDS", "1"))
    if not ARTICLES.exists():
        print(f"{ARTICLES} not found: skipping the readers-during-ingest benchmark")
        return {}
    template = template_database(events, folder)
    articles = articles_file(folder, int(os.environ.get("BENCH_READERS_ARTICLES", "300")))
    results: dict[str, object] = {"readers": READERS, "readers_events": events, "readers_cpus": os.cpu_count()}
    durations = []
    for round_number in range(rounds):
        order = [("ingest_baseline", 0), ("ingest", None)]
        if os.environ.get("BENCH_READERS_BASELINE") == "0":
            order = order[1:]
        if round_number % 2:
            order.reverse()
        for name, niceness in order:
            from app.config import Settings

            if niceness is None:  # the app's default, or the one under trial
                niceness = int(os.environ.get("BENCH_READERS_NICENESS") or Settings.from_env({}).ingest_niceness)
            figures = phase(template, folder, articles, niceness, 0)
            figures["niceness"] = niceness
            durations.append(figures["ingest_s"])
            results[f"{name}_{round_number + 1}"] = figures
            print(f"  {name} (round {round_number + 1}): {figures}", flush=True)
    idle_seconds = float(os.environ.get("BENCH_READERS_IDLE_SECONDS") or
                         max(30.0, statistics.fmean(durations) if durations else 0.0))
    idle = phase(template, folder, None, None, idle_seconds)
    results["idle"] = idle
    print(f"  idle: {idle}", flush=True)
    return results


def main() -> int:
    results = run()
    out = DEFAULT_DIR / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
