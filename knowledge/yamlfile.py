"""YAML with line numbers, so a refused file can say where it is wrong (`file:line: message`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[str, Any]):
    """A mapping that remembers the line (1-based) it started on in its file."""

    line: int = 0


class LineList(list[Any]):
    """A sequence that remembers the line (1-based) it started on in its file."""

    line: int = 0


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml's C parser where available: twice as fast) that records where each node starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_sequence(node, deep=True))
    sequence.line = node.start_mark.line + 1
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, printed the way compilers do."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InputError(Exception):
    """A file was refused whole; `problems` says every reason found, with lines."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load(path: Path) -> Any:
    """Parse a YAML file; syntax errors become an InputError with the line of the error."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), 0, f"kan ikke læses: {exc}")]) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise InputError([Problem(str(path), line, f"ugyldig YAML: {exc.problem}")]) from exc
    except yaml.YAMLError as exc:
        raise InputError([Problem(str(path), 0, f"ugyldig YAML: {exc}")]) from exc
    except ValueError as exc:  # an impossible unquoted date such as 2025-13-01
        raise InputError([Problem(str(path), 0, f"ugyldig værdi: {exc}")]) from exc


def line_of(value: Any, default: int = 0) -> int:
    """The line a parsed mapping or list started on, or `default` for scalars."""
    return int(getattr(value, "line", default) or default)
