"""`medbot`: the command line for operators, editors and tests (contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from bot.cli import ask, chat, db, items, kb, manifest, org, outbox, reminders, serve
from bot.config import Settings

GROUPS = (serve, chat, ask, kb, db, org, manifest, outbox, reminders, items)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; the exit code says whether it worked."""
    parser = argparse.ArgumentParser(prog="medbot", description="MED-assistenten: Teams-bot for MED i Albertslund")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logging")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(commands)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else getattr(logging, os.environ.get("MEDBOT_LOG_LEVEL", "INFO")),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    result: int = args.run(args, Settings.from_env())
    return result


if __name__ == "__main__":
    sys.exit(main())
