"""What a page may link to, hold and be saved as; checked in every build, each problem a
``file:line: message`` that fails it.

Pelican only warns when a ``{filename}`` link finds no page (and ships ``href="{filename}..."``),
publishes whatever an ``{attach}`` or ``{static}`` link names, files outside the content folder
included, lets a page's ``save_as`` overwrite the index or the theme's CSS, and walks folder
links for ever. Here:

- the HTML each page's reader made is noted as the page is made, before any plugin adds HTML
  of its own (a quiz checks its own links), and once every file is read its links must arrive
  (:mod:`.links`) and it may hold nothing that runs script (:mod:`.markup`);
- every static file published is inside the content folder (after symlinks);
- no page is saved where something else of the site is written (:mod:`.paths`);
- before reading, a folder link that loops is refused.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals
from pelican.plugins.quiz.toolkit.located_yaml import SourceError, SourceErrors
from pelican.plugins.quiz.toolkit.source_files import display_path, line_of_text

from .links import LINK, link_problem_of, link_target
from .markup import markup_problems
from .paths import folder_loops, reserved_outputs

__all__ = ["GuardErrors", "register"]

_noted: list[tuple[Any, str]] = []  # each page, with the HTML its reader made


class GuardErrors(SourceErrors):
    """Every problem of the build, one ``file:line: message`` a line, in file order."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__(sorted(errors, key=lambda e: (e.path, e.line or 0)))


def _note(content: Any) -> None:
    html = "\n".join(
        text
        for text in (getattr(content, "_content", None), content.metadata.get("summary"))
        if isinstance(text, str)
    )
    if html:
        _noted.append((content, html))


def _source_line(content: Any, text: str) -> int | None:
    """Where ``text`` (else the part of it before any ``#``) stands in the page's source."""
    line = line_of_text(content.source_path, text)
    return line if line is not None else line_of_text(content.source_path, text.split("#")[0])


def _page_problems(context: dict[str, Any], settings: dict[str, Any]) -> list[SourceError]:
    root = Path(os.path.realpath(settings["PATH"]))
    errors: list[SourceError] = []
    reported: set[str] = set()  # files a link already has an error for
    for content, html in _noted:
        where = display_path(content.source_path, settings["PATH"])
        found_here = markup_problems(html)
        for found, message in found_here:
            errors.append(SourceError(where, _source_line(content, found), message))
        for link in LINK.finditer(html):
            written = link.group(0).split("=", 1)[1][1:-1]
            problem = link_problem_of(content, link, context, root)
            if problem is None or any(found == written for found, _ in found_here):
                continue
            reported.add(os.path.realpath(root / link_target(content, link["path"])))
            line = _source_line(content, written)
            errors.append(SourceError(where, line, f"link {written}: {problem}"))
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
    return errors


def _save_as_problems(context: dict[str, Any], settings: dict[str, Any]) -> list[SourceError]:
    reserved = reserved_outputs(settings)
    errors = []
    for content in context.get("generated_content", {}).values():
        save_as = getattr(content, "save_as", "") if content is not None else ""
        if save_as and os.path.normpath(save_as) in reserved:
            where = display_path(content.source_path, settings["PATH"])
            errors.append(
                SourceError(
                    where,
                    _source_line(content, "save_as"),
                    f"save_as '{save_as}' is written by {reserved[os.path.normpath(save_as)]}; "
                    "a page saved there would overwrite it or be overwritten",
                )
            )
    return errors


def _check(generators: list[Any]) -> None:
    context, settings = generators[0].context, generators[0].settings
    errors = _page_problems(context, settings) + _save_as_problems(context, settings)
    _noted.clear()
    if errors:
        raise GuardErrors(errors)


def _new_build(pelican: Any) -> None:
    _noted.clear()
    root = Path(pelican.settings["PATH"])
    loops = [
        SourceError(
            display_path(str(link), str(root)),
            None,
            f"a folder link that leads back to {os.path.realpath(link)}: Pelican would walk "
            "it for ever",
        )
        for link in folder_loops(root)
    ]
    if loops:
        raise GuardErrors(loops)


def register() -> None:
    signals.initialized.connect(_new_build)
    signals.content_object_init.connect(_note)
    signals.all_generators_finalized.connect(_check)
