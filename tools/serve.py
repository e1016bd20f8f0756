"""Serve the site with live reload: rebuild on every change, keep serving the last good site.

    python -m tools.serve [--port 8000] [--settings pelicanconf.py]

Each rebuild runs in a fresh process, so edits to plugin code and settings take effect, and a
failed build (printed as it happened) leaves ``output/`` as it was. Where the system can fork,
that process is forked from this one, which has already imported Pelican and the libraries
(never our plugins or settings): a rebuild then skips about half a second of imports.

The server never waits for a rebuild: it goes on serving the last good site, and open pages
reload once the new one is in place. It answers only 127.0.0.1 and localhost
(:mod:`tools.local_server`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial

__all__ = ["WATCHED", "Rebuilder", "build_in_fork", "main", "start_build", "warm_up"]

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


def _fork_build(args: list[str]) -> int:
    """Start ``python -m tools.build ARGS`` as a fork of this process; its pid."""
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
    return pid


def build_in_fork(args: list[str]) -> int:
    """Build in a fork of this process and wait for it; its exit status."""
    return os.waitstatus_to_exitcode(os.waitpid(_fork_build(args), 0)[1])


def start_build(args: list[str]) -> Callable[[], int]:
    """Start a build in a fresh process; a function that waits for its exit status."""
    if hasattr(os, "fork"):
        pid = _fork_build(args)
        return lambda: os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.build", *args], stdout=subprocess.DEVNULL
    )
    return process.wait


class Rebuilder:
    """At most one rebuild at a time, waited for on a thread of its own, so the server's loop
    goes on answering requests with the last good site meanwhile."""

    def __init__(self, settings: str, output: str) -> None:
        self.settings, self.output = settings, output
        self._lock = threading.Lock()
        self._running = False
        self._replaced = False  # a build put a new site in place: reload the open pages

    def busy(self) -> bool:
        with self._lock:
            return self._running

    def take_replaced(self) -> bool:
        with self._lock:
            replaced, self._replaced = self._replaced, False
            return replaced

    def start(self, use_cache: bool = True) -> None:
        """Start a rebuild (called on the server's loop, so the fork happens there).

        ``use_cache=False`` re-reads every file: cached reader output is stale once plugin
        code or settings change."""
        with self._lock:
            if self._running:
                return  # the watcher looks again once this build is done
            self._running = True
        started = time.perf_counter()
        wait = start_build(_build_args(self.settings, self.output, use_cache))
        threading.Thread(target=self._finish, args=(wait, started), daemon=True).start()

    def _finish(self, wait: Callable[[], int], started: float) -> None:
        code = wait()
        if code == 0:
            print(f"[serve] rebuilt in {time.perf_counter() - started:.2f}s", flush=True)
        else:
            print("[serve] build failed; still serving the last good site", flush=True)
        with self._lock:
            self._running = False
            self._replaced = self._replaced or code == 0

    def run_now(self) -> None:
        """The first build, before the server answers anything."""
        self.start(use_cache=True)
        while self.busy():
            time.sleep(0.05)


def _quick_watcher(rebuilder: Rebuilder) -> object:
    """livereload's polling watcher, checked every 100 ms instead of 800 ms, that reloads open
    pages when a rebuild has put the new site in place rather than when it starts."""
    from livereload.watcher import Watcher
    from tornado import ioloop

    class Quick(Watcher):  # type: ignore[misc]
        def start(self, callback: Callable[[], None]) -> bool:
            ioloop.PeriodicCallback(callback, 100).start()
            return True

        def examine(self) -> tuple[str | None, float | None]:
            if rebuilder.busy():
                return None, None  # changes made meanwhile are seen once it is done
            if rebuilder.take_replaced():
                return rebuilder.output, None
            found: tuple[str | None, float | None] = super().examine()  # may start a rebuild
            return (None, None) if rebuilder.busy() else found

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

    from tools.local_server import LocalServer

    warm_up()
    rebuilder = Rebuilder(args.settings, args.output)
    rebuilder.run_now()
    rebuilder.take_replaced()
    os.makedirs(args.output, exist_ok=True)

    server = LocalServer(watcher=_quick_watcher(rebuilder))
    for path, use_cache in WATCHED.items():
        if os.path.exists(path):
            server.watch(path, partial(rebuilder.start, use_cache), ignore=_ignored)
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
