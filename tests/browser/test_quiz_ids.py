"""Ids that used to collide, in Chromium: every label picks its own answer, in its own quiz."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageLog, build_plugin_site
from tests.browser.quiz_driver import QuizDriver

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def collisions_url(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    return serve(build_plugin_site("collisions", tmp_path_factory.mktemp("collisions")))


def test_each_label_answers_its_own_question(page: Page, collisions_url: str) -> None:
    log = PageLog(page, collisions_url)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{collisions_url}/pages/all-of-them.html")
    answers = [
        ("quiz-a", {"a": "b-c", "a-b": "d", "title": "y"}, "Calm"),
        ("quiz-a-b", {"a": "help", "a-b": "d", "title": "x"}, "Rest"),
        ("quiz2-a", {"a": "help", "a-b": "c", "title": "x"}, "Calm"),
    ]
    for prefix, given, outcome in answers:
        quiz = QuizDriver(page, prefix)
        expect(quiz.progress).to_be_visible()
        assert quiz.take_by_mouse(given) == ["a", "a-b", "title"]
        expect(quiz.result).to_be_visible()
        assert quiz.outcome_title() == outcome
    log.assert_clean()
