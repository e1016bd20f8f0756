"""Proofs are not repeated: a build whose quiz did not change since it was last proved clean
takes that verdict, keyed by the quiz's content and a digest of the code that proves it (the
plugin's version stayed the same through many changes of the proof).

Kept in Pelican's cache folder, only when the site caches content (``CACHE_CONTENT``); links
are still checked every build, since they depend on the other pages.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .model import Quiz
from .render import quiz_hash

__all__ = ["ProofCache", "proof_digest"]

FILE_NAME = "pelican-quiz-proofs.json"


@cache
def proof_digest() -> str:
    """A digest of everything that decides a verdict: the package's Python modules and its
    schema. Any change to the proof (a fix, a new rule), released or not, proves again."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for file in sorted([*package.rglob("*.py"), package / "quiz.schema.json"]):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


class ProofCache:
    def __init__(self, settings: dict[str, Any]) -> None:
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.file = Path(settings.get("CACHE_PATH") or "cache") / FILE_NAME
        self.version = proof_digest()
        self.proved: set[str] = set()
        if self.enabled and bool(settings.get("LOAD_CONTENT_CACHE", True)):
            try:
                data = json.loads(self.file.read_text(encoding="utf-8"))
                if data.get("version") == self.version:
                    self.proved = {str(key) for key in data.get("proved", [])}
            except (OSError, ValueError, AttributeError):
                pass  # no verdicts kept: the quizzes are simply proved again
        self.keys: set[str] = set()

    def _key(self, quiz: Quiz) -> str:
        return f"{quiz.id}:{quiz_hash(quiz)}"

    def known_clean(self, quiz: Quiz) -> bool:
        key = self._key(quiz)
        if key in self.proved:
            self.keys.add(key)
            return True
        return False

    def remember_clean(self, quiz: Quiz) -> None:
        self.keys.add(self._key(quiz))

    def save(self) -> None:
        if not self.enabled or self.keys == self.proved:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        data = {"version": self.version, "proved": sorted(self.keys)}
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, self.file)
