"""The fixed MED discussions: rules as data, due dates, the evaluation that writes reminders, and the dialogs.

Rules live in `config/reminder-rules.yaml`. A committee's next due date is the date of its last recorded
discussion (organisation file, card, CLI) plus the rule's interval, else the rules' start date plus the interval,
moved to the next working day. Around it lie the stages a reminder goes out at: `lead` (lead_days before),
`due`, and `followup-N` while it is overdue. The evaluation writes only the newest stage that has arrived, as an
outbox row with the dedupe key `reminder:<rule>:<committee>:<due date>:<stage>`, so any number of evaluations,
processes and restarts send each reminder once; after downtime a missed reminder goes out once, as its newest stage.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from dialogs.base import Actor, Handler, Reply, Request, Response, Turn, activity_json
from dialogs.cards import reminders as cards
from dialogs.roles import can_see_all_committees
from dialogs.workdays import in_send_window, next_working_day
from knowledge.validate import parse_file
from knowledge.yamlfile import InputError, Problem, line_of
from knowledge.yamlfile import load as load_yaml
from storage import reminders as store
from storage.conversations import Conversation
from storage.org import Committee, CommitteeKind, MemberRole, Membership, Person, committees
from storage.outbox import OutboxMessage, enqueue

log = logging.getLogger(__name__)

RULES_FILE = "reminder-rules.yaml"
MARKING_ROLES = (MemberRole.SECRETARY.value, MemberRole.CHAIR.value)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_KINDS = {kind.value.lower(): kind.value for kind in CommitteeKind}


# ---------------------------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class Citation:
    """Where a rule is written: a source document, text that occurs verbatim in it, and how the card names it."""

    document: str
    section: str
    label: str


@dataclass(frozen=True)
class Rule:
    """One fixed discussion: which committees, how often, when to remind, what the card says and cites."""

    id: str
    title: str
    short: str
    applies_to: frozenset[str]
    interval_months: int
    lead_days: int
    followup_every_days: int
    followup_max: int
    what: str
    why: str
    learn_more: str
    knowledge_entry: str
    source: Citation
    line: int = 0

    def applies(self, kind: str) -> bool:
        """True when committees of this kind have the discussion."""
        return kind in self.applies_to


@dataclass(frozen=True)
class RuleSet:
    """The rules file: the rules in file order and the date committees without a recorded discussion count from."""

    start_date: date
    rules: tuple[Rule, ...]
    file: str = ""

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, if any."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    @property
    def ids(self) -> frozenset[str]:
        """Every rule id, for checking the organisation file."""
        return frozenset(rule.id for rule in self.rules)


class _Fields:
    """Reads typed fields from one mapping of the rules file and collects every problem with its line."""

    def __init__(self, file: str, raw: Mapping[str, Any], problems: list[Problem], where: str) -> None:
        self.file, self.raw, self.problems, self.where = file, raw, problems, where
        self.line = line_of(raw)

    def fail(self, message: str) -> None:
        """Record a problem at this mapping's line."""
        self.problems.append(Problem(self.file, self.line, f"{self.where}: {message}"))

    def text(self, key: str, *, required: bool = True) -> str:
        """A non-empty text, its whitespace folded ('' when optional and absent)."""
        value = self.raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' skal være en tekst")
            return ""
        return " ".join(value.split())

    def number(self, key: str, default: int | None, low: int, high: int) -> int:
        """A whole number in [low, high]; `default` when absent (None: required)."""
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(f"'{key}' skal være et helt tal fra {low} til {high}")
            return low
        return value

    def mapping(self, key: str, *, required: bool = True) -> Mapping[str, Any]:
        """A nested mapping ({} when optional and absent)."""
        value = self.raw.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, Mapping):
            self.fail(f"'{key}' skal være en mapping")
            return {}
        return value


