"""`medbot escalations list [--open] [--json]`: the questions employees chose to send to HR & Løn, and their state.

HR & Løn's own tool: it shows the question and who asked (the employee consented to both going to HR & Løn), when,
and who took and answered it. Escalations are deleted MEDBOT_RETENTION_DAYS after they were asked.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.cli.database import open_database
from bot.config import Settings
from dialogs.escalations.texts import STATE_NAMES
from storage import escalations
from storage.db import session_scope
from storage.escalations import Escalation

QUESTION_WIDTH = 60


def register(commands: Any) -> None:
    """Add the `escalations` command group."""
    parser = commands.add_parser("escalations", help="spørgsmål sendt til HR & Løn, og hvor de står")
    sub = parser.add_subparsers(dest="escalations_command", required=True)
    listing = sub.add_parser("list", help="list the questions, oldest first")
    listing.add_argument("--open", action="store_true", help="only questions not yet answered")
    listing.add_argument("--json", action="store_true", help="one JSON array instead of a table")
    listing.set_defaults(run=run_list)


def _iso(value: datetime | None, tz: ZoneInfo) -> str | None:
    return value.astimezone(tz).isoformat(timespec="minutes") if value is not None else None


def _local(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def as_json(row: Escalation, tz: ZoneInfo) -> dict[str, Any]:
    """One escalation for scripts: state, who and when, the question and the answer; local times with offset."""
    return {
        "id": row.id,
        "state": row.state,
        "asked_at": _iso(row.created_at, tz),
        "asked_by": row.asker_name,
        "question": row.question,
        "context": row.context,
        "taken_by": row.taken_by or None,
        "taken_at": _iso(row.taken_at, tz),
        "answered_by": row.answered_by or None,
        "answered_at": _iso(row.answered_at, tz),
        "answer": row.answer or None,
    }


def _short(question: str) -> str:
    return question if len(question) <= QUESTION_WIDTH else question[: QUESTION_WIDTH - 1] + "…"


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print the escalations as a table (local time) or JSON."""
    tz = ZoneInfo(settings.timezone)
    with open_database(settings) as engine, session_scope(engine) as session:
        rows = escalations.listed(session, open_only=args.open)
        session.expunge_all()
    if args.json:
        print(json.dumps([as_json(row, tz) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Ingen åbne spørgsmål til HR & Løn." if args.open else "Ingen spørgsmål til HR & Løn.")
        return 0
    print(
        f"{'id':>5}  {'status':<8}  {'stillet':<16}  {'af':<20}  {'taget af':<20}  {'taget':<16}  "
        f"{'besvaret af':<20}  {'besvaret':<16}  spørgsmål"
    )
    for row in rows:
        print(
            f"{row.id:>5}  {STATE_NAMES.get(row.state, row.state):<8}  {_local(row.created_at, tz):<16}  "
            f"{row.asker_name[:20]:<20}  {row.taken_by[:20]:<20}  {_local(row.taken_at, tz):<16}  "
            f"{row.answered_by[:20]:<20}  {_local(row.answered_at, tz):<16}  {_short(row.question)}"
        )
    return 0
