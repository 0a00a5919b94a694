"""`medbot kb add-source`: a PDF, Word or Markdown file becomes a source the bot quotes and cites at once.

The documents are made here (the PDF byte by byte in tests/support/pdf.py, the Word file with python-docx), added
to private copies of the knowledge folder through the real CLI, and asked about with `medbot ask --json`. Every bad
file is refused in Danish with exit code 1, and the sources folder and the knowledge version stay exactly as they
were.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from sqlmodel import Session, select

import knowledge
from bot.cli import main
from bot.knowledge_holder import KnowledgeHolder
from knowledge.ingest import extract
from storage.db import make_engine, upgrade
from storage.knowledge import KnowledgeVersion
from tests.support.knowledge import REAL_KNOWLEDGE, copy_real_knowledge, write_small_knowledge
from tests.support.pdf import pdf_bytes

ASKED_ON = "2026-03-02"

PDF_TITLE = "Referat af ArbejdspladsMED Rådhuset 3. september 2025"
PDF_PAGES = [
    [
        "Referat af ArbejdspladsMED Rådhuset",
        "",
        "Punkt 1: Godkendelse af dagsorden",
        "",
        "Dagsordenen blev godkendt uden bemærkninger af alle fremmødte medlemmer.",
    ],
    [
        "Punkt 2: Ladcykler",
        "",
        "Rådhuset har fået to ladcykler, som medarbejderne kan låne til kørsel i",
        "arbejdstiden. Nøglen til ladcyk-",  # hyphenated over two lines, as Word typesets justified text
        "lerne hentes i receptionen, og cyklen afleveres samme dag. Aftalen gælder for sundheds-",
        "og omsorgsområdet og for MED-",
        "udvalgets egne medlemmer.",
        "",
        "Punkt 3: Eventuelt",
        "",
        "Næste møde holdes i mødelokale 2 på rådhuset om en måned.",
    ],
]
PDF_QUESTION = "Hvor henter jeg nøglen til ladcyklerne?"

DOCX_HEADING = "Punkt 2: Juletræet i foyeren"
DOCX_QUESTION = "Hvornår bliver juletræet i foyeren tændt?"
MD_HEADING = "Kunst på gangene"
MD_QUESTION = "Hvem skifter kunsten på gangene?"
MARKDOWN = f"""---
title: Kunstforeningens nyhedsbrev
date: 2025-10-01
---
# Kunstforeningens nyhedsbrev

Kunstforeningen for ansatte i kommunen har fået nye medlemmer i år.

## {MD_HEADING}

Kunstforeningen skifter kunsten på gangene hver anden måned; forslag til kunstnere sendes til
[foreningen](mailto:kunst@example.org).
"""


@dataclass(frozen=True)
class Run:
    """One `medbot` command run in process: exit code and what it printed."""

    code: int
    out: str
    err: str


def medbot(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


def ask(question: str) -> dict[str, Any]:
    run = medbot("ask", "--json", "--at", ASKED_ON, question)
    assert run.code == 0, run.err
    reply: dict[str, Any] = json.loads(run.out)
    return reply


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Referat af AfdelingsMED Kultur & Fritid 12. november 2025"
    document.add_heading("Referat af AfdelingsMED Kultur & Fritid", 0)
    document.add_paragraph("Mødet blev holdt i mødelokale 4 med alle medlemmer til stede.")
    document.add_heading("Punkt 1: Orientering fra formanden", 1)
    document.add_paragraph("Formanden orienterede om budgettet for det kommende år og om nye stillinger.")
    document.add_heading(DOCX_HEADING, 1)
    document.add_paragraph(
        "Juletræet i foyeren bliver tændt fredag den 28. november klokken 14, og der serveres gløgg og æbleskiver."
    )
    document.add_paragraph("Husk at melde dig til pyntningen i receptionen", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Opgave", "Ansvarlig"
    table.cell(1, 0).text, table.cell(1, 1).text = "Pyntning af juletræet", "Personaleforeningen"
    document.save(str(path))
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the sources folder with its bytes (temporary files included, so a leftover shows)."""
    return {p.name: p.read_bytes() for p in sorted((folder / "sources").iterdir())}


