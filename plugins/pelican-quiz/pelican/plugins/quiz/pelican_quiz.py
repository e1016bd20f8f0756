"""The thin Pelican layer of the quiz plugin: settings, the readers' hooks, the routing proof and
link checks once every file is read, and the widget's assets.

Settings (defaults in :data:`DEFAULTS`, documented in the README):

``QUIZ_PATH``               folder of ``<quiz-id>.yaml`` files, inside the content folder
``QUIZ_PROOF_SECONDS``      the most one quiz's exact routing proof may take; past it the build
                            fails (120)
``QUIZ_PROOF_MEMORY``       the most memory (MB) one proof may add; past it the build fails (1024)
``QUIZ_REMEMBER``           let the widget keep the last result in localStorage (off)
``QUIZ_STRINGS``            interface strings over the built-in ones of the page's language
                            (one mapping, or one per language code)
``QUIZ_ASSETS_PATH``        output folder of quiz.js and quiz.css ("quiz")
``QUIZ_ASSETS_IN_CONTENT``  put the assets' tags in the page before its first quiz (on); a
                            theme that places ``quiz_stylesheets``/``quiz_scripts`` turns it off

Only the standard library and Pelican are imported here: a missing dependency must fail the
build with one clear message, and Pelican would only log a plugin that fails to import.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pelican.plugins.signals as signals

__all__ = ["DEFAULTS", "QuizBuildError", "QuizSetupError", "register"]

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "QUIZ_PATH": "quizzes",
    "QUIZ_PROOF_SECONDS": 120,
    "QUIZ_PROOF_MEMORY": 1024,
    "QUIZ_REMEMBER": False,
    "QUIZ_STRINGS": {},
    "QUIZ_ASSETS_PATH": "quiz",
    "QUIZ_ASSETS_IN_CONTENT": True,
}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "QUIZ_PATH": str,
    "QUIZ_PROOF_SECONDS": (int, float),
    "QUIZ_PROOF_MEMORY": (int, float),
    "QUIZ_REMEMBER": bool,
    "QUIZ_STRINGS": dict,
    "QUIZ_ASSETS_PATH": str,
    "QUIZ_ASSETS_IN_CONTENT": bool,
}
# Importable module -> the distribution that provides it (all dependencies of pelican-quiz).
_NEEDS = {"yaml": "PyYAML", "jsonschema": "jsonschema", "markdown_it": "markdown-it-py"}
MARKDOWN_EXTENSION = "pelican.plugins.quiz.embed.markdown_fence"
_UNPLACED = "_QUIZ_UNPLACED"  # the problems of pages written with a placeholder in them


class QuizBuildError(SystemExit):
    """The build's quiz problems, one ``file:line: message`` a line, ending the build.

    A SystemExit so that the ``pelican`` command exits 1 printing exactly these lines: it logs
    any other exception from a plugin with a traceback. ``errors`` holds the problems."""

    def __init__(self, errors: list[Any]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def _in_reload_loop() -> bool:
    """Whether this build runs inside Pelican's ``autoreload`` loop (``pelican -r``, alone or
    with ``--listen``), found on the call stack: Pelican tells plugins nothing of it."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "autoreload" and frame.f_globals.get("__name__") == "pelican":
            return True
        frame = frame.f_back
    return False


class QuizSetupError(SystemExit):
    """The plugin cannot work in this site as it is set up (one sentence, no traceback)."""


def _require_dependencies() -> None:
    missing = [dist for module, dist in _NEEDS.items() if importlib.util.find_spec(module) is None]
    if missing:
        raise QuizSetupError(
            f"[quiz] the quiz plugin needs {' and '.join(missing)}, not installed here: "
            "python -m pip install pelican-quiz installs what it needs"
        )


