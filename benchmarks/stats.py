"""Min / median / max of repeated measurements, and how they are printed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

__all__ = ["Spread", "kib"]


@dataclass(frozen=True)
class Spread:
    low: float
    median: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(min(values), statistics.median(values), max(values))

    def seconds(self) -> str:
        return f"{self.median:.2f} s ({self.low:.2f} to {self.high:.2f})"

    def ratio_to(self, other: Spread) -> float:
        return self.median / other.median


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KB"
