"""`medbot serve`: run the bot."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.config import Settings
from bot.knowledge_holder import KnowledgeUnavailable
from bot.service import UnsafeBinding, serve


def register(commands: Any) -> None:
    """Add the `serve` command."""
    parser = commands.add_parser("serve", help="run the bot (endpoint /api/messages)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3978)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted; refuse an unsafe binding."""
    try:
        serve(settings, args.host, args.port)
    except (UnsafeBinding, KnowledgeUnavailable) as exc:
        print(f"medbot: {exc}", file=sys.stderr)
        return 2
    return 0
