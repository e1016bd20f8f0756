"""The editor's JSON Schema and the build agree: every quiz fixture the build accepts, the
schema accepts, and every one the schema refuses, the build refuses. The schema is applied as
an editor applies it (yaml-language-server reads YAML 1.2: only true and false are booleans),
to the data a YAML 1.2 reader makes of each file. The build refuses more (routing, links, ids
a rule names), never less."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from pelican.plugins.quiz.loader import QuizErrors, load_quiz
from pelican.plugins.quiz.schema import SCHEMA_PATH

HERE = Path(__file__).parent
FIXTURES = sorted(
    [
        *HERE.glob("errors/*.yaml"),
        *HERE.glob("instruments/*.yaml"),
        *HERE.glob("proofs/*.yaml"),
        *HERE.glob("render/*.yaml"),
        *HERE.glob("schema/*.yaml"),
        *HERE.glob("sites/*/content/quizzes/*.yaml"),
        HERE / "valid.yaml",
    ]
)


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML with YAML 1.2's booleans (its own are YAML 1.1's, yes/no/on/off included)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_SCHEMA = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _editor_accepts(file: Path) -> bool:
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    except yaml.YAMLError:
        return False
    # JSON has no dates: an editor's YAML-to-JSON step gives their text, as the build keeps.
    return _SCHEMA.is_valid(json.loads(json.dumps(data, default=str)))


def _build_accepts(file: Path) -> bool:
    try:
        load_quiz(file)
    except QuizErrors:
        return False
    return True


@pytest.mark.parametrize("file", FIXTURES, ids=[str(f.relative_to(HERE)) for f in FIXTURES])
def test_the_schema_refuses_nothing_the_build_accepts(file: Path) -> None:
    if _build_accepts(file):
        assert _editor_accepts(file), f"the build accepts {file.name}; the schema refuses it"


def test_an_unquoted_no_is_an_id_to_both() -> None:
    # Real sites, item 9: the schema accepted `id: no`, which the build refused.
    file = HERE / "schema" / "no-as-id.yaml"
    assert _editor_accepts(file) and _build_accepts(file)
    assert load_quiz(file).questions[0].options[0].id == "no"


def test_an_unquoted_true_as_an_id_is_refused_by_both() -> None:
    file = HERE / "errors" / "unquoted-true.yaml"
    assert not _editor_accepts(file) and not _build_accepts(file)


def test_the_schema_command_names_the_installed_schema() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pelican.plugins.quiz", "schema"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(run.stdout.strip()) == SCHEMA_PATH
    printed = subprocess.run(
        [sys.executable, "-m", "pelican.plugins.quiz", "schema", "--print"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(printed.stdout) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
