"""KommuneMED items sent to committees for feedback, and every version of each committee's answer.

An item is a draft until it is sent, then open for answers until it is closed. Answers are never overwritten:
each submit that changes something adds a version, so an edit keeps the earlier text. The latest version is
the committee's answer. A unique (item, committee, version) key makes a double click or two replicas store
one version, not two.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select

from storage import org
from storage.addresses import Via
from storage.conversations import Conversation
from storage.org import Committee, CommitteeKind
from storage.outbox import OutboxMessage


class ItemState(enum.StrEnum):
    """draft (being written) → [scheduled (goes out at `send_at`)] → sent (open for answers) → closed (no more
    answers). A scheduled item can go back to draft (the schedule cancelled)."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENT = "sent"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # KommuneMED took a sent item back: no more answers, the given ones stay


class QuestionKind(enum.StrEnum):
    """How a committee answers a question."""

    TEXT = "text"
    YES_NO = "yesno"
    CHOICE = "choice"


class FeedbackItem(SQLModel, table=True):
    """One item KommuneMED asks the committees about."""

    __tablename__ = "feedback_item"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    body: str = Field(max_length=4000)
    link: str = Field(default="", max_length=1000)
    entry_id: str = Field(default="", max_length=200)
    deadline: date
    to_all: bool = True
    state: str = Field(default=ItemState.DRAFT.value, max_length=10, index=True)
    creator_aad_id: str = Field(default="", max_length=64)
    creator_name: str = Field(default="", max_length=200)
    tenant_id: str = Field(default="", max_length=64)
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None = None
    closed_at: datetime | None = None
    # Each change after sending (deadline, text, a question's wording, withdrawal) adds one; the first wording is 1.
    revision: int = 1
    change_note: str = Field(default="", max_length=500)
    # When a draft is to go out by itself (chosen in the form); the scheduler sends it once the item is `scheduled`.
    send_at: datetime | None = Field(default=None, index=True)


class FeedbackQuestion(SQLModel, table=True):
    """Question number `position` (1–5) of an item."""

    __tablename__ = "feedback_question"

    item_id: int = Field(primary_key=True, foreign_key="feedback_item.id")
    position: int = Field(primary_key=True)
    text: str = Field(max_length=500)
    kind: str = Field(default=QuestionKind.TEXT.value, max_length=10)
    choices: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class FeedbackRecipient(SQLModel, table=True):
    """A committee asked to answer an item; `route` (a `Via` value) is filled in when the item is sent.

    `seen_at` is the first time anyone of the committee worked with the item's card (opened the form again,
    answered): what KommuneMED reads as "Set".
    """

    __tablename__ = "feedback_recipient"

    item_id: int = Field(primary_key=True, foreign_key="feedback_item.id")
    committee_id: str = Field(primary_key=True, foreign_key="committee.id", max_length=80)
    route: str = Field(default="", max_length=10)
    seen_at: datetime | None = None


