"""The thin Pelican layer of the quiz plugin: settings, the ``{quiz}`` directive, link checks,
and placing the compiled quizzes into the pages that embed them.

Settings (defaults in :data:`DEFAULTS`):

``QUIZ_PATH``            folder of ``<quiz-id>.yaml`` files, inside the content folder ("quizzes")
``QUIZ_ROUTING_LIMIT``   answer combinations proved one by one; past it a sample is checked
``QUIZ_SAMPLE_SIZE``     answer sets in that sample
``QUIZ_REMEMBER``        let the widget keep the last result in localStorage (off)
``QUIZ_STRINGS``         interface strings, merged over the English defaults
``QUIZ_ASSETS_PATH``     output folder of quiz.js and quiz.css ("quiz")
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any

from mdit_reader.directives import Directive, register_directive
from mdit_reader.safe_yaml import SourceError
from mdit_reader.settings_merge import fill_defaults
from mdit_reader.sources import display_path
from pelican import signals

from .loader import QuizErrors, load_quiz, quiz_files
from .model import Quiz
from .render import render_quiz
from .routing import verify
from .strings import merge_strings

__all__ = ["DEFAULTS", "load_quizzes", "prove_quiz", "register"]

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "QUIZ_PATH": "quizzes",
    "QUIZ_ROUTING_LIMIT": 1_000_000,
    "QUIZ_SAMPLE_SIZE": 20_000,
    "QUIZ_REMEMBER": False,
    "QUIZ_STRINGS": {},
    "QUIZ_ASSETS_PATH": "quiz",
}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "QUIZ_PATH": str,
    "QUIZ_ROUTING_LIMIT": int,
    "QUIZ_SAMPLE_SIZE": int,
    "QUIZ_REMEMBER": bool,
    "QUIZ_STRINGS": dict,
    "QUIZ_ASSETS_PATH": str,
}
STATIC = Path(__file__).with_name("static")
# What a page holding a quiz loads, from QUIZ_ASSETS_PATH: the widget (an ES module) and its
# stylesheet. Pages without a quiz load neither.
STYLESHEETS = ("quiz.css",)
SCRIPTS = ("quiz.js",)
_MARKER = re.compile(
    r'<div data-quiz-embed="([a-z0-9-]+)" data-quiz-line="(\d+)"'
    r' data-quiz-source="([^"]*)"></div>\n?'
)
_LINK = re.compile(r"^\{filename\}/?(?P<path>[^#]+)(?:#(?P<fragment>.+))?$")


def _settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults into ``settings`` once and refuse values that cannot work."""
    fill_defaults(settings, DEFAULTS, _TYPES, "quiz")
    for name in ("QUIZ_ROUTING_LIMIT", "QUIZ_SAMPLE_SIZE"):
        if settings[name] < 1:
            raise ValueError(f"[quiz] {name} must be at least 1")
    settings["QUIZ_STRINGS"] = merge_strings(settings["QUIZ_STRINGS"])
    return settings


def _embed_marker(directive: Directive) -> str:
    # The quiz is placed after every file is read: its links need the other pages, and an
    # edited quiz must reach pages whose Markdown (and reader cache) did not change.
    if directive.body.strip():
        raise SourceError(
            directive.source_path,
            directive.line,
            "a {quiz} fence takes the quiz id after it and an empty body",
        )
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", directive.argument):
        raise SourceError(
            directive.source_path,
            directive.line,
            f"'{{quiz}} {directive.argument[:40]}': expected a quiz id such as "
            "{quiz} ready-to-reach-out",
        )
    return (
        f'<div data-quiz-embed="{directive.argument}" data-quiz-line="{directive.line}"'
        f' data-quiz-source="{directive.source_path}"></div>\n'
    )


def _on_initialized(pelican: Any) -> None:
    _settings(pelican.settings)
    register_directive("quiz", _embed_marker)


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


def prove_quiz(quiz: Quiz, limit: int, sample_size: int) -> list[SourceError]:
    """Routing proof and `tests:` cases; warnings (a sampled proof) are logged."""
    verdict = verify(quiz, limit, sample_size)
    for warning in verdict.warnings:
        log.warning("[quiz] %s", warning)
    return verdict.errors


