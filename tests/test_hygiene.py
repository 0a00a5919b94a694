"""Free text is cleaned once, the same way on SQLite and PostgreSQL, and whatever is stored exports (issue 12, point 6).

Before: a NUL in a committee's answer was stored by SQLite and refused by PostgreSQL (the committee got "der gik
noget galt"), a lone surrogate failed on both, and the stored control characters later made
`medbot items export --format xlsx` crash. The scenarios run the real server on both databases and expect the same
stored text on each; the export runs the real CLI on a SQLite file holding text stored before the cleaning.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from bot.app import nesting_depth
from bot.cli import main
from dialogs import feedback
from dialogs.hygiene import clean_payload, clean_text, is_clean, text_inputs
from dialogs.organisation import parse_organisation
from dialogs.reminders import texts as reminder_texts
from dialogs.router import payload_version
from storage import feedback as store
from storage.db import make_engine, session_scope, upgrade
from storage.feedback import AnswerContent, FeedbackItem, ItemContent, QuestionKind, QuestionSpec
from storage.org import import_organisation
from tests.conftest import ADMIN, KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.feedback import (
    CREATED,
    Clock,
    answer_inputs,
    answers,
    card_text,
    click,
    follow,
    send_item_in_teams,
    submit_data,
)
from tests.support.postgres import fresh_postgres_database
from tests.support.service import ORGANISATION, RunningBot, sqlite_settings, start

RTL = "\u05e9\u05dc\u05d5\u05dd \u200fעובדים\u200f"  # Hebrew with right-to-left marks, as a pasted mail may carry
FAMILY = "👩\u200d👩\u200d👧"  # one emoji made of three joined by zero-width joiners
# A committee's answer as a forged (or badly pasted) card could send it: NUL, a bell, an ANSI colour escape, DEL,
# a C1 control, a lone surrogate and a non-character among text that must survive, tabs and line breaks included.
DIRTY = f"Vi\x00 holder\x07 møde\x1b[1m\ttirsdag\r\nog 😀 {FAMILY} {RTL}\x7f\x85\ud800\ufffe."
CLEAN = f"Vi holder møde[1m\ttirsdag\r\nog 😀 {FAMILY} {RTL}."
MEETING = "2026-11-20"  # the Friday before CREATED


# ---------------------------------------------------------------------------------------------------------------
# The rules, one function each


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x00b", "ab"),
        ("bell\x07 escape\x1b[0m", "bell escape[0m"),
        ("lone \ud800 and \udfff surrogates", "lone  and  surrogates"),
        ("del\x7f c1\x85\x9f", "del c1"),
        ("non\ufffechar\uffff", "nonchar"),
        ("tab\there\nline\r\nbreaks", "tab\there\nline\r\nbreaks"),
        (f"emoji 😀 {FAMILY} and {RTL}", f"emoji 😀 {FAMILY} and {RTL}"),
        ("æøå ÆØÅ – “citat” …", "æøå ÆØÅ – “citat” …"),
        ("", ""),
    ],
    ids=[
        "nul",
        "c0-controls",
        "lone-surrogates",
        "del-and-c1",
        "non-characters",
        "whitespace-kept",
        "emoji-rtl",
        "danish",
        "empty",
    ],
)
def test_clean_text_drops_what_no_database_or_export_takes_and_keeps_the_rest(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean
    assert is_clean(clean)
    assert is_clean(dirty) == (dirty == clean)


def test_a_surrogate_pair_json_escaped_is_one_emoji_and_stays() -> None:
    assert clean_text(json.loads('"\\ud83d\\ude00"')) == "😀"
    assert clean_text(json.loads('"\\ud83d x"')) == " x"


def test_card_inputs_that_are_not_text_are_named_not_converted() -> None:
    data = {"a": "te\x00kst", "b": 42, "c": 1.5, "d": True, "e": ["x"], "f": {"x": 1}, "g": None}
    texts, wrong = text_inputs(data, ["a", "b", "c", "d", "e", "f", "g", "missing"])
    assert texts == {"a": "tekst"}
    assert wrong == ["b", "c", "d", "e", "f"]


def test_a_whole_payload_is_cleaned_keys_and_nested_values_too() -> None:
    payload = {
        "medbot": "feedback.submit",
        "committee_id": "afdelingsmed-oes\x00",
        "li\x07st": ["\ud800a", {"b\x1b": 1}],
    }
    assert clean_payload(payload) == {
        "medbot": "feedback.submit",
        "committee_id": "afdelingsmed-oes",
        "list": ["a", {"b": 1}],
    }


@pytest.mark.parametrize(
    ("value", "version"),
    [(1, 1), (1.0, 1), ("1", None), (True, None), (2, None), (2.0, None), (1.5, None), (0, None), (None, None)],
)
def test_payload_version_is_a_whole_number_however_json_wrote_it(value: Any, version: int | None) -> None:
    """Issue 12, point 10: `"v": 1.0` was refused as another card version."""
    assert payload_version(value) == version


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        (b"42", 0),
        (b"{}", 1),
        (b'{"a": [1, {"b": []}]}', 4),
        (b'{"text": "[[[{{{ \\" ]]]"}', 1),
        (b'{"a": "\\\\", "b": [[]]}', 3),
        (b"[" * 5000 + b"]" * 5000, 5000),
    ],
    ids=["scalar", "empty-object", "nested", "brackets-in-a-string", "escaped-backslash", "very-deep"],
)
def test_nesting_is_measured_on_the_bytes_outside_strings(body: bytes, depth: int) -> None:
    assert nesting_depth(body) == depth


# ---------------------------------------------------------------------------------------------------------------
# The same answer on SQLite and PostgreSQL


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each kind medbot runs on."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'medbot.db'}"
        return
    with fresh_postgres_database(request.getfixturevalue("pg_url")) as url:
        yield url


@pytest.fixture
async def medbot_on(database_url: str, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot with its outbox dispatcher on that database, the example organisation, its clock on CREATED."""
    bot = await start(sqlite_settings(tmp_path, database_url=database_url, admins=frozenset({ADMIN})))
    follow(bot, Clock())
    yield bot
    await bot.stop()


