"""Feedback answers on PostgreSQL, where replicas and double clicks really run at the same time."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from dialogs import feedback
from dialogs.organisation import parse_organisation
from storage import feedback as store
from storage.db import make_engine, session_scope, upgrade
from storage.feedback import AnswerContent, FeedbackAnswer, ItemContent, QuestionSpec
from storage.org import import_organisation
from storage.outbox import OutboxMessage
from tests.support.feedback import AFDELINGSMED
from tests.support.service import ORGANISATION

pytestmark = pytest.mark.postgres

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
CONTENT = AnswerContent(date(2026, 11, 30), ("Vi planlægger vagterne om.",), "")


@pytest.fixture
def engine(pg_database: str) -> Iterator[Engine]:
    """A fresh database of our own on the shared server, migrated, with the example organisation and one sent item."""
    upgrade(pg_database)
    engine = make_engine(pg_database)
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(ORGANISATION), NOW)
        item = store.save_draft(
            session,
            ItemContent("Kutymefridage", "Drøft det.", date(2026, 12, 10), (QuestionSpec("Hvad betyder det?"),)),
            creator_aad_id="",
            creator_name="test",
            tenant_id="tenant-1",
            now=NOW,
        )
        feedback.send_item(session, item, NOW, TZ)
    yield engine
    engine.dispose()


def _record(session: Session, content: AnswerContent) -> tuple[FeedbackAnswer, bool]:
    return store.record_answer(
        session,
        item_id=1,
        committee_id="afdelingsmed-oes",
        content=content,
        by_aad="",
        by_name="Frederik Fiktivsen",
        at=NOW,
        late=False,
    )


def race(engine: Engine, first: AnswerContent, second: AnswerContent) -> tuple[int, bool]:
    """The first submit inserts and holds its transaction open while the second arrives; then the first commits.

    Returns the version the second submit ended with and whether it stored a new one.
    """
    outcome: dict[str, tuple[int, bool]] = {}
    with Session(engine) as holding:
        _record(holding, first)

        def second_submit() -> None:
            with Session(engine) as session:
                answer, created = _record(session, second)
                session.commit()
                outcome["second"] = (answer.version, created)

        thread = threading.Thread(target=second_submit)
        thread.start()
        thread.join(timeout=0.5)  # it waits on the unique key until the first transaction ends
        holding.commit()
    thread.join(timeout=10)
    return outcome["second"]


def versions(engine: Engine) -> list[tuple[int, str]]:
    with Session(engine) as session:
        rows = session.exec(select(FeedbackAnswer).order_by(col(FeedbackAnswer.version)))
        return [(a.version, a.answers[0]) for a in rows]


def test_double_click_racing_on_two_replicas_stores_one_answer(engine: Engine) -> None:
    assert race(engine, CONTENT, CONTENT) == (1, False)
    assert versions(engine) == [(1, "Vi planlægger vagterne om.")]


def test_two_different_answers_racing_both_stay_as_versions(engine: Engine) -> None:
    changed = AnswerContent(CONTENT.meeting_date, ("Ingen ændring.",), "")
    assert race(engine, CONTENT, changed) == (2, True)
    assert versions(engine) == [(1, "Vi planlægger vagterne om."), (2, "Ingen ændring.")]


def test_sending_wrote_one_outbox_row_per_afdelingsmed(engine: Engine) -> None:
    with Session(engine) as session:
        keys = sorted(session.exec(select(OutboxMessage.dedupe_key)))
    assert keys == sorted(f"item:1:send:{committee_id}" for committee_id in AFDELINGSMED)
