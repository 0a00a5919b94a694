"""`medbot chat`: talk to the bot in the terminal (no Teams needed)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.chat import TerminalChat
from bot.config import Settings
from bot.knowledge_holder import KnowledgeUnavailable
from bot.runtime import Runtime
from storage.db import upgrade


def register(commands: Any) -> None:
    """Add the `chat` command."""
    parser = commands.add_parser("chat", help="talk to the bot in the terminal")
    parser.add_argument(
        "--as",
        dest="aad",
        default="",
        metavar="ENTRA_ID",
        help="act as this person from the organisation (Entra object id); default: an employee",
    )
    parser.add_argument("--name", default="Terminal", help="the name shown for you")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Read lines until end of input or `farvel`."""
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    try:
        runtime.knowledge.load()
    except KnowledgeUnavailable as exc:
        print(f"medbot: {exc}", file=sys.stderr)
        return 2
    chat = TerminalChat(lambda build: runtime.run_dialog(build, args.aad, args.name), input, print)
    print("MED-assistenten i terminalen. Skriv et spørgsmål, et nummer for at trykke på en knap, eller 'farvel'.")
    while True:
        try:
            line = input("> ")
        except EOFError:
            break
        if line.strip().lower() in ("farvel", "exit", "quit"):
            break
        chat.handle(line)
    return 0
