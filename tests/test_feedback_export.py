"""Export that cannot fail: "Hent som Excel" / "Hent som CSV" in Teams give a short-lived signed link, served by the
real server; the file (and `medbot items export`) opens whatever a committee's stored answer holds: NUL, control
characters, emoji, Arabic and Hebrew, 4,000 characters, text that looks like a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy
from openpyxl import load_workbook
from sqlalchemy.engine import Engine

from bot.anonymous import flush_now
from bot.cli import main
from bot.config import Settings
from bot.exports import ExportLinks, Grant, Refusal
from dialogs import feedback
from dialogs.feedback import texts
from dialogs.feedback.export import EXCEL_CELL_LIMIT, LINK_LIFETIME, cell_text
from dialogs.hygiene import is_clean
from dialogs.organisation import parse_organisation
from storage import feedback as store
from storage.addresses import Via
from storage.db import make_engine, session_scope, upgrade
from storage.feedback import AnswerContent
from storage.org import import_organisation
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import CREATED, Clock, button, click, item_inputs
from tests.support.service import ORGANISATION, RunningBot, sqlite_settings, start

OES, BAE = "afdelingsmed-oes", "afdelingsmed-bae"
TZ = ZoneInfo("Europe/Copenhagen")
CLICKED = CREATED + timedelta(hours=2)  # Monday 23 November 2026, 12:00 in Copenhagen

# What committees' stored answers hold: rows written before input was cleaned, or by the CLI.
WITH_NUL = "Vi mødes\x00kl. 10 \x1b[31m 😀 👩🏽‍💻"
ARABIC_AND_HEBREW = "مرحبا بالعالم – שלום עולם – ok"
LONG = ("Lang besvarelse fra udvalget. " * 200)[:4000]
FORMULA = '=HYPERLINK("https://evil.invalid","klik")'
ANSWERS = {
    OES: AnswerContent(
        meeting_date=date(2026, 11, 20), answers=(WITH_NUL, "ja", "Personalemøde"), remarks=ARABIC_AND_HEBREW
    ),
    BAE: AnswerContent(meeting_date=date(2026, 11, 19), answers=(LONG, "nej", FORMULA), remarks="@SUM(1+1)"),
}
CLEANED_NUL = "Vi mødeskl. 10 [31m 😀 👩🏽‍💻"
FIRST = "1. Hvad betyder det for jeres arbejdspladser?"
THIRD = "3. Hvordan vil I implementere det?"


def nasty_item(engine: Engine) -> int:
    """A sent item to ØS and BAE, each with an answer holding what no file format likes."""
    with session_scope(engine) as session:
        known = {c.id: c.name for c in feedback.choosable_committees(session)}
        content, problems, _raw = feedback.read_item_form(item_inputs(recipients=f"{OES},{BAE}"), CREATED.date(), known)
        assert content is not None, problems
        item = store.save_draft(
            session,
            content,
            creator_aad_id=KOMMUNEMED_SECRETARY,
            creator_name="Camilla",
            tenant_id=activities.TENANT,
            now=CREATED,
        )
        assert item.id is not None
        store.mark_sent(session, item, {OES: Via.SECRETARY, BAE: Via.SECRETARY}, CREATED)
        for committee_id, answer in ANSWERS.items():
            store.record_answer(
                session,
                item_id=item.id,
                committee_id=committee_id,
                content=answer,
                by_aad=OES_SECRETARY,
                by_name="Frederik",
                at=CREATED + timedelta(hours=1),
                late=False,
            )
        return item.id


def rows_by_committee(table: list[list[Any]]) -> dict[str, dict[str, Any]]:
    """Each committee's row as {header: value}."""
    headers = [str(h) for h in table[0]]
    return {str(row[0]): dict(zip(headers, row, strict=True)) for row in table[1:]}


