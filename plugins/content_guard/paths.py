"""Where pages may be written, and which folders a build may walk.

A page's ``save_as`` may not take a path something else of the site writes (the index and the
other direct templates, the theme's files, the quiz widget, robots.txt and the like): the later
writer would silently win. A folder link that leads back into itself would make Pelican walk
the content folder for ever.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["folder_loops", "reserved_outputs"]


def reserved_outputs(settings: Mapping[str, Any]) -> dict[str, str]:
    """Output path -> what writes it, for everything of the site that is not a page."""
    reserved: dict[str, str] = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            reserved[save_as] = f"the {name} template"
    theme = Path(settings["THEME"])
    for static in settings.get("THEME_STATIC_PATHS", ["static"]):
        folder = theme / static
        for file in folder.rglob("*") if folder.is_dir() else []:
            if file.is_file():
                path = f"{settings['THEME_STATIC_DIR']}/{file.relative_to(folder).as_posix()}"
                reserved[path] = f"the theme's {static}/{file.relative_to(folder).as_posix()}"
    if "QUIZ_ASSETS_PATH" in settings:
        from pelican.plugins.quiz.placement import ASSETS

        for name in (*ASSETS["stylesheets"], *ASSETS["scripts"]):
            reserved[f"{settings['QUIZ_ASSETS_PATH'].strip('/')}/{name}"] = "the quiz plugin"
    if "SITE_FILES_ROBOTS" in settings:
        from site_files.site_files import root_files

        for name in root_files(settings):
            reserved[name] = "the site_files plugin"
    return reserved


def folder_loops(root: Path) -> Iterator[Path]:
    """Every folder link under ``root`` that leads to itself or a folder above it."""
    for folder, subfolders, _ in os.walk(root):
        for name in subfolders:
            link = Path(folder) / name
            if link.is_symlink():
                real = Path(os.path.realpath(link))
                if Path(os.path.realpath(folder)).is_relative_to(real):
                    yield link
