"""Page weight of the production build, per page type, as Chromium loads it: bytes of HTML,
CSS and JS (raw and gzip -9) and the number of requests; plus the budget checks."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tools.chromium import CHROMIUM_FLAGS, chromium_path

__all__ = ["ANCHORS", "PAGES", "Budget", "PageWeight", "check_budgets", "measure_pages"]

# Page type -> the address loaded (the search page with a query, as a reader uses it).
PAGES = {
    "index": "",
    "article": "reach-out.html",
    "quiz page": "quiz.html",
    "404": "404.html",
    "search": "search.html?q=friend",
}
# Measured anchors quoted in the benchmarks issue: JS+CSS gzipped a reader downloads.
ANCHORS = {
    "mkdocs-quiz (every page)": 13.8 * 1024,
    "quizdown-js": 90 * 1024,
    "SurveyJS": 380 * 1024,
}
KINDS = {".html": "html", ".css": "css", ".js": "js"}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


@dataclass
class PageWeight:
    name: str
    path: str
    requests: list[str] = field(default_factory=list)
    raw: dict[str, int] = field(default_factory=dict)  # kind -> bytes
    gzipped: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, data: bytes) -> None:
        self.raw[kind] = self.raw.get(kind, 0) + len(data)
        self.gzipped[kind] = self.gzipped.get(kind, 0) + gz(data)

    @property
    def critical_gz(self) -> int:
        return self.gzipped.get("html", 0) + self.gzipped.get("css", 0)


def _file_for(site: Path, url: str, base_path: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    if not path.startswith(base_path):
        return None
    local = site / path[len(base_path) :].lstrip("/")
    if local.is_dir():
        local = local / "index.html"
    return local if local.is_file() else None


def measure_pages(
    site: Path, base_url: str, pages: dict[str, str], browser: Any = None
) -> list[PageWeight]:
    """Load each page in Chromium and weigh every file it fetched; ``browser`` is a running
    Playwright browser (the tests pass theirs), or the system Chromium is started."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            try:
                return measure_pages(site, base_url, pages, own)
            finally:
                own.close()
    base_path = urlsplit(base_url).path.rstrip("/") + "/"
    results = []
    for name, path in pages.items():
        page = browser.new_page()
        weight = PageWeight(name, path)
        page.on("request", lambda request, w=weight: w.requests.append(request.url))
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
        if "q=" in path:
            page.locator("[data-search-results] li").first.wait_for()
            page.wait_for_load_state("networkidle")
        for url in weight.requests:
            local = _file_for(site, url, base_path)
            if local is not None:
                weight.add(KINDS.get(local.suffix, "other"), local.read_bytes())
        results.append(weight)
        page.close()
    return results


@dataclass
class Budget:
    what: str
    measured: str
    limit: str
    ok: bool


def check_budgets(
    site: Path,
    weights: list[PageWeight],
    article_pages: list[str],
    base_url: str,
    browser: Any = None,
) -> list[Budget]:
    """The budgets of the page-weight issue, each with what was measured."""
    quiz_js = gz((site / "quiz" / "quiz.js").read_bytes())
    quiz_css = gz((site / "quiz" / "quiz.css").read_bytes())
    budgets = [
        Budget("quiz widget JS, gzipped", f"{quiz_js} B", "3,072 B", quiz_js <= 3072),
        Budget("quiz widget CSS, gzipped", f"{quiz_css} B", "1,536 B", quiz_css <= 1536),
    ]
    articles = measure_pages(site, base_url, {slug: slug for slug in article_pages}, browser)
    worst = max(articles, key=lambda w: w.critical_gz)
    budgets.append(
        Budget(
            f"article critical path, HTML+CSS gzipped (worst: {worst.name})",
            f"{worst.critical_gz:,} B",
            "14,336 B",
            worst.critical_gz <= 14336,
        )
    )
    scripted = [w.name for w in articles if w.raw.get("js")]
    budgets.append(
        Budget(
            "JavaScript on article pages without a quiz",
            ", ".join(scripted) or "none",
            "none",
            not scripted,
        )
    )
    with_quiz_assets = [
        w.name
        for w in [*weights, *articles]
        if w.name != "quiz page" and any("/quiz/quiz." in u for u in w.requests)
    ]
    budgets.append(
        Budget(
            "quiz bytes on pages without a quiz",
            ", ".join(with_quiz_assets) or "0 B",
            "0 B",
            not with_quiz_assets,
        )
    )
    return budgets
