"""What the rules of a quiz see: the bounds, `top` groups and option sets its conditions name,
and so which answers to a question they can tell apart. The exact proof (:mod:`.exact`) keeps
no more than this of any answer set."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise

from .conditions import references
from .model import Condition, Question, Quiz

__all__ = [
    "Choice",
    "Seen",
    "View",
    "choices",
    "decisive_rules",
    "point_scale",
    "rules",
    "seen_by_rules",
]


def decisive_rules(quiz: Quiz) -> list[Condition | None]:
    """The conditions a finished answer set is judged by: outcomes, notices, guarantees."""
    return (
        [o.when for o in quiz.outcomes]
        + [n.when for n in quiz.notices]
        + [g.when for g in quiz.guarantees]
    )


def rules(quiz: Quiz) -> list[Condition | None]:
    """Every condition the proof must tell apart: :func:`decisive_rules`, then each show_if."""
    return decisive_rules(quiz) + [q.show_if for q in quiz.questions]


@dataclass
class Seen:
    """What the rules look at."""

    bounds: dict[str, list[Fraction]] = field(default_factory=dict)  # dimension -> its bounds
    groups: list[tuple[str, ...]] = field(default_factory=list)  # each `top`'s among
    # question -> each distinct option set an `answer` leaf names (`is` or `in`): all the
    # rules can tell of an answer is which of these sets it picks from
    answers: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    counts: set[str] = field(default_factory=set)  # questions whose ticks are counted
    # number question -> the bounds its `value` leaves put on its answer
    values: dict[str, set[int]] = field(default_factory=dict)
    # Of those, the ones an outcome, a notice or a guarantee looks at: once a part is
    # finished, the answers only its show_if looked at are no longer needed.
    decisive: set[str] = field(default_factory=set)

    def dimensions(self, quiz: Quiz) -> list[str]:
        used = set(self.bounds).union(*map(set, self.groups))
        return [d for d in quiz.dimensions if d in used]


def seen_by_rules(quiz: Quiz) -> Seen:
    """What the conditions of ``quiz`` look at; :func:`rules` lists the decisive ones first,
    then the show_ifs."""
    seen = Seen()
    decisive = len(decisive_rules(quiz))
    for number, condition in enumerate(rules(quiz)):
        for kind, leaf in references(condition):
            if kind in ("answer", "count", "value") and number < decisive:
                seen.decisive.add(leaf[kind])
            if kind == "value":
                bound = leaf["below"] if "below" in leaf else leaf["at_least"]
                seen.values.setdefault(leaf["value"], set()).add(int(bound))
            if kind == "score":
                bound = leaf["below"] if "below" in leaf else leaf["at_least"]
                seen.bounds.setdefault(leaf["score"], []).append(Fraction(bound))
            elif kind == "top" and tuple(leaf["among"]) not in seen.groups:
                seen.groups.append(tuple(leaf["among"]))
            elif kind == "tie":
                # A tie holds when each of its dimensions, listed first, would be on top.
                for first in leaf["tie"]:
                    group = (first, *(d for d in leaf["among"] if d != first))
                    if group not in seen.groups:
                        seen.groups.append(group)
            elif kind == "answer":
                wanted = frozenset([leaf["is"]] if "is" in leaf else leaf["in"])
                sets = seen.answers.setdefault(leaf["answer"], [])
                if wanted not in sets:
                    sets.append(wanted)
            elif kind == "count":
                seen.counts.add(leaf["count"])
    return seen


def point_scale(quiz: Quiz) -> int:
    """The number of parts a point is counted in, so that every sum of points and every bound
    is a whole number: the proof and the widget both add whole numbers (0.7 + 0.1 is 0.8)."""
    numbers = [Fraction(b) for bounds in seen_by_rules(quiz).bounds.values() for b in bounds]
    numbers += [o.score[d] for q in quiz.questions for o in q.options for d in o.score]
    numbers += [points for q in quiz.questions for points in q.skipped.values()]
    numbers += [p for q in quiz.questions for band in q.bands for p in band.score.values()]
    return math.lcm(1, *(n.denominator for n in numbers))


# What the rules see of one answer: for each option set of the question's `answer` leaves,
# whether the answer picks from it, and for `count`, how many boxes are ticked.
View = tuple[tuple[bool, ...], int] | None


@dataclass(frozen=True)
class Choice:
    answer: str | list[str] | int
    delta: tuple[int, ...]  # the points it adds to each of its part's dimensions
    view: View  # what the rules see of it: the answer, the number ticked, or nothing
    ways: int  # answer sets it stands for (answers nothing can tell apart are merged)


def choices(question: Question, dimensions: list[str], scale: int, seen: Seen) -> list[Choice]:
    """The answers to ``question`` that the rules can tell apart, each with how many answers
    it stands for. A multiple question's 2^n answers are merged option by option, never
    listed: what counts is the points they add, which of the rules' option sets they pick
    from, and how many boxes they tick."""
    if question.type == "number":
        return _number_choices(question, dimensions, scale, seen)
    sets = seen.answers.get(question.id, [])
    counted = question.id in seen.counts
    looked_at = bool(sets) or counted
    points = {
        o.id: tuple(int(o.score.get(d, 0) * scale) for d in dimensions) for o in question.options
    }
    # (points added, option sets picked from, boxes ticked) -> (answers, the first of them)
    Key = tuple[tuple[int, ...], tuple[bool, ...], int]
    found: dict[Key, tuple[int, str | list[str]]] = {}
    if question.type != "multiple":
        for option, add in points.items():
            key = (add, tuple(option in s for s in sets), 1)
            had = found.get(key)
            found[key] = (1, option) if had is None else (had[0] + 1, had[1])
    else:
        ticks: dict[Key, tuple[int, list[str]]] = {
            (tuple(0 for _ in dimensions), tuple(False for _ in sets), 0): (1, [])
        }
        for option, add in points.items():
            following = dict(ticks)
            for (delta, picked, ticked), (ways, example) in ticks.items():
                key = (
                    tuple(a + b for a, b in zip(delta, add, strict=True)),
                    tuple(p or option in s for p, s in zip(picked, sets, strict=True)),
                    ticked + 1 if counted else 0,
                )
                had = following.get(key)
                following[key] = (
                    (ways, [*example, option]) if had is None else (had[0] + ways, had[1])
                )
            ticks = following
        found = dict(ticks)
    return [
        Choice(example, delta, (picked, ticked) if looked_at else None, ways)
        for (delta, picked, ticked), (ways, example) in found.items()
    ]


def _number_choices(
    question: Question, dimensions: list[str], scale: int, seen: Seen
) -> list[Choice]:
    """A number question's answers, split where a band ends or a rule's bound on its value
    falls: within one stretch every value adds the same points and meets the same bounds, so
    the stretch is one choice standing for each of its values."""
    bounds = sorted(seen.values.get(question.id, set()))
    cuts = {question.least, question.most + 1, *bounds}
    cuts |= {b.below for b in question.bands if b.below is not None}
    edges = sorted(c for c in cuts if question.least <= c <= question.most + 1)
    found = []
    for start, end in pairwise(edges):
        band = question.band_of(start)
        delta = tuple(int((band.score.get(d, 0) if band else 0) * scale) for d in dimensions)
        view: View = (tuple(start < b for b in bounds), 0) if bounds else None
        found.append(Choice(start, delta, view, end - start))
    return found
