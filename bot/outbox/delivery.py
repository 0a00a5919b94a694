"""One proactive send (or in-place update) at the Bot Framework edge: the turn callback that keeps its result, and
a new 1:1 chat."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ChannelAccount, ConversationParameters

from bot.outbox.policy import Sent
from storage.conversations import Conversation


class Delivery:
    """The turn callback of a proactive send: sends one activity and keeps the result, never raises.

    botbuilder hands exceptions from a turn to the adapter's on_turn_error, which would answer the
    conversation with an error message; a failed proactive send must instead come back here to be retried.
    With `update_of` (an activity id the bot sent earlier) the activity replaces that message in place (PUT).
    """

    def __init__(
        self, activity: Activity, before_send: Callable[[TurnContext], Awaitable[None]], update_of: str = ""
    ) -> None:
        self.activity = activity
        self.before_send = before_send
        self.update_of = update_of
        self.called = False
        self.sent: Sent | None = None
        self.error: BaseException | None = None

    async def __call__(self, turn_context: TurnContext) -> None:
        """Send the activity into the turn's conversation, first waiting for `before_send`."""
        self.called = True
        # The turn's activity is a synthetic event; with its id cleared the message is a new post, not a reply.
        turn_context.activity.id = None
        try:
            await self.before_send(turn_context)
            if self.update_of:
                self.activity.id = self.update_of
                await turn_context.update_activity(self.activity)
                activity_id = self.update_of
            else:
                response = await turn_context.send_activity(self.activity)
                activity_id = str(getattr(response, "id", "") or "")
            self.sent = Sent(activity_id=activity_id, conversation_id=str(turn_context.activity.conversation.id))
        except Exception as error:
            self.error = error


def personal_chat(opener: Conversation, aad_object_id: str, tenant: str) -> ConversationParameters:
    """What asks Teams for a 1:1 chat with a person who has the app installed, as the opener's bot."""
    return ConversationParameters(
        is_group=False,
        bot=ChannelAccount(id=opener.bot_id) if opener.bot_id else None,
        members=[ChannelAccount(id=aad_object_id, aad_object_id=aad_object_id)],
        tenant_id=tenant,
        channel_data={"tenant": {"id": tenant}},
    )


def opened_chat(turn_context: TurnContext, opener: Conversation, aad_object_id: str, tenant: str) -> Conversation:
    """The 1:1 chat Teams just created, as the conversation to store for the next message to that person."""
    return Conversation(
        id=str(turn_context.activity.conversation.id),
        kind="personal",
        service_url=opener.service_url,
        tenant_id=tenant,
        channel_id=opener.channel_id,
        bot_id=opener.bot_id,
        user_aad_id=aad_object_id,
    )
