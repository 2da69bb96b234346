"""Ingestion yields the CPU to readers: a real `timeline worker` process runs at a lower priority
(and, leading its own session as a service does, with its session's scheduling group lowered), and
the web process lowers only its inline-jobs thread, never the threads that answer requests."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT, Settings
from app.ingest.priority import autogroup_niceness, lower_thread_priority

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def niceness_of(pid: int) -> int:
    # /proc/PID/stat: the command name is in parentheses and may hold spaces; nice is field 19.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[16])


def autogroup_nice(pid: int) -> int | None:
    """None where the kernel has no readable scheduling group for the process (some sandboxed
    kernels leave the file empty): the tests then check the niceness alone."""
    path = Path(f"/proc/{pid}/autogroup")
    return autogroup_niceness(path.read_text()) if path.exists() else None


def started_worker(tmp_path: Path, niceness: str | None, own_session: bool) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["TIMELINE_DATA_DIR"] = str(tmp_path)
    env.pop("TIMELINE_INGEST_NICENESS", None)
    if niceness is not None:
        env["TIMELINE_INGEST_NICENESS"] = niceness
    return subprocess.Popen([sys.executable, "-m", "app.cli", "worker", "--name", "priority-test"],
                            env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=own_session)


def open_files(pid: int) -> set[str]:
    """What the process has open now. A descriptor may close between listing the directory and
    reading its link (the worker opens and closes files while it starts): that one is skipped."""
    targets = set()
    try:
        links = list(Path(f"/proc/{pid}/fd").iterdir())
    except FileNotFoundError:  # the process has exited; the caller's poll() says so next
        return targets
    for link in links:
        try:
            targets.add(os.readlink(link))
        except FileNotFoundError:
            continue
    return targets


def settled(worker: subprocess.Popen) -> None:
    """Wait until the worker has migrated its database and is polling the queue (its priority is
    set before that), so /proc shows what it runs at."""
    deadline = time.monotonic() + 120
    database = None
    while time.monotonic() < deadline and worker.poll() is None:
        database = next((target for target in open_files(worker.pid) if target.endswith(".db")), None)
        if database:
            return
        time.sleep(0.2)
    raise AssertionError(f"the worker never opened its database: {worker.stderr.read().decode()[-2000:]}")


def lowered_by(niceness: int) -> int:
    """This process's niceness lowered by `niceness`, as the kernel applies it: it stops at 19, so
    a test run that is itself niced (a CI runner at 10, say) expects the cap, not 20."""
    return min(19, niceness_of(os.getpid()) + niceness)


def stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def test_a_worker_in_its_own_session_lowers_itself_and_its_session(tmp_path):
    worker = started_worker(tmp_path, None, own_session=True)
    try:
        settled(worker)
        assert niceness_of(worker.pid) == lowered_by(Settings.from_env({}).ingest_niceness)
        if autogroup_nice(worker.pid) is not None:
            # Linux shares the CPU between sessions first: the worker's session weighs less too.
            assert autogroup_nice(worker.pid) == min(19, Settings.from_env({}).ingest_niceness)
    finally:
        stop(worker)


def test_a_worker_started_from_a_terminal_leaves_the_terminals_session_alone(tmp_path):
    before = autogroup_nice(os.getpid())
    worker = started_worker(tmp_path, "5", own_session=False)
    try:
        settled(worker)
        assert niceness_of(worker.pid) == lowered_by(5)
        assert autogroup_nice(worker.pid) == before == autogroup_nice(os.getpid())
    finally:
        stop(worker)


def test_niceness_zero_leaves_the_priority_alone(tmp_path):
    worker = started_worker(tmp_path, "0", own_session=True)
    try:
        settled(worker)
        assert niceness_of(worker.pid) == niceness_of(os.getpid())
        if autogroup_nice(worker.pid) is not None:
            assert autogroup_nice(worker.pid) == 0
    finally:
        stop(worker)


def test_the_scheduling_group_file_is_read_in_every_format_the_kernel_writes():
    assert autogroup_niceness("/autogroup-60216 nice 0\n") == 0
    assert autogroup_niceness("/autogroup-7 nice -5\n") == -5
    assert autogroup_niceness("/autogroup-7 nice 19") == 19
    assert autogroup_niceness("") is None
    assert autogroup_niceness("/autogroup-7\n") is None


def test_the_inline_jobs_thread_is_lowered_and_request_threads_are_not():
    seen = {}

    def inline_jobs_thread():
        lower_thread_priority(7)
        lower_thread_priority(7)  # once per thread, however often a job loop starts
        seen["jobs"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def request_thread():
        seen["request"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    base = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    for target in (inline_jobs_thread, request_thread):
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    assert seen == {"jobs": min(19, base + 7), "request": base}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == base


def test_the_setting_is_read_from_the_environment_and_kept_in_range():
    assert Settings.from_env({}).ingest_niceness == 10
    assert Settings.from_env({"TIMELINE_INGEST_NICENESS": "0"}).ingest_niceness == 0
    assert Settings.from_env({"TIMELINE_INGEST_NICENESS": "40"}).ingest_niceness == 19
    assert Settings.from_env({"TIMELINE_INGEST_NICENESS": "-5"}).ingest_niceness == 0
