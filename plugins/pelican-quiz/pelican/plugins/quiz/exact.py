"""The exact routing proof: every answer set a reader can give, counted without listing them.

Answer sets that agree on everything the rules can see reach the same outcome and show the
same notices. So the proof never lists answer sets; it keeps one entry per *state*, with how
many answer sets are in it and one of them as an example. Its cost grows with the distinct
states, not with the answer sets (5^50 of them for a 50-statement inventory):

- Questions fall into independent *parts*: two questions are in one part when they add points
  to a dimension that some rule looks at, or when one's `show_if` looks at the other. Each part
  is walked on its own, question by question, keeping per state the points of its dimensions
  and what the conditions can tell of each answer: which of the option sets they name it
  picks from, and, for `count`, how many boxes it ticks.
- A finished part then keeps only what the rules can tell apart: for each dimension, which of
  the rules' bounds its points have reached, for each `top`, its leader and the leader's
  points, and what outcomes and notices (not only show_if) see of its answers. The parts are
  then combined one after the other.

A five-factor inventory with "the highest factor wins" is five parts of ten questions, and
its proof keeps a few hundred states. Points are whole numbers of 1/``scale`` of a point, so
0.7 + 0.1 is 0.8 exactly, as in the scorer and the widget.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from .conditions import references
from .model import Answers, Question, Quiz
from .proof_limits import Limits
from .rule_view import Seen, View, choices, point_scale, seen_by_rules
from .scoring import adds_to, question_range, scores_for, shown

__all__ = ["State", "exact_states"]


@dataclass
class State:
    count: int  # how many answer sets are in this state
    example: Answers  # one of them
    scores: dict[str, Fraction]  # its points on the dimensions some rule looks at


def _parts(quiz: Quiz, dimensions: list[str]) -> list[list[Question]]:
    """The questions in independent parts (union-find), each in YAML order."""
    parent = list(range(len(quiz.questions)))
    index = {q.id: i for i, q in enumerate(quiz.questions)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scorer: dict[str, int] = {}
    for i, question in enumerate(quiz.questions):
        # A show_if joins the questions it looks at, or those that add to the points it
        # looks at (all of them earlier: the loader makes sure).
        linked = [
            scorer.get(leaf["score"], i) if kind == "score" else index[leaf[kind]]
            for kind, leaf in references(question.show_if)
        ]
        for dimension in dimensions:
            if adds_to(question, dimension):
                linked.append(scorer.setdefault(dimension, i))
        for other in linked:
            parent[root(other)] = root(i)
    groups: dict[int, list[Question]] = {}
    for i, question in enumerate(quiz.questions):
        groups.setdefault(root(i), []).append(question)
    return sorted(groups.values(), key=lambda part: index[part[0].id])


# A part's state while it is walked: (points per dimension, views) -> (count, example).
_Views = tuple[tuple[str, View], ...]
_WalkKey = tuple[tuple[int, ...], _Views]
_Walk = dict[_WalkKey, tuple[int, Answers]]


# The points of a dimension that can no longer lead any `top` it is in (nor meet any bound):
# its exact points no longer matter, so such states merge.
OUT_OF_THE_RUNNING = -(10**30)


class _Dominance:
    """Within one part, a dimension that only `top` looks at drops out of the running once,
    even gaining the most it still can, it ends below another dimension of each of its groups
    gaining the least. Its points then stop telling states apart."""

    def __init__(self, part: list[Question], dims: list[str], scale: int, seen: Seen) -> None:
        index = {d: i for i, d in enumerate(dims)}
        # For each dimension only `top` looks at, the others it must fall behind: one per group.
        self.rivals: dict[int, list[list[int]]] = {}
        for d in dims:
            groups = [g for g in seen.groups if d in g]
            if d in seen.bounds or not groups:
                continue
            rivals = [[index[e] for e in g if e != d and e in index] for g in groups]
            if all(rivals):  # a group whose other dimensions are in other parts: no telling
                self.rivals[index[d]] = rivals
        # What the questions after each step can still add, at least and at most.
        least, most = [0] * len(dims), [0] * len(dims)
        self.after: list[tuple[list[int], list[int]]] = []
        for question in reversed(part):
            self.after.append((list(least), list(most)))
            for i, d in enumerate(dims):
                span = question_range(question, d)
                least[i] += int(span.low * scale)
                most[i] += int(span.high * scale)
        self.after.reverse()

    def apply(self, step: int, points: tuple[int, ...]) -> tuple[int, ...]:
        if not self.rivals:
            return points
        least, most = self.after[step]
        out = list(points)
        for i, groups in self.rivals.items():
            if out[i] == OUT_OF_THE_RUNNING:
                continue
            best = points[i] + most[i]
            if all(
                any(out[e] != OUT_OF_THE_RUNNING and best < points[e] + least[e] for e in rivals)
                for rivals in groups
            ):
                out[i] = OUT_OF_THE_RUNNING
        return tuple(out)


def _walk(
    part: list[Question], dimensions: list[str], scale: int, seen: Seen, clock: Limits
) -> _Walk:
    dominance = _Dominance(part, dimensions, scale, seen)
    states: _Walk = {(tuple(0 for _ in dimensions), ()): (1, {})}

    def plus(points: tuple[int, ...], delta: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(
            a if a == OUT_OF_THE_RUNNING else a + b for a, b in zip(points, delta, strict=True)
        )

    for step, question in enumerate(part):
        distinct = choices(question, dimensions, scale, seen)
        skipped = tuple(int(question.skipped.get(d, 0) * scale) for d in dimensions)
        following: _Walk = {}
        for (points, views), (count, example) in states.items():
            clock.check(len(states) + len(following))
            # The points so far, for a show_if on points of earlier questions.
            scores = {
                d: Fraction(p, scale)
                for d, p in zip(dimensions, points, strict=True)
                if p != OUT_OF_THE_RUNNING
            }
            if not shown(question, example, scores):
                key = (dominance.apply(step, plus(points, skipped)), views)
                _merge(following, key, count, example)
                continue
            for choice in distinct:
                clock.check(len(states) + len(following))
                key = (
                    dominance.apply(step, plus(points, choice.delta)),
                    views if choice.view is None else (*views, (question.id, choice.view)),
                )
                _merge(following, key, count * choice.ways, {**example, question.id: choice.answer})
        states = following
    return states


K = TypeVar("K")


def _merge(states: dict[K, tuple[int, Answers]], key: K, count: int, example: Answers) -> None:
    """Add ``count`` answer sets to the state ``key``; its first example stays."""
    had = states.get(key)
    states[key] = (count, example) if had is None else (had[0] + count, had[1])


# What the rules can tell of a finished part, or of all parts combined so far:
# (band per dimension with bounds, leader per `top` group, views).
_Summary = tuple[tuple[tuple[str, int], ...], tuple[tuple[int, int, int] | None, ...], _Views]
# Its entries: summary -> (count, example answers).
_Combined = dict[_Summary, tuple[int, Answers]]


class _Abstraction:
    """Turns a part's points into what the rules can tell apart."""

    def __init__(self, seen: Seen, scale: int) -> None:
        self.bounds = {d: sorted({int(b * scale) for b in bs}) for d, bs in seen.bounds.items()}
        self.groups = seen.groups
        self.decisive = seen.decisive

    def summary(self, points: dict[str, int], views: _Views) -> _Summary:
        bands = tuple(
            (d, bisect_right(bounds, points[d])) for d, bounds in self.bounds.items() if d in points
        )
        leaders: list[tuple[int, int, int] | None] = []
        for g, among in enumerate(self.groups):
            here = [(points[d], -i) for i, d in enumerate(among) if d in points]
            if here:
                value, rank = max(here)  # the most points; on a tie the one listed first
                leaders.append((g, value, rank))
            else:
                leaders.append(None)
        kept = tuple((question, view) for question, view in views if question in self.decisive)
        return bands, tuple(leaders), kept

    @staticmethod
    def join(a: _Summary, b: _Summary) -> _Summary:
        leaders = tuple(
            x if y is None else y if x is None else max(x, y)
            for x, y in zip(a[1], b[1], strict=True)
        )
        return tuple(sorted(a[0] + b[0])), leaders, tuple(sorted(a[2] + b[2]))


