"""Which dialog handles a turn: command words for messages, the payload's `medbot` field for card actions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from dialogs import admin, feedback, qa, reminders, texts
from dialogs.base import PAYLOAD_VERSION, Handler, Request, Response, Turn


def _merge(*tables: Mapping[str, Handler]) -> dict[str, Handler]:
    """One table from every capability's; a word claimed twice is a programming error."""
    merged: dict[str, Handler] = {}
    for table in tables:
        for key, handler in table.items():
            if key in merged:
                raise RuntimeError(f"command or action {key!r} is claimed twice")
            merged[key] = handler
    return merged


COMMANDS = _merge(admin.COMMANDS, qa.COMMANDS, feedback.COMMANDS, reminders.COMMANDS)
ACTIONS = _merge(admin.ACTIONS, qa.ACTIONS, feedback.ACTIONS, reminders.ACTIONS)
_COMMAND_WORDS = sorted(COMMANDS, key=len, reverse=True)
_TRAILING = re.compile(r"[\s.!?]+$")


def split_command(text: str) -> tuple[str, str] | None:
    """(`command`, `args`) when the message starts with a command word, else None."""
    cleaned = _TRAILING.sub("", " ".join(text.split())).lower()
    for word in _COMMAND_WORDS:
        if cleaned == word or cleaned.startswith(word + " "):
            return word, " ".join(text.split())[len(word) :].strip()
    return None


def route_message(request: Request, turn: Turn) -> Response:
    """A typed message: a command when it starts with one, otherwise a question for the knowledge base."""
    command = split_command(request.text)
    if command is None:
        return qa.answer(request, turn)
    word, args = command
    return COMMANDS[word](replace(request, args=args), turn)


def route_action(request: Request, turn: Turn) -> Response:
    """A card submit: to the dialog named by the payload; unknown or future versions change nothing."""
    handler = ACTIONS.get(request.action)
    if handler is None:
        return Response.say(texts.UNKNOWN_ACTION)
    if payload_version(request.data.get("v", PAYLOAD_VERSION)) is None:
        return Response.say(texts.UNKNOWN_VERSION)
    return handler(request, turn)


def payload_version(value: Any) -> int | None:
    """The card payload version this server handles, or None.

    A whole number is a version however JSON wrote it (`1` or `1.0`: some clients round-trip numbers through
    floats); a string, a boolean, a fraction or a version from a newer server is not.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= PAYLOAD_VERSION:
        return None
    return value
