"""`make serve` in Chromium: saving a file reloads the open page by itself, under the dev
Content-Security-Policy (the livereload script and its websocket are allowed, nothing else)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageLog
from tests.dev_server import DevServer, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_saving_a_file_reloads_the_open_page(page: Page, dev_server: DevServer) -> None:
    origin = f"http://127.0.0.1:{dev_server.port}"
    log = PageLog(page, origin)
    log.foreign_allowed = (f"ws://127.0.0.1:{dev_server.port}/",)
    page.goto(f"{origin}/give-it-time.html")
    wait_for(lambda: "Browser Connected" in dev_server.log_text(), "the page's websocket")
    # livereload ignores changes in the first 3 s after it starts (its reload debounce); an
    # author saves later than that.
    time.sleep(max(0.0, dev_server.started + 3.2 - time.monotonic()))
    article = dev_server.root / "content" / "articles" / "give-it-time.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("title: Give it time and space", "title: Give it room"))
    try:
        expect(page.locator("h1")).to_have_text("Give it room", timeout=30_000)
    except AssertionError as error:
        raise AssertionError(f"no reload; the server said:\n{dev_server.log_text()}") from error
    log.assert_clean()
