"""``quiz_assets()``, for a theme that places the widget's tags itself
(``QUIZ_ASSETS_IN_CONTENT = False``): one call in ``<head>`` of the base template gives every
page that can show a quiz whole its stylesheet and script, and every other page nothing.

A page can show a quiz whole when its article or page holds one, or when it lists an article
that holds one (an index or category page may show an article whole, as notmyidea shows the
first); reading the template's context finds both, where ``article.quiz_scripts`` missed the
index.
"""

from __future__ import annotations

from html import escape
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

__all__ = ["quiz_assets"]


def _shown(context: Context) -> list[Any]:
    """The articles and pages this template renders, whole or not."""
    shown = [context.get("article"), context.get("page")]
    listing = context.get("articles_page")
    if listing is not None:
        shown += list(getattr(listing, "object_list", []))
    return [content for content in shown if content is not None]


@pass_context
def quiz_assets(context: Context) -> Markup:
    holder = next((c for c in _shown(context) if getattr(c, "quiz_ids", None)), None)
    if holder is None:
        return Markup("")
    siteurl = context.get("SITEURL", "")
    links = "".join(
        f'<link rel="stylesheet" href="{escape(f"{siteurl}/{href}")}">'
        for href in holder.quiz_stylesheets
    )
    scripts = "".join(
        f'<script type="module" src="{escape(f"{siteurl}/{src}")}"></script>'
        for src in holder.quiz_scripts
    )
    return Markup(links + scripts)
