"""A bad embedding fails the build with the same ``file:line: message`` from every reader."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import SITES, pelican_command

EXPECTED = SITES / "bad-embeds" / "expected.txt"


def test_every_reader_reports_the_same_mistakes(build_site) -> None:
    built = build_site("bad-embeds")
    found = sorted(line for error in built.errors for line in error.splitlines())
    if os.environ.get("UPDATE_FIXTURES"):
        EXPECTED.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found == EXPECTED.read_text(encoding="utf-8").splitlines()
    # Markdown and reST say the same thing about the same mistake.
    for mistake in ("unknown", "argument", "body", "empty"):
        pair = [line.split(":", 2)[2] for line in found if f"/{mistake}." in line]
        assert len(pair) == 2, pair
        assert pair[0].replace(".. quiz::", "{quiz}").replace("directive", "fence") == pair[
            1
        ].replace(".. quiz::", "{quiz}").replace("directive", "fence")


def test_the_command_line_fails_with_the_messages_and_no_traceback(tmp_path: Path) -> None:
    run = pelican_command(SITES / "bad-embeds", tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr.splitlines() == EXPECTED.read_text(encoding="utf-8").splitlines()
