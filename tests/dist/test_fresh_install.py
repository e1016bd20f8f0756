"""The wheel is all a pelican-quickstart site with Pelican's own readers and themes needs."""

from __future__ import annotations

import tarfile
import zipfile
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.dist.conftest import Dists, Installed, ok, quickstart_copy, run

pytestmark = pytest.mark.slow


def test_sdist_and_wheel_pass_twine_check(dists: Dists) -> None:
    import sys

    result = ok(run(sys.executable, "-m", "twine", "check", "--strict", dists.wheel, dists.sdist))
    assert result.stdout.count("PASSED") == 2


def test_the_wheel_ships_the_schema_and_the_widget_and_no_tests(dists: Dists) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    for shipped in ("quiz.schema.json", "static/quiz.js", "static/quiz.css", "locales/fr.json", "py.typed"):
        assert f"pelican/plugins/quiz/{shipped}" in names
    assert not any("/tests/" in name or name.startswith("tests/") for name in names)
    # A namespace package: Pelican's own pelican/ and pelican/plugins/ stay untouched.
    assert "pelican/__init__.py" not in names and "pelican/plugins/__init__.py" not in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(dists.wheel).read(entry_points).decode()
    assert "pelican-quiz = pelican.plugins.quiz.check:main" in text


def test_the_sdist_holds_the_tests_and_their_sites(dists: Dists) -> None:
    names = tarfile.open(dists.sdist).getnames()
    root = names[0].split("/")[0]
    for wanted in ("README.md", "LICENSE", "CHANGELOG.md", "tests/conftest.py",
                   "tests/sites/quickstart/content/quizzes/mini.yaml"):
        assert f"{root}/{wanted}" in names


def test_without_its_dependencies_the_build_fails_with_one_message(installed: Installed) -> None:
    result = installed.without_dependencies
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.strip() == (
        "[quiz] the quiz plugin needs PyYAML and jsonschema, not installed here: "
        "python -m pip install pelican-quiz installs what it needs"
    )
    assert not (Path(result.args[-1]) / "out" / "pages").exists()


def test_the_fresh_environment_holds_nothing_of_this_site(installed: Installed) -> None:
    listed = ok(run(installed.venv.python, "-m", "pip", "list", "--format=freeze")).stdout.lower()
    assert "pelican-quiz==0.1.0" in listed.replace("_", "-")
    assert "after-the-no" not in listed.replace("_", "-")
    for module in ("mdit_reader", "site_helpers", "tools"):
        imported = run(installed.venv.python, "-c", f"import {module}", cwd=installed.venv.root)
        assert imported.returncode != 0, module


@pytest.mark.parametrize("theme", ["notmyidea", "simple"])
def test_a_quickstart_site_builds_with_the_quiz(
    installed: Installed, tmp_path: Path, theme: str
) -> None:
    site = quickstart_copy(tmp_path)
    ok(run(installed.venv.command("pelican"), "content", "-s", "pelicanconf.py", "-o", "out",
           "-t", theme, "--fatal", "errors", cwd=site))
    for page in ("quiz-markdown", "quiz-rst"):
        html = (site / "out" / "pages" / f"{page}.html").read_text(encoding="utf-8")
        assert 'data-quiz="mini"' in html
        assert '<script type="module" src="../quiz/quiz.js"></script>' in html
    assert (site / "out" / "quiz" / "quiz.js").is_file()


def test_the_check_command_is_installed(installed: Installed, tmp_path: Path) -> None:
    site = quickstart_copy(tmp_path)
    result = ok(run(installed.venv.command("pelican-quiz"), "check", "content/quizzes", cwd=site))
    assert "content/quizzes/mini.yaml: Mini quiz" in result.stdout
