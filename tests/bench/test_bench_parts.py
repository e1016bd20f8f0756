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


# Each family at a size brute force can list: (name, size) -> answer sets.
SMALL = {
    "checklists": 2,
    "weighted personality": 5,
    "weighted, two decimals": 4,
    "nine types": 6,
    "pairwise helpers": 5,
    "six results": 4,
}


def test_every_proof_family_is_a_sound_quiz_the_proof_counts_as_brute_force_does() -> None:
    """The generated families of `make bench` load, route every answer set, and at a small
    size the exact proof (settled rules, look-ahead, points from the lowest) counts what
    listing every answer set counts."""
    import yaml
    from pelican.plugins.quiz.loader import parse_quiz
    from pelican.plugins.quiz.routing import answer_sets, verify
    from pelican.plugins.quiz.scoring import outcome_for

    from benchmarks.quiz_families import FAMILIES

    assert {name for name, _, _ in FAMILIES} >= set(SMALL)
    for name, generate, _ in FAMILIES:
        if name not in SMALL:
            continue
        quiz = parse_quiz(yaml.safe_dump(generate(SMALL[name])), name, f"{name}.yaml")
        verdict = verify(quiz, seconds=60)
        assert verdict.report is not None and not verdict.errors, (name, verdict.errors)
        listed: dict[str, int] = {}
        for answers, scores in answer_sets(quiz):
            outcome = outcome_for(quiz, answers, scores)
            assert outcome is not None
            listed[outcome.id] = listed.get(outcome.id, 0) + 1
        proved = {o: r.count for o, r in verdict.report.routes.items() if r.count}
        assert proved == listed, name
