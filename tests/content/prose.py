"""Small text measures for the content tests: words, n-grams and Flesch reading ease."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n|\n[-*>] ")


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def syllables(word: str) -> int:
    """A common English heuristic: count vowel groups, drop a silent final e."""
    word = word.lower().strip("'")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def flesch_reading_ease(text: str) -> float:
    tokens = words(text)
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if words(s)]))
    total = sum(syllables(w) for w in tokens)
    return 206.835 - 1.015 * (len(tokens) / sentences) - 84.6 * (total / len(tokens))