def parse_rules(path: Path) -> RuleSet:
    """Read and check the rules file; every problem is reported at once, with its line."""
    data = load_yaml(path)
    file = str(path)
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InputError([Problem(file, 1, "filen skal være en mapping med 'start_date', 'defaults' og 'rules'")])
    top = _Fields(file, data, problems, "filen")
    start = data.get("start_date")
    if not isinstance(start, date) or isinstance(start, datetime):
        top.fail("'start_date' skal være en dato (ÅÅÅÅ-MM-DD)")
        start = date.min
    defaults = top.mapping("defaults", required=False)
    default_fields = _Fields(file, defaults, problems, "defaults")
    default_lead = default_fields.number("lead_days", 21, 0, 365)
    default_followups = _Fields(file, default_fields.mapping("followups", required=False), problems, "defaults")
    default_every = default_followups.number("every_days", 7, 1, 90)
    default_max = default_followups.number("max", 3, 0, 20)
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        top.fail("'rules' skal være en liste med mindst én regel")
        raw_rules = []
    rules: list[Rule] = []
    seen: set[str] = set()
    for raw in raw_rules:
        if not isinstance(raw, Mapping):
            problems.append(Problem(file, line_of(raw_rules), "en regel skal være en mapping"))
            continue
        rule_id = str(raw.get("id") or "")
        fields = _Fields(file, raw, problems, f"regel {rule_id!r}")
        if not _ID.match(rule_id):
            fields.fail("ugyldigt id (små bogstaver, tal og '-')")
        elif rule_id in seen:
            fields.fail("id'et findes to gange")
        seen.add(rule_id)
        kinds = raw.get("applies_to")
        applies: set[str] = set()
        if not isinstance(kinds, list) or not kinds:
            fields.fail("'applies_to' skal være en liste af udvalgstyper")
        else:
            for kind in kinds:
                if str(kind).lower() in _KINDS:
                    applies.add(_KINDS[str(kind).lower()])
                else:
                    fields.fail(f"ukendt udvalgstype {kind!r} ({', '.join(_KINDS.values())})")
        followups = _Fields(file, fields.mapping("followups", required=False), problems, f"regel {rule_id!r}")
        card = _Fields(file, fields.mapping("card"), problems, f"regel {rule_id!r}, card")
        source = _Fields(file, fields.mapping("source"), problems, f"regel {rule_id!r}, source")
        entry = fields.text("knowledge_entry")
        if entry and not _ID.match(entry):
            fields.fail(f"ugyldigt knowledge_entry {entry!r}")
        rules.append(
            Rule(
                id=rule_id,
                title=fields.text("title"),
                short=fields.text("short", required=False) or fields.text("title"),
                applies_to=frozenset(applies),
                interval_months=fields.number("interval_months", None, 1, 60),
                lead_days=fields.number("lead_days", default_lead, 0, 365),
                followup_every_days=followups.number("every_days", default_every, 1, 90),
                followup_max=followups.number("max", default_max, 0, 20),
                what=card.text("what"),
                why=card.text("why"),
                learn_more=card.text("learn_more", required=False),
                knowledge_entry=entry,
                source=Citation(source.text("document"), source.text("section"), source.text("label")),
                line=line_of(raw),
            )
        )
    if problems:
        raise InputError(problems)
    return RuleSet(start_date=start, rules=tuple(rules), file=file)


@lru_cache(maxsize=8)
def _parse_cached(path: Path, _mtime_ns: int, _size: int) -> RuleSet:
    return parse_rules(path)


def load_rules(config_dir: Path) -> RuleSet:
    """The rules in `config_dir`, read again only when the file changed (an edit needs no restart)."""
    path = config_dir / RULES_FILE
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError([Problem(str(path), 0, f"kan ikke læses: {exc}")]) from exc
    return _parse_cached(path, stat.st_mtime_ns, stat.st_size)


def citation_problems(rules: RuleSet, knowledge_dir: Path) -> list[Problem]:
    """Each rule must cite a knowledge entry that exists and a section that occurs verbatim in its source."""
    entries: dict[str, set[str]] = {}
    for content in sorted((knowledge_dir / "content").glob("*.yaml")):
        for entry in parse_file(content)[0]:
            entries[entry.id] = {source.document for source in entry.sources}
    problems: list[Problem] = []
    for rule in rules.rules:
        where = f"regel {rule.id!r}"
        if rule.knowledge_entry not in entries:
            problems.append(Problem(rules.file, rule.line, f"{where}: ukendt knowledge_entry {rule.knowledge_entry!r}"))
        elif rule.source.document not in entries[rule.knowledge_entry]:
            problems.append(
                Problem(
                    rules.file,
                    rule.line,
                    f"{where}: {rule.knowledge_entry!r} citerer ikke dokumentet {rule.source.document!r}",
                )
            )
        document = knowledge_dir / "sources" / f"{rule.source.document}.txt"
        if not document.is_file():
            problems.append(Problem(rules.file, rule.line, f"{where}: kilden {document.name} findes ikke"))
        elif rule.source.section not in document.read_text(encoding="utf-8"):
            problems.append(Problem(rules.file, rule.line, f"{where}: afsnittet står ikke ordret i {document.name}"))
    return problems


