"""Conditions (`when`, `show_if`): evaluate them, list what they refer to, say them in words.

A condition's leaves are of four kinds:

- ``{score: D, below: N}`` / ``{score: D, at_least: N}``: the points of dimension D;
- ``{answer: Q, is: O}`` / ``{answer: Q, in: [O, ...]}``: the option(s) picked for question Q;
- ``{count: Q, below: N}`` / ``{count: Q, at_least: N}``: how many boxes of question Q are
  ticked (a question that is not asked has none);
- ``{value: Q, below: N}`` / ``{value: Q, at_least: N}``: the whole number given to number
  question Q (neither holds when it is not asked);
- ``{top: D, among: [D, ...]}``: D has the most points of ``among`` (the loader fills it in:
  every shown dimension when the author leaves it out). A tie goes to the dimension listed
  first in ``among``, so exactly one dimension is always on top;
- ``{tie: [D, E, ...], among: [...]}``: D, E... share the most points of ``among``: none of
  ``among`` has more than any of them.

A named condition (``{condition: NAME}``) is replaced by the condition it names when the quiz
is loaded, so nothing here meets one.

``all``, ``any`` and ``not`` combine them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from html import escape

from .model import Answers, Condition, Quiz, number_text

__all__ = [
    "clause",
    "describe",
    "describe_html",
    "evaluate",
    "is_nested",
    "leaf_kind",
    "map_bounds",
    "map_leaves",
    "references",
    "tied",
    "top_of",
]

LEAF_KINDS = ("score", "answer", "count", "value", "top", "tie")


def leaf_kind(leaf: Condition) -> str:
    """Which kind of leaf ``leaf`` is (:data:`LEAF_KINDS`)."""
    return next(kind for kind in LEAF_KINDS if kind in leaf)


def top_of(among: list[str], scores: Mapping[str, Fraction | int]) -> str:
    """The dimension of ``among`` with the most points; a tie goes to the one listed first."""
    best = among[0]
    for dimension in among[1:]:
        if scores.get(dimension, 0) > scores.get(best, 0):
            best = dimension
    return best


def tied(tie: list[str], among: list[str], scores: Mapping[str, Fraction | int]) -> bool:
    """Whether every dimension of ``tie`` has the most points of ``among``."""
    most = max(scores.get(d, 0) for d in among)
    return all(scores.get(d, 0) == most for d in tie)


def _picked(answers: Answers, question: str) -> list[str]:
    given = answers.get(question)
    if isinstance(given, list):
        return given
    return [] if given is None or isinstance(given, int) else [given]


def evaluate(
    condition: Condition | None, answers: Answers, scores: Mapping[str, Fraction | int]
) -> bool:
    """True when ``condition`` holds; an absent condition always holds."""
    if condition is None:
        return True
    if "all" in condition:
        return all(evaluate(c, answers, scores) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, answers, scores) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers, scores)
    kind = leaf_kind(condition)
    if kind == "top":
        return bool(top_of(condition["among"], scores) == condition["top"])
    if kind == "tie":
        return tied(condition["tie"], condition["among"], scores)
    if kind == "answer":
        wanted = [condition["is"]] if "is" in condition else condition["in"]
        return any(option in wanted for option in _picked(answers, condition["answer"]))
    if kind == "value":
        given = answers.get(condition["value"])
        if not isinstance(given, int):
            return False  # not asked
        value: Fraction | int = given
    elif kind == "score":
        value = scores.get(condition["score"], 0)
    else:
        value = len(_picked(answers, condition["count"]))
    if "below" in condition:
        return bool(value < condition["below"])
    return bool(value >= condition["at_least"])


def map_leaves(
    condition: Condition | None, change: Callable[[Condition], Condition]
) -> Condition | None:
    """A copy of ``condition`` with ``change`` applied to every leaf."""
    if condition is None:
        return None
    for key in ("all", "any"):
        if key in condition:
            return {key: [map_leaves(part, change) for part in condition[key]]}
    if "not" in condition:
        return {"not": map_leaves(condition["not"], change)}
    return change(dict(condition))


def map_bounds(
    condition: Condition | None, change: Callable[[Fraction], object]
) -> Condition | None:
    """A copy of ``condition`` with ``change`` applied to every bound on points (a count of
    ticked boxes is a whole number and stays as it is)."""

    def leaf(part: Condition) -> Condition:
        if "score" in part:
            for key in ("below", "at_least"):
                if key in part:
                    part[key] = change(part[key])
        return part

    return map_leaves(condition, leaf)


def references(condition: Condition | None) -> Iterator[tuple[str, Condition]]:
    """Each leaf of ``condition`` with its kind: "score", "answer", "count" or "top"."""
    if condition is None:
        return
    for key in ("all", "any"):
        if key in condition:
            for part in condition[key]:
                yield from references(part)
            return
    if "not" in condition:
        yield from references(condition["not"])
    else:
        yield leaf_kind(condition), condition


_number = number_text


def describe(condition: Condition | None, quiz: Quiz, words: Mapping[str, str]) -> str:
    """The condition in plain words, for readers working their result out by hand; every word
    comes from ``words`` (the quiz strings of the page's language)."""
    if condition is None:
        return words["cond_otherwise"]
    return words["cond_sentence"].format(condition=_capital(_describe(condition, quiz, words)))


def clause(condition: Condition, quiz: Quiz, words: Mapping[str, str]) -> str:
    """The condition as a clause to put in a sentence ("you answered “Bad” to question 1")."""
    return _describe(condition, quiz, words)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(quiz: Quiz, dimension: str, words: Mapping[str, str]) -> str:
    return words["quoted"].format(text=quiz.dimensions[dimension].label)


def _describe(condition: Condition, quiz: Quiz, words: Mapping[str, str]) -> str:
    if "all" in condition:
        return words["cond_and"].join(_describe(c, quiz, words) for c in condition["all"])
    if "any" in condition:
        either = words["cond_or"].join(_describe(c, quiz, words) for c in condition["any"])
        return words["cond_either"].format(conditions=either)
    if "not" in condition:
        return words["cond_not"].format(condition=_describe(condition["not"], quiz, words))
    kind = leaf_kind(condition)
    bound = "below" if "below" in condition else "at_least"
    if kind == "score":
        label = _label(quiz, condition["score"], words)
        return words[f"cond_score_{bound}"].format(label=label, n=_number(condition[bound]))
    if kind == "top":
        among = words["list_separator"].join(_label(quiz, d, words) for d in condition["among"])
        return words["cond_top"].format(label=_label(quiz, condition["top"], words), among=among)
    if kind == "tie":
        tie = words["cond_and"].join(_label(quiz, d, words) for d in condition["tie"])
        among = words["list_separator"].join(_label(quiz, d, words) for d in condition["among"])
        return words["cond_tie"].format(labels=tie, among=among)
    question = quiz.question(condition[kind])
    number = quiz.questions.index(question) + 1
    if kind in ("count", "value"):
        return words[f"cond_{kind}_{bound}"].format(n=condition[bound], q=number)
    labels = {o.id: o.label for o in question.options}
    wanted = [condition["is"]] if "is" in condition else condition["in"]
    choices = words["cond_or"].join(words["quoted"].format(text=labels[w]) for w in wanted)
    return words["cond_answer"].format(choices=choices, q=number)


def is_nested(condition: Condition) -> bool:
    """Whether an `all`/`any` holds another `all`/`any`: then words alone are ambiguous."""
    parts = condition.get("all") or condition.get("any") or []
    return any("all" in part or "any" in part or is_nested(part.get("not") or {}) for part in parts)


def describe_html(condition: Condition | None, quiz: Quiz, words: Mapping[str, str]) -> str:
    """The condition for the page: a sentence, or, where `all` and `any` nest (and words
    alone could be read two ways), nested lists: "All of these:" / "One of these:"."""
    if condition is None or not is_nested(condition):
        return f"<p>{escape(describe(condition, quiz, words))}</p>"
    return _list(condition, quiz, words)


def _list(condition: Condition, quiz: Quiz, words: Mapping[str, str]) -> str:
    key = "all" if "all" in condition else "any"
    heading = words["cond_all_list"] if key == "all" else words["cond_any_list"]
    items = "".join(
        "<li>"
        + (
            _list(part, quiz, words)
            if "all" in part or "any" in part
            else escape(_capital(_describe(part, quiz, words)))
        )
        + "</li>"
        for part in condition[key]
    )
    return f"<p>{escape(heading)}</p><ul>{items}</ul>"
