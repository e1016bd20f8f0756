"""Answer sets written for an author: YAML to paste into `tests:` (ids like yes are quoted)."""

from __future__ import annotations

import yaml

from .model import Answers

__all__ = ["format_answers", "format_case"]


def _flow(value: object) -> str:
    return yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=10**6).strip()


def format_answers(answers: Answers) -> str:
    """An answer set, as the `answers:` of a test case."""
    return _flow(answers)


def format_case(answers: Answers, expect: str | None) -> str:
    """A whole `tests:` entry: the answers and the outcome they reach."""
    case: dict[str, object] = {"answers": answers}
    if expect is not None:
        case["expect"] = expect
    return _flow(case)
