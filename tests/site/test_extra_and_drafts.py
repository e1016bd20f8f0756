"""content/extra/ reaches the site root, and a production build publishes no draft (issue
"Hardening", item 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SITES, build_into

DRAFT = "---\ntitle: Not ready\ndate: 2026-11-03\nstatus: draft\n---\nUnfinished.\n"


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SITES / "links" / "content", content)
    (content / "extra").mkdir()
    (content / "extra" / "keybase.txt").write_text("proof\n")
    (content / "articles" / "not-ready.md").write_text(DRAFT)
    return content


def test_extra_files_are_published_at_the_site_root(tmp_path: Path) -> None:
    site = build_into(tmp_path, _content(tmp_path))
    assert (site.output / "keybase.txt").read_text() == "proof\n"
    assert not (site.output / "extra").exists()
    # A development build shows drafts, so an author can read them.
    assert (site.output / "drafts" / "not-ready.html").is_file()


def test_an_extra_file_the_site_also_writes_is_an_error(tmp_path: Path) -> None:
    content = _content(tmp_path)
    (content / "extra" / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    site = build_into(tmp_path, content, expect_ok=False)
    assert site.result.errors == [
        "content/extra/robots.txt: it would be published as 'robots.txt', which the site_files "
        "plugin writes: one would overwrite the other; rename or move it"
    ]


@pytest.mark.parametrize(
    ("path", "writer"),
    [
        ("theme/js/search.js", "the theme's static/js/search.js"),
        ("pagefind/0/pagefind.js", "the search index (pagefind_index)"),
        ("quiz/quiz.css", "the quiz plugin"),
        ("search.html", "the search template"),
        ("Index.html", "the index template"),
        (".git/hooks/post-checkout", "the .git kept in the output folder (OUTPUT_RETENTION)"),
    ],
)
def test_an_extra_file_may_take_no_path_any_writer_of_the_build_writes(
    tmp_path: Path, path: str, writer: str
) -> None:
    # Issue "Hardening, second round", items 1 and 12: every writer of output/ claims its paths
    # in one registry, extra files included.
    content = _content(tmp_path)
    (content / "extra" / path).parent.mkdir(parents=True, exist_ok=True)
    (content / "extra" / path).write_text("alert(1)\n")
    site = build_into(tmp_path, content, expect_ok=False)
    assert site.result.errors == [
        f"content/extra/{path}: it would be published as '{path}', which {writer} writes: one "
        "would overwrite the other; rename or move it"
    ]
    assert not site.output.exists()


def test_a_page_may_not_take_the_path_of_a_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEURL", "https://example.org")
    content = _content(tmp_path)
    (content / "articles" / "feed.md").write_text(
        "---\ntitle: Feed\ndate: 2026-11-03\nsave_as: feeds/all.atom.xml\n---\nText.\n"
    )
    site = build_into(tmp_path, content, "publishconf.py", expect_ok=False)
    assert site.result.errors == [
        "content/articles/feed.md:4: save_as 'feeds/all.atom.xml' is written by the feed "
        "FEED_ALL_ATOM; a page saved there would overwrite it or be overwritten"
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "extra/landing.html",
            '<!doctype html><body onload="go()">Hi</body>',
            "the event handler attribute onload would run script",
        ),
        (
            "images/logo.svg",
            "<svg><script>steal()</script></svg>",
            "<script> would run on the site's origin",
        ),
        (
            "images/link.svg",
            '<svg><a><set attributeName="href" to="java&#115;cript:steal()"/></a></svg>',
            "the script URL 'javascript:' would run script",
        ),
        (
            "images/packed.svgz",
            "\x1f\x8b",
            "a .svgz file cannot be checked for script; publish it unpacked",
        ),
    ],
)
def test_a_static_file_a_browser_opens_as_a_page_may_hold_no_script(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    # Item 2: published byte for byte, with no policy, its script would run on the site's
    # origin (on GitHub Pages, beside the account's other sites and the quiz's answers).
    content = _content(tmp_path)
    (content / name).parent.mkdir(parents=True, exist_ok=True)
    (content / name).write_text(text)
    site = build_into(tmp_path, content, expect_ok=False)
    line = ":1" if not name.endswith(".svgz") else ""
    suffix = "; it cannot be published" if not name.endswith(".svgz") else ""
    assert site.result.errors == [f"content/{name}{line}: {message}{suffix}"]


def test_a_static_page_without_script_is_published(tmp_path: Path) -> None:
    # A search engine's verification file, an SVG drawing: no script, no problem.
    content = _content(tmp_path)
    (content / "extra" / "google1234.html").write_text(
        "google-site-verification: google1234.html\n"
    )
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>'
    )
    site = build_into(tmp_path, content)
    assert (site.output / "google1234.html").is_file()
    assert (site.output / "images" / "dot.svg").is_file()


def test_a_production_build_publishes_no_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEURL", "https://example.org")
    site = build_into(tmp_path, _content(tmp_path), "publishconf.py")
    assert not (site.output / "drafts").exists()
    assert "not-ready" not in "".join(p.read_text() for p in site.output.rglob("*.xml"))
    assert (site.output / "keybase.txt").is_file()
