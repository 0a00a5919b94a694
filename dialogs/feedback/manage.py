"""KommuneMED's side in Teams: writing an item (`ny høring`, preview, Ret, Send), following it (`status`, all
answers) and closing it.

The draft lives in the database, so "Ret" and "Send" work after a restart or on another replica. Every button
may be clicked twice: a second click finds the item in its new state and shows the same card.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from dialogs.base import Reply, Request, Response, Turn
from dialogs.feedback import cards, rules, status_cards, texts
from dialogs.feedback.delivery import address_of, choosable_committees, current_delivery, reachable, resend, send_item
from dialogs.feedback.export import answer_views, deliveries
from dialogs.feedback.model import NOT_SENT, FailureKind, ItemState
from dialogs.roles import can_manage_items
from storage import feedback as store
from storage import org
from storage.addresses import Via
from storage.feedback import FeedbackItem, ItemContent
from storage.org import Committee, CommitteeKind

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
    if item.state == ItemState.SCHEDULED:
        return Response.say(texts.ALREADY_SCHEDULED.format(title=item.title))
    if item.state != ItemState.DRAFT:
        return Response.say(texts.ALREADY_SENT.format(title=item.title))
    return item


def _preview(turn: Turn, item: FeedbackItem, now: datetime) -> Response:
    """The preview: who gets it (every name), when it leaves, the deadline (warned when on a closed day) and the
    nudges that will really be sent."""
    assert item.id is not None
    content = store.content_of(turn.session, item)
    names = [c.name for c in store.recipients_for(turn.session, item)]
    leaves = content.send_at or now
    nudges = [at.date() for at in rules.planned_nudges(content.deadline, leaves, turn.tz)]
    send_at = turn.local(content.send_at) if content.send_at is not None else None
    card = cards.preview_card(
        item.id,
        content,
        names,
        nudges,
        turn.local(now).date(),
        send_at=send_at,
        warning=rules.deadline_warning(content.deadline),
    )
    return Response(card_update=card)


def _send_at_fields(turn: Turn, content: ItemContent) -> dict[str, str] | None:
    """The stored send time as the form's date and time fields (local), to pre-fill "Ret"."""
    if content.send_at is None:
        return None
    local = turn.local(content.send_at)
    return {"send_date": local.date().isoformat(), "send_time": local.strftime("%H:%M")}


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
    content, problems, raw = rules.read_item_form(
        request.data,
        today,
        known,
        own_committees=kommunemed_ids(turn.session),
        entries=getattr(turn.knowledge.current, "entries", None),
        now=request.now,
        tz=turn.tz,
    )
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
    return _preview(turn, item, request.now)


def revise_draft(request: Request, turn: Turn) -> Response:
    """'Ret' on the preview: the form again, pre-filled from the stored draft."""
    found = _draft(request, turn)
    if isinstance(found, Response):
        return found
    content = store.content_of(turn.session, found)
    raw = _send_at_fields(turn, content)
    return Response(card_update=_form(turn, today_of(request, turn), content=content, item_id=found.id, raw=raw))


def send(request: Request, turn: Turn) -> Response:
    """'Send' on the preview (or on the confirmation, or 'Send nu' on a scheduled item).

    More than ten committees: the first click only shows "Er du sikker?"; its button carries `confirmed: true`.
    A draft with a send time becomes scheduled instead of sent. A second click (or a second replica) finds the
    item in its new state and shows the same card; nothing is written twice.
    """
    item = item_of(request, turn)
    if item is None:
        return Response.say(texts.ITEM_UNKNOWN)
    assert item.id is not None
    if item.state == ItemState.DRAFT:
        return _send_draft(request, turn, item)
    if item.state == ItemState.SCHEDULED:
        if request.data.get("send_now") is not True:
            return Response(card_update=_scheduled_card(turn, item))
        if store.content_of(turn.session, item).deadline < today_of(request, turn):
            return Response.say(texts.SEND_DEADLINE_PAST)
        if store.take_scheduled(turn.session, item, request.now) and not send_item(
            turn.session, item, request.now, turn.tz
        ):
            return Response.say(texts.NO_AFDELINGSMED)
    routes = store.routes_of(turn.session, item.id)
    routed = [(c, routes.get(c.id, Via.NONE)) for c in store.recipients_for(turn.session, item)]
    return Response(card_update=_sent_card(turn, item, routed))


