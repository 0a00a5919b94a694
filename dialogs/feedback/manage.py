"""KommuneMED's side in Teams: writing an item (`ny høring`, preview, Ret, Send), following it (`status`, all
answers) and closing it.

The draft lives in the database, so "Ret" and "Send" work after a restart or on another replica. Every button
may be clicked twice: a second click finds the item in its new state and shows the same card.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from dialogs.base import Reply, Request, Response, Turn
from dialogs.feedback import cards, rules, status_cards, texts
from dialogs.feedback.delivery import address_of, choosable_committees, current_delivery, reachable, resend, send_item
from dialogs.feedback.export import answer_views, deliveries
from dialogs.feedback.model import NOT_SENT, FailureKind, ItemState
from dialogs.roles import can_manage_items
from storage import feedback as store
from storage.addresses import Via
from storage.feedback import FeedbackItem
from storage.org import Committee

log = logging.getLogger(__name__)


def today_of(request: Request, turn: Turn) -> date:
    """The request's day in the organisation's time zone: the day deadlines are judged by."""
    return turn.local(request.now).date()


def item_of(request: Request, turn: Turn) -> FeedbackItem | None:
    """The item a button refers to, if its id is sound and the item exists."""
    item_id = rules.parse_id(request.data.get("item_id"))
    return store.get_item(turn.session, item_id) if item_id is not None else None


def _form(turn: Turn, today: date, **kwargs: Any) -> dict[str, Any]:
    committees = [(c.id, c.name) for c in choosable_committees(turn.session)]
    return cards.item_form(committees, today, **kwargs)


def new_item(request: Request, turn: Turn) -> Response:
    """`ny høring [titel]`: the item form (title pre-filled when given), for KommuneMED's leads and admins, 1:1."""
    raw = {"title": request.args.strip()} if request.args.strip() else None
    return Response.show(_form(turn, today_of(request, turn), raw=raw), texts.NEW_ITEM)


def _draft(request: Request, turn: Turn) -> FeedbackItem | Response:
    """The draft a preview/send/revise button refers to, or the refusal."""
    item = item_of(request, turn)
    if item is None:
        return Response.say(texts.ITEM_UNKNOWN)
    if item.state != ItemState.DRAFT:
        return Response.say(texts.ALREADY_SENT.format(title=item.title))
    return item


def _preview(turn: Turn, item: FeedbackItem, today: date) -> Response:
    assert item.id is not None
    content = store.content_of(turn.session, item)
    names = [c.name for c in store.recipients_for(turn.session, item)]
    first_nudge = rules.first_nudge(content.deadline)
    return Response(card_update=cards.preview_card(item.id, content, names, first_nudge, today))


def save_draft(request: Request, turn: Turn) -> Response:
    """The item form's submit: store the draft (new or revised) and show the preview; errors re-show the form."""
    item: FeedbackItem | None = None
    if "item_id" in request.data:
        found = _draft(request, turn)
        if isinstance(found, Response):
            return found
        item = found
    today = today_of(request, turn)
    known = {c.id for c in choosable_committees(turn.session)}
    content, problems, raw = rules.read_item_form(request.data, today, known)
    entries = getattr(turn.knowledge.current, "entries", None)
    if content is not None and content.entry_id and entries is not None and content.entry_id not in entries:
        problems = [texts.ENTRY_UNKNOWN.format(entry=content.entry_id)]
        content = None
    if content is None:
        item_id = item.id if item is not None else None
        return Response(card_update=_form(turn, today, item_id=item_id, errors=problems, raw=raw))
    item = store.save_draft(
        turn.session,
        content,
        creator_aad_id=request.actor.aad_object_id,
        creator_name=request.actor.name,
        tenant_id=request.tenant_id,
        now=request.now,
        item=item,
    )
    log.info("feedback.item.draft item=%s questions=%s", item.id, len(content.questions))
    return _preview(turn, item, today)


def revise_draft(request: Request, turn: Turn) -> Response:
    """'Ret' on the preview: the form again, pre-filled from the stored draft."""
    found = _draft(request, turn)
    if isinstance(found, Response):
        return found
    content = store.content_of(turn.session, found)
    return Response(card_update=_form(turn, today_of(request, turn), content=content, item_id=found.id))


def send(request: Request, turn: Turn) -> Response:
    """'Send' on the preview; a second click (or a second replica) finds the item sent and shows the receipt."""
    item = item_of(request, turn)
    if item is None:
        return Response.say(texts.ITEM_UNKNOWN)
    assert item.id is not None
    if item.state == ItemState.DRAFT:
        if store.content_of(turn.session, item).deadline < today_of(request, turn):
            return Response.say(texts.SEND_DEADLINE_PAST)
        routed = send_item(turn.session, item, request.now, turn.tz)
        if not routed:
            return Response.say(texts.NO_AFDELINGSMED)
    else:
        routes = store.routes_of(turn.session, item.id)
        routed = [(c, routes[c.id]) for c in store.recipients_for(turn.session, item)]
    return Response(card_update=_sent_card(turn, item, routed))


