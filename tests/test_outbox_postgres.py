"""Two medbot replicas on one PostgreSQL database share the outbox: SKIP LOCKED claims, nothing sent twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot import clock
from dialogs.base import Reply, activity_json
from storage import outbox
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.outbox import OutboxMessage
from tests.support import activities
from tests.support.fake_connector import FakeConnector, throttle_first_try_of_every
from tests.support.processes import ServeProcess, start_serve

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


def sent_count(engine: Engine) -> int:
    with Session(engine) as session:
        statement = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "sent")
        return int(session.exec(statement).one())


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
    with session_scope(engine) as session:
        session.add_all(
            Conversation(
                id=f"a:fan-{n}",
                kind="personal",
                service_url=connector.url,
                tenant_id=activities.TENANT,
                updated_at=clock.now(),
            )
            for n in range(MESSAGES)
        )
    started = await asyncio.gather(
        *(start_serve(database, tmp_path / f"replica-{n}.log") for n in range(2)), return_exceptions=True
    )
    replicas = [replica for replica in started if isinstance(replica, ServeProcess)]
    try:
        assert len(replicas) == 2, f"a replica did not start: {started}"
        with session_scope(engine) as session:
            for n in range(MESSAGES):
                outbox.enqueue(
                    session,
                    dedupe_key=f"fan:{n}",
                    activity=activity_json(Reply(text=f"fan:{n}")),
                    conversation_id=f"a:fan-{n}",
                    tenant_id=activities.TENANT,
                    now=clock.now(),
                )
        await connector.wait_for(MESSAGES, within=120)
        for _ in range(300):
            if sent_count(engine) == MESSAGES:
                break
            await asyncio.sleep(0.1)
    finally:
        await asyncio.gather(*(replica.stop() for replica in replicas))

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