def assert_xlsx_holds_the_answers(data: bytes) -> None:
    """The workbook opens, every row is there, and each text reads as cleaned (never a formula)."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Svar"]
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    rows = rows_by_committee(table)
    oes, bae = rows["AfdelingsMED Økonomi & Stab"], rows["AfdelingsMED Borger, Arbejdsmarked & Erhverv"]
    assert oes[FIRST] == CLEANED_NUL
    assert oes[texts.REMARKS] == ARABIC_AND_HEBREW
    assert bae[FIRST] == LONG and len(LONG) == 4000
    assert bae[THIRD] == FORMULA and bae[texts.REMARKS] == "@SUM(1+1)"
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)
    assert workbook["Høring"]["B1"].value == "Kutymefridage ophører"


def assert_csv_holds_the_answers(data: bytes) -> None:
    """UTF-8 with BOM, ';' between fields, formulas kept as text by a leading apostrophe."""
    assert data.startswith(b"\xef\xbb\xbf")
    table: list[list[Any]] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    rows = rows_by_committee(table)
    oes, bae = rows["AfdelingsMED Økonomi & Stab"], rows["AfdelingsMED Borger, Arbejdsmarked & Erhverv"]
    assert oes[FIRST] == CLEANED_NUL and oes[texts.REMARKS] == ARABIC_AND_HEBREW
    assert bae[FIRST] == LONG
    assert bae[THIRD] == "'" + FORMULA and bae[texts.REMARKS] == "'@SUM(1+1)"


# --- the cleaning ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "xlsx", "csv_field"),
    [
        ("a\x00b", "ab", "ab"),
        ("lone \ud800 surrogate", "lone  surrogate", "lone  surrogate"),
        (
            "esc\x1b bell\x07 c1\x85 \ufffe",
            "esc bell c1 ",
            "esc bell c1 ",
        ),
        ("linje 1\nlinje 2\tfane\r\n", "linje 1\nlinje 2\tfane\r\n", "linje 1\nlinje 2\tfane\r\n"),
        ("😀 👩🏽‍💻 🇩🇰", "😀 👩🏽‍💻 🇩🇰", "😀 👩🏽‍💻 🇩🇰"),
        ("שלום ‏עולם مرحبا", "שלום ‏עולם مرحبا", "שלום ‏עולם مرحبا"),
        ("=1+1", "=1+1", "'=1+1"),
        ("-2", "-2", "'-2"),
        ("\x00=1+1", "=1+1", "'=1+1"),  # cleaned first, so a hidden formula is still caught
        ("\t=1", "\t=1", "'\t=1"),
    ],
    ids=[
        "nul",
        "lone-surrogate",
        "controls",
        "line-breaks-stay",
        "emoji",
        "rtl",
        "formula",
        "minus",
        "nul-first",
        "tab",
    ],
)
def test_every_stored_text_becomes_a_cell_that_no_format_refuses(stored: str, xlsx: str, csv_field: str) -> None:
    assert cell_text(stored, "xlsx") == xlsx
    assert cell_text(stored, "csv") == csv_field
    cell_text(stored, "csv").encode("utf-8")  # nothing left that UTF-8 cannot write


def test_the_export_takes_out_exactly_what_input_cleaning_takes_out() -> None:
    for code in range(0x10000):
        character = chr(code)
        assert (cell_text(character, "xlsx") == character) == is_clean(character), hex(code)


@pytest.mark.parametrize("unit", ["a", "😀"], ids=["letters", "emoji-two-utf16-units"])
def test_a_text_longer_than_an_excel_cell_is_shortened_with_a_note_only_in_excel(unit: str) -> None:
    stored = unit * 40_000
    shortened = cell_text(stored, "xlsx")
    assert len(shortened.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert shortened.endswith(texts.EXPORT_CUT) and shortened.startswith(unit * 1000)
    assert cell_text(stored, "csv") == stored
    assert cell_text(unit * 10_000, "xlsx") == unit * 10_000


# --- the signed token --------------------------------------------------------------------------------------------


def links(secret: str = "s3cret", host: str = "medbot.example.dk") -> ExportLinks:
    return ExportLinks.for_settings(Settings(app_id="app", export_secret=secret, public_host=host))


def test_a_token_holds_its_item_format_and_expiry_and_works_until_it_expires() -> None:
    signer = links()
    link = signer.link(12, "xlsx", CLICKED)
    assert link is not None and link.startswith("https://medbot.example.dk/exports/12.xlsx.")
    token = link.rsplit("/", 1)[1]
    assert signer.check(token, CLICKED + LINK_LIFETIME - timedelta(seconds=1)) == Grant(12, "xlsx")
    assert links().check(token, CLICKED) == Grant(12, "xlsx"), "another replica with the same secret accepts it"
    expired = signer.check(token, CLICKED + LINK_LIFETIME)
    assert isinstance(expired, Refusal) and (expired.status, expired.page) == (403, texts.EXPORT_PAGE_EXPIRED)


@pytest.mark.parametrize(
    ("change", "status"),
    [
        (lambda t: t.replace("12.", "13.", 1), 403),
        (lambda t: t.replace(".xlsx.", ".csv.", 1), 403),
        (lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), 403),
        (lambda t: t[:-1], 404),
        (lambda t: t + "\x00", 404),
        (lambda _t: "../../etc/passwd", 404),
        (lambda t: t.replace("12.", "99999999999.", 1), 404),
    ],
    ids=["other-item", "other-format", "signature", "truncated", "nul", "path", "id-too-long"],
)
def test_a_changed_token_is_refused(change: Any, status: int) -> None:
    signer = links()
    token = signer.token(12, "xlsx", CLICKED)
    refused = signer.check(change(token), CLICKED)
    assert isinstance(refused, Refusal) and refused.status == status


def test_a_token_signed_with_another_secret_is_refused() -> None:
    token = links(secret="other").token(12, "xlsx", CLICKED)
    refused = links().check(token, CLICKED)
    assert isinstance(refused, Refusal) and refused.page == texts.EXPORT_PAGE_FORGED


def test_without_a_secret_or_an_address_no_link_is_offered() -> None:
    assert links(secret="").link(12, "xlsx", CLICKED) is None  # app id, no secret: no key
    assert links(host="").link(12, "xlsx", CLICKED) is None  # no public host outside emulator mode
    assert ExportLinks.for_settings(Settings()).link(12, "xlsx", CLICKED) is None  # emulator, not reached yet


# --- end to end: the real server ---------------------------------------------------------------------------------


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot in emulator mode with the nasty item; its clock stands at CLICKED."""
    running = await start(sqlite_settings(tmp_path, admins=frozenset({ADMIN})))
    running.runtime.clock = Clock(CLICKED)
    yield running
    await running.stop()


