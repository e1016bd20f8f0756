"""The verdict without the counts, for a quiz whose counting would not end in time.

The counting proof (:mod:`.exact`) keeps every distinct state the rules can tell apart. When
there are too many (:data:`COUNTING_STATES`), the verdict is decided on its own. Each question
it needs is "is there an answer set where ...?": this outcome is reached, none is, this notice
is shown, this guarantee covers or is broken. Each is answered by a search for one answer set
that shows it, never a sample:

- it walks the questions depth first, with the points so far and, for what is still to come,
  the least and the most each dimension can still gain;
- at each step it judges the question on those ranges, true, false or not yet known, and
  stops as soon as it is known. A `top` is judged once for each dimension that can still lead:
  "some one of these leads" is known true at the start, as it is of every answer set;
- a state that has no answer set is remembered, so none is searched twice;
- the points are whole numbers of parts of a point (:func:`.point_scale`), bounds scaled;
- when a short search decides nothing, the relaxation (:mod:`.relaxation`) is asked, which
  can rule a target out at once (one of five totals always leads, however the helpers
  comparing them are written) but never rules one in; then the search goes on to the end.

A "no" is proved by a search that found nothing, or by the relaxation, so it is exact; a
"yes" always comes with its answer set. A search that runs past the limits stops the proof
with the same error as the counting.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from .conditions import evaluate, leaf_kind, map_bounds, references
from .model import Answers, Condition, Question, Quiz
from .proof_limits import Limits
from .relaxation import Relaxation
from .rule_view import Choice, choices, point_scale, seen_by_rules
from .scoring import question_range

__all__ = [
    "COUNTING_SECONDS",
    "COUNTING_STATES",
    "Search",
    "reaches",
    "reaches_none",
]

# More distinct states than this in one stage of the counting proof, or counting for longer
# than COUNTING_SECONDS, and the quiz is judged by the search instead: its counts are then
# "not counted" (the verdict is the same either way). Half a second: the quizzes we know that
# count at all count in a quarter of it on a 2-core machine (our own, 0.11 s; fifty items on
# five factors, 0.14 s), and one that cannot be counted should not spend long finding out.
COUNTING_STATES = 60_000
COUNTING_SECONDS = 0.5

# The steps of the short search tried before the relaxation.
SHORT_SEARCH = 200

TRUE: Condition = {"all": []}
FALSE: Condition = {"any": []}
ANSWER_KINDS = ("answer", "count", "value")


def reaches(quiz: Quiz, index: int) -> Condition:
    """Answer sets that reach outcome ``index``: its `when` holds and no earlier one's."""
    outcomes = quiz.outcomes
    if any(o.when is None for o in outcomes[:index]):
        return FALSE  # an earlier catch-all takes every answer set
    earlier: list[Condition] = [{"not": o.when} for o in outcomes[:index] if o.when is not None]
    own = outcomes[index].when
    return {"all": ([] if own is None else [own]) + earlier}


def reaches_none(quiz: Quiz) -> Condition:
    """Answer sets that reach no outcome (a dead end)."""
    if any(o.when is None for o in quiz.outcomes):
        return FALSE
    return {"all": [{"not": o.when} for o in quiz.outcomes if o.when is not None]}


class _OutOfBudget(Exception):
    """The short search took its steps without an answer."""


@dataclass
class _Node:
    step: int
    answers: Answers
    points: dict[str, int]  # in parts of a point (:func:`.point_scale`): whole numbers


