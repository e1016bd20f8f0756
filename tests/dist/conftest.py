"""pelican-quiz as a stranger gets it: its sdist and wheel, and a fresh virtual environment that
holds only stock ``pelican[markdown]`` and that wheel, nothing of this site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pelican
import pytest

# Real-browser tests here launch the system Chromium with the suite's flags.
from tests.browser.conftest import browser_type_launch_args  # noqa: F401
from tests.conftest import ROOT

DISTRIBUTION = ROOT / "plugins" / "pelican-quiz"
QUICKSTART = DISTRIBUTION / "tests" / "sites" / "quickstart"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A command with a clean environment (no PYTHONPATH: nothing of this checkout leaks in)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**env, "COLUMNS": "300", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}:\n{result.stdout}\n{result.stderr}"
    return result


@dataclass
class Dists:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """``python -m build`` of plugins/pelican-quiz, from a copy (the build leaves files)."""
    work = tmp_path_factory.mktemp("dist")
    source = work / "pelican-quiz"
    shutil.copytree(DISTRIBUTION, source, ignore=shutil.ignore_patterns("__pycache__", "build"))
    ok(run(sys.executable, "-m", "build", "--outdir", work / "out", source))
    (wheel,) = (work / "out").glob("*.whl")
    (sdist,) = (work / "out").glob("*.tar.gz")
    return Dists(wheel, sdist)


@dataclass
class FreshVenv:
    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def command(self, name: str) -> Path:
        return self.root / "bin" / name


@pytest.fixture(scope="session")
def stock_pelican(tmp_path_factory: pytest.TempPathFactory) -> FreshVenv:
    """A new virtual environment with stock pelican[markdown] (this machine's version) alone."""
    fresh = FreshVenv(tmp_path_factory.mktemp("venv") / "env")
    venv.create(fresh.root, with_pip=True)
    ok(run(fresh.python, "-m", "pip", "install", "--quiet", f"pelican[markdown]=={pelican.__version__}"))
    return fresh


def quickstart_copy(where: Path) -> Path:
    site = where / "site"
    shutil.copytree(QUICKSTART, site)
    return site


@dataclass
class Installed:
    venv: FreshVenv
    without_dependencies: subprocess.CompletedProcess[str]  # the build before they came


@pytest.fixture(scope="session")
def installed(
    dists: Dists, stock_pelican: FreshVenv, tmp_path_factory: pytest.TempPathFactory
) -> Installed:
    """The wheel first alone (its dependencies missing, a build tried), then with them."""
    python = stock_pelican.python
    ok(run(python, "-m", "pip", "install", "--quiet", "--no-deps", dists.wheel))
    assert run(python, "-c", "import jsonschema").returncode != 0, "stock Pelican has jsonschema"
    site = quickstart_copy(tmp_path_factory.mktemp("bare"))
    bare = run(python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "out",
               "--fatal", "errors", cwd=site)
    bare.args = [*bare.args, str(site)]
    ok(run(python, "-m", "pip", "install", "--quiet", dists.wheel))
    return Installed(stock_pelican, bare)
