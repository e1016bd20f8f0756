"""Published self-assessments written in the quiz language with no helper dimensions: PHQ-9
(one scale, fewer points better, a safety notice), GAD-7 (and a copy with overlapping bands
for `check --overlaps`) and a five-factor inventory where the highest factor wins."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.plugins.quiz.check import check_file
from pelican.plugins.quiz.loader import load_quiz
from pelican.plugins.quiz.model import Quiz
from pelican.plugins.quiz.routing import answer_sets, prove, verify
from pelican.plugins.quiz.scoring import asked, outcome_for, result_for, scores_for, shown

HERE = Path(__file__).parent / "instruments"
LEVELS = ["not-at-all", "several-days", "more-than-half", "nearly-every-day"]


def _phq(total: int, hurting: str = "not-at-all") -> dict[str, str | list[str]]:
    """PHQ-9 answers adding up to ``total`` (item 9 given separately)."""
    quiz = load_quiz(HERE / "phq-9.yaml")
    answers: dict[str, str | list[str]] = {}
    for question in quiz.questions[:-1]:
        points = min(3, total)
        answers[question.id] = LEVELS[points]
        total -= points
    answers["hurting"] = hurting
    return answers


def _brute_force(quiz: Quiz) -> dict[str, int]:
    """How many answer sets reach each outcome, by listing every one (none reaches none)."""
    tally: dict[str, int] = {}
    for answers, scores in answer_sets(quiz):
        outcome = outcome_for(quiz, answers, scores)
        assert outcome is not None
        tally[outcome.id] = tally.get(outcome.id, 0) + 1
    return tally


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.yaml")))
def test_each_instrument_loads(name: str) -> None:
    load_quiz(HERE / name)


@pytest.mark.parametrize("name", ["phq-9.yaml", "gad-7.yaml", "five-factors.yaml"])
def test_each_instrument_is_proved_clean(name: str) -> None:
    assert verify(load_quiz(HERE / name)).errors == []


def test_phq9_counts_every_answer_set_and_the_notice() -> None:
    report = prove(load_quiz(HERE / "phq-9.yaml"))
    assert report.checked == 4**9
    # Item 9 answered anything but "not at all": three of its four answers, any others.
    assert report.notices["safety"].count == 3 * 4**8


def test_phq9_notice_is_shown_beside_the_band_not_instead_of_it() -> None:
    result = result_for(load_quiz(HERE / "phq-9.yaml"), _phq(0, hurting="several-days"))
    assert result.outcome is not None and result.outcome.id == "minimal"
    assert [n.id for n in result.notices] == ["safety"]
    assert result_for(load_quiz(HERE / "phq-9.yaml"), _phq(4)).notices == []


def test_fewer_points_better_makes_worth_revisiting_right() -> None:
    quiz = load_quiz(HERE / "phq-9.yaml")
    # A total of 5 of 27 is good for a symptom count; 15 is in its worse half.
    assert result_for(quiz, _phq(5)).revisit == []
    assert [d.id for d in result_for(quiz, _phq(15)).revisit] == ["total"]


def test_gad7_exact_counts_equal_brute_force() -> None:
    quiz = load_quiz(HERE / "gad-7.yaml")
    tally = _brute_force(quiz)
    assert {k: r.count for k, r in prove(quiz).routes.items()} == tally


def test_check_overlaps_lists_the_total_two_bands_share(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_file(HERE / "gad-7-overlap.yaml", 60, overlaps=True)
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "&" in line]
    assert len(lines) == 1 and lines[0].split()[:4] == ["moderate", "&", "severe", "728"]
    quiz = load_quiz(HERE / "gad-7-overlap.yaml")
    example = prove(quiz).overlaps[("moderate", "severe")].example
    assert example is not None
    assert result_for(quiz, example).scores["total"] == 15  # the total both ranges hold


def test_check_without_overlaps_says_nothing_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_file(HERE / "gad-7-overlap.yaml", 60)
    assert "&" not in capsys.readouterr().out


def test_highest_factor_wins_and_a_tie_goes_to_the_first_listed() -> None:
    quiz = load_quiz(HERE / "five-factors.yaml")
    neutral = {q.id: "neutral" for q in quiz.questions}
    result = result_for(quiz, neutral)
    assert len(set(result.scores.values())) == 1  # all five tie
    assert result.outcome is not None and result.outcome.id == "open"
    outgoing = result_for(quiz, {**neutral, "party": "agree"})
    assert outgoing.outcome is not None and outgoing.outcome.id == "outgoing"
    assert sum(r.count for r in prove(quiz).routes.values()) == 5**10


def test_two_seasons_tied_on_top_is_an_outcome_of_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    quiz = load_quiz(HERE / "seasons.yaml")
    assert verify(quiz).errors == []
    tied = result_for(quiz, {"weekend": "market", "drink": "tea"})  # 1, 0, 1, 1: tied on top
    assert tied.outcome is not None and tied.outcome.id == "spring-and-autumn"
    ahead = result_for(quiz, {"weekend": "hike", "gear": "boots", "drink": "tea"})
    assert ahead.outcome is not None and ahead.outcome.id == "autumn"
    # Exact counts, with the named condition as the gate of question 2.
    tally = _brute_force(quiz)
    assert {k: r.count for k, r in prove(quiz).routes.items() if r.count} == tally
    # check --overlaps sees the tie rule and each top rule match the same answer sets.
    assert check_file(HERE / "seasons.yaml", 60, overlaps=True)
    out = capsys.readouterr().out
    assert any(
        line.split()[:3] == ["spring-and-autumn", "&", "spring"] for line in out.splitlines()
    )


def test_gad2_opens_gad7_by_its_points_and_a_skipped_item_counts() -> None:
    quiz = load_quiz(HERE / "gad-2-to-7.yaml")
    assert verify(quiz).errors == []
    low = result_for(quiz, {"nervous": "several-days", "control": "several-days"})
    # Two points: the five further items are not asked, and the skipped item adds its 1.
    assert low.outcome is not None and low.outcome.id == "screened-out"
    assert low.scores["total"] == 3
    high = {"nervous": "nearly-every-day", "control": "not-at-all"}
    assert shown(quiz.question("too-much"), asked(quiz, high), scores_for(quiz, high))
    answers = {**high, **{q: "not-at-all" for q in ("too-much", "relax", "restless")}}
    answers |= {"irritable": "not-at-all", "afraid": "not-at-all", "interview": "yes"}
    result = result_for(quiz, answers)
    assert result.outcome is not None and result.outcome.id == "mild"
    assert result.scores["total"] == 3
    tally = _brute_force(quiz)
    assert {k: r.count for k, r in prove(quiz).routes.items() if r.count} == tally
    # 4 x 4 pairs: the 6 that add up to less than 3 end there; the other 10 go on, 4^5 x 2.
    assert sum(tally.values()) == 6 + 10 * 4**5 * 2


def test_a_number_question_is_proved_by_the_stretches_its_rules_tell_apart() -> None:
    # Drinks in a typical week, 0 to 60: bands of points, a show_if and an outcome on the
    # value. The proof splits the range where a band ends or a bound falls.
    quiz = load_quiz(HERE / "drinks.yaml")
    assert verify(quiz).errors == []
    report = prove(quiz)
    assert report.checked == 1 + 60 * 2  # 0 asks nothing more; 1 to 60 asks question 2
    assert {k: r.count for k, r in report.routes.items() if r.count} == _brute_force(quiz)
    assert len(report.states) < 20  # stretches, not 121 answer sets
    assert result_for(quiz, {"drinks": 15, "binge": "never"}).scores["alcohol"] == 4
