"""Every quiz error, from a fixture file: ``errors/<case>.yaml`` and the messages it must give in
``errors/<case>.expected`` (``UPDATE_FIXTURES=1`` rewrites them; read the diff)."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import pytest
import yaml
from pelican.plugins.quiz.check import check_file
from pelican.plugins.quiz.loader import MAX_QUIZ_BYTES, QuizErrors, load_quiz, parse_quiz
from pelican.plugins.quiz.routing import verify

HERE = Path(__file__).parent
CASES = sorted((HERE / "errors").glob("*.yaml"))


def messages(file: Path) -> list[str]:
    try:
        quiz = load_quiz(file, f"quizzes/{file.name}")
    except QuizErrors as problem:
        return [str(e) for e in problem.errors]
    return [str(e) for e in verify(quiz).errors]


def test_the_valid_fixture_has_no_errors() -> None:
    assert messages(HERE / "valid.yaml") == []


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_quiz_gives_its_messages(case: Path) -> None:
    found = messages(case)
    expected = case.with_suffix(".expected")
    if os.environ.get("UPDATE_FIXTURES"):
        expected.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8").splitlines()
    assert found, "a bad fixture must give at least one message"
    assert all(line.startswith(f"quizzes/{case.name}") for line in found)
    assert all(len(line) < 400 for line in found), "messages quote only short excerpts"


def test_alias_bomb_fails_fast_and_small() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    assert "anchors" in messages(HERE / "errors" / "alias-bomb.yaml")[0]
    assert time.process_time() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


def test_check_command_prints_the_routing_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_file(HERE / "valid.yaml", 60)
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "  all 5 answer combinations, 2 test case(s)"
    assert out[2].split() == ["rest", "4", "e.g.", "{feel:", "bad,", "why:", "[]}"]
    # Examples are YAML that can be pasted into `tests:`.
    assert out[3].split() == ["go", "1", "e.g.", "{feel:", "good}"]


def test_check_command_lists_each_guarantee_with_the_answer_sets_it_covers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert check_file(HERE / "proofs" / "guaranteed.yaml", 60)
    out = capsys.readouterr().out.splitlines()
    at = out.index("  guarantees, each over the answer sets its `when` covers:")
    assert [line.split() for line in out[at + 1 :]] == [
        ["dread-is-never-ready", "2", "holds"],
        ["unsure-waits", "2", "holds"],
        ["dread-sees-help", "2", "holds"],
    ]


def test_check_command_fails_on_a_bad_quiz(capsys: pytest.CaptureFixture[str]) -> None:
    assert not check_file(HERE / "errors" / "dead-end.yaml", 60)
    assert "reach no outcome" in capsys.readouterr().err


def test_quiz_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    padding = "# padding\n" * (MAX_QUIZ_BYTES // 10 + 1)
    big.write_text((HERE / "valid.yaml").read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert messages(big) == [f"quizzes/big.yaml: quiz file is larger than {MAX_QUIZ_BYTES:,} bytes"]


def test_a_proof_past_its_time_limit_is_an_error_never_a_pass() -> None:
    quiz = load_quiz(HERE / "valid.yaml", "quizzes/valid.yaml")
    assert [str(e) for e in verify(quiz, 1e-9).errors] == [
        "quizzes/valid.yaml:30: the routing proof ran more than 1e-09 s (1 distinct states so "
        "far) and was stopped (QUIZ_PROOF_SECONDS): the quiz is not proved; give fewer answers "
        "distinct points, or raise the limit"
    ]


def test_check_examples_are_yaml_that_tests_can_take(tmp_path: Path) -> None:
    from pelican.plugins.quiz.routing import format_answers

    text = format_answers({"talked": "yes", "why": ["no", "off"], "feel": "bad"})
    assert text == "{talked: 'yes', why: ['no', 'off'], feel: bad}"
    assert yaml.safe_load(text) == {"talked": "yes", "why": ["no", "off"], "feel": "bad"}


def _many_bands(dimensions: int = 4, items: int = 20) -> str:
    """Independent parts whose every total is a band of its own (a guarantee on each): 21^4
    combined states, each judged against 80 guarantees, so the last stages do most of the
    work."""
    names = [f"d{n}" for n in range(dimensions)]
    quiz = {
        "title": "Many bands",
        "dimensions": {d: {"label": d, "link": "{filename}/a.md"} for d in names},
        "questions": [
            {
                "id": f"{d}-{n}",
                "prompt": "?",
                "options": [
                    {"id": "no", "label": "No"},
                    {"id": "yes", "label": "Yes", "score": {d: 1}},
                ],
            }
            for d in names
            for n in range(items)
        ],
        "outcomes": [{"id": "all", "title": "All", "link": "{filename}/a.md"}],
        "guarantees": [
            {"id": f"{d}-{k}", "when": {"score": d, "at_least": k}, "never": ["all"]}
            for d in names
            for k in range(1, items + 1)
        ],
    }
    return yaml.safe_dump(quiz)


def test_many_bands_are_judged_by_search_not_counted() -> None:
    # 21^4 combined states: too many to count, so the verdict is found by search; each of
    # the 80 guarantees is broken (the catch-all takes every answer set), with an example.
    quiz = parse_quiz(_many_bands(), "bands", "quizzes/bands.yaml")
    verdict = verify(quiz, 60.0)
    assert verdict.report is not None and not verdict.report.counted
    assert len(verdict.errors) == 80
    assert all("is broken by answer sets it covers (not counted)" in str(e) for e in verdict.errors)


def test_the_time_limit_stops_every_stage_within_a_second() -> None:
    # Hardening, second round, item 8: a 2 s limit let a proof run 92 s, the last stages never
    # looking at the clock (the many-bands quiz ran 74 s past a 3 s limit; it is now judged by
    # search in a moment). A behaviour, not a speed target: the limit holds to within a
    # second, through the counting and then the search, on a quiz neither finishes in time.
    quiz = load_quiz(
        HERE / "proofs" / "pairwise-half-point.yaml", "quizzes/pairwise-half-point.yaml"
    )
    started = time.monotonic()
    errors = [str(e) for e in verify(quiz, 3.0).errors]
    assert time.monotonic() - started < 4.0
    assert len(errors) == 1 and "(QUIZ_PROOF_SECONDS): the quiz is not proved" in errors[0]


def test_the_memory_limit_stops_the_proof_with_one_message() -> None:
    # The clock alone let a quiz allocate hundreds of MB between two looks, and die with a
    # MemoryError traceback; the proof now stops when it has added QUIZ_PROOF_MEMORY. In a
    # process of its own: a test process reuses memory earlier tests freed.
    import subprocess
    import sys

    file = HERE / "proofs" / "pairwise-half-point.yaml"
    command = [sys.executable, "-m", "pelican.plugins.quiz", "check", str(file)]
    done = subprocess.run(
        [*command, "--seconds", "120", "--memory", "20"], capture_output=True, text=True
    )
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert done.returncode == 1 and len(errors) == 1, done.stderr
    assert errors[0].startswith(f"error: {file}:")
    assert "needed more than 20 MB" in errors[0] and "(QUIZ_PROOF_MEMORY)" in errors[0]
    assert "Traceback" not in done.stderr


def test_check_says_not_counted_and_gives_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_file(HERE / "proofs" / "six-results.yaml", 60)
    out = capsys.readouterr().out
    assert "answer combinations not counted" in out and "the verdict is exact" in out
    rows = [line.split() for line in out.splitlines() if line.startswith("  result")]
    assert len(rows) == 6 and all(row[1] == "yes" for row in rows)


def test_fifty_pairwise_items_are_proved_with_no_dead_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # "The highest wins" as ten pairwise helpers, 50 items: once stopped at every limit, the
    # search looking at most of its states for a dead end; the relaxation rules one out.
    assert check_file(HERE / "proofs" / "pairwise-helpers.yaml", 20)
    out = capsys.readouterr().out
    assert "answer combinations not counted" in out and "the verdict is exact" in out
    rows = [line.split() for line in out.splitlines() if line.startswith("  ")][1:]
    assert [row[:2] for row in rows] == [
        [factor, "yes"]
        for factor in [
            "openness",
            "conscientiousness",
            "extraversion",
            "agreeableness",
            "neuroticism",
        ]
    ]
