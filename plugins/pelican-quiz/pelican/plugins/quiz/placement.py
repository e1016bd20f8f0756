"""Put each compiled quiz where a page embeds it, with its assets, and keep it out of summaries.

Runs once every file is read: a quiz's links need the other pages, and an edited quiz must
reach pages whose source (and reader cache) did not change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from pelican.utils import truncate_html_words

from .assets import ASSETS
from .embed.marker import Embed, embeds_in, has_marker, replace_markers
from .feeds import FEED_HTML
from .loader import quiz_files
from .model import Quiz
from .render import render_quiz
from .strings import QuizStrings, lang_codes
from .toolkit.located_yaml import SourceError
from .toolkit.source_files import display_path, line_of_text
from .translations import translations_by_language

__all__ = [
    "ASSETS",
    "Placement",
    "embeds_a_quiz",
    "place_quizzes",
    "register_assets",
    "unplaced",
]

# What a page holding a quiz loads, from QUIZ_ASSETS_PATH (ASSETS): its stylesheet and the
# widget (an ES module). Pages without a quiz load neither.
# Where the assets stand among the static files Pelican's {static} links can name.
ASSET_KEY = "pelican-quiz-assets"
_ID = re.compile(r'\sid="([^"]+)"')


class Placement:
    """What the pages of one build need to have their quizzes placed."""

    def __init__(
        self,
        quizzes: Mapping[str, Quiz],
        labels: Mapping[str, Mapping[str, str]],
        settings: Mapping[str, Any],
        show_failures: bool = False,
    ) -> None:
        self.quizzes = quizzes
        self.labels = labels  # only for quizzes that loaded, proved and link correctly
        self.settings = settings
        folder = Path(settings["PATH"]) / settings["QUIZ_PATH"]
        self.failed = {file.stem for file in quiz_files(folder)} - set(quizzes)
        self.pages: dict[str, list[Any]] = {quiz_id: [] for quiz_id in quizzes}
        # What stands where a quiz failed: nothing in a build that fails anyway, a notice in
        # one that goes on (pelican --autoreload), so the page does not look whole.
        self.failure_html = _FAILURE_NOTICE if show_failures else ""
        self.placed: list[Any] = []  # every page object given its quizzes
        self.strings = QuizStrings(settings["QUIZ_STRINGS"])
        self.translations = translations_by_language(quizzes)

    def quiz_for(self, quiz_id: str, content: Any) -> Quiz | None:
        """The quiz a page embedding ``quiz_id`` shows: its translation into the page's
        language, if there is one, else the quiz itself."""
        for code in lang_codes(getattr(content, "lang", None)):
            translated = self.translations.get((quiz_id, code))
            if translated is not None:
                return translated
        return self.quizzes.get(quiz_id)

    def strings_for(self, content: Any) -> dict[str, str]:
        """The quiz strings in the language of ``content`` (Pelican's ``lang``)."""
        return self.strings.for_language(getattr(content, "lang", None))


_FAILURE_NOTICE = (
    '<div class="quiz-failed" role="alert"><p><strong>This quiz was not built.</strong> '
    "The problems are in pelican's output; this page is rebuilt when they are mended.</p></div>"
)


def embeds_a_quiz(content: Any) -> bool:
    """Whether a reader left a quiz placeholder in ``content``."""
    return has_marker(getattr(content, "_content", "") or "")


def place_quizzes(content: Any, placement: Placement) -> list[SourceError]:
    """Replace every quiz placeholder in ``content`` with its quiz; the problems found."""
    settings = placement.settings
    source = display_path(content.source_path, settings["PATH"])
    errors: list[SourceError] = []
    seen: dict[str, int] = {}

    def render(embed: Embed) -> str:
        if embed.problem is not None:
            errors.append(SourceError(source, embed.line, embed.problem))
            return placement.failure_html
        quiz = placement.quiz_for(embed.quiz_id, content)
        if quiz is None and embed.quiz_id not in placement.failed:
            known = ", ".join(sorted(placement.quizzes)) or "none"
            errors.append(
                SourceError(source, embed.line, f"unknown quiz '{embed.quiz_id}' (known: {known})")
            )
        if quiz is None or quiz.id not in placement.labels:
            # a quiz that failed to load or to prove has its own messages
            return placement.failure_html
        seen[quiz.id] = seen.get(quiz.id, 0) + 1
        # quiz-<id> for the first copy (summaries link there), quiz<n>-<id> for the others.
        copy = seen[quiz.id]
        prefix = f"quiz-{quiz.id}" if copy == 1 else f"quiz{copy}-{quiz.id}"
        html = render_quiz(
            quiz,
            prefix,
            placement.labels[quiz.id],
            placement.strings_for(content),
            settings["QUIZ_REMEMBER"],
            page_title=str(getattr(content, "title", "")),
        )
        for taken in sorted(page_ids.intersection(_ID.findall(html))):
            errors.append(
                SourceError(
                    source,
                    line_of_text(content.source_path, taken) or embed.line,
                    f"the page's id '{taken}' is an id of quiz '{quiz.id}' too (its ids begin "
                    f"'{prefix}'); give the page's element another id",
                )
            )
        first = sum(seen.values()) == 1
        return (_asset_tags(content, settings) if first else "") + html

    text = content._content
    # The page's own ids: a quiz's may not take one, or its labels would point at the page's.
    page_ids = set(_ID.findall(replace_markers(text, lambda embed: "")))
    if "summary" not in content.metadata:
        # Pelican would cut the page's own HTML to make its summary, quiz and all.
        _set_summary(content, _summary(content, text, placement))
    elif has_marker(content.metadata["summary"] or ""):
        _set_summary(content, _with_quiz_links(content, content.metadata["summary"], placement))
    content._content = replace_markers(text, render)
    # What feeds carry instead of the quiz (see feeds): the page with a link where it stands.
    setattr(content, FEED_HTML, _with_quiz_links(content, text, placement))
    placement.placed.append(content)
    for quiz_id in seen:
        listed = placement.pages[quiz_id]
        # One entry a page, though two generators hold it (see build.every_content).
        if all(page.source_path != content.source_path for page in listed):
            listed.append(content)
    if seen:
        assets = settings["QUIZ_ASSETS_PATH"].strip("/")
        content.quiz_ids = sorted(seen)
        content.quiz_stylesheets = [f"{assets}/{name}" for name in ASSETS["stylesheets"]]
        content.quiz_scripts = [f"{assets}/{name}" for name in ASSETS["scripts"]]
    _forget_rendered(content)
    return errors


def unplaced(written: str, context: Mapping[str, Any]) -> list[SourceError]:
    """A problem for each quiz placeholder in the file the writer just wrote (``context`` is
    the one it wrote with): a page that no hook of the plugin was given to place."""
    path = Path(written)
    try:
        html = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return []
    embeds = embeds_in(html) if has_marker(html) else []
    if not embeds:
        return []
    page = context.get("article") or context.get("page")
    where = display_path(written, context["OUTPUT_PATH"])
    source = display_path(page.source_path, context["PATH"]) if page is not None else where
    return [
        SourceError(
            source,
            embed.line if page is not None else None,
            f"this quiz was written into {where} unplaced: a generator the quiz plugin does "
            "not see (another plugin's) wrote that page, and its quiz would be missing there",
        )
        for embed in embeds
    ]


def _set_summary(content: Any, html: str) -> None:
    # Pelican resolves the summary's {filename} links from _summary (4.9 to 4.11) or from the
    # metadata (4.12, which copies _summary there first): set both. Pelican 4.9 resolves them
    # before plugins see the finished generators, 4.12 after: so resolve them here too (a
    # resolved link has nothing left to resolve).
    content._summary = content.metadata["summary"] = html
    content.refresh_metadata_intersite_links()


def _asset_tags(content: Any, settings: Mapping[str, Any]) -> str:
    """The widget's stylesheet and script, for a theme that does not place them itself. They
    are ``{static}`` links (see :func:`register_assets`), so Pelican makes each URL right for
    the page it is written into: any SITEURL, RELATIVE_URLS, or the index showing an article."""
    if not settings["QUIZ_ASSETS_IN_CONTENT"]:
        return ""
    links = "".join(
        f'<link rel="stylesheet" href="{{static}}/{ASSET_KEY}/{name}">'
        for name in ASSETS["stylesheets"]
    )
    scripts = "".join(
        f'<script type="module" src="{{static}}/{ASSET_KEY}/{name}"></script>'
        for name in ASSETS["scripts"]
    )
    return links + scripts + "\n"


@dataclass(frozen=True)
class _Asset:
    url: str  # what Pelican's link resolution reads of a static file


def register_assets(context: dict[str, Any], settings: Mapping[str, Any]) -> None:
    """Let ``{static}/ASSET_KEY/<name>`` links resolve to the widget's files in the output."""
    folder = settings["QUIZ_ASSETS_PATH"].strip("/")
    for name in (*ASSETS["stylesheets"], *ASSETS["scripts"]):
        context.setdefault("static_content", {})[f"{ASSET_KEY}/{name}"] = _Asset(f"{folder}/{name}")


def _with_quiz_links(content: Any, html: str, placement: Placement) -> str:
    """``html`` with each quiz placeholder replaced by a link to that quiz on its page."""
    wording = placement.strings_for(content)["summary_link"]

    def link(embed: Embed) -> str:
        quiz = placement.quiz_for(embed.quiz_id, content)
        if embed.problem is not None or quiz is None:
            return ""
        # Pelican resolves {filename} links, so this works at any SITEURL and depth.
        href = f"{{filename}}/{content.relative_source_path}#quiz-{quiz.id}"
        text = escape(wording.format(title=quiz.title))
        return f'<p class="quiz-summary-link"><a href="{escape(href)}">{text}</a></p>\n'

    return replace_markers(html, link)


def _summary(content: Any, html: str, placement: Placement) -> str:
    """The summary Pelican would make of ``html``, with a link where a quiz stands."""
    settings = placement.settings
    text = _with_quiz_links(content, html, placement)
    paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    if paragraphs is not None:
        from pelican.utils import truncate_html_paragraphs

        text = truncate_html_paragraphs(text, paragraphs)
    words = settings.get("SUMMARY_MAX_LENGTH")
    if words is None:
        return text
    return str(truncate_html_words(text, words, settings.get("SUMMARY_END_SUFFIX", "…")))


def _forget_rendered(content: Any) -> None:
    # Pelican memoizes content HTML; drop it so the page is rendered from the new HTML.
    for method in ("get_content", "get_summary"):
        cache = getattr(getattr(content, method, None), "cache", None)
        if cache is not None:
            for key in [k for k in cache if k and k[0] is content]:
                del cache[key]
