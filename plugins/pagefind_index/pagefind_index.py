"""Static search with Pagefind: every published article's title and body are indexed.

On a build without the content cache, each article goes to a Pagefind process (its service
mode: no page is written to disk for it) as soon as it is read; Pagefind, at a lower priority
than the build, indexes them on whatever core is free while Pelican reads and writes the rest,
and at the end hands the bundle's files to a small process (receive.py) that writes them into
``<output>/pagefind/`` while the build writes its pages. (Run after the build, over the written
pages, the same index costs a 1,000-article build more than a second.) The articles are read,
and given to Pagefind, in the order of their paths, so the bundle is the same byte for byte in
every build. Should an article read turn out not to be published (a
translation, say), its bundle's index starts again on the published ones.

A large site's index is split into bundles of about ``PAGEFIND_SHARD_SIZE`` articles each
(``pagefind/0/``, ``pagefind/1/``, ...; an article's bundle is picked by a digest of its URL),
which the search page merges into one search; one Pagefind process makes them all, an index
for each. On cached builds a bundle whose articles are unchanged is reused from the previous
build without running Pagefind, so editing one article indexes again only the few hundred
articles of its bundle, not the whole site. Without Pagefind
the build says so once and the site is built without search (its search page explains that).

Settings (defaults in :data:`DEFAULTS`):

``PAGEFIND_ENABLED``     index the articles (True)
``PAGEFIND_COMMAND``     the Pagefind command, as a list; None finds the binary of the PyPI
                         ``pagefind[bin]`` package, then a ``pagefind`` on PATH
``PAGEFIND_SHARD_SIZE``  articles per bundle (250); the number of bundles is the number of
                         article files divided by this, rounded up
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import json
import logging
import math
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals
from pelican.contents import Article
from pelican.plugins.quiz.toolkit.settings import fill_defaults
from site_helpers.build_state import is_cached_build, link_or_copy

from . import receive

__all__ = ["DEFAULTS", "INDEX_FOLDER", "pagefind_command", "register"]

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "PAGEFIND_ENABLED": True,
    "PAGEFIND_COMMAND": None,
    "PAGEFIND_SHARD_SIZE": 250,
}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "PAGEFIND_ENABLED": bool,
    "PAGEFIND_COMMAND": (list, type(None)),
    "PAGEFIND_SHARD_SIZE": int,
}
INSTALL_HINT = "pip install 'pagefind[bin]'"
INDEX_FOLDER = "pagefind"  # in the output folder: every file under it is the index's
STAMP = "articles.sha256"  # in the bundle: the digest of the pages it indexes
# Pagefind yields to the build: it indexes what the build has read so far whenever a core is
# free, and the pages it needs last are the build's own.
_NICE = [nice, "-n", "10"] if (nice := shutil.which("nice")) else []
_PIPEFUL = 1 << 16
RECEIVE = receive.__file__  # run as a script: a plain Python start, no Pelican
# Isolated (-I) and without site-packages (-S): it needs only the standard library, and
# starts in 16 ms instead of 42 ms.
_RECEIVER_PYTHON = [sys.executable, "-I", "-S"]


def pagefind_command(setting: list[str] | None) -> list[str] | None:
    """The command that runs Pagefind here, or None when it is not installed."""
    if setting:
        return setting if shutil.which(setting[0]) else None
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind")
        return [found] if found else None


def _page(article: Any, lang: str) -> str:
    # What the theme's article page gives Pagefind: the title, and the body it marks with
    # data-pagefind-body. The body as the reader made it: its text is the page's (links are
    # resolved later, and Pelican memoizes that result, so it must not be asked for yet).
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)}</title></head><body>"
        f'<h1 data-pagefind-meta="title">{escape(article.title)}</h1>'
        f"<div data-pagefind-body>{article._content or ''}</div></body></html>"
    )


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    # Pagefind's service protocol: base64 of a JSON object, then a comma.
    text = json.dumps({"message_id": message_id, "payload": payload})
    return base64.b64encode(text.encode("utf-8")) + b","


Pages = list[tuple[str, str]]  # (URL, the page Pagefind sees), in the order it is given them


class _Pagefind:
    """One Pagefind process in its service mode, with an index for each bundle being made.

    Pagefind reads each request into memory as soon as it arrives and works through them in
    order; its answers wait in the pipe until the receiver started by :meth:`write_to` reads
    them. Closing its input ends it.
    """

    def __init__(self, command: list[str]) -> None:
        self.pages: dict[int, Pages] = {}  # bundle -> the pages its index was given
        self.indexes: dict[int, int] = {}  # bundle -> its index in this process
        self.made = 0  # indexes made: Pagefind numbers them 0, 1, ... as they are asked for
        self.last_id = 0
        self.receiver: subprocess.Popen[str] | None = None
        # Its messages go to a file, not a pipe, which could fill up and stall it; the file
        # lives as long as the process and abandon() closes it.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            [*_NICE, *command, "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
        )
        atexit.register(self.abandon)
        # Requests are sent a pipeful at a time, and wait here while the pipe is full: the build
        # never waits for Pagefind to take them, only for the bundles at the end.
        self.unsent = bytearray()
        assert self.process.stdin is not None
        self.stdin = self.process.stdin.fileno()
        os.set_blocking(self.stdin, False)

    def _send(self, payload: dict[str, Any]) -> int:
        self.last_id += 1
        self.unsent += _message(self.last_id, payload)
        if len(self.unsent) >= _PIPEFUL:
            self._flush()
        return self.last_id

    def _flush(self, wait: bool = False) -> None:
        if wait:
            os.set_blocking(self.stdin, True)
        try:
            while self.unsent:
                del self.unsent[: os.write(self.stdin, self.unsent)]
        except BlockingIOError:
            pass  # the rest goes with the next request
        except BrokenPipeError:
            self.unsent.clear()  # it stopped: finish() says why

    def start(self, bundle: int) -> None:
        """A new, empty index for ``bundle`` (any earlier one is left unused)."""
        self.indexes[bundle] = self.made
        self.made += 1
        self.pages[bundle] = []
        self._send({"type": "NewIndex", "config": None})

    def add(self, bundle: int, url: str, html: str) -> None:
        if bundle not in self.indexes:
            self.start(bundle)
        self.pages[bundle].append((url, html))
        add = {"type": "AddFile", "index_id": self.indexes[bundle], "file_path": None, "url": url}
        self._send({**add, "file_contents": html})

    def write_to(self, folders: dict[int, str]) -> None:
        """Ask for the bundles once every page is in; each is written into its folder as it
        comes.

        Pagefind hands the files over (rather than writing them itself: its service ends the
        moment its input does, which can cut off files it is still writing), and a small
        process of their own (receive.py) writes them while the build writes its pages.
        """
        wanted = []
        for bundle, folder in folders.items():
            asked = self._send({"type": "GetFiles", "index_id": self.indexes[bundle]})
            wanted.append(f"{asked}={folder}")
        self._flush(wait=True)
        self.receiver = subprocess.Popen(
            [*_RECEIVER_PYTHON, RECEIVE, *wanted],
            stdin=self.process.stdout,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def finish(self) -> None:
        """Wait for the bundles to be written."""
        assert self.receiver is not None, "write_to() comes first"
        try:
            said, _ = self.receiver.communicate()
            if self.receiver.returncode == receive.STOPPED:
                self.process.wait()
                self.errors.seek(0)
                lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
                code = self.process.returncode
                said = " / ".join(lines[-3:]) or f"it stopped with exit status {code}"
            if self.receiver.returncode != 0:
                raise RuntimeError(f"[pagefind] indexing failed: {said.strip()}")
        finally:
            self.abandon()

    def abandon(self) -> None:
        stdin = self.process.stdin
        if stdin and not stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                stdin.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.receiver is not None and self.receiver.poll() is None:
            self.receiver.kill()  # it had not finished: the build failed, or stopped
            self.receiver.wait()
        if self.process.stdout:
            self.process.stdout.close()
        self.errors.close()
        atexit.unregister(self.abandon)


def _digest(pages: Pages) -> str:
    # The bundle says which articles it indexes: only a bundle of these very pages is reused.
    return hashlib.sha256(json.dumps(pages).encode()).hexdigest()


def _stamp(bundle: str, digest: str) -> None:
    stamp = os.path.join(bundle, STAMP)
    if os.path.exists(stamp):
        os.unlink(stamp)  # a hard link to the previous bundle's: never write through it
    with open(stamp, "w", encoding="utf-8") as handle:
        handle.write(digest)


def _reuse(earlier: Path, bundle: str, digest: str) -> bool:
    """Put the previous build's bundle in place if it indexes these very pages."""
    stamp = earlier / STAMP
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == digest):
        return False
    if earlier.resolve() != Path(bundle).resolve():
        shutil.rmtree(bundle, ignore_errors=True)
        shutil.copytree(earlier, bundle, copy_function=link_or_copy)
    _stamp(bundle, digest)
    return True


