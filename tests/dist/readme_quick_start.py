"""The pelican-quiz README's quick start, read as a stranger reads it: the ``PLUGINS`` line of
its Installation section, and each file its numbered steps say to write, with its text."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from tests.dist.conftest import DISTRIBUTION

README = DISTRIBUTION / "README.md"
# "Write `content/…`" and the fenced block after it (``` or ````, indented under its step).
_STEP = re.compile(
    r"Write `(?P<path>[^`]+)`.*?\n(?P<indent>[ ]*)(?P<fence>`{3,})\w*\n(?P<body>.*?)\n(?P=indent)(?P=fence)\n",
    re.S,
)


@dataclass(frozen=True)
class QuickStart:
    settings: str  # what to add to pelicanconf.py
    files: dict[str, str]  # path in the site -> text
    command: str  # the build command the last step gives


def _section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def quick_start() -> QuickStart:
    text = README.read_text(encoding="utf-8")
    install = _section(text, "Installation")
    settings = re.search(r"```python\n(.*?)```", install, re.S)
    assert settings is not None, "no ```python block in the README's Installation"
    steps = _section(text, "Quick start")
    files = {
        m["path"]: textwrap.dedent(
            "\n".join(line.removeprefix(m["indent"]) for line in m["body"].splitlines())
        )
        + "\n"
        for m in _STEP.finditer(steps)
    }
    command = re.search(r"Build as usual: `([^`]+)`", steps)
    assert command is not None, "the quick start gives no build command"
    return QuickStart(settings[1], files, command[1])


def quickstart_answers() -> str:
    """Enter for every question of ``pelican-quickstart -p site -t … -a … -l en``, but no URL
    prefix: a site as a newcomer makes it, with every default."""
    return "\n" * 4 + "n\n" + "\n" * 12
