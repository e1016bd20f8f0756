"""Conditions, scoring and the routing proof on the fixture quiz, without any build."""

from __future__ import annotations

from fractions import Fraction
from math import comb
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.plugins.quiz.conditions import describe, describe_html, evaluate
from pelican.plugins.quiz.loader import QuizErrors, load_quiz, parse_quiz
from pelican.plugins.quiz.model import Quiz
from pelican.plugins.quiz.routing import answer_sets, prove, upper_bound
from pelican.plugins.quiz.scoring import Range, outcome_for, ranges, result_for, scores_for
from pelican.plugins.quiz.strings import DEFAULT_STRINGS

HERE = Path(__file__).parent
QUIZ = load_quiz(HERE / "valid.yaml")


def test_conditions_evaluate_every_form() -> None:
    answers = {"feel": "bad", "why": ["sad"]}
    scores = {"calm": -1.0}
    assert evaluate(None, answers, scores)
    assert evaluate({"score": "calm", "below": 0}, answers, scores)
    assert not evaluate({"score": "calm", "at_least": 0}, answers, scores)
    assert evaluate({"answer": "why", "is": "sad"}, answers, scores)
    assert evaluate({"answer": "why", "in": ["tired", "sad"]}, answers, scores)
    assert not evaluate({"answer": "missing", "is": "x"}, answers, scores)
    assert evaluate(
        {"all": [{"answer": "feel", "is": "bad"}, {"not": {"answer": "why", "is": "tired"}}]},
        answers,
        scores,
    )
    assert evaluate(
        {"any": [{"answer": "feel", "is": "good"}, {"score": "calm", "below": 5}]}, answers, scores
    )


def test_conditions_in_plain_words() -> None:
    condition = {
        "any": [
            {"answer": "feel", "in": ["bad", "good"]},
            {"not": {"score": "calm", "at_least": 2}},
        ]
    }
    assert describe(condition, QUIZ, DEFAULT_STRINGS) == (
        "Either you answered “Bad” or “Good” to question 1 or not (your “Calm” points add up to "
        "2 or more)."
    )


def test_nested_conditions_are_lists_that_read_one_way() -> None:
    bad, good = {"answer": "feel", "is": "bad"}, {"answer": "feel", "is": "good"}
    low = {"score": "calm", "below": 1}
    either_then = describe_html({"all": [{"any": [bad, good]}, low]}, QUIZ, DEFAULT_STRINGS)
    either_inside = describe_html({"any": [bad, {"all": [good, low]}]}, QUIZ, DEFAULT_STRINGS)
    assert either_then != either_inside
    assert either_then == (
        "<p>All of these hold:</p><ul><li><p>One of these holds (or more):</p><ul>"
        "<li>You answered “Bad” to question 1</li><li>You answered “Good” to question 1</li>"
        "</ul></li><li>Your “Calm” points add up to less than 1</li></ul>"
    )
    assert "either either" not in describe_html(
        {"any": [bad, {"any": [good, low]}]}, QUIZ, DEFAULT_STRINGS
    )
    # A flat condition stays a sentence.
    assert describe_html({"all": [good, low]}, QUIZ, DEFAULT_STRINGS) == (
        "<p>You answered “Good” to question 1 and your “Calm” points add up to less than 1.</p>"
    )


def test_hidden_question_adds_nothing() -> None:
    result = result_for(QUIZ, {"feel": "good", "why": ["sad"]})
    assert result.scores == {"calm": 2.0}
    assert result.outcome is not None and result.outcome.id == "go"


def test_worth_revisiting_lists_dimensions_in_the_worse_half_of_their_range() -> None:
    assert ranges(QUIZ) == {"calm": Range(Fraction(0), Fraction(2))}
    assert [d.id for d in result_for(QUIZ, {"feel": "bad", "why": []}).revisit] == ["calm"]
    assert result_for(QUIZ, {"feel": "good"}).revisit == []


def test_enumeration_respects_show_if() -> None:
    sets = [answers for answers, _ in answer_sets(QUIZ)]
    assert upper_bound(QUIZ) == 8
    assert sets == [
        {"feel": "bad", "why": []},
        {"feel": "bad", "why": ["tired"]},
        {"feel": "bad", "why": ["sad"]},
        {"feel": "bad", "why": ["tired", "sad"]},
        {"feel": "good"},
    ]


LINK = "{filename}/a.md#b"
POINTS = st.sampled_from([0, 1, 2, -1, 3, 0.1, 0.7, 0.2])


