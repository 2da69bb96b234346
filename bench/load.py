"""A load test of the running server: concurrent readers (wrk) while a worker ingests.

Starts `timeline serve` with several uvicorn workers and `timeline worker` as separate processes
on one database, queues TempEval-3 documents as ingestion jobs, and points wrk at a rotation of
timeline pages, API calls and searches for a fixed time. Reports throughput, latency
percentiles, errors, and the peak memory of the web and worker processes.

Only loopback addresses are used, and every loop is bounded in time.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from app.config import PROJECT_ROOT

from bench.synthetic import word_at_rank

PATHS = [
    "/", "/?type=military_action", f"/?q={word_at_rank(300)}", "/api/events?limit=50",
    f"/api/events?q={word_at_rank(3000)}",
    "/api/timeline?zoom=year", "/api/timeline?zoom=month&from=2010-01-01&to=2010-12-31",
    "/api/actors", "/api/events?from=2015-01-01&to=2015-12-31", "/?zoom=year&at=2012",
]
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process and its children (uvicorn workers are children)."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return round(total / 1024, 1)


def parse_wrk(output: str) -> dict[str, float]:
    def ms(value: str) -> float:
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    figures = {"load_requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percent in ("50", "90", "99"):
        match = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.MULTILINE)
        if match:
            figures[f"load_p{percent}_ms"] = round(ms(match.group(1)), 2)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["load_socket_errors"] = sum(int(n) for n in errors.groups()) if errors else 0
    figures["load_non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    figures["load_requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    return figures


def run(database_url: str, documents: list[tuple[str, object]], *, seconds: int = 20,
        connections: int = 16, web_workers: int = 2) -> dict[str, float]:
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): skipping the load test")
        return {}
    from app.db import session_scope
    from app.pipeline.types import ArticleInput
    from app.services.jobs import enqueue

    with session_scope(database_url) as session:
        for number, (text, published) in enumerate(documents):
            enqueue(session, ArticleInput(text=text, published=published, origin=f"load {number}"), "bench")

    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url, TIMELINE_PORT=str(port), TIMELINE_INLINE_JOBS="0",
               TIMELINE_WEB_WORKERS=str(web_workers))
    timeline = [sys.executable, "-m", "app.cli"]
    web = subprocess.Popen(timeline + ["serve"], env=env, cwd=PROJECT_ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    worker = subprocess.Popen(timeline + ["worker"], env=env, cwd=PROJECT_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % ", ".join(f'"{p}"' for p in PATHS))
        result = subprocess.run(
            ["wrk", f"-t{min(4, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
             "--timeout", "10s", "-s", script.name, base],
            capture_output=True, text=True, timeout=seconds + 60,
        )
        figures = parse_wrk(result.stdout)
        figures["load_seconds"] = seconds
        figures["load_connections"] = connections
        figures["load_web_workers"] = web_workers
        figures["web_peak_rss_mb"] = peak_rss_mb(web.pid)
        figures["worker_peak_rss_mb"] = peak_rss_mb(worker.pid)
        with session_scope(database_url) as session:
            from sqlalchemy import func, select

            from app.models import IngestionJob

            done = session.execute(select(func.count()).select_from(IngestionJob)
                                   .where(IngestionJob.status == "done", IngestionJob.created_by == "bench")).scalar_one()
        figures["load_jobs_done_during_run"] = done
        return figures
    finally:
        for process in (web, worker):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
