"""`medbot chat`: talk to the bot in the terminal (no Teams needed)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.chat import TerminalChat
from bot.cli.database import open_database
from bot.config import Settings
from bot.knowledge_holder import KnowledgeUnavailable
from bot.runtime import Runtime
from dialogs.roles import resolve_actor
from storage.db import session_scope


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


def is_known(runtime: Runtime, aad_object_id: str) -> bool:
    """True when --as names someone the bot knows: a person in the organisation, or an admin in MEDBOT_ADMINS.

    Anyone else would silently chat as an anonymous employee, which is not what the operator asked for.
    """
    with session_scope(runtime.engine) as session:
        actor = resolve_actor(session, aad_object_id, "", runtime.settings.admins)
    return actor.person_id is not None or actor.is_admin


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Read lines until end of input or `farvel`."""
    with open_database(settings) as engine:
        return converse(args, Runtime.create(settings, engine=engine))


def converse(args: argparse.Namespace, runtime: Runtime) -> int:
    """Check --as and the knowledge, then answer each line as the bot would in Teams."""
    aad = args.aad.strip()
    if aad and not is_known(runtime, aad):
        print(
            f"medbot: Personen »{aad}« findes ikke i organisationen; brug et Entra-id fra config/organisation.yaml "
            "(indlæst med `medbot org import`) eller MEDBOT_ADMINS, eller udelad --as for at chatte som medarbejder.",
            file=sys.stderr,
        )
        return 2
    try:
        runtime.knowledge.load()
    except KnowledgeUnavailable as exc:
        print(f"medbot: {exc}", file=sys.stderr)
        return 2
    chat = TerminalChat(lambda build: runtime.run_dialog(build, aad, args.name), input, print)
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
