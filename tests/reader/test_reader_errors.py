"""Every reader error, triggered by a fixture file in ``errors/`` through a real build.

``errors/<case>.md`` is the bad input, ``errors/<case>.expected`` the one message the build must
print for it. ``UPDATE_FIXTURES=1`` rewrites the expected files (then read the diff)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_into, run_build_command

ERRORS = Path(__file__).parent / "errors"
CASES = sorted(ERRORS.glob("*.md"))


def _site_with(tmp_path: Path, article: Path, name: str | None = None) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copy(article, content / "articles" / (name or article.name))
    return content


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_markdown_gives_one_clear_message(tmp_path: Path, case: Path) -> None:
    site = build_into(tmp_path, _site_with(tmp_path, case), expect_ok=False)
    assert not site.result.ok
    expected = case.with_suffix(".expected")
    if os.environ.get("UPDATE_FIXTURES"):
        expected.write_text("\n".join(site.result.errors) + "\n", encoding="utf-8")
    assert site.result.errors == expected.read_text(encoding="utf-8").splitlines()
    assert not (tmp_path / "output").exists()


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text("---\ntitle: Big\n---\n" + ("word " * 1_000_000), encoding="utf-8")
    site = build_into(tmp_path, _site_with(tmp_path, big), expect_ok=False)
    assert site.result.errors == [
        "content/articles/big.md: file is larger than 2,000,000 bytes "
        "(MARKDOWN_IT['max_bytes']); split it up"
    ]


def test_html_in_front_matter_is_escaped_everywhere(tmp_path: Path) -> None:
    case = Path(__file__).parent / "html_in_front_matter.md"
    site = build_into(tmp_path, _site_with(tmp_path, case), DIRECT_TEMPLATES=["index"])
    for page in ("index.html", "html-in-front-matter.html"):
        html = (site.output / page).read_text(encoding="utf-8")
        soup = site.soup(page)
        assert not soup.select("img, iframe, [onerror], b"), page
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_command_line_failure_exits_non_zero_without_traceback_and_keeps_output(
    tmp_path: Path,
) -> None:
    content = _site_with(tmp_path, ERRORS / "duplicate_key.md", "fine.md")
    output = tmp_path / "output"
    args = [
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(output),
        "-e",
        f"PATH={content}",
        "-e",
        f"CACHE_PATH={tmp_path / 'c'}",
    ]
    shutil.copy(ERRORS.parent / "cases" / "heading_ids.md", tmp_path / "body.md")
    (content / "articles" / "fine.md").write_text(
        "---\ntitle: Fine\ndate: 2026-01-01\n---\n" + (tmp_path / "body.md").read_text(),
        encoding="utf-8",
    )
    first = run_build_command(*args)
    assert first.returncode == 0, first.stderr
    before = _tree_digest(output)

    shutil.copy(ERRORS / "duplicate_key.md", content / "articles" / "fine.md")
    failed = run_build_command(*args)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr + failed.stdout
    assert "error: content/articles/fine.md:4:1: duplicate key 'title'" in failed.stderr
    assert _tree_digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("output")) == ["output"]
