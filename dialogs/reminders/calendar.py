"""Due dates and the stages around them: pure functions over dates, no database.

A committee's next due date is the date of its last recorded discussion (organisation file, card, CLI) plus the
rule's interval, else the rules' start date plus the interval, moved to the next working day. Around it lie the
stages a reminder goes out at: `lead` (lead_days before), `due`, and `followup-N` while it is overdue. The
evaluation writes only the newest stage that has arrived, under the dedupe key
`reminder:<rule>:<committee>:<due date>:<stage>`, so each reminder is sent once however often it runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from dialogs.reminders.model import SNOOZE_WEEKS, Rule, Stage, Step
from dialogs.workdays import next_working_day


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st (or 29 February) becomes the last day of a shorter month."""
    moved: date = day + relativedelta(months=months)
    return moved


def due_date(last_discussed: date | None, start_date: date, interval_months: int) -> date:
    """The next due date: from the last discussion (else the start date), on a working day."""
    return next_working_day(add_months(last_discussed or start_date, interval_months))


def schedule(due: date, rule: Rule) -> tuple[Stage, ...]:
    """Every stage of one due date, in order: lead, due, follow-ups; each on a working day."""
    stages: list[Stage] = []
    if rule.lead_days > 0:
        lead = next_working_day(due - timedelta(days=rule.lead_days))
        if lead < due:
            stages.append(Stage(Step.LEAD.value, lead))
    stages.append(Stage(Step.DUE.value, due))
    for number in range(1, rule.followup_max + 1):
        day = next_working_day(due + timedelta(days=number * rule.followup_every_days))
        if day > stages[-1].day:
            stages.append(Stage(f"{Step.FOLLOWUP}-{number}", day))
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
            return Stage(f"{Step.SNOOZE}-{snoozed_until.isoformat()}", snoozed_until)
    return arrived[-1] if arrived else None


def snooze_end(today: date) -> date:
    """The working day a snoozed reminder comes back on: a week (`SNOOZE_WEEKS`) from today."""
    return next_working_day(today + timedelta(weeks=SNOOZE_WEEKS))


def dedupe_key(rule_id: str, committee_id: str, due: date, stage: str) -> str:
    """The outbox key that makes a reminder exactly-once (docs/architecture.md)."""
    return f"reminder:{rule_id}:{committee_id}:{due.isoformat()}:{stage}"
