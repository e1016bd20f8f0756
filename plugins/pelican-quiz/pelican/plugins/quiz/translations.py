"""Quizzes translated into other languages: a file with ``lang:`` and ``translation_of:`` is
the same quiz as its original in every way a reader's route depends on (questions, options,
dimensions, points, rules, tests), and differs only in text and links. The build proves it by
comparing the two files with their text taken out, and names the first place they differ.

A page in the translation's language that embeds the original gets the translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .loader import unknown
from .model import Quiz
from .schema import where_in
from .strings import lang_codes
from .toolkit.located_yaml import SourceError, YamlPath

__all__ = ["translation_errors", "translations_by_language"]

# The fields a translation may change: words a reader reads, and links to translated pages.
_TEXT = frozenset(
    {"title", "intro", "prompt", "help", "label", "feedback", "body", "text", "link", "unit"}
)
_OWN = frozenset({"lang", "translation_of"})


def _routing(data: Any) -> Any:
    """``data`` without any text: what a route depends on."""
    if isinstance(data, dict):
        return {k: _routing(v) for k, v in data.items() if k not in _TEXT | _OWN}
    if isinstance(data, list):
        return [_routing(item) for item in data]
    return data


def _first_difference(left: Any, right: Any, path: YamlPath) -> tuple[YamlPath, str] | None:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in list(left) + [k for k in right if k not in left]:
            if key not in right:
                return path, f"'{key}' is missing"
            if key not in left:
                return (*path, key), f"'{key}' is not in the original"
            found = _first_difference(left[key], right[key], (*path, key))
            if found:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list):
        for index, (a, b) in enumerate(zip(left, right, strict=False)):
            found = _first_difference(a, b, (*path, index))
            if found:
                return found
        if len(left) != len(right):
            return path, f"{len(right)} items where the original has {len(left)}"
        return None
    if left != right:
        return path, f"{right!r} where the original has {left!r}"
    return None


def translation_errors(quizzes: Mapping[str, Quiz]) -> list[SourceError]:
    """What keeps each translation from routing as its original does."""
    errors = []
    originals = {q.id: q for q in quizzes.values() if q.translation_of is None}
    for quiz in quizzes.values():
        if quiz.translation_of is None:
            continue
        line = quiz.line_of(("translation_of",))
        original = originals.get(quiz.translation_of)
        if original is None:
            errors.append(
                SourceError(
                    quiz.source_path,
                    line,
                    f"translation_of: {unknown('quiz', quiz.translation_of, originals)}",
                )
            )
            continue
        mine = quiz.located.data if quiz.located else {}
        theirs = original.located.data if original.located else {}
        found = _first_difference(_routing(theirs), _routing(mine), ())
        if found is not None:
            path, what = found
            errors.append(
                SourceError(
                    quiz.source_path,
                    quiz.line_of(path) or line,
                    f"{where_in(path)}: {what}; a translation of '{original.id}' may change "
                    "only its text and links, so that every answer routes as in the original",
                )
            )
    return errors


def translations_by_language(quizzes: Mapping[str, Quiz]) -> dict[tuple[str, str], Quiz]:
    """(original id, language code) to the translation pages in that language get."""
    found: dict[tuple[str, str], Quiz] = {}
    for quiz in quizzes.values():
        if quiz.translation_of and quiz.lang:
            found[(quiz.translation_of, lang_codes(quiz.lang)[0])] = quiz
    return found
