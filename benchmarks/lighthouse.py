"""Lighthouse 12.2.3 (npm, pinned in benchmarks/lighthouse/package.json) with the system
Chromium: mobile settings (its default), the four category scores per page."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from tools.chromium import CHROMIUM_FLAGS, chromium_path

__all__ = ["CATEGORIES", "lighthouse_available", "run_lighthouse"]

HERE = Path(__file__).parent / "lighthouse"
BINARY = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_available() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not BINARY.exists():
        return "Lighthouse is not installed (make bench runs npm ci in benchmarks/lighthouse)"
    if not chromium_path():
        return "Chromium is not installed"
    return None


def run_lighthouse(url: str) -> dict[str, int]:
    chrome = chromium_path() or ""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(BINARY),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "CHROME_PATH": chrome},
            timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