async def test_committee_answer_with_nul_controls_and_a_lone_surrogate_is_stored_cleaned_on_either_database(
    medbot_on: RunningBot, connector: FakeConnector
) -> None:
    item_id = await send_item_in_teams(medbot_on, connector, title="Kutymefridage\x00 ophører\x07")
    secretary = activities.personal(connector.url, OES_SECRETARY)

    clicked = await click(
        medbot_on,
        secretary,
        submit_data(
            item_id, "afdelingsmed-oes", **answer_inputs(DIRTY, remarks="Bemærk\ud800ning\x00", meeting_date=MEETING)
        ),
    )

    assert clicked.card is not None, clicked.body
    assert "Svar modtaget" in card_text(clicked.card)
    assert CLEAN in card_text(clicked.card)
    [stored] = answers(medbot_on, item_id)
    assert stored.answers[0] == CLEAN
    assert stored.remarks == "Bemærkning"
    with Session(medbot_on.runtime.engine) as session:
        item = session.get(FeedbackItem, item_id)
        assert item is not None and item.title == "Kutymefridage ophører"


async def test_forged_ids_and_questions_with_nul_get_the_same_answer_on_either_database(
    medbot_on: RunningBot, connector: FakeConnector
) -> None:
    """PostgreSQL refuses NUL even in a query's parameters: a forged id used to fail there and not on SQLite."""
    item_id = await send_item_in_teams(medbot_on, connector)
    secretary = activities.personal(connector.url, OES_SECRETARY)
    before = len(connector.messages())

    forged = await click(
        medbot_on, secretary, submit_data(item_id, "afdelingsmed-\x00oes", **answer_inputs(meeting_date=MEETING))
    )
    unknown = await click(medbot_on, secretary, {"medbot": "reminder.done", "v": 1, "occurrence_id": "x\x00"})
    await medbot_on.post(activities.message(secretary, "hvad\x00 er kutymefridage\ud800?"))
    await medbot_on.post(activities.message(secretary, "blåbærtærte\x00 opskrift\ud800"))

    assert forged.card is not None and "Svar modtaget" in card_text(forged.card)
    assert unknown.message == reminder_texts.UNKNOWN_OCCURRENCE
    replies = [m for m in connector.messages()[before:] if m.kind == "reply"]
    assert len(replies) == 2
    assert [reply.card is not None for reply in replies] == [True, True], [r.text for r in replies]