def _send_draft(request: Request, turn: Turn, item: FeedbackItem) -> Response:
    """Send (or schedule) a draft, after the second confirmation when it goes to more than ten committees."""
    assert item.id is not None
    content = store.content_of(turn.session, item)
    if content.deadline < today_of(request, turn):
        return Response.say(texts.SEND_DEADLINE_PAST)
    if content.send_at is not None and content.send_at <= request.now:
        return Response.say(texts.SEND_AT_PASSED.format(at=texts.moment(turn.local(content.send_at))))
    committees = store.recipients_for(turn.session, item)
    if not committees:
        return Response.say(texts.NO_AFDELINGSMED)
    if rules.needs_confirmation(len(committees)) and request.data.get("confirmed") is not True:
        send_at = turn.local(content.send_at) if content.send_at is not None else None
        return Response(card_update=cards.confirm_card(item.id, content, [c.name for c in committees], send_at))
    if content.send_at is not None:
        store.schedule_item(turn.session, item, request.now)
        log.info("feedback.item.scheduled item=%s committees=%s", item.id, len(committees))
        return Response(card_update=_scheduled_card(turn, item))
    routed = send_item(turn.session, item, request.now, turn.tz)
    return Response(card_update=_sent_card(turn, item, routed))


def _scheduled_card(turn: Turn, item: FeedbackItem) -> dict[str, Any]:
    assert item.id is not None and item.send_at is not None
    content = store.content_of(turn.session, item)
    names = [c.name for c in store.recipients_for(turn.session, item)]
    return cards.scheduled_card(item.id, content, names, turn.local(item.send_at))


def unschedule(request: Request, turn: Turn) -> Response:
    """'Annullér planlægningen': the scheduled item becomes a draft again and its preview comes back; refused,
    changing nothing, when it is not scheduled (already sent by the scheduler, or never scheduled)."""
    item = item_of(request, turn)
    if item is None:
        return Response.say(texts.ITEM_UNKNOWN)
    if item.state == ItemState.DRAFT:
        return Response.say(texts.NOT_SCHEDULED.format(title=item.title))
    if not store.unschedule_item(turn.session, item, request.now):
        return Response.say(texts.ALREADY_SENT.format(title=item.title))
    log.info("feedback.item.unscheduled item=%s", item.id)
    return _preview(turn, item, request.now)


def kommunemed_ids(session: Session) -> set[str]:
    """KommuneMED's own committee ids: an item is never sent to its sender."""
    return {c.id for c in org.committees(session, CommitteeKind.KOMMUNEMED)}


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
            for i in store.items_in_state(turn.session, ItemState.SENT, ItemState.CLOSED, ItemState.WITHDRAWN)
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
            can_change=can_manage_items(request.actor) and item.state == ItemState.SENT,
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
    if item is None or item.sent_at is None:  # a draft or scheduled item was never sent
        return Response.say(texts.ITEM_UNKNOWN)
    card = _answers_card(turn, item, today_of(request, turn), can_close=can_manage_items(request.actor))
    return Response(replies=[Reply(text=texts.ANSWERS_FOLLOW.format(title=item.title)), Reply(card=card)])


def close(request: Request, turn: Turn) -> Response:
    """'Luk høringen': no more answers; a second click shows the same closed card."""
    item = item_of(request, turn)
    if item is None or item.sent_at is None:
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
    if item is None or item.sent_at is None:
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
