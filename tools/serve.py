"""Serve the site with live reload: rebuild on every change, keep serving the last good site.

    python -m tools.serve [--port 8000] [--settings pelicanconf.py]

Each rebuild runs ``python -m tools.build`` in a fresh process, so edits to plugin code take
effect, and a failed build (printed as it happened) leaves ``output/`` as it was.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from functools import partial

__all__ = ["WATCHED", "main", "rebuild"]

# What an author edits, and whether a change there invalidates cached reader output.
WATCHED = {
    "content": True,
    "theme": True,
    "plugins": False,
    "pelicanconf.py": False,
    "publishconf.py": False,
}


def _ignored(path: str) -> bool:
    parts = path.split(os.sep)
    return "__pycache__" in parts or path.endswith((".pyc", "~", ".swp")) or "/.#" in path


def rebuild(settings: str, output: str, use_cache: bool = True) -> bool:
    """Build in a fresh process; print what happened; True when the site was replaced.

    ``use_cache=False`` re-reads every file: cached reader output is stale once plugin code or
    settings change.
    """
    started = time.perf_counter()
    cache = [] if use_cache else ["-e", "LOAD_CONTENT_CACHE=false"]
    done = subprocess.run(
        [sys.executable, "-m", "tools.build", "-s", settings, "-o", output, *cache],
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(done.stderr)
    elapsed = time.perf_counter() - started
    if done.returncode == 0:
        print(f"[serve] rebuilt in {elapsed:.2f}s", flush=True)
        return True
    print("[serve] build failed; still serving the last good site", flush=True)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.serve", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default="output")
    args = parser.parse_args(argv)

    from livereload import Server

    rebuild(args.settings, args.output)
    os.makedirs(args.output, exist_ok=True)

    server = Server()
    for path, use_cache in WATCHED.items():
        if os.path.exists(path):
            server.watch(
                path, partial(rebuild, args.settings, args.output, use_cache), ignore=_ignored
            )
    # livereload reloads open pages right after it starts: for files its first poll has not
    # seen yet, and for its own restart marker (unless restart_delay is "forever"). Its 3 s
    # debounce after a reload would then swallow the author's first real edit. Record every
    # file's mtime now and skip the restart reload: pages reload on real changes only.
    server.watcher.examine()
    print(f"[serve] http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    server.serve(host=args.host, port=args.port, root=args.output, restart_delay="forever")
    return 0


if __name__ == "__main__":
    sys.exit(main())
