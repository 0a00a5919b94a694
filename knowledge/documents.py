"""The source documents: their titles, their sections and the paragraphs quoted when no entry fits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.model import Passage
from knowledge.places import name_terms
from knowledge.text import is_content_word, split_compound, stem, term

# How an employee recognises each document; a file without a title here is named by its first line.
DOCUMENT_TITLES: dict[str, str] = {
    "plan-med-2024-2025": "Plan MED 2024-2025",
    "kommunemed-referat-2025-06-25": "Referat af KommuneMED 25. juni 2025",
    "kommunemed-strategiplan-2022-2023": "KommuneMEDs strategiplan 2022-2023",
    "afdelingsmed-oes-referat-2024-08-27": "Referat af AfdelingsMED Økonomi & Stab 27. august 2024",
    "glostrup-med-strategi-2021-2024": "Glostrup Kommunes MED-strategi 2021-2024",
}

# A numbered agenda item or focus area starts a section; documents without them use short title lines.
_NUMBERED_HEADING = re.compile(r"^\s*(Punkt \d+:|Indsatsområde \d+)", re.IGNORECASE)
_TABLE_OF_CONTENTS = re.compile(r"\.{4,}")
_MIN_PARAGRAPH_WORDS = 6


@dataclass(frozen=True)
class Document:
    """One source file: name (file stem), title, and its text cut into (heading, body) sections."""

    name: str
    title: str
    sections: tuple[tuple[str, str], ...]
    searchable: tuple[str, ...]  # each section as `normalise_for_match` sees it

    def heading_of(self, section: str) -> str | None:
        """The heading of the section where `section` occurs, or None when it does not occur."""
        wanted = normalise_for_match(section)
        if not wanted:
            return None
        for (heading, _), text in zip(self.sections, self.searchable, strict=True):
            if wanted in text:
                return heading
        return self.sections[0][0] if self.sections and wanted in " ".join(self.searchable) else None


def normalise_for_match(text: str) -> str:
    """Case, whitespace and Markdown emphasis ignored, as the README promises editors."""
    return " ".join(text.replace("*", "").lower().split())


def load_document(path: Path) -> Document:
    """Read one source file and cut it into sections under its headings."""
    text = path.read_text(encoding="utf-8")
    sections = _sections(text)
    searchable = tuple(normalise_for_match(f"{h}\n{b}") for h, b in sections)
    return Document(name=path.stem, title=_title(path.stem, text), sections=sections, searchable=searchable)


def load_documents(sources_dir: Path) -> dict[str, Document]:
    """Every `*.txt` in `sources_dir`, by file stem."""
    return {p.stem: load_document(p) for p in sorted(sources_dir.glob("*.txt"))}


def passages(document: Document) -> list[Passage]:
    """The paragraphs worth quoting, each with its section heading; short sub-headings join the next one."""
    found: list[Passage] = []
    for heading, body in document.sections:
        lead = ""
        for block in re.split(r"\n\s*\n", body):
            paragraph = " ".join(block.split())
            if not paragraph or _TABLE_OF_CONTENTS.search(paragraph):
                continue
            if len(paragraph.split()) < _MIN_PARAGRAPH_WORDS:
                lead = paragraph.strip("-* ")
                continue
            text = f"{lead.rstrip(':')}: {paragraph}" if lead and not paragraph.startswith(lead) else paragraph
            found.append(Passage(document.name, document.title, heading, text.replace("*", "")))
            lead = ""
    return found


_WORD = re.compile(r"[^\W\d_]+")
_NAME_PAIR = re.compile(r"\b([^\W\d_a-zæøå][^\W\d_]+) +(?=([^\W\d_a-zæøå][^\W\d_]+)\b)")


def person_names(
    documents: Iterable[Document], vocabulary: frozenset[str], other_texts: Iterable[str] = ()
) -> frozenset[str]:
    """Lowercase words that name people in the documents: the quoted fallback must not answer about them.

    A name is a capitalised word written next to another one with only a space between ("Sofie Lennart
    Nilsson", "Gül Corap", not "Borger, Arbejdsmarked"), whose stem no text uses as a lowercase word, which
    is no compound of known words ("Mødedeltagere"), no noun by its ending ("Hjulet", "Myndighed") and no
    municipality. A first name seen in a full name is then also caught alone ("Gül har fået en søn").
    """
    bodies = [body for document in documents for _, body in document.sections]
    lowercase = {stem(w) for w in set(_WORD.findall("\n".join([*bodies, *other_texts]))) if w.islower()}
    places = name_terms()

    def is_name(word: str) -> bool:
        lowered = word.lower()
        return (
            word.istitle()
            and len(word) > 2
            and is_content_word(lowered)
            and stem(lowered) not in lowercase
            and term(lowered) not in places
            and not lowered.endswith(_NOUN_ENDINGS)
            and split_compound(lowered, vocabulary) is None
        )

    found: set[str] = set()
    for body in bodies:
        for match in _NAME_PAIR.finditer(body):
            if all(is_name(w) for w in match.groups()):
                found.update(w.lower() for w in match.groups())
    return frozenset(found)


# Endings of Danish nouns in the definite or abstract form, rare in names ("-sen" is a name: Hansen).
_NOUN_ENDINGS = ("hed", "else", "ing", "ige", "erne", "ene", "et", "ven", "ren", "gen", "len", "den")


def _title(name: str, text: str) -> str:
    if name in DOCUMENT_TITLES:
        return DOCUMENT_TITLES[name]
    first = next((line.strip() for line in text.splitlines() if line.strip()), name)
    return first.replace("*", "")


def _sections(text: str) -> tuple[tuple[str, str], ...]:
    lines = text.splitlines()
    numbered = any(_NUMBERED_HEADING.match(line) for line in lines)
    heading = next((line.strip() for line in lines if line.strip()), "")
    sections: list[tuple[str, str]] = []
    body: list[str] = []
    for i, line in enumerate(lines):
        if _is_heading(line, lines, i, numbered):
            sections.append((heading, "\n".join(body)))
            heading, body = line.strip().replace("*", ""), []
        else:
            body.append(line)
    sections.append((heading, "\n".join(body)))
    return tuple((h, b) for h, b in sections if b.strip())


def _is_heading(line: str, lines: list[str], i: int, numbered: bool) -> bool:
    """Numbered headings when a document has them; otherwise a short title line followed by a blank one."""
    if numbered:
        return bool(_NUMBERED_HEADING.match(line))
    stripped = line.strip()
    followed_by_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
    return (
        0 < len(stripped) <= 70
        and followed_by_blank
        and not stripped.startswith("-")
        and stripped[-1] not in '.,:;”"'
        and i > 0
    )
