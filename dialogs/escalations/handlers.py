"""The dialogs of "Spørg HR & Løn": offer, confirm and cancel (the employee, 1:1); take and answer (HR & Løn).

Nothing is stored or sent before the employee has seen the consent card and pressed "Send til HR & Løn"; then the
escalation and ONE outbox row to HR & Løn's inbox are written in the same transaction. HR & Løn's answer is stored
with an outbox row to the employee's 1:1 chat, and the inbox card shows who took it and who answered, when. Who is
HR & Løn is the route table's check (the admins); what needs the database (does the escalation exist, is it still
open) is checked here, and a refusal writes nothing. Logs carry escalation ids only: never a name or a question.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from sqlmodel import Session

from dialogs.base import Reply, Request, Response, Turn, activity_json
from dialogs.escalations import cards, texts
from dialogs.escalations.model import MAX_ANSWER, REFUSED, EscalationState, EscalationView, parse_id, read_offer
from dialogs.hygiene import text_inputs
from storage import escalations as store
from storage import outbox
from storage.addresses import Address
from storage.escalations import Escalation
from storage.outbox import OutboxMessage

log = logging.getLogger(__name__)


def inbox_key(escalation_id: int) -> str:
    """The dedupe key of the question's card to HR & Løn's inbox."""
    return f"escalation:{escalation_id}:inbox"


def answer_key(escalation_id: int) -> str:
    """The dedupe key of the answer to the employee's 1:1 chat."""
    return f"escalation:{escalation_id}:answer"


_KEY = re.compile(r"escalation:(\d+):(inbox|answer)")


def _inbox(turn: Turn, tenant_id: str) -> Address | None:
    """HR & Løn's inbox (MEDBOT_ESCALATION_CHANNEL) while the bot can post there; None when it cannot."""
    found = store.inbox_conversation(turn.session, turn.escalation_inbox)
    if found is None:
        return None
    return Address.channel(found.id, found.tenant_id or tenant_id)


def _about(turn: Turn, entry_id: str) -> str:
    """The title of the answer that was rated 👎 (its id when a reload removed it); '' when the bot refused."""
    if not entry_id:
        return ""
    entry = turn.knowledge.current.entries.get(entry_id)
    return entry.title if entry is not None else entry_id


def view_of(row: Escalation, turn: Turn) -> EscalationView:
    """A stored escalation as the cards show it, in local time."""
    assert row.id is not None
    entry_id = "" if row.context == REFUSED else row.context
    return EscalationView(
        id=row.id,
        asker=row.asker_name,
        question=row.question,
        about=_about(turn, entry_id),
        asked_at=turn.local(row.created_at),
        state=EscalationState(row.state),
        taken_by=row.taken_by,
        taken_at=turn.local(row.taken_at) if row.taken_at else None,
        answer=row.answer,
        answered_by=row.answered_by,
        answered_at=turn.local(row.answered_at) if row.answered_at else None,
    )


# ---------------------------------------------------------------------------------------------------------------
# The employee, in a 1:1 chat (the route table refuses a channel)


def ask(request: Request, turn: Turn) -> Response:
    """ "Spørg HR & Løn": the consent card with exactly what would be sent and the employee's name. Nothing is kept."""
    offer = read_offer(request.data)
    if offer is None:
        log.info("escalation.offer_refused reason=unreadable")
        return Response.say(texts.OFFER_UNREADABLE)
    if not (request.actor.aad_object_id and request.actor.name):
        log.info("escalation.offer_refused reason=no_identity")
        return Response.say(texts.NO_IDENTITY)
    if _inbox(turn, request.tenant_id) is None:
        log.info("escalation.offer_refused reason=no_inbox")
        return Response.say(texts.NO_INBOX)
    about = _about(turn, offer.entry_id)
    card = cards.consent_card(offer, about, request.actor.name, turn.retention_days)
    return Response(card_update=card)


def confirm(request: Request, turn: Turn) -> Response:
    """ "Send til HR & Løn": store the escalation and write its card to HR & Løn's inbox, both or neither.

    The receipt says the question is on its way, not that it arrived: the outbox delivers it after this turn. The
    same question sent again while unanswered (a double click, an older copy of the card) is not sent twice.
    """
    offer = read_offer(request.data)
    if offer is None:
        log.info("escalation.confirm_refused reason=unreadable")
        return Response.say(texts.OFFER_UNREADABLE)
    actor = request.actor
    if not (actor.aad_object_id and actor.name):
        log.info("escalation.confirm_refused reason=no_identity")
        return Response.say(texts.NO_IDENTITY)
    inbox = _inbox(turn, request.tenant_id)
    if inbox is None:
        log.info("escalation.confirm_refused reason=no_inbox")
        return Response.say(texts.NO_INBOX)
    row, new = store.add_once(
        turn.session,
        tenant_id=request.tenant_id,
        asker_aad_id=actor.aad_object_id,
        asker_name=actor.name,
        question=offer.question,
        context=offer.context,
        now=request.now,
    )
    if not new:
        log.info("escalation.confirm_repeated id=%s", row.id)
        return Response(card_update=cards.on_its_way_card(offer.question, already=True))
    assert row.id is not None
    reply = Reply(text=texts.INBOX_SUMMARY.format(name=row.asker_name), card=cards.inbox_card(view_of(row, turn)))
    outbox.enqueue_to(turn.session, inbox, dedupe_key=inbox_key(row.id), activity=activity_json(reply), now=request.now)
    log.info("escalation.asked id=%s", row.id)
    return Response(card_update=cards.on_its_way_card(offer.question))


