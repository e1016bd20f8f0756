"""The Pagefind plugin: on a cold build Pagefind starts on the articles as they are read, the
bundle indexes exactly the published articles, and a Pagefind that fails fails the build with
its own words."""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pagefind_index import pagefind_index, receive
from pelican import signals

from tests.conftest import ROOT, SITES, build_into

FAKE_PAGEFIND = Path(__file__).parent / "fixtures" / "fake_pagefind.py"


def _pages_per_bundle(output: Path) -> dict[str, dict[str, int]]:
    """Bundle name -> language -> number of pages, from each bundle's entry file."""
    found: dict[str, dict[str, int]] = {}
    for entry_file in sorted((output / "pagefind").glob("*/pagefind-entry.json")):
        entry = json.loads(entry_file.read_text())
        languages = entry["languages"].items()
        found[entry_file.parent.name] = {lang: about["page_count"] for lang, about in languages}
    return found


def test_a_cold_build_indexes_the_articles_while_reading_them(
    tmp_path: Path, pagefind_runs: list[object]
) -> None:
    seen_when_read: list[int] = []

    def articles_read(generator: Any) -> None:
        pagefind = pagefind_index._current[0].pagefind
        seen_when_read.append(sum(map(len, pagefind.pages.values())) if pagefind else 0)

    signals.article_generator_pretaxonomy.connect(articles_read)
    try:
        site = build_into(tmp_path, ROOT / "content")
    finally:
        signals.article_generator_pretaxonomy.disconnect(articles_read)
    assert seen_when_read == [6], "Pagefind had every article before reading was over"
    assert len(pagefind_runs) == 1
    assert _pages_per_bundle(site.output) == {"0": {"en": 6}}


def _count_indexes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bundle of every index a build asks Pagefind for, in order."""
    started: list[int] = []
    real_start = pagefind_index._Pagefind.start

    def start(self: pagefind_index._Pagefind, bundle: int) -> None:
        started.append(bundle)
        real_start(self, bundle)

    monkeypatch.setattr(pagefind_index._Pagefind, "start", start)
    return started


def test_an_article_read_but_not_published_is_left_out(
    tmp_path: Path, pagefind_runs: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The French page is a translation: it is read like any article, and only after reading
    # does Pelican set it apart. Its bundle's index starts again on the published articles.
    indexes = _count_indexes(monkeypatch)
    site = build_into(tmp_path, SITES / "translated" / "content")
    assert len(pagefind_runs) == 1
    assert indexes == [0, 0]
    assert _pages_per_bundle(site.output) == {"0": {"en": 2}}


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("crash", "pagefind: something went wrong"),
        ("silent", "it stopped with exit status 4"),
        ("refuse", "Failed to add file"),
    ],
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


def test_a_large_site_gets_one_bundle_per_shard_size_of_articles(
    tmp_path: Path, pagefind_runs: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    indexes = _count_indexes(monkeypatch)
    site = build_into(tmp_path, ROOT / "content", PAGEFIND_SHARD_SIZE=2)
    # Six articles in three bundles, each article in the bundle its URL's digest picks.
    assert _pages_per_bundle(site.output) == {"0": {"en": 3}, "1": {"en": 1}, "2": {"en": 2}}
    assert len(pagefind_runs) == 1, "one Pagefind holds the three indexes"
    assert sorted(indexes) == [0, 1, 2]
    form = site.soup("search.html").select_one("[data-search]")
    assert form is not None
    assert form["data-pagefind"] == "/pagefind/0/pagefind.js"
    assert form["data-merge"] == "/pagefind/1/ /pagefind/2/"


def test_a_bundle_of_no_size_is_refused(tmp_path: Path) -> None:
    site = build_into(tmp_path, ROOT / "content", expect_ok=False, PAGEFIND_SHARD_SIZE=0)
    assert site.result.errors == [
        "ValueError: [pagefind] PAGEFIND_SHARD_SIZE must be at least 1 (articles per bundle)"
    ]


def test_every_file_of_every_bundle_is_whole(tmp_path: Path) -> None:
    # Pagefind's files are gzip streams that start with "pagefind_dcd"; a file cut off while
    # being written does not decompress, an empty entry file does not parse.
    site = build_into(tmp_path, ROOT / "content", PAGEFIND_SHARD_SIZE=2)
    bundles = sorted((site.output / "pagefind").iterdir())
    assert len(bundles) == 3
    for bundle in bundles:
        assert json.loads((bundle / "pagefind-entry.json").read_text())["languages"]
        packed = [
            p for p in bundle.rglob("*") if p.suffix in (".pf_meta", ".pf_index", ".pf_fragment")
        ]
        assert packed
        for path in packed:
            assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path


def test_the_bundle_receiver_writes_only_inside_the_bundle(tmp_path: Path) -> None:
    files = [{"path": "../escaped.txt", "content": "aGk="}]
    with pytest.raises(ValueError, match=re.escape("outside the bundle: '../escaped.txt'")):
        receive.write_bundle(str(tmp_path / "bundle"), files)
    assert not (tmp_path / "escaped.txt").exists()


def test_the_bundle_receiver_says_when_pagefind_stopped_before_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = pagefind_index._message(1, {"type": "NewIndex", "index_id": 0})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(answer))))
    assert receive.main([f"2={tmp_path / 'bundle'}"]) == receive.STOPPED


def test_the_bundle_receiver_writes_each_bundle_as_it_arrives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Bundle 1's files are written while Pagefind makes bundle 2 (here it never comes).
    files = [{"path": "pagefind-entry.json", "content": "e30="}]
    answer = pagefind_index._message(1, {"type": "GetFiles", "files": files})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(answer))))
    first, second = tmp_path / "0", tmp_path / "1"
    assert receive.main([f"1={first}", f"2={second}"]) == receive.STOPPED
    assert (first / "pagefind-entry.json").read_text() == "{}"
    assert not second.exists()


def test_the_bundle_receiver_reports_an_answer_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"bm90IGpzb24=,")))
    )
    assert receive.main([f"1={tmp_path / 'bundle'}"]) == 1
    assert capsys.readouterr().out.startswith("JSONDecodeError: Expecting value")


def test_the_bundle_receiver_runs_on_the_standard_library_alone(tmp_path: Path) -> None:
    # It is started isolated and without site-packages, for a quick start.
    run = subprocess.run(
        [*pagefind_index._RECEIVER_PYTHON, pagefind_index.RECEIVE, f"1={tmp_path / 'bundle'}"],
        input=b"",
        capture_output=True,
        check=False,
    )
    assert (run.returncode, run.stdout, run.stderr) == (receive.STOPPED, b"", b"")
