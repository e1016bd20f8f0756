"""The quiz as plain data: what the YAML says, checked and typed. Knows nothing of Pelican."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .toolkit.located_yaml import Located, YamlPath

__all__ = [
    "Answers",
    "Band",
    "Case",
    "Condition",
    "Dimension",
    "Guarantee",
    "Notice",
    "Option",
    "Outcome",
    "Question",
    "Quiz",
    "ResultView",
    "exact",
    "number_text",
]


def exact(value: float | int | Fraction) -> Fraction:
    """A number as the author wrote it: 0.7 is seven tenths, so 0.7 + 0.1 is 0.8, exactly."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


def number_text(value: Fraction | float | int) -> str:
    """A number as an author writes it: 2, 0.8, -1.5."""
    value = exact(value)
    text = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# A condition stays the plain mapping from the YAML ({score: time, below: 2}, {all: [...]}).
Condition = dict[str, Any]
# One reader's answers: question id -> option id (single, scale), option ids (multiple) or a
# whole number (number).
Answers = dict[str, str | list[str] | int]


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    link: str  # "" for a hidden dimension given no link
    hidden: bool = False  # used by rules, never shown as a score or to revisit
    lower_is_better: bool = False  # `better: lower`: worth revisiting when high, not low


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    score: dict[str, Fraction] = field(default_factory=dict)
    feedback: str = ""


@dataclass(frozen=True)
class Band:
    """The points a number question adds for the values below ``below`` (the first band that
    holds counts; one with no ``below`` takes every value left)."""

    below: int | None
    score: dict[str, Fraction] = field(default_factory=dict)


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    type: str
    options: tuple[Option, ...]
    help: str = ""
    show_if: Condition | None = None
    # What the question adds when `show_if` skips it (a skipped item counted as 1, say).
    skipped: dict[str, Fraction] = field(default_factory=dict)
    # A number question (type: number): its whole-number answer from `least` to `most`, with
    # a unit for its label, and its points by bands of the value.
    least: int = 0
    most: int = 0
    unit: str = ""
    bands: tuple[Band, ...] = ()

    def option_ids(self) -> list[str]:
        return [option.id for option in self.options]

    def answer_points(self) -> list[dict[str, Fraction]]:
        """The points of each answer it can be given: its options', or its bands'."""
        return [o.score for o in self.options] + [b.score for b in self.bands]

    def band_of(self, value: int) -> Band | None:
        """The band a number answer falls in (none when it is past every `below`)."""
        return next((b for b in self.bands if b.below is None or value < b.below), None)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    link: str
    body: str = ""
    when: Condition | None = None


@dataclass(frozen=True)
class Notice:
    """A message shown beside whichever outcome is reached, when its own `when` holds."""

    id: str
    text: str
    when: Condition


@dataclass(frozen=True)
class Guarantee:
    """A promise proved over every answer set: whenever ``when`` holds, the outcome is none of
    ``never``, one of ``only`` (when given), and every notice of ``shows`` is shown."""

    id: str
    when: Condition | None
    never: tuple[str, ...] = ()
    only: tuple[str, ...] | None = None
    shows: tuple[str, ...] = ()
    index: int = 0


@dataclass(frozen=True)
class ResultView:
    """What the result shows besides the outcome (`result:` in the YAML)."""

    scores: bool = True  # the points and bars of every shown dimension
    revisit: int | None = None  # at most this many areas worth revisiting; None: all of them


@dataclass(frozen=True)
class Case:
    answers: Answers
    expect: str
    index: int


@dataclass
class Quiz:
    id: str
    title: str
    dimensions: dict[str, Dimension]
    questions: list[Question]
    outcomes: list[Outcome]
    intro: str = ""
    tests: list[Case] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    guarantees: list[Guarantee] = field(default_factory=list)
    result: ResultView = field(default_factory=ResultView)
    lang: str | None = None  # the language of its text, when it says
    translation_of: str | None = None  # the id of the quiz it translates
    source_path: str = ""
    located: Located | None = None

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def shown_dimensions(self) -> list[Dimension]:
        """The dimensions a reader sees scores for (all but the hidden ones)."""
        return [d for d in self.dimensions.values() if not d.hidden]

    def line_of(self, path: YamlPath) -> int | None:
        return self.located.line_of(path) if self.located else None

    def links(self) -> list[tuple[YamlPath, str]]:
        """Every link in the quiz with where it stands."""
        found: list[tuple[YamlPath, str]] = [
            (("dimensions", d.id, "link"), d.link) for d in self.dimensions.values() if d.link
        ]
        found += [(("outcomes", i, "link"), o.link) for i, o in enumerate(self.outcomes)]
        return found
