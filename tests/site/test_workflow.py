"""The GitHub Pages workflow: valid for GitHub, no zizmor findings, and it does what it says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, require_tool

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return require_tool(str(beside) if beside.exists() else shutil.which(name), name)


def test_workflow_matches_githubs_schema() -> None:
    run = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing_even_pedantic() -> None:
    run = subprocess.run(
        [_tool("zizmor"), "--offline", "--persona=pedantic", str(WORKFLOW)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout + run.stderr


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
