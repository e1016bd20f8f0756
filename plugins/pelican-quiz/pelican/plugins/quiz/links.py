"""The links a quiz holds in its YAML: each must reach a page, and its ``#section`` must exist.

Pelican resolves ``{filename}`` links only in the HTML of a page, not in data, so the plugin
checks them itself against the generated pages, and labels each with its section's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from html import unescape
from typing import Any

from .model import Quiz
from .render import markdown
from .toolkit.located_yaml import SourceError, YamlPath, leaves
from .toolkit.site_links import link_problem

__all__ = ["link_labels", "text_link_errors", "text_links"]

_LINK = re.compile(r"^\{filename\}/?(?P<path>[^#]+)(?:#(?P<fragment>.+))?$")


def _heading_text(html: str, fragment: str) -> str | None:
    """The title of the section ``#fragment``: a heading with that id (Python-Markdown,
    markdown-it), or the first heading of a section element with it (docutils' reST and
    MyST readers put the id on the section around the heading)."""
    the_id = rf'\bid="{re.escape(fragment)}"'
    match = re.search(rf"<(h[1-6])[^>]*{the_id}[^>]*>(?P<text>.*?)</\1>", html, re.S) or re.search(
        rf"<(?:section|div)\b[^>]*{the_id}[^>]*>\s*<(h[1-6])\b[^>]*>(?P<text>.*?)</\1>", html, re.S
    )
    if match is None:
        return None
    text = re.sub(r'<a class="(?:permalink|headerlink)".*?</a>', "", match["text"], flags=re.S)
    # Plain text, as a title is: the quiz escapes it once when it writes the link.
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()


# Fields whose text is Markdown (or inline Markdown), wherever they stand in the YAML.
_TEXT_FIELDS = ("intro", "prompt", "help", "label", "feedback", "body", "text")
_PELICAN_LINK = re.compile(
    r"^\{(filename|static|attach)\}/?(?P<path>[^#?]*)(?:#(?P<fragment>.*))?$"
)


def text_links(quiz: Quiz) -> Iterator[tuple[YamlPath, str]]:
    """Every Pelican link (``{filename}``, ``{static}``, ``{attach}``) written in the quiz's
    Markdown text: intro, prompts, help, labels, feedback, outcome and notice bodies."""
    data = quiz.located.data if quiz.located else {}
    texts = [
        (where, text)
        for where, text in leaves(data)
        if where and where[-1] in _TEXT_FIELDS and isinstance(text, str)
    ]
    for where, text in texts:
        for token in markdown().parse(text):
            for child in [token, *(token.children or [])]:
                href = child.attrGet("href") or child.attrGet("src")
                if isinstance(href, str) and _PELICAN_LINK.match(href):
                    yield where, href


def text_link_errors(
    quiz: Quiz, contents: Mapping[str, Any], statics: Mapping[str, Any]
) -> list[SourceError]:
    """A link in the quiz's text must arrive as surely as its `link:` fields: the page and its
    section, or the static file, exist."""
    errors = []
    for where, href in text_links(quiz):
        match = _PELICAN_LINK.match(href)
        assert match is not None
        if match[1] == "filename":
            problem = link_problem(match["path"], match["fragment"], contents)
        elif match["path"] in statics or match["path"] in contents:
            problem = None
        else:
            problem = f"no file '{match['path']}' in the content folder"
        if problem is not None:
            errors.append(
                SourceError(quiz.source_path, quiz.line_of(where), f"link {href}: {problem}")
            )
    return errors


def link_labels(
    quiz: Quiz, contents: dict[str, Any]
) -> tuple[dict[str, str] | None, list[SourceError]]:
    """Check each link's page and section exist; label each with the section's title.

    No labels (and no error) when a linked page failed to load (Pelican keeps it as None): its
    own error says what is wrong, and the quiz cannot be placed until it is fixed. Any other
    file (a static file, a quiz, a path outside the content) is no page: an error."""
    labels: dict[str, str] = {}
    errors: list[SourceError] = []
    unreadable = False
    for where, link in quiz.links():
        match = _LINK.match(link)
        assert match is not None  # the schema only admits {filename} links
        target = contents.get(match["path"])
        line = quiz.line_of(where)
        if target is None and match["path"] in contents:
            unreadable = True
            continue
        fragment = match["fragment"]
        problem = link_problem(match["path"], fragment, contents)
        if problem is not None:
            errors.append(SourceError(quiz.source_path, line, f"link {link}: {problem}"))
            continue
        assert target is not None  # link_problem found the page
        html = getattr(target, "_content", "") or ""
        labels[link] = (_heading_text(html, fragment) if fragment else None) or target.title
    return (None if unreadable else labels), errors
