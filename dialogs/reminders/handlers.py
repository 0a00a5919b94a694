"""The reminders' dialogs: `påmindelser`, and the reminder card's "Markér som drøftet" and "Udskyd en uge"."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from dialogs.base import Actor, Request, Response, Turn
from dialogs.reminders import cards, texts
from dialogs.reminders.calendar import snooze_end
from dialogs.reminders.delivery import next_due, record, statuses
from dialogs.reminders.model import Refused, Rule, RuleSet
from dialogs.reminders.rules import load_rules
from dialogs.roles import can_see_all_committees
from knowledge.yamlfile import InputError
from storage import reminders as store
from storage.org import Committee, MemberRole, Person

log = logging.getLogger(__name__)

MARKING_ROLES = (MemberRole.SECRETARY.value, MemberRole.CHAIR.value)
_TYPED_DATE = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})")
_MARKED_BY = {store.VIA_CLI: texts.MARKED_BY_CLI, store.VIA_IMPORT: texts.MARKED_BY_IMPORT}


def may_mark(actor: Actor, committee_id: str) -> bool:
    """The committee's secretary or chair may mark its discussions done or put a reminder off."""
    return actor.holds(committee_id, *MARKING_ROLES)


def parse_day(value: Any, today: date) -> date:
    """The date from the card's date field (ISO, or d.m.yyyy typed in `medbot chat`); empty means today."""
    raw = str(value or "").strip()
    if not raw:
        return today
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    match = _TYPED_DATE.fullmatch(raw)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    raise Refused(texts.BAD_DATE.format(value=raw[:40]))


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
        return Response.say(texts.RULES_BROKEN)
    today = turn.local(request.now).date()
    everyone = can_see_all_committees(request.actor)
    if everyone:
        rows = statuses(turn.session, rules)
    else:
        own = {seat.committee_id for seat in request.actor.seats if seat.role in MARKING_ROLES}
        if not own:
            return Response.say(texts.NO_COMMITTEES)
        rows = statuses(turn.session, rules, only=own)
        if not rows:
            return Response.say(texts.NO_RULES_FOR_YOU)
    card = cards.overview_card(rows, today, everyone=everyone)
    return Response.show(card, texts.OVERVIEW_SUMMARY)


def _occurrence_context(
    request: Request, turn: Turn
) -> tuple[store.ReminderOccurrence, Committee, Rule, RuleSet] | Response:
    """The occurrence a click refers to, when it exists and the clicker may act on it; else the refusal."""
    rules = _rules(turn)
    if rules is None:
        return Response.say(texts.RULES_BROKEN)
    occurrence = store.occurrence(turn.session, str(request.data.get("occurrence_id") or ""))
    committee = turn.session.get(Committee, occurrence.committee_id) if occurrence else None
    if occurrence is None or committee is None:
        log.info("reminder.unknown_occurrence action=%s", request.action)
        return Response.say(texts.UNKNOWN_OCCURRENCE)
    if not may_mark(request.actor, committee.id):
        log.info("reminder.refused occurrence=%s", occurrence.id)
        return Response.say(texts.NOT_YOURS.format(committee=committee.name))
    rule = rules.get(occurrence.rule_id)
    if rule is None:
        return Response.say(texts.RULE_GONE)
    return occurrence, committee, rule, rules


def _receipt(
    turn: Turn, occurrence: store.ReminderOccurrence, committee: Committee, rule: Rule, rules: RuleSet
) -> Response:
    """The card of a discussion that was marked before this click."""
    person = turn.session.get(Person, occurrence.done_by) if occurrence.done_by else None
    by = person.name if person else _MARKED_BY.get(occurrence.done_by, "")
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
        discussed_on = parse_day(request.data.get(texts.DATE_INPUT), today)
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
    until = snooze_end(turn.local(request.now).date())
    if not store.snooze(turn.session, occurrence.id, until):
        turn.session.refresh(occurrence)
        return _receipt(turn, occurrence, committee, rule, rules)
    log.info("reminder.snoozed occurrence=%s until=%s", occurrence.id, until.isoformat())
    return Response(
        card_update=cards.snoozed_card(committee=committee.name, rule=rule, due=occurrence.due_on, until=until)
    )
