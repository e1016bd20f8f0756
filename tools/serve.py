"""Serve the site with live reload: rebuild on every change, keep serving the last good site.

    python -m tools.serve [--port 8000] [--settings pelicanconf.py]

Each rebuild runs in a fresh process, so edits to plugin code and settings take effect, and a
failed build (printed as it happened) leaves ``output/`` as it was. Where the system can fork,
that process is forked from this one, which has already imported Pelican and the libraries
(never our plugins or settings): a rebuild then skips about half a second of imports.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial

__all__ = ["WATCHED", "build_in_fork", "main", "rebuild", "warm_up"]

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


# Imported once by the server so a forked build starts warm. Our own plugins are not here on
# purpose: each build must import their current code.
_WARM_IMPORTS = (
    "pelican",
    "pelican.generators",
    "jinja2",
    "markdown_it",
    "mdit_py_plugins",
    "yaml",
    "jsonschema",
    "feedgenerator",
    "tools.build",
)


def warm_up() -> None:
    import importlib

    for name in _WARM_IMPORTS:
        importlib.import_module(name)


def _build_args(settings: str, output: str, use_cache: bool) -> list[str]:
    return [
        "-s",
        settings,
        "-o",
        output,
        *([] if use_cache else ["-e", "LOAD_CONTENT_CACHE=false"]),
    ]


def build_in_fork(args: list[str]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: build, report, leave without running the server's cleanup
        code = 1
        try:
            import logging

            from tools.build import main as build_main

            # The server's log handlers would print Pelican's records a second time, raw.
            logging.getLogger().handlers = [logging.NullHandler()]

            code = build_main(args, quiet=True)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def _build_in_subprocess(args: list[str]) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "tools.build", *args], check=False, stdout=subprocess.DEVNULL
    )
    return done.returncode


def rebuild(settings: str, output: str, use_cache: bool = True) -> bool:
    """Build in a fresh process; print what happened; True when the site was replaced.

    ``use_cache=False`` re-reads every file: cached reader output is stale once plugin code or
    settings change.
    """
    started = time.perf_counter()
    args = _build_args(settings, output, use_cache)
    code = build_in_fork(args) if hasattr(os, "fork") else _build_in_subprocess(args)
    elapsed = time.perf_counter() - started
    if code == 0:
        print(f"[serve] rebuilt in {elapsed:.2f}s", flush=True)
        return True
    print("[serve] build failed; still serving the last good site", flush=True)
    return False


def _quick_watcher() -> object:
    """livereload's polling watcher, checked every 100 ms instead of 800 ms."""
    from livereload.watcher import Watcher
    from tornado import ioloop

    class Quick(Watcher):  # type: ignore[misc]
        def start(self, callback: Callable[[], None]) -> bool:
            ioloop.PeriodicCallback(callback, 100).start()
            return True

    return Quick()


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

    warm_up()
    rebuild(args.settings, args.output)
    os.makedirs(args.output, exist_ok=True)

    server = Server(watcher=_quick_watcher())
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
