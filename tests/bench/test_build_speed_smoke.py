"""The build-speed benchmark on a tiny corpus: every tool builds every article, and the figures
(times, peak memory, per-round ratios) are all there. A check of the script, never of speed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from benchmarks.build_speed import ROOT, compile_our_modules, measure_build_speed

ARTICLES = 12


def test_build_speed_runs_every_tool_on_the_corpus(tmp_path: Path) -> None:
    times = measure_build_speed(tmp_path, ARTICLES, runs=1, warm=True)
    names = ["ours (cold)", "plain Pelican", "Hugo", "ours (warm, one file changed)"]
    assert list(times.seconds) == names
    assert all(times.seconds[name].median > 0 for name in names)
    assert all(times.peak_kib[name] > 0 for name in names)
    assert times.paired_ratios["plain Pelican"].median == 1.0
    assert times.paired_ratios["ours (cold)"].median > 0
    built = {
        "ours": len(list((tmp_path / "out-ours").glob("article-*.html"))),
        "plain": len(list((tmp_path / "out-pelican").glob("article-*.html"))),
        "hugo": len(list((tmp_path / "out-hugo").glob("**/article-*/index.html"))),
        "warm": len(list((tmp_path / "out-warm").glob("article-*.html"))),
    }
    assert built == dict.fromkeys(built, ARTICLES)


def test_our_modules_are_byte_compiled_before_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    # With PYTHONDONTWRITEBYTECODE set, nothing else would write these.
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    sources = [ROOT / "plugins" / "mdit_reader" / "renderer.py", ROOT / "pelicanconf.py"]
    compiled = [Path(importlib.util.cache_from_source(str(source))) for source in sources]
    for path in compiled:
        path.unlink(missing_ok=True)
    compile_our_modules()
    assert all(path.is_file() for path in compiled)
