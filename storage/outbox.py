"""The outbox: every proactive message is a row with a unique dedupe key, claimed, sent and marked.

The unique key makes a second scheduler, a second replica or a restart harmless; the claim (PostgreSQL
`FOR UPDATE SKIP LOCKED`) makes two dispatchers share the work without sending a row twice. A row stays
`sending` only while a dispatcher holds it; a crash leaves it there until its lease runs out, and then it is
sent again: that in-flight row is the one at-least-once case.

A row may instead replace a message already delivered (`update_of`: the id of the row that delivered it): the
dispatcher then updates that activity in place, with the same claim, pacing, retries and marks as a send.

Whoever commits a transaction that added rows (`added_rows`) wakes the dispatcher of its process, so a dialog's
message goes out right after its turn instead of at the next poll.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Index, and_, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col, select

from storage.addresses import Address, Via

LEASE = timedelta(seconds=60)
_ADDED = "medbot.outbox.added"


class OutboxStatus(enum.StrEnum):
    """Life of a row: pending → sending → sent | failed (pending again while retries remain)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(SQLModel, table=True):
    """One proactive message: to a stored conversation, or a new 1:1 chat with a person (`user_aad_id`)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "not_before"),)

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=300, unique=True)
    conversation_id: str | None = Field(default=None, max_length=400)
    user_aad_id: str = Field(default="", max_length=64)
    tenant_id: str = Field(default="", max_length=64)
    activity: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    not_before: datetime
    status: str = Field(default=OutboxStatus.PENDING.value, max_length=10)
    attempts: int = 0
    claimed_by: str = Field(default="", max_length=100)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    sent_activity_id: str = Field(default="", max_length=200)
    sent_conversation_id: str = Field(default="", max_length=400)
    last_error: str = Field(default="", max_length=1000)
    created_at: datetime
    # Set: this row updates, in place, the message that row `update_of` delivered (a corrected card) instead of
    # sending a new one; it waits while that row is still on its way and fails when that row failed.
    update_of: int | None = None


OUTBOX_TABLE = SQLModel.metadata.tables["outbox"]


def enqueue(
    session: Session,
    *,
    dedupe_key: str,
    activity: dict[str, Any],
    conversation_id: str | None = None,
    user_aad_id: str = "",
    tenant_id: str = "",
    now: datetime,
    not_before: datetime | None = None,
    update_of: int | None = None,
) -> bool:
    """Add a message unless one with the same dedupe key exists; True when it was added.

    `now` is when it is written; it is due at `not_before`, or at once. With `update_of` the row replaces the
    message that row delivered instead of sending a new one.

    Runs inside the caller's transaction, so the message is stored together with the state change that
    caused it, or not at all.
    """
    if not conversation_id and not user_aad_id:
        raise ValueError("an outbox message needs a conversation or a person")
    values = {
        "dedupe_key": dedupe_key,
        "activity": activity,
        "conversation_id": conversation_id,
        "user_aad_id": user_aad_id.lower(),
        "tenant_id": tenant_id.lower(),
        "not_before": not_before or now,
        "status": OutboxStatus.PENDING.value,
        "attempts": 0,
        "claimed_by": "",
        "sent_activity_id": "",
        "sent_conversation_id": "",
        "last_error": "",
        "created_at": now,
        "update_of": update_of,
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(OUTBOX_TABLE)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(OUTBOX_TABLE.c.id)
    )
    # RETURNING, not rowcount: psycopg reports -1 for INSERT … ON CONFLICT DO NOTHING, which counted as "added".
    added = session.execute(statement).first() is not None
    if added:
        session.info[_ADDED] = True
    return added


def enqueue_to(session: Session, address: Address, *, dedupe_key: str, activity: dict[str, Any], now: datetime) -> bool:
    """A message to a committee's address (`enqueue`); False when the address is nowhere or the key is there."""
    if address.via == Via.NONE:
        return False
    return enqueue(
        session,
        dedupe_key=dedupe_key,
        activity=activity,
        conversation_id=address.conversation_id,
        user_aad_id=address.user_aad_id,
        tenant_id=address.tenant_id,
        now=now,
    )


def replace_pending(session: Session, row_id: int, activity: dict[str, Any]) -> bool:
    """New content for a row not yet claimed (a corrected card that has not gone out); False once it was claimed.

    Conditional on `pending`, so a row a dispatcher took meanwhile keeps what it is sending; the caller then
    updates the delivered message instead (`enqueue` with `update_of`).
    """
    result = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == row_id, col(OutboxMessage.status) == OutboxStatus.PENDING.value)
        .values(activity=activity)
    )
    return bool(getattr(result, "rowcount", 0))


def added_rows(session: Session) -> bool:
    """True when `enqueue` added a row in this session; once it commits, the committer wakes the dispatcher."""
    return bool(session.info.get(_ADDED))


