"""Where a build writes, made safe: it never deletes what it did not write.

- An output folder that is, or holds, the content, the settings file or the project's ``.git``
  is refused; so is one that holds files no build made (a build marks its folders with
  :data:`STAMP`), unless they are all kept entries (``OUTPUT_RETENTION``: a gh-pages worktree's
  ``.git``, a hand-made ``CNAME``).
- A build writes into a staging folder beside the output, with the usual modes, and swaps it in
  with one atomic exchange where the system has one (Linux ``renameat2``); elsewhere with two
  renames that the next build undoes if it was killed in between. A folder that cannot be
  renamed (a mount point) gets the new site copied in beside the previous one, which goes only
  once the copy is whole; a copy that fails (a full disk) puts the previous one back.
- The kept entries move into the new folder (back into the old one, should the build be killed
  before the swap); stale staging folders of killed builds go.
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
    "build_siblings",
    "check_output",
    "exchange",
    "folder_mode",
    "kept_entries",
    "make_staging",
    "recover",
    "swap_into_place",
]

STAMP = ".tools-build"  # in every folder a build made; nothing else is ever replaced
_STAMP_TEXT = "Made by python -m tools.build; a later build may replace this folder.\n"
_KEPT = "kept: "  # a stamp line per entry kept from before the build (make clean keeps it)
_BUILDING, _OLD = ".building-", ".old-"
_ASIDE = STAMP + ".previous-"  # inside a folder that cannot be renamed: its previous site


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
    _stamp(staging)
    return staging


def _siblings(output: Path, marker: str) -> list[Path]:
    return sorted(
        p
        for p in output.parent.glob(f"{output.name}{marker}*")
        if p.is_dir() and (p / STAMP).is_file()
    )


def build_siblings(folder: Path, stamped: bool = True) -> list[Path]:
    """The staging and set-aside folders builds left beside ``folder`` (the content cache's
    carry no stamp: ``stamped=False``)."""
    found = [*_siblings(folder, _BUILDING), *_siblings(folder, _OLD)]
    if not stamped:
        found += [p for p in folder.parent.glob(f"{folder.name}{_BUILDING}*") if p.is_dir()]
    return sorted(set(found))


def kept_entries(output: Path) -> set[str]:
    """The entries a build's folder kept from before (its stamp lists them)."""
    try:
        lines = (output / STAMP).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {line.removeprefix(_KEPT) for line in lines if line.startswith(_KEPT)}


def _stamp(folder: Path, kept: Sequence[str] = ()) -> None:
    text = _STAMP_TEXT + "".join(f"{_KEPT}{name}\n" for name in kept)
    (folder / STAMP).write_text(text, encoding="utf-8")


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def recover(output: Path, retention: Sequence[str] = ()) -> None:
    """Undo what a build killed mid-way left: no output but its previous one set aside, a kept
    entry (a gh-pages worktree's ``.git``) already moved into a staging folder that was never
    swapped in, a copy into a mount point cut short, and staging folders nobody will finish.
    Call it holding :func:`build_lock`."""
    old = _siblings(output, _OLD)
    if not output.exists() and old:
        os.rename(old[-1], output)
        old = old[:-1]
    stale = [*old, *_siblings(output, _BUILDING)]
    for folder in stale if output.is_dir() else []:
        for name in retention:
            if _present(folder / name) and not _present(output / name):
                os.rename(folder / name, output / name)
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    for aside in sorted(output.glob(_ASIDE + "*")) if output.is_dir() else []:
        _put_back(aside, output, retention)


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


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()


def _put_back(aside: Path, output: Path, retention: Sequence[str]) -> None:
    """Undo a copy into ``output`` that did not finish: what it copied goes, and the previous
    site set ``aside`` comes back."""
    keep = {STAMP, *retention, aside.name}
    for entry in output.iterdir():
        if entry.name not in keep and not entry.name.startswith(_ASIDE):
            _remove(entry)
    for entry in aside.iterdir():
        os.rename(entry, output / entry.name)
    aside.rmdir()


def _copy_in(entry: Path, target: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.copytree(entry, target, symlinks=True)
    else:
        shutil.copy2(entry, target, follow_symlinks=False)


def _replace_contents(staging: Path, output: Path, retention: Sequence[str]) -> None:
    """For an output folder that cannot be renamed (a mount point): the previous site is set
    aside inside it (renames on its own disk, nothing copied), the new one is copied in, and
    only then is the previous one removed. Should the copy fail (a full disk, a folder made
    immutable), what was copied goes, the previous site comes back as it was, and the
    folder keeps its stamp throughout."""
    try:
        aside = Path(tempfile.mkdtemp(prefix=_ASIDE, dir=output))
    except OSError as problem:
        raise OutputProblem(_cannot_write(output, problem)) from None
    keep = {STAMP, *retention, aside.name}
    try:
        for entry in list(output.iterdir()):
            if entry.name not in keep:
                os.rename(entry, aside / entry.name)
        for entry in staging.iterdir():
            if entry.name != STAMP and not (
                entry.name in retention and _present(output / entry.name)
            ):
                _copy_in(entry, output / entry.name)
    except OSError as problem:
        _put_back(aside, output, retention)
        raise OutputProblem(_cannot_write(output, problem)) from None
    shutil.rmtree(aside, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    output.chmod(folder_mode())


def _cannot_write(output: Path, problem: OSError) -> str:
    return (
        f"the new site could not be written into {output} ({problem.strerror or problem}); "
        "the previous site was left as it was"
    )


def swap_into_place(staging: Path, output: Path, retention: Sequence[str]) -> None:
    """Put the finished ``staging`` folder where ``output`` is, keeping its retained entries.
    Raises :class:`OutputProblem` (the previous site left as it was) when it cannot."""
    # Again: a build that empties its output folder first (DELETE_OUTPUT_DIRECTORY) removed it.
    # It lists the entries kept from before, which nothing of the build wrote.
    _stamp(staging, [n for n in retention if _present(output / n) and not _present(staging / n)])
    if not output.exists():
        os.rename(staging, output)
        return
    try:
        _keep_retained(output, staging, retention)  # killed after this, recover() moves it back
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
            raise OutputProblem(_cannot_write(output, problem)) from None
        for name in retention:  # a kept entry already moved goes back before the copy
            if _present(staging / name) and not _present(output / name):
                os.rename(staging / name, output / name)
        _replace_contents(staging, output, retention)


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
