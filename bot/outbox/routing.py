"""Where an outbox row goes: a stored Bot Framework conversation, or a new 1:1 chat opened from the tenant.

A committee's `storage.addresses.Address` (channel or secretary) is what a dialog chose; by the time a row reaches
the dispatcher it names a conversation id or a person, and this module finds the conversation to send into.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage import conversations
from storage.conversations import Conversation
from storage.outbox import OutboxMessage


@dataclass(frozen=True)
class Destination:
    """A stored conversation to continue, or a tenant conversation whose service URL opens a new 1:1 chat.

    `lane` keys the conversation's pacing and send order (`user:<aad id>` until the 1:1 chat exists).
    """

    lane: str
    tenant: str
    conversation: Conversation | None = None
    opener: Conversation | None = None
    problem: str = ""


def resolve(session: Session, row: OutboxMessage, fallback_tenant: str = "") -> Destination:
    """Find where a row goes; `problem` says why it cannot go anywhere (no retry helps with that)."""
    if row.conversation_id:
        stored = session.get(Conversation, row.conversation_id)
        if stored is None:
            return Destination(row.conversation_id, row.tenant_id, problem="the conversation is not known to the bot")
        if not stored.installed:
            return Destination(stored.id, stored.tenant_id, problem="the app was removed from the conversation")
        return Destination(stored.id, stored.tenant_id or row.tenant_id, conversation=stored)
    personal = conversations.personal_for(session, row.user_aad_id)
    if personal is not None:
        return Destination(personal.id, personal.tenant_id or row.tenant_id, conversation=personal)
    tenant = (row.tenant_id or fallback_tenant).lower()
    opener = conversations.any_for_tenant(session, tenant) if tenant else None
    lane = f"user:{row.user_aad_id}"
    if opener is None:
        return Destination(lane, tenant, problem="no conversation in the tenant to open a 1:1 chat from")
    return Destination(lane, tenant, opener=opener)


def remember_personal(engine: Engine, conversation: Conversation, now: datetime) -> None:
    """Store a 1:1 chat the bot opened, so the next message to that person continues it."""
    with Session(engine) as session:
        conversations.upsert(session, conversation, now)
        session.commit()
