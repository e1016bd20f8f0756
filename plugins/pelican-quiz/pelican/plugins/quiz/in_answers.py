"""Rules said in answers, not sums: for a quiz whose result shows no points (`result: {scores:
false}`), the "How the result is worked out" section says "you answered “A” or “B” to
question 2" wherever a bound on points means exactly that.

A bound on a dimension can be said in answers when one question alone adds points to it and
takes one answer: the bound holds for exactly the options whose points meet it (and, when the
question may be skipped, whenever it is not asked, if what it adds skipped meets the bound).
"""

from __future__ import annotations

from fractions import Fraction

from .conditions import map_leaves, references
from .model import Condition, Question, Quiz
from .scoring import adds_to

__all__ = ["in_answers", "summed_dimensions"]


def _only_source(quiz: Quiz, dimension: str) -> Question | None:
    """The one question that adds points to ``dimension``, if there is one and it takes one
    answer."""
    sources = [q for q in quiz.questions if adds_to(q, dimension)]
    if len(sources) != 1 or sources[0].type in ("multiple", "number"):
        return None
    return sources[0]


def _meets(leaf: Condition, points: Fraction) -> bool:
    return bool(points < leaf["below"]) if "below" in leaf else bool(points >= leaf["at_least"])


def _said_in_answers(quiz: Quiz, leaf: Condition) -> Condition | None:
    """The answers a bound on points stands for, or None when it takes a sum to say."""
    question = _only_source(quiz, leaf["score"])
    if question is None:
        return None
    options = [
        o.id for o in question.options if _meets(leaf, o.score.get(leaf["score"], Fraction(0)))
    ]
    when_skipped = question.skipped.get(leaf["score"], Fraction(0))
    skipped = question.show_if is not None and _meets(leaf, when_skipped)
    if len(options) == len(question.options) and not skipped:
        return None  # it always holds: a bound no one would write; the sum says it as well
    picked: Condition = {"answer": question.id, "in": options}
    if not options:
        return {"not": question.show_if} if skipped else None
    return {"any": [picked, {"not": question.show_if}]} if skipped else picked


def in_answers(condition: Condition | None, quiz: Quiz) -> Condition | None:
    """``condition`` with every bound on points that answers can say said in answers."""

    def leaf(part: Condition) -> Condition:
        if "score" in part:
            return _said_in_answers(quiz, part) or part
        return part

    return map_leaves(condition, leaf)


def summed_dimensions(quiz: Quiz, conditions: list[Condition | None]) -> set[str]:
    """The dimensions a reader must still add up to follow ``conditions`` said in answers."""
    needed: set[str] = set()
    for condition in conditions:
        for kind, leaf in references(in_answers(condition, quiz)):
            if kind == "score":
                needed.add(leaf["score"])
            elif kind in ("top", "tie"):
                needed.update(leaf["among"])
    return needed
