"""The GitHub Pages workflow: valid for GitHub, no zizmor findings, and it does what it says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, require_tool

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _run(name: str, *args: str) -> tuple[int, str]:
    """Run a checker installed beside this Python (or on PATH) in the project folder."""
    beside = Path(sys.executable).parent / name
    tool = require_tool(str(beside) if beside.exists() else shutil.which(name), name)
    run = subprocess.run([tool, *args], capture_output=True, text=True, check=False, cwd=ROOT)
    return run.returncode, run.stdout + run.stderr


def test_workflow_matches_githubs_schema() -> None:
    code, said = _run(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)
    )
    assert code == 0, said


def test_zizmor_finds_nothing_even_pedantic() -> None:
    code, said = _run("zizmor", "--offline", "--persona=pedantic", str(WORKFLOW))
    assert code == 0, said
    assert "No findings" in said


def test_workflow_tests_then_builds_with_the_pages_url_and_deploys() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text())
    assert flow[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # "on"
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"]["group"] == "pages"
    steps = flow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    runs = " ".join(s.get("run", "") for s in steps)
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    assert runs.index("pytest") < runs.index("tools.build -s publishconf.py")
    build = next(s for s in steps if "publishconf.py" in s.get("run", ""))
    assert build["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
