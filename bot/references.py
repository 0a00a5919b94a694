"""Botbuilder middleware that keeps every conversation's stored reference current, before any routing.

The outbox can only write where a reference is stored, so every turn records (or refreshes) its conversation, and
removing the app marks it uninstalled. Handlers then only route. An unchanged reference is recognised in memory on
the event loop; only a new or changed one costs a thread hop and a database write.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from botbuilder.core import Middleware, TurnContext
from botbuilder.schema import Activity, ActivityEventNames, ActivityTypes

from bot.activities import conversation_row
from bot.runtime import Runtime
from storage import conversations
from storage.db import session_scope

# Conversations whose stored reference this process remembers having checked. Past this many the least recently
# active one is forgotten (its next turn costs one upsert), so memory stays flat however many people write.
KNOWN_CONVERSATIONS = 4096


class ConversationReferences(Middleware):
    """Stores the reference of every conversation the bot hears from; forgets it when the app is removed."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._known: OrderedDict[str, tuple[str | None, ...]] = OrderedDict()

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable[None]]) -> None:
        """Record first, so a dialog that answers proactively finds its own conversation; then run the turn."""
        activity = context.activity
        if _from_teams(activity) and activity.conversation and activity.conversation.id and activity.service_url:
            if activity.type == ActivityTypes.installation_update and activity.action in ("remove", "remove-upgrade"):
                await asyncio.to_thread(self._forget, str(activity.conversation.id))
            else:
                row = conversation_row(activity)
                fingerprint = _fingerprint(row)
                if self._known.get(row.id) != fingerprint:
                    await asyncio.to_thread(self._remember, row)
                self._recall(row.id, fingerprint)
        await logic()

    def _remember(self, row: conversations.Conversation) -> None:
        """Write a new or changed reference."""
        with session_scope(self.runtime.engine) as session:
            conversations.upsert(session, row, self.runtime.clock())

    def _recall(self, conversation_id: str, fingerprint: tuple[str | None, ...]) -> None:
        """Remember a stored reference as the most recently active; forget the least recently active past the bound."""
        self._known[conversation_id] = fingerprint
        self._known.move_to_end(conversation_id)
        while len(self._known) > KNOWN_CONVERSATIONS:
            self._known.popitem(last=False)

    def _forget(self, conversation_id: str) -> None:
        """The app was removed: stop sending proactive messages there."""
        with session_scope(self.runtime.engine) as session:
            row = session.get(conversations.Conversation, conversation_id)
            if row is not None:
                row.installed = False
                session.add(row)
        self._known.pop(conversation_id, None)


def _from_teams(activity: Activity) -> bool:
    """An activity that came in, not the outbox's own proactive turn (which carries no sender to store)."""
    return not (
        activity.type == ActivityTypes.event
        and activity.name in (ActivityEventNames.continue_conversation, ActivityEventNames.create_conversation)
    )


def _fingerprint(row: conversations.Conversation) -> tuple[str | None, ...]:
    """What makes a stored reference out of date when it changes."""
    return (row.kind, row.service_url, row.tenant_id, row.bot_id, row.team_id, row.user_id, row.user_aad_id)
