"""The exact routing proof: every answer set a reader can give, counted without listing them.

Answer sets that agree on what the rules can see (the points of the dimensions some outcome
looks at, and the answers to the questions some condition looks at) reach the same outcome,
and they stay alike whatever comes after. So the proof walks the questions in order keeping
one entry per such *state*, with how many answer sets are in it and one of them as an example:
its cost grows with the distinct states, not with the answer sets (5^50 of them for a
50-statement inventory with one total collapse into at most 201 states).

Points are exact numbers (``fractions.Fraction``; 0.7 + 0.1 is 0.8), as the scorer's are, so
answer sets with equal points always share a state.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from .conditions import evaluate, references
from .model import Answers, Question, Quiz
from .scoring import shown

__all__ = ["ProofTooLong", "State", "exact_states"]

Key = tuple[tuple[Fraction, ...], tuple[tuple[str, str | tuple[str, ...]], ...]]


class ProofTooLong(Exception):
    """The proof went past its time limit; ``states`` says how far it got."""

    def __init__(self, seconds: float, states: int) -> None:
        self.seconds, self.states = seconds, states
        super().__init__(f"more than {seconds:g} s ({states:,} distinct states so far)")


@dataclass
class State:
    count: int  # how many answer sets are in this state
    example: Answers  # one of them
    scores: dict[str, Fraction]  # the points of the dimensions some outcome looks at


def _seen(quiz: Quiz) -> tuple[list[str], set[str]]:
    """The dimensions outcomes look at, and the questions any condition looks at."""
    dimensions: list[str] = []
    questions: set[str] = set()
    conditions = [o.when for o in quiz.outcomes] + [q.show_if for q in quiz.questions]
    for condition in conditions:
        for kind, leaf in references(condition):
            if kind == "score" and leaf["score"] not in dimensions:
                dimensions.append(leaf["score"])
            elif kind == "answer":
                questions.add(leaf["answer"])
    return [d for d in quiz.dimensions if d in dimensions], questions


@dataclass(frozen=True)
class _Choice:
    answer: str | list[str]
    delta: tuple[Fraction, ...]  # the points it adds to each seen dimension
    ways: int  # answer sets this choice stands for (choices merged when nothing can tell)


def _choices(question: Question, dimensions: list[str], seen: bool) -> list[_Choice]:
    ids = question.option_ids()
    raw: list[str | list[str]]
    if question.type == "multiple":
        raw = [list(c) for size in range(len(ids) + 1) for c in combinations(ids, size)]
    else:
        raw = list(ids)
    by_id = {o.id: o for o in question.options}
    choices: list[_Choice] = []
    merged: dict[tuple[Fraction, ...], int] = {}
    for answer in raw:
        picked = answer if isinstance(answer, list) else [answer]
        delta = tuple(
            sum((by_id[p].score.get(d, Fraction(0)) for p in picked), Fraction(0))
            for d in dimensions
        )
        if not seen and delta in merged:  # nothing can tell these answers apart
            index = merged[delta]
            choices[index] = _Choice(choices[index].answer, delta, choices[index].ways + 1)
            continue
        merged.setdefault(delta, len(choices))
        choices.append(_Choice(answer, delta, 1))
    return choices


def _add(scores: tuple[Fraction, ...], delta: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(a + b for a, b in zip(scores, delta, strict=True))


def exact_states(quiz: Quiz, seconds: float | None = None) -> Iterator[State]:
    """Every distinct final state of ``quiz``, each with its exact count of answer sets.

    Raises :class:`ProofTooLong` past ``seconds``."""
    dimensions, seen = _seen(quiz)
    deadline = None if seconds is None else time.monotonic() + seconds
    zero = tuple(Fraction(0) for _ in dimensions)
    states: dict[Key, tuple[int, Answers]] = {(zero, ()): (1, {})}
    for question in quiz.questions:
        choices = _choices(question, dimensions, question.id in seen)
        following: dict[Key, tuple[int, Answers]] = {}
        for (scores, answers_key), (count, example) in states.items():
            if deadline is not None and time.monotonic() > deadline:
                raise ProofTooLong(seconds or 0, len(states) + len(following))
            if not shown(question, example):
                _merge(following, (scores, answers_key), count, example)
                continue
            for choice in choices:
                answer = choice.answer
                key_answer = tuple(answer) if isinstance(answer, list) else answer
                new_key: Key = (
                    _add(scores, choice.delta),
                    (*answers_key, (question.id, key_answer))
                    if question.id in seen
                    else answers_key,
                )
                _merge(following, new_key, count * choice.ways, {**example, question.id: answer})
        states = following
    for (scores, _), (count, example) in states.items():
        yield State(count, example, dict(zip(dimensions, scores, strict=True)))


def _merge(states: dict[Key, tuple[int, Answers]], key: Key, count: int, example: Answers) -> None:
    if key in states:
        total, first = states[key]
        states[key] = (total + count, first)
    else:
        states[key] = (count, example)


def outcome_of(quiz: Quiz, state: State) -> str | None:
    """The outcome a state's answer sets reach (the first whose condition holds)."""
    for outcome in quiz.outcomes:
        if evaluate(outcome.when, state.example, state.scores):
            return outcome.id
    return None
