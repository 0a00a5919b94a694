"""Retention (README "Databehandling"): the scheduler deletes questions, ratings and sent messages past the period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.runtime import Runtime
from bot.scheduler import Scheduler
from storage.db import session_scope, upgrade
from storage.knowledge import AnswerRating, UnansweredQuestion, record_rating, record_unanswered
from storage.outbox import REDACTED, OutboxMessage, OutboxStatus, enqueue, redact_sent
from tests.support.service import sqlite_settings

RETENTION_DAYS = 30
NOW = datetime(2027, 3, 15, 12, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=RETENTION_DAYS + 1)
YOUNG = NOW - timedelta(days=RETENTION_DAYS - 1)


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[Runtime]:
    """A migrated SQLite file that keeps data for RETENTION_DAYS, its clock at NOW."""
    settings = sqlite_settings(tmp_path, retention_days=RETENTION_DAYS)
    upgrade(settings.database_url)
    created = Runtime.create(settings)
    created.clock = lambda: NOW
    yield created
    created.engine.dispose()


def add_message(session: Session, key: str, status: OutboxStatus, sent_at: datetime) -> None:
    """An outbox row in `status` with `sent_at` (arranged directly: the dispatcher stamps the real time)."""
    enqueue(session, dedupe_key=key, activity={"type": "message", "text": key}, user_aad_id="p06", now=OLD)
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.dedupe_key) == key)
        .values(status=status.value, sent_at=sent_at, created_at=OLD)
    )


def arrange_history(runtime: Runtime) -> None:
    """Questions, ratings and sent messages on both sides of the retention limit, and old unsent messages.

    The unsent rows carry an old timestamp too, so only their status keeps them.
    """
    with session_scope(runtime.engine) as session:
        for day, label in ((OLD.date(), "old"), (YOUNG.date(), "young")):
            record_unanswered(session, f"hvad med {label} spørgsmål", day)
            record_rating(session, f"entry-{label}", True, day)
        add_message(session, "sent-old", OutboxStatus.SENT, OLD)
        add_message(session, "sent-young", OutboxStatus.SENT, YOUNG)
        add_message(session, "pending-old", OutboxStatus.PENDING, OLD)
        add_message(session, "sending-old", OutboxStatus.SENDING, OLD)
        add_message(session, "failed-old", OutboxStatus.FAILED, OLD)


def remaining(runtime: Runtime) -> tuple[set[str], set[date], set[date]]:
    """Outbox keys whose content is still there, days with unanswered questions, days with ratings."""
    with session_scope(runtime.engine) as session:
        keys = {row.dedupe_key for row in session.exec(select(OutboxMessage)) if row.activity != REDACTED}
        asked = set(session.exec(select(col(UnansweredQuestion.asked_on))))
        rated = set(session.exec(select(col(AnswerRating.rated_on))))
    return keys, asked, rated


def test_redact_sent_empties_only_old_sent_messages_and_keeps_their_dedupe_keys(runtime: Runtime) -> None:
    arrange_history(runtime)
    with session_scope(runtime.engine) as session:
        redacted = redact_sent(session, NOW - timedelta(days=RETENTION_DAYS))
    keys, _asked, _rated = remaining(runtime)
    assert redacted == 1
    assert keys == {"sent-young", "pending-old", "sending-old", "failed-old"}
    with session_scope(runtime.engine) as session:
        # The emptied row stays, so its dedupe key still stops a second send of the same reminder stage.
        assert not enqueue(
            session, dedupe_key="sent-old", activity={"type": "message", "text": "igen"}, conversation_id="c", now=NOW
        )


async def test_daily_retention_job_purges_old_questions_ratings_and_sent_messages(runtime: Runtime) -> None:
    arrange_history(runtime)
    result = await Scheduler(runtime).retention()
    assert result is not None
    assert (result.knowledge, result.outbox) == (2, 1)
    keys, asked, rated = remaining(runtime)
    assert keys == {"sent-young", "pending-old", "sending-old", "failed-old"}
    assert asked == {YOUNG.date()}
    assert rated == {YOUNG.date()}


async def test_retention_job_run_again_the_same_day_deletes_nothing_more(runtime: Runtime) -> None:
    arrange_history(runtime)
    scheduler = Scheduler(runtime)
    await scheduler.retention()
    again = await scheduler.retention()
    assert again is not None
    assert (again.knowledge, again.outbox) == (0, 0)


async def test_scheduler_registers_the_daily_retention_job_beside_the_evaluation(runtime: Runtime) -> None:
    scheduler = Scheduler(runtime)
    await scheduler.start()
    try:
        assert scheduler._scheduler is not None
        job = scheduler._scheduler.get_job("retention")
        assert job is not None
        assert job.func == scheduler.retention
        assert job.trigger.interval == timedelta(days=1)
        assert scheduler._scheduler.get_job("evaluate") is not None
    finally:
        await scheduler.stop()
