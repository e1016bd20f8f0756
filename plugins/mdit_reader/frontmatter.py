"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pelican.plugins.quiz.toolkit.located_yaml import Located, SourceError, excerpt, load_yaml
from pelican.plugins.quiz.toolkit.no_script import script_errors

__all__ = ["FrontMatter", "split_front_matter"]

_FENCE = "---"


@dataclass
class FrontMatter:
    """Front matter values, where they stand, and the Markdown that follows them."""

    values: dict[str, Any]
    located: Located
    body: str
    body_first_line: int  # 1-based line of the file where ``body`` starts


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Return the front matter between the opening ``---`` and the next ``---`` line.

    A file without front matter has no title, which Pelican cannot publish, so it is an error.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != _FENCE:
        raise SourceError(path, 1, "expected YAML front matter starting with '---' on line 1")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in (_FENCE, "..."):
            break
    else:
        raise SourceError(path, 1, "front matter opened with '---' on line 1 is never closed")

    located = load_yaml("".join(lines[1:index]), path, line_offset=1)
    values = located.data
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise SourceError(
            path,
            2,
            f"front matter must be a mapping of keys to values, "
            f"not {type(values).__name__} {excerpt(values)}",
        )
    problems = script_errors(located, path)
    if problems:
        raise problems[0]
    return FrontMatter(values, located, "".join(lines[index + 1 :]), index + 2)
