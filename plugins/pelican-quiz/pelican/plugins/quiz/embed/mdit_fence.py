"""markdown-it-py: the ```` ```{quiz} id ```` fence, for any reader built on markdown-it-py.

It knows no reader: a reader adds it like any markdown-it-py plugin, ``md.use(quiz_fence)``.
Other fences keep the renderer they had.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .marker import marker

__all__ = ["quiz_fence"]

_INFO = re.compile(r"^\{quiz\}(?:\s+(.*))?$")


def quiz_fence(md: MarkdownIt) -> None:
    """markdown-it plugin: render ``{quiz}`` fences as the quiz placeholder.

    Lines are counted from ``env["line_offset"]`` (the file line the Markdown starts on, 1 by
    default), so a reader that strips front matter can keep them true."""
    fallback = md.renderer.rules.get("fence")  # type: ignore[attr-defined]

    def render_fence(
        self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        match = _INFO.match(token.info.strip())
        if match is None:
            if fallback is None:
                return str(self.fence(tokens, idx, options, env))
            return str(fallback(tokens, idx, options, env))
        line = (token.map[0] if token.map else 0) + env.get("line_offset", 1)
        return marker(match[1] or "", token.content, line, "{quiz}", "fence")

    md.add_render_rule("fence", render_fence)
