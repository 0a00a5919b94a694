"""Questions about sickness are health data: nothing stored or logged may tie one to the person who asked.

A known employee asks through the real server; then every column of every table and every log record (DEBUG and
up, all loggers) is searched for the question next to that person's Entra id, Teams id or name. The anonymous
counts are held by the process and written in shuffled batches of their own (bot/anonymous.py): these tests check
that nothing is written in the asker's turn, that the write order pairs no row with its asker, that a clean
shutdown loses nothing and that a failing write keeps the question out of the log. PostgreSQL's transaction ids
are attacked in tests/test_anonymity_postgres.py.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from bot import anonymous
from bot.anonymous import AnonymousCounts, flush_now
from storage.db import make_engine, upgrade
from storage.knowledge import AnswerRating, UnansweredQuestion, normalise_question
from tests.conftest import OES_SECRETARY
from tests.support import activities, question_log
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, sqlite_settings, start

QUESTION = "Jeg er sygemeldt med stress og angst, skal jeg sige det til min leder?"
FRAGMENTS = ("sygemeldt med stress", "stress og angst")
NAME = "Frederik Fiktivsen"  # p06 in config/organisation.yaml
IDENTITY = (OES_SECRETARY, f"29:{OES_SECRETARY}", NAME.lower(), "frederik", "fiktivsen")
DAY = date(2026, 3, 2)  # the anonymous counts carry only the day


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    knowledge = write_small_knowledge(tmp_path / "knowledge")
    running = await start(sqlite_settings(tmp_path, knowledge_dir=knowledge))
    yield running
    await running.stop()


def every_row(bot: RunningBot) -> list[tuple[str, str]]:
    """(table, all column values of one row as lower-case text) for every row of every table."""
    engine = bot.runtime.engine
    rows: list[tuple[str, str]] = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                rows.append((table, " | ".join(str(value) for value in row).lower()))
    return rows


def mentions_question(value: str) -> bool:
    return any(fragment in value.lower() for fragment in FRAGMENTS)


def names_the_person(value: str) -> bool:
    return any(marker in value.lower() for marker in IDENTITY)


async def test_sickness_question_leaves_no_trace_tying_it_to_the_employee(
    bot: RunningBot, connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    envelope = activities.personal(connector.url, OES_SECRETARY, user_name=NAME)
    await bot.post(activities.message(envelope, QUESTION))
    await bot.post(activities.message(envelope, "Hvor må jeg parkere ved rådhuset?"))
    answer = connector.messages()[-1].card
    assert answer is not None
    [rate_down] = [a["data"] for a in answer["actions"] if a.get("data", {}).get("helpful") is False]
    await bot.post(activities.card_action(envelope, rate_down))
    await flush_now(bot.runtime.anonymous)

    rows = every_row(bot)
    stored = [(table, row) for table, row in rows if mentions_question(row)]
    assert [table for table, _ in stored] == ["unanswered_question"], "the question must be counted, once"
    assert [row for _, row in stored if names_the_person(row)] == []
    anonymous = [row for table, row in rows if table in ("unanswered_question", "answer_rating")]
    assert len(anonymous) == 2 and not any(names_the_person(row) for row in anonymous)
    assert any(names_the_person(row) for table, row in rows if table == "conversation"), "the search must see ids"

    logged = [record.getMessage() + (record.exc_text or "") for record in caplog.records]
    assert logged, "the turn must have logged something for this check to mean anything"
    assert [line for line in logged if mentions_question(line)] == []
    assert [line for line in logged if mentions_question(line) and names_the_person(line)] == []


HEALTH_QUESTIONS = [
    "Jeg har fået konstateret diabetes, skal min leder vide det?",
    "Min depression gør mig træt, må jeg gå tidligere?",
    "Jeg skal opereres i knæet, hvad gør jeg med ferien?",
    "Jeg er gravid og har kvalme, kan jeg arbejde hjemme?",
    "Jeg har migræne flere gange om ugen, hvad gælder der?",
]


def askers(count: int) -> list[str]:
    """Entra ids of employees outside the organisation file, one per asker."""
    return [f"5e1f0000-0000-4000-8000-{n:012d}" for n in range(1, count + 1)]


async def test_an_unanswered_question_is_not_written_in_the_askers_turn_but_later_in_a_batch(
    bot: RunningBot, connector: FakeConnector
) -> None:
    await bot.post(activities.message(activities.personal(connector.url, OES_SECRETARY), QUESTION))
    held = [row for table, row in every_row(bot) if table == "unanswered_question"]
    assert held == [], "the turn itself must not write the question"
    assert bot.runtime.anonymous.rows == 1
    assert await flush_now(bot.runtime.anonymous) == 1
    assert [row for table, row in every_row(bot) if table == "unanswered_question" and mentions_question(row)]


async def test_write_order_on_sqlite_pairs_no_question_with_its_asker(
    bot: RunningBot, connector: FakeConnector
) -> None:
    bot.runtime.anonymous.rng = random.Random(0)  # the service uses SystemRandom; a seed makes this repeatable
    people = askers(len(HEALTH_QUESTIONS))
    for person, question in zip(people, HEALTH_QUESTIONS, strict=True):
        await bot.post(activities.message(activities.personal(connector.url, person), question))
    await flush_now(bot.runtime.anonymous)

    with bot.runtime.engine.connect() as connection:
        written_conversations = [
            str(aad) for (aad,) in connection.execute(text("SELECT user_aad_id FROM conversation ORDER BY rowid"))
        ]
        written_questions = [
            str(q) for (q,) in connection.execute(text("SELECT question FROM unanswered_question ORDER BY rowid"))
        ]
    asked_by = {normalise_question(q): person for person, q in zip(people, HEALTH_QUESTIONS, strict=True)}
    assert written_conversations == people, "the attack's reference order: conversations in the order people wrote"
    paired = sum(asked_by[q] == person for q, person in zip(written_questions, written_conversations, strict=True))
    assert paired <= 1, f"pairing by write order linked {paired} of {len(people)} (a random guess links 1)"


async def test_a_clean_shutdown_writes_every_count_the_process_held(tmp_path: Path, connector: FakeConnector) -> None:
    knowledge = write_small_knowledge(tmp_path / "knowledge")
    settings = sqlite_settings(tmp_path, knowledge_dir=knowledge)
    running = await start(settings)
    for person, question in zip(askers(3), HEALTH_QUESTIONS, strict=False):
        await running.post(activities.message(activities.personal(connector.url, person), question))
    await running.post(activities.message(activities.personal(connector.url, OES_SECRETARY), HEALTH_QUESTIONS[0]))
    envelope = activities.personal(connector.url, OES_SECRETARY)
    await running.post(activities.message(envelope, "Hvor må jeg parkere ved rådhuset?"))
    card = connector.messages()[-1].card
    assert card is not None
    [thumbs_up] = [a["data"] for a in card["actions"] if a.get("data", {}).get("helpful") is True]
    await running.post(activities.card_action(envelope, thumbs_up))
    assert running.runtime.anonymous.rows == 4, "nothing is written before the timer or the shutdown"

    await running.stop()

    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            counts = {row.question: row.count for row in session.exec(select(UnansweredQuestion))}
            ratings = [(row.entry_id, row.helpful, row.unhelpful) for row in session.exec(select(AnswerRating))]
    finally:
        engine.dispose()
    assert sum(counts.values()) == 4 and counts[normalise_question(HEALTH_QUESTIONS[0])] == 2
    assert ratings == [("parkering", 1, 0)]


async def test_a_failing_write_logs_no_question_text_and_keeps_the_counts_for_the_next_try(
    bot: RunningBot, connector: FakeConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    engine = bot.runtime.engine
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE unanswered_question"))
    await bot.post(activities.message(activities.personal(connector.url, OES_SECRETARY), QUESTION))
    [reply] = connector.messages()
    assert reply.card is not None, "the employee still gets an answer"

    assert await flush_now(bot.runtime.anonymous) == 0
    failures = [r for r in caplog.records if r.getMessage().startswith("anonymous.flush_failed")]
    assert failures, "the failed write must be logged"
    assert not mentions_question(caplog.text) and "sygemeldt" not in caplog.text.lower(), "tracebacks included"

    UnansweredQuestion.__table__.create(engine)  # type: ignore[attr-defined]
    assert await flush_now(bot.runtime.anonymous) == 1
    with Session(engine) as session:
        [row] = session.exec(select(UnansweredQuestion))
    assert "sygemeldt med stress" in row.question and row.count == 1


def test_the_timer_holds_a_lone_count_but_writes_a_few_rows_or_an_hour_old_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'counts.db'}"
    upgrade(url)
    engine = make_engine(url)
    clock = [0.0]
    counts = AnonymousCounts(engine, min_batch=3, hold_at_most=timedelta(hours=1), monotonic=lambda: clock[0])
    try:
        counts.unanswered("Må jeg gå til tandlæge i arbejdstiden?", DAY)
        assert counts.flush_if_due() == 0, "one lone row waits for company"
        counts.unanswered("Hvad med fysioterapi?", DAY)
        counts.rated("parkering", True, DAY)
        assert counts.flush_if_due() == 3, "a few rows are written at the next tick"
        counts.unanswered("Hvad med fysioterapi?", DAY)
        clock[0] += timedelta(minutes=59).total_seconds()
        assert counts.flush_if_due() == 0
        clock[0] += timedelta(minutes=1).total_seconds()
        assert counts.flush_if_due() == 1, "after an hour a lone row is written anyway"
        assert counts.rows == 0
    finally:
        engine.dispose()


async def test_the_service_timer_writes_due_counts_and_the_shutdown_writes_the_rest(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'counts.db'}"
    upgrade(url)
    engine = make_engine(url)
    counts = AnonymousCounts(engine, min_batch=2)
    app = web.Application()
    anonymous.attach(app, counts, every=timedelta(milliseconds=20))
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        counts.unanswered("Hvad gælder ved langtidssygemelding?", DAY)
        counts.unanswered("Hvad gælder ved hospitalsindlæggelse?", DAY)
        for _ in range(100):
            if counts.rows == 0:
                break
            await asyncio.sleep(0.02)
        assert counts.rows == 0, "the timer wrote the batch"
        counts.unanswered("Hvad gælder ved en arbejdsskade?", DAY)
        await asyncio.sleep(0.1)
        assert counts.rows == 1, "a lone row waits for the next batch"
    finally:
        await runner.cleanup()
    with Session(engine) as session:
        assert len(list(session.exec(select(UnansweredQuestion)))) == 3
    engine.dispose()


def test_the_suite_wide_log_watch_finds_a_logged_question() -> None:
    question_log.note("har min datter ret til barns sygedag")
    lines = ["qa.answered entry=barns-sygedag", "turn.failed text=har min datter ret til barns sygedag"]
    assert question_log.leaks(lines, question_log.ASKED) == [lines[1]]
    assert question_log.leaks(lines[:1], question_log.ASKED) == []
