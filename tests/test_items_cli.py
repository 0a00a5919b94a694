"""`medbot items`: create, status, export, list and close from the command line, with the rules Teams uses."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from bot import clock
from bot.cli import main
from dialogs import feedback
from dialogs.feedback import texts
from dialogs.organisation import parse_organisation
from dialogs.workdays import add_working_days, previous_working_day
from storage import feedback as store
from storage.db import make_engine, session_scope, upgrade
from storage.feedback import AnswerContent, FeedbackItem, FeedbackQuestion
from storage.org import import_organisation
from storage.outbox import OutboxMessage
from tests.support.feedback import AFDELINGSMED, SECRETARIES
from tests.support.service import ORGANISATION

TODAY = clock.today(ZoneInfo("Europe/Copenhagen"))
DEADLINE = TODAY + timedelta(days=21)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated SQLite file with the example organisation; the CLI finds it through DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(ORGANISATION), clock.now())
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("MEDBOT_ALLOWED_TENANTS", raising=False)
    yield url


def medbot(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `medbot ARGV` in-process; (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def create(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    code, out, err = medbot(
        capsys,
        "items",
        "create",
        "--title",
        "Kutymefridage ophører",
        "--body",
        "Hvad betyder det for jeres arbejdspladser, at kutymefridagene ophører?",
        "--deadline",
        DEADLINE.isoformat(),
        "--question",
        "Hvad betyder det for jer?",
        "--yes-no-question",
        "Er medarbejderne orienteret?",
        "--choice-question",
        "Hvordan informerer I?|Personalemøde|Nyhedsbrev",
        *extra,
    )
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def rows(url: str) -> list[OutboxMessage]:
    engine = make_engine(url)
    with Session(engine) as session:
        found = list(session.exec(select(OutboxMessage)))
    engine.dispose()
    return found


def answer(url: str, item_id: int, committee_id: str, first: str, by: str, *, remarks: str = "") -> None:
    """A committee's answer as the Teams dialog stores it."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        store.record_answer(
            session,
            item_id=item_id,
            committee_id=committee_id,
            content=AnswerContent(TODAY, (first, "ja", "Nyhedsbrev"), remarks),
            by_aad="",
            by_name=by,
            at=datetime.now(UTC),
            late=False,
        )
    engine.dispose()


