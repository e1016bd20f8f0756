"""The quiz's HTML for the new language: ranges, fewer-is-better, hidden dimensions, notices."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.plugins.quiz.loader import load_quiz
from pelican.plugins.quiz.model import Quiz, ResultView
from pelican.plugins.quiz.render import render_quiz
from pelican.plugins.quiz.routing import verify
from pelican.plugins.quiz.scoring import result_for
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


def test_a_signed_scale_shows_its_real_range() -> None:
    # "Sad" is worth -1: Calm runs from -1 to 2, and a reader may see -1.
    quiz = load_quiz(HERE / "render" / "signed-scale.yaml")
    assert verify(quiz).errors == []
    assert result_for(quiz, {"feel": "bad", "why": ["sad"]}).scores == {"calm": -1}
    soup = _soup(HERE / "render" / "signed-scale.yaml")
    item = soup.select_one('.quiz-dimensions [data-dimension="calm"]')
    assert item is not None and item.get_text() == "Calm (-1 to 2 points)"
    data = json.loads(soup.select_one("[data-quiz-data]").string)
    assert data["dimensions"] == [{"id": "calm", "min": -1, "max": 2}]


def test_a_hidden_dimension_is_in_the_points_table_but_never_to_revisit(tmp_path: Path) -> None:
    text = (HERE / "render" / "signed-scale.yaml").read_text(encoding="utf-8")
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


def test_a_result_in_words_says_its_rules_in_answers_and_adds_up_only_what_it_must() -> None:
    # result: {scores: false, revisit: false}: "Calm" comes from question 1 alone, so its bound
    # is said as answers; "Rest" adds up two questions, so only it keeps a column to add up.
    soup = _soup(HERE / "render" / "in-words.yaml")
    how = soup.select_one(".quiz-how")
    whens = [p.get_text() for p in how.select(".quiz-when")]
    assert whens == [
        "You answered “Low” to question 1.",
        "Your “Rest” points add up to less than 2.",
        "In every other case.",
    ]
    assert [th.get_text() for th in how.select(".quiz-points thead th")] == [
        "Question and answer",
        "Rest",
    ]
    # Question 1 adds nothing to Rest: it has no rows to add up.
    groups = [th.get_text() for th in how.select(".quiz-points th[scope=rowgroup]")]
    assert groups == ["2. Why?", "3. How do you sleep?"]
    assert how.select(".quiz-dimensions") == [] and "Worth revisiting" not in how.get_text()
    data = json.loads(soup.select_one("[data-quiz-data]").string)
    assert data["result"] == {"scores": False, "revisit": 0}


def test_when_answers_say_every_rule_there_is_nothing_to_add_up(tmp_path: Path) -> None:
    text = (HERE / "render" / "in-words.yaml").read_text(encoding="utf-8")
    # Rest now comes from one question: every rule is said in answers.
    text = text.replace("{id: tired, label: Tired, score: {rest: 1}}", "{id: tired, label: Tired}")
    text = text.replace("{id: busy, label: Busy, score: {rest: 1}}", "{id: busy, label: Busy}")
    (tmp_path / "words.yaml").write_text(text, encoding="utf-8")
    how = _soup(tmp_path / "words.yaml").select_one(".quiz-how")
    assert how.select(".quiz-points") == []
    assert how.select_one("p").get_text() == (
        "Go down the results below: the first one that fits your answers is yours."
    )
    assert [p.get_text() for p in how.select(".quiz-when")][1] == (
        "You answered “Badly” to question 3."
    )


def test_a_bound_on_a_question_that_may_be_skipped_says_so(tmp_path: Path) -> None:
    # Question 2 takes one answer now, and is asked only after "Low": skipped, it adds
    # nothing, and 0 is below 1. Rest also comes from question 3: make that add nothing.
    text = (HERE / "render" / "in-words.yaml").read_text(encoding="utf-8")
    text = text.replace("    type: multiple\n", "")
    text = text.replace("{id: tired, label: Tired, score: {rest: 1}}", "{id: tired, label: Tired}")
    text = text.replace("score: {rest: 0}}", "score: {calm: 0}}")
    text = text.replace("score: {rest: 2}}", "score: {calm: 0}}")
    text = text.replace("{score: rest, below: 2}", "{score: rest, below: 1}")
    (tmp_path / "skip.yaml").write_text(text, encoding="utf-8")
    how = _soup(tmp_path / "skip.yaml").select_one(".quiz-how")
    assert [p.get_text() for p in how.select(".quiz-when")][1] == (
        "Either you answered “Tired” to question 2 or not (you answered “Low” to question 1)."
    )


def test_revisit_n_lists_at_most_n_areas() -> None:
    quiz = load_quiz(HERE / "instruments" / "five-factors.yaml")
    everything = result_for(quiz, _lowest(quiz)).revisit
    assert len(everything) > 2
    quiz.result = ResultView(scores=True, revisit=2)
    assert result_for(quiz, _lowest(quiz)).revisit == everything[:2]


def _lowest(quiz: Quiz) -> dict[str, str | list[str]]:
    """Every question answered with its option of fewest points."""
    return {
        q.id: min(q.options, key=lambda o: sum(o.score.values())).id
        for q in quiz.questions
        if q.type != "multiple"
    }
