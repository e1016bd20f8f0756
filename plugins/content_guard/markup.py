"""What no page may hold, whatever reader made it: markup that runs script (``<script>``, event
handler attributes, ``<iframe>`` and the like, a ``<meta>`` refresh) or a script URL, looked
for after entities and percent-escapes are decoded (``&#106;avascript:`` is ``javascript:``)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

__all__ = ["markup_problems"]

_ELEMENT = re.compile(r"<\s*(script|iframe|object|embed|base|meta|link|form|frame)\b", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I)
_URL = re.compile(
    r"""\s(?:href|src|action|formaction|xlink:href|srcset)\s*=\s*(["'])(.*?)\1""", re.I
)
_SCRIPT_URL = re.compile(r"^(?:\{\w+\})?(?:javascript:|vbscript:|data:text/html)", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _script_url(value: str) -> bool:
    plain = _INVISIBLE.sub("", unquote(unescape(value)))
    return _SCRIPT_URL.match(plain) is not None


def markup_problems(html: str) -> list[tuple[str, str]]:
    """(what was found, message) for each thing in ``html`` that could run script."""
    found: list[tuple[str, str]] = []
    for match in _ELEMENT.finditer(html):
        found.append((match.group(0), f"<{match[1].lower()}> is not allowed in a page"))
    for match in _HANDLER.finditer(html):
        found.append((match[1], f"the event handler attribute {match[1]} is not allowed"))
    for match in _URL.finditer(html):
        if _script_url(match[2]):
            found.append((match[2], f"the script URL {match[2][:40]!r} is not allowed"))
    return found
