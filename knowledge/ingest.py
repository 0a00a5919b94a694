"""A PDF, Word, Markdown or text file made into a source document: its text cut into sections, and its metadata.

`medbot kb add-source` calls `add_source`. Every check runs before anything is written, cheapest first: the file
kind and size (before a byte is read), the name among the sources, the zip's declared sizes before python-docx
opens a .docx, encryption and pages without text in a PDF, and at last the whole knowledge folder built with the
new document in a copy of it. Only then are the text (`sources/<name>.txt`) and its sidecar (`<name>.yaml`)
written, each through a temporary file renamed into place, so no reader ever sees half a file. A refusal raises
`Refused` with a Danish message that says what to do instead, and leaves the folder as it was.

The stored text is what `knowledge.documents` cuts reliably: a PDF page starts with a line "# Side N", a Word or
Markdown heading is a "# heading" line, paragraphs are separated by a blank line. A plain text file is kept as it
is and cut the way the documents copied by hand are.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from knowledge.documents import HEADING_MARK, Cut, SourceInfo, make_document, read_sources, sidecar
from knowledge.folder import content_paths
from knowledge.index import build
from knowledge.selfcheck import question_problems
from knowledge.texts import MONTHS
from knowledge.yamlfile import InputError, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024  # checked on the file's size before it is read
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # what a .docx may declare its members to hold, all together
MAX_RATIO = 100  # a member larger than RATIO_FLOOR may not be packed tighter than this (text packs ~10:1)
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
MAX_PAGES = 2000
MAX_TITLE = 120
KINDS = {".pdf": "PDF", ".docx": "Word", ".md": "Markdown", ".markdown": "Markdown", ".txt": "tekst"}
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Progress = Callable[[str], None]

# Everything add-source says, in one place.
NOT_A_FILE = "Filen '{file}' findes ikke."
UNKNOWN_KIND = (
    "Filtypen '{suffix}' kan ikke tilføjes. Brug PDF (.pdf), Word (.docx), Markdown (.md) eller tekst (.txt); "
    "et dokument i det gamle Word-format (.doc) gemmes først som .docx."
)
TOO_BIG = (
    "Filen fylder {size} MB; grænsen er {cap} MB. Del dokumentet op eller gem det uden store billeder, og prøv igen."
)
EMPTY_FILE = "Filen er tom."
BAD_NAME = "Navnet '{name}' kan ikke bruges: brug små bogstaver a-z, tal og '-', fx referat-2025-09-03 (--name)."
EXISTS = (
    "Der findes allerede et kildedokument med navnet '{name}' (sources/{name}.txt). Brug --replace for at erstatte "
    "det, eller --name for at give det nye dokument et andet navn."
)
NOT_PDF = "Filen kan ikke læses som PDF; den er beskadiget eller ikke en PDF. Gem den igen som PDF, og prøv igen."
ENCRYPTED = (
    "PDF-filen er beskyttet med adgangskode, så teksten kan ikke læses. Gem en udgave uden adgangskode, og prøv igen."
)
TOO_MANY_PAGES = "PDF-filen har {pages} sider; grænsen er {cap}. Del dokumentet op, og prøv igen."
SCANNED = (
    "{pages} har ingen tekst – dokumentet er nok scannet. Gem det som søgbar PDF (med tekstgenkendelse, OCR), "
    "og prøv igen."
)
NOT_DOCX = (
    "Filen kan ikke læses som Word-dokument (.docx): den er beskadiget, beskyttet med adgangskode eller i et andet "
    "format. Åbn den i Word, gem den som .docx, og prøv igen."
)
ZIP_BOMB = (
    "Word-filen afvises: udpakket ville den fylde mere end {cap} MB, eller den er pakket mistænkeligt tæt. "
    "Gem dokumentet igen fra Word uden store indlejrede filer, og prøv igen."
)
BINARY = "Filen indeholder binære data og er ikke en tekstfil."
ENCODING = "Filen kan ikke læses som tekst; gem den som UTF-8, og prøv igen."
NO_TEXT = "Dokumentet indeholder ingen tekst."
NO_ORGANISATION = "Angiv organisationen med --organisation, fx --organisation 'Albertslund Kommune'."
INVALID = (
    "Dokumentet er ikke tilføjet, for med det ville `medbot kb check` melde fejl:\n{problems}\n"
    "Ret opslagene (fx et spørgsmål, der nu når et andet opslag), og prøv igen."
)
READING_PAGE = "Læser side {page} af {pages} …"
READING = "Læser {kind}-filen …"
CHECKING = "Kontrollerer vidensbasen med det nye dokument …"
TRYING = "Prøver vidensbasens spørgsmål med det nye dokument …"


class Refused(Exception):
    """A file that cannot become a source document; the message (Danish) says why and what to do instead."""


@dataclass(frozen=True)
class Extracted:
    """A file's text as it will be stored, how it is cut, and the metadata the file itself names."""

    text: str  # with "# heading" lines when `sections` is headings or pages
    sections: Cut
    title: str  # the file's own title, first heading or first line
    date: dt.date | None  # the date the file's own metadata gives (Markdown front matter)


