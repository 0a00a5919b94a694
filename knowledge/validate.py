"""Validation of the curated content: every problem at once, as `file:line: message` in Danish.

Editors fix what `medbot kb check` prints, so a message names the field and says what is expected. Each entry is
read into `EntryFields` (knowledge.yamlfile); what an entry names outside itself (source documents and their
sections, other entries under `related` and `superseded_by`) is checked against a `Catalogue` of every file, so
those problems point at the field too and are found even in an entry with other mistakes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from knowledge.documents import Document, read_sources
from knowledge.model import ENTRY_ID, Entry, Milestone, SourceRef
from knowledge.synonyms import Synonyms, parse_synonyms
from knowledge.yamlfile import ImpossibleDate, InputError, Problem, line_at, line_of, load, validate_data

MAX_ANSWER = 1000
MIN_QUESTIONS = 3


@dataclass(frozen=True)
class Content:
    """Everything a knowledge base is built from, with what is wrong with it."""

    entries: tuple[Entry, ...]
    documents: dict[str, Document]
    synonyms: Synonyms
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Catalogue:
    """What an entry may name outside itself: the source documents, and every entry's id with its successor."""

    documents: Mapping[str, Document]
    successors: Mapping[str, str | None]  # every id in the content → its `superseded_by`


def check(content_dir: Path, sources_dir: Path, synonyms_path: Path | None = None) -> list[Problem]:
    """Every problem in the content, its source references and the synonyms file (empty when all is well)."""
    return list(load_content(content_dir, sources_dir, synonyms_path).problems)


def load_content(content_dir: Path, sources_dir: Path, synonyms_path: Path | None = None) -> Content:
    """Read and cross-check entries, sources and synonyms; the entries are usable only without problems."""
    problems: list[Problem] = []
    if not content_dir.is_dir():
        problems.append(Problem(str(content_dir), 0, "mappen med indhold findes ikke"))
    if not sources_dir.is_dir():
        problems.append(Problem(str(sources_dir), 0, "mappen med kildedokumenter findes ikke"))
    documents: dict[str, Document] = {}
    if sources_dir.is_dir():
        documents, source_problems = read_sources(sources_dir)
        problems.extend(source_problems)
    files = sorted(content_dir.glob("*.yaml")) if content_dir.is_dir() else []
    loaded: list[tuple[str, list[Any]]] = []
    for path in files:
        data, file_problems = _load_list(path)
        loaded.append((str(path), data))
        problems.extend(file_problems)
    catalogue, duplicates = _catalogue(loaded, documents)
    entries: list[Entry] = []
    for file, data in loaded:
        found, entry_problems = _entries(file, data, catalogue)
        entries.extend(found)
        problems.extend(entry_problems)
    problems.extend(duplicates)
    synonyms, synonym_problems = parse_synonyms(synonyms_path or content_dir.parent / "synonyms.yaml")
    problems.extend(synonym_problems)
    return Content(tuple(entries), documents, synonyms, tuple(problems))


def parse_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of one content file that are well-formed on their own, and what is wrong with the rest.

    Alone, a file cannot tell whether its sources and the entries it names exist; `load_content` checks that.
    """
    data, problems = _load_list(path)
    entries, entry_problems = _entries(str(path), data, None)
    return entries, problems + entry_problems


def _load_list(path: Path) -> tuple[list[Any], list[Problem]]:
    """The entries of a content file as loaded YAML, or what keeps the file from being a list of entries."""
    try:
        data = load(path)
    except InputError as exc:
        return [], exc.problems
    if data is None:
        return [], []
    if not isinstance(data, list):
        message = "filen skal være en liste af opslag (hvert opslag starter med '- id:')"
        return [], [Problem(str(path), line_of(data, 1), message)]
    return data, []


def _entries(file: str, data: list[Any], catalogue: Catalogue | None) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for index, raw in enumerate(data):
        if not isinstance(raw, dict):
            problems.append(Problem(file, line_at(data, (index,), 1), "et opslag skal være en mapping med felter"))
            continue
        try:
            fields = validate_data(raw, EntryFields, file, context=catalogue)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        entries.append(fields.entry(file, raw))
    return entries, problems


def _catalogue(
    loaded: list[tuple[str, list[Any]]], documents: Mapping[str, Document]
) -> tuple[Catalogue, list[Problem]]:
    """Every entry's id (also of entries with mistakes of their own) and the ids given twice."""
    successors: dict[str, str | None] = {}
    first: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for file, data in loaded:
        for raw in data:
            entry_id = _plain(raw.get("id")) if isinstance(raw, dict) else ""
            if not entry_id:
                continue
            line = line_of(raw, 1)
            if entry_id in first:
                other_file, other_line = first[entry_id]
                problems.append(Problem(file, line, f"id '{entry_id}' findes allerede ({other_file}:{other_line})"))
            else:
                first[entry_id] = (file, line)
                successors[entry_id] = _plain(raw.get("superseded_by")) or None
    return Catalogue(documents, successors), problems


