"""`medbot reminders`: see, run and record the fixed MED discussions (operations and tests)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import clock
from bot.cli.database import open_database
from bot.config import Settings
from bot.scheduler import run_due
from dialogs import reminders
from dialogs.reminders.texts import STATE_LABELS
from dialogs.workdays import in_send_window
from knowledge.yamlfile import InputError
from storage.db import session_scope
from storage.org import Committee
from storage.reminders import VIA_CLI


def register(commands: Any) -> None:
    """Add the `reminders` command group."""
    parser = commands.add_parser("reminders", help="påmindelser om de faste drøftelser i MED-udvalgene")
    sub = parser.add_subparsers(dest="reminders_command", required=True)
    listing = sub.add_parser("list", help="hvert udvalgs seneste drøftelse, næste frist og status")
    listing.add_argument("--json", action="store_true", help="én JSON-genstand med en række pr. udvalg og regel")
    listing.add_argument("--now", help="status pr. dette tidspunkt (ISO 8601; uden tidszone = lokal tid)")
    listing.set_defaults(run=run_list)
    run = sub.add_parser("run", help="skriv de påmindelser, der er forfaldne, i udbakken (og høringspåmindelser)")
    run.add_argument("--now", help="evaluér som på dette tidspunkt (ISO 8601; uden tidszone = lokal tid)")
    run.set_defaults(run=run_now)
    done = sub.add_parser("done", help="registrér at et udvalg har drøftet en regel")
    done.add_argument("committee", help="udvalgets id, fx afdelingsmed-oes")
    done.add_argument("rule", help="reglens id, fx sygefravaer")
    done.add_argument("--date", help="mødedatoen (ÅÅÅÅ-MM-DD); uden den: i dag")
    done.set_defaults(run=run_done)
    check = sub.add_parser("check", help="kontrollér regelfilen og dens kildehenvisninger")
    check.set_defaults(run=run_check)


def parse_moment(value: str | None, tz: ZoneInfo) -> datetime:
    """`--now`: an ISO 8601 moment; without an offset it is local time. No value: the real now."""
    if not value:
        return clock.now()
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _rules(settings: Settings) -> reminders.RuleSet | None:
    try:
        return reminders.load_rules(settings.config_dir)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def _moment(args: argparse.Namespace, tz: ZoneInfo) -> datetime | None:
    try:
        return parse_moment(args.now, tz)
    except ValueError:
        print(f"medbot: --now {args.now!r} er ikke et tidspunkt (fx 2027-03-30T09:05)", file=sys.stderr)
        return None


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    """The same data as `påmindelser` for KommuneMED: every committee, every rule."""
    tz = ZoneInfo(settings.timezone)
    rules, now = _rules(settings), _moment(args, tz)
    if rules is None or now is None:
        return 1
    today = now.astimezone(tz).date()
    with open_database(settings) as engine, session_scope(engine) as session:
        rows = reminders.statuses(session, rules)
    if args.json:
        document = {"as_of": today.isoformat(), "reminders": [row.to_json(today) for row in rows]}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    department = None
    for row in rows:
        if row.department != department:
            department = row.department
            print(f"\n{department or 'Hele kommunen'}")
        last = row.last_discussed.isoformat() if row.last_discussed else "–"
        unreachable = "  (ingen modtager)" if row.recipient == "none" else ""
        print(
            f"  {row.committee_name[:48]:48}  {row.rule.short[:16]:16}  senest {last:10}  "
            f"frist {row.next_due.isoformat()}  {STATE_LABELS[row.state(today)]}{unreachable}"
        )
    return 0


def run_now(args: argparse.Namespace, settings: Settings) -> int:
    """One evaluation, as the scheduler's tick would do it at `--now`."""
    tz = ZoneInfo(settings.timezone)
    now = _moment(args, tz)
    if now is None or _rules(settings) is None:
        return 1
    with open_database(settings) as engine:
        result = run_due(engine, now, tz, settings.config_dir)
    if not in_send_window(now, tz):
        print("Uden for sendetiden (hverdage kl. 9-16): ingen påmindelser skrevet.")
    print(f"Påmindelser i udbakken: {result.reminders}. Høringspåmindelser: {result.nudges}.")
    if result.unreachable:
        print("Uden modtager (ingen sekretær med appen, ingen kanal): " + ", ".join(result.unreachable))
    return 0


def run_done(args: argparse.Namespace, settings: Settings) -> int:
    """Record a discussion held in a meeting; the next due date counts from it."""
    tz = ZoneInfo(settings.timezone)
    rules = _rules(settings)
    if rules is None:
        return 1
    now = clock.now()
    today = now.astimezone(tz).date()
    try:
        discussed_on = date.fromisoformat(args.date) if args.date else today
    except ValueError:
        print(f"medbot: --date {args.date!r} er ikke en dato (ÅÅÅÅ-MM-DD)", file=sys.stderr)
        return 2
    rule = rules.get(args.rule)
    if rule is None:
        print(f"medbot: ukendt regel {args.rule!r} ({', '.join(sorted(rules.ids))})", file=sys.stderr)
        return 1
    with open_database(settings) as engine, session_scope(engine) as session:
        committee = session.get(Committee, args.committee)
        if committee is None or not committee.active:
            print(f"medbot: ukendt udvalg {args.committee!r} (se `medbot reminders list`)", file=sys.stderr)
            return 1
        try:
            following = reminders.record(
                session,
                rules,
                committee=committee,
                rule=rule,
                discussed_on=discussed_on,
                today=today,
                recorded_by=VIA_CLI,
                via=VIA_CLI,
                now=now,
            )
        except reminders.Refused as refusal:
            print(f"medbot: {refusal}", file=sys.stderr)
            return 1
        name = committee.name
    print(f"Registreret: {name} drøftede »{rule.title}« {discussed_on.isoformat()}. Næste frist: {following}.")
    return 0


def run_check(_args: argparse.Namespace, settings: Settings) -> int:
    """The rules file and what it cites; `file:line: message` for each problem."""
    rules = _rules(settings)
    if rules is None:
        return 1
    problems = reminders.citation_problems(rules, settings.knowledge_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(rules.rules)} regler er i orden: " + ", ".join(rule.id for rule in rules.rules))
    return 0
