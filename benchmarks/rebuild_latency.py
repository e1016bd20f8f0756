"""make serve's rebuild latency on the real site: from saving a Markdown file, or the quiz YAML,
to the rebuilt page being served."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .stats import Spread

__all__ = ["measure_rebuild_latency"]

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(url: str, text: str, timeout: float = 30) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in _page(url):
            return time.perf_counter()
        time.sleep(0.01)
    raise RuntimeError(f"{url} never showed {text!r}")


def measure_rebuild_latency(site: Path, runs: int) -> dict[str, Spread]:
    """``site`` is a copy of the project (content, theme, plugins, tools, settings)."""
    port = _free_port()
    log = (site / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "tools.serve", "--port", str(port)],
        cwd=site,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    edits = {
        "Markdown article": (
            site / "content" / "articles" / "give-it-time.md",
            "title: Give it time and space",
            "give-it-time.html",
        ),
        "quiz YAML": (
            site / "content" / "quizzes" / "ready-to-reach-out.yaml",
            "title: Are you ready to reach out?",
            "quiz.html",
        ),
    }
    results: dict[str, Spread] = {}
    try:
        _wait(f"{base}/index.html", "<html", 60)
        for name, (path, line, page) in edits.items():
            original = path.read_text(encoding="utf-8")
            latencies = []
            for run in range(runs):
                marker = f"Edited {name.split()[0]} {run}"
                path.write_text(original.replace(line, f"{line} {marker}"), encoding="utf-8")
                saved = time.perf_counter()
                latencies.append(_wait(f"{base}/{page}", marker) - saved)
                time.sleep(0.3)
            path.write_text(original, encoding="utf-8")
            _wait(f"{base}/{page}", line.split(": ", 1)[1])
            results[name] = Spread.of(latencies)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    return results
