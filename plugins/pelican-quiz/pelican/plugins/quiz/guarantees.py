"""Guarantees: what an author promises of the routing ("whoever dreads it is never told they are
ready"), proved over every answer set by the same exact states as the routing itself.

Whenever a guarantee's `when` holds, the outcome reached is none of `never`, one of `only`
(an answer set that reaches no outcome is a dead end, reported as such), and every notice of
`shows` is shown.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .examples import format_case
from .model import Answers, Guarantee, Quiz
from .toolkit.located_yaml import SourceError

__all__ = ["Kept", "breach", "guarantee_errors"]


@dataclass
class Kept:
    """One guarantee over every answer set: how many it covers, how many break it, and the
    first that does, with the outcome it reaches and how it breaks the guarantee."""

    covered: int = 0
    broken: int = 0
    example: Answers | None = None
    outcome: str | None = None
    how: str = ""

    def add(self, count: int, example: Answers, outcome: str | None, how: str | None) -> None:
        self.covered += count
        if how is None:
            return
        self.broken += count
        if self.example is None:
            self.example, self.outcome, self.how = example, outcome, how


def breach(guarantee: Guarantee, outcome: str | None, notices: Collection[str]) -> str | None:
    """How an answer set whose `when` holds breaks ``guarantee``, or None when it keeps it."""
    if outcome is not None and outcome in guarantee.never:
        return f"reaches '{outcome}', which never: rules out"
    if outcome is not None and guarantee.only is not None and outcome not in guarantee.only:
        return f"reaches '{outcome}', which only: ({', '.join(guarantee.only)}) leaves out"
    missing = [n for n in guarantee.shows if n not in notices]
    if missing:
        return f"does not show notice '{missing[0]}'"
    return None


def guarantee_errors(quiz: Quiz, kept: dict[str, Kept], counted: bool = True) -> list[SourceError]:
    """A guarantee that covers no answer set proves nothing; one that is broken says how
    (``counted``: with how many of the answer sets it covers)."""
    errors = []
    for guarantee in quiz.guarantees:
        tally = kept[guarantee.id]
        line = quiz.line_of(("guarantees", guarantee.index))
        if not tally.covered:
            message = (
                f"guarantee '{guarantee.id}' proves nothing: its `when` holds for no answer set"
            )
        elif tally.example is not None:
            how_many = (
                f"{tally.broken:,} of the {tally.covered:,} answer set(s) it covers"
                if counted
                else "answer sets it covers (not counted)"
            )
            message = (
                f"guarantee '{guarantee.id}' is broken by {how_many}; this one {tally.how}: "
                f"{format_case(tally.example, tally.outcome)}"
            )
        else:
            continue
        errors.append(SourceError(quiz.source_path, line, message))
    return errors
