"""Each due reminder reaches the fake connector exactly once: across evaluations, replicas, restarts and downtime."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import yaml
from aiohttp import web
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.config import DEFAULT_CONFIG_DIR, Settings
from bot.outbox import DISPATCHER_KEY
from bot.scheduler import SCHEDULER_KEY, Scheduler
from bot.service import build
from dialogs.organisation import parse_organisation
from dialogs.reminders import add_months, load_rules
from dialogs.workdays import is_working_day
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.org import import_organisation, link_channel
from storage.outbox import OutboxMessage
from tests.conftest import OES_SECRETARY
from tests.support import activities
from tests.support.fake_connector import FakeConnector
from tests.support.knowledge import write_small_knowledge
from tests.support.processes import ServeProcess, start_medbot, start_serve
from tests.support.service import RunningBot, import_example_organisation, sqlite_settings

TZ = ZoneInfo("Europe/Copenhagen")
IT_SECRETARY = "00000000-0000-4000-8000-000000000032"
SICKNESS = "Halvårlig drøftelse af sygefravær"
VIOLENCE = "Årlig drøftelse af retningslinjen om vold og trusler"
COMMITTEES = 200


@dataclass
class Clock:
    """The time the dialogs, the scheduler and the dispatcher see; the test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now


def reminders_received(connector: FakeConnector) -> Counter[tuple[str, str]]:
    """(conversation, reminder title) → how many times it arrived."""
    return Counter(
        (m.conversation_id, str(m.card["body"][0]["text"]))
        for m in connector.messages()
        if m.card and "reminder.done" in str(m.card)
    )


def reminder_rows(engine: Engine) -> list[OutboxMessage]:
    """Every reminder row in the outbox."""
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith("reminder:"))))


async def outbox_settled(engine: Engine, rows: int, within: float = 120.0) -> list[OutboxMessage]:
    """Wait until `rows` reminder rows exist and none is pending or being sent; returns them."""
    deadline = time.monotonic() + within
    while True:
        found = await asyncio.to_thread(reminder_rows, engine)
        settled = len(found) >= rows and all(r.status in ("sent", "failed") for r in found)
        if settled or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.1)


# ---------------------------------------------------------------------------------------------------------------
# Downtime: one process on SQLite, its clock moved across two due dates while it is down


async def start_at(settings: Settings, clock: Clock) -> RunningBot:
    """medbot with the example organisation, whose dialogs, scheduler and dispatcher all read `clock`."""
    app, runtime = build(settings)
    runtime.clock = clock
    app[DISPATCHER_KEY].clock = clock
    import_example_organisation(runtime)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return RunningBot(url=f"http://127.0.0.1:{port}", runtime=runtime, runner=runner, http=aiohttp.ClientSession())


def scheduler_of(bot: RunningBot) -> Scheduler:
    """The running bot's scheduler, to tick it as the interval job would."""
    return bot.runner.app[SCHEDULER_KEY]


async def test_service_down_over_two_due_dates_sends_each_missed_reminder_once_on_start(
    tmp_path: Path, connector: FakeConnector
) -> None:
    settings = sqlite_settings(tmp_path)
    # Monday 1 February 2027, 09:30: IT's sickness discussion (due 12 November 2026) is long overdue.
    clock = Clock(datetime(2027, 2, 1, 8, 30, tzinfo=UTC))
    bot = await start_at(settings, clock)
    try:
        for secretary in (OES_SECRETARY, IT_SECRETARY):
            await bot.post(activities.installed(activities.personal(connector.url, secretary)))
        clock.now += timedelta(minutes=5)
        await scheduler_of(bot).tick()
        await connector.wait_for(3)
        await outbox_settled(bot.runtime.engine, 1)
    finally:
        await bot.stop()
    assert reminders_received(connector) == {(f"a:personal-{IT_SECRETARY}", SICKNESS): 1}

    # Down until Thursday 11 March 2027, 09:30: ØS's review fell due 25 February, IT's on 10 March.
    clock.now = datetime(2027, 3, 11, 8, 30, tzinfo=UTC)
    bot = await start_at(settings, clock)
    try:
        for _ in range(3):
            clock.now += timedelta(minutes=5)
            await scheduler_of(bot).tick()
        await connector.wait_for(5)
        rows = await outbox_settled(bot.runtime.engine, 3)
    finally:
        await bot.stop()
    assert reminders_received(connector) == {
        (f"a:personal-{IT_SECRETARY}", SICKNESS): 1,
        (f"a:personal-{OES_SECRETARY}", VIOLENCE): 1,
        (f"a:personal-{IT_SECRETARY}", VIOLENCE): 1,
    }
    assert sorted(r.dedupe_key for r in rows) == [
        "reminder:sygefravaer:arbejdspladsmed-it:2026-11-12:followup-3",
        "reminder:vold-og-trusler:afdelingsmed-oes:2027-02-25:followup-2",
        "reminder:vold-og-trusler:arbejdspladsmed-it:2027-03-10:due",
    ]


