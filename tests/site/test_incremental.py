"""Cached rebuilds reuse unchanged pages: the result must be byte-identical to a clean build,
after content edits that touch one page, its neighbours, or every page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from incremental import incremental

from tests.conftest import ROOT, build_into
from tests.quality.test_determinism import tree_differences
from tools.build import build_site


class Reuse:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts: list[int] = []  # pages reused, per build
        self.totals: list[int] = []  # pages that could have been
        original = incremental.IncrementalWriter.save

        def save(writer: incremental.IncrementalWriter) -> None:
            self.counts.append(writer.reused)
            self.totals.append(len(writer.keys))
            original(writer)

        monkeypatch.setattr(incremental.IncrementalWriter, "save", save)


def _cached_build(root: Path, content: Path, **extra: object) -> None:
    overrides = {
        "PATH": str(content),
        "CACHE_PATH": str(root / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        **extra,
    }
    result = build_site(str(ROOT / "pelicanconf.py"), overrides, str(root / "output"), True)
    assert result.ok, result.errors + result.warnings


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _same_as_clean(tmp_path: Path, content: Path, name: str, **extra: object) -> None:
    clean = build_into(tmp_path / name, content, **extra)
    assert tree_differences(clean.output, tmp_path / "site" / "output") == []


@pytest.fixture
def site(tmp_path: Path) -> Path:
    content = tmp_path / "site" / "content"
    shutil.copytree(ROOT / "content", content)
    _cached_build(tmp_path / "site", content)
    return content


def test_unchanged_rebuild_reuses_every_single_page_and_the_search_index(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch, pagefind_runs: list[object]
) -> None:
    reuse = Reuse(monkeypatch)
    runs = pagefind_runs
    _cached_build(tmp_path / "site", site)
    assert reuse.counts == reuse.totals  # every page: articles, pages, listings
    assert reuse.totals[0] > 15
    assert runs == [], "the same articles: Pagefind's previous bundle is reused"
    _same_as_clean(tmp_path, site, "clean")
    runs.clear()
    _edit(site / "articles" / "let-it-go.md", "circles", "loops")
    _cached_build(tmp_path / "site", site)
    assert len(runs) == 1, "an article changed: Pagefind runs again"


def test_an_edit_indexes_again_only_the_search_bundle_that_holds_it(
    tmp_path: Path, site: Path, pagefind_runs: list[object]
) -> None:
    bundles = {"PAGEFIND_SHARD_SIZE": 2}  # three bundles; let-it-go.html is in the second
    output = tmp_path / "site" / "output"

    def entry_files() -> dict[str, int]:  # a reused bundle is hard-linked: the same inodes
        return {p.parent.name: p.stat().st_ino for p in output.glob("pagefind/*/*-entry.json")}

    _cached_build(tmp_path / "site", site, **bundles)
    before = entry_files()
    pagefind_runs.clear()
    _edit(site / "articles" / "let-it-go.md", "circles", "loops")
    _cached_build(tmp_path / "site", site, **bundles)
    after = entry_files()
    assert len(pagefind_runs) == 1
    assert [name for name in sorted(after) if after[name] != before[name]] == ["1"]
    _same_as_clean(tmp_path, site, "clean", **bundles)


@pytest.mark.parametrize(
    ("old", "new", "reused", "page"),
    [
        # A body edit: that page alone is rendered again (listings show summaries, not bodies).
        ("circles", "loops", -1, "let-it-go.html"),
        # A title shows on other pages too (previous/next, listings): all are rendered again.
        ("title: Let it go", "title: Let it go, gently", 0, "keep-the-friendship.html"),
        # A summary shows in the listings: the article and every page given the list of
        # articles (index, archives, tags, categories, search, 404, its category, its 2 tags).
        ("summary: ", "summary: Gently. ", -10, "index.html"),
    ],
    ids=["body", "title", "summary"],
)
def test_an_edit_renders_the_pages_that_show_it(
    tmp_path: Path,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    reused: int,
    page: str,
) -> None:
    reuse = Reuse(monkeypatch)
    _edit(site / "articles" / "let-it-go.md", old, new)
    _cached_build(tmp_path / "site", site)
    assert reuse.counts == [reused if reused >= 0 else reuse.totals[0] + reused]
    assert (
        new.removeprefix("title: ").removeprefix("summary: ")
        in (tmp_path / "site" / "output" / page).read_text()
    )
    _same_as_clean(tmp_path, site, "clean")


def test_theme_edit_renders_everything(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    reuse = Reuse(monkeypatch)
    _edit(theme / "templates" / "article.html", "min read", "minutes to read")
    _cached_build(tmp_path / "site", site, THEME=str(theme))
    assert reuse.counts == [0]
    assert "minutes to read" in (tmp_path / "site" / "output" / "let-it-go.html").read_text()
