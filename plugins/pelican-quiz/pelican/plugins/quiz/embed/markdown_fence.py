"""Python-Markdown (Pelican's default reader): the ```` ```{quiz} id ```` fence.

The plugin adds this extension to the site's ``MARKDOWN`` setting; it does not replace the
reader. It runs before Pelican's metadata and fenced-code preprocessors, while the lines are
still the file's lines, so the placeholder carries the fence's true line. Fences inside other
fenced code blocks (a page that shows how to embed a quiz) are left alone.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .fences import quiz_fences
from .marker import marker

__all__ = ["QuizFenceExtension", "makeExtension"]

# After normalize_whitespace (30), before the metadata (27) and fenced code (25) preprocessors.
PRIORITY = 28


class _QuizFences(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        done = 0
        for fence in quiz_fences(lines):
            html = marker(fence.argument, fence.body, fence.start + 1, "{quiz}", "fence")
            # Blank lines around the stashed HTML keep it a block of its own.
            out += [*lines[done : fence.start], "", self.md.htmlStash.store(html.rstrip()), ""]
            done = fence.end
        return out + lines[done:]


class QuizFenceExtension(Extension):
    """``Markdown(extensions=[QuizFenceExtension()])``; the plugin adds it for Pelican."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_QuizFences(md), "pelican_quiz_fence", PRIORITY)


def makeExtension(**kwargs: Any) -> QuizFenceExtension:
    """Called by Python-Markdown for ``pelican.plugins.quiz.embed.markdown_fence``."""
    return QuizFenceExtension(**kwargs)
