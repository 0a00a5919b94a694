"""PostgreSQL goes away under a running medbot: the dispatcher recovers by itself and /healthz tells the truth.

These tests restart or stop the shared PostgreSQL server (Debian's pg_ctlcluster, as root), which briefly breaks
whatever else uses it; `-m "not pg_restart"` leaves them out locally. CI runs them (`make test`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from bot.config import Settings
from bot.outbox import DISPATCHER_KEY, DispatchOptions
from dialogs.texts import INTERNAL_ERROR
from tests.conftest import OUTSIDER
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.faults import (
    PostgresServer,
    all_sent,
    arrivals,
    conversation_ids,
    enqueue_one_each,
    eventually,
    health,
    healthy_again,
    rows,
    store_conversations,
)
from tests.support.postgres import fresh_postgres_database
from tests.support.service import RunningBot, start

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.pg_restart]

MESSAGES = 200
IN_FLIGHT = 8


@pytest.fixture
def server(pg_url: str) -> Iterator[PostgresServer]:
    """The local cluster; started again after the test whatever happened, because other tests need it."""
    cluster = PostgresServer.local(pg_url)
    yield cluster
    cluster.ensure_running()


@pytest.fixture
def database(pg_url: str, server: PostgresServer) -> Iterator[str]:
    with fresh_postgres_database(pg_url, "medbot_faults") as url:
        yield url


@pytest.fixture
async def medbot_pg(database: str) -> AsyncIterator[RunningBot]:
    """medbot on its own PostgreSQL database; a row held by a process that lost the database returns in 2 s."""
    running = await start(Settings(database_url=database), organisation=False)
    running.runner.app[DISPATCHER_KEY].options = DispatchOptions(
        in_flight=IN_FLIGHT,
        poll_seconds=0.1,
        backoff_seconds=0.1,
        max_backoff_seconds=0.5,
        max_attempts=1000,
        lease=DispatchOptions().lease / 30,
    )
    yield running
    await running.stop()


async def answers_a_question(bot: RunningBot, connector: FakeConnector) -> bool:
    """Ask something in a 1:1 chat: True when the user gets an answer card (not the apology for an error)."""
    before = len(connector.messages())
    response = await bot.post(activities.message(activities.personal(connector.url, OUTSIDER), "Hvad er Plan MED?"))
    [reply] = connector.messages()[before:]
    return response.status == 200 and reply.card is not None and reply.text != INTERNAL_ERROR


def in_flight_duplicates_only(connector: FakeConnector, keys: list[str]) -> int:
    """Assert every message arrived, and more than once only within the in-flight window; the duplicates."""
    received = arrivals(connector)
    assert set(received) == set(keys)
    duplicates = sum(count - 1 for count in received.values())
    assert duplicates <= IN_FLIGHT
    return duplicates


def without_evaluator(seen: tuple[int, dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    """/healthz without `evaluator`: whether the lock's own connection has noticed the stop yet depends on a tick."""
    status, body = seen
    return status, {key: value for key, value in body.items() if key != "evaluator"}


async def test_postgresql_restarted_during_a_dispatch_every_message_arrives_and_only_in_flight_ones_twice(
    medbot_pg: RunningBot, connector: FakeConnector, server: PostgresServer
) -> None:
    engine = medbot_pg.runtime.engine
    ids = conversation_ids(MESSAGES)
    store_conversations(engine, connector.url, ids)
    connector.delay = 0.02
    keys = enqueue_one_each(engine, ids)
    assert await eventually(lambda: len(connector.messages()) >= MESSAGES // 5)

    await asyncio.to_thread(server.restart)  # the dispatcher keeps running on the event loop meanwhile
    delivered_before = len(connector.messages())

    assert await eventually(lambda: all_sent(engine, keys), within=90)
    assert delivered_before < MESSAGES  # the restart really fell in the middle of the dispatch
    duplicates = in_flight_duplicates_only(connector, keys)
    final = rows(engine)
    assert all(final[key].attempts >= 2 for key, count in arrivals(connector).items() if count > 1)
    assert duplicates <= sum(1 for row in final.values() if row.attempts >= 2)
    assert await answers_a_question(medbot_pg, connector)


async def test_healthz_says_503_while_postgresql_is_stopped_and_200_again_after_it_is_back_without_a_restart(
    medbot_pg: RunningBot, connector: FakeConnector, server: PostgresServer
) -> None:
    engine = medbot_pg.runtime.engine
    ids = conversation_ids(MESSAGES)
    store_conversations(engine, connector.url, ids)
    connector.delay = 0.02
    keys = enqueue_one_each(engine, ids)
    assert await eventually(lambda: len(connector.messages()) >= MESSAGES // 5)
    up = await health(medbot_pg)

    await asyncio.to_thread(server.stop)
    try:
        down = await health(medbot_pg)
    finally:
        await asyncio.to_thread(server.start)
    back = await healthy_again(medbot_pg)

    version = up[1]["knowledge_version"]
    up, down, back = (without_evaluator(seen) for seen in (up, down, back))
    assert up == (200, {"status": "ok", "database": "ok", "knowledge_version": version})
    assert down == (503, {"status": "unavailable", "database": "unreachable", "knowledge_version": version})
    assert back == (200, {"status": "ok", "database": "ok", "knowledge_version": version})
    assert await eventually(lambda: all_sent(engine, keys), within=90)
    in_flight_duplicates_only(connector, keys)
    assert await answers_a_question(medbot_pg, connector)