def version_and_fingerprints(folder: Path) -> tuple[str, dict[str, str]]:
    kb = knowledge.build(*knowledge.content_paths(folder))
    return kb.version, knowledge.fingerprints(kb)


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Run]]:
    """A copy of the real knowledge with a PDF, a Word and a Markdown document added through the CLI."""
    base = tmp_path_factory.mktemp("added")
    folder = copy_real_knowledge(base / "knowledge")
    files = base / "indbakke"
    files.mkdir()
    pdf = files / "Referat ArbejdspladsMED 2025-09-03.pdf"
    pdf.write_bytes(pdf_bytes(PDF_PAGES, title=PDF_TITLE))
    word = write_docx(files / "referat-kultur-og-fritid.docx")
    markdown = files / "nyhedsbrev.md"
    markdown.write_text(MARKDOWN, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MEDBOT_KNOWLEDGE_DIR", str(folder))
        env.setenv("DATABASE_URL", f"sqlite:///{base / 'medbot.db'}")
        runs = {
            "pdf": medbot("kb", "add-source", str(pdf)),
            "docx": medbot("kb", "add-source", str(word), "--organisation", "Albertslund Kommune"),
            "md": medbot("kb", "add-source", str(markdown)),
        }
    return folder, runs


@pytest.fixture
def asked(added: tuple[Path, dict[str, Run]], monkeypatch: pytest.MonkeyPatch) -> dict[str, Run]:
    """`medbot ask` pointed at the folder with the added documents; the add-source runs."""
    folder, runs = added
    monkeypatch.setenv("MEDBOT_KNOWLEDGE_DIR", str(folder))
    return runs


def test_a_pdf_is_quoted_at_once_and_cited_with_its_page(asked: dict[str, Run]) -> None:
    runs = asked
    assert runs["pdf"].code == 0, runs["pdf"].err
    assert "Læser side 1 af 2 …" in runs["pdf"].err and "Læser side 2 af 2 …" in runs["pdf"].err

    reply = ask(PDF_QUESTION)

    assert reply["answered"] is True and reply["entry_id"] is None
    assert reply["sources"] == [{"document": "referat-arbejdspladsmed-2025-09-03", "section": "Side 2"}]
    assert "Nøglen til ladcyklerne hentes i receptionen" in reply["answer"]
    assert f"Kilde: {PDF_TITLE}, Side 2" in reply["answer"]


def test_a_word_hyphenated_over_two_lines_is_one_word_again(tmp_path: Path) -> None:
    file = tmp_path / "referat.pdf"
    file.write_bytes(pdf_bytes(PDF_PAGES))

    text = extract(file, ".pdf").text

    assert "Nøglen til ladcyklerne hentes i receptionen" in text  # the typesetter's hyphen goes
    assert "for sundheds-\nog omsorgsområdet" in text  # a suspended compound keeps its hyphen and line
    assert "for MED-udvalgets egne medlemmer" in text  # after a capital the hyphen is the word's own


def test_a_word_document_is_cited_with_its_heading(asked: dict[str, Run]) -> None:
    runs = asked
    assert runs["docx"].code == 0, runs["docx"].err

    reply = ask(DOCX_QUESTION)

    assert reply["answered"] is True and reply["entry_id"] is None
    assert reply["sources"] == [{"document": "referat-kultur-og-fritid", "section": DOCX_HEADING}]
    assert "fredag den 28. november klokken 14" in reply["answer"]
    assert f"Kilde: Referat af AfdelingsMED Kultur & Fritid 12. november 2025, {DOCX_HEADING}" in reply["answer"]


def test_a_markdown_file_is_cited_with_its_heading(asked: dict[str, Run]) -> None:
    runs = asked
    assert runs["md"].code == 0, runs["md"].err

    reply = ask(MD_QUESTION)

    assert reply["answered"] is True and reply["entry_id"] is None
    assert reply["sources"] == [{"document": "nyhedsbrev", "section": MD_HEADING}]
    assert "skifter kunsten på gangene hver anden måned" in reply["answer"]
    assert "(mailto:" not in reply["answer"]


def test_the_metadata_is_written_beside_the_text(added: tuple[Path, dict[str, Run]]) -> None:
    folder, runs = added
    documents = knowledge.build(*knowledge.content_paths(folder)).documents

    pdf, word, markdown = (
        documents["referat-arbejdspladsmed-2025-09-03"],
        documents["referat-kultur-og-fritid"],
        documents["nyhedsbrev"],
    )

    assert (pdf.title, pdf.date, pdf.organisation) == (PDF_TITLE, date(2025, 9, 3), "Albertslund Kommune")
    assert (word.title, word.date) == ("Referat af AfdelingsMED Kultur & Fritid 12. november 2025", date(2025, 11, 12))
    assert (markdown.title, markdown.date) == ("Kunstforeningens nyhedsbrev", date(2025, 10, 1))
    sidecar = (folder / "sources" / "referat-arbejdspladsmed-2025-09-03.yaml").read_text(encoding="utf-8")
    assert "sections: pages" in sidecar and 'original: "Referat ArbejdspladsMED 2025-09-03.pdf"' in sidecar
    assert "Tilføjet:" in runs["pdf"].out and "Afsnit (2): Side 1, Side 2" in runs["pdf"].out


def test_kb_check_passes_with_the_new_documents(added: tuple[Path, dict[str, Run]]) -> None:
    folder, _ = added

    run = medbot("kb", "check", str(folder))

    assert run.code == 0, run.out
    assert "8 kildedokumenter" in run.out


# ---------------------------------------------------------------------------------------------------------------
# From a file to cited answers in two commands


def test_new_minutes_go_from_a_file_to_cited_answers_in_two_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_small_knowledge(tmp_path / "knowledge")
    database = f"sqlite:///{tmp_path / 'medbot.db'}"
    monkeypatch.setenv("MEDBOT_KNOWLEDGE_DIR", str(folder))
    monkeypatch.setenv("DATABASE_URL", database)
    upgrade(database)
    engine = make_engine(database)
    replica = KnowledgeHolder(folder, engine)
    replica.load()  # a running service, serving the knowledge before the minutes
    before = replica.version
    minutes = tmp_path / "referat-2025-09-03.pdf"
    minutes.write_bytes(pdf_bytes(PDF_PAGES, title=PDF_TITLE))

    added = medbot("kb", "add-source", str(minutes))
    reloaded = medbot("kb", "reload")

    assert added.code == 0, added.err
    assert reloaded.code == 0, reloaded.err
    assert replica.sync() is True  # the service switches to the recorded version
    assert replica.version != before
    with Session(engine) as session:
        recorded = session.exec(select(KnowledgeVersion)).all()
    assert recorded[-1].version == replica.version
    reply = knowledge.ask_json(replica.current, PDF_QUESTION, date.fromisoformat(ASKED_ON))
    assert reply["sources"] == [{"document": "referat-2025-09-03", "section": "Side 2"}]
    assert "Nøglen til ladcyklerne hentes i receptionen" in reply["answer"]
    engine.dispose()


# ---------------------------------------------------------------------------------------------------------------
# Bad files: refused in Danish, nothing changes


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small fictional knowledge folder, through the documented environment name."""
    folder = write_small_knowledge(tmp_path / "knowledge")
    monkeypatch.setenv("MEDBOT_KNOWLEDGE_DIR", str(folder))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'medbot.db'}")
    return folder


def encrypted_pdf(path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes(PDF_PAGES))))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="AES-128")
    with path.open("wb") as out:
        writer.write(out)


def scanned_pdf(path: Path) -> None:
    path.write_bytes(pdf_bytes([PDF_PAGES[0], []]))


def all_scanned_pdf(path: Path) -> None:
    path.write_bytes(pdf_bytes([[]]))


def damaged_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\nDette er ikke en rigtig PDF\n")


def zip_bomb(path: Path) -> None:
    """A .docx whose document part unpacks to 150 MB of zeros (150 KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(150):
                member.write(bytes(1024 * 1024))


def not_a_docx(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0 et gammelt Word-dokument eller en krypteret fil")


def huge_pdf(path: Path) -> None:
    """50 MB (sparse: nothing is really written, and nothing may be read)."""
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)


def unknown_kind(path: Path) -> None:
    path.write_text("Referat i OpenDocument-format", encoding="utf-8")


def binary_text(path: Path) -> None:
    path.write_bytes(b"Referat\x00\x01\x02")


def existing_name(path: Path) -> None:
    path.write_text("Personalehåndbog, ny udgave\n\nPunkt 1: Alt er nyt\n\nIntet er som før.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("referat.pdf", encrypted_pdf, "PDF-filen er beskyttet med adgangskode"),
        ("referat.pdf", scanned_pdf, "Side 2 har ingen tekst – dokumentet er nok scannet"),
        ("referat.pdf", all_scanned_pdf, "Siden har ingen tekst – dokumentet er nok scannet"),
        ("referat.pdf", damaged_pdf, "Filen kan ikke læses som PDF"),
        ("referat.docx", zip_bomb, "Word-filen afvises: udpakket ville den fylde mere end 100 MB"),
        ("referat.docx", not_a_docx, "Filen kan ikke læses som Word-dokument (.docx)"),
        ("referat.pdf", huge_pdf, "Filen fylder 50 MB; grænsen er 20 MB"),
        ("referat.odt", unknown_kind, "Filtypen '.odt' kan ikke tilføjes"),
        ("referat.txt", binary_text, "Filen indeholder binære data"),
        ("personalehaandbog.txt", existing_name, "Der findes allerede et kildedokument med navnet 'personalehaandbog'"),
    ],
    ids=["encrypted", "scanned-page", "scanned", "damaged", "zip-bomb", "not-docx", "50-mb", "odt", "binary", "exists"],
)
def test_a_bad_file_is_refused_in_danish_and_nothing_changes(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, make: Any, message: str
) -> None:
    file = tmp_path / name
    make(file)
    before, version = snapshot(small), version_and_fingerprints(small)

    def never(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a file refused for its size or zip must never be opened")

    if make in (zip_bomb, huge_pdf):
        monkeypatch.setattr(docx, "Document", never)
        monkeypatch.setattr(pypdf, "PdfReader", never)

    run = medbot("kb", "add-source", str(file))

    assert run.code == 1
    assert message in run.err
    assert "intet er ændret i vidensbasen" in run.err
    assert run.out == ""
    assert snapshot(small) == before
    assert version_and_fingerprints(small) == version


def test_a_pdf_locked_only_against_editing_is_read_like_any_other(small: Path, tmp_path: Path) -> None:
    file = tmp_path / "referat-2025-09-03.pdf"
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes(PDF_PAGES))))
    writer.encrypt(user_password="", owner_password="ejer", algorithm="AES-128")
    with file.open("wb") as out:
        writer.write(out)

    run = medbot("kb", "add-source", "--title", PDF_TITLE, str(file))

    assert run.code == 0, run.err
    text = (small / "sources" / "referat-2025-09-03.txt").read_text(encoding="utf-8")
    assert "# Side 2\n\nPunkt 2: Ladcykler\n\nRådhuset har fået to ladcykler" in text


