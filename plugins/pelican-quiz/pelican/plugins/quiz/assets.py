"""The widget's files as a site gets them: without their comments, indentation and blank lines
(a reader downloads code, not notes; gzipped, quiz.js is about 15 % smaller).

quiz.js is compacted by whole lines, so it keeps one rule: no string or template literal spans
lines, and a comment has a line of its own. quiz.css is minified (no comments, no blanks around
punctuation), so it holds no string and no value whose spaces or "/*" matter.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["ASSETS", "STATIC", "asset_bytes", "write_assets"]

STATIC = Path(__file__).with_name("static")
ASSETS = {"stylesheets": ("quiz.css",), "scripts": ("quiz.js",)}


def _compact_script(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def _compact_style(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s*([{};,>])\s*", r"\1", text)  # no blank around punctuation
    text = re.sub(r":\s+", ":", text).replace(";}", "}")
    text = re.sub(r"(?<![\w.])0\.(\d)", r".\1", text)  # 0.5rem is .5rem
    return text.strip() + "\n"


def asset_bytes(name: str) -> bytes:
    """The shipped content of the widget file ``name``."""
    text = (STATIC / name).read_text(encoding="utf-8")
    compact = _compact_script if name.endswith(".js") else _compact_style
    return compact(text).encode("utf-8")


def write_assets(target: Path) -> None:
    """Write every widget file into the folder ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (*ASSETS["stylesheets"], *ASSETS["scripts"]):
        (target / name).write_bytes(asset_bytes(name))
