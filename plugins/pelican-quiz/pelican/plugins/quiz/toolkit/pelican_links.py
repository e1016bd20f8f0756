"""Keep Pelican's ``{filename}``-style link prefixes intact through markdown-it.

markdown-it percent-encodes ``{`` and ``}`` in link destinations, which would hide them from
Pelican's link resolution; the prefix is kept verbatim and only the rest is normalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt

__all__ = ["keep_pelican_links"]

_PELICAN_PREFIX = re.compile(r"^\{(filename|static|attach|index|tag|category|author)\}")


def keep_pelican_links(md: MarkdownIt) -> None:
    """markdown-it plugin: wrap ``normalizeLink`` so Pelican link prefixes survive."""
    normalize: Callable[[str], str] = md.normalizeLink

    def normalize_keeping_prefix(url: str) -> str:
        match = _PELICAN_PREFIX.match(url)
        if match is None:
            return normalize(url)
        rest = url[match.end() :]
        return match.group(0) + (normalize(rest) if rest else "")

    md.normalizeLink = normalize_keeping_prefix  # type: ignore[method-assign]
