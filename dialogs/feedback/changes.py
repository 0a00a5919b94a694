"""Changes to a sent item (høring): a later deadline, corrected background or question wording, or withdrawal.

Each change is a new revision of the item with a short Danish note ("Fristen er forlænget til …"). Every
committee's card that was delivered is updated in place through the outbox: one row per card and change
(`item:<id>:update:<committee>:r<revision>`, plus `:<send-retry|nudge-stage>` for a committee's further cards),
which the dispatcher sends as an update of the activity the original row delivered, with the same pacing and
retries as a send. A card not yet claimed by the dispatcher simply gets the new content; a card still in flight
gets an update that waits for it; a card that failed gets nothing (a retry sends the current wording).

Answers already given stay and keep the revision they were given to (the card's payload says which), so every
view marks an answer given to an earlier wording. A withdrawn item takes no more answers. Shared by Teams
(`Ret høringen`, `Træk tilbage` on the status card) and `medbot items change|withdraw`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs.base import Reply, Request, Response, Turn, activity_json
from dialogs.feedback import cards, rules, status_cards, texts
from dialogs.feedback.export import answer_content, answer_views
from dialogs.feedback.manage import item_of, today_of
from dialogs.feedback.model import MAX_DEADLINE_AHEAD, MAX_QUESTION, MAX_TEXT, ItemContent, ItemState
from dialogs.hygiene import text_inputs
from dialogs.roles import can_manage_items
from storage import feedback as store
from storage import outbox
from storage.feedback import FeedbackAnswer, FeedbackItem
from storage.org import Committee
from storage.outbox import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """What KommuneMED corrects: a new deadline, new background text, new wording of questions (by number)."""

    deadline: date | None = None
    body: str | None = None
    questions: Mapping[int, str] = field(default_factory=dict)


# --- the rules -----------------------------------------------------------------------------------------------------


def state_refusal(item: FeedbackItem) -> str:
    """Why this item cannot be changed or withdrawn now ('' when it can: it is sent and open)."""
    if item.state == ItemState.SENT:
        return ""
    if item.state == ItemState.WITHDRAWN:
        return texts.ALREADY_WITHDRAWN.format(title=item.title)
    if item.state == ItemState.CLOSED:
        return texts.CHANGE_CLOSED.format(title=item.title)
    return texts.CHANGE_NOT_SENT.format(title=item.title)


def change_problems(content: ItemContent, change: Change, today: date) -> list[str]:
    """Everything wrong with a change, in Danish; empty when it may be saved."""
    problems: list[str] = []
    if change.deadline is not None:
        if change.deadline < today:
            problems.append(texts.DEADLINE_PAST)
        elif change.deadline > today + MAX_DEADLINE_AHEAD:
            problems.append(texts.DEADLINE_FAR)
    if change.body is not None:
        if not change.body.strip():
            problems.append(texts.BODY_MISSING)
        elif len(change.body) > MAX_TEXT:
            problems.append(texts.BODY_TOO_LONG.format(n=len(change.body)))
    for n, wording in sorted(change.questions.items()):
        if not 1 <= n <= len(content.questions):
            problems.append(texts.CHANGE_QUESTION_UNKNOWN.format(n=n))
        elif not wording.strip():
            problems.append(texts.CHANGE_QUESTION_MISSING.format(n=n))
        elif len(wording) > MAX_QUESTION:
            problems.append(texts.QUESTION_TOO_LONG.format(n=n, k=len(wording)))
    return problems


def effective(content: ItemContent, change: Change) -> Change:
    """The change without the fields that say what the item already says."""
    deadline = change.deadline if change.deadline not in (None, content.deadline) else None
    body = change.body.strip() if change.body is not None and change.body.strip() != content.body else None
    questions = {
        n: wording.strip()
        for n, wording in change.questions.items()
        if 1 <= n <= len(content.questions) and wording.strip() != content.questions[n - 1].text
    }
    return Change(deadline=deadline, body=body, questions=questions)


def change_note(content: ItemContent, change: Change) -> str:
    """'Fristen er forlænget til torsdag den 17. december 2026. Spørgsmål 2 er rettet' ('' for no change)."""
    notes: list[str] = []
    if change.deadline is not None:
        later = change.deadline > content.deadline
        wording = texts.NOTE_DEADLINE_LATER if later else texts.NOTE_DEADLINE_EARLIER
        notes.append(wording.format(deadline=texts.long_date(change.deadline)))
    if change.body is not None:
        notes.append(texts.NOTE_BODY)
    notes += [texts.NOTE_QUESTION.format(n=n) for n in sorted(change.questions)]
    return ". ".join(notes)


def answered_revision(data: Mapping[str, Any], item: FeedbackItem) -> int:
    """The wording a committee's submit answers: its card's revision (none on a card from before any change: 1),
    never more than the item has."""
    return min(rules.parse_id(data.get("revision")) or 1, item.revision)


# --- changing and withdrawing (Teams and the CLI) ------------------------------------------------------------------


def change_item(
    session: Session, item: FeedbackItem, change: Change, now: datetime, tz: ZoneInfo
) -> tuple[str, int] | list[str]:
    """Apply a change and queue the committees' card updates: (the note, how many committees' cards), or the
    problems (nothing changed)."""
    refusal = state_refusal(item)
    if refusal:
        return [refusal]
    content = store.content_of(session, item)
    problems = change_problems(content, change, now.astimezone(tz).date())
    if problems:
        return problems
    wanted = effective(content, change)
    note = change_note(content, wanted)
    if not note:
        return [texts.CHANGE_NOTHING]
    changed = store.change_sent_item(
        session,
        item,
        note=note,
        now=now,
        deadline=wanted.deadline,
        body=wanted.body,
        questions=wanted.questions,
    )
    if not changed:
        return [texts.CHANGE_STALE.format(title=item.title)]
    cards_updated = refresh_cards(session, item, now, tz)
    log.info("feedback.item.changed item=%s revision=%s cards=%s", item.id, item.revision, cards_updated)
    return note, cards_updated


def withdraw_item(session: Session, item: FeedbackItem, now: datetime, tz: ZoneInfo) -> int | list[str]:
    """Withdraw a sent item and queue the committees' card updates; how many committees' cards, or the problems."""
    refusal = state_refusal(item)
    if refusal:
        return [refusal]
    if not store.change_sent_item(session, item, note=texts.NOTE_WITHDRAWN, now=now, withdraw=True):
        return [texts.CHANGE_STALE.format(title=item.title)]
    cards_updated = refresh_cards(session, item, now, tz)
    log.info("feedback.item.withdrawn item=%s revision=%s cards=%s", item.id, item.revision, cards_updated)
    return cards_updated


def _card_label(key: str) -> str:
    """'' for a committee's first card (`item:<id>:send:<committee>`), else what the card was: 'send-retry1',
    'nudge-3d-2026-12-10'; part of the update's dedupe key, so each card is updated once per change."""
    parts = key.split(":")
    if parts[2] == "send" and len(parts) == 4:
        return ""
    return "-".join([parts[2], *parts[4:]])