# ---------------------------------------------------------------------------------------------------------------
# Calendar (pure)


@dataclass(frozen=True)
class Stage:
    """A moment a reminder goes out: its name in the dedupe key and the working day it is sent on."""

    name: str
    day: date


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st (or 29 February) becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def due_date(last_discussed: date | None, start_date: date, interval_months: int) -> date:
    """The next due date: from the last discussion (else the start date), on a working day."""
    return next_working_day(add_months(last_discussed or start_date, interval_months))


def schedule(due: date, rule: Rule) -> tuple[Stage, ...]:
    """Every stage of one due date, in order: lead, due, follow-ups; each on a working day."""
    stages: list[Stage] = []
    if rule.lead_days > 0:
        lead = next_working_day(due - timedelta(days=rule.lead_days))
        if lead < due:
            stages.append(Stage("lead", lead))
    stages.append(Stage("due", due))
    for number in range(1, rule.followup_max + 1):
        day = next_working_day(due + timedelta(days=number * rule.followup_every_days))
        if day > stages[-1].day:
            stages.append(Stage(f"followup-{number}", day))
    return tuple(stages)


def current_stage(stages: Sequence[Stage], today: date, snoozed_until: date | None = None) -> Stage | None:
    """The newest stage that has arrived by `today`: the one reminder to send, however many ticks were missed.

    A snoozed reminder stays quiet until `snoozed_until` and then comes back once, unless a later stage is due.
    """
    arrived = [stage for stage in stages if stage.day <= today]
    if snoozed_until is not None:
        if today < snoozed_until:
            return None
        if not arrived or arrived[-1].day < snoozed_until:
            return Stage(f"snooze-{snoozed_until.isoformat()}", snoozed_until)
    return arrived[-1] if arrived else None


def dedupe_key(rule_id: str, committee_id: str, due: date, stage: str) -> str:
    """The outbox key that makes a reminder exactly-once (docs/architecture.md)."""
    return f"reminder:{rule_id}:{committee_id}:{due.isoformat()}:{stage}"


# ---------------------------------------------------------------------------------------------------------------
# State of every committee


@dataclass(frozen=True)
class Status:
    """Where one committee stands with one rule."""

    committee_id: str
    committee_name: str
    kind: str
    department: str
    rule: Rule
    interval_months: int
    last_discussed: date | None
    next_due: date
    snoozed_until: date | None
    recipient: str  # secretary | channel | none

    def state(self, today: date) -> str:
        """overdue | due_soon (inside the lead time) | ok."""
        if today > self.next_due:
            return "overdue"
        if today >= self.next_due - timedelta(days=self.rule.lead_days):
            return "due_soon"
        return "ok"

    def to_json(self, today: date) -> dict[str, Any]:
        """One row of `medbot reminders list --json`."""
        return {
            "committee_id": self.committee_id,
            "committee": self.committee_name,
            "kind": self.kind,
            "department": self.department,
            "rule": self.rule.id,
            "title": self.rule.title,
            "interval_months": self.interval_months,
            "last_discussed": self.last_discussed.isoformat() if self.last_discussed else None,
            "next_due": self.next_due.isoformat(),
            "status": self.state(today),
            "days_overdue": max(0, (today - self.next_due).days),
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "recipient": self.recipient,
        }


@dataclass(frozen=True)
class Recipient:
    """Where a committee's reminders go: a secretary's 1:1 chat, else the committee's channel."""

    kind: str  # secretary | channel
    tenant_id: str
    user_aad_id: str = ""
    conversation_id: str | None = None


