"""The one place that reads the wall clock.

Everything else (storage, dialogs, knowledge, the CLI commands) takes `now` from here or from its caller, so a
test that freezes a clock passes it everywhere and the suite behaves the same on any date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]


def now() -> datetime:
    """The current moment, timezone-aware UTC."""
    return datetime.now(UTC)


def today(tz: ZoneInfo) -> date:
    """Today's date in the municipality's time zone."""
    return now().astimezone(tz).date()
