"""Static search with Pagefind: every published article's title and body are indexed.

On a build without the content cache, each article goes to a Pagefind process (its service
mode: no page is written to disk for it) as soon as it is read; Pagefind, at a lower priority
than the build, indexes them on whatever core is free while Pelican reads and writes the rest,
and at the end writes its bundle straight into ``<output>/pagefind``. (Run after the build,
over the written pages, the same index costs a 1,000-article build more than a second.) The
articles are read, and given to Pagefind, in the order of their paths, so the bundle is the
same byte for byte in every build. Should an article read turn out not to be published (a
translation, say), Pagefind starts again on the published ones. On cached builds an unchanged
set of articles reuses the previous bundle without running Pagefind at all. Without Pagefind
the build says so once and the site is built without search (its search page explains that).

Settings (defaults in :data:`DEFAULTS`):

``PAGEFIND_ENABLED``  index the articles (True)
``PAGEFIND_COMMAND``  the Pagefind command, as a list; None finds the binary of the PyPI
                      ``pagefind[bin]`` package, then a ``pagefind`` on PATH
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from mdit_reader.build_state import is_cached_build, link_or_copy
from mdit_reader.settings_merge import fill_defaults
from pelican import signals
from pelican.contents import Article

__all__ = ["DEFAULTS", "pagefind_command", "register"]

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {"PAGEFIND_ENABLED": True, "PAGEFIND_COMMAND": None}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "PAGEFIND_ENABLED": bool,
    "PAGEFIND_COMMAND": (list, type(None)),
}
INSTALL_HINT = "pip install 'pagefind[bin]'"
STAMP = "articles.sha256"  # in the bundle: the digest of the pages it indexes
# Pagefind yields to the build: it indexes what the build has read so far whenever a core is
# free, and the pages it needs last are the build's own.
_NICE = [nice, "-n", "10"] if (nice := shutil.which("nice")) else []
_PIPEFUL = 1 << 16


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


class _Indexing:
    """One Pagefind process in its service mode, indexing pages as they are added.

    Pagefind reads each request into memory as soon as it arrives and works through them in
    order; its answers wait in the pipe until :meth:`finish`. Closing its input ends it.
    """

    def __init__(self, command: list[str]) -> None:
        self.pages: Pages = []
        self.last_id = 1
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
        # never waits for Pagefind to take them, only for the bundle at the end.
        self.unsent = bytearray()
        assert self.process.stdin is not None
        self.stdin = self.process.stdin.fileno()
        os.set_blocking(self.stdin, False)
        self._send({"type": "NewIndex", "config": None})

    def _send(self, payload: dict[str, Any], wait: bool = False) -> None:
        self.unsent += _message(self.last_id, payload)
        if len(self.unsent) < _PIPEFUL and not wait:
            return
        if wait:
            os.set_blocking(self.stdin, True)
        try:
            while self.unsent:
                del self.unsent[: os.write(self.stdin, self.unsent)]
        except BlockingIOError:
            pass  # the rest goes with the next request
        except BrokenPipeError:
            self.unsent.clear()  # it stopped: finish() says why

    def add(self, url: str, html: str) -> None:
        self.pages.append((url, html))
        self.last_id += 1
        add = {"type": "AddFile", "index_id": 0, "file_path": None, "url": url}
        self._send({**add, "file_contents": html})

    def write_to(self, bundle: str) -> None:
        """Ask for the bundle in ``bundle`` once every page is in."""
        self.bundle = bundle
        self.last_id += 1
        self._send({"type": "WriteFiles", "index_id": 0, "output_path": bundle}, wait=True)

    def _answers(self) -> list[dict[str, Any]]:
        """Pagefind's answers up to the one for the last request (fewer if it stopped)."""
        stdout: Any = self.process.stdout
        answers: list[dict[str, Any]] = []
        pending = b""
        while chunk := stdout.read1(1 << 16):
            *complete, pending = (pending + chunk).split(b",")
            answers.extend(json.loads(base64.b64decode(item)) for item in complete)
            if answers and answers[-1].get("message_id") == self.last_id:
                break
        return answers

    def _failure(self, answers: list[dict[str, Any]]) -> str | None:
        for answer in answers:
            if answer.get("payload", {}).get("type") == "Error":
                return str(answer["payload"].get("message", "an error"))
        if answers and answers[-1].get("message_id") == self.last_id:
            return None
        self.process.wait()
        self.errors.seek(0)
        said = self.errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        return " / ".join(said) or f"it stopped with exit status {self.process.returncode}"

    def finish(self, digest: str) -> None:
        """Wait for Pagefind to write the bundle, then stamp it with ``digest``."""
        try:
            failure = self._failure(self._answers())
            if failure:
                raise RuntimeError(f"[pagefind] indexing failed: {failure}")
            _stamp(self.bundle, digest)
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


