"""AfdelingsMED feedback rounds (KommuneMED items)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs.base import Handler

COMMANDS: dict[str, Handler] = {}
ACTIONS: dict[str, Handler] = {}


def evaluate(session: Session, now: datetime, tz: ZoneInfo) -> int:
    """Write due nudges and deadline summaries to the outbox; returns how many rows were added."""
    return 0