def recipients(session: Session, units: Sequence[Committee]) -> dict[str, Recipient]:
    """The first secretary (by name) who has the app; else the linked channel; committees with neither are left out."""
    wanted = {unit.id for unit in units}
    secretaries: dict[str, list[str]] = {}
    rows = session.exec(
        select(Membership.committee_id, Person.aad_object_id)
        .join(Person, col(Person.id) == col(Membership.person_id))
        .where(Membership.role == MemberRole.SECRETARY.value, col(Membership.committee_id).in_(wanted))
        .order_by(col(Person.name))
    )
    for committee_id, aad in rows:
        if aad:
            secretaries.setdefault(committee_id, []).append(aad.lower())
    aads = {aad for listed in secretaries.values() for aad in listed}
    linked = {unit.conversation_id for unit in units if unit.conversation_id}
    installed = session.exec(
        select(Conversation)
        .where(
            Conversation.installed == True,  # noqa: E712 - SQL expression
            (col(Conversation.kind) == "personal") & func.lower(Conversation.user_aad_id).in_(aads)
            | col(Conversation.id).in_(linked),
        )
        .order_by(col(Conversation.updated_at))
    )
    personal: dict[str, Conversation] = {}
    channels: dict[str, Conversation] = {}
    for conversation in installed:
        if conversation.kind == "personal":
            personal[conversation.user_aad_id.lower()] = conversation  # the newest wins
        channels[conversation.id] = conversation
    found: dict[str, Recipient] = {}
    for unit in units:
        with_app = [aad for aad in secretaries.get(unit.id, []) if aad in personal]
        if with_app:
            found[unit.id] = Recipient("secretary", personal[with_app[0]].tenant_id, user_aad_id=with_app[0])
        elif unit.conversation_id and unit.conversation_id in channels:
            channel = channels[unit.conversation_id]
            found[unit.id] = Recipient("channel", channel.tenant_id, conversation_id=channel.id)
    return found


def statuses(session: Session, rules: RuleSet, only: Iterable[str] | None = None) -> list[Status]:
    """Every active committee × applicable rule (or only the committees in `only`), by department and name."""
    return _survey(session, rules, only)[0]


def _survey(
    session: Session, rules: RuleSet, only: Iterable[str] | None = None
) -> tuple[list[Status], dict[str, Recipient]]:
    """The statuses, and where each committee's reminders can go."""
    wanted = set(only) if only is not None else None
    units = [c for c in committees(session) if wanted is None or c.id in wanted]
    latest = store.latest_discussions(session)
    overrides = store.interval_overrides(session)
    reach = recipients(session, units)
    pairs: list[tuple[Committee, Rule, int, date | None, date]] = []
    for unit in units:
        for rule in rules.rules:
            if not rule.applies(unit.kind):
                continue
            months = overrides.get((unit.id, rule.id), rule.interval_months)
            last = latest.get((unit.id, rule.id))
            last_on = last.discussed_on if last else None
            pairs.append((unit, rule, months, last_on, due_date(last_on, rules.start_date, months)))
    occurrences = store.occurrences_due_on(session, ((u.id, r.id, due) for u, r, _m, _l, due in pairs))
    result = []
    for unit, rule, months, last_on, due in pairs:
        occurrence = occurrences.get((unit.id, rule.id, due))
        result.append(
            Status(
                committee_id=unit.id,
                committee_name=unit.name,
                kind=unit.kind,
                department=unit.department,
                rule=rule,
                interval_months=months,
                last_discussed=last_on,
                next_due=due,
                snoozed_until=occurrence.snoozed_until if occurrence and not occurrence.done_at else None,
                recipient=reach[unit.id].kind if unit.id in reach else "none",
            )
        )
    return result, reach