@dataclass(frozen=True)
class Added:
    """What `add_source` wrote: the document's name and files, its metadata and the sections it was cut into."""

    name: str
    text_file: Path
    info_file: Path
    info: SourceInfo
    sections: tuple[str, ...]
    replaced: bool


def _quiet(_message: str) -> None:
    """No progress shown."""


def add_source(
    file: Path,
    knowledge_dir: Path,
    *,
    title: str = "",
    day: dt.date | None = None,
    organisation: str = "",
    name: str = "",
    replace: bool = False,
    today: dt.date,
    progress: Progress = _quiet,
) -> Added:
    """Check `file` fully, then store it under `knowledge_dir/sources/` with its sidecar; `Refused` changes nothing.

    `today` is the day the knowledge's questions are tried as of, as `medbot kb check` does.

    Title, date and organisation not given are taken from the file: the title from its metadata, first heading or
    first line; the date from Markdown front matter or a date in the file name or title (a file's creation date
    is not the meeting's); the organisation is the one most source documents already name.
    """
    kind = _check_file(file)
    content_dir, sources_dir, synonyms = content_paths(knowledge_dir)
    name = name or source_name(file)
    if not NAME.match(name):
        raise Refused(BAD_NAME.format(name=name))
    text_file = sources_dir / f"{name}.txt"
    exists = text_file.exists() or sidecar(text_file).exists()
    if exists and not replace:
        raise Refused(EXISTS.format(name=name))
    extracted = extract(file, kind, progress)
    title = _title(title) or extracted.title or file.stem
    info = SourceInfo(
        title=title,
        organisation=organisation.strip() or _usual_organisation(sources_dir),
        date=day or extracted.date or file_date(file.name) or file_date(title),
        sections=extracted.sections,
        original=file.name,
    )
    files = {text_file: extracted.text, sidecar(text_file): sidecar_text(name, info)}
    progress(CHECKING)
    _check_knowledge((content_dir, sources_dir, synonyms), files, today, progress)
    write_atomically(files)
    document = make_document(name, extracted.text, info)
    sections = tuple(h for h, body in document.sections if body.strip())
    return Added(name, text_file, sidecar(text_file), info, sections, exists)


def _check_file(file: Path) -> str:
    """The file's kind; refused before a byte is read when it is missing, of another kind, empty or too big."""
    if not file.is_file():
        raise Refused(NOT_A_FILE.format(file=file))
    suffix = file.suffix.lower()
    if suffix not in KINDS:
        raise Refused(UNKNOWN_KIND.format(suffix=file.suffix or file.name))
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Refused(TOO_BIG.format(size=_mb(size), cap=_mb(MAX_FILE_BYTES)))
    if size == 0:
        raise Refused(EMPTY_FILE)
    return suffix


def extract(file: Path, suffix: str, progress: Progress = _quiet) -> Extracted:
    """The text of a file already found to be of a kind in KINDS and within the size limit."""
    if suffix == ".pdf":
        return _pdf(file, progress)
    if suffix == ".docx":
        return _docx(file, progress)
    progress(READING.format(kind=KINDS[suffix]))
    text = _decode(file.read_bytes())
    return _markdown(text) if KINDS[suffix] == "Markdown" else _plain(text)


