"""`medbot db upgrade`: apply migrations."""

from __future__ import annotations

import argparse
from typing import Any

from bot.config import Settings
from storage.db import upgrade


def register(commands: Any) -> None:
    """Add the `db` command group."""
    parser = commands.add_parser("db", help="database maintenance")
    sub = parser.add_subparsers(dest="db_command", required=True)
    up = sub.add_parser("upgrade", help="apply migrations (also done at every start)")
    up.set_defaults(run=run_upgrade)


def run_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    """Bring the schema to the newest version."""
    upgrade(settings.database_url)
    print("Databasen er opdateret.")
    return 0
