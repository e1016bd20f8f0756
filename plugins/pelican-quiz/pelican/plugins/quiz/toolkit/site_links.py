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


_HEADING_WITH_ID = re.compile(r"<h[1-6]\b[^>]*\sid=", re.I)
_MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


def has_section(html: str, fragment: str) -> bool:
    return re.search(rf'\bid="{re.escape(fragment)}"', html) is not None


def _no_heading_ids(path: str, html: str) -> str:
    """Why no link to a section of this page can work, when none of its headings has an id."""
    if _HEADING_WITH_ID.search(html):
        return ""
    if path.lower().endswith(_MARKDOWN):
        return (
            "; none of its headings has an id: write the heading as '## Title {#id}', or add "
            "'markdown.extensions.toc' to MARKDOWN's extension_configs"
        )
    return "; its reader gives none of its headings an id"


def link_problem(path: str, fragment: str | None, contents: Mapping[str, Any]) -> str | None:
    """What is wrong with a link to ``path#fragment`` (a path from the content folder), or
    None when the page and its section exist."""
    target = contents.get(path)
    if target is None:
        return f"no article or page '{path}'"
    html = getattr(target, "_content", "") or ""
    if fragment and not has_section(html, fragment):
        return f"'{path}' has no section '#{fragment}'{_no_heading_ids(path, html)}"
    return None
