"""Shared helpers: every build test is a tiny Pelican site built into tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.pages_host import PagesHost
from tools.build import BuildResult, build_site

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


def run_build_command(
    *args: str, env: Mapping[str, str] | None = None, project: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """``python -m tools.build ARGS`` in ``project`` (the repository root, or a copy of it),
    its output captured as text. ``env`` replaces the environment (default: this one, with
    ``project`` importable)."""
    return subprocess.run(
        [sys.executable, "-m", "tools.build", *args],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
        env=dict(env) if env is not None else {**os.environ, "PYTHONPATH": str(project)},
    )


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(path: str | None, what: str) -> str:
    """Skip without the tool on a developer's machine; under CI a missing tool is a failure."""
    if path:
        return path
    if in_ci():
        pytest.fail(f"{what} is required under CI=true but was not found")
    pytest.skip(f"{what} not found; install it to run this test")


class Site:
    """A built site: its output folder and helpers to read pages from it."""

    def __init__(self, result: BuildResult, output: Path):
        self.result = result
        self.output = output

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / name).read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def build_into(
    tmp_path: Path,
    content: Path,
    settings: str = "pelicanconf.py",
    expect_ok: bool = True,
    **overrides: Any,
) -> Site:
    """Build ``content`` with the project's settings, warnings fatal, into ``tmp_path``."""
    output = tmp_path / "output"
    values = {
        "PATH": str(content),
        "CACHE_PATH": str(tmp_path / "cache"),
        "LOAD_CONTENT_CACHE": False,
        **overrides,
    }
    result = build_site(str(ROOT / settings), values, str(output), fatal_warnings=True)
    if expect_ok:
        assert result.ok, "\n".join(result.errors + result.warnings)
    return Site(result, output)


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Site]:
    def _build(content: Path | str, **kwargs: Any) -> Site:
        path = SITES / content if isinstance(content, str) else content
        return build_into(
            tmp_path, path / "content" if (path / "content").is_dir() else path, **kwargs
        )

    return _build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project's own content, built once for the session with the development settings."""
    tmp = tmp_path_factory.mktemp("real-site")
    return build_into(tmp, ROOT / "content")


def copy_site_source(dest: Path) -> Path:
    """A working copy of what an author edits, for tests that change files."""
    for name in ("content", "theme", "plugins", "tools"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "publishconf.py"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 like GitHub Pages; returns its base URL (no slash)."""
    hosts: list[PagesHost] = []

    def _serve(folder: Path) -> str:
        hosts.append(PagesHost(folder))
        return hosts[-1].url

    yield _serve
    for host in hosts:
        host.close()


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


@pytest.fixture(scope="session")
def publish(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], tuple[str, Site]]]:
    """`make publish` of the real content, served as GitHub Pages serves it: at the host's root
    (``""``) or under ``/<sub_path>/`` as a project page. Gives the site's URL and the site;
    each variant is built once per session. ``settings`` are added to the build's."""
    hosts: list[PagesHost] = []
    built: dict[str, tuple[str, Site]] = {}

    def _publish(sub_path: str = "", **settings: Any) -> tuple[str, Site]:
        variant = f"{sub_path} {sorted(settings.items())}"
        if variant not in built:
            work = tmp_path_factory.mktemp("publish")
            root = work / "www"
            root.mkdir()
            hosts.append(PagesHost(root))
            siteurl = hosts[-1].url + (f"/{sub_path}" if sub_path else "")
            with _environment("SITEURL", siteurl):
                site = build_into(
                    work, ROOT / "content", "publishconf.py", SITEURL=siteurl, **settings
                )
            target = root / sub_path if sub_path else root
            shutil.copytree(site.output, target, dirs_exist_ok=True)
            built[variant] = (siteurl, Site(site.result, target))
        return built[variant]

    yield _publish
    for host in hosts:
        host.close()


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[Any]:
    """`make serve` running on a copy of the site (see tests/dev_server.py)."""
    from tests.dev_server import running_dev_server

    with running_dev_server(tmp_path) as server:
        yield server
