"""End to end: medbot running for real sends what the outbox holds, to the fake connector, exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable

from sqlmodel import Session, select

from bot import clock
from dialogs.base import Reply, activity_json
from storage import outbox
from storage.conversations import Conversation, personal_for
from storage.db import session_scope
from storage.outbox import OutboxMessage
from tests.conftest import KOMMUNEMED_SECRETARY, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot


async def install(medbot: RunningBot, envelope: dict[str, object]) -> None:
    """Teams installs the app: the bot stores the reference (and welcomes, which the tests ignore)."""
    response = await medbot.post(activities.installed(envelope))
    assert response.status == 200


def enqueue(medbot: RunningBot, key: str, text: str, **recipient: str) -> None:
    with session_scope(medbot.runtime.engine) as session:
        outbox.enqueue(
            session,
            dedupe_key=key,
            activity=activity_json(Reply(text=text)),
            tenant_id=activities.TENANT,
            now=clock.now(),
            **recipient,  # type: ignore[arg-type]
        )


def statuses(medbot: RunningBot) -> Counter[str]:
    with Session(medbot.runtime.engine) as session:
        return Counter(row.status for row in session.exec(select(OutboxMessage)))


async def eventually(condition: Callable[[], bool], within: float = 10.0) -> bool:
    """Poll until `condition` holds (rows are marked just after the connector answered)."""
    for _ in range(int(within / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_rows_written_while_the_service_runs_reach_each_conversation_exactly_once_and_in_order(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    people = [KOMMUNEMED_SECRETARY, OES_SECRETARY]
    envelopes = [activities.personal(connector.url, person) for person in people]
    for envelope in envelopes:
        await install(medbot, envelope)
    welcomes = len(connector.messages())
    for n in range(10):
        for envelope in envelopes:
            conversation_id = envelope["conversation"]["id"]
            enqueue(medbot, f"test:{conversation_id}:{n}", f"besked {n}", conversation_id=conversation_id)
    enqueue(medbot, f"test:{envelopes[0]['conversation']['id']}:0", "dublet", conversation_id="ignored")

    await connector.wait_for(welcomes + 20, within=30)

    for envelope in envelopes:
        received = [m.text for m in connector.messages(envelope["conversation"]["id"])][1:]
        assert received == [f"besked {n}" for n in range(10)]
    assert all(m.kind == "send" for m in connector.messages()[welcomes:])
    assert await eventually(lambda: statuses(medbot) == Counter({"sent": 20}))


async def test_message_to_a_secretary_without_a_chat_opens_one_and_the_next_message_continues_it(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    await install(medbot, activities.channel(connector.url, KOMMUNEMED_SECRETARY))
    welcomes = len(connector.messages())

    enqueue(medbot, "reminder:sick:oes:1", "Første påmindelse", user_aad_id=OES_SECRETARY)
    [first] = (await connector.wait_for(welcomes + 1))[welcomes:]
    enqueue(medbot, "reminder:sick:oes:2", "Anden påmindelse", user_aad_id=OES_SECRETARY)
    [_, second] = (await connector.wait_for(welcomes + 2))[welcomes:]

    assert await eventually(lambda: statuses(medbot) == Counter({"sent": 2}))
    [created] = [r for r in connector.recorded if r.kind == "create-empty"]
    assert created.activity["members"][0]["id"] == OES_SECRETARY
    assert created.activity["channelData"]["tenant"]["id"] == activities.TENANT
    assert first.conversation_id == second.conversation_id == created.conversation_id
    assert (first.kind, first.text, second.text) == ("send", "Første påmindelse", "Anden påmindelse")
    with Session(medbot.runtime.engine) as session:
        remembered = personal_for(session, OES_SECRETARY)
        sent = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()  # type: ignore[arg-type]
    assert isinstance(remembered, Conversation) and remembered.id == created.conversation_id
    assert [row.sent_conversation_id for row in sent] == [created.conversation_id] * 2
