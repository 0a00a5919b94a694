"""reminders capability."""

from __future__ import annotations

from dialogs.base import Handler

COMMANDS: dict[str, Handler] = {}
ACTIONS: dict[str, Handler] = {}
