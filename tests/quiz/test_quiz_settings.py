"""QUIZ_* settings: wrong values are refused by name; a proof past its time limit fails."""

from __future__ import annotations


def test_wrong_setting_type_is_refused(build) -> None:
    site = build("quiz", QUIZ_PROOF_SECONDS="long", expect_ok=False)
    assert site.result.errors == ["[quiz] QUIZ_PROOF_SECONDS must be int or float, not 'long'"]


def test_a_memory_limit_of_nothing_is_refused(build) -> None:
    site = build("quiz", QUIZ_PROOF_MEMORY=0, expect_ok=False)
    assert site.result.errors == ["[quiz] QUIZ_PROOF_MEMORY must be more than 0"]


def test_a_proof_past_its_time_limit_fails_the_build(build) -> None:
    site = build("quiz", QUIZ_PROOF_SECONDS=1e-9, expect_ok=False)
    assert [e.split(": the routing proof")[0] for e in site.result.errors] == [
        "content/quizzes/mini.yaml:30"
    ]


def test_the_order_of_plugins_does_not_matter(tmp_path) -> None:
    from pelican.settings import read_settings

    from tests.conftest import ROOT, SITES, build_into

    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    assert plugins[0] == "quiz"
    built = {
        order: build_into(tmp_path / order, SITES / "quiz" / "content", PLUGINS=names)
        for order, names in (("quiz-first", plugins), ("quiz-last", [*plugins[1:], "quiz"]))
    }
    pages = [site.soup("quiz.html").select_one("section.quiz") for site in built.values()]
    assert pages[0] is not None
    assert str(pages[0]) == str(pages[1])
