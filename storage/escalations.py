"""Questions an employee chose to send to HR & Løn, with their name: the one place a question is stored with a name.

An escalation exists only after the employee has seen exactly what will be sent and confirmed it. It moves
new → taken → answered by conditional updates, so two HR colleagues clicking at once cannot both win, and it is
deleted (not redacted) MEDBOT_RETENTION_DAYS after it was asked. Nothing here links an escalation to the anonymous
gap log or ratings: those tables carry no id of it, and this table carries none of theirs.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from sqlalchemy import delete, text, update
from sqlmodel import Field, Session, SQLModel, col, select

from storage.conversations import Conversation
from storage.org import Committee
from storage.outbox import OutboxMessage

MAX_QUESTION = 1_000
MAX_ANSWER = 4_000


class EscalationState(enum.StrEnum):
    """Where an escalation is: nobody has it yet, a colleague took it, or the employee has the answer."""

    NEW = "new"
    TAKEN = "taken"
    ANSWERED = "answered"


class Escalation(SQLModel, table=True):
    """One confirmed question to HR & Løn and, once given, its answer."""

    # Ids are never reused (SQLite would reuse a deleted highest id): an id names its outbox keys for good.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    tenant_id: str = Field(default="", max_length=64)
    asker_aad_id: str = Field(max_length=64)  # where the answer goes (their 1:1 chat); consented to
    asker_name: str = Field(max_length=200)
    question: str = Field(max_length=MAX_QUESTION)
    context: str = Field(default="", max_length=200)  # what the bot did: "refused" or the rated entry's id
    state: str = Field(default=EscalationState.NEW.value, max_length=10, index=True)
    created_at: datetime = Field(index=True)
    taken_by: str = Field(default="", max_length=200)  # the HR colleague's display name
    taken_at: datetime | None = None
    answer: str = Field(default="", max_length=MAX_ANSWER)
    answered_by: str = Field(default="", max_length=200)
    answered_at: datetime | None = None


def add_once(
    session: Session,
    *,
    tenant_id: str,
    asker_aad_id: str,
    asker_name: str,
    question: str,
    context: str,
    now: datetime,
) -> tuple[Escalation, bool]:
    """Store a confirmed escalation unless the asker's same question is still unanswered; returns the row and
    whether it is new. The caller has checked the lengths and shown the employee the text.

    Two "Send" clicks at the same instant both find nothing waiting unless they take turns: each first holds a
    lock for the asker until its transaction ends (PostgreSQL: an advisory lock; SQLite: its one write lock,
    taken now by a write that changes nothing), so the second sees the first one's row.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"ask:{asker_aad_id}"})
    else:
        session.execute(update(Escalation).where(text("0")).values(state=Escalation.state))
    earlier = waiting(session, asker_aad_id, question)
    if earlier is not None:
        return earlier, False
    row = Escalation(
        tenant_id=tenant_id,
        asker_aad_id=asker_aad_id,
        asker_name=asker_name[:200],
        question=question[:MAX_QUESTION],
        context=context[:200],
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row, True


def get(session: Session, escalation_id: int) -> Escalation | None:
    """One escalation by id, or None (deleted after retention, or never there)."""
    return session.get(Escalation, escalation_id)


def take(session: Session, escalation_id: int, by: str, now: datetime) -> bool:
    """Mark a new escalation as taken by `by`; False when it was not new (someone else was first)."""
    statement = (
        update(Escalation)
        .where(col(Escalation.id) == escalation_id, col(Escalation.state) == EscalationState.NEW.value)
        .values(state=EscalationState.TAKEN.value, taken_by=by[:200], taken_at=now)
    )
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def answer(session: Session, escalation_id: int, text: str, by: str, now: datetime) -> bool:
    """Record the answer of a new or taken escalation; False when it was answered already or is gone.

    Answering a new escalation also takes it, so the card can show who took it and when.
    """
    row = session.get(Escalation, escalation_id)
    if row is None or row.state == EscalationState.ANSWERED.value:
        return False
    values: dict[str, object] = {
        "state": EscalationState.ANSWERED.value,
        "answer": text[:MAX_ANSWER],
        "answered_by": by[:200],
        "answered_at": now,
    }
    if row.state == EscalationState.NEW.value:
        values |= {"taken_by": by[:200], "taken_at": now}
    statement = (
        update(Escalation)
        .where(col(Escalation.id) == escalation_id, col(Escalation.state) == row.state)
        .values(**values)
    )
    changed = bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]
    session.expire(row)
    return changed


def waiting(session: Session, asker_aad_id: str, question: str) -> Escalation | None:
    """The asker's unanswered escalation of this very question: a second "Send" (double click, an older copy of the
    card) must not put the question in HR & Løn's inbox twice."""
    statement = (
        select(Escalation)
        .where(
            col(Escalation.asker_aad_id) == asker_aad_id,
            col(Escalation.question) == question[:MAX_QUESTION],
            col(Escalation.state) != EscalationState.ANSWERED.value,
        )
        .order_by(col(Escalation.id))
    )
    return session.exec(statement).first()


def inbox_conversation(session: Session, setting: str) -> Conversation | None:
    """HR & Løn's inbox as MEDBOT_ESCALATION_CHANNEL names it, while the app is installed there; else None.

    The setting is a committee id (the inbox is the channel `tilknyt` linked to it) or a channel's conversation id
    as Teams shows it (`19:…@thread.tacv2`); the bot stores a channel with the thread it last heard from
    (`;messageid=…`), so a stored id that starts with the channel's counts too. A 1:1 chat is never an inbox.
    """
    setting = setting.strip()
    if not setting:
        return None
    committee = session.get(Committee, setting)
    if committee is not None:
        if not committee.active or not committee.conversation_id:
            return None
        found = session.get(Conversation, committee.conversation_id)
    else:
        found = session.get(Conversation, setting)
        if found is None:
            statement = (
                select(Conversation)
                .where(col(Conversation.id).startswith(f"{setting};messageid=", autoescape=True))
                .order_by(col(Conversation.updated_at).desc())
            )
            found = session.exec(statement).first()
    if found is None or not found.installed or found.kind == "personal":
        return None
    return found


def listed(session: Session, *, open_only: bool = False) -> list[Escalation]:
    """Every escalation, oldest first; `open_only` keeps the new and taken ones."""
    statement = select(Escalation).order_by(col(Escalation.created_at), col(Escalation.id))
    if open_only:
        statement = statement.where(col(Escalation.state) != EscalationState.ANSWERED.value)
    return list(session.exec(statement).all())


def purge_expired(session: Session, now: datetime, retention_days: int) -> int:
    """The retention job: delete escalations asked more than `retention_days` days ago; returns how many."""
    statement = delete(Escalation).where(col(Escalation.created_at) < now - timedelta(days=retention_days))
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def inbox_message(session: Session, escalation_id: int) -> OutboxMessage | None:
    """The outbox row that carried the escalation's card to HR & Løn's inbox (its conversation), or None."""
    key = f"escalation:{escalation_id}:inbox"
    return session.exec(select(OutboxMessage).where(col(OutboxMessage.dedupe_key) == key)).first()


def remove(session: Session, escalation_id: int) -> None:
    """Delete an escalation HR & Løn never received: the consent was for a question someone would read."""
    session.execute(delete(Escalation).where(col(Escalation.id) == escalation_id))
