"""QUIZ_* settings: wrong values are refused by name; a sampled routing proof warns."""

from __future__ import annotations


def test_wrong_setting_type_is_refused(build) -> None:
    site = build("quiz", QUIZ_ROUTING_LIMIT="many", expect_ok=False)
    assert site.result.errors == ["ValueError: [quiz] QUIZ_ROUTING_LIMIT must be int, not 'many'"]


def test_routing_past_the_limit_is_sampled_with_a_warning(build) -> None:
    site = build("quiz", QUIZ_ROUTING_LIMIT=2, QUIZ_SAMPLE_SIZE=200, expect_ok=False)
    assert site.result.errors == []
    assert site.result.warnings == [
        "[quiz] content/quizzes/mini.yaml: more than the limit of answer combinations; the "
        "routing was checked on a sample of 200 (QUIZ_ROUTING_LIMIT)"
    ]
