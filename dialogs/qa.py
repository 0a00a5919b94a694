"""Questions and answers from the knowledge base."""

from __future__ import annotations

from dialogs.base import Handler, Request, Response, Turn

COMMANDS: dict[str, Handler] = {}
ACTIONS: dict[str, Handler] = {}


def answer(request: Request, turn: Turn) -> Response:
    """Answer a free-text question."""
    return Response.say("Det ved jeg ikke endnu.")
