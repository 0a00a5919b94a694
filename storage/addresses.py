"""Where a message to a committee goes: one type for feedback cards and reminders alike.

A committee is reached in its linked Teams channel or in its secretary's 1:1 chat with the bot; which comes first
is each capability's policy (feedback prefers the channel, reminders the secretary). The outbox turns an address
into a Bot Framework conversation.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Via(enum.StrEnum):
    """How a committee is reached: its linked channel, its secretary's 1:1 chat, or not at all (no one to ask)."""

    CHANNEL = "channel"
    SECRETARY = "secretary"
    NONE = "none"


@dataclass(frozen=True)
class Address:
    """One committee destination: a channel conversation, or a secretary by Entra object id, in a tenant."""

    via: Via
    tenant_id: str = ""
    conversation_id: str | None = None
    user_aad_id: str = ""

    @classmethod
    def channel(cls, conversation_id: str, tenant_id: str) -> Address:
        """The committee's linked channel."""
        return cls(Via.CHANNEL, tenant_id=tenant_id, conversation_id=conversation_id)

    @classmethod
    def secretary(cls, aad_object_id: str, tenant_id: str) -> Address:
        """A secretary's 1:1 chat, found (or created) by the outbox from the Entra object id."""
        return cls(Via.SECRETARY, tenant_id=tenant_id, user_aad_id=aad_object_id.lower())


NOWHERE = Address(Via.NONE)
