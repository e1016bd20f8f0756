"""The routing proof: every reachable answer set leads to an outcome, every outcome is reached,
and every `tests:` case gives what it expects.

The proof is exact for every quiz, whatever its size: :mod:`.exact` counts the answer sets of
each outcome through the distinct states the rules can tell apart (respecting `show_if`),
never by sampling. When there are too many states to count, :func:`decide` finds the same
verdict by search (:mod:`.verdict_search`), and the counts are "not counted". Its limits are
time (``QUIZ_PROOF_SECONDS``) and memory, and running past them is an error, never a pass.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import TypeVar

from .conditions import evaluate, references
from .exact import State, exact_states
from .examples import format_answers
from .guarantees import Kept, breach, guarantee_errors
from .model import Answers, Condition, Guarantee, Question, Quiz, number_text
from .proof_limits import Limits, ProofTooBig, ProofTooLong
from .scoring import add_points, add_skipped, outcome_for, result_for, scores_for, shown
from .toolkit.located_yaml import SourceError
from .verdict_search import (
    COUNTING_SECONDS,
    COUNTING_STATES,
    TRUE,
    Search,
    reaches,
    reaches_none,
)

__all__ = [
    "Route",
    "RoutingReport",
    "Verdict",
    "answer_sets",
    "check_cases",
    "format_answers",
    "prove",
    "upper_bound",
    "verify",
]

DEFAULT_SECONDS = 120.0
K = TypeVar("K", str, tuple[str, str])


def _choices(question: Question) -> list[str | list[str] | int]:
    if question.type == "number":
        return list(range(question.least, question.most + 1))
    option_ids = question.option_ids()
    if question.type != "multiple":
        return list(option_ids)
    return [
        list(combo)
        for size in range(len(option_ids) + 1)
        for combo in combinations(option_ids, size)
    ]


def upper_bound(quiz: Quiz) -> int:
    """How many answer sets there would be if no question were ever hidden."""
    total = 1
    for question in quiz.questions:
        total *= (
            len(_choices(question)) if question.type != "multiple" else 2 ** len(question.options)
        )
    return total


def answer_sets(quiz: Quiz) -> Iterator[tuple[Answers, dict[str, Fraction]]]:
    """Every answer set a reader can give, with its scores (depth first, in YAML order)."""
    choices = [_choices(q) for q in quiz.questions]

    def walk(
        index: int, answers: Answers, scores: dict[str, Fraction]
    ) -> Iterator[tuple[Answers, dict[str, Fraction]]]:
        if index == len(quiz.questions):
            yield answers, scores
            return
        question = quiz.questions[index]
        if not shown(question, answers, scores):
            skipped = dict(scores)
            add_skipped(skipped, question)
            yield from walk(index + 1, answers, skipped)
            return
        for choice in choices[index]:
            next_scores = dict(scores)
            add_points(next_scores, question, choice)
            yield from walk(index + 1, {**answers, question.id: choice}, next_scores)

    yield from walk(0, {}, dict.fromkeys(quiz.dimensions, Fraction(0)))


@dataclass
class Route:
    count: int = 0
    example: Answers | None = None


@dataclass
class RoutingReport:
    checked: int = 0  # every answer set a reader can give
    routes: dict[str, Route] = field(default_factory=dict)
    dead_end: State | None = None
    dead_ends: int = 0
    states: list[tuple[State, str | None]] = field(default_factory=list)
    notices: dict[str, Route] = field(default_factory=dict)  # answer sets that show each
    # Answer sets whose answers two outcomes' `when` both match (the first one takes them).
    overlaps: dict[tuple[str, str], Route] = field(default_factory=dict)
    guarantees: dict[str, Kept] = field(default_factory=dict)
    # False when the quiz had too many distinct states to count: the verdict was then decided
    # by search (:mod:`.verdict_search`); counts stay 0 and examples say what exists.
    counted: bool = True
    # For an unreachable outcome, the earlier outcomes that take its answer sets (set when not
    # counted; otherwise worked out from ``states``).
    takers: dict[str, list[str]] = field(default_factory=dict)


class TooManyToCount(Exception):
    """The counting proof met more distinct states than :data:`.COUNTING_STATES` in one stage,
    or counted for longer than :data:`.COUNTING_SECONDS`."""


class _CountingLimits(Limits):
    """The proof's limits, and, while it counts, a bound on the states it may keep."""

    counting = True

    def __init__(self, seconds: float | None, megabytes: float | None = None) -> None:
        super().__init__(seconds, megabytes)
        self.stop_counting = time.monotonic() + COUNTING_SECONDS

    def check(self, states: int) -> None:
        if self.counting and (states > COUNTING_STATES or time.monotonic() > self.stop_counting):
            raise TooManyToCount
        super().check(states)


