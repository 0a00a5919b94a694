"""`medbot manifest build`: write the Teams app package (zip) an admin uploads."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, Settings
from bot.manifest import ManifestError, build_package, package_values

DEFAULT_OUTPUT = PROJECT_ROOT / "build" / "medbot-teams.zip"


def register(commands: Any) -> None:
    """Add the `manifest` command group."""
    parser = commands.add_parser("manifest", help="the Teams app package")
    sub = parser.add_subparsers(dest="manifest_command", required=True)
    build = sub.add_parser("build", help="write the Teams app package (zip) to upload in Teams")
    build.add_argument("--app-id", help="the bot's Microsoft App ID (default: MicrosoftAppId)")
    build.add_argument("--version", help="the app version X.Y.Z (default: medbot's version)")
    build.add_argument("--host", help="public host name of the bot endpoint (default: MEDBOT_PUBLIC_HOST)")
    build.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"zip file (default: {DEFAULT_OUTPUT})")
    build.set_defaults(run=run_build)


def run_build(args: argparse.Namespace, _settings: Settings) -> int:
    """Refuse a package Teams would reject; otherwise write it and say where."""
    try:
        values = package_values(app_id=args.app_id, version=args.version, public_host=args.host, env=os.environ)
    except ManifestError as exc:
        print(f"medbot: {exc}", file=sys.stderr)
        return 2
    if not values.public_host:
        print(
            "medbot: advarsel: ingen MEDBOT_PUBLIC_HOST/--host, så validDomains er tom.",
            file=sys.stderr,
        )
    path = build_package(values, args.output)
    print(f"Teams-pakken er skrevet: {path} (app-id {values.app_id}, version {values.version})")
    return 0
