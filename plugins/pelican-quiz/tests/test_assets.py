"""The widget's files as a site gets them: compacted, and still valid."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pelican.plugins.quiz.assets import STATIC, asset_bytes, write_assets


def test_the_shipped_files_drop_comments_and_indentation(tmp_path: Path) -> None:
    write_assets(tmp_path)
    script = (tmp_path / "quiz.js").read_text(encoding="utf-8")
    style = (tmp_path / "quiz.css").read_text(encoding="utf-8")
    assert script.encode() == asset_bytes("quiz.js") and style.encode() == asset_bytes("quiz.css")
    assert not any(line.startswith(("//", " ")) for line in script.splitlines())
    assert "/*" not in style and not any(line.startswith(" ") for line in style.splitlines())
    # Nothing but comments and blank space went, and no blank inside a string.
    source = (STATIC / "quiz.js").read_text(encoding="utf-8")
    kept = [line.strip() for line in source.splitlines() if line.strip()]
    code = [line for line in kept if not line.startswith("//")]
    assert [line.replace(" ", "") for line in code] == script.replace(" ", "").splitlines()
    assert 'say(s.forgotten+" "+progress.textContent)' in script
    assert "(x - d.min)" not in script and "(x-d.min)" in script


def test_the_shipped_script_is_a_valid_module(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to check the shipped quiz.js (CI=true)")
        pytest.skip("node is not installed: the shipped quiz.js is not syntax-checked")
    module = tmp_path / "quiz.mjs"
    module.write_bytes(asset_bytes("quiz.js"))
    done = subprocess.run([node, "--check", str(module)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
