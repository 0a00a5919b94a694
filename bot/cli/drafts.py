"""`medbot kb drafts [export|delete]` and `medbot kb publishes`: drafts from Teams, and what each publish changed.

Drafts made in Teams (`ny kladde`) wait in the database; `export` writes those not exported yet as one YAML file
(by default into the knowledge folder's `content/`, never over an existing file) after checking each again, as
`kb check` would, against the content on disk. The YAML in git stays the knowledge base: editors review the file
and `kb reload` publishes it. `publishes` lists every activation: who, when, and which entries it added, changed
and removed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot import clock
from bot.cli.database import open_database
from bot.config import Settings
from dialogs.drafts import export, rules
from knowledge.folder import content_paths
from knowledge.validate import load_content
from storage import drafts as store
from storage import knowledge as knowledge_store
from storage import org
from storage.db import session_scope
from storage.drafts import DraftEntry

SHOWN_IDS = 12  # entry ids per list in the readable `publishes`; --json has them all


def register(sub: Any) -> None:
    """Add `kb drafts` (with `export` and `delete`) and `kb publishes` to the `kb` group."""
    drafts = sub.add_parser(
        "drafts",
        help="draft entries made in Teams (`ny kladde`); `drafts export` writes them as YAML for review",
        description="List the draft entries made in Teams. `export` writes the drafts not exported yet as one YAML "
        "content file for review in git; `kb reload` publishes it once reviewed.",
    )
    drafts.add_argument("--json", action="store_true", help="print JSON")
    drafts.set_defaults(run=run_list)
    actions = drafts.add_subparsers(dest="drafts_command", metavar="{export,delete}")
    write = actions.add_parser("export", help="write the drafts not exported yet as one YAML file and mark them")
    write.add_argument(
        "--out", type=Path, metavar="DIR", help="folder to write into (default: the knowledge folder's content/)"
    )
    write.set_defaults(run=run_export)
    remove = actions.add_parser("delete", help="throw a draft away")
    remove.add_argument("id", type=int, help="the draft's number (see `medbot kb drafts`)")
    remove.set_defaults(run=run_delete)
    publishes = sub.add_parser(
        "publishes",
        help="every publish of the knowledge: who, when, which entries were added, changed and removed",
    )
    publishes.add_argument("--json", action="store_true", help="print JSON")
    publishes.add_argument("--limit", type=int, default=50, help="newest first, at most this many (default 50)")
    publishes.set_defaults(run=run_publishes)


def _iso(value: datetime | date | None) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat() if value is not None else None


def as_json(draft: DraftEntry) -> dict[str, Any]:
    """A draft for `kb drafts --json`: the entry it proposes and its bookkeeping."""
    return {
        "id": draft.id,
        "entry_id": draft.entry_id,
        "title": draft.title,
        "questions": list(draft.questions),
        "answer": draft.answer,
        "source": {"document": draft.document, "section": draft.section},
        "valid_from": _iso(draft.valid_from),
        "valid_to": _iso(draft.valid_to),
        "organisation": draft.organisation,
        "tags": list(draft.tags),
        "made_by": draft.made_by,
        "made_at": _iso(draft.made_at),
        "origin": draft.origin,
        "exported_at": _iso(draft.exported_at),
    }


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Every draft, oldest first, with whether it has been exported."""
    with open_database(settings) as engine, session_scope(engine) as session:
        rows = store.drafts(session)
    if args.json:
        print(json.dumps([as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("Ingen kladder. En administrator laver dem i Teams med »ny kladde«.")
        return 0
    tz = ZoneInfo(settings.timezone)
    for row in rows:
        state = f"eksporteret {row.exported_at.astimezone(tz):%Y-%m-%d}" if row.exported_at else "venter"
        made = row.made_at.astimezone(tz)
        print(f"{row.id:>4}  {state:<22} {row.entry_id}  »{row.title}«  ({row.made_by}, {made:%Y-%m-%d}, {row.origin})")
    pending = sum(1 for row in rows if row.exported_at is None)
    print(f"{len(rows)} kladder, {pending} venter på eksport (`medbot kb drafts export`).")
    return 0


def _create(folder: Path, day: date) -> tuple[Path, Any]:
    """A new file for the export, opened for writing: never one that exists (`-2`, `-3` … instead)."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        path = folder / export.file_name(day, n)
        try:
            return path, path.open("x", encoding="utf-8")
        except FileExistsError:
            n += 1


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    """Check the drafts not exported yet against the content on disk, write the good ones, mark them exported."""
    today = clock.today(ZoneInfo(settings.timezone))
    content = load_content(*content_paths(settings.knowledge_dir))
    if content.problems:
        print(
            f"medbot: vidensbasen har {len(content.problems)} fejl; ret dem først (`medbot kb check`).", file=sys.stderr
        )
        return 1
    with open_database(settings) as engine:
        with session_scope(engine) as session:
            pending = store.drafts(session, pending_only=True)
        if not pending:
            print("Ingen nye kladder at eksportere.")
            return 0
        against = rules.Against({e.id: e for e in content.entries}, content.documents, content.synonyms)
        accepted: list[tuple[DraftEntry, dict[str, Any]]] = []
        refused: list[tuple[DraftEntry, list[str]]] = []
        for draft in pending:
            data = rules.stored_data(draft)
            entry, problems = rules.check_entry(data, against, today)
            if entry is None:
                refused.append((draft, problems))
                continue
            accepted.append((draft, data))
            against = against.with_entry(entry)
        for draft, problems in refused:
            for problem in problems:
                print(f"kladde {draft.id} ({draft.entry_id}): {problem}", file=sys.stderr)
        if not accepted:
            print(
                "medbot: ingen kladder kunne eksporteres; ret dem eller slet dem (`kb drafts delete`).", file=sys.stderr
            )
            return 1
        path, handle = _create(args.out or settings.knowledge_dir / "content", today)
        with handle:
            handle.write(export.as_yaml(accepted, today))
        with session_scope(engine) as session:
            store.mark_exported(session, [d.id for d, _ in accepted if d.id is not None], clock.now())
    print(f"Skrev {len(accepted)} kladder til {path}: {', '.join(d.entry_id for d, _ in accepted)}")
    print("Gennemse filen i git, kør `medbot kb check`, og udgiv med `medbot kb reload`.")
    if refused:
        print(f"medbot: {len(refused)} kladder er ikke eksporteret (se ovenfor).", file=sys.stderr)
        return 1
    return 0


def run_delete(args: argparse.Namespace, settings: Settings) -> int:
    """Throw one draft away; exit 1 when there is no such draft."""
    with open_database(settings) as engine, session_scope(engine) as session:
        deleted = store.delete_draft(session, args.id)
    if not deleted:
        print(f"Kladde {args.id} findes ikke.", file=sys.stderr)
        return 1
    print(f"Kladde {args.id} er slettet.")
    return 0


def _who(session: Any, activated_by: str) -> str:
    """An admin's name where the organisation knows their Entra id; "cli:…" and "start" as they are."""
    person = org.person_by_aad(session, activated_by.lower()) if activated_by else None
    return f"{person.name} ({activated_by})" if person is not None and person.name else activated_by


def _listed(ids: list[str]) -> str:
    if not ids:
        return "ingen"
    more = f" … (+{len(ids) - SHOWN_IDS})" if len(ids) > SHOWN_IDS else ""
    return ", ".join(ids[:SHOWN_IDS]) + more


def run_publishes(args: argparse.Namespace, settings: Settings) -> int:
    """Every activation of the knowledge, newest first: when, who, which version, which entries it changed."""
    with open_database(settings) as engine, session_scope(engine) as session:
        rows = knowledge_store.publishes(session, args.limit)
        shown = [(row, _who(session, row.activated_by), row.changed_entries) for row in rows]
    if args.json:
        report = [
            {
                "id": row.id,
                "version": row.version,
                "activated_at": _iso(row.activated_at),
                "activated_by": row.activated_by,
                "who": who,
                **changes.to_json(),
            }
            for row, who, changes in shown
        ]
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    if not shown:
        print("Vidensbasen er ikke udgivet endnu.")
        return 0
    tz = ZoneInfo(settings.timezone)
    for row, who, changes in shown:
        print(f"{row.activated_at.astimezone(tz):%Y-%m-%d %H:%M}  version {row.version}  af {who}")
        print(f"    Nye: {_listed(list(changes.added))}")
        print(f"    Ændrede: {_listed(list(changes.changed))}")
        print(f"    Fjernede: {_listed(list(changes.removed))}")
    return 0