@st.composite
def small_quizzes(draw: st.DrawFn) -> dict:
    """Random small quizzes: show_if (on answers, ticks and earlier points), points for skipped
    questions, multiple, decimal points, top, tie, count, named conditions, notices, hidden
    dimensions, guarantees, gaps and overlaps in the bands, independent parts."""
    dims = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=3, unique=True))
    questions: list[dict] = []
    for index in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["single", "scale", "multiple"]))
        scored = draw(st.lists(st.sampled_from(dims), min_size=1, max_size=len(dims), unique=True))
        options = [
            {"id": f"o{n}", "label": f"O{n}", "score": {d: draw(POINTS) for d in scored}}
            for n in range(draw(st.integers(2, 3)))
        ]
        if index == 0:  # the gate: points only the first question adds, for later show_ifs
            for option in options:
                option["score"]["g"] = draw(st.sampled_from([0, 1, 2]))
        question = {"id": f"q{index}", "prompt": "Q?", "type": kind, "options": options}
        if index and draw(st.integers(0, 3)) == 0:  # a number, its points by bands of it
            del question["options"]
            low = draw(st.integers(-2, 2))
            cuts = sorted(draw(st.sets(st.integers(low + 1, low + 6), max_size=2)))
            bands = [{"below": c, "score": {scored[0]: draw(POINTS)}} for c in cuts]
            if draw(st.booleans()):
                bands.append({"score": {scored[0]: draw(POINTS)}})
            question |= {"type": "number", "min": low, "max": low + 6}
            if bands:
                question["bands"] = bands
        if index and draw(st.booleans()):
            earlier = questions[draw(st.integers(0, index - 1))]
            gate = draw(st.sampled_from(["answer", "count", "score"]))
            if earlier["type"] == "number":
                bound = draw(st.sampled_from(["below", "at_least"]))
                question["show_if"] = {"value": earlier["id"], bound: earlier["min"] + 3}
            elif gate == "count" and earlier["type"] == "multiple":
                question["show_if"] = {"count": earlier["id"], "at_least": draw(st.integers(1, 2))}
            elif gate == "score":
                question["show_if"] = {"score": "g", "at_least": draw(st.integers(1, 2))}
            else:
                question["show_if"] = {"answer": earlier["id"], "is": "o0"}
            if draw(st.booleans()):  # points added when it is not asked
                question["skipped"] = {draw(st.sampled_from(dims)): draw(POINTS)}
        questions.append(question)
    multiple = [q["id"] for q in questions if q["type"] == "multiple"]
    numbers = [q for q in questions if q["type"] == "number"]
    chosen = [q["id"] for q in questions if q["type"] != "number"]

    named = draw(st.booleans())

    def leaf() -> dict:
        kinds = ["score"] + (["top", "tie"] if len(dims) > 1 else [])
        kinds += (["count"] if multiple else []) + (["named"] if named else [])
        kinds += ["value"] if numbers else []
        kinds += ["answer"] if chosen else []
        kind = draw(st.sampled_from(kinds))
        if kind == "answer":
            question = draw(st.sampled_from(chosen))
            picked = draw(st.lists(st.sampled_from(["o0", "o1"]), min_size=1, unique=True))
            return {"answer": question, "in": picked}
        if kind == "value":
            number = draw(st.sampled_from(numbers))
            bound = draw(st.sampled_from(["below", "at_least"]))
            return {"value": number["id"], bound: number["min"] + draw(st.integers(0, 7))}
        if kind == "named":
            return {"condition": "shared"}
        if kind in ("top", "tie"):
            among = draw(st.lists(st.sampled_from(dims), min_size=2, max_size=3, unique=True))
            if kind == "tie":
                tie = draw(st.lists(st.sampled_from(among), min_size=2, unique=True))
                return {"tie": tie, "among": among}
            return {"top": draw(st.sampled_from(among)), "among": among}
        if kind == "count":
            bound = draw(st.sampled_from(["below", "at_least"]))
            return {"count": draw(st.sampled_from(multiple)), bound: draw(st.integers(0, 3))}
        bound = draw(st.sampled_from(["below", "at_least"]))
        return {
            "score": draw(st.sampled_from(dims)),
            bound: draw(st.sampled_from([0, 1, 2, 0.8, 3])),
        }

    def condition() -> dict:
        when = leaf()
        wrap = draw(st.sampled_from(["none", "any", "all", "not"]))
        if wrap == "any":
            return {"any": [when, {"answer": "q0", "in": ["o1"]}]}
        if wrap == "all":
            return {"all": [when, leaf()] + ([{"not": leaf()}] if draw(st.booleans()) else [])}
        return {"not": when} if wrap == "not" else when

    # A named condition, itself any leaf but a name, used by name wherever a leaf may stand.
    shared = {"count": multiple[0], "at_least": 1} if multiple else {"score": dims[0], "below": 1}
    outcomes = [
        {"id": f"r{index}", "title": "R", "link": LINK, "when": condition()}
        for index in range(draw(st.integers(1, 3)))
    ]
    if draw(st.booleans()):
        outcomes.append({"id": "rest", "title": "Rest", "link": LINK})
    notices = [
        {"id": f"n{index}", "text": "N", "when": condition()}
        for index in range(draw(st.integers(0, 2)))
    ]
    # Guarantees on any condition, each promising one or more of never, only and shows.
    outcome_ids = [o["id"] for o in outcomes]
    notice_ids = [n["id"] for n in notices]
    guarantees = []
    for index in range(draw(st.integers(0, 3))):
        guarantee: dict = {"id": f"g{index}"}
        if draw(st.booleans()):
            guarantee["when"] = condition()
        promises = draw(
            st.lists(st.sampled_from(["never", "only", "shows"]), min_size=1, unique=True)
        )
        for promise in promises:
            ids = notice_ids if promise == "shows" else outcome_ids
            if ids:
                guarantee[promise] = draw(
                    st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)
                )
        if {"never", "only", "shows"} & set(guarantee):
            guarantees.append(guarantee)
    # Every top leaf names its among, so a hidden dimension can still be compared; a shown
    # one may run below 0 (a signed scale).
    return {
        "title": "Random",
        "dimensions": {
            **{d: {"label": d.upper(), "link": LINK, "hidden": draw(st.booleans())} for d in dims},
            "g": {"label": "Gate", "hidden": True},
        },
        "questions": questions,
        "outcomes": outcomes,
        "notices": notices,
        "guarantees": guarantees,
        "conditions": {"shared": shared},
    }


