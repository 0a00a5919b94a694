"""`medbot items`: KommuneMED's items (høringer) from the command line, with the same rules as in Teams.

Whoever runs the CLI acts as an administrator (HR & Løn): they hold the database anyway.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot import clock
from bot.cli.database import open_database
from bot.config import Settings
from bot.knowledge_holder import content_paths
from dialogs import feedback
from dialogs.feedback import export as answers_file
from dialogs.feedback import status_cards, texts
from dialogs.hygiene import clean_text
from knowledge.validate import load_content
from storage import feedback as store
from storage.conversations import Conversation
from storage.db import session_scope
from storage.feedback import FeedbackItem, ItemContent, ItemState, QuestionKind, QuestionSpec
from storage.org import Person

CLI_CREATOR = "Kommandolinjen (administrator)"


class Refused(Exception):
    """The command was refused; nothing is stored. Carries the Danish reasons."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def register(commands: Any) -> None:
    """Add the `items` command group."""
    parser = commands.add_parser(
        "items",
        help="KommuneMED's items (høringer) to the committees",
        description="KommuneMED's items to the committees, with the same rules as in Teams. "
        "You act as an administrator (HR & Løn).",
    )
    sub = parser.add_subparsers(dest="items_command", required=True)

    create = sub.add_parser(
        "create",
        help="create an item (a draft unless --send) and print it as JSON",
        description="Create an item with 1–5 questions and print it as JSON. You act as an administrator "
        "(HR & Løn); the same checks as in Teams apply. Without --send the item stays a draft.",
    )
    create.add_argument("--title", required=True, help="at most 200 characters")
    create.add_argument("--body", required=True, help="background text (Markdown, ≤ 4,000 characters); - reads stdin")
    create.add_argument("--deadline", required=True, help="YYYY-MM-DD: the last day committees can answer")
    create.add_argument(
        "--to",
        default="afdelingsmed",
        help="'afdelingsmed' (all AfdelingsMED, the default) or committee ids separated by commas",
    )
    create.add_argument(
        "--question", dest="questions", action="append", type=_text_question, default=[], help="a free-text question"
    )
    create.add_argument("--yes-no-question", dest="questions", action="append", type=_yes_no_question)
    create.add_argument(
        "--choice-question",
        dest="questions",
        action="append",
        type=_choice_question,
        metavar="'QUESTION|CHOICE|CHOICE…'",
        help="a question answered by choosing from a list",
    )
    about = create.add_mutually_exclusive_group()
    about.add_argument("--link", default="", help="a link to background material (https://…)")
    about.add_argument("--entry", default="", help="the id of a knowledge entry with background")
    create.add_argument(
        "--creator",
        default="",
        help="person id, e-mail or Entra object id of who gets the summary after the deadline "
        "(default: KommuneMED's secretary)",
    )
    create.add_argument("--send", action="store_true", help="send it to the committees at once")
    create.add_argument(
        "--send-at",
        default="",
        metavar="'YYYY-MM-DD HH:MM'",
        help="schedule it instead: the scheduler sends it then (local time; a working day 09:00–16:00, "
        "no later than the deadline)",
    )
    create.add_argument("--yes", action="store_true", help="confirm a send to more than 10 committees")
    create.set_defaults(run=run_create)

    sending = sub.add_parser(
        "send",
        help="send a draft (or schedule it, when it has a send time); a scheduled item is sent now",
        description="Send a draft as Teams' Send does: to more than 10 committees only with --yes. A draft with a "
        "send time is scheduled; an item already scheduled is sent now.",
    )
    sending.add_argument("id", type=int)
    sending.add_argument("--yes", action="store_true", help="confirm a send to more than 10 committees")
    sending.set_defaults(run=run_send)

    deleting = sub.add_parser("delete", help="delete a draft (a sent or scheduled item cannot be deleted)")
    deleting.add_argument("id", type=int)
    deleting.set_defaults(run=run_delete)

    status = sub.add_parser("status", help="which committees have answered an item")
    status.add_argument("id", type=int)
    status.add_argument("--json", action="store_true", help="machine-readable, with every answer version")
    status.set_defaults(run=run_status)

    export = sub.add_parser("export", help="write every committee's answer to a CSV or Excel file")
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=("csv", "xlsx"), required=True)
    export.add_argument("-o", "--output", type=Path, help="file to write (default: hoering-ID.FORMAT)")
    export.set_defaults(run=run_export)

    listing = sub.add_parser("list", help="every item with its state and deadline")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=run_list)

    closing = sub.add_parser("close", help="close an item: committees can no longer answer")
    closing.add_argument("id", type=int)
    closing.set_defaults(run=run_close)

    changing = sub.add_parser(
        "change",
        help="correct a sent item: a new deadline, background text or question wording; every card is updated",
        description="Correct a sent item, as 'Ret høringen' in Teams: every committee's card is updated in place "
        "with a short note. Answers already given stay, marked as given to an earlier wording.",
    )
    changing.add_argument("id", type=int)
    changing.add_argument("--deadline", help="YYYY-MM-DD: the new last day committees can answer")
    changing.add_argument("--body", help="the corrected background text; - reads stdin")
    changing.add_argument(
        "--question",
        dest="questions",
        nargs=2,
        action="append",
        default=[],
        metavar=("N", "TEXT"),
        help="the corrected wording of question N (questions cannot be added or removed)",
    )
    changing.set_defaults(run=run_change)

    withdrawing = sub.add_parser(
        "withdraw", help="withdraw a sent item: no more answers, and every committee's card says so"
    )
    withdrawing.add_argument("id", type=int)
    withdrawing.set_defaults(run=run_withdraw)


