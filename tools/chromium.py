"""The system Chromium, as the tests and the benchmarks start it (Playwright's own browser
download cannot work on our machines: Debian's chromium package is used instead)."""

from __future__ import annotations

import os
import shutil

__all__ = ["CHROMIUM_FLAGS", "chromium_path"]

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """$CHROMIUM_PATH, else a ``chromium`` on PATH, else None."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
