"""QUIZ_* settings: wrong values are refused by name; a sampled routing proof warns."""

from __future__ import annotations


def test_wrong_setting_type_is_refused(build) -> None:
    site = build("quiz", QUIZ_ROUTING_LIMIT="many", expect_ok=False)
    assert site.result.errors == ["[quiz] QUIZ_ROUTING_LIMIT must be int, not 'many'"]


def test_routing_past_the_limit_is_sampled_with_a_warning(build) -> None:
    site = build("quiz", QUIZ_ROUTING_LIMIT=2, QUIZ_SAMPLE_SIZE=200, expect_ok=False)
    assert site.result.errors == []
    assert site.result.warnings == [
        "[quiz] content/quizzes/mini.yaml: more than the limit of answer combinations; the "
        "routing was checked on a sample of 200 (QUIZ_ROUTING_LIMIT)"
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