def cancel(request: Request, turn: Turn) -> Response:
    """ "Annuller": nothing is stored or sent; the consent card says so in its place."""
    log.info("escalation.cancelled")
    return Response(card_update=cards.cancelled_card())


# ---------------------------------------------------------------------------------------------------------------
# HR & Løn, in the inbox (the route table lets only admins through)


def _escalation(request: Request, turn: Turn) -> Escalation | Response:
    """The escalation a click names, or the refusal: a forged id, or one retention has deleted."""
    escalation_id = parse_id(request.data.get("escalation_id"))
    row = store.get(turn.session, escalation_id) if escalation_id is not None else None
    if row is None:
        log.info("escalation.unknown action=%s", request.action)
        return Response.say(texts.UNKNOWN_ESCALATION)
    return row


def _settled(row: Escalation, turn: Turn) -> Response:
    """The refusal for a question someone already answered."""
    assert row.answered_at is not None
    when = texts.moment(turn.local(row.answered_at))
    return Response.say(texts.ALREADY_ANSWERED.format(name=row.answered_by, moment=when))


def _open_escalation(request: Request, turn: Turn) -> Escalation | Response:
    """The escalation a take or an answer is about, or the reply when it is gone or answered already."""
    row = _escalation(request, turn)
    if isinstance(row, Escalation) and row.state == EscalationState.ANSWERED:
        return _settled(row, turn)
    return row


def take(request: Request, turn: Turn) -> Response:
    """ "Jeg tager den": the inbox card shows who took the question and when, so two colleagues do not both answer."""
    row = _open_escalation(request, turn)
    if isinstance(row, Response):
        return row
    assert row.id is not None
    if row.state == EscalationState.NEW and store.take(turn.session, row.id, request.actor.name, request.now):
        turn.session.refresh(row)
        log.info("escalation.taken id=%s", row.id)
        return Response(card_update=cards.inbox_card(view_of(row, turn)))
    turn.session.refresh(row)  # taken meanwhile, or before this click
    if row.state == EscalationState.ANSWERED:
        return _settled(row, turn)
    assert row.taken_at is not None
    log.info("escalation.take_refused id=%s reason=taken", row.id)
    return Response.say(texts.ALREADY_TAKEN.format(name=row.taken_by, moment=texts.moment(turn.local(row.taken_at))))


def answer(request: Request, turn: Turn) -> Response:
    """ "Send svar": store the answer, send it to the employee's 1:1 chat (outbox), and show it on the inbox card.

    The employee's chat is found by the outbox from their Entra id: the chat they asked from, or a new one.
    """
    row = _open_escalation(request, turn)
    if isinstance(row, Response):
        return row
    assert row.id is not None
    given, wrong = text_inputs(request.data, [texts.ANSWER_INPUT])
    if wrong:
        return Response.say(texts.ANSWER_NOT_TEXT)
    written = given.get(texts.ANSWER_INPUT, "").strip()
    if not written:
        return Response.say(texts.ANSWER_EMPTY)
    if len(written) > MAX_ANSWER:
        return Response.say(texts.ANSWER_TOO_LONG)
    if not store.answer(turn.session, row.id, written, request.actor.name, request.now):
        turn.session.refresh(row)
        log.info("escalation.answer_refused id=%s reason=answered", row.id)
        return _settled(row, turn)
    turn.session.refresh(row)
    view = view_of(row, turn)
    reply = Reply(text=texts.ANSWER_SUMMARY, card=cards.answer_card(view))
    outbox.enqueue(
        turn.session,
        dedupe_key=answer_key(row.id),
        activity=activity_json(reply),
        user_aad_id=row.asker_aad_id,
        tenant_id=row.tenant_id,
        now=request.now,
    )
    log.info("escalation.answered id=%s", row.id)
    return Response(card_update=cards.inbox_card(view))


# ---------------------------------------------------------------------------------------------------------------
# The outbox gave up


def delivery_failed(session: Session, row: OutboxMessage, _error: str, now: datetime) -> bool:
    """A message of an escalation failed for good: tell the side that would otherwise wait in vain.

    Called by the dispatcher in the transaction that marks the row failed. The inbox card never arrived: the
    employee is told and the escalation deleted (nobody read it, and the same question may be sent again). The
    answer never reached the employee: HR & Løn's inbox is told to reach them another way. True when told.
    """
    found = _KEY.fullmatch(row.dedupe_key)
    escalation = store.get(session, int(found[1])) if found else None
    if found is None or escalation is None or escalation.id is None:
        return False
    notice = f"{row.dedupe_key}:undelivered"
    if found[2] == "inbox":
        store.remove(session, escalation.id)
        told = outbox.enqueue(
            session,
            dedupe_key=notice,
            activity=activity_json(Reply(text=texts.INBOX_UNDELIVERED)),
            user_aad_id=escalation.asker_aad_id,
            tenant_id=escalation.tenant_id,
            now=now,
        )
    else:
        inbox = store.inbox_message(session, escalation.id)
        conversation = inbox.conversation_id if inbox is not None else None
        reply = Reply(text=texts.ANSWER_UNDELIVERED.format(name=escalation.asker_name))
        told = bool(conversation) and outbox.enqueue(
            session,
            dedupe_key=notice,
            activity=activity_json(reply),
            conversation_id=conversation,
            tenant_id=escalation.tenant_id,
            now=now,
        )
    log.info("escalation.undelivered id=%s message=%s told=%s", escalation.id, found[2], told)
    return told
