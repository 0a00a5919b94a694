"""Where every committee stands, the evaluation that writes reminders, and recording a discussion.

The evaluation writes only the newest stage that has arrived, as an outbox row under the dedupe key of
`calendar.dedupe_key`, so any number of evaluations, processes and restarts send each reminder once; after downtime
a missed reminder goes out once, as its newest stage. A reminder goes to the first secretary (by name) who has the
app, else to the committee's linked channel.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from dialogs.base import Reply, activity_json
from dialogs.reminders import cards, texts
from dialogs.reminders.calendar import current_stage, dedupe_key, due_date, schedule
from dialogs.reminders.model import Evaluation, Refused, Rule, RuleSet, Stage, Status
from dialogs.workdays import in_send_window
from knowledge.texts import danish_date
from storage import reminders as store
from storage.addresses import NOWHERE, Address
from storage.org import Committee, committees
from storage.outbox import OutboxMessage, enqueue_to

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------------------------
# State of every committee


def recipients(session: Session, units: Sequence[Committee]) -> dict[str, Address]:
    """The first secretary (by name) who has the app; else the linked channel; committees with neither are left out."""
    secretaries = store.secretaries_by_committee(session, {unit.id for unit in units})
    chats = store.personal_chats(session, {aad for listed in secretaries.values() for aad in listed})
    channels = store.installed_conversations(session, {unit.conversation_id for unit in units if unit.conversation_id})
    found: dict[str, Address] = {}
    for unit in units:
        with_app = next((aad for aad in secretaries.get(unit.id, []) if aad in chats), None)
        if with_app is not None:
            found[unit.id] = Address.secretary(with_app, chats[with_app].tenant_id)
        elif unit.conversation_id and unit.conversation_id in channels:
            found[unit.id] = Address.channel(unit.conversation_id, channels[unit.conversation_id].tenant_id)
    return found


def statuses(session: Session, rules: RuleSet, only: Iterable[str] | None = None) -> list[Status]:
    """Every active committee × applicable rule (or only the committees in `only`), by department and name."""
    return _survey(session, rules, only)[0]


def _survey(
    session: Session, rules: RuleSet, only: Iterable[str] | None = None
) -> tuple[list[Status], dict[str, Address]]:
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
                recipient=reach.get(unit.id, NOWHERE).via,
            )
        )
    return result, reach


# ---------------------------------------------------------------------------------------------------------------
# Evaluation: the scheduler's tick and `medbot reminders run`


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
    written = 0
    unreachable: set[str] = set()
    for status, stage, key in due_now:
        if key in sent:
            continue
        address = reach.get(status.committee_id)
        if address is None:
            unreachable.add(status.committee_id)
            continue
        if _enqueue(session, status, stage, key, address, today, now):
            written += 1
            log.info("reminder.queued key=%s recipient=%s", key, address.via)
    if unreachable:
        log.info("reminder.unreachable committees=%s", ",".join(sorted(unreachable)))
    return Evaluation(written, tuple(sorted(unreachable)))


def _enqueue(
    session: Session, status: Status, stage: Stage, key: str, address: Address, today: date, now: datetime
) -> bool:
    """The reminder card of one stage into the outbox; False when another process wrote it first."""
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
    return enqueue_to(session, address, dedupe_key=key, activity=activity_json(reply), now=now)


# ---------------------------------------------------------------------------------------------------------------
# Recording a discussion (the card and the CLI)


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
        raise Refused(texts.NOT_APPLICABLE.format(rule=rule.title, committee=committee.name, kind=committee.kind))
    if discussed_on > today:
        raise Refused(texts.FUTURE_DATE.format(day=danish_date(discussed_on)))
    last = store.last_discussion(session, committee.id, rule.id)
    if last is not None and discussed_on <= last.discussed_on:
        raise Refused(texts.NOT_AFTER_LAST.format(committee=committee.name, last=danish_date(last.discussed_on)))
    if not store.record_discussion(
        session,
        committee_id=committee.id,
        rule_id=rule.id,
        discussed_on=discussed_on,
        recorded_by=recorded_by,
        via=via,
        now=now,
    ):
        raise Refused(texts.NOT_AFTER_LAST.format(committee=committee.name, last=danish_date(discussed_on)))
    log.info("reminder.discussed committee=%s rule=%s via=%s", committee.id, rule.id, via)
    return next_due(session, rules, committee.id, rule)


def next_due(session: Session, rules: RuleSet, committee_id: str, rule: Rule) -> date:
    """The committee's next due date for a rule, as things stand in the database."""
    last = store.last_discussion(session, committee_id, rule.id)
    months = store.interval_overrides(session).get((committee_id, rule.id), rule.interval_months)
    return due_date(last.discussed_on if last else None, rules.start_date, months)
