"""Two `medbot serve` replicas on one PostgreSQL database: one drains on SIGTERM, the evaluator dies of SIGKILL.

(a) A replica told to stop while both dispatch a few hundred messages stops claiming, lets its sends finish, hands
back what it held and exits 0 within MEDBOT_DRAIN_SECONDS; the other delivers the rest: every message exactly once.
(b) Only one replica evaluates reminders (the holder of the advisory lock); killed outright, it is replaced within
one MEDBOT_EVALUATE_SECONDS interval, and a reminder that falls due then goes out once, on time.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.config import DEFAULT_CONFIG_DIR, PROJECT_ROOT
from bot.scheduler import EVALUATOR_LOCK
from dialogs.organisation import parse_organisation
from dialogs.reminders import add_months, load_rules
from dialogs.workdays import is_working_day
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.org import import_organisation
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
from tests.support.knowledge import write_small_knowledge
from tests.support.processes import ServeProcess, start_serve

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

TZ = ZoneInfo("Europe/Copenhagen")
MESSAGES = 300
DRAIN_SECONDS = 5
EVALUATE_SECONDS = 2
SECRETARY = "00000000-0000-4000-9000-000000000001"


@pytest.fixture
async def engine(pg_database: str) -> AsyncIterator[Engine]:
    """The migrated test database, as the test itself reads and writes it."""
    upgrade(pg_database)
    created = make_engine(pg_database)
    yield created
    created.dispose()


async def serve(database_url: str, folder: Path, name: str, env: dict[str, str] | None = None) -> ServeProcess:
    """One replica on a small knowledge folder (every replica needs the same files)."""
    knowledge = folder / "knowledge"
    if not knowledge.exists():
        write_small_knowledge(knowledge)
    return await start_serve(
        database_url, folder / f"{name}.log", env={"MEDBOT_KNOWLEDGE_DIR": str(knowledge), **(env or {})}
    )


def worker_pid(claimed_by: str | None) -> int:
    """The process id inside a row's claim (`host:pid:random`)."""
    return int((claimed_by or "::").split(":")[1] or 0)


def logged(replica: ServeProcess, event: str) -> list[dict[str, str]]:
    """The `key=value` fields of every log line of `event` the replica wrote."""
    lines = replica.log_path.read_text(encoding="utf-8").splitlines()
    return [dict(re.findall(r"(\w+)=(\S+)", line)) for line in lines if f" {event} " in f"{line} "]


# --- (a) SIGTERM mid-dispatch ----------------------------------------------------------------------------------


async def test_replica_stopped_mid_dispatch_drains_in_time_and_every_message_arrives_exactly_once(
    pg_database: str, engine: Engine, connector: FakeConnector, tmp_path: Path
) -> None:
    ids = conversation_ids(MESSAGES, "replica")
    store_conversations(engine, connector.url, ids)
    connector.delay = 0.2  # every send takes a while, so each replica always has sends in flight
    drain = {"MEDBOT_DRAIN_SECONDS": str(DRAIN_SECONDS)}
    stopped, survivor = await asyncio.gather(
        serve(pg_database, tmp_path, "stopped", drain), serve(pg_database, tmp_path, "survivor", drain)
    )
    try:
        keys = enqueue_one_each(engine, ids, "replica")
        assert await eventually(
            lambda: (
                sum(worker_pid(r.claimed_by) == stopped.pid for r in rows(engine).values() if r.status == "sent") >= 10
            ),
            within=30,
            every=0.5,  # reading the rows blocks this event loop, and the fake connector runs on it
        )
        began = time.monotonic()
        stopped.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(stopped.process.wait(), timeout=DRAIN_SECONDS + 15)
        took = time.monotonic() - began
        delivered_at_stop = len(connector.messages())
        assert await eventually(lambda: all_sent(engine, keys), within=60, every=0.5)
    finally:
        await asyncio.gather(stopped.stop(), survivor.stop())

    [draining] = logged(stopped, "service.draining")
    [drained] = logged(stopped, "service.drained")
    final = rows(engine)
    assert code == 0
    assert took < DRAIN_SECONDS + 3
    assert int(draining["sends_in_flight"]) > 0, "the stop did not come mid-dispatch"
    assert delivered_at_stop < MESSAGES
    assert drained["sends_cut_off"] == "0"
    assert arrivals(connector) == Counter(dict.fromkeys(keys, 1))
    # Rows the stopped replica held but had not sent went back without counting an attempt.
    assert {row.attempts for row in final.values()} == {1}
    senders = Counter(worker_pid(row.claimed_by) for row in final.values())
    assert set(senders) == {stopped.pid, survivor.pid}


# --- (b) SIGKILL the evaluator ----------------------------------------------------------------------------------


