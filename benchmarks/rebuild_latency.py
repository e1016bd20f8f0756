"""make serve's rebuild latency on the real site: from saving a Markdown file, or the quiz YAML,
to the rebuilt page being served."""

from __future__ import annotations

import time
from pathlib import Path

from tests.dev_server import running_dev_server

from .stats import Spread

__all__ = ["measure_rebuild_latency"]


def measure_rebuild_latency(work: Path, runs: int) -> dict[str, Spread]:
    """Start `make serve`'s server on a copy of the project in ``work`` and edit under it."""
    results: dict[str, Spread] = {}
    work.mkdir(parents=True, exist_ok=True)
    with running_dev_server(work) as server:
        site = server.root
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
                # Polled every 10 ms: the figure is a fraction of a second.
                latencies.append(server.wait_for_page(page, marker, name, every=0.01) - saved)
                time.sleep(0.3)
            path.write_text(original, encoding="utf-8")
            server.wait_for_page(page, line.split(": ", 1)[1], f"{name} restored")
            results[name] = Spread.of(latencies)
    return results