def _tally(routes: dict[K, Route], key: K, state: State) -> None:
    route = routes.setdefault(key, Route())
    route.count += state.count
    route.example = route.example or state.example


def prove(
    quiz: Quiz,
    seconds: float | None = DEFAULT_SECONDS,
    megabytes: float | None = None,
    overlaps: bool = False,
) -> RoutingReport:
    """Route every answer set, exactly, and tally where each one lands; past ``seconds`` or
    ``megabytes`` more memory, :class:`.ProofTooLong` or :class:`.ProofTooBig`. A quiz with
    too many distinct states to count is judged by search instead, its counts "not counted"
    (``overlaps``: look for the answer sets two outcomes' rules both match then too)."""
    clock = _CountingLimits(seconds, megabytes)
    try:
        return _count(quiz, clock)
    except TooManyToCount:
        return decide(quiz, clock, overlaps)


def _count(quiz: Quiz, clock: Limits) -> RoutingReport:
    report = RoutingReport(
        routes={o.id: Route() for o in quiz.outcomes},
        notices={n.id: Route() for n in quiz.notices},
        guarantees={g.id: Kept() for g in quiz.guarantees},
    )
    for state in exact_states(quiz, clock):
        clock.check(len(report.states))
        holding = [o for o in quiz.outcomes if evaluate(o.when, state.example, state.scores)]
        outcome = holding[0].id if holding else None  # the first whose `when` holds
        report.states.append((state, outcome))
        report.checked += state.count
        shown_notices = []
        for notice in quiz.notices:
            if evaluate(notice.when, state.example, state.scores):
                _tally(report.notices, notice.id, state)
                shown_notices.append(notice.id)
        for guarantee in quiz.guarantees:
            if evaluate(guarantee.when, state.example, state.scores):
                how = breach(guarantee, outcome, shown_notices)
                report.guarantees[guarantee.id].add(state.count, state.example, outcome, how)
        # A catch-all (no `when`) is no rule, and overlaps nothing.
        matched = [o.id for o in holding if o.when is not None]
        for pair in combinations(matched, 2):
            _tally(report.overlaps, pair, state)
        if outcome is None:
            report.dead_ends += state.count
            report.dead_end = report.dead_end or state
            continue
        _tally(report.routes, outcome, state)
    return report


def decide(quiz: Quiz, clock: Limits, overlaps: bool = False) -> RoutingReport:
    """The verdict of :func:`prove` without the counts: for each outcome, notice, guarantee
    (and, with ``overlaps``, pair of outcomes), one answer set that shows it, or the proof,
    by exhaustive search, that there is none."""
    if isinstance(clock, _CountingLimits):
        clock.counting = False  # from here on, only time and memory bound it
    search = Search(quiz, clock)
    report = RoutingReport(counted=False)

    def found(target: Condition) -> Route:
        return Route(0, search.find(target))

    report.routes = {o.id: found(reaches(quiz, i)) for i, o in enumerate(quiz.outcomes)}
    report.notices = {n.id: found(n.when or TRUE) for n in quiz.notices}
    dead_end = search.find(reaches_none(quiz))
    if dead_end is not None:
        scores = scores_for(quiz, dead_end)
        report.dead_end = State(0, dead_end, {d: scores[d] for d in quiz.dimensions})
    ids = [o.id for o in quiz.outcomes]
    for index, outcome in enumerate(quiz.outcomes):
        if report.routes[outcome.id].example is None:
            own = outcome.when or TRUE
            report.takers[outcome.id] = [
                ids[t] for t in range(index) if search.find({"all": [own, reaches(quiz, t)]})
            ]
    for guarantee in quiz.guarantees:
        kept = report.guarantees[guarantee.id] = Kept()
        covered = search.find(guarantee.when or TRUE)
        if covered is None:
            continue
        kept.covered = 1
        broken = search.find({"all": [guarantee.when or TRUE, _breaks(quiz, guarantee)]})
        if broken is not None:
            scores = scores_for(quiz, broken)
            reached = outcome_for(quiz, broken, scores)
            outcome_id = reached.id if reached else None
            shows = [n.id for n in quiz.notices if evaluate(n.when, broken, scores)]
            kept.add(1, broken, outcome_id, breach(guarantee, outcome_id, shows))
    if overlaps:
        ruled = [o for o in quiz.outcomes if o.when is not None]
        for a, b in combinations(ruled, 2):
            pair = search.find({"all": [a.when, b.when]})
            if pair is not None:
                report.overlaps[(a.id, b.id)] = Route(0, pair)
    return report


