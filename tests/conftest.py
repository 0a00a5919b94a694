"""Shared fixtures: a fake Bot Connector on loopback and a real medbot server beside it."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import question_log
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.postgres import fresh_postgres_database
from tests.support.service import RunningBot, sqlite_settings, start

# Example organisation: p03 is KommuneMED's secretary, p06 the secretary of AfdelingsMED Økonomi & Stab.
KOMMUNEMED_SECRETARY = "00000000-0000-4000-8000-000000000003"
OES_SECRETARY = "00000000-0000-4000-8000-000000000006"
OUTSIDER = "11111111-2222-4333-8444-555555555555"
ADMIN = "aaaaaaaa-0000-4000-8000-00000000ad01"
# The day the small fictional knowledge folder (tests/support/knowledge.py) is answered on.
MARCH_2026 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    """The fake Bot Connector; its URL goes into every activity's serviceUrl."""
    fake = FakeConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def medbot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot on SQLite in emulator mode, with the example organisation and one admin."""
    bot = await start(sqlite_settings(tmp_path, admins=frozenset({ADMIN})))
    yield bot
    await bot.stop()


@pytest.fixture
async def small_bot(tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot answering from the small fictional knowledge folder, on a fixed day in March 2026."""
    knowledge = write_small_knowledge(tmp_path / "knowledge")
    bot = await start(sqlite_settings(tmp_path, admins=frozenset({ADMIN}), knowledge_dir=knowledge))
    bot.runtime.clock = lambda: MARCH_2026
    yield bot
    await bot.stop()


def postgres_url() -> str | None:
    """The PostgreSQL to test against; CI sets it and requires it (MEDBOT_REQUIRE_POSTGRES)."""
    return os.environ.get("MEDBOT_TEST_POSTGRES_URL") or None


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[str]:
    """An empty database of this test's own on the PostgreSQL server, dropped afterwards."""
    with fresh_postgres_database(pg_url) as url:
        yield url


@pytest.fixture
def pg_url() -> str:
    """Skip without PostgreSQL locally; fail in CI, where these tests must run."""
    url = postgres_url()
    if url is None:
        if os.environ.get("MEDBOT_REQUIRE_POSTGRES"):
            pytest.fail("MEDBOT_TEST_POSTGRES_URL is not set, but CI requires the PostgreSQL tests")
        pytest.skip("no PostgreSQL: set MEDBOT_TEST_POSTGRES_URL to run this test")
    return url


_RECORDS = question_log.KeepRecords()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Watch every log record of the session for a question a test asked."""
    logging.getLogger().addHandler(_RECORDS)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a log line quoted an employee's question (README: Databehandling)."""
    logging.getLogger().removeHandler(_RECORDS)
    found = question_log.leaks(_RECORDS.lines, question_log.ASKED)
    if found:
        print(f"\n{len(found)} log line(s) quote a question a test asked; questions must never be logged:")
        for line in found[:10]:
            print(f"  {line[:300]}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
