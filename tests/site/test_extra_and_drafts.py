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
        "[site_files] content/extra/robots.txt would be overwritten by the robots.txt this "
        "plugin writes; remove the file or turn the setting off (SITE_FILES_ROBOTS, "
        "SITE_FILES_CNAME, SITE_FILES_SITEMAP)"
    ]


def test_a_production_build_publishes_no_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEURL", "https://example.org")
    site = build_into(tmp_path, _content(tmp_path), "publishconf.py")
    assert not (site.output / "drafts").exists()
    assert "not-ready" not in "".join(p.read_text() for p in site.output.rglob("*.xml"))
    assert (site.output / "keybase.txt").is_file()
