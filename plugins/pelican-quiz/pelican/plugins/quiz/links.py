"""The links a quiz holds in its YAML: each must reach a page, and its ``#section`` must exist.

Pelican resolves ``{filename}`` links only in the HTML of a page, not in data, so the plugin
checks them itself against the generated pages, and labels each with its section's title.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .model import Quiz
from .toolkit.located_yaml import SourceError

__all__ = ["link_labels"]

_LINK = re.compile(r"^\{filename\}/?(?P<path>[^#]+)(?:#(?P<fragment>.+))?$")


def _heading_text(html: str, fragment: str) -> str | None:
    match = re.search(rf'<(h[1-6])[^>]*\bid="{re.escape(fragment)}"[^>]*>(.*?)</\1>', html, re.S)
    if match is None:
        return None
    text = re.sub(r'<a class="(?:permalink|headerlink)".*?</a>', "", match.group(2), flags=re.S)
    return re.sub(r"<[^>]+>", "", text).strip()


def link_labels(
    quiz: Quiz, contents: dict[str, Any], content_root: Path
) -> tuple[dict[str, str] | None, list[SourceError]]:
    """Check each link's page and section exist; label each with the section's title.

    No labels (and no error) when a linked file exists but failed to load: its own error says
    what is wrong, and the quiz cannot be placed until it is fixed."""
    labels: dict[str, str] = {}
    errors: list[SourceError] = []
    unreadable = False
    for where, link in quiz.links():
        match = _LINK.match(link)
        assert match is not None  # the schema only admits {filename} links
        target = contents.get(match["path"])
        line = quiz.line_of(where)
        if target is None and (content_root / match["path"]).is_file():
            unreadable = True
            continue
        if target is None:
            errors.append(
                SourceError(
                    quiz.source_path, line, f"link {link}: no article or page '{match['path']}'"
                )
            )
            continue
        fragment = match["fragment"]
        if fragment is None:
            labels[link] = target.title
            continue
        html = getattr(target, "_content", "") or ""
        if not re.search(rf'\bid="{re.escape(fragment)}"', html):
            errors.append(
                SourceError(
                    quiz.source_path,
                    line,
                    f"link {link}: '{match['path']}' has no section '#{fragment}'",
                )
            )
            continue
        labels[link] = _heading_text(html, fragment) or target.title
    return (None if unreadable else labels), errors
