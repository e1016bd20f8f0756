"""What each writer of this site puts in the output folder, and which folders a build may walk.

:func:`site_claims` gives the output registry (:mod:`site_helpers.output_registry`) every path
of the build with its writer: the direct templates, the theme's files, the quiz widget, the
root files, the search index, the feeds, the tag and category pages, every page and every
static or extra file, and the output folder's kept entries. A folder link that leads back into
itself would make Pelican walk the content folder for ever.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from pelican.plugins.quiz.toolkit.source_files import display_path, line_of_text
from site_helpers.output_registry import Claim

__all__ = ["folder_loops", "links_out", "read_folders", "site_claims"]


def _feeds(settings: Mapping[str, Any], context: Mapping[str, Any]) -> Iterator[Claim]:
    """Every feed the settings ask for: the site's, and one per category, tag, author, language."""
    for key in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS"):
        if settings.get(key):
            yield Claim(settings[key], f"the feed {key}")
    for kind, plural in (("CATEGORY", "categories"), ("TAG", "tags"), ("AUTHOR", "authors")):
        for form in ("ATOM", "RSS"):
            pattern = settings.get(f"{kind}_FEED_{form}") or ""
            for item, _ in context.get(plural, []) if pattern else []:
                yield Claim(pattern.format(slug=item.slug), f"the feed {kind}_FEED_{form}")
    langs = sorted({str(getattr(a, "lang", "")) for a in context.get("articles", [])} - {""})
    for form in ("ATOM", "RSS"):
        pattern = settings.get(f"TRANSLATION_FEED_{form}") or ""
        for lang in langs if pattern else []:
            yield Claim(pattern.format(lang=lang), f"the feed TRANSLATION_FEED_{form}")


def site_claims(settings: Mapping[str, Any], context: Mapping[str, Any]) -> Iterator[Claim]:
    """What every writer of the site writes, the site's own writers first, then each page,
    static and extra file (an ``extra/`` file claims the path it is published at)."""
    kept = set(settings.get("OUTPUT_RETENTION") or [])
    if (settings.get("SITE_FILES_CNAME") or "").strip():
        kept.discard("CNAME")  # written by site_files in this build
    for name in sorted(kept):
        for folder in (False, True):
            yield Claim(name, f"the {name} kept in the output folder (OUTPUT_RETENTION)", folder)
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            yield Claim(save_as, f"the {name} template")
    theme = Path(settings["THEME"])
    for static in settings.get("THEME_STATIC_PATHS", ["static"]):
        folder = theme / static
        for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if file.is_file():
                inside = file.relative_to(folder).as_posix()
                yield Claim(
                    f"{settings['THEME_STATIC_DIR']}/{inside}", f"the theme's {static}/{inside}"
                )
    if "QUIZ_ASSETS_PATH" in settings:
        from pelican.plugins.quiz.placement import ASSETS

        for name in (*ASSETS["stylesheets"], *ASSETS["scripts"]):
            path = f"{settings['QUIZ_ASSETS_PATH'].strip('/')}/{name}"
            yield Claim(path, "the quiz plugin")
    if "SITE_FILES_ROBOTS" in settings:
        from site_files.site_files import root_files

        for name in sorted(root_files(settings)):
            yield Claim(name, "the site_files plugin")
    if settings.get("PAGEFIND_ENABLED"):
        from pagefind_index.pagefind_index import INDEX_FOLDER

        yield Claim(INDEX_FOLDER, "the search index (pagefind_index)", folder=True)
    yield from _feeds(settings, context)
    for plural in ("tags", "categories", "authors"):
        for item, _ in context.get(plural, []):
            if getattr(item, "save_as", ""):
                yield Claim(
                    item.save_as,
                    f"the page of {plural[:-1] if plural != 'categories' else 'category'} '{item}'",
                )
    root = settings["PATH"]
    for key in ("generated_content", "static_content"):
        for content in context.get(key, {}).values():
            save_as = getattr(content, "save_as", "") if content is not None else ""
            source = getattr(content, "source_path", None)
            if save_as and source:
                shown = display_path(source, root)
                line = line_of_text(source, "save_as") if key == "generated_content" else None
                yield Claim(save_as, shown, source=shown, line=line)


def folder_loops(root: Path) -> Iterator[Path]:
    """Every folder link under ``root`` that leads to itself or a folder above it."""
    for folder, subfolders, _ in os.walk(root):
        for name in subfolders:
            link = Path(folder) / name
            if link.is_symlink():
                real = Path(os.path.realpath(link))
                if Path(os.path.realpath(folder)).is_relative_to(real):
                    yield link


def read_folders(settings: Mapping[str, Any]) -> list[str]:
    """The folders of the content a build reads: articles, pages, static files, quizzes."""
    folders = [
        *settings.get("ARTICLE_PATHS", []),
        *settings.get("PAGE_PATHS", []),
        *settings.get("STATIC_PATHS", []),
    ]
    from pelican.plugins.quiz.pelican_quiz import DEFAULTS as QUIZ_DEFAULTS

    folders.append(settings.get("QUIZ_PATH") or QUIZ_DEFAULTS["QUIZ_PATH"])
    return sorted(set(folders))


def links_out(
    root: Path, folders: Sequence[str], ignored: Sequence[str]
) -> Iterator[tuple[Path, str]]:
    """Every file or folder link in the ``folders`` of ``root`` a build reads that leads out of
    ``root``, with where it leads: an article, page, quiz or folder read through one would
    publish a file of the machine."""
    real_root = Path(os.path.realpath(root))
    seen: set[Path] = set()
    for start in folders:
        top = root / start
        candidates = [top] if top.is_symlink() else []
        for folder, subfolders, files in os.walk(top) if top.is_dir() else []:
            candidates += [Path(folder) / name for name in [*subfolders, *files]]
        for link in candidates:
            if link in seen or not link.is_symlink():
                continue
            seen.add(link)
            if any(fnmatch(link.name, pattern) for pattern in ignored):
                continue
            real = os.path.realpath(link)
            if not Path(real).is_relative_to(real_root):
                yield link, real
