"""A crash during dispatch: `medbot serve` is killed (SIGKILL) while messages are in flight and started again."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot import clock
from bot.outbox import DispatchOptions
from dialogs.base import Reply, activity_json
from storage import outbox
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.outbox import OutboxMessage
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.processes import start_serve

pytestmark = pytest.mark.slow

CONVERSATIONS = 20
PER_CONVERSATION = 3


def rows(database_url: str) -> list[OutboxMessage]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.exec(select(OutboxMessage)))
    finally:
        engine.dispose()


async def test_killed_service_delivers_every_row_after_restart_and_repeats_only_rows_that_were_in_flight(
    tmp_path: Path, connector: FakeConnector
) -> None:
    database_url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        for c in range(CONVERSATIONS):
            conversation_id = f"a:crash-{c}"
            session.add(
                Conversation(
                    id=conversation_id,
                    kind="personal",
                    service_url=connector.url,
                    tenant_id=activities.TENANT,
                    updated_at=clock.now(),
                )
            )
            for n in range(PER_CONVERSATION):
                outbox.enqueue(
                    session,
                    dedupe_key=f"crash:{c}:{n}",
                    activity=activity_json(Reply(text=f"crash:{c}:{n}")),
                    conversation_id=conversation_id,
                    tenant_id=activities.TENANT,
                    now=clock.now(),
                )
    engine.dispose()
    total = CONVERSATIONS * PER_CONVERSATION
    connector.delay = 0.2

    first = await start_serve(database_url, tmp_path / "first.log")
    await connector.wait_for(10, within=60)
    await first.kill()
    at_kill = rows(database_url)
    second = await start_serve(database_url, tmp_path / "second.log")
    try:
        for _ in range(600):
            if Counter(row.status for row in rows(database_url))["sent"] == total:
                break
            await asyncio.sleep(0.1)
    finally:
        await second.stop()
    for _ in range(100):  # requests the killed process made may still be inside the slow fake connector
        if connector.calls == len(connector.recorded):
            break
        await asyncio.sleep(0.1)

    in_flight = {row.dedupe_key for row in at_kill if row.status == "sending"}
    received = Counter(message.text for message in connector.messages())
    repeated = {key for key, count in received.items() if count > 1}
    assert 0 < sum(row.status == "sent" for row in at_kill) < total, "the kill did not come mid-dispatch"
    assert 0 < len(in_flight) <= DispatchOptions().in_flight
    assert set(received) == {row.dedupe_key for row in at_kill}
    assert repeated <= in_flight
    assert all(count <= 2 for count in received.values())
    assert Counter(row.status for row in rows(database_url)) == Counter({"sent": total})
