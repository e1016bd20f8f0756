"""Warm rebuilds reuse the pages whose inputs did not change instead of rendering them again.

With Pelican's content cache on, a rebuild after one edit still renders every article and page
through the theme: most of its time. This writer gives each single article or page a key made
of everything its page is rendered from (the theme's templates, the plain settings, the
content and its metadata, the lists a page can show: articles, pages, tags, categories,
authors, and the pages' texts) and, when the key matches the last build's and that build's
file is still there, links the file instead of rendering it. Listings (index, archives, tags,
categories) are keyed on what they show of each article: title, URL, summary and metadata,
not its body. Feeds and listings cut into several pages are always rendered. A cold build (no
content cache) never reuses anything.

Settings (defaults in :data:`DEFAULTS`):

``INCREMENTAL_WRITES``  reuse unchanged pages on cached builds (True)
``INCREMENTAL_FROM``    where the previous build's pages are, when a build writes elsewhere
                        first (tools.build builds into a staging folder); None: OUTPUT_PATH
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pelican.plugins.signals as signals
from pelican.plugins.quiz.toolkit.settings import fill_defaults
from pelican.writers import Writer
from site_helpers.build_state import is_cached_build, link_or_copy, read_json_object

__all__ = ["DEFAULTS", "IncrementalWriter", "register"]

DEFAULTS: dict[str, Any] = {"INCREMENTAL_WRITES": True, "INCREMENTAL_FROM": None}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "INCREMENTAL_WRITES": bool,
    "INCREMENTAL_FROM": (str, type(None)),
}
# Kept in the cache folder, not in the published one (whose bytes must not depend on where the
# checkout is). Each key is stored with the size and modification time its page had when it
# was written, so a page another build wrote since (make publish, say) is never taken for it.
INDEX_NAME = "incremental-pages.json"
_PLAIN = (str, int, float, bool, type(None))
# Settings that say where a build writes, not what a page says (the staging folder's name
# changes with every build).
_WHERE_NOT_WHAT = {"OUTPUT_PATH", "INCREMENTAL_FROM", "CACHE_PATH"}


def _plain(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return isinstance(value, _PLAIN)


def _digest(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _shown(item: Any) -> tuple[Any, ...]:
    """What a listing shows of an article: title, URL, summary and every metadata value."""
    return (
        item.title,
        item.url,
        str(item.summary),
        sorted((k, repr(v)) for k, v in item.metadata.items()),
    )


def _listing(items: Any) -> list[Any]:
    """A list a template may show, as what it shows: names, titles, urls, counts."""
    shown: list[Any] = []
    item: Any
    for item in items or []:
        if isinstance(item, tuple):  # (tag, articles) pairs
            shown.append((str(item[0]), getattr(item[0], "url", ""), len(item[1])))
        else:
            shown.append(
                (
                    getattr(item, "title", str(item)),
                    getattr(item, "url", ""),
                    getattr(item, "status", ""),
                )
            )
    return shown


# The writer of the build in progress (one build at a time per process).
_writers: list[IncrementalWriter] = []


class IncrementalWriter(Writer):  # type: ignore[misc]
    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        self.enabled = bool(settings.get("INCREMENTAL_WRITES")) and is_cached_build(settings)
        self.previous = Path(settings.get("INCREMENTAL_FROM") or output_path)
        self.index_file = Path(settings["CACHE_PATH"]) / INDEX_NAME
        self.known = read_json_object(self.index_file) if self.enabled else {}
        self.keys: dict[str, str] = {}
        self.reused = 0
        self._site_key: str | None = None
        self._shown_digests: dict[int, str] = {}
        _writers[:] = [self]  # saved at `finalized`, when the build is complete

    def _site(self, context: dict[str, Any]) -> str:
        """Everything every page shares, worked out once per build."""
        if self._site_key is None:
            theme = Path(self.settings["THEME"])
            templates = sorted(
                p
                for p in theme.rglob("*")
                if p.is_file() and "static" not in p.relative_to(theme).parts
            )
            plain = sorted(
                (k, v)
                for k, v in self.settings.items()
                if k.isupper() and _plain(v) and k not in _WHERE_NOT_WHAT
            )
            lists = [
                _listing(context.get(name))
                for name in ("articles", "pages", "hidden_pages", "tags", "categories", "authors")
            ]
            # A page may show another page's text (the index shows the hidden intro page).
            texts = [p.content for name in ("pages", "hidden_pages") for p in context.get(name, [])]
            self._site_key = _digest(*(p.read_bytes() for p in templates), plain, lists, texts)
        return self._site_key

    def write_file(
        self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        """Pelican's write_file, which a page with an unchanged key skips (it is linked)."""
        if not (self.enabled and name and self._reused(name, template, context, args, kwargs)):
            return super().write_file(name, template, context, *args, **kwargs)
        return None

    def _shown(self, article: Any) -> str:
        """:func:`_shown` as a digest, once per article and build (listings repeat them)."""
        found = self._shown_digests.get(id(article))
        if found is None:
            found = self._shown_digests[id(article)] = _digest(_shown(article))
        return found

    def _paginated(self, kwargs: dict[str, Any]) -> bool:
        """Whether this listing is cut into several files (those are always rendered)."""
        template = kwargs.get("template_name")
        per_page = self.settings.get("PAGINATED_TEMPLATES", {})
        return template in per_page and bool(
            per_page[template] or self.settings.get("DEFAULT_PAGINATION")
        )

    def _reused(
        self,
        name: str,
        template: Any,
        context: dict[str, Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> bool:
        if args or kwargs.get("relative_urls") or self._paginated(kwargs):
            return False
        content = kwargs.get("article") or kwargs.get("page")
        shown: list[Any] = []
        for k, v in sorted(kwargs.items()):
            if k in ("article", "page", "paginated"):
                continue
            if k in ("articles", "dates"):  # a listing: what it shows of each article
                shown.append((k, [self._shown(a) for a in v]))
            elif isinstance(v, list | tuple):
                shown.append((k, _listing(v)))
            else:
                shown.append((k, str(v)))
        # The body as the reader made it: link targets are in the site key, and asking for the
        # linked body would resolve links of pages that may never be rendered.
        own = (
            [
                content._content,
                sorted((k, repr(v)) for k, v in content.metadata.items()),
                getattr(content, "quiz_stylesheets", None),
                getattr(content, "quiz_scripts", None),
            ]
            if content is not None
            else []
        )
        key = _digest(self._site(context), name, template.filename, *own, shown)
        self.keys[name] = key
        old = self.previous / name
        if self.known.get(name) != [key, *_stamp(old)]:
            return False
        target = Path(self.output_path) / name
        if target.resolve() != old.resolve():
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(old, target)
            self._written_files.add(str(target))  # a second write is refused, not merged
        self.reused += 1
        signals.content_written.send(
            str(target), context={**context, **kwargs, "output_file": name}
        )
        return True

    def save(self) -> None:
        """Remember this build's keys for the next one."""
        if not self.enabled:
            return
        self.index_file.parent.mkdir(parents=True, exist_ok=True)
        output = Path(self.output_path)
        kept = {name: [key, *_stamp(output / name)] for name, key in self.keys.items()}
        temporary = self.index_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.index_file)


def _stamp(page: Path) -> list[int]:
    """The size and modification time of a written page ([] when there is none)."""
    try:
        found = page.stat()
    except OSError:
        return []
    return [found.st_size, found.st_mtime_ns]


def _get_writer(pelican: Any) -> type:
    return IncrementalWriter


def _on_initialized(pelican: Any) -> None:
    fill_defaults(pelican.settings, DEFAULTS, _TYPES, "incremental")
    _writers.clear()


def _on_finalized(pelican: Any) -> None:
    for writer in _writers:
        writer.save()
    _writers.clear()


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.get_writer.connect(_get_writer)
    signals.finalized.connect(_on_finalized)
