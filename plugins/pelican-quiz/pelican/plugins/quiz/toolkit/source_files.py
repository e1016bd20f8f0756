"""Reading an author's source file: where it is as the author sees it, and its text.

Markdown articles and quiz files are read the same way: a size limit checked before decoding,
and bytes that are not UTF-8 reported with the line they stand on.
"""

from __future__ import annotations

import os
from pathlib import Path

from .located_yaml import SourceError

__all__ = ["display_path", "line_of_text", "read_source"]


def display_path(source_path: str, content_root: str) -> str:
    """A path as an author sees it: relative to the content folder's parent."""
    base = os.path.dirname(os.path.abspath(content_root))
    relative = os.path.relpath(os.path.abspath(source_path), base)
    return source_path if relative.startswith("..") else relative


def read_source(file: str | Path, path: str, max_bytes: int, too_large: str) -> str:
    """The text of ``file``; ``path`` names it in errors, ``too_large`` says what to do past
    ``max_bytes``."""
    with open(file, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(path, None, too_large)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            path, line, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def line_of_text(file: str | Path, text: str) -> int | None:
    """The line where ``text`` first stands in ``file`` (None when it does not, or the file
    cannot be read): for a message about something a reader produced from that line."""
    try:
        source = Path(file).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None
    at = source.find(text)
    return source.count("\n", 0, at) + 1 if at >= 0 else None
