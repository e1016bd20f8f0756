"""Build the site safely: into a staging folder, swapped into place only when the build is clean.

A failed build prints one clear line per problem (``file:line: message``), exits non-zero, prints
no traceback and leaves the previous output folder exactly as it was.

    python -m tools.build [-s pelicanconf.py] [-o output] [-e KEY=VALUE ...] [--fatal-warnings]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.content_cache import commit_cache, release_cache, stage_cache
from tools.output_folder import (
    OutputProblem,
    build_lock,
    check_output,
    make_staging,
    recover,
    swap_into_place,
)

__all__ = ["BuildResult", "build_site", "exit_at_once", "main"]


@dataclass
class BuildResult:
    ok: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    output: str = ""


class _Collector(logging.Handler):
    """Keeps Pelican's and the plugins' warnings and errors, worded for an author."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.content_root = "."  # the settings' PATH, once known: paths are shown from there

    def emit(self, record: logging.LogRecord) -> None:
        text = _author_message(record, self.content_root)
        if text not in self.errors and text not in self.warnings:
            (self.errors if record.levelno >= logging.ERROR else self.warnings).append(text)


_MISSING_FIELD = re.compile(r"Skipping (.+): could not find information about '(\w+)'")


def _author_message(record: logging.LogRecord, content_root: str) -> str:
    # Pelican reports a reader's exception as "Could not process <file>" from inside its
    # ``except`` block without the exception itself; our exceptions already name file and line.
    exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
    if exc is not None and hasattr(exc, "path"):
        return str(exc)
    message = " ".join(record.getMessage().split())
    missing = _MISSING_FIELD.fullmatch(message)
    if missing:
        # Pelican names the absolute path and no line; say it the way our reader does.
        path, name = missing.groups()
        from pelican.plugins.quiz.toolkit.source_files import display_path

        shown = display_path(path, content_root)
        return f"{shown}:2: front matter needs a '{name}' for an article"
    if exc is not None:
        message += f": {type(exc).__name__}: {exc}"
    return message


def _reset_pelican_logging() -> None:
    # Pelican drops a message it has already shown once per process; a second build in the
    # same process (serve, tests) must report its problems again.
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def build_site(
    settings_file: str,
    overrides: Mapping[str, Any] | None = None,
    output: str | None = None,
    fatal_warnings: bool = False,
) -> BuildResult:
    """Run one Pelican build; replace ``output`` only if it succeeded."""
    from pelican.settings import read_settings

    _reset_pelican_logging()
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        settings = read_settings(settings_file, override=dict(overrides or {}))
        collector.content_root = settings["PATH"]
        # A symlinked output folder: the site goes where it points, the link stays.
        target = Path(os.path.realpath(output or settings["OUTPUT_PATH"]))
    except (Exception, SystemExit) as exc:
        _collect_failure(collector, exc)
        root.removeHandler(collector)
        return BuildResult(False, collector.errors, collector.warnings, output or "")
    try:
        with build_lock(target, f"waiting for another build of {target} to finish"):
            return _build_locked(settings, Path(settings_file), target, collector, fatal_warnings)
    finally:
        root.removeHandler(collector)


def _build_locked(
    settings: dict[str, Any],
    settings_file: Path,
    output: Path,
    collector: _Collector,
    fatal_warnings: bool,
) -> BuildResult:
    # pelican ships no types; mypy sees only the typed pelican.plugins.quiz inside it.
    from pelican import Pelican  # type: ignore[attr-defined]

    retention = list(settings.get("OUTPUT_RETENTION") or [])
    staging = cache_staging = None
    cache = Path(settings["CACHE_PATH"])
    uses_cache = bool(settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"))
    try:
        recover(output, retention)
        check_output(
            output, Path(os.path.realpath(settings["PATH"])), settings_file.resolve(), retention
        )
        staging = make_staging(output)
        if uses_cache:
            cache_staging, dropped = stage_cache(cache)
            collector.warnings.extend(dropped)
            settings["CACHE_PATH"] = str(cache_staging)
        settings.setdefault("INCREMENTAL_FROM", str(output))  # plugins/incremental reuses pages
        settings["OUTPUT_PATH"] = str(staging)
        Pelican(settings).run()
    except (Exception, SystemExit) as exc:  # every failure is a message, never a traceback
        _collect_failure(collector, exc)

    result = BuildResult(False, collector.errors, collector.warnings, str(output))
    failed = bool(result.errors or (fatal_warnings and result.warnings))
    if failed:
        _discard(staging, cache_staging)
        return result
    assert staging is not None
    try:
        swap_into_place(staging, output, retention)
    except OutputProblem as problem:  # the previous site is still in place
        _collect_failure(collector, problem)
        _discard(staging, cache_staging)
        result.errors = collector.errors
        return result
    if cache_staging is not None:
        commit_cache(cache_staging, cache)
    result.ok = True
    return result


def _discard(staging: Path | None, cache_staging: Path | None) -> None:
    """Throw away a failed build's folders."""
    if cache_staging is not None:
        release_cache(cache_staging)
    for folder in (staging, cache_staging):
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _collect_failure(collector: _Collector, exc: BaseException) -> None:
    # Our own errors and a settings file's SystemExit("...") already read as a sentence.
    plain = hasattr(exc, "path") or (isinstance(exc, SystemExit) and isinstance(exc.code, str))
    if isinstance(exc, OutputProblem):
        plain = True
    detail = str(exc) if plain else f"{type(exc).__name__}: {exc}"
    collector.errors.extend(detail.splitlines() or [detail])


def _parse_override(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def main(argv: Sequence[str] | None = None, quiet: bool = False) -> int:
    """The command line; ``quiet`` leaves the "Built ..." line to the caller (the server)."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.build", description=__doc__.split("\n")[0]
    )
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default=None, help="output folder (default: OUTPUT_PATH)")
    parser.add_argument(
        "-e",
        "--extra-settings",
        action="append",
        default=[],
        type=_parse_override,
        metavar="KEY=VALUE",
        help="override a setting; VALUE is JSON or plain text",
    )
    parser.add_argument(
        "--fatal-warnings", action="store_true", help="treat warnings as errors (the tests do)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, handlers=[logging.NullHandler()])
    result = build_site(args.settings, dict(args.extra_settings), args.output, args.fatal_warnings)
    for line in result.warnings:
        print(f"warning: {line}", file=sys.stderr)
    for line in result.errors:
        print(f"error: {line}", file=sys.stderr)
    if not result.ok:
        print(
            f"Build failed; {result.output or 'the output folder'} was left as it was.",
            file=sys.stderr,
        )
        return 1
    if not quiet:
        print(f"Built {result.output}")
    return 0


def exit_at_once(code: int) -> None:
    """End the process; a successful one without the interpreter's teardown.

    Once the output is in place, freeing a large build's objects one by one takes a tenth of a
    second and serves nobody: every file was written and closed before this, and the log
    handlers and standard streams are flushed here. A failed build exits the usual way, so the
    exit handlers stop whatever it left running (a Pagefind process, say).
    """
    if code != 0:
        sys.exit(code)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    exit_at_once(main())
