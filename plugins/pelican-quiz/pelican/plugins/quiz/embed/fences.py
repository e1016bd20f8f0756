"""Find ```` ```{quiz} id ```` fences in Markdown lines, skipping other fenced code blocks.

Used by the Python-Markdown extension, and to notice a page whose reader never ran any of the
plugin's hooks (its fences would otherwise vanish into code blocks without a word).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Fence", "quiz_fences"]

_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_QUIZ = re.compile(r"^\{quiz\}(?:\s+(?P<argument>.*))?$")


@dataclass(frozen=True)
class Fence:
    start: int  # index of the opening line
    end: int  # index after the closing line (or the end of the text)
    argument: str
    body: str


def quiz_fences(lines: Sequence[str]) -> Iterator[Fence]:
    """Every ``{quiz}`` fence in ``lines``; fences inside other fences are text, not fences."""
    index = 0
    while index < len(lines):
        opened = _OPEN.match(lines[index])
        # A backtick fence's info string cannot hold a backtick (CommonMark): not a fence.
        if opened is None or (opened["fence"][0] == "`" and "`" in opened["info"]):
            index += 1
            continue
        end = _closing(lines, index, opened["fence"])
        quiz = _QUIZ.match(opened["info"].strip())
        if quiz is not None:
            body = "\n".join(lines[index + 1 : end - 1])
            yield Fence(index, end, quiz["argument"] or "", body)
        index = end


def _closing(lines: Sequence[str], start: int, fence: str) -> int:
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index + 1
    return len(lines)