def test_replace_swaps_an_existing_source_for_the_new_file(small: Path, tmp_path: Path) -> None:
    new = tmp_path / "personalehaandbog.txt"
    new.write_text(
        "Personalehåndbog for Testkommune\n\nPunkt 1: Praktiske forhold\n\nDette afsnit er skrevet om.\n\n"
        "Punkt 2: Frugt\n\nFrugt leveres om tirsdagen.\n\nPunkt 3: Drikkevarer\n\nKaffe er gratis.\n",
        encoding="utf-8",
    )

    run = medbot("kb", "add-source", "--replace", "--organisation", "Testkommune", str(new))

    assert run.code == 0, run.err
    assert run.out.startswith("Erstattet:")
    assert (small / "sources" / "personalehaandbog.txt").read_text(encoding="utf-8") == new.read_text(encoding="utf-8")
    assert medbot("kb", "check", str(small)).code == 0


def test_replace_is_refused_when_entries_would_cite_sections_it_no_longer_has(small: Path, tmp_path: Path) -> None:
    new = tmp_path / "personalehaandbog.md"
    new.write_text(
        "# Personalehåndbog\n\n## Kun ét afsnit\n\nAlt det gamle er væk fra håndbogen nu.\n", encoding="utf-8"
    )
    before, version = snapshot(small), version_and_fingerprints(small)

    run = medbot("kb", "add-source", "--replace", str(new))

    assert run.code == 1
    assert "Dokumentet er ikke tilføjet, for med det ville `medbot kb check` melde fejl" in run.err
    assert "praktisk.yaml:" in run.err and "afsnittet 'Punkt 1: Praktiske forhold' står ikke i" in run.err
    assert snapshot(small) == before
    assert version_and_fingerprints(small) == version