# ---------------------------------------------------------------------------------------------------------------
# Evaluation: the scheduler's tick and `medbot reminders run`


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation did: reminders written to the outbox, and committees it could not reach."""

    written: int
    unreachable: tuple[str, ...] = ()


def evaluate(session: Session, now: datetime, tz: ZoneInfo, rules: RuleSet) -> Evaluation:
    """Write every reminder whose stage has arrived and is not in the outbox yet; only inside the send window.

    Runs in the caller's transaction. Two processes evaluating at once write each reminder once: the
    occurrence and the outbox row are both inserted with ON CONFLICT DO NOTHING on their unique keys.
    """
    if not in_send_window(now, tz):
        return Evaluation(0)
    today = now.astimezone(tz).date()
    survey, reach = _survey(session, rules)
    due_now: list[tuple[Status, Stage, str]] = []
    for status in survey:
        stage = current_stage(schedule(status.next_due, status.rule), today, status.snoozed_until)
        if stage is not None:
            key = dedupe_key(status.rule.id, status.committee_id, status.next_due, stage.name)
            due_now.append((status, stage, key))
    if not due_now:
        return Evaluation(0)
    keys = [key for _s, _st, key in due_now]
    sent = set(session.exec(select(OutboxMessage.dedupe_key).where(col(OutboxMessage.dedupe_key).in_(keys))))
    pending = [item for item in due_now if item[2] not in sent]
    written = 0
    unreachable: list[str] = []
    for status, stage, key in pending:
        recipient = reach.get(status.committee_id)
        if recipient is None:
            unreachable.append(status.committee_id)
            continue
        occurrence = store.ensure_occurrence(session, status.committee_id, status.rule.id, status.next_due, now)
        view = cards.ReminderView(
            occurrence_id=occurrence.id,
            committee=status.committee_name,
            rule=status.rule,
            interval_months=status.interval_months,
            due=status.next_due,
            last_discussed=status.last_discussed,
            today=today,
            stage=stage.name,
        )
        reply = Reply(text=cards.reminder_summary(view), card=cards.reminder_card(view))
        added = enqueue(
            session,
            dedupe_key=key,
            activity=activity_json(reply),
            conversation_id=recipient.conversation_id,
            user_aad_id=recipient.user_aad_id,
            tenant_id=recipient.tenant_id,
            now=now,
        )
        if added:
            written += 1
            log.info("reminder.queued key=%s recipient=%s", key, recipient.kind)
    if unreachable:
        log.info("reminder.unreachable committees=%s", ",".join(sorted(set(unreachable))))
    return Evaluation(written, tuple(sorted(set(unreachable))))


# ---------------------------------------------------------------------------------------------------------------
# Recording a discussion (the card and the CLI)


class Refused(Exception):
    """A discussion could not be recorded; the message says why, in Danish, and nothing was changed."""


def parse_day(value: Any, today: date) -> date:
    """The date from the card's date field (ISO, or d.m.yyyy typed in `medbot chat`); empty means today."""
    raw = str(value or "").strip()
    if not raw:
        return today
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})", raw)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    raise Refused(cards.BAD_DATE.format(value=raw[:40]))


def record(
    session: Session,
    rules: RuleSet,
    *,
    committee: Committee,
    rule: Rule,
    discussed_on: date,
    today: date,
    recorded_by: str,
    via: str,
    now: datetime,
) -> date:
    """Record that `committee` discussed `rule` on `discussed_on`; returns the next due date."""
    if not rule.applies(committee.kind):
        raise Refused(cards.NOT_APPLICABLE.format(rule=rule.title, committee=committee.name, kind=committee.kind))
    if discussed_on > today:
        raise Refused(cards.FUTURE_DATE.format(day=cards.danish_date(discussed_on)))
    last = store.last_discussion(session, committee.id, rule.id)
    if last is not None and discussed_on <= last.discussed_on:
        raise Refused(cards.NOT_AFTER_LAST.format(committee=committee.name, last=cards.danish_date(last.discussed_on)))
    if not store.record_discussion(
        session,
        committee_id=committee.id,
        rule_id=rule.id,
        discussed_on=discussed_on,
        recorded_by=recorded_by,
        via=via,
        now=now,
    ):
        raise Refused(cards.NOT_AFTER_LAST.format(committee=committee.name, last=cards.danish_date(discussed_on)))
    log.info("reminder.discussed committee=%s rule=%s via=%s", committee.id, rule.id, via)
    return next_due(session, rules, committee.id, rule)


def next_due(session: Session, rules: RuleSet, committee_id: str, rule: Rule) -> date:
    """The committee's next due date for a rule, as things stand in the database."""
    last = store.last_discussion(session, committee_id, rule.id)
    months = store.interval_overrides(session).get((committee_id, rule.id), rule.interval_months)
    return due_date(last.discussed_on if last else None, rules.start_date, months)


# ---------------------------------------------------------------------------------------------------------------
# Dialogs


def may_mark(actor: Actor, committee_id: str) -> bool:
    """The committee's secretary or chair may mark its discussions done or put a reminder off."""
    return actor.holds(committee_id, *MARKING_ROLES)


def _rules(turn: Turn) -> RuleSet | None:
    try:
        return load_rules(turn.config_dir)
    except InputError:
        log.exception("reminder.rules_invalid")
        return None


