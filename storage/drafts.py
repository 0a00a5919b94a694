"""Draft knowledge entries an admin made in Teams, waiting for the editors.

A draft is never served: the YAML files in git are the knowledge base, and only `medbot kb reload` (or
`genindlæs`) publishes them. `medbot kb drafts export` writes the drafts not yet exported as one YAML file for
review and marks them exported, so the next export does not write them twice. A draft carries the name of the
admin who made it (they wrote it as editors, not as employees asking), never the name of an employee whose
question it grew from: `origin` says only where it came from (`escalation:12`, `gap`, `teams`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Date, delete, update
from sqlmodel import Field, Session, SQLModel, col, select

MAX_ENTRY_ID = 80
MAX_TITLE = 200
MAX_ANSWER = 1000
MAX_DOCUMENT = 200
MAX_SECTION = 300
MAX_ORGANISATION = 200
MAX_NAME = 200
MAX_ORIGIN = 40


class DraftEntry(SQLModel, table=True):
    """One proposed entry, as the admin filled in the card; the fields of a knowledge entry, plus who and whence."""

    __tablename__ = "draft_entry"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(max_length=MAX_ENTRY_ID)  # the id proposed for the entry
    title: str = Field(max_length=MAX_TITLE)
    questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    answer: str = Field(max_length=MAX_ANSWER)
    document: str = Field(max_length=MAX_DOCUMENT)  # a file in knowledge/sources/ without its extension
    section: str = Field(max_length=MAX_SECTION)  # text that occurs in that document
    valid_from: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    valid_to: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    organisation: str = Field(max_length=MAX_ORGANISATION)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    made_by: str = Field(max_length=MAX_NAME)  # the admin's display name
    made_at: datetime
    origin: str = Field(default="", max_length=MAX_ORIGIN)  # "escalation:12", "gap" or "teams"
    exported_at: datetime | None = None


def add_draft(session: Session, draft: DraftEntry) -> DraftEntry:
    """Store a draft that has been validated as an entry; its id is set on return."""
    session.add(draft)
    session.flush()
    return draft


def drafts(session: Session, *, pending_only: bool = False) -> list[DraftEntry]:
    """Every draft in the order they were made; `pending_only`: those not exported yet."""
    statement = select(DraftEntry).order_by(col(DraftEntry.id))
    if pending_only:
        statement = statement.where(col(DraftEntry.exported_at).is_(None))
    return list(session.exec(statement))


def pending_entry_ids(session: Session) -> dict[str, int]:
    """The entry ids proposed by drafts not exported yet → the draft's id: a new draft may not take one of them."""
    rows = session.exec(select(DraftEntry.entry_id, DraftEntry.id).where(col(DraftEntry.exported_at).is_(None)))
    return {entry_id: int(draft_id or 0) for entry_id, draft_id in rows}


def mark_exported(session: Session, ids: Sequence[int], now: datetime) -> int:
    """Record that these drafts were written out for review; drafts already exported keep their first time."""
    if not ids:
        return 0
    statement: Any = (
        update(DraftEntry)
        .where(col(DraftEntry.id).in_(list(ids)), col(DraftEntry.exported_at).is_(None))
        .values(exported_at=now)
    )
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def delete_draft(session: Session, draft_id: int) -> bool:
    """Throw a draft away (an editor decided against it); False when there is no such draft."""
    statement: Any = delete(DraftEntry).where(col(DraftEntry.id) == draft_id)
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]