def source_name(file: Path) -> str:
    """The name a file gets among the sources: its name in lowercase a-z, digits and '-' ("Referat 3. juni")."""
    folded = file.stem.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC_DAY = re.compile(r"(?<!\d)(\d{1,2})[-.](\d{1,2})[-.](\d{4})(?!\d)")
_WRITTEN_DAY = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s+({'|'.join(MONTHS)})\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def file_date(text: str) -> dt.date | None:
    """A date written in a file name or title: 2025-06-25, 25-06-2025 or 25. juni 2025 (as minutes are named)."""
    found: list[tuple[int, int, int]] = []
    found += [(int(m[1]), int(m[2]), int(m[3])) for m in _ISO_DAY.finditer(text)]
    found += [(int(m[3]), int(m[2]), int(m[1])) for m in _NUMERIC_DAY.finditer(text)]
    found += [(int(m[3]), MONTHS.index(m[2].lower()) + 1, int(m[1])) for m in _WRITTEN_DAY.finditer(text)]
    for year, month, day in found:
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def sidecar_text(name: str, info: SourceInfo) -> str:
    """The sidecar as YAML, with a comment for the editor who opens it."""
    lines = [
        f'# How {name}.txt is named and cut (knowledge/README.md, "Nye kildedokumenter"); '
        "written by medbot kb add-source.",
        f"title: {_quoted(info.title)}",
        f"organisation: {_quoted(info.organisation)}",
        f"date: {info.date.isoformat() if info.date else 'null'}",
        f"sections: {info.sections}",
    ]
    if info.original:
        lines.append(f"original: {_quoted(info.original)}")
    return "\n".join(lines) + "\n"


