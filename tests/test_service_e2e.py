"""End to end: the real server on loopback, Teams-shaped activities in, replies recorded at the fake connector."""

from __future__ import annotations

from sqlmodel import Session

from storage.conversations import Conversation
from tests.conftest import OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.service import RunningBot


async def test_install_in_personal_chat_welcomes_in_danish_and_stores_the_reference(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.personal(connector.url, OES_SECRETARY)
    response = await medbot.post(activities.installed(envelope))
    assert response.status == 200
    [welcome] = connector.messages()
    assert welcome.card is not None and "MED-assistenten" in str(welcome.card)
    with Session(medbot.runtime.engine) as session:
        stored = session.get(Conversation, envelope["conversation"]["id"])
    assert stored is not None and stored.kind == "personal" and stored.user_aad_id == OES_SECRETARY
    assert stored.service_url == connector.url and stored.tenant_id == activities.TENANT


async def test_help_in_a_channel_with_mention_answers_in_the_thread(
    medbot: RunningBot, connector: FakeConnector
) -> None:
    envelope = activities.channel(connector.url, OES_SECRETARY)
    response = await medbot.post(activities.message(envelope, "hjælp", mention=True))
    assert response.status == 200
    [reply] = connector.messages()
    assert reply.kind == "reply"
    assert "Det kan jeg hjælpe med" in str(reply.card)


async def test_healthz_reports_database(medbot: RunningBot) -> None:
    response = await medbot.http.get(f"{medbot.url}/healthz")
    body = await response.json()
    assert body["database"] == "ok"
