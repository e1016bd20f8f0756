"""The widget's files as a site gets them: quiz.css as written, quiz.js without its comments,
indentation and blank lines (a reader downloads code, not notes; gzipped it is about 15 %
smaller).

The transformation is by whole lines, so quiz.js keeps one rule: no string or template literal
spans lines.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ASSETS", "STATIC", "asset_bytes", "write_assets"]

STATIC = Path(__file__).with_name("static")
ASSETS = {"stylesheets": ("quiz.css",), "scripts": ("quiz.js",)}


def _compact_script(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def asset_bytes(name: str) -> bytes:
    """The shipped content of the widget file ``name``."""
    text = (STATIC / name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        text = _compact_script(text)
    return text.encode("utf-8")


def write_assets(target: Path) -> None:
    """Write every widget file into the folder ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in (*ASSETS["stylesheets"], *ASSETS["scripts"]):
        (target / name).write_bytes(asset_bytes(name))