# ---------------------------------------------------------------------------------------------------------------
# The export, on text stored before the cleaning (or typed into the CLI)


@pytest.fixture
def stored_dirty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """A SQLite file where an item and an answer already hold NUL, controls, emoji and right-to-left text."""
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(ORGANISATION), CREATED)
        content = ItemContent(
            title="Kutymefridage\x0b ophører",
            body="Baggrund\x00 med\x1b[0m styretegn",
            deadline=date(2026, 12, 10),
            questions=(
                QuestionSpec("Hvad betyder det\x07?"),
                QuestionSpec("Er medarbejderne orienteret?", QuestionKind.YES_NO),
            ),
            committee_ids=("afdelingsmed-oes",),
        )
        item = store.save_draft(
            session, content, creator_aad_id=KOMMUNEMED_SECRETARY, creator_name="Camilla", tenant_id="t", now=CREATED
        )
        assert feedback.send_item(session, item, CREATED, ZoneInfo("Europe/Copenhagen"))
        assert item.id is not None
        store.record_answer(
            session,
            item_id=item.id,
            committee_id="afdelingsmed-oes",
            content=AnswerContent(
                date(2026, 11, 20), ("Vi\x00 holder\x07 møde\x1b[1m\ttirsdag 😀 " + RTL, "ja"), "\x0c"
            ),
            by_aad="",
            by_name="Frederik\x08 Fiktivsen",
            at=CREATED,
            late=False,
        )
        item_id = item.id
    with Session(engine) as session:
        [answer] = session.exec(select(store.FeedbackAnswer)).all()
        assert "\x00" in answer.answers[0], "SQLite keeps the NUL: this is the text the export must survive"
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    return url, item_id


def test_xlsx_export_of_stored_text_with_nul_controls_emoji_and_rtl_opens_with_openpyxl(
    stored_dirty: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _url, item_id = stored_dirty
    output = tmp_path / "svar.xlsx"

    code = main(["items", "export", str(item_id), "--format", "xlsx", "--output", str(output)])

    _out, err = capsys.readouterr()
    assert code == 0, err
    workbook = load_workbook(output)
    answers_sheet = [[cell.value for cell in row] for row in workbook["Svar"].iter_rows()]
    oes = next(row for row in answers_sheet if row[0] == "AfdelingsMED Økonomi & Stab")
    assert oes[4] == "Frederik Fiktivsen"
    assert oes[5] == f"Vi holder møde[1m\ttirsdag 😀 {RTL}"
    assert oes[6] == "Ja"
    assert answers_sheet[0][5] == "1. Hvad betyder det?"
    about = {row[0].value: row[1].value for row in workbook["Høring"].iter_rows()}
    assert about["Titel"] == "Kutymefridage ophører"
    assert about["Baggrund"] == "Baggrund med[0m styretegn"


def test_csv_export_of_the_same_text_still_writes(
    stored_dirty: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _url, item_id = stored_dirty
    output = tmp_path / "svar.csv"
    code = main(["items", "export", str(item_id), "--format", "csv", "--output", str(output)])
    assert code == 0, capsys.readouterr().err
    assert RTL in output.read_text(encoding="utf-8-sig")