def _text_question(value: str) -> QuestionSpec:
    return QuestionSpec(text=value.strip(), kind=QuestionKind.TEXT)


def _yes_no_question(value: str) -> QuestionSpec:
    return QuestionSpec(text=value.strip(), kind=QuestionKind.YES_NO)


def _choice_question(value: str) -> QuestionSpec:
    question, _sep, rest = value.partition("|")
    return QuestionSpec(
        text=question.strip(), kind=QuestionKind.CHOICE, choices=feedback.split_choices(rest.replace("|", ";"))
    )


# ---------------------------------------------------------------------------------------------------------------


def _fail(problems: list[str]) -> int:
    for problem in problems:
        print(f"medbot: {problem}", file=sys.stderr)
    return 1


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def item_json(session: Session, item: FeedbackItem) -> dict[str, Any]:
    """An item as the CLI prints it."""
    assert item.id is not None
    content = store.content_of(session, item)
    routes = {r.committee_id: r.route for r in store.recipients_of(session, item.id)}
    return {
        "id": item.id,
        "title": item.title,
        "body": item.body,
        "link": item.link or None,
        "entry_id": item.entry_id or None,
        "deadline": item.deadline.isoformat(),
        "state": item.state,
        "to": "afdelingsmed" if item.to_all else list(content.committee_ids),
        "recipients": [
            {"committee_id": c.id, "name": c.name, "route": routes.get(c.id) or None}
            for c in feedback.recipients_for(session, item)
        ],
        "questions": [
            {"position": n, "text": q.text, "kind": q.kind.value, "choices": list(q.choices)}
            for n, q in enumerate(content.questions, start=1)
        ],
        "creator": item.creator_name,
        "created_at": _iso(item.created_at),
        "sent_at": _iso(item.sent_at),
        "closed_at": _iso(item.closed_at),
        "revision": item.revision,
        "change_note": item.change_note or None,
    }


def _creator(session: Session, wanted: str) -> Person:
    """A registered person by id, e-mail or Entra object id."""
    wanted = wanted.strip().lower()
    person = session.get(Person, wanted)
    if person is None:
        statement = select(Person).where(
            (func.lower(Person.email) == wanted) | (func.lower(Person.aad_object_id) == wanted)
        )
        person = session.exec(statement).first()
    if person is None or not person.aad_object_id:
        raise Refused([f"Personen »{wanted}« findes ikke i organisationen (eller har intet Entra-id)."])
    return person


def _tenant(session: Session, settings: Settings) -> str:
    """Where a new 1:1 chat is opened: the one allowed tenant, else the tenant the bot last heard from."""
    if len(settings.allowed_tenants) == 1:
        return next(iter(settings.allowed_tenants))
    statement = select(Conversation.tenant_id).where(Conversation.tenant_id != "")
    latest = session.exec(statement.order_by(col(Conversation.updated_at).desc())).first()
    return latest or ""


def run_create(args: argparse.Namespace, settings: Settings) -> int:
    """Check everything first, then store the draft (and send it with --send) in one transaction."""
    with open_database(settings) as engine:
        return _create(args, settings, engine, ZoneInfo(settings.timezone))