@settings(max_examples=400, deadline=None)
@given(small_quizzes())
def test_the_exact_proof_counts_what_brute_force_counts(data: dict) -> None:
    quiz = parse_quiz(yaml.safe_dump(data), "random", "random.yaml")
    tally: dict[str | None, int] = {}
    notices: dict[str, int] = {}
    # Each guarantee: answer sets its `when` covers, and those that break it.
    covered = {g.id: 0 for g in quiz.guarantees}
    broken = {g.id: 0 for g in quiz.guarantees}
    for answers, scores in answer_sets(quiz):
        outcome = outcome_for(quiz, answers, scores)
        key = outcome.id if outcome else None
        tally[key] = tally.get(key, 0) + 1
        shown_notices = set()
        for notice in quiz.notices:
            if evaluate(notice.when, answers, scores):
                notices[notice.id] = notices.get(notice.id, 0) + 1
                shown_notices.add(notice.id)
        for g in quiz.guarantees:
            if evaluate(g.when, answers, scores):
                covered[g.id] += 1
                broken[g.id] += (
                    key in g.never
                    or (key is not None and g.only is not None and key not in g.only)
                    or not set(g.shows) <= shown_notices
                )
    report = prove(quiz)
    assert {k: v.covered for k, v in report.guarantees.items()} == covered
    assert {k: v.broken for k, v in report.guarantees.items()} == broken
    for g in quiz.guarantees:  # the example of a broken guarantee really breaks it
        example = report.guarantees[g.id].example
        assert (example is None) == (broken[g.id] == 0)
        if example is not None:
            result = result_for(quiz, example)
            assert evaluate(g.when, example, result.scores)
            got = result.outcome.id if result.outcome else None
            assert got == report.guarantees[g.id].outcome
    assert report.checked == sum(tally.values())
    assert report.dead_ends == tally.get(None, 0)
    assert {k: r.count for k, r in report.routes.items() if r.count} == {
        k: v for k, v in tally.items() if k is not None
    }
    assert {k: r.count for k, r in report.notices.items() if r.count} == notices
    for route in report.routes.values():  # each example really reaches its outcome
        if route.example is not None:
            assert result_for(quiz, route.example).outcome is not None


def _fresh(options: list[dict]) -> list[dict]:
    # A new copy per question: yaml.safe_dump would write one list shared twice as an alias.
    return [{**o, "score": dict(o["score"])} for o in options]


