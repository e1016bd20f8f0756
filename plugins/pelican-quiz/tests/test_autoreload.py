"""``pelican --autoreload`` (alone and with ``--listen``) prints a quiz's problems and goes on:
the page says its quiz failed, the loop waits for an edit instead of rebuilding at once, and
the mended quiz is built. Each run is a ``pelican`` process of its own, as an author starts it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SITES, pelican_command

PELICAN = [sys.executable, "-m", "pelican"]
NOTICE = "This quiz was not built."
QUIZ_FORM = 'class="quiz-form"'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _until(check: Callable[[], bool], what: str, log: Path, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {seconds} s for {what}; pelican printed:\n{log.read_text()}")


def _page(output: Path) -> str:
    page = output / "try-the-quiz.html"
    return page.read_text(encoding="utf-8") if page.exists() else ""


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    site = tmp_path / "broken"
    shutil.copytree(SITES / "quickstart", site)
    shutil.copy(SITES / "autoreload" / "mini-misspelt.yaml", site / "content/quizzes/mini.yaml")
    return site


@pytest.fixture
def reloading(broken_site: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str]]:
    """A running ``pelican -r`` on the broken site, with the extra arguments of the test."""
    log = broken_site / "pelican.log"
    extra: list[str] = request.param
    port = _free_port()
    args = [arg.replace("PORT", str(port)) for arg in extra]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*PELICAN, "content", "-s", "pelicanconf.py", "-o", "out", "--autoreload", *args],
            cwd=broken_site,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "300"},
            start_new_session=True,
        )
    try:
        yield broken_site, f"http://127.0.0.1:{port}/try-the-quiz.html" if args else ""
        assert process.poll() is None, f"pelican -r ended:\n{log.read_text()}"
    finally:
        os.killpg(process.pid, 15)
        process.wait(30)


@pytest.mark.parametrize(
    "reloading",
    [[], ["--listen", "--bind", "127.0.0.1", "--port", "PORT"]],
    indirect=True,
    ids=["autoreload", "autoreload-listen"],
)
def test_a_quiz_error_is_printed_and_the_reload_loop_goes_on(
    reloading: tuple[Path, str],
) -> None:
    site, url = reloading
    log, output = site / "pelican.log", site / "out"
    _until(lambda: NOTICE in _page(output), "the page that says its quiz failed", log)
    printed = " ".join(log.read_text().split())
    assert "content/quizzes/mini.yaml:1: the quiz: missing required field 'title'" in printed
    assert "Traceback" not in printed and "Caught exception" not in printed
    # The loop waits for an edit: no second build of the unchanged site.
    time.sleep(3)
    assert log.read_text().count("Done: Processed") == 1, log.read_text()

    shutil.copy(SITES / "quickstart/content/quizzes/mini.yaml", site / "content/quizzes/mini.yaml")
    _until(lambda: QUIZ_FORM in _page(output), "the mended quiz in the page", log)
    assert NOTICE not in _page(output)
    if url:  # --listen serves the rebuilt page, not the stale one
        with urllib.request.urlopen(url, timeout=10) as response:
            served = response.read().decode()
        assert QUIZ_FORM in served and NOTICE not in served


def test_a_plain_pelican_run_still_fails_on_a_quiz_error(broken_site: Path, tmp_path: Path) -> None:
    run = pelican_command(broken_site, tmp_path)
    assert run.returncode == 1
    assert "content/quizzes/mini.yaml:1: the quiz: missing required field 'title'" in run.stderr
    assert NOTICE not in _page(tmp_path / "site" / "out")