class Search:
    """Searches one quiz for answer sets; shared by every question asked of it."""

    def __init__(self, quiz: Quiz, clock: Limits) -> None:
        self.quiz, self.clock = quiz, clock
        self.seen = seen_by_rules(quiz)
        self.dims = list(quiz.dimensions)
        # Points are added in parts of a point, as whole numbers: every bound is scaled too.
        self.scale = scale = point_scale(quiz)
        self.choices = [choices(q, self.dims, scale, self.seen) for q in quiz.questions]
        self.skipped = [
            tuple(int(q.skipped.get(d, 0) * scale) for d in self.dims) for q in quiz.questions
        ]
        self.show_ifs = [self._scaled(q.show_if) for q in quiz.questions]
        # What the questions from each step on can still add to each dimension.
        self.after: list[dict[str, tuple[int, int]]] = []
        low = dict.fromkeys(self.dims, 0)
        high = dict.fromkeys(self.dims, 0)
        for question in reversed(quiz.questions):
            self.after.append({d: (low[d], high[d]) for d in self.dims})
            for d in self.dims:
                span = question_range(question, d)
                low[d] += int(span.low * scale)
                high[d] += int(span.high * scale)
        self.after.append({d: (low[d], high[d]) for d in self.dims})
        self.after.reverse()
        self.index = {q.id: i for i, q in enumerate(quiz.questions)}
        additions = [choice.delta for each in self.choices for choice in each]
        additions += [self.skipped[i] for i, q in enumerate(quiz.questions) if q.show_if]
        # The relaxation works in points: a span is the same in any unit, ranges are not.
        ranges = {
            d: (Fraction(low, scale), Fraction(high, scale))
            for d, (low, high) in self.after[0].items()
        }
        self.relaxation = Relaxation(self.dims, additions, ranges, clock)

    def _scaled(self, condition: Condition | None) -> Condition | None:
        return map_bounds(condition, lambda bound: int(bound * self.scale))

    def find(self, target: Condition) -> Answers | None:
        """One answer set for which ``target`` holds, or None when there is none."""
        self.failed: set[tuple[object, ...]] = set()
        self.target = self._scaled(target) or TRUE
        # The `top` groups it looks at: with exactly one, it is judged per possible leader.
        groups = {tuple(leaf["among"]) for kind, leaf in references(target) if kind == "top"}
        self.among = list(groups.pop()) if len(groups) == 1 else None
        start = _Node(0, {}, dict.fromkeys(self.dims, 0))
        # A short search first, as most answers are found (or ruled out) at once; then the
        # relaxation, which rules out at once what the search would take ages over; then the
        # search to the end. What the first search ruled out stays ruled out.
        self.budget: int | None = SHORT_SEARCH
        try:
            return self._search(start)
        except _OutOfBudget:
            pass
        if self.relaxation.rules_out(target, self.among):
            return None  # no point the answers can add to meets it
        self.budget = None
        return self._search(start)

    # The search itself.

    def _search(self, node: _Node) -> Answers | None:
        self.clock.check(len(self.failed))
        if self.budget is not None:
            self.budget -= 1
            if self.budget < 0:
                raise _OutOfBudget
        known = self._judge(node)
        if known is False:
            return None
        if known is True:
            return self._complete(node)
        key = self._key(node)
        if key in self.failed:
            return None
        for child in self._children(node):
            found = self._search(child)
            if found is not None:
                return found
        self.failed.add(key)
        return None

    def _children(self, node: _Node) -> Iterator[_Node]:
        question = self.quiz.questions[node.step]
        if not self._shown(node):
            skipped = self.skipped[node.step]
            points = {d: p + add for (d, p), add in zip(node.points.items(), skipped, strict=True)}
            yield _Node(node.step + 1, node.answers, points)
            return
        children = [self._child(node, question, choice) for choice in self.choices[node.step]]
        judged = [(child, self._judge(child)) for child in children]
        # The likeliest first: those the target already holds for, then the ones that move
        # the points the way it wants most.
        ranked = sorted(
            ((child, known) for child, known in judged if known is not False),
            key=lambda pair: (pair[1] is not True, -self._pull(pair[0], node)),
        )
        yield from (child for child, _ in ranked)

    def _child(self, node: _Node, question: Question, choice: Choice) -> _Node:
        points = dict(node.points)
        for d, add in zip(self.dims, choice.delta, strict=True):
            if add:
                points[d] += add
        return _Node(node.step + 1, {**node.answers, question.id: choice.answer}, points)

    def _complete(self, node: _Node) -> Answers:
        """Any answer set that goes on from ``node`` (the target holds for all of them)."""
        while node.step < len(self.quiz.questions):
            node = next(self._children_plain(node))
        return node.answers

    def _children_plain(self, node: _Node) -> Iterator[_Node]:
        if not self._shown(node):
            yield from self._children(node)
            return
        yield self._child(node, self.quiz.questions[node.step], self.choices[node.step][0])

    def _shown(self, node: _Node) -> bool:
        """Whether the question at ``node`` is asked (:func:`.shown`, in parts of a point)."""
        return evaluate(self.show_ifs[node.step], node.answers, node.points)

    def _key(self, node: _Node) -> tuple[object, ...]:
        """What tells two partial answer sets apart for what is still to come."""
        views = tuple(
            (q, tuple(sorted(str(a) for a in (v if isinstance(v, list) else [v]))))
            for q, v in node.answers.items()
            if q in self.seen.answers or q in self.seen.counts or q in self.seen.values
        )
        return node.step, tuple(node.points[d] for d in self.dims), views

    def _pull(self, child: _Node, parent: _Node) -> int:
        """How far the step to ``child`` moves the points the way the target wants."""
        return _pull(self.target, child.points, parent.points, True)

    # Judging a partial answer set: True, False, or None (not known yet).

    def _judge(self, node: _Node) -> bool | None:
        ranges = {
            d: (node.points[d] + low, node.points[d] + high)
            for d, (low, high) in self.after[node.step].items()
        }
        if self.among is not None:
            # Exactly one dimension leads: judge the target once for each that still can.
            verdicts = {
                _judge(self.target, node, ranges, self.index, lead)
                for lead in _can_lead(self.among, ranges)
            }
            return verdicts.pop() if len(verdicts) == 1 else None
        return _judge(self.target, node, ranges, self.index, None)


