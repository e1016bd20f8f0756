"""Every built page in Chromium, light and dark, phone and desktop: no axe (WCAG 2.0-2.2 A/AA)
violation, no request to another host, no console error, no cookie, no storage. The quiz page is
checked again after finishing the quiz, the search page with results. Plus a 320 px layout
without sideways scrolling and a keyboard walk through the index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import PageLog
from tests.browser.quiz_driver import QuizDriver, axe_violations
from tests.conftest import Site

pytestmark = pytest.mark.browser

FINISH_QUIZ = "quiz.html (finished)"
SEARCHED = "search.html?q=friend"


@pytest.fixture(scope="session")
def site_url(real_site: Site, serve: Callable[[Path], str]) -> str:
    return serve(real_site.output)


def every_page(site: Site) -> list[str]:
    """Each HTML page of the build, then the states a reader brings pages into."""
    pages = sorted(
        p.relative_to(site.output).as_posix()
        for p in site.html_files()
        if not p.relative_to(site.output).as_posix().startswith("pagefind/")
    )
    return [*pages, FINISH_QUIZ, SEARCHED]


def open_page(page: Page, url: str, name: str) -> None:
    if name == FINISH_QUIZ:
        page.goto(f"{url}/quiz.html")
        quiz = QuizDriver(page, "quiz-ready-to-reach-out")
        quiz.take_by_mouse(
            {
                "view": "brave",
                "since": "weeks",
                "comfort": "fine",
                "changed": ["usual"],
                "replay": "sometimes",
                "treat": "polite",
                "want": "friends",
            }
        )
    else:
        page.goto(f"{url}/{name}")
        if name == SEARCHED:
            page.locator("[data-search-results] li").first.wait_for()


@pytest.fixture
def context_for(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    contexts: list[BrowserContext] = []

    def make(**options: object) -> BrowserContext:
        contexts.append(browser.new_context(**options))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_is_accessible_and_private(
    real_site: Site,
    site_url: str,
    context_for: Callable[..., BrowserContext],
    scheme: str,
    width: int,
) -> None:
    context = context_for(viewport={"width": width, "height": 800}, color_scheme=scheme)
    problems: dict[str, list[str]] = {}
    pages = every_page(real_site)
    assert len(pages) > 20
    for name in pages:
        page = context.new_page()
        log = PageLog(page, site_url)
        open_page(page, site_url, name)
        found = axe_violations(page)
        if name.startswith("404"):
            log.errors = [e for e in log.errors if "404" not in e]
        found += [f"request elsewhere: {u}" for u in log.foreign]
        found += [f"console {e}" for e in log.errors]
        if page.evaluate("localStorage.length + sessionStorage.length"):
            found.append("something was stored")
        if found:
            problems[name] = found
        page.close()
    assert context.cookies() == []
    assert problems == {}


def test_nothing_overflows_sideways_at_320_px(
    real_site: Site, site_url: str, context_for: Callable[..., BrowserContext]
) -> None:
    context = context_for(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for name in every_page(real_site):
        open_page(page, site_url, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[name] = width
    assert wide == {}


FOCUS_STYLE = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return {
    tag: el.tagName, href: el.getAttribute('href'), text: el.textContent.trim().slice(0, 40),
    visible: outlined || s.boxShadow !== 'none',
  };
}"""


def test_keyboard_walk_reaches_every_link_with_visible_focus(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/index.html")
    # Every link a reader can see (the phone's search link is not shown on a desktop).
    links = set(
        page.eval_on_selector_all(
            "a[href]", "xs => xs.filter(x => x.checkVisibility()).map(x => x.getAttribute('href'))"
        )
    )
    reached: set[str] = set()
    invisible = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["tag"] == "BODY":
            break
        if not focused["visible"]:
            invisible.append(focused)
        if focused["href"] is not None:
            reached.add(focused["href"])
    assert invisible == []
    assert links - reached == set()
    assert "/quiz.html" in reached
