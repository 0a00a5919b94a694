"""Two "Send til HR & Løn" clicks at the same instant store the question once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage import escalations
from storage.db import make_engine, upgrade
from storage.escalations import Escalation

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
ASKER = "bbbbbbbb-0000-4000-8000-000000000001"


QUESTION = "Kan jeg få fri til min datters dimission?"


def send(session: Session, question: str = QUESTION) -> tuple[Escalation, bool]:
    return escalations.add_once(
        session,
        tenant_id="tenant",
        asker_aad_id=ASKER,
        asker_name="Mette Fiktivsen",
        question=question,
        context="refused",
        now=NOW,
    )


def second_click_waits_for_the_first(engine: Engine) -> None:
    """The first click has stored its row but not committed when the second click checks: the second must wait
    for it, then find it, and store nothing."""
    first = Session(engine)
    assert send(first)[1]
    checked = threading.Event()

    def second_click() -> bool:
        with Session(engine) as second:
            checked.set()
            _row, new = send(second)
            second.commit()
            return new

    with ThreadPoolExecutor(max_workers=1) as pool:
        outcome = pool.submit(second_click)
        checked.wait(5)
        time.sleep(0.3)  # the second click is at its check now, or waiting for the first one's lock
        assert not outcome.done()
        first.commit()
        first.close()
        assert outcome.result(timeout=10) is False
    with Session(engine) as session:
        assert [row.question for row in session.exec(select(Escalation))] == [QUESTION]


def test_a_double_click_stores_the_question_once_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        second_click_waits_for_the_first(engine)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_double_click_stores_the_question_once_on_postgres(pg_database: str) -> None:
    upgrade(pg_database)
    engine = make_engine(pg_database)
    try:
        second_click_waits_for_the_first(engine)
    finally:
        engine.dispose()


def test_another_question_of_the_same_asker_is_stored_beside_the_waiting_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            assert send(session)[1]
            assert not send(session)[1]
            assert send(session, "Hvornår får jeg min feriepenge?")[1]
            session.commit()
            assert len(session.exec(select(Escalation)).all()) == 2
    finally:
        engine.dispose()
