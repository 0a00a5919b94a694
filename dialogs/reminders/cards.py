"""The reminders' cards: the reminder, its receipts and the overview; pure functions of plain values.

The wording is in `texts`; this module only lays it out, so it imports neither the handlers nor the database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dialogs.cards import card, container, execute, facts, heading, submit, text
from dialogs.cards.qa import OPEN_ACTION
from dialogs.reminders import texts
from dialogs.reminders.model import COMPACT_FROM, MAX_CARD_BYTES, Rule, State, Status, Step
from knowledge.texts import danish_date, weekday_date
from storage.addresses import Via

# ---------------------------------------------------------------------------------------------------------------
# The reminder


@dataclass(frozen=True)
class ReminderView:
    """What one reminder card shows."""

    occurrence_id: str
    committee: str
    rule: Rule
    interval_months: int
    due: date
    last_discussed: date | None
    today: date
    stage: str  # a Stage's name: lead | due | followup-N | snooze-YYYY-MM-DD


def reminder_summary(view: ReminderView) -> str:
    """The notification text under the card."""
    return texts.REMINDER_SUMMARY.format(rule=view.rule.title, committee=view.committee, due=danish_date(view.due))


def reminder_card(view: ReminderView) -> dict[str, Any]:
    """The reminder to a committee's secretary: what to discuss, why, the source, the due date, and two buttons."""
    rule = view.rule
    if view.due > view.today:
        opening = texts.DUE_AHEAD.format(day=weekday_date(view.due))
    elif view.due == view.today:
        opening = texts.DUE_TODAY.format(day=weekday_date(view.due))
    else:
        opening = texts.DUE_PASSED.format(day=weekday_date(view.due))
    if view.stage.startswith(f"{Step.SNOOZE}-"):
        opening = texts.SNOOZE_BACK.format(opening=opening)
    why = rule.why
    if view.interval_months != rule.interval_months:
        why += texts.OWN_INTERVAL.format(committee=view.committee, interval=texts.interval_phrase(view.interval_months))
    last = weekday_date(view.last_discussed) if view.last_discussed else texts.NOT_RECORDED
    rows = [
        (texts.COMMITTEE, view.committee),
        (texts.DUE, texts.DUE_WHEN.format(day=weekday_date(view.due), phrase=texts.due_phrase(view.due, view.today))),
        (texts.LAST_DISCUSSED, last),
    ]
    body = [
        heading(rule.title, size="Medium"),
        text(opening),
        text(texts.WHAT.format(what=rule.what)),
        text(texts.WHY.format(why=why)),
        facts(rows),
        text(texts.SOURCE.format(label=rule.source.label, section=rule.source.section), subtle=True, size="Small"),
        {
            "type": "Input.Date",
            "id": texts.DATE_INPUT,
            "label": texts.DATE_LABEL,
            "max": view.today.isoformat(),
        },
    ]
    actions = [
        execute(texts.DONE_BUTTON, texts.DONE_ACTION, style="positive", occurrence_id=view.occurrence_id),
        execute(texts.SNOOZE_BUTTON, texts.SNOOZE_ACTION, occurrence_id=view.occurrence_id),
    ]
    # The entry the rule cites, opened by id (`qa.open`) like every other answer button: imBack fails silently in
    # some clients (Agents Playground), and an id cannot drift from the entry as a typed question can.
    actions.append(submit(texts.LEARN_MORE, OPEN_ACTION, entry_id=rule.knowledge_entry))
    return card(body, actions, fallback=reminder_summary(view))


def done_card(
    *, committee: str, rule: Rule, discussed_on: date, by: str, next_due: date, already: bool = False
) -> dict[str, Any]:
    """Replaces the reminder once the discussion is marked (or shows who marked it first)."""
    title = texts.ALREADY_MARKED if already else texts.MARKED
    body = [
        heading(title, size="Medium"),
        facts(
            [
                (texts.COMMITTEE, committee),
                (texts.DISCUSSION, rule.title),
                (texts.DISCUSSED, weekday_date(discussed_on)),
                (texts.MARKED_BY, by or texts.UNKNOWN_PERSON),
                (texts.NEXT_DUE, weekday_date(next_due)),
            ]
        ),
        text(texts.NEXT_REMINDER.format(lead_days=rule.lead_days), subtle=True),
    ]
    return card(body, fallback=texts.MARKED_FALLBACK.format(title=title, rule=rule.title, committee=committee))


