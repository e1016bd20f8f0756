"""The placeholder a reader leaves where a page embeds a quiz, and how to find it again.

A reader knows the line of the embedding but not always the file (Python-Markdown never learns
it), and a problem in the embedding is best reported with the build's other problems. So the
placeholder holds the quiz id, the line and, for a bad embedding, the problem; the file comes
from the page it stands in. Every attribute is escaped: nothing an author writes can add one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape

__all__ = ["QUIZ_ID", "Embed", "embeds_in", "has_marker", "marker", "replace_markers"]

QUIZ_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MARKER = re.compile(
    r'<div data-quiz-embed="(?P<quiz>[^"]*)" data-quiz-line="(?P<line>\d+)"'
    r'(?: data-quiz-problem="(?P<problem>[^"]*)")?></div>\n?'
)


@dataclass(frozen=True)
class Embed:
    """One embedding of a quiz in a page, as a reader left it."""

    quiz_id: str
    line: int
    problem: str | None  # what is wrong with the embedding itself, if anything


def marker(argument: str, body: str, line: int, syntax: str, kind: str) -> str:
    """The placeholder for an embedding written ``syntax argument`` (``{quiz}`` and ``fence``,
    ``.. quiz::`` and ``directive``), with ``body`` under it, at ``line``."""
    argument = argument.strip()
    problem = ""
    if body.strip():
        problem = f"a {syntax} {kind} takes the quiz id after it and an empty body"
    elif not argument:
        problem = f"a {syntax} {kind} needs the id of a quiz after it: {syntax} my-quiz"
    elif not QUIZ_ID.fullmatch(argument):
        problem = (
            f"'{syntax} {argument[:40]}': a quiz id is the name of its file in the quiz "
            "folder, lowercase letters, digits and '-' (my-quiz for my-quiz.yaml)"
        )
    quiz_id = "" if problem else argument
    extra = f' data-quiz-problem="{escape(problem)}"' if problem else ""
    return f'<div data-quiz-embed="{quiz_id}" data-quiz-line="{line}"{extra}></div>\n'


def has_marker(html: str) -> bool:
    return "data-quiz-embed=" in html and _MARKER.search(html) is not None


def embeds_in(html: str) -> list[Embed]:
    """Every placeholder in ``html``, in order."""
    found: list[Embed] = []

    def keep(embed: Embed) -> str:
        found.append(embed)
        return ""

    replace_markers(html, keep)
    return found


def replace_markers(html: str, render: Callable[[Embed], str]) -> str:
    """``html`` with every placeholder replaced by what ``render`` makes of it, in order."""

    def embed(match: re.Match[str]) -> str:
        problem = match["problem"]
        return render(
            Embed(match["quiz"], int(match["line"]), None if problem is None else unescape(problem))
        )

    return _MARKER.sub(embed, html)
