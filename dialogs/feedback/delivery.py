"""Cards to the committees through the outbox: sending an item, the nudges before its deadline, the summary after.

A committee is reached in its linked channel while the app is installed there, else in its secretary's 1:1 chat
(feedback prefers the channel: the whole committee sees the card). Every row has a dedupe key, so a second click,
a second replica or the next scheduler run adds nothing. Shared with `medbot items create --send`.
"""

from __future__ import annotations

import logging
from datetime import date as date_type
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs.base import Reply, activity_json
from dialogs.feedback import cards, rules, status_cards, texts, tracking
from dialogs.feedback.export import answer_views, deliveries
from dialogs.feedback.model import NOT_SENT, Delivery, ItemState
from dialogs.workdays import in_send_window
from storage import conversations, org, outbox
from storage import feedback as store
from storage.addresses import NOWHERE, Address, Via
from storage.feedback import FeedbackItem
from storage.org import Committee, CommitteeKind, MemberRole
from storage.outbox import OutboxMessage

log = logging.getLogger(__name__)


def choosable_committees(session: Session) -> list[Committee]:
    """Committees an item can go to: every active committee but KommuneMED itself, AfdelingsMED first."""
    rank = {CommitteeKind.AFDELINGSMED.value: 0}
    chosen = [c for c in org.committees(session) if c.kind != CommitteeKind.KOMMUNEMED.value]
    return sorted(chosen, key=lambda c: (rank.get(c.kind, 1), c.name))


def address_of(session: Session, committee: Committee, tenant_id: str) -> Address:
    """The committee's linked channel while the app is installed there, else its secretary's 1:1 chat."""
    channel = store.installed_channel(session, committee)
    if channel is not None:
        return Address.channel(channel.id, channel.tenant_id or tenant_id)
    for secretary in org.members_of(session, committee.id, MemberRole.SECRETARY):
        if secretary.aad_object_id:
            return Address.secretary(secretary.aad_object_id, tenant_id)
    return NOWHERE


def _summary_address(session: Session, item: FeedbackItem) -> Address:
    """The creator; an item made from the CLI has none, so KommuneMED's secretary gets it."""
    if item.creator_aad_id:
        return Address.secretary(item.creator_aad_id, item.tenant_id)
    for committee in org.committees(session, CommitteeKind.KOMMUNEMED):
        for secretary in org.members_of(session, committee.id, MemberRole.SECRETARY):
            if secretary.aad_object_id:
                return Address.secretary(secretary.aad_object_id, item.tenant_id)
    return NOWHERE


def _enqueue(session: Session, key: str, address: Address, reply: Reply, now: datetime) -> bool:
    """One outbox row; False when there is no one to send to, or the key is already there."""
    return outbox.enqueue_to(session, address, dedupe_key=key, activity=activity_json(reply), now=now)


def _form_reply(session: Session, item: FeedbackItem, committee: Committee, today: date_type) -> Reply:
    """The committee's answer form with the line beside it, as the first send and a retry carry it."""
    assert item.id is not None
    content = store.content_of(session, item)
    card = cards.answer_form(item.id, committee.id, committee.name, content, today)
    return Reply(text=texts.ASKING_FOR_ANSWER.format(title=content.title), card=card)


def send_item(session: Session, item: FeedbackItem, now: datetime, tz: ZoneInfo) -> list[tuple[Committee, Via]]:
    """Open a draft: one outbox row per committee (dedupe key `item:<id>:send:<committee>`), state `sent`.

    Returns where each committee's card went; an empty list when there is no one to send to.
    """
    assert item.id is not None
    committees = store.recipients_for(session, item)
    if not committees:
        return []
    today = now.astimezone(tz).date()
    routed: list[tuple[Committee, Via]] = []
    for committee in committees:
        address = address_of(session, committee, item.tenant_id)
        reply = _form_reply(session, item, committee, today)
        _enqueue(session, f"item:{item.id}:send:{committee.id}", address, reply, now)
        routed.append((committee, address.via))
    store.mark_sent(session, item, {c.id: via for c, via in routed}, now)
    log.info("feedback.item.sent item=%s committees=%s", item.id, len(routed))
    return routed


def evaluate(session: Session, now: datetime, tz: ZoneInfo) -> int:
    """Write due nudges and deadline summaries to the outbox; returns how many rows were added.

    Only the latest due stage is sent (after downtime, one nudge, not two), only to committees without an
    answer, and never after the deadline day. Like the reminders, nothing is written outside working hours
    (09:00–16:00 on working days): a nudge missed in the evening goes out the next working morning, if the
    deadline has not passed. Dedupe keys make every run after the first a no-op; they name the deadline, so an
    extended item is nudged (and summed up) again for its new deadline, once.

    First, scheduled items whose time has come are sent (`send_scheduled`).
    """
    if not in_send_window(now, tz):
        return 0
    added = send_scheduled(session, now, tz)
    today = now.astimezone(tz).date()
    for item in store.items_in_state(session, ItemState.SENT):
        assert item.id is not None and item.sent_at is not None
        content = store.content_of(session, item)
        stage = rules.due_nudge(item.deadline, item.sent_at, now, tz)
        if stage is not None:
            answered = set(store.latest_answers(session, item.id))
            for committee in store.recipients_for(session, item):
                if committee.id in answered:
                    continue
                address = address_of(session, committee, item.tenant_id)
                note = texts.nudge_note(item.deadline, today)
                card = cards.answer_form(item.id, committee.id, committee.name, content, today, note=note)
                reply = Reply(text=texts.NUDGE.format(title=content.title), card=card)
                key = f"item:{item.id}:nudge:{committee.id}:{stage}:{item.deadline.isoformat()}"
                added += _enqueue(session, key, address, reply, now)
        if now >= rules.summary_time(item.deadline, tz):
            card = status_cards.answers_card(
                item.id,
                content,
                answer_views(session, item, tz),
                today=today,
                can_close=True,
                intro=texts.SUMMARY_INTRO,
            )
            reply = Reply(text=texts.ANSWERS_TO.format(title=content.title), card=card)
            key = f"item:{item.id}:summary:{item.deadline.isoformat()}"
            added += _enqueue(session, key, _summary_address(session, item), reply, now)
    if added:
        log.info("feedback.evaluate added=%s", added)
    return added


