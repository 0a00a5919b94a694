"""Translation between Bot Framework activities and the plain types of dialogs and storage."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.schema import Activity, ConversationAccount, ConversationReference

from dialogs.base import Actor, Reply, Request
from dialogs.hygiene import clean_payload, clean_text
from storage.conversations import Conversation

_AT_TAG = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^>]+>")


def tenant_of(activity: Activity) -> str:
    """The Entra tenant: Teams puts it in channelData.tenant and (usually) conversation.tenantId."""
    channel_data = activity.channel_data if isinstance(activity.channel_data, Mapping) else {}
    tenant = channel_data.get("tenant") if isinstance(channel_data.get("tenant"), Mapping) else {}
    from_data = str(tenant.get("id") or "") if tenant else ""
    conversation = activity.conversation
    return (from_data or str(getattr(conversation, "tenant_id", "") or "")).lower()


def conversation_kind(activity: Activity) -> str:
    """personal | channel | groupChat, as Teams names them."""
    conversation = activity.conversation
    kind = str(getattr(conversation, "conversation_type", "") or "")
    if kind in ("personal", "channel", "groupChat"):
        return kind
    return "groupChat" if getattr(conversation, "is_group", False) else "personal"


def message_text(activity: Activity) -> str:
    """The typed text without the bot's @mention, Teams' HTML wrapping or characters no stored text may hold."""
    text = activity.text or ""
    if activity.recipient and activity.recipient.id and activity.entities:
        try:
            text = TurnContext.remove_recipient_mention(activity) or ""
        except (KeyError, TypeError, AttributeError):
            text = activity.text or ""
    text = _AT_TAG.sub(" ", text)
    text = _HTML_TAG.sub(" ", text).replace("&nbsp;", " ")
    return " ".join(clean_text(text).split())


def conversation_row(activity: Activity) -> Conversation:
    """The reference we store so the bot can write here later (personal, channel or group chat)."""
    kind = conversation_kind(activity)
    channel_data = activity.channel_data if isinstance(activity.channel_data, Mapping) else {}
    team = channel_data.get("team") if isinstance(channel_data.get("team"), Mapping) else {}
    sender = activity.from_property
    return Conversation(
        id=str(activity.conversation.id),
        kind=kind,
        service_url=str(activity.service_url or ""),
        tenant_id=tenant_of(activity),
        channel_id=str(activity.channel_id or "msteams"),
        bot_id=str(activity.recipient.id if activity.recipient else ""),
        team_id=str(team.get("id") or "") if team else "",
        user_id=str(sender.id or "") if sender and kind == "personal" else "",
        user_aad_id=str(sender.aad_object_id or "").lower() if sender and kind == "personal" else "",
    )


def reference_for(row: Conversation) -> ConversationReference:
    """A ConversationReference rebuilt from a stored row, for continue_conversation.

    A channel reference is stored as Teams sent it, with the thread (`;messageid=…`) of the message it came
    from; a proactive post to the committee's channel starts a new thread instead of hiding in an old one.
    """
    conversation_id = row.id.split(";messageid=")[0] if row.kind == "channel" else row.id
    return ConversationReference(
        channel_id=row.channel_id,
        service_url=row.service_url,
        conversation=ConversationAccount(
            id=conversation_id,
            conversation_type=row.kind,
            tenant_id=row.tenant_id or None,
            is_group=row.kind != "personal",
        ),
        bot={"id": row.bot_id} if row.bot_id else None,
        user={"id": row.user_id} if row.user_id else None,
    )


def request_builder(
    activity: Activity, *, text: str = "", action: str = "", data: Mapping[str, Any] | None = None
) -> Callable[[Actor, datetime], Request]:
    """A function that makes the dialog request once the actor and the time are known.

    The card data is cleaned here, at the edge, like the message text: every dialog then reads ids and text
    that both SQLite and PostgreSQL accept.
    """

    def build(actor: Actor, now: datetime) -> Request:
        return Request(
            actor=actor,
            conversation_id=str(activity.conversation.id),
            conversation_kind=conversation_kind(activity),
            tenant_id=tenant_of(activity),
            now=now,
            text=text,
            action=action,
            data=clean_payload(dict(data or {})),
            reply_to_id=str(activity.reply_to_id or "") if action else "",
        )

    return build


def reply_activity(reply: Reply) -> Activity:
    """A message activity for a dialog reply: an Adaptive Card attachment with a text fallback, or text."""
    if reply.card is not None:
        message = MessageFactory.attachment(CardFactory.adaptive_card(reply.card))
        if reply.text:
            message.summary = reply.text
        return message
    return MessageFactory.text(reply.text)
