"""`medbot`: the command line for operators, editors and tests (contract in docs/architecture.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from sqlalchemy.exc import OperationalError

from bot.cli import ask, chat, db, escalations, items, kb, manifest, org, outbox, reminders, serve
from bot.config import Settings, SettingsError
from storage.db import DatabaseUnusable, unusable

GROUPS = (serve, chat, ask, kb, db, org, manifest, outbox, reminders, items, escalations)
# A setting or a database the operator must fix: exit 2, like a command line argparse refuses.
SETUP_FAILED = 2

log = logging.getLogger(__name__)


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
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        return refuse(str(exc), exc)
    try:
        result: int = args.run(args, settings)
    except DatabaseUnusable as exc:
        return refuse(str(exc), exc)
    except OperationalError as exc:  # `serve` opens its own database (bot/service.py), not through open_database
        return refuse(str(unusable(settings.database_url, exc)), exc)
    return result


def refuse(message: str, error: BaseException) -> int:
    """An operator's mistake in one line on stderr, not a traceback; `-v` shows the traceback in the debug log."""
    log.debug("cli.refused", exc_info=error)
    print(f"medbot: {message}", file=sys.stderr)
    return SETUP_FAILED


if __name__ == "__main__":
    sys.exit(main())
