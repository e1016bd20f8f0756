"""Property: for random valid quizzes and random answers, the browser widget gives the same
outcome, scores and "worth revisiting" list as the Python scorer the build proves things with."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.plugins.quiz.assets import asset_bytes
from pelican.plugins.quiz.loader import load_quiz, parse_quiz
from pelican.plugins.quiz.model import Answers, Quiz
from pelican.plugins.quiz.render import render_quiz
from pelican.plugins.quiz.scoring import asked, result_for
from pelican.plugins.quiz.strings import DEFAULT_STRINGS
from playwright.sync_api import Page, Route, expect

from tests.browser.quiz_driver import QuizDriver

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
PLUGIN_TESTS = Path(__file__).parents[2] / "plugins" / "pelican-quiz" / "tests"
PAGE = (FIXTURES / "quiz-page.html").read_text(encoding="utf-8")
ORIGIN = "http://quiz.test"
LINK = "{filename}/a.md"
_TYPES = {"js": "text/javascript", "css": "text/css"}

# Tenths and quarters: 0.7 + 0.1 must be 0.8 in both languages, which floats are not. Small
# whole numbers make equal points common, so `top`'s tie rule is tested too.
points = (
    st.integers(-30, 30).map(lambda n: n / 10)
    | st.sampled_from([0.25, -0.75, 1.25])
    | st.integers(0, 2)
)


@st.composite
def quizzes(draw: st.DrawFn) -> dict[str, Any]:
    dims = [f"d{i}" for i in range(draw(st.integers(1, 3)))]
    questions: list[dict[str, Any]] = []
    for q in range(draw(st.integers(1, 4))):
        options = [
            {
                "id": f"o{o}",
                "label": f"Option {q}.{o}",
                "score": draw(st.dictionaries(st.sampled_from(dims), points, max_size=2)),
            }
            for o in range(draw(st.integers(2, 4)))
        ]
        question: dict[str, Any] = {
            "id": f"q{q}",
            "prompt": f"Question {q}?",
            "type": draw(st.sampled_from(["single", "multiple", "scale"])),
            "options": options,
        }
        if questions and draw(st.integers(0, 3)) == 0:  # a number, its points by bands of it
            low = draw(st.integers(-3, 3))
            cuts = sorted(draw(st.sets(st.integers(low + 1, low + 8), max_size=3)))
            bands = [
                {
                    "below": c,
                    "score": draw(st.dictionaries(st.sampled_from(dims), points, max_size=2)),
                }
                for c in cuts
            ]
            bands.append(
                {"score": draw(st.dictionaries(st.sampled_from(dims), points, max_size=2))}
            )
            question = {
                "id": f"q{q}",
                "prompt": f"Question {q}?",
                "type": "number",
                "min": low,
                "max": low + 8,
                "bands": bands,
            }
        if not questions:  # the gate: points only the first question adds
            for option in options:
                option["score"]["gate"] = draw(st.integers(0, 2))
        if questions and draw(st.booleans()):
            earlier = draw(st.sampled_from(questions))
            if earlier["type"] == "number":
                on_earlier = {"value": earlier["id"], "at_least": earlier["min"] + 4}
            else:
                ids = [o["id"] for o in earlier["options"]]
                picked = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
                on_earlier = {"answer": earlier["id"], "in": picked}
            gate = {"score": "gate", "at_least": draw(st.integers(1, 2))}
            question["show_if"] = draw(st.sampled_from([on_earlier, gate]))
            if draw(st.booleans()):  # what it adds when it is not asked
                question["skipped"] = {draw(st.sampled_from(dims)): draw(points)}
        questions.append(question)

    def condition(depth: int) -> st.SearchStrategy[dict[str, Any]]:
        multiple = [q["id"] for q in questions if q["type"] == "multiple"]
        leaves = st.one_of(
            st.builds(lambda d, n: {"score": d, "below": n}, st.sampled_from(dims), points),
            st.builds(lambda d, n: {"score": d, "at_least": n}, st.sampled_from(dims), points),
            st.sampled_from(questions).flatmap(
                lambda q: (
                    st.sampled_from([o["id"] for o in q["options"]]).map(
                        lambda o: {"answer": q["id"], "is": o}
                    )
                    if q["type"] != "number"
                    else st.integers(q["min"], q["max"] + 1).map(
                        lambda n: {"value": q["id"], "below": n}
                    )
                )
            ),
            # top: equal points are common with these small numbers, so ties get tested
            st.lists(st.sampled_from(dims), min_size=2, max_size=3, unique=True).flatmap(
                lambda among: st.sampled_from(among).map(lambda d: {"top": d, "among": among})
            )
            if len(dims) > 1
            else st.nothing(),
            # tie: all of them share the most points
            st.lists(st.sampled_from(dims), min_size=2, max_size=3, unique=True).flatmap(
                lambda among: st.lists(st.sampled_from(among), min_size=2, unique=True).map(
                    lambda tie: {"tie": tie, "among": among}
                )
            )
            if len(dims) > 1
            else st.nothing(),
            st.builds(
                lambda q, key, n: {"count": q, key: n},
                st.sampled_from(multiple),
                st.sampled_from(["below", "at_least"]),
                st.integers(0, 3),
            )
            if multiple
            else st.nothing(),
        )
        if depth == 0:
            return leaves
        inner = st.lists(condition(depth - 1), min_size=1, max_size=3)
        return st.one_of(
            leaves,
            inner.map(lambda cs: {"all": cs}),
            inner.map(lambda cs: {"any": cs}),
            condition(depth - 1).map(lambda c: {"not": c}),
        )

    outcomes = [
        {"id": f"r{i}", "title": f"Result {i}", "link": LINK, "when": draw(condition(2))}
        for i in range(draw(st.integers(1, 4)))
    ]
    if draw(st.booleans()):
        outcomes.append({"id": "rest", "title": "Everything else", "link": LINK})
    notices = [
        {"id": f"n{i}", "text": f"Notice {i}", "when": draw(condition(1))}
        for i in range(draw(st.integers(0, 2)))
    ]
    # Some one-answer questions take their options from a scale instead (o0 to o3, so every
    # option id a condition names is still there), its points maybe reversed.
    scale = [{"id": f"o{o}", "label": f"Step {o}", "points": draw(points)} for o in range(4)]
    for question in questions:
        if question["type"] in ("single", "scale") and draw(st.booleans()):
            del question["options"], question["type"]
            question |= {"scale": "steps", "scores": draw(st.sampled_from(dims))}
            question["reverse"] = draw(st.booleans())
    # A shown dimension may run below 0 (a signed scale).
    dimensions = {
        d: {
            "label": f"Dimension {d}",
            "link": LINK,
            "hidden": draw(st.booleans()),
            "better": draw(st.sampled_from(["higher", "lower"])),
        }
        for d in dims
    }
    dimensions["gate"] = {"label": "Gate", "hidden": True}
    result = {
        "scores": draw(st.booleans()),
        "revisit": draw(st.sampled_from([True, False, 1, 2])),
    }
    return {
        "title": "Random quiz",
        "result": result,
        "scales": {"steps": scale},
        "dimensions": dimensions,
        "questions": questions,
        "outcomes": outcomes,
        "notices": notices,
    }


def _answers(draw: st.DrawFn, quiz: Quiz) -> Answers:
    answers: Answers = {}
    for question in quiz.questions:
        ids = question.option_ids()
        if question.type == "number":
            answers[question.id] = draw(st.integers(question.least, question.most))
        elif question.type == "multiple":
            answers[question.id] = draw(st.lists(st.sampled_from(ids), unique=True))
        else:
            answers[question.id] = draw(st.sampled_from(ids))
    return answers


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_browser_and_python_agree(page: Page, data: st.DataObject) -> None:
    quiz = parse_quiz(yaml.safe_dump(data.draw(quizzes())), "random", "random.yaml")
    # The answers a reader actually gives: hidden questions are never asked.
    answers = asked(quiz, data.draw(st.composite(lambda draw: _answers(draw, quiz))()))
    _agree(page, quiz, answers)


def _open(page: Page, quiz: Quiz) -> QuizDriver:
    """Open a page holding ``quiz`` as a site ships it, ready to take."""
    labels = {link: "A" for _, link in quiz.links()}
    html = PAGE.replace("{quiz}", render_quiz(quiz, "quiz-random", labels, DEFAULT_STRINGS))

    def fulfil(route: Route) -> None:
        name = route.request.url.removeprefix(ORIGIN + "/")
        if name in ("quiz.js", "quiz.css"):
            # What a site ships: quiz.js compacted by the plugin.
            route.fulfill(body=asset_bytes(name), content_type=_TYPES[name.rsplit(".", 1)[1]])
        else:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.unroute("**/*")
    page.route("**/*", fulfil)
    page.goto(f"{ORIGIN}/")
    page.evaluate("addEventListener('quiz:complete', e => (window.completed = e.detail))")
    return QuizDriver(page, "quiz-random")


def _agree(page: Page, quiz: Quiz, answers: Answers) -> list[str]:
    """Take ``quiz`` in the widget with ``answers``; its result must be the Python scorer's.
    Returns the score lines the widget showed."""
    expected = result_for(quiz, answers)
    driver = _open(page, quiz)
    assert driver.take_by_mouse(answers) == list(answers)

    outcome = expected.outcome.id if expected.outcome else None
    assert page.evaluate("window.completed") == {"outcome": outcome}
    lines = driver.result.locator(".quiz-scores li").all_inner_texts()
    shown_scores = [
        float(m.group(1)) for text in lines if (m := re.search(r": (-?[\d.]+) (of|points)", text))
    ]
    scored = quiz.shown_dimensions() if quiz.result.scores else []
    assert shown_scores == [float(expected.scores[d.id]) for d in scored]
    headings = driver.result.locator(".quiz-sub").all_inner_texts()
    assert ("Your scores" in headings) == bool(scored)
    notices = driver.result.locator(".quiz-notice").all_inner_texts()
    assert notices == [n.text for n in expected.notices]
    revisit = driver.result.locator(".quiz-sub + ul:not(.quiz-scores) a").all_inner_texts()
    assert revisit == [d.label for d in expected.revisit]
    return lines


def test_tenths_add_up_exactly_in_python_and_in_the_widget(page: Page) -> None:
    # 0.7 + 0.1 is 0.8: with floats it was 0.7999999999999999, "below 0.8".
    data = {
        "title": "Tenths",
        "dimensions": {"d": {"label": "D", "link": LINK}},
        "questions": [
            {
                "id": f"q{i}",
                "prompt": "?",
                "options": [
                    {"id": "a", "label": "A", "score": {"d": points}},
                    {"id": "b", "label": "B"},
                ],
            }
            for i, points in enumerate([0.7, 0.1])
        ],
        "outcomes": [
            {"id": "low", "title": "Low", "link": LINK, "when": {"score": "d", "below": 0.8}},
            {"id": "enough", "title": "Enough", "link": LINK},
        ],
    }
    quiz = parse_quiz(yaml.safe_dump(data), "tenths", "tenths.yaml")
    answers = {"q0": "a", "q1": "a"}
    assert result_for(quiz, answers).outcome.id == "enough"
    assert _agree(page, quiz, answers)[0].startswith("D: 0.8 of 0.8 points")


def test_top_breaks_ties_and_count_counts_alike_in_python_and_in_the_widget(page: Page) -> None:
    data = yaml.safe_load((FIXTURES / "top-and-count.yaml").read_text(encoding="utf-8"))
    quiz = parse_quiz(yaml.safe_dump(data), "top", "top.yaml")
    # b and c tie on 1 point each: `among: [c, b]` puts c first, so c wins the tie.
    tie = {"first": "b", "second": "c", "ticks": ["x", "y"]}
    assert result_for(quiz, tie).outcome.id == "c-on-top"
    _agree(page, quiz, tie)
    # One box ticked: fewer than 2, and b alone on top.
    alone = {"first": "b", "second": "b", "ticks": ["x"]}
    assert result_for(quiz, alone).outcome.id == "b-on-top-few-ticks"
    _agree(page, quiz, alone)


def test_progress_with_a_count_show_if_is_exact(page: Page) -> None:
    # The second question is asked when a box of the first is ticked: the count is known
    # from the ticks, so the widget never says "up to".
    data = yaml.safe_load((FIXTURES / "top-and-count.yaml").read_text(encoding="utf-8"))
    data["questions"] = [
        data["questions"][2],
        {**data["questions"][0], "show_if": {"count": "ticks", "at_least": 1}},
    ]
    quiz = parse_quiz(yaml.safe_dump(data), "count", "count.yaml")
    driver = _open(page, quiz)
    expect(driver.progress).to_have_text("Question 1 of 1")
    expect(driver.next).to_have_text("See my result")
    driver.current().locator("input[value='x']").check()
    expect(driver.progress).to_have_text("Question 1 of 2")
    expect(driver.next).to_have_text("Next")


def test_a_signed_scale_shows_its_real_range_with_its_bar_from_zero(page: Page) -> None:
    quiz = load_quiz(PLUGIN_TESTS / "render" / "signed-scale.yaml")
    answers = {"feel": "bad", "why": ["sad"]}
    assert _agree(page, quiz, answers) == ["Calm: -1 points, on a range from -1 to 2"]
    bar = page.locator(".quiz-bar").bounding_box()
    fill = page.locator(".quiz-bar span").bounding_box()
    zero = page.locator(".quiz-bar i").bounding_box()
    assert bar and fill and zero
    # -1 on -1..2: the bar runs from the left end to the mark at 0, a third of the way.
    assert abs(fill["x"] - bar["x"]) < 1 and abs(fill["width"] - bar["width"] / 3) < 1
    assert abs(zero["x"] + zero["width"] / 2 - (bar["x"] + bar["width"] / 3)) < 1.5


def test_a_result_in_words_shows_no_points_no_bars_and_nothing_to_revisit(page: Page) -> None:
    quiz = load_quiz(PLUGIN_TESTS / "render" / "in-words.yaml")
    _agree(page, quiz, {"feel": "low", "why": ["tired"], "sleep": "badly"})
    result = page.locator("[data-quiz-result]")
    expect(result.locator(".quiz-result-title")).to_have_text("Breathe first")
    assert result.locator(".quiz-bar, .quiz-scores li, .quiz-sub").count() == 0
    assert "points" not in result.inner_text()


def test_ids_named_like_object_properties_are_only_ids(page: Page) -> None:
    # Hardening, item 14: a question called `constructor` counted as answered in the widget
    # ("See my result" before any answer), its id found on Object's prototype.
    data = yaml.safe_load((FIXTURES / "constructor.yaml").read_text(encoding="utf-8"))
    quiz = parse_quiz(yaml.safe_dump(data), "constructor", "constructor.yaml")
    driver = _open(page, quiz)
    expect(driver.progress).to_have_text("Question 1 of 2")
    driver.next.click()
    expect(page.locator("[data-quiz-error]")).to_have_text("Choose an answer to go on.")
    assert driver.current_id() == "constructor"
    for answers in ({"constructor": "yes", "to-do": "a"}, {"constructor": "no", "to-do": "b"}):
        _agree(page, quiz, answers)


def test_the_progress_of_a_decision_tree_counts_only_what_can_still_be_asked(page: Page) -> None:
    # Guarantees issue, part 4: a branch that can no longer be taken was counted as "maybe":
    # "Question 1 of up to 6" after an answer that ends the quiz, "of up to" on the last one.
    quiz = load_quiz(FIXTURES / "tree.yaml")
    driver = _open(page, quiz)
    expect(driver.progress).to_have_text("Question 1 of up to 6")
    driver.current().locator("input[value='c']").check()
    expect(driver.progress).to_have_text("Question 1 of 1")
    expect(driver.next).to_have_text("See my result")
    driver.current().locator("input[value='a']").check()
    expect(driver.progress).to_have_text("Question 1 of up to 3")
    driver.next.click()
    driver.current().locator("input[value='y']").check()
    expect(driver.progress).to_have_text("Question 2 of 2")
    expect(driver.next).to_have_text("See my result")
    driver.next.click()
    expect(driver.result.locator(".quiz-result-title")).to_have_text("The A way")
    # A quiz with no scores has no "Your scores" and no table of zeros.
    assert driver.result.locator(".quiz-scores, .quiz-sub").count() == 0
    assert page.locator(".quiz-points").count() == 0


def test_a_question_that_depends_on_boxes_not_yet_ticked_is_counted_as_up_to(page: Page) -> None:
    # "Real sites" issue, item 8: question 1 said "Question 1 of 2", and the reader later met
    # "Question 3 of 3".
    data = yaml.safe_load((FIXTURES / "top-and-count.yaml").read_text(encoding="utf-8"))
    ticks = data["questions"][2]
    data["questions"] = [
        data["questions"][0],
        ticks,
        {**data["questions"][1], "show_if": {"count": ticks["id"], "at_least": 1}},
    ]
    quiz = parse_quiz(yaml.safe_dump(data), "count", "count.yaml")
    driver = _open(page, quiz)
    driver.current().locator("input").first.check()
    expect(driver.progress).to_have_text("Question 1 of up to 3")
    driver.next.click()
    expect(driver.progress).to_have_text("Question 2 of 2")
    driver.current().locator("input").first.check()
    expect(driver.progress).to_have_text("Question 2 of 3")
    driver.next.click()
    expect(driver.progress).to_have_text("Question 3 of 3")


def test_a_number_question_takes_a_whole_number_in_its_range(page: Page) -> None:
    quiz = load_quiz(PLUGIN_TESTS / "instruments" / "drinks.yaml")
    driver = _open(page, quiz)
    field = driver.current().locator("input[type='number']")
    expect(page.get_by_label("drinks", exact=True)).to_have_count(1)
    driver.next.click()  # nothing written yet
    hint = "Write a whole number from 0 to 60 to go on."
    expect(page.locator("[data-quiz-error]")).to_have_text(hint)
    field.fill("75")  # past the most
    driver.next.click()
    expect(page.locator("[data-quiz-error]")).to_have_text(hint)
    assert driver.current_id() == "drinks"
    for answers in (
        {"drinks": 0},
        {"drinks": 9, "binge": "monthly"},
        {"drinks": 40, "binge": "never"},
    ):
        _agree(page, quiz, answers)
    # "Question 1 of up to 2" while the value that opens question 2 is not written.
    driver = _open(page, quiz)
    expect(driver.progress).to_have_text("Question 1 of up to 2")
    driver.current().locator("input[type='number']").fill("0")
    expect(driver.progress).to_have_text("Question 1 of 1")
