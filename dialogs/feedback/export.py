"""The answers to an item as a table: each committee's state and current answer, for the cards and the export.

`answer_views` reads the stored versions once; the status card, the summary, `medbot items status` and the
CSV/Excel export (`export_table`) all show the same lines.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs.feedback import status_cards, texts, tracking
from dialogs.feedback.model import NOT_SENT, AnswerContent, CommitteeAnswer, Delivery, ItemContent
from dialogs.feedback.tracking import Attempt
from storage import feedback as store
from storage.feedback import FeedbackAnswer, FeedbackItem


def answer_content(answer: FeedbackAnswer) -> AnswerContent:
    """A stored version as plain content."""
    return AnswerContent(meeting_date=answer.meeting_date, answers=tuple(answer.answers), remarks=answer.remarks)


def deliveries(session: Session, item_id: int, tz: ZoneInfo) -> dict[str, Delivery]:
    """Each committee's delivery, from the item's outbox rows (committees without any row are not listed)."""
    attempts: dict[str, list[Attempt]] = {}
    for row in store.delivery_rows(session, item_id):
        parts = row.dedupe_key.split(":")  # item:<item>:send|nudge:<committee>[:…]
        attempt = Attempt(row.dedupe_key, row.status, row.last_error, row.sent_at, to_person=not row.conversation_id)
        attempts.setdefault(parts[3], []).append(attempt)
    return {committee_id: tracking.delivery_of(rows, tz) for committee_id, rows in attempts.items()}


def answer_views(session: Session, item: FeedbackItem, tz: ZoneInfo) -> list[CommitteeAnswer]:
    """Each recipient committee's state: answered (on time), late (first answer after the deadline) or missing,
    with how its form was delivered and when the committee first worked with it."""
    assert item.id is not None
    history: dict[str, list[FeedbackAnswer]] = {}
    for version in store.versions_of(session, item.id):
        history.setdefault(version.committee_id, []).append(version)
    delivered = deliveries(session, item.id, tz) if item.state != "draft" else {}
    seen = store.seen_times(session, item.id)
    views: list[CommitteeAnswer] = []
    for committee in store.recipients_for(session, item):
        versions = history.get(committee.id, [])
        delivery = delivered.get(committee.id, NOT_SENT)
        first_seen = seen.get(committee.id)
        if not versions:
            seen_at = first_seen.astimezone(tz) if first_seen else None
            views.append(CommitteeAnswer(committee.id, committee.name, "missing", delivery=delivery, seen_at=seen_at))
            continue
        latest = versions[-1]
        if delivery.state != "delivered":  # an answer proves the form arrived (e.g. through a nudge)
            delivery = Delivery("delivered", at=versions[0].submitted_at.astimezone(tz), retries=delivery.retries)
        seen_moment = tracking.seen_moment(first_seen, versions[0].submitted_at)
        views.append(
            CommitteeAnswer(
                committee_id=committee.id,
                committee_name=committee.name,
                state="late" if versions[0].late else "answered",
                answer=answer_content(latest),
                submitted_at=latest.submitted_at.astimezone(tz),
                submitted_by=latest.submitted_by_name,
                versions=len(versions),
                delivery=delivery,
                seen_at=seen_moment.astimezone(tz) if seen_moment else None,
            )
        )
    return views


_MOMENT = "%Y-%m-%d %H:%M"


def _delivery(view: CommitteeAnswer) -> str:
    """'Leveret 2026-11-23 10:00', 'Sendes', or 'Ikke leveret: <why> <what to do>'."""
    delivery = view.delivery
    label = texts.DELIVERY_LABELS[delivery.state]
    if delivery.state == "failed":
        why, todo = status_cards.failure_text(delivery)
        return f"{label}: {why} {todo}".replace("**", "")
    if delivery.at is not None:
        return f"{label} {delivery.at.strftime(_MOMENT)}"
    return label


def export_table(content: ItemContent, views: list[CommitteeAnswer]) -> tuple[list[str], list[list[str]]]:
    """One row per committee, one column per question, Danish headers (for CSV and Excel)."""
    headers = [
        texts.EXPORT_COMMITTEE,
        texts.EXPORT_STATE,
        texts.MEETING,
        texts.EXPORT_SUBMITTED_AT,
        texts.EXPORT_SUBMITTED_BY,
        *(f"{n}. {q.text}" for n, q in enumerate(content.questions, start=1)),
        texts.REMARKS,
        texts.EXPORT_VERSIONS,
        texts.EXPORT_DELIVERY,
        texts.EXPORT_SEEN,
    ]
    rows: list[list[str]] = []
    for view in views:
        answer = view.answer
        answers = list(answer.answers) if answer else []
        answers += [""] * (len(content.questions) - len(answers))
        rows.append(
            [
                view.committee_name,
                status_cards.state_label(view),
                answer.meeting_date.isoformat() if answer else "",
                view.submitted_at.strftime(_MOMENT) if view.submitted_at else "",
                view.submitted_by,
                *(texts.answer_label(q, a) for q, a in zip(content.questions, answers, strict=True)),
                answer.remarks if answer else "",
                str(view.versions) if view.versions else "",
                _delivery(view),
                view.seen_at.strftime(_MOMENT) if view.seen_at else "",
            ]
        )
    return headers, rows
