"""The build-speed benchmark on a tiny corpus: every tool builds every article, and the figures
(times, peak memory, per-round ratios) are all there. A check of the script, never of speed."""

from __future__ import annotations

from pathlib import Path

from benchmarks.build_speed import measure_build_speed

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
