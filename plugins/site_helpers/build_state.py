"""What a build keeps for the next one: whether there is a next one to keep things for, the
small JSON files that describe what was kept, and pages carried over by hard link.

Shared by the plugins that reuse a previous build's work (incremental, pagefind_index).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["is_cached_build", "link_or_copy", "read_json_object"]


def is_cached_build(settings: Mapping[str, Any]) -> bool:
    """Whether this build writes and reads Pelican's content cache (make build, make serve):
    only then is work kept for, and taken from, another build."""
    return bool(settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"))


def read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; an empty one when it is missing, unreadable or not an
    object (a kept file is only a shortcut: without it the work is simply done again)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (no bytes copied), or a copy where the file system refuses links. Nothing
    may ever write into ``target`` afterwards: that would change ``source`` too."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
