"""The widget's files as a site gets them: without their comments, indentation, blank lines and
the blanks code does not need (a reader downloads code, not notes).

quiz.js is compacted line by line, so it keeps two rules: no string, template literal or
regular expression spans lines, and a comment has a line of its own. quiz.css is minified (no
comments, no blanks around punctuation), so it holds no string and no value whose spaces or
"/*" matter.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["ASSETS", "STATIC", "asset_bytes", "write_assets"]

STATIC = Path(__file__).with_name("static")
ASSETS = {"stylesheets": ("quiz.css",), "scripts": ("quiz.js",)}


_WORD = re.compile(r"[\w$]")
# Before a "/" that starts a regular expression rather than a division.
_BEFORE_REGEX = set("(,=:[!&|?{};") | {""}


def _compact_line(line: str) -> str:
    """One line of code without the blanks it does not need: kept only between two word
    characters (``const x``) or two signs that would join (``a - -b``). Strings, template
    literals and regular expressions are copied as they are."""
    out: list[str] = []
    blank = False
    index = 0
    while index < len(line):
        char = line[index]
        if char in " \t":
            blank = True
            index += 1
            continue
        previous = out[-1][-1] if out else ""
        if blank and (
            (_WORD.match(previous) and _WORD.match(char)) or (previous in "+-" and char in "+-")
        ):
            out.append(" ")
        blank = False
        quote = char if char in "'\"`" else ""
        if char == "/" and previous in _BEFORE_REGEX:
            quote = "/"
        if not quote:
            out.append(char)
            index += 1
            continue
        end = index + 1
        while end < len(line) and line[end] != quote:
            end += 2 if line[end] == "\\" else 1
        end += 1
        if quote == "/":  # its flags
            while end < len(line) and line[end].isalpha():
                end += 1
        out.append(line[index:end])
        index = end
    return "".join(out)


def _compact_script(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    kept = (_compact_line(line) for line in lines if line and not line.startswith("//"))
    return "\n".join(kept) + "\n"


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
