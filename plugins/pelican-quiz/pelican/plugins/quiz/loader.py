"""Load a quiz file: safe YAML, the JSON Schema, then the checks a schema cannot make."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from difflib import get_close_matches
from fractions import Fraction
from pathlib import Path
from typing import Any

from .conditions import map_bounds, map_leaves, references
from .model import (
    Band,
    Case,
    Condition,
    Dimension,
    Guarantee,
    Notice,
    Option,
    Outcome,
    Question,
    Quiz,
    ResultView,
    exact,
)
from .named_conditions import expand, named_condition_errors
from .rule_view import point_scale, seen_by_rules
from .schema import schema_errors
from .scoring import adds_to
from .toolkit.located_yaml import (
    Located,
    SourceError,
    SourceErrors,
    YamlPath,
    leaves,
    load_yaml,
)
from .toolkit.no_script import script_errors
from .toolkit.source_files import read_source

__all__ = ["MAX_QUIZ_BYTES", "QuizErrors", "load_quiz", "parse_quiz", "quiz_files"]

MAX_QUIZ_BYTES = 512_000
_QUIZ_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class QuizErrors(SourceErrors):
    """One or more problems in one quiz file; ``str()`` is one line per problem."""


def load_quiz(file: Path, display_path: str | None = None) -> Quiz:
    """Read and check ``file``; raise :class:`QuizErrors` naming file and line."""
    path = display_path or str(file)
    if not _QUIZ_ID.match(file.stem):
        raise QuizErrors(
            [
                SourceError(
                    path,
                    None,
                    f"quiz file name '{file.stem}' must be a quiz "
                    "id: lowercase letters, digits and '-'",
                )
            ]
        )
    try:
        text = read_source(
            file, path, MAX_QUIZ_BYTES, f"quiz file is larger than {MAX_QUIZ_BYTES:,} bytes"
        )
    except SourceError as error:
        raise QuizErrors([error]) from None
    return parse_quiz(text, file.stem, path)


def quiz_files(folder: Path) -> list[Path]:
    """The quiz files in ``folder``, in name order."""
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def parse_quiz(text: str, quiz_id: str, path: str) -> Quiz:
    try:
        located = load_yaml(text, path)
    except SourceError as error:
        raise QuizErrors([error]) from None
    if located.data is None:
        raise QuizErrors([SourceError(path, 1, "the quiz file is empty")])
    if not isinstance(located.data, dict):
        raise QuizErrors(
            [
                SourceError(
                    path,
                    1,
                    "a quiz must be a mapping with title, dimensions, questions and outcomes",
                )
            ]
        )
    errors = schema_errors(located, path) + script_errors(located, path)
    if not errors:
        errors = named_condition_errors(located, path, unknown)
    if errors:
        raise QuizErrors(errors)
    quiz = _build(located, quiz_id, path)
    errors = _reference_errors(quiz, located)
    if errors:  # in line order, as the build reports them
        raise QuizErrors(sorted(errors, key=lambda error: error.line or 0))
    return quiz


def _normalised(
    condition: Condition | None, shown: list[str], names: Mapping[str, Condition]
) -> Condition | None:
    """Named conditions replaced by what they name, bounds on points as exact numbers, and
    every `top` and `tie` with its `among` spelled out."""
    condition = expand(condition, names)

    def leaf(part: Condition) -> Condition:
        if ("top" in part or "tie" in part) and "among" not in part:
            part["among"] = list(shown)
        return part

    return map_bounds(map_leaves(condition, leaf), exact)


def _scale_options(data: dict[str, Any], question: dict[str, Any]) -> tuple[Option, ...]:
    """A `scale:` question's options: the scale's, with its points going to `scores:`."""
    steps = data.get("scales", {}).get(question["scale"], [])
    points = [exact(step.get("points", 0)) for step in steps]
    low, high = min(points, default=0), max(points, default=0)
    dimension = question.get("scores")
    options = []
    for step, value in zip(steps, points, strict=True):
        value = low + high - value if question.get("reverse") else value
        options.append(Option(step["id"], step["label"], {dimension: value} if dimension else {}))
    return tuple(options)


def _options(data: dict[str, Any], question: dict[str, Any]) -> tuple[Option, ...]:
    if "scale" in question:
        return _scale_options(data, question)
    return tuple(
        Option(
            o["id"],
            o["label"],
            {k: exact(v) for k, v in o.get("score", {}).items()},
            o.get("feedback", ""),
        )
        for o in question.get("options", [])
    )


def _build(located: Located, quiz_id: str, path: str) -> Quiz:
    data = located.data
    dimensions = {
        key: Dimension(
            key,
            value["label"],
            value.get("link", ""),
            bool(value.get("hidden", False)),
            value.get("better", "higher") == "lower",
        )
        for key, value in data.get("dimensions", {}).items()
    }
    shown = [d.id for d in dimensions.values() if not d.hidden]
    names = data.get("conditions", {})
    questions = [
        Question(
            q["id"],
            q["prompt"],
            q.get("type", "scale" if "scale" in q else "single"),
            _options(data, q),
            q.get("help", ""),
            _normalised(q.get("show_if"), shown, names),
            {k: exact(v) for k, v in q.get("skipped", {}).items()},
            q.get("min", 0),
            q.get("max", 0),
            q.get("unit", ""),
            tuple(
                Band(b.get("below"), {k: exact(v) for k, v in b["score"].items()})
                for b in q.get("bands", [])
            ),
        )
        for q in data["questions"]
    ]
    outcomes = [
        Outcome(
            o["id"],
            o["title"],
            o["link"],
            o.get("body", ""),
            _normalised(o.get("when"), shown, names),
        )
        for o in data["outcomes"]
    ]
    notices = [
        Notice(n["id"], n["text"], _normalised(n["when"], shown, names) or {})
        for n in data.get("notices", [])
    ]
    guarantees = [
        Guarantee(
            g["id"],
            _normalised(g.get("when"), shown, names),
            tuple(g.get("never", ())),
            tuple(g["only"]) if "only" in g else None,
            tuple(g.get("shows", ())),
            index,
        )
        for index, g in enumerate(data.get("guarantees", []))
    ]
    tests = [Case(t["answers"], t["expect"], i) for i, t in enumerate(data.get("tests", []))]
    return Quiz(
        quiz_id,
        data["title"],
        dimensions,
        questions,
        outcomes,
        intro=data.get("intro", ""),
        tests=tests,
        notices=notices,
        guarantees=guarantees,
        result=_result_view(data.get("result", {})),
        lang=data.get("lang"),
        translation_of=data.get("translation_of"),
        source_path=path,
        located=located,
    )


def _result_view(data: dict[str, Any]) -> ResultView:
    revisit = data.get("revisit", True)
    # true: every area in its worse half; false: none; N: the N worst at most.
    limit = None if revisit is True else 0 if revisit is False else int(revisit)
    return ResultView(bool(data.get("scores", True)), limit)


def unknown(kind: str, name: str, known: Iterable[str]) -> str:
    """ "unknown outcome 'redy'; did you mean 'ready'? (known: ...)": a slip of the pen is
    named, and every id that would do is listed."""
    known = list(known)
    close = get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown {kind} '{name}'{hint} (known: {', '.join(known) or 'none'})"


def _duplicates(ids: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    found = []
    for index, item in enumerate(ids):
        if item in seen:
            found.append((index, item))
        seen.add(item)
    return found


def _question_errors(quiz: Quiz, data: dict[str, Any], report: Reporter) -> None:
    """Each question has options or a scale (not both), and what goes with each."""
    scales = data.get("scales", {})
    for index, (raw, question) in enumerate(zip(data["questions"], quiz.questions, strict=True)):
        where: YamlPath = ("questions", index)
        if question.type == "number":
            _number_errors(question, raw, where, quiz, report)
            continue
        for key in _NUMBER_ONLY:
            if key in raw:
                report((*where, key), f"{key}: is for questions of type: number")
        if "scale" in raw and "options" in raw:
            report(
                (*where, "scale"),
                f"question '{question.id}' has both options and a scale; give one of them",
            )
        elif "scale" not in raw and "options" not in raw:
            report(where, f"question '{question.id}' needs options: or scale:")
        elif "scale" in raw and raw["scale"] not in scales:
            report(
                (*where, "scale"),
                f"question '{question.id}' uses {unknown('scale', raw['scale'], scales)}",
            )
        elif "scale" in raw and question.type == "multiple":
            report(
                (*where, "type"),
                f"question '{question.id}' takes one answer on its "
                "scale; a multiple question needs options:",
            )
        for key in ("scores", "reverse"):
            if key in raw and "scale" not in raw:
                report(
                    (*where, key),
                    f"{key}: goes with scale:; with options:, give each option its score:",
                )
        for dimension in raw.get("skipped", {}):
            if dimension not in quiz.dimensions:
                report(
                    (*where, "skipped", dimension),
                    f"skipped points for {unknown('dimension', dimension, quiz.dimensions)}",
                )
        if "skipped" in raw and "show_if" not in raw:
            report(
                (*where, "skipped"),
                f"question '{question.id}' is always asked, so its skipped: points are never "
                "added; give it a show_if, or drop them",
            )
        if raw.get("scores") and raw["scores"] not in quiz.dimensions:
            report(
                (*where, "scores"),
                f"scores for {unknown('dimension', raw['scores'], quiz.dimensions)}",
            )
    for name, steps in scales.items():
        for step_index, step_id in _duplicates([step["id"] for step in steps]):
            report(
                ("scales", name, step_index, "id"),
                f"option id '{step_id}' is used twice in scale '{name}'",
            )


def _reference_errors(quiz: Quiz, located: Located) -> list[SourceError]:
    errors: list[SourceError] = []

    def error(where: YamlPath, message: str) -> None:
        errors.append(SourceError(quiz.source_path, located.line_of(where), message))

    for index, qid in _duplicates([q.id for q in quiz.questions]):
        error(("questions", index, "id"), f"question id '{qid}' is used twice")
    for index, oid in _duplicates([o.id for o in quiz.outcomes]):
        error(("outcomes", index, "id"), f"outcome id '{oid}' is used twice")
    for index, nid in _duplicates([n.id for n in quiz.notices]):
        error(("notices", index, "id"), f"notice id '{nid}' is used twice")
    _question_errors(quiz, located.data, error)
    for q_index, question in enumerate(quiz.questions):
        if "scale" in located.data["questions"][q_index]:
            continue  # its options are its scale's, checked once above
        for o_index, oid in _duplicates(question.option_ids()):
            error(
                ("questions", q_index, "options", o_index, "id"),
                f"option id '{oid}' is used twice in question '{question.id}'",
            )
        for o_index, option in enumerate(question.options):
            for dimension in option.score:
                if dimension not in quiz.dimensions:
                    error(
                        ("questions", q_index, "options", o_index, "score", dimension),
                        f"score for {unknown('dimension', dimension, quiz.dimensions)}",
                    )
    for q_index, question in enumerate(quiz.questions):
        if question.show_if is not None:
            _check_condition(
                quiz,
                question.show_if,
                quiz.questions[:q_index],
                ("questions", q_index, "show_if"),
                error,
                in_show_if=True,
            )
    rules = [("outcomes", i, o.when) for i, o in enumerate(quiz.outcomes)]
    rules += [("notices", i, n.when) for i, n in enumerate(quiz.notices)]
    rules += [("guarantees", i, g.when) for i, g in enumerate(quiz.guarantees)]
    for part, index, when in rules:
        if when is not None:
            where = (part, index, "when")
            _check_condition(quiz, when, quiz.questions, where, error, in_show_if=False)
    if not errors:  # the scale needs every bound and score to be a known number
        _precision_errors(quiz, located, error)
    outcome_ids = [o.id for o in quiz.outcomes]
    _guarantee_errors(quiz, error)
    for case in quiz.tests:
        if case.expect not in outcome_ids:
            error(
                ("tests", case.index, "expect"),
                f"test {case.index + 1} expects {unknown('outcome', case.expect, outcome_ids)}",
            )
    return errors


Reporter = Callable[[YamlPath, str], None]

# The widget adds points as whole numbers of the quiz's smallest step; JavaScript holds whole
# numbers exactly up to 2^53.
_EXACT_IN_JAVASCRIPT = 2**53


def _precision_errors(quiz: Quiz, located: Located, report: Reporter) -> None:
    """Numbers with so many decimals that the widget could not add them exactly: it would
    route differently from the proof."""
    scale = point_scale(quiz)
    largest = sum(
        max(
            (abs(v) for points in q.answer_points() for v in points.values()),
            default=Fraction(0),
        )
        * (len(q.options) if q.type == "multiple" else 1)
        for q in quiz.questions
    )
    bounds = [abs(b) for bs in seen_by_rules(quiz).bounds.values() for b in bs]
    if max([largest, *bounds]) * scale < _EXACT_IN_JAVASCRIPT:
        return
    numbers = [
        (where, value)
        for where, value in leaves(located.data)
        if isinstance(value, float | int) and not isinstance(value, bool)
    ]
    finest = max(numbers, key=lambda pair: exact(pair[1]).denominator)
    report(
        finest[0],
        f"{finest[1]!r} has more decimals than the widget can add exactly (with this quiz's "
        "other numbers, its sums would pass 2^53 steps); round it to fewer decimals",
    )


def _guarantee_errors(quiz: Quiz, report: Reporter) -> None:
    """Each guarantee names outcomes and notices that exist, and its id once."""
    for index, gid in _duplicates([g.id for g in quiz.guarantees]):
        report(("guarantees", index, "id"), f"guarantee id '{gid}' is used twice")
    outcomes = [o.id for o in quiz.outcomes]
    notices = [n.id for n in quiz.notices]
    for guarantee in quiz.guarantees:
        lists = [("never", guarantee.never, "outcome", outcomes)]
        lists += [("only", guarantee.only or (), "outcome", outcomes)]
        lists += [("shows", guarantee.shows, "notice", notices)]
        for key, names, kind, known in lists:
            for position, name in enumerate(names):
                if name not in known:
                    report(
                        ("guarantees", guarantee.index, key, position),
                        f"guarantee '{guarantee.id}' names {unknown(kind, name, known)}",
                    )


def _check_condition(
    quiz: Quiz,
    condition: Condition,
    allowed: list[Question],
    where: YamlPath,
    report: Reporter,
    in_show_if: bool,
) -> None:
    for kind, leaf in references(condition):
        if kind in ("score", "top", "tie"):
            if in_show_if and kind != "score":
                report(
                    where,
                    f"show_if cannot look at {kind}: it compares points that later questions "
                    "may still add to",
                )
            elif kind == "score" and in_show_if and leaf["score"] in quiz.dimensions:
                _check_score_gate(quiz, leaf["score"], allowed, where, report)
            elif kind == "score":
                if leaf["score"] not in quiz.dimensions:
                    report(
                        where,
                        f"condition uses {unknown('dimension', leaf['score'], quiz.dimensions)}",
                    )
            else:
                _check_top(quiz, leaf, where, report)
            continue
        target = next((q for q in quiz.questions if q.id == leaf[kind]), None)
        if target is None:
            ids = [q.id for q in quiz.questions]
            report(where, f"condition uses {unknown('question', leaf[kind], ids)}")
        elif target not in allowed:
            report(
                where,
                f"show_if looks at question '{target.id}', which is not before this "
                "one; show_if may only look at earlier questions",
            )
        elif kind == "count":
            if target.type != "multiple":
                report(
                    where,
                    f"count looks at question '{target.id}', which takes one "
                    "answer; count is for questions of type: multiple",
                )
        elif kind == "value":
            if target.type != "number":
                report(
                    where,
                    f"value looks at question '{target.id}', which takes no number; value is "
                    "for questions of type: number",
                )
        elif target.type == "number":
            report(
                where,
                f"answer looks at number question '{target.id}'; compare its value instead: "
                f"{{value: {target.id}, below: N}}",
            )
        else:
            wanted = [leaf["is"]] if "is" in leaf else leaf["in"]
            for option in wanted:
                if option not in target.option_ids():
                    report(where, f"question '{target.id}' has no option '{option}'")


_NUMBER_ONLY = ("min", "max", "unit", "bands")


def _number_errors(
    question: Question, raw: dict[str, Any], where: YamlPath, quiz: Quiz, report: Reporter
) -> None:
    """A number question: a range, bands in order, no options."""
    for key in ("options", "scale", "scores", "reverse"):
        if key in raw:
            report(
                (*where, key),
                f"question '{question.id}' takes a number; it has no {key}: (give bands: for "
                "its points)",
            )
    if "min" not in raw or "max" not in raw:
        report(where, f"number question '{question.id}' needs min: and max: (whole numbers)")
    elif question.least > question.most:
        report((*where, "min"), f"number question '{question.id}' has min: above max:")
    belows = [b.below for b in question.bands]
    for index, (before, below) in enumerate(zip([None, *belows], belows, strict=False)):
        if below is None and index < len(belows) - 1:
            report(
                (*where, "bands", index),
                "a band with no below: takes every value left, so it must be the last",
            )
        elif below is not None and before is not None and below <= before:
            report(
                (*where, "bands", index, "below"),
                f"bands go up: below: {below} is not above the band before it",
            )
        for dimension in question.bands[index].score:
            if dimension not in quiz.dimensions:
                report(
                    (*where, "bands", index, "score", dimension),
                    f"score for {unknown('dimension', dimension, quiz.dimensions)}",
                )


def _check_score_gate(
    quiz: Quiz, dimension: str, earlier: list[Question], where: YamlPath, report: Reporter
) -> None:
    """A show_if may look at points only the questions before it add: when it is asked, they
    are all the points there will be."""
    later = [q for q in quiz.questions if q not in earlier and adds_to(q, dimension)]
    if later:
        label = quiz.dimensions[dimension].label
        report(
            where,
            f"show_if looks at “{label}” points, which question '{later[0].id}' (this one or "
            "a later one) still adds to; a show_if may look only at points the questions "
            "before it add",
        )


def _check_top(quiz: Quiz, leaf: Condition, where: YamlPath, report: Reporter) -> None:
    """A `top` or a `tie`: known dimensions, two or more to compare, each one of them."""
    kind = "top" if "top" in leaf else "tie"
    named = [leaf["top"]] if kind == "top" else list(leaf["tie"])
    strangers = [d for d in [*named, *leaf["among"]] if d not in quiz.dimensions]
    if strangers:
        report(where, f"condition uses {unknown('dimension', strangers[0], quiz.dimensions)}")
    elif len(leaf["among"]) < 2:
        report(
            where,
            f"{kind} needs two or more dimensions to compare (give among: when most "
            "dimensions are hidden)",
        )
    elif any(d not in leaf["among"] for d in named):
        outside = next(d for d in named if d not in leaf["among"])
        among = ", ".join(leaf["among"])
        report(
            where,
            f"{kind}: '{outside}' is not one of the dimensions it is compared with ({among})",
        )
