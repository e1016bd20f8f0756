"""Whether a ``{filename}`` link reaches a page of the site, and its ``#section`` exists there.

Pelican resolves such links when it writes a page and only warns when the target is missing;
a plugin that wants a missing page or section to be an error asks here, once every file is
read (``contents`` is Pelican's ``context["generated_content"]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["has_section", "link_problem"]


def has_section(html: str, fragment: str) -> bool:
    return re.search(rf'\bid="{re.escape(fragment)}"', html) is not None


def link_problem(path: str, fragment: str | None, contents: Mapping[str, Any]) -> str | None:
    """What is wrong with a link to ``path#fragment`` (a path from the content folder), or
    None when the page and its section exist."""
    target = contents.get(path)
    if target is None:
        return f"no article or page '{path}'"
    if fragment and not has_section(getattr(target, "_content", "") or "", fragment):
        return f"'{path}' has no section '#{fragment}'"
    return None
