"""Validation of the curated content: every problem at once, as `file:line: message` in Danish.

Editors fix what `medbot kb check` prints, so a message names the field and says what is expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from knowledge.documents import Document, load_documents
from knowledge.model import Entry, SourceRef
from knowledge.synonyms import Synonyms, parse_synonyms
from knowledge.yamlfile import InputError, Problem, line_of, load

MAX_ANSWER = 1000
MIN_QUESTIONS = 3
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = ("id", "title", "questions", "answer", "source", "organisation")
OPTIONAL = (
    "details",
    "valid_from",
    "valid_to",
    "superseded_by",
    "tags",
    "related",
    "answer_en",
    "not_questions",
    "as_of",
    "period",
    "event_date",
    "answer_after",
)


@dataclass(frozen=True)
class Content:
    """Everything a knowledge base is built from, with what is wrong with it."""

    entries: tuple[Entry, ...]
    documents: dict[str, Document]
    synonyms: Synonyms
    problems: tuple[Problem, ...]


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
    documents = load_documents(sources_dir) if sources_dir.is_dir() else {}
    entries: list[Entry] = []
    files = sorted(content_dir.glob("*.yaml")) if content_dir.is_dir() else []
    for path in files:
        found, file_problems = parse_file(path)
        entries.extend(found)
        problems.extend(file_problems)
    problems.extend(_cross_check(entries, documents))
    synonyms, synonym_problems = parse_synonyms(synonyms_path or content_dir.parent / "synonyms.yaml")
    problems.extend(synonym_problems)
    return Content(tuple(entries), documents, synonyms, tuple(problems))


def parse_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of one content file that are well-formed on their own, and what is wrong with the rest."""
    try:
        data = load(path)
    except InputError as exc:
        if isinstance(exc.__cause__, ValueError):
            # PyYAML reads 2025-13-01 as a date and fails outside its own error type, without a line
            return [], _impossible_dates(path)
        return [], exc.problems
    name = str(path)
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [
            Problem(name, line_of(data, 1), "filen skal være en liste af opslag (hvert opslag starter med '- id:')")
        ]
    lines = path.read_text(encoding="utf-8").splitlines()
    entries: list[Entry] = []
    problems: list[Problem] = []
    for raw in data:
        if not isinstance(raw, dict):
            problems.append(Problem(name, line_of(raw, line_of(data, 1)), "et opslag skal være en mapping med felter"))
            continue
        entry, entry_problems = _parse_entry(raw, _FieldLines(name, lines, line_of(raw, 1)))
        problems.extend(entry_problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


@dataclass(frozen=True)
class _FieldLines:
    """Finds the line of a field inside one entry, so a message points at the field and not the entry."""

    file: str
    lines: list[str]
    start: int

    def line(self, key: str, containing: str = "") -> int:
        """The line of `key` (holding `containing`), else any line holding it, else the entry's first line."""
        pattern = re.compile(rf"^\s*(?:-\s+)?{re.escape(key)}\s*:")
        lines = self._entry_lines()
        needle = containing[:40]
        return next(
            (n for n, text in lines if pattern.match(text) and needle in text),
            next((n for n, text in lines if needle and needle in text), self.start),
        )

    def _entry_lines(self) -> list[tuple[int, str]]:
        found = []
        for number in range(self.start, len(self.lines) + 1):
            text = self.lines[number - 1]
            if number > self.start and re.match(r"^\s*-\s+id\s*:", text):
                break
            found.append((number, text))
        return found

    def problem(self, key: str, message: str, containing: str = "") -> Problem:
        return Problem(self.file, self.line(key, containing), message)


def _parse_entry(raw: dict[str, Any], where: _FieldLines) -> tuple[Entry | None, list[Problem]]:
    problems: list[Problem] = []
    for key in raw:
        if key not in REQUIRED and key not in OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            problems.append(where.problem(str(key), f"ukendt felt '{key}' (kendte felter: {known})"))
    for key in REQUIRED:
        if raw.get(key) in (None, "", []):
            problems.append(Problem(where.file, where.start, f"feltet '{key}' mangler"))
    entry_id = _text(raw, "id", where, problems)
    if entry_id and not ID_PATTERN.match(entry_id):
        problems.append(where.problem("id", f"id '{entry_id}' må kun have små bogstaver a-z, tal og '-'"))
    title = _text(raw, "title", where, problems)
    answer = _text(raw, "answer", where, problems)
    if len(answer) > MAX_ANSWER:
        problems.append(where.problem("answer", f"svaret er {len(answer)} tegn; højst {MAX_ANSWER} (brug 'details')"))
    questions = _texts(raw, "questions", where, problems)
    if "questions" in raw and len(questions) < MIN_QUESTIONS:
        problems.append(
            where.problem("questions", f"mindst {MIN_QUESTIONS} spørgsmål, som en medarbejder ville skrive dem")
        )
    sources = _sources(raw.get("source"), where, problems)
    valid_from = _date(raw, "valid_from", where, problems)
    valid_to = _date(raw, "valid_to", where, problems)
    if valid_from and valid_to and valid_from > valid_to:
        problems.append(where.problem("valid_to", f"valid_to ({valid_to}) ligger før valid_from ({valid_from})"))
    superseded_by = _text(raw, "superseded_by", where, problems) or None
    answer_en = _text(raw, "answer_en", where, problems)
    answer_after = _text(raw, "answer_after", where, problems)
    for key, text in (("answer_en", answer_en), ("answer_after", answer_after)):
        if len(text) > MAX_ANSWER:
            problems.append(where.problem(key, f"'{key}' er {len(text)} tegn; højst {MAX_ANSWER}"))
    event_date = _date(raw, "event_date", where, problems)
    if event_date is not None and not answer_after:
        message = "et opslag med 'event_date' skal have 'answer_after': svaret i datid, når det er sket"
        problems.append(where.problem("event_date", message))
    not_questions = _texts(raw, "not_questions", where, problems)
    listed = (*questions, *not_questions)
    entry = Entry(
        id=entry_id,
        title=title,
        questions=tuple(questions),
        answer=answer,
        details=_text(raw, "details", where, problems),
        sources=tuple(sources),
        valid_from=valid_from,
        valid_to=valid_to,
        superseded_by=superseded_by,
        organisation=_text(raw, "organisation", where, problems),
        tags=tuple(_texts(raw, "tags", where, problems)),
        related=tuple(_texts(raw, "related", where, problems)),
        file=where.file,
        line=where.start,
        answer_en=answer_en,
        not_questions=tuple(not_questions),
        as_of=_date(raw, "as_of", where, problems),
        period=_text(raw, "period", where, problems),
        event_date=event_date,
        answer_after=answer_after,
        question_lines=tuple(where.line("questions", q) for q in listed),
    )
    return (entry if entry_id else None), problems


def _text(raw: dict[str, Any], key: str, where: _FieldLines, problems: list[Problem]) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(where.problem(key, f"feltet '{key}' skal være tekst"))
        return ""
    return " ".join(str(value).split())


def _texts(raw: dict[str, Any], key: str, where: _FieldLines, problems: list[Problem]) -> list[str]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) and str(v).strip() for v in value):
        problems.append(where.problem(key, f"feltet '{key}' skal være en liste af tekster"))
        return []
    return [" ".join(str(v).split()) for v in value]


