"""The limits of one routing proof: time (``QUIZ_PROOF_SECONDS``) and memory
(``QUIZ_PROOF_MEMORY``). Every stage of the proof asks :meth:`Limits.check` as it goes, so a
proof past either limit stops within a fraction of a second and is an error, never a pass."""

from __future__ import annotations

import os
import resource
import time

__all__ = ["Limits", "ProofTooBig", "ProofTooLong"]


class ProofTooLong(Exception):
    """The proof went past its time limit; ``states`` says how far it got."""

    def __init__(self, seconds: float, states: int) -> None:
        self.seconds, self.states = seconds, states
        super().__init__(f"more than {seconds:g} s ({states:,} distinct states so far)")


class ProofTooBig(Exception):
    """The proof went past its memory limit; ``states`` says how far it got."""

    def __init__(self, megabytes: float, states: int) -> None:
        self.megabytes, self.states = megabytes, states
        super().__init__(f"more than {megabytes:g} MB ({states:,} distinct states so far)")


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_bytes() -> int:
    """The memory this process holds now (Linux), else the most it ever held."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# Memory is read once per this many checks (a few microseconds each time); the clock, always.
_MEMORY_EVERY = 512


class Limits:
    def __init__(self, seconds: float | None, megabytes: float | None = None) -> None:
        self.seconds, self.megabytes = seconds, megabytes
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.ceiling = None if megabytes is None else _resident_bytes() + megabytes * 2**20
        self.calls = 0

    def check(self, states: int) -> None:
        """Stop the proof past a limit; ``states`` is how far it got, for the message."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ProofTooLong(self.seconds or 0, states)
        self.calls += 1
        looked = self.calls % _MEMORY_EVERY == 0
        if self.ceiling is not None and looked and _resident_bytes() > self.ceiling:
            raise ProofTooBig(self.megabytes or 0, states)