def _committee_card(
    item: FeedbackItem,
    content: ItemContent,
    committee: Committee,
    current: FeedbackAnswer | None,
    today: date,
    *,
    nudge: bool,
) -> Reply:
    """The card a committee sees after the change: the notice of withdrawal, or the corrected form (pre-filled
    with the answer it already gave, which stays)."""
    assert item.id is not None
    if item.state == ItemState.WITHDRAWN:
        card = cards.withdrawn_card(content, committee.name)
        return Reply(text=texts.WITHDRAWN_FALLBACK.format(title=content.title), card=card)
    answer = answer_content(current) if current is not None else None
    note = texts.CHANGED_ANSWERED if current is not None else ""
    card = cards.answer_form(item.id, committee.id, committee.name, content, today, answer=answer, note=note)
    wording = texts.NUDGE if nudge else texts.ASKING_FOR_ANSWER
    return Reply(text=wording.format(title=content.title), card=card)


def refresh_cards(session: Session, item: FeedbackItem, now: datetime, tz: ZoneInfo) -> int:
    """Bring every committee's card of the item to its current revision; returns how many committees' cards.

    Delivered (or in-flight) cards get an update row pointing at the row that carries them; cards still waiting
    in the outbox get the new content; failed ones nothing.
    """
    assert item.id is not None
    content = store.content_of(session, item)
    today = now.astimezone(tz).date()
    committees = {c.id: c for c in store.recipients_for(session, item)}
    latest = store.latest_answers(session, item.id)
    touched: set[str] = set()
    for row in store.delivery_rows(session, item.id):
        committee = committees.get(row.dedupe_key.split(":")[3])
        if committee is None or row.status == OutboxStatus.FAILED.value or row.id is None:
            continue
        nudge = row.dedupe_key.split(":")[2] == "nudge"
        reply = _committee_card(item, content, committee, latest.get(committee.id), today, nudge=nudge)
        activity = activity_json(reply)
        if row.status == OutboxStatus.PENDING.value and outbox.replace_pending(session, row.id, activity):
            touched.add(committee.id)
            continue
        if _enqueue_update(session, item, committee, row, activity, now):
            touched.add(committee.id)
    return len(touched)


def _enqueue_update(
    session: Session,
    item: FeedbackItem,
    committee: Committee,
    row: OutboxMessage,
    activity: dict[str, Any],
    now: datetime,
) -> bool:
    """The update of the card `row` carries, addressed like `row` (the dispatcher finds where it landed)."""
    label = _card_label(row.dedupe_key)
    key = f"item:{item.id}:update:{committee.id}:r{item.revision}" + (f":{label}" if label else "")
    return outbox.enqueue(
        session,
        dedupe_key=key,
        activity=activity,
        conversation_id=row.conversation_id,
        user_aad_id=row.user_aad_id,
        tenant_id=row.tenant_id,
        now=now,
        update_of=row.id,
    )


