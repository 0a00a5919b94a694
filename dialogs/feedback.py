"""AfdelingsMED feedback rounds: KommuneMED sends an item, every committee answers on a card by a deadline.

`ny høring` opens a form in the 1:1 chat; its draft lives in the database, so "Ret" and "Send" work after a
restart or on another replica. Sending writes one outbox row per committee (its linked channel, else its
secretary's 1:1 chat). A committee's submit is accepted from its members and from its linked channel; each
change is a new answer version. `evaluate` (called by the scheduler and `medbot reminders run`) writes the
nudges before the deadline and the creator's summary after it. The CLI (`medbot items`) uses the same rules.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs import qa
from dialogs.base import Handler, Reply, Request, Response, Turn, activity_json
from dialogs.cards import feedback as cards
from dialogs.cards.feedback import AnswerView
from dialogs.hygiene import text_inputs
from dialogs.roles import can_manage_items, can_see_all_committees
from dialogs.workdays import add_working_days, in_send_window, next_working_day, previous_working_day, send_time
from storage import feedback as store
from storage import org, outbox
from storage.conversations import Conversation
from storage.feedback import (
    AnswerContent,
    FeedbackAnswer,
    FeedbackItem,
    ItemContent,
    ItemState,
    QuestionKind,
    QuestionSpec,
    Route,
)
from storage.org import Committee, CommitteeKind, MemberRole

log = logging.getLogger(__name__)

NUDGE_WORKING_DAYS = 3
MAX_DEADLINE_AHEAD = timedelta(days=366)
_ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")
_MAX_ID = 2**31 - 1


# ---------------------------------------------------------------------------------------------------------------
# Items: reading the form, checking, sending (shared with `medbot items create`)


def choosable_committees(session: Session) -> list[Committee]:
    """Committees an item can go to: every active committee but KommuneMED itself, AfdelingsMED first."""
    rank = {CommitteeKind.AFDELINGSMED.value: 0}
    chosen = [c for c in org.committees(session) if c.kind != CommitteeKind.KOMMUNEMED.value]
    return sorted(chosen, key=lambda c: (rank.get(c.kind, 1), c.name))


def afdelingsmed(session: Session) -> list[Committee]:
    """'Alle AfdelingsMED': the active AfdelingsMED committees, by name."""
    return sorted(org.committees(session, CommitteeKind.AFDELINGSMED), key=lambda c: c.name)


def item_problems(content: ItemContent, today: date, known_committees: Collection[str]) -> list[str]:
    """Everything wrong with an item, in Danish; empty when it may be saved and sent."""
    problems: list[str] = []
    if not content.title.strip():
        problems.append(cards.TITLE_MISSING)
    elif len(content.title) > cards.MAX_TITLE:
        problems.append(cards.TITLE_TOO_LONG.format(n=len(content.title)))
    if not content.body.strip():
        problems.append(cards.BODY_MISSING)
    elif len(content.body) > cards.MAX_TEXT:
        problems.append(cards.BODY_TOO_LONG.format(n=len(content.body)))
    if content.deadline < today:
        problems.append(cards.DEADLINE_PAST)
    elif content.deadline > today + MAX_DEADLINE_AHEAD:
        problems.append(cards.DEADLINE_FAR)
    if not content.questions:
        problems.append(cards.QUESTIONS_MISSING)
    elif len(content.questions) > cards.MAX_QUESTIONS:
        problems.append(cards.QUESTIONS_TOO_MANY)
    for n, question in enumerate(content.questions, start=1):
        if len(question.text) > cards.MAX_QUESTION:
            problems.append(cards.QUESTION_TOO_LONG.format(n=n, k=len(question.text)))
        if question.kind == QuestionKind.CHOICE:
            if len(question.choices) < 2:
                problems.append(cards.QUESTION_CHOICES_MISSING.format(n=n))
            elif len(question.choices) > cards.MAX_CHOICES or any(len(c) > cards.MAX_CHOICE for c in question.choices):
                problems.append(cards.QUESTION_CHOICES_TOO_MANY.format(n=n))
    if not content.to_all and not content.committee_ids:
        problems.append(cards.RECIPIENTS_MISSING)
    for committee_id in content.committee_ids:
        if committee_id not in known_committees:
            problems.append(cards.RECIPIENT_UNKNOWN.format(committee=committee_id))
    if content.link and (not content.link.startswith(("https://", "http://")) or len(content.link) > 1000):
        problems.append(cards.LINK_INVALID)
    if content.entry_id and not _ENTRY_ID.match(content.entry_id):
        problems.append(cards.LINK_INVALID)
    return problems


def split_choices(value: str) -> tuple[str, ...]:
    """'Ja, helt; Delvist; Nej' → the choices, blanks and repeats dropped."""
    seen: list[str] = []
    for part in re.split(r"[;\n]", value):
        choice = " ".join(part.split())
        if choice and choice not in seen:
            seen.append(choice)
    return tuple(seen)


def link_or_entry(value: str) -> tuple[str, str]:
    """The form's one field: (link, entry_id) — a URL is a link, anything else a knowledge entry id."""
    value = value.strip()
    if value.lower().startswith(("https://", "http://")):
        return value, ""
    return "", value


