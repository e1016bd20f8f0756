"""The Pagefind plugin: on a cold build Pagefind starts on the articles as they are read, the
bundle indexes exactly the published articles, and a Pagefind that fails fails the build with
its own words."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pagefind_index import pagefind_index
from pelican import signals

from tests.conftest import ROOT, SITES, build_into

FAKE_PAGEFIND = Path(__file__).parent / "fixtures" / "fake_pagefind.py"


def _languages(output: Path) -> dict[str, int]:
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    return {lang: found["page_count"] for lang, found in entry["languages"].items()}


def test_a_cold_build_indexes_the_articles_while_reading_them(
    tmp_path: Path, pagefind_runs: list[object]
) -> None:
    seen_when_read: list[int] = []

    def articles_read(generator: Any) -> None:
        running = pagefind_index._running.get("run")
        seen_when_read.append(len(running.pages) if running else 0)

    signals.article_generator_pretaxonomy.connect(articles_read)
    try:
        site = build_into(tmp_path, ROOT / "content")
    finally:
        signals.article_generator_pretaxonomy.disconnect(articles_read)
    assert seen_when_read == [6], "Pagefind had every article before reading was over"
    assert len(pagefind_runs) == 1
    assert _languages(site.output) == {"en": 6}


def test_an_article_read_but_not_published_is_left_out(
    tmp_path: Path, pagefind_runs: list[object]
) -> None:
    # The French page is a translation: it is read like any article, and only after reading
    # does Pelican set it apart. Pagefind starts again on the published articles alone.
    site = build_into(tmp_path, SITES / "translated" / "content")
    assert len(pagefind_runs) == 2
    assert _languages(site.output) == {"en": 2}


@pytest.mark.parametrize(
    ("mode", "said"),
    [("crash", "pagefind: something went wrong"), ("refuse", "Failed to add file")],
)
def test_a_failing_pagefind_fails_the_build_with_its_message(
    tmp_path: Path, mode: str, said: str
) -> None:
    site = build_into(
        tmp_path,
        ROOT / "content",
        expect_ok=False,
        PAGEFIND_COMMAND=[sys.executable, str(FAKE_PAGEFIND), mode],
    )
    assert site.result.errors == [f"RuntimeError: [pagefind] indexing failed: {said}"]
    assert not (tmp_path / "output").exists()
