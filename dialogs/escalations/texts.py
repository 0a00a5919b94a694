"""Every Danish sentence of "Spørg HR & Løn": the consent, the receipts, HR & Løn's inbox card, the answer to the
employee, the refusals, and the names the cards send back.

A sentence that names a limit takes the number from `model`, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime

from dialogs.cards.qa import ESCALATE_ACTION, WHERE_TO_ASK
from dialogs.escalations.model import MAX_ANSWER, MAX_QUESTION
from knowledge.texts import danish_date, weekday_date


def _number(value: int) -> str:
    """4.000: Danish thousands."""
    return f"{value:,}".replace(",", ".")


# What the cards send back: contracts, since old cards in Teams chats keep sending them.
ASK_ACTION = ESCALATE_ACTION  # the Q&A cards' "Spørg HR & Løn"
CONFIRM_ACTION = "escalation.confirm"
CANCEL_ACTION = "escalation.cancel"
TAKE_ACTION = "escalation.take"
ANSWER_ACTION = "escalation.answer"
DRAFT_ACTION = "draft.new"  # "Lav kladde" on an answered question: a draft knowledge entry (dialogs/drafts)
ANSWER_INPUT = "answer"

# ---------------------------------------------------------------------------------------------------------------
# The employee: consent, receipts

CONSENT_TITLE = "Send dit spørgsmål til HR & Løn?"
CONSENT_WHAT = "Det her bliver sendt til HR & Løn:"
ABOUT_REFUSED = "MED-assistenten kunne ikke svare på spørgsmålet."
ABOUT_ENTRY = "MED-assistenten svarede med »{title}«, men svaret hjalp ikke."
CONSENT_NAME = "Dit navn ({name}) sendes med, så HR & Løn kan svare dig her i chatten."
CONSENT_KEPT = (
    "Spørgsmålet og dit navn gemmes hos HR & Løn og slettes efter {days} dage. Intet bliver sendt, før du trykker "
    "på **Send til HR & Løn**."
)
SEND = "Send til HR & Løn"
CANCEL = "Annuller"
CONSENT_SUMMARY = "Send dit spørgsmål til HR & Løn?"

ON_ITS_WAY_TITLE = "Dit spørgsmål er på vej til HR & Løn"
ON_ITS_WAY = "Dit spørgsmål er på vej til HR & Løn. Du får svaret her i chatten."
ALREADY_ON_ITS_WAY = (
    "Du har allerede sendt det spørgsmål til HR & Løn, så det er ikke sendt igen. Du får svaret her i chatten."
)
YOU_ASKED = "Du spurgte:"
CANCELLED_TITLE = "Intet er sendt"
CANCELLED = "Dit spørgsmål er ikke sendt til HR & Løn, og intet er gemt."
CANCELLED_ELSEWHERE = "Du kan også se medarbejdersiden eller tale med din leder eller din tillidsrepræsentant."

# ---------------------------------------------------------------------------------------------------------------
# HR & Løn's inbox

INBOX_TITLE = "Spørgsmål til HR & Løn"
INBOX_SUMMARY = "Nyt spørgsmål til HR & Løn fra {name}"
FROM = "Fra"
ASKED = "Stillet"
QUESTION = "Spørgsmålet"
STATE_NEW = "Ny – ingen har taget spørgsmålet endnu."
TAKEN_BY = "Taget af {name} {moment}"
ANSWERED_BY = "Besvaret af {name} {moment}"
THE_ANSWER = "Svaret"
ANSWER_LABEL = "Svar til {name}"
ANSWER_PLACEHOLDER = "Skriv svaret her. Det sendes til {name} i chatten med MED-assistenten."
ANSWER_REQUIRED = "Skriv svaret, før du sender det."
TAKE = "Jeg tager den"
SEND_ANSWER = "Send svar"
MAKE_DRAFT = "Lav kladde"
DRAFT_HINT = (
    "Kan andre have brug for svaret? **Lav kladde** gør spørgsmål og svar til en kladde til vidensbasen – uden "
    "medarbejderens navn."
)

# ---------------------------------------------------------------------------------------------------------------
# The answer in the employee's 1:1 chat

ANSWER_TITLE = "Svar fra HR & Løn"
ANSWER_SUMMARY = "Svar fra HR & Løn på dit spørgsmål"
ANSWER_SIGNED = "Besvaret af {name}, HR & Løn, {moment}"

# ---------------------------------------------------------------------------------------------------------------
# Refusals: each says that nothing was sent or saved, and what to do instead

ONLY_PERSONAL = (
    "Et spørgsmål til HR & Løn sendes med dit navn, så det kan kun sendes fra en 1:1-chat med mig – ellers kunne "
    "dit navn blive vist i kanalen. Skriv dit spørgsmål til mig i en chat, så kan du sende det derfra. Intet er "
    "sendt."
)
NOT_HR = (
    "Kun HR & Løn kan tage og besvare spørgsmål fra medarbejderne, så jeg har ikke gemt noget. Er du fra HR & Løn, "
    "så bed en administrator om at skrive dig på listen over administratorer."
)
NO_INBOX = "HR & Løn kan ikke modtage spørgsmål gennem mig lige nu, så intet er sendt. " + WHERE_TO_ASK
NO_IDENTITY = (
    "Teams har ikke fortalt mig, hvem du er, så HR & Løn ville ikke kunne svare dig. Intet er sendt. " + WHERE_TO_ASK
)
OFFER_UNREADABLE = (
    f"Det spørgsmål kan jeg ikke sende – det er tomt eller længere end {_number(MAX_QUESTION)} tegn. Intet er sendt. "
    "Skriv spørgsmålet kort til mig igen, så kan du sende det derfra."
)
UNKNOWN_ESCALATION = (
    "Jeg kan ikke finde det spørgsmål – det er måske slettet, fordi det er ældre end opbevaringstiden. Jeg har ikke "
    "sendt eller gemt noget."
)
ALREADY_TAKEN = "{name} har allerede taget spørgsmålet ({moment}), så jeg har ikke ændret noget."
ALREADY_ANSWERED = (
    "Spørgsmålet er allerede besvaret af {name} ({moment}), så jeg har ikke sendt eller gemt noget. Medarbejderen "
    "har fået svaret."
)
ANSWER_EMPTY = "Skriv svaret i feltet, før du trykker på **Send svar**. Jeg har ikke sendt eller gemt noget."
ANSWER_TOO_LONG = (
    f"Svaret er længere end {_number(MAX_ANSWER)} tegn, så jeg har ikke sendt eller gemt noget. Gør det kortere, "
    "eller henvis til et dokument."
)
ANSWER_NOT_TEXT = "Svaret kunne jeg ikke læse som tekst, så jeg har ikke sendt eller gemt noget. Prøv igen."

# ---------------------------------------------------------------------------------------------------------------
# Phrases and the CLI

STATE_NAMES = {"new": "ny", "taken": "taget", "answered": "besvaret"}


def moment(at: datetime) -> str:
    """'2. marts 2026 kl. 10.05' (a local time)."""
    return f"{danish_date(at.date())} kl. {at.hour}.{at.minute:02d}"


def asked_on(at: datetime) -> str:
    """'mandag 2. marts 2026 kl. 10.05': a card value never starts with a number (Teams would make it a list)."""
    return f"{weekday_date(at.date())} kl. {at.hour}.{at.minute:02d}"


# When the outbox gives up for good (bot/outbox: the failure hooks)
INBOX_UNDELIVERED = (
    "Dit spørgsmål kunne ikke leveres til HR & Løn, så ingen har set det, og jeg har slettet det igen. "
    "Prøv igen senere, eller skriv direkte til HR & Løn."
)
ANSWER_UNDELIVERED = "Svaret til {name} kunne ikke leveres i chatten med MED-assistenten. Kontakt {name} på anden vis."
