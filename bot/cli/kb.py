"""`medbot kb check|reload|gaps|summary`: validate the content, activate it for every replica, see what is missing."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot import clock
from bot.cli import drafts
from bot.cli.database import open_database
from bot.config import Settings
from bot.knowledge_holder import KnowledgeHolder, build_from, content_paths
from dialogs.admin import summary as admin_summary
from knowledge import ingest
from knowledge.decide import STALE_DAYS, expiring
from knowledge.index import build
from knowledge.selfcheck import question_problems
from knowledge.validate import load_content
from knowledge.yamlfile import InputError
from storage import knowledge as store
from storage.db import session_scope


def register(commands: Any) -> None:
    """Add the `kb` command group."""
    parser = commands.add_parser("kb", help="the knowledge base")
    sub = parser.add_subparsers(dest="kb_command", required=True)
    check = sub.add_parser("check", help="validate the knowledge content (file:line: message per error)")
    check.add_argument("dir", nargs="?", type=Path, help="knowledge folder or its content/ folder")
    check.set_defaults(run=run_check)
    reload = sub.add_parser("reload", help="activate the current content for every running replica")
    reload.set_defaults(run=run_reload)
    stale = sub.add_parser("stale", help="entries whose dated facts have expired or expire within 60 days")
    stale.add_argument("--at", type=date.fromisoformat, help="as of this day (YYYY-MM-DD); default today")
    stale.add_argument("--days", type=int, default=STALE_DAYS, help=f"look ahead (default {STALE_DAYS} days)")
    stale.set_defaults(run=run_stale)
    gaps = sub.add_parser("gaps", help="most frequent unanswered questions and worst-rated answers")
    gaps.add_argument("--json", action="store_true", help="print JSON")
    gaps.add_argument("--limit", type=int, default=20, help="rows per list (default 20)")
    gaps.set_defaults(run=run_gaps)
    add = sub.add_parser("add-source", help="add a source document (PDF, DOCX, Markdown, text) with its sections")
    add.add_argument("file", type=Path, help="the document: .pdf, .docx, .md or .txt")
    add.add_argument("--title", default="", help="how employees know it (default: from the file)")
    add.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="the meeting's or document's date")
    add.add_argument("--organisation", default="", help="default: the one most source documents name")
    add.add_argument("--name", default="", help="its name in sources/ (default: the file name, a-z 0-9 -)")
    add.add_argument("--replace", action="store_true", help="replace a source document of the same name")
    add.set_defaults(run=run_add_source)
    drafts.register(sub)
    summary = sub.add_parser("summary", help="the weekly admin summary as text (what the admins' card shows)")
    summary.add_argument("--at", help="as of this moment (ISO 8601; no offset = local time); default now")
    summary.set_defaults(run=run_summary)


def _paths(folder: Path) -> tuple[Path, Path, Path]:
    """Accept the knowledge folder (with content/ inside) as well as the content folder itself."""
    if (folder / "content").is_dir() or not folder.is_dir():
        return content_paths(folder)
    return folder, folder.parent / "sources", folder.parent / "synonyms.yaml"


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    """Print every problem as `file:line: message`; non-zero exit when there is any.

    Only valid content can be searched, so the questions and near misses are tried once it validates.
    """
    content_dir, sources_dir, synonyms = _paths(args.dir or settings.knowledge_dir)
    try:
        kb = build(content_dir, sources_dir, synonyms)
    except InputError as exc:
        problems = list(exc.problems)
    else:
        problems = question_problems(kb, clock.today(ZoneInfo(settings.timezone)))
    for problem in problems:
        print(problem)
    if problems:
        print(f"medbot: {len(problems)} fejl i vidensbasen.", file=sys.stderr)
        return 1
    tried = sum(len(e.questions) + len(e.not_questions) for e in kb.entries.values())
    print(
        f"Vidensbasen er i orden: {len(kb.entries)} opslag, {len(kb.documents)} kildedokumenter, "
        f"{tried} spørgsmål prøvet i søgningen."
    )
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' er ikke en dato; skriv ÅÅÅÅ-MM-DD, fx 2025-06-25") from exc


def run_add_source(args: argparse.Namespace, settings: Settings) -> int:
    """Store a document under sources/ with its metadata, after every check; a refusal changes nothing (exit 1).

    Progress goes to stderr, so a long PDF shows it is being read; `kb reload` then makes it answer.
    """
    try:
        added = ingest.add_source(
            args.file,
            settings.knowledge_dir,
            title=args.title,
            day=args.date,
            organisation=args.organisation,
            name=args.name,
            replace=args.replace,
            today=clock.today(ZoneInfo(settings.timezone)),
            progress=lambda message: print(message, file=sys.stderr, flush=True),
        )
    except ingest.Refused as exc:
        print(f"medbot: {args.file.name}: {exc}", file=sys.stderr)
        print("medbot: intet er ændret i vidensbasen.", file=sys.stderr)
        return 1
    shown = ", ".join(added.sections[:12]) + (" …" if len(added.sections) > 12 else "")
    day = added.info.date.isoformat() if added.info.date else f"ingen (skriv den i {added.info_file.name})"
    print(f"{'Erstattet' if added.replaced else 'Tilføjet'}: {added.text_file} og {added.info_file.name}")
    print(f"Titel: {added.info.title}")
    print(f"Organisation: {added.info.organisation}")
    print(f"Dato: {day}")
    print(f"Afsnit ({len(added.sections)}): {shown}")
    print(f"Passer titel, dato eller organisation ikke, så ret dem i {added.info_file.name}.")
    print("Kør `medbot kb reload` for at tage dokumentet i brug.")
    return 0


def run_stale(args: argparse.Namespace, settings: Settings) -> int:
    """List `file:line: id: reason` for every entry an editor should look at now; exit 0 either way."""
    content_dir, sources_dir, synonyms = _paths(settings.knowledge_dir)
    content = load_content(content_dir, sources_dir, synonyms)
    if content.problems:
        print(
            f"medbot: vidensbasen har {len(content.problems)} fejl; ret dem først (`medbot kb check`).", file=sys.stderr
        )
        return 1
    at = args.at or clock.today(ZoneInfo(settings.timezone))
    found = [(entry, reasons) for entry in content.entries if (reasons := expiring(entry, at, args.days))]
    for entry, reasons in found:
        print(f"{entry.file}:{entry.line}: {entry.id}: {'; '.join(map(str, reasons))}")
    print(
        f"{len(found)} opslag med datoer, der er udløbet eller udløber inden {args.days} dage efter {at.isoformat()}."
    )
    return 0


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def _ids(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "ingen"


def run_reload(_args: argparse.Namespace, settings: Settings) -> int:
    """Validate and build, then record the version: every running replica switches to it within seconds."""
    with open_database(settings) as engine:
        outcome = KnowledgeHolder(settings.knowledge_dir, engine).reload(by=_who())
    if not outcome.ok:
        for error in outcome.errors:
            print(error, file=sys.stderr)
        print("medbot: vidensbasen er IKKE genindlæst; den gamle version er stadig aktiv.", file=sys.stderr)
        return 1
    print(f"Vidensbasen er genindlæst: version {outcome.version}")
    print(f"Nye: {_ids(outcome.added)}")
    print(f"Ændrede: {_ids(outcome.changed)}")
    print(f"Fjernede: {_ids(outcome.removed)}")
    return 0


def run_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """What the editors should write or fix next: frequent unanswered questions, entries rated 👎."""
    with open_database(settings) as engine, session_scope(engine) as session:
        unanswered = store.frequent_unanswered(session, args.limit)
        worst = store.worst_rated(session, args.limit)
    content_dir, sources_dir, synonyms = content_paths(settings.knowledge_dir)
    titles = {e.id: e.title for e in load_content(content_dir, sources_dir, synonyms).entries}
    if args.json:
        report = {
            "unanswered": [{"question": q.question, "count": q.count} for q in unanswered],
            "worst_rated": [
                {
                    "entry_id": r.entry_id,
                    "title": titles.get(r.entry_id),
                    "helpful": r.helpful,
                    "unhelpful": r.unhelpful,
                }
                for r in worst
            ],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print("Hyppigste spørgsmål uden svar:")
    for q in unanswered:
        print(f"{q.count:5d}  {q.question}")
    if not unanswered:
        print("  (ingen)")
    print()
    print("Dårligst vurderede svar (👎 / 👍):")
    for r in worst:
        title = titles.get(r.entry_id, "(findes ikke længere)")
        print(f"{r.unhelpful:5d} / {r.helpful:<5d} {r.entry_id}  {title}")
    if not worst:
        print("  (ingen)")
    return 0


def run_summary(args: argparse.Namespace, settings: Settings) -> int:
    """Print the weekly admin summary as of `--at`, and how many admins the scheduler can send it to."""
    tz = ZoneInfo(settings.timezone)
    try:
        at = datetime.fromisoformat(args.at) if args.at else clock.now()
    except ValueError:
        print(f"medbot: --at {args.at!r} er ikke et tidspunkt (fx 2027-03-29T08:00)", file=sys.stderr)
        return 2
    at = at if at.tzinfo else at.replace(tzinfo=tz)
    try:
        kb = build_from(settings.knowledge_dir)
    except InputError as exc:
        print(f"medbot: vidensbasen har {len(exc.problems)} fejl; ret dem først (`medbot kb check`).", file=sys.stderr)
        return 1
    with open_database(settings) as engine, session_scope(engine) as session:
        found = admin_summary.gather(session, kb, at, tz, settings.retention_days)
        with_chat, without = admin_summary.reachable_admins(session, settings.admins)
    print("\n".join(admin_summary.summary_lines(found)))
    print()
    print(f"Sendes til {with_chat} administratorer med 1:1-chat; {without} uden chat med botten får det ikke.")
    return 0
