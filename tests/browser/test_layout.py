"""What a careful reader sees of the layout, measured in Chromium: the header on a phone, the
columns in line, the space above the kicker, one search box, the nav marking the page, scale
questions in one line or one column, heading links on hover only, and the quiz on paper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.quiz_driver import QuizDriver
from tests.conftest import Site

pytestmark = pytest.mark.browser
PREFIX = "quiz-ready-to-reach-out"


@pytest.fixture(scope="module")
def site_url(real_site: Site, serve: Callable[[Path], str]) -> str:
    return serve(real_site.output)


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return dict(box)


def test_on_a_phone_the_header_is_short_and_question_1_starts_high(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site_url}/quiz.html")
    assert _box(page, ".site-header")["height"] <= 100
    # The first question starts in the top half of the screen.
    assert _box(page, f"#{PREFIX}--q-view")["y"] < 400
    expect(page.get_by_role("link", name="Search")).to_be_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_header_main_and_footer_share_one_column(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}/give-it-time.html")
    lefts = {round(_box(page, f"{part} .wrap")["x"]) for part in ("header", "main", "footer")}
    assert len(lefts) == 1, lefts
    # The kicker is not crammed under the header.
    gap = _box(page, ".kicker")["y"] - (
        _box(page, ".site-header")["y"] + _box(page, ".site-header")["height"]
    )
    assert gap >= 24


def test_the_search_page_has_one_search_box(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/search.html")
    expect(page.get_by_role("searchbox")).to_have_count(1)


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("", "Advice"),
        ("quiz.html", "Take the quiz"),
        ("about.html", "About"),
        ("search.html", "Search"),
    ],
)
def test_the_nav_marks_the_page_you_are_on(
    page: Page, site_url: str, path: str, current: str
) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site_url}/{path}")
    marked = page.locator("nav[aria-label='Site'] [aria-current='page']")
    expect(marked).to_have_text([current])


@pytest.mark.parametrize("width", [375, 1280])
def test_a_scale_reads_as_one_line_or_one_column(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}/quiz.html")
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse({"view": "brave", "since": "weeks"}, stop_at="comfort")
    inputs = [b for b in (quiz.current().locator("input").all()) if b.bounding_box()]
    xs = {round(b.bounding_box()["x"]) for b in inputs}  # type: ignore[index]
    ys = {round(b.bounding_box()["y"]) for b in inputs}  # type: ignore[index]
    assert len(inputs) == 3
    assert len(xs) == 1 or len(ys) == 1, (xs, ys)  # never a grid of two columns
    if width == 1280:
        assert len(ys) == 1  # room for one line


def test_a_heading_link_shows_only_on_hover_or_focus(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/give-it-time.html")
    link = page.locator("#how-long-to-wait .permalink")
    opacity = "e => getComputedStyle(e).opacity"
    assert link.evaluate(opacity) == "0"
    page.locator("#how-long-to-wait").hover()
    page.wait_for_timeout(50)
    assert link.evaluate(opacity) == "1"


def test_printing_the_quiz_prints_the_result_and_the_answers(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/quiz.html")
    page.emulate_media(media="print")
    quiz = QuizDriver(page, PREFIX)
    # Before a result: the whole form, every question.
    expect(page.locator(f"#{PREFIX} .quiz-question")).to_have_count(7)
    for fieldset in page.locator(f"#{PREFIX} .quiz-question").all():
        expect(fieldset).to_be_visible()
    expect(quiz.next).to_be_hidden()
    page.emulate_media(media="screen")
    quiz.take_by_mouse(
        {
            "view": "brave",
            "since": "weeks",
            "comfort": "fine",
            "changed": ["usual"],
            "replay": "rarely",
            "treat": "friendly",
            "want": "friends",
        }
    )
    page.emulate_media(media="print")
    expect(quiz.result).to_be_visible()
    # Then the result first, and below it the questions as answered.
    result_y = _box(page, "[data-quiz-result]")["y"]
    first_question_y = _box(page, f"#{PREFIX}--q-view")["y"]
    assert result_y < first_question_y
    expect(page.locator(f"#{PREFIX}--q-view--o-brave")).to_be_checked()
    expect(page.locator(f"#{PREFIX} .quiz-actions")).to_be_hidden()
    expect(page.locator(f"#{PREFIX}--how")).to_be_hidden()