def exact_states(quiz: Quiz, clock: Limits | None = None) -> Iterator[State]:
    """Every distinct final state of ``quiz``, each with its exact count of answer sets.

    Raises :class:`.ProofTooLong` or :class:`.ProofTooBig` past the ``clock``'s limits."""
    clock = clock or Limits(None)
    seen = seen_by_rules(quiz)
    dimensions = seen.dimensions(quiz)
    scale = point_scale(quiz)
    abstraction = _Abstraction(seen, scale)
    parts = _parts(quiz, dimensions)
    owned = [[d for d in dimensions if any(adds_to(q, d) for q in p)] for p in parts]
    # Dimensions no question adds to stay at 0: they start the combination.
    still = {d: 0 for d in dimensions if not any(d in own for own in owned)}
    combined: _Combined = {abstraction.summary(still, ()): (1, {})}
    for part, own in zip(parts, owned, strict=True):
        finished: _Combined = {}
        for (points, views), (count, example) in _walk(part, own, scale, seen, clock).items():
            clock.check(len(finished))
            summary = abstraction.summary(dict(zip(own, points, strict=True)), views)
            _merge(finished, summary, count, example)
        following: _Combined = {}
        for key, (count, example) in combined.items():
            for part_key, (part_count, part_example) in finished.items():
                clock.check(len(combined) + len(following))
                joined = abstraction.join(key, part_key)
                _merge(following, joined, count * part_count, {**example, **part_example})
        combined = following
    order = {q.id: i for i, q in enumerate(quiz.questions)}
    for count, example in combined.values():
        clock.check(len(combined))
        answers = dict(sorted(example.items(), key=lambda item: order[item[0]]))
        # The example's own points (a dimension out of the running kept none in its state).
        example_points = scores_for(quiz, answers)
        yield State(count, answers, {d: example_points[d] for d in dimensions})
