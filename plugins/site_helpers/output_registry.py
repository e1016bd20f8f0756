"""One registry of every path a build writes into the output folder, and who writes it.

Pelican's own Writer refuses to write one page twice, but static files, extra files, the search
index, feeds and plugins' assets bypass it, and the last writer silently wins. Here every writer
claims its paths before anything is written; a path claimed twice, a file inside a folder
another writer owns (``pagefind/``, a gh-pages worktree's ``.git/``), or a file where another
writer needs a folder, is a clash naming both writers.

Paths are compared case-insensitively, as a Mac or Windows disk would store them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Claim", "Clash", "clashes", "normal_path"]


@dataclass(frozen=True)
class Claim:
    """``writer`` writes ``path`` (a file; a folder it owns whole when ``folder``).

    ``source`` and ``line`` name the content file behind the claim, when there is one."""

    path: str
    writer: str
    folder: bool = False
    source: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Clash:
    first: Claim  # claimed first: the site's own writers claim before any content file
    second: Claim


def normal_path(path: str) -> str:
    """An output path as one key: no leading "./" or "/", no "a/../", one case."""
    return posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/").casefold()


def _parents(key: str) -> Iterable[str]:
    parts = key.split("/")
    for end in range(1, len(parts)):
        yield "/".join(parts[:end])


def clashes(claims: Iterable[Claim]) -> list[Clash]:
    """Every claim that takes a path another claim (made before it) has taken."""
    files: dict[str, Claim] = {}
    folders: dict[str, Claim] = {}
    found: list[Clash] = []
    for claim in claims:
        key = normal_path(claim.path)
        if not key or key == ".":
            continue
        taken = files.get(key) or folders.get(key)
        if taken is None:  # a folder above it that is a file, or that another writer owns
            taken = next(
                (
                    files.get(p) or folders.get(p)
                    for p in _parents(key)
                    if p in files or p in folders
                ),
                None,
            )
        if taken is None and claim.folder:  # a file another writer puts inside this folder
            taken = next((c for k, c in files.items() if k.startswith(key + "/")), None)
        if taken is not None and taken.writer != claim.writer:
            found.append(Clash(taken, claim))
            continue
        (folders if claim.folder else files).setdefault(key, claim)
    return found
