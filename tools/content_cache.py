"""Pelican's content cache, made safe: a build reads and writes a copy, and the copy replaces
``cache/`` only when the build succeeded, in one step. A build killed while saving, or two
builds at once, can no longer leave a half-written file behind; a cache file that is unreadable
all the same (an old crash) is dropped with one warning and rebuilt, instead of failing every
build with "EOFError: Ran out of input". A copy left by a build that was killed is removed by
the next build.
"""

from __future__ import annotations

import fcntl
import gzip
import os
import shutil
import tempfile
from pathlib import Path

from tools.output_folder import exchange, folder_mode

__all__ = ["commit_cache", "release_cache", "stage_cache"]

_STAGING = ".building-"


def _readable(data: bytes) -> bool:
    """Whether ``data`` is a whole pickle (gzipped or not): every pickle ends with the STOP
    opcode."""
    try:
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    return data.endswith(b".")


# Each build's copy, locked while the build uses it: a copy nobody holds was left by a build
# that was killed, and the next build removes it.
_held: dict[Path, int] = {}


def _hold(staging: Path) -> None:
    handle = os.open(staging, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _held[staging] = handle


def release_cache(staging: Path) -> None:
    """The build is done with its copy (it was committed, or is being thrown away)."""
    handle = _held.pop(staging, None)
    if handle is not None:
        os.close(handle)


def _remove_abandoned(cache: Path) -> None:
    for folder in cache.parent.glob(cache.name + _STAGING + "*"):
        try:
            handle = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # another build is using it
        finally:
            os.close(handle)
        shutil.rmtree(folder, ignore_errors=True)


def stage_cache(cache: Path) -> tuple[Path, list[str]]:
    """A copy of ``cache`` for one build to use, and a warning per file left out of it."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(cache)
    staging = Path(tempfile.mkdtemp(prefix=cache.name + _STAGING, dir=cache.parent))
    _hold(staging)
    warnings: list[str] = []
    if cache.is_dir():
        for file in sorted(p for p in cache.rglob("*") if p.is_file()):
            target = staging / file.relative_to(cache)
            target.parent.mkdir(parents=True, exist_ok=True)
            # Pelican's own cache files are pickles named after their generators (no suffix);
            # the others belong to plugins, which read them defensively themselves.
            data = file.read_bytes()  # read once: checked, then copied
            if file.parent == cache and not file.suffix and not _readable(data):
                warnings.append(
                    f"{file}: the content cache file was unreadable (a build was killed while "
                    "saving it?); it was dropped and is rebuilt"
                )
                continue
            target.write_bytes(data)
            shutil.copystat(file, target)
    return staging, warnings


def commit_cache(staging: Path, cache: Path) -> None:
    """Put a successful build's cache in place of ``cache``."""
    release_cache(staging)
    staging.chmod(folder_mode())
    if cache.is_dir() and exchange(staging, cache):
        shutil.rmtree(staging, ignore_errors=True)
        return
    if cache.is_dir():
        shutil.rmtree(cache)
    os.rename(staging, cache)
