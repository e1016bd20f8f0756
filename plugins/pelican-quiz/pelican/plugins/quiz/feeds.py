"""Feeds carry a link to each quiz, never the quiz: a reader of the feed gets the page's text
with "Take the quiz" where the form, its data and its scripts stand in the page.

Pelican puts a page's whole HTML in an Atom entry's content (and in an RSS item's description
unless ``RSS_FEED_SUMMARY_ONLY``); summaries already link to the quiz (see placement).
"""

from __future__ import annotations

from typing import Any

__all__ = ["FEED_HTML", "PLACED", "quiz_free_feed"]

# The attribute placement sets on a page that holds a quiz: its HTML with each quiz a link.
FEED_HTML = "_quiz_feed_html"
# The context's list of every page object placement gave a quiz (two generators may hold
# objects of one page; either may be the one a feed takes).
PLACED = "_quiz_placed"


def quiz_free_feed(context: dict[str, Any], feed: Any) -> None:
    """Replace, in ``feed``'s items, each page's HTML that holds a quiz with its feed HTML."""
    siteurl = context.get("SITEURL", "")
    in_feed: dict[str, str] = {}
    for page in context.get(PLACED, []):
        # The very string Pelican put in the feed (get_content is memoized per URL).
        in_feed[page.get_content(siteurl)] = page._update_content(getattr(page, FEED_HTML), siteurl)
    if not in_feed:
        return
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key) in in_feed:
                item[key] = in_feed[item[key]]
