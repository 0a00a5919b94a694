"""Anonymous counts of unanswered questions and ratings: counting, the editors' lists, and retention."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from storage import knowledge as store
from storage.db import make_engine, session_scope, upgrade


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'medbot.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_the_same_question_typed_differently_is_counted_once_per_day(engine: Engine) -> None:
    with session_scope(engine) as session:
        store.record_unanswered(session, "Hvornår har KANTINEN åbent?", date(2026, 3, 2))
        store.record_unanswered(session, "hvornår har kantinen  åbent", date(2026, 3, 2))
        store.record_unanswered(session, "Hvornår har kantinen åbent???", date(2026, 3, 3))
        store.record_unanswered(session, "?!", date(2026, 3, 3))
    with Session(engine) as session:
        rows = sorted((r.asked_on, r.question, r.count) for r in session.exec(select(store.UnansweredQuestion)))
        assert rows == [
            (date(2026, 3, 2), "hvornår har kantinen åbent", 2),
            (date(2026, 3, 3), "hvornår har kantinen åbent", 1),
        ]
        assert store.frequent_unanswered(session) == [store.QuestionCount("hvornår har kantinen åbent", 3)]


def test_worst_rated_puts_most_thumbs_down_first_and_leaves_out_entries_nobody_disliked(engine: Engine) -> None:
    with session_scope(engine) as session:
        for entry_id, helpful in [("a", False), ("a", True), ("b", False), ("b", False), ("c", True)]:
            store.record_rating(session, entry_id, helpful, date(2026, 3, 2))
    with Session(engine) as session:
        assert store.worst_rated(session) == [store.EntryRatings("b", 0, 2), store.EntryRatings("a", 1, 1)]


def test_purge_deletes_questions_and_ratings_from_before_the_day_and_keeps_the_rest(engine: Engine) -> None:
    with session_scope(engine) as session:
        for day in (date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 3)):
            store.record_unanswered(session, f"spørgsmål {day.day}", day)
            store.record_rating(session, "parkering", True, day)
    with session_scope(engine) as session:
        assert store.purge(session, before=date(2025, 9, 2)) == 2
    with Session(engine) as session:
        assert sorted(r.asked_on.day for r in session.exec(select(store.UnansweredQuestion))) == [2, 3]
        assert sorted(r.rated_on.day for r in session.exec(select(store.AnswerRating))) == [2, 3]


def test_retention_job_keeps_exactly_the_configured_number_of_days(engine: Engine) -> None:
    now = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    with session_scope(engine) as session:
        store.record_unanswered(session, "gammelt", date(2025, 9, 2))  # 181 days before
        store.record_unanswered(session, "på grænsen", date(2025, 9, 3))  # 180 days before
        store.record_rating(session, "parkering", False, date(2025, 9, 2))
    with session_scope(engine) as session:
        assert store.purge_expired(session, now, retention_days=180) == 2
    with Session(engine) as session:
        assert [r.question for r in session.exec(select(store.UnansweredQuestion))] == ["på grænsen"]
        assert list(session.exec(select(store.AnswerRating))) == []


def test_the_anonymous_tables_have_no_column_that_could_hold_who_asked() -> None:
    tables = [SQLModel.metadata.tables[name] for name in ("unanswered_question", "answer_rating", "rated_answer")]
    columns = {column.name for table in tables for column in table.columns}
    assert columns == {"id", "question", "asked_on", "count", "entry_id", "rated_on", "helpful", "unhelpful", "key"}


def test_a_batch_adds_to_the_days_counts_and_stores_new_rows_out_of_the_order_they_were_counted(
    engine: Engine,
) -> None:
    day = date(2026, 3, 2)
    with session_scope(engine) as session:
        store.record_unanswered(session, "spørgsmål 00", day)
        store.record_rating(session, "parkering", True, day)
    counted = {(f"spørgsmål {n:02d}", day): 1 for n in range(30)}
    with session_scope(engine) as session:
        written = store.add_counts(session, counted, {("parkering", day): (2, 1)}, random.Random(4))
    assert written == 31
    with Session(engine) as session:
        rows = list(session.exec(select(store.UnansweredQuestion).order_by(store.UnansweredQuestion.id)))  # type: ignore[arg-type]
        [rating] = session.exec(select(store.AnswerRating))
    assert {r.question: r.count for r in rows}["spørgsmål 00"] == 2
    assert sum(r.count for r in rows) == 31
    new_in_id_order = [r.question for r in rows[1:]]
    assert sorted(new_in_id_order) == [f"spørgsmål {n:02d}" for n in range(1, 30)]
    assert new_in_id_order != sorted(new_in_id_order), "new rows must not keep the order they were counted in"
    assert (rating.helpful, rating.unhelpful) == (3, 1)


def test_an_answer_message_is_rated_once_and_the_mark_holds_no_identity(engine: Engine) -> None:
    day = date(2026, 3, 2)
    with session_scope(engine) as session:
        first = store.first_rating(session, "a:personal-p06", "act-7", day)
    with session_scope(engine) as session:
        again = store.first_rating(session, "a:personal-p06", "act-7", day)
        other_chat = store.first_rating(session, "a:personal-p03", "act-7", day)
    assert (first, again, other_chat) == (True, False, True)
    with Session(engine) as session:
        marks = list(session.exec(select(store.RatedAnswer)))
    assert len(marks) == 2
    assert not any("p06" in m.key or "act-7" in m.key for m in marks)


def test_purge_deletes_old_rated_answer_marks_too(engine: Engine) -> None:
    with session_scope(engine) as session:
        store.first_rating(session, "a:personal-p06", "act-1", date(2025, 9, 1))
        store.first_rating(session, "a:personal-p06", "act-2", date(2025, 9, 2))
    with session_scope(engine) as session:
        assert store.purge(session, before=date(2025, 9, 2)) == 1
    with Session(engine) as session:
        assert [m.rated_on for m in session.exec(select(store.RatedAnswer))] == [date(2025, 9, 2)]
