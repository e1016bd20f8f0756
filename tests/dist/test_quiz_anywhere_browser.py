"""In Chromium: the quiz of a quickstart site built in the fresh environment, taken by keyboard
to each of its outcomes, on its Markdown page and its reST page, in notmyidea and in simple."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pelican.plugins.quiz.loader import load_quiz
from playwright.sync_api import Page, expect

from tests.browser.conftest import PageLog
from tests.browser.quiz_driver import QuizDriver
from tests.dist.conftest import QUICKSTART, Installed, ok, quickstart_copy, run
from tests.dist.readme_quick_start import quick_start, quickstart_answers

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUIZ = load_quiz(QUICKSTART / "content" / "quizzes" / "mini.yaml")
THEMES = ["notmyidea", "simple"]


@pytest.fixture(scope="session")
def theme_url(
    installed: Installed,
    tmp_path_factory: pytest.TempPathFactory,
    serve: Callable[[Path], str],
) -> Callable[[str], str]:
    urls: dict[str, str] = {}

    def url(theme: str) -> str:
        if theme not in urls:
            site = quickstart_copy(tmp_path_factory.mktemp(theme))
            pelican = installed.venv.command("pelican")
            ok(run(pelican, "content", "-s", "pelicanconf.py", "-o", "out", "-t", theme,
                   "--fatal", "errors", cwd=site))
            urls[theme] = serve(site / "out")
        return urls[theme]

    return url


@pytest.mark.parametrize("case", QUIZ.tests, ids=[case.expect for case in QUIZ.tests])
@pytest.mark.parametrize("page_name", ["quiz-markdown", "quiz-rst"])
@pytest.mark.parametrize("theme", THEMES)
def test_every_outcome_by_keyboard(
    page: Page, theme_url: Callable[[str], str], theme: str, page_name: str, case
) -> None:
    origin = theme_url(theme)
    log = PageLog(page, origin)
    # Pelican's themes link no favicon; the browser's own request for one is not the quiz's.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{origin}/pages/{page_name}.html")
    quiz = QuizDriver(page, "quiz-mini")
    expect(quiz.progress).to_be_visible()  # the widget ran: its stylesheet and script loaded
    quiz.tab_into_quiz()
    quiz.take_by_keyboard(case.answers)
    expect(quiz.result).to_be_visible()
    title = next(o.title for o in QUIZ.outcomes if o.id == case.expect)
    assert quiz.outcome_title() == title
    assert quiz.focused("[data-quiz-result]")
    # The status line is for screen readers: the quiz's own class hides it in any theme.
    box = quiz.status.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    log.assert_clean()


def test_the_readme_quick_start_in_a_fresh_pelican_quickstart_site(
    installed: Installed, tmp_path: Path, serve: Callable[[Path], str], page: Page
) -> None:
    # Real sites, item 3: the quick start, pasted into a pelican-quickstart site, failed with
    # "'advice.md' has no section '#breathe'".
    start = quick_start()
    assert set(start.files) == {"content/quizzes/my-quiz.yaml", "content/advice.md",
                                "content/ready.md"}
    made = subprocess.run(
        [installed.venv.command("pelican-quickstart"), "-p", "site", "-t", "My site", "-a",
         "Me", "-l", "en"],
        input=quickstart_answers(), cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    site = tmp_path / "site"
    assert made.returncode == 0 and (site / "pelicanconf.py").is_file(), made.stdout
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n" + start.settings)
    for path, text in start.files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    built = ok(run(installed.venv.command(start.command.split()[0]), *start.command.split()[1:],
                   "--fatal", "warnings", cwd=site))
    assert "Done: Processed 2 articles" in built.stdout

    quiz_file = site / "content/quizzes/my-quiz.yaml"
    readme_quiz = load_quiz(quiz_file)
    origin = serve(site / "output")
    for case in readme_quiz.tests:
        page.goto(f"{origin}/are-you-ready.html")
        quiz = QuizDriver(page, "quiz-my-quiz")
        expect(quiz.progress).to_be_visible()
        quiz.tab_into_quiz()
        quiz.take_by_keyboard(case.answers)
        expect(quiz.result).to_be_visible()
        outcome = next(o for o in readme_quiz.outcomes if o.id == case.expect)
        assert quiz.outcome_title() == outcome.title
        link = quiz.result.locator(".quiz-outcome-link:visible")
        section = outcome.link.split("#")[1]
        assert link.get_attribute("href") == f"/some-advice.html#{section}"  # its slug
        link.click()
        expect(page.locator(f"#{section}")).to_be_visible()
