"""The GitHub workflows (Pages, and pelican-quiz's release): valid for GitHub, no zizmor
findings, every action pinned, and each does what it says."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT, require_tool

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
WORKFLOWS = pytest.mark.parametrize("workflow", [WORKFLOW, RELEASE], ids=["pages", "release"])


def _run(name: str, *args: str) -> tuple[int, str]:
    """Run a checker installed beside this Python (or on PATH) in the project folder."""
    beside = Path(sys.executable).parent / name
    tool = require_tool(str(beside) if beside.exists() else shutil.which(name), name)
    run = subprocess.run([tool, *args], capture_output=True, text=True, check=False, cwd=ROOT)
    return run.returncode, run.stdout + run.stderr


@WORKFLOWS
def test_workflow_matches_githubs_schema(workflow: Path) -> None:
    code, said = _run(
        "check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)
    )
    assert code == 0, said


@WORKFLOWS
def test_zizmor_finds_nothing_even_pedantic(workflow: Path) -> None:
    code, said = _run("zizmor", "--offline", "--persona=pedantic", str(workflow))
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


@WORKFLOWS
def test_every_action_is_pinned_by_the_commit_of_its_release(workflow: Path) -> None:
    # Hardening, second round, item 19: a tag can be moved to other code; a commit cannot.
    lines = [line.strip() for line in workflow.read_text().splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), line


def test_a_release_tag_builds_once_tests_the_wheel_everywhere_then_publishes_it() -> None:
    # Real sites, item 11: sdist and wheel, the plugin's tests on the oldest and newest Pelican
    # it claims on Python 3.11 to 3.13, trusted publishing on a pelican-quiz-v* tag.
    flow = yaml.safe_load(RELEASE.read_text())
    assert flow[True] == {"push": {"tags": ["pelican-quiz-v*"]}}  # "on"
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    build_runs = " ".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "python -m build --outdir dist plugins/pelican-quiz" in build_runs
    assert "twine check --strict" in build_runs
    assert '"pelican-quiz-v$version"' in build_runs  # the tag must name pyproject's version
    matrix = jobs["test"]["strategy"]["matrix"]
    assert matrix["python"] == ["3.11", "3.12", "3.13"]
    plugin = tomllib.loads((ROOT / "plugins/pelican-quiz/pyproject.toml").read_text())
    claimed = next(d for d in plugin["project"]["dependencies"] if d.startswith("pelican"))
    oldest = Requirement(claimed).specifier
    assert [v.split(".")[:2] for v in matrix["pelican"]] == [["4", "9"], ["4", "12"]]
    assert all(Version(v) in oldest for v in matrix["pelican"])
    assert jobs["test"]["needs"] == "build" and jobs["publish"]["needs"] == "test"
    installs = " ".join(step.get("run", "") for step in jobs["test"]["steps"])
    assert "dist/*.whl" in installs and "pytest" in installs
    publish = jobs["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "password" not in RELEASE.read_text()  # trusted publishing: no token


def test_the_version_is_written_in_one_place_and_the_readme_says_how_to_cite_it() -> None:
    plugin = ROOT / "plugins" / "pelican-quiz"
    version = tomllib.loads((plugin / "pyproject.toml").read_text())["project"]["version"]
    sources = [p for p in (plugin / "pelican").rglob("*.py")]
    assert not [p for p in sources if re.search(r"__version__\s*=\s*['\"]", p.read_text())]
    assert f"## {version}" in (plugin / "CHANGELOG.md").read_text()
    readme = (plugin / "README.md").read_text()
    assert "pelican-quiz==" in readme and "importlib.metadata" in readme


REQUIREMENTS = ROOT / "requirements"


def _pins(lock: Path) -> dict[str, Version]:
    return {
        canonicalize_name(name): Version(version)
        for name, version in re.findall(r"^([\w.-]+)==(\S+) \\$", lock.read_text(), re.M)
    }


def test_every_install_takes_the_locked_hashes_and_pip_stays_as_it_is() -> None:
    makefile = (ROOT / "Makefile").read_text()
    workflow = WORKFLOW.read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    for text in (makefile, workflow, ci):
        assert "--upgrade pip" not in text and "-U pip" not in text
    assert "--require-hashes --no-deps -r requirements/test.txt" in workflow
    assert "INSTALL_LOCKED = $(PY) -m pip install --quiet --require-hashes --no-deps -r" in makefile
    # Nothing else is installed with its dependencies: the local two come without them.
    commands = [
        line
        for line in (makefile + workflow).splitlines()
        if not line.lstrip().startswith("#") and "echo" not in line
    ]
    installs = [line for line in commands if "pip install" in line]
    assert all("--no-deps" in line for line in installs), installs
    assert "make test" in ci


def test_each_lock_pins_every_package_with_hashes_and_meets_the_ranges() -> None:
    # The ranges in the two pyproject files (the plugin's stay ranges) are met by every lock
    # that installs them, and every pinned package carries its hashes.
    site = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    quiz = tomllib.loads((ROOT / "plugins" / "pelican-quiz" / "pyproject.toml").read_text())
    wanted = {
        "runtime": site["dependencies"] + quiz["project"]["dependencies"],
        "test": site["optional-dependencies"]["test"]
        + quiz["project"]["optional-dependencies"]["test"],
        "dev": site["optional-dependencies"]["dev"] + site["optional-dependencies"]["bench"],
    }
    wanted["test"] += wanted["runtime"]
    wanted["dev"] += wanted["test"]
    for name, requirements in wanted.items():
        lock = REQUIREMENTS / f"{name}.txt"
        text = lock.read_text()
        blocks = re.split(r"\n(?=[\w.-]+==)", text.split("\n", 2)[2])
        assert all("--hash=sha256:" in block for block in blocks if "==" in block), name
        pins = _pins(lock)
        for line in requirements:
            requirement = Requirement(line)
            if requirement.name in ("pelican-quiz", "after-the-no"):
                continue  # installed from the working tree
            pinned = pins.get(canonicalize_name(requirement.name))
            assert pinned is not None, f"{name}.txt lacks {requirement.name}"
            assert requirement.specifier.contains(pinned, prereleases=True), (name, line, pinned)
        assert Version("77") <= pins["setuptools"], "the local two build without isolation"
