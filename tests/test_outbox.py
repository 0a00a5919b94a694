"""The outbox on SQLite: rows, claims, retries, failures and the operator CLI, against a real fake connector."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from msrest.exceptions import ClientRequestError, HttpOperationError
from msrest.serialization import Deserializer
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import clock as wall_clock
from bot.adapter import create_adapter
from bot.cli import main as medbot
from bot.config import Settings
from bot.outbox import (
    CONVERSATION_BUDGET,
    TENANT_BUDGET,
    Dispatcher,
    DispatchOptions,
    Pacer,
    Window,
    classify,
    parse_retry_after,
    retry_delay,
)
from bot.outbox.pacing import DatabaseClock
from dialogs.base import Reply, activity_json
from storage import outbox
from storage.conversations import Conversation, upsert
from storage.db import make_engine, session_scope, upgrade
from storage.outbox import OutboxMessage, OutboxStatus
from tests.support import activities
from tests.support.fake_connector import FakeConnector, always, throttle_first_try_of_every

START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock the test moves, so retry schedules are checked without waiting."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'outbox.db'}"
    upgrade(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def dispatcher(engine: Engine, clock: Clock) -> AsyncIterator[Dispatcher]:
    options = DispatchOptions(max_attempts=3, backoff_seconds=1.0)
    running = Dispatcher(engine, create_adapter(Settings()), options=options, clock=clock)
    yield running
    await running.stop()


def store_conversation(engine: Engine, conversation_id: str, service_url: str, **values: str) -> None:
    with session_scope(engine) as session:
        upsert(
            session,
            Conversation(
                id=conversation_id,
                kind=values.get("kind", "personal"),
                service_url=service_url,
                tenant_id=values.get("tenant_id", activities.TENANT),
                bot_id=activities.BOT_ID,
                user_id=values.get("user_id", ""),
                user_aad_id=values.get("user_aad_id", ""),
            ),
            START,
        )


def enqueue_text(engine: Engine, key: str, text: str, now: datetime = START, **recipient: str) -> bool:
    with session_scope(engine) as session:
        return outbox.enqueue(
            session,
            dedupe_key=key,
            activity=activity_json(Reply(text=text)),
            tenant_id=activities.TENANT,
            now=now,
            **recipient,  # type: ignore[arg-type]
        )


def row_by_key(engine: Engine, key: str) -> OutboxMessage:
    with Session(engine) as session:
        return session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key)).one()


# --- storage ---------------------------------------------------------------------------------------------------


def test_enqueueing_the_same_dedupe_key_twice_keeps_one_row(engine: Engine) -> None:
    first = enqueue_text(engine, "reminder:sick:oes:2026-12-01", "Husk drøftelsen", conversation_id="a:1")
    second = enqueue_text(engine, "reminder:sick:oes:2026-12-01", "Husk drøftelsen", conversation_id="a:1")
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    assert (first, second) == (True, False)
    assert len(rows) == 1 and rows[0].status == OutboxStatus.PENDING


def test_a_claimed_row_is_held_until_marked_and_only_an_expired_lease_lets_another_worker_take_it(
    engine: Engine,
) -> None:
    enqueue_text(engine, "k1", "Hej", conversation_id="a:1")
    now = START
    [claimed] = outbox.claim(engine, "worker-a", 10, now)
    assert claimed.status == OutboxStatus.SENDING and claimed.attempts == 1
    assert outbox.claim(engine, "worker-b", 10, now + timedelta(seconds=59)) == []
    [taken_over] = outbox.claim(engine, "worker-b", 10, now + timedelta(seconds=61))
    assert taken_over.claimed_by == "worker-b" and taken_over.attempts == 2
    with session_scope(engine) as session:
        lost = outbox.mark_sent(session, int(claimed.id or 0), "worker-a", "act-1", now=now)
        held = outbox.mark_sent(session, int(claimed.id or 0), "worker-b", "act-2", "a:1", now=now)
    assert (lost, held) == (False, True)
    assert outbox.claim(engine, "worker-c", 10, now + timedelta(hours=1)) == []
    sent = row_by_key(engine, "k1")
    assert (sent.status, sent.sent_activity_id, sent.sent_conversation_id) == ("sent", "act-2", "a:1")


def test_graceful_release_hands_rows_back_without_counting_an_attempt(engine: Engine) -> None:
    enqueue_text(engine, "k1", "Hej", conversation_id="a:1")
    outbox.claim(engine, "worker-a", 10, START)
    assert outbox.release_own(engine, "worker-a") == 1
    row = row_by_key(engine, "k1")
    assert (row.status, row.attempts) == ("pending", 0)


# --- pure parts ---------------------------------------------------------------------------------------------------


def test_pacer_keeps_a_conversation_within_teams_limits_of_7_per_second_8_per_2_and_60_per_30_seconds() -> None:
    pacer = Pacer()
    budget = [("conversation:a:1", CONVERSATION_BUDGET)]
    times = [pacer.reserve(budget, now=0.0) for _ in range(150)]
    assert times == sorted(times)
    for start in times:
        assert sum(start <= t < start + 1.0 for t in times) <= 7
        assert sum(start <= t < start + 2.0 for t in times) <= 8
        assert sum(start <= t < start + 30.0 for t in times) <= 60


def test_pacer_spaces_a_tenant_evenly_so_no_second_holds_more_than_its_budget() -> None:
    pacer = Pacer()
    budget = [("tenant:t", TENANT_BUDGET)]
    times = [pacer.reserve(budget, now=0.0) for _ in range(200)]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1 / 48 - 1e-9
    assert all(sum(start <= t < start + 1.0 for t in times) <= 48 for start in times)


def test_slots_keep_their_spacing_on_the_local_clock_however_late_each_booking_answered() -> None:
    # The database clock runs 1,000 s ahead of ours; bookings 1/48 s apart answer after 2 to 60 ms (a busy loop).
    clock = DatabaseClock()
    spacing, offset = 1 / 48, 1000.0
    local_slots = []
    for n, answer_lag in enumerate([0.002, 0.060, 0.004, 0.035, 0.002, 0.050]):
        sent = 10.0 + n * spacing
        clock.observe(sent, sent + 0.002 + answer_lag, database_now=sent + 0.001 + offset)
        local_slots.append(clock.local(offset + 10.5 + n * spacing))
    gaps = [b - a for a, b in itertools.pairwise(local_slots)]
    assert gaps == pytest.approx([spacing] * 5, abs=1e-6)
    assert local_slots[0] == pytest.approx(10.5, abs=0.002)


def test_the_database_clock_follows_a_changed_offset_once_the_old_samples_are_too_old() -> None:
    clock = DatabaseClock(max_age=10.0)
    clock.observe(0.0, 0.001, database_now=100.0005)  # quick: the best sample while it is recent
    clock.observe(5.0, 5.030, database_now=105.015)
    assert clock.local(200.0) == pytest.approx(100.0, abs=0.001)
    clock.observe(11.0, 11.010, database_now=113.005)  # the wall clock was stepped 2 s ahead
    assert clock.local(200.0) == pytest.approx(98.0, abs=0.02)


def test_one_busy_conversation_does_not_delay_another() -> None:
    pacer = Pacer()
    busy = [("conversation:busy", (Window(7, 1.0),))]
    for _ in range(30):
        pacer.reserve(busy, now=0.0)
    assert pacer.earliest([("conversation:quiet", (Window(7, 1.0),))], now=0.0) == 0.0


def test_a_slightly_late_send_keeps_its_slot_so_small_delays_do_not_lower_the_rate() -> None:
    pacer = Pacer()
    budget = [("tenant:t", (Window(1, 0.1),))]
    assert pacer.take(budget, 0.0) == 0.0
    assert pacer.take(budget, 0.05) == pytest.approx(0.05)
    assert pacer.take(budget, 0.11, catch_up=0.02) == 0.0
    assert pacer.take(budget, 0.2, catch_up=0.02) == 0.0
    assert pacer.take(budget, 0.35, catch_up=0.02) == 0.0
    assert pacer.take(budget, 0.4, catch_up=0.02) == pytest.approx(0.05)


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(429, True), (412, True), (502, True), (503, True), (504, True), (500, True), (403, False), (404, False)],
)
def test_connector_errors_are_retried_only_when_trying_again_can_help(status: int, retryable: bool) -> None:
    response = requests.Response()
    response.status_code = status
    response.headers["Retry-After"] = "2"
    failure = classify(HttpOperationError(Deserializer(), response), START)
    assert failure.retryable is retryable
    assert failure.reason.startswith(f"HTTP {status}") and failure.retry_after == 2.0


def test_an_unreachable_connector_is_worth_another_try() -> None:
    assert classify(ClientRequestError("connection refused"), START).retryable
    assert classify(TimeoutError(), START).retryable


@pytest.mark.parametrize(
    ("header", "expected"),
    [("7", 7.0), ("0", 0.0), ("Mon, 23 Nov 2026 08:00:30 GMT", 30.0), ("soon", None), (None, None)],
    ids=["seconds", "zero", "http-date", "unreadable", "absent"],
)
def test_retry_after_is_read_as_seconds_or_http_date(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, START) == expected


def test_retry_waits_at_least_retry_after_and_backs_off_exponentially_without_it() -> None:
    options = DispatchOptions(backoff_seconds=5.0, max_backoff_seconds=60.0)
    assert all(retry_delay(1, 30.0, options) >= 30.0 for _ in range(50))
    first = [retry_delay(1, None, options) for _ in range(50)]
    fourth = [retry_delay(4, None, options) for _ in range(50)]
    assert all(2.5 <= d <= 5.0 for d in first) and all(20.0 <= d <= 40.0 for d in fourth)
    assert all(retry_delay(20, None, options) <= 60.0 for _ in range(50))


# --- the dispatcher against the fake connector --------------------------------------------------------------------


async def test_throttled_message_is_sent_again_only_after_retry_after_and_arrives_once(
    engine: Engine, connector: FakeConnector, dispatcher: Dispatcher, clock: Clock
) -> None:
    store_conversation(engine, "a:1", connector.url)
    enqueue_text(engine, "k1", "Påmindelse", conversation_id="a:1")
    connector.fault = throttle_first_try_of_every(1, retry_after=30)

    await dispatcher.deliver_due()
    waiting = row_by_key(engine, "k1")
    clock.advance(29)
    nothing_yet = await dispatcher.deliver_due()
    clock.advance(2)
    await dispatcher.deliver_due()

    assert waiting.status == "pending" and waiting.attempts == 1 and waiting.last_error.startswith("HTTP 429")
    assert waiting.not_before >= START + timedelta(seconds=30)
    assert nothing_yet == 0
    [message] = connector.messages("a:1")
    assert message.kind == "send" and message.text == "Påmindelse"
    sent = row_by_key(engine, "k1")
    assert (sent.status, sent.attempts, sent.sent_conversation_id) == ("sent", 2, "a:1")


async def test_message_that_keeps_failing_is_failed_after_the_last_attempt_and_listed_for_the_operator(
    engine: Engine,
    database_url: str,
    connector: FakeConnector,
    dispatcher: Dispatcher,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_conversation(engine, "a:1", connector.url)
    enqueue_text(engine, "reminder:vold:oes:2026", "Husk retningslinjen", conversation_id="a:1")
    connector.fault = always(503)
    for _ in range(5):
        await dispatcher.deliver_due()
        clock.advance(3600)
    monkeypatch.setenv("DATABASE_URL", database_url)

    exit_code = medbot(["outbox", "list", "--failed", "--json"])

    [listed] = json.loads(capsys.readouterr().out)
    assert exit_code == 0 and connector.messages() == []
    assert listed["dedupe_key"] == "reminder:vold:oes:2026" and listed["status"] == "failed"
    assert listed["attempts"] == 3 and listed["last_error"].startswith("gave up after 3 attempts: HTTP 503")
    assert "Husk retningslinjen" not in json.dumps(listed)


async def test_blocked_bot_fails_at_once_and_the_operator_can_send_it_again(
    engine: Engine,
    database_url: str,
    connector: FakeConnector,
    dispatcher: Dispatcher,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_conversation(engine, "a:1", connector.url)
    enqueue_text(engine, "k1", "Hej", conversation_id="a:1")
    connector.fault = always(403)
    await dispatcher.deliver_due()
    failed = row_by_key(engine, "k1")
    monkeypatch.setenv("DATABASE_URL", database_url)
    medbot(["outbox", "list", "--failed"])
    table = capsys.readouterr().out
    connector.fault = None
    monkeypatch.setattr(wall_clock, "now", clock)  # the command runs in this process, on the test's clock

    exit_code = medbot(["outbox", "retry", str(failed.id)])
    await dispatcher.deliver_due()

    assert (failed.status, failed.attempts) == ("failed", 1) and failed.last_error.startswith("HTTP 403")
    assert "HTTP 403" in table and "a:1" in table
    assert exit_code == 0
    [message] = connector.messages("a:1")
    assert message.text == "Hej" and row_by_key(engine, "k1").status == "sent"


async def test_message_to_an_unknown_conversation_fails_with_the_reason(
    engine: Engine, connector: FakeConnector, dispatcher: Dispatcher
) -> None:
    enqueue_text(engine, "k1", "Hej", conversation_id="a:never-seen")
    await dispatcher.deliver_due()
    row = row_by_key(engine, "k1")
    assert row.status == "failed" and "not known" in row.last_error
    assert connector.recorded == []


async def test_conversation_over_its_budget_goes_back_to_the_table_while_others_are_sent(
    engine: Engine, connector: FakeConnector, clock: Clock
) -> None:
    store_conversation(engine, "19:busy", connector.url, kind="channel")
    store_conversation(engine, "a:quiet", connector.url)
    for n in range(4):
        enqueue_text(engine, f"busy-{n}", f"busy {n}", conversation_id="19:busy")
    enqueue_text(engine, "quiet", "quiet", conversation_id="a:quiet")
    options = DispatchOptions(conversation_budget=(Window(2, 30.0),), wait_in_memory_seconds=2.0)
    dispatcher = Dispatcher(engine, create_adapter(Settings()), options=options, clock=clock)

    await dispatcher.deliver_due()

    assert [m.text for m in connector.messages("19:busy")] == ["busy 0", "busy 1"]
    assert [m.text for m in connector.messages("a:quiet")] == ["quiet"]
    for key in ("busy-2", "busy-3"):
        row = row_by_key(engine, key)
        assert row.status == "pending" and row.attempts == 0
        assert row.not_before >= START + timedelta(seconds=28)


async def test_connector_that_does_not_answer_in_time_is_tried_again_later(
    engine: Engine, connector: FakeConnector, clock: Clock
) -> None:
    store_conversation(engine, "a:1", connector.url)
    enqueue_text(engine, "k1", "Hej", conversation_id="a:1")
    connector.delay = 1.0
    options = DispatchOptions(send_timeout_seconds=0.2)
    dispatcher = Dispatcher(engine, create_adapter(Settings()), options=options, clock=clock)

    await dispatcher.deliver_due()
    await dispatcher.stop()

    row = row_by_key(engine, "k1")
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error.startswith("timeout") and row.not_before > START


async def test_stopping_hands_back_rows_still_in_flight_so_the_next_start_sends_them(
    engine: Engine, connector: FakeConnector
) -> None:
    store_conversation(engine, "a:1", connector.url)
    for n in range(3):
        enqueue_text(engine, f"k{n}", f"Hej {n}", conversation_id="a:1")
    connector.delay = 1.0
    dispatcher = Dispatcher(engine, create_adapter(Settings()), options=DispatchOptions(stop_grace_seconds=0.1))
    await dispatcher.start()
    for _ in range(100):
        if connector.calls:
            break
        await asyncio.sleep(0.05)

    await dispatcher.stop()

    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    assert connector.calls == 1
    assert [(row.status, row.attempts, row.claimed_at) for row in rows] == [("pending", 0, None)] * 3
