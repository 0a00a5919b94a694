"""The send budget every replica shares in PostgreSQL: bookings from many connections never crowd the tenant, a
429 any replica got pauses them all, and two real replicas stay within Teams' 50 requests per second."""

from __future__ import annotations

import itertools
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, select

from bot.adapter import create_adapter
from bot.config import Settings
from bot.outbox import Dispatcher
from bot.outbox.pacing import CONVERSATION_BUDGET, TENANT_BUDGET, Window
from dialogs.base import Reply, activity_json
from storage import budget, outbox
from storage.conversations import Conversation
from storage.db import make_engine, session_scope, upgrade
from storage.outbox import OutboxMessage
from tests.support import activities
from tests.support.fake_connector import FakeConnector, Fault, RateLimit
from tests.support.replicas import deliver

pytestmark = pytest.mark.postgres

SPACING = budget.spacing(TENANT_BUDGET)


@pytest.fixture
def engine(pg_database: str) -> Iterator[Engine]:
    """A fresh, migrated database of this test's own."""
    upgrade(pg_database)
    engine = make_engine(pg_database)
    yield engine
    engine.dispose()


def autocommit(engine: Engine) -> Connection:
    """A connection like the pacer's: each statement its own transaction."""
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def most_in_any(times: Sequence[float], seconds: float) -> int:
    """The most of `times` in any half-open window of `seconds`."""
    ordered = sorted(times)
    return max((bisect_left(ordered, t + seconds) - i for i, t in enumerate(ordered)), default=0)


