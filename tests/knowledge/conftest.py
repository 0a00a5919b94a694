"""Fixtures for the knowledge tests: the real knowledge base, and small ones written into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import knowledge
from knowledge import Answer, KnowledgeBase

SOURCE = """\
Et referat

Punkt 1: Barns sygedage

Barns 1. sygedag gives med løn, så forældrene kan finde pasning til barnet.

Barns 2. sygedag gives kun, hvis driften tillader det, og er uden for de fleste overenskomster.

Punkt 2: Parkering

Medarbejdere kan parkere gratis på **den store p-plads** bag rådhuset, men cykelkælderen lukker kl. 18.

Punkt 3: Fridage

Kutymefridage gjaldt til og med 23. december 2025. Fra 24. december 2025 følger kommunen overenskomsten.
"""

ENTRIES = """\
- id: barns-foerste-sygedag
  title: Barns 1. sygedag
  questions: ["Hvad gælder på barns første sygedag?", barns 1. sygedag, første sygedag med barn]
  answer: På barnets første sygedag har du fri med løn til at finde pasning.
  source: {document: referat, section: "Punkt 1: Barns sygedage"}
  organisation: Albertslund Kommune
  tags: [barn, sygedag]
- id: barns-anden-sygedag
  title: Barns 2. sygedag
  questions: ["Hvad gælder på barns anden sygedag?", barns 2. sygedag, anden sygedag med barn]
  answer: Barnets anden sygedag afhænger af driften.
  source: {document: referat, section: "Barns 2. sygedag gives kun"}
  organisation: Albertslund Kommune
  tags: [barn, sygedag]
- id: kutymefridage-gammel
  title: Kutymefridage til og med 23. december 2025
  questions: ["Har vi fri juleaften?", kutymefridage, fri 24. december]
  answer: Indtil 23. december 2025 holdes kutymefridagene som hidtil.
  source: {document: referat, section: "Punkt 3: Fridage"}
  valid_to: 2025-12-23
  superseded_by: kutymefridage-ny
  organisation: Albertslund Kommune
  tags: [fridage, juleaften]
- id: kutymefridage-ny
  title: Kutymefridage er opsagt fra 24. december 2025
  questions: ["Er kutymefridagene opsagt?", kutymefridage opsagt, hvad gælder nu for fridage]
  answer: Fra 24. december 2025 følger kommunen overenskomsternes regler om fridage.
  source: {document: referat, section: "Fra 24. december 2025 følger kommunen overenskomsten."}
  valid_from: 2025-12-24
  organisation: Albertslund Kommune
  tags: [fridage, overenskomst]
"""

SOURCE_INFO = """\
title: Et referat
organisation: Albertslund Kommune
sections: auto
"""

SYNONYMS = """\
groups:
  - [barn, søn, datter]
english:
  child: barn
  sick day: sygedag
  second: anden
"""

Writer = Callable[..., Path]


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real knowledge base in knowledge/, built once."""
    return knowledge.build(*knowledge.default_paths())


@pytest.fixture
def write_knowledge(tmp_path: Path) -> Writer:
    """Write a small knowledge dir (content/, sources/, synonyms.yaml) and return its path."""

    def write(
        entries: str = ENTRIES,
        source: str = SOURCE,
        synonyms: str = SYNONYMS,
        extra: dict[str, str] | None = None,
    ) -> Path:
        base = tmp_path / "kb"
        (base / "content").mkdir(parents=True, exist_ok=True)
        (base / "sources").mkdir(exist_ok=True)
        (base / "content" / "emner.yaml").write_text(textwrap.dedent(entries), encoding="utf-8")
        (base / "sources" / "referat.txt").write_text(source, encoding="utf-8")
        (base / "sources" / "referat.yaml").write_text(SOURCE_INFO, encoding="utf-8")
        (base / "synonyms.yaml").write_text(synonyms, encoding="utf-8")
        for name, text in (extra or {}).items():
            (base / "content" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return base

    return write


def answered_id(answer: Answer) -> str | None:
    """The id of the entry that answered, or None when the bot refused: one comparison names both failures."""
    return answer.entry.id if answer.answered and answer.entry is not None else None


def build_at(base: Path) -> KnowledgeBase:
    """Build the knowledge base in `base`."""
    return knowledge.build(base / "content", base / "sources", base / "synonyms.yaml")