# ---------------------------------------------------------------------------------------------------------------
# The entry format


def _plain(value: Any) -> str:
    """Text as an entry holds it (whitespace folded), or '' for anything that is not text."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return " ".join(str(value).split())


def _known(info: ValidationInfo) -> Catalogue | None:
    return info.context if isinstance(info.context, Catalogue) else None


def _existing_entry(entry_id: str, info: ValidationInfo) -> str:
    catalogue = _known(info)
    if catalogue is not None and entry_id not in catalogue.successors:
        raise ValueError(f"related: opslaget '{entry_id}' findes ikke")
    return entry_id


class Source(BaseModel):
    """Where an entry's rule is written: a document in `sources/` and text that occurs in it."""

    document: str
    section: str

    @model_validator(mode="before")
    @classmethod
    def _both_texts(cls, value: Any) -> dict[str, str]:
        document = value.get("document") if isinstance(value, dict) else None
        section = value.get("section") if isinstance(value, dict) else None
        if not isinstance(document, str) or not isinstance(section, str) or not document or not section.strip():
            raise ValueError("en kilde skal have 'document' og 'section' som tekst")
        return {"document": document.strip(), "section": " ".join(section.split())}

    @field_validator("document")
    @classmethod
    def _document_exists(cls, document: str, info: ValidationInfo) -> str:
        catalogue = _known(info)
        if catalogue is not None and document not in catalogue.documents:
            raise ValueError(f"kildedokumentet '{document}' findes ikke i sources/ (filnavn uden .txt)")
        return document

    @field_validator("section")
    @classmethod
    def _section_exists(cls, section: str, info: ValidationInfo) -> str:
        catalogue = _known(info)
        name = info.data.get("document", "")
        document = catalogue.documents.get(name) if catalogue is not None else None
        if document is not None and document.heading_of(section) is None:
            raise ValueError(f"afsnittet '{_short(section)}' står ikke i '{name}'")
        return section


_FIRST_YEAR, _LAST_YEAR = 1990, 2100  # a milestone's year, as an editor may write it