def send_scheduled(session: Session, now: datetime, tz: ZoneInfo) -> int:
    """Send every scheduled item whose time has come, exactly once; returns how many committees it went to.

    Each item is claimed with a conditional state change in this transaction (a second scheduler or replica finds
    it sent), and its rows carry the usual `item:<id>:send:<committee>` keys. An item whose deadline passed while
    the service was down goes back to being a draft instead: its author can choose a new deadline. Either way
    the author is told, 1:1: they scheduled it and are not looking when it goes (the receipt follows the
    deliveries, as when sent by hand).
    """
    today = now.astimezone(tz).date()
    sent = 0
    for item in store.scheduled_due(session, now):
        assert item.id is not None and item.send_at is not None
        if not store.take_scheduled(session, item, now):
            continue
        content = store.content_of(session, item)
        author = _summary_address(session, item)
        # A draft may be scheduled again: each time it goes (or fails to) is told once.
        key = f"item:{item.id}:scheduled:{int(item.send_at.timestamp())}"
        if item.deadline < today:
            log.warning("feedback.item.schedule_missed item=%s", item.id)
            missed = texts.SCHEDULE_MISSED.format(title=content.title, deadline=texts.long_date(content.deadline))
            names = [c.name for c in store.recipients_for(session, item)]
            # The draft's preview as "ny høring" shows it, with why it was not sent: "Ret" is one click away.
            draft = cards.preview_card(item.id, content, names, [], today, warning=missed)
            _enqueue(session, key, author, Reply(text=missed, card=draft), now)
            continue
        routed = send_item(session, item, now, tz)
        if not routed:
            nobody = Reply(text=texts.SCHEDULE_NOBODY.format(title=content.title))
            _enqueue(session, key, author, nobody, now)
            continue
        card = cards.sent_card(
            content, [(c.name, via) for c, via in routed], item_id=item.id, refresh_for=item.creator_aad_id
        )
        receipt = Reply(text=texts.SCHEDULE_WENT.format(title=content.title), card=card)
        _enqueue(session, key, author, receipt, now)
        sent += sum(1 for _committee, via in routed if via != Via.NONE)
    return sent


# --- deliveries that failed, and sending again -----------------------------------------------------------------------


def delivery_failed(session: Session, row: OutboxMessage, error: str, now: datetime, tz: ZoneInfo) -> bool:
    """The outbox gave up on an item's form to a committee: tell the sender (a card 1:1, through the outbox).

    Called by the dispatcher in the transaction that marks the row failed. Only sends and retries count (a nudge
    that fails repeats what the sender already knows); the notice's key follows the failed row's, so each failed
    attempt is told once. Returns whether a notice was written.
    """
    found = tracking.committee_of(row.dedupe_key)
    if found is None:
        return False
    item_id, committee_id, retry = found
    item = store.get_item(session, item_id)
    committee = store.recipient(session, item_id, committee_id)
    if item is None or committee is None:
        return False
    kind = tracking.failure_kind(error, to_person=not row.conversation_id)
    card = status_cards.undelivered_card(item_id, committee.id, committee.name, item.title, Delivery("failed", kind))
    reply = Reply(text=texts.UNDELIVERED_SUMMARY.format(title=item.title, committee=committee.name), card=card)
    key = f"item:{item_id}:undelivered:{committee_id}" + (f":retry{retry}" if retry else "")
    added = _enqueue(session, key, _summary_address(session, item), reply, now)
    log.info("feedback.delivery.failed item=%s committee=%s kind=%s told=%s", item_id, committee_id, kind, added)
    return added


def reachable(session: Session, address: Address) -> bool:
    """Whether the outbox can try this address now: a channel with the app, or a person with a 1:1 chat or at
    least a conversation in the tenant to open one from (the dispatcher's rule, `bot.outbox.routing`)."""
    if address.via == Via.NONE:
        return False
    if address.via == Via.CHANNEL:
        return True  # address_of only picks a linked channel where the app is installed
    if conversations.personal_for(session, address.user_aad_id) is not None:
        return True
    return bool(address.tenant_id) and conversations.any_for_tenant(session, address.tenant_id) is not None


def current_delivery(session: Session, item: FeedbackItem, committee: Committee, tz: ZoneInfo) -> Delivery:
    """One committee's delivery as the status card shows it."""
    assert item.id is not None
    return deliveries(session, item.id, tz).get(committee.id, NOT_SENT)


def resend(
    session: Session, item: FeedbackItem, committee: Committee, address: Address, now: datetime, tz: ZoneInfo
) -> bool:
    """Queue the form to the committee again under a new key (`item:<id>:send:<committee>:retry<n>`)."""
    assert item.id is not None
    sends = [tracking.committee_of(row.dedupe_key) for row in store.delivery_rows(session, item.id)]
    retry = 1 + max((s[2] for s in sends if s is not None and s[1] == committee.id), default=0)
    reply = _form_reply(session, item, committee, now.astimezone(tz).date())
    added = _enqueue(session, f"item:{item.id}:send:{committee.id}:retry{retry}", address, reply, now)
    store.set_route(session, item.id, committee.id, address.via)
    log.info("feedback.delivery.retry item=%s committee=%s retry=%s added=%s", item.id, committee.id, retry, added)
    return added