def snoozed_card(*, committee: str, rule: Rule, due: date, until: date) -> dict[str, Any]:
    """Replaces the reminder when it is put off for a week."""
    body = [
        heading(texts.SNOOZED, size="Medium"),
        text(texts.SNOOZED_UNTIL.format(rule=rule.title, committee=committee, day=weekday_date(until))),
        facts([(texts.DUE, weekday_date(due))]),
    ]
    fallback = texts.SNOOZED_FALLBACK.format(day=danish_date(until), rule=rule.title, committee=committee)
    return card(body, fallback=fallback)


# ---------------------------------------------------------------------------------------------------------------
# The overview (`påmindelser`)


def _line(status: Status, today: date, *, compact: bool, everyone: bool) -> str:
    """One rule for one committee: last discussed, next due, and how it stands."""
    due = texts.numeric_date(status.next_due) if compact else danish_date(status.next_due)
    when = texts.LINE_DUE.format(due=due, phrase=texts.due_phrase(status.next_due, today))
    if status.state(today) is State.OVERDUE:
        when = f"**{when}**"
    if compact:
        return f"{status.rule.short}: {when}"
    last = texts.LINE_LAST.format(day=danish_date(status.last_discussed)) if status.last_discussed else texts.LINE_NEVER
    parts = [f"{status.rule.short}: {last}", when]
    if status.snoozed_until and status.snoozed_until > today:
        parts.append(texts.LINE_SNOOZED.format(day=danish_date(status.snoozed_until)))
    if everyone and status.recipient == Via.NONE:
        parts.append(texts.LINE_NO_RECIPIENT)
    return " · ".join(parts)


def _by_committee(statuses: Sequence[Status]) -> list[list[Status]]:
    groups: dict[str, list[Status]] = {}
    for status in statuses:
        groups.setdefault(status.committee_id, []).append(status)
    return list(groups.values())


def _committee_block(rows: list[Status], today: date, *, compact: bool, everyone: bool) -> dict[str, Any]:
    overdue = any(r.state(today) is State.OVERDUE for r in rows)
    name = rows[0].committee_name
    if compact:
        return text(
            f"**{name}** – " + " · ".join(_line(r, today, compact=True, everyone=everyone) for r in rows),
            size="Small",
            color="Attention" if overdue else "Default",
        )
    return container(
        [
            text(f"**{name}**", spacing="Small", color="Attention" if overdue else "Default"),
            text(
                "\n".join(f"- {_line(r, today, compact=False, everyone=everyone)}" for r in rows),
                size="Small",
                spacing="None",
            ),
        ]
    )


def _summary(statuses: Sequence[Status], today: date) -> dict[str, Any]:
    counts = {state: sum(1 for s in statuses if s.state(today) is state) for state in State}
    return facts(
        [
            (texts.COUNT_OVERDUE, str(counts[State.OVERDUE])),
            (texts.COUNT_DUE_SOON, str(counts[State.DUE_SOON])),
            (texts.COUNT_OK, str(counts[State.OK])),
        ]
    )


def overview_card(statuses: Sequence[Status], today: date, *, everyone: bool) -> dict[str, Any]:
    """Every committee's fixed discussions grouped by department (KommuneMED, admins), or one secretary's own."""
    title = texts.OVERVIEW_EVERYONE if everyone else texts.OVERVIEW_OWN
    committees = _by_committee(statuses)
    compact = len(committees) > COMPACT_FROM
    head = [heading(title, size="Medium"), text(texts.AS_OF.format(day=danish_date(today)), subtle=True)]
    if everyone:
        head.append(_summary(statuses, today))
    departments: dict[str, list[list[Status]]] = {}
    for rows in committees:
        departments.setdefault(rows[0].department or texts.WHOLE_MUNICIPALITY, []).append(rows)
    body = list(head)
    shown = 0
    for department, groups in departments.items():
        block = container(
            [heading(department, size="Small")]
            + [_committee_block(g, today, compact=compact, everyone=everyone) for g in groups],
            separator=True,
        )
        candidate = card([*body, block])
        if len(json.dumps(candidate, ensure_ascii=False).encode()) > MAX_CARD_BYTES:
            break
        body.append(block)
        shown += len(groups)
    if shown < len(committees):
        body.append(text(texts.MORE_COMMITTEES.format(count=len(committees) - shown), subtle=True))
    body.append(text(texts.OVERVIEW_NOTE_EVERYONE if everyone else texts.OVERVIEW_NOTE_OWN, subtle=True, size="Small"))
    return card(body, fallback=title)
