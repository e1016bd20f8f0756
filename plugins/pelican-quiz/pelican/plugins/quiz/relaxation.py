"""A "there is none" for the verdict search, proved on every point the answers could add to.

Every answer set's points are a sum of what each question adds (answered or skipped), so
they lie in the span of those additions, and each dimension within its range. That span
keeps the relations among dimensions that no answer can break: helper dimensions written as
differences (``extraversion-over-openness``) stay differences of a few totals, so "one of the
five leads" is known of every point. A target that no point of that set meets, over the
rationals, holds for no answer set, however many there are.

The target is split into the conjunctions of bounds it can be met by (its `any`s taken one
branch at a time, a branch dropped as soon as its bounds are contradictory), and each is
decided exactly by Fourier-Motzkin elimination. A rule on answers is a free yes or no, kept
consistent. When the relaxation does not rule the target out, or would take too long to, it
says nothing, and the search (:mod:`.verdict_search`) decides; it is never the last word on a
"yes".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .conditions import leaf_kind
from .model import Condition
from .proof_limits import Limits

__all__ = ["Relaxation"]

# Past this many bounds in one elimination step, or this many conjunctions tried, the
# relaxation gives up and leaves the target to the search.
MOST_BOUNDS = 2_000
MOST_CONJUNCTIONS = 5_000

Form = tuple[Fraction, ...]  # a linear form in the span's coordinates


@dataclass(frozen=True)
class Bound:
    """``form · z <= limit`` (``<`` when strict)."""

    form: Form
    limit: Fraction
    strict: bool

    def negated(self) -> Bound:
        return Bound(tuple(-c for c in self.form), -self.limit, not self.strict)


@dataclass(frozen=True)
class _Every:
    """All of ``parts`` hold."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class _Some:
    """At least one of ``parts`` holds."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class _Rule:
    """A rule on answers (``rule``, as text) holds, or does not: a free yes or no."""

    rule: str
    holds: bool


# A condition in negation normal form: `not` pushed down to the leaves.
Node = _Every | _Some | Bound | _Rule
_TRUE = _Every(())
_FALSE = _Some(())


class _GaveUp(Exception):
    """The relaxation would take too long: the search decides instead."""


class Relaxation:
    """What the points of every answer set to one quiz keep to; rules targets out."""

    def __init__(
        self,
        dimensions: Sequence[str],
        additions: Sequence[Sequence[Fraction | int]],
        ranges: Mapping[str, tuple[Fraction | int, Fraction | int]],
        clock: Limits,
    ) -> None:
        """``additions``: every vector of points a question can add, answered or skipped;
        ``ranges``: each dimension's least and most; ``clock``: the proof's limits."""
        self.clock = clock
        basis = _basis(additions, len(dimensions))
        # Points = sum of z_i * basis_i, so each dimension is a linear form in z.
        self.forms = {d: tuple(row[i] for row in basis) for i, d in enumerate(dimensions)}
        self.size = len(basis)
        self.feasible_sets: dict[frozenset[Bound], bool] = {}
        self.whole: dict[Bound, Row] = {}
        # Each dimension's range, as the coordinates it is made of and two rows.
        self.range_rows = [
            (
                {i for i, c in enumerate(form) if c},
                [
                    _row(Bound(form, Fraction(ranges[d][1]), False)),
                    _row(Bound(_scaled(form, -1), -Fraction(ranges[d][0]), False)),
                ],
            )
            for d, form in self.forms.items()
            if any(form)
        ]

    def rules_out(self, target: Condition, among: list[str] | None = None) -> bool:
        """True when no answer set can meet ``target``; False when it may (or it gave up).
        With ``among``, the one `top` group the target names, it is judged once for each
        dimension that could lead, as exactly one does."""
        self.tried = 0
        leaders: list[str | None] = [None] if among is None else list(among)
        try:
            return not any(
                self._satisfiable(
                    [self._top(lead, among, True), self._normal(target, True, lead)]
                    if lead is not None and among is not None
                    else [self._normal(target, True, None)],
                    frozenset(),
                    frozenset(),
                )
                for lead in leaders
            )
        except _GaveUp:
            return False

    # Negation normal form, with every score rule a bound on the span's coordinates.

    def _normal(self, condition: Condition, holds: bool, lead: str | None) -> Node:
        if "all" in condition or "any" in condition:
            key = "all" if "all" in condition else "any"
            flipped = key if holds else ("any" if key == "all" else "all")
            parts = tuple(self._normal(c, holds, lead) for c in condition[key])
            return _Every(parts) if flipped == "all" else _Some(parts)
        if "not" in condition:
            return self._normal(condition["not"], not holds, lead)
        kind = leaf_kind(condition)
        if kind == "score":
            form = self.forms[condition["score"]]
            if "below" in condition:  # points < bound
                bound = Bound(form, Fraction(condition["below"]), True)
            else:  # points >= bound, that is -points <= -bound
                bound = Bound(_scaled(form, -1), -Fraction(condition["at_least"]), False)
            return self._bound(bound if holds else bound.negated())
        if kind == "top":
            if lead is not None:  # judged for this leader
                return _TRUE if (condition["top"] == lead) == holds else _FALSE
            return self._top(condition["top"], condition["among"], holds)
        if kind == "tie":
            most = [
                Bound(_minus(self.forms[y], self.forms[d]), Fraction(0), False)
                for d in condition["tie"]
                for y in condition["among"]
                if y != d
            ]
            return self._all_of(most, holds)
        return _Rule(repr(sorted(condition.items())), holds)

    def _top(self, x: str, among: list[str], holds: bool) -> Node:
        """``x`` is on top of ``among`` (or is not, when not ``holds``): it has at least the
        points of each dimension listed after it, and more than each listed before it."""
        first = among.index(x)
        beats = [
            Bound(_minus(self.forms[y], self.forms[x]), Fraction(0), j < first)
            for j, y in enumerate(among)
            if y != x
        ]
        return self._all_of(beats, holds)

    def _all_of(self, bounds: list[Bound], holds: bool) -> Node:
        if holds:
            return _Every(tuple(self._bound(b) for b in bounds))
        return _Some(tuple(self._bound(b.negated()) for b in bounds))

    def _bound(self, bound: Bound) -> Node:
        if any(bound.form):
            return bound
        met = bound.limit > 0 if bound.strict else bound.limit >= 0
        return _TRUE if met else _FALSE

    # The conjunctions, one `any` branch at a time.

    def _satisfiable(
        self, pending: list[Node], bounds: frozenset[Bound], rules: frozenset[_Rule]
    ) -> bool:
        self.tried += 1
        self.clock.check(self.tried)
        if self.tried > MOST_CONJUNCTIONS:
            raise _GaveUp
        pending, choices, grown = list(pending), list[_Some](), False
        while pending:
            node = pending.pop()
            if isinstance(node, _Every):
                pending.extend(node.parts)
            elif isinstance(node, Bound):
                grown = grown or node not in bounds
                bounds |= {node}
            elif isinstance(node, _Rule):
                if _Rule(node.rule, not node.holds) in rules:
                    return False
                rules |= {node}
            elif len(node.parts) == 1:
                pending.append(node.parts[0])
            elif not node.parts:
                return False
            else:
                choices.append(node)
        if grown and not self._feasible(bounds):
            return False
        if not choices:
            return True
        # Branch on the `any` with the fewest parts; the others wait their turn.
        fewest = min(choices, key=lambda c: len(c.parts))
        rest: list[Node] = [c for c in choices if c is not fewest]
        return any(self._satisfiable([*rest, part], bounds, rules) for part in fewest.parts)

    def _feasible(self, bounds: frozenset[Bound]) -> bool:
        known = self.feasible_sets.get(bounds)
        if known is None:
            known = self.feasible_sets[bounds] = _feasible(self._rows(bounds), self.size)
        return known

    def _rows(self, bounds: frozenset[Bound]) -> list[Row]:
        """The bounds, and the range of each dimension they touch, in whole numbers."""
        rows = []
        for bound in bounds:
            row = self.whole.get(bound)
            if row is None:
                row = self.whole[bound] = _row(bound)
            rows.append(row)
        touched = {i for b in bounds for i, c in enumerate(b.form) if c}
        for coordinates, within in self.range_rows:
            if coordinates & touched:
                rows += within
        return rows


def _minus(a: Form, b: Form) -> Form:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def _scaled(a: Form, by: Fraction | int) -> Form:
    return tuple(x * by for x in a)


def _basis(vectors: Sequence[Sequence[Fraction | int]], width: int) -> list[list[Fraction]]:
    """A basis of the span of ``vectors`` (row echelon form, by Gaussian elimination)."""
    basis: list[list[Fraction]] = []
    pivots: list[int] = []
    for vector in vectors:
        row = [Fraction(x) for x in vector]
        for pivot, base in zip(pivots, basis, strict=True):
            if row[pivot]:
                factor = row[pivot] / base[pivot]
                row = [x - factor * y for x, y in zip(row, base, strict=True)]
        lead = next((i for i in range(width) if row[i]), None)
        if lead is not None:
            basis.append(row)
            pivots.append(lead)
    return basis


# Fourier-Motzkin works on whole numbers: a row is (coefficients with no common factor,
# limit numerator, limit denominator, strict), meaning coefficients · z <= num / den.
Row = tuple[tuple[int, ...], int, int, bool]


def _row(bound: Bound) -> Row:
    scale = math.lcm(bound.limit.denominator, *(c.denominator for c in bound.form))
    form = tuple(int(c * scale) for c in bound.form)
    return _reduced(
        form, bound.limit.numerator * (scale // bound.limit.denominator), 1, bound.strict
    )


def _reduced(form: tuple[int, ...], num: int, den: int, strict: bool) -> Row:
    common = math.gcd(*form)
    if common > 1:
        form = tuple(c // common for c in form)
        den *= common
    shared = math.gcd(num, den)
    return form, num // shared, den // shared, strict


def _feasible(given: list[Row], size: int) -> bool:
    """Whether some rational z meets every row: Fourier-Motzkin elimination, exact."""
    rows = _tidy(given)
    left = set(range(size))
    while rows is not None and left:
        # Eliminate the coordinate that makes the fewest new bounds.
        k = min(left, key=lambda i: _pairs(rows or [], i))
        left.discard(k)
        rising = [r for r in rows if r[0][k] > 0]
        falling = [r for r in rows if r[0][k] < 0]
        if len(rising) * len(falling) > MOST_BOUNDS:
            raise _GaveUp
        combined = [r for r in rows if not r[0][k]]
        for up, u_num, u_den, u_strict in rising:
            for down, d_num, d_den, d_strict in falling:
                a, c = up[k], -down[k]
                combined.append(
                    _reduced(
                        tuple(c * x + a * y for x, y in zip(up, down, strict=True)),
                        c * u_num * d_den + a * d_num * u_den,
                        u_den * d_den,
                        u_strict or d_strict,
                    )
                )
        rows = _tidy(combined)
    return rows is not None


def _pairs(rows: list[Row], k: int) -> int:
    return sum(r[0][k] > 0 for r in rows) * sum(r[0][k] < 0 for r in rows)


def _tidy(rows: list[Row]) -> list[Row] | None:
    """Each direction kept once, at its tightest, and constant rows checked; None when a row,
    or two opposite ones, leave no room."""
    tightest: dict[tuple[int, ...], Row] = {}
    for row in rows:
        form, num, den, strict = row
        if not any(form):
            if num < 0 or (strict and num == 0):
                return None
            continue
        had = tightest.get(form)
        # Tighter: a smaller limit, or the same one strict.
        if had is None or (num * had[2], not strict) < (had[1] * den, not had[3]):
            tightest[form] = row
    for form, (_, num, den, strict) in tightest.items():
        other = tightest.get(tuple(-c for c in form))
        if other is not None:
            # form <= num/den and -form <= other: room when num/den + other >= 0.
            room = num * other[2] + other[1] * den
            if room < 0 or (room == 0 and (strict or other[3])):
                return None
    return list(tightest.values())
