"""What a running medbot process holds: settings, the database engine, the knowledge base, the clock, and the
anonymous counts waiting to be written (bot/anonymous.py).

`run_dialog` is the one place where a dialog runs: inside one database transaction, so its state change and
the outbox rows it writes are stored together or not at all; once they are committed, `outbox_written` wakes the
service's dispatcher. The service and `medbot chat` both use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.anonymous import AnonymousCounts
from bot.clock import Clock
from bot.clock import now as wall_clock
from bot.config import Settings
from bot.exports import ExportLinks
from bot.knowledge_holder import KnowledgeHolder
from dialogs import escalations, feedback
from dialogs.base import Actor, Request, Response, Turn
from dialogs.roles import resolve_actor
from dialogs.router import route_action, route_message
from storage import outbox
from storage.db import make_engine, session_scope
from storage.outbox import OutboxMessage

log = logging.getLogger(__name__)


def _no_dispatcher() -> None:
    """`medbot chat` and the tests without a server run no dispatcher: nobody to wake."""


@dataclass
class Runtime:
    """Long-lived services of one process."""

    settings: Settings
    engine: Engine
    knowledge: KnowledgeHolder
    clock: Clock = wall_clock
    # Called after a commit that added outbox rows; the service sets it to its dispatcher's wake (bot/service.py).
    outbox_written: Callable[[], None] = _no_dispatcher
    anonymous: AnonymousCounts = field(init=False)
    # What the outbox dispatcher tells when a row fails for good, by dedupe-key prefix (bot/outbox/dispatcher.py).
    final_failure_hooks: dict[str, Callable[[Session, OutboxMessage, str, datetime], object]] = field(init=False)
    # Signs the download links of "Hent som Excel" / "Hent som CSV" and checks them when opened (bot/exports.py).
    exports: ExportLinks = field(init=False)

    def __post_init__(self) -> None:
        """The process's one buffer of anonymous counts, written to this runtime's database; the failure hooks."""
        self.anonymous = AnonymousCounts(self.engine)
        self.exports = ExportLinks.for_settings(self.settings)
        self.final_failure_hooks = {"item:": self._item_not_delivered, "escalation:": escalations.delivery_failed}

    def _item_not_delivered(self, session: Session, row: OutboxMessage, error: str, now: datetime) -> bool:
        """An item's form could not be delivered to a committee: its sender gets a card (dialogs.feedback)."""
        return feedback.delivery_failed(session, row, error, now, self.tz)

    @classmethod
    def create(cls, settings: Settings, clock: Clock = wall_clock, engine: Engine | None = None) -> Runtime:
        """Knowledge for these settings on `engine`, else on a new engine (migrations are applied by the caller)."""
        if engine is None:
            engine = make_engine(settings.database_url)
        knowledge = KnowledgeHolder(settings.knowledge_dir, engine, clock=clock)
        return cls(settings=settings, engine=engine, knowledge=knowledge, clock=clock)

    @property
    def tz(self) -> ZoneInfo:
        """The municipality's time zone."""
        return ZoneInfo(self.settings.timezone)

    def run_dialog(self, build: Callable[[Actor, datetime], Request], aad_object_id: str, name: str) -> Response:
        """Resolve the actor, route the request and commit, all in one transaction.

        The dispatcher is woken only once the outbox rows a dialog wrote are committed; a rollback wakes nobody.
        """
        with session_scope(self.engine) as session:
            actor = resolve_actor(session, aad_object_id, name, self.settings.admins)
            request = build(actor, self.clock())
            turn = Turn(
                session=session,
                knowledge=self.knowledge,
                tz=self.tz,
                anonymous=self.anonymous,
                config_dir=self.settings.config_dir,
                escalation_inbox=self.settings.escalation_channel,
                retention_days=self.settings.retention_days,
                export_link=self.exports.link,
            )
            response = route_action(request, turn) if request.action else route_message(request, turn)
            written = outbox.added_rows(session)
        if written:
            self.outbox_written()
        return response
