"""Run the Nu HTML Checker (npm vnu-jar, pinned in package.json) with the machine's Java."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT, require_tool

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(folder: Path) -> list[str]:
    """Every error the checker finds in the HTML files under ``folder``, one line each."""
    java = require_tool(shutil.which("java"), "Java (to run the Nu HTML Checker)")
    jar = require_tool(str(VNU_JAR) if VNU_JAR.exists() else None, "vnu-jar (npm ci)")
    run = subprocess.run(
        [java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    if run.returncode != 0:
        assert lines, f"vnu failed without a message (exit {run.returncode})"
    return lines
