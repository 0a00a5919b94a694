"""Cards that show answers: a committee's receipt after its submit, the status overview (`status`) and every
committee's answer (the summary).

Pure like `cards`: plain data in, a card dict out. The summary must fit in one Teams message however many
committees answered and however long they wrote, so it shortens answers to a budget; the export has everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from dialogs.cards import Element, card, container, execute, facts, heading, text
from dialogs.feedback import texts
from dialogs.feedback.cards import clip, no_inputs
from dialogs.feedback.model import (
    MAX_TEXT,
    MIN_SHOWN,
    SUMMARY_BUDGET,
    AnswerContent,
    CommitteeAnswer,
    Delivery,
    ItemContent,
)
from dialogs.feedback.rules import effective_deadline
from dialogs.feedback.texts import long_date, moment
from knowledge.texts import danish_date as short_date


def _answer_blocks(content: ItemContent, answer: AnswerContent) -> list[Element]:
    body: list[Element] = [facts([(texts.MEETING, long_date(answer.meeting_date))])]
    for n, question in enumerate(content.questions, start=1):
        value = answer.answers[n - 1] if n - 1 < len(answer.answers) else ""
        body.append(text(f"**{n}. {question.text}**", spacing="Medium"))
        body.append(text(clip(texts.answer_label(question, value), MAX_TEXT) or texts.NO_ANSWER, spacing="None"))
    if answer.remarks:
        body.append(text(f"**{texts.REMARKS}**", spacing="Medium"))
        body.append(text(clip(answer.remarks, MAX_TEXT), spacing="None"))
    return body


def receipt_card(
    item_id: int,
    committee_id: str,
    committee_name: str,
    content: ItemContent,
    answer: AnswerContent,
    *,
    submitted_at: datetime,
    submitted_by: str,
    late: bool,
    version: int,
    can_edit: bool,
) -> dict[str, Any]:
    """Replaces the form after a submit: the answer read-only, who sent it, and 'Ret svar' until the deadline."""
    who = submitted_by or texts.UNKNOWN_SENDER
    body: list[Element] = [
        heading(texts.RECEIVED, size="Medium"),
        text(texts.RECEIVED_AT.format(at=moment(submitted_at), who=who)),
        text(f"**{content.title}** – {committee_name}", spacing="Small"),
        *_answer_blocks(content, answer),
    ]
    if late:
        body.append(text(texts.RECEIVED_LATE.format(deadline=short_date(content.deadline)), subtle=True))
    if version > 1:
        body.append(text(texts.RECEIVED_REVISED, subtle=True))
    actions: list[Element] = []
    if can_edit:
        until = long_date(effective_deadline(content.deadline))
        body.append(text(texts.EDITABLE_UNTIL.format(deadline=until), subtle=True))
        actions.append(no_inputs(execute(texts.AMEND, "feedback.amend", item_id=item_id, committee_id=committee_id)))
    return card(body, actions, fallback=texts.RECEIVED_OF.format(title=content.title))


def failure_text(delivery: Delivery) -> tuple[str, str]:
    """(why in Danish, what to do) for a failed delivery."""
    kind = delivery.failure or "other"
    return texts.FAILURE_REASONS[kind], texts.FAILURE_ADVICE[kind]


def state_label(view: CommitteeAnswer) -> str:
    """'Besvaret', 'For sent', 'Mangler'; a committee the form has not reached is 'Sendes' or 'Ikke leveret'."""
    if view.state == "missing" and view.delivery.state != "delivered":
        return texts.DELIVERY_LABELS[view.delivery.state]
    if view.earlier_wording:
        return f"{texts.STATE_LABELS[view.state]} ({texts.EARLIER_WORDING})"
    return texts.STATE_LABELS[view.state]


def state_line(view: CommitteeAnswer) -> str:
    """'Besvaret 3. december 2026 kl. 10.15 af …', 'Mangler – leveret …, set …', 'Ikke leveret: <why>', 'For sent …'."""
    label = state_label(view)
    if view.submitted_at is None:
        if view.delivery.state == "failed":
            return f"{label}: {failure_text(view.delivery)[0]}"
        notes = []
        if view.delivery.at is not None:
            notes.append(texts.DELIVERED_AT.format(at=moment(view.delivery.at)))
        if view.seen_at is not None:
            notes.append(texts.SEEN_AT.format(at=moment(view.seen_at)))
        return f"{label} – {', '.join(notes)}" if notes else label
    line = f"{label} {moment(view.submitted_at)}"
    if view.submitted_by:
        line += texts.STATE_BY.format(who=view.submitted_by)
    if view.versions > 1:
        line += texts.STATE_REVISED
    return line


def _committee_list(rows: Sequence[tuple[str, str]]) -> Element:
    """'- **Udvalg**: tekst' per committee: long committee names read better as a list than in a FactSet."""
    return text("\n".join(f"- **{name}**: {line}" for name, line in rows))


def _count_line(views: Sequence[CommitteeAnswer]) -> str:
    answered = sum(1 for v in views if v.state != "missing")
    return texts.ANSWERED_COUNT.format(answered=answered, total=len(views))


def delivery_count(views: Sequence[CommitteeAnswer]) -> str:
    """'5 leveret, 1 sendes, 1 ikke leveret'."""
    counts = {state: sum(1 for v in views if v.delivery.state == state) for state in ("delivered", "pending", "failed")}
    return texts.DELIVERY_COUNT.format(
        delivered=counts["delivered"], pending=counts["pending"], failed=counts["failed"]
    )


def _failed_block(item_id: int, views: Sequence[CommitteeAnswer], *, can_retry: bool) -> list[Element]:
    """Under the list: what to do for each committee the form did not reach, and its 'Send igen' button."""
    failed = [v for v in views if v.delivery.state == "failed" and v.state == "missing"]
    if not failed:
        return []
    items: list[Element] = [text(texts.FAILED_DELIVERIES)]
    for view in failed:
        items.append(
            text(texts.NOT_DELIVERED_NOTE.format(committee=view.committee_name, todo=failure_text(view.delivery)[1]))
        )
        if can_retry:
            button = execute(
                texts.RETRY_TO.format(committee=view.committee_name),
                "feedback.retry",
                item_id=item_id,
                committee_id=view.committee_id,
            )
            items.append({"type": "ActionSet", "actions": [button]})
    return [container(items, separator=True)]


def export_buttons(item_id: int) -> list[Element]:
    """'Hent som Excel' and 'Hent som CSV': a download link to every answer in full (`export.offer_download`)."""
    return [
        execute(texts.EXPORT_XLSX, "feedback.export", item_id=item_id, format="xlsx"),
        execute(texts.EXPORT_CSV, "feedback.export", item_id=item_id, format="csv"),
    ]


def status_card(
    item_id: int,
    content: ItemContent,
    views: Sequence[CommitteeAnswer],
    *,
    sent_on: date,
    can_retry: bool = True,
    can_change: bool = False,
) -> dict[str, Any]:
    """`status`: one open item, each committee's delivery and answer, 'Send igen' where the form did not arrive,
    and a button for all the answers; for KommuneMED's leads also 'Ret høringen' and 'Træk tilbage'."""
    overview = [
        (texts.ANSWERS, _count_line(views)),
        (texts.DELIVERY, delivery_count(views)),
        (texts.DEADLINE, long_date(content.deadline)),
        (texts.SENT_ON, long_date(sent_on)),
    ]
    if content.revision > 1 and content.change_note:
        overview.append((texts.CHANGED, texts.CHANGED_LINE.format(note=content.change_note, revision=content.revision)))
    body: list[Element] = [
        heading(content.title, size="Medium"),
        facts(overview),
        _committee_list([(v.committee_name, state_line(v)) for v in views]),
        *_failed_block(item_id, views, can_retry=can_retry),
    ]
    actions = [execute(texts.SEE_ALL_ANSWERS, "feedback.answers", item_id=item_id), *export_buttons(item_id)]
    if can_change:  # a row of its own: beside 'Se alle svar' and the downloads the titles would be cut off
        changes = [
            no_inputs(execute(texts.CHANGE_ITEM, "feedback.edit", item_id=item_id)),
            no_inputs(execute(texts.WITHDRAW_ITEM, "feedback.withdraw", item_id=item_id)),
        ]
        body.append(container([{"type": "ActionSet", "actions": changes}], separator=True))
    return card(body, actions, fallback=texts.STATUS_FALLBACK.format(title=content.title, count=_count_line(views)))


