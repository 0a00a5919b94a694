"""The plain types and limits of KommuneMED's items (høringer): what every other module of the package shares.

The stored shapes (`ItemContent`, `QuestionSpec`, `AnswerContent`, the states) live in `storage.feedback`, which
may not import dialogs; they are re-exported here so the package reads its types from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from storage.feedback import AnswerContent as AnswerContent
from storage.feedback import ItemContent as ItemContent
from storage.feedback import ItemState as ItemState
from storage.feedback import QuestionKind as QuestionKind
from storage.feedback import QuestionSpec as QuestionSpec

# --- what an author may write -------------------------------------------------------------------------------------

MAX_TITLE = 200
MAX_QUESTION = 500
MAX_TEXT = 4000
MAX_QUESTIONS = 5
MIN_CHOICES = 2
MAX_CHOICES = 10
MAX_CHOICE = 100
# The choices of one question as typed in one field ("A; B; C"): room for every choice and its separators.
MAX_CHOICES_FIELD = 1100
MAX_LINK = 1000
MAX_ENTRY_ID = 200
MAX_DEADLINE_AHEAD = timedelta(days=366)
# Sending to more committees than this asks "Er du sikker?" first (Teams: a second card; CLI: --yes).
MAX_WITHOUT_CONFIRMATION = 10
# Ids in card payloads are database integers; anything beyond is forged.
MAX_ID = 2**31 - 1

# --- what a committee may write ------------------------------------------------------------------------------------

# All of one committee's answer together: keeps its receipt and its pre-filled form within Teams' message size.
MAX_ANSWER_TOTAL = 10000

# --- nudges and cards ----------------------------------------------------------------------------------------------

NUDGE_WORKING_DAYS = 3
# Teams refuses messages above ~28 KB; the summary shortens answers beyond this many characters in total.
SUMMARY_BUDGET = 14000
# A form that comes back filled in (to correct an answer) shows this much of the background it was sent with.
BODY_BESIDE_ANSWER = 1000
# The summary never cuts an answer shorter than this, however many committees answered.
MIN_SHOWN = 80

# --- values in card forms (contract: old cards in Teams send them) -------------------------------------------------

ALL_AFDELINGSMED = "all"
YES, NO = "ja", "nej"

AnswerState = Literal["answered", "missing", "late"]
"""A committee's answer to an item: given on time, not given, or first given after the deadline."""

DeliveryState = Literal["pending", "delivered", "failed"]
"""Whether the item's form reached a committee: on its way, delivered, or failed for good."""

FailureKind = Literal["not_installed", "blocked", "gone", "no_recipient", "other"]
"""Why a delivery failed, as far as the recorded error tells: no 1:1 chat with the secretary (the app is not
installed for them), Teams refused (bot blocked or disabled, HTTP 403), the conversation is gone (HTTP 404, app
removed), no one to send to, or anything else."""

NudgeStage = Literal["3d", "deadline"]
"""Which nudge: three working days before the deadline, or on the deadline day (part of the dedupe key)."""


@dataclass(frozen=True)
class Delivery:
    """How the item's form fared on its way to one committee; `failure` only when it failed for good."""

    state: DeliveryState
    failure: FailureKind | None = None
    at: datetime | None = None  # when it was delivered (local time)
    retries: int = 0  # how many times KommuneMED asked to send it again


NOT_SENT = Delivery("failed", "no_recipient")


@dataclass(frozen=True)
class CommitteeAnswer:
    """One committee's line in the status, the summary and the export: its state and its current answer, if any."""

    committee_id: str
    committee_name: str
    state: AnswerState
    answer: AnswerContent | None = None
    submitted_at: datetime | None = None  # local time
    submitted_by: str = ""
    versions: int = 0
    delivery: Delivery = Delivery("delivered")
    seen_at: datetime | None = None  # local time: first interaction of anyone in the committee
    earlier_wording: bool = False  # the current answer was given to an earlier revision of the item