_ITEM_FIELDS = ("title", "body", "link", "deadline", "recipients")


def read_item_form(
    data: Mapping[str, Any], today: date, known_committees: Collection[str]
) -> tuple[ItemContent | None, list[str], dict[str, str]]:
    """The submitted item form as content, or the problems; the raw values re-fill the form after an error."""
    keys = [*_ITEM_FIELDS]
    for n in range(1, cards.MAX_QUESTIONS + 1):
        keys += [f"question_{n}", f"kind_{n}", f"choices_{n}"]
    raw, wrong = text_inputs(data, keys)
    if wrong:
        return None, cards.not_text(wrong), raw
    problems: list[str] = []
    deadline = _read_date(raw.get("deadline", ""), cards.DEADLINE_MISSING, cards.DEADLINE_INVALID, problems) or today
    picked = [p.strip() for p in raw.get("recipients", "").split(",") if p.strip()]
    to_all = cards.ALL_AFDELINGSMED in picked
    questions: list[QuestionSpec] = []
    for n in range(1, cards.MAX_QUESTIONS + 1):
        question_text = raw.get(f"question_{n}", "").strip()
        if not question_text:
            continue
        kind_text = raw.get(f"kind_{n}", QuestionKind.TEXT.value) or QuestionKind.TEXT.value
        try:
            kind = QuestionKind(kind_text)
        except ValueError:
            problems.append(cards.QUESTION_KIND_UNKNOWN.format(n=len(questions) + 1))
            kind = QuestionKind.TEXT
        choices = split_choices(raw.get(f"choices_{n}", "")) if kind == QuestionKind.CHOICE else ()
        questions.append(QuestionSpec(text=question_text, kind=kind, choices=choices))
    link, entry_id = link_or_entry(raw.get("link", ""))
    content = ItemContent(
        title=raw.get("title", "").strip(),
        body=raw.get("body", "").strip(),
        deadline=deadline,
        questions=tuple(questions),
        to_all=to_all or not picked,
        committee_ids=() if to_all or not picked else tuple(dict.fromkeys(picked)),
        link=link,
        entry_id=entry_id,
    )
    if not picked:
        problems.append(cards.RECIPIENTS_MISSING)
    problems += item_problems(content, today, known_committees)
    if problems:
        return None, list(dict.fromkeys(problems)), raw
    return content, [], raw


@dataclass(frozen=True)
class Target:
    """Where a committee's card goes."""

    route: Route
    conversation_id: str | None = None
    user_aad_id: str = ""
    tenant_id: str = ""


def same_channel(linked: str | None, conversation_id: str) -> bool:
    """A channel is the same whichever thread the card sits in (Teams adds ';messageid=…' per thread)."""
    return bool(linked) and str(linked).split(";")[0] == conversation_id.split(";")[0]