def _shard(url: str, bundles: int) -> int:
    # By a digest of the URL: an article stays in its bundle whatever else is added or removed
    # (as long as the number of bundles stays the same).
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) % bundles


@dataclass
class _Build:
    """What the plugin knows of the build in progress (one at a time per process)."""

    settings: dict[str, Any]
    bundles: int = 1  # set from the number of article files, before the first is read
    pagefind: _Pagefind | None = None
    digests: dict[str, str] = field(default_factory=dict)  # bundle folder -> its stamp

    def abandon(self) -> None:
        if self.pagefind is not None:
            self.pagefind.abandon()
            self.pagefind = None


_current: list[_Build] = []


def _build_of(settings: dict[str, Any]) -> _Build | None:
    return _current[0] if _current and _current[0].settings is settings else None


def _command(settings: dict[str, Any]) -> list[str] | None:
    return pagefind_command(settings["PAGEFIND_COMMAND"]) if settings["PAGEFIND_ENABLED"] else None


def _on_initialized(pelican: Any) -> None:
    fill_defaults(pelican.settings, DEFAULTS, _TYPES, "pagefind")
    if pelican.settings["PAGEFIND_SHARD_SIZE"] < 1:
        raise ValueError("[pagefind] PAGEFIND_SHARD_SIZE must be at least 1 (articles per bundle)")
    if _current:
        _current.pop().abandon()  # left over from a build in this process that failed half-way
    _current.append(_Build(pelican.settings))


