""" "Spørg HR & Løn": a question the bot could not answer, sent to a person with the employee's name and consent.

`model` holds the types and limits, `texts` every Danish sentence and the action names, `cards` the consent card,
the receipts, HR & Løn's inbox card and the answer, `handlers` the dialogs. The table itself, kept until
MEDBOT_RETENTION_DAYS, is `storage.escalations`. The anonymous gap log (`storage.knowledge`) never learns of it.
"""

from dialogs.escalations.handlers import (
    answer,
    answer_key,
    ask,
    cancel,
    confirm,
    delivery_failed,
    inbox_key,
    take,
    view_of,
)
from dialogs.escalations.model import EscalationView, Offer, read_offer

__all__ = [
    "EscalationView",
    "Offer",
    "answer",
    "answer_key",
    "ask",
    "cancel",
    "confirm",
    "delivery_failed",
    "inbox_key",
    "read_offer",
    "take",
    "view_of",
]