def test_a_date_that_is_not_a_date_is_a_usage_error(small: Path, tmp_path: Path) -> None:
    file = tmp_path / "referat.md"
    file.write_text("# Referat\n\nEt kort referat med nok ord til at blive citeret.\n", encoding="utf-8")
    before = snapshot(small)

    with pytest.raises(SystemExit) as refused:
        medbot("kb", "add-source", "--date", "3. september", str(file))

    assert refused.value.code == 2
    assert snapshot(small) == before


# ---------------------------------------------------------------------------------------------------------------
# The sidecars: every source document has one, and `kb check` says where one is wrong


def test_the_curated_documents_keep_their_titles_from_their_sidecars() -> None:
    documents = knowledge.build(*knowledge.content_paths(REAL_KNOWLEDGE)).documents

    assert {name: d.title for name, d in documents.items()} == {
        "plan-med-2024-2025": "Plan MED 2024-2025",
        "kommunemed-referat-2025-06-25": "Referat af KommuneMED 25. juni 2025",
        "kommunemed-strategiplan-2022-2023": "KommuneMEDs strategiplan 2022-2023",
        "afdelingsmed-oes-referat-2024-08-27": "Referat af AfdelingsMED Økonomi & Stab 27. august 2024",
        "glostrup-med-strategi-2021-2024": "Glostrup Kommunes MED-strategi 2021-2024",
    }
    assert documents["glostrup-med-strategi-2021-2024"].organisation == "Glostrup Kommune"


