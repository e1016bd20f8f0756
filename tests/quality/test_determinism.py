"""Two clean builds of the same commit are byte-identical: no timestamps, no random ids, stable
order (search index included)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_into, copy_site_source, run_build_command

FIXTURES = Path(__file__).parent / "fixtures"


def tree_differences(one: Path, two: Path) -> list[str]:
    """Paths that exist in only one folder or differ in bytes."""

    def digests(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    a, b = digests(one), digests(two)
    return sorted(path for path in a.keys() | b.keys() if a.get(path) != b.get(path))


def test_the_comparison_sees_a_difference() -> None:
    assert tree_differences(FIXTURES / "tree-a", FIXTURES / "tree-b") == ["extra.txt", "stamp.html"]


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_two_clean_builds_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str
) -> None:
    siteurl = "https://example.org/some-repo" if settings == "publishconf.py" else ""
    monkeypatch.setenv("SITEURL", siteurl)
    extra = {"SITEURL": siteurl} if siteurl else {}
    first = build_into(tmp_path / "one", ROOT / "content", settings, **extra)
    # A second checkout elsewhere, with newer file times: neither may leak into the output.
    copy = tmp_path / "checkout" / "content"
    shutil.copytree(ROOT / "content", copy)
    for path in copy.rglob("*"):
        os.utime(path)
    second = build_into(tmp_path / "two", copy, settings, **extra)
    assert len(list(first.output.rglob("*"))) > 30
    assert tree_differences(first.output, second.output) == []


def test_remembered_urls_change_nothing(tmp_path: Path) -> None:
    from pelicanconf import PLUGINS

    with_cache = build_into(tmp_path / "one", ROOT / "content")
    without = [p for p in PLUGINS if p != "url_cache"]
    plain = build_into(tmp_path / "two", ROOT / "content", PLUGINS=without)
    assert tree_differences(with_cache.output, plain.output) == []


def test_two_checkouts_build_byte_identical_output(tmp_path: Path) -> None:
    # make build, in two checkouts at different paths: nothing published may depend on where.
    outputs = []
    for name in ("one", "checkout-two"):
        project = copy_site_source(tmp_path / name)
        run = run_build_command(project=project)
        assert run.returncode == 0, run.stderr
        outputs.append(project / "output")
    assert tree_differences(*outputs) == []
    assert sorted(p.name for p in outputs[0].glob(".*")) == [".tools-build"]
