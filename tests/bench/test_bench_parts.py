"""The benchmark's parts work (its figures are for `make bench`, not for the suite): the
corpus builds and the charts are well-formed SVG. The page-weight budgets, sizes rather than
times, are checked in tests/browser/test_page_weight.py."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from benchmarks.charts import bar_chart, line_chart
from benchmarks.corpus import QUIZ_EVERY, write_corpus
from tests.conftest import build_into


def test_the_corpus_builds_with_quizzes_in_one_article_in_ten(tmp_path: Path) -> None:
    content = write_corpus(tmp_path / "ours", 20, "ours")
    site = build_into(tmp_path, content)
    with_quiz = [p for p in site.output.glob("article-*.html") if 'data-quiz="' in p.read_text()]
    assert len(with_quiz) == 20 // QUIZ_EVERY
    hugo = write_corpus(tmp_path / "hugo", 3, "hugo")
    assert "tags: [" in (hugo / "content" / "posts" / "article-00001.md").read_text()


def test_charts_are_svg() -> None:
    for svg in (
        line_chart("t", [10, 20], {"a": [1.0, 2.0], "b": [0.5, 0.7]}, "s"),
        bar_chart("t", {"x": 1.0, "anchor: y": 3.0}, "KB"),
    ):
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg") and root.get("role") == "img"


def test_the_quiz_proof_benchmark_proves_each_quiz_exactly(tmp_path: Path) -> None:
    from benchmarks.quiz_proofs import QUIZZES, measure_quiz_proofs

    times = measure_quiz_proofs(tmp_path, runs=1)  # raises unless check counted every set
    assert times.answer_sets["PHQ-9"] == 262_144 and times.answer_sets["50 statements"] == 5**50
    assert times.answer_sets["50 items, 5 factors"] == 5**50
    assert set(times.seconds) == set(QUIZZES)
