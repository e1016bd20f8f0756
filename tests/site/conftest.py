"""Fixtures shared by the site tests."""

from __future__ import annotations

import pytest
from pagefind_index import pagefind_index


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every Pagefind process a build starts, as the arguments it was started with."""
    runs: list[object] = []
    real_popen = pagefind_index.subprocess.Popen
    monkeypatch.setattr(
        pagefind_index.subprocess, "Popen", lambda *a, **k: runs.append(a) or real_popen(*a, **k)
    )
    return runs