# --- the form ------------------------------------------------------------------------------------------------------


def read_change_form(
    data: Mapping[str, Any], content: ItemContent, today: date
) -> tuple[Change | None, list[str], dict[str, str]]:
    """The submitted 'Ret høringen' form as a change, or the problems (Danish) and the raw values."""
    keys = ["deadline", "body"] + [f"question_{n}" for n in range(1, len(content.questions) + 1)]
    raw, wrong = text_inputs(data, keys)
    if wrong:
        return None, texts.not_text(wrong), raw
    problems: list[str] = []
    deadline: date | None = None
    if raw.get("deadline", "").strip():
        try:
            deadline = date.fromisoformat(raw["deadline"].strip())
        except ValueError:
            problems.append(texts.DEADLINE_INVALID)
    change = Change(
        deadline=deadline,
        body=raw.get("body"),
        questions={n: raw[f"question_{n}"] for n in range(1, len(content.questions) + 1) if f"question_{n}" in raw},
    )
    problems += change_problems(content, change, today)
    if problems:
        return None, problems, raw
    return change, [], raw


# --- the Teams turns -----------------------------------------------------------------------------------------------


def _open_item(request: Request, turn: Turn) -> FeedbackItem | Response:
    """The sent, open item a button refers to, or the refusal."""
    item = item_of(request, turn)
    if item is None:
        return Response.say(texts.ITEM_UNKNOWN)
    refusal = state_refusal(item)
    return Response.say(refusal) if refusal else item


def _stale(request: Request, item: FeedbackItem) -> bool:
    """The form or confirmation was opened on an earlier revision than the item has now."""
    return rules.parse_id(request.data.get("revision")) != item.revision


def _status(request: Request, turn: Turn, item: FeedbackItem) -> dict[str, Any]:
    assert item.id is not None and item.sent_at is not None
    content = store.content_of(turn.session, item)
    views = answer_views(turn.session, item, turn.tz)
    is_open = item.state == ItemState.SENT
    return status_cards.status_card(
        item.id,
        content,
        views,
        sent_on=turn.local(item.sent_at).date(),
        can_retry=is_open,
        can_change=is_open and can_manage_items(request.actor),
    )


def edit_item(request: Request, turn: Turn) -> Response:
    """'Ret høringen' on the status card: the form with the current deadline, background and questions."""
    found = _open_item(request, turn)
    if isinstance(found, Response):
        return found
    assert found.id is not None
    content = store.content_of(turn.session, found)
    return Response(card_update=cards.change_form(found.id, content, today_of(request, turn)))


def save_change(request: Request, turn: Turn) -> Response:
    """The change form's submit: save the change, queue the card updates, show the status; problems re-show the
    form and change nothing."""
    found = _open_item(request, turn)
    if isinstance(found, Response):
        return found
    assert found.id is not None
    if _stale(request, found):
        return Response.say(texts.CHANGE_STALE.format(title=found.title))
    today = today_of(request, turn)
    content = store.content_of(turn.session, found)
    change, problems, raw = read_change_form(request.data, content, today)
    if change is not None:
        result = change_item(turn.session, found, change, request.now, turn.tz)
        if isinstance(result, tuple):
            saved = Reply(text=texts.CHANGE_SAVED.format(note=result[0], count=result[1]))
            return Response(replies=[saved], card_update=_status(request, turn, found))
        problems = result
    return Response(card_update=cards.change_form(found.id, content, today, errors=problems, raw=raw))


def confirm_withdraw(request: Request, turn: Turn) -> Response:
    """'Træk tilbage' on the status card: what it does, and the button that does it."""
    found = _open_item(request, turn)
    if isinstance(found, Response):
        return found
    assert found.id is not None
    content = store.content_of(turn.session, found)
    answered = len(store.latest_answers(turn.session, found.id))
    return Response(card_update=cards.withdraw_confirmation(found.id, content, answered))


def withdraw(request: Request, turn: Turn) -> Response:
    """'Ja, træk høringen tilbage': the item takes no more answers; the committees' cards say so."""
    found = _open_item(request, turn)
    if isinstance(found, Response):
        return found
    if _stale(request, found):
        return Response.say(texts.CHANGE_STALE.format(title=found.title))
    result = withdraw_item(turn.session, found, request.now, turn.tz)
    if isinstance(result, list):
        return Response.say(result[0])
    done = Reply(text=texts.WITHDRAWN_DONE.format(title=found.title, count=result))
    return Response(replies=[done], card_update=_status(request, turn, found))