def _summary_limits(content: ItemContent, answered: Sequence[CommitteeAnswer]) -> tuple[int, int]:
    """(characters per answer text, committees shown) that keep the summary within SUMMARY_BUDGET.

    Each shown committee costs its name before every answer and its line under 'Besvarelser', besides its text.
    """
    texts_each = len(content.questions) + 1
    total = sum(sum(len(a) for a in v.answer.answers) + len(v.answer.remarks) for v in answered if v.answer)
    if total <= SUMMARY_BUDGET:
        return MAX_TEXT, len(answered)
    overhead = max((texts_each + 1) * (len(v.committee_name) + 40) for v in answered)
    limit = max(MIN_SHOWN, (SUMMARY_BUDGET // len(answered) - overhead) // texts_each)
    return limit, min(len(answered), SUMMARY_BUDGET // (overhead + limit * texts_each))


def answers_card(
    item_id: int,
    content: ItemContent,
    views: Sequence[CommitteeAnswer],
    *,
    today: date,
    closed_on: date | None = None,
    can_close: bool = False,
    intro: str = "",
) -> dict[str, Any]:
    """Every committee's current answer, question by question, ready for the next KommuneMED meeting.

    Long answers are shortened (and with very many committees, only the first are shown) so the card fits in a
    Teams message; the export has everything.
    """
    answered = [v for v in views if v.answer is not None]
    missing = [v.committee_name for v in views if v.answer is None and v.delivery.state == "delivered"]
    undelivered = [v for v in views if v.answer is None and v.delivery.state != "delivered"]
    limit, shown_count = _summary_limits(content, answered)
    shown = answered[:shown_count]
    overview = [(texts.DEADLINE, long_date(content.deadline)), (texts.ANSWERS, _count_line(views))]
    if missing:
        overview.append((texts.MISSING, ", ".join(missing)))
    for state in ("pending", "failed"):
        names = [v.committee_name for v in undelivered if v.delivery.state == state]
        if names:
            overview.append((texts.DELIVERY_LABELS[state], ", ".join(names)))
    body: list[Element] = [heading(texts.ANSWERS_TO.format(title=content.title), size="Medium")]
    if intro:
        body.append(text(intro))
    body.append(facts(overview))
    if shown:
        meetings = [
            (
                v.committee_name,
                texts.DISCUSSED_ON.format(day=short_date(v.answer.meeting_date), state=state_line(v).lower()),
            )
            for v in shown
            if v.answer is not None
        ]
        body.append(container([text(texts.ANSWERS_MEETINGS), _committee_list(meetings)], separator=True))
    for n, question in enumerate(content.questions, start=1):
        lines = [
            text(f"**{v.committee_name}:** {clip(texts.answer_label(question, v.answer.answers[n - 1]), limit)}")
            for v in shown
            if v.answer is not None and n - 1 < len(v.answer.answers)
        ]
        body.append(container([text(f"**{n}. {question.text}**"), *lines], separator=True))
    remarks = [
        text(f"**{v.committee_name}:** {clip(v.answer.remarks, limit)}")
        for v in shown
        if v.answer is not None and v.answer.remarks
    ]
    if remarks:
        body.append(container([text(f"**{texts.REMARKS}**"), *remarks], separator=True))
    if limit < MAX_TEXT or len(shown) < len(answered):
        note = texts.SHORTENED
        if len(shown) < len(answered):
            note = texts.SHORTENED_AND_FEWER.format(shown=len(shown), answered=len(answered))
        body.append(text(texts.EXPORT_HINT.format(note=note, item_id=item_id), subtle=True))
    actions: list[Element] = export_buttons(item_id)
    if closed_on is not None:
        body.append(text(texts.CLOSED_ON.format(day=short_date(closed_on)), subtle=True))
    elif can_close:
        if today <= effective_deadline(content.deadline):
            body.append(text(texts.CLOSING_ENDS_ANSWERS, subtle=True))
        actions.append(execute(texts.CLOSE, "feedback.close", item_id=item_id))
    return card(body, actions, fallback=texts.ANSWERS_FALLBACK.format(title=content.title, count=_count_line(views)))


def undelivered_card(
    item_id: int, committee_id: str, committee_name: str, title: str, delivery: Delivery
) -> dict[str, Any]:
    """To the sender, when the form could not be delivered to a committee for good: why, what to do, 'Prøv igen'."""
    why, todo = failure_text(delivery)
    body: list[Element] = [
        heading(texts.UNDELIVERED, size="Medium"),
        text(texts.UNDELIVERED_TO.format(title=title, committee=committee_name)),
        text(why),
        text(todo),
    ]
    actions = [execute(texts.RETRY, "feedback.retry", item_id=item_id, committee_id=committee_id)]
    return card(body, actions, fallback=texts.UNDELIVERED_SUMMARY.format(title=title, committee=committee_name))