def _breaks(quiz: Quiz, guarantee: Guarantee) -> Condition:
    """Answer sets that break ``guarantee`` (where its `when` holds): they reach an outcome
    it rules out, or miss a notice it promises."""
    ruled_out = [
        i
        for i, o in enumerate(quiz.outcomes)
        if o.id in guarantee.never or (guarantee.only is not None and o.id not in guarantee.only)
    ]
    notices = {n.id: n for n in quiz.notices}
    return {
        "any": [reaches(quiz, i) for i in ruled_out]
        + [{"not": notices[n].when or TRUE} for n in guarantee.shows]
    }


def _points(quiz: Quiz, state: State) -> str:
    return ", ".join(
        f"“{quiz.dimensions[d].label}” {number_text(value)}" for d, value in state.scores.items()
    )


def _bounds(quiz: Quiz, dimension: str, key: str) -> list[tuple[Fraction, int]]:
    """Each ``key`` bound (below, at_least) on ``dimension``, with its outcome's index."""
    return [
        (leaf[key], index)
        for index, outcome in enumerate(quiz.outcomes)
        for kind, leaf in references(outcome.when)
        if kind == "score" and leaf["score"] == dimension and key in leaf
    ]


def _band(quiz: Quiz, dimension: str, value: Fraction) -> tuple[int, str, str] | None:
    """The two bands a dead end on ``dimension`` falls between: the outcome just below it
    (``below: b``, b <= value) and the one just above (``at_least: a``, a > value)."""
    below = [pair for pair in _bounds(quiz, dimension, "below") if pair[0] <= value]
    above = [pair for pair in _bounds(quiz, dimension, "at_least") if pair[0] > value]
    if not below or not above:
        return None
    (b, low), (a, high) = max(below), min(above)
    return (
        low,
        f"'{quiz.outcomes[low].id}' (below {number_text(b)})",
        f"'{quiz.outcomes[high].id}' (at least {number_text(a)})",
    )


def _dead_end_error(quiz: Quiz, report: RoutingReport) -> SourceError:
    """Where answer sets reach no outcome: between two bands if that is what it is."""
    state = report.dead_end
    assert state is not None
    example = format_answers(state.example)
    count = f"{report.dead_ends:,} answer set(s)" if report.counted else "answer sets (not counted)"
    for dimension, value in state.scores.items():
        band = _band(quiz, dimension, value)
        if band is not None:
            low, lower, upper = band
            label = quiz.dimensions[dimension].label
            return SourceError(
                quiz.source_path,
                quiz.line_of(("outcomes", low, "when")),
                f"“{label}” {number_text(value)} reaches no outcome: between {lower} and "
                f"{upper}; {count} fall in that gap, for example {example}",
            )
    points = _points(quiz, state)
    return SourceError(
        quiz.source_path,
        quiz.line_of(("outcomes",)),
        f"{count} reach no outcome, for example {example}"
        + (f", with points {points}" if points else "")
        + ": no outcome's `when` holds there",
    )


