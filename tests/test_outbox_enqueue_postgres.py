"""Enqueue says truthfully whether it added a message, on PostgreSQL as on SQLite (counts in reports rely on it)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import make_engine, normalise_url, session_scope, upgrade
from storage.outbox import enqueue

pytestmark = pytest.mark.postgres


@pytest.fixture
def fresh_pg(pg_url: str) -> Iterator[str]:
    """A database of this test's own on the shared server, dropped afterwards."""
    name = f"medbot_enqueue_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(pg_url)).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_enqueue_reports_a_second_message_with_the_same_key_as_not_added(fresh_pg: str) -> None:
    upgrade(fresh_pg)
    engine = make_engine(fresh_pg)
    activity = {"type": "message", "text": "Påmindelse"}
    with session_scope(engine) as session:
        first = enqueue(session, dedupe_key="reminder:x:y:2026-12-01:due", activity=activity, conversation_id="c1")
    with session_scope(engine) as session:
        second = enqueue(session, dedupe_key="reminder:x:y:2026-12-01:due", activity=activity, conversation_id="c1")
    engine.dispose()
    assert (first, second) == (True, False)
