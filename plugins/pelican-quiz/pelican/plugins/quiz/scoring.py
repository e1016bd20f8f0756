"""Scoring: which questions are shown, the points per dimension, the outcome, what to revisit.

The browser widget implements exactly these rules; a property test checks they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .conditions import evaluate
from .model import Answers, Dimension, Outcome, Question, Quiz

__all__ = ["Result", "chosen", "max_scores", "result_for", "scores_for", "shown"]


def chosen(question: Question, answers: Answers) -> list[str]:
    """The option ids picked for ``question`` (none when unanswered)."""
    given = answers.get(question.id)
    if given is None:
        return []
    return list(given) if isinstance(given, list) else [given]


def shown(question: Question, answers: Answers) -> bool:
    """Whether ``question`` is asked, given the answers to the questions before it."""
    return evaluate(question.show_if, answers, {})


def add_points(scores: dict[str, Fraction], question: Question, picked: list[str]) -> None:
    for option in question.options:
        if option.id in picked:
            for dimension, points in option.score.items():
                scores[dimension] += points


def scores_for(quiz: Quiz, answers: Answers) -> dict[str, Fraction]:
    """Points per dimension, exactly; a hidden question adds nothing."""
    scores = dict.fromkeys(quiz.dimensions, Fraction(0))
    visible: Answers = {}
    for question in quiz.questions:
        if shown(question, visible) and question.id in answers:
            visible[question.id] = answers[question.id]
            add_points(scores, question, chosen(question, answers))
    return scores


def max_scores(quiz: Quiz) -> dict[str, Fraction]:
    """The most each dimension can reach if every question were shown."""
    best = dict.fromkeys(quiz.dimensions, Fraction(0))
    for question in quiz.questions:
        for dimension in quiz.dimensions:
            points = [o.score.get(dimension, Fraction(0)) for o in question.options]
            if question.type == "multiple":
                best[dimension] += sum((p for p in points if p > 0), Fraction(0))
            else:
                best[dimension] += max(Fraction(0), *points)
    return best


@dataclass(frozen=True)
class Result:
    outcome: Outcome | None
    scores: dict[str, Fraction]
    revisit: list[Dimension]


def outcome_for(quiz: Quiz, answers: Answers, scores: Mapping[str, Fraction]) -> Outcome | None:
    """The first outcome whose condition holds."""
    return next((o for o in quiz.outcomes if evaluate(o.when, answers, scores)), None)


def revisit(
    quiz: Quiz, scores: Mapping[str, Fraction], best: Mapping[str, Fraction]
) -> list[Dimension]:
    """Dimensions below half their maximum, weakest (lowest share) first."""
    weak = [d for d in quiz.dimensions if best[d] > 0 and scores[d] < best[d] / 2]
    weak.sort(key=lambda d: scores[d] / best[d])  # stable: ties keep the YAML's order
    return [quiz.dimensions[d] for d in weak]


def result_for(quiz: Quiz, answers: Answers) -> Result:
    scores = scores_for(quiz, answers)
    return Result(
        outcome_for(quiz, answers, scores), scores, revisit(quiz, scores, max_scores(quiz))
    )
