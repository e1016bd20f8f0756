"""Refuse script markup and script URLs in YAML an author writes (front matter, quizzes).

Everything is escaped on output anyway; refusing it as well turns a pasted snippet or an
attack into a clear build error instead of odd text on a published page."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

from .located_yaml import Located, SourceError, excerpt, leaves

__all__ = ["script_errors"]

_SCRIPT = re.compile(r"<\s*/?\s*script\b|\b(?:java|vb)script\s*:|data\s*:\s*text/html", re.I)


def script_errors(located: Located, path: str) -> list[SourceError]:
    """One error per string value holding ``<script``, ``</script`` or a script URL."""
    return [
        SourceError(
            path,
            located.line_of(where),
            f"{'.'.join(str(p) for p in where)}: script markup or a script URL is not allowed "
            f"here: {excerpt(text)}",
        )
        for where, text in leaves(located.data)
        if isinstance(text, str) and (_SCRIPT.search(text) or _SCRIPT.search(_decoded(text)))
    ]


def _decoded(text: str) -> str:
    # &#106;avascript: and java%73cript: are javascript: to a browser.
    return re.sub(r"[\x00-\x20]+", "", unquote(unescape(text)))
