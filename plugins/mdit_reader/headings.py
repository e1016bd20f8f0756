"""Heading ids, permalinks and the table of contents.

An explicit id is written after the heading text (``## Give it time {#give-it-time}``) and never
changes when the words do; any other heading gets a slug of its text, made unique in the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from pelican.plugins.quiz.toolkit.located_yaml import SourceError

__all__ = ["heading_ids", "slugify", "without_permalinks"]

_EXPLICIT_ID = re.compile(r"\s*\{#([A-Za-z][\w-]*)\}\s*$")
_BAD_ATTRIBUTE = re.compile(r"\s*\{#([^}]*)\}\s*$")


def slugify(text: str) -> str:
    """A lowercase ASCII slug: "Let it go — really!" -> "let-it-go-really"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words) or "section"


def _take_explicit_id(inline: Token, env: EnvType, line: int) -> str | None:
    match = _EXPLICIT_ID.search(inline.content)
    if match is None:
        bad = _BAD_ATTRIBUTE.search(inline.content)
        if bad is not None:
            raise SourceError(
                env.get("source_path", "<markdown>"),
                line,
                f"heading id '{bad.group(1)[:40]}' must start with a letter and "
                "hold only letters, digits, '-' and '_'",
            )
        return None
    inline.content = inline.content[: match.start()]
    children = inline.children or []
    if children and children[-1].type == "text":
        last = children[-1]
        last.content = _EXPLICIT_ID.sub("", last.content)
    return match.group(1)


def _plain_text(inline: Token) -> str:
    return "".join(
        child.content for child in inline.children or [] if child.type in ("text", "code_inline")
    ).strip()


def heading_ids(
    md: MarkdownIt,
    toc_levels: Sequence[int] = (2, 3),
    permalink_levels: Sequence[int] = (2, 3),
    permalink_text: str = "#",
) -> None:
    """markdown-it plugin: give headings ids, record a table of contents in ``env["toc"]``."""

    def assign_ids(state: StateCore) -> None:
        env = state.env
        taken: set[str] = set(env.setdefault("heading_ids", []))
        suffixes: dict[str, int] = {}  # slug -> the last number added to it
        toc: list[dict[str, Any]] = env.setdefault("toc", [])
        offset = env.get("line_offset", 1)
        tokens = state.tokens
        for index, token in enumerate(tokens):
            if token.type != "heading_open":
                continue
            level = int(token.tag[1])
            inline = tokens[index + 1]
            line = (token.map[0] if token.map else 0) + offset
            explicit = _take_explicit_id(inline, env, line)
            title = _plain_text(inline)
            if explicit is not None:
                if explicit in taken:
                    raise SourceError(
                        env.get("source_path", "<markdown>"),
                        line,
                        f"heading id '{explicit}' is used twice in this file",
                    )
                anchor = explicit
            else:
                base = slugify(title)
                # Count on from the last suffix this slug got: identical headings stay linear.
                anchor, n = base, suffixes.get(base, 1)
                if anchor in taken:
                    while (anchor := f"{base}-{n + 1}") in taken:
                        n += 1
                    n += 1
                suffixes[base] = n
            taken.add(anchor)
            token.attrSet("id", anchor)
            if level in permalink_levels:
                tokens[index + 2].meta["permalink"] = (anchor, title)
            if level in toc_levels:
                toc.append({"level": level, "id": anchor, "title": title})
        env["heading_ids"] = sorted(taken)

    def render_heading_close(
        self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        link = token.meta.get("permalink")
        if not link:
            return self.renderToken(tokens, idx, options, env)
        anchor, title = link
        escape = escapeHtml
        # data-pagefind-ignore: the "#" is no words of the page, for search excerpts.
        return (
            f' <a class="permalink" href="#{anchor}" aria-label="Link to section: '
            f'{escape(title)}" data-pagefind-ignore>{escape(permalink_text)}</a>'
            + self.renderToken(tokens, idx, options, env)
        )

    md.core.ruler.push("heading_ids", assign_ids)
    md.add_render_rule("heading_close", render_heading_close)


# A permalink exactly as render_heading_close writes it.
_PERMALINK = re.compile(
    r' <a class="permalink" href="#[^"]*" aria-label="[^"]*" data-pagefind-ignore>[^<]*</a>'
)


def without_permalinks(html: str) -> str:
    """``html`` without the headings' "#" links: in a feed they would point nowhere (a
    fragment resolves against the feed, not the page)."""
    return _PERMALINK.sub("", html)
