"""Cards to the committees through the outbox: sending an item, the nudges before its deadline, the summary after.

A committee is reached in its linked channel while the app is installed there, else in its secretary's 1:1 chat
(feedback prefers the channel: the whole committee sees the card). Every row has a dedupe key, so a second click,
a second replica or the next scheduler run adds nothing. Shared with `medbot items create --send`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs.base import Reply, activity_json
from dialogs.feedback import cards, rules, status_cards, texts
from dialogs.feedback.export import answer_views
from dialogs.feedback.model import ItemState
from dialogs.workdays import in_send_window
from storage import feedback as store
from storage import org, outbox
from storage.addresses import NOWHERE, Address, Via
from storage.feedback import FeedbackItem
from storage.org import Committee, CommitteeKind, MemberRole

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


def send_item(session: Session, item: FeedbackItem, now: datetime, tz: ZoneInfo) -> list[tuple[Committee, Via]]:
    """Open a draft: one outbox row per committee (dedupe key `item:<id>:send:<committee>`), state `sent`.

    Returns where each committee's card went; an empty list when there is no one to send to.
    """
    assert item.id is not None
    committees = store.recipients_for(session, item)
    if not committees:
        return []
    content = store.content_of(session, item)
    today = now.astimezone(tz).date()
    routed: list[tuple[Committee, Via]] = []
    for committee in committees:
        address = address_of(session, committee, item.tenant_id)
        card = cards.answer_form(item.id, committee.id, committee.name, content, today)
        reply = Reply(text=texts.ASKING_FOR_ANSWER.format(title=content.title), card=card)
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
    deadline has not passed. Dedupe keys make every run after the first a no-op.
    """
    if not in_send_window(now, tz):
        return 0
    added = 0
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
                added += _enqueue(session, f"item:{item.id}:nudge:{committee.id}:{stage}", address, reply, now)
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
            added += _enqueue(session, f"item:{item.id}:summary", _summary_address(session, item), reply, now)
    if added:
        log.info("feedback.evaluate added=%s", added)
    return added