class FeedbackAnswer(SQLModel, table=True):
    """One version of a committee's answer; the highest version is the current one."""

    __tablename__ = "feedback_answer"
    __table_args__ = (UniqueConstraint("item_id", "committee_id", "version", name="uq_feedback_answer_version"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="feedback_item.id", index=True)
    committee_id: str = Field(foreign_key="committee.id", max_length=80)
    version: int
    meeting_date: date
    answers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    remarks: str = Field(default="", max_length=4000)
    content_hash: str = Field(max_length=64)
    submitted_by_aad: str = Field(default="", max_length=64)
    submitted_by_name: str = Field(default="", max_length=200)
    submitted_at: datetime
    late: bool = False
    # The item's wording (`FeedbackItem.revision`) the committee answered; lower than the item's = an earlier one.
    revision: int = 1


ANSWER_TABLE = SQLModel.metadata.tables["feedback_answer"]


@dataclass(frozen=True)
class QuestionSpec:
    """A question as written by KommuneMED: its text, how it is answered, and the choices for a choice list."""

    text: str
    kind: QuestionKind = QuestionKind.TEXT
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemContent:
    """Everything an item's author writes; the same shape whether it comes from a card form or the CLI."""

    title: str
    body: str
    deadline: date
    questions: tuple[QuestionSpec, ...]
    to_all: bool = True
    committee_ids: tuple[str, ...] = ()
    link: str = ""
    entry_id: str = ""
    send_at: datetime | None = None  # aware; None: sent when KommuneMED clicks Send
    revision: int = 1  # which wording this is (changes after sending count up)
    change_note: str = ""  # what the latest change after sending changed, in Danish


@dataclass(frozen=True)
class AnswerContent:
    """What a committee fills in: the meeting date, one answer per question, further remarks."""

    meeting_date: date
    answers: tuple[str, ...]
    remarks: str = ""

    @property
    def fingerprint(self) -> str:
        """Equal for equal content; a submit with the fingerprint of the current version is a repeat."""
        raw = json.dumps([self.meeting_date.isoformat(), list(self.answers), self.remarks], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------------------------
# Items


def get_item(session: Session, item_id: int) -> FeedbackItem | None:
    """The item with this id, if any."""
    return session.get(FeedbackItem, item_id)


def items_in_state(session: Session, *states: ItemState) -> list[FeedbackItem]:
    """Items in any of `states`, earliest deadline first."""
    statement = select(FeedbackItem).where(col(FeedbackItem.state).in_([s.value for s in states]))
    return list(session.exec(statement.order_by(col(FeedbackItem.deadline), col(FeedbackItem.id))))


def questions_of(session: Session, item_id: int) -> list[FeedbackQuestion]:
    """An item's questions in order."""
    statement = select(FeedbackQuestion).where(FeedbackQuestion.item_id == item_id)
    return list(session.exec(statement.order_by(col(FeedbackQuestion.position))))


def recipients_of(session: Session, item_id: int) -> list[FeedbackRecipient]:
    """The committees an item goes (or went) to."""
    statement = select(FeedbackRecipient).where(FeedbackRecipient.item_id == item_id)
    return list(session.exec(statement.order_by(col(FeedbackRecipient.committee_id))))


def _afdelingsmed(session: Session) -> list[Committee]:
    """'Alle AfdelingsMED': the active AfdelingsMED committees, by name."""
    return sorted(org.committees(session, CommitteeKind.AFDELINGSMED), key=lambda c: c.name)


def recipients_for(session: Session, item: FeedbackItem) -> list[Committee]:
    """Who an item goes to: all AfdelingsMED as they are now (until it is sent), else the stored recipients, by name."""
    assert item.id is not None
    if item.state in (ItemState.DRAFT, ItemState.SCHEDULED) and item.to_all:
        return _afdelingsmed(session)
    statement = (
        select(Committee)
        .join(FeedbackRecipient, col(FeedbackRecipient.committee_id) == col(Committee.id))
        .where(FeedbackRecipient.item_id == item.id)
        .order_by(col(FeedbackRecipient.committee_id))
    )
    return sorted(session.exec(statement), key=lambda c: c.name)


def recipient(session: Session, item_id: int, committee_id: str) -> Committee | None:
    """The committee, when it is one of the item's recipients."""
    statement = (
        select(Committee)
        .join(FeedbackRecipient, col(FeedbackRecipient.committee_id) == col(Committee.id))
        .where(FeedbackRecipient.item_id == item_id, FeedbackRecipient.committee_id == committee_id)
    )
    return session.exec(statement).first()


def routes_of(session: Session, item_id: int) -> dict[str, Via]:
    """Where each recipient's card went when the item was sent (`Via.NONE` for a recipient not reached)."""
    return {r.committee_id: Via(r.route or Via.NONE) for r in recipients_of(session, item_id)}


def set_route(session: Session, item_id: int, committee_id: str, route: Via) -> None:
    """Where the committee's card goes now (a retry may reach the secretary where the channel failed)."""
    session.execute(
        update(FeedbackRecipient)
        .where(col(FeedbackRecipient.item_id) == item_id, col(FeedbackRecipient.committee_id) == committee_id)
        .values(route=route.value)
    )


def seen_times(session: Session, item_id: int) -> dict[str, datetime]:
    """When each recipient first worked with the item's card; committees that have not are left out."""
    return {r.committee_id: r.seen_at for r in recipients_of(session, item_id) if r.seen_at is not None}


def mark_seen(session: Session, item_id: int, committee_id: str, at: datetime) -> None:
    """Record the committee's first interaction with the item; later ones keep the first time."""
    session.execute(
        update(FeedbackRecipient)
        .where(
            col(FeedbackRecipient.item_id) == item_id,
            col(FeedbackRecipient.committee_id) == committee_id,
            col(FeedbackRecipient.seen_at).is_(None),
        )
        .values(seen_at=at)
    )


def delivery_rows(session: Session, item_id: int) -> list[OutboxMessage]:
    """The outbox rows that carry the item's form to the committees (sends, retries, nudges), oldest first."""
    prefixes = (f"item:{item_id}:send:", f"item:{item_id}:nudge:")
    statement = select(OutboxMessage).where(
        col(OutboxMessage.dedupe_key).startswith(prefixes[0]) | col(OutboxMessage.dedupe_key).startswith(prefixes[1])
    )
    return list(session.exec(statement.order_by(col(OutboxMessage.id))))


def installed_channel(session: Session, committee: Committee) -> Conversation | None:
    """The committee's linked channel while the app is installed there."""
    if not committee.conversation_id:
        return None
    channel = session.get(Conversation, committee.conversation_id)
    return channel if channel is not None and channel.installed else None


def content_of(session: Session, item: FeedbackItem) -> ItemContent:
    """An item as its author wrote it (for the pre-filled form and the committees' card)."""
    assert item.id is not None
    questions = tuple(
        QuestionSpec(text=q.text, kind=QuestionKind(q.kind), choices=tuple(q.choices))
        for q in questions_of(session, item.id)
    )
    return ItemContent(
        title=item.title,
        body=item.body,
        deadline=item.deadline,
        questions=questions,
        to_all=item.to_all,
        committee_ids=tuple(r.committee_id for r in recipients_of(session, item.id)),
        link=item.link,
        entry_id=item.entry_id,
        send_at=item.send_at,
        revision=item.revision,
        change_note=item.change_note,
    )


def save_draft(
    session: Session,
    content: ItemContent,
    *,
    creator_aad_id: str,
    creator_name: str,
    tenant_id: str,
    now: datetime,
    item: FeedbackItem | None = None,
) -> FeedbackItem:
    """Create a draft, or replace a draft's content (its questions and chosen committees included)."""
    if item is None:
        item = FeedbackItem(
            title=content.title,
            body=content.body,
            deadline=content.deadline,
            creator_aad_id=creator_aad_id.lower(),
            creator_name=creator_name,
            tenant_id=tenant_id,
            created_at=now,
            updated_at=now,
        )
    if item.state != ItemState.DRAFT:
        raise ValueError(f"item {item.id} is no longer a draft")
    item.title = content.title
    item.body = content.body
    item.deadline = content.deadline
    item.link = content.link
    item.entry_id = content.entry_id
    item.to_all = content.to_all
    item.send_at = content.send_at
    item.updated_at = now
    session.add(item)
    session.flush()
    assert item.id is not None
    session.execute(delete(FeedbackQuestion).where(col(FeedbackQuestion.item_id) == item.id))
    session.execute(delete(FeedbackRecipient).where(col(FeedbackRecipient.item_id) == item.id))
    for position, question in enumerate(content.questions, start=1):
        session.add(
            FeedbackQuestion(
                item_id=item.id,
                position=position,
                text=question.text,
                kind=question.kind.value,
                choices=list(question.choices),
            )
        )
    for committee_id in content.committee_ids:
        session.add(FeedbackRecipient(item_id=item.id, committee_id=committee_id))
    session.flush()
    return item


def mark_sent(session: Session, item: FeedbackItem, routes: Mapping[str, Via], now: datetime) -> None:
    """Fix the recipients (all AfdelingsMED as they are today, or the chosen ones) and open the item."""
    assert item.id is not None
    session.execute(delete(FeedbackRecipient).where(col(FeedbackRecipient.item_id) == item.id))
    for committee_id, route in routes.items():
        session.add(FeedbackRecipient(item_id=item.id, committee_id=committee_id, route=route.value))
    item.state = ItemState.SENT.value
    item.sent_at = now
    item.updated_at = now
    session.add(item)
    session.flush()


def schedule_item(session: Session, item: FeedbackItem, now: datetime) -> bool:
    """A draft with a `send_at` becomes scheduled; False (nothing changed) when it was no longer such a draft."""
    assert item.id is not None
    changed = _move(session, item, ItemState.DRAFT, ItemState.SCHEDULED, now, col(FeedbackItem.send_at).is_not(None))
    return changed


def unschedule_item(session: Session, item: FeedbackItem, now: datetime) -> bool:
    """A scheduled item back to a draft (its time kept, so the form shows it); False when it was not scheduled."""
    return _move(session, item, ItemState.SCHEDULED, ItemState.DRAFT, now)


def take_scheduled(session: Session, item: FeedbackItem, now: datetime) -> bool:
    """Claim a scheduled item for sending (back to draft, within the caller's transaction, which then sends it).

    A conditional update: of two schedulers (or replicas) at the same moment only one gets True; PostgreSQL makes
    the second wait for the first's commit and then finds the item no longer scheduled.
    """
    return _move(session, item, ItemState.SCHEDULED, ItemState.DRAFT, now)


def _move(session: Session, item: FeedbackItem, old: ItemState, new: ItemState, now: datetime, *extra: Any) -> bool:
    """Change the item's state only when it is still `old`; the item object is refreshed either way."""
    statement = (
        update(FeedbackItem)
        .where(col(FeedbackItem.id) == item.id, col(FeedbackItem.state) == old.value, *extra)
        .values(state=new.value, updated_at=now)
        .returning(col(FeedbackItem.id))
    )
    moved = session.execute(statement).scalar_one_or_none() is not None
    session.refresh(item)
    return moved


def scheduled_due(session: Session, now: datetime) -> list[FeedbackItem]:
    """Scheduled items whose time has come, earliest first."""
    statement = select(FeedbackItem).where(
        FeedbackItem.state == ItemState.SCHEDULED.value, col(FeedbackItem.send_at) <= now
    )
    return list(session.exec(statement.order_by(col(FeedbackItem.send_at), col(FeedbackItem.id))))


def delete_draft(session: Session, item: FeedbackItem) -> bool:
    """Remove a draft with its questions and chosen committees; False (nothing deleted) when it is no draft."""
    assert item.id is not None
    draft = select(FeedbackItem.id).where(FeedbackItem.id == item.id, FeedbackItem.state == ItemState.DRAFT.value)
    session.execute(delete(FeedbackQuestion).where(col(FeedbackQuestion.item_id).in_(draft)))
    session.execute(delete(FeedbackRecipient).where(col(FeedbackRecipient.item_id).in_(draft)))
    gone = session.execute(
        delete(FeedbackItem)
        .where(col(FeedbackItem.id) == item.id, col(FeedbackItem.state) == ItemState.DRAFT.value)
        .returning(col(FeedbackItem.id))
    ).scalar_one_or_none()
    if gone is None:
        return False
    session.expunge(item)
    return True


def change_sent_item(
    session: Session,
    item: FeedbackItem,
    *,
    note: str,
    now: datetime,
    deadline: date | None = None,
    body: str | None = None,
    questions: Mapping[int, str] | None = None,
    withdraw: bool = False,
) -> bool:
    """A change after sending: the new deadline, text or question wording (or the withdrawal) as revision + 1.

    A conditional update on the item's revision and state, so of two changes made at once from the same view
    only one counts (False: nothing changed). Questions keep their kind and choices: only their text changes.
    """
    assert item.id is not None
    values: dict[str, Any] = {"revision": item.revision + 1, "change_note": note, "updated_at": now}
    if deadline is not None:
        values["deadline"] = deadline
    if body is not None:
        values["body"] = body
    if withdraw:
        values["state"] = ItemState.WITHDRAWN.value
        values["closed_at"] = now
    statement = (
        update(FeedbackItem)
        .where(
            col(FeedbackItem.id) == item.id,
            col(FeedbackItem.revision) == item.revision,
            col(FeedbackItem.state) == ItemState.SENT.value,
        )
        .values(**values)
        .returning(col(FeedbackItem.id))
    )
    if session.execute(statement).scalar_one_or_none() is None:
        session.refresh(item)
        return False
    for position, text in (questions or {}).items():
        session.execute(
            update(FeedbackQuestion)
            .where(col(FeedbackQuestion.item_id) == item.id, col(FeedbackQuestion.position) == position)
            .values(text=text)
        )
    session.flush()
    session.refresh(item)
    return True


def close_item(session: Session, item: FeedbackItem, now: datetime) -> None:
    """No more answers; the answers already given stay."""
    item.state = ItemState.CLOSED.value
    item.closed_at = now
    item.updated_at = now
    session.add(item)
    session.flush()


# ---------------------------------------------------------------------------------------------------------------
# Answers


def versions_of(session: Session, item_id: int, committee_id: str | None = None) -> list[FeedbackAnswer]:
    """Every stored version for an item (or one committee of it), oldest first."""
    statement = select(FeedbackAnswer).where(FeedbackAnswer.item_id == item_id)
    if committee_id is not None:
        statement = statement.where(FeedbackAnswer.committee_id == committee_id)
    return list(session.exec(statement.order_by(col(FeedbackAnswer.committee_id), col(FeedbackAnswer.version))))


def latest_answers(session: Session, item_id: int) -> dict[str, FeedbackAnswer]:
    """Each committee's current answer (its highest version)."""
    latest: dict[str, FeedbackAnswer] = {}
    for answer in versions_of(session, item_id):
        latest[answer.committee_id] = answer
    return latest


def latest_answer(session: Session, item_id: int, committee_id: str) -> FeedbackAnswer | None:
    """One committee's current answer."""
    statement = (
        select(FeedbackAnswer)
        .where(FeedbackAnswer.item_id == item_id, FeedbackAnswer.committee_id == committee_id)
        .order_by(col(FeedbackAnswer.version).desc())
    )
    return session.exec(statement).first()


def record_answer(
    session: Session,
    *,
    item_id: int,
    committee_id: str,
    content: AnswerContent,
    by_aad: str,
    by_name: str,
    at: datetime,
    late: bool,
    revision: int = 1,
) -> tuple[FeedbackAnswer, bool]:
    """Store a new version unless the current one says the same; (the current answer, whether it is new).

    `revision` is the item's wording the answer was given to: the same content given again to a newer wording
    is a new version (the committee confirms it for the corrected item), to the same or an older one a repeat.

    Two submits racing for the same version number (a double click, two replicas) meet at the unique key:
    the loser re-reads, and either finds its own content already stored or takes the next number.
    """
    fingerprint = content.fingerprint
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for _attempt in range(3):
        current = latest_answer(session, item_id, committee_id)
        if current is not None and current.content_hash == fingerprint and current.revision >= revision:
            return current, False
        version = (current.version if current else 0) + 1
        values: dict[str, Any] = {
            "item_id": item_id,
            "committee_id": committee_id,
            "version": version,
            "meeting_date": content.meeting_date,
            "answers": list(content.answers),
            "remarks": content.remarks,
            "content_hash": fingerprint,
            "submitted_by_aad": by_aad.lower(),
            "submitted_by_name": by_name,
            "submitted_at": at,
            "late": late,
            "revision": revision,
        }
        statement = (
            insert(ANSWER_TABLE)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["item_id", "committee_id", "version"])
            .returning(ANSWER_TABLE.c.id)
        )
        # RETURNING, not rowcount: with psycopg the rowcount of this statement is -1 whether or not a row went in.
        inserted = session.execute(statement).scalar_one_or_none()
        if inserted is not None:
            stored = session.get(FeedbackAnswer, inserted)
            assert stored is not None
            return stored, True
    raise RuntimeError(f"answer for item {item_id} / {committee_id} kept conflicting")
