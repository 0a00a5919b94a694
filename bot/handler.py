"""The Teams activity handler: it routes. Nothing else (`bot.references` has already stored the conversation).

Messages go to `dialogs.router.route_message`, card actions (Action.Execute invokes, and Action.Submit
messages from older cards) to `route_action`; an install says welcome.
Dialogs run in a worker thread, because they talk to the database synchronously.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from botbuilder.core import ActivityHandler, InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import Activity, ChannelAccount

from bot.activities import message_text, reply_activity, request_builder
from bot.logs import log_failure
from bot.runtime import Runtime
from dialogs import admin
from dialogs.base import ADAPTIVE_CARD, Reply, Response
from dialogs.hygiene import clean_text
from dialogs.texts import INTERNAL_ERROR

log = logging.getLogger(__name__)


class MedbotHandler(TeamsActivityHandler):
    """Routes Teams activities to the dialogs of `dialogs/`."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    # --- routing -------------------------------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Typed text, or an Action.Submit from a card (value carries the `medbot` payload)."""
        activity = turn_context.activity
        value = activity.value if isinstance(activity.value, Mapping) else None
        if value and value.get("medbot"):
            response = await self._run(turn_context, action=str(value.get("medbot")), data=value)
            if response.card_update is not None and activity.reply_to_id:
                updated = reply_activity_with_id(response.card_update, activity.reply_to_id)
                await turn_context.update_activity(updated)
            await self._send(turn_context, response)
            return
        text = message_text(activity)
        if not text:
            return
        response = await self._run(turn_context, text=text)
        await self._send(turn_context, response)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Action.Execute: the answer replaces the card; messages are sent as replies.

        We build the InvokeResponse ourselves: botbuilder 4.17.1 fails to serialise the message-type answer.
        """
        activity = turn_context.activity
        if activity.name != "adaptiveCard/action":
            return await super().on_invoke_activity(turn_context)
        value: Mapping[str, Any] = activity.value if isinstance(activity.value, Mapping) else {}
        action_value: Mapping[str, Any] = value["action"] if isinstance(value.get("action"), Mapping) else {}
        data: Mapping[str, Any] = action_value["data"] if isinstance(action_value.get("data"), Mapping) else {}
        name = str(data.get("medbot") or action_value.get("verb") or "")
        response = await self._run(turn_context, action=name, data=data)
        if response.card_update is not None:
            await self._send(turn_context, response)
            return invoke_card(response.card_update)
        first, rest = (response.replies[0], response.replies[1:]) if response.replies else (None, [])
        if first is not None and first.card is not None:
            await self._send(turn_context, Response(replies=rest))
            return invoke_card(first.card)
        await self._send(turn_context, Response(replies=rest))
        return invoke_message(first.text if first is not None else "")

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        """The app was added to a chat or team: say what the bot can do."""
        await self._welcome(turn_context)

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        """The emulator has no installation events: welcome when the bot joins there."""
        activity = turn_context.activity
        if activity.channel_id == "msteams":
            return
        if any(m.id == activity.recipient.id for m in members_added):
            await self._welcome(turn_context)

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        """Members joined or left, or a team or channel changed.

        botbuilder's Teams handler reads `channelData.team` without checking that channelData came at all, and
        Teams (or a client speaking for it) may leave it out: without it this is a plain conversation update.
        """
        if turn_context.activity.channel_data is None:
            await ActivityHandler.on_conversation_update_activity(self, turn_context)
            return
        await super().on_conversation_update_activity(turn_context)

    async def on_teams_members_added_dispatch(
        self, members_added: list[ChannelAccount], team_info: Any, turn_context: TurnContext
    ) -> None:
        """Nothing to do: Teams sends installationUpdate as well, and welcoming here too would greet twice.

        botbuilder's default would first look every new member up at the Bot Connector: one call per member for
        nothing, and a connector hiccup would fail the turn.
        """

    # --- helpers -------------------------------------------------------------------------------------------

    async def _welcome(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        log.info("install.welcome conversation_kind=%s", activity.conversation.conversation_type)
        await self._send(turn_context, admin.welcome())

    async def _run(
        self,
        turn_context: TurnContext,
        *,
        text: str = "",
        action: str = "",
        data: Mapping[str, Any] | None = None,
    ) -> Response:
        """Run the dialog in a thread; an unexpected error is logged with ids only and answered politely."""
        activity = turn_context.activity
        sender = activity.from_property
        build = request_builder(activity, text=text, action=action, data=data)
        try:
            return await asyncio.to_thread(self.runtime.run_dialog, build, _aad(sender), _name(sender))
        except Exception as error:
            kind = activity.conversation.conversation_type
            log_failure(log, "turn.failed action=%s conversation_kind=%s", error, action or "message", kind)
            return Response.say(INTERNAL_ERROR)

    @staticmethod
    async def _send(turn_context: TurnContext, response: Response) -> None:
        if response.replies:
            await turn_context.send_activities([reply_activity(reply) for reply in response.replies])


def _aad(account: ChannelAccount | None) -> str:
    return str(getattr(account, "aad_object_id", "") or "")


def _name(account: ChannelAccount | None) -> str:
    """The display name Teams sends; it is stored with a committee's answer, so it is cleaned like any text."""
    return clean_text(str(getattr(account, "name", "") or ""))


def invoke_card(card: dict[str, Any]) -> InvokeResponse:
    """The Universal Actions answer that replaces the clicked card."""
    return InvokeResponse(status=int(HTTPStatus.OK), body={"statusCode": 200, "type": ADAPTIVE_CARD, "value": card})


def invoke_message(text: str) -> InvokeResponse:
    """The Universal Actions answer that shows a short message and leaves the card as it was."""
    return InvokeResponse(
        status=int(HTTPStatus.OK),
        body={"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": text or "OK"},
    )


def reply_activity_with_id(card: dict[str, Any], activity_id: str) -> Activity:
    """An update of an earlier card message (Action.Submit path)."""
    updated = reply_activity(Reply(card=card))
    updated.id = activity_id
    return updated