def test_create_prints_the_item_as_json_and_keeps_it_a_draft_without_send(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    item = create(capsys)
    assert item["state"] == "draft" and item["to"] == "afdelingsmed"
    assert item["deadline"] == DEADLINE.isoformat() and item["creator"] == "Kommandolinjen (administrator)"
    assert [(q["kind"], q["choices"]) for q in item["questions"]] == [
        ("text", []),
        ("yesno", []),
        ("choice", ["Personalemøde", "Nyhedsbrev"]),
    ]
    assert {r["committee_id"] for r in item["recipients"]} == set(AFDELINGSMED)
    assert rows(database) == []


def test_create_and_send_writes_one_outbox_row_per_chosen_committee_to_its_secretary(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    item = create(capsys, "--to", "afdelingsmed-oes,afdelingsmed-bae", "--send", "--creator", "p03")
    assert item["state"] == "sent" and item["to"] == ["afdelingsmed-bae", "afdelingsmed-oes"]
    assert {(r["committee_id"], r["route"]) for r in item["recipients"]} == {
        ("afdelingsmed-oes", "secretary"),
        ("afdelingsmed-bae", "secretary"),
    }
    sent = rows(database)
    assert sorted(r.dedupe_key for r in sent) == [
        f"item:{item['id']}:send:afdelingsmed-bae",
        f"item:{item['id']}:send:afdelingsmed-oes",
    ]
    assert {r.user_aad_id for r in sent} == {SECRETARIES["afdelingsmed-oes"], SECRETARIES["afdelingsmed-bae"]}
    card = sent[0].activity["attachments"][0]["content"]
    assert "Drøftet på møde den" in json.dumps(card, ensure_ascii=False)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--deadline", "10-12-2026"], "Svarfristen skal være en dato"),
        (["--deadline", "2020-01-01"], "Svarfristen kan ikke ligge før i dag"),
        (["--to", "afdelingsmed-oes,afdelingsmed-x"], "Udvalget »afdelingsmed-x« findes ikke"),
        (["--to", "kommunemed"], texts.RECIPIENT_KOMMUNEMED),
        (["--entry", "findes-ikke-her"], texts.ENTRY_UNKNOWN.format(entry="findes-ikke-her")),
        (["--send-at", "i morgen"], texts.SEND_AT_INVALID),
        (["--question", "6?", "--question", "7?", "--question", "8?"], "Der kan højst være 5 spørgsmål"),
        (["--body", "å" * 4001], "Baggrundsteksten må højst være 4.000 tegn (den er 4001)"),
        (["--choice-question", "Kun én?|Ja"], "Spørgsmål 4 skal have mindst to valgmuligheder"),
        (["--link", "intranet"], "Et link skal begynde med https://"),
        (["--creator", "nogen@example.invalid"], "Personen »nogen@example.invalid« findes ikke"),
    ],
    ids=[
        "date-format",
        "past",
        "unknown-committee",
        "kommunemed",
        "unknown-entry",
        "send-at-format",
        "six-questions",
        "long-body",
        "one-choice",
        "link",
        "creator",
    ],
)
def test_create_refuses_bad_input_in_danish_and_stores_nothing(
    database: str, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    base = ["items", "create", "--title", "T", "--body", "B", "--deadline", DEADLINE.isoformat()]
    questions = ["--question", "1?", "--question", "2?", "--question", "3?"]
    code, out, err = medbot(capsys, *base, *questions, *argv, "--send")
    assert code == 1 and out == ""
    assert says in err
    engine = make_engine(database)
    with Session(engine) as session:
        assert list(session.exec(select(FeedbackItem))) == []
    engine.dispose()
    assert rows(database) == []


def test_create_without_questions_is_refused(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = medbot(capsys, "items", "create", "--title", "T", "--body", "B", "--deadline", str(DEADLINE))
    assert code == 1 and "Skriv mindst ét spørgsmål" in err


def test_help_says_the_cli_user_acts_as_an_administrator(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["items", "create", "--help"])
    assert "administrator" in capsys.readouterr().out


def test_status_json_counts_answers_and_shows_every_version(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    item = create(capsys, "--send")
    answer(database, item["id"], "afdelingsmed-oes", "Første udgave.", "Frederik Fiktivsen")
    answer(database, item["id"], "afdelingsmed-oes", "Rettet udgave.", "Eva Fiktivsen")
    answer(database, item["id"], "afdelingsmed-bae", "Ingen ændring.", "Ida Fiktivsen")

    code, out, _err = medbot(capsys, "items", "status", str(item["id"]), "--json")
    status = json.loads(out)
    assert code == 0 and (status["answered"], status["total"]) == (2, 7)
    by_id = {c["committee_id"]: c for c in status["committees"]}
    oes = by_id["afdelingsmed-oes"]
    assert (oes["state"], oes["label"], oes["answered_by"]) == ("answered", "Besvaret", "Eva Fiktivsen")
    assert [(v["version"], v["answers"][0]) for v in oes["versions"]] == [(1, "Første udgave."), (2, "Rettet udgave.")]
    assert by_id["afdelingsmed-mt"]["state"] == "missing" and by_id["afdelingsmed-mt"]["versions"] == []
    assert (by_id["afdelingsmed-mt"]["delivery"], by_id["afdelingsmed-mt"]["label"]) == ("pending", "Sendes")

    code, out, _err = medbot(capsys, "items", "status", str(item["id"]))
    # No dispatcher ran: the committees that did not answer have not got the item yet, so none is "Mangler".
    assert "2 af 7 udvalg har svaret" in out and "AfdelingsMED Miljø & Teknik: Sendes" in out
    assert "Mangler" not in out


def test_status_of_an_unknown_item_says_so(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = medbot(capsys, "items", "status", "4711")
    assert code == 1 and "Høring 4711 findes ikke" in err


def test_xlsx_export_opens_with_openpyxl_one_row_per_committee_one_column_per_question(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    item = create(capsys, "--send")
    answer(database, item["id"], "afdelingsmed-oes", "=SUM(A1:A9) er ikke en formel", "Frederik Fiktivsen")
    output = tmp_path / "svar.xlsx"

    code, out, _err = medbot(capsys, "items", "export", str(item["id"]), "--format", "xlsx", "--output", str(output))
    assert code == 0 and str(output) in out

    sheet = load_workbook(output)["Svar"]
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0] == [
        "Udvalg",
        "Status",
        "Drøftet på møde den",
        "Indsendt",
        "Indsendt af",
        "1. Hvad betyder det for jer?",
        "2. Er medarbejderne orienteret?",
        "3. Hvordan informerer I?",
        "Øvrige bemærkninger",
        "Antal versioner",
        "Levering",
        "Set",
    ]
    assert len(table) == 1 + 7
    oes = next(row for row in table if row[0] == "AfdelingsMED Økonomi & Stab")
    assert oes[1] == "Besvaret" and oes[2] == TODAY.isoformat() and oes[4] == "Frederik Fiktivsen"
    assert oes[5:8] == ["=SUM(A1:A9) er ikke en formel", "Ja", "Nyhedsbrev"]
    assert sheet.cell(row=table.index(oes) + 1, column=6).data_type == "s"
    missing = next(row for row in table if row[0] == "AfdelingsMED Børn & Familie")
    assert missing[1] == "Sendes" and missing[10] == "Sendes"  # not delivered yet (no dispatcher ran)


def test_csv_export_is_utf8_with_bom_and_semicolons_for_danish_excel(
    database: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    item = create(capsys, "--send")
    answer(database, item["id"], "afdelingsmed-oes", "- vagtplaner\n- ferie", "Frederik Fiktivsen", remarks="Æøå")
    output = tmp_path / "svar.csv"

    code, _out, _err = medbot(capsys, "items", "export", str(item["id"]), "--format", "csv", "--output", str(output))
    assert code == 0

    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert table[0][0] == "Udvalg" and table[0][5] == "1. Hvad betyder det for jer?"
    oes = next(row for row in table if row[0] == "AfdelingsMED Økonomi & Stab")
    assert oes[5] == "'- vagtplaner\n- ferie" and oes[8] == "Æøå"
    assert len(table) == 1 + 7


def test_list_and_close_end_the_round(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    item = create(capsys, "--send")
    code, out, _err = medbot(capsys, "items", "close", str(item["id"]))
    assert code == 0 and "er lukket" in out
    code, out, _err = medbot(capsys, "items", "list", "--json")
    assert json.loads(out) == [
        {"id": item["id"], "title": "Kutymefridage ophører", "state": "closed", "deadline": DEADLINE.isoformat()}
    ]
    assert medbot(capsys, "items", "close", str(item["id"]))[0] == 0
    assert date.fromisoformat(json.loads(out)[0]["deadline"]) == DEADLINE


# --- sending, scheduling and deleting from the command line, as in Teams ---------------------------------------------

ARBEJDSPLADSMED = ["arbejdspladsmed-doegn", "arbejdspladsmed-plejebolig", "arbejdspladsmed-myndighed"]


def everything(url: str) -> tuple[Any, ...]:
    """What a refused command must leave as it was: every item (state, send time), its questions, the outbox."""
    engine = make_engine(url)
    with Session(engine) as session:
        items = tuple(sorted((i.id, i.state, i.send_at, i.sent_at) for i in session.exec(select(FeedbackItem))))
        questions = len(session.exec(select(FeedbackQuestion)).all())
        keys = tuple(sorted(session.exec(select(OutboxMessage.dedupe_key))))
    engine.dispose()
    return items, questions, keys


def test_a_draft_is_sent_from_the_cli_and_a_second_send_changes_nothing(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = create(capsys, "--to", "afdelingsmed-oes,afdelingsmed-bae")
    assert rows(database) == []
    code, out, err = medbot(capsys, "items", "send", str(draft["id"]))
    assert code == 0, err
    sent = json.loads(out)
    assert sent["state"] == "sent" and len(rows(database)) == 2

    before = everything(database)
    code, out, err = medbot(capsys, "items", "send", str(draft["id"]))
    assert (code, out) == (1, "")
    assert texts.CLI_SEND_NOT_DRAFT.format(item_id=draft["id"], state="sendt") in err
    assert everything(database) == before


def test_a_draft_is_deleted_from_the_cli_but_a_sent_item_is_not(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = create(capsys)
    kept = create(capsys, "--send")
    code, out, err = medbot(capsys, "items", "delete", str(draft["id"]))
    assert code == 0, err
    assert out.strip() == texts.CLI_DELETED.format(title="Kutymefridage ophører", item_id=draft["id"])
    code, _out, err = medbot(capsys, "items", "status", str(draft["id"]))
    assert code == 1 and f"Høring {draft['id']} findes ikke" in err

    before = everything(database)
    code, out, err = medbot(capsys, "items", "delete", str(kept["id"]))
    assert (code, out) == (1, "")
    assert texts.CLI_DELETE_NOT_DRAFT.format(item_id=kept["id"], state="sendt") in err
    assert everything(database) == before
    assert medbot(capsys, "items", "delete", "4711")[0] == 1 and everything(database) == before


def test_more_than_ten_committees_need_yes_on_create_and_on_send(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    eleven = ",".join([*AFDELINGSMED, *ARBEJDSPLADSMED, "arbejdspladsmed-it"])
    refusal = texts.CLI_CONFIRM_NEEDED.format(count=11)
    base = ["items", "create", "--title", "T", "--body", "B", "--deadline", DEADLINE.isoformat(), "--question", "?"]

    code, out, err = medbot(capsys, *base, "--to", eleven, "--send")
    assert (code, out) == (1, "") and refusal in err
    assert everything(database) == ((), 0, ())  # not even the draft is kept

    draft = create(capsys, "--to", eleven)
    before = everything(database)
    code, out, err = medbot(capsys, "items", "send", str(draft["id"]))
    assert (code, out) == (1, "") and refusal in err
    assert everything(database) == before

    code, out, err = medbot(capsys, "items", "send", str(draft["id"]), "--yes")
    assert code == 0, err
    assert json.loads(out)["state"] == "sent" and len(rows(database)) == 11

    sent = create(capsys, "--to", eleven, "--send", "--yes")
    assert sent["state"] == "sent" and len(rows(database)) == 22


def test_ten_committees_are_sent_without_yes(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    ten = ",".join([*AFDELINGSMED, *ARBEJDSPLADSMED])
    item = create(capsys, "--to", ten, "--send")
    assert item["state"] == "sent" and len(rows(database)) == 10


def _working_morning(days_ahead: int, hour: int = 10) -> datetime:
    """A send time the rules accept: a working day `days_ahead` working days from today, local time."""
    day = add_working_days(TODAY, days_ahead)
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Europe/Copenhagen"))


def test_send_at_schedules_the_item_and_items_send_sends_it_now(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    at = _working_morning(2)
    item = create(capsys, "--send-at", at.strftime("%Y-%m-%d %H:%M"))
    assert item["state"] == "scheduled" and item["send_at"] == at.isoformat()
    assert item["sent_at"] is None and rows(database) == []

    code, out, err = medbot(capsys, "items", "send", str(item["id"]))
    assert code == 0, err
    sent = json.loads(out)
    assert sent["state"] == "sent" and len(rows(database)) == 7


@pytest.mark.parametrize(
    ("when", "says"),
    [
        (lambda: datetime.combine(_saturday_after(TODAY + timedelta(days=2)), time(10)), "er ikke en arbejdsdag"),
        (lambda: _working_morning(2, hour=17), texts.SEND_AT_HOURS),
        (lambda: _working_morning(-2), texts.SEND_AT_PAST),
    ],
    ids=["closed-day", "after-four", "past"],
)
def test_a_send_time_the_rules_refuse_stores_nothing(
    database: str, capsys: pytest.CaptureFixture[str], when: Any, says: str
) -> None:
    moment = when()
    base = ["items", "create", "--title", "T", "--body", "B", "--deadline", DEADLINE.isoformat(), "--question", "?"]
    code, out, err = medbot(capsys, *base, "--send-at", moment.strftime("%Y-%m-%d %H:%M"))
    assert (code, out) == (1, "") and says in err
    assert everything(database) == ((), 0, ())


def _saturday_after(day: date) -> date:
    return day + timedelta(days=(5 - day.weekday()) % 7)


def test_create_lists_only_the_nudges_that_will_really_be_sent(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tz = ZoneInfo("Europe/Copenhagen")
    soon = add_working_days(TODAY, 2)  # its three-days-before nudge lies before today
    item = create(capsys, "--deadline", soon.isoformat())
    assert item["nudges"] == [datetime(soon.year, soon.month, soon.day, 9, tzinfo=tz).isoformat()]
    later = create(capsys)
    assert [date.fromisoformat(n[:10]) for n in later["nudges"]] == [
        add_working_days(DEADLINE, -3),
        previous_working_day(DEADLINE),
    ]


def test_a_deadline_on_a_sunday_is_accepted_with_a_warning_naming_the_next_working_day(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sunday = TODAY + timedelta(days=14 + (6 - TODAY.weekday()))
    code, out, err = medbot(
        capsys, "items", "create", "--title", "T", "--body", "B", "--deadline", sunday.isoformat(), "--question", "?"
    )
    assert code == 0 and json.loads(out)["deadline"] == sunday.isoformat()
    warning = feedback.deadline_warning(sunday)
    assert warning.startswith(f"Fristen {sunday.day}. ") and "er en søndag; udvalgene har reelt til " in warning
    assert err.strip() == f"medbot: advarsel: {warning}"
