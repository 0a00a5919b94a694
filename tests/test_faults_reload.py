"""A knowledge reload killed half-way (SIGKILL): afterwards the database and the served version agree.

A reload builds the new index, then records the version in the database, then swaps. The tests stop it for sure
in the middle: they lock the version table, wait until PostgreSQL shows the reload's INSERT waiting for that
lock, and kill the process there. After a restart the service must serve exactly the version the database names
(old or new, never one while the record says the other), /healthz must report it, and answers must come from it.

SIGKILL during dispatch is covered by tests/test_outbox_restart.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from bot.knowledge_holder import build_from
from storage.db import make_engine, normalise_url, upgrade
from tests.conftest import ADMIN, OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.faults import eventually, knowledge_env, recorded_version
from tests.support.knowledge import write_small_knowledge
from tests.support.postgres import fresh_postgres_database
from tests.support.processes import ServeProcess, start_medbot, start_serve

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

OLD_ANSWER = "bag bygning B."
NEW_ANSWER = "bag bygning C."


@pytest.fixture
def database(pg_url: str) -> Iterator[str]:
    with fresh_postgres_database(pg_url, "medbot_faults_reload") as url:
        upgrade(url)
        yield url


@pytest.fixture
def engine(database: str) -> Iterator[Engine]:
    engine = make_engine(database)
    yield engine
    engine.dispose()


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return write_small_knowledge(tmp_path / "knowledge")


@pytest.fixture
async def servers() -> AsyncIterator[list[ServeProcess]]:
    """Every `medbot serve` a test starts; killed at the end whatever happened."""
    started: list[ServeProcess] = []
    yield started
    for server in started:
        await server.kill()


def move_the_parking(knowledge: Path) -> str:
    """Edit the content as an editor would (the parking moves to building C); the version it builds to."""
    path = knowledge / "content" / "praktisk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(OLD_ANSWER, NEW_ANSWER), encoding="utf-8")
    return build_from(knowledge).version


@contextmanager
def version_table_locked(database: str) -> Iterator[None]:
    """Nobody can record a knowledge version while this lasts (reads still work)."""
    locker = create_engine(normalise_url(database))
    try:
        with locker.connect() as connection:
            connection.execute(text("LOCK TABLE knowledge_version IN EXCLUSIVE MODE"))
            yield
            connection.rollback()
    finally:
        locker.dispose()


def reload_waiting_to_record(database: str) -> bool:
    """True when some connection's INSERT of a knowledge version waits for the lock: the reload is half done."""
    observer = create_engine(normalise_url(database))
    try:
        with observer.connect() as connection:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = :name AND wait_event_type = 'Lock'"
                    " AND query ILIKE 'INSERT INTO knowledge_version%'"
                ),
                {"name": make_url(database).database},
            ).scalar_one()
            return bool(waiting)
    finally:
        observer.dispose()


async def ask(server: ServeProcess, connector: FakeConnector, user: str, words: str) -> str:
    """Post a message as `user` in a 1:1 chat; everything the bot answered, as text."""
    before = len(connector.messages())
    activity = activities.message(activities.personal(connector.url, user), words)
    async with aiohttp.ClientSession() as http, http.post(f"{server.url}/api/messages", json=activity) as response:
        await response.read()
    return json.dumps([reply.activity for reply in connector.messages()[before:]], ensure_ascii=False)


async def served_version(server: ServeProcess) -> str:
    status, body = await server.health()
    assert status == 200
    return str(body["knowledge_version"])


async def assert_consistent_after_restart(
    database: str,
    engine: Engine,
    knowledge: Path,
    connector: FakeConnector,
    tmp_path: Path,
    started: list[ServeProcess],
) -> str:
    """Start medbot again: the version it serves is the recorded one, and its answers come from that version."""
    restarted = await start_serve(database, tmp_path / "restarted.log", env=knowledge_env(knowledge))
    started.append(restarted)
    served = await served_version(restarted)
    answer = await ask(restarted, connector, OES_SECRETARY, "Hvor må jeg parkere ved rådhuset?")
    assert served == recorded_version(engine)
    assert (NEW_ANSWER in answer) == (served == build_from(knowledge).version)
    assert (OLD_ANSWER in answer) != (NEW_ANSWER in answer)
    return served


async def test_kb_reload_killed_while_recording_the_version_leaves_one_consistent_version_after_a_restart(
    database: str,
    engine: Engine,
    knowledge: Path,
    connector: FakeConnector,
    tmp_path: Path,
    servers: list[ServeProcess],
) -> None:
    env = knowledge_env(knowledge)
    running = await start_serve(database, tmp_path / "running.log", env=env)
    servers.append(running)
    old = await served_version(running)
    new = move_the_parking(knowledge)

    with version_table_locked(database):
        reload = await start_medbot("kb", "reload", database_url=database, env=env)
        assert await eventually(lambda: reload_waiting_to_record(database))
        reload.kill()
        await reload.communicate()
    still_serving = await served_version(running)
    await running.kill()

    served = await assert_consistent_after_restart(database, engine, knowledge, connector, tmp_path, servers)
    assert (reload.returncode, still_serving) == (-9, old)
    assert served in (old, new)


async def test_service_killed_during_genindlaes_serves_the_version_the_database_records_after_a_restart(
    database: str,
    engine: Engine,
    knowledge: Path,
    connector: FakeConnector,
    tmp_path: Path,
    servers: list[ServeProcess],
) -> None:
    running = await start_serve(database, tmp_path / "running.log", env=knowledge_env(knowledge, admins=ADMIN))
    servers.append(running)
    old = await served_version(running)
    new = move_the_parking(knowledge)

    with version_table_locked(database):
        reloading = running.process
        genindlaes = asyncio.create_task(ask(running, connector, ADMIN, "genindlæs"))
        assert await eventually(lambda: reload_waiting_to_record(database))
        await running.kill()
        with pytest.raises(aiohttp.ClientError):
            await genindlaes

    served = await assert_consistent_after_restart(database, engine, knowledge, connector, tmp_path, servers)
    assert reloading.returncode == -9
    assert served in (old, new)
