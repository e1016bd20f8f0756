"""Every internal link of every page must arrive: a missing file or ``#section`` fails the build.

Pelican only warns when a ``{filename}`` link finds no page (and ships the page with
``href="{filename}..."``), and it publishes whatever an ``{attach}`` or ``{static}`` link
names, files outside the content folder included. Here, the links each page's reader made are
noted as the page is made (before any plugin adds HTML of its own, such as a quiz, which checks
its own links) and checked once every file is read:

- ``{filename}path#section``: the page exists and has an element with that id;
- ``{static}``/``{attach}`` path: the file is inside the content folder (after symlinks), and
  exists;
- every static file the site publishes is inside the content folder (after symlinks).

Each problem is ``file:line: message``, the line being where the link stands in the source.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals
from pelican.plugins.quiz.toolkit.located_yaml import SourceError
from pelican.plugins.quiz.toolkit.site_links import link_problem
from pelican.plugins.quiz.toolkit.source_files import display_path

__all__ = ["LinkErrors", "register"]

_LINK = re.compile(
    r"""(?:href|src)=(["'])\{(?P<what>filename|static|attach)\}(?P<path>[^"'#?]*)"""
    r"""(?:\?[^"'#]*)?(?:#(?P<fragment>[^"']*))?\1"""
)
_noted: list[tuple[Any, list[re.Match[str]]]] = []


class LinkErrors(Exception):
    """Every broken link of the build, one ``file:line: message`` a line."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        self.path = errors[0].path
        super().__init__("\n".join(str(e) for e in errors))


def _note(content: Any) -> None:
    html = "\n".join(
        text
        for text in (getattr(content, "_content", None), content.metadata.get("summary"))
        if isinstance(text, str)
    )
    links = list(_LINK.finditer(html))
    if links:
        _noted.append((content, links))


def _target(content: Any, path: str) -> str:
    """The link's path from the content folder, as Pelican resolves it."""
    if path.startswith("/"):
        return os.path.normpath(path[1:])
    return os.path.normpath(os.path.join(content.relative_dir, path))


def _problem(content: Any, link: re.Match[str], context: dict[str, Any], root: Path) -> str | None:
    target = _target(content, link["path"])
    if link["what"] == "filename":
        return link_problem(target, link["fragment"], context.get("generated_content", {}))
    real = Path(os.path.realpath(root / target))
    if target.startswith("..") or not real.is_relative_to(root):
        return f"'{link['path']}' is outside the content folder; only files inside it are published"
    if not real.is_file():
        return f"no file '{target}' in the content folder"
    return None


def _line(content: Any, link: str) -> int | None:
    """Where ``link`` stands in the page's source (the whole link, else its path)."""
    try:
        source = Path(content.source_path).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None
    at = source.find(link)
    if at < 0:
        at = source.find(link.split("#")[0])
    return source.count("\n", 0, at) + 1 if at >= 0 else None


def _check(generators: list[Any]) -> None:
    context, settings = generators[0].context, generators[0].settings
    root = Path(os.path.realpath(settings["PATH"]))
    errors: list[SourceError] = []
    reported: set[str] = set()  # files a link already has an error for
    for content, links in _noted:
        for link in links:
            problem = _problem(content, link, context, root)
            if problem is None:
                continue
            reported.add(os.path.realpath(root / _target(content, link["path"])))
            written = link.group(0).split("=", 1)[1][1:-1]
            errors.append(
                SourceError(
                    display_path(content.source_path, settings["PATH"]),
                    _line(content, written),
                    f"link {written}: {problem}",
                )
            )
    _noted.clear()
    for static in context.get("static_content", {}).values():
        source: str = getattr(static, "source_path", None) or ""
        real = os.path.realpath(source) if source else ""
        if real and real not in reported and not Path(real).is_relative_to(root):
            errors.append(
                SourceError(
                    display_path(source, settings["PATH"]),
                    None,
                    f"a link out of the content folder (to {real}); "
                    "only files inside it are published",
                )
            )
    if errors:
        raise LinkErrors(sorted(errors, key=lambda e: (e.path, e.line or 0)))


def _new_build(pelican: Any) -> None:
    _noted.clear()


def register() -> None:
    signals.initialized.connect(_new_build)
    signals.content_object_init.connect(_note)
    signals.all_generators_finalized.connect(_check)
