"""The plugin in sites it was not written for: it changes no reader, it says when it cannot
work, and the order of PLUGINS does not matter."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pelican
import pytest
from conftest import SITES, build, pelican_command

PELICAN_CONTENT = Path(pelican.__file__).parent / "tests" / "content"


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compare: filecmp.dircmp[str], where: str) -> None:
        found.extend(f"{where}{name}" for name in compare.left_only + compare.right_only)
        found.extend(f"{where}{name}" for name in compare.diff_files)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{where}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def test_loading_the_plugin_changes_no_page_of_pelicans_own_content(tmp_path: Path) -> None:
    site = tmp_path / "pelican-content"
    site.mkdir()
    (site / "pelicanconf.py").write_text("PATH = 'content'\nTIMEZONE = 'UTC'\n")
    (site / "content").symlink_to(PELICAN_CONTENT)
    plain = build(site, tmp_path / "plain", PLUGINS=[])
    with_quiz = build(site, tmp_path / "quiz", PLUGINS=["quiz"])
    assert len(list(plain.output.rglob("*.html"))) > 10
    # Pelican's own complaints about its test files, the same with the plugin or without.
    assert [e.replace("/quiz/", "/plain/") for e in with_quiz.errors] == plain.errors
    assert _differences(plain.output, with_quiz.output) == []


def test_a_reader_that_runs_no_hook_is_named_not_skipped(tmp_path: Path) -> None:
    # In a process of its own: a plugin's signal handlers stay connected for the process.
    run = pelican_command(SITES / "unhooked", tmp_path)
    assert run.returncode == 1
    assert " ".join(run.stderr.split()) == (
        "content/pages/quiz-markdown.md:6: this {quiz} fence was not turned into a quiz: the "
        "reader of this file does not run the quiz plugin's hook for it (see 'Embedding a "
        "quiz' in the pelican-quiz README)"
    )


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("QUIZ_REMEMBER", "yes", "[quiz] QUIZ_REMEMBER must be bool, not 'yes'"),
        ("QUIZ_STRINGS", {"nxet": "Go"}, "QUIZ_STRINGS: unknown key(s) nxet; known: "),
        (
            "MARKDOWN",
            ["extra"],
            "[quiz] MARKDOWN must be a dict with an 'extension_configs' dict (Pelican's form), "
            "so the quiz plugin can add its {quiz} fence to Python-Markdown",
        ),
    ],
)
def test_a_setting_that_cannot_work_is_one_message(build_site, setting, value, message) -> None:
    built = build_site(**{setting: value})
    assert len(built.errors) == 1
    assert built.errors[0].startswith(message)
    assert not (built.output / "pages" / "quiz-markdown.html").exists()


def test_the_site_markdown_setting_is_kept(build_site) -> None:
    built = build_site(
        MARKDOWN={
            "extension_configs": {
                "markdown.extensions.extra": {},
                "markdown.extensions.toc": {"permalink": "¶"},
            },
            "output_format": "html5",
        }
    )
    assert built.errors == []
    soup = built.soup("some-advice.html")
    assert soup.select_one("h2#breathe a.headerlink") is not None
    assert built.soup("pages/quiz-markdown.html").select_one("section#quiz-mini") is not None
