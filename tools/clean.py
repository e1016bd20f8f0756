"""``make clean``: remove what builds made, and nothing else.

The output folder goes when a build made it (its stamp says so), except the entries it kept
from before (a gh-pages worktree's ``.git``, a hand-made ``CNAME``), which its stamp lists;
so do the staging and set-aside folders killed builds left beside it, and the content cache
with its staging folders. An ``output.txt`` or ``output.backup/`` of the author's is never
touched. Standard library only: it runs before any install.

    python -m tools.clean [output] [cache]
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.output_folder import STAMP, build_siblings, kept_entries

__all__ = ["clean", "main"]

CACHES = (".pytest_cache", ".ruff_cache", ".mypy_cache")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def clean(output: Path, cache: Path) -> list[str]:
    """Remove what builds made; returns what was left, and why, one line each."""
    left = []
    if output.is_dir() and (output / STAMP).is_file():
        kept = kept_entries(output)
        for entry in output.iterdir():
            if entry.name not in kept:
                _remove(entry)
        if kept:
            left.append(f"{output}: kept {', '.join(sorted(kept))} (OUTPUT_RETENTION)")
        else:
            output.rmdir()
    elif output.exists():
        left.append(f"{output}: no build made it (no {STAMP}); left as it is")
    for sibling in build_siblings(output):
        shutil.rmtree(sibling)
    for folder in [cache, *build_siblings(cache, stamped=False)]:
        if folder.is_dir():
            shutil.rmtree(folder)
    for name in CACHES:
        _remove(Path(name))
    return left


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    output = Path(args[0] if args else "output")
    cache = Path(args[1] if len(args) > 1 else "cache")
    for line in clean(output, cache):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
