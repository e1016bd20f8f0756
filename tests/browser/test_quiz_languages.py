"""In Chromium: the French page of a two-language site (plugins/pelican-quiz/tests/sites/
languages) shows no English word in its quiz, before the widget runs (the no-JS form), while
it is taken, and on its result; the English page of the same site stays English."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pelican.plugins.quiz.strings import DEFAULT_STRINGS
from playwright.sync_api import Page, expect

from tests.browser.conftest import build_plugin_site
from tests.browser.quiz_driver import QuizDriver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# English words of the interface, less those French shares.
ENGLISH = {w.lower() for t in DEFAULT_STRINGS.values() for w in re.findall(r"[A-Za-z]{3,}", t)}
ENGLISH -= {
    "question",
    "questions",
    "points",
    "quiz",
    "min",
    "max",
    "label",
    "labels",
    "score",
    "total",
    "title",
    "condition",
    "conditions",
    "choices",
    "text",
    "low",
    "high",
}


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    return serve(build_plugin_site("languages", tmp_path_factory.mktemp("languages")))


def _english_in(page: Page, selector: str) -> list[str]:
    # What is shown, and every text the quiz holds, hidden or not (its data script aside).
    text = str(
        page.locator(selector).evaluate(
            "(e) => { const c = e.cloneNode(true); c.querySelectorAll('script').forEach("
            "(s) => s.remove()); return e.innerText + ' ' + c.textContent; }"
        )
    )
    return sorted(w for w in ENGLISH if re.search(rf"\b{w}\b", text, re.I))


def test_the_french_quiz_has_no_english_word_with_or_without_javascript(
    page: Page, origin: str
) -> None:
    page.goto(f"{origin}/the-quiz-fr.html")
    quiz = QuizDriver(page, "quiz-mini-fr")
    expect(quiz.progress).to_have_text("Question 1 sur 2 au plus")
    assert _english_in(page, "#quiz-mini-fr") == []
    quiz.take_by_mouse({"feel": "bad", "why": ["sad"]})
    expect(quiz.result).to_be_visible()
    assert quiz.outcome_title() == "D’abord se reposer"
    assert _english_in(page, "#quiz-mini-fr") == []

    without_js = page.context.browser.new_context(java_script_enabled=False).new_page()
    without_js.goto(f"{origin}/the-quiz-fr.html")
    assert _english_in(without_js, "#quiz-mini-fr") == []
    without_js.context.close()


def test_the_english_page_of_the_same_site_stays_english(page: Page, origin: str) -> None:
    page.goto(f"{origin}/the-quiz.html")
    quiz = QuizDriver(page, "quiz-mini")
    expect(quiz.next).to_have_text("Next")
    expect(quiz.progress).to_contain_text("Question 1 of")
