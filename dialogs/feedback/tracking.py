"""Where each committee's copy of an item is: on its way, delivered, or failed for good, and why in Danish.

Pure functions over the item's outbox rows, read once per view by `export.answer_views`: the status card, "Se
alle svar", `medbot items status` and the export all say the same. A committee the item never reached is "Ikke
leveret", never "Mangler": KommuneMED must not wait for an answer from someone who was never asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from dialogs.feedback.model import NOT_SENT, Delivery, FailureKind

SEND_KEY = re.compile(r"^item:(?P<item>\d+):send:(?P<committee>[^:]+)(?::retry(?P<retry>\d+))?$")
"""`item:<item>:send:<committee>` and its retries `…:retry<n>` (KommuneMED's "Prøv igen")."""


@dataclass(frozen=True)
class Attempt:
    """One outbox row that carried the form to a committee: the send, a retry or a nudge, as the outbox left it."""

    key: str
    status: str  # storage.outbox.OutboxStatus: pending | sending | sent | failed
    error: str = ""
    sent_at: datetime | None = None
    to_person: bool = False  # a secretary's 1:1 chat rather than a channel

    @property
    def is_send(self) -> bool:
        """The first send or a retry (a nudge is neither: it only counts once delivered)."""
        return SEND_KEY.match(self.key) is not None


def committee_of(key: str) -> tuple[int, str, int] | None:
    """(item, committee, retry number; 0 for the first send) of a send key, or None for any other key."""
    found = SEND_KEY.match(key)
    if found is None:
        return None
    return int(found["item"]), found["committee"], int(found["retry"] or 0)


def failure_kind(error: str, *, to_person: bool) -> FailureKind:
    """What a recorded outbox error means for KommuneMED (see `bot.outbox.policy` and `bot.outbox.routing`)."""
    lowered = error.lower()
    if "no conversation in the tenant" in lowered:
        return "not_installed"
    if "not known to the bot" in lowered or "app was removed" in lowered or lowered.startswith("http 404"):
        return "gone"
    if lowered.startswith("http 403"):
        # Teams refuses a new 1:1 chat with someone who has not installed the app, and any message to a user who
        # blocked the bot or a tenant that disabled it.
        return "not_installed" if to_person and "block" not in lowered else "blocked"
    return "other"


def delivery_of(attempts: Sequence[Attempt], tz: ZoneInfo) -> Delivery:
    """One committee's delivery from its rows, oldest first.

    Delivered once any row (a send, a retry or a nudge, which carries the same form) arrived; else the latest
    send or retry decides: still on its way, or failed with its reason. No row at all: there was no one to send to.
    """
    sends = [a for a in attempts if a.is_send]
    retries = max(0, len(sends) - 1)
    arrived = [a.sent_at for a in attempts if a.status == "sent" and a.sent_at is not None]
    if arrived:
        return Delivery("delivered", at=min(arrived).astimezone(tz), retries=retries)
    if not sends:
        return NOT_SENT
    latest = sends[-1]
    if latest.status == "failed":
        return Delivery("failed", failure_kind(latest.error, to_person=latest.to_person), retries=retries)
    return Delivery("pending", retries=retries)


def seen_moment(seen_at: datetime | None, answered_at: datetime | None) -> datetime | None:
    """'Set': the first interaction, or the first answer when that came without any earlier interaction."""
    moments = [m for m in (seen_at, answered_at) if m is not None]
    return min(moments) if moments else None