def target_of(session: Session, committee: Committee, tenant_id: str) -> Target:
    """The committee's linked channel while the app is installed there, else its secretary's 1:1 chat."""
    if committee.conversation_id:
        channel = session.get(Conversation, committee.conversation_id)
        if channel is not None and channel.installed:
            return Target(Route.CHANNEL, conversation_id=channel.id, tenant_id=channel.tenant_id or tenant_id)
    for secretary in org.members_of(session, committee.id, MemberRole.SECRETARY):
        if secretary.aad_object_id:
            return person_target(secretary.aad_object_id, tenant_id)
    return Target(Route.NONE)


def person_target(aad_object_id: str, tenant_id: str) -> Target:
    """A person's 1:1 chat; the dispatcher finds the stored chat or opens one by Entra id."""
    return Target(Route.SECRETARY, user_aad_id=aad_object_id.lower(), tenant_id=tenant_id)


def _enqueue(session: Session, key: str, target: Target, reply: Reply, now: datetime) -> bool:
    if target.route == Route.NONE:
        return False
    return outbox.enqueue(
        session,
        dedupe_key=key,
        activity=activity_json(reply),
        conversation_id=target.conversation_id,
        user_aad_id=target.user_aad_id,
        tenant_id=target.tenant_id,
        now=now,
    )


def recipients_for(session: Session, item: FeedbackItem) -> list[Committee]:
    """Who an item goes to: all AfdelingsMED as they are now (while a draft), else the stored recipients."""
    assert item.id is not None
    if item.state == ItemState.DRAFT and item.to_all:
        return afdelingsmed(session)
    committees = [session.get(Committee, r.committee_id) for r in store.recipients_of(session, item.id)]
    return sorted((c for c in committees if c is not None), key=lambda c: c.name)


def send_item(session: Session, item: FeedbackItem, now: datetime, tz: ZoneInfo) -> list[tuple[Committee, Route]]:
    """Open a draft: one outbox row per committee (dedupe key `item:<id>:send:<committee>`), state `sent`.

    Returns where each committee's card went; an empty list when there is no one to send to.
    """
    assert item.id is not None
    committees = recipients_for(session, item)
    if not committees:
        return []
    content = store.content_of(session, item)
    today = now.astimezone(tz).date()
    routed: list[tuple[Committee, Route]] = []
    for committee in committees:
        target = target_of(session, committee, item.tenant_id)
        card = cards.answer_form(item.id, committee.id, committee.name, content, today)
        reply = Reply(text=f"KommuneMED beder om jeres svar: {content.title}", card=card)
        _enqueue(session, f"item:{item.id}:send:{committee.id}", target, reply, now)
        routed.append((committee, target.route))
    store.mark_sent(session, item, {c.id: route for c, route in routed}, now)
    log.info("feedback.item.sent item=%s committees=%s", item.id, len(routed))
    return routed


# ---------------------------------------------------------------------------------------------------------------
# Answers: reading the committee's form, the overview


def _read_date(value: str, missing: str, invalid: str, problems: list[str]) -> date | None:
    """A required ISO date from a card's Input.Date; adds the Danish problem when it is empty or malformed."""
    if not value.strip():
        problems.append(missing)
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(invalid)
        return None


def read_answer_form(
    data: Mapping[str, Any], content: ItemContent, today: date
) -> tuple[AnswerContent | None, list[str], dict[str, str]]:
    """The committee's submitted form as an answer, or the problems (in Danish) and the raw values."""
    keys = ["meeting_date", "remarks"] + [f"answer_{n}" for n in range(1, len(content.questions) + 1)]
    raw, wrong = text_inputs(data, keys)
    if wrong:
        return None, cards.not_text(wrong), raw
    problems: list[str] = []
    meeting = _read_date(raw.get("meeting_date", ""), cards.MEETING_MISSING, cards.MEETING_INVALID, problems) or today
    if meeting > today:
        problems.append(cards.MEETING_FUTURE)
    answers: list[str] = []
    for n, question in enumerate(content.questions, start=1):
        value = raw.get(f"answer_{n}", "").strip()
        answers.append(value)
        if not value:
            problems.append(cards.ANSWER_MISSING.format(n=n))
        elif len(value) > cards.MAX_TEXT:
            problems.append(cards.ANSWER_TOO_LONG.format(n=n, k=len(value)))
        elif question.kind != QuestionKind.TEXT and value not in allowed_choices(question):
            problems.append(cards.ANSWER_NOT_A_CHOICE.format(n=n))
    remarks = raw.get("remarks", "").strip()
    if len(remarks) > cards.MAX_TEXT:
        problems.append(cards.REMARKS_TOO_LONG.format(k=len(remarks)))
    total = sum(len(a) for a in answers) + len(remarks)
    if total > cards.MAX_ANSWER_TOTAL and not problems:
        problems.append(cards.ANSWER_TOTAL_TOO_LONG.format(k=total))
    if problems:
        return None, problems, raw
    return AnswerContent(meeting_date=meeting, answers=tuple(answers), remarks=remarks), [], raw


