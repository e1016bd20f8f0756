"""Validate quiz data against quiz.schema.json, with messages an author can act on."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .toolkit.located_yaml import Located, SourceError, YamlPath, excerpt, leaves

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = ["SCHEMA_PATH", "schema_errors", "where_in"]

SCHEMA_PATH = Path(__file__).with_name("quiz.schema.json")

_CONDITION_FORMS = (
    "{score: D, below: N} (or at_least: N; count: Q and value: Q alike), {answer: Q, is: O}, "
    "{answer: Q, in: [O, ...]}, {top: D}, {tie: [D, D]}, {condition: NAME}, {all: [...]}, "
    "{any: [...]} or {not: ...}"
)
_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


@cache
def _validator() -> Draft202012Validator:
    # Imported on first use, not with the plugin: jsonschema takes a build's start 50 ms to
    # import, while only one core is busy.
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def where_in(path: YamlPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the quiz"


def _quote_hint(value: object) -> str:
    if isinstance(value, bool):
        return ": YAML reads an unquoted true or false as a yes/no value; quote it, as in 'true'"
    return ""


_LARGEST = 1_000_000


def _number_errors(
    located: Located, path: str, reported: set[YamlPath]
) -> list[tuple[int, SourceError]]:
    """.nan, .inf and numbers past a sane size where the schema said nothing: JSON Schema has
    no word for .nan, and some numbers (condition bounds) have no range of their own."""
    found: list[tuple[int, SourceError]] = []
    for where, value in leaves(located.data):
        if (
            isinstance(value, float | int)
            and not isinstance(value, bool)
            and where not in reported
            and (value != value or abs(value) > _LARGEST)
        ):
            line = located.line_of(where)
            message = (
                f"{where_in(where)}: {excerpt(value)} is not a number a quiz can add up "
                f"(no .nan or .inf, at most {_LARGEST:,} either way)"
            )
            found.append((line or 0, SourceError(path, line, message)))
    return found


def _message(error: ValidationError) -> str:
    # jsonschema types these as possibly unset; on a reported error they are always set.
    kind, value, rule = error.validator, cast(Any, error.instance), cast(Any, error.validator_value)
    schema = cast(dict[str, Any], error.schema)
    if kind == "required":
        missing = [name for name in rule if name not in value]
        if missing[0] == "link" and "label" in value and "title" not in value:
            return "missing required field 'link' (only a dimension with hidden: true has none)"
        return f"missing required field '{missing[0]}'"
    if kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in known)
        allowed = ", ".join(sorted(known))
        return f"unknown field '{excerpt(extra[0])[1:-1]}' (allowed: {allowed})"
    if kind == "type":
        wanted = _TYPE_NAMES.get(rule, rule) if isinstance(rule, str) else rule
        return f"must be {wanted}, not {excerpt(value)}{_quote_hint(value)}"
    if kind == "pattern":
        if "filename" in rule:
            return (
                f"{excerpt(value)} is not a link such as "
                "'{filename}/articles/give-it-time.md#how-long-to-wait'"
            )
        return f"{excerpt(value)} is not a valid id (lowercase letters, digits and '-')"
    if kind == "oneOf" and "below" in json.dumps(rule):
        return f"{excerpt(value)} is not a condition; use one of {_CONDITION_FORMS}"
    if kind == "oneOf" and "boolean" in json.dumps(rule):
        return f"{excerpt(value)} must be true, false or a whole number of 1 or more"
    if kind == "oneOf":
        return (
            f"{excerpt(value)} must be an option id, a list of option ids or a whole number"
            f"{_quote_hint(value)}"
        )
    if kind == "anyOf":
        return "a guarantee needs never:, only: or shows: (a list of ids), or more than one"
    if kind in ("minItems", "minProperties"):
        return f"needs at least {rule} item(s)"
    if kind in ("maxItems", "maxProperties"):
        return f"has more than the maximum of {rule} items"
    if kind == "minLength":
        return "must not be empty"
    if kind == "maxLength":
        return f"is longer than {rule} characters"
    if kind == "enum":
        return f"{excerpt(value)} is not one of {', '.join(map(str, rule))}"
    if kind in ("minimum", "maximum"):
        return f"{excerpt(value)} is out of range ({kind} {rule})"
    if kind == "uniqueItems":
        return "lists the same item twice"
    if kind == "dependentRequired":
        field, needs = next((k, v) for k, v in rule.items() if k in value)
        return f"'{field}' needs '{needs[0]}' beside it (the language of this quiz's text)"
    return excerpt(error.message, 120)  # pragma: no cover - every rule used is handled above


def schema_errors(located: Located, path: str) -> list[SourceError]:
    """Every schema violation, as ``file:line: where: message``, in file order."""
    found: list[tuple[int, SourceError]] = []
    reported: set[YamlPath] = set()
    for error in _validator().iter_errors(located.data):
        where: YamlPath = tuple(error.absolute_path)
        reported.add(where)
        line = located.line_of(where)
        if error.validator == "additionalProperties":  # point at the unknown field itself
            schema = cast(dict[str, Any], error.schema)
            extra = sorted(set(cast(Any, error.instance)) - set(schema.get("properties", {})))
            line = located.line_of((*where, extra[0])) or line
        found.append((line or 0, SourceError(path, line, f"{where_in(where)}: {_message(error)}")))
    found += _number_errors(located, path, reported)
    found.sort(key=lambda pair: pair[0])
    return [error for _, error in found]