def link_in(card: dict[str, Any]) -> str:
    [url] = [a["url"] for a in card.get("actions") or [] if a.get("type") == "Action.OpenUrl"]
    return str(url)


async def ask_for(bot: RunningBot, connector: FakeConnector, envelope: dict[str, Any], data: dict[str, Any]) -> str:
    """Click the export button; the link card arrives as a new message (the clicked card stays)."""
    before = len(connector.messages())
    clicked = await click(bot, envelope, data)
    assert clicked.status == 200 and clicked.card is None
    [reply] = connector.messages()[before:]
    assert reply.card is not None
    return link_in(reply.card)


async def database(bot: RunningBot) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    await flush_now(bot.runtime.anonymous)
    with bot.runtime.engine.connect() as connection:
        tables = sqlalchemy.inspect(connection).get_table_names()
        return {
            t: sorted(map(tuple, connection.execute(sqlalchemy.text(f'SELECT * FROM "{t}"'))), key=repr) for t in tables
        }


async def test_lead_downloads_excel_and_csv_from_the_status_card_and_both_open(
    bot: RunningBot, connector: FakeConnector
) -> None:
    item_id = nasty_item(bot.runtime.engine)
    envelope = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
    await bot.post(activities.message(envelope, f"status {item_id}"))
    [status] = [m.card for m in connector.messages() if m.card is not None]
    excel = button(status, texts.EXPORT_XLSX)
    assert excel == {"medbot": "feedback.export", "v": 1, "item_id": item_id, "format": "xlsx"}

    url = await ask_for(bot, connector, envelope, excel)
    assert url.startswith(f"{bot.url}/exports/{item_id}.xlsx.")
    response = await bot.http.get(url)
    assert response.status == 200
    assert response.headers["Content-Disposition"].endswith(f"filename*=UTF-8''hoering-{item_id}.xlsx")
    assert response.headers["Cache-Control"] == "no-store"
    assert_xlsx_holds_the_answers(await response.read())

    csv_url = await ask_for(bot, connector, envelope, button(status, texts.EXPORT_CSV))
    response = await bot.http.get(csv_url)
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"].endswith(f"filename*=UTF-8''hoering-{item_id}.csv")
    assert_csv_holds_the_answers(await response.read())


async def test_the_answers_card_offers_the_same_download(bot: RunningBot, connector: FakeConnector) -> None:
    item_id = nasty_item(bot.runtime.engine)
    envelope = activities.personal(connector.url, ADMIN)
    clicked = await click(bot, envelope, {"medbot": "feedback.answers", "v": 1, "item_id": item_id})
    assert clicked.status == 200
    answers = [m.card for m in connector.messages() if m.card is not None][-1]
    url = await ask_for(bot, connector, envelope, button(answers, texts.EXPORT_CSV))
    response = await bot.http.get(url)
    assert_csv_holds_the_answers(await response.read())