def allowed_choices(question: QuestionSpec) -> tuple[str, ...]:
    """The values a yes/no or choice question accepts (a free-text question accepts any text)."""
    if question.kind == QuestionKind.YES_NO:
        return (cards.YES, cards.NO)
    return question.choices


def answer_content(answer: FeedbackAnswer) -> AnswerContent:
    """A stored version as plain content."""
    return AnswerContent(meeting_date=answer.meeting_date, answers=tuple(answer.answers), remarks=answer.remarks)


def answer_views(session: Session, item: FeedbackItem, tz: ZoneInfo) -> list[AnswerView]:
    """Each recipient committee's state: answered (on time), late (first answer after the deadline) or missing."""
    assert item.id is not None
    history: dict[str, list[FeedbackAnswer]] = {}
    for version in store.versions_of(session, item.id):
        history.setdefault(version.committee_id, []).append(version)
    views: list[AnswerView] = []
    for committee in recipients_for(session, item):
        versions = history.get(committee.id, [])
        if not versions:
            views.append(AnswerView(committee.id, committee.name, "missing"))
            continue
        latest = versions[-1]
        views.append(
            AnswerView(
                committee_id=committee.id,
                committee_name=committee.name,
                state="late" if versions[0].late else "answered",
                answer=answer_content(latest),
                submitted_at=latest.submitted_at.astimezone(tz),
                submitted_by=latest.submitted_by_name,
                versions=len(versions),
            )
        )
    return views


def export_table(content: ItemContent, views: list[AnswerView]) -> tuple[list[str], list[list[str]]]:
    """One row per committee, one column per question, Danish headers (for CSV and Excel)."""
    headers = [
        cards.EXPORT_COMMITTEE,
        cards.EXPORT_STATE,
        cards.EXPORT_MEETING,
        cards.EXPORT_SUBMITTED_AT,
        cards.EXPORT_SUBMITTED_BY,
        *(f"{n}. {q.text}" for n, q in enumerate(content.questions, start=1)),
        cards.EXPORT_REMARKS,
        cards.EXPORT_VERSIONS,
    ]
    rows: list[list[str]] = []
    for view in views:
        answer = view.answer
        answers = list(answer.answers) if answer else []
        answers += [""] * (len(content.questions) - len(answers))
        rows.append(
            [
                view.committee_name,
                cards.STATE_LABELS[view.state],
                answer.meeting_date.isoformat() if answer else "",
                view.submitted_at.strftime("%Y-%m-%d %H:%M") if view.submitted_at else "",
                view.submitted_by,
                *(cards.answer_label(q, a) for q, a in zip(content.questions, answers, strict=True)),
                answer.remarks if answer else "",
                str(view.versions) if view.versions else "",
            ]
        )
    return headers, rows


# ---------------------------------------------------------------------------------------------------------------
# Teams: creating and sending


def _today(request: Request, turn: Turn) -> date:
    return turn.local(request.now).date()


def _int(value: Any) -> int | None:
    """An id from a card payload; forged values (text, booleans, huge numbers) are None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and 0 < value <= _MAX_ID:
        return value
    return None


def _item(request: Request, turn: Turn) -> FeedbackItem | None:
    item_id = _int(request.data.get("item_id"))
    return store.get_item(turn.session, item_id) if item_id is not None else None


def _known(session: Session) -> dict[str, str]:
    return {c.id: c.name for c in choosable_committees(session)}


def _form(turn: Turn, today: date, **kwargs: Any) -> dict[str, Any]:
    committees = [(c.id, c.name) for c in choosable_committees(turn.session)]
    return cards.item_form(committees, today, **kwargs)


def new_item(request: Request, turn: Turn) -> Response:
    """`ny høring [titel]`: the item form (title pre-filled when given), for KommuneMED's leads and admins, 1:1."""
    if not can_manage_items(request.actor):
        return Response.say(cards.NOT_MANAGER)
    if not request.is_personal:
        return Response.say(cards.ONLY_PERSONAL)
    raw = {"title": request.args.strip()} if request.args.strip() else None
    return Response.show(_form(turn, _today(request, turn), raw=raw), "Ny høring til udvalgene")


