"""The source documents: their metadata, their sections and the paragraphs quoted when no entry fits.

Each `sources/<name>.txt` has a sidecar `sources/<name>.yaml` (`SourceInfo`) with how an employee recognises
it (title, organisation, date) and how its text is cut into sections, so a new document needs no code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from knowledge.model import Passage
from knowledge.places import name_terms
from knowledge.text import is_content_word, split_compound, stem, term
from knowledge.yamlfile import ImpossibleDate, InputError, Problem, read_model

# How a document's text is cut into sections:
#   auto      numbered agenda items or focus areas when there are any, else short title lines (the documents
#             copied by hand from the MED documents, and plain text files)
#   headings  a line starting with "#" is a heading (Word and Markdown documents, `medbot kb add-source`)
#   pages     a line "# Side N" starts page N (PDF documents, `medbot kb add-source`)
Cut = Literal["auto", "headings", "pages"]
CUTS: tuple[Cut, ...] = ("auto", "headings", "pages")
HEADING_MARK = re.compile(r"^#{1,6}[ \t]+(\S.*?)[ \t#]*$")
PAGE_HEADING = re.compile(r"^Side \d+$")

# A numbered agenda item or focus area starts a section; documents without them use short title lines.
_NUMBERED_HEADING = re.compile(r"^\s*(Punkt \d+:|Indsatsområde \d+)", re.IGNORECASE)
_TABLE_OF_CONTENTS = re.compile(r"\.{4,}")
_MIN_PARAGRAPH_WORDS = 6


class SourceInfo(BaseModel):
    """A source document's sidecar `<name>.yaml`, as an editor or `medbot kb add-source` writes it."""

    model_config = ConfigDict(extra="forbid")
    title: str  # how an employee recognises the document; cited under every answer from it
    organisation: str  # the municipality (or body) the document is from
    date: dt.date | None = None  # the day of the meeting or of the document, when it has one
    sections: Cut = "auto"
    original: str = ""  # the file it was made from, for `medbot kb add-source --replace`

    @field_validator("title", "organisation", "original", mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> str:
        if value is None:
            value = ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"feltet '{info.field_name}' skal være tekst")
        text = " ".join(str(value).split())
        if not text and info.field_name != "original":
            raise ValueError(f"feltet '{info.field_name}' mangler")
        return text

    @field_validator("date", mode="before")
    @classmethod
    def _day(cls, value: Any) -> dt.date | None:
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, str) and not isinstance(value, ImpossibleDate):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError(f"'date: {value}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2025-06-25)")

    @field_validator("sections", mode="before")
    @classmethod
    def _cut(cls, value: Any) -> Any:
        if value not in CUTS:
            raise ValueError(f"'sections: {value}' skal være en af: {', '.join(CUTS)}")
        return value


@dataclass(frozen=True)
class Document:
    """One source file: name (file stem), metadata, and its text cut into (heading, body) sections."""

    name: str
    title: str
    sections: tuple[tuple[str, str], ...]
    searchable: tuple[str, ...]  # each section as `normalise_for_match` sees it
    organisation: str = ""
    date: dt.date | None = None

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


def sidecar(text_file: Path) -> Path:
    """Where the metadata of `sources/<name>.txt` is kept: `sources/<name>.yaml`."""
    return text_file.with_suffix(".yaml")


def make_document(name: str, text: str, info: SourceInfo | None) -> Document:
    """A document from its stored text, cut as its metadata says (without metadata: by its first line)."""
    cut: Cut = info.sections if info is not None else "auto"
    title = info.title if info is not None else _first_line(name, text)
    sections = _sections(text) if cut == "auto" else _marked_sections(text, title)
    searchable = tuple(normalise_for_match(f"{h}\n{b}") for h, b in sections)
    return Document(
        name=name,
        title=title,
        sections=sections,
        searchable=searchable,
        organisation=info.organisation if info is not None else "",
        date=info.date if info is not None else None,
    )


def read_sources(sources_dir: Path) -> tuple[dict[str, Document], list[Problem]]:
    """Every `*.txt` in `sources_dir` by file stem, each with its sidecar; what is wrong with the sidecars.

    A document whose sidecar is missing or invalid is still returned (named by its first line), so the entries
    citing it are checked too; the problem alone keeps the content from being built.
    """
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    texts = sorted(sources_dir.glob("*.txt"))
    for path in texts:
        info: SourceInfo | None = None
        if not sidecar(path).is_file():
            problems.append(Problem(str(path), 1, missing_sidecar(path)))
        else:
            try:
                info = read_model(sidecar(path), SourceInfo)
            except InputError as exc:
                problems.extend(exc.problems)
            else:
                problems.extend(_cut_problems(path, info))
        documents[path.stem] = make_document(path.stem, path.read_text(encoding="utf-8"), info)
    stems = {path.stem for path in texts}
    for orphan in sorted(sources_dir.glob("*.yaml")):
        if orphan.stem not in stems:
            problems.append(Problem(str(orphan), 1, f"der er intet kildedokument '{orphan.stem}.txt' til denne fil"))
    return documents, problems


def missing_sidecar(path: Path) -> str:
    """Said by `kb check` about a source document without its metadata file."""
    return (
        f"kildedokumentet mangler sin metadatafil {sidecar(path).name} "
        "(title, organisation, date og sections; se knowledge/README.md)"
    )


def _cut_problems(path: Path, info: SourceInfo) -> list[Problem]:
    """A document cut by pages must mark every page, so a citation's page number is the real one."""
    if info.sections != "pages":
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    marked = [(n, m.group(1)) for n, line in enumerate(lines, 1) if (m := HEADING_MARK.match(line))]
    if not marked:
        return [Problem(str(path), 1, "et dokument med 'sections: pages' skal have en linje '# Side N' for hver side")]
    return [
        Problem(str(path), n, f"'# {heading}' er ingen sidemarkering; skriv '# Side N'")
        for n, heading in marked
        if not PAGE_HEADING.match(heading)
    ]


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


def _first_line(name: str, text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), name)
    return first.replace("*", "")


def _marked_sections(text: str, title: str) -> tuple[tuple[str, str], ...]:
    """Sections under "# heading" lines; what comes before the first is the document's opening, under its title.

    The opening is kept even when empty: the citation line leaves out the opening section's name, and the
    first page or heading of a document must still be named.
    """
    sections: list[tuple[str, str]] = []
    heading, body = title, list[str]()
    for line in text.splitlines():
        mark = HEADING_MARK.match(line)
        if mark:
            sections.append((heading, "\n".join(body)))
            heading, body = mark.group(1).replace("*", ""), []
        else:
            body.append(line)
    sections.append((heading, "\n".join(body)))
    return (sections[0], *((h, b) for h, b in sections[1:] if b.strip()))


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
