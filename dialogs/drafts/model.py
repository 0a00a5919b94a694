"""The drafts' types and limits: the actions the cards send, the form's fields and how long each may be.

Plain values only, so the rules, the cards, the export and the CLI share them without importing each other. The
action names and input ids are contracts: old cards in Teams chats keep sending them (docs/architecture.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.drafts import MAX_ANSWER, MAX_DOCUMENT, MAX_ENTRY_ID, MAX_ORGANISATION, MAX_SECTION, MAX_TITLE

NEW_ACTION = "draft.new"  # open the form, pre-filled from the payload's `question`, `answer`, `escalation_id`
SAVE_ACTION = "draft.save"  # the form's submit; carries `origin`

# Where a draft came from: the escalation it answers, a frequent unanswered question, or typed `ny kladde`.
ORIGIN_GAP = "gap"
ORIGIN_TEAMS = "teams"
ORIGIN = re.compile(r"^(escalation:[1-9][0-9]{0,9}|gap|teams)$")
MAX_ESCALATION_ID = 2**31 - 1

# The form's inputs (ids of the card's Input elements) with the longest value each takes.
LIMITS = {
    "title": MAX_TITLE,
    "entry_id": MAX_ENTRY_ID,
    "questions": 3000,
    "answer": MAX_ANSWER,
    "document": MAX_DOCUMENT,
    "section": MAX_SECTION,
    "valid_from": 10,
    "valid_to": 10,
    "organisation": MAX_ORGANISATION,
    "tags": 300,
}
MAX_QUESTIONS = 20
MAX_QUESTION = 300
MAX_TAGS = 10
MAX_TAG = 40

# A draft is checked as an entry of this pretend file; `kb check` on the exported file finds the same problems.
DRAFT_FILE = "kladde"
# The fields of an entry in the order the export writes them (knowledge/README.md).
FIELD_ORDER = ("id", "title", "questions", "answer", "source", "valid_from", "valid_to", "organisation", "tags")


@dataclass(frozen=True)
class DraftForm:
    """What the admin filled in, read and cleaned but not yet checked as an entry."""

    title: str
    entry_id: str  # '' = made from the title
    questions: tuple[str, ...]
    answer: str
    document: str
    section: str
    valid_from: str  # as typed (ISO from the date picker); the entry check reads it
    valid_to: str
    organisation: str
    tags: tuple[str, ...]
