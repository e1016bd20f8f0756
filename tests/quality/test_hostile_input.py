"""Hostile and broken input through a real build over an existing good site: every reader and
quiz error fixture, every hostile page (script URLs, stolen output paths, links to nowhere or
out of the content folder), a quiz linking nowhere, a 5 MB file. Each gives its message with
file and line, fails the build, prints no traceback and leaves the previous output/
byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITES, build_into, run_build_command
from tests.quality.test_determinism import tree_differences
from tools.build import build_site

READER_CASES = sorted((ROOT / "tests" / "reader" / "errors").glob("*.md"))
QUIZ_CASES = sorted((ROOT / "plugins" / "pelican-quiz" / "tests" / "errors").glob("*.yaml"))
CASES = READER_CASES + QUIZ_CASES


def _good_site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A working site (a quiz embedded on a page) built once into ``output``, and a copy of it
    kept aside to compare with."""
    content = tmp_path / "content"
    shutil.copytree(SITES / "quiz" / "content", content)
    site = build_into(tmp_path, content)
    kept = tmp_path / "kept"
    shutil.copytree(site.output, kept)
    return content, site.output, kept


def _expected(case: Path) -> list[str]:
    lines = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    # The quiz fixtures' messages name the file as "quizzes/<name>"; a build names it from the
    # site folder.
    return [f"content/{line}" if line.startswith("quizzes/") else line for line in lines]


def _build_over(tmp_path: Path, content: Path, output: Path) -> list[str]:
    overrides = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}
    result = build_site(str(ROOT / "pelicanconf.py"), overrides, str(output), True)
    assert not result.ok
    assert not any("Traceback" in e for e in result.errors)
    return result.errors


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_file_fails_the_build_and_keeps_the_site(tmp_path: Path, case: Path) -> None:
    content, output, kept = _good_site(tmp_path)
    folder = "articles" if case.suffix == ".md" else "quizzes"
    shutil.copy(case, content / folder / case.name)
    assert _build_over(tmp_path, content, output) == _expected(case)
    assert tree_differences(kept, output) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("output.")] == []


def test_quiz_linking_to_a_missing_article_and_section(tmp_path: Path) -> None:
    content, output, kept = _good_site(tmp_path)
    shutil.copytree(SITES / "quiz-broken" / "content", content, dirs_exist_ok=True)
    errors = _build_over(tmp_path, content, output)
    # Problems come in file order, then line order.
    assert [e for e in errors if e.startswith("content/quizzes/")][:2] == [
        "content/quizzes/mini.yaml:33: link {filename}/articles/advice.md#relax: "
        "'articles/advice.md' has no section '#relax'",
        "content/quizzes/mini.yaml:37: link {filename}/articles/advise.md#go: no article or "
        "page 'articles/advise.md'",
    ]
    assert tree_differences(kept, output) == []


def test_five_megabyte_markdown_file(tmp_path: Path) -> None:
    content, output, kept = _good_site(tmp_path)
    huge = content / "articles" / "huge.md"
    huge.write_text("---\ntitle: Huge\n---\n" + "word " * 1_000_000, encoding="utf-8")
    assert _build_over(tmp_path, content, output) == [
        "content/articles/huge.md: file is larger than 2,000,000 bytes "
        "(MARKDOWN_IT['max_bytes']); split it up"
    ]
    assert tree_differences(kept, output) == []


@pytest.mark.parametrize(
    "case",
    [
        READER_CASES[0],
        QUIZ_CASES[0],
        ROOT / "plugins" / "pelican-quiz" / "tests" / "errors" / "python-tag.yaml",
    ],
    ids=lambda c: c.name,
)
def test_command_line_prints_the_message_without_traceback(tmp_path: Path, case: Path) -> None:
    content, output, kept = _good_site(tmp_path)
    folder = "articles" if case.suffix == ".md" else "quizzes"
    shutil.copy(case, content / folder / case.name)
    run = run_build_command(
        "-o",
        str(output),
        "--fatal-warnings",
        "-e",
        f"PATH={content}",
        "-e",
        f"CACHE_PATH={tmp_path / 'cache'}",
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert [f"error: {line}" for line in _expected(case)] == run.stderr.splitlines()[:-1]
    assert tree_differences(kept, output) == []


HOSTILE = SITES / "hostile" / "content" / "articles"
GUARD_CASES = [
    *sorted(p for p in HOSTILE.glob("*.md") if p.name != "target.md"),
    SITES / "bad-links" / "content" / "articles" / "links.md",
]


@pytest.mark.parametrize("case", GUARD_CASES, ids=[c.name for c in GUARD_CASES])
def test_hostile_page_fails_the_build_and_keeps_the_site(tmp_path: Path, case: Path) -> None:
    # Script URLs, stolen output paths, links to nowhere or out of the content folder.
    content, output, kept = _good_site(tmp_path)
    shutil.copy(case, content / "articles" / case.name)
    shutil.copy(case.parent / "target.md", content / "articles" / "target.md")
    expected = {
        "hostile": SITES / "hostile" / "expected.txt",
        "bad-links": None,
    }[case.parents[2].name]
    errors = _build_over(tmp_path, content, output)
    assert errors, "a hostile page must fail the build"
    assert all(e.startswith(f"content/articles/{case.name}:") for e in errors), errors
    if expected is not None:
        wanted = [
            line.removeprefix("error: ")
            for line in expected.read_text(encoding="utf-8").splitlines()
            if f"/{case.name}:" in line
        ]
        assert errors == wanted
    assert tree_differences(kept, output) == []