def _sent_card(turn: Turn, item: FeedbackItem, routed: list[tuple[Committee, Via]]) -> dict[str, Any]:
    """The sender's receipt: where each committee's card goes and how far its delivery got; Teams refreshes it."""
    assert item.id is not None
    content = store.content_of(turn.session, item)
    delivered = deliveries(turn.session, item.id, turn.tz)
    states = [delivered.get(c.id, NOT_SENT).state for c, _via in routed]
    return cards.sent_card(
        content,
        [(c.name, via) for c, via in routed],
        delivered=states,
        item_id=item.id,
        refresh_for=item.creator_aad_id,
    )


# --- following an item ---------------------------------------------------------------------------------------------


def show_status(request: Request, turn: Turn) -> Response:
    """`status` (or `status <id>`): one card per open item with each committee's state."""
    wanted = request.args.strip()
    items = store.items_in_state(turn.session, ItemState.SENT)
    if wanted:
        items = [
            i
            for i in store.items_in_state(turn.session, ItemState.SENT, ItemState.CLOSED)
            if i.id == rules.parse_id(wanted)
        ]
    if not items:
        return Response.say(texts.NO_OPEN_ITEMS if not wanted else texts.ITEM_UNKNOWN)
    replies = []
    for item in items:
        assert item.id is not None and item.sent_at is not None
        content = store.content_of(turn.session, item)
        views = answer_views(turn.session, item, turn.tz)
        card = status_cards.status_card(
            item.id,
            content,
            views,
            sent_on=turn.local(item.sent_at).date(),
            can_retry=can_manage_items(request.actor) and item.state == ItemState.SENT,
        )
        replies.append(Reply(text=texts.STATUS.format(title=content.title), card=card))
    return Response(replies=replies)


def _answers_card(turn: Turn, item: FeedbackItem, today: date, *, can_close: bool) -> dict[str, Any]:
    assert item.id is not None
    content = store.content_of(turn.session, item)
    views = answer_views(turn.session, item, turn.tz)
    closed_on = turn.local(item.closed_at).date() if item.closed_at is not None else None
    return status_cards.answers_card(item.id, content, views, today=today, closed_on=closed_on, can_close=can_close)


def show_answers(request: Request, turn: Turn) -> Response:
    """'Se alle svar': every committee's current answer as a new message (the status card stays)."""
    item = item_of(request, turn)
    if item is None or item.state == ItemState.DRAFT:
        return Response.say(texts.ITEM_UNKNOWN)
    card = _answers_card(turn, item, today_of(request, turn), can_close=can_manage_items(request.actor))
    return Response(replies=[Reply(text=texts.ANSWERS_FOLLOW.format(title=item.title)), Reply(card=card)])


def close(request: Request, turn: Turn) -> Response:
    """'Luk høringen': no more answers; a second click shows the same closed card."""
    item = item_of(request, turn)
    if item is None or item.state == ItemState.DRAFT:
        return Response.say(texts.ITEM_UNKNOWN)
    if item.state == ItemState.SENT:
        store.close_item(turn.session, item, request.now)
        log.info("feedback.item.closed item=%s", item.id)
    return Response(card_update=_answers_card(turn, item, today_of(request, turn), can_close=False))


def retry(request: Request, turn: Turn) -> Response:
    """'Send igen' / 'Prøv igen': the form once more to a committee it did not reach; the status card comes back.

    Refused, changing nothing, when the item is closed, the committee is no recipient, its form did not fail, or
    there is still no way to reach it.
    """
    item = item_of(request, turn)
    if item is None or item.state == ItemState.DRAFT:
        return Response.say(texts.ITEM_UNKNOWN)
    assert item.id is not None and item.sent_at is not None
    if item.state == ItemState.CLOSED:
        return Response.say(texts.RETRY_CLOSED.format(title=item.title))
    committee_id = request.data.get("committee_id")
    committee = store.recipient(turn.session, item.id, committee_id) if isinstance(committee_id, str) else None
    if committee is None:
        return Response.say(texts.NOT_RECIPIENT.format(title=item.title))
    delivery = current_delivery(turn.session, item, committee, turn.tz)
    if delivery.state != "failed":
        state = texts.RETRY_STATES[delivery.state]
        return Response.say(texts.RETRY_NOT_FAILED.format(title=item.title, state=state, committee=committee.name))
    address = address_of(turn.session, committee, item.tenant_id or request.tenant_id)
    if not reachable(turn.session, address):
        kind: FailureKind = "no_recipient" if address.via == Via.NONE else "not_installed"
        why, todo = texts.FAILURE_REASONS[kind], texts.FAILURE_ADVICE[kind]
        return Response.say(texts.RETRY_UNREACHABLE.format(committee=committee.name, reason=why, todo=todo))
    resend(turn.session, item, committee, address, request.now, turn.tz)
    content = store.content_of(turn.session, item)
    views = answer_views(turn.session, item, turn.tz)
    card = status_cards.status_card(item.id, content, views, sent_on=turn.local(item.sent_at).date())
    return Response(card_update=card)