def write_atomically(files: dict[Path, str]) -> None:
    """Write every file through a temporary file beside it, renamed into place once all are written.

    The temporary names end in `.tmp`, so no reader of `*.txt` or `*.yaml` ever sees one.
    """
    written: list[tuple[Path, Path]] = []
    try:
        for target, text in files.items():
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            written.append((Path(name), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(name, 0o644)
        for temporary, target in written:
            os.replace(temporary, target)
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------------------------
# Checks against the knowledge folder


def _usual_organisation(sources_dir: Path) -> str:
    """The organisation most source documents name: where a new document most likely comes from."""
    documents, _ = read_sources(sources_dir) if sources_dir.is_dir() else ({}, [])
    named = Counter(d.organisation for d in documents.values() if d.organisation)
    if not named:
        raise Refused(NO_ORGANISATION)
    return named.most_common(1)[0][0]


def _check_knowledge(
    paths: tuple[Path, Path, Path], files: dict[Path, str], today: dt.date, progress: Progress
) -> None:
    """Build a copy of the folder with the new files and try its questions (`kb check`): refused on a new problem.

    A new document changes how rare each word is, so an entry's question may now reach another entry; that is
    found here rather than by the next `kb check`. Problems the folder already had are the editors' to fix and
    do not stop a new document.
    """
    content_dir, sources_dir, synonyms = paths
    with tempfile.TemporaryDirectory(prefix="medbot-add-source-") as scratch:
        staged = content_paths(Path(scratch))
        if content_dir.is_dir():
            shutil.copytree(content_dir, staged[0])
        staged[1].mkdir()
        for path in (*sources_dir.glob("*.txt"), *sources_dir.glob("*.yaml")):
            shutil.copyfile(path, staged[1] / path.name)
        if synonyms.is_file():
            shutil.copyfile(synonyms, staged[2])
        for target, text in files.items():
            (staged[1] / target.name).write_text(text, encoding="utf-8")
        places = {str(staged[0]): str(content_dir), str(staged[1]): str(sources_dir)}
        after = [str(_moved(p, places)) for p in _problems(staged, today, progress)]
    if not after:
        return
    before = set(map(str, _problems(paths, today, _quiet)))
    new = [p for p in after if p not in before]
    if new:
        raise Refused(INVALID.format(problems="\n".join(new)))


def _problems(paths: tuple[Path, Path, Path], today: dt.date, progress: Progress) -> list[Problem]:
    """What `medbot kb check` reports for a folder: invalid content, else questions the search gets wrong."""
    try:
        kb = build(*paths)
    except InputError as exc:
        return exc.problems
    progress(TRYING)
    return question_problems(kb, today)


def _moved(problem: Problem, places: dict[str, str]) -> Problem:
    """A problem found in the staged copy, at the place it would have in the real folder."""
    for staged, real in places.items():
        if problem.file.startswith(staged):
            return Problem(real + problem.file[len(staged) :], problem.line, problem.message)
    return problem


# ---------------------------------------------------------------------------------------------------------------
# PDF


def _pdf(file: Path, progress: Progress) -> Extracted:
    """Each page under "# Side N"; refused when encrypted, damaged, or when a page has no text (a scan)."""
    from pypdf import PasswordType, PdfReader  # imported here: every other `medbot` command starts without it

    try:  # pypdf raises many kinds of errors on a damaged file; every one means the same to the editor
        reader = PdfReader(file)
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise Refused(NOT_PDF) from exc
    if encrypted:  # only permissions set (no password to open it): readable like any other PDF
        try:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:  # e.g. an algorithm pypdf cannot decrypt without an optional package
            opened = False
        if not opened:
            raise Refused(ENCRYPTED)
    try:
        pages = list(reader.pages)
        metadata = reader.metadata
    except Exception as exc:
        raise Refused(ENCRYPTED if _encryption_problem(exc) else NOT_PDF) from exc
    if len(pages) > MAX_PAGES:
        raise Refused(TOO_MANY_PAGES.format(pages=len(pages), cap=MAX_PAGES))
    if not pages:
        raise Refused(NO_TEXT)
    texts: list[str] = []
    for number, page in enumerate(pages, 1):
        progress(READING_PAGE.format(page=number, pages=len(pages)))
        try:
            texts.append(_page_text(page))
        except Exception as exc:
            raise Refused(ENCRYPTED if _encryption_problem(exc) else NOT_PDF) from exc
    blank = [n for n, text in enumerate(texts, 1) if not text.strip()]
    if blank:
        raise Refused(SCANNED.format(pages=_pages_named(blank, len(pages))))
    body = "\n\n".join(f"# Side {n}\n\n{text}" for n, text in enumerate(texts, 1))
    title = _meta_text(metadata, "/Title")
    first_line = next(line for line in texts[0].splitlines() if line.strip())
    return Extracted(
        text=body + "\n",
        sections="pages",
        title=_title(title if _is_real_title(title, file) else first_line),
        date=None,
    )


def _encryption_problem(error: Exception) -> bool:
    return "encrypt" in type(error).__name__.lower() or "decrypt" in str(error).lower()


def _pages_named(numbers: Sequence[int], total: int) -> str:
    if len(numbers) == total:
        return "Ingen af siderne" if total > 1 else "Siden"
    shown = ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
    return f"Side {shown}" if len(numbers) == 1 else f"Siderne {shown}"


def _page_text(page: Any) -> str:
    """A page's text with a blank line between paragraphs, found by the vertical gaps between its lines.

    pypdf gives the lines; where each starts comes from the text matrices it reports to a visitor. A gap clearly
    wider than the page's usual line spacing starts a paragraph, as does a jump upwards (a new column). When the
    pieces do not add up to pypdf's own text, that text is kept as it is.
    """
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], _font: Any, size: float) -> None:
        if text:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
            pieces.append((text, y, float(size or 0) * scale))

    plain = _clean(page.extract_text(visitor_text=visit) or "")
    lines = _lines(pieces)
    if " ".join(_clean("".join(t for t, _, _ in pieces)).split()) != " ".join(plain.split()):
        return _escaped(_unhyphenated(plain))
    return _escaped(_unhyphenated(_paragraphs(lines)))


# A word broken at a line's end: a letter or digit, "-", a line break, a lower-case letter, unless the next word
# ends a suspended compound ("sundheds- og omsorgsområdet").
_LINE_BREAK_HYPHEN = re.compile(r"(\w)-\n(?!(?:og|eller|samt|and|or)\b)([a-zæøå][\w-]*)")


