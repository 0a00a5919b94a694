"""The cards of "Spørg HR & Løn": consent, receipts, HR & Løn's inbox card in its three states, and the answer.

Pure functions of plain values; the wording is in `texts`. The inbox card is one card that changes in place:
new (take it, or answer at once), taken (who and when), answered (by whom, when, the answer, "Lav kladde").
"""

from __future__ import annotations

from typing import Any

from dialogs.cards import Element, card, container, execute, facts, heading, text
from dialogs.escalations import texts
from dialogs.escalations.model import MAX_ANSWER, EscalationState, EscalationView, Offer


def _no_inputs(action: Element) -> Element:
    """A button that sends no input values and skips the answer field's validation ("Jeg tager den")."""
    return {**action, "associatedInputs": "none"}


def _about(title: str) -> str:
    """What the bot did before the employee chose to ask a person."""
    return texts.ABOUT_ENTRY.format(title=title) if title else texts.ABOUT_REFUSED


# ---------------------------------------------------------------------------------------------------------------
# The employee


def consent_card(offer: Offer, about: str, name: str, retention_days: int) -> dict[str, Any]:
    """Exactly what "Send til HR & Løn" sends (the question, what the bot did, the name), and for how long it is kept.

    Both buttons carry the question, so the one sent is the one shown, whatever happened in between.
    """
    body: list[Element] = [
        heading(texts.CONSENT_TITLE, size="Medium"),
        text(texts.CONSENT_WHAT, weight="Bolder"),
        container([text(offer.question), text(_about(about), subtle=True, size="Small")], style="emphasis"),
        text(texts.CONSENT_NAME.format(name=name)),
        text(texts.CONSENT_KEPT.format(days=retention_days), subtle=True, size="Small"),
    ]
    actions = [
        execute(texts.SEND, texts.CONFIRM_ACTION, style="positive", **offer.payload()),
        execute(texts.CANCEL, texts.CANCEL_ACTION),
    ]
    return card(body, actions, fallback=texts.CONSENT_TITLE)


def on_its_way_card(question: str, *, already: bool = False) -> dict[str, Any]:
    """After "Send": on its way (the outbox delivers it), not yet delivered; the answer will come in this chat."""
    return card(
        [
            heading(texts.ON_ITS_WAY_TITLE, size="Medium"),
            text(texts.ALREADY_ON_ITS_WAY if already else texts.ON_ITS_WAY),
            text(texts.YOU_ASKED, weight="Bolder", size="Small", spacing="Medium"),
            container([text(question)], style="emphasis"),
        ],
        fallback=texts.ON_ITS_WAY,
    )


def cancelled_card() -> dict[str, Any]:
    """After "Annuller": nothing was sent or kept, and where else to ask."""
    return card(
        [heading(texts.CANCELLED_TITLE, size="Medium"), text(texts.CANCELLED), text(texts.CANCELLED_ELSEWHERE)],
        fallback=texts.CANCELLED,
    )


def answer_card(view: EscalationView) -> dict[str, Any]:
    """HR & Løn's answer in the employee's 1:1 chat, under the question it answers."""
    assert view.answered_at is not None, "only an answered escalation has an answer to send"
    return card(
        [
            heading(texts.ANSWER_TITLE, size="Medium"),
            text(texts.YOU_ASKED, weight="Bolder", size="Small"),
            container([text(view.question)], style="emphasis"),
            text(view.answer, spacing="Medium"),
            text(
                texts.ANSWER_SIGNED.format(name=view.answered_by, moment=texts.moment(view.answered_at)),
                subtle=True,
                size="Small",
                spacing="Medium",
            ),
        ],
        fallback=f"{texts.ANSWER_TITLE}\n\n{view.answer}",
    )


# ---------------------------------------------------------------------------------------------------------------
# HR & Løn's inbox


def _state_lines(view: EscalationView) -> list[Element]:
    """Who took the question and when, who answered it and when; "Ny" while nobody has."""
    if view.state == EscalationState.NEW:
        return [text(texts.STATE_NEW, weight="Bolder", color="Attention")]
    lines: list[Element] = []
    if view.taken_at is not None and (view.state == EscalationState.TAKEN or view.taken_at != view.answered_at):
        lines.append(
            text(texts.TAKEN_BY.format(name=view.taken_by, moment=texts.moment(view.taken_at)), weight="Bolder")
        )
    if view.state == EscalationState.ANSWERED and view.answered_at is not None:
        answered = texts.ANSWERED_BY.format(name=view.answered_by, moment=texts.moment(view.answered_at))
        lines.append(text(answered, weight="Bolder", color="Good"))
    return lines


def _answer_field(view: EscalationView) -> Element:
    return {
        "type": "Input.Text",
        "id": texts.ANSWER_INPUT,
        "label": texts.ANSWER_LABEL.format(name=view.asker),
        "placeholder": texts.ANSWER_PLACEHOLDER.format(name=view.asker),
        "isMultiline": True,
        "maxLength": MAX_ANSWER,
        "isRequired": True,
        "errorMessage": texts.ANSWER_REQUIRED,
    }


def inbox_card(view: EscalationView) -> dict[str, Any]:
    """The question in HR & Løn's inbox: from whom, when, what the bot did, and where it stands.

    New: "Jeg tager den" and the answer field; taken: the answer field; answered: the answer and "Lav kladde",
    which hands question and answer (never the name) to the drafts of the knowledge base.
    """
    body: list[Element] = [
        heading(texts.INBOX_TITLE, size="Medium"),
        facts([(texts.FROM, view.asker), (texts.ASKED, texts.asked_on(view.asked_at))]),
        text(texts.QUESTION, weight="Bolder", size="Small", spacing="Medium"),
        container([text(view.question), text(_about(view.about), subtle=True, size="Small")], style="emphasis"),
        *_state_lines(view),
    ]
    actions: list[Element] = []
    if view.state == EscalationState.ANSWERED:
        body.append(text(texts.THE_ANSWER, weight="Bolder", size="Small", spacing="Medium"))
        body.append(container([text(view.answer)], style="emphasis"))
        body.append(text(texts.DRAFT_HINT, subtle=True, size="Small", spacing="Medium"))
        actions.append(
            execute(
                texts.MAKE_DRAFT,
                texts.DRAFT_ACTION,
                question=view.question,
                answer=view.answer,
                escalation_id=view.id,
            )
        )
    else:
        body.append(_answer_field(view))
        if view.state == EscalationState.NEW:
            actions.append(_no_inputs(execute(texts.TAKE, texts.TAKE_ACTION, escalation_id=view.id)))
        actions.append(execute(texts.SEND_ANSWER, texts.ANSWER_ACTION, style="positive", escalation_id=view.id))
    return card(body, actions, fallback=texts.INBOX_SUMMARY.format(name=view.asker))
