"""Merge a mapping setting over its documented defaults, naming any key that is not known."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

__all__ = ["fill_defaults", "merge_known"]

V = TypeVar("V")


def merge_known(
    setting: str, defaults: Mapping[str, V], user: Mapping[str, Any] | None
) -> dict[str, V]:
    """``user`` over ``defaults``; a key the defaults do not have is a mistake worth naming."""
    merged = {**defaults, **(user or {})}
    unknown = sorted(set(merged) - set(defaults))
    if unknown:
        raise ValueError(
            f"{setting}: unknown key(s) {', '.join(unknown)}; known: {', '.join(defaults)}"
        )
    return merged


def fill_defaults(
    settings: dict[str, Any],
    defaults: Mapping[str, Any],
    types: Mapping[str, type | tuple[type, ...]],
    plugin: str,
) -> None:
    """Fill a plugin's documented defaults into ``settings``; refuse a value of the wrong type."""
    for name, default in defaults.items():
        settings.setdefault(name, default)
        wanted = types[name]
        value = settings[name]
        if not isinstance(value, wanted) or (
            isinstance(value, bool) and bool not in _tuple(wanted)
        ):
            names = " or ".join(t.__name__ for t in _tuple(wanted))
            raise ValueError(f"[{plugin}] {name} must be {names}, not {value!r}")


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)