def test_fifty_five_point_statements_are_proved_exactly() -> None:
    # 5^50 answer sets, one total: a band gap (below 200, then at least 201) leaves a dead end
    # that a sample of 20,000 never found.
    options = [{"id": f"s{n}", "label": str(n), "score": {"total": n}} for n in range(1, 6)]
    data = {
        "title": "Fifty",
        "dimensions": {"total": {"label": "Total", "link": LINK}},
        "questions": [
            {"id": f"q{i}", "prompt": "?", "type": "scale", "options": _fresh(options)}
            for i in range(50)
        ],
        "outcomes": [
            {"id": "low", "title": "Low", "link": LINK, "when": {"score": "total", "below": 200}},
            {
                "id": "high",
                "title": "High",
                "link": LINK,
                "when": {"score": "total", "at_least": 201},
            },
        ],
    }
    report = prove(parse_quiz(yaml.safe_dump(data), "fifty", "fifty.yaml"))
    assert report.checked == 5**50
    assert report.dead_end is not None and report.dead_end.scores == {"total": 200.0}
    assert report.dead_ends + report.routes["low"].count + report.routes["high"].count == 5**50


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(yaml_values.map(lambda v: yaml.safe_dump(v)), st.text(max_size=200)))
def test_random_documents_build_or_fail_cleanly(text: str) -> None:
    try:
        parse_quiz(text, "fuzz", "fuzz.yaml")
    except QuizErrors as problem:
        assert all(str(e).startswith("fuzz.yaml") for e in problem.errors)


VALID = yaml.safe_load((HERE / "valid.yaml").read_text())


def _mutations() -> st.SearchStrategy[dict]:
    def mutate(data: dict, path_choice: int, value: object) -> dict:
        import copy

        mutated = copy.deepcopy(data)
        nodes: list[tuple[object, object]] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                for key in node:
                    nodes.append((node, key))
                    walk(node[key])
            elif isinstance(node, list):
                for index in range(len(node)):
                    nodes.append((node, index))
                    walk(node[index])

        walk(mutated)
        parent, key = nodes[path_choice % len(nodes)]
        parent[key] = value  # type: ignore[index]
        return mutated

    return st.builds(mutate, st.just(VALID), st.integers(0, 10_000), yaml_values)


@settings(max_examples=300, deadline=None)
@given(_mutations())
def test_mutated_quizzes_build_or_fail_cleanly(data: dict) -> None:
    try:
        quiz = parse_quiz(yaml.safe_dump(data), "fuzz", "fuzz.yaml")
    except QuizErrors as problem:
        assert all(str(e).startswith("fuzz.yaml") for e in problem.errors)
        return
    prove(quiz)


def test_a_twenty_option_question_is_counted_by_what_rules_name() -> None:
    report = prove(load_quiz(HERE / "proofs" / "twenty-boxes.yaml"))
    assert report.checked == 2**20
    first_two = 2**20 - 2**18  # o0 or o1 ticked
    assert report.routes["first-two"].count == first_two
    # Neither o0 nor o1, and 10 or more of the other 18.
    many = sum(comb(18, k) for k in range(10, 19))
    assert report.routes["many"].count == many
    assert report.routes["rest"].count == 2**20 - first_two - many


def test_twelve_checklists_with_an_all_ticked_rule_are_proved_exactly() -> None:
    """Once stopped at 130 s and 7.3 GB: the proof kept each area's tick count. Counted here
    by a polynomial, outside the proof: an area with k of 5 ticked, C(5, k) ways."""
    report = prove(load_quiz(HERE / "proofs" / "twelve-checklists.yaml"), seconds=60)
    assert report.checked == 2**60
    assert report.routes["whole-area"].count == 2**60 - 31**12  # 31 ways to leave one box
    ways = [1]  # ways[t]: answer sets with no whole area and t boxes ticked in all
    for _ in range(12):
        area = [comb(5, k) for k in range(5)]
        ways = [
            sum(ways[t - k] * area[k] for k in range(5) if 0 <= t - k < len(ways))
            for t in range(len(ways) + 4)
        ]
    assert report.routes["few"].count == sum(ways[:20])
    assert report.routes["some"].count == sum(ways[20:40])
    assert report.routes["many"].count == sum(ways[40:])