# The build in progress (one build at a time per process): "run" is its Pagefind process,
# "from" the settings of the build that started it.
_running: dict[str, Any] = {}


def _stop_running() -> None:
    running = _running.pop("run", None)
    _running.clear()
    if running is not None:
        running.abandon()


def _command(settings: dict[str, Any]) -> list[str] | None:
    return pagefind_command(settings["PAGEFIND_COMMAND"]) if settings["PAGEFIND_ENABLED"] else None


def _on_initialized(pelican: Any) -> None:
    fill_defaults(pelican.settings, DEFAULTS, _TYPES, "pagefind")
    _stop_running()  # left over from a build in this process that failed half-way
    _running["settings"] = pelican.settings


def _sorted_reading(generator: Any) -> None:
    # Pelican reads the files in the order of a set, which changes from run to run; in the
    # order of their paths, Pagefind is given the articles in the same order in every build.
    unordered = generator.get_files

    def get_files(*args: Any, **kwargs: Any) -> list[str]:
        return sorted(unordered(*args, **kwargs))

    generator.get_files = get_files


def _page_of(article: Any, settings: dict[str, Any]) -> tuple[str, str]:
    lang = getattr(article, "lang", None) or settings["DEFAULT_LANG"]
    return "/" + article.url, _page(article, lang)


def _on_content_init(content: Any) -> None:
    # On a build without the content cache every article passes here as it is read: Pagefind
    # starts on it at once, while Pelican reads the rest.
    settings = _running.get("settings")
    if (
        settings is None
        or content.settings is not settings
        or not isinstance(content, Article)
        or content.status != "published"
        or is_cached_build(settings)
    ):
        return
    if "run" not in _running:
        command = _command(settings)
        if command is None:
            _running.pop("settings")  # said once, at the end of reading
            return
        _running["run"] = _Indexing(command)
    _running["run"].add(*_page_of(content, settings))


def _on_article_generator_finalized(generator: Any) -> None:
    settings = generator.settings
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
    # The articles as read (the order Pelican read them in, see _sorted_reading).
    articles = sorted(generator.articles, key=lambda article: article.source_path)
    pages = [_page_of(article, settings) for article in articles]
    bundle = os.path.join(settings["OUTPUT_PATH"], "pagefind")
    digest = _digest(pages)
    started: _Indexing | None = _running.pop("run", None)
    previous = Path(settings.get("INCREMENTAL_FROM") or settings["OUTPUT_PATH"]) / "pagefind"
    reused = not pages or (is_cached_build(settings) and _reuse(previous, bundle, digest))
    if started is not None and (reused or started.pages != pages):
        started.abandon()  # an article read was not published in the end: start again
        started = None
    if reused:
        return
    shutil.rmtree(bundle, ignore_errors=True)  # an earlier build's: never mixed in
    if started is None:
        started = _Indexing(command)
        for url, html in pages:
            started.add(url, html)
    started.write_to(bundle)
    _running["run"] = started
    _running["digest"] = digest


def _on_finalized(pelican: Any) -> None:
    running = _running.pop("run", None)
    if running is not None:
        running.finish(_running["digest"])
    _running.clear()


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.article_generator_init.connect(_sorted_reading)
    signals.content_object_init.connect(_on_content_init)
    signals.article_generator_finalized.connect(_on_article_generator_finalized)
    signals.finalized.connect(_on_finalized)