def _entry_ids(settings: Settings) -> set[str]:
    """The knowledge base's entry ids, to refuse an unknown `--entry` as Teams does."""
    content_dir, sources_dir, synonyms = content_paths(settings.knowledge_dir)
    return {entry.id for entry in load_content(content_dir, sources_dir, synonyms).entries}


def _send_at(value: str, tz: ZoneInfo) -> datetime | None:
    """`--send-at 'YYYY-MM-DD HH:MM'` (local time) as an aware moment; None when not given."""
    day, _sep, at = value.strip().replace("T", " ").partition(" ")
    if not value.strip():
        return None
    moment, problems = feedback.read_send_at(day, at, tz)
    if problems:
        raise Refused(problems)
    return moment


def _send_or_schedule(session: Session, item: FeedbackItem, now: datetime, tz: ZoneInfo, *, yes: bool) -> None:
    """Teams' Send: to more than 10 committees only when confirmed (`--yes`); a draft with a send time is
    scheduled, a scheduled item is sent now. Raises Refused (nothing changed) otherwise."""
    content = store.content_of(session, item)
    if content.deadline < now.astimezone(tz).date():
        raise Refused([texts.DEADLINE_PAST])
    committees = feedback.recipients_for(session, item)
    if not committees:
        raise Refused([texts.NO_AFDELINGSMED])
    if item.state == ItemState.SCHEDULED:
        if store.take_scheduled(session, item, now):
            feedback.send_item(session, item, now, tz)
        return
    if item.state != ItemState.DRAFT:
        word = texts.STATE_WORDS.get(item.state, item.state)
        raise Refused([texts.CLI_SEND_NOT_DRAFT.format(item_id=item.id, state=word)])
    if content.send_at is not None and content.send_at <= now:
        raise Refused([texts.SEND_AT_PASSED.format(at=texts.moment(content.send_at.astimezone(tz)))])
    if feedback.needs_confirmation(len(committees)) and not yes:
        raise Refused([texts.CLI_CONFIRM_NEEDED.format(count=len(committees))])
    if content.send_at is not None:
        store.schedule_item(session, item, now)
    else:
        feedback.send_item(session, item, now, tz)


def _with_plan(result: dict[str, Any], item: FeedbackItem, now: datetime, tz: ZoneInfo) -> dict[str, Any]:
    """The item's JSON plus when it goes (`send_at`) and the nudges that will really be sent (`nudges`)."""
    leaves = item.sent_at or item.send_at or now
    nudges = feedback.planned_nudges(item.deadline, leaves, tz)
    return {
        **result,
        "send_at": _iso(item.send_at.astimezone(tz)) if item.send_at is not None else None,
        "nudges": [at.isoformat() for at in nudges],
    }


def _warn(warning: str) -> None:
    if warning:
        print(f"medbot: {texts.CLI_WARNING}: {warning}", file=sys.stderr)


def _create(args: argparse.Namespace, settings: Settings, engine: Engine, tz: ZoneInfo) -> int:
    now = clock.now()
    today = now.astimezone(tz).date()
    body = sys.stdin.read() if args.body == "-" else args.body
    try:
        deadline = date.fromisoformat(args.deadline.strip())
    except ValueError:
        return _fail([texts.DEADLINE_INVALID])
    try:
        send_at = _send_at(args.send_at, tz)
    except Refused as refused:
        return _fail(refused.problems)
    targets = [t.strip().lower() for t in args.to.split(",") if t.strip()]
    to_all = targets in ([], ["afdelingsmed"])
    try:
        with session_scope(engine) as session:
            creator = _creator(session, args.creator) if args.creator else None
            content = ItemContent(
                title=args.title.strip(),
                body=body.strip(),
                deadline=deadline,
                questions=tuple(q for q in args.questions if q.text),
                to_all=to_all,
                committee_ids=() if to_all else tuple(dict.fromkeys(targets)),
                link=args.link.strip(),
                entry_id=args.entry.strip(),
                send_at=send_at,
            )
            known = {c.id for c in feedback.choosable_committees(session)}
            problems = feedback.item_problems(
                content,
                today,
                known,
                own_committees=feedback.kommunemed_ids(session),
                entries=_entry_ids(settings) if content.entry_id else None,
            )
            problems += feedback.send_at_problems(send_at, deadline, now, tz)
            if problems:
                raise Refused(list(dict.fromkeys(problems)))
            item = store.save_draft(
                session,
                content,
                creator_aad_id=creator.aad_object_id if creator else "",
                creator_name=creator.name if creator else CLI_CREATOR,
                tenant_id=_tenant(session, settings),
                now=now,
            )
            if args.send or send_at is not None:
                _send_or_schedule(session, item, now, tz, yes=args.yes)
            result = _with_plan(item_json(session, item), item, now, tz)
    except Refused as refused:
        return _fail(refused.problems)
    _warn(feedback.deadline_warning(deadline))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def run_send(args: argparse.Namespace, settings: Settings) -> int:
    """Send (or schedule) a draft, or send a scheduled item now; refused, changing nothing, as in Teams."""
    tz = ZoneInfo(settings.timezone)
    now = clock.now()
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            _send_or_schedule(session, item, now, tz, yes=args.yes)
            result = _with_plan(item_json(session, item), item, now, tz)
            warning = feedback.deadline_warning(item.deadline)
    except Refused as refused:
        return _fail(refused.problems)
    _warn(warning)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def run_delete(args: argparse.Namespace, settings: Settings) -> int:
    """Delete a draft with its questions; anything else is refused and left as it is."""
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            title, state = item.title, item.state
            if not store.delete_draft(session, item):
                word = texts.STATE_WORDS.get(state, state)
                raise Refused([texts.CLI_DELETE_NOT_DRAFT.format(item_id=args.id, state=word)])
    except Refused as refused:
        return _fail(refused.problems)
    print(texts.CLI_DELETED.format(title=title, item_id=args.id))
    return 0


