"""The page-weight budgets of make bench hold: they are sizes, not times, so the suite checks
them too (quiz widget JS and CSS, article critical path, no JS or quiz bytes where not needed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

from benchmarks.page_weight import PAGES, check_budgets, measure_pages
from tests.conftest import ROOT, Site

pytestmark = pytest.mark.browser


def test_page_weight_budgets_hold(
    publish: Callable[[str], tuple[str, Site]], browser: Browser
) -> None:
    url, site = publish("")
    weights = measure_pages(site.output, url, PAGES, browser)
    assert [len(w.requests) for w in weights if w.name == "article"] == [3]
    articles = [p.stem + ".html" for p in (ROOT / "content" / "articles").glob("*.md")]
    budgets = check_budgets(site.output, weights, articles, url, browser)
    assert [b for b in budgets if not b.ok] == []
