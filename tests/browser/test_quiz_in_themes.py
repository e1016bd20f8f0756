"""The quiz keeps its layout under third-party themes (vendored, with their licences, in
plugins/pelican-quiz/tests/third_party/themes/) and Pelican's notmyidea, at a phone's width and a
desktop's: Back and Next side by side in reading order, the question box whole around its
legend, "How the result is worked out" showing its marker, and focus visible by keyboard on
the answers and the buttons.

Real sites, item 6: Bootstrap's legend rules (Elegant) broke the question box's top border;
attila made the buttons full-width blocks with Back above Next and hid the marker; on light
themes the focus ring sat on the button's own border; notmyidea's reset removed focus from
radios."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import build_plugin_site
from tests.browser.quiz_driver import QuizDriver
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PLUGIN_TESTS = ROOT / "plugins" / "pelican-quiz" / "tests"
VENDORED = PLUGIN_TESTS / "third_party" / "themes"
# Theme, and settings beyond the quickstart site's (attila's templates read the *_URL ones).
THEMES: dict[str, tuple[str, list[str]]] = {
    "flex": (str(VENDORED / "flex"), []),
    "flex-dark": (str(VENDORED / "flex"), ['THEME_COLOR="dark"']),
    "attila": (str(VENDORED / "attila"), []),
    "elegant": (str(VENDORED / "elegant"), []),
    "notmyidea": ("notmyidea", []),
}
URLS = [
    'TAGS_URL="tags.html"',
    'CATEGORIES_URL="categories.html"',
    'ARCHIVES_URL="archives.html"',
    'AUTHORS_URL="authors.html"',
]
WIDTHS = [375, 1280]


@pytest.fixture(scope="module")
def theme_sites(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]
) -> Callable[[str], str]:
    built: dict[str, str] = {}

    def url(theme: str) -> str:
        if theme not in built:
            path, settings = THEMES[theme]
            where = tmp_path_factory.mktemp(theme)
            out = build_plugin_site("quickstart", where, "-t", path, "-e", *URLS, *settings)
            built[theme] = serve(out)
        return built[theme]

    return url


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, "not shown"
    return box


def _style(locator: Locator, name: str) -> str:
    return str(locator.evaluate(f"(e) => getComputedStyle(e).{name}"))


def _focus_ring_shows(page: Page) -> None:
    """The focused element draws an outline of 2 px or more, apart from its own border."""
    # A theme may animate the ring in (attila's transition: all): measure where it ends.
    ring = page.evaluate(
        "() => { document.activeElement.getAnimations().forEach((a) => a.finish());"
        " const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), parseFloat(s.outlineOffset)]; }"
    )
    style, width, offset = ring
    assert style != "none" and width >= 2, f"no focus ring: {ring}"
    assert offset >= 1, f"the ring sits on the element's own border: {ring}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_the_quiz_keeps_its_layout_and_focus_under_the_theme(
    page: Page, theme_sites: Callable[[str], str], theme: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.route(
        "**/*",
        lambda route: (
            route.abort()
            if not route.request.url.startswith(theme_sites(theme))
            else route.continue_()
        ),
    )  # the themes' web fonts and CDNs: offline
    page.goto(f"{theme_sites(theme)}/pages/quiz-markdown.html")
    quiz = QuizDriver(page, "quiz-mini")
    expect(quiz.progress).to_be_visible()

    # The question box is whole: its border runs on both sides of the legend.
    fieldset = quiz.current()
    legend = fieldset.locator("legend")
    assert _style(fieldset, "borderTopStyle") != "none"
    assert float(_style(fieldset, "borderTopWidth").removesuffix("px")) >= 1
    box, title = _box(fieldset), _box(legend)
    assert title["x"] > box["x"] + 4 and title["x"] + title["width"] < box["x"] + box["width"] - 4
    assert abs(title["y"] + title["height"] / 2 - box["y"]) < title["height"], (
        "legend off the border"
    )

    # Focus by keyboard: the first answer, then (past the others) Next.
    quiz.tab_into_quiz()
    assert page.evaluate("() => document.activeElement.type") == "radio"
    _focus_ring_shows(page)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('[data-quiz-next]')")
    _focus_ring_shows(page)
    page.keyboard.press("Enter")

    # Question 2: Back and Next side by side, Back first, neither a full-width block.
    expect(quiz.back).to_be_visible()
    back, next_ = _box(quiz.back), _box(quiz.next)
    assert abs(back["y"] - next_["y"]) < 2, (back, next_)
    assert back["x"] + back["width"] <= next_["x"], (back, next_)
    assert next_["width"] < width / 2
    assert quiz.root.evaluate(
        "(q) => { const b = [...q.querySelectorAll('[data-quiz-back], [data-quiz-next]')];"
        " return b[0].matches('[data-quiz-back]'); }"
    )

    # The explanation's disclosure marker shows.
    summary = quiz.root.locator(".quiz-how > summary")
    assert _style(summary, "display") == "list-item"
    assert _style(summary, "listStyleType") != "none"
