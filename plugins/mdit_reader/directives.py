"""MyST-style directives: a fenced block whose info string is ``{name} argument``.

The reader knows no directive itself. A plugin adds one as a markdown-it rule (the ``plugins``
key of ``MARKDOWN_IT``) that renders its own fences; a ``{name}`` fence that no rule took is a
mistake worth naming, never a code block that silently shows the directive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from pelican.plugins.quiz.toolkit.located_yaml import SourceError

__all__ = ["unknown_directives"]

_INFO = re.compile(r"^\{([a-z][a-z0-9-]*)\}")


def unknown_directives(md: MarkdownIt) -> None:
    """markdown-it plugin: a ``{name}`` fence that reaches this rule is an error. Rules added
    after it (the plugins' directives) render their own fences and pass the rest on."""
    fallback = md.renderer.rules.get("fence")  # type: ignore[attr-defined]

    def render_fence(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        match = _INFO.match(token.info.strip())
        if match is None:
            assert fallback is not None
            return str(fallback(tokens, idx, options, env))
        path = env.get("source_path", "<markdown>")
        line = (token.map[0] if token.map else 0) + env.get("line_offset", 1)
        raise SourceError(
            path,
            line,
            f"unknown directive '{{{match[1]}}}': no rule in MARKDOWN_IT's 'plugins' renders it",
        )

    md.add_render_rule("fence", render_fence)