def test_bookings_from_many_connections_at_once_are_never_closer_than_the_tenant_spacing(engine: Engine) -> None:
    def book_many(worker: int) -> list[float]:
        with autocommit(engine) as connection:
            return [
                budget.book(
                    connection, "tenant:t", TENANT_BUDGET, f"conversation:{worker}-{n}", CONVERSATION_BUDGET
                ).slot
                for n in range(25)
            ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        slots = sorted(slot for slots in pool.map(book_many, range(8)) for slot in slots)

    assert len(slots) == 200
    assert min(later - earlier for earlier, later in itertools.pairwise(slots)) >= SPACING - 1e-6
    assert most_in_any(slots, 1.0 - 1e-4) <= 48  # 48 evenly spaced slots span 47/48 s (epoch floats round)


def test_a_busy_conversation_gets_slots_within_every_window_of_teams(engine: Engine) -> None:
    with autocommit(engine) as connection:
        slots = [
            budget.book(
                connection, "tenant:t", TENANT_BUDGET, "conversation:busy", CONVERSATION_BUDGET, now=1000.0
            ).slot
            for _ in range(70)
        ]

    assert slots == sorted(slots)
    for window in CONVERSATION_BUDGET:
        assert most_in_any(slots, window.seconds) <= window.limit, window
    assert most_in_any(slots, 1.0) == 7  # as fast as the windows allow, not slower


def test_the_hour_window_holds_a_conversation_to_its_limit(engine: Engine) -> None:
    hourly = (Window(3, 3600.0),)
    with autocommit(engine) as connection:
        slots = [
            budget.book(connection, "tenant:t", TENANT_BUDGET, "conversation:c", hourly, now=1000.0).slot
            for _ in range(4)
        ]

    assert slots[3] == pytest.approx(slots[0] + 3600.0)


def test_a_429_at_one_replica_delays_the_bookings_of_every_other(engine: Engine) -> None:
    with autocommit(engine) as replica_a, autocommit(engine) as replica_b:
        until = budget.throttle(replica_a, "tenant:t", 3.0, now=1000.0)
        shorter = budget.throttle(replica_b, "tenant:t", 1.0, now=1000.0)
        booked = budget.book(replica_b, "tenant:t", TENANT_BUDGET, "conversation:c", CONVERSATION_BUDGET, now=1000.5)

    assert until == shorter == pytest.approx(1003.0)  # a shorter Retry-After elsewhere never shortens the pause
    assert booked.booked
    assert booked.slot == pytest.approx(1003.0)
    assert booked.delay == pytest.approx(2.5)


def test_a_slot_further_away_than_the_caller_waits_books_nothing(engine: Engine) -> None:
    with autocommit(engine) as connection:
        budget.throttle(connection, "tenant:t", 5.0, now=1000.0)
        refused = budget.book(
            connection, "tenant:t", TENANT_BUDGET, "conversation:c", CONVERSATION_BUDGET, now=1000.0, max_wait=2.0
        )
        first = budget.book(connection, "tenant:t", TENANT_BUDGET, "conversation:c", CONVERSATION_BUDGET, now=1000.0)
        second = budget.book(connection, "tenant:t", TENANT_BUDGET, "conversation:c", CONVERSATION_BUDGET, now=1000.0)

    assert not refused.booked
    assert refused.delay == pytest.approx(5.0)
    # The refused booking took no slot: the first real one gets the moment the pause ends.
    assert first.slot == pytest.approx(1005.0)
    assert second.slot == pytest.approx(1005.0 + SPACING)


def throttle_first_request(retry_after: int) -> Fault:
    """429 + Retry-After for the very first request the connector gets, then nothing."""
    calls = itertools.count()

    def fault(_request: web.Request, _call: int) -> web.Response | None:
        if next(calls) == 0:
            return web.json_response(
                {"error": {"code": "throttled"}}, status=429, headers={"Retry-After": str(retry_after)}
            )
        return None

    return fault


async def test_a_429_one_dispatcher_got_holds_back_the_sends_of_another(
    engine: Engine, connector: FakeConnector
) -> None:
    start = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    with session_scope(engine) as session:
        for conversation in ("a:first", "a:second"):
            session.add(
                Conversation(
                    id=conversation,
                    kind="personal",
                    service_url=connector.url,
                    tenant_id=activities.TENANT,
                    bot_id=activities.BOT_ID,
                    updated_at=start,
                )
            )
    replicas = [Dispatcher(engine, create_adapter(Settings()), clock=lambda: start) for _ in range(2)]
    connector.fault = throttle_first_request(retry_after=10)
    try:
        for n, replica in enumerate(replicas):
            with session_scope(engine) as session:
                outbox.enqueue(
                    session,
                    dedupe_key=f"throttle:{n}",
                    activity=activity_json(Reply(text=f"throttle:{n}")),
                    conversation_id=("a:first", "a:second")[n],
                    tenant_id=activities.TENANT,
                    now=start,
                )
            await replica.deliver_due()
    finally:
        for replica in replicas:
            await replica.stop()

    with Session(engine) as session:
        rows = {row.dedupe_key: row for row in session.exec(select(OutboxMessage))}
    assert connector.calls == 1 and connector.messages() == []  # the second dispatcher sent nothing
    assert rows["throttle:0"].last_error.startswith("HTTP 429")
    held = rows["throttle:1"]
    # Handed back until the pause ends, without counting an attempt.
    assert (held.status, held.attempts) == ("pending", 0)
    assert held.not_before >= start + timedelta(seconds=8)


class Arrivals:
    """Teams' 50-per-second limit at the fake connector, keeping the arrival of every request (refused ones too)."""

    def __init__(self) -> None:
        self.limit = RateLimit(limit=50, seconds=1.0, retry_after=1)
        self.times: list[float] = []

    def __call__(self, request: web.Request, call: int) -> web.Response | None:
        self.times.append(time.monotonic())
        return self.limit(request, call)


@pytest.mark.slow
async def test_two_replicas_together_stay_within_fifty_requests_a_second_to_one_tenant(
    pg_database: str, engine: Engine, connector: FakeConnector, tmp_path: Path
) -> None:
    messages, conversations = 200, 20
    arrivals = Arrivals()
    connector.fault = arrivals
    await deliver(
        pg_database,
        engine,
        connector,
        tmp_path,
        replicas=2,
        prefix="budget",
        messages=messages,
        conversations=conversations,
        tenant=activities.TENANT,
    )

    received = Counter(message.text for message in connector.messages())
    assert received == Counter({f"budget:{n}": 1 for n in range(messages)})
    assert arrivals.limit.refused == 0
    assert most_in_any(arrivals.times, 1.0) <= 50
    per_conversation = [[message.at for message in connector.messages(f"a:budget-{n}")] for n in range(conversations)]
    assert max(most_in_any(times, 1.0) for times in per_conversation) <= 7
    with Session(engine) as session:
        senders = set(session.exec(select(OutboxMessage.claimed_by)))
    assert len(senders) == 2  # both replicas sent: the budget, not one idle replica, kept the rate
