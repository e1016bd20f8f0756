"""Static search with Pagefind: every published article's title and body are indexed.

Indexing starts as soon as the articles are read, on their rendered bodies, in a Pagefind
process that runs on another core while Pelican writes the pages; the finished bundle is
moved into ``<output>/pagefind`` at the end of the build. (Run after the build, over the written
pages, the same index would cost a 1,000-article build about a second more.) Without Pagefind
the build says so once and the site is built without search (its search page explains that).

Settings (defaults in :data:`DEFAULTS`):

``PAGEFIND_ENABLED``  index the articles (True)
``PAGEFIND_COMMAND``  the Pagefind command, as a list; None finds the binary of the PyPI
                      ``pagefind[bin]`` package, then a ``pagefind`` on PATH
"""

from __future__ import annotations

import atexit
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

from mdit_reader.build_state import is_cached_build, link_or_copy, read_json_object
from mdit_reader.settings_merge import fill_defaults
from pelican import signals

__all__ = ["DEFAULTS", "pagefind_command", "register"]

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {"PAGEFIND_ENABLED": True, "PAGEFIND_COMMAND": None}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "PAGEFIND_ENABLED": bool,
    "PAGEFIND_COMMAND": (list, type(None)),
}
INSTALL_HINT = "pip install 'pagefind[bin]'"
STAMP = "articles.sha256"  # in the bundle: the digest of the pages it indexes


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


class _Indexing:
    """One Pagefind run over the articles, in the background.

    ``keep`` is a folder kept between builds (on builds with Pelican's content cache): only
    the articles whose page changed are written again, and an unchanged set of articles
    reuses the previous bundle without running Pagefind at all.
    """

    def __init__(
        self,
        command: list[str],
        articles: list[Any],
        lang: str,
        keep: Path | None,
        previous: Path,
    ) -> None:
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        self.work = tempfile.mkdtemp(prefix="pagefind-", dir=keep.parent if keep else None)
        self.bundle = os.path.join(self.work, "bundle")
        self.process: subprocess.Popen[str] | None = None
        site = keep / "site" if keep else Path(self.work) / "site"
        pages = {a.save_as: _page(a, getattr(a, "lang", None) or lang) for a in articles}
        manifest = {name: hashlib.sha256(html.encode()).hexdigest() for name, html in pages.items()}
        known = read_json_object(keep / "manifest.json") if keep else {}
        for name, html in pages.items():
            target = site / name
            if known.get(name) != manifest[name] or not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")
        for name in set(known) - set(manifest):
            (site / name).unlink(missing_ok=True)
        listed = json.dumps(manifest, sort_keys=True)
        if keep:
            (keep / "manifest.json").write_text(listed)
        # The bundle says which articles it indexes: only a bundle of these very pages is reused.
        self.digest = hashlib.sha256(listed.encode()).hexdigest()
        stamp = previous / "pagefind" / STAMP
        if keep and stamp.is_file() and stamp.read_text(encoding="utf-8") == self.digest:
            shutil.copytree(previous / "pagefind", self.bundle, copy_function=link_or_copy)
        else:
            self.process = subprocess.Popen(
                [*command, "--site", str(site), "--output-path", self.bundle, "--quiet"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        atexit.register(self.abandon)

    def finish(self, output: str) -> None:
        """Wait for Pagefind and move its bundle into ``output``/pagefind."""
        try:
            if self.process is not None:
                out, err = self.process.communicate()
                if self.process.returncode != 0:
                    detail = (err or out).strip().splitlines()[-3:]
                    raise RuntimeError(f"[pagefind] indexing failed: {' / '.join(detail)}")
            target = os.path.join(output, "pagefind")
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(self.bundle, target)
            stamp = os.path.join(target, STAMP)
            if os.path.exists(stamp):
                os.unlink(stamp)  # a hard link to the previous bundle's: never write through it
            with open(stamp, "w", encoding="utf-8") as handle:
                handle.write(self.digest)
        finally:
            self.abandon()

    def abandon(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.work, ignore_errors=True)
        atexit.unregister(self.abandon)


# The run of the build in progress (one build at a time per process).
_running: dict[str, _Indexing] = {}


def _stop_running() -> None:
    running = _running.pop("run", None)
    if running is not None:
        running.abandon()


def _on_initialized(pelican: Any) -> None:
    fill_defaults(pelican.settings, DEFAULTS, _TYPES, "pagefind")
    _stop_running()  # left over from a build in this process that failed half-way


def _on_article_generator_finalized(generator: Any) -> None:
    settings = generator.settings
    if not settings["PAGEFIND_ENABLED"]:
        return
    command = pagefind_command(settings["PAGEFIND_COMMAND"])
    if command is None:
        wanted = " ".join(settings["PAGEFIND_COMMAND"] or ["pagefind"])
        log.warning(
            "[pagefind] %s is not installed (%s): the site is built without search",
            wanted,
            INSTALL_HINT,
        )
        return
    articles = list(generator.articles)
    if not articles:  # Pagefind refuses an empty site; there is nothing to search anyway
        return
    keep = Path(settings["CACHE_PATH"]) / "pagefind" if is_cached_build(settings) else None
    previous = Path(settings.get("INCREMENTAL_FROM") or settings["OUTPUT_PATH"])
    _running["run"] = _Indexing(command, articles, settings["DEFAULT_LANG"], keep, previous)


def _on_finalized(pelican: Any) -> None:
    running = _running.pop("run", None)
    if running is not None:
        running.finish(pelican.settings["OUTPUT_PATH"])


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.article_generator_finalized.connect(_on_article_generator_finalized)
    signals.finalized.connect(_on_finalized)
