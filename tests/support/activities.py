"""Teams-shaped activities, as Teams would post them to /api/messages."""

from __future__ import annotations

import itertools
from typing import Any

from tests.support import question_log

BOT_ID = "28:medbot-test"
BOT_NAME = "MED-assistenten"
TENANT = "tenant-1"
_ids = itertools.count(1)


def _base(service_url: str, conversation: dict[str, Any], user_aad: str, user_name: str, tenant: str) -> dict[str, Any]:
    return {
        "id": f"in-{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "timestamp": "2026-11-23T09:00:00.000Z",
        "from": {"id": f"29:{user_aad}", "name": user_name, "aadObjectId": user_aad},
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "conversation": {**conversation, "tenantId": tenant},
        "channelData": {"tenant": {"id": tenant}},
        "locale": "da-DK",
    }


def personal(
    service_url: str, user_aad: str, *, user_name: str = "Test Bruger", tenant: str = TENANT
) -> dict[str, Any]:
    """The envelope of a 1:1 chat with the bot."""
    return _base(
        service_url,
        {"id": f"a:personal-{user_aad}", "conversationType": "personal"},
        user_aad,
        user_name,
        tenant,
    )


def channel(
    service_url: str,
    user_aad: str,
    *,
    team: str = "19:team-1@thread.tacv2",
    channel_id: str = "19:channel-1@thread.tacv2",
    user_name: str = "Test Bruger",
    tenant: str = TENANT,
) -> dict[str, Any]:
    """The envelope of a channel conversation in a team."""
    activity = _base(
        service_url,
        {"id": f"{channel_id};messageid=1", "conversationType": "channel", "isGroup": True},
        user_aad,
        user_name,
        tenant,
    )
    activity["channelData"] = {"tenant": {"id": tenant}, "team": {"id": team}, "channel": {"id": channel_id}}
    return activity


def message(envelope: dict[str, Any], text: str, *, mention: bool = False) -> dict[str, Any]:
    """A typed message; in channels Teams wraps the bot's name in <at>…</at> and adds a mention entity."""
    question_log.note(text)
    activity = {**envelope, "id": f"in-{next(_ids)}", "type": "message", "text": text}
    if mention:
        activity["text"] = f"<at>{BOT_NAME}</at> {text}"
        activity["entities"] = [
            {"type": "mention", "text": f"<at>{BOT_NAME}</at>", "mentioned": {"id": BOT_ID, "name": BOT_NAME}}
        ]
    return activity


def card_action(envelope: dict[str, Any], data: dict[str, Any], *, reply_to: str = "act-1") -> dict[str, Any]:
    """An Action.Execute click: an `adaptiveCard/action` invoke carrying the card's data."""
    return {
        **envelope,
        "id": f"in-{next(_ids)}",
        "type": "invoke",
        "name": "adaptiveCard/action",
        "replyToId": reply_to,
        "value": {"action": {"type": "Action.Execute", "verb": data.get("medbot", ""), "data": data}},
    }


def installed(envelope: dict[str, Any]) -> dict[str, Any]:
    """The app was installed in this conversation."""
    return {**envelope, "id": f"in-{next(_ids)}", "type": "installationUpdate", "action": "add"}
