"""What the Q&A side remembers: the active knowledge version, and anonymous counts for the editors.

Questions about sickness are health data, so unanswered questions and ratings are stored without any user
identity: no Entra id, no conversation, no name, and only the day (no time). They are counted per day, so a row
cannot be matched to a turn by its id or time either, and rows older than the retention period are purged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Date, UniqueConstraint, delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select

from storage.conversations import utcnow

MAX_QUESTION = 300
_PUNCTUATION = re.compile(r"[^\w\s]")


class UnansweredQuestion(SQLModel, table=True):
    """How often a question the bot could not answer was asked on one day; anonymous by design."""

    __tablename__ = "unanswered_question"
    __table_args__ = (UniqueConstraint("question", "asked_on", name="uq_unanswered_question_day"),)

    id: int | None = Field(default=None, primary_key=True)
    question: str = Field(max_length=MAX_QUESTION)  # normalised: lower case, no punctuation
    asked_on: date = Field(sa_column=Column(Date, nullable=False, index=True))
    count: int = 1


class AnswerRating(SQLModel, table=True):
    """👍/👎 counts for one entry on one day; anonymous by design."""

    __tablename__ = "answer_rating"
    __table_args__ = (UniqueConstraint("entry_id", "rated_on", name="uq_answer_rating_day"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(max_length=100)
    rated_on: date = Field(sa_column=Column(Date, nullable=False, index=True))
    helpful: int = 0
    unhelpful: int = 0


class KnowledgeVersion(SQLModel, table=True):
    """One activation of the knowledge content; the newest row is what every replica serves."""

    __tablename__ = "knowledge_version"

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64)
    activated_at: datetime = Field(default_factory=utcnow, index=True)
    activated_by: str = Field(default="", max_length=200)  # an admin's Entra id, "cli" or "start"
    # entry id → content fingerprint, so any process (and the CLI) can say what a later version changed.
    fingerprints: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def normalise_question(question: str) -> str:
    """One spelling per question for counting: lower case, no punctuation, single spaces, bounded length."""
    cleaned = " ".join(_PUNCTUATION.sub(" ", question.lower()).split())
    return cleaned[:MAX_QUESTION]


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def record_unanswered(session: Session, question: str, on: date) -> None:
    """Count a question the bot could not answer (race-free across replicas: one upsert)."""
    text = normalise_question(question)
    if not text:
        return
    table = UnansweredQuestion.__table__  # type: ignore[attr-defined]
    statement = (
        _insert(session)(table)
        .values(question=text, asked_on=on, count=1)
        .on_conflict_do_update(index_elements=["question", "asked_on"], set_={"count": table.c.count + 1})
    )
    session.execute(statement)


def record_rating(session: Session, entry_id: str, helpful: bool, on: date) -> None:
    """Count one 👍 or 👎 for an entry."""
    table = AnswerRating.__table__  # type: ignore[attr-defined]
    column = "helpful" if helpful else "unhelpful"
    statement = (
        _insert(session)(table)
        .values(entry_id=entry_id, rated_on=on, helpful=int(helpful), unhelpful=int(not helpful))
        .on_conflict_do_update(index_elements=["entry_id", "rated_on"], set_={column: table.c[column] + 1})
    )
    session.execute(statement)


@dataclass(frozen=True)
class QuestionCount:
    """A question the bot could not answer, and how often it was asked."""

    question: str
    count: int


@dataclass(frozen=True)
class EntryRatings:
    """How an entry was rated in total."""

    entry_id: str
    helpful: int
    unhelpful: int

    @property
    def total(self) -> int:
        """All ratings."""
        return self.helpful + self.unhelpful


def frequent_unanswered(session: Session, limit: int = 20) -> list[QuestionCount]:
    """The questions asked most often without an answer: what the editors should write next."""
    total = func.sum(UnansweredQuestion.count).label("total")
    rows = session.exec(
        select(UnansweredQuestion.question, total)
        .group_by(col(UnansweredQuestion.question))
        .order_by(total.desc(), col(UnansweredQuestion.question))
        .limit(limit)
    )
    return [QuestionCount(question, int(count)) for question, count in rows]


def worst_rated(session: Session, limit: int = 20) -> list[EntryRatings]:
    """Entries with at least one 👎, most 👎 (then the lowest share of 👍) first."""
    helpful = func.sum(AnswerRating.helpful).label("helpful")
    unhelpful = func.sum(AnswerRating.unhelpful).label("unhelpful")
    rows = session.exec(
        select(AnswerRating.entry_id, helpful, unhelpful)
        .group_by(col(AnswerRating.entry_id))
        .having(unhelpful > 0)
        .order_by(unhelpful.desc(), helpful, col(AnswerRating.entry_id))
        .limit(limit)
    )
    return [EntryRatings(entry_id, int(good), int(bad)) for entry_id, good, bad in rows]


def purge(session: Session, before: date) -> int:
    """Delete unanswered questions and ratings from days before `before`; the number of rows deleted."""
    questions = session.execute(delete(UnansweredQuestion).where(col(UnansweredQuestion.asked_on) < before))
    ratings = session.execute(delete(AnswerRating).where(col(AnswerRating.rated_on) < before))
    return int(questions.rowcount or 0) + int(ratings.rowcount or 0)  # type: ignore[attr-defined]


def purge_expired(session: Session, now: datetime, retention_days: int) -> int:
    """The scheduler's retention job: keep `retention_days` days (MEDBOT_RETENTION_DAYS), delete the rest."""
    return purge(session, now.date() - timedelta(days=retention_days))


def record_version(session: Session, version: str, fingerprints: dict[str, str], by: str) -> KnowledgeVersion:
    """Make `version` the active knowledge for every replica."""
    row = KnowledgeVersion(version=version, activated_by=by[:200], fingerprints=dict(fingerprints))
    session.add(row)
    session.flush()
    return row


def active_version(session: Session) -> KnowledgeVersion | None:
    """The newest activation, or None before the first one."""
    statement = select(KnowledgeVersion).order_by(
        col(KnowledgeVersion.activated_at).desc(), col(KnowledgeVersion.id).desc()
    )
    return session.exec(statement.limit(1)).first()