def overview(request: Request, turn: Turn) -> Response:
    """`påmindelser`: a secretary's own committees; KommuneMED's leads and admins see every committee."""
    rules = _rules(turn)
    if rules is None:
        return Response.say(cards.RULES_BROKEN)
    today = turn.local(request.now).date()
    everyone = can_see_all_committees(request.actor)
    if everyone:
        rows = statuses(turn.session, rules)
    else:
        own = {seat.committee_id for seat in request.actor.seats if seat.role in MARKING_ROLES}
        if not own:
            return Response.say(cards.NO_COMMITTEES)
        rows = statuses(turn.session, rules, only=own)
        if not rows:
            return Response.say(cards.NO_RULES_FOR_YOU)
    card = cards.overview_card(rows, today, everyone=everyone)
    return Response.show(card, "Faste drøftelser")


def _occurrence_context(
    request: Request, turn: Turn
) -> tuple[store.ReminderOccurrence, Committee, Rule, RuleSet] | Response:
    """The occurrence a click refers to, when it exists and the clicker may act on it; else the refusal."""
    rules = _rules(turn)
    if rules is None:
        return Response.say(cards.RULES_BROKEN)
    occurrence = store.occurrence(turn.session, str(request.data.get("occurrence_id") or ""))
    committee = turn.session.get(Committee, occurrence.committee_id) if occurrence else None
    if occurrence is None or committee is None:
        log.info("reminder.unknown_occurrence action=%s", request.action)
        return Response.say(cards.UNKNOWN_OCCURRENCE)
    if not may_mark(request.actor, committee.id):
        log.info("reminder.refused occurrence=%s", occurrence.id)
        return Response.say(cards.NOT_YOURS.format(committee=committee.name))
    rule = rules.get(occurrence.rule_id)
    if rule is None:
        return Response.say(cards.RULE_GONE)
    return occurrence, committee, rule, rules


def _receipt(
    turn: Turn, occurrence: store.ReminderOccurrence, committee: Committee, rule: Rule, rules: RuleSet
) -> Response:
    """The card of a discussion that was marked before this click."""
    person = turn.session.get(Person, occurrence.done_by) if occurrence.done_by else None
    by = (
        person.name
        if person
        else {"cli": "HR & Løn (kommandolinjen)", "import": "organisationsfilen"}.get(occurrence.done_by, "")
    )
    return Response(
        card_update=cards.done_card(
            committee=committee.name,
            rule=rule,
            discussed_on=occurrence.done_on or occurrence.due_on,
            by=by,
            next_due=next_due(turn.session, rules, committee.id, rule),
            already=True,
        )
    )


def mark_done(request: Request, turn: Turn) -> Response:
    """ "Markér som drøftet": record the discussion, schedule the next one, replace the card with a receipt."""
    context = _occurrence_context(request, turn)
    if isinstance(context, Response):
        return context
    occurrence, committee, rule, rules = context
    if occurrence.done_at is not None:
        return _receipt(turn, occurrence, committee, rule, rules)
    today = turn.local(request.now).date()
    try:
        discussed_on = parse_day(request.data.get(cards.DATE_INPUT), today)
        following = record(
            turn.session,
            rules,
            committee=committee,
            rule=rule,
            discussed_on=discussed_on,
            today=today,
            recorded_by=request.actor.person_id or "",
            via=store.VIA_CARD,
            now=request.now,
        )
    except Refused as refusal:
        return Response.say(str(refusal))
    return Response(
        card_update=cards.done_card(
            committee=committee.name, rule=rule, discussed_on=discussed_on, by=request.actor.name, next_due=following
        )
    )


def snooze(request: Request, turn: Turn) -> Response:
    """ "Udskyd en uge": hold the reminder back a week (to a working day), then it comes once more."""
    context = _occurrence_context(request, turn)
    if isinstance(context, Response):
        return context
    occurrence, committee, rule, rules = context
    if occurrence.done_at is not None:
        return _receipt(turn, occurrence, committee, rule, rules)
    until = next_working_day(turn.local(request.now).date() + timedelta(days=7))
    if not store.snooze(turn.session, occurrence.id, until):
        turn.session.refresh(occurrence)
        return _receipt(turn, occurrence, committee, rule, rules)
    log.info("reminder.snoozed occurrence=%s until=%s", occurrence.id, until.isoformat())
    return Response(
        card_update=cards.snoozed_card(committee=committee.name, rule=rule, due=occurrence.due_on, until=until)
    )


COMMANDS: dict[str, Handler] = {"påmindelser": overview, "paamindelser": overview}
ACTIONS: dict[str, Handler] = {cards.DONE_ACTION: mark_done, cards.SNOOZE_ACTION: snooze}
