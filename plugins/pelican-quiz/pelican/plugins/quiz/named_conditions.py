"""Conditions written once and used by name: ``conditions: {heavy: {...}}`` at the top of a
quiz, and ``{condition: heavy}`` anywhere a condition may stand (show_if, when, guarantees,
other named conditions). The loader replaces each use by the condition it names, so the proof,
the scorer and the widget only ever see whole conditions.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from .model import Condition
from .toolkit.located_yaml import Located, SourceError, leaves

__all__ = ["expand", "named_condition_errors"]


def _uses(condition: Any) -> list[str]:
    """The names ``condition`` uses, directly."""
    return [value for where, value in leaves(condition) if where and where[-1] == "condition"]


def named_condition_errors(
    located: Located, path: str, unknown: Callable[[str, str, list[str]], str]
) -> list[SourceError]:
    """A use of a name no condition has, and a named condition that uses itself."""
    names: Mapping[str, Any] = located.data.get("conditions", {})
    errors = []
    for where, value in leaves(located.data):
        if where and where[-1] == "condition" and value not in names:
            message = f"{unknown('condition', value, list(names))}"
            errors.append(SourceError(path, located.line_of(where), message))
    reported: set[str] = set()
    for name in names:
        cycle = _cycle(name, names, [])
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            errors.append(
                SourceError(
                    path,
                    located.line_of(("conditions", cycle[0])),
                    f"condition '{cycle[0]}' uses itself: {' -> '.join([*cycle, cycle[0]])}",
                )
            )
    return sorted(errors, key=lambda error: error.line or 0)


def _cycle(name: str, names: Mapping[str, Any], trail: list[str]) -> list[str]:
    if name in trail:
        return trail[trail.index(name) :]
    for used in _uses(names.get(name)):
        if used in names:
            found = _cycle(used, names, [*trail, name])
            if found:
                return found
    return []


def expand(condition: Condition | None, names: Mapping[str, Condition]) -> Condition | None:
    """``condition`` with every named condition replaced by what it names (the names are
    known and use no cycle: :func:`named_condition_errors` found none)."""
    if condition is None:
        return None
    if "condition" in condition:
        return expand(copy.deepcopy(names[condition["condition"]]), names)
    for key in ("all", "any"):
        if key in condition:
            return {key: [expand(part, names) for part in condition[key]]}
    if "not" in condition:
        return {"not": expand(condition["not"], names)}
    return dict(condition)
