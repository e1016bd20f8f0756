"""The real site, built with the development settings, and a production build under a sub-path."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITES, Site, build_into, run_build_command
from tools.build import build_site
from tools.livereload_csp import livereload_script_hash

ARTICLES = [
    "not-a-failure",
    "give-it-time",
    "stay-yourself",
    "let-it-go",
    "keep-the-friendship",
    "reach-out",
]


def test_every_page_has_the_base_blocks(real_site: Site) -> None:
    pages = real_site.html_files()
    assert len(pages) >= 10
    for path in pages:
        soup = real_site.soup(str(path.relative_to(real_site.output)))
        assert soup.html["lang"] == "en", path
        assert soup.title.string.strip(), path
        assert soup.select_one('meta[name="description"]')["content"].strip(), path
        assert soup.select_one("a.skip-link")["href"] == "#main", path
        assert soup.select_one("main#main") is not None, path
        assert soup.select_one('link[rel="stylesheet"]')["href"] == "/theme/css/site.css"
        assert soup.select_one('link[rel="icon"]')["href"] == "/theme/favicon.svg"


def test_dev_pages_allow_the_livereload_script_and_nothing_inline(real_site: Site) -> None:
    for path in real_site.html_files():
        soup = real_site.soup(str(path.relative_to(real_site.output)))
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert f"'{livereload_script_hash()}'" in csp
        assert [
            s
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") != "application/json"
        ] == []
        assert soup.find(style=True) is None
        assert not soup.select("[onclick], [onload], [onsubmit]")


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_page_renders_every_block(real_site: Site, slug: str) -> None:
    soup = real_site.soup(f"{slug}.html")
    assert soup.title.string.endswith("· After the No")
    article = soup.select_one("article.article")
    assert article.h1.get_text(strip=True)
    assert re.fullmatch(r"\d+ min read", article.select_one(".meta").get_text())
    assert article.select(".toc li")
    for heading in article.select(".prose h2"):
        assert heading.select_one("a.permalink")["href"] == f"#{heading['id']}"
    assert article.select_one(".article-end .tags a")["href"].startswith("/tag/")


def test_filename_links_are_resolved_everywhere(real_site: Site) -> None:
    for path in real_site.html_files():
        text = path.read_text(encoding="utf-8")
        assert "{filename}" not in text and "%7Bfilename%7D" not in text, path


def test_fixture_site_resolves_filename_static_and_index_links(build) -> None:
    site = build("links")
    soup = site.soup("linking.html")
    hrefs = {a.get_text(): a["href"] for a in soup.select(".prose a:not(.permalink)")}
    assert hrefs == {
        "target": "/target.html#the-section",
        "home": "/index.html",
        "about": "/about.html",
    }
    assert soup.select_one(".prose img")["src"] == "/images/dot.svg"
    assert (site.output / "images" / "dot.svg").exists()


def test_broken_filename_link_fails_the_build(build) -> None:
    site = build("broken-link", expect_ok=False)
    assert not site.result.ok
    assert any("missing.md" in line for line in site.result.errors + site.result.warnings)


def test_archives_tags_categories_and_404_render(real_site: Site) -> None:
    for name in ("archives.html", "tags.html", "categories.html", "404.html"):
        assert real_site.soup(name).select_one("main h1"), name
    assert len(real_site.soup("archives.html").select(".article-list li")) == 6
    not_found = real_site.soup("404.html")
    assert [a["href"] for a in not_found.select("main li a")] == ["/", "/quiz.html"]


def test_publish_build_under_a_sub_path_prefixes_every_url(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITEURL", "http://127.0.0.1:8123/some-repo")
    site = build_into(
        tmp_path,
        ROOT / "content",
        settings="publishconf.py",
        SITEURL="http://127.0.0.1:8123/some-repo",
    )
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.output)))
        csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "sha256-" not in csp, path
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                url = element[attr]
                assert not url.startswith("/"), f"{path.name}: root-absolute {url}"
                if not url.startswith("#"):
                    assert url.startswith("http://127.0.0.1:8123/some-repo/"), (path.name, url)
    canonical = site.soup("give-it-time.html").select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://127.0.0.1:8123/some-repo/give-it-time.html"


def test_publish_without_siteurl_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SITEURL", raising=False)
    site = build_into(tmp_path, ROOT / "content", settings="publishconf.py", expect_ok=False)
    assert site.result.errors == [
        "publishconf.py: SITEURL must be the absolute address the site is served "
        "from, e.g. SITEURL=https://user.github.io/repo make publish"
    ]


def test_without_pagefind_the_site_builds_without_search(tmp_path: Path) -> None:
    output = tmp_path / "output"
    overrides = {
        "PATH": str(ROOT / "content"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "LOAD_CONTENT_CACHE": False,
        "PAGEFIND_COMMAND": ["no-such-pagefind"],
    }
    result = build_site(str(ROOT / "pelicanconf.py"), overrides, str(output))
    assert result.ok
    assert result.warnings == [
        "[pagefind] no-such-pagefind is not installed (pip install 'pagefind[bin]'): "
        "the site is built without search"
    ]
    assert (output / "search.html").exists()
    assert not (output / "pagefind").exists()


def _buffered_env() -> dict[str, str]:
    # Output to a pipe waits in Python's buffers, unless PYTHONUNBUFFERED says otherwise.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return {**env, "PYTHONPATH": str(ROOT)}


def test_command_line_reports_through_pipes_after_its_quick_exit(tmp_path: Path) -> None:
    # A good build ends without the interpreter's teardown: what it printed must still arrive.
    run = run_build_command(
        "-o",
        str(tmp_path / "output"),
        "-e",
        f"PATH={SITES / 'links' / 'content'}",
        "-e",
        f"CACHE_PATH={tmp_path / 'cache'}",
        "-e",
        'PAGEFIND_COMMAND=["no-such-pagefind"]',
        env=_buffered_env(),
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == f"Built {tmp_path / 'output'}"
    assert "warning: [pagefind] no-such-pagefind is not installed" in run.stderr
    assert (tmp_path / "output" / "index.html").is_file()


@pytest.mark.parametrize(("code", "handlers_run"), [(0, False), (1, True)])
def test_only_a_failed_build_waits_for_the_exit_handlers(code: int, handlers_run: bool) -> None:
    # A failed build may have left a process running: the exit handlers stop it.
    script = (
        "import atexit, tools.build\n"
        "atexit.register(print, 'exit handler ran')\n"
        "print('built', flush=False)\n"
        f"tools.build.exit_at_once({code})\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env=_buffered_env(),
    )
    assert run.returncode == code
    assert run.stdout.splitlines()[0] == "built"
    assert ("exit handler ran" in run.stdout) is handlers_run


def test_search_index_holds_article_bodies_only(real_site: Site) -> None:
    entry = json.loads((real_site.output / "pagefind" / "0" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 6


def test_an_order_that_is_no_number_names_its_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SITES / "links" / "content", content)
    target = content / "articles" / "target.md"
    target.write_text(target.read_text().replace("title:", "order: first\ntitle:", 1))
    site = build_into(tmp_path, content, expect_ok=False)
    assert site.result.errors == [
        "content/articles/target.md:2: 'order' must be a whole number (the article's place in "
        "the reading order), not 'first'"
    ]


def test_make_check_proves_the_site_quiz_with_the_installed_command() -> None:
    run = subprocess.run(
        ["make", "--no-print-directory", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "pelican-quiz check content/quizzes" in run.stdout
    assert "content/quizzes/ready-to-reach-out.yaml: Are you ready to reach out?" in run.stdout
    assert re.search(r"all [\d,]+ answer combinations, \d+ test case", run.stdout)


def test_the_quiz_page_says_its_title_and_its_intro_once(real_site: Site) -> None:
    soup = real_site.soup("quiz.html")
    main = soup.select_one("main") or soup
    headings = [h.get_text(" ", strip=True) for h in main.select("h1, h2")]
    assert headings.count("Are you ready to reach out?") == 1
    # The quiz is named by the page's own heading, not by a second one.
    assert soup.select_one("section.quiz")["aria-label"] == "Are you ready to reach out?"
    assert main.get_text(" ").count("no right or wrong answers") == 1
