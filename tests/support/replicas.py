"""Replicas delivering a batch to one tenant: the set-up the multi-replica tests and benchmarks share.

Conversations are stored, `replicas` real `medbot serve` processes start on the database, the messages are
enqueued in one transaction (so no replica sees part of them), and the run waits until the connector has every
message and every row is marked sent.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot import clock
from dialogs.base import Reply, activity_json
from storage import outbox
from storage.conversations import Conversation
from storage.db import session_scope
from storage.outbox import OutboxMessage
from tests.support.fake_connector import FakeConnector
from tests.support.processes import ServeProcess, start_serve


def add_conversations(engine: Engine, connector: FakeConnector, prefix: str, count: int, tenant: str) -> None:
    """Store 1:1 conversations `a:<prefix>-0` … in `tenant`, served by the connector."""
    with session_scope(engine) as session:
        session.add_all(
            Conversation(
                id=f"a:{prefix}-{n}",
                kind="personal",
                service_url=connector.url,
                tenant_id=tenant,
                updated_at=clock.now(),
            )
            for n in range(count)
        )


def enqueue_batch(engine: Engine, prefix: str, messages: int, conversations: int, tenant: str) -> None:
    """Enqueue messages with the text (and dedupe key) `<prefix>:<n>`, round robin over the conversations."""
    with session_scope(engine) as session:
        for n in range(messages):
            outbox.enqueue(
                session,
                dedupe_key=f"{prefix}:{n}",
                activity=activity_json(Reply(text=f"{prefix}:{n}")),
                conversation_id=f"a:{prefix}-{n % conversations}",
                tenant_id=tenant,
                now=clock.now(),
            )


def sent_count(engine: Engine, prefix: str) -> int:
    """Rows of one batch marked sent."""
    with Session(engine) as session:
        statement = (
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == "sent", OutboxMessage.dedupe_key.startswith(f"{prefix}:"))
        )
        return int(session.exec(statement).one())


async def wait_until_sent(engine: Engine, connector: FakeConnector, prefix: str, messages: int, within: float) -> None:
    """Wait for the connector to receive `messages` and for the rows to be marked sent (a mark follows its send)."""
    await connector.wait_for(messages, within=within)
    for _ in range(300):
        if sent_count(engine, prefix) == messages:
            return
        await asyncio.sleep(0.1)


async def deliver(
    database_url: str,
    engine: Engine,
    connector: FakeConnector,
    logs: Path,
    *,
    replicas: int,
    prefix: str,
    messages: int,
    conversations: int,
    tenant: str,
    within: float = 120.0,
) -> float:
    """Store the conversations, start the replicas, enqueue the batch, wait until it is sent, stop the replicas
    a second later (a late duplicate would arrive then); returns the seconds from the enqueue until all was sent."""
    add_conversations(engine, connector, prefix, conversations, tenant)
    started = await asyncio.gather(
        *(start_serve(database_url, logs / f"{prefix}-replica-{n}.log") for n in range(replicas)),
        return_exceptions=True,
    )
    running = [process for process in started if isinstance(process, ServeProcess)]
    try:
        if len(running) != replicas:
            raise RuntimeError(f"a replica did not start: {started}")
        began = time.monotonic()
        enqueue_batch(engine, prefix, messages, conversations, tenant)
        await wait_until_sent(engine, connector, prefix, messages, within)
        seconds = time.monotonic() - began
        await asyncio.sleep(1.0)
        return seconds
    finally:
        await asyncio.gather(*(process.stop() for process in running))
