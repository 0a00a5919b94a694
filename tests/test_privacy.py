"""Questions about sickness are health data: nothing stored or logged may tie one to the person who asked.

A known employee asks through the real server; then every column of every table and every log record (DEBUG and
up, all loggers) is searched for the question next to that person's Entra id, Teams id or name.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.conftest import OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.service import RunningBot, sqlite_settings, start

QUESTION = "Jeg er sygemeldt med stress og angst, skal jeg sige det til min leder?"
FRAGMENTS = ("sygemeldt med stress", "stress og angst")
NAME = "Frederik Fiktivsen"  # p06 in config/organisation.yaml
IDENTITY = (OES_SECRETARY, f"29:{OES_SECRETARY}", NAME.lower(), "frederik", "fiktivsen")


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
