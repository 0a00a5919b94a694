"""Two medbot replicas on one PostgreSQL database share the outbox: SKIP LOCKED claims, nothing sent twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.db import make_engine, upgrade
from storage.outbox import OutboxMessage
from tests.support import activities
from tests.support.fake_connector import FakeConnector, throttle_first_try_of_every
from tests.support.replicas import deliver

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

MESSAGES = 1000


@pytest.fixture
def database(pg_database: str) -> str:
    """A fresh, migrated database of our own on the shared server."""
    upgrade(pg_database)
    return pg_database


@pytest.fixture
def engine(database: str) -> Iterator[Engine]:
    engine = make_engine(database)
    yield engine
    engine.dispose()


def retries_not_from_throttling(logs: Path) -> list[str]:
    """Retries for another reason than the injected 429 (e.g. a timeout: the in-flight case) explain a failure."""
    return [
        line
        for log in logs.glob("replica-*.log")
        for line in log.read_text().splitlines()
        if "outbox.retry" in line and "reason=HTTP 429" not in line
    ]


async def test_two_replicas_deliver_a_thousand_messages_exactly_once_while_every_tenth_is_throttled(
    database: str, engine: Engine, connector: FakeConnector, tmp_path: Path
) -> None:
    connector.fault = throttle_first_try_of_every(10, retry_after=1)
    await deliver(
        database,
        engine,
        connector,
        tmp_path,
        replicas=2,
        prefix="fan",
        messages=MESSAGES,
        conversations=MESSAGES,
        tenant=activities.TENANT,
    )

    received = Counter(message.text for message in connector.messages())
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    unexpected = retries_not_from_throttling(tmp_path)
    assert set(received) == {f"fan:{n}" for n in range(MESSAGES)}
    assert {text: count for text, count in received.items() if count > 1} == {}, unexpected
    assert connector.calls == MESSAGES + MESSAGES // 10, unexpected
    assert Counter(row.status for row in rows) == Counter({"sent": MESSAGES})
    assert Counter(row.attempts for row in rows) == Counter({1: MESSAGES - MESSAGES // 10, 2: MESSAGES // 10})
    assert len({row.claimed_by for row in rows}) == 2
