"""`make serve`'s real server on a copy of the site, for tests that edit files under it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import copy_site_source


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(
    check: Callable[[], bool], what: str, timeout: float = 30, every: float = 0.2
) -> float:
    """Check every ``every`` seconds until ``check()`` holds; returns when it did
    (``time.perf_counter()``), so callers can time it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


class DevServer:
    def __init__(self, root: Path, port: int, log: Path, process: subprocess.Popen[bytes]):
        self.root, self.port, self.log, self.process = root, port, log, process
        self.started = time.monotonic()  # updated when the server answers

    def page(self, name: str) -> str:
        return fetch(f"http://127.0.0.1:{self.port}/{name}")

    def wait_for_page(self, name: str, text: str, what: str, every: float = 0.2) -> float:
        return wait_for(lambda: text in self.page(name), what, every=every)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_dev_server(tmp_path: Path) -> Iterator[DevServer]:
    root = copy_site_source(tmp_path / "site")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.serve", "--port", str(port)],
            cwd=root,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    server = DevServer(root, port, log, process)
    try:
        wait_for(lambda: "<html" in server.page("index.html"), "the first build", 60)
        server.started = time.monotonic()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
