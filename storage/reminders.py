"""What the reminders remember: when each committee last discussed each rule, and the reminders sent for it.

A discussion is history (who recorded it, when, through which way: the card, the CLI or the organisation file);
the next due date is always computed from the newest one, so nothing here has to be recomputed when a rule's
interval changes. An occurrence is one due date of one rule for one committee: the reminder cards carry its
random id, and marking it done or snoozing it is a conditional update, so two clicks at once cannot both win.
The lookups of who a reminder can reach (secretaries, their 1:1 chats, linked channels) are here too; which one
is chosen is the dialogs' policy.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Date, UniqueConstraint, delete, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select

# A module, not its names: storage.org imports this module before it defines its tables.
from storage import org
from storage.conversations import Conversation

VIA_CARD = "card"
VIA_CLI = "cli"
VIA_IMPORT = "import"


class ReminderDiscussion(SQLModel, table=True):
    """A committee discussed a rule's topic on a day; the newest one sets the next due date."""

    __tablename__ = "reminder_discussion"
    __table_args__ = (UniqueConstraint("committee_id", "rule_id", "discussed_on", name="uq_reminder_discussion"),)

    id: int | None = Field(default=None, primary_key=True)
    committee_id: str = Field(foreign_key="committee.id", max_length=80, index=True)
    rule_id: str = Field(max_length=80)
    discussed_on: date = Field(sa_column=Column(Date, nullable=False))
    recorded_by: str = Field(default="", max_length=80)  # person id, or "cli" / "import"
    via: str = Field(default=VIA_CARD, max_length=10)
    recorded_at: datetime


class ReminderOccurrence(SQLModel, table=True):
    """One due date of one rule for one committee, created when its first reminder is written."""

    __tablename__ = "reminder_occurrence"
    __table_args__ = (UniqueConstraint("committee_id", "rule_id", "due_on", name="uq_reminder_occurrence"),)

    id: str = Field(primary_key=True, max_length=40)  # random: card payloads carry it
    committee_id: str = Field(foreign_key="committee.id", max_length=80, index=True)
    rule_id: str = Field(max_length=80)
    due_on: date = Field(sa_column=Column(Date, nullable=False))
    snoozed_until: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    done_on: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    done_by: str = Field(default="", max_length=80)
    done_at: datetime | None = None
    created_at: datetime


class ReminderInterval(SQLModel, table=True):
    """A committee's own interval for a rule (ØS reviews violence and threats twice a year)."""

    __tablename__ = "reminder_interval"

    committee_id: str = Field(primary_key=True, foreign_key="committee.id", max_length=80)
    rule_id: str = Field(primary_key=True, max_length=80)
    months: int


Key = tuple[str, str]  # (committee id, rule id)


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


# ---------------------------------------------------------------------------------------------------------------
# Discussions


def latest_discussions(session: Session) -> dict[Key, ReminderDiscussion]:
    """The newest discussion per committee and rule."""
    newest = (
        select(
            col(ReminderDiscussion.committee_id),
            col(ReminderDiscussion.rule_id),
            func.max(ReminderDiscussion.discussed_on).label("last"),
        )
        .group_by(col(ReminderDiscussion.committee_id), col(ReminderDiscussion.rule_id))
        .subquery()
    )
    statement = select(ReminderDiscussion).join(
        newest,
        (col(ReminderDiscussion.committee_id) == newest.c.committee_id)
        & (col(ReminderDiscussion.rule_id) == newest.c.rule_id)
        & (col(ReminderDiscussion.discussed_on) == newest.c.last),
    )
    return {(row.committee_id, row.rule_id): row for row in session.exec(statement)}


def last_discussion(session: Session, committee_id: str, rule_id: str) -> ReminderDiscussion | None:
    """The newest discussion of one rule in one committee."""
    statement = (
        select(ReminderDiscussion)
        .where(ReminderDiscussion.committee_id == committee_id, ReminderDiscussion.rule_id == rule_id)
        .order_by(col(ReminderDiscussion.discussed_on).desc())
    )
    return session.exec(statement).first()


def record_discussion(
    session: Session,
    *,
    committee_id: str,
    rule_id: str,
    discussed_on: date,
    recorded_by: str,
    via: str,
    now: datetime,
) -> bool:
    """Store a discussion newer than the last one and close the open reminders it answers; False if not newer."""
    latest = last_discussion(session, committee_id, rule_id)
    if latest is not None and latest.discussed_on >= discussed_on:
        return False
    statement = (
        _insert(session)(ReminderDiscussion.__table__)  # type: ignore[attr-defined]
        .values(
            committee_id=committee_id,
            rule_id=rule_id,
            discussed_on=discussed_on,
            recorded_by=recorded_by,
            via=via,
            recorded_at=now,
        )
        .on_conflict_do_nothing(index_elements=["committee_id", "rule_id", "discussed_on"])
        .returning(ReminderDiscussion.__table__.c.id)  # type: ignore[attr-defined]
    )
    # RETURNING, not rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING.
    if session.execute(statement).first() is None:
        return False
    session.execute(
        update(ReminderOccurrence)
        .where(
            col(ReminderOccurrence.committee_id) == committee_id,
            col(ReminderOccurrence.rule_id) == rule_id,
            col(ReminderOccurrence.done_at).is_(None),
        )
        .values(done_on=discussed_on, done_by=recorded_by, done_at=now)
    )
    return True


# ---------------------------------------------------------------------------------------------------------------
# Occurrences


