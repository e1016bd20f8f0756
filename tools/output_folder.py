"""Where a build writes, made safe: it never deletes what it did not write.

- An output folder that is, or holds, the content, the settings file or the project's ``.git``
  is refused; so is one that holds files no build made (a build marks its folders with
  :data:`STAMP`), unless they are all kept entries (``OUTPUT_RETENTION``: a gh-pages worktree's
  ``.git``, a hand-made ``CNAME``).
- A build writes into a staging folder beside the output, with the usual modes, and swaps it in
  with one atomic exchange where the system has one (Linux ``renameat2``); elsewhere with two
  renames that the next build undoes if it was killed in between. A folder that cannot be
  renamed (a mount point) gets its contents replaced instead.
- The kept entries move into the new folder; stale staging folders of killed builds go.
- One build at a time per output folder: a second one waits for the first.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "STAMP",
    "OutputProblem",
    "build_lock",
    "check_output",
    "exchange",
    "folder_mode",
    "make_staging",
    "recover",
    "swap_into_place",
]

STAMP = ".tools-build"  # in every folder a build made; nothing else is ever replaced
_STAMP_TEXT = "Made by python -m tools.build; a later build may replace this folder.\n"
_BUILDING, _OLD = ".building-", ".old-"


class OutputProblem(Exception):
    """The output folder cannot be used; the message says why and what to do."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(
    output: Path, content: Path, settings_file: Path, retention: Sequence[str]
) -> None:
    """Refuse an output folder that a build would destroy something in."""
    project = settings_file.parent
    for what, path in (
        ("the content folder", content),
        ("the settings file", settings_file),
        ("the project's .git", project / ".git"),
    ):
        if _inside(path, output):
            raise OutputProblem(
                f"output folder {output} holds {what} ({path}); a build replaces its output "
                "folder, so choose another one (the default is output/)"
            )
    if _inside(output, content):
        raise OutputProblem(
            f"output folder {output} is inside the content folder {content}; choose another one"
        )
    if output.is_dir() and not (output / STAMP).is_file():
        foreign = sorted(p.name for p in output.iterdir() if p.name not in retention)
        if foreign:
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise OutputProblem(
                f"output folder {output} holds files no build made ({shown}); move them away "
                "or choose an empty folder (a build replaces its output folder)"
            )
    elif output.exists() and not output.is_dir():
        raise OutputProblem(f"output {output} is a file, not a folder")


def folder_mode() -> int:
    """The mode a new folder usually gets here (0o777 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def make_staging(output: Path) -> Path:
    """A new, stamped folder beside ``output`` with the modes a folder usually gets."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=output.name + _BUILDING, dir=output.parent))
    staging.chmod(folder_mode())  # mkdtemp makes it 0700: a web server or rsync -a would get 403
    (staging / STAMP).write_text(_STAMP_TEXT, encoding="utf-8")
    return staging


def _siblings(output: Path, marker: str) -> list[Path]:
    return sorted(
        p
        for p in output.parent.glob(f"{output.name}{marker}*")
        if p.is_dir() and (p / STAMP).is_file()
    )


def recover(output: Path) -> None:
    """Undo what a build killed mid-way left: no output but its previous one set aside, and
    staging folders nobody will finish. Call it holding :func:`build_lock`."""
    old = _siblings(output, _OLD)
    if not output.exists() and old:
        os.rename(old[-1], output)
        old = old[:-1]
    for stale in [*old, *_siblings(output, _BUILDING)]:
        shutil.rmtree(stale, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot (not Linux, an old
    libc, a file system without it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _keep_retained(output: Path, staging: Path, retention: Sequence[str]) -> None:
    for name in retention:
        kept, new = output / name, staging / name
        if (kept.exists() or kept.is_symlink()) and not (new.exists() or new.is_symlink()):
            os.rename(kept, new)


def _replace_contents(staging: Path, output: Path) -> None:
    """For an output folder that cannot be renamed: its entries replaced one by one."""
    for entry in output.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for entry in staging.iterdir():
        shutil.move(str(entry), str(output / entry.name))
    output.chmod(folder_mode())
    staging.rmdir()


def swap_into_place(staging: Path, output: Path, retention: Sequence[str]) -> None:
    """Put the finished ``staging`` folder where ``output`` is, keeping its retained entries."""
    # Again: a build that empties its output folder first (DELETE_OUTPUT_DIRECTORY) removed it.
    (staging / STAMP).write_text(_STAMP_TEXT, encoding="utf-8")
    if not output.exists():
        os.rename(staging, output)
        return
    _keep_retained(output, staging, retention)
    try:
        if exchange(staging, output):
            shutil.rmtree(staging, ignore_errors=True)  # now the previous output
            return
        old = Path(tempfile.mkdtemp(prefix=output.name + _OLD, dir=output.parent))
        old.rmdir()
        os.rename(output, old)  # killed here, the next build's recover() puts it back
        os.rename(staging, output)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as problem:
        if problem.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
            raise
        _replace_contents(staging, output)


@contextmanager
def build_lock(output: Path, wait_message: str) -> Iterator[None]:
    """Hold the lock of ``output`` for one build, waiting for another build to end first. The
    lock is on the folder that holds ``output`` (which outlives every swap), so no lock file is
    left anywhere."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(output.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(wait_message, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing the descriptor releases the lock