def _load(session: Session, item_id: int) -> FeedbackItem:
    item = store.get_item(session, item_id) if 0 < item_id < 2**31 else None
    if item is None:
        raise Refused([f"Høring {item_id} findes ikke."])
    return item


def status_json(session: Session, item: FeedbackItem, tz: ZoneInfo) -> dict[str, Any]:
    """Each committee's state with every version of its answer (the edit history)."""
    assert item.id is not None
    views = feedback.answer_views(session, item, tz)
    history: dict[str, list[dict[str, Any]]] = {}
    for version in store.versions_of(session, item.id):
        history.setdefault(version.committee_id, []).append(
            {
                "version": version.version,
                "submitted_at": version.submitted_at.astimezone(tz).isoformat(),
                "submitted_by": version.submitted_by_name,
                "late": version.late,
                "meeting_date": version.meeting_date.isoformat(),
                "answers": list(version.answers),
                "remarks": version.remarks,
                "revision": version.revision,
                "earlier_wording": version.revision < item.revision,
            }
        )
    return {
        "item": item_json(session, item),
        "answered": sum(1 for v in views if v.state != "missing"),
        "delivered": sum(1 for v in views if v.delivery.state == "delivered"),
        "failed": sum(1 for v in views if v.delivery.state == "failed"),
        "total": len(views),
        "committees": [
            {
                "committee_id": v.committee_id,
                "name": v.committee_name,
                "state": v.state,
                "label": status_cards.state_label(v),
                "delivery": v.delivery.state,
                "delivery_problem": v.delivery.failure,
                "delivery_error": " ".join(status_cards.failure_text(v.delivery))
                if v.delivery.state == "failed"
                else None,
                "delivered_at": _iso(v.delivery.at),
                "retries": v.delivery.retries,
                "seen_at": _iso(v.seen_at),
                "answered_at": _iso(v.submitted_at),
                "answered_by": v.submitted_by or None,
                "versions": history.get(v.committee_id, []),
                "earlier_wording": v.earlier_wording,
            }
            for v in views
        ],
    }


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """Who has answered, as text or JSON."""
    tz = ZoneInfo(settings.timezone)
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            if args.json:
                output = json.dumps(status_json(session, item, tz), ensure_ascii=False, indent=2)
            else:
                views = feedback.answer_views(session, item, tz)
                answered = sum(1 for v in views if v.state != "missing")
                output = "\n".join(
                    [
                        f"Høring {item.id}: {item.title} ({item.state}, frist {texts.long_date(item.deadline)})",
                        f"{answered} af {len(views)} udvalg har svaret; levering: {status_cards.delivery_count(views)}",
                        *(f"  {v.committee_name}: {status_cards.state_line(v)}" for v in views),
                    ]
                )
    except Refused as refused:
        return _fail(refused.problems)
    print(output)
    return 0


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    """UTF-8 with BOM and ';' between fields, cells never formulas (`dialogs.feedback.export.csv_bytes`)."""
    path.write_bytes(answers_file.csv_bytes(headers, rows))