def _draft(request: Request, turn: Turn) -> FeedbackItem | Response:
    """The draft a preview/send/revise button refers to, or the refusal."""
    if not can_manage_items(request.actor):
        return Response.say(cards.NOT_MANAGER)
    item = _item(request, turn)
    if item is None:
        return Response.say(cards.ITEM_UNKNOWN)
    if item.state != ItemState.DRAFT:
        return Response.say(cards.ALREADY_SENT.format(title=item.title))
    return item


def _preview(turn: Turn, item: FeedbackItem, today: date) -> Response:
    assert item.id is not None
    content = store.content_of(turn.session, item)
    names = [c.name for c in recipients_for(turn.session, item)]
    first_nudge = add_working_days(content.deadline, -NUDGE_WORKING_DAYS)
    return Response(card_update=cards.preview_card(item.id, content, names, first_nudge, today))


def save_draft(request: Request, turn: Turn) -> Response:
    """The item form's submit: store the draft (new or revised) and show the preview; errors re-show the form."""
    if not can_manage_items(request.actor):
        return Response.say(cards.NOT_MANAGER)
    item: FeedbackItem | None = None
    if "item_id" in request.data:
        found = _draft(request, turn)
        if isinstance(found, Response):
            return found
        item = found
    today = _today(request, turn)
    content, problems, raw = read_item_form(request.data, today, _known(turn.session))
    entries = getattr(turn.knowledge.current, "entries", None)
    if content is not None and content.entry_id and entries is not None and content.entry_id not in entries:
        problems = [cards.ENTRY_UNKNOWN.format(entry=content.entry_id)]
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
    return Response(card_update=_form(turn, _today(request, turn), content=content, item_id=found.id))


def send(request: Request, turn: Turn) -> Response:
    """'Send' on the preview; a second click (or a second replica) finds the item sent and shows the receipt."""
    if not can_manage_items(request.actor):
        return Response.say(cards.NOT_MANAGER)
    item = _item(request, turn)
    if item is None:
        return Response.say(cards.ITEM_UNKNOWN)
    assert item.id is not None
    if item.state == ItemState.DRAFT:
        if store.content_of(turn.session, item).deadline < _today(request, turn):
            return Response.say(cards.DEADLINE_PAST + " Tryk **Ret** og vælg en ny svarfrist.")
        routed = send_item(turn.session, item, request.now, turn.tz)
        if not routed:
            return Response.say(cards.NO_AFDELINGSMED)
    else:
        routes = {r.committee_id: Route(r.route or Route.NONE) for r in store.recipients_of(turn.session, item.id)}
        routed = [(c, routes[c.id]) for c in recipients_for(turn.session, item)]
    content = store.content_of(turn.session, item)
    return Response(card_update=cards.sent_card(content, [(c.name, route) for c, route in routed]))


# ---------------------------------------------------------------------------------------------------------------
# Teams: the committees' answers


def _answering(request: Request, turn: Turn) -> tuple[FeedbackItem, Committee] | Response:
    """The item and committee a submit or 'Ret svar' is for, after every check; or the refusal."""
    item = _item(request, turn)
    if item is None or item.state == ItemState.DRAFT:
        return Response.say(cards.ITEM_UNKNOWN)
    assert item.id is not None
    if item.state == ItemState.CLOSED:
        return Response.say(cards.ITEM_CLOSED.format(title=item.title))
    committee_id = request.data.get("committee_id")
    recipients = {r.committee_id for r in store.recipients_of(turn.session, item.id)}
    committee = turn.session.get(Committee, committee_id) if isinstance(committee_id, str) else None
    if committee is None or committee.id not in recipients:
        return Response.say(cards.NOT_RECIPIENT.format(title=item.title))
    if not (request.actor.holds(committee.id) or same_channel(committee.conversation_id, request.conversation_id)):
        log.info("feedback.answer.refused item=%s committee=%s reason=not_member", item.id, committee.id)
        return Response.say(cards.NOT_MEMBER.format(committee=committee.name))
    return item, committee


