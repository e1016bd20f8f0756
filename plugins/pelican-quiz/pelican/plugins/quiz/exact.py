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

import math
import time
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from .conditions import evaluate, references
from .model import Answers, Condition, Question, Quiz
from .scoring import shown

__all__ = ["ProofTooLong", "State", "exact_states", "outcome_of", "rules"]


class ProofTooLong(Exception):
    """The proof went past its time limit; ``states`` says how far it got."""

    def __init__(self, seconds: float, states: int) -> None:
        self.seconds, self.states = seconds, states
        super().__init__(f"more than {seconds:g} s ({states:,} distinct states so far)")


@dataclass
class State:
    count: int  # how many answer sets are in this state
    example: Answers  # one of them
    scores: dict[str, Fraction]  # its points on the dimensions some rule looks at


def rules(quiz: Quiz) -> list[Condition | None]:
    """Every condition that decides what a reader sees: outcomes, notices and show_if."""
    return (
        [o.when for o in quiz.outcomes]
        + [n.when for n in quiz.notices]
        + [q.show_if for q in quiz.questions]
    )


@dataclass
class _Seen:
    """What the rules look at."""

    bounds: dict[str, list[Fraction]] = field(default_factory=dict)  # dimension -> its bounds
    groups: list[tuple[str, ...]] = field(default_factory=list)  # each `top`'s among
    # question -> each distinct option set an `answer` leaf names (`is` or `in`): all the
    # rules can tell of an answer is which of these sets it picks from
    answers: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    counts: set[str] = field(default_factory=set)  # questions whose ticks are counted
    # Of those, the ones an outcome or a notice looks at: once a part is finished, the answers
    # only its show_if looked at are no longer needed.
    decisive: set[str] = field(default_factory=set)

    def dimensions(self, quiz: Quiz) -> list[str]:
        used = set(self.bounds).union(*map(set, self.groups))
        return [d for d in quiz.dimensions if d in used]


def _seen(quiz: Quiz) -> _Seen:
    seen = _Seen()
    for number, condition in enumerate(rules(quiz)):
        for kind, leaf in references(condition):
            if kind in ("answer", "count") and number < len(quiz.outcomes) + len(quiz.notices):
                seen.decisive.add(leaf[kind])
            if kind == "score":
                bound = leaf["below"] if "below" in leaf else leaf["at_least"]
                seen.bounds.setdefault(leaf["score"], []).append(Fraction(bound))
            elif kind == "top" and tuple(leaf["among"]) not in seen.groups:
                seen.groups.append(tuple(leaf["among"]))
            elif kind == "answer":
                wanted = frozenset([leaf["is"]] if "is" in leaf else leaf["in"])
                sets = seen.answers.setdefault(leaf["answer"], [])
                if wanted not in sets:
                    sets.append(wanted)
            elif kind == "count":
                seen.counts.add(leaf["count"])
    return seen


def _scale(quiz: Quiz, seen: _Seen) -> int:
    """The number of parts a point is counted in, so that every sum is a whole number."""
    numbers = [b for bounds in seen.bounds.values() for b in bounds]
    numbers += [o.score[d] for q in quiz.questions for o in q.options for d in o.score]
    return math.lcm(1, *(n.denominator for n in numbers))


# What the rules see of one answer: for each option set of the question's `answer` leaves,
# whether the answer picks from it, and for `count`, how many boxes are ticked.
View = tuple[tuple[bool, ...], int] | None


@dataclass(frozen=True)
class _Choice:
    answer: str | list[str]
    delta: tuple[int, ...]  # the points it adds to each of its part's dimensions
    view: View  # what the rules see of it: the answer, the number ticked, or nothing
    ways: int  # answer sets it stands for (answers nothing can tell apart are merged)


def _choices(question: Question, dimensions: list[str], scale: int, seen: _Seen) -> list[_Choice]:
    """The answers to ``question`` that the rules can tell apart, each with how many answers
    it stands for. A multiple question's 2^n answers are merged option by option, never
    listed: what counts is the points they add, which of the rules' option sets they pick
    from, and how many boxes they tick."""
    sets = seen.answers.get(question.id, [])
    counted = question.id in seen.counts
    looked_at = bool(sets) or counted
    points = {
        o.id: tuple(int(o.score.get(d, 0) * scale) for d in dimensions) for o in question.options
    }
    # (points added, option sets picked from, boxes ticked) -> (answers, the first of them)
    Key = tuple[tuple[int, ...], tuple[bool, ...], int]
    found: dict[Key, tuple[int, str | list[str]]] = {}
    if question.type != "multiple":
        for option, add in points.items():
            key = (add, tuple(option in s for s in sets), 1)
            had = found.get(key)
            found[key] = (1, option) if had is None else (had[0] + 1, had[1])
    else:
        ticks: dict[Key, tuple[int, list[str]]] = {
            (tuple(0 for _ in dimensions), tuple(False for _ in sets), 0): (1, [])
        }
        for option, add in points.items():
            following = dict(ticks)
            for (delta, picked, ticked), (ways, example) in ticks.items():
                key = (
                    tuple(a + b for a, b in zip(delta, add, strict=True)),
                    tuple(p or option in s for p, s in zip(picked, sets, strict=True)),
                    ticked + 1 if counted else 0,
                )
                had = following.get(key)
                following[key] = (
                    (ways, [*example, option]) if had is None else (had[0] + ways, had[1])
                )
            ticks = following
        found = dict(ticks)
    return [
        _Choice(example, delta, (picked, ticked) if looked_at else None, ways)
        for (delta, picked, ticked), (ways, example) in found.items()
    ]


