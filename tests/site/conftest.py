"""Fixtures shared by the site tests."""

from __future__ import annotations

from typing import Any

import pytest
from pagefind_index import pagefind_index


@pytest.fixture
def pagefind_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every Pagefind process a build starts, as the command it was started with."""
    runs: list[object] = []
    real_popen = pagefind_index.subprocess.Popen

    def popen(command: list[str], *args: Any, **kwargs: Any) -> Any:
        if command[-1] == "--service":  # not the processes that write the bundles
            runs.append(command)
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(pagefind_index.subprocess, "Popen", popen)
    return runs
