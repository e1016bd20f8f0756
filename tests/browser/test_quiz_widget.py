"""The quiz widget in Chromium: every outcome by mouse and by keyboard, Back, focus, the live
region, the result link, Start again, remembering, JavaScript off, axe, privacy."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pelican.plugins.quiz.loader import load_quiz
from pelican.plugins.quiz.model import Case, Quiz
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import PageLog
from tests.browser.quiz_driver import QuizDriver, axe_violations
from tests.conftest import ROOT, SITES, Site, build_into

pytestmark = pytest.mark.browser

QUIZ = load_quiz(ROOT / "content" / "quizzes" / "ready-to-reach-out.yaml")
PREFIX = "quiz-ready-to-reach-out"
CASES = {case.expect: case for case in QUIZ.tests}


def _outcome(quiz: Quiz, outcome_id: str) -> tuple[str, str]:
    outcome = next(o for o in quiz.outcomes if o.id == outcome_id)
    return outcome.title, outcome.link


@pytest.fixture(scope="session")
def site_url(real_site: Site, serve: Callable[[Path], str]) -> str:
    return serve(real_site.output)


@pytest.fixture
def quiz_page(page: Page, site_url: str) -> Iterator[tuple[Page, PageLog]]:
    log = PageLog(page, site_url)
    page.add_init_script(
        "addEventListener('quiz:complete', e => (window.completed = window.completed || [])"
        ".push(e.detail))"
    )
    page.goto(f"{site_url}/quiz.html")
    yield page, log
    log.assert_clean()


def _check_result(page: Page, quiz: QuizDriver, case: Case, url_before: str) -> None:
    title, _ = _outcome(QUIZ, case.expect)
    expect(quiz.result).to_be_visible()
    assert quiz.outcome_title() == title
    assert quiz.focused("[data-quiz-result]"), "focus should move to the result"
    assert quiz.status.inner_text() == f"Your result: {title}"
    assert page.evaluate("window.completed") == [{"outcome": case.expect}]
    static_link = page.locator(f"#{PREFIX}--outcome-{case.expect} .quiz-outcome-link")
    result_link = quiz.result.locator(".quiz-outcome-link")
    assert result_link.get_attribute("href") == static_link.get_attribute("href")
    assert page.url == url_before, "the page must not jump by itself"
    assert page.evaluate("localStorage.length") == 0
    assert page.context.cookies() == []


@pytest.mark.parametrize("case", QUIZ.tests, ids=lambda c: c.expect)
def test_every_outcome_by_mouse(quiz_page: tuple[Page, PageLog], case: Case) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    url = page.url
    asked = quiz.take_by_mouse(case.answers)
    assert asked == [q.id for q in QUIZ.questions]
    _check_result(page, quiz, case, url)


@pytest.mark.parametrize("case", QUIZ.tests, ids=lambda c: c.expect)
def test_every_outcome_by_keyboard(quiz_page: tuple[Page, PageLog], case: Case) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    url = page.url
    quiz.tab_into_quiz()
    quiz.take_by_keyboard(case.answers)
    _check_result(page, quiz, case, url)
    # The result's link and buttons are reachable from the keyboard, in reading order.
    page.keyboard.press("Tab")
    assert quiz.focused(".quiz-result .quiz-outcome-link")


def test_one_question_at_a_time_with_progress(quiz_page: tuple[Page, PageLog]) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    expect(quiz.current()).to_have_count(1)
    expect(quiz.progress).to_have_text("Question 1 of 7")
    expect(quiz.back).to_be_hidden()
    expect(quiz.next).to_have_text("Next")
    expect(page.locator(f"#{PREFIX} [data-quiz-nojs]")).to_be_hidden()
    answers = CASES["ready"].answers
    for n in range(1, 7):
        quiz.current().locator(f"input[value='{_single(answers[quiz.current_id()])}']").check()
        quiz.next.click()
        expect(quiz.progress).to_have_text(f"Question {n + 1} of 7")
        assert quiz.status.inner_text() == f"Question {n + 1} of 7"
    expect(quiz.next).to_have_text("See my result")


def _single(choice: str | list[str]) -> str:
    return choice[0] if isinstance(choice, list) else choice


def test_next_without_an_answer_asks_for_one(quiz_page: tuple[Page, PageLog]) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    quiz.next.click()
    error = page.locator(f"#{PREFIX} [data-quiz-error]")
    expect(error).to_have_text("Choose an answer to go on.")
    assert quiz.current_id() == "view"
    assert quiz.focused(f"#{PREFIX}--q-view input")
    quiz.current().locator("input[value='brave']").check()
    quiz.next.click()
    expect(error).to_be_hidden()


def test_back_changes_an_answer(quiz_page: tuple[Page, PageLog]) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    quiz.current().locator("input[value='failed']").check()
    quiz.next.click()
    quiz.back.click()
    assert quiz.current_id() == "view"
    assert quiz.focused(f"#{PREFIX}--q-view--o-failed"), "Back focuses the answer given"
    expect(quiz.progress).to_have_text("Question 1 of 7")
    quiz.take_by_mouse(CASES["ready"].answers)
    assert quiz.outcome_title() == _outcome(QUIZ, "ready")[0]


def test_result_link_leads_to_the_highlighted_section(quiz_page: tuple[Page, PageLog]) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse(CASES["wait"].answers)
    quiz.result.locator(".quiz-outcome-link").click()
    page.wait_for_url("**/give-it-time.html#how-long-to-wait")
    assert page.evaluate("document.querySelector(':target').id") == "how-long-to-wait"


def test_the_result_is_in_words_with_no_points_bars_or_report_card(
    quiz_page: tuple[Page, PageLog],
) -> None:
    # "There are no right or wrong answers": the result says what the answers suggest and
    # where to read next, never "0 of 2 points" or a list of six areas to revisit.
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse(CASES["reframe"].answers)
    expect(quiz.result.locator(".quiz-result-title")).to_have_text(_outcome(QUIZ, "reframe")[0])
    assert quiz.result.locator(".quiz-scores, .quiz-bar, .quiz-sub").count() == 0
    text = quiz.result.inner_text()
    assert "point" not in text and "Worth revisiting" not in text
    assert quiz.result.locator("a").count() == 1  # one place to read next


def test_start_again_resets_everything(quiz_page: tuple[Page, PageLog]) -> None:
    page, _ = quiz_page
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse(CASES["ready"].answers)
    quiz.result.get_by_role("button", name="Start again").click()
    expect(quiz.result).to_be_hidden()
    assert quiz.current_id() == "view"
    assert page.locator(f"#{PREFIX} input:checked").count() == 0
    assert quiz.focused(f"#{PREFIX}--q-view--o-failed")
    quiz.take_by_mouse(CASES["hoping"].answers)
    assert quiz.outcome_title() == _outcome(QUIZ, "hoping")[0]


def test_no_violations_before_and_after_the_result(quiz_page: tuple[Page, PageLog]) -> None:
    page, _ = quiz_page
    assert axe_violations(page) == []
    QuizDriver(page, PREFIX).take_by_mouse(CASES["ready"].answers)
    assert axe_violations(page) == []


def test_without_javascript_the_whole_quiz_is_readable(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/quiz.html")
    root = page.locator(f"#{PREFIX}")
    expect(root.locator("[data-question]")).to_have_count(len(QUIZ.questions))
    for fieldset in root.locator("[data-question]").all():
        expect(fieldset).to_be_visible()
    expect(root.locator("[data-quiz-nojs]")).to_be_visible()
    expect(root.locator("[data-quiz-nav]")).to_be_hidden()
    root.locator("details.quiz-how summary").click()
    expect(root.locator(".quiz-outcomes > li")).to_have_count(len(QUIZ.outcomes))
    expect(root.locator(".quiz-outcome-link").first).to_be_visible()
    context.close()


def test_hidden_question_is_skipped_and_two_quizzes_share_a_page(
    page: Page, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    site = build_into(tmp_path, SITES / "quiz" / "content")
    url = serve(site.output)
    log = PageLog(page, url)
    page.goto(f"{url}/quiz.html")
    first, second = QuizDriver(page, "quiz-mini"), QuizDriver(page, "quiz2-mini")
    # Before the first answer the second question may follow: never "1 of 1", no finish yet.
    expect(first.progress).to_have_text("Question 1 of up to 2")
    expect(first.next).to_have_text("Next")
    first.current().locator("input[value='bad']").check()
    expect(first.progress).to_have_text("Question 1 of 2")
    first.current().locator("input[value='good']").check()
    expect(first.progress).to_have_text("Question 1 of 1")
    expect(first.next).to_have_text("See my result")
    assert first.take_by_mouse({"feel": "good"}) == ["feel"]
    assert first.outcome_title() == "Go ahead"
    assert second.take_by_mouse({"feel": "bad", "why": ["sad"]}) == ["feel", "why"]
    assert second.outcome_title() == "Rest first"
    assert first.outcome_title() == "Go ahead"
    log.assert_clean()


def test_quiz_embedded_in_an_article(
    page: Page, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(Path(__file__).parent / "fixtures" / "embedded-quiz.md", content / "articles")
    site = build_into(tmp_path, content)
    url = serve(site.output)
    log = PageLog(page, url)
    page.goto(f"{url}/check-in-with-yourself.html")
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse(CASES["warm-up"].answers)
    assert quiz.outcome_title() == _outcome(QUIZ, "warm-up")[0]
    assert axe_violations(page) == []
    log.assert_clean()


def test_remembered_result_and_forget_my_answers(
    page: Page, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    site = build_into(tmp_path, ROOT / "content", QUIZ_REMEMBER=True)
    url = serve(site.output)
    log = PageLog(page, url)
    page.goto(f"{url}/quiz.html")
    quiz = QuizDriver(page, PREFIX)
    quiz.take_by_mouse(CASES["replaying"].answers)
    stored = json.loads(page.evaluate("localStorage.getItem('quiz:ready-to-reach-out')"))
    assert stored["answers"] == CASES["replaying"].answers
    page.reload()
    expect(quiz.result).to_be_visible()
    assert quiz.outcome_title() == _outcome(QUIZ, "replaying")[0]
    assert not quiz.focused("[data-quiz-result]"), "a restored result does not steal focus"
    quiz.result.get_by_role("button", name="Forget my answers").click()
    assert page.evaluate("localStorage.length") == 0
    expect(quiz.status).to_have_text("Your answers are forgotten. Question 1 of 7")
    assert quiz.current_id() == "view"
    page.reload()
    expect(quiz.result).to_be_hidden()
    # Answers kept for another version of the quiz are dropped, not shown.
    page.evaluate(
        "localStorage.setItem('quiz:ready-to-reach-out', JSON.stringify("
        "{hash: 'older', answers: {view: 'brave'}}))"
    )
    page.reload()
    expect(quiz.result).to_be_hidden()
    assert page.evaluate("localStorage.length") == 0
    log.assert_clean()


def test_questions_are_numbered_as_the_reader_meets_them(
    page: Page, tmp_path: Path, serve: Callable[[Path], str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "quiz" / "content", content)
    branching = Path(__file__).parent / "fixtures" / "branching"
    shutil.copy(branching / "skip.yaml", content / "quizzes")
    shutil.copy(branching / "skip.md", content / "pages")
    site = build_into(tmp_path, content)
    url = serve(site.output)
    log = PageLog(page, url)
    page.goto(f"{url}/skip.html")
    quiz = QuizDriver(page, "quiz-skip")
    expect(quiz.progress).to_have_text("Question 1 of up to 3")
    quiz.current().locator("input[value='less']").check()
    expect(quiz.progress).to_have_text("Question 1 of 2")
    quiz.next.click()
    # The third question in the file is the second one asked, and says so.
    assert quiz.current_id() == "third"
    expect(quiz.progress).to_have_text("Question 2 of 2")
    expect(quiz.current().locator(".quiz-number")).to_have_text("2.")
    expect(quiz.next).to_have_text("See my result")
    log.assert_clean()


LAYOUT_SHIFTS = """() => new Promise((resolve) => {
  const values = [];
  new PerformanceObserver((list) => values.push(...list.getEntries().map((e) => e.value)))
    .observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(values), 500);
})"""


def _slow_widget(page: Page, seconds: float) -> None:
    """Serve quiz.js late, so the page is drawn before the widget starts (a slow network)."""

    def late(route: Route) -> None:
        time.sleep(seconds)
        route.continue_()

    page.route("**/quiz.js", late)


def test_the_widget_starting_late_moves_nothing_on_the_page(page: Page, site_url: str) -> None:
    _slow_widget(page, 0.5)
    page.goto(f"{site_url}/quiz.html")
    expect(page.locator(f"#{PREFIX}.quiz-live")).to_be_attached()
    assert sum(page.evaluate(LAYOUT_SHIFTS)) == 0


def test_a_widget_that_never_starts_gives_back_the_whole_form(page: Page, site_url: str) -> None:
    page.route("**/quiz.js", lambda route: route.abort())
    page.goto(f"{site_url}/quiz.html")
    root = page.locator(f"#{PREFIX}")
    expect(root.locator("[data-question]").nth(1)).to_be_hidden()
    # After the fallback delay every question and the note for readers without it are back.
    for fieldset in root.locator("[data-question]").all():
        expect(fieldset).to_be_visible(timeout=8000)
    expect(root.locator("[data-quiz-nojs]")).to_be_visible()
