"""Build the configured markdown-it parser and render Markdown with it."""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pelican.plugins.quiz.toolkit.pelican_links import keep_pelican_links
from pelican.plugins.quiz.toolkit.settings import merge_known

from .directives import unknown_directives
from .headings import heading_ids

__all__ = ["DEFAULT_MARKDOWN_IT", "Rendered", "configure", "make_markdown", "render"]

# The one setting of the reader, ``MARKDOWN_IT``; a site's value is merged over these.
DEFAULT_MARKDOWN_IT: dict[str, Any] = {
    "preset": "commonmark",
    # Raw HTML stays off: text is escaped, so front matter or content cannot smuggle a script.
    "options": {"html": False, "typographer": True},
    "extensions": ["table", "strikethrough", "footnote", "deflist", "attrs"],
    "toc_levels": [2, 3],
    "permalink_levels": [2, 3],
    "permalink_text": "#",
    "words_per_minute": 200,
    "max_bytes": 2_000_000,
    # markdown-it-py plugins other Pelican plugins provide, as "module:function" (or the
    # function itself), used in this order after the reader's own rules.
    "plugins": [],
}

_EXTENSIONS: dict[str, Callable[[MarkdownIt], Any]] = {
    "table": lambda md: md.enable("table").use(_alignment_as_class),
    "strikethrough": lambda md: md.enable("strikethrough"),
    "footnote": lambda md: md.use(footnote_plugin),
    "deflist": lambda md: md.use(deflist_plugin),
    "attrs": lambda md: md.use(attrs_plugin).use(attrs_block_plugin),
}


def configure(user: Mapping[str, Any] | None) -> dict[str, Any]:
    """Merge a site's ``MARKDOWN_IT`` over the defaults; reject what cannot work."""
    config = merge_known("MARKDOWN_IT", DEFAULT_MARKDOWN_IT, user)
    bad = sorted(set(config["extensions"]) - set(_EXTENSIONS))
    if bad:
        raise ValueError(
            f"MARKDOWN_IT: unknown extension(s) {', '.join(bad)}; known: {', '.join(_EXTENSIONS)}"
        )
    config["options"] = {**DEFAULT_MARKDOWN_IT["options"], **config["options"]}
    config["plugins"] = [_plugin(name) for name in config["plugins"]]
    return config


def _plugin(name: str | Callable[[MarkdownIt], Any]) -> Callable[[MarkdownIt], Any]:
    """A markdown-it plugin named "module:function" in MARKDOWN_IT['plugins']."""
    if callable(name):
        return name
    module, _, function = str(name).partition(":")
    try:
        found = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ValueError(
            f"MARKDOWN_IT: plugin {name!r} cannot be loaded ({exc}); expected 'module:function'"
        ) from None
    if not callable(found):
        raise ValueError(f"MARKDOWN_IT: plugin {name!r} is not a function")
    return found  # type: ignore[no-any-return]


def make_markdown(config: Mapping[str, Any]) -> MarkdownIt:
    """A parser for ``config`` (as returned by :func:`configure`)."""
    md = MarkdownIt(config["preset"], dict(config["options"]))
    for name in config["extensions"]:
        _EXTENSIONS[name](md)
    md.use(keep_pelican_links)
    md.use(
        heading_ids,
        toc_levels=config["toc_levels"],
        permalink_levels=config["permalink_levels"],
        permalink_text=config["permalink_text"],
    )
    md.use(unknown_directives)
    for plugin in config["plugins"]:
        md.use(plugin)
    return md


@dataclass
class Rendered:
    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    heading_ids: list[str] = field(default_factory=list)
    words: int = 0

    def reading_minutes(self, words_per_minute: int) -> int:
        return max(1, math.ceil(self.words / words_per_minute))


_WORD = re.compile(r"\w+")


def render(md: MarkdownIt, text: str, source_path: str, line_offset: int = 1) -> Rendered:
    """Render a Markdown document; ``line_offset`` is the file line where ``text`` starts."""
    env: dict[str, Any] = {"source_path": source_path, "line_offset": line_offset}
    html = md.render(text, env)
    return Rendered(html, env.get("toc", []), env.get("heading_ids", []), len(_WORD.findall(text)))


def _alignment_as_class(md: MarkdownIt) -> None:
    """Table alignment as a class, not a ``style`` attribute, so a strict CSP (no inline styles)
    keeps it."""

    def cell_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        style = token.attrGet("style")
        if isinstance(style, str) and style.startswith("text-align:"):
            token.attrs.pop("style")
            token.attrJoin("class", "align-" + style.split(":", 1)[1])
        return self.renderToken(tokens, idx, options, env)  # type: ignore[no-any-return]

    md.add_render_rule("th_open", cell_open)
    md.add_render_rule("td_open", cell_open)
