"""What a rule still depends on once some answers are known: its *residual*.

The exact proof walks the questions one by one. Once a question is answered, every leaf that
looks at its answer (``answer``, ``count``, ``value``) is true or false for good, so the proof
puts that in and simplifies: ``any: [area1 all ticked, area2 all ticked, ...]`` becomes true
once one area is, and stays ``any: [area3..., ...]`` while none is. Two partial answer sets
whose residuals are equal (and whose points are equal) are told apart by no rule, whatever the
remaining answers, so they are one state. Twelve checklists with an "all five ticked" rule then
keep two residuals where keeping each answer's tick count kept 6^12.

A residual is ``True``, ``False``, ``("leaf", number)``, ``("all" | "any", parts)`` or
``("not", part)``, all hashable (a leaf is never a bare number: 1 == True in Python). Leaves
on points (``score``, ``top``, ``tie``) stay leaves until the end, where the points decide
them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Union, cast

from .conditions import evaluate, leaf_kind
from .model import Answers, Condition

__all__ = ["Residual", "Rulebook", "Settler", "settle"]

Residual = Union[  # noqa: UP007 (a recursive alias needs the names quoted)
    bool, tuple[str, int], tuple[str, tuple["Residual", ...]], tuple[str, "Residual"]
]

# The leaves that look at one question's answer.
ANSWER_KINDS = ("answer", "count", "value")


class Rulebook:
    """The rules of a quiz compiled to residuals, each leaf numbered, with the leaves that look
    at each question's answer."""

    def __init__(self, conditions: list[Condition | None]) -> None:
        self.leaves: list[Condition] = []
        self.by_question: dict[str, list[int]] = {}
        self.start: tuple[Residual, ...] = tuple(self._compile(c) for c in conditions)

    def _compile(self, condition: Condition | None) -> Residual:
        if condition is None:
            return True
        for key in ("all", "any"):
            if key in condition:
                return _join(key, [self._compile(part) for part in condition[key]])
        if "not" in condition:
            return _negate(self._compile(condition["not"]))
        number = len(self.leaves)
        self.leaves.append(condition)
        kind = leaf_kind(condition)
        if kind in ANSWER_KINDS:
            self.by_question.setdefault(condition[kind], []).append(number)
        return ("leaf", number)

    def questions_of(self, rule: int) -> set[str]:
        """The questions whose answers ``rule`` looks at."""
        found: set[str] = set()
        _leaves_of(self.start[rule], found, self)
        return found

    def known(self, question: str, answer: str | list[str] | int | None) -> dict[int, bool]:
        """Each leaf on ``question``, true or false for ``answer`` (None: not asked)."""
        answers: Answers = {} if answer is None else {question: answer}
        leaves = self.by_question.get(question, [])
        return {n: evaluate(self.leaves[n], answers, {}) for n in leaves}


def _leaves_of(residual: Residual, found: set[str], book: Rulebook) -> None:
    if isinstance(residual, bool):
        return
    key, inner = residual
    if key == "leaf":
        leaf = book.leaves[cast(int, inner)]
        kind = leaf_kind(leaf)
        if kind in ANSWER_KINDS:
            found.add(leaf[kind])
    elif key == "not":
        _leaves_of(cast(Residual, inner), found, book)
    else:
        for part in cast(tuple[Residual, ...], inner):
            _leaves_of(part, found, book)


class Settler:
    """Settles a tuple of residuals as each answer comes, remembering what it worked out: the
    proof meets the same residuals with the same answer in many states."""

    def __init__(self) -> None:
        self.memo: dict[
            tuple[tuple[Residual, ...], tuple[tuple[int, bool], ...]], tuple[Residual, ...]
        ] = {}

    def __call__(
        self, residuals: tuple[Residual, ...], known: tuple[tuple[int, bool], ...]
    ) -> tuple[Residual, ...]:
        if not known or not residuals:
            return residuals
        key = (residuals, known)
        done = self.memo.get(key)
        if done is None:
            values = dict(known)
            done = self.memo[key] = tuple(settle(r, values) for r in residuals)
        return done


def settle(residual: Residual, known: Mapping[int, bool]) -> Residual:
    """``residual`` with the ``known`` leaves put in, simplified."""
    if isinstance(residual, bool):
        return residual
    key, inner = residual
    if key == "leaf":
        return known.get(cast(int, inner), residual)
    if key == "not":
        return _negate(settle(cast(Residual, inner), known))
    return _join(key, [settle(part, known) for part in cast(tuple[Residual, ...], inner)])


def _negate(residual: Residual) -> Residual:
    if isinstance(residual, bool):
        return not residual
    return ("not", residual)


def _join(key: str, parts: list[Residual]) -> Residual:
    """``all``/``any`` of ``parts``: a deciding constant decides it, the other constant drops
    out, and one part left is that part."""
    decides = key == "any"  # True decides an `any`, False an `all`
    kept: list[Residual] = []
    for part in parts:
        if part is decides:
            return decides
        if part is not (not decides):
            kept.append(part)
    if not kept:
        return not decides
    return kept[0] if len(kept) == 1 else (key, tuple(kept))
