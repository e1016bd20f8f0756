"""What a page may link to, hold and be saved as; checked in every build, each problem a
``file:line: message`` that fails it.

Pelican only warns when a ``{filename}`` link finds no page (and ships ``href="{filename}..."``),
publishes whatever an ``{attach}`` or ``{static}`` link names, files outside the content folder
included, lets a page's ``save_as`` overwrite the index or the theme's CSS, and walks folder
links for ever. Here:

- the HTML each page's reader made is noted as the page is made, before any plugin adds HTML
  of its own (a quiz checks its own links), and once every file is read its links must arrive
  (:mod:`.links`) and it may hold nothing that runs script (:mod:`.markup`);
- every static file published is inside the content folder (after symlinks), and one a browser
  opens as a page (HTML, SVG, XML) holds no script (:func:`.markup.document_problems`);
- no two writers write one path of the output folder: every page, static and extra file, the
  theme, the quiz widget, the search index, the feeds and the kept entries claim their paths
  in one registry (:mod:`.paths`, :mod:`site_helpers.output_registry`);
- before reading, a folder link that loops is refused, and so is any link (an article, a page,
  a quiz, a folder) that leads out of the content folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals
from pelican.plugins.quiz.toolkit.located_yaml import SourceError, SourceErrors
from pelican.plugins.quiz.toolkit.source_files import display_path, line_of_text
from site_helpers.output_registry import clashes

from .links import LINK, link_problem_of, link_target
from .markup import DOCUMENTS, UNCHECKABLE, decoded, document_problems, markup_problems
from .paths import folder_loops, links_out, read_folders, site_claims

__all__ = ["GuardErrors", "register"]

_noted: list[tuple[Any, str]] = []  # each page, with the HTML its reader made
_outside: list[SourceError] = []  # the links out of the content folder, found before reading


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


def _static_problems(context: dict[str, Any], settings: dict[str, Any]) -> list[SourceError]:
    """A static or extra file a browser opens as a page (HTML, SVG, XML) may hold no script:
    published byte for byte, it would run on the site's origin with no policy to stop it."""
    errors = []
    for static in context.get("static_content", {}).values():
        source: str = getattr(static, "source_path", None) or ""
        suffix = Path(source).suffix.lower()
        if suffix not in (*DOCUMENTS, *UNCHECKABLE):
            continue
        where = display_path(source, settings["PATH"])
        if suffix in UNCHECKABLE:
            message = f"a {suffix} file cannot be checked for script; publish it unpacked"
            errors.append(SourceError(where, None, message))
            continue
        try:
            text = Path(source).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # Pelican says why it cannot copy it
        lines = text.splitlines()
        for found, message in document_problems(text):
            # The first line that holds it as written, or once decoded (a script URL).
            line = next(
                (n for n, t in enumerate(lines, 1) if found in t or found in decoded(t)), None
            )
            errors.append(SourceError(where, line, f"{message}; it cannot be published"))
    return errors


def _output_problems(context: dict[str, Any], settings: dict[str, Any]) -> list[SourceError]:
    """Every path of the output folder two writers would write (the output registry)."""
    errors = []
    for clash in clashes(site_claims(settings, context)):
        first, second = clash.first, clash.second
        if second.source is None:  # two of the site's own writers: a setting to change
            message = f"'{second.path}' is written by {first.writer} and by {second.writer}"
            errors.append(SourceError("settings", None, message))
        elif second.line is not None:
            errors.append(
                SourceError(
                    second.source,
                    second.line,
                    f"save_as '{second.path}' is written by {first.writer}; a page saved there "
                    "would overwrite it or be overwritten",
                )
            )
        else:
            errors.append(
                SourceError(
                    second.source,
                    None,
                    f"it would be published as '{second.path}', which {first.writer} writes: "
                    "one would overwrite the other; rename or move it",
                )
            )
    return errors


def _check(generators: list[Any]) -> None:
    context, settings = generators[0].context, generators[0].settings
    reported = {error.path for error in _outside}
    errors = [*_outside] + [
        error
        for error in _page_problems(context, settings) + _static_problems(context, settings)
        if error.path not in reported
    ]
    errors += _output_problems(context, settings)
    _noted.clear()
    _outside.clear()
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
    # Reported with the build's other problems: nothing is written before then.
    _outside[:] = [
        SourceError(
            display_path(str(link), str(root)),
            None,
            f"a link out of the content folder (to {real}); only files inside it are published",
        )
        for link, real in links_out(
            root, read_folders(pelican.settings), pelican.settings.get("IGNORE_FILES", [])
        )
    ]


def register() -> None:
    signals.initialized.connect(_new_build)
    signals.content_object_init.connect(_note)
    signals.all_generators_finalized.connect(_check)
