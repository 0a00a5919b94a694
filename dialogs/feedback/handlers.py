"""The committees' side in Teams: answering an item and correcting the answer; KommuneMED's handlers are in
`manage`, and `dialogs.router` declares who may start each.

A committee's submit is accepted from its members and from its linked channel; each change is a new answer
version, so an edit keeps the earlier text. After the deadline a first answer is still taken (marked late), a
change is not.
"""

from __future__ import annotations

import logging
from datetime import date

from dialogs.base import Request, Response, Turn
from dialogs.feedback import cards, rules, status_cards, texts
from dialogs.feedback.changes import answered_revision
from dialogs.feedback.export import answer_content
from dialogs.feedback.manage import (
    item_of,
    today_of,
)
from dialogs.feedback.model import ItemState
from storage import feedback as store
from storage.feedback import FeedbackAnswer, FeedbackItem
from storage.org import Committee

log = logging.getLogger(__name__)


def _answering(request: Request, turn: Turn) -> tuple[FeedbackItem, Committee] | Response:
    """The item and committee a submit or 'Ret svar' is for, after every check; or the refusal."""
    item = item_of(request, turn)
    if item is None or item.sent_at is None:  # never sent: a draft or a scheduled item
        return Response.say(texts.ITEM_UNKNOWN)
    assert item.id is not None
    if item.state == ItemState.CLOSED:
        return Response.say(texts.ITEM_CLOSED.format(title=item.title))
    if item.state == ItemState.WITHDRAWN:
        return Response.say(texts.ITEM_WITHDRAWN.format(title=item.title))
    committee_id = request.data.get("committee_id")
    committee = store.recipient(turn.session, item.id, committee_id) if isinstance(committee_id, str) else None
    if committee is None:
        return Response.say(texts.NOT_RECIPIENT.format(title=item.title))
    if not (
        request.actor.holds(committee.id) or rules.same_channel(committee.conversation_id, request.conversation_id)
    ):
        log.info("feedback.answer.refused item=%s committee=%s reason=not_member", item.id, committee.id)
        return Response.say(texts.NOT_MEMBER.format(committee=committee.name))
    return item, committee


def _receipt(turn: Turn, item: FeedbackItem, committee: Committee, answer: FeedbackAnswer, today: date) -> Response:
    assert item.id is not None
    content = store.content_of(turn.session, item)
    card = status_cards.receipt_card(
        item.id,
        committee.id,
        committee.name,
        content,
        answer_content(answer),
        submitted_at=turn.local(answer.submitted_at),
        submitted_by=answer.submitted_by_name,
        late=answer.late,
        version=answer.version,
        can_edit=not rules.is_late(item.deadline, today),
    )
    return Response(card_update=card)


def submit(request: Request, turn: Turn) -> Response:
    """`feedback.submit`: store the committee's answer (a new version when it changed) and show the receipt."""
    found = _answering(request, turn)
    if isinstance(found, Response):
        return found
    item, committee = found
    assert item.id is not None
    today = today_of(request, turn)
    content = store.content_of(turn.session, item)
    answer, problems, raw = rules.read_answer_form(request.data, content, today)
    if answer is None:
        card = cards.answer_form(item.id, committee.id, committee.name, content, today, raw=raw, errors=problems)
        return Response(card_update=card)
    late = rules.is_late(item.deadline, today)
    current = store.latest_answer(turn.session, item.id, committee.id)
    if late and current is not None and current.content_hash != answer.fingerprint:
        return Response.say(texts.EDIT_AFTER_DEADLINE.format(title=item.title))
    store.mark_seen(turn.session, item.id, committee.id, request.now)
    stored, created = store.record_answer(
        turn.session,
        item_id=item.id,
        committee_id=committee.id,
        content=answer,
        by_aad=request.actor.aad_object_id,
        by_name=request.actor.name,
        at=request.now,
        late=late,
        revision=answered_revision(request.data, item),
    )
    log.info(
        "feedback.answer.stored item=%s committee=%s version=%s new=%s late=%s",
        item.id,
        committee.id,
        stored.version,
        created,
        stored.late,
    )
    return _receipt(turn, item, committee, stored, today)


def amend(request: Request, turn: Turn) -> Response:
    """'Ret svar' on the receipt: the form again, pre-filled, until the deadline."""
    found = _answering(request, turn)
    if isinstance(found, Response):
        return found
    item, committee = found
    assert item.id is not None
    today = today_of(request, turn)
    current = store.latest_answer(turn.session, item.id, committee.id)
    if current is not None and rules.is_late(item.deadline, today):
        return Response.say(texts.EDIT_AFTER_DEADLINE.format(title=item.title))
    store.mark_seen(turn.session, item.id, committee.id, request.now)
    content = store.content_of(turn.session, item)
    answer = answer_content(current) if current is not None else None
    return Response(card_update=cards.answer_form(item.id, committee.id, committee.name, content, today, answer=answer))