def test_kb_check_names_a_missing_sidecar(small: Path) -> None:
    (small / "sources" / "personalehaandbog.yaml").unlink()

    run = medbot("kb", "check", str(small))

    assert run.code == 1
    assert (
        f"{small / 'sources' / 'personalehaandbog.txt'}:1: kildedokumentet mangler sin metadatafil "
        "personalehaandbog.yaml"
    ) in run.out


def test_kb_check_names_each_wrong_field_of_a_sidecar_at_its_line(small: Path) -> None:
    sidecar = small / "sources" / "personalehaandbog.yaml"
    sidecar.write_text("title: Personalehåndbog\norganisation:\ndate: 2025-13-45\nsections: sider\n", encoding="utf-8")

    run = medbot("kb", "check", str(small))

    assert run.code == 1
    assert f"{sidecar}:2: feltet 'organisation' mangler" in run.out
    assert f"{sidecar}:3: 'date: 2025-13-45' er ikke en gyldig dato" in run.out
    assert f"{sidecar}:4: 'sections: sider' skal være en af: auto, headings, pages" in run.out


def test_kb_check_names_a_sidecar_without_its_document(small: Path) -> None:
    orphan = small / "sources" / "referat-2025-01-01.yaml"
    orphan.write_text("title: Et referat\norganisation: Testkommune\n", encoding="utf-8")

    run = medbot("kb", "check", str(small))

    assert run.code == 1
    assert f"{orphan}:1: der er intet kildedokument 'referat-2025-01-01.txt' til denne fil" in run.out


def test_changing_a_sidecar_changes_the_knowledge_version(small: Path) -> None:
    before = version_and_fingerprints(small)[0]
    sidecar = small / "sources" / "personalehaandbog.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("Personalehåndbog", "Håndbog"), encoding="utf-8")

    assert version_and_fingerprints(small)[0] != before
