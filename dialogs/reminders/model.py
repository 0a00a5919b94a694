"""The reminders' types and limits: rules, stages, where a committee stands, and what an evaluation did.

Plain values only (no database, no files), so the calendar, the cards and the CLI share them without importing
each other. Names that end up in a dedupe key, a JSON field or a card payload are contracts (docs/architecture.md).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from storage.addresses import Via
from storage.org import CommitteeKind

RULES_FILE = "reminder-rules.yaml"


class Bounds(NamedTuple):
    """The whole numbers a rules-file field may hold, both ends included."""

    low: int
    high: int


RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")  # rule ids and knowledge entry ids alike
INTERVAL_MONTHS = Bounds(1, 60)
LEAD_DAYS = Bounds(0, 365)
FOLLOWUP_EVERY_DAYS = Bounds(1, 90)
FOLLOWUPS = Bounds(0, 20)
DEFAULT_LEAD_DAYS = 21
DEFAULT_FOLLOWUP_EVERY_DAYS = 7
DEFAULT_FOLLOWUPS = 3
SNOOZE_WEEKS = 1  # "Udskyd en uge"
# Teams refuses cards above about 28 KB; the overview stays below this with room for the envelope.
MAX_CARD_BYTES = 24_000
COMPACT_FROM = 20  # committees; more than this and the overview shows one line per committee


class Step(enum.StrEnum):
    """The stem of a stage's name in the dedupe key: `lead`, `due`, `followup-N`, `snooze-YYYY-MM-DD`."""

    LEAD = "lead"
    DUE = "due"
    FOLLOWUP = "followup"
    SNOOZE = "snooze"


class State(enum.StrEnum):
    """How a committee stands with a rule (the `status` field of `medbot reminders list --json`)."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"  # inside the lead time
    OK = "ok"


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
    applies_to: frozenset[CommitteeKind]
    interval_months: int
    lead_days: int
    followup_every_days: int
    followup_max: int
    what: str
    why: str
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


@dataclass(frozen=True)
class Stage:
    """A moment a reminder goes out: its name in the dedupe key (see `Step`) and the working day it is sent on."""

    name: str
    day: date


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
    recipient: Via

    def state(self, today: date) -> State:
        """Overdue after the due date, due soon inside the lead time, else ok."""
        if today > self.next_due:
            return State.OVERDUE
        if today >= self.next_due - timedelta(days=self.rule.lead_days):
            return State.DUE_SOON
        return State.OK

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
            "status": str(self.state(today)),
            "days_overdue": max(0, (today - self.next_due).days),
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "recipient": str(self.recipient),
        }


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation did: reminders written to the outbox, and committees it could not reach."""

    written: int
    unreachable: tuple[str, ...] = ()


class Refused(Exception):
    """A discussion could not be recorded; the message says why, in Danish, and nothing was changed."""
