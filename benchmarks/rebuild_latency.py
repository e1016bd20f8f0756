"""make serve's rebuild latency on the real site: from saving a Markdown file, or the quiz YAML,
to the rebuilt page being served."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

from tests.dev_server import running_dev_server

from .stats import Spread

__all__ = ["measure_rebuild_latency"]


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


def measure_rebuild_latency(work: Path, runs: int) -> dict[str, Spread]:
    """Start `make serve`'s server on a copy of the project in ``work`` and edit under it."""
    results: dict[str, Spread] = {}
    work.mkdir(parents=True, exist_ok=True)
    with running_dev_server(work) as server:
        site, base = server.root, f"http://127.0.0.1:{server.port}"
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
    return results
