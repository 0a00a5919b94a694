"""The small plain request a dialog gets and the response it gives back.

Dialogs never see botbuilder: the bot layer turns an activity into a `Request`, runs the dialog inside one
database transaction (`Turn.session`), and turns the `Response` into Teams messages. Proactive messages are
outbox rows written in that same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlmodel import Session

from knowledge.index import KnowledgeBase

PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class Seat:
    """One seat a person holds: committee id, committee kind and role (secretary, chair, …)."""

    committee_id: str
    committee_kind: str
    role: str


@dataclass(frozen=True)
class Actor:
    """Who is writing, as far as the organisation registry and MEDBOT_ADMINS know them."""

    aad_object_id: str
    name: str
    person_id: str | None = None
    is_admin: bool = False
    seats: tuple[Seat, ...] = ()

    def holds(self, committee_id: str, *roles: str) -> bool:
        """True when the actor has a seat in the committee (in one of `roles`, when given)."""
        return any(s.committee_id == committee_id and (not roles or s.role in roles) for s in self.seats)

    @property
    def is_kommunemed_lead(self) -> bool:
        """KommuneMED's secretary or chair: may create items and see every committee's status."""
        return any(s.committee_kind == "KommuneMED" and s.role in ("secretary", "chair") for s in self.seats)

    @property
    def secretary_of(self) -> tuple[str, ...]:
        """Committees this person is secretary of."""
        return tuple(s.committee_id for s in self.seats if s.role == "secretary")


@dataclass(frozen=True)
class Request:
    """One user turn, stripped of everything Teams-specific."""

    actor: Actor
    conversation_id: str
    conversation_kind: str  # personal | channel | groupChat
    tenant_id: str
    now: datetime  # timezone-aware
    text: str = ""  # message text, the bot's @mention removed
    args: str = ""  # what follows a command word, e.g. the committee name after "tilknyt"
    action: str = ""  # the card payload's "medbot" field
    data: Mapping[str, Any] = field(default_factory=dict)  # the card payload
    reply_to_id: str = ""  # a card action: the id of the message whose card was clicked (Teams' replyToId)

    @property
    def is_personal(self) -> bool:
        """A 1:1 chat with the bot."""
        return self.conversation_kind == "personal"


@dataclass(frozen=True)
class Reply:
    """One message back to the user: text, a card, or both."""

    text: str = ""
    card: dict[str, Any] | None = None


ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def activity_json(reply: Reply) -> dict[str, Any]:
    """A reply as a Bot Framework message activity in JSON, the form the outbox stores and sends."""
    activity: dict[str, Any] = {"type": "message"}
    if reply.card is not None:
        activity["attachments"] = [{"contentType": ADAPTIVE_CARD, "content": reply.card}]
        if reply.text:
            activity["summary"] = reply.text
    else:
        activity["text"] = reply.text
    return activity


@dataclass
class Response:
    """What a dialog returns; `card_update` replaces the card the user clicked (Action.Execute)."""

    replies: list[Reply] = field(default_factory=list)
    card_update: dict[str, Any] | None = None

    @classmethod
    def say(cls, text: str) -> Response:
        """A plain text answer."""
        return cls(replies=[Reply(text=text)])

    @classmethod
    def show(cls, card: dict[str, Any], text: str = "") -> Response:
        """A card answer (with a text fallback for notifications and screen readers)."""
        return cls(replies=[Reply(text=text, card=card)])


@dataclass(frozen=True)
class ReloadOutcome:
    """The result of `genindlæs`: the new version and what changed, or the errors that kept the old one."""

    ok: bool
    version: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


class KnowledgeSource(Protocol):
    """Where dialogs get the active knowledge base; the service swaps it atomically on reload."""

    @property
    def current(self) -> KnowledgeBase:
        """The knowledge base answering questions right now."""
        ...

    def reload(self, by: str = "") -> ReloadOutcome:
        """Build the knowledge on disk and swap it in; on any problem the old one stays."""
        ...


class AnonymousCounter(Protocol):
    """Where dialogs count what must stay anonymous: held by the process, written later in shuffled batches.

    Never the turn's own transaction: PostgreSQL's transaction ids (and SQLite's write order) would tie the count
    to whatever else the turn or the one just before it wrote, such as the asker's conversation reference.
    """

    def unanswered(self, question: str, on: date) -> None:
        """Count a question the bot could not answer (or answered unsurely), by day, with no one attached."""
        ...

    def rated(self, entry_id: str, helpful: bool, on: date) -> None:
        """Count a 👍 or 👎 on an entry's answer, by day, with no one attached."""
        ...


ExportLink = Callable[[int, str, datetime], "str | None"]
"""(item id, format, now) → a short-lived link to download the item's answers, or None where none can be served."""


def no_export_links(_item_id: int, _fmt: str, _now: datetime) -> str | None:
    """`medbot chat` and tests without a server serve no files: the dialog then points to the CLI."""
    return None


@dataclass
class Turn:
    """The services one turn may use: its transaction, the knowledge base, the local time zone, anonymous counts,
    and the settings a dialog needs (HR & Løn's inbox, how long a named question is kept)."""

    session: Session
    knowledge: KnowledgeSource
    tz: ZoneInfo
    anonymous: AnonymousCounter
    config_dir: Path = Path("config")
    escalation_inbox: str = ""  # MEDBOT_ESCALATION_CHANNEL: a channel's conversation id or a committee id
    retention_days: int = 180  # MEDBOT_RETENTION_DAYS, told to an employee before their name is sent
    export_link: ExportLink = no_export_links  # signed download links, served by bot/exports.py

    def local(self, moment: datetime) -> datetime:
        """A moment in the municipality's time zone (Europe/Copenhagen by default)."""
        return moment.astimezone(self.tz)


Handler = Callable[[Request, Turn], Response]
