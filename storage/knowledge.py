"""What the Q&A side remembers: the active knowledge version, and anonymous counts for the editors.

Questions about sickness are health data, so unanswered questions and ratings are stored without any user
identity: no Entra id, no conversation, no name, and only the day (no time). They are counted per day, and the
service writes them in shuffled batches of its own (`add_counts`, from bot/anonymous.py), never in a turn's
transaction, so neither a row's id, its place on disk nor PostgreSQL's transaction id ties it to a turn. Rows older
than the retention period are purged.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Date, UniqueConstraint, delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select

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


class RatedAnswer(SQLModel, table=True):
    """An answer message that was rated, so a second click counts nothing; says neither who, which entry nor how.

    The key is a hash of the conversation and the message id (in a 1:1 chat each person gets their own message,
    so one rating per message is one per person), kept until the retention period has passed.
    """

    __tablename__ = "rated_answer"

    key: str = Field(primary_key=True, max_length=64)
    rated_on: date = Field(sa_column=Column(Date, nullable=False, index=True))


class KnowledgeVersion(SQLModel, table=True):
    """One activation of the knowledge content; the newest row is what every replica serves."""

    __tablename__ = "knowledge_version"

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64)
    activated_at: datetime = Field(index=True)
    activated_by: str = Field(default="", max_length=200)  # an admin's Entra id, "cli" or "start"
    # entry id → content fingerprint, so any process (and the CLI) can say what a later version changed.
    fingerprints: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # What this activation published compared with the one before: {"added"|"changed"|"removed": [entry ids]}.
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))

    @property
    def changed_entries(self) -> Changes:
        """The entry ids this activation added, changed and removed."""
        return Changes.from_json(self.changes)


@dataclass(frozen=True)
class Changes:
    """Which entries a publish added, changed and removed, by id: the record of what each publish did."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, list[str]]:
        """The form stored in `knowledge_version.changes` and printed by `medbot kb publishes --json`."""
        return {"added": list(self.added), "changed": list(self.changed), "removed": list(self.removed)}

    @classmethod
    def from_json(cls, value: Any) -> Changes:
        """Read the stored form; a row from before publishes were recorded reads as no changes."""
        stored = value if isinstance(value, dict) else {}

        def ids(key: str) -> tuple[str, ...]:
            found = stored.get(key)
            return tuple(str(i) for i in found) if isinstance(found, list) else ()

        return cls(ids("added"), ids("changed"), ids("removed"))


def normalise_question(question: str) -> str:
    """One spelling per question for counting: lower case, no punctuation, single spaces, bounded length."""
    cleaned = " ".join(_PUNCTUATION.sub(" ", question.lower()).split())
    return cleaned[:MAX_QUESTION]


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


QuestionKey = tuple[str, date]  # normalised question, day asked
RatingKey = tuple[str, date]  # entry id, day rated
_ROWS_PER_STATEMENT = 500  # SQLite allows 32,766 bound values per statement; PostgreSQL 65,535


def add_counts(
    session: Session,
    unanswered: Mapping[QuestionKey, int],
    ratings: Mapping[RatingKey, tuple[int, int]],
    rng: random.Random,
) -> int:
    """Add many anonymous counts at once (ratings as (👍, 👎)); the number of rows written.

    The rows go in shuffled, so the ids of new rows and their order on disk say nothing about the order they were
    counted in; each (question, day) and (entry, day) is one upsert, race-free across replicas.
    """
    questions = [{"question": q, "asked_on": day, "count": n} for (q, day), n in unanswered.items() if q and n > 0]
    rated = [
        {"entry_id": entry_id, "rated_on": day, "helpful": good, "unhelpful": bad}
        for (entry_id, day), (good, bad) in ratings.items()
        if good > 0 or bad > 0
    ]
    rng.shuffle(questions)
    rng.shuffle(rated)
    question_table = UnansweredQuestion.__table__  # type: ignore[attr-defined]
    rating_table = AnswerRating.__table__  # type: ignore[attr-defined]
    for start in range(0, len(questions), _ROWS_PER_STATEMENT):
        statement = _insert(session)(question_table).values(questions[start : start + _ROWS_PER_STATEMENT])
        added = {"count": question_table.c.count + statement.excluded["count"]}
        session.execute(statement.on_conflict_do_update(index_elements=["question", "asked_on"], set_=added))
    for start in range(0, len(rated), _ROWS_PER_STATEMENT):
        statement = _insert(session)(rating_table).values(rated[start : start + _ROWS_PER_STATEMENT])
        added = {name: rating_table.c[name] + statement.excluded[name] for name in ("helpful", "unhelpful")}
        session.execute(statement.on_conflict_do_update(index_elements=["entry_id", "rated_on"], set_=added))
    return len(questions) + len(rated)


def record_unanswered(session: Session, question: str, on: date) -> None:
    """Count one question at once, for tools and tests; turns count through the service's anonymous buffer."""
    add_counts(session, {(normalise_question(question), on): 1}, {}, random.Random())


def record_rating(session: Session, entry_id: str, helpful: bool, on: date) -> None:
    """Count one 👍 or 👎 at once, for tools and tests; turns count through the service's anonymous buffer."""
    add_counts(session, {}, {(entry_id, on): (int(helpful), int(not helpful))}, random.Random())


def first_rating(session: Session, conversation_id: str, message_id: str, on: date) -> bool:
    """True the first time an answer message is rated, False for every later click on it (any replica)."""
    key = hashlib.sha256(f"{conversation_id}\n{message_id}".encode()).hexdigest()
    table = RatedAnswer.__table__  # type: ignore[attr-defined]
    statement = _insert(session)(table).values(key=key, rated_on=on).on_conflict_do_nothing(index_elements=["key"])
    return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


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
    """Delete unanswered questions, ratings and rated-answer marks from days before `before`; the rows deleted."""
    deleted = 0
    for statement in (
        delete(UnansweredQuestion).where(col(UnansweredQuestion.asked_on) < before),
        delete(AnswerRating).where(col(AnswerRating.rated_on) < before),
        delete(RatedAnswer).where(col(RatedAnswer.rated_on) < before),
    ):
        deleted += int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]
    return deleted


def purge_expired(session: Session, now: datetime, retention_days: int) -> int:
    """The scheduler's retention job: keep `retention_days` days (MEDBOT_RETENTION_DAYS), delete the rest."""
    return purge(session, now.date() - timedelta(days=retention_days))


def record_version(
    session: Session, version: str, fingerprints: dict[str, str], by: str, now: datetime, *, changes: Changes
) -> KnowledgeVersion:
    """Make `version` the active knowledge for every replica, recording who, when and which entries it changed.

    `changes` compares with the version active before (the caller read it in this transaction).
    """
    row = KnowledgeVersion(
        version=version,
        activated_at=now,
        activated_by=by[:200],
        fingerprints=dict(fingerprints),
        changes=changes.to_json(),
    )
    session.add(row)
    session.flush()
    return row


def publishes(session: Session, limit: int = 50) -> list[KnowledgeVersion]:
    """The latest activations, newest first: who published what, when (`medbot kb publishes`)."""
    statement = select(KnowledgeVersion).order_by(col(KnowledgeVersion.id).desc()).limit(limit)
    return list(session.exec(statement))


def active_version(session: Session) -> KnowledgeVersion | None:
    """The newest activation, or None before the first one."""
    # By id, not time: replicas' clocks may disagree, the sequence does not.
    statement = select(KnowledgeVersion).order_by(col(KnowledgeVersion.id).desc())
    return session.exec(statement.limit(1)).first()
