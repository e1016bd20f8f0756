"""MyST-style directives: a fenced block whose info string is ``{name} argument``.

The reader knows no directive itself; other plugins register one with :func:`register_directive`
and get called with the argument, the body and where the fence stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from .safe_yaml import SourceError

__all__ = ["Directive", "DirectiveRenderer", "directives", "register_directive"]

_INFO = re.compile(r"^\{([a-z][a-z0-9-]*)\}\s*(.*)$")


@dataclass(frozen=True)
class Directive:
    """One use of a directive in a Markdown file."""

    name: str
    argument: str
    body: str
    source_path: str
    line: int


DirectiveRenderer = Callable[[Directive], str]

_registry: dict[str, DirectiveRenderer] = {}


def register_directive(name: str, render: DirectiveRenderer) -> None:
    """Make ``{name}`` fences render through ``render`` (registering again replaces it)."""
    _registry[name] = render


def directives(md: MarkdownIt) -> None:
    """markdown-it plugin: render ``{name}`` fences through the registered directives."""
    fallback = md.renderer.rules.get("fence")  # type: ignore[attr-defined]

    def render_fence(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        match = _INFO.match(token.info.strip())
        if match is None:
            assert fallback is not None
            return str(fallback(tokens, idx, options, env))
        name, argument = match.groups()
        path = env.get("source_path", "<markdown>")
        line = (token.map[0] if token.map else 0) + env.get("line_offset", 1)
        render = _registry.get(name)
        if render is None:
            known = ", ".join(sorted(_registry)) or "none"
            raise SourceError(path, line, f"unknown directive '{{{name}}}' (known: {known})")
        return render(Directive(name, argument.strip(), token.content, path, line))

    md.add_render_rule("fence", render_fence)
