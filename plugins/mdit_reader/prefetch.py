"""Render a cold build's Markdown on two cores: Pelican reads the first part of the files
itself while a forked worker renders the rest, which are ready when Pelican gets to them.

Pelican reads files one after another. When a generator is about to read many files that are
not in its cache, a worker process starts on the later ones (in Pelican's order); the reader
takes each result instead of doing the work again. Only picklable, Pelican-free pieces cross
the process boundary (front matter values and where they stand, the rendered body and
summary); the metadata is still made in the main process. Any surprise in the worker leaves
that file to the reader, which then reports it exactly as it would have.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from typing import Any

from pelican.plugins.quiz.toolkit.located_yaml import Located, SourceError
from pelican.plugins.quiz.toolkit.source_files import display_path, read_source

from .frontmatter import split_front_matter
from .renderer import Rendered, render

__all__ = [
    "MIN_FILES",
    "Prepared",
    "forget",
    "prefetch_for",
    "prepare",
    "take",
]

MIN_FILES = 40  # below this, starting workers costs more than it saves


@dataclass
class Prepared:
    """A Markdown file read, split and rendered: everything but Pelican's metadata."""

    path: str  # as shown in messages
    values: dict[str, Any]
    located: Located
    rendered: Rendered
    formatted: dict[str, str]  # front matter fields in FORMATTED_FIELDS, rendered


def prepare(reader: Any, source_path: str) -> Prepared:
    """The reader's work that needs no Pelican objects; raises SourceError.

    ``reader`` is a MarkdownItReader: its ``settings``, ``config``, ``md`` and ``formatted``.
    """
    path = display_path(source_path, reader.settings.get("PATH", "."))
    limit = reader.config["max_bytes"]
    text = read_source(
        source_path,
        path,
        limit,
        f"file is larger than {limit:,} bytes (MARKDOWN_IT['max_bytes']); split it up",
    )
    front = split_front_matter(text, path)
    rendered = render(reader.md, front.body, path, front.body_first_line)
    formatted = {
        key: render(reader.md, value, path, front.located.line_of((key,)) or 1).html
        for key, value in front.values.items()
        if key.lower() in reader.formatted and isinstance(value, str)
    }
    return Prepared(path, front.values, front.located, rendered, formatted)


# The worker's share. Pelican's own is much smaller: for every file it also makes the metadata
# and the content object, which costs it about as much as rendering does (on 1,000 articles and
# 2 cores, 0.8 built fastest of 0.55, 0.7, 0.8 and 0.9).
WORKER_SHARE = 0.80

_ready: dict[str, Prepared | SourceError] = {}
_seen: set[int] = set()
_worker_reader: list[Any] = []  # the reader, inherited by the forked worker
_running: dict[str, Any] = {}  # "pool", "results" (in order), "expected" (paths not yet taken)


def _work(source_path: str) -> tuple[str, Prepared | tuple[Any, ...] | None]:
    try:
        prepared = prepare(_worker_reader[0], source_path)
    except SourceError as error:  # sent as plain values: exceptions do not always pickle
        return source_path, (error.path, error.line, error.message, error.column)
    except Exception:  # the reader will meet it again and report it
        return source_path, None
    prepared.located = Located(None, prepared.located.positions, prepared.located.line_offset)
    return source_path, prepared


def prefetch_for(generator: Any, reader: Any, folders: list[str], exclude: list[str]) -> None:
    """Once per generator: start rendering the later part of its uncached Markdown files."""
    if id(generator) in _seen:
        return
    _seen.add(id(generator))
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return
    extensions = tuple(f".{e}" for e in reader.file_extensions)
    files = [
        full
        for name in generator.get_files(folders, exclude=exclude)
        if name.endswith(extensions)
        and generator.get_cached_data(name, None) is None  # Pelican's two cache layers
        and generator.readers.get_cached_data(full := os.path.join(generator.path, name), None)
        is None
    ]
    if len(files) < MIN_FILES:
        return
    _stop()
    theirs = files[int(len(files) * (1 - WORKER_SHARE)) :]
    _worker_reader[:] = [reader]
    try:
        pool = multiprocessing.get_context("fork").Pool(1)
    except Exception:  # only a speed-up: the reader does every file itself instead
        return
    finally:
        _worker_reader.clear()
    _running.update(pool=pool, results=pool.imap(_work, theirs, chunksize=8), expected=set(theirs))


def _stop() -> None:
    pool = _running.pop("pool", None)
    _running.clear()
    if pool is not None:
        pool.terminate()
        pool.join()


def _collect(source_path: str) -> None:
    """Take the worker's results, in order, up to ``source_path``."""
    expected: set[str] = _running["expected"]
    try:
        while source_path in expected:
            done, result = next(_running["results"])
            expected.discard(done)
            if isinstance(result, Prepared):
                result.located = Located(
                    result.values, result.located.positions, result.located.line_offset
                )
                _ready[done] = result
            elif result is not None:
                _ready[done] = SourceError(*result)
    except Exception:  # the worker died or stopped: the reader does the rest itself
        _stop()
        return
    if not expected:
        _stop()


def take(source_path: str) -> Prepared | None:
    """The worker's result for ``source_path`` (raising its error), or None."""
    if _running and source_path in _running["expected"]:
        _collect(source_path)
    result = _ready.pop(source_path, None)
    if isinstance(result, SourceError):
        raise result
    return result


def forget() -> None:
    """A new build starts: nothing from an earlier one may be used."""
    _stop()
    _ready.clear()
    _seen.clear()
