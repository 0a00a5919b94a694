"""Connector clients are built once per service URL and audience, and the unused user-token client never."""

from __future__ import annotations

from typing import Any

from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ChannelAccount
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import ClaimsIdentity, MicrosoftAppCredentials, UserTokenClient

from bot.activities import reply_activity
from bot.adapter import auth_configuration
from bot.config import Settings
from bot.connector import MedbotAuthentication, PlainJsonSerializer
from dialogs.base import Reply
from dialogs.cards import card, execute, facts, heading, text
from tests.support import activities

EMEA = "https://smba.trafficmanager.net/emea/"
AMER = "https://smba.trafficmanager.net/amer/"


class OfflineTokenClient(UserTokenClient):
    """A user-token client that answers without the token service (there is no network in tests)."""

    async def get_user_token(self, *args: Any) -> None:
        return None

    async def get_sign_in_resource(self, *args: Any) -> None:
        return None

    async def sign_out_user(self, *args: Any) -> None:
        return None

    async def get_token_status(self, *args: Any) -> list[Any]:
        return []

    async def get_aad_tokens(self, *args: Any) -> dict[str, Any]:
        return {}

    async def exchange_token(self, *args: Any) -> None:
        return None


class CountingAuthentication(ConfigurationBotFrameworkAuthentication):
    """botbuilder's configured authentication, counting the user-token clients it is asked to build."""

    user_token_clients = 0

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        self.user_token_clients += 1
        return OfflineTokenClient()


def emulator_authentication() -> tuple[MedbotAuthentication, CountingAuthentication]:
    inner = CountingAuthentication(auth_configuration(Settings()))
    return MedbotAuthentication(inner), inner


async def client_for(auth: MedbotAuthentication, service_url: str) -> ConnectorClient:
    """Authenticate a message from `service_url` and build its connector client, as CloudAdapter does."""
    activity = Activity().deserialize(activities.message(activities.personal(service_url, "u-1"), "hej"))
    result = await auth.authenticate_request(activity, None)
    return await result.connector_factory.create(service_url, result.audience)


async def test_turns_from_one_service_url_share_one_connector_client() -> None:
    auth, _ = emulator_authentication()
    first, second = await client_for(auth, EMEA), await client_for(auth, EMEA)
    other_region = await client_for(auth, AMER)
    assert first is second
    assert other_region is not first


async def test_proactive_messages_use_the_same_client_as_turns() -> None:
    auth, _ = emulator_authentication()
    from_turn = await client_for(auth, EMEA)
    factory = auth.create_connector_factory(ClaimsIdentity({}, True))
    assert await factory.create(EMEA, auth.get_originating_audience()) is from_turn


async def test_user_token_client_is_only_built_when_used() -> None:
    auth, inner = emulator_authentication()
    identity = ClaimsIdentity({}, True)
    for _ in range(3):
        await auth.create_user_token_client(identity)
    assert inner.user_token_clients == 0
    token_client = await auth.create_user_token_client(identity)
    await token_client.sign_out_user("u-1", "connection", "msteams")
    assert inner.user_token_clients == 1


async def test_a_card_reply_is_sent_exactly_as_botbuilders_own_serializer_would_send_it() -> None:
    answer = card(
        [heading("Lægebesøg"), text("Med løn, når besøget ikke kan ligge uden for arbejdstiden. 👍 æøå"), facts([])],
        [execute("Ja", "answer.rate", entry_id="laege", helpful=True)],
        fallback="Lægebesøg",
    )
    reply = reply_activity(Reply(card=answer, text="Lægebesøg"))
    reply.channel_data = {"notification": {"alert": True}, "ids": [1, 2.5, None, "x"]}
    reply.value = {"model inside": ChannelAccount(id="29:x", name="Test")}  # not plain JSON: msrest's own path
    auth, _ = emulator_authentication()
    shared = await client_for(auth, EMEA)
    botbuilders = ConnectorClient(MicrosoftAppCredentials.empty(), base_url=EMEA).conversations._serialize
    assert isinstance(shared.conversations._serialize, PlainJsonSerializer)
    ours = shared.conversations._serialize.body(reply, "Activity")
    assert ours == botbuilders.body(reply, "Activity")
    assert ours["attachments"][0]["content"]["actions"][0]["data"] == {
        "medbot": "answer.rate",
        "v": 1,
        "entry_id": "laege",
        "helpful": True,
    }
