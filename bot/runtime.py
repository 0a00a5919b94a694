"""What a running medbot process holds: settings, the database engine, the knowledge base, the clock.

`run_dialog` is the one place where a dialog runs: inside one database transaction, so its state change and
the outbox rows it writes are stored together or not at all. The service and `medbot chat` both use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.knowledge_holder import KnowledgeHolder
from dialogs.base import Actor, Request, Response, Turn
from dialogs.roles import resolve_actor
from dialogs.router import route_action, route_message
from storage.db import make_engine, session_scope

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """Long-lived services of one process."""

    settings: Settings
    engine: Engine
    knowledge: KnowledgeHolder
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @classmethod
    def create(cls, settings: Settings) -> Runtime:
        """Engine and knowledge for these settings (migrations are applied by the caller)."""
        engine = make_engine(settings.database_url)
        return cls(settings=settings, engine=engine, knowledge=KnowledgeHolder(settings.knowledge_dir, engine))

    @property
    def tz(self) -> ZoneInfo:
        """The municipality's time zone."""
        return ZoneInfo(self.settings.timezone)

    def run_dialog(self, build: Callable[[Actor, datetime], Request], aad_object_id: str, name: str) -> Response:
        """Resolve the actor, route the request and commit, all in one transaction."""
        with session_scope(self.engine) as session:
            actor = resolve_actor(session, aad_object_id, name, self.settings.admins)
            request = build(actor, self.clock())
            turn = Turn(session=session, knowledge=self.knowledge, tz=self.tz, config_dir=self.settings.config_dir)
            if request.action:
                return route_action(request, turn)
            return route_message(request, turn)