def _on_article_generator_init(generator: Any) -> None:
    # Pelican reads the files in the order of a set, which changes from run to run; in the
    # order of their paths, Pagefind is given the articles in the same order in every build.
    # Their number sets how many bundles the index is split into.
    unordered = generator.get_files
    build = _build_of(generator.settings)

    def get_files(*args: Any, **kwargs: Any) -> list[str]:
        files = sorted(unordered(*args, **kwargs))
        if build is not None:
            size = generator.settings["PAGEFIND_SHARD_SIZE"]
            build.bundles = max(1, math.ceil(len(files) / size))
        return files

    generator.get_files = get_files


def _page_of(article: Any, settings: dict[str, Any]) -> tuple[str, str]:
    lang = getattr(article, "lang", None) or settings["DEFAULT_LANG"]
    return "/" + article.url, _page(article, lang)


def _on_content_init(content: Any) -> None:
    # On a build without the content cache every article passes here as it is read: Pagefind
    # starts on it at once, while Pelican reads the rest.
    build = _build_of(content.settings)
    if (
        build is None
        or not isinstance(content, Article)
        or content.status != "published"
        or is_cached_build(build.settings)
    ):
        return
    if build.pagefind is None:
        command = _command(build.settings)
        if command is None:
            _current.clear()  # said once, at the end of reading
            return
        build.pagefind = _Pagefind(command)
    url, html = _page_of(content, build.settings)
    build.pagefind.add(_shard(url, build.bundles), url, html)


def _on_article_generator_finalized(generator: Any) -> None:
    settings = generator.settings
    build = _build_of(settings)
    if build is None:  # dropped when Pagefind was found missing while reading
        build = _Build(settings)
        _current[:] = [build]
    if not settings["PAGEFIND_ENABLED"]:
        return
    command = _command(settings)
    if command is None:
        wanted = " ".join(settings["PAGEFIND_COMMAND"] or ["pagefind"])
        log.warning(
            "[pagefind] %s is not installed (%s): the site is built without search",
            wanted,
            INSTALL_HINT,
        )
        return
    # The articles as read (the order Pelican read them in), bundle by bundle.
    shards: list[Pages] = [[] for _ in range(build.bundles)]
    for article in sorted(generator.articles, key=lambda article: article.source_path):
        url, html = _page_of(article, settings)
        shards[_shard(url, build.bundles)].append((url, html))
    root = Path(settings["OUTPUT_PATH"]) / INDEX_FOLDER
    previous = Path(settings.get("INCREMENTAL_FROM") or settings["OUTPUT_PATH"]) / INDEX_FOLDER
    names = [str(number) for number, pages in enumerate(shards) if pages]
    generator.context["PAGEFIND_BUNDLES"] = [f"{INDEX_FOLDER}/{name}/" for name in names]
    for stale in (set(os.listdir(root)) if root.is_dir() else set()) - set(names):
        if (root / stale).is_dir():
            shutil.rmtree(root / stale)
        else:
            (root / stale).unlink()
    folders: dict[int, str] = {}
    for number, pages in enumerate(shards):
        digest = _digest(pages)
        folder = str(root / str(number))
        if not pages or (
            is_cached_build(settings) and _reuse(previous / str(number), folder, digest)
        ):
            continue
        shutil.rmtree(folder, ignore_errors=True)  # an earlier build's: never mixed in
        if build.pagefind is None:
            build.pagefind = _Pagefind(command)
        if build.pagefind.pages.get(number) != pages:
            # Not begun while reading, or an article read was not published in the end.
            build.pagefind.start(number)
            for url, html in pages:
                build.pagefind.add(number, url, html)
        folders[number] = folder
        build.digests[folder] = digest
    if folders:
        assert build.pagefind is not None
        build.pagefind.write_to(folders)
    else:
        build.abandon()  # nothing to index again


def _on_finalized(pelican: Any) -> None:
    build = _build_of(pelican.settings)
    if build is None:
        return
    _current.clear()
    try:
        if build.pagefind is not None:
            build.pagefind.finish()
        for folder, digest in build.digests.items():
            _stamp(folder, digest)
    finally:
        build.abandon()


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.article_generator_init.connect(_on_article_generator_init)
    signals.content_object_init.connect(_on_content_init)
    signals.article_generator_finalized.connect(_on_article_generator_finalized)
    signals.finalized.connect(_on_finalized)
