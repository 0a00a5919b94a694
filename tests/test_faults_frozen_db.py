"""PostgreSQL hangs instead of refusing (a frozen host, a network that drops packets, a failover in progress).

Nothing is refused and nothing answers, so only time tells that the database is away: /healthz must say 503
within seconds rather than hang with the database, and 200 again once the database answers. The database sits
behind a relay that can freeze; the shared server itself is not touched.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.engine import make_url

from bot.config import Settings
from storage.db import normalise_url
from tests.support.fake_connector import FakeConnector
from tests.support.faults import FreezingProxy, health, healthy_again
from tests.support.postgres import fresh_postgres_database
from tests.support.service import RunningBot, start

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# Far above the few seconds medbot may take to decide, far below "hangs until TCP gives up" (minutes).
PATIENCE = 30.0


@pytest.fixture
def proxy(pg_url: str) -> Iterator[FreezingProxy]:
    server = make_url(normalise_url(pg_url))
    relay = FreezingProxy((server.host or "127.0.0.1", server.port or 5432))
    yield relay
    relay.close()


@pytest.fixture
async def medbot_behind_proxy(pg_url: str, proxy: FreezingProxy) -> AsyncIterator[RunningBot]:
    with fresh_postgres_database(pg_url, "medbot_faults_frozen") as direct:
        relayed = make_url(direct).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        running = await start(Settings(database_url=relayed), organisation=False)
        try:
            yield running
        finally:
            proxy.thaw()
            await running.stop()


async def test_healthz_says_503_when_postgresql_hangs_and_200_once_it_answers_again(
    medbot_behind_proxy: RunningBot, proxy: FreezingProxy, connector: FakeConnector
) -> None:
    up = await health(medbot_behind_proxy)
    proxy.freeze()
    down = await asyncio.wait_for(health(medbot_behind_proxy), PATIENCE)
    proxy.thaw()
    back = await asyncio.wait_for(healthy_again(medbot_behind_proxy), PATIENCE)

    version = up[1]["knowledge_version"]
    # SQLite is one process, always the evaluator, whether or not its database answers.
    assert up == (200, {"status": "ok", "database": "ok", "knowledge_version": version, "evaluator": True})
    assert down == (
        503,
        {"status": "unavailable", "database": "unreachable", "knowledge_version": version, "evaluator": True},
    )
    assert back == (200, {"status": "ok", "database": "ok", "knowledge_version": version, "evaluator": True})