def evaluator_pids(engine: Engine) -> list[int]:
    """Which processes hold the evaluator's advisory lock in this database (by their connection's name)."""
    query = text(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = :key "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    with engine.connect() as connection:
        names = connection.execute(query, {"key": EVALUATOR_LOCK}).scalars().all()
    return [int(name.rsplit(":", 1)[1]) for name in names]


def last_working_day_before(day: date) -> date:
    """A working day in the past: the replicas' clocks are put there, inside the send window."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def overdue_committee(folder: Path, moment: datetime) -> tuple[Path, set[str]]:
    """An organisation file with one ArbejdspladsMED whose discussions are long overdue; the reminder titles due."""
    rules = load_rules(DEFAULT_CONFIG_DIR)
    kind = "ArbejdspladsMED"
    discussed: dict[str, date] = {}
    titles: set[str] = set()
    for rule_id in ("sygefravaer", "vold-og-trusler"):
        rule = rules.get(rule_id)
        assert rule is not None
        if rule.applies(kind):
            discussed[rule.id] = add_months(moment.date() - timedelta(days=60), -rule.interval_months)
            titles.add(rule.title)
    organisation: dict[str, Any] = {
        "committees": [
            {"id": "kommunemed", "name": "KommuneMED", "kind": "KommuneMED"},
            {
                "id": "udvalg-001",
                "name": "ArbejdspladsMED Udvalg 001",
                "kind": kind,
                "department": "Afdeling 1",
                "discussed": discussed,
                "members": [{"person": "s001", "role": "secretary"}],
            },
        ],
        "people": [{"id": "s001", "name": "Sekretær 001 Fiktivsen", "aad_object_id": SECRETARY}],
    }
    path = folder / "organisation.yaml"
    path.write_text(yaml.safe_dump(organisation, allow_unicode=True), "utf-8")
    return path, titles


def reminder_arrivals(connector: FakeConnector) -> list[tuple[str, float]]:
    """(reminder title, monotonic arrival) of every reminder card that reached the connector."""
    return [
        (str(m.card["body"][0]["text"]), m.at)
        for m in connector.messages()
        if m.card and "reminder.done" in str(m.card)
    ]


async def test_evaluator_killed_is_replaced_within_one_interval_and_the_reminder_goes_out_once(
    pg_database: str, engine: Engine, connector: FakeConnector, tmp_path: Path
) -> None:
    day = last_working_day_before(datetime.now(TZ).date())
    moment = datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)
    clock_shift = str(PROJECT_ROOT / "tests" / "clock_shift")
    env = {
        "MEDBOT_EVALUATE_SECONDS": str(EVALUATE_SECONDS),
        "MEDBOT_CLOCK_AT": moment.isoformat(),
        "PYTHONPATH": os.pathsep.join(filter(None, (clock_shift, os.environ.get("PYTHONPATH")))),
    }
    replicas = await asyncio.gather(*(serve(pg_database, tmp_path, f"replica-{n}", env) for n in range(2)))
    try:
        await asyncio.sleep(2 * EVALUATE_SECONDS)  # the standby's ticks try the lock and find it taken
        before = evaluator_pids(engine)
        [first] = [replica for replica in replicas if replica.pid in before] or replicas[:1]
        [second] = [replica for replica in replicas if replica is not first]
        told_before = [(await replica.health())[1]["evaluator"] for replica in (first, second)]
        await first.kill()
        killed_at = time.monotonic()
        # Nothing was due while the first replica evaluated; the organisation arrives after its death.
        path, titles = overdue_committee(tmp_path, moment)
        with session_scope(engine) as session:
            import_organisation(session, parse_organisation(path), moment)
            session.add(
                Conversation(
                    id=f"a:personal-{SECRETARY}",
                    kind="personal",
                    service_url=connector.url,
                    tenant_id=activities.TENANT,
                    bot_id=activities.BOT_ID,
                    user_id=f"29:{SECRETARY}",
                    user_aad_id=SECRETARY,
                    updated_at=moment,
                )
            )
        due_from = time.monotonic()
        assert await eventually(lambda: len(reminder_arrivals(connector)) >= len(titles), within=30)
        after = evaluator_pids(engine)
        told_after = (await second.health())[1]["evaluator"]
        await asyncio.sleep(3 * EVALUATE_SECONDS)  # later ticks of the new evaluator must write nothing more
    finally:
        await asyncio.gather(*(replica.stop() for replica in replicas))

    received = reminder_arrivals(connector)
    assert before == [first.pid]
    assert after == [second.pid]
    assert (told_before, told_after) == ([True, False], True)  # /healthz names the replica whose log to read
    assert Counter(title for title, _at in received) == Counter(dict.fromkeys(titles, 1))
    assert max(at for _title, at in received) - due_from < EVALUATE_SECONDS + 3
    assert due_from - killed_at < 1
    assert [int(fields["pid"]) for fields in logged(second, "scheduler.evaluator")] == [second.pid]
    assert all(int(fields["pid"]) == first.pid for fields in logged(first, "scheduler.evaluator"))