def _receipt(turn: Turn, item: FeedbackItem, committee: Committee, answer: FeedbackAnswer, today: date) -> Response:
    assert item.id is not None
    content = store.content_of(turn.session, item)
    card = cards.receipt_card(
        item.id,
        committee.id,
        committee.name,
        content,
        answer_content(answer),
        submitted_at=turn.local(answer.submitted_at),
        submitted_by=answer.submitted_by_name,
        late=answer.late,
        version=answer.version,
        can_edit=today <= item.deadline,
    )
    return Response(card_update=card)


def submit(request: Request, turn: Turn) -> Response:
    """`feedback.submit`: store the committee's answer (a new version when it changed) and show the receipt."""
    found = _answering(request, turn)
    if isinstance(found, Response):
        return found
    item, committee = found
    assert item.id is not None
    today = _today(request, turn)
    content = store.content_of(turn.session, item)
    answer, problems, raw = read_answer_form(request.data, content, today)
    if answer is None:
        card = cards.answer_form(item.id, committee.id, committee.name, content, today, raw=raw, errors=problems)
        return Response(card_update=card)
    late = today > item.deadline
    current = store.latest_answer(turn.session, item.id, committee.id)
    if late and current is not None and current.content_hash != answer.fingerprint:
        return Response.say(cards.EDIT_AFTER_DEADLINE.format(title=item.title))
    stored, created = store.record_answer(
        turn.session,
        item_id=item.id,
        committee_id=committee.id,
        content=answer,
        by_aad=request.actor.aad_object_id,
        by_name=request.actor.name,
        at=request.now,
        late=late,
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
    today = _today(request, turn)
    current = store.latest_answer(turn.session, item.id, committee.id)
    if current is not None and today > item.deadline:
        return Response.say(cards.EDIT_AFTER_DEADLINE.format(title=item.title))
    content = store.content_of(turn.session, item)
    answer = answer_content(current) if current is not None else None
    return Response(card_update=cards.answer_form(item.id, committee.id, committee.name, content, today, answer=answer))


# ---------------------------------------------------------------------------------------------------------------
# Teams: overview, all answers, closing


def show_status(request: Request, turn: Turn) -> Response:
    """`status` (or `status <id>`): one card per open item with each committee's state."""
    wanted = request.args.strip()
    if wanted and _int(wanted) is None:
        return qa.answer(request, turn)
    if not can_see_all_committees(request.actor):
        return Response.say(cards.STATUS_NOT_ALLOWED)
    items = store.items_in_state(turn.session, ItemState.SENT)
    if wanted:
        items = [
            i for i in store.items_in_state(turn.session, ItemState.SENT, ItemState.CLOSED) if i.id == _int(wanted)
        ]
    if not items:
        return Response.say(cards.NO_OPEN_ITEMS if not wanted else cards.ITEM_UNKNOWN)
    replies = []
    for item in items:
        assert item.id is not None and item.sent_at is not None
        content = store.content_of(turn.session, item)
        views = answer_views(turn.session, item, turn.tz)
        card = cards.status_card(item.id, content, views, sent_on=turn.local(item.sent_at).date())
        replies.append(Reply(text=f"Status: {content.title}", card=card))
    return Response(replies=replies)


def _answers_card(turn: Turn, item: FeedbackItem, today: date, *, can_close: bool, intro: str = "") -> dict[str, Any]:
    assert item.id is not None
    content = store.content_of(turn.session, item)
    views = answer_views(turn.session, item, turn.tz)
    closed_on = turn.local(item.closed_at).date() if item.closed_at is not None else None
    return cards.answers_card(
        item.id, content, views, today=today, closed_on=closed_on, can_close=can_close, intro=intro
    )


def show_answers(request: Request, turn: Turn) -> Response:
    """'Se alle svar': every committee's current answer as a new message (the status card stays)."""
    if not can_see_all_committees(request.actor):
        return Response.say(cards.STATUS_NOT_ALLOWED)
    item = _item(request, turn)
    if item is None or item.state == ItemState.DRAFT:
        return Response.say(cards.ITEM_UNKNOWN)
    card = _answers_card(turn, item, _today(request, turn), can_close=can_manage_items(request.actor))
    return Response(replies=[Reply(text=cards.ANSWERS_FOLLOW.format(title=item.title)), Reply(card=card)])


def close(request: Request, turn: Turn) -> Response:
    """'Luk høringen': no more answers; a second click shows the same closed card."""
    if not can_manage_items(request.actor):
        return Response.say(cards.NOT_MANAGER)
    item = _item(request, turn)
    if item is None or item.state == ItemState.DRAFT:
        return Response.say(cards.ITEM_UNKNOWN)
    if item.state == ItemState.SENT:
        store.close_item(turn.session, item, request.now)
        log.info("feedback.item.closed item=%s", item.id)
    return Response(card_update=_answers_card(turn, item, _today(request, turn), can_close=False))


# ---------------------------------------------------------------------------------------------------------------
# Nudges and the summary (scheduler, `medbot reminders run`)


def nudge_stages(deadline: date, tz: ZoneInfo) -> list[tuple[str, datetime]]:
    """(stage, when): three working days before the deadline and on the deadline day (the working day before
    it, when the deadline falls on a weekend or holiday), 09:00 local time."""
    return [
        ("3d", send_time(add_working_days(deadline, -NUDGE_WORKING_DAYS), tz)),
        ("deadline", send_time(previous_working_day(deadline), tz)),
    ]


def summary_time(deadline: date, tz: ZoneInfo) -> datetime:
    """The creator's summary: 09:00 on the first working day after the deadline."""
    return send_time(next_working_day(deadline + timedelta(days=1)), tz)


def _summary_target(session: Session, item: FeedbackItem) -> Target:
    """The creator; an item made from the CLI has none, so KommuneMED's secretary gets it."""
    if item.creator_aad_id:
        return person_target(item.creator_aad_id, item.tenant_id)
    for committee in org.committees(session, CommitteeKind.KOMMUNEMED):
        for secretary in org.members_of(session, committee.id, MemberRole.SECRETARY):
            if secretary.aad_object_id:
                return person_target(secretary.aad_object_id, item.tenant_id)
    return Target(Route.NONE)


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
        due = [(stage, at) for stage, at in nudge_stages(item.deadline, tz) if item.sent_at < at <= now]
        if due and today <= item.deadline:
            stage, _at = due[-1]
            answered = set(store.latest_answers(session, item.id))
            for committee in recipients_for(session, item):
                if committee.id in answered:
                    continue
                target = target_of(session, committee, item.tenant_id)
                card = cards.answer_form(
                    item.id, committee.id, committee.name, content, today, note=cards.nudge_note(item.deadline, today)
                )
                reply = Reply(text=f"Påmindelse: {content.title}", card=card)
                added += _enqueue(session, f"item:{item.id}:nudge:{committee.id}:{stage}", target, reply, now)
        if now >= summary_time(item.deadline, tz):
            card = cards.answers_card(
                item.id,
                content,
                answer_views(session, item, tz),
                today=today,
                can_close=True,
                intro=cards.summary_intro(),
            )
            reply = Reply(text=f"Svar på »{content.title}«", card=card)
            added += _enqueue(session, f"item:{item.id}:summary", _summary_target(session, item), reply, now)
    if added:
        log.info("feedback.evaluate added=%s", added)
    return added


COMMANDS: dict[str, Handler] = {
    "ny høring": new_item,
    "ny hoering": new_item,
    "status": show_status,
}
ACTIONS: dict[str, Handler] = {
    "feedback.draft": save_draft,
    "feedback.revise": revise_draft,
    "feedback.send": send,
    "feedback.submit": submit,
    "feedback.amend": amend,
    "feedback.answers": show_answers,
    "feedback.close": close,
}
