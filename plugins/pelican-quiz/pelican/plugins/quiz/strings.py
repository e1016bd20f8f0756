"""Interface strings of the quiz, in the language of the page that holds it.

For a page in language ``lang`` (Pelican's ``lang``: the page's metadata, or ``DEFAULT_LANG``),
the strings are these English defaults, under the built-in translation for that language
(``locales/<lang>.json``, picked with no setting), under the site's ``QUIZ_STRINGS``: either
one mapping for every language, or a mapping per language code (``{"fr": {...}}``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .toolkit.settings import merge_known

__all__ = [
    "DEFAULT_STRINGS",
    "LOCALES",
    "QuizStrings",
    "built_in_locales",
    "lang_codes",
    "merge_strings",
]

LOCALES = Path(__file__).with_name("locales")

DEFAULT_STRINGS: dict[str, str] = {
    "nojs_note": "Choose your answers, then open “How the result is worked out” below to find "
    "your result.",
    "progress": "Question {n} of {total}",
    # While a later question depends on answers not given yet.
    "progress_up_to": "Question {n} of up to {total}",
    "back": "Back",
    "next": "Next",
    "finish": "See my result",
    "result_heading": "Your result",
    "result_link": "Go to: {label}",
    "scores_heading": "Your scores",
    "score_text": "{label}: {score} of {max} points",
    # For a dimension whose least is not 0.
    "score_range_text": "{label}: {score} points, on a range from {min} to {max}",
    "revisit_heading": "Worth revisiting",
    "start_again": "Start again",
    "forget": "Forget my answers",
    "forgotten": "Your answers are forgotten.",
    "choose_first": "Choose an answer to go on.",
    "how_title": "How the result is worked out",
    "how_intro": "Each answer adds points to these areas: {labels}. Add up your points for each "
    "area, then go down the results below: the first one that fits your answers is "
    "yours.",
    # When every rule is said in answers (`result: {scores: false}`): nothing to add up.
    "how_intro_answers": "Go down the results below: the first one that fits your answers is "
    "yours.",
    "points_caption": "Points for each answer",
    "question_column": "Question and answer",
    # A number question: the label of its field when it names no unit, the reminder when the
    # field is empty or out of range, and its bands in the table of points.
    "number_label": "Your answer",
    "number_first": "Write a whole number from {min} to {max} to go on.",
    "value_from_to": "{low} to {high}",
    "value_at_least": "{n} or more",
    # The row of a question's points for when it is not asked (`skipped:`).
    "not_asked": "Not asked",
    "only_if": "Answer this only if: {condition}",
    "only_if_list": "Answer this only if:",
    "revisit_intro": "Any area where your points are in the weaker half of its range (below "
    "the middle, or above it where fewer points are better) is worth a second look:",
    "max_points": "up to {max} points",
    "range_points": "{min} to {max} points",
    "fewer_is_better": "; fewer points are better",
    "notices_heading": "Shown with your result",
    "summary_link": "Take the quiz: {title}",
    # "How the result is worked out" says each rule in words, built from these.
    "cond_otherwise": "In every other case.",
    "cond_sentence": "{condition}.",
    "cond_and": " and ",
    "cond_or": " or ",
    "cond_either": "either {conditions}",
    "cond_not": "not ({condition})",
    "cond_score_below": "your {label} points add up to less than {n}",
    "cond_score_at_least": "your {label} points add up to {n} or more",
    "cond_top": "your {label} points are the most of {among} (on a tie, the one named first "
    "here counts as the most)",
    "cond_tie": "your {labels} points are equal, and none of {among} has more",
    "cond_count_below": "you ticked fewer than {n} answers in question {q}",
    "cond_count_at_least": "you ticked {n} or more answers in question {q}",
    "cond_value_below": "your answer to question {q} is less than {n}",
    "cond_value_at_least": "your answer to question {q} is {n} or more",
    "cond_answer": "you answered {choices} to question {q}",
    # Where `all` and `any` nest, the rule is written as lists under these.
    "cond_all_list": "All of these hold:",
    "cond_any_list": "One of these holds (or more):",
    "quoted": "“{text}”",
    "list_separator": ", ",
}


def merge_strings(user: Mapping[str, str] | None) -> dict[str, str]:
    """The site's strings over the defaults; an unknown key is a mistake worth naming."""
    return merge_known("QUIZ_STRINGS", DEFAULT_STRINGS, user)


@cache
def built_in_locales() -> dict[str, dict[str, str]]:
    """Each shipped translation, by language code (``fr``, ``pt-br``)."""
    return {
        file.stem.lower(): json.loads(file.read_text(encoding="utf-8"))
        for file in sorted(LOCALES.glob("*.json"))
    }


def lang_codes(lang: str | None) -> list[str]:
    """The codes to look ``lang`` up by, narrowest first: ``pt_BR`` gives ``pt-br``, ``pt``."""
    code = (lang or "").strip().lower().replace("_", "-")
    if not code:
        return []
    base = code.split("-")[0]
    return [code] if base == code else [code, base]


class QuizStrings:
    """The strings for each page language, from the ``QUIZ_STRINGS`` setting."""

    def __init__(self, setting: Mapping[str, Any]) -> None:
        values = list(setting.values())
        per_language = bool(values) and all(isinstance(v, Mapping) for v in values)
        if values and not per_language and not all(isinstance(v, str) for v in values):
            raise ValueError(
                "QUIZ_STRINGS: give either strings (for every language) or a mapping of them "
                "for each language code, such as {'fr': {'next': 'Suivant'}}, not both"
            )
        self._every: Mapping[str, str] = {} if per_language else setting
        self._by_code = {
            code.lower().replace("_", "-"): strings
            for code, strings in (setting.items() if per_language else ())
        }
        merge_strings(self._every)
        for code, strings in self._by_code.items():
            merge_known(f"QUIZ_STRINGS['{code}']", DEFAULT_STRINGS, strings)
        self._made: dict[str, dict[str, str]] = {}

    def for_language(self, lang: str | None) -> dict[str, str]:
        """The strings of a page in ``lang``: the site's own over the built-in translation
        over English."""
        key = lang or ""
        if key not in self._made:
            codes = lang_codes(lang)[::-1]  # the base language's, then the region's over it
            merged = dict(DEFAULT_STRINGS)
            for code in codes:
                merged.update(built_in_locales().get(code, {}))
            merged.update(self._every)
            for code in codes:
                merged.update(self._by_code.get(code, {}))
            self._made[key] = merged
        return self._made[key]