def write_xlsx(path: Path, content: ItemContent, headers: list[str], rows: list[list[str]]) -> None:
    """Sheets 'Svar' and 'Høring', every stored text fit for Excel (`dialogs.feedback.export.xlsx_bytes`)."""
    path.write_bytes(answers_file.xlsx_bytes(content, headers, rows))


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    """One row per committee, one column per question, Danish headers; CSV or Excel."""
    tz = ZoneInfo(settings.timezone)
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            content = store.content_of(session, item)
            headers, rows = feedback.export_table(content, feedback.answer_views(session, item, tz))
    except Refused as refused:
        return _fail(refused.problems)
    output: Path = args.output or Path(f"hoering-{args.id}.{args.format}")
    try:
        if args.format == "csv":
            write_csv(output, headers, rows)
        else:
            write_xlsx(output, content, headers, rows)
    except IsADirectoryError:
        return _fail([f"{output} er en mappe; angiv et filnavn, fx -o {output / f'hoering-{args.id}.{args.format}'}."])
    except (FileNotFoundError, NotADirectoryError) as exc:
        if output.parent.is_dir():  # e.g. a path under /proc: the folder is there but takes no new files
            return _fail([f"{output} kan ikke gemmes ({exc.strerror}); vælg en anden sti med -o."])
        return _fail([f"Mappen {output.parent} findes ikke; opret den, eller vælg en anden sti med -o."])
    except PermissionError:
        return _fail([f"Du har ikke adgang til at gemme {output}; vælg en anden sti med -o."])
    except OSError as exc:
        return _fail([f"{output} kan ikke gemmes ({exc.strerror}); vælg en anden sti med -o."])
    print(f"Gemt: {output} ({len(rows)} udvalg)")
    return 0


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """Every item, newest deadline last."""
    with open_database(settings) as engine, session_scope(engine) as session:
        items = store.items_in_state(session, *ItemState)
        rows = [{"id": i.id, "title": i.title, "state": i.state, "deadline": i.deadline.isoformat()} for i in items]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:>4}  {row['state']:<9}  {row['deadline']}  {row['title']}")
    return 0


def run_close(args: argparse.Namespace, settings: Settings) -> int:
    """Close a sent item (committees can no longer answer); closing twice is harmless."""
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            if item.state == ItemState.DRAFT:
                raise Refused([f"Høring {item.id} er ikke sendt endnu, så der er intet at lukke."])
            if item.state == ItemState.SENT:
                store.close_item(session, item, clock.now())
    except Refused as refused:
        return _fail(refused.problems)
    print(f"Høring {args.id} er lukket.")
    return 0


def _change(args: argparse.Namespace) -> feedback.Change | list[str]:
    """The command line as a change (unset options leave the item as it is), or the problems."""
    deadline: date | None = None
    if args.deadline is not None:
        try:
            deadline = date.fromisoformat(args.deadline.strip())
        except ValueError:
            return [texts.DEADLINE_INVALID]
    body = sys.stdin.read() if args.body == "-" else args.body
    questions: dict[int, str] = {}
    for number, wording in args.questions:
        if not number.strip().isdigit():
            return [texts.CHANGE_QUESTION_UNKNOWN.format(n=number)]
        questions[int(number)] = clean_text(wording)
    return feedback.Change(deadline=deadline, body=clean_text(body) if body is not None else None, questions=questions)


def run_change(args: argparse.Namespace, settings: Settings) -> int:
    """Correct a sent item and queue the update of every committee's card, in one transaction."""
    tz = ZoneInfo(settings.timezone)
    change = _change(args)
    if isinstance(change, list):
        return _fail(change)
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            result = feedback.change_item(session, item, change, clock.now(), tz)
            if isinstance(result, list):
                raise Refused(result)
    except Refused as refused:
        return _fail(refused.problems)
    note, cards = result
    print(texts.CHANGE_SAVED.format(note=note, count=cards))
    return 0


def run_withdraw(args: argparse.Namespace, settings: Settings) -> int:
    """Withdraw a sent item (no more answers) and queue the update of every committee's card."""
    tz = ZoneInfo(settings.timezone)
    try:
        with open_database(settings) as engine, session_scope(engine) as session:
            item = _load(session, args.id)
            result = feedback.withdraw_item(session, item, clock.now(), tz)
            if isinstance(result, list):
                raise Refused(result)
            title = item.title
    except Refused as refused:
        return _fail(refused.problems)
    print(texts.WITHDRAWN_DONE.format(title=title, count=result))
    return 0
