"""`pelican-quiz check [FILES or FOLDERS]`: validate quizzes without building the site.

`pelican-quiz schema` prints the path of the installed JSON Schema (`--print`: the schema), for
an editor's YAML settings.

Prints, for each quiz, every outcome and notice with exactly how many answer combinations reach
it and one example answer set, and each guarantee with the answer sets it covers; with
``--overlaps``, the answer sets that two outcomes' rules both
match. Links are checked against the real pages by the build itself (`make build`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .loader import QuizErrors, load_quiz, quiz_files
from .pelican_quiz import DEFAULTS
from .routing import Route, format_answers, verify
from .schema import SCHEMA_PATH

__all__ = ["main"]


def _files(targets: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            files += quiz_files(target)
        else:
            files.append(target)
    return files


def _rows(rows: list[tuple[str, Route]], counted: bool) -> None:
    width = max(len(name) for name, _ in rows)
    for name, route in rows:
        example = format_answers(route.example) if route.example else "(none)"
        count = f"{route.count:>9,}" if counted else "      yes" if route.example else "     none"
        print(f"  {name:<{width}}  {count}  e.g. {example}")


def check_file(
    file: Path, seconds: float, overlaps: bool = False, megabytes: float | None = None
) -> bool:
    try:
        quiz = load_quiz(file)
    except QuizErrors as problem:
        for error in problem.errors:
            print(f"error: {error}", file=sys.stderr)
        return False
    verdict = verify(quiz, seconds, megabytes, overlaps)
    report = verdict.report
    for error in verdict.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{file}: {quiz.title}")
    if report is None:
        return False
    counted = report.counted
    if counted:
        print(f"  all {report.checked:,} answer combinations, {len(quiz.tests)} test case(s)")
    else:
        print(
            "  answer combinations not counted (too many distinct states to count); the verdict "
            f"is exact, each line with one answer set that shows it; {len(quiz.tests)} test "
            "case(s)"
        )
    _rows([(o.id, report.routes[o.id]) for o in quiz.outcomes], counted)
    if quiz.notices:
        print("  notices, shown beside the outcome:")
        _rows([(n.id, report.notices[n.id]) for n in quiz.notices], counted)
    if quiz.guarantees:
        print("  guarantees, each over the answer sets its `when` covers:")
        width = max(len(g.id) for g in quiz.guarantees)
        for guarantee in quiz.guarantees:
            kept = report.guarantees[guarantee.id]
            word = "broken" if kept.broken else "holds" if kept.covered else "covers none"
            covered = f"{kept.covered:>9,}" if counted else "         "
            print(f"  {guarantee.id:<{width}}  {covered}  {word}")
    if overlaps:
        if report.overlaps:
            print("  overlaps, answer sets both rules match (the first of the two takes them):")
            _rows([(f"{a} & {b}", route) for (a, b), route in report.overlaps.items()], counted)
        else:
            print("  overlaps: none; no answer set matches two outcomes' rules")
    return not verdict.errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pelican-quiz", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate quizzes and print their routing")
    check.add_argument("targets", nargs="*", default=["content/quizzes"])
    check.add_argument(
        "--seconds",
        type=float,
        default=DEFAULTS["QUIZ_PROOF_SECONDS"],
        help="the most one quiz's proof may take (default %(default)s)",
    )
    check.add_argument(
        "--memory",
        type=float,
        default=DEFAULTS["QUIZ_PROOF_MEMORY"],
        help="the most memory (MB) one quiz's proof may add (default %(default)s)",
    )
    check.add_argument(
        "--overlaps",
        action="store_true",
        help="also list the answer sets that two outcomes' rules both match",
    )
    schema = commands.add_parser(
        "schema", help="print the path of the quiz JSON Schema, for an editor's settings"
    )
    schema.add_argument("--print", action="store_true", help="print the schema itself")
    args = parser.parse_args(argv)
    if args.command == "schema":
        print(SCHEMA_PATH.read_text(encoding="utf-8").rstrip("\n") if args.print else SCHEMA_PATH)
        return 0
    files = _files(args.targets)
    if not files:
        print(f"error: no quiz files in {', '.join(args.targets)}", file=sys.stderr)
        return 1
    try:
        results = [check_file(file, args.seconds, args.overlaps, args.memory) for file in files]
    except BrokenPipeError:  # the output went to `head` or a pager that closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0 if all(results) else 1
