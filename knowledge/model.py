"""The curated entries and source passages as plain, immutable values."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SourceRef:
    """Where an entry's rule is written: a file in `sources/` (without .txt) and text that occurs in it."""

    document: str
    section: str

    def to_json(self) -> dict[str, str]:
        """The `{document, section}` object of the `medbot ask --json` contract."""
        return {"document": self.document, "section": self.section}


@dataclass(frozen=True)
class Citation:
    """Where an answer comes from, as an employee reads it: the document's title and the section's heading.

    `quote` is the passage an editor pointed at inside that section (or the quoted paragraph), kept so a
    reader can find the exact place; `opening` says the heading is the document's own opening line, which
    the citation line then leaves out.
    """

    document: str  # file in sources/ without .txt
    title: str
    section: str
    quote: str = ""
    opening: bool = False

    def to_json(self) -> dict[str, str]:
        """The `{document, section}` object of the `medbot ask --json` contract, with the quote when it adds one."""
        found = {"document": self.document, "section": self.section}
        if self.quote and self.quote != self.section:
            found["quote"] = self.quote
        return found


@dataclass(frozen=True)
class Entry:
    """One curated answer; `file` and `line` say where an editor finds it."""

    id: str
    title: str
    questions: tuple[str, ...]
    answer: str
    details: str
    sources: tuple[SourceRef, ...]
    valid_from: date | None
    valid_to: date | None
    superseded_by: str | None
    organisation: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    file: str = ""
    line: int = 0

    def valid_at(self, at: date) -> bool:
        """True when the rule applies on `at` (open ends are unbounded)."""
        return (self.valid_from is None or self.valid_from <= at) and (self.valid_to is None or at <= self.valid_to)

    def same_content(self, other: Entry) -> bool:
        """True when an editor changed nothing but the entry's place in its file."""
        return dataclasses.replace(self, file="", line=0) == dataclasses.replace(other, file="", line=0)


@dataclass(frozen=True)
class Passage:
    """A paragraph of a source document under its nearest heading: the fallback when no entry fits."""

    document: str
    title: str  # the human-readable document title
    section: str  # the heading the paragraph stands under; it occurs verbatim in the document
    text: str
