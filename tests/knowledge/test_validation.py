"""Validation: every problem in one run, each as file:line: message an editor can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import InputError, check
from tests.knowledge.conftest import ENTRIES, Writer, build_at

BROKEN = """\
- id: Forkert_Id
  title: Et opslag med fejl
  questions: [kun et spørgsmål]
  answer: kort
  source: {document: referat, section: "Punkt 1: Barns sygedage"}
  organisation: Albertslund Kommune
- id: datoer
  title: Forkerte datoer
  questions: [a, b, c]
  answer: svar
  source: {document: findes-ikke, section: noget}
  valid_from: "2025-02-30"
  organisation: Albertslund Kommune
- id: omvendt
  title: Slut før start
  questions: [a, b, c]
  answer: svar
  source:
    document: referat
    section: "Denne tekst står ikke i referatet"
  valid_from: 2025-06-01
  valid_to: 2025-01-01
  related: [ukendt-opslag]
  superseded_by: heller-ikke-kendt
  organisation: Albertslund Kommune
- id: mangler-svar
  title: Intet svar
  questions: [a, b, c]
  source: {document: referat, section: "Punkt 2"}
  organisation: Albertslund Kommune
  valid_form: 2025-01-01
"""


def problems_of(base: Path) -> list[str]:
    return [str(p) for p in check(base / "content", base / "sources", base / "synonyms.yaml")]


def test_valid_content_has_no_problems(write_knowledge: Writer) -> None:
    assert problems_of(write_knowledge()) == []


def test_real_content_is_valid() -> None:
    import knowledge

    content, sources, synonyms = knowledge.default_paths()
    assert [str(p) for p in check(content, sources, synonyms)] == []


def test_every_problem_is_reported_at_once_with_its_line(write_knowledge: Writer) -> None:
    base = write_knowledge(entries=BROKEN)
    found = problems_of(base)
    file = str(base / "content" / "emner.yaml")
    expected = [
        (1, "må kun have små bogstaver"),
        (3, "mindst 3 spørgsmål"),
        (11, "'findes-ikke' findes ikke"),
        (12, "ikke en gyldig dato"),
        (20, "står ikke i 'referat'"),
        (22, "ligger før valid_from"),
        (23, "'ukendt-opslag' findes ikke"),
        (24, "'heller-ikke-kendt' findes ikke"),
        (26, "feltet 'answer' mangler"),
        (31, "ukendt felt 'valid_form'"),
    ]
    for line, message in expected:
        assert any(p.startswith(f"{file}:{line}:") and message in p for p in found), (line, message, found)


def test_impossible_unquoted_date_is_reported_with_its_line(write_knowledge: Writer) -> None:
    entries = ENTRIES.replace("valid_to: 2025-12-23", "valid_to: 2025-13-23")
    base = write_knowledge(entries=entries)
    assert problems_of(base) == [
        f"{base / 'content' / 'emner.yaml'}:20: '2025-13-23' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"
    ]


def test_too_long_answer_is_refused(write_knowledge: Writer) -> None:
    long_answer = ENTRIES.replace("answer: Barnets anden sygedag afhænger af driften.", "answer: " + "ord " * 300)
    found = problems_of(write_knowledge(entries=long_answer))
    assert any(":11:" in p and "højst 1000" in p for p in found), found


def test_duplicate_id_in_another_file_points_at_both(write_knowledge: Writer) -> None:
    duplicate = ENTRIES.split("- id: barns-anden-sygedag")[0]
    base = write_knowledge(extra={"andet.yaml": duplicate})
    found = problems_of(base)
    assert any(p.startswith(str(base / "content" / "emner.yaml") + ":1:") and "andet.yaml:1" in p for p in found), found


def test_section_match_ignores_case_whitespace_and_markdown(write_knowledge: Writer) -> None:
    entries = ENTRIES.replace('section: "Punkt 3: Fridage"', 'section: "den   store P-PLADS bag rådhuset"')
    assert problems_of(write_knowledge(entries=entries)) == []


def test_yaml_syntax_error_names_its_line(write_knowledge: Writer) -> None:
    found = problems_of(write_knowledge(entries="- id: a\n  title: [ikke lukket\n"))
    assert len(found) == 1 and "ugyldig YAML" in found[0]


@pytest.mark.parametrize(
    ("synonyms", "line", "message"),
    [
        ("groups:\n  - [barn]\n", 2, "mindst to forskellige ord"),
        ("groups: barn\n", 1, "liste af lister"),
        ("english:\n  doctor: [læge]\n", 2, "'doctor' skal oversættes"),
        ("synonymer: []\n", 1, "ukendt nøgle"),
    ],
    ids=["one-word-group", "groups-not-a-list", "english-not-text", "unknown-key"],
)
def test_malformed_synonyms_are_reported(write_knowledge: Writer, synonyms: str, line: int, message: str) -> None:
    base = write_knowledge(synonyms=synonyms)
    found = problems_of(base)
    assert any(p.startswith(f"{base / 'synonyms.yaml'}:{line}:") and message in p for p in found), found


def test_build_refuses_invalid_content_with_all_problems(write_knowledge: Writer) -> None:
    with pytest.raises(InputError) as refused:
        build_at(write_knowledge(entries=BROKEN))
    assert len(refused.value.problems) >= 10
