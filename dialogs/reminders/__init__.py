"""The fixed MED discussions: rules as data, due dates, the evaluation that writes reminders, and the dialogs.

Rules live in `config/reminder-rules.yaml` (`rules`). A committee's next due date and the stages a reminder goes
out at are pure date arithmetic (`calendar`); `delivery` surveys every committee, writes due reminders to the
outbox exactly once and records discussions; `handlers` are the dialogs, `cards` their cards and `texts` every
Danish sentence. The names below are what the service, the CLI and the tests use.
"""

from dialogs.reminders.calendar import add_months, current_stage, due_date, schedule
from dialogs.reminders.delivery import evaluate, record, statuses
from dialogs.reminders.handlers import mark_done, overview, snooze
from dialogs.reminders.model import RULES_FILE, Evaluation, Refused, Rule, RuleSet, Stage, Status
from dialogs.reminders.rules import citation_problems, load_rules

__all__ = [
    "RULES_FILE",
    "Evaluation",
    "Refused",
    "Rule",
    "RuleSet",
    "Stage",
    "Status",
    "add_months",
    "citation_problems",
    "current_stage",
    "due_date",
    "evaluate",
    "load_rules",
    "mark_done",
    "overview",
    "record",
    "schedule",
    "snooze",
    "statuses",
]
