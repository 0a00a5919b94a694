"""YAML with line numbers, so a refused file can say where it is wrong (`file:line: message`).

Every input file is read the same way: `load` keeps the line of each mapping key and list item, and
`read_model`/`validate_data` check the data against a Pydantic model, turning each validation error into a
Danish `Problem` at the line of the innermost node it concerns. A model's validators raise
`ValueError("<Danish message>")`, shown as it is (or `refuse(...)` for several at once); Pydantic's own errors
get a Danish sentence by their type. A model may word its refusal of an unknown field itself with a class
attribute `unknown_field_message` (a format string with `{field}` and `{known}`).
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, RootModel, ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError


class LineDict(dict[str, Any]):
    """A mapping that remembers the line (1-based) it started on in its file, and the line of each key."""

    line: int = 0
    key_lines: Mapping[str, int] = types.MappingProxyType({})


class LineList(list[Any]):
    """A sequence that remembers the line (1-based) it started on in its file, and the line of each item."""

    line: int = 0
    item_lines: tuple[int, ...] = ()


class ImpossibleDate(str):
    """An unquoted date that does not exist (2025-13-01), kept as written so a model can say where it is."""

    __slots__ = ()


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml's C parser where available: twice as fast) that records where each node starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    seen: set[str] = set()
    for key, _ in node.value:  # YAML keeps the last of two equal keys silently: an editor's mapping lost
        name = str(loader.construct_object(key, deep=True))
        if name in seen:
            raise yaml.constructor.ConstructorError(None, None, f"nøglen »{name}« står to gange", key.start_mark)
        seen.add(name)
    mapping = LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    # construct_mapping has flattened merge keys (<<) into node.value, so every key here is one of the mapping's
    mapping.key_lines = {str(loader.construct_object(key, deep=True)): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_sequence(node, deep=True))
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = tuple(item.start_mark.line + 1 for item in node.value)
    return sequence


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return ImpossibleDate(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
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


def line_of(value: Any, default: int = 0) -> int:
    """The line a parsed mapping or list started on, or `default` for scalars."""
    return int(getattr(value, "line", default) or default)


def line_at(data: Any, loc: Sequence[int | str], default: int = 0) -> int:
    """The line of the innermost node on the path `loc` (keys and list positions) that has one.

    A key's line is where the key is written, so a message about a field points at the field. Steps the data
    does not have (a field that is missing, a union member's name Pydantic adds) leave the line where it was.
    """
    line = line_of(data, default)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and -len(node) <= part < len(node):
            line = node.item_lines[part] if node.item_lines else line
            node = node[part]
    return line


Model = TypeVar("Model", bound=BaseModel)


def read_model(path: Path, model: type[Model], *, context: Any = None) -> Model:
    """Read a YAML file into `model`; raises InputError with every problem, each at its line."""
    return validate_data(load(path), model, str(path), context=context)


def validate_data(data: Any, model: type[Model], file: str, *, context: Any = None) -> Model:
    """Check already loaded YAML (`load`) against `model`; raises InputError with every problem, by line.

    `context` reaches the model's validators (`ValidationInfo.context`), for checks against other files.
    """
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = [Problem(file, line_at(data, error["loc"], 1), _message(error, model)) for error in exc.errors()]
        raise InputError(sorted(problems, key=lambda p: p.line)) from exc


def refuse(problems: Iterable[tuple[tuple[int | str, ...], str]]) -> ValidationError:
    """Several problems one validator found, each at its place (keys, positions) inside the value it checks.

    Raise it from a validator; Pydantic places the problems under the validated value's own location.
    """
    details = [
        InitErrorDetails(
            type=PydanticCustomError("value_error", "{message}", {"message": message}), loc=loc, input=None
        )
        for loc, message in problems
    ]
    return ValidationError.from_exception_data("refused", details)


_TYPES = {
    "string_type": "skal være tekst",
    "list_type": "skal være en liste",
    "tuple_type": "skal være en liste",
    "set_type": "skal være en liste",
    "frozen_set_type": "skal være en liste",
    "dict_type": "skal være en mapping",
    "model_type": "skal være en mapping",
    "model_attributes_type": "skal være en mapping",
    "date_type": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_parsing": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "datetime_type": "skal være et tidspunkt (ÅÅÅÅ-MM-DD TT:MM)",
    "datetime_parsing": "skal være et tidspunkt (ÅÅÅÅ-MM-DD TT:MM)",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "float_type": "skal være et tal",
    "float_parsing": "skal være et tal",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "string_pattern_mismatch": "har en ugyldig form",
}
_LIMITS = {
    "greater_than": "skal være større end {gt}",
    "greater_than_equal": "skal være mindst {ge}",
    "less_than": "skal være mindre end {lt}",
    "less_than_equal": "skal være højst {le}",
    "string_too_short": "skal have mindst {min_length} tegn",
    "string_too_long": "må højst have {max_length} tegn",
    "too_short": "skal have mindst {min_length} elementer",
    "too_long": "må højst have {max_length} elementer",
    "literal_error": "skal være en af: {expected}",
    "enum": "skal være en af: {expected}",
}
_PREFIXES = ("Value error, ", "Assertion failed, ")


def _message(error: ErrorDetails, model: type[BaseModel]) -> str:
    """A Pydantic error in Danish: a validator's own message as it is, else what the field must be."""
    kind, loc = error["type"], error["loc"]
    if kind in ("value_error", "assertion_error"):
        message = error["msg"]
        return next((message[len(p) :] for p in _PREFIXES if message.startswith(p)), message)
    names = [part for part in loc if isinstance(part, str)]
    name = names[-1] if names else ""
    if kind == "missing":
        return f"feltet '{name}' mangler"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        if owner is None:
            return f"ukendt felt '{name}'"
        template = getattr(owner, "unknown_field_message", "ukendt felt '{field}' (kendte felter: {known})")
        return str(template).format(field=name, known=", ".join(_field_names(owner)))
    if loc and isinstance(loc[-1], int):
        subject = f"element {loc[-1] + 1}" + (f" i '{name}'" if name else "")
    else:
        subject = f"feltet '{name}'" if name else "filen"
    if kind in _TYPES:
        return f"{subject} {_TYPES[kind]}"
    if kind in _LIMITS:
        return f"{subject} {_LIMITS[kind].format(**error.get('ctx', {}))}"
    return f"{subject} er ugyldigt: {error['msg']}"


def _field_names(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(model: Any, loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, found by following the field types."""
    current = model
    for part in loc:
        current = _step(_unwrap(current), part)
    found = _unwrap(current)
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def _unwrap(kind: Any) -> Any:
    """The type that validates a value: a root model's root, an annotated or optional type's own."""
    while True:
        if isinstance(kind, type) and issubclass(kind, RootModel):
            kind = kind.model_fields["root"].annotation
        elif get_origin(kind) is Annotated:
            kind = get_args(kind)[0]
        elif get_origin(kind) in (Union, types.UnionType):
            members = [arg for arg in get_args(kind) if arg is not type(None)]
            if len(members) != 1:
                return kind
            kind = members[0]
        else:
            return kind


def _step(kind: Any, part: int | str) -> Any:
    """The type one step further along a Pydantic `loc`; an unknown step (a union tag) stays put."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        field = next((f for n, f in kind.model_fields.items() if part in (n, f.alias)), None)
        return field.annotation if field is not None else kind
    origin, args = get_origin(kind), get_args(kind)
    if isinstance(origin, type) and issubclass(origin, Mapping) and len(args) == 2:
        return args[1]
    if isinstance(part, int) and isinstance(origin, type) and issubclass(origin, tuple) and args:
        return args[0] if args[-1] is Ellipsis or part >= len(args) else args[part]
    if isinstance(part, int) and isinstance(origin, type) and issubclass(origin, Sequence | set | frozenset) and args:
        return args[0]
    return kind
