"""AfdelingsMED feedback rounds: KommuneMED sends an item (høring), every committee answers on a card by a deadline.

`ny høring` opens a form in the 1:1 chat; its draft lives in the database. Sending writes one outbox row per
committee (its linked channel, else its secretary's 1:1 chat). A committee's submit is accepted from its members
and from its linked channel; each change is a new answer version. `evaluate` (called by the scheduler and
`medbot reminders run`) writes the nudges before the deadline and the creator's summary after it. The CLI
(`medbot items`) uses the same rules.

Modules, from the bottom up: `model` (types and limits), `texts` (every Danish sentence), `rules` (pure checks and
dates), `cards` and `status_cards` (pure card builders), `export` (the answers as a table), `delivery` (the
outbox), `manage` and `handlers` (the Teams turns; `dialogs.router` declares who may start each). This module
re-exports what the router, the scheduler, the CLI and the tests call.
"""

from __future__ import annotations

from dialogs.feedback.changes import (
    Change,
    change_item,
    confirm_withdraw,
    edit_item,
    save_change,
    withdraw,
    withdraw_item,
)
from dialogs.feedback.delivery import choosable_committees, delivery_failed, evaluate, send_item, send_scheduled
from dialogs.feedback.export import answer_views, export_table, offer_download
from dialogs.feedback.handlers import amend, submit
from dialogs.feedback.manage import (
    close,
    kommunemed_ids,
    new_item,
    retry,
    revise_draft,
    save_draft,
    send,
    show_answers,
    show_status,
    unschedule,
)
from dialogs.feedback.rules import (
    deadline_warning,
    item_problems,
    needs_confirmation,
    nudge_stages,
    parse_id,
    planned_nudges,
    read_answer_form,
    read_item_form,
    read_send_at,
    send_at_problems,
    split_choices,
    summary_time,
)
from storage import feedback as store
from storage.feedback import recipients_for

__all__ = [
    "Change",
    "amend",
    "answer_views",
    "change_item",
    "choosable_committees",
    "close",
    "confirm_withdraw",
    "deadline_warning",
    "delivery_failed",
    "edit_item",
    "evaluate",
    "export_table",
    "item_problems",
    "kommunemed_ids",
    "needs_confirmation",
    "new_item",
    "nudge_stages",
    "offer_download",
    "parse_id",
    "planned_nudges",
    "read_answer_form",
    "read_item_form",
    "read_send_at",
    "recipients_for",
    "retry",
    "revise_draft",
    "save_change",
    "save_draft",
    "send",
    "send_at_problems",
    "send_item",
    "send_scheduled",
    "show_answers",
    "show_status",
    "split_choices",
    "store",
    "submit",
    "summary_time",
    "unschedule",
    "withdraw",
    "withdraw_item",
]