def claim(engine: Engine, worker: str, limit: int, now: datetime, lease: timedelta = LEASE) -> list[OutboxMessage]:
    """Take up to `limit` due rows for this worker: pending ones, and `sending` ones whose lease ran out."""
    due = or_(
        and_(col(OutboxMessage.status) == OutboxStatus.PENDING.value, col(OutboxMessage.not_before) <= now),
        and_(col(OutboxMessage.status) == OutboxStatus.SENDING.value, col(OutboxMessage.claimed_at) < now - lease),
    )
    with Session(engine, expire_on_commit=False) as session:
        candidates = (
            select(col(OutboxMessage.id))
            .where(due)
            .order_by(col(OutboxMessage.not_before), col(OutboxMessage.id))
            .limit(limit)
        )
        if engine.dialect.name == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        ids = list(session.exec(candidates))
        if not ids:
            return []
        session.execute(
            update(OUTBOX_TABLE)
            .where(OUTBOX_TABLE.c.id.in_(ids))
            .values(
                status=OutboxStatus.SENDING.value,
                claimed_by=worker,
                claimed_at=now,
                attempts=OUTBOX_TABLE.c.attempts + 1,
            )
        )
        session.commit()
        rows = list(session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(ids))))
    return sorted(rows, key=lambda r: (r.not_before, r.id or 0))


def release_own(engine: Engine, worker: str) -> int:
    """Hand back rows this worker still holds (graceful shutdown), so nobody waits for the lease."""
    with Session(engine) as session:
        result = session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.status) == OutboxStatus.SENDING.value, col(OutboxMessage.claimed_by) == worker)
            .values(status=OutboxStatus.PENDING.value, claimed_at=None, attempts=OutboxMessage.attempts - 1)
        )
        session.commit()
        return int(getattr(result, "rowcount", 0) or 0)


def reclaim_sending(engine: Engine) -> int:
    """Make every `sending` row pending again: for SQLite at start, where the only dispatcher is this process.

    Whatever an earlier, dead process left in flight is sent again now rather than when its lease runs out;
    the attempt it made still counts.
    """
    with Session(engine) as session:
        result = session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.status) == OutboxStatus.SENDING.value)
            .values(status=OutboxStatus.PENDING.value, claimed_at=None)
        )
        session.commit()
        return int(getattr(result, "rowcount", 0) or 0)


def _finish(session: Session, row_id: int, worker: str, **values: Any) -> bool:
    """Update a row only while this worker still holds it (a lost lease means someone else took over).

    The caller commits, so a dispatcher can write many outcomes in one transaction.
    """
    table = OUTBOX_TABLE.c
    result = session.execute(
        update(OUTBOX_TABLE)
        .where(table.id == row_id, table.claimed_by == worker, table.status == OutboxStatus.SENDING.value)
        .values(**values)
    )
    return bool(getattr(result, "rowcount", 0))


def mark_sent(
    session: Session, row_id: int, worker: str, activity_id: str = "", conversation_id: str = "", *, now: datetime
) -> bool:
    """Record a delivered message and where it landed (so its card can be updated later)."""
    return _finish(
        session,
        row_id,
        worker,
        status=OutboxStatus.SENT.value,
        sent_at=now,
        sent_activity_id=activity_id or "",
        sent_conversation_id=conversation_id or "",
        last_error="",
    )


def mark_retry(session: Session, row_id: int, worker: str, not_before: datetime, error: str) -> bool:
    """Put a row back for a later attempt (throttled or a transient connector error)."""
    return _finish(
        session,
        row_id,
        worker,
        status=OutboxStatus.PENDING.value,
        not_before=not_before,
        claimed_at=None,
        last_error=error[:1000],
    )


def defer(session: Session, row_id: int, worker: str, not_before: datetime) -> bool:
    """Hand a row back unsent because its conversation is over its rate budget; this is not an attempt."""
    return _finish(
        session,
        row_id,
        worker,
        status=OutboxStatus.PENDING.value,
        not_before=not_before,
        claimed_at=None,
        attempts=OUTBOX_TABLE.c.attempts - 1,
    )


def mark_failed(session: Session, row_id: int, worker: str, error: str) -> bool:
    """Give up on a row; `medbot outbox list --failed` shows it with the reason."""
    return _finish(session, row_id, worker, status=OutboxStatus.FAILED.value, last_error=error[:1000])


def listing(session: Session, status: OutboxStatus | None = None, limit: int | None = None) -> list[OutboxMessage]:
    """Rows for operators, newest first, optionally of one status."""
    statement = select(OutboxMessage)
    if status is not None:
        statement = statement.where(OutboxMessage.status == status.value)
    statement = statement.order_by(col(OutboxMessage.id).desc())
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.exec(statement))


def retry_failed(session: Session, row_id: int, now: datetime) -> bool:
    """Give a failed row a fresh set of attempts (after the operator fixed the cause); False if it is not failed."""
    result = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == row_id, col(OutboxMessage.status) == OutboxStatus.FAILED.value)
        .values(
            status=OutboxStatus.PENDING.value,
            attempts=0,
            not_before=now,
            claimed_by="",
            claimed_at=None,
        )
    )
    return bool(getattr(result, "rowcount", 0))


REDACTED: dict[str, Any] = {"type": "message", "redacted": True}


def redact_sent(session: Session, before: datetime) -> int:
    """Empty the content of rows sent before `before` (a card may hold personal data); returns how many.

    The row and its dedupe key stay: the key is what keeps a reminder stage or an item summary from being
    sent a second time. Pending, sending and failed rows keep their content. The scheduler's retention job
    calls this with now − MEDBOT_RETENTION_DAYS.
    """
    old = session.exec(
        select(OutboxMessage.id, OutboxMessage.activity).where(
            col(OutboxMessage.status) == OutboxStatus.SENT.value, col(OutboxMessage.sent_at) < before
        )
    ).all()
    ids = [row_id for row_id, activity in old if activity != REDACTED]
    if ids:
        session.execute(update(OutboxMessage).where(col(OutboxMessage.id).in_(ids)).values(activity=REDACTED))
    return len(ids)
