"""A small crawler for a served site: follows every link, stylesheet, script, image, feed entry
and sitemap URL that stays on the site, and reports what does not load or leaves its path."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

# Where a page points to other files: (tag, attribute).
HTML_REFERENCES = (
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("form", "action"),
    ("meta", "content"),
)


@dataclass
class Crawl:
    base: str
    fetched: dict[str, int] = field(default_factory=dict)  # url -> HTTP status
    problems: list[str] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)  # page url -> its element ids
    wanted_fragments: list[tuple[str, str, str]] = field(default_factory=list)


def xml_elements(body: bytes, name: str, attribute: str = "") -> list[str]:
    """Text (or ``attribute``) of every element called ``name``, whatever its namespace."""
    tree = ET.fromstring(body)
    return [
        (element.get(attribute, "") if attribute else (element.text or "")).strip()
        for element in tree.iter()
        if element.tag.rpartition("}")[2] == name
    ]


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def _references(url: str, kind: str, body: bytes) -> list[str]:
    if kind == "text/html":
        soup = BeautifulSoup(body, "html.parser")
        found = []
        for tag, attr in HTML_REFERENCES:
            for element in soup.find_all(tag, attrs={attr: True}):
                value = element[attr]
                if tag == "meta" and not value.startswith(("http://", "https://")):
                    continue  # only URL-valued meta (og:url)
                found.append(value)
        return found
    if kind in ("application/xml", "text/xml", "application/atom+xml"):
        return [*xml_elements(body, "loc"), *xml_elements(body, "link", "href")]
    if kind == "text/plain":
        return [
            line.split(":", 1)[1].strip()
            for line in body.decode().splitlines()
            if line.lower().startswith("sitemap:")
        ]
    return []


def crawl(base: str, starts: list[str]) -> Crawl:
    """Crawl from ``starts`` (paths under ``base``); every same-host URL must stay under base."""
    report = Crawl(base)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    queue = [(f"{base}/{path}", "start") for path in starts]
    while queue:
        url, source = queue.pop()
        page, fragment = urldefrag(url)
        if fragment:
            report.wanted_fragments.append((page, fragment, source))
        if page in report.fetched:
            continue
        if not page.startswith(origin + "/"):
            report.problems.append(f"{source}: leaves the site for {url}")
            report.fetched[page] = 0
            continue
        if not page.startswith(base + "/"):
            report.problems.append(f"{source}: {url} is outside {base}/")
        status, kind, body = _fetch(page)
        report.fetched[page] = status
        if status != 200:
            report.problems.append(f"{source}: {url} answers {status}")
            continue
        if kind == "text/html":
            soup = BeautifulSoup(body, "html.parser")
            report.ids[page] = {str(e["id"]) for e in soup.find_all(id=True)}
        for ref in _references(page, kind, body):
            if not ref.startswith(("mailto:", "data:")):
                queue.append((urljoin(page, ref), page))
    for page, fragment, source in report.wanted_fragments:
        if page in report.ids and fragment not in report.ids[page]:
            report.problems.append(f"{source}: {page} has no #{fragment}")
    return report