def occurrence(session: Session, occurrence_id: str) -> ReminderOccurrence | None:
    """The occurrence a card refers to, or None for an unknown (stale or forged) id."""
    if not occurrence_id:
        return None
    return session.get(ReminderOccurrence, occurrence_id)


def occurrences_due_on(
    session: Session, due: Iterable[tuple[str, str, date]]
) -> dict[tuple[str, str, date], ReminderOccurrence]:
    """Existing occurrences for (committee, rule, due date) triples, keyed by the triple."""
    wanted = set(due)
    if not wanted:
        return {}
    committees = {c for c, _r, _d in wanted}
    statement = select(ReminderOccurrence).where(col(ReminderOccurrence.committee_id).in_(committees))
    found = {(o.committee_id, o.rule_id, o.due_on): o for o in session.exec(statement)}
    return {key: row for key, row in found.items() if key in wanted}


def ensure_occurrence(
    session: Session, committee_id: str, rule_id: str, due_on: date, now: datetime
) -> ReminderOccurrence:
    """The occurrence for a due date, created once even when two processes ask at the same moment."""
    statement = (
        _insert(session)(ReminderOccurrence.__table__)  # type: ignore[attr-defined]
        .values(
            id=secrets.token_urlsafe(16),
            committee_id=committee_id,
            rule_id=rule_id,
            due_on=due_on,
            done_by="",
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["committee_id", "rule_id", "due_on"])
    )
    session.execute(statement)
    found = session.exec(
        select(ReminderOccurrence).where(
            ReminderOccurrence.committee_id == committee_id,
            ReminderOccurrence.rule_id == rule_id,
            ReminderOccurrence.due_on == due_on,
        )
    ).one()
    return found


def snooze(session: Session, occurrence_id: str, until: date) -> bool:
    """Hold an open occurrence's reminders back until `until`; False when it is closed."""
    result = session.execute(
        update(ReminderOccurrence)
        .where(col(ReminderOccurrence.id) == occurrence_id, col(ReminderOccurrence.done_at).is_(None))
        .values(snoozed_until=until)
    )
    return bool(getattr(result, "rowcount", 0))


# ---------------------------------------------------------------------------------------------------------------
# Who a reminder can reach


def secretaries_by_committee(session: Session, committee_ids: Collection[str]) -> dict[str, list[str]]:
    """Each committee's secretaries' Entra object ids (lower case), in name order; those without one are left out."""
    rows = session.exec(
        select(org.Membership.committee_id, org.Person.aad_object_id)
        .join(org.Person, col(org.Person.id) == col(org.Membership.person_id))
        .where(
            org.Membership.role == org.MemberRole.SECRETARY.value, col(org.Membership.committee_id).in_(committee_ids)
        )
        .order_by(col(org.Person.name))
    )
    found: dict[str, list[str]] = {}
    for committee_id, aad in rows:
        if aad:
            found.setdefault(committee_id, []).append(aad.lower())
    return found


def personal_chats(session: Session, user_aad_ids: Collection[str]) -> dict[str, Conversation]:
    """The newest 1:1 chat with the app still installed of each of these users, by lower-case Entra object id."""
    installed = session.exec(
        select(Conversation)
        .where(
            Conversation.installed == True,  # noqa: E712 - SQL expression
            col(Conversation.kind) == "personal",
            func.lower(Conversation.user_aad_id).in_(user_aad_ids),
        )
        .order_by(col(Conversation.updated_at))
    )
    return {chat.user_aad_id.lower(): chat for chat in installed}  # the newest wins


def installed_conversations(session: Session, conversation_ids: Collection[str]) -> dict[str, Conversation]:
    """Those of these conversations (committees' linked channels) where the app is still installed, by id."""
    installed = session.exec(
        select(Conversation).where(
            Conversation.installed == True,  # noqa: E712 - SQL expression
            col(Conversation.id).in_(conversation_ids),
        )
    )
    return {conversation.id: conversation for conversation in installed}


# ---------------------------------------------------------------------------------------------------------------
# Intervals and the organisation file


def interval_overrides(session: Session) -> dict[Key, int]:
    """Per-committee intervals in months, where a committee has its own."""
    return {(row.committee_id, row.rule_id): row.months for row in session.exec(select(ReminderInterval))}


def import_from_organisation(
    session: Session, committees: Iterable[Mapping[str, Any]], now: datetime
) -> dict[str, int]:
    """Apply each committee's `discussed` and `reminder_intervals` from a checked organisation file.

    Idempotent: a discussion is stored only when newer than the last one known (a later one marked on a card
    wins), and the intervals in the file replace the stored ones.
    """
    listed = list(committees)
    session.execute(delete(ReminderInterval))
    discussions = intervals = 0
    for committee in listed:
        for rule_id, months in sorted((committee.get("reminder_intervals") or {}).items()):
            session.add(ReminderInterval(committee_id=committee["id"], rule_id=str(rule_id), months=int(months)))
            intervals += 1
        for rule_id, day in sorted((committee.get("discussed") or {}).items()):
            discussed_on = day if isinstance(day, date) else date.fromisoformat(str(day))
            discussions += record_discussion(
                session,
                committee_id=committee["id"],
                rule_id=str(rule_id),
                discussed_on=discussed_on,
                recorded_by=VIA_IMPORT,
                via=VIA_IMPORT,
                now=now,
            )
    session.flush()
    return {"discussions": discussions, "reminder_intervals": intervals}