def _settings(settings: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults into ``settings`` once and refuse values that cannot work."""
    from .strings import QuizStrings
    from .toolkit.settings import fill_defaults

    fill_defaults(settings, DEFAULTS, _TYPES, "quiz")
    for limit in ("QUIZ_PROOF_SECONDS", "QUIZ_PROOF_MEMORY"):
        if settings[limit] <= 0:
            raise ValueError(f"[quiz] {limit} must be more than 0")
    QuizStrings(settings["QUIZ_STRINGS"])  # refuses an unknown key or language's mapping now
    return settings


def _hook_python_markdown(settings: dict[str, Any]) -> None:
    """Add the fence extension to the site's MARKDOWN setting, keeping everything in it."""
    markdown = settings.get("MARKDOWN")
    if not isinstance(markdown, dict) or not isinstance(
        markdown.setdefault("extension_configs", {}), dict
    ):
        raise QuizSetupError(
            "[quiz] MARKDOWN must be a dict with an 'extension_configs' dict (Pelican's form), "
            "so the quiz plugin can add its {quiz} fence to Python-Markdown"
        )
    markdown["extension_configs"].setdefault(MARKDOWN_EXTENSION, {})


def _on_initialized(pelican: Any) -> None:
    _require_dependencies()
    try:
        _settings(pelican.settings)
    except ValueError as problem:
        raise QuizSetupError(str(problem)) from None
    _hook_python_markdown(pelican.settings)
    from .embed import rst_directive
    from .theme_assets import quiz_assets

    # For themes that place the assets (QUIZ_ASSETS_IN_CONTENT = False): {{ quiz_assets() }}.
    pelican.settings.setdefault("JINJA_GLOBALS", {}).setdefault("quiz_assets", quiz_assets)

    rst_directive.register()


def _on_all_generators_finalized(generators: list[Any]) -> None:
    from .build import compile_and_place

    settings = generators[0].settings
    context = generators[0].context
    reloading = _in_reload_loop()
    placement, errors = compile_and_place(settings, context, generators, show_failures=reloading)
    _report(errors, reloading)
    settings["_QUIZ_USED"] = any(placement.pages.values())  # read by _on_finalized
    # Filled as pages are written (_on_content_written), read at the end (_on_finalized): the
    # writers' context is a copy of this one, the same list in both.
    context[_UNPLACED] = settings[_UNPLACED] = []


def _report(errors: list[Any], reloading: bool) -> None:
    """End the build with ``errors``, or, in Pelican's reload loop, print them and go on."""
    # In file order, then line order: the order an author fixes them in.
    ordered = sorted(errors, key=lambda e: (e.path, e.line or 0))
    if ordered and not reloading:
        raise QuizBuildError(ordered)
    # Pelican's reload loop catches an exception and rebuilds at once, again and again (and a
    # SystemExit ends it); so there the problems are printed, the pages say their quiz failed,
    # and the loop waits for the next edit.
    for error in ordered:
        log.error("%s", error)


def _on_content_written(path: str, context: dict[str, Any]) -> None:
    """A safety net under placement: a page written with a quiz placeholder still in it."""
    found = context.get(_UNPLACED)
    if found is not None:
        from .placement import unplaced

        found += unplaced(path, context)


def _on_finalized(pelican: Any) -> None:
    """Ship the widget next to the pages, only when some page holds a quiz."""
    settings = pelican.settings
    _report(settings.get(_UNPLACED) or [], _in_reload_loop())
    if not settings.get("_QUIZ_USED"):
        return
    from .assets import write_assets

    write_assets(Path(settings["OUTPUT_PATH"]) / settings["QUIZ_ASSETS_PATH"].strip("/"))


def _on_feed_generated(context: dict[str, Any], feed: Any) -> None:
    from .feeds import quiz_free_feed

    quiz_free_feed(context, feed)


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.all_generators_finalized.connect(_on_all_generators_finalized)
    signals.finalized.connect(_on_finalized)
    signals.feed_generated.connect(_on_feed_generated)
    signals.content_written.connect(_on_content_written)
