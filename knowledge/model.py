"""The curated entries and source passages as plain, immutable values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # an entry's id: small letters a-z and digits, words joined by '-'


@dataclass(frozen=True)
class SourceRef:
    """Where an entry's rule is written: a file in `sources/` (without .txt) and text that occurs in it."""

    document: str
    section: str


@dataclass(frozen=True)
class Milestone:
    """A dated step an entry tells of ("sidste AlbertslundPraktik", 2021), so "hvor mange år er det siden …?"
    can be counted from the day asked; `year_only` when the source names the year alone."""

    day: date
    year_only: bool
    what: str
    what_en: str = ""


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
    answer_en: str = ""  # the answer in English, for employees who read Danish with difficulty
    not_questions: tuple[str, ...] = ()  # near misses that must not get this entry (`medbot kb check` runs them)
    as_of: date | None = None  # the day the entry's figures or facts are true for
    period: str = ""  # the period its figures are for, as said in answers ("1. kvartal 2025")
    event_date: date | None = None  # the day of the event the entry reports
    answer_after: str = ""  # the answer once the event has taken place (past tense, no sign-up)
    question_lines: tuple[int, ...] = ()  # the line of each listed question and near miss, for `kb check`
    milestones: tuple[Milestone, ...] = ()  # dated steps a question may count the years to or from

    def valid_at(self, at: date) -> bool:
        """True when the rule applies on `at` (open ends are unbounded)."""
        return (self.valid_from is None or self.valid_from <= at) and (self.valid_to is None or at <= self.valid_to)

    def has_happened(self, at: date) -> bool:
        """True when the entry reports an event that has taken place by `at` (the day itself is still ahead)."""
        return self.event_date is not None and at > self.event_date

    def answer_on(self, at: date) -> str:
        """The Danish answer given on `at`: the past-tense `answer_after` once the event has taken place."""
        return self.answer_after if self.has_happened(at) else self.answer

    def review_by(self) -> date:
        """When figures `as_of` a day are a year old and an editor should bring them up to date."""
        assert self.as_of is not None
        return self.as_of.replace(year=self.as_of.year + 1, day=min(self.as_of.day, 28))


@dataclass(frozen=True)
class Passage:
    """A paragraph of a source document under its nearest heading: the fallback when no entry fits."""

    document: str
    title: str  # the human-readable document title
    section: str  # the heading the paragraph stands under; it occurs verbatim in the document
    text: str