def _beats(first: bool, low: int, high: int) -> bool:
    """Whether points of at least ``low`` surely beat points of at most ``high``: a dimension
    listed ``first`` wins a tie."""
    return low >= high if first else low > high


def _can_lead(among: list[str], ranges: Mapping[str, tuple[int, int]]) -> list[str]:
    return [
        x
        for i, x in enumerate(among)
        if not any(_beats(j < i, ranges[y][0], ranges[x][1]) for j, y in enumerate(among) if y != x)
    ]


def _judge(
    condition: Condition | None,
    node: _Node,
    ranges: Mapping[str, tuple[int, int]],
    index: Mapping[str, int],
    lead: str | None,
) -> bool | None:
    """``condition`` of every answer set that goes on from ``node``: True, False or None. With
    ``lead``, only of those where ``lead`` is on top of the one `top` group there is."""
    if condition is None:
        return True
    if "all" in condition or "any" in condition:
        decides = "any" in condition  # True decides an `any`, False an `all`
        unknown = False
        for part in condition["any" if decides else "all"]:
            verdict = _judge(part, node, ranges, index, lead)
            if verdict is decides:
                return decides
            unknown = unknown or verdict is None
        return None if unknown else not decides
    if "not" in condition:
        verdict = _judge(condition["not"], node, ranges, index, lead)
        return None if verdict is None else not verdict
    kind = leaf_kind(condition)
    if kind in ANSWER_KINDS:
        # Known once its question is behind: answered, or passed by unasked.
        return evaluate(condition, node.answers, {}) if index[condition[kind]] < node.step else None
    if kind == "score":
        low, high = ranges[condition["score"]]
        if "below" in condition:
            bound = condition["below"]
            return True if high < bound else False if low >= bound else None
        bound = condition["at_least"]
        return True if low >= bound else False if high < bound else None
    among: list[str] = condition["among"]
    if kind == "top":
        x: str = condition["top"]
        if lead is not None:
            return x == lead
        i = among.index(x)
        if all(_beats(i < j, ranges[x][0], ranges[y][1]) for j, y in enumerate(among) if y != x):
            return True
        return False if x not in _can_lead(among, ranges) else None
    # A tie: known only when every dimension of it is settled.
    if all(ranges[d][0] == ranges[d][1] for d in among):
        tie_holds: bool = evaluate(condition, node.answers, {d: ranges[d][0] for d in among})
        return tie_holds
    return None


def _pull(
    condition: Condition | None,
    points: Mapping[str, int],
    before: Mapping[str, int],
    wanted: bool,
) -> int:
    """A rough measure of how far the points moved toward making ``condition`` ``wanted``."""
    if condition is None:
        return 0
    for key in ("all", "any"):
        if key in condition:
            return sum(_pull(c, points, before, wanted) for c in condition[key])
    if "not" in condition:
        return _pull(condition["not"], points, before, not wanted)
    kind = leaf_kind(condition)
    sign = 1 if wanted else -1
    if kind == "score":
        moved = points[condition["score"]] - before[condition["score"]]
        return sign * (moved if "at_least" in condition else -moved)
    if kind == "top":
        x = condition["top"]
        gains = {d: points[d] - before[d] for d in condition["among"]}
        return sign * (gains[x] - max(g for d, g in gains.items() if d != x))
    return 0
