"""The escalations' types and limits: what a "Spørg HR & Løn" button carries, and what a card shows.

Plain values only (no database), so the cards, the handlers and the CLI share them. Names that end up in a card
payload or a dedupe key are contracts (docs/architecture.md): old cards in Teams chats keep sending them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from knowledge.model import ENTRY_ID
from storage.escalations import MAX_ANSWER, MAX_QUESTION, EscalationState

__all__ = ["MAX_ANSWER", "MAX_QUESTION", "EscalationState"]

MAX_ID = 2**31 - 1  # escalation ids are whole numbers in this range; anything else in a payload is forged
REFUSED = "refused"  # the stored context of a question the bot could not answer (else the rated entry's id)
MAX_CONTEXT = 200  # storage.escalations.Escalation.context


def parse_id(value: Any) -> int | None:
    """An escalation id from a card payload; text, booleans, fractions and numbers out of range are None."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        return None
    return value


@dataclass(frozen=True)
class Offer:
    """What "Spørg HR & Løn" would send: the question as the employee wrote it, and after 👎 the entry that answered.

    The consent card shows exactly this, and "Send til HR & Løn" sends exactly this, with the employee's name.
    """

    question: str
    entry_id: str = ""

    @property
    def context(self) -> str:
        """What the bot did, as stored with the escalation: `refused`, or the id of the entry rated 👎."""
        return self.entry_id or REFUSED

    def payload(self) -> dict[str, str]:
        """The ids and text a button of the consent card carries."""
        return {"question": self.question, **({"entry_id": self.entry_id} if self.entry_id else {})}


def read_offer(data: Mapping[str, Any]) -> Offer | None:
    """The offer a card payload carries; None when it is forged or unusable (no text, too long, a bad entry id)."""
    question = data.get("question")
    entry_id = data.get("entry_id", "")
    if not isinstance(question, str) or not isinstance(entry_id, str):
        return None
    question = " ".join(question.split())
    if not question or len(question) > MAX_QUESTION:
        return None
    if entry_id and (len(entry_id) > MAX_CONTEXT or not ENTRY_ID.fullmatch(entry_id)):
        return None
    return Offer(question=question, entry_id=entry_id)


@dataclass(frozen=True)
class EscalationView:
    """One escalation as the inbox card and the employee's answer show it; times are local."""

    id: int
    asker: str
    question: str
    about: str  # the title of the answer rated 👎; "" when the bot could not answer
    asked_at: datetime
    state: EscalationState
    taken_by: str = ""
    taken_at: datetime | None = None
    answer: str = ""
    answered_by: str = ""
    answered_at: datetime | None = None
