"""Conditions, scoring and the routing proof on the fixture quiz, without any build."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.plugins.quiz.conditions import describe, evaluate
from pelican.plugins.quiz.loader import QuizErrors, load_quiz, parse_quiz
from pelican.plugins.quiz.routing import answer_sets, prove, upper_bound
from pelican.plugins.quiz.scoring import max_scores, result_for

HERE = Path(__file__).parent
QUIZ = load_quiz(HERE / "valid.yaml")


def test_conditions_evaluate_every_form() -> None:
    answers = {"feel": "bad", "why": ["sad"]}
    scores = {"calm": -1.0}
    assert evaluate(None, answers, scores)
    assert evaluate({"score": "calm", "below": 0}, answers, scores)
    assert not evaluate({"score": "calm", "at_least": 0}, answers, scores)
    assert evaluate({"answer": "why", "is": "sad"}, answers, scores)
    assert evaluate({"answer": "why", "in": ["tired", "sad"]}, answers, scores)
    assert not evaluate({"answer": "missing", "is": "x"}, answers, scores)
    assert evaluate(
        {"all": [{"answer": "feel", "is": "bad"}, {"not": {"answer": "why", "is": "tired"}}]},
        answers,
        scores,
    )
    assert evaluate(
        {"any": [{"answer": "feel", "is": "good"}, {"score": "calm", "below": 5}]}, answers, scores
    )


def test_conditions_in_plain_words() -> None:
    condition = {
        "any": [
            {"answer": "feel", "in": ["bad", "good"]},
            {"not": {"score": "calm", "at_least": 2}},
        ]
    }
    assert describe(condition, QUIZ) == (
        "Either you answered “Bad” or “Good” to question 1 or not (your “Calm” points add up to "
        "2 or more)."
    )


def test_hidden_question_adds_nothing() -> None:
    result = result_for(QUIZ, {"feel": "good", "why": ["sad"]})
    assert result.scores == {"calm": 2.0}
    assert result.outcome is not None and result.outcome.id == "go"


def test_worth_revisiting_lists_dimensions_below_half_their_maximum() -> None:
    assert max_scores(QUIZ) == {"calm": 2.0}
    assert [d.id for d in result_for(QUIZ, {"feel": "bad", "why": []}).revisit] == ["calm"]
    assert result_for(QUIZ, {"feel": "good"}).revisit == []


def test_enumeration_respects_show_if() -> None:
    sets = [answers for answers, _ in answer_sets(QUIZ)]
    assert upper_bound(QUIZ) == 8
    assert sets == [
        {"feel": "bad", "why": []},
        {"feel": "bad", "why": ["tired"]},
        {"feel": "bad", "why": ["sad"]},
        {"feel": "bad", "why": ["tired", "sad"]},
        {"feel": "good"},
    ]


def test_sampling_past_the_limit_is_deterministic() -> None:
    first = prove(QUIZ, limit=4, sample_size=50, seed=3)
    again = prove(QUIZ, limit=4, sample_size=50, seed=3)
    assert not first.exhaustive and first.checked == 50
    assert {k: v.count for k, v in first.routes.items()} == {
        k: v.count for k, v in again.routes.items()
    }


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(yaml_values.map(lambda v: yaml.safe_dump(v)), st.text(max_size=200)))
def test_random_documents_build_or_fail_cleanly(text: str) -> None:
    try:
        parse_quiz(text, "fuzz", "fuzz.yaml")
    except QuizErrors as problem:
        assert all(str(e).startswith("fuzz.yaml") for e in problem.errors)


VALID = yaml.safe_load((HERE / "valid.yaml").read_text())


def _mutations() -> st.SearchStrategy[dict]:
    def mutate(data: dict, path_choice: int, value: object) -> dict:
        import copy

        mutated = copy.deepcopy(data)
        nodes: list[tuple[object, object]] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                for key in node:
                    nodes.append((node, key))
                    walk(node[key])
            elif isinstance(node, list):
                for index in range(len(node)):
                    nodes.append((node, index))
                    walk(node[index])

        walk(mutated)
        parent, key = nodes[path_choice % len(nodes)]
        parent[key] = value  # type: ignore[index]
        return mutated

    return st.builds(mutate, st.just(VALID), st.integers(0, 10_000), yaml_values)


@settings(max_examples=300, deadline=None)
@given(_mutations())
def test_mutated_quizzes_build_or_fail_cleanly(data: dict) -> None:
    try:
        quiz = parse_quiz(yaml.safe_dump(data), "fuzz", "fuzz.yaml")
    except QuizErrors as problem:
        assert all(str(e).startswith("fuzz.yaml") for e in problem.errors)
        return
    prove(quiz, limit=10_000, sample_size=100)
