"""`pelican-quiz check [FILES or FOLDERS]`: validate quizzes without building the site.

Prints, for each quiz, every outcome with how many answer combinations reach it and one example
answer set. Links are checked against the real pages by the build itself (`make build`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .loader import QuizErrors, load_quiz, quiz_files
from .pelican_quiz import DEFAULTS
from .routing import format_answers, verify

__all__ = ["main"]


def _files(targets: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            files += quiz_files(target)
        else:
            files.append(target)
    return files


def check_file(file: Path, seconds: float) -> bool:
    try:
        quiz = load_quiz(file)
    except QuizErrors as problem:
        for error in problem.errors:
            print(f"error: {error}", file=sys.stderr)
        return False
    verdict = verify(quiz, seconds)
    report = verdict.report
    for error in verdict.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{file}: {quiz.title}")
    if report is None:
        return False
    print(f"  all {report.checked:,} answer combinations, {len(quiz.tests)} test case(s)")
    width = max(len(o.id) for o in quiz.outcomes)
    for outcome in quiz.outcomes:
        route = report.routes[outcome.id]
        example = format_answers(route.example) if route.example else "(unreachable)"
        print(f"  {outcome.id:<{width}}  {route.count:>9,}  e.g. {example}")
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
    args = parser.parse_args(argv)
    files = _files(args.targets)
    if not files:
        print(f"error: no quiz files in {', '.join(args.targets)}", file=sys.stderr)
        return 1
    results = [check_file(file, args.seconds) for file in files]
    return 0 if all(results) else 1