def _heading_text(html: str, fragment: str) -> str | None:
    match = re.search(rf'<(h[1-6])[^>]*\bid="{re.escape(fragment)}"[^>]*>(.*?)</\1>', html, re.S)
    if match is None:
        return None
    text = re.sub(r'<a class="permalink".*?</a>', "", match.group(2), flags=re.S)
    return re.sub(r"<[^>]+>", "", text).strip()


def _link_labels(
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


def _forget_rendered(content: Any) -> None:
    # Pelican memoizes content HTML; drop it so the page is rendered from the new HTML.
    for method in ("get_content", "get_summary"):
        cache = getattr(getattr(content, method, None), "cache", None)
        if cache is not None:
            for key in [k for k in cache if k and k[0] is content]:
                del cache[key]


def _place_quizzes(
    content: Any,
    folder: Path,
    quizzes: dict[str, Quiz],
    labels: dict[str, dict[str, str]],
    settings: dict[str, Any],
) -> list[SourceError]:
    errors: list[SourceError] = []
    seen: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        quiz_id, line, source = match.group(1), int(match.group(2)), match.group(3)
        quiz = quizzes.get(quiz_id)
        if quiz is None or quiz_id not in labels:
            # A quiz whose file failed to load has its own message already.
            if quiz is None and not any(f.stem == quiz_id for f in quiz_files(folder)):
                known = ", ".join(sorted(quizzes)) or "none"
                errors.append(
                    SourceError(source, line, f"unknown quiz '{quiz_id}' (known: {known})")
                )
            return ""
        seen[quiz_id] = seen.get(quiz_id, 0) + 1
        prefix = f"quiz-{quiz_id}" + (f"-{seen[quiz_id]}" if seen[quiz_id] > 1 else "")
        return render_quiz(
            quiz, prefix, labels[quiz_id], settings["QUIZ_STRINGS"], settings["QUIZ_REMEMBER"]
        )

    content._content = _MARKER.sub(replace, content._content)
    if seen:
        assets = settings["QUIZ_ASSETS_PATH"].strip("/")
        content.quizzes = sorted(seen)
        content.quiz_stylesheets = [f"{assets}/{name}" for name in STYLESHEETS]
        content.quiz_scripts = [f"{assets}/{name}" for name in SCRIPTS]
        _forget_rendered(content)
    return errors


def _on_all_generators_finalized(generators: list[Any]) -> None:
    settings = generators[0].settings
    context = generators[0].context
    folder = Path(settings["PATH"]) / settings["QUIZ_PATH"]
    quizzes, errors = load_quizzes(folder, settings["PATH"])
    contents: dict[str, Any] = dict(context.get("generated_content", {}))
    labels: dict[str, dict[str, str]] = {}
    for quiz_id, quiz in quizzes.items():
        problems = prove_quiz(quiz, settings["QUIZ_ROUTING_LIMIT"], settings["QUIZ_SAMPLE_SIZE"])
        quiz_labels, link_problems = _link_labels(quiz, contents, Path(settings["PATH"]))
        problems += link_problems
        errors += problems
        if not problems and quiz_labels is not None:
            labels[quiz_id] = quiz_labels
    used = False
    for content in contents.values():
        if "data-quiz-embed" in (getattr(content, "_content", "") or ""):
            errors += _place_quizzes(content, folder, quizzes, labels, settings)
            used = True
    settings["_QUIZ_USED"] = used  # read by _on_finalized: ship the assets only when needed
    if errors:
        raise QuizErrors(errors)


def _on_finalized(pelican: Any) -> None:
    """Ship the widget next to the pages, only when some page holds a quiz."""
    settings = pelican.settings
    if not settings.get("_QUIZ_USED"):
        return
    target = Path(settings["OUTPUT_PATH"]) / settings["QUIZ_ASSETS_PATH"].strip("/")
    target.mkdir(parents=True, exist_ok=True)
    for name in (*STYLESHEETS, *SCRIPTS):
        shutil.copyfile(STATIC / name, target / name)


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.all_generators_finalized.connect(_on_all_generators_finalized)
    signals.finalized.connect(_on_finalized)
