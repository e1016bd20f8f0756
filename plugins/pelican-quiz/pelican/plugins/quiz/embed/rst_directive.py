"""reStructuredText: the ``.. quiz:: id`` directive.

Registered with docutils when the plugin starts. It takes any argument and content and lets the
placeholder say what is wrong, so reST reports a bad embedding with the same ``file:line``
message as the Markdown readers instead of a docutils system message.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive, directives

from .marker import marker

__all__ = ["QuizDirective", "register"]


class QuizDirective(Directive):
    """``.. quiz:: ready-to-reach-out``: the quiz with that id, in place."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0] if self.arguments else ""
        html = marker(argument, "\n".join(self.content), self.lineno, ".. quiz::", "directive")
        return [nodes.raw("", html, format="html")]


def register() -> None:
    directives.register_directive("quiz", QuizDirective)