class _Clock:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def check(self, states: int) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ProofTooLong(self.seconds or 0, states)


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
        linked = [
            index[leaf.get("answer") or leaf["count"]] for _, leaf in references(question.show_if)
        ]
        for dimension in dimensions:
            if any(o.score.get(dimension) for o in question.options):
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


def _walk(
    part: list[Question], dimensions: list[str], scale: int, seen: _Seen, clock: _Clock
) -> _Walk:
    states: _Walk = {(tuple(0 for _ in dimensions), ()): (1, {})}
    for question in part:
        choices = _choices(question, dimensions, scale, seen)
        following: _Walk = {}
        for (points, views), (count, example) in states.items():
            clock.check(len(states) + len(following))
            if not shown(question, example):
                _merge(following, (points, views), count, example)
                continue
            for choice in choices:
                key = (
                    tuple(a + b for a, b in zip(points, choice.delta, strict=True)),
                    views if choice.view is None else (*views, (question.id, choice.view)),
                )
                _merge(following, key, count * choice.ways, {**example, question.id: choice.answer})
        states = following
    return states


def _merge(states: _Walk, key: _WalkKey, count: int, example: Answers) -> None:
    had = states.get(key)
    states[key] = (count, example) if had is None else (had[0] + count, had[1])


# What the rules can tell of a finished part, or of all parts combined so far:
# (band per dimension with bounds, leader per `top` group, views).
_Summary = tuple[tuple[tuple[str, int], ...], tuple[tuple[int, int, int] | None, ...], _Views]
# Its entries: summary -> (count, example answers, example points).
_Combined = dict[_Summary, tuple[int, Answers, dict[str, int]]]


class _Abstraction:
    """Turns a part's points into what the rules can tell apart."""

    def __init__(self, seen: _Seen, scale: int) -> None:
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


def exact_states(quiz: Quiz, seconds: float | None = None) -> Iterator[State]:
    """Every distinct final state of ``quiz``, each with its exact count of answer sets.

    Raises :class:`ProofTooLong` past ``seconds``."""
    clock = _Clock(seconds)
    seen = _seen(quiz)
    dimensions = seen.dimensions(quiz)
    scale = _scale(quiz, seen)
    abstraction = _Abstraction(seen, scale)
    # Dimensions no question adds to stay at 0: they start the combination.
    still = {d: 0 for d in dimensions}
    for question in quiz.questions:
        for option in question.options:
            for d in option.score:
                if option.score[d]:
                    still.pop(d, None)
    combined: _Combined = {abstraction.summary(still, ()): (1, {}, dict(still))}
    for part in _parts(quiz, dimensions):
        own = [d for d in dimensions if any(o.score.get(d) for q in part for o in q.options)]
        finished: _Combined = {}
        for (points, views), (count, example) in _walk(part, own, scale, seen, clock).items():
            values = dict(zip(own, points, strict=True))
            key = abstraction.summary(values, views)
            if key in finished:
                finished[key] = (finished[key][0] + count, *finished[key][1:])
            else:
                finished[key] = (count, example, values)
        following: _Combined = {}
        for key, (count, example, values) in combined.items():
            clock.check(len(combined) + len(following))
            for part_key, (part_count, part_example, part_values) in finished.items():
                joined = abstraction.join(key, part_key)
                total = count * part_count
                if joined in following:
                    following[joined] = (following[joined][0] + total, *following[joined][1:])
                else:
                    following[joined] = (
                        total,
                        {**example, **part_example},
                        {**values, **part_values},
                    )
        combined = following
    order = {q.id: i for i, q in enumerate(quiz.questions)}
    for count, example, values in combined.values():
        answers = dict(sorted(example.items(), key=lambda item: order[item[0]]))
        scores = {d: Fraction(values[d], scale) for d in dimensions}
        yield State(count, answers, scores)


def outcome_of(quiz: Quiz, state: State) -> str | None:
    """The outcome a state's answer sets reach (the first whose condition holds)."""
    for outcome in quiz.outcomes:
        if evaluate(outcome.when, state.example, state.scores):
            return outcome.id
    return None
