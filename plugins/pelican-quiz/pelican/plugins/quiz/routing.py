"""The routing proof: every reachable answer set leads to an outcome, every outcome is reached,
and every `tests:` case gives what it expects.

Answer sets are enumerated respecting `show_if`; past ``limit`` combinations a seeded random
sample is checked instead (and the caller warns that the proof is partial).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations

from .model import Answers, Quiz
from .scoring import add_points, outcome_for, result_for, shown
from .toolkit.located_yaml import SourceError

__all__ = [
    "Route",
    "RoutingReport",
    "Verdict",
    "answer_sets",
    "check_cases",
    "prove",
    "upper_bound",
    "verify",
]


def _choices(question_type: str, option_ids: list[str]) -> list[str | list[str]]:
    if question_type != "multiple":
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
        count = len(question.options)
        total *= 2**count if question.type == "multiple" else count
    return total


def answer_sets(quiz: Quiz) -> Iterator[tuple[Answers, dict[str, float]]]:
    """Every answer set a reader can give, with its scores (depth first, in YAML order)."""
    choices = [_choices(q.type, q.option_ids()) for q in quiz.questions]

    def walk(
        index: int, answers: Answers, scores: dict[str, float]
    ) -> Iterator[tuple[Answers, dict[str, float]]]:
        if index == len(quiz.questions):
            yield answers, scores
            return
        question = quiz.questions[index]
        if not shown(question, answers):
            yield from walk(index + 1, answers, scores)
            return
        for choice in choices[index]:
            next_scores = dict(scores)
            add_points(next_scores, question, choice if isinstance(choice, list) else [choice])
            yield from walk(index + 1, {**answers, question.id: choice}, next_scores)

    yield from walk(0, {}, dict.fromkeys(quiz.dimensions, 0.0))


def _random_answer_set(quiz: Quiz, rng: random.Random) -> Answers:
    answers: Answers = {}
    for question in quiz.questions:
        if shown(question, answers):
            ids = question.option_ids()
            if question.type == "multiple":
                answers[question.id] = [i for i in ids if rng.random() < 0.5]
            else:
                answers[question.id] = rng.choice(ids)
    return answers


@dataclass
class Route:
    count: int = 0
    example: Answers | None = None


@dataclass
class RoutingReport:
    exhaustive: bool
    checked: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    dead_end: Answers | None = None
    dead_ends: int = 0


def prove(
    quiz: Quiz, limit: int = 1_000_000, sample_size: int = 20_000, seed: int = 0
) -> RoutingReport:
    """Route every answer set (or a sample, past ``limit``) and tally where each one lands."""
    exhaustive = upper_bound(quiz) <= limit
    report = RoutingReport(exhaustive, routes={o.id: Route() for o in quiz.outcomes})
    if exhaustive:
        pairs: Iterator[tuple[Answers, dict[str, float]]] = answer_sets(quiz)
    else:
        rng = random.Random(seed)
        pairs = (
            (a, result_for(quiz, a).scores)
            for a in (_random_answer_set(quiz, rng) for _ in range(sample_size))
        )
    for answers, scores in pairs:
        report.checked += 1
        outcome = outcome_for(quiz, answers, scores)
        if outcome is None:
            report.dead_ends += 1
            report.dead_end = report.dead_end or answers
            continue
        route = report.routes[outcome.id]
        route.count += 1
        route.example = route.example or answers
    return report


def routing_errors(quiz: Quiz, report: RoutingReport) -> tuple[list[SourceError], list[str]]:
    """Errors the proof found, and warnings where it could only sample."""
    errors: list[SourceError] = []
    warnings: list[str] = []
    path = quiz.source_path
    if report.dead_end is not None:
        errors.append(
            SourceError(
                path,
                quiz.line_of(("outcomes",)),
                f"{report.dead_ends} answer set(s) reach no outcome, for example "
                f"{format_answers(report.dead_end)}; add a catch-all outcome (no `when`) "
                "at the end",
            )
        )
    for index, outcome in enumerate(quiz.outcomes):
        if report.routes[outcome.id].count == 0:
            message = f"outcome '{outcome.id}' is unreachable: no answer set leads to it"
            if report.exhaustive:
                errors.append(SourceError(path, quiz.line_of(("outcomes", index)), message))
            else:
                warnings.append(
                    f"{path}:{quiz.line_of(('outcomes', index))}: {message} "
                    f"in {report.checked:,} sampled answer sets"
                )
    if not report.exhaustive:
        warnings.insert(
            0,
            f"{path}: more than the limit of answer combinations; the routing "
            f"was checked on a sample of {report.checked:,} (QUIZ_ROUTING_LIMIT)",
        )
    return errors, warnings


def format_answers(answers: Answers) -> str:
    parts = [
        f"{q}: [{', '.join(a)}]" if isinstance(a, list) else f"{q}: {a}" for q, a in answers.items()
    ]
    return "{" + ", ".join(parts) + "}"


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
    for question in quiz.questions:
        asked = shown(question, visible)
        given = answers.get(question.id)
        if asked and given is None:
            return f"question '{question.id}' is shown for these answers but has no answer"
        if not asked and given is not None:
            return f"question '{question.id}' is hidden for these answers but has an answer"
        if given is None:
            continue
        if (question.type == "multiple") != isinstance(given, list):
            kind = "a list of option ids" if question.type == "multiple" else "one option id"
            return f"question '{question.id}' takes {kind}"
        for option in given if isinstance(given, list) else [given]:
            if option not in question.option_ids():
                return f"question '{question.id}' has no option '{option}'"
        visible[question.id] = given
    return None


@dataclass
class Verdict:
    """Everything the build and `make check` learn about one quiz's routing."""

    report: RoutingReport
    errors: list[SourceError]
    warnings: list[str]


def verify(quiz: Quiz, limit: int, sample_size: int) -> Verdict:
    """The routing proof and the `tests:` cases, with their errors and warnings."""
    report = prove(quiz, limit, sample_size)
    errors, warnings = routing_errors(quiz, report)
    return Verdict(report, errors + check_cases(quiz), warnings)
