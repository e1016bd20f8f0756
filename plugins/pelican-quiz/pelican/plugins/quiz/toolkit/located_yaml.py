"""Strict, safe YAML loading that remembers where every value came from.

Front matter and quiz files are both written by hand, so a mistake must point at a line.
PyYAML's SafeLoader already refuses arbitrary tags; on top of it this module:
- refuses duplicate keys (PyYAML silently keeps the last one),
- refuses anchors and aliases outright, so an "alias bomb" fails at once and small,
- returns a map from each value's path (``("questions", 0, "id")``) to its line and column.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "Located",
    "SourceError",
    "SourceErrors",
    "YamlPath",
    "excerpt",
    "leaves",
    "load_yaml",
]

YamlPath = tuple[str | int, ...]

_EXCERPT_LIMIT = 40
# Deeper than any hand-written file needs, and far from Python's recursion limit.
MAX_DEPTH = 50
_TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep here; no file needs that many"


def leaves(value: Any, where: YamlPath = ()) -> Iterator[tuple[YamlPath, Any]]:
    """Every value of loaded YAML that is no mapping or list, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*where, index))
    else:
        yield where, value


def excerpt(value: object, limit: int = _EXCERPT_LIMIT) -> str:
    """A short, single-line rendering of a bad value, so no message can flood the terminal."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SourceError(ValueError):
    """A mistake in a source file, reported as ``path:line:col: message``."""

    def __init__(
        self, path: str, line: int | None, message: str, column: int | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class SourceErrors(Exception):
    """Several :class:`SourceError` at once; ``str()`` is one ``file:line: message`` a line."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        self.path = errors[0].path
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class Located:
    """Loaded YAML data plus the (1-based) line and column of every value in it."""

    data: Any
    positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def line_of(self, path: YamlPath) -> int | None:
        """The line of the value at ``path``, or of its nearest enclosing value."""
        while True:
            if path in self.positions:
                return self.positions[path][0] + self.line_offset
            if not path:
                return None
            path = path[:-1]

    def column_of(self, path: YamlPath) -> int | None:
        return self.positions[path][1] if path in self.positions else None


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases before anything is built from them, and
    nesting deep enough to exhaust the stack."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _LocatedProblem(_TOO_DEEP, event.start_mark)
            return self._compose_checked(parent, index)
        finally:
            self._depth -= 1

    def _compose_checked(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _LocatedProblem("YAML aliases (*name) are not allowed here", event.start_mark)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _LocatedProblem("YAML anchors (&name) are not allowed here", event.start_mark)
        return super().compose_node(parent, index)


class _LocatedProblem(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


_PLAIN_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_BOOLEANS = ("true", "false")


def _scalar(loader: Any, node: ScalarNode) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:  # 2026-13-45 looks like a date
        raise _LocatedProblem(
            f"{excerpt(node.value)} is not a valid value ({exc}); put it in quotes to keep "
            "it as text",
            node.start_mark,
        ) from None
    # Dates stay text: Pelican parses them itself and a quiz has no use for them.
    if isinstance(value, datetime.date):
        return node.value
    # YAML 1.2, as editors and their JSON Schema checks read it: only true and false are yes/no
    # values; an unquoted yes, no, on or off (YAML 1.1 booleans, to PyYAML) stays text. (A plain
    # scalar's style is None to PyYAML, "" to libyaml.)
    if isinstance(value, bool) and not node.style and node.value.lower() not in _BOOLEANS:
        return node.value
    return value


def _build(loader: Any, node: Node, path: YamlPath, positions: dict[YamlPath, Any]) -> Any:
    if len(path) >= MAX_DEPTH:
        raise _LocatedProblem(_TOO_DEEP, node.start_mark)
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, ScalarNode) and node.tag not in _PLAIN_TAGS:
        raise _LocatedProblem(f"tags such as {node.tag} are not allowed", node.start_mark)
    if isinstance(node, ScalarNode):
        return _scalar(loader, node)
    if isinstance(node, SequenceNode):
        return [_build(loader, item, (*path, i), positions) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _LocatedProblem("a key must be plain text", key_node.start_mark)
            key = _scalar(loader, key_node)
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise _LocatedProblem(f"key {excerpt(key)} must be text", key_node.start_mark)
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise _LocatedProblem(f"duplicate key '{excerpt(key)[1:-1]}'", key_node.start_mark)
            result[key] = _build(loader, value_node, (*path, key), positions)
        return result
    raise _LocatedProblem("unsupported YAML node", node.start_mark)  # pragma: no cover


def load_yaml(text: str, path: str, line_offset: int = 0) -> Located:
    """Parse one YAML document from ``text``; any problem becomes a :class:`SourceError`.

    ``line_offset`` shifts reported lines, for YAML that starts part-way through a file
    (front matter starts on line 2).
    """
    fast = _load_fast(text, line_offset)
    if fast is not None:
        return fast
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 + line_offset
        raise SourceError(
            path,
            line,
            f"character U+{exc.character:04X} is not allowed in YAML"
            if isinstance(exc.character, int)
            else "invalid character in YAML",
        ) from None
    try:
        return _located(loader, line_offset)
    except _LocatedProblem as problem:
        raise _error(path, problem.mark, problem.message, line_offset) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark is not None:
            message += f" ({exc.context} started on line {exc.context_mark.line + 1 + line_offset})"
        if "could not determine a constructor" in message:
            message = f"tags such as {message.rsplit('tag ', 1)[-1]} are not allowed"
        if "\\t" in message or "'\t'" in message:
            message = "a tab character is not allowed for indentation in YAML; use spaces"
        raise _error(path, mark, message, line_offset) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise SourceError(path, None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _located(loader: Any, line_offset: int) -> Located:
    """The document ``loader`` holds, with where each value stands (either loader class)."""
    node = loader.get_single_node()
    positions: dict[YamlPath, tuple[int, int]] = {}
    data = None if node is None else _build(loader, node, (), positions)
    return Located(data, positions, line_offset)


_CLoader = getattr(yaml, "CSafeLoader", None)


def _load_fast(text: str, line_offset: int) -> Located | None:
    """The same result through libyaml when it is there and the text is clean; None sends the
    caller to the pure-Python path, which words every error the same way on every machine."""
    if _CLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        # Refuse anchors and aliases from the event stream, before any node graph exists.
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
        loader = _CLoader(text)
        try:
            return _located(loader, line_offset)
        finally:
            loader.dispose()
    except (yaml.YAMLError, _LocatedProblem):
        return None


def _error(path: str, mark: yaml.Mark | None, message: str, line_offset: int) -> SourceError:
    if mark is None:
        return SourceError(path, None, message)
    return SourceError(path, mark.line + 1 + line_offset, message, mark.column + 1)