@settings(max_examples=300, deadline=None)
@given(small_quizzes())
def test_the_verdict_found_by_search_is_what_brute_force_finds(data: dict) -> None:
    """When counting would not end, the verdict is decided by search (`decide`): which
    outcomes are reached, whether any answer set reaches none, which notices are shown, which
    guarantees cover anything and which are broken, and which outcomes overlap."""
    from pelican.plugins.quiz.proof_limits import Limits
    from pelican.plugins.quiz.routing import decide

    quiz = parse_quiz(yaml.safe_dump(data), "random", "random.yaml")
    reached: set[str | None] = set()
    notices, covered, broken, overlaps = set(), set(), set(), set()
    for answers, scores in answer_sets(quiz):
        outcome = outcome_for(quiz, answers, scores)
        key = outcome.id if outcome else None
        reached.add(key)
        shown_notices = {n.id for n in quiz.notices if evaluate(n.when, answers, scores)}
        notices |= shown_notices
        for g in quiz.guarantees:
            if evaluate(g.when, answers, scores):
                covered.add(g.id)
                if (
                    key in g.never
                    or (key is not None and g.only is not None and key not in g.only)
                    or not set(g.shows) <= shown_notices
                ):
                    broken.add(g.id)
        ruled = [
            o.id for o in quiz.outcomes if o.when is not None and evaluate(o.when, answers, scores)
        ]
        overlaps |= {(a, b) for i, a in enumerate(ruled) for b in ruled[i + 1 :]}
    report = decide(quiz, Limits(None), overlaps=True)
    assert not report.counted
    assert {o for o, r in report.routes.items() if r.example is not None} == reached - {None}
    assert (report.dead_end is not None) == (None in reached)
    assert {n for n, r in report.notices.items() if r.example is not None} == notices
    assert {g for g, k in report.guarantees.items() if k.covered} == covered
    assert {g for g, k in report.guarantees.items() if k.broken} == broken
    assert set(report.overlaps) == overlaps
    # Every example shows what it is given for.
    for outcome_id, route in report.routes.items():
        if route.example is not None:
            got = outcome_for(quiz, route.example, scores_for(quiz, route.example))
            assert got is not None and got.id == outcome_id


@pytest.mark.parametrize("short_search", [200, 1])
@settings(max_examples=300, deadline=None)
@given(data=small_quizzes())
def test_the_verdict_is_brute_force_s_when_the_short_search_runs_out(
    short_search: int, data: dict
) -> None:
    """The search tries a few steps, then the relaxation, then searches to the end: with one
    step, every question goes all three ways."""
    from pelican.plugins.quiz import verdict_search

    kept = verdict_search.SHORT_SEARCH
    verdict_search.SHORT_SEARCH = short_search
    try:
        test_the_verdict_found_by_search_is_what_brute_force_finds.hypothesis.inner_test(data)
    finally:
        verdict_search.SHORT_SEARCH = kept


FACTORS = ["a", "b", "c"]
HELPER_BOUNDS = st.sampled_from([-1, -0.5, 0, 0.5, 1, 2])


@st.composite
def helper_quizzes(draw: st.DrawFn) -> dict:
    """Random quizzes written as pairwise quizzes are: each answer adds to one factor, and to
    each helper ``x-y`` (x's points less y's) that names it; rules on helpers, factors, `top`
    and `tie`, nested; a skipped question may add to a factor alone."""
    factors = FACTORS[: draw(st.integers(2, 3))]
    pairs = [(x, y) for i, x in enumerate(factors) for y in factors[i + 1 :]]
    helpers = [f"{x}-{y}" for x, y in pairs]
    questions = []
    for index in range(draw(st.integers(1, 4))):
        factor = draw(st.sampled_from(factors))
        options = []
        for n in range(draw(st.integers(2, 3))):
            points = draw(POINTS)
            score = {factor: points}
            score |= {
                f"{x}-{y}": points if x == factor else -points for x, y in pairs if factor in (x, y)
            }
            options.append({"id": f"o{n}", "label": f"O{n}", "score": score})
        kind = draw(st.sampled_from(["single", "multiple"]))
        question = {"id": f"q{index}", "prompt": "Q?", "type": kind, "options": options}
        if index and draw(st.booleans()):
            # Skipped, it adds to a factor alone: the helpers are no longer its differences.
            question["show_if"] = {"answer": "q0", "is": "o0"}
            question["skipped"] = {draw(st.sampled_from(factors)): draw(POINTS)}
        questions.append(question)

    def leaf() -> dict:
        kind = draw(st.sampled_from(["helper", "helper", "factor", "top", "tie", "answer"]))
        if kind in ("helper", "factor"):
            bound = draw(st.sampled_from(["below", "at_least"]))
            names = helpers if kind == "helper" else factors
            return {"score": draw(st.sampled_from(names)), bound: draw(HELPER_BOUNDS)}
        if kind == "answer":
            return {"answer": draw(st.sampled_from([q["id"] for q in questions])), "is": "o0"}
        among = draw(st.permutations(factors))
        if kind == "tie":
            return {
                "tie": draw(st.lists(st.sampled_from(among), min_size=2, unique=True)),
                "among": among,
            }
        return {"top": draw(st.sampled_from(among)), "among": among}

    def condition(depth: int = 0) -> dict:
        wrap = draw(st.sampled_from(["leaf", "any", "all", "not"] if depth < 2 else ["leaf"]))
        if wrap == "leaf":
            return leaf()
        if wrap == "not":
            return {"not": condition(depth + 1)}
        return {wrap: [condition(depth + 1) for _ in range(draw(st.integers(1, 3)))]}

    outcomes = [
        {"id": f"r{index}", "title": "R", "link": LINK, "when": condition()}
        for index in range(draw(st.integers(1, 4)))
    ]
    return {
        "title": "Helpers",
        "dimensions": {
            **{f: {"label": f.upper(), "link": LINK} for f in factors},
            **{h: {"label": h.upper(), "hidden": True} for h in helpers},
        },
        "questions": questions,
        "outcomes": outcomes,
    }


