"""Conditions (`when`, `show_if`): evaluate them, list what they refer to, say them in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from html import escape
from typing import Any

from .model import Answers, Condition, Quiz, number_text

__all__ = ["describe", "describe_html", "evaluate", "map_bounds", "references"]


def evaluate(condition: Condition | None, answers: Answers, scores: Mapping[str, Fraction]) -> bool:
    """True when ``condition`` holds; an absent condition always holds."""
    if condition is None:
        return True
    if "all" in condition:
        return all(evaluate(c, answers, scores) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, answers, scores) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers, scores)
    if "score" in condition:
        value = scores.get(condition["score"], 0)
        if "below" in condition:
            return bool(value < condition["below"])
        return bool(value >= condition["at_least"])
    given = answers.get(condition["answer"])
    chosen = given if isinstance(given, list) else ([] if given is None else [given])
    wanted = [condition["is"]] if "is" in condition else condition["in"]
    return any(option in wanted for option in chosen)


def map_bounds(condition: Condition | None, change: Callable[[Any], Any]) -> Condition | None:
    """A copy of ``condition`` with ``change`` applied to every score bound (below, at_least)."""
    if condition is None:
        return None
    copy: Condition = {}
    for key, value in condition.items():
        if key in ("below", "at_least"):
            copy[key] = change(value)
        elif key in ("all", "any"):
            copy[key] = [map_bounds(part, change) for part in value]
        elif key == "not":
            copy[key] = map_bounds(value, change)
        else:
            copy[key] = value
    return copy


def references(condition: Condition | None) -> Iterator[tuple[str, Condition]]:
    """Each leaf of ``condition`` with its kind: ("score", leaf) or ("answer", leaf)."""
    if condition is None:
        return
    for key in ("all", "any"):
        if key in condition:
            for part in condition[key]:
                yield from references(part)
            return
    if "not" in condition:
        yield from references(condition["not"])
    elif "score" in condition:
        yield "score", condition
    else:
        yield "answer", condition


_number = number_text


def describe(condition: Condition | None, quiz: Quiz) -> str:
    """The condition in plain words, for readers working their result out by hand."""
    if condition is None:
        return "In every other case."
    text = _describe(condition, quiz)
    return text[0].upper() + text[1:] + "."


def _describe(condition: Condition, quiz: Quiz) -> str:
    if "all" in condition:
        return " and ".join(_describe(c, quiz) for c in condition["all"])
    if "any" in condition:
        return "either " + " or ".join(_describe(c, quiz) for c in condition["any"])
    if "not" in condition:
        return f"not ({_describe(condition['not'], quiz)})"
    if "score" in condition:
        label = quiz.dimensions[condition["score"]].label
        if "below" in condition:
            return f"your “{label}” points add up to less than {_number(condition['below'])}"
        return f"your “{label}” points add up to {_number(condition['at_least'])} or more"
    question = quiz.question(condition["answer"])
    number = quiz.questions.index(question) + 1
    labels = {o.id: o.label for o in question.options}
    wanted = [condition["is"]] if "is" in condition else condition["in"]
    choices = " or ".join(f"“{labels[w]}”" for w in wanted)
    return f"you answered {choices} to question {number}"


def _nested(condition: Condition) -> bool:
    """Whether an `all`/`any` holds another `all`/`any`: then words alone are ambiguous."""
    parts = condition.get("all") or condition.get("any") or []
    return any("all" in part or "any" in part or _nested(part.get("not") or {}) for part in parts)


def describe_html(condition: Condition | None, quiz: Quiz) -> str:
    """The condition for the page: a sentence, or, where `all` and `any` nest (and words
    alone could be read two ways), nested lists: "All of these:" / "One of these:"."""
    if condition is None or not _nested(condition):
        return f"<p>{escape(describe(condition, quiz))}</p>"
    return _list(condition, quiz)


def _list(condition: Condition, quiz: Quiz) -> str:
    key = "all" if "all" in condition else "any"
    heading = "All of these hold:" if key == "all" else "One of these holds (or more):"
    items = "".join(
        "<li>"
        + (_list(part, quiz) if "all" in part or "any" in part else escape(_sentence(part, quiz)))
        + "</li>"
        for part in condition[key]
    )
    return f"<p>{heading}</p><ul>{items}</ul>"


def _sentence(condition: Condition, quiz: Quiz) -> str:
    text = _describe(condition, quiz)
    return text[0].upper() + text[1:]
