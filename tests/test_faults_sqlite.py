"""SQLite busy: the CLI and the server write to one database file at the same time.

While medbot answers questions (each one writes: the conversation, the anonymous count of unanswered questions)
and its dispatcher marks outbox rows sent, `medbot org import` and `medbot kb reload` run again and again in
other processes. SQLite lets one writer in at a time; everybody else must wait their turn (busy timeout), not
fail: no error reaches a user, and no write is lost.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func
from sqlmodel import Session, select

from bot.anonymous import flush_now
from bot.config import PROJECT_ROOT
from bot.outbox import DISPATCHER_KEY, DispatchOptions
from dialogs.texts import INTERNAL_ERROR
from storage.conversations import Conversation
from storage.knowledge import UnansweredQuestion
from storage.org import Committee
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.faults import (
    all_sent,
    arrivals,
    conversation_ids,
    enqueue_one_each,
    eventually,
    knowledge_env,
    store_conversations,
    versions,
)
from tests.support.knowledge import write_small_knowledge
from tests.support.processes import start_medbot
from tests.support.service import RunningBot, sqlite_settings, start

pytestmark = pytest.mark.slow

ROUNDS = 2  # of each CLI command
USERS_PER_WORKER = 8
EXTRA_COMMITTEE = "arbejdspladsmed-faults"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return write_small_knowledge(tmp_path / "knowledge")


@pytest.fixture
async def medbot_sqlite(tmp_path: Path, knowledge: Path) -> AsyncIterator[RunningBot]:
    running = await start(sqlite_settings(tmp_path, knowledge_dir=knowledge))
    running.runner.app[DISPATCHER_KEY].options = DispatchOptions(poll_seconds=0.1)
    yield running
    await running.stop()


def organisation_files(folder: Path) -> list[Path]:
    """The example organisation, and the same with one more committee: every import changes something."""
    example = PROJECT_ROOT / "config" / "organisation.yaml"
    data: dict[str, Any] = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["committees"].append(
        {
            "id": EXTRA_COMMITTEE,
            "name": "ArbejdspladsMED Fejltest",
            "kind": "ArbejdspladsMED",
            "department": "Økonomi & Stab",
            "parent": "afdelingsmed-oes",
            "members": [{"person": "p06", "role": "secretary"}],
        }
    )
    extended = folder / "organisation-extended.yaml"
    extended.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [example, extended]


def toggle_parking(knowledge: Path) -> None:
    """Switch the parking answer between building B and C, so each reload activates a new version."""
    path = knowledge / "content" / "praktisk.yaml"
    content = path.read_text(encoding="utf-8")
    if "bygning B." in content:
        path.write_text(content.replace("bygning B.", "bygning C."), encoding="utf-8")
    else:
        path.write_text(content.replace("bygning C.", "bygning B."), encoding="utf-8")


async def medbot_cli(*args: str, database_url: str, env: dict[str, str]) -> tuple[int, str]:
    """Run one `medbot` command to the end: its exit code and everything it printed."""
    process = await start_medbot(*args, database_url=database_url, env=env)
    out, err = await process.communicate()
    return int(process.returncode or 0), (out + err).decode()


async def test_cli_imports_and_reloads_while_the_server_answers_and_dispatches_lose_no_write_and_show_no_error(
    medbot_sqlite: RunningBot,
    connector: FakeConnector,
    knowledge: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine = medbot_sqlite.runtime.engine
    database_url = medbot_sqlite.runtime.settings.database_url
    env = knowledge_env(knowledge)
    files = organisation_files(tmp_path)
    cli_done = asyncio.Event()
    commands: list[tuple[int, str]] = []
    replies: list[tuple[int, str]] = []
    unknown_asked = 0
    asked_by: set[str] = set()
    queued: list[str] = []

    async def import_again_and_again() -> None:
        for round_ in range(ROUNDS):
            file = str(files[round_ % 2])
            commands.append(await medbot_cli("org", "import", file, database_url=database_url, env=env))

    async def reload_again_and_again() -> None:
        for _ in range(ROUNDS):
            toggle_parking(knowledge)
            commands.append(await medbot_cli("kb", "reload", database_url=database_url, env=env))

    async def ask_again_and_again(worker: int) -> None:
        nonlocal unknown_asked
        for n in itertools.count():
            if cli_done.is_set():
                return
            user = f"00000000-0000-4000-9000-{worker:04d}{n % USERS_PER_WORKER:08d}"  # one worker per user
            if n % 2:
                words = f"kvantespring xylofon {worker} {n}"
                unknown_asked += 1
            else:
                words = "Hvor må jeg parkere ved rådhuset?"
            asked_by.add(f"a:personal-{user}")
            before = len(connector.messages(f"a:personal-{user}"))
            response = await medbot_sqlite.post(activities.message(activities.personal(connector.url, user), words))
            [reply] = connector.messages(f"a:personal-{user}")[before:]
            replies.append((response.status, reply.text))

    async def queue_proactive_messages() -> None:
        for batch in itertools.count():
            if cli_done.is_set():
                return
            ids = conversation_ids(5, prefix=f"busy-{batch}")
            await asyncio.to_thread(store_conversations, engine, connector.url, ids)
            queued.extend(await asyncio.to_thread(enqueue_one_each, engine, ids))
            await asyncio.sleep(0.2)

    async def cli_loops() -> None:
        await asyncio.gather(import_again_and_again(), reload_again_and_again())
        cli_done.set()

    with caplog.at_level(logging.WARNING):
        await asyncio.gather(
            cli_loops(), queue_proactive_messages(), *(ask_again_and_again(worker) for worker in range(4))
        )
        assert await eventually(lambda: all_sent(engine, queued))
        last = versions(engine)[-1]
        assert await eventually(lambda: medbot_sqlite.runtime.knowledge.version == last, within=15)

    assert [code for code, _ in commands] == [0] * (2 * ROUNDS), [output for _, output in commands]
    assert sum("Vidensbasen er genindlæst" in output for _, output in commands) == ROUNDS
    assert len(versions(engine)) == 1 + ROUNDS
    assert replies and {status for status, _ in replies} == {200}
    assert INTERNAL_ERROR not in {text for _, text in replies}
    received = arrivals(connector)
    assert [received[key] for key in queued] == [1] * len(queued)
    await flush_now(medbot_sqlite.runtime.anonymous)  # the counts are written in batches of their own
    with Session(engine) as session:
        counted = session.exec(select(func.sum(UnansweredQuestion.count))).one()
        stored = set(session.exec(select(Conversation.id)))
        extra = session.get(Committee, EXTRA_COMMITTEE)
    assert counted == unknown_asked
    assert asked_by <= stored
    extended_last = (ROUNDS - 1) % 2 == 1
    assert extra is not None and extra.active == extended_last
    messages = [record.getMessage() for record in caplog.records]
    assert [m for m in messages if "locked" in m or "OperationalError" in m] == []