def _relaxation_rules_out_only_what_no_answer_set_meets(quiz: Quiz) -> None:
    from itertools import combinations

    from pelican.plugins.quiz.conditions import references
    from pelican.plugins.quiz.proof_limits import Limits
    from pelican.plugins.quiz.routing import _breaks
    from pelican.plugins.quiz.verdict_search import Search, reaches, reaches_none

    relaxation = Search(quiz, Limits(None)).relaxation
    targets = [reaches(quiz, i) for i in range(len(quiz.outcomes))] + [reaches_none(quiz)]
    targets += [n.when for n in quiz.notices if n.when is not None]
    targets += [{"all": [g.when or {"all": []}, _breaks(quiz, g)]} for g in quiz.guarantees]
    ruled = [o.when for o in quiz.outcomes if o.when is not None]
    targets += [{"all": [a, b]} for a, b in combinations(ruled, 2)]
    finished = list(answer_sets(quiz))
    for target in targets:
        groups = {tuple(leaf["among"]) for kind, leaf in references(target) if kind == "top"}
        ways: list[list[str] | None] = [None] + ([list(groups.pop())] if len(groups) == 1 else [])
        for among in ways:
            if relaxation.rules_out(target, among):
                met = [a for a, s in finished if evaluate(target, a, s)]
                assert not met, (target, among, met[0])


@settings(max_examples=300, deadline=None)
@given(helper_quizzes())
def test_the_relaxation_rules_out_only_what_brute_force_never_meets(data: dict) -> None:
    """A "there is none" from the relaxation is a proof: no answer set meets the target."""
    _relaxation_rules_out_only_what_no_answer_set_meets(
        parse_quiz(yaml.safe_dump(data), "helpers", "helpers.yaml")
    )


@settings(max_examples=300, deadline=None)
@given(small_quizzes())
def test_the_relaxation_holds_on_skipped_points_numbers_and_boxes(data: dict) -> None:
    _relaxation_rules_out_only_what_no_answer_set_meets(
        parse_quiz(yaml.safe_dump(data), "random", "random.yaml")
    )


def test_the_relaxation_sees_that_one_of_five_totals_leads() -> None:
    """Pairwise helpers: the search alone would look at most of the 5^50 answer sets' states
    to find no dead end; the relaxation knows the ten helpers are differences of five totals,
    and rules a dead end out at once."""
    from pelican.plugins.quiz.proof_limits import Limits
    from pelican.plugins.quiz.verdict_search import Search, reaches, reaches_none

    quiz = load_quiz(HERE / "proofs" / "pairwise-helpers.yaml")
    relaxation = Search(quiz, Limits(None)).relaxation
    assert relaxation.size == 4  # ten helpers, four free directions
    assert relaxation.rules_out(reaches_none(quiz))
    assert not any(relaxation.rules_out(reaches(quiz, i)) for i in range(5))
    # A half-point gap whole points never fall in is room over the rationals: not ruled out.
    gap = load_quiz(HERE / "proofs" / "pairwise-half-point.yaml")
    assert not Search(gap, Limits(None)).relaxation.rules_out(reaches_none(gap))
