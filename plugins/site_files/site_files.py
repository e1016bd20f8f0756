"""The files crawlers and hosts look for at the site root: sitemap.xml, robots.txt, CNAME.

Our own rather than pelican-sitemap because that plugin stamps index pages with the build's
clock, and two builds of one commit must be byte-identical. A sitemap needs absolute URLs, so
it is written only when SITEURL is an absolute http(s) address (the production build).

Settings (defaults in :data:`DEFAULTS`):

``SITE_FILES_SITEMAP``  write sitemap.xml of the index, articles and pages (True)
``SITE_FILES_ROBOTS``   write robots.txt allowing everything, pointing to the sitemap (True)
``SITE_FILES_CNAME``    custom domain for GitHub Pages; written to CNAME when set ("")
``SITE_FILES_EXTRA``    folder of the content whose files are published at the site root, at
                        the same paths ("extra"; it must be in STATIC_PATHS)

A file of the extra folder that anything else of the site writes (robots.txt, CNAME, the
theme's files, the search index...) is an error naming both, never a silent overwrite: every
path is claimed in the output registry, which content_guard checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pelican.plugins.signals as signals
from pelican.plugins.quiz.toolkit.settings import fill_defaults

__all__ = ["DEFAULTS", "register", "root_files", "sitemap_xml"]

DEFAULTS: dict[str, Any] = {
    "SITE_FILES_SITEMAP": True,
    "SITE_FILES_ROBOTS": True,
    "SITE_FILES_CNAME": "",
    "SITE_FILES_EXTRA": "extra",
}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "SITE_FILES_SITEMAP": bool,
    "SITE_FILES_ROBOTS": bool,
    "SITE_FILES_CNAME": str,
    "SITE_FILES_EXTRA": str,
}


def _absolute(siteurl: str) -> bool:
    return siteurl.startswith(("http://", "https://"))


def _day(value: datetime.datetime | None) -> str:
    return value.date().isoformat() if value else ""


def sitemap_xml(siteurl: str, articles: list[Any], pages: list[Any]) -> str:
    """The index first, then articles and pages in URL order; lastmod from their dates."""
    dated = [getattr(a, "modified", None) or a.date for a in articles]
    entries = [("", max(dated) if dated else None)]
    for item in sorted([*articles, *pages], key=lambda c: c.url):
        entries.append((item.url, getattr(item, "modified", None) or getattr(item, "date", None)))
    lines = ['<?xml version="1.0" encoding="utf-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for url, when in entries:
        lastmod = f"<lastmod>{_day(when)}</lastmod>" if when else ""
        lines.append(f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _on_initialized(pelican: Any) -> None:
    settings = pelican.settings
    fill_defaults(settings, DEFAULTS, _TYPES, "site_files")
    _publish_extra_at_root(settings)


def root_files(settings: Mapping[str, Any]) -> set[str]:
    """The root files this plugin writes in this build (its settings filled in)."""
    names = {"robots.txt"} if settings["SITE_FILES_ROBOTS"] else set()
    if settings["SITE_FILES_CNAME"].strip():
        names.add("CNAME")
    if settings["SITE_FILES_SITEMAP"] and _absolute(settings["SITEURL"]):
        names.add("sitemap.xml")
    return names


def _publish_extra_at_root(settings: dict[str, Any]) -> None:
    """Map each file of the extra folder to the same path from the site root (an entry the
    site wrote in EXTRA_PATH_METADATA itself wins)."""
    folder = settings["SITE_FILES_EXTRA"].strip("/")
    extra = Path(settings["PATH"]) / folder
    if not folder or not extra.is_dir():
        return
    metadata = settings.setdefault("EXTRA_PATH_METADATA", {})
    for file in sorted(p for p in extra.rglob("*") if p.is_file()):
        inside = file.relative_to(extra).as_posix()
        metadata.setdefault(f"{folder}/{inside}", {"path": inside})


def _on_all_generators_finalized(generators: list[Any]) -> None:
    # Kept in the settings until `finalized`: the output folder is only written after this.
    found: dict[str, list[Any]] = {"articles": [], "pages": []}
    for generator in generators:
        for kind in found:
            found[kind] += list(getattr(generator, kind, []))
    generators[0].settings["_SITE_FILES_CONTENT"] = found


def _on_finalized(pelican: Any) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    siteurl = settings["SITEURL"].rstrip("/")
    sitemap = settings["SITE_FILES_SITEMAP"] and _absolute(siteurl)
    if sitemap:
        found = settings.get("_SITE_FILES_CONTENT", {})
        text = sitemap_xml(siteurl, found.get("articles", []), found.get("pages", []))
        (output / "sitemap.xml").write_text(text, encoding="utf-8")
    if settings["SITE_FILES_ROBOTS"]:
        robots = "User-agent: *\nAllow: /\n"
        if sitemap:
            robots += f"Sitemap: {siteurl}/sitemap.xml\n"
        (output / "robots.txt").write_text(robots, encoding="utf-8")
    if settings["SITE_FILES_CNAME"].strip():
        (output / "CNAME").write_text(settings["SITE_FILES_CNAME"].strip() + "\n", encoding="utf-8")


def register() -> None:
    signals.initialized.connect(_on_initialized)
    signals.all_generators_finalized.connect(_on_all_generators_finalized)
    signals.finalized.connect(_on_finalized)
