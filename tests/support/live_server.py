"""The app served over real HTTP by uvicorn, in a background thread of the test process.

Chromium needs a real address to open, and so does Schemathesis's command line; starting the
server, waiting until it answers and stopping it is the same for all of them, so it lives here
rather than in each test module.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

# Answers only once the app has started and reached its database: a test that begins after this
# does not race the server's start-up.
READY_PATH = "/api/health"
START_TIMEOUT = 20.0  # seconds; generous, as the machine may be busy with other tests


def free_port() -> int:
    """A local port nobody listens on at this moment (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve an ASGI app on 127.0.0.1 for the duration of the `with` block, which gets the base
    URL. The test fails, rather than running against nothing, if the server does not answer
    READY_PATH in time; the server stops when the block ends, even if it raised."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"live-server-{port}", daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base_url, thread)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _wait_until_ready(base_url: str, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            if httpx.get(base_url + READY_PATH, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"the live server did not answer {READY_PATH} on {base_url}")
        time.sleep(0.05)
