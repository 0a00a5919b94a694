"""`medbot ask` and `medbot kb check|reload|gaps` as editors, graders and operators run them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from bot.config import PROJECT_ROOT
from storage import knowledge as store
from storage.db import make_engine, session_scope, upgrade
from tests.support.knowledge import REAL_KNOWLEDGE, write_small_knowledge

MEDBOT = Path(sys.executable).parent / "medbot"
CONTRACT = {"question", "answered", "answer", "entry_id", "title", "score", "sources", "suggestions"}


@pytest.fixture
def knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small fictional knowledge folder and a SQLite file, both through the documented environment names."""
    folder = write_small_knowledge(tmp_path / "knowledge")
    monkeypatch.setenv("MEDBOT_KNOWLEDGE_DIR", str(folder))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'medbot.db'}")
    return folder


def test_ask_json_prints_every_field_of_the_contract(knowledge: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "--at", "2026-03-02", "Hvor må jeg parkere ved rådhuset?"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert set(reply) >= CONTRACT
    assert reply["question"] == "Hvor må jeg parkere ved rådhuset?"
    assert reply["answered"] is True and reply["entry_id"] == "parkering"
    assert reply["title"] == "Parkering ved rådhuset"
    assert "bygning B" in reply["answer"] and len(reply["answer"]) <= 1200
    assert isinstance(reply["score"], float)
    assert reply["sources"] == [{"document": "personalehaandbog", "section": "Punkt 1: Praktiske forhold"}]
    assert reply["suggestions"] == []


def test_ask_json_says_it_does_not_know_with_suggestions(knowledge: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "parkering", "til", "min", "campingvogn"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["answered"] is False and reply["entry_id"] is None
    assert reply["question"] == "parkering til min campingvogn"
    assert "Parkering ved rådhuset" in reply["suggestions"]


@pytest.mark.parametrize(
    ("day", "entry_id"),
    [("2025-06-02", "kaffe-gratis"), ("2026-03-02", "kaffe-afdeling")],
    ids=["before-the-change", "after-the-change"],
)
def test_ask_at_a_date_answers_with_the_rule_of_that_day(
    knowledge: Path, capsys: pytest.CaptureFixture[str], day: str, entry_id: str
) -> None:
    assert main(["ask", "--json", "--at", day, "Er kaffen gratis?"]) == 0
    assert json.loads(capsys.readouterr().out)["entry_id"] == entry_id


def test_ask_without_json_prints_readable_danish_with_the_source(
    knowledge: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "Hvor får jeg en nøgle til cykelkælderen?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Nøgle til cykelkælderen\n")
    assert "Kilde: Personalehåndbog for Testkommune, Punkt 1: Praktiske forhold" in out


def test_ask_refuses_a_date_that_is_not_a_date(knowledge: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["ask", "--at", "2. juni", "Er kaffen gratis?"])
    assert refused.value.code == 2
    assert "skriv ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_ask_batch_reads_stdin_and_prints_one_json_object_per_line(knowledge: Path) -> None:
    questions = ["Hvor må jeg parkere ved rådhuset?", "Hvad er vejret i morgen?", "", "Er kaffen gratis?"]
    done = subprocess.run(
        [str(MEDBOT), "ask", "--json", "--at", "2026-03-02", "-"],
        input="\n".join(questions) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["question"] for r in replies] == questions
    assert [r["answered"] for r in replies] == [True, False, False, True]
    assert all(set(r) >= CONTRACT for r in replies)


def test_kb_check_prints_file_line_message_and_exits_non_zero(
    knowledge: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = knowledge / "content" / "praktisk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("related: [parkering]", "related: [findes-ikke]"))
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "findes-ikke" in text)
    assert main(["kb", "check", str(knowledge)]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [f"{path}:{line}: related: opslaget 'findes-ikke' findes ikke"]
    assert "1 fejl" in printed.err


def test_kb_check_accepts_the_content_folder_and_passes_the_shipped_knowledge(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["kb", "check", str(REAL_KNOWLEDGE / "content")]) == 0
    assert "Vidensbasen er i orden" in capsys.readouterr().out


def test_kb_reload_records_the_version_and_prints_what_changed(
    knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "reload"]) == 0
    first = capsys.readouterr().out
    assert "Nye: cykelkaelder, kaffe-afdeling, kaffe-gratis, parkering" in first
    path = knowledge / "content" / "praktisk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bag bygning B.", "bag bygning C."), encoding="utf-8")
    assert main(["kb", "reload"]) == 0
    second = capsys.readouterr().out
    assert "Nye: ingen\nÆndrede: parkering\nFjernede: ingen" in second
    engine = make_engine(f"sqlite:///{tmp_path / 'medbot.db'}")
    with Session(engine) as session:
        rows = list(session.exec(select(store.KnowledgeVersion)))
    engine.dispose()
    assert len(rows) == 2 and rows[1].version in second and rows[1].activated_by.startswith("cli")


def test_kb_reload_with_errors_exits_non_zero_and_keeps_the_recorded_version(
    knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "reload"]) == 0
    capsys.readouterr()
    (knowledge / "content" / "ny.yaml").write_text("- id: Ugyldigt Id\n  title: x\n", encoding="utf-8")
    assert main(["kb", "reload"]) == 1
    printed = capsys.readouterr()
    assert "content/ny.yaml:1: " in printed.err and "IKKE genindlæst" in printed.err
    engine = make_engine(f"sqlite:///{tmp_path / 'medbot.db'}")
    with Session(engine) as session:
        assert len(list(session.exec(select(store.KnowledgeVersion)))) == 1
    engine.dispose()


def test_kb_gaps_lists_frequent_unanswered_questions_and_worst_rated_entries(
    knowledge: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        for day, question in [(1, "Hvad er vejret?"), (2, "hvad er vejret"), (2, "Kantinens åbningstid?")]:
            store.record_unanswered(session, question, date(2026, 3, day))
        for helpful in (False, False, True):
            store.record_rating(session, "parkering", helpful, date(2026, 3, 2))
        store.record_rating(session, "cykelkaelder", False, date(2026, 3, 2))
        store.record_rating(session, "kaffe-afdeling", True, date(2026, 3, 2))
    engine.dispose()
    assert main(["kb", "gaps", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unanswered"] == [
        {"question": "hvad er vejret", "count": 2},
        {"question": "kantinens åbningstid", "count": 1},
    ]
    assert report["worst_rated"] == [
        {"entry_id": "parkering", "title": "Parkering ved rådhuset", "helpful": 1, "unhelpful": 2},
        {"entry_id": "cykelkaelder", "title": "Nøgle til cykelkælderen", "helpful": 0, "unhelpful": 1},
    ]
    assert main(["kb", "gaps"]) == 0
    readable = capsys.readouterr().out
    assert "    2  hvad er vejret" in readable and "parkering  Parkering ved rådhuset" in readable


@pytest.mark.slow
def test_grader_runs_medbot_ask_over_the_development_questions() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "tests/data/grade.py",
            "tests/data/dev_questions.yaml",
            "--cmd",
            f"{MEDBOT} ask --json -",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "score: " in done.stdout
