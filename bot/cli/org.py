"""`medbot org import FILE`: load the MED organisation (idempotent; a bad file is refused whole)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot import clock
from bot.cli.database import open_database
from bot.config import Settings
from dialogs.organisation import parse_organisation
from dialogs.reminders import load_rules
from knowledge.yamlfile import InputError
from storage.db import session_scope
from storage.org import import_organisation


def register(commands: Any) -> None:
    """Add the `org` command group."""
    parser = commands.add_parser("org", help="the MED organisation")
    sub = parser.add_subparsers(dest="org_command", required=True)
    imp = sub.add_parser("import", help="import committees, people and roles from a YAML file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    """Check the whole file first; write nothing unless all of it is valid."""
    try:
        data = parse_organisation(args.file, rule_ids=load_rules(settings.config_dir).ids)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"medbot: {args.file} er ikke importeret ({len(exc.problems)} fejl).", file=sys.stderr)
        return 1
    with open_database(settings) as engine, session_scope(engine) as session:
        summary = import_organisation(session, data, clock.now())
    print(f"Importeret: {summary.committees} udvalg, {summary.people} personer, {summary.memberships} roller.")
    if summary.deactivated:
        print("Ikke længere i filen (deaktiveret): " + ", ".join(summary.deactivated))
    return 0
