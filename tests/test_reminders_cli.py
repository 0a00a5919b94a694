"""`medbot reminders list/run/done/check` for operators: the same data as the overview, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from bot.config import PROJECT_ROOT
from storage.db import make_engine
from storage.outbox import OutboxMessage
from storage.reminders import latest_discussions


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite file with the example organisation imported through the CLI."""
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["org", "import", str(PROJECT_ROOT / "config" / "organisation.yaml")]) == 0
    return url


def listing(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, dict[str, object]]:
    """`reminders list --json` rows by 'committee/rule'."""
    capsys.readouterr()
    assert main(["reminders", "list", "--json", *args]) == 0
    document = json.loads(capsys.readouterr().out)
    return {f"{row['committee_id']}/{row['rule']}": row for row in document["reminders"]}


def test_list_json_gives_every_committee_and_rule_with_last_discussed_next_due_and_status(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = listing(capsys, "--now", "2026-11-24T10:00")
    assert len(rows) == 19  # 7 AfdelingsMED × 1 rule, 4 ArbejdspladsMED and 2 personalemøder × 2
    assert "kommunemed/vold-og-trusler" not in rows
    assert rows["arbejdspladsmed-it/sygefravaer"] == {
        "committee_id": "arbejdspladsmed-it",
        "committee": "ArbejdspladsMED IT & Digitalisering",
        "kind": "ArbejdspladsMED",
        "department": "Økonomi & Stab",
        "rule": "sygefravaer",
        "title": "Halvårlig drøftelse af sygefravær",
        "interval_months": 6,
        "last_discussed": "2026-05-12",
        "next_due": "2026-11-12",
        "status": "overdue",
        "days_overdue": 12,
        "snoozed_until": None,
        "recipient": "none",
    }
    assert rows["afdelingsmed-oes/vold-og-trusler"]["interval_months"] == 6
    assert rows["arbejdspladsmed-myndighed/sygefravaer"]["next_due"] == "2027-03-01"  # from the start date


def test_done_from_the_command_line_moves_the_next_due_date(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reminders", "done", "arbejdspladsmed-it", "sygefravaer", "--date", "2026-11-20"]) == 0
    assert "Næste frist: 2027-05-20" in capsys.readouterr().out
    row = listing(capsys, "--now", "2026-11-24T10:00")["arbejdspladsmed-it/sygefravaer"]
    assert (row["last_discussed"], row["next_due"], row["status"]) == ("2026-11-20", "2027-05-20", "ok")
    engine = make_engine(database)
    with Session(engine) as session:
        latest = latest_discussions(session)[("arbejdspladsmed-it", "sygefravaer")]
    engine.dispose()
    assert (latest.recorded_by, latest.via) == ("cli", "cli")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["udvalg-findes-ikke", "sygefravaer"], "ukendt udvalg 'udvalg-findes-ikke'"),
        (["arbejdspladsmed-it", "sygefravær"], "ukendt regel 'sygefravær' (sygefravaer, vold-og-trusler)"),
        (["afdelingsmed-oes", "sygefravaer"], "gælder ikke for AfdelingsMED Økonomi & Stab (AfdelingsMED)"),
        (["arbejdspladsmed-it", "sygefravaer", "--date", "2099-01-01"], "ligger ude i fremtiden"),
        (["arbejdspladsmed-it", "sygefravaer", "--date", "2026-01-01"], "allerede en drøftelse registreret"),
    ],
    ids=["unknown-committee", "unknown-rule", "rule-not-for-this-kind", "future-date", "older-than-last"],
)
def test_done_refuses_what_it_cannot_record_and_changes_nothing(
    database: str, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    capsys.readouterr()
    assert main(["reminders", "done", *args]) == 1
    assert error in capsys.readouterr().err
    row = listing(capsys)["arbejdspladsmed-it/sygefravaer"]
    assert row["last_discussed"] == "2026-05-12"


def test_run_outside_working_hours_writes_nothing_and_names_committees_nobody_can_be_reached_in(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reminders", "run", "--now", "2026-11-28T10:00"]) == 0  # a Saturday
    assert "Uden for sendetiden" in capsys.readouterr().out
    assert main(["reminders", "run", "--now", "2026-11-24T10:00"]) == 0
    out = capsys.readouterr().out
    assert "Påmindelser i udbakken: 0." in out
    assert "Uden modtager (ingen sekretær med appen, ingen kanal): arbejdspladsmed-doegn, arbejdspladsmed-it" in out
    engine = make_engine(database)
    with Session(engine) as session:
        assert list(session.exec(select(OutboxMessage))) == []
    engine.dispose()


def test_check_accepts_the_shipped_rules_and_their_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reminders", "check"]) == 0
    assert "2 regler er i orden: sygefravaer, vold-og-trusler" in capsys.readouterr().out