def _unhyphenated(text: str) -> str:
    """Words the PDF hyphenated over two lines made whole, so search finds "ladcyklerne" and quotes read well.

    After a lower-case letter the hyphen was the typesetter's and goes ("ladcyk-/lerne"); after a capital or a
    digit, or before a word with a hyphen of its own, it belongs to the word and stays ("MED-/udvalget" →
    "MED-udvalget", "gå-/hjem-møde" → "gå-hjem-møde").
    """

    def joined(match: re.Match[str]) -> str:
        end, rest = match[1], match[2]
        return f"{end}{rest}" if end.islower() and "-" not in rest else f"{end}-{rest}"

    return _LINE_BREAK_HYPHEN.sub(joined, text)


def _lines(pieces: Iterable[tuple[str, float, float]]) -> list[tuple[str, float | None, float]]:
    """Text lines with the height each starts at and its font size, from pypdf's pieces (which carry the breaks)."""
    lines: list[tuple[str, float | None, float]] = []
    text, start, size = "", None, 0.0
    for piece, y, piece_size in pieces:
        for n, part in enumerate(piece.split("\n")):
            if n:
                lines.append((text, start, size))
                text, start, size = "", None, 0.0
            if part.strip() and start is None:
                start, size = y, piece_size
            text += part
    lines.append((text, start, size))
    return [(_clean(t), y, s) for t, y, s in lines if t.strip()]


def _paragraphs(lines: Sequence[tuple[str, float | None, float]]) -> str:
    starts = [y for _, y, _ in lines]
    steps = [round(a - b, 1) for a, b in pairwise(starts) if a is not None and b is not None]
    usual = [s for s, n in Counter(s for s in steps if s > 0).items() if n >= 2] or [s for s in steps if s > 0]
    spacing = min(usual) if usual else 0.0
    out: list[str] = []
    for n, (text, y, size) in enumerate(lines):
        if n:
            previous = lines[n - 1][1]
            gap = previous - y if previous is not None and y is not None else 0.0
            new_paragraph = (spacing > 0 and gap > 1.3 * spacing) or gap < -max(size, 1.0)
            out.append("\n\n" if new_paragraph else "\n")
        out.append(text)
    return "".join(out)


def _meta_text(metadata: Any, key: str) -> str:
    try:
        value = metadata.get(key) if metadata is not None else None
    except Exception:  # a damaged info dictionary: no metadata, not a refusal
        return ""
    return " ".join(str(value).split()) if value else ""


def _is_real_title(title: str, file: Path) -> bool:
    """Not empty and not what a program writes for a title (the file name, "Microsoft Word - referat.docx")."""
    lowered = title.lower()
    return (
        bool(title)
        and lowered not in (file.name.lower(), file.stem.lower())
        and not re.search(r"\.(docx?|pdf|odt|rtf)$|^microsoft (word|powerpoint)|^untitled$|^dokument\d*$", lowered)
    )


# ---------------------------------------------------------------------------------------------------------------
# Word


def _docx(file: Path, progress: Progress) -> Extracted:
    """Headings as "# heading" lines, paragraphs, list items and table rows; the zip is checked before it opens."""
    _check_zip(file)
    progress(READING.format(kind="Word"))
    import docx  # imported here, like pypdf
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(file))
        items = list(document.iter_inner_content())
        properties = document.core_properties
        own_title = properties.title or ""
    except Exception as exc:  # python-docx and lxml raise many kinds of errors on a damaged file
        raise Refused(NOT_DOCX) from exc
    blocks: list[str] = []
    first_heading = ""
    headings = 0
    for item in items:
        if isinstance(item, Paragraph):
            text = _clean(item.text).strip()
            if not text:
                continue
            level = _heading_level(item)
            if level == 0:
                own_title = own_title or text
            elif level:
                headings += 1
                first_heading = first_heading or text
                blocks.append("#" * level + " " + " ".join(text.split()))
            else:
                blocks.append(_escaped(("- " if _is_list_item(item) else "") + text))
        elif isinstance(item, Table):
            blocks.extend(_escaped(row) for row in _table_rows(item))
    text = "\n\n".join(blocks)
    if not text.strip():
        raise Refused(NO_TEXT)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return Extracted(
        text=text + "\n",
        sections="headings" if headings else "auto",
        title=_title(own_title or first_heading or first_line.lstrip("#- ")),
        date=None,
    )


