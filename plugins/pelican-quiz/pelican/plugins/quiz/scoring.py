"""Scoring: which questions are shown, the points per dimension, the outcome, what to revisit.

The browser widget implements exactly these rules; a property test checks they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .conditions import evaluate
from .model import Answers, Dimension, Notice, Outcome, Question, Quiz

__all__ = [
    "Range",
    "Result",
    "add_skipped",
    "adds_to",
    "asked",
    "chosen",
    "notices_for",
    "points_of",
    "question_range",
    "ranges",
    "result_for",
    "scores_for",
    "share",
    "shown",
    "walk",
]


def chosen(question: Question, answers: Answers) -> list[str]:
    """The option ids picked for ``question`` (none when unanswered, or a number)."""
    given = answers.get(question.id)
    if given is None or isinstance(given, int):
        return []
    return list(given) if isinstance(given, list) else [given]


def points_of(question: Question, answer: str | list[str] | int) -> dict[str, Fraction]:
    """The points one answer to ``question`` adds: its options', or its value's band's."""
    if isinstance(answer, int):
        band = question.band_of(answer)
        return dict(band.score) if band else {}
    picked = answer if isinstance(answer, list) else [answer]
    points: dict[str, Fraction] = {}
    for option in question.options:
        if option.id in picked:
            for dimension, value in option.score.items():
                points[dimension] = points.get(dimension, Fraction(0)) + value
    return points


def shown(
    question: Question, answers: Answers, scores: Mapping[str, Fraction] | None = None
) -> bool:
    """Whether ``question`` is asked, given the answers to the questions before it and the
    points they add (a show_if may look at points only earlier questions add)."""
    return evaluate(question.show_if, answers, scores or {})


def add_points(
    scores: dict[str, Fraction], question: Question, answer: str | list[str] | int
) -> None:
    for dimension, points in points_of(question, answer).items():
        scores[dimension] += points


def adds_to(question: Question, dimension: str) -> bool:
    """Whether ``question`` can add points to ``dimension``, answered or skipped."""
    return any(points.get(dimension) for points in question.answer_points()) or bool(
        question.skipped.get(dimension)
    )


def add_skipped(scores: dict[str, Fraction], question: Question) -> None:
    """What a question adds when it is not asked (`skipped:`)."""
    for dimension, points in question.skipped.items():
        scores[dimension] += points


def walk(quiz: Quiz, answers: Answers) -> tuple[Answers, dict[str, Fraction]]:
    """The answers to the questions that are asked (a question `show_if` skips has none), and
    the points they add, with what each skipped question adds."""
    visible: Answers = {}
    scores = dict.fromkeys(quiz.dimensions, Fraction(0))
    for question in quiz.questions:
        if not shown(question, visible, scores):
            add_skipped(scores, question)
        elif question.id in answers:
            visible[question.id] = answers[question.id]
            add_points(scores, question, answers[question.id])
    return visible, scores


def asked(quiz: Quiz, answers: Answers) -> Answers:
    """The answers to the questions that are asked."""
    return walk(quiz, answers)[0]


def scores_for(quiz: Quiz, answers: Answers) -> dict[str, Fraction]:
    """Points per dimension, exactly: the answers to the questions asked, and what each
    skipped question adds."""
    return walk(quiz, answers)[1]


@dataclass(frozen=True)
class Range:
    """The least and the most points a dimension can add up to."""

    low: Fraction
    high: Fraction


def question_range(question: Question, dimension: str) -> Range:
    """The least and the most one question can add to ``dimension``: a single answer one
    option's points, a multiple answer any of its options' (the negative ones at worst, the
    positive ones at best); a question that `show_if` can skip may add what it adds skipped
    (nothing, unless it says)."""
    points = [o.score.get(dimension, Fraction(0)) for o in question.options]
    if question.type == "number":  # the bands its values reach; past every below, nothing
        reached = [question.band_of(value) for value in _band_starts(question)]
        points = [b.score.get(dimension, Fraction(0)) if b else Fraction(0) for b in reached]
    if question.type == "multiple":
        least = sum((p for p in points if p < 0), Fraction(0))
        most = sum((p for p in points if p > 0), Fraction(0))
    else:
        least, most = min(points), max(points)
    if question.show_if is not None:
        skipped = question.skipped.get(dimension, Fraction(0))
        least, most = min(least, skipped), max(most, skipped)
    return Range(least, most)


def _band_starts(question: Question) -> list[int]:
    """One value of each stretch of a number question's range that one band holds."""
    starts = {question.least}
    starts |= {b.below for b in question.bands if b.below is not None}
    return sorted(v for v in starts if question.least <= v <= question.most)


def ranges(quiz: Quiz) -> dict[str, Range]:
    """Each dimension's range, the sum of what each question can add to it."""
    spans = {}
    for dimension in quiz.dimensions:
        parts = [question_range(q, dimension) for q in quiz.questions]
        spans[dimension] = Range(
            sum((r.low for r in parts), Fraction(0)), sum((r.high for r in parts), Fraction(0))
        )
    return spans


def share(dimension: Dimension, score: Fraction, span: Range) -> Fraction:
    """How good a score is, from 0 (the worst the dimension can be) to 1 (the best)."""
    if span.high <= span.low:
        return Fraction(1)
    share = (score - span.low) / (span.high - span.low)
    return 1 - share if dimension.lower_is_better else share


@dataclass(frozen=True)
class Result:
    outcome: Outcome | None
    scores: dict[str, Fraction]
    revisit: list[Dimension]
    notices: list[Notice] = field(default_factory=list)


def outcome_for(quiz: Quiz, answers: Answers, scores: Mapping[str, Fraction]) -> Outcome | None:
    """The first outcome whose condition holds."""
    return next((o for o in quiz.outcomes if evaluate(o.when, answers, scores)), None)


def revisit(
    quiz: Quiz, scores: Mapping[str, Fraction], spans: Mapping[str, Range]
) -> list[Dimension]:
    """Shown dimensions in their worse half (below the middle of their range, or above it
    where fewer points are better), worst first, at most `result: {revisit: N}` of them."""
    goodness = {d.id: share(d, scores[d.id], spans[d.id]) for d in quiz.shown_dimensions()}
    weak = [d for d, value in goodness.items() if value < Fraction(1, 2)]
    weak.sort(key=goodness.__getitem__)  # stable: ties keep the YAML's order
    return [quiz.dimensions[d] for d in weak[: quiz.result.revisit]]


def notices_for(quiz: Quiz, answers: Answers, scores: Mapping[str, Fraction]) -> list[Notice]:
    """The notices shown beside the result, in the YAML's order."""
    return [n for n in quiz.notices if evaluate(n.when, answers, scores)]


def result_for(quiz: Quiz, answers: Answers) -> Result:
    visible, scores = walk(quiz, answers)
    return Result(
        outcome_for(quiz, visible, scores),
        scores,
        revisit(quiz, scores, ranges(quiz)),
        notices_for(quiz, visible, scores),
    )
