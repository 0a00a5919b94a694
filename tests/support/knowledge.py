"""A small, fictional knowledge folder for tests that must not move when the curated content changes.

It builds in milliseconds, so reload tests can edit it freely; the entries cover a current and a superseded
rule, details, related entries and a source paragraph that no entry answers (the quoted fallback).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.config import PROJECT_ROOT

REAL_KNOWLEDGE = PROJECT_ROOT / "knowledge"

SOURCE = """Personalehåndbog for Testkommune

Punkt 1: Praktiske forhold

Dette afsnit samler de praktiske forhold, som gælder for alle ansatte i kommunen.

Punkt 2: Frugt

Frugtordningen leverer æbler og bananer til alle afdelinger hver mandag morgen fra grossisten.

Punkt 3: Drikkevarer

Drikkevarer på arbejdspladsen er gratis for alle ansatte. Fra 2026 afholder hver afdeling selv udgiften.
"""

ENTRIES = """- id: parkering
  title: Parkering ved rådhuset
  questions:
    - Hvor må jeg parkere ved rådhuset?
    - parkering rådhus
    - Er der gratis parkering for ansatte?
  answer: Ansatte parkerer gratis på rådhusets p-plads bag bygning B.
  details: Gæster parkerer foran hovedindgangen. Pladserne ved døren er til kørestolsbrugere.
  source:
    document: personalehaandbog
    section: "Punkt 1: Praktiske forhold"
  valid_from: 2025-01-01
  organisation: Testkommune
  tags: [parkering, bil]
  related: [cykelkaelder]

- id: cykelkaelder
  title: Nøgle til cykelkælderen
  questions:
    - Hvor får jeg en nøgle til cykelkælderen?
    - cykelkælder nøgle
    - Hvordan kommer jeg ind i cykelkælderen?
  answer: Nøglen til cykelkælderen får du i receptionen mod et depositum på 100 kr.
  source:
    document: personalehaandbog
    section: "Punkt 1: Praktiske forhold"
  organisation: Testkommune
  tags: [cykel, nøgle]
  related: [parkering]

- id: kaffe-gratis
  title: Gratis kaffe til ansatte
  questions:
    - Er kaffen gratis?
    - Skal jeg betale for kaffe?
    - kaffeordning pris
  answer: Kaffe er gratis for alle ansatte, og kommunen betaler bønnerne.
  source:
    document: personalehaandbog
    section: "Punkt 3: Drikkevarer"
  valid_to: 2025-12-31
  superseded_by: kaffe-afdeling
  organisation: Testkommune
  tags: [kaffe]

- id: kaffe-afdeling
  title: Kaffe betales af afdelingen
  questions:
    - Hvem betaler for kaffen?
    - Er kaffe stadig gratis?
    - kaffebønner betaling
  answer: Kaffe er stadig gratis for dig, men hver afdeling betaler selv for kaffebønnerne.
  source:
    document: personalehaandbog
    section: "Punkt 3: Drikkevarer"
  valid_from: 2026-01-01
  organisation: Testkommune
  tags: [kaffe]
"""

SOURCE_INFO = """title: Personalehåndbog for Testkommune
organisation: Testkommune
date: 2025-01-01
sections: auto
"""

SYNONYMS = """groups:
  - [parkering, p-plads, parkere]
english: {}
"""


def write_small_knowledge(folder: Path) -> Path:
    """Write the fictional knowledge folder (content/, sources/, synonyms.yaml) and return it."""
    (folder / "content").mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "personalehaandbog.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "sources" / "personalehaandbog.yaml").write_text(SOURCE_INFO, encoding="utf-8")
    (folder / "content" / "praktisk.yaml").write_text(ENTRIES, encoding="utf-8")
    (folder / "synonyms.yaml").write_text(SYNONYMS, encoding="utf-8")
    return folder


def copy_real_knowledge(folder: Path) -> Path:
    """A private copy of the curated knowledge, for tests that edit it."""
    shutil.copytree(REAL_KNOWLEDGE, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py", "README.md"))
    return folder