def _check_zip(file: Path) -> None:
    """Refuse a .docx whose members would unpack to more than the cap, or that packs suspiciously tight.

    The declared sizes are enough: zipfile never unpacks a member beyond its declared size (it stops there and
    the checksum fails), so a member cannot hold more than it says.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused(NOT_DOCX) from exc
    bomb = Refused(ZIP_BOMB.format(cap=_mb(MAX_UNPACKED_BYTES)))
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise bomb
    if any(m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members):
        raise bomb
    if "word/document.xml" not in {m.filename for m in members}:
        raise Refused(NOT_DOCX)


_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)


def _heading_level(paragraph: Any) -> int | None:
    """1-6 for a heading style (English or Danish Word), 0 for the title style, None for body text."""
    style = paragraph.style
    for name in (getattr(style, "name", None) or "", getattr(style, "style_id", None) or ""):
        heading = _HEADING_STYLE.match(name.strip())
        if heading:
            return min(max(int(heading.group(1)), 1), 6)
        if _TITLE_STYLE.match(name.strip()):
            return 0
    return None


def _is_list_item(paragraph: Any) -> bool:
    name = (getattr(paragraph.style, "name", None) or "").lower()
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    return "list" in name or "liste" in name or numbered


def _table_rows(table: Any) -> list[str]:
    """Each row as one line, its cells separated by " | " (a merged cell is written once)."""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(_clean(cell.text).split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Markdown and plain text


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as older Windows editors save; never binary data."""
    if b"\x00" in raw:
        raise Refused(BINARY)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _clean(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise Refused(ENCODING)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _markdown(text: str) -> Extracted:
    """Headings (# or underlined) as "# heading" lines; links, images and inline code as their text."""
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end() :]
    out: list[str] = []
    fenced = False
    headings: list[str] = []
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append("    " + line)
            continue
        mark = HEADING_MARK.match(line)
        if mark:
            level = len(line) - len(line.lstrip("#"))
            heading = _inline(mark.group(1))
            headings.append(heading)
            out.append("#" * level + " " + heading)
        elif _SETEXT.match(line) and out and out[-1].strip() and not out[-1].startswith(("#", "    ")):
            heading = _inline(out.pop().strip())
            headings.append(heading)
            out.append(("# " if line.strip().startswith("=") else "## ") + heading)
        else:
            out.append(_inline(line))
    body = "\n".join(out).strip("\n")
    if not body.strip():
        raise Refused(NO_TEXT)
    first_line = next(line for line in body.splitlines() if line.strip())
    return Extracted(
        text=body + "\n",
        sections="headings" if headings else "auto",
        title=_title(meta.get("title") or (headings[0] if headings else first_line)),
        date=_iso_day(meta.get("date", "")),
    )


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _inline(line: str) -> str:
    return _TAG.sub("", _CODE.sub(r"\1", _LINK.sub(r"\1", line))).replace("__", "").rstrip()


def _plain(text: str) -> Extracted:
    """A text file kept as it is, cut like the documents copied by hand (numbered items or short title lines)."""
    body = "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")
    if not body.strip():
        raise Refused(NO_TEXT)
    first_line = next(line for line in body.splitlines() if line.strip())
    return Extracted(text=body + "\n", sections="auto", title=_title(first_line), date=None)


# ---------------------------------------------------------------------------------------------------------------
# Small helpers


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """Line ends as \\n, ligatures and odd spaces as plain letters, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFKC", text)
    return _CONTROL.sub("", text)


def _escaped(text: str) -> str:
    """A line of body text that looks like a "# heading" is indented, so it is never taken for one."""
    return "\n".join(" " + line if HEADING_MARK.match(line) else line for line in text.splitlines())


def _title(text: str) -> str:
    title = " ".join(text.replace("*", "").split()).strip("# ")
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"


def _iso_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.1f}"
