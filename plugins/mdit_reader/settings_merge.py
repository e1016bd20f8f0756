"""Merge a mapping setting over its documented defaults, naming any key that is not known."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

__all__ = ["merge_known"]

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