def routing_errors(quiz: Quiz, report: RoutingReport) -> list[SourceError]:
    """Every dead end, every unreachable outcome and every notice never shown, as errors."""
    errors: list[SourceError] = []
    path = quiz.source_path
    for index, notice in enumerate(quiz.notices):
        if report.notices[notice.id].example is None:
            errors.append(
                SourceError(
                    path,
                    quiz.line_of(("notices", index, "when")),
                    f"notice '{notice.id}' is never shown: its `when` holds for no answer set",
                )
            )
    if report.dead_end is not None:
        errors.append(_dead_end_error(quiz, report))
    for index, outcome in enumerate(quiz.outcomes):
        if report.routes[outcome.id].example is not None:
            continue
        takers = report.takers.get(outcome.id) or sorted(
            {
                taken
                for state, taken in report.states
                if taken is not None and evaluate(outcome.when, state.example, state.scores)
            },
            key=[o.id for o in quiz.outcomes].index,
        )
        why = (
            "its `when` holds only for answer sets that earlier outcomes take ("
            + ", ".join(f"'{t}'" for t in takers)
            + ")"
            if takers
            else "its `when` holds for no answer set"
        )
        errors.append(
            SourceError(
                path,
                quiz.line_of(("outcomes", index)),
                f"outcome '{outcome.id}' is unreachable: {why}",
            )
        )
    return errors


def check_cases(quiz: Quiz) -> list[SourceError]:
    """Each `tests:` case names exactly the shown questions and gives its expected outcome."""
    errors: list[SourceError] = []
    for case in quiz.tests:
        where = ("tests", case.index)
        problem = _case_problem(quiz, case.answers)
        if problem is None:
            outcome = result_for(quiz, case.answers).outcome
            got = outcome.id if outcome else "no outcome"
            if got != case.expect:
                problem = f"expected outcome '{case.expect}' but these answers give '{got}'"
        if problem is not None:
            errors.append(
                SourceError(
                    quiz.source_path, quiz.line_of(where), f"test {case.index + 1}: {problem}"
                )
            )
    return errors


def _case_problem(quiz: Quiz, answers: Answers) -> str | None:
    known = {q.id for q in quiz.questions}
    unknown = [q for q in answers if q not in known]
    if unknown:
        return f"unknown question '{unknown[0]}'"
    visible: Answers = {}
    scores = dict.fromkeys(quiz.dimensions, Fraction(0))
    for question in quiz.questions:
        asked = shown(question, visible, scores)
        given = answers.get(question.id)
        if not asked:
            add_skipped(scores, question)
        if asked and given is None:
            return f"question '{question.id}' is shown for these answers but has no answer"
        if not asked and given is not None:
            return f"question '{question.id}' is hidden for these answers but has an answer"
        if given is None:
            continue
        if question.type == "number":
            if not isinstance(given, int) or not question.least <= given <= question.most:
                return (
                    f"question '{question.id}' takes a whole number from {question.least} to "
                    f"{question.most}"
                )
        elif (question.type == "multiple") != isinstance(given, list) or isinstance(given, int):
            kind = "a list of option ids" if question.type == "multiple" else "one option id"
            return f"question '{question.id}' takes {kind}"
        else:
            for option in given if isinstance(given, list) else [given]:
                if option not in question.option_ids():
                    return f"question '{question.id}' has no option '{option}'"
        visible[question.id] = given
        add_points(scores, question, given)
    return None


@dataclass
class Verdict:
    """Everything the build and `pelican-quiz check` learn about one quiz's routing."""

    report: RoutingReport | None
    errors: list[SourceError]


def verify(
    quiz: Quiz,
    seconds: float | None = DEFAULT_SECONDS,
    megabytes: float | None = None,
    overlaps: bool = False,
) -> Verdict:
    """The exact routing proof and the `tests:` cases, with their errors."""
    try:
        report = prove(quiz, seconds, megabytes, overlaps)
    except (ProofTooLong, ProofTooBig, MemoryError) as stopped:
        if isinstance(stopped, ProofTooLong):
            what = f"ran {stopped} and was stopped (QUIZ_PROOF_SECONDS)"
        elif isinstance(stopped, ProofTooBig):
            what = f"needed {stopped} and was stopped (QUIZ_PROOF_MEMORY)"
        else:
            what = "ran out of memory"
        error = SourceError(
            quiz.source_path,
            quiz.line_of(("outcomes",)),
            f"the routing proof {what}: the quiz is not proved; give fewer answers distinct "
            "points, or raise the limit",
        )
        return Verdict(None, [error, *check_cases(quiz)])
    errors = routing_errors(quiz, report) + guarantee_errors(
        quiz, report.guarantees, report.counted
    )
    return Verdict(report, errors + check_cases(quiz))
