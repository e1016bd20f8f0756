"""The exact routing proof: every answer set a reader can give, counted without listing them.

Answer sets that agree on everything the rules can see reach the same outcome and show the
same notices. So the proof never lists answer sets; it keeps one entry per *state*, with how
many answer sets are in it and one of them as an example. Its cost grows with the distinct
states, not with the answer sets (5^50 of them for a 50-statement inventory):

- Questions fall into independent *parts*: two questions are in one part when they add points
  to a dimension that some rule looks at, or when one's `show_if` looks at the other. Each part
  is walked on its own, question by question, keeping per state the points of its dimensions
  and what is left of each rule once the answers so far are put in (:mod:`.residuals`: "any
  area all ticked" is true, or still open, whatever each area's tick count). A rule that looks
  at answers in several parts keeps, instead, what it can tell of those answers: which of the
  option sets it names each picks from, and, for `count`, how many boxes it ticks.
- The walk looks ahead (:class:`_Lookahead`): points whose band, or whose chance of leading a
  `top`, nothing still to come can change stop telling states apart.
- A finished part then keeps only what the rules can tell apart: for each dimension, which of
  the rules' bounds its points have reached, for each `top`, its leader and the leader's
  points, and what is left of the outcomes', notices' and guarantees' rules. The parts are
  then combined one after the other.

A five-factor inventory with "the highest factor wins" is five parts of ten questions, and
its proof keeps a few hundred states. Points are whole numbers of 1/``scale`` of a point, so
0.7 + 0.1 is 0.8 exactly, as in the scorer and the widget.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from .conditions import references
from .model import Answers, Question, Quiz
from .proof_limits import Limits
from .residuals import Residual, Rulebook, Settler
from .rule_view import Seen, View, choices, decisive_rules, point_scale, rules, seen_by_rules
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


# A part's state while it is walked: (points per dimension, residuals of the rules it
# settles, views kept for rules across parts) -> (count, example).
_Views = tuple[tuple[str, View], ...]
_WalkKey = tuple[tuple[int, ...], tuple[Residual, ...], _Views]
_Walk = dict[_WalkKey, tuple[int, Answers]]


# The points of a dimension that can no longer lead any `top` it is in (nor meet any bound):
# its exact points no longer matter, so such states merge.
OUT_OF_THE_RUNNING = -(10**30)


class _Lookahead:
    """What the questions still to come can do to a part's points, so that states whose
    points no remaining answers can tell apart are one:

    - a dimension that only `top` looks at drops out of the running once, even gaining the
      most it still can, it ends below another dimension of each of its groups gaining the
      least; its points then stop telling states apart;
    - a dimension that only bounds look at (no `top`, no show_if) is settled once the least
      and the most still to come land it in the same band: its points become that band's
      one stand-in.
    """

    def __init__(
        self, part: list[Question], dims: list[str], scale: int, seen: Seen, watched: set[str]
    ) -> None:
        index = {d: i for i, d in enumerate(dims)}
        in_groups = {d for g in seen.groups for d in g}
        self.banded = {
            index[d]: sorted({int(b * scale) for b in seen.bounds[d]})
            for d in dims
            if d in seen.bounds and d not in in_groups and d not in watched
        }
        # Each `top` group, as this part's dimensions in it, and for each dimension only `top`
        # looks at, the groups it must fall behind another dimension of to drop out.
        self.groups: list[tuple[int, ...]] = []
        self.rivals: dict[int, list[int]] = {}
        for d in dims:
            groups = [g for g in seen.groups if d in g]
            if d in seen.bounds or not groups:
                continue
            members = [tuple(index[e] for e in g if e in index) for g in groups]
            if any(len(m) < 2 for m in members):  # its rivals are in other parts: no telling
                continue
            for m in members:
                if m not in self.groups:
                    self.groups.append(m)
            self.rivals[index[d]] = [self.groups.index(m) for m in members]
        # Whether `top` alone looks at this part's points, each time comparing only them.
        self.relative = all(
            d not in seen.bounds and all(e in index for g in seen.groups if d in g for e in g)
            for d in dims
        )
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
        if self.banded:
            points = self._settle(step, points)
        if not self.rivals:
            return points
        points = self._apply(step, points)
        if self.relative:
            # Only `top` compares these points, and only with each other: what tells states
            # apart is how far each is from the others, so they count from the lowest.
            low = min((p for p in points if p != OUT_OF_THE_RUNNING), default=0)
            if low:
                points = tuple(p if p == OUT_OF_THE_RUNNING else p - low for p in points)
        return points

    def _settle(self, step: int, points: tuple[int, ...]) -> tuple[int, ...]:
        least, most = self.after[step]
        out = list(points)
        for i, bounds in self.banded.items():
            band = bisect_right(bounds, points[i] + least[i])
            if band != bisect_right(bounds, points[i] + most[i]):
                continue  # what is still to come can change its band
            # The stand-in: the lowest points that surely end in this band (below every
            # bound: the highest that surely end below the first).
            out[i] = bounds[0] - 1 - most[i] if band == 0 else bounds[band - 1] - least[i]
        return tuple(out)

    def _apply(self, step: int, points: tuple[int, ...]) -> tuple[int, ...]:
        least, most = self.after[step]
        # In each group, the two surest finishes (points now plus the least still to come) of
        # the dimensions still in the running, and whose the surest is.
        surest: list[tuple[int, int, int]] = []
        for group in self.groups:
            first = second = OUT_OF_THE_RUNNING
            leader = -1
            for e in group:
                if points[e] == OUT_OF_THE_RUNNING:
                    continue
                sure = points[e] + least[e]
                if sure > first:
                    first, second, leader = sure, first, e
                elif sure > second:
                    second = sure
            surest.append((first, second, leader))
        out = list(points)
        for i, groups in self.rivals.items():
            if points[i] == OUT_OF_THE_RUNNING:
                continue
            best = points[i] + most[i]
            # Out when, in every group, another dimension surely ends above its best.
            if all(
                best < (second if leader == i else first)
                for first, second, leader in (surest[g] for g in groups)
            ):
                out[i] = OUT_OF_THE_RUNNING
        return tuple(out)


@dataclass
class _Tracked:
    """The rules a part settles while it is walked (their answer leaves all look at its
    questions), and the questions whose answers other rules look at across parts (kept as they
    are, as views)."""

    book: Rulebook
    rules: list[int]  # indices into :func:`.rule_view.rules`
    viewed: set[str]  # questions whose views the walk keeps


def _walk(
    part: list[Question],
    dimensions: list[str],
    scale: int,
    seen: Seen,
    tracked: _Tracked,
    watched: set[str],
    clock: Limits,
) -> _Walk:
    lookahead = _Lookahead(part, dimensions, scale, seen, watched)
    start = tuple(tracked.book.start[r] for r in tracked.rules)
    states: _Walk = {(tuple(0 for _ in dimensions), start, ()): (1, {})}
    settled = Settler()

    # Where points go with an answer's delta, worked out once per step: many states share
    # their points (they differ in residuals or views), and many answers add the same.
    moved: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[int, ...]] = {}

    def move(step: int, points: tuple[int, ...], delta: tuple[int, ...]) -> tuple[int, ...]:
        done = moved.get((points, delta))
        if done is None:
            added = tuple(
                a if a == OUT_OF_THE_RUNNING else a + b for a, b in zip(points, delta, strict=True)
            )
            done = moved[(points, delta)] = lookahead.apply(step, added)
        return done

    for step, question in enumerate(part):
        moved.clear()
        distinct = choices(question, dimensions, scale, seen)
        viewed = question.id in tracked.viewed
        # What each answer (and not being asked) settles of the rules, worked out once.
        known = [tuple(tracked.book.known(question.id, c.answer).items()) for c in distinct]
        unasked = tuple(tracked.book.known(question.id, None).items())
        skipped = tuple(int(question.skipped.get(d, 0) * scale) for d in dimensions)
        many = len(distinct) > 64
        following: _Walk = {}
        for (points, residuals, views), (count, example) in states.items():
            clock.check(len(states) + len(following))
            # The points so far, for a show_if on points of earlier questions.
            if question.show_if is not None and not shown(
                question,
                example,
                {
                    d: Fraction(p, scale)
                    for d, p in zip(dimensions, points, strict=True)
                    if p != OUT_OF_THE_RUNNING
                },
            ):
                key = (
                    move(step, points, skipped),
                    settled(residuals, unasked),
                    views,
                )
                _merge(following, key, count, example)
                continue
            for choice, settles in zip(distinct, known, strict=True):
                if many:  # a state of thousands of answers must not outrun the limit
                    clock.check(len(states) + len(following))
                key = (
                    move(step, points, choice.delta),
                    settled(residuals, settles),
                    (*views, (question.id, choice.view))
                    if viewed and choice.view is not None
                    else views,
                )
                had = following.get(key)
                if had is None:  # a new state: its example is this one answer set
                    example_here = {**example, question.id: choice.answer}
                    following[key] = (count * choice.ways, example_here)
                else:
                    following[key] = (had[0] + count * choice.ways, had[1])
        states = following
    return states


K = TypeVar("K")


def _merge(states: dict[K, tuple[int, Answers]], key: K, count: int, example: Answers) -> None:
    """Add ``count`` answer sets to the state ``key``; its first example stays."""
    had = states.get(key)
    states[key] = (count, example) if had is None else (had[0] + count, had[1])


# What the rules can tell of a finished part, or of all parts combined so far: (band per
# dimension with bounds, leader per `top` group, what the outcomes, notices and guarantees
# still need of its answers: ("r", rule, residual) for a rule settled in one part, ("q",
# question, view) for a question rules across parts look at).
_Kept = tuple[tuple[str, object, object], ...]
_Summary = tuple[tuple[tuple[str, int], ...], tuple[tuple[int, int, int] | None, ...], _Kept]
# Its entries: summary -> (count, example answers).
_Combined = dict[_Summary, tuple[int, Answers]]


class _Abstraction:
    """Turns a part's points into what the rules can tell apart."""

    def __init__(self, seen: Seen, scale: int, decisive: int) -> None:
        self.bounds = {d: sorted({int(b * scale) for b in bs}) for d, bs in seen.bounds.items()}
        self.groups = seen.groups
        self.decisive = seen.decisive
        self.decisive_rules = decisive  # rules before this index are outcomes, notices...

    def summary(
        self,
        points: dict[str, int],
        views: _Views,
        rules: Sequence[int] = (),
        residuals: tuple[Residual, ...] = (),
    ) -> _Summary:
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
        kept: _Kept = tuple(
            ("q", question, view) for question, view in views if question in self.decisive
        ) + tuple(
            ("r", rule, residual)
            for rule, residual in zip(rules, residuals, strict=True)
            if rule < self.decisive_rules  # a show_if is done with once its part is
        )
        return bands, tuple(leaders), kept

    @staticmethod
    def join(a: _Summary, b: _Summary) -> _Summary:
        leaders = tuple(
            x if y is None else y if x is None else max(x, y)
            for x, y in zip(a[1], b[1], strict=True)
        )
        return tuple(sorted(a[0] + b[0])), leaders, tuple(sorted(a[2] + b[2]))