def _day_of(value: Any) -> date | None:
    """A day as YAML gives it (a date, or ISO text such as "2025-06-25"), else None; a datetime is no day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


class MilestoneFields(BaseModel):
    """A dated step as an editor writes it: `when` a year (2021) or a day (2023-11-15), `what` a short phrase."""

    model_config = ConfigDict(extra="forbid")

    when: date
    year_only: bool = False
    what: str
    what_en: str = ""

    @model_validator(mode="before")
    @classmethod
    def _year_or_day(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError("en milepæl skal have 'when' (år eller ÅÅÅÅ-MM-DD) og 'what'")
        when = value.get("when")
        if isinstance(when, int) and not isinstance(when, bool) and _FIRST_YEAR <= when <= _LAST_YEAR:
            return {**value, "when": date(when, 1, 1), "year_only": True}
        if (day := _day_of(when)) is None:
            raise ValueError(f"milepælens 'when: {when}' er hverken et år eller en dato (ÅÅÅÅ-MM-DD)")
        return {**value, "when": day}

    @field_validator("what")
    @classmethod
    def _said(cls, what: str) -> str:
        if not what.strip():
            raise ValueError("milepælens 'what' mangler")
        return " ".join(what.split())


_TEXTS = ("id", "title", "answer", "organisation", "details", "superseded_by", "answer_en", "period", "answer_after")


class EntryFields(BaseModel):
    """One entry as an editor writes it (`knowledge/README.md`); `entry` makes the value the search uses.

    Fields are checked in this order, so a check that compares two fields sits on the later one.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    questions: list[str]
    answer: str
    source: list[Source]
    organisation: str
    details: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    superseded_by: str | None = None
    tags: list[str] = []
    related: list[Annotated[str, AfterValidator(_existing_entry)]] = []
    answer_en: str = ""
    not_questions: list[str] = []
    as_of: date | None = None
    period: str = ""
    answer_after: str = ""
    event_date: date | None = None
    milestones: list[MilestoneFields] = []

    @field_validator(*_TEXTS, mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"feltet '{info.field_name}' skal være tekst")
        return " ".join(str(value).split())

    @field_validator("questions", "tags", "related", "not_questions", mode="before")
    @classmethod
    def _texts(cls, value: Any, info: ValidationInfo) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) and str(v).strip() for v in value):
            raise ValueError(f"feltet '{info.field_name}' skal være en liste af tekster")
        return [" ".join(str(v).split()) for v in value]

    @field_validator("valid_from", "valid_to", "as_of", "event_date", mode="before")
    @classmethod
    def _date(cls, value: Any, info: ValidationInfo) -> date | None:
        if value is None:
            return None
        if isinstance(value, ImpossibleDate):
            raise ValueError(f"'{value}' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)")
        if (day := _day_of(value)) is None:
            raise ValueError(f"'{info.field_name}: {value}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2025-06-25)")
        return day

    @field_validator("source", mode="before")
    @classmethod
    def _one_or_more_sources(cls, value: Any) -> Any:
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    @field_validator("id", "title", "questions", "answer", "source", "organisation")
    @classmethod
    def _required(cls, value: str | list[Any], info: ValidationInfo) -> str | list[Any]:
        if not value:
            raise ValueError(f"feltet '{info.field_name}' mangler")
        return value

    @field_validator("id")
    @classmethod
    def _id_form(cls, entry_id: str) -> str:
        if not ENTRY_ID.match(entry_id):
            raise ValueError(f"id '{entry_id}' må kun have små bogstaver a-z, tal og '-'")
        return entry_id

    @field_validator("answer", "answer_en", "answer_after")
    @classmethod
    def _short_enough(cls, text: str, info: ValidationInfo) -> str:
        if len(text) <= MAX_ANSWER:
            return text
        if info.field_name == "answer":
            raise ValueError(f"svaret er {len(text)} tegn; højst {MAX_ANSWER} (brug 'details')")
        raise ValueError(f"'{info.field_name}' er {len(text)} tegn; højst {MAX_ANSWER}")

    @field_validator("questions")
    @classmethod
    def _enough_questions(cls, questions: list[str]) -> list[str]:
        if len(questions) < MIN_QUESTIONS:
            raise ValueError(f"mindst {MIN_QUESTIONS} spørgsmål, som en medarbejder ville skrive dem")
        return questions

    @field_validator("valid_to")
    @classmethod
    def _ends_after_start(cls, valid_to: date | None, info: ValidationInfo) -> date | None:
        valid_from = info.data.get("valid_from")
        if valid_from and valid_to and valid_from > valid_to:
            raise ValueError(f"valid_to ({valid_to}) ligger før valid_from ({valid_from})")
        return valid_to

    @field_validator("superseded_by")
    @classmethod
    def _successor_exists(cls, successor: str, info: ValidationInfo) -> str | None:
        catalogue = _known(info)
        if not successor or catalogue is None:
            return successor or None
        own = info.data.get("id", "")
        if successor == own:
            raise ValueError("et opslag kan ikke afløse sig selv")
        if successor not in catalogue.successors:
            raise ValueError(f"superseded_by: opslaget '{successor}' findes ikke")
        if _in_cycle(own, catalogue.successors):
            raise ValueError("superseded_by danner en ring af opslag, der afløser hinanden")
        return successor

    @field_validator("event_date")
    @classmethod
    def _told_after(cls, event_date: date | None, info: ValidationInfo) -> date | None:
        if event_date is not None and info.data.get("answer_after") == "":
            raise ValueError("et opslag med 'event_date' skal have 'answer_after': svaret i datid, når det er sket")
        return event_date

    def entry(self, file: str, raw: Mapping[str, Any]) -> Entry:
        """The entry the search uses; `raw` (as loaded) gives the lines `kb check` points at."""
        listed = [("questions", n) for n in range(len(self.questions))]
        listed += [("not_questions", n) for n in range(len(self.not_questions))]
        return Entry(
            id=self.id,
            title=self.title,
            questions=tuple(self.questions),
            answer=self.answer,
            details=self.details,
            sources=tuple(SourceRef(source.document, source.section) for source in self.source),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            superseded_by=self.superseded_by,
            organisation=self.organisation,
            tags=tuple(self.tags),
            related=tuple(self.related),
            file=file,
            line=line_of(raw, 1),
            answer_en=self.answer_en,
            not_questions=tuple(self.not_questions),
            as_of=self.as_of,
            period=self.period,
            event_date=self.event_date,
            answer_after=self.answer_after,
            question_lines=tuple(line_at(raw, place) for place in listed),
            milestones=tuple(Milestone(m.when, m.year_only, m.what, m.what_en) for m in self.milestones),
        )


def _in_cycle(entry_id: str, successors: Mapping[str, str | None]) -> bool:
    seen = {entry_id}
    current = successors.get(entry_id)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = successors.get(current)
    return False


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
