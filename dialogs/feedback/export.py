"""The answers to an item as a table: each committee's state and current answer, for the cards and the export.

`answer_views` reads the stored versions once; the status card, the summary, `medbot items status` and the
CSV/Excel export (`export_table`) all show the same lines.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlmodel import Session

from dialogs.feedback import texts
from dialogs.feedback.model import AnswerContent, CommitteeAnswer, ItemContent
from storage import feedback as store
from storage.feedback import FeedbackAnswer, FeedbackItem


def answer_content(answer: FeedbackAnswer) -> AnswerContent:
    """A stored version as plain content."""
    return AnswerContent(meeting_date=answer.meeting_date, answers=tuple(answer.answers), remarks=answer.remarks)


def answer_views(session: Session, item: FeedbackItem, tz: ZoneInfo) -> list[CommitteeAnswer]:
    """Each recipient committee's state: answered (on time), late (first answer after the deadline) or missing."""
    assert item.id is not None
    history: dict[str, list[FeedbackAnswer]] = {}
    for version in store.versions_of(session, item.id):
        history.setdefault(version.committee_id, []).append(version)
    views: list[CommitteeAnswer] = []
    for committee in store.recipients_for(session, item):
        versions = history.get(committee.id, [])
        if not versions:
            views.append(CommitteeAnswer(committee.id, committee.name, "missing"))
            continue
        latest = versions[-1]
        views.append(
            CommitteeAnswer(
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
    ]
    rows: list[list[str]] = []
    for view in views:
        answer = view.answer
        answers = list(answer.answers) if answer else []
        answers += [""] * (len(content.questions) - len(answers))
        rows.append(
            [
                view.committee_name,
                texts.STATE_LABELS[view.state],
                answer.meeting_date.isoformat() if answer else "",
                view.submitted_at.strftime("%Y-%m-%d %H:%M") if view.submitted_at else "",
                view.submitted_by,
                *(texts.answer_label(q, a) for q, a in zip(content.questions, answers, strict=True)),
                answer.remarks if answer else "",
                str(view.versions) if view.versions else "",
            ]
        )
    return headers, rows