def _date(raw: dict[str, Any], key: str, where: _FieldLines, problems: list[Problem]) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(where.problem(key, f"'{key}: {value}' er ikke en gyldig dato (skriv ÅÅÅÅ-MM-DD, fx 2025-06-25)"))
    return None


def _sources(raw: Any, where: _FieldLines, problems: list[Problem]) -> list[SourceRef]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    refs: list[SourceRef] = []
    for item in items:
        document = item.get("document") if isinstance(item, dict) else None
        section = item.get("section") if isinstance(item, dict) else None
        if not isinstance(document, str) or not isinstance(section, str) or not document or not section.strip():
            problems.append(where.problem("source", "en kilde skal have 'document' og 'section' som tekst"))
            continue
        refs.append(SourceRef(document.strip(), " ".join(section.split())))
    return refs


def _cross_check(entries: list[Entry], documents: dict[str, Document]) -> list[Problem]:
    """What no single entry can see: duplicate ids, references to other entries, sources that do not resolve."""
    problems: list[Problem] = []
    first: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in first:
            other = first[entry.id]
            problems.append(
                Problem(entry.file, entry.line, f"id '{entry.id}' findes allerede ({other.file}:{other.line})")
            )
        else:
            first[entry.id] = entry
    for entry in entries:
        lines = _FieldLines(entry.file, _read_lines(entry.file), entry.line)
        for ref in entry.sources:
            document = documents.get(ref.document)
            if document is None:
                message = f"kildedokumentet '{ref.document}' findes ikke i sources/ (filnavn uden .txt)"
                problems.append(lines.problem("document", message, ref.document))
            elif document.heading_of(ref.section) is None:
                message = f"afsnittet '{_short(ref.section)}' står ikke i '{ref.document}'"
                problems.append(lines.problem("section", message, ref.section.split()[0]))
        for related_id in entry.related:
            if related_id not in first:
                problems.append(lines.problem("related", f"related: opslaget '{related_id}' findes ikke", related_id))
        if entry.superseded_by is not None:
            if entry.superseded_by == entry.id:
                problems.append(lines.problem("superseded_by", "et opslag kan ikke afløse sig selv"))
            elif entry.superseded_by not in first:
                problems.append(
                    lines.problem("superseded_by", f"superseded_by: opslaget '{entry.superseded_by}' findes ikke")
                )
            elif _in_cycle(entry, first):
                problems.append(
                    lines.problem("superseded_by", "superseded_by danner en ring af opslag, der afløser hinanden")
                )
    return problems


def _in_cycle(entry: Entry, by_id: dict[str, Entry]) -> bool:
    seen = {entry.id}
    current: Entry | None = entry
    while current is not None and current.superseded_by is not None:
        if current.superseded_by in seen:
            return True
        seen.add(current.superseded_by)
        current = by_id.get(current.superseded_by)
    return False


_DATE_LIKE = re.compile(r":\s*(\d{4}-\d{1,2}-\d{1,2})\s*(?:#.*)?$")


def _impossible_dates(path: Path) -> list[Problem]:
    """The lines whose unquoted date does not exist (the file cannot be read past them)."""
    problems = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _DATE_LIKE.search(text)
        if match:
            try:
                date.fromisoformat(match.group(1))
            except ValueError:
                problems.append(Problem(str(path), number, f"'{match.group(1)}' er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"))
    return problems or [Problem(str(path), 0, "filen indeholder en ugyldig værdi")]


def _read_lines(file: str) -> list[str]:
    try:
        return Path(file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
