"""Ingestion yields the CPU to readers: it runs at a lower scheduling priority.

Extraction (spaCy and the pipeline) keeps a core busy for as long as there are articles; on the
small servers this app is meant for, the web processes share those cores, and a reader's request
would wait behind it (8 readers' p95 went from 47 ms to 532 ms during a 300-article ingest). A
niced process gets the CPU only when nothing of normal priority wants it, so reads stay fast and
ingestion uses what they leave (it takes longer while readers are busy, no longer when idle).

`timeline ingest`, `timeline worker` and `timeline reextract` lower their own priority when they
start; the web process lowers only its inline-jobs thread (Linux keeps a niceness per thread).
TIMELINE_INGEST_NICENESS sets how much (default 10; 0 leaves the priority alone).

Linux with automatic process groups (`/proc/sys/kernel/sched_autogroup_enabled`, on in most
distributions) shares the CPU between sessions first and applies a process's niceness only among
the processes of its own session. A worker started as a service leads a session of its own, as
the web server does, so its niceness alone would change nothing against the web processes: such a
process also lowers its session's group (`/proc/self/autogroup`), which holds only itself and its
children. A `timeline ingest` typed in a terminal shares the terminal's session and leaves that
group alone (it would slow everything else started from the terminal).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

log = logging.getLogger(__name__)

AUTOGROUP = Path("/proc/self/autogroup")

_lowered = threading.local()


def lower_process_priority(niceness: int) -> None:
    """Lower this process's priority by `niceness` (threads started later inherit it), and its
    session's scheduling group when the process leads that session."""
    if niceness <= 0 or not hasattr(os, "nice"):
        return
    try:
        os.nice(niceness)
    except OSError:  # not allowed here: run at normal priority rather than not at all
        log.warning("could not lower the ingestion priority", exc_info=True)
        return
    if os.getsid(0) == os.getpid() and AUTOGROUP.exists():
        _lower_autogroup(niceness)


def autogroup_niceness(text: str) -> int | None:
    """The niceness in a `/proc/PID/autogroup` file ("/autogroup-42 nice 0"), or None where the
    kernel leaves it empty or writes another format (sandboxed kernels, autogroups switched off)."""
    found = re.search(r"\bnice\s+(-?\d+)", text)
    return int(found.group(1)) if found else None


def _lower_autogroup(niceness: int) -> None:
    try:
        current = autogroup_niceness(AUTOGROUP.read_text())
        if current is None:  # no scheduling group to lower here: the niceness alone does the job
            return
        AUTOGROUP.write_text(str(min(19, current + niceness)))
    except OSError:  # not allowed: niceness alone
        log.warning("could not lower the ingestion session's scheduling group", exc_info=True)


def lower_thread_priority(niceness: int) -> None:
    """Lower the calling thread's priority by `niceness`, once per thread (the inline-jobs thread
    of a web process, which must not slow down the threads that answer requests)."""
    if niceness <= 0 or getattr(_lowered, "done", False) or not hasattr(os, "setpriority"):
        return
    _lowered.done = True
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + niceness))
    except OSError:
        log.warning("could not lower the inline jobs' priority", exc_info=True)
