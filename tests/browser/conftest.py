"""Real-browser fixtures: Playwright drives the system Chromium over a loopback HTTP server."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request

from tests.conftest import ROOT, require_tool
from tools.chromium import CHROMIUM_FLAGS, chromium_path

PLUGIN_SITES = ROOT / "plugins" / "pelican-quiz" / "tests" / "sites"
PELICAN = [sys.executable, "-m", "pelican"]


def build_plugin_site(name: str, where: Path, *pelican_args: str) -> Path:
    """Build the pelican-quiz test site ``name`` (a copy, in ``where``) with the ``pelican``
    command and ``pelican_args``; the output folder."""
    site = where / "site"
    shutil.copytree(PLUGIN_SITES / name, site)
    run = subprocess.run(
        [*PELICAN, "content", "-s", "pelicanconf.py", "-o", "out", *pelican_args],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return site / "out"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    executable = require_tool(chromium_path(), "Chromium (Debian package 'chromium')")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


class PageLog:
    """What a page did that a reader would not want: requests elsewhere, console errors."""

    def __init__(self, page: Page, origin: str):
        self.origin = origin
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.foreign_allowed: tuple[str, ...] = ()  # e.g. the dev server's websocket
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _request(self, request: Request) -> None:
        url = request.url
        if not url.startswith((self.origin + "/", "data:", *self.foreign_allowed)):
            self.foreign.append(url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def assert_clean(self) -> None:
        assert self.foreign == [], f"requests outside {self.origin}: {self.foreign}"
        assert self.errors == [], f"console: {self.errors}"