async def test_scheduler_does_nothing_in_the_hour_daylight_saving_time_repeats(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # 02:30 CET, the second 02:30 that night
    bot = await start_at(sqlite_settings(tmp_path), clock)
    try:
        assert await scheduler_of(bot).tick() is None
        clock.now = datetime(2026, 10, 25, 2, 0, tzinfo=UTC)  # 03:00 CET
        assert await scheduler_of(bot).tick() is not None
    finally:
        await bot.stop()


# ---------------------------------------------------------------------------------------------------------------
# Exactly-once: real `medbot serve` processes and concurrent `medbot reminders run`, 200 committees


@dataclass(frozen=True)
class Organisation:
    """A generated organisation and the reminders an evaluation at `moment` must deliver."""

    path: Path
    moment: datetime
    expected: frozenset[tuple[str, str]]  # (conversation, reminder title)
    personal: tuple[str, ...]  # secretaries' Entra ids with the app
    channels: dict[str, str]  # committee → linked channel
    unreachable: str  # a committee with neither


def last_working_day_before(day: date) -> date:
    """The working day before `day` (the test's moment lies in the past, so the dispatchers send at once)."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def generate_organisation(folder: Path, count: int = COMMITTEES) -> Organisation:
    """`count` committees of every kind; most are overdue, some discussed recently, some reached by channel.

    Overdue ones last discussed so long ago that every stage has passed: the newest stage is the same at the
    test's moment (the last working day, 09:30) and at the real time the serve processes' own ticks see.
    """
    rules = load_rules(DEFAULT_CONFIG_DIR)
    day = last_working_day_before(datetime.now(TZ).date())
    moment = datetime(day.year, day.month, day.day, 9, 30, tzinfo=TZ)
    kinds = ["ArbejdspladsMED", "AfdelingsMED", "personalemøde med MED-status", "ArbejdspladsMED"]
    people: list[dict[str, Any]] = []
    committees: list[dict[str, Any]] = [{"id": "kommunemed", "name": "KommuneMED", "kind": "KommuneMED"}]
    expected: set[tuple[str, str]] = set()
    personal: list[str] = []
    channels: dict[str, str] = {}
    for n in range(1, count):
        cid, aad, kind = f"udvalg-{n:03d}", f"00000000-0000-4000-9000-{n:012d}", kinds[n % 4]
        people.append({"id": f"s{n:03d}", "name": f"Sekretær {n:03d} Fiktivsen", "aad_object_id": aad})
        discussed: dict[str, date] = {}
        recipient = ""
        if n == count - 1:
            unreachable = cid
        elif n % 10 == 0:
            recipient = channels[cid] = f"19:kanal-{n:03d}@thread.tacv2"
        else:
            recipient = f"a:personal-{aad}"
            personal.append(aad)
        for rule, recent in ((rules.get("sygefravaer"), n % 7 == 0), (rules.get("vold-og-trusler"), n % 5 == 0)):
            assert rule is not None
            if not rule.applies(kind):
                continue
            if recent:
                discussed[rule.id] = day - timedelta(days=10)
            else:
                discussed[rule.id] = add_months(day - timedelta(days=60), -rule.interval_months)
                if recipient:
                    expected.add((recipient, rule.title))
        committees.append(
            {
                "id": cid,
                "name": f"{kind} Udvalg {n:03d}",
                "kind": kind,
                "department": f"Afdeling {n % 8}",
                "discussed": discussed,
                "members": [{"person": f"s{n:03d}", "role": "secretary"}],
            }
        )
    path = folder / "organisation-200.yaml"
    path.write_text(yaml.safe_dump({"committees": committees, "people": people}, allow_unicode=True), "utf-8")
    return Organisation(path, moment, frozenset(expected), tuple(personal), channels, unreachable)


def arrange(engine: Engine, organisation: Organisation, connector: FakeConnector) -> None:
    """Import the organisation; secretaries with the app have a 1:1 chat, every tenth committee a linked channel."""
    with session_scope(engine) as session:
        import_organisation(session, parse_organisation(organisation.path), organisation.moment)
        session.add_all(
            Conversation(
                id=f"a:personal-{aad}",
                kind="personal",
                service_url=connector.url,
                tenant_id=activities.TENANT,
                bot_id=activities.BOT_ID,
                user_id=f"29:{aad}",
                user_aad_id=aad,
                updated_at=organisation.moment,
            )
            for aad in organisation.personal
        )
        session.add_all(
            Conversation(
                id=channel,
                kind="channel",
                service_url=connector.url,
                tenant_id=activities.TENANT,
                updated_at=organisation.moment,
            )
            for channel in organisation.channels.values()
        )
        session.flush()
        for committee_id, channel in organisation.channels.items():
            link_channel(session, committee_id, channel)


async def reminders_run(database_url: str, moment: datetime) -> str:
    """`medbot reminders run --now MOMENT` as its own process; returns what it printed."""
    process = await start_medbot(
        *("reminders", "run", "--now", moment.isoformat()),
        database_url=database_url,
        env={"MEDBOT_LOG_LEVEL": "WARNING"},
    )
    output, errors = await process.communicate()
    assert process.returncode == 0, errors.decode()
    return output.decode()


async def serve_all(database_url: str, replicas: int, folder: Path, phase: str) -> list[ServeProcess]:
    """Start `replicas` serve processes side by side (on a small knowledge folder: reminders need none)."""
    knowledge = {"MEDBOT_KNOWLEDGE_DIR": str(write_small_knowledge(folder / f"knowledge-{phase}"))}
    return list(
        await asyncio.gather(
            *(start_serve(database_url, folder / f"serve-{phase}-{n}.log", env=knowledge) for n in range(replicas))
        )
    )


async def exactly_once_across_replicas_and_a_restart(
    database_url: str, replicas: int, folder: Path, connector: FakeConnector
) -> None:
    organisation = generate_organisation(folder)
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        arrange(engine, organisation, connector)
        expected = Counter(dict.fromkeys(organisation.expected, 1))

        running = await serve_all(database_url, replicas, folder, "first")
        try:
            outputs = await asyncio.gather(*(reminders_run(database_url, organisation.moment) for _ in range(2)))
            await connector.wait_for(len(expected), within=120)
            rows = await outbox_settled(engine, len(expected))
        finally:
            await asyncio.gather(*(replica.stop() for replica in running))
        assert all(organisation.unreachable in output for output in outputs)
        assert Counter(r.status for r in rows) == Counter({"sent": len(expected)})
        assert reminders_received(connector) == expected

        running = await serve_all(database_url, replicas, folder, "restart")
        try:
            await asyncio.gather(*(reminders_run(database_url, organisation.moment) for _ in range(2)))
            rows = await outbox_settled(engine, len(expected))
        finally:
            await asyncio.gather(*(replica.stop() for replica in running))
        assert Counter(r.status for r in rows) == Counter({"sent": len(expected)})
        assert reminders_received(connector) == expected
    finally:
        engine.dispose()


@pytest.mark.slow
async def test_one_sqlite_process_delivers_each_reminder_once_across_a_restart(
    tmp_path: Path, connector: FakeConnector
) -> None:
    await exactly_once_across_replicas_and_a_restart(f"sqlite:///{tmp_path / 'medbot.db'}", 1, tmp_path, connector)


@pytest.mark.postgres
@pytest.mark.slow
async def test_two_serve_processes_on_postgres_deliver_each_reminder_to_200_committees_once(
    pg_database: str, tmp_path: Path, connector: FakeConnector
) -> None:
    await exactly_once_across_replicas_and_a_restart(pg_database, 2, tmp_path, connector)
