"""Load a quiz file: safe YAML, the JSON Schema, then the checks a schema cannot make."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .conditions import map_bounds, references
from .model import Case, Condition, Dimension, Option, Outcome, Question, Quiz, exact
from .schema import schema_errors
from .toolkit.located_yaml import Located, SourceError, SourceErrors, YamlPath, load_yaml
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
    if errors:
        raise QuizErrors(errors)
    quiz = _build(located, quiz_id, path)
    errors = _reference_errors(quiz, located)
    if errors:
        raise QuizErrors(errors)
    return quiz


def _build(located: Located, quiz_id: str, path: str) -> Quiz:
    data = located.data
    dimensions = {
        key: Dimension(key, value["label"], value["link"])
        for key, value in data["dimensions"].items()
    }
    questions = [
        Question(
            q["id"],
            q["prompt"],
            q.get("type", "single"),
            tuple(
                Option(
                    o["id"],
                    o["label"],
                    {k: exact(v) for k, v in o.get("score", {}).items()},
                    o.get("feedback", ""),
                )
                for o in q["options"]
            ),
            q.get("help", ""),
            map_bounds(q.get("show_if"), exact),
        )
        for q in data["questions"]
    ]
    outcomes = [
        Outcome(o["id"], o["title"], o["link"], o.get("body", ""), map_bounds(o.get("when"), exact))
        for o in data["outcomes"]
    ]
    tests = [Case(t["answers"], t["expect"], i) for i, t in enumerate(data.get("tests", []))]
    return Quiz(
        quiz_id,
        data["title"],
        dimensions,
        questions,
        outcomes,
        data.get("intro", ""),
        tests,
        path,
        located,
    )


def _duplicates(ids: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    found = []
    for index, item in enumerate(ids):
        if item in seen:
            found.append((index, item))
        seen.add(item)
    return found


def _reference_errors(quiz: Quiz, located: Located) -> list[SourceError]:
    errors: list[SourceError] = []

    def error(where: YamlPath, message: str) -> None:
        errors.append(SourceError(quiz.source_path, located.line_of(where), message))

    for index, qid in _duplicates([q.id for q in quiz.questions]):
        error(("questions", index, "id"), f"question id '{qid}' is used twice")
    for index, oid in _duplicates([o.id for o in quiz.outcomes]):
        error(("outcomes", index, "id"), f"outcome id '{oid}' is used twice")
    for q_index, question in enumerate(quiz.questions):
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
                        f"score for unknown dimension '{dimension}' "
                        f"(known: {', '.join(quiz.dimensions)})",
                    )
        if question.show_if is not None:
            earlier = quiz.questions[:q_index]
            _check_condition(
                quiz,
                question.show_if,
                earlier,
                ("questions", q_index, "show_if"),
                error,
                in_show_if=True,
            )
    for index, outcome in enumerate(quiz.outcomes):
        if outcome.when is not None:
            _check_condition(
                quiz,
                outcome.when,
                quiz.questions,
                ("outcomes", index, "when"),
                error,
                in_show_if=False,
            )
    outcome_ids = {o.id for o in quiz.outcomes}
    for case in quiz.tests:
        if case.expect not in outcome_ids:
            error(
                ("tests", case.index, "expect"),
                f"test {case.index + 1} expects unknown outcome '{case.expect}'",
            )
    return errors


Reporter = Callable[[YamlPath, str], None]


def _check_condition(
    quiz: Quiz,
    condition: Condition,
    allowed: list[Question],
    where: YamlPath,
    report: Reporter,
    in_show_if: bool,
) -> None:
    for kind, leaf in references(condition):
        if kind == "score":
            if in_show_if:
                report(where, "show_if can only look at earlier answers, not scores")
            elif leaf["score"] not in quiz.dimensions:
                report(where, f"condition uses unknown dimension '{leaf['score']}'")
            continue
        target = next((q for q in quiz.questions if q.id == leaf["answer"]), None)
        if target is None:
            report(where, f"condition uses unknown question '{leaf['answer']}'")
        elif target not in allowed:
            report(
                where,
                f"show_if looks at question '{target.id}', which is not before this "
                "one; show_if may only look at earlier questions",
            )
        else:
            wanted = [leaf["is"]] if "is" in leaf else leaf["in"]
            for option in wanted:
                if option not in target.option_ids():
                    report(where, f"question '{target.id}' has no option '{option}'")
