"""Pelican reader for Markdown files, using markdown-it-py and YAML front matter.

Settings (one, ``MARKDOWN_IT``, merged over :data:`renderer.DEFAULT_MARKDOWN_IT`):
``preset``, ``options`` (markdown-it options; ``html`` is off), ``extensions``
(table, strikethrough, footnote, deflist, attrs), ``toc_levels``, ``permalink_levels``,
``permalink_text``, ``words_per_minute`` and ``max_bytes`` (larger files are refused).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pelican.plugins.signals as signals
from pelican.plugins.quiz.toolkit.located_yaml import SourceError, excerpt
from pelican.readers import BaseReader

from .headings import without_permalinks
from .prefetch import Prepared, forget, prefetch_for, prepare, take
from .renderer import configure, make_markdown

__all__ = ["MarkdownItReader", "register"]

_TEXT_FIELDS = ("title", "slug", "status", "category", "author", "lang", "template")
# What this reader works out itself for every page; front matter cannot set it.
_READER_FIELDS = ("toc", "heading_ids", "reading_time")


class MarkdownItReader(BaseReader):  # type: ignore[misc]
    """Reads ``.md`` files: YAML front matter, then Markdown rendered by markdown-it-py."""

    # Pelican enables every BaseReader subclass that says so in every build of the process;
    # this one is enabled only by its plugin (readers_init), in the builds that load it.
    enabled = False
    file_extensions: ClassVar[list[str]] = ["md", "markdown"]

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self.config = configure(settings.get("MARKDOWN_IT"))
        self.md = make_markdown(self.config)
        # The front matter fields written in Markdown (Pelican's FORMATTED_FIELDS), lowercase:
        # worked out once here, used for every file (also by the prefetch worker).
        self.formatted = {name.lower() for name in settings.get("FORMATTED_FIELDS", ["summary"])}

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        prepared = take(source_path) or prepare(self, source_path)
        rendered = prepared.rendered
        metadata = self._metadata(prepared)
        metadata["toc"] = rendered.toc
        metadata["heading_ids"] = rendered.heading_ids
        metadata["reading_time"] = rendered.reading_minutes(self.config["words_per_minute"])
        return rendered.html, metadata

    def _metadata(self, prepared: Prepared) -> dict[str, Any]:
        values, line_of, path = prepared.values, prepared.located.line_of, prepared.path
        title = values.get("title")
        if not isinstance(title, str) or not title.strip():
            line = line_of(("title",)) if "title" in values else 2
            raise SourceError(path, line, "front matter needs a 'title' (text)")
        metadata: dict[str, Any] = {}
        for key, value in values.items():
            name = key.lower()
            if name in _READER_FIELDS:
                raise SourceError(
                    path,
                    line_of((key,)),
                    f"'{key}' is worked out by the reader from the text; it cannot be set in "
                    "front matter",
                )
            if name in _TEXT_FIELDS and not isinstance(value, str):
                raise SourceError(
                    path, line_of((key,)), f"'{key}' must be text, not {excerpt(value)}"
                )
            if name in ("tags", "authors") and not (
                isinstance(value, str)
                or (isinstance(value, list) and all(isinstance(v, str) for v in value))
            ):
                raise SourceError(
                    path,
                    line_of((key,)),
                    f"'{key}' must be a list of text or a comma-separated text",
                )
            if name in self.formatted:
                if not isinstance(value, str):
                    raise SourceError(path, line_of((key,)), f"'{key}' must be Markdown text")
                value = prepared.formatted[key]  # rendered by prepare()
            elif name in ("date", "modified"):
                value = str(value)
            try:
                metadata[name] = self.process_metadata(name, value)
            except (ValueError, TypeError) as exc:
                raise SourceError(
                    path, line_of((key,)), f"'{key}': {excerpt(value)} is not valid ({exc})"
                ) from None
        if "date" in metadata and "modified" not in metadata:
            # Otherwise Pelican takes "modified" from the file's mtime (DEFAULT_DATE = "fs"):
            # feeds would change with every checkout.
            metadata["modified"] = metadata["date"]
        return metadata


def _add_reader(readers: Any) -> None:
    for extension in MarkdownItReader.file_extensions:
        readers.reader_classes[extension] = MarkdownItReader


def _forget_python_markdown(generator: Any) -> None:
    # Pelican warns for every .md file when Python-Markdown is missing, even though this
    # reader handles them; drop that disabled reader once the generator has its readers.
    for extension in MarkdownItReader.file_extensions:
        generator.readers.disabled_readers.pop(extension, None)


def _prefetch(generator: Any) -> None:
    reader = generator.readers.readers.get("md")
    if not isinstance(reader, MarkdownItReader):
        return
    kind = "ARTICLE" if "article" in type(generator).__name__.lower() else "PAGE"
    settings = generator.settings
    prefetch_for(generator, reader, settings[f"{kind}_PATHS"], settings[f"{kind}_EXCLUDES"])


def _new_build(pelican: Any) -> None:
    forget()


def _feed_without_permalinks(context: Any, feed: Any) -> None:
    # The headings' "#" links are for the page; in a feed reader they lead nowhere.
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key):
                item[key] = without_permalinks(item[key])


def register() -> None:
    signals.initialized.connect(_new_build)
    signals.feed_generated.connect(_feed_without_permalinks)
    signals.article_generator_preread.connect(_prefetch)
    signals.page_generator_preread.connect(_prefetch)
    signals.readers_init.connect(_add_reader)
    for generator_init in (
        signals.article_generator_init,
        signals.page_generator_init,
        signals.static_generator_init,
    ):
        generator_init.connect(_forget_python_markdown)
