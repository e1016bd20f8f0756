"""What no page may hold, whatever reader made it: markup that runs script (``<script>``, event
handler attributes, ``<iframe>`` and the like, a ``<meta>`` refresh) or a script URL, looked
for after entities and percent-escapes are decoded (``&#106;avascript:`` is ``javascript:``)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

__all__ = ["DOCUMENTS", "UNCHECKABLE", "decoded", "document_problems", "markup_problems"]

# Static files a browser opens as a page of the site's origin, where a script in them runs
# with the site's rights (and, on GitHub Pages, next to every project site of the account):
# they are published only when they hold no script. Compressed or archived ones cannot be read
# here, so they are not published at all.
DOCUMENTS = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".xml", ".xsl", ".xslt")
UNCHECKABLE = (".svgz", ".mht", ".mhtml")

_ELEMENT = re.compile(r"<\s*(script|iframe|object|embed|base|meta|link|form|frame)\b", re.I)
# A start tag read the way a browser reads it: attribute values in quotes may hold anything,
# "onwards=here" in a title included; only attribute names can be event handlers.
_TAG_START = re.compile(r"<[a-z]", re.I)
_TAG = re.compile(
    r"""<[a-z][^\s/>]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""",
    re.I,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# A tag the pattern above cannot read (an unclosed quote): any on...= in it counts.
_LOOSE_HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I)


def _handlers(html: str) -> list[str]:
    """The event handler attributes (onclick, onload...) of every tag in ``html``."""
    found = []
    for start in _TAG_START.finditer(html):
        tag = _TAG.match(html, start.start())
        if tag is None:
            loose = _LOOSE_HANDLER.match(html, start.start())
            found += [loose[1]] if loose else []
            continue
        names = (a[1] for a in _ATTRIBUTE.finditer(tag[1]))
        found += [name for name in names if re.fullmatch(r"on[a-z]+", name, re.I)]
    return found


_URL = re.compile(
    r"""\s(?:href|src|action|formaction|xlink:href|srcset)\s*=\s*(["'])(.*?)\1""", re.I
)
_SCRIPT_URL = re.compile(r"^(?:\{\w+\})?(?:javascript:|vbscript:|data:text/html)", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def decoded(text: str) -> str:
    """``text`` as a browser reads a URL in it: entities and percent-escapes decoded, the
    blanks and control characters it skips gone."""
    return _INVISIBLE.sub("", unquote(unescape(text)))


def _script_url(value: str) -> bool:
    return _SCRIPT_URL.match(decoded(value)) is not None


def markup_problems(html: str) -> list[tuple[str, str]]:
    """(what was found, message) for each thing in ``html`` that could run script."""
    found: list[tuple[str, str]] = []
    for match in _ELEMENT.finditer(html):
        found.append((match.group(0), f"<{match[1].lower()}> is not allowed in a page"))
    for name in _handlers(html):
        found.append((name, f"the event handler attribute {name} is not allowed"))
    for match in _URL.finditer(html):
        if _script_url(match[2]):
            found.append((match[2], f"the script URL {match[2][:40]!r} is not allowed"))
    return found


_DOCUMENT_ELEMENT = re.compile(r"<\s*(script|iframe|object|embed|base|frame|frameset)\b", re.I)
_REFRESH = re.compile(r"<\s*meta\b[^>]*http-equiv\s*=\s*[\"']?refresh", re.I)
_ANY_SCRIPT_URL = re.compile(r"(?:javascript|vbscript):|data:text/html", re.I)


def document_problems(text: str) -> list[tuple[str, str]]:
    """(what was found, message) for each thing in a static HTML, SVG or XML file that could
    run script. A document may have its own <meta> and <link>; it may not have a script
    element, an event handler, a refresh, or a script URL anywhere (an SVG <set> or <animate>
    can write one into a link)."""
    found: list[tuple[str, str]] = []
    for match in _DOCUMENT_ELEMENT.finditer(text):
        found.append((match.group(0), f"<{match[1].lower()}> would run on the site's origin"))
    for match in _REFRESH.finditer(text):
        found.append((match.group(0), "a <meta> refresh would lead readers away"))
    for name in _handlers(text):
        found.append((name, f"the event handler attribute {name} would run script"))
    for match in _ANY_SCRIPT_URL.finditer(decoded(text)):
        found.append((match.group(0), f"the script URL {match.group(0)!r} would run script"))
    return found