def _track(quiz: Quiz, parts: list[list[Question]]) -> list[_Tracked]:
    """For each part, the rules it settles as it goes and the questions it keeps views of.

    A rule whose answer leaves look at questions of one part is settled in that part. One that
    looks at questions of several parts keeps those questions' views (what it can tell of each
    answer) until the parts are combined."""
    book = Rulebook(rules(quiz))
    part_of = {q.id: i for i, part in enumerate(parts) for q in part}
    tracked = [_Tracked(book, [], set()) for _ in parts]
    for rule in range(len(book.start)):
        questions = book.questions_of(rule)
        where = {part_of[q] for q in questions}
        if len(where) == 1:
            tracked[where.pop()].rules.append(rule)
        else:
            for question in questions:
                tracked[part_of[question]].viewed.add(question)
    return tracked


def exact_states(quiz: Quiz, clock: Limits | None = None) -> Iterator[State]:
    """Every distinct final state of ``quiz``, each with its exact count of answer sets.

    Raises :class:`.ProofTooLong` or :class:`.ProofTooBig` past the ``clock``'s limits."""
    clock = clock or Limits(None)
    seen = seen_by_rules(quiz)
    dimensions = seen.dimensions(quiz)
    scale = point_scale(quiz)
    abstraction = _Abstraction(seen, scale, len(decisive_rules(quiz)))
    parts = _parts(quiz, dimensions)
    tracked = _track(quiz, parts)
    # The dimensions a show_if looks at: their points matter along the way, not only at the end.
    watched = {
        leaf["score"]
        for question in quiz.questions
        for kind, leaf in references(question.show_if)
        if kind == "score"
    }
    owned = [[d for d in dimensions if any(adds_to(q, d) for q in p)] for p in parts]
    # Dimensions no question adds to stay at 0: they start the combination.
    still = {d: 0 for d in dimensions if not any(d in own for own in owned)}
    combined: _Combined = {abstraction.summary(still, ()): (1, {})}
    for part, own, track in zip(parts, owned, tracked, strict=True):
        finished: _Combined = {}
        walked = _walk(part, own, scale, seen, track, watched, clock)
        for (points, residuals, views), (count, example) in walked.items():
            clock.check(len(finished))
            summary = abstraction.summary(
                dict(zip(own, points, strict=True)), views, track.rules, residuals
            )
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
