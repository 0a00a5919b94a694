"""The one YAML reader: a file read into a Pydantic model, every problem in Danish at the line it concerns."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator, model_validator

from knowledge.yamlfile import (
    ImpossibleDate,
    InputError,
    LineDict,
    LineList,
    line_at,
    load,
    read_model,
    refuse,
    validate_data,
)


class Member(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person: str
    role: str = "member"


class Committee(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    since: date | None = None
    members: list[Member] = []
    intervals: dict[str, int] = {}
    size: int = Field(default=1, ge=1, le=60)

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("et udvalg skal have et navn")
        return value

    @model_validator(mode="after")
    def _not_own_member(self) -> Committee:
        if any(member.person == self.id for member in self.members):
            raise ValueError(f"udvalg {self.id!r} kan ikke være sit eget medlem")
        return self


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    committees: list[Committee]


class Committees(RootModel[list[Committee]]):
    pass


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unknown_field_message: ClassVar[str] = "ukendt nøgle '{field}' (brug {known})"

    words: dict[str, str] = {}

    @field_validator("words", mode="before")
    @classmethod
    def _danish(cls, words: dict[str, Any]) -> dict[str, Any]:
        wrong = [
            ((word,), f"'{word}' skal oversættes til {{et}} dansk ord") for word, value in words.items() if not value
        ]
        if wrong:
            raise refuse(wrong)
        return words


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, model: type[BaseModel] = Organisation) -> list[str]:
    with pytest.raises(InputError) as refused:
        read_model(path, model)
    return [str(p) for p in refused.value.problems]


def test_a_valid_file_becomes_the_typed_model(tmp_path: Path) -> None:
    path = write(tmp_path, "committees:\n  - id: a\n    name: A\n    since: 2025-01-02\n    members: [{person: p}]\n")
    organisation = read_model(path, Organisation)
    assert organisation.committees[0].since == date(2025, 1, 2)
    assert organisation.committees[0].members == [Member(person="p")]


def test_loader_keeps_the_line_of_every_key_and_item(tmp_path: Path) -> None:
    data = load(write(tmp_path, "a: 1\nb:\n  - x\n  -\n    c: 2\n"))
    assert isinstance(data, LineDict) and data.key_lines == {"a": 1, "b": 2}
    assert isinstance(data["b"], LineList) and data["b"].item_lines == (3, 5)
    assert line_at(data, ("b", 1, "c")) == 5
    assert line_at(data, ("b", 1, "missing")) == 5
    assert line_at(data, ("b", 7)) == 2


def test_every_problem_is_reported_at_the_line_of_its_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "committees:\n"
        "  - id: a\n"  # 2
        "    name: 5\n"  # 3
        "    since: 2025-02-30\n"  # 4
        "    members:\n"  # 5
        "      - {person: p, rolle: chair}\n"  # 6
        "      - person: [q]\n"  # 7
        "    intervals: {x: mange}\n"  # 8
        "    size: 61\n"  # 9
        "  - name: B\n",  # 10
    )
    assert problems(path) == [
        f"{path}:3: feltet 'name' skal være tekst",
        f"{path}:4: feltet 'since' skal være en dato (ÅÅÅÅ-MM-DD)",
        f"{path}:6: ukendt felt 'rolle' (kendte felter: person, role)",
        f"{path}:7: feltet 'person' skal være tekst",
        f"{path}:8: feltet 'x' skal være et helt tal",
        f"{path}:9: feltet 'size' skal være højst 60",
        f"{path}:10: feltet 'id' mangler",
    ]


def test_a_validators_danish_message_is_used_as_it_is(tmp_path: Path) -> None:
    path = write(
        tmp_path, "committees:\n  - id: a\n    name: ' '\n  - id: b\n    name: B\n    members: [{person: b}]\n"
    )
    assert problems(path) == [
        f"{path}:3: et udvalg skal have et navn",
        f"{path}:4: udvalg 'b' kan ikke være sit eget medlem",
    ]


def test_wrong_containers_and_unknown_top_level_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "committees: a\nudvalg: []\n")
    assert problems(path) == [
        f"{path}:1: feltet 'committees' skal være en liste",
        f"{path}:2: ukendt felt 'udvalg' (kendte felter: committees)",
    ]
    assert problems(write(tmp_path, "- a\n")) == [f"{tmp_path / 'org.yaml'}:1: filen skal være en mapping"]


def test_an_impossible_unquoted_date_is_refused_at_its_line(tmp_path: Path) -> None:
    data = load(write(tmp_path, "- id: a\n  name: A\n  since: 2025-13-01\n"))
    assert data[0]["since"] == "2025-13-01" and isinstance(data[0]["since"], ImpossibleDate)
    with pytest.raises(InputError) as refused:
        validate_data(data, Committees, "fil.yaml")
    assert [str(p) for p in refused.value.problems] == ["fil.yaml:3: feltet 'since' skal være en dato (ÅÅÅÅ-MM-DD)"]


def test_a_list_item_of_the_wrong_type_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: a\n  name: A\n- nej\n")
    assert problems(path, Committees) == [f"{path}:3: element 2 skal være en mapping"]


def test_already_loaded_data_is_checked_the_same_way(tmp_path: Path) -> None:
    data = load(write(tmp_path, "- id: a\n  name: A\n  extra: 1\n"))
    with pytest.raises(InputError) as refused:
        validate_data(data, Committees, "fil.yaml")
    assert [str(p) for p in refused.value.problems] == [
        "fil.yaml:3: ukendt felt 'extra' (kendte felter: id, name, since, members, intervals, size)"
    ]
    assert validate_data(load(write(tmp_path, "- id: a\n  name: A\n")), Committees, "fil.yaml").root[0].id == "a"


def test_a_yaml_syntax_error_is_one_problem_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "committees:\n  - id: [a\n")
    found = problems(path)
    assert len(found) == 1 and "ugyldig YAML" in found[0]


def test_a_key_written_twice_is_refused_at_its_second_line(tmp_path: Path) -> None:
    path = write(tmp_path, "english:\n  joint: fælles\n  jointly: samlet\n  joint: samlet\n")
    with pytest.raises(InputError) as refused:
        load(path)
    assert [(p.line, p.message) for p in refused.value.problems] == [(4, "ugyldig YAML: nøglen »joint« står to gange")]


def test_one_validator_may_refuse_several_places_and_a_model_may_word_unknown_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "words:\n  doctor: læge\n  nurse:\n  sick: ''\nord: []\n")
    assert problems(path, Words) == [
        f"{path}:3: 'nurse' skal oversættes til {{et}} dansk ord",
        f"{path}:4: 'sick' skal oversættes til {{et}} dansk ord",
        f"{path}:5: ukendt nøgle 'ord' (brug words)",
    ]
