"""`make serve`'s server, for real: start it on a copy of the site, edit files, watch it rebuild."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_site_source
from tools.livereload_csp import LIVERELOAD_SCRIPT

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class DevServer:
    def __init__(self, root: Path, port: int, log: Path, process: subprocess.Popen[bytes]):
        self.root, self.port, self.log, self.process = root, port, log, process

    def page(self, name: str) -> str:
        return fetch(f"http://127.0.0.1:{self.port}/{name}")

    def wait_for_page(self, name: str, text: str, what: str) -> None:
        wait_for(lambda: text in self.page(name), what)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[DevServer]:
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
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serves_with_the_livereload_script_the_policy_allows(dev_server: DevServer) -> None:
    html = dev_server.page("give-it-time.html")
    inline = re.findall(r"<script type=\"text/javascript\">(.*?)</script>", html, re.S)
    assert inline == [LIVERELOAD_SCRIPT]
    assert "LiveReload" in dev_server.page(f"livereload.js?port={dev_server.port}")


def test_edit_rebuilds_broken_file_keeps_last_good_site(dev_server: DevServer) -> None:
    article = dev_server.root / "content" / "articles" / "give-it-time.md"
    edit(article, "There is no exact number.", "There is no exact number, truly.")
    dev_server.wait_for_page(
        "give-it-time.html", "no exact number, truly.", "the edited article to be served"
    )

    edit(article, "title: Give it time and space", "title: Give it time and space\ntitle: twice")
    wait_for(lambda: "duplicate key 'title'" in dev_server.log_text(), "the build error")
    assert "content/articles/give-it-time.md:3:1: duplicate key 'title'" in dev_server.log_text()
    assert "Traceback" not in dev_server.log_text()
    assert "no exact number, truly." in dev_server.page("give-it-time.html")
    assert dev_server.process.poll() is None

    edit(article, "title: Give it time and space\ntitle: twice", "title: Give it time, gently")
    dev_server.wait_for_page(
        "give-it-time.html", "Give it time, gently", "the fixed article to be served"
    )


def test_plugin_code_change_takes_effect(dev_server: DevServer) -> None:
    headings = dev_server.root / "plugins" / "mdit_reader" / "headings.py"
    edit(headings, '<a class="permalink"', '<a class="permalink edited"')
    dev_server.wait_for_page(
        "let-it-go.html", 'class="permalink edited"', "the plugin change to show"
    )
