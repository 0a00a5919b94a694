"""The Bot Connector fails (refuses connections, hangs, answers 500): messages wait, retry, and arrive once.

medbot runs for real on loopback with the outbox dispatcher in the background; only its waits are shortened
(backoff, poll, send timeout), so each scenario runs in seconds. Nobody nudges the dispatcher: when the
connector comes back, delivery resumes by itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.cli import main as medbot
from bot.outbox import DISPATCHER_KEY, DispatchOptions
from tests.conftest import OUTSIDER
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.faults import (
    all_sent,
    arrivals,
    conversation_ids,
    enqueue_one_each,
    eventually,
    rows,
    store_conversations,
)
from tests.support.service import RunningBot, sqlite_settings, start

SEND_TIMEOUT = 0.5


@pytest.fixture
async def medbot_fast(tmp_path: Path) -> AsyncIterator[RunningBot]:
    """medbot whose dispatcher retries within fractions of a second and gives up on a send after 0.5 s."""
    running = await start(sqlite_settings(tmp_path), organisation=False)
    running.runner.app[DISPATCHER_KEY].options = DispatchOptions(
        poll_seconds=0.1,
        backoff_seconds=0.1,
        max_backoff_seconds=0.4,
        max_attempts=1000,
        send_timeout_seconds=SEND_TIMEOUT,
    )
    yield running
    await running.stop()


def port_of(connector: FakeConnector) -> int:
    return int(connector.url.rstrip("/").rsplit(":", 1)[1])


async def test_messages_queued_while_the_connector_refuses_connections_arrive_once_when_it_is_back(
    medbot_fast: RunningBot, connector: FakeConnector
) -> None:
    engine = medbot_fast.runtime.engine
    dispatcher = medbot_fast.runner.app[DISPATCHER_KEY]
    # a refused connection fails at once: a 0.5 s send timeout on a busy machine must not race it and be recorded
    dispatcher.options = dataclasses.replace(dispatcher.options, send_timeout_seconds=10.0)
    ids = conversation_ids(10)
    store_conversations(engine, connector.url, ids)
    await connector.stop()  # connection refused from now on
    keys = enqueue_one_each(engine, ids)

    def retried_while_down() -> bool:
        found = rows(engine)
        return all(found[key].status == "pending" and found[key].attempts >= 2 for key in keys)

    assert await eventually(retried_while_down)
    waiting = rows(engine)
    await connector.start(port_of(connector))
    assert await eventually(lambda: all_sent(engine, keys))

    assert {waiting[key].last_error for key in keys} == {"ClientRequestError: the connector could not be reached"}
    assert arrivals(connector) == Counter({key: 1 for key in keys})


async def test_messages_whose_send_times_out_are_retried_and_arrive_again_only_if_a_timed_out_try_got_through(
    medbot_fast: RunningBot, connector: FakeConnector
) -> None:
    engine = medbot_fast.runtime.engine
    ids = conversation_ids(5)
    store_conversations(engine, connector.url, ids)
    connector.delay = 4 * SEND_TIMEOUT  # every request hangs far longer than the dispatcher waits
    keys = enqueue_one_each(engine, ids)

    def timed_out() -> bool:
        found = rows(engine)
        return all(found[key].last_error.startswith("timeout") for key in keys)

    assert await eventually(timed_out)
    connector.delay = 0.0
    assert await eventually(lambda: all_sent(engine, keys))
    # The connector finishes the hung requests after its delay: Teams may post a message whose send timed out.
    late = len(connector.recorded) + sum(rows(engine)[key].attempts - 1 for key in keys)
    assert await eventually(lambda: len(connector.recorded) >= late, within=4 * SEND_TIMEOUT + 5)

    final = rows(engine)
    received = arrivals(connector)
    assert set(received) == set(keys)
    for key in keys:
        # Only attempts that timed out (all but the last) may have reached Teams as well.
        assert 1 <= received[key] <= final[key].attempts
        assert final[key].attempts >= 2


async def test_connector_answering_500_is_retried_a_message_that_never_gets_through_fails_and_the_operator_resends_it(
    medbot_fast: RunningBot,
    connector: FakeConnector,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = medbot_fast.runtime.engine
    medbot_fast.runner.app[DISPATCHER_KEY].options = DispatchOptions(
        poll_seconds=0.1, backoff_seconds=0.1, max_backoff_seconds=0.4, max_attempts=4
    )
    ids = conversation_ids(6)
    broken = ids[0]
    store_conversations(engine, connector.url, ids)
    tries: Counter[str] = Counter()
    recovered = False

    def flaky(request: web.Request, _call: int) -> web.Response | None:
        """Two 500s for every conversation, and 500s for `broken` until the connector recovers."""
        conversation = request.match_info["conversation"]
        tries[conversation] += 1
        if tries[conversation] <= 2 or (conversation == broken and not recovered):
            return web.json_response({"error": {"code": "ServiceError"}}, status=500)
        return None

    connector.fault = flaky
    keys = enqueue_one_each(engine, ids)
    [broken_key, *healthy] = keys

    assert await eventually(lambda: all_sent(engine, healthy) and rows(engine)[broken_key].status == "failed")
    monkeypatch.setenv("DATABASE_URL", medbot_fast.runtime.settings.database_url)
    medbot(["outbox", "list", "--failed", "--json"])
    [listed] = json.loads(capsys.readouterr().out)
    recovered = True
    exit_code = medbot(["outbox", "retry", str(listed["id"])])
    assert await eventually(lambda: all_sent(engine, keys))

    assert listed["dedupe_key"] == broken_key
    assert listed["attempts"] == 4 and listed["last_error"].startswith("gave up after 4 attempts: HTTP 500")
    assert exit_code == 0
    assert arrivals(connector) == Counter({key: 1 for key in keys})
    assert {key: row.attempts for key, row in rows(engine).items() if key in healthy} == {key: 3 for key in healthy}


class BlackHole:
    """A connector region that accepts connections and never answers: sends hang until the client gives up."""

    def __init__(self) -> None:
        self.connections = 0
        self.url = ""
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []
        self._closed = asyncio.Event()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._swallow, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/"

    async def _swallow(self, _reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        await self._closed.wait()

    async def stop(self) -> None:
        """Cut every connection at once, so the threads still waiting are freed."""
        self._closed.set()
        for writer in self._writers:
            writer.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


async def test_connector_hanging_for_proactive_messages_does_not_stop_answers_to_users_or_healthz(
    medbot_fast: RunningBot, connector: FakeConnector
) -> None:
    engine = medbot_fast.runtime.engine
    # More hanging sends than Python's default executor has threads on any machine (at most 32).
    in_flight = 40
    medbot_fast.runner.app[DISPATCHER_KEY].options = DispatchOptions(in_flight=in_flight, send_timeout_seconds=60.0)
    hanging = BlackHole()  # one region of the connector hangs; the users' region answers
    await hanging.start()
    try:
        ids = conversation_ids(in_flight, prefix="hanging")
        store_conversations(engine, hanging.url, ids)
        keys = enqueue_one_each(engine, ids)
        assert await eventually(lambda: hanging.connections >= in_flight)

        health = await asyncio.wait_for(medbot_fast.http.get(f"{medbot_fast.url}/healthz"), 10)
        question = activities.message(activities.personal(connector.url, OUTSIDER), "Hvad er Plan MED?")
        answered = await asyncio.wait_for(medbot_fast.post(question), 10)
        waiting = [row for key, row in rows(engine).items() if key in keys]
    finally:
        await hanging.stop()

    assert health.status == 200 and answered.status == 200
    assert len(connector.messages()) == 1
    # Answered while the proactive sends still hang on their first try: nobody had to give up on them first.
    assert [(row.attempts, row.last_error) for row in waiting if row.status == "sending"] == [(1, "")] * in_flight
