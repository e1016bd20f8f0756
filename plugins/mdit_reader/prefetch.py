"""Render a cold build's Markdown on every core before Pelican asks for it, one file at a time.

Pelican reads files one after another. When a generator is about to read many files that are
not in its cache, they are parsed and rendered in forked worker processes first; the reader
then takes each result instead of doing the work again. Only picklable, Pelican-free pieces
cross the process boundary (front matter values and where they stand, the rendered body); the
metadata is still made in the main process. Any surprise in a worker leaves that file to the
reader, which then reports it exactly as it would have.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from typing import Any

from .frontmatter import split_front_matter
from .renderer import Rendered, render
from .safe_yaml import Located, SourceError
from .sources import display_path, read_source

__all__ = ["MIN_FILES", "Prepared", "forget", "prefetch_for", "prepare", "take"]

MIN_FILES = 40  # below this, starting workers costs more than it saves


@dataclass
class Prepared:
    """A Markdown file read, split and rendered: everything but Pelican's metadata."""

    path: str  # as shown in messages
    values: dict[str, Any]
    located: Located
    rendered: Rendered


def prepare(reader: Any, source_path: str) -> Prepared:
    """The reader's work that needs no Pelican objects; raises SourceError."""
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
    return Prepared(path, front.values, front.located, rendered)


_ready: dict[str, Prepared | SourceError] = {}
_seen: set[int] = set()
_worker_reader: list[Any] = []  # the reader, inherited by forked workers


def _work(source_path: str) -> tuple[str, Prepared | tuple[Any, ...] | None]:
    try:
        return source_path, prepare(_worker_reader[0], source_path)
    except SourceError as error:  # sent as plain values: exceptions do not always pickle
        return source_path, (error.path, error.line, error.message, error.column)
    except Exception:  # the reader will meet it again and report it
        return source_path, None


def prefetch_for(generator: Any, reader: Any, folders: list[str], exclude: list[str]) -> None:
    """Once per generator: render its uncached Markdown files in parallel."""
    if id(generator) in _seen:
        return
    _seen.add(id(generator))
    cores = os.cpu_count() or 1
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return
    extensions = tuple(f".{e}" for e in reader.file_extensions)
    files = [
        os.path.join(generator.path, name)
        for name in generator.get_files(folders, exclude=exclude)
        if name.endswith(extensions) and generator.get_cached_data(name, None) is None
    ]
    if len(files) < MIN_FILES:
        return
    _worker_reader[:] = [reader]
    workers = min(cores, 4)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(files) // (workers * 8))
            for source_path, result in pool.imap_unordered(_work, files, chunksize=chunk):
                if isinstance(result, Prepared):
                    _ready[source_path] = result
                elif result is not None:
                    _ready[source_path] = SourceError(*result)
    except Exception:  # only a speed-up: the reader does every file itself instead
        _ready.clear()
    finally:
        _worker_reader.clear()


def take(source_path: str) -> Prepared | None:
    """The prefetched result for ``source_path`` (raising its error), or None."""
    result = _ready.pop(source_path, None)
    if isinstance(result, SourceError):
        raise result
    return result


def forget() -> None:
    """A new build starts: nothing from an earlier one may be used."""
    _ready.clear()
    _seen.clear()
