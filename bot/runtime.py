"""What a running medbot process holds: settings, the database engine, the knowledge base, the clock, and the
anonymous counts waiting to be written (bot/anonymous.py).

`run_dialog` is the one place where a dialog runs: inside one database transaction, so its state change and
the outbox rows it writes are stored together or not at all. The service and `medbot chat` both use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from bot.anonymous import AnonymousCounts
from bot.clock import Clock
from bot.clock import now as wall_clock
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
    clock: Clock = wall_clock
    anonymous: AnonymousCounts = field(init=False)

    def __post_init__(self) -> None:
        """The process's one buffer of anonymous counts, written to this runtime's database."""
        self.anonymous = AnonymousCounts(self.engine)

    @classmethod
    def create(cls, settings: Settings, clock: Clock = wall_clock) -> Runtime:
        """Engine and knowledge for these settings (migrations are applied by the caller)."""
        engine = make_engine(settings.database_url)
        knowledge = KnowledgeHolder(settings.knowledge_dir, engine, clock=clock)
        return cls(settings=settings, engine=engine, knowledge=knowledge, clock=clock)

    @property
    def tz(self) -> ZoneInfo:
        """The municipality's time zone."""
        return ZoneInfo(self.settings.timezone)

    def run_dialog(self, build: Callable[[Actor, datetime], Request], aad_object_id: str, name: str) -> Response:
        """Resolve the actor, route the request and commit, all in one transaction."""
        with session_scope(self.engine) as session:
            actor = resolve_actor(session, aad_object_id, name, self.settings.admins)
            request = build(actor, self.clock())
            turn = Turn(
                session=session,
                knowledge=self.knowledge,
                tz=self.tz,
                anonymous=self.anonymous,
                config_dir=self.settings.config_dir,
            )
            if request.action:
                return route_action(request, turn)
            return route_message(request, turn)
