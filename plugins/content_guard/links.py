"""Each internal link a reader made must arrive: a ``{filename}`` page and its ``#section``, a
``{static}``/``{attach}`` file inside the content folder (after symlinks)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pelican.plugins.quiz.toolkit.site_links import link_problem

__all__ = ["LINK", "link_problem_of", "link_target"]

LINK = re.compile(
    r"""(?:href|src)=(["'])\{(?P<what>filename|static|attach)\}(?P<path>[^"'#?]*)"""
    r"""(?:\?[^"'#]*)?(?:#(?P<fragment>[^"']*))?\1"""
)


def link_target(content: Any, path: str) -> str:
    """The link's path from the content folder, as Pelican resolves it."""
    if path.startswith("/"):
        return os.path.normpath(path[1:])
    return os.path.normpath(os.path.join(content.relative_dir, path))


def link_problem_of(
    content: Any, link: re.Match[str], context: dict[str, Any], root: Path
) -> str | None:
    """What is wrong with ``link`` of ``content``, or None."""
    target = link_target(content, link["path"])
    if link["what"] == "filename":
        return link_problem(target, link["fragment"], context.get("generated_content", {}))
    real = Path(os.path.realpath(root / target))
    if target.startswith("..") or not real.is_relative_to(root):
        return f"'{link['path']}' is outside the content folder; only files inside it are published"
    if not real.is_file():
        return f"no file '{target}' in the content folder"
    return None
