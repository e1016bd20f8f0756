"""A cold build of many files has a worker render part of them ahead: the site and the
messages must be exactly what the one-file-at-a-time reader gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import mdit_reader.mdit_reader
import pytest
from mdit_reader import prefetch

from tests.conftest import build_into
from tests.quality.test_determinism import tree_differences

HERE = Path(__file__).parent
COUNT = prefetch.MIN_FILES + 10


def _site(root: Path, bad: Path | None = None) -> Path:
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "quizzes").mkdir()
    shutil.copy(HERE / "prefetch" / "mini.yaml", content / "quizzes" / "mini.yaml")
    template = (HERE / "prefetch" / "template.md").read_text(encoding="utf-8")
    for n in range(1, COUNT + 1):
        text = template.replace("{n}", str(n))
        (content / "articles" / f"article-{n}.md").write_text(text, encoding="utf-8")
    if bad is not None:
        shutil.copy(bad, content / "articles" / bad.name)
    return content


def _without_prefetch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "MIN_FILES", 10**9)


def test_parallel_and_serial_reading_build_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[str] = []
    original = mdit_reader.mdit_reader.take

    def take(source_path: str) -> prefetch.Prepared | None:
        found = original(source_path)
        if found is not None:
            used.append(source_path)
        return found

    monkeypatch.setattr(mdit_reader.mdit_reader, "take", take)
    parallel = build_into(tmp_path / "a", _site(tmp_path / "a"))
    share = COUNT - int(COUNT * (1 - prefetch.WORKER_SHARE))
    assert len(used) == share, "the worker rendered its share of the files ahead"
    assert prefetch._ready == {}
    _without_prefetch(monkeypatch)
    serial = build_into(tmp_path / "b", _site(tmp_path / "b"))
    assert tree_differences(parallel.output, serial.output) == []
    assert len(list(parallel.output.glob("article-*.html"))) == COUNT


def test_errors_are_reported_the_same_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = HERE / "errors" / "duplicate_key.md"
    parallel = build_into(tmp_path / "a", _site(tmp_path / "a", bad), expect_ok=False)
    _without_prefetch(monkeypatch)
    serial = build_into(tmp_path / "b", _site(tmp_path / "b", bad), expect_ok=False)
    assert parallel.result.errors == serial.result.errors
    assert parallel.result.errors == (bad.with_suffix(".expected")).read_text().splitlines()


def test_a_failing_pool_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(method: str) -> object:
        raise OSError("no processes left")

    monkeypatch.setattr(prefetch.multiprocessing, "get_context", broken)
    site = build_into(tmp_path, _site(tmp_path))
    assert len(list(site.output.glob("article-*.html"))) == COUNT
