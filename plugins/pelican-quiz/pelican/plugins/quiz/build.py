"""One build's quiz work, once every file is read: load and prove the quizzes, check their links,
place them in the pages that embed them, and tell the templates about them.

Every problem of the build is collected and raised together, one ``file:line: message`` each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican.contents import Content

from .embed.fences import quiz_fences
from .feeds import PLACED
from .links import link_labels, text_link_errors
from .loader import QuizErrors, load_quiz, quiz_files
from .model import Quiz
from .placement import Placement, embeds_a_quiz, place_quizzes, register_assets
from .proof_cache import ProofCache
from .routing import verify
from .toolkit.located_yaml import SourceError
from .toolkit.source_files import display_path
from .translations import translation_errors

__all__ = ["compile_and_place", "load_quizzes"]


_MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
_RST = (".rst", ".rest")
_RST_DIRECTIVE = re.compile(r"^\.\. quiz::", re.M)
# Set by the plugin on the pages that hold a quiz, and read by themes: a page's metadata
# naming one could put any script on the page.
OWN_ATTRIBUTES = ("quiz_ids", "quiz_stylesheets", "quiz_scripts")


def load_quizzes(folder: Path, content_root: str) -> tuple[dict[str, Quiz], list[SourceError]]:
    """Every quiz in ``folder``, and every problem found loading them."""
    quizzes: dict[str, Quiz] = {}
    errors: list[SourceError] = []
    for file in quiz_files(folder):
        try:
            quizzes[file.stem] = load_quiz(file, display_path(str(file), content_root))
        except QuizErrors as problem:
            errors.extend(problem.errors)
    return quizzes, errors


def _unhooked(content: Any, content_root: str) -> SourceError | None:
    """An embedding that no hook of the plugin saw: its reader does not run them."""
    path = Path(content.source_path)
    if path.suffix.lower() not in (*_MARKDOWN, *_RST):
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None
    if "quiz" not in text:
        return None
    if path.suffix.lower() in _RST:
        found = _RST_DIRECTIVE.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        syntax = ".. quiz:: directive"
    else:
        fence = next(quiz_fences(text.splitlines()), None)
        line = fence.start + 1 if fence else None
        syntax = "{quiz} fence"
    if line is None:
        return None
    return SourceError(
        display_path(content.source_path, content_root),
        line,
        f"this {syntax} was not turned into a quiz: the reader of this file does not run "
        "the quiz plugin's hook for it (see 'Embedding a quiz' in the pelican-quiz README)",
    )


def _forged(content: Any, content_root: str) -> list[SourceError]:
    """An error for each of the plugin's own attributes a page's metadata sets."""
    names = [key for key in content.metadata if key.lower() in OWN_ATTRIBUTES]
    if not names:
        return []
    try:
        text = Path(content.source_path).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        text = ""
    errors = []
    for name in names:
        # The metadata line, in YAML front matter, Pelican's "Key: value" or reST's ":key:".
        found = re.search(rf"^[ \t]*:?{re.escape(name)}[ \t]*:", text, re.I | re.M)
        errors.append(
            SourceError(
                display_path(content.source_path, content_root),
                text.count("\n", 0, found.start()) + 1 if found else None,
                f"'{name}' is set by the quiz plugin on pages that hold a quiz; it cannot be "
                "set in a page's metadata",
            )
        )
    return errors


def every_content(context: dict[str, Any], generators: Iterable[Any]) -> list[Any]:
    """Every article, page, draft and translation of the build, once: those in Pelican's
    ``generated_content``, and those a generator keeps only in its own lists (a plugin that
    adds a second articles generator, as pelican-lunr does, leaves the first one's pages,
    which are the ones written, out of ``generated_content``)."""
    found: dict[int, Any] = {}
    for content in context.get("generated_content", {}).values():
        if content is not None:  # a file Pelican could not read: its own error says why
            found.setdefault(id(content), content)
    for generator in generators:
        for value in vars(generator).values():
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, Content):
                        found.setdefault(id(item), item)
    return list(found.values())


def compile_and_place(
    settings: dict[str, Any],
    context: dict[str, Any],
    generators: Iterable[Any] = (),
    show_failures: bool = False,
) -> tuple[Placement, list[SourceError]]:
    """Do the build's quiz work: the placement, and every problem found. Quizzes are placed
    in :func:`every_content` of ``generators``. ``show_failures`` puts a notice where a quiz
    that failed stands (for ``pelican --autoreload``, which goes on after errors), where a
    build that fails needs none."""
    root = settings["PATH"]
    quizzes, errors = load_quizzes(Path(root) / settings["QUIZ_PATH"], root)
    contents: dict[str, Any] = dict(context.get("generated_content", {}))
    labels: dict[str, dict[str, str]] = {}
    proofs = ProofCache(settings)
    for quiz_id, quiz in quizzes.items():
        # The exact routing proof and the `tests:` cases, unless this quiz was proved clean.
        limits = settings["QUIZ_PROOF_SECONDS"], settings["QUIZ_PROOF_MEMORY"]
        problems = [] if proofs.known_clean(quiz) else verify(quiz, *limits).errors
        if not problems:
            proofs.remember_clean(quiz)
        quiz_labels, link_problems = link_labels(quiz, contents)
        problems += link_problems
        problems += text_link_errors(quiz, contents, context.get("static_content", {}))
        errors += problems
        if not problems and quiz_labels is not None:
            labels[quiz_id] = quiz_labels
    proofs.save()
    errors += translation_errors(quizzes)
    placement = Placement(quizzes, labels, settings, show_failures)
    register_assets(context, settings)
    for content in every_content(context, generators):
        errors += _forged(content, root)
        if embeds_a_quiz(content):
            errors += place_quizzes(content, placement)
        elif getattr(content, "source_path", None):
            unhooked = _unhooked(content, root)
            if unhooked is not None:
                errors.append(unhooked)
    # For templates: every quiz by id, and the pages that hold each one.
    context["quizzes"] = dict(quizzes)
    context["quiz_pages"] = placement.pages
    context[PLACED] = placement.placed
    # A page two generators hold is placed twice; its problems are said once.
    once = {str(error): error for error in errors}
    return placement, list(once.values())
