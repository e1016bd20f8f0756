"""`make publish` served like GitHub Pages, at a domain root and under /<repo>/: every link,
asset, feed entry and sitemap URL resolves; the discoverability files are right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Site
from tests.site.crawl import crawl, xml_elements

Publish = Callable[[str], tuple[str, Site]]
STARTS = ["", "404.html", "feeds/all.atom.xml", "sitemap.xml", "robots.txt", "search.html"]


@pytest.mark.parametrize("sub_path", ["", "some-repo"], ids=["domain-root", "sub-path"])
def test_crawl_finds_no_broken_link(publish: Publish, sub_path: str) -> None:
    url, site = publish(sub_path)
    report = crawl(url, STARTS)
    assert report.problems == []
    built = {f"{url}/{p.relative_to(site.output).as_posix()}" for p in site.html_files()}
    reached = {u if not u.endswith("/") else u + "index.html" for u in report.fetched}
    missing = {u for u in built - reached if "/pagefind/" not in u and not u.endswith("404.html")}
    assert missing == set(), "pages no link leads to"


def test_feed_and_sitemap_urls_are_absolute_and_under_the_sub_path(publish: Publish) -> None:
    url, site = publish("some-repo")
    feed = (site.output / "feeds" / "all.atom.xml").read_bytes()
    links = xml_elements(feed, "link", "href")
    assert len(xml_elements(feed, "entry")) == 6
    # A heading's "#" link would resolve against the feed: feeds carry none.
    assert b"permalink" not in feed and b'href="#' not in feed
    assert links and all(href.startswith(url + "/") for href in links), links
    locs = xml_elements((site.output / "sitemap.xml").read_bytes(), "loc")
    assert locs[0] == url + "/"
    assert f"{url}/reach-out.html" in locs and f"{url}/quiz.html" in locs
    assert all(loc.startswith(url + "/") for loc in locs)
    assert not any(loc.endswith(("404.html", "search.html", "welcome.html")) for loc in locs)
    robots = (site.output / "robots.txt").read_text()
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {url}/sitemap.xml\n"


def test_pages_carry_description_canonical_and_card_meta(publish: Publish) -> None:
    url, site = publish("some-repo")
    soup = site.soup("give-it-time.html")

    def meta(key: str, attr: str = "property") -> str:
        return str(soup.find("meta", attrs={attr: key})["content"])

    assert soup.select_one('link[rel="canonical"]')["href"] == f"{url}/give-it-time.html"
    assert meta("og:url") == f"{url}/give-it-time.html"
    assert meta("og:type") == "article"
    assert meta("og:title").startswith(soup.h1.get_text(strip=True))
    assert meta("og:description") == meta("description", "name") != ""
    assert meta("twitter:card", "name") == "summary_large_image"
    assert meta("og:image") == f"{url}/theme/images/share.png"
    assert (site.output / "theme" / "images" / "share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert meta("og:image:alt") != ""
    assert meta("article:published_time") == "2026-11-02T00:00:00+00:00"
    assert meta("twitter:description", "name") == meta("description", "name")
    feed = soup.select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == f"{url}/feeds/all.atom.xml"
    assert soup.select_one('link[rel="icon"]')["href"] == f"{url}/theme/favicon.svg"


def test_404_uses_absolute_urls_and_leads_back(publish: Publish) -> None:
    url, site = publish("some-repo")
    soup = site.soup("404.html")
    for tag, attr in (("a", "href"), ("link", "href"), ("script", "src")):
        for element in soup.find_all(tag, attrs={attr: True}):
            assert element[attr].startswith((url + "/", "#")), element
    hrefs = [a["href"] for a in soup.select("main a")]
    assert f"{url}/" in hrefs and f"{url}/quiz.html" in hrefs


def test_cname_only_when_asked_for(publish: Publish, tmp_path, monkeypatch) -> None:
    _, site = publish("")
    assert not (site.output / "CNAME").exists()
    from tests.conftest import ROOT, build_into

    monkeypatch.setenv("SITEURL", "https://advice.example.org")
    monkeypatch.setenv("CNAME", "advice.example.org")
    custom = build_into(tmp_path, ROOT / "content", "publishconf.py")
    assert (custom.output / "CNAME").read_text() == "advice.example.org\n"


def test_the_crawler_reports_what_is_broken(serve: Callable[[Path], str]) -> None:
    url = serve(Path(__file__).parent / "fixtures" / "broken-www") + "/some-repo"
    problems = crawl(url, [""]).problems
    index = f"{url}/"
    assert sorted(problems) == sorted(
        [
            f"{index}: leaves the site for https://example.org/",
            f"{index}: {url.removesuffix('/some-repo')}/theme/site.css is outside {url}/",
            f"{index}: {url.removesuffix('/some-repo')}/theme/site.css answers 404",
            f"{index}: {url}/missing.html answers 404",
            f"{index}: {url}/other.html has no #nowhere",
        ]
    )
