"""`medbot outbox list [--failed] [--json]` and `medbot outbox retry ID`: see and resend proactive messages.

Operators look here when a secretary says a reminder never arrived: a failed row says why (e.g. HTTP 403, the
app was uninstalled), and `retry` sends it again once the cause is fixed. Message text is never printed.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from bot import clock
from bot.cli.database import open_database
from bot.config import Settings
from storage import outbox
from storage.db import session_scope
from storage.outbox import OutboxMessage, OutboxStatus


def register(commands: Any) -> None:
    """Add the `outbox` command group."""
    parser = commands.add_parser("outbox", help="proactive messages: list, failed ones, retry")
    sub = parser.add_subparsers(dest="outbox_command", required=True)
    listing = sub.add_parser("list", help="list messages, newest first")
    listing.add_argument("--failed", action="store_true", help="only messages that could not be delivered")
    listing.add_argument(
        "--status", choices=[status.value for status in OutboxStatus], help="only messages with this status"
    )
    listing.add_argument("--limit", type=int, default=100, help="at most this many rows (default 100)")
    listing.add_argument("--json", action="store_true", help="one JSON array instead of a table")
    listing.set_defaults(run=run_list)
    retry = sub.add_parser("retry", help="send a failed message again, with a fresh set of attempts")
    retry.add_argument("id", type=int)
    retry.set_defaults(run=run_retry)


def as_json(row: OutboxMessage) -> dict[str, Any]:
    """The fields an operator needs; the message itself stays out."""
    return {
        "id": row.id,
        "dedupe_key": row.dedupe_key,
        "status": row.status,
        "attempts": row.attempts,
        "conversation_id": row.conversation_id,
        "user_aad_id": row.user_aad_id or None,
        "tenant_id": row.tenant_id or None,
        "not_before": _iso(row.not_before),
        "sent_at": _iso(row.sent_at),
        "last_error": row.last_error or None,
        "created_at": _iso(row.created_at),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print the rows as a table or JSON."""
    status = OutboxStatus.FAILED if args.failed else (OutboxStatus(args.status) if args.status else None)
    with open_database(settings, migrate=False) as engine, session_scope(engine) as session:
        rows = outbox.listing(session, status, limit=args.limit)
    if args.json:
        print(json.dumps([as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Ingen fejlede beskeder." if args.failed else "Ingen beskeder.")
        return 0
    print(f"{'id':>6}  {'status':<8} {'forsøg':>6}  {'tidligst (UTC)':<16}  {'nøgle':<40}  modtager / fejl")
    for row in rows:
        recipient = row.conversation_id or f"person {row.user_aad_id}"
        due = row.not_before.strftime("%Y-%m-%d %H:%M")
        print(f"{row.id:>6}  {row.status:<8} {row.attempts:>6}  {due:<16}  {row.dedupe_key:<40}  {recipient}")
        if row.last_error:
            print(f"{'':>6}  fejl: {row.last_error}")
    return 0


def run_retry(args: argparse.Namespace, settings: Settings) -> int:
    """Reset a failed row; a running service picks it up within a second."""
    with open_database(settings, migrate=False) as engine, session_scope(engine) as session:
        retried = outbox.retry_failed(session, args.id, clock.now())
    if not retried:
        print(f"Besked {args.id} findes ikke eller er ikke fejlet.")
        return 1
    print(f"Besked {args.id} sendes igen.")
    return 0
