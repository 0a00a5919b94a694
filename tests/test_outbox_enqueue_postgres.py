"""Enqueue says truthfully whether it added a message, on PostgreSQL as on SQLite (counts in reports rely on it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.db import make_engine, session_scope, upgrade
from storage.outbox import enqueue

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_enqueue_reports_a_second_message_with_the_same_key_as_not_added(pg_database: str) -> None:
    upgrade(pg_database)
    engine = make_engine(pg_database)
    activity = {"type": "message", "text": "Påmindelse"}
    with session_scope(engine) as session:
        first = enqueue(
            session, dedupe_key="reminder:x:y:2026-12-01:due", activity=activity, conversation_id="c1", now=NOW
        )
    with session_scope(engine) as session:
        second = enqueue(
            session, dedupe_key="reminder:x:y:2026-12-01:due", activity=activity, conversation_id="c1", now=NOW
        )
    engine.dispose()
    assert (first, second) == (True, False)
