"""Realistic quiz families for the proof benchmark, generated (never copied) from the
descriptions in the "proof that does not run out" issue. Each generator takes the family's
size and returns the quiz as YAML data; the weights come from a fixed seed, so a size always
gives the same quiz.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

__all__ = ["FAMILIES", "Family"]

LINK = "{filename}/a.md#b"
Quiz = dict[str, Any]


def _outcome(name: str, when: Any = None) -> dict[str, Any]:
    return {"id": name, "title": name.title(), "link": LINK, **({"when": when} if when else {})}


def _dimensions(names: list[str], hidden: bool = False) -> dict[str, Any]:
    return {
        n: {"label": n.title(), **({"hidden": True} if hidden else {"link": LINK})} for n in names
    }


def checklists(n: int) -> Quiz:
    """n "tick all that apply" questions of 5 boxes, each box a point to one total, bands on
    the total, and an outcome first when any one checklist has all 5 ticked (`count`)."""
    most = 5 * n
    return {
        "title": f"{n} checklists",
        "dimensions": _dimensions(["total"]),
        "questions": [
            {
                "id": f"area{i}",
                "prompt": f"Area {i}: which of these happened?",
                "type": "multiple",
                "options": [
                    {"id": f"sign{j}", "label": f"Sign {j}", "score": {"total": 1}}
                    for j in range(1, 6)
                ],
            }
            for i in range(1, n + 1)
        ],
        "outcomes": [
            _outcome(
                "whole-area",
                {"any": [{"count": f"area{i}", "at_least": 5} for i in range(1, n + 1)]},
            ),
            _outcome("few", {"score": "total", "below": most // 3}),
            _outcome(
                "some",
                {
                    "all": [
                        {"score": "total", "at_least": most // 3},
                        {"score": "total", "below": 2 * most // 3},
                    ]
                },
            ),
            _outcome("many", {"score": "total", "at_least": 2 * most // 3}),
        ],
    }


RESULTS = ["red", "green", "blue", "gold"]


def _weighted(n: int, points: Callable[[random.Random], int | float]) -> Quiz:
    rng = random.Random(n)
    questions = []
    for i in range(1, n + 1):
        options = []
        for j in range(1, 5):
            pair = rng.sample(RESULTS, 2)
            options.append(
                {"id": f"o{j}", "label": f"Option {j}", "score": {d: points(rng) for d in pair}}
            )
        questions.append({"id": f"q{i}", "prompt": f"Question {i}", "options": options})
    return _highest_wins(f"Weighted, {n} questions", RESULTS, questions)


def _highest_wins(title: str, results: list[str], questions: list[dict[str, Any]]) -> Quiz:
    """A quiz whose outcome is the result with the most points (`top`)."""
    return {
        "title": title,
        "dimensions": _dimensions(results),
        "questions": questions,
        "outcomes": [_outcome(d, {"top": d}) for d in results],
    }


def weighted(n: int) -> Quiz:
    """n questions of 4 options, each option adding 1 to 3 points to two of 4 results; the
    highest wins (`top`)."""
    return _weighted(n, lambda rng: rng.randint(1, 3))


def weighted_decimals(n: int) -> Quiz:
    """The same with two-decimal weights, 0.05 to 2.95."""
    return _weighted(n, lambda rng: float(Decimal(rng.randint(1, 59) * 5) / 100))


def _one_point_each(n: int, results: list[str], options: int) -> Quiz:
    rng = random.Random(n)
    questions = []
    deck: list[str] = []
    for i in range(1, n + 1):
        # Each option a point to a different type, every type as often as the others: the
        # types are dealt from a deck shuffled afresh each time it runs out.
        if len(deck) < options:
            deck = rng.sample(results, len(results))
        types, deck = deck[:options], deck[options:]
        questions.append(
            {
                "id": f"q{i}",
                "prompt": f"Question {i}",
                "options": [
                    {"id": f"o{j}", "label": f"Option {j}", "score": {t: 1}}
                    for j, t in enumerate(types)
                ],
            }
        )
    return _highest_wins(f"{len(results)} results, {n} questions", results, questions)


def nine_types(n: int) -> Quiz:
    """n questions of 3 options, each a point to one of 9 types; the highest wins."""
    return _one_point_each(n, [f"type{t}" for t in range(1, 10)], 3)


def six_results(n: int) -> Quiz:
    """n questions of 6 options, each answer a point to one of six results; the highest wins."""
    return _one_point_each(n, [f"result{r}" for r in range(1, 7)], 6)


FACTORS = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"]


def pairwise(n: int) -> Quiz:
    """n five-point items on five factors, "the highest wins" written as a SurveyJS author
    writes it: a hidden helper dimension per pair (`extraversion-over-openness`, the first
    factor's points less the second's), and each factor's outcome when it is at least every
    factor listed after it and above every factor listed before it."""
    pairs = [(a, b) for i, a in enumerate(FACTORS) for b in FACTORS[i + 1 :]]

    def helper(a: str, b: str) -> str:
        return f"{a}-over-{b}"

    def adds(factor: str, points: int) -> dict[str, int]:
        return {
            helper(a, b): points if a == factor else -points for a, b in pairs if factor in (a, b)
        }

    outcomes = []
    for i, factor in enumerate(FACTORS):
        wins = [{"score": helper(factor, b), "at_least": 0} for b in FACTORS[i + 1 :]]
        wins += [{"score": helper(a, factor), "below": 0} for a in FACTORS[:i]]
        outcomes.append(_outcome(factor, {"all": wins}))
    return {
        "title": f"Five factors, pairwise, {n} items",
        "dimensions": _dimensions([helper(a, b) for a, b in pairs], hidden=True),
        "questions": [
            {
                "id": f"q{i}",
                "prompt": f"Statement {i}",
                "type": "scale",
                "options": [
                    {"id": f"p{p}", "label": f"{p}", "score": adds(FACTORS[i % 5], p)}
                    for p in range(1, 6)
                ],
            }
            for i in range(n)
        ],
        "outcomes": outcomes,
    }


Family = tuple[str, Callable[[int], Quiz], int]

# (name, generator, the size the issue asks for)
FAMILIES: list[Family] = [
    ("checklists", checklists, 8),
    ("twelve checklists", checklists, 12),
    ("weighted personality", weighted, 24),
    ("weighted, two decimals", weighted_decimals, 12),
    ("nine types", nine_types, 30),
    ("pairwise helpers", pairwise, 50),
    ("six results", six_results, 30),
]