async def test_an_expired_forged_or_foreign_link_is_refused_with_a_danish_page_and_no_file(
    bot: RunningBot, connector: FakeConnector
) -> None:
    item_id = nasty_item(bot.runtime.engine)
    envelope = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
    url = await ask_for(
        bot, connector, envelope, {"medbot": "feedback.export", "v": 1, "item_id": item_id, "format": "xlsx"}
    )
    token = url.rsplit("/", 1)[1]
    base = f"{bot.url}/exports/"
    signature = token.rsplit(".", 1)[1]
    cases = {
        base + token.replace(f"{item_id}.", f"{item_id + 1}.", 1): (403, texts.EXPORT_PAGE_FORGED),
        base + token[: -len(signature)] + signature[::-1]: (403, texts.EXPORT_PAGE_FORGED),
        base + "nonsense": (404, texts.EXPORT_PAGE_UNKNOWN),
        base + bot.runtime.exports.token(999, "xlsx", CLICKED): (404, texts.EXPORT_PAGE_GONE),
    }
    for address, (status, page) in cases.items():
        response = await bot.http.get(address)
        assert (response.status, await response.text()) == (status, page + "\n"), address
        assert response.headers["Content-Type"].startswith("text/plain")
        assert "Content-Disposition" not in response.headers

    bot.runtime.clock = Clock(CLICKED + LINK_LIFETIME)
    response = await bot.http.get(url)
    assert (response.status, await response.text()) == (403, texts.EXPORT_PAGE_EXPIRED + "\n")


async def test_a_draft_item_has_nothing_to_download(bot: RunningBot) -> None:
    item_id = nasty_item(bot.runtime.engine)
    with session_scope(bot.runtime.engine) as session:
        item = store.get_item(session, item_id)
        assert item is not None
        item.state = "draft"
        session.add(item)
    response = await bot.http.get(f"{bot.url}/exports/{bot.runtime.exports.token(item_id, 'csv', CLICKED)}")
    assert (response.status, await response.text()) == (404, texts.EXPORT_PAGE_GONE + "\n")


@pytest.mark.parametrize(
    ("who", "data", "expected"),
    [
        (OES_SECRETARY, {"format": "xlsx"}, texts.STATUS_NOT_ALLOWED),
        (KOMMUNEMED_SECRETARY, {"format": "pdf"}, None),
        (KOMMUNEMED_SECRETARY, {"format": "xlsx", "item_id": 999}, texts.ITEM_UNKNOWN),
    ],
    ids=["not-a-lead", "unknown-format", "unknown-item"],
)
async def test_a_refused_click_answers_in_danish_and_writes_nothing(
    bot: RunningBot, connector: FakeConnector, who: str, data: dict[str, Any], expected: str | None
) -> None:
    item_id = nasty_item(bot.runtime.engine)
    envelope = activities.personal(connector.url, who)
    await bot.post(activities.message(envelope, "hjælp"))  # the conversation is stored before the click
    before, sent = await database(bot), len(connector.messages())
    clicked = await click(bot, envelope, {"medbot": "feedback.export", "v": 1, "item_id": item_id, **data})
    assert clicked.status == 200
    assert clicked.message == (expected or texts.EXPORT_FORMAT_UNKNOWN.format(item_id=item_id))
    assert connector.messages()[sent:] == []
    assert await database(bot) == before


async def test_a_link_points_to_the_public_host_when_one_is_set(tmp_path: Path, connector: FakeConnector) -> None:
    running = await start(sqlite_settings(tmp_path, public_host="medbot.albertslund.dk", export_secret="x" * 32))
    try:
        running.runtime.clock = Clock(CLICKED)
        item_id = nasty_item(running.runtime.engine)
        envelope = activities.personal(connector.url, KOMMUNEMED_SECRETARY)
        data = {"medbot": "feedback.export", "v": 1, "item_id": item_id, "format": "csv"}
        url = await ask_for(running, connector, envelope, data)
        assert url.startswith(f"https://medbot.albertslund.dk/exports/{item_id}.csv.")
        response = await running.http.get(url.replace("https://medbot.albertslund.dk", running.url))
        assert_csv_holds_the_answers(await response.read())
    finally:
        await running.stop()


# --- the CLI -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_cli_export_with_the_same_texts_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(ORGANISATION), CREATED)
    item_id = nasty_item(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    output = tmp_path / f"svar.{fmt}"
    assert main(["items", "export", str(item_id), "--format", fmt, "-o", str(output)]) == 0
    assert "Gemt" in capsys.readouterr().out
    if fmt == "xlsx":
        assert_xlsx_holds_the_answers(output.read_bytes())
    else:
        assert_csv_holds_the_answers(output.read_bytes())
