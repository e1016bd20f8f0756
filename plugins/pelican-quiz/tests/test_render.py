"""The quiz's HTML for the new language: ranges, fewer-is-better, hidden dimensions, notices."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.plugins.quiz.loader import load_quiz
from pelican.plugins.quiz.render import render_quiz
from pelican.plugins.quiz.strings import DEFAULT_STRINGS

HERE = Path(__file__).parent


def _soup(file: Path) -> BeautifulSoup:
    quiz = load_quiz(file)
    labels = {link: "Advice" for _, link in quiz.links()}
    return BeautifulSoup(render_quiz(quiz, "quiz-x", labels, DEFAULT_STRINGS), "html.parser")


def test_notices_are_in_the_no_js_text_with_their_condition() -> None:
    soup = _soup(HERE / "instruments" / "phq-9.yaml")
    notice = soup.select_one('.quiz-how [data-notice="safety"]')
    assert notice is not None
    assert "talk to someone today" in notice.select_one(".quiz-notice").get_text()
    assert notice.select_one(".quiz-when").get_text() == (
        "You answered “Several days” or “More than half the days” or “Nearly every day” to "
        "question 9."
    )


def test_a_dimension_shows_its_range_and_which_way_is_better() -> None:
    soup = _soup(HERE / "instruments" / "phq-9.yaml")
    item = soup.select_one('.quiz-dimensions [data-dimension="total"]')
    assert item is not None
    assert item.get_text() == "Depression symptoms (up to 27 points; fewer points are better)"
    five = _soup(HERE / "instruments" / "five-factors.yaml")
    assert five.select_one('[data-dimension="openness"]').get_text() == (
        "Openness (2 to 10 points)"
    )


def test_a_hidden_dimension_is_in_the_points_table_but_never_to_revisit(tmp_path: Path) -> None:
    # A hidden dimension may go below 0: no reader sees it.
    text = (HERE / "errors" / "negative-score.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '    link: "{filename}/articles/advice.md#breathe"\n', "    hidden: true\n", 1
    )
    (tmp_path / "hidden.yaml").write_text(text, encoding="utf-8")
    soup = _soup(tmp_path / "hidden.yaml")
    assert soup.select(".quiz-dimensions li") == []
    assert [th.get_text() for th in soup.select(".quiz-points thead th")][1:] == ["Calm"]
    data = json.loads(soup.select_one("[data-quiz-data]").string)
    assert data["dimensions"] == [{"id": "calm", "min": -1, "max": 2, "hidden": True}]


def test_a_nested_show_if_is_written_as_lists() -> None:
    condition = _soup(HERE / "render" / "nested-show-if.yaml").select_one(
        '[data-question="why"] .quiz-condition'
    )
    assert condition is not None and condition.name == "div"
    assert [p.get_text() for p in condition.select("p")] == [
        "Answer this only if:",
        "All of these hold:",
        "One of these holds (or more):",
    ]
    assert [li.get_text() for li in condition.select("ul ul li")] == [
        "You answered “Bad” to question 1",
        "You answered “Not well” to question 2",
    ]
