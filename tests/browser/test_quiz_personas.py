"""The quiz taken as real people take it (tests/quiz/personas.yaml): each is sent where the
advice fits them, and whoever shows distress sees the support notice and its link to help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageLog
from tests.browser.quiz_driver import QuizDriver
from tests.conftest import ROOT, Site

pytestmark = pytest.mark.browser

PERSONAS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "quiz" / "personas.yaml").read_text(encoding="utf-8")
)
PREFIX = "quiz-ready-to-reach-out"


@pytest.fixture(scope="module")
def site_url(real_site: Site, serve: Callable[[Path], str]) -> str:
    return serve(real_site.output)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["name"] for p in PERSONAS])
def test_each_reader_is_sent_where_the_advice_fits(
    page: Page, site_url: str, persona: dict[str, Any]
) -> None:
    log = PageLog(page, site_url)
    page.add_init_script("addEventListener('quiz:complete', e => (window.completed = e.detail))")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site_url}/quiz.html")
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse(persona["answers"])
    assert page.evaluate("window.completed") == {"outcome": persona["expect"]}
    outcome = page.locator(f"#{PREFIX}--outcome-{persona['expect']} .quiz-outcome-title")
    expect(quiz.result.locator(".quiz-result-title")).to_have_text(outcome.text_content() or "")
    help_links = quiz.result.locator(".quiz-notice a[href$='/help.html']")
    expect(help_links).to_have_count(1 if persona["help"] else 0)
    if persona["help"]:
        # Nobody in distress is sent to the last piece ("Reach out").
        go = quiz.result.locator(".quiz-outcome-link").get_attribute("href") or ""
        assert "/reach-out.html" not in go
    text = quiz.result.inner_text()
    assert "point" not in text and "Worth revisiting" not in text
    log.assert_clean()
