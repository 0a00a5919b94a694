"""The outbox dispatcher: the one place that sends proactive messages.

Dialogs and the scheduler only write rows (`storage.outbox`); this task claims the due ones, sends them through
the service's CloudAdapter and marks them sent. Teams throttles per conversation and per tenant, and botbuilder's
connector client does not retry, so pacing and retries live here:

- a throttled or failing send is rescheduled in the table (`Retry-After`, else exponential backoff with jitter),
  so a waiting row never blocks the others; after the last attempt the row is marked failed with the reason;
- sends are paced by sliding-window budgets per conversation and per tenant; a row whose conversation is over
  budget for long goes back to the table unsent instead of holding a slot;
- at most `in_flight` rows are held at once, which bounds what a crash can send twice;
- outcomes that finish while a database write runs are written together in the next transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any, ParamSpec, TypeVar

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationParameters
from msrest.exceptions import ClientRequestError, HttpOperationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.activities import reference_for
from bot.clock import Clock
from bot.clock import now as wall_clock
from bot.runtime import Runtime
from storage import conversations, outbox
from storage.conversations import Conversation
from storage.db import is_sqlite
from storage.outbox import OutboxMessage

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

RETRYABLE_STATUSES = frozenset({412, 429, 502, 503, 504})


@dataclass(frozen=True)
class Window:
    """At most `limit` requests in any `seconds` long stretch of time."""

    limit: int
    seconds: float


# Teams, per bot and conversation: 7 messages per second, 8 per 2 s and 60 per 30 s.
CONVERSATION_BUDGET = (Window(7, 1.0), Window(8, 2.0), Window(60, 30.0))
# Teams: about 50 requests/s per bot and tenant. Evenly spaced and a little below, so that network jitter cannot
# make the requests arrive faster than that.
TENANT_BUDGET = (Window(48, 1.0), Window(1, 1 / 48))
# A send that wakes up this late still counts from the moment it was allowed (see Pacer.take): without it, the
# event loop's small delays add up to a rate well below the budget; with much more, sends could bunch up.
CATCH_UP_SECONDS = 0.01


@dataclass(frozen=True)
class DispatchOptions:
    """Tuning of the dispatcher; the defaults suit Teams, tests shorten the waits.

    `lease` must outlast `send_timeout_seconds` plus `wait_in_memory_seconds`, or a slow send could be claimed
    by a second replica while the first still holds it.
    """

    in_flight: int = 8
    poll_seconds: float = 1.0
    lease: timedelta = outbox.LEASE
    max_attempts: int = 6
    backoff_seconds: float = 5.0
    max_backoff_seconds: float = 600.0
    send_timeout_seconds: float = 30.0
    wait_in_memory_seconds: float = 2.0
    stop_grace_seconds: float = 5.0
    conversation_budget: tuple[Window, ...] = CONVERSATION_BUDGET
    tenant_budget: tuple[Window, ...] = TENANT_BUDGET


# --- pure parts: what a failure means and when to try again ------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """Delivered: the activity id and conversation Teams gave it (so its card can be updated later)."""

    activity_id: str
    conversation_id: str


@dataclass(frozen=True)
class Deferred:
    """Not sent, because the conversation is over its budget until `until`; not an attempt."""

    until: datetime


@dataclass(frozen=True)
class Failure:
    """Not sent: why, whether trying again can help, and how long the connector asked us to wait."""

    reason: str
    retryable: bool
    retry_after: float | None = None


Outcome = Sent | Deferred | Failure


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta seconds or an HTTP date; None when absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def classify(error: BaseException, now: datetime) -> Failure:
    """What a send error means: 429/412/5xx, timeouts and connection errors are worth another try; other 4xx not.

    msrest raises `HttpOperationError` (botbuilder's `ErrorResponseException`) carrying the HTTP response, and
    `ClientRequestError` when the connector could not be reached.
    """
    if isinstance(error, HttpOperationError):
        response = getattr(error, "response", None)
        status = int(getattr(response, "status_code", 0) or getattr(response, "status", 0) or 0)
        if status:
            headers: Any = getattr(response, "headers", None) or {}
            retry_after = parse_retry_after(headers.get("Retry-After"), now)
            reason = f"HTTP {status}: {getattr(error, 'message', '') or type(error).__name__}"
            return Failure(reason[:500], status in RETRYABLE_STATUSES or status >= 500, retry_after)
    if isinstance(error, TimeoutError):
        return Failure("timeout: the connector did not answer in time", True)
    if isinstance(error, ClientRequestError | ConnectionError):
        return Failure(f"{type(error).__name__}: the connector could not be reached", True)
    return Failure(f"{type(error).__name__}: unexpected error while sending", True)


def retry_delay(
    attempts: int, retry_after: float | None, options: DispatchOptions, rng: random.Random | None = None
) -> float:
    """Seconds until the next try: the connector's Retry-After (never sooner), else exponential backoff.

    Both get jitter, so that many rows throttled at once do not come back at the same instant.
    """
    rng = rng or random.Random()
    if retry_after is not None:
        return retry_after + rng.uniform(0.0, min(1.0, 0.2 * retry_after + 0.1))
    backoff = min(options.max_backoff_seconds, options.backoff_seconds * 2 ** max(0, attempts - 1))
    return backoff / 2 + rng.uniform(0.0, backoff / 2)


def worker_id() -> str:
    """hostname:pid:random, unique per dispatcher, so a row's claim names the process that holds it."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:100]


class Pacer:
    """Sliding-window request budgets per key (a conversation, a tenant).

    `reserve` hands out send times in the order it is called and never earlier than a key's previous one, so
    the last `limit` reservations of a key tell exactly when the next one fits into every window.
    """

    def __init__(self) -> None:
        self._times: dict[str, deque[float]] = {}

    def earliest(self, budgets: Sequence[tuple[str, Sequence[Window]]], now: float) -> float:
        """The first moment at or after `now` that every key's budget allows one more request."""
        start = now
        for key, windows in budgets:
            times = self._times.get(key)
            if not times:
                continue
            start = max(start, times[-1])
            for window in windows:
                if len(times) >= window.limit:
                    start = max(start, times[-window.limit] + window.seconds)
        return start

    def reserve(self, budgets: Sequence[tuple[str, Sequence[Window]]], now: float) -> float:
        """Book the earliest moment for one request against every key and return it."""
        start = self.earliest(budgets, now)
        self._book(budgets, start)
        return start

    def take(self, budgets: Sequence[tuple[str, Sequence[Window]]], now: float, catch_up: float = 0.0) -> float:
        """Book a request made now and return 0 if every budget allows it, else return how long to wait.

        A request a little late for its moment (at most `catch_up` seconds, say a sleep that woke late) is
        booked at that moment, so that small delays do not add up to a lower rate.
        """
        allowed = self.earliest(budgets, float("-inf"))
        if allowed > now:
            return allowed - now
        self._book(budgets, allowed if now - allowed <= catch_up else now)
        return 0.0

    def _book(self, budgets: Sequence[tuple[str, Sequence[Window]]], moment: float) -> None:
        for key, windows in budgets:
            times = self._times.get(key)
            if times is None:
                times = self._times[key] = deque(maxlen=max(window.limit for window in windows))
            times.append(moment)

    def forget_idle(self, now: float, horizon: float) -> None:
        """Drop keys with no request for `horizon` seconds (longer than any window), so memory stays small."""
        for key in [key for key, times in self._times.items() if times[-1] < now - horizon]:
            del self._times[key]


class Lanes:
    """One send at a time per conversation, in the order the rows were claimed (asyncio locks are FIFO)."""

    def __init__(self) -> None:
        self._lanes: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Wait for the conversation's earlier sends, then own it until the block ends."""
        lock, users = self._lanes.get(key, (asyncio.Lock(), 0))
        self._lanes[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._lanes[key]
            if users == 1:
                del self._lanes[key]
            else:
                self._lanes[key] = (lock, users - 1)


# --- where a row goes --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A stored conversation to continue, or a tenant conversation whose service URL opens a new 1:1 chat."""

    lane: str
    tenant: str
    conversation: Conversation | None = None
    opener: Conversation | None = None
    problem: str = ""


def resolve(session: Session, row: OutboxMessage, fallback_tenant: str = "") -> Target:
    """Find where a row goes; `problem` says why it cannot go anywhere (no retry helps with that)."""
    if row.conversation_id:
        stored = session.get(Conversation, row.conversation_id)
        if stored is None:
            return Target(row.conversation_id, row.tenant_id, problem="the conversation is not known to the bot")
        if not stored.installed:
            return Target(stored.id, stored.tenant_id, problem="the app was removed from the conversation")
        return Target(stored.id, stored.tenant_id or row.tenant_id, conversation=stored)
    personal = conversations.personal_for(session, row.user_aad_id)
    if personal is not None:
        return Target(personal.id, personal.tenant_id or row.tenant_id, conversation=personal)
    tenant = (row.tenant_id or fallback_tenant).lower()
    opener = conversations.any_for_tenant(session, tenant) if tenant else None
    lane = f"user:{row.user_aad_id}"
    if opener is None:
        return Target(lane, tenant, problem="no conversation in the tenant to open a 1:1 chat from")
    return Target(lane, tenant, opener=opener)


def claim_batch(
    engine: Engine, worker: str, limit: int, now: datetime, lease: timedelta, fallback_tenant: str
) -> list[tuple[OutboxMessage, Target]]:
    """Claim due rows and find where each goes, in one trip to the database thread."""
    rows = outbox.claim(engine, worker, limit, now, lease)
    if not rows:
        return []
    with Session(engine, expire_on_commit=False) as session:
        # One query loads the batch's conversations; `resolve` then finds them in the session without SQL.
        wanted = [row.conversation_id for row in rows if row.conversation_id]
        session.exec(select(Conversation).where(col(Conversation.id).in_(wanted))).all()
        return [(row, resolve(session, row, fallback_tenant)) for row in rows]


Mark = Callable[[Session], bool]


def write_marks(engine: Engine, marks: Sequence[Mark]) -> list[bool]:
    """Write many rows' outcomes in one transaction; each result says whether this worker still held the row."""
    with Session(engine) as session:
        kept = [mark(session) for mark in marks]
        session.commit()
    return kept


def remember_personal(engine: Engine, conversation: Conversation, now: datetime) -> None:
    """Store a 1:1 chat the bot opened, so the next message to that person continues it."""
    with Session(engine) as session:
        conversations.upsert(session, conversation, now)
        session.commit()


# --- the dispatcher ----------------------------------------------------------------------------------------------


class _Delivery:
    """The turn callback of a proactive send: sends one activity and keeps the result, never raises.

    botbuilder hands exceptions from a turn to the adapter's on_turn_error, which would answer the
    conversation with an error message; a failed proactive send must instead come back here to be retried.
    """

    def __init__(self, activity: Activity, before_send: Callable[[TurnContext], Awaitable[None]]) -> None:
        self.activity = activity
        self.before_send = before_send
        self.called = False
        self.sent: Sent | None = None
        self.error: BaseException | None = None

    async def __call__(self, turn_context: TurnContext) -> None:
        self.called = True
        # The turn's activity is a synthetic event; with its id cleared the message is a new post, not a reply.
        turn_context.activity.id = None
        try:
            await self.before_send(turn_context)
            response = await turn_context.send_activity(self.activity)
            self.sent = Sent(
                activity_id=str(getattr(response, "id", "") or ""),
                conversation_id=str(turn_context.activity.conversation.id),
            )
        except Exception as error:
            self.error = error


class Dispatcher:
    """Claims due outbox rows and delivers them; one per process, started and stopped with the web app."""

    def __init__(
        self,
        engine: Engine,
        adapter: CloudAdapter,
        *,
        app_id: str = "",
        fallback_tenant: str = "",
        options: DispatchOptions | None = None,
        worker: str | None = None,
        clock: Clock = wall_clock,
    ) -> None:
        self.engine = engine
        self.adapter = adapter
        self.app_id = app_id
        self.fallback_tenant = fallback_tenant.lower()
        self.options = options or DispatchOptions()
        self.worker = worker or worker_id()
        self.clock = clock
        self._pacer = Pacer()
        self._lanes = Lanes()
        self._rng = random.Random()
        self._in_flight: set[asyncio.Task[None]] = set()
        self._marks: list[tuple[Mark, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None
        # One thread for this dispatcher's database work: its claims and marks neither wait behind nor crowd out
        # the turns' database work in the default executor, and a release at stop runs after any pending write.
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-db")

    # --- lifecycle ---------------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Recover what a dead SQLite process left in flight, listen for new rows, and run in the background."""
        if is_sqlite(self.engine):
            reclaimed = await self._call(outbox.reclaim_sending, self.engine)
            if reclaimed:
                log.warning("outbox.reclaimed rows=%s", reclaimed)
        loop = asyncio.get_running_loop()

        def wake_from_any_thread() -> None:
            loop.call_soon_threadsafe(self.wake)

        self._unsubscribe = outbox.subscribe(wake_from_any_thread)
        self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")
        log.info("outbox.started worker=%s", self.worker)

    def wake(self) -> None:
        """Look for due rows now instead of at the next poll (call from the event loop's thread)."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop claiming, let sends in flight finish briefly, and hand back whatever this process still holds."""
        self._stopping = True
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._in_flight:
            _done, pending = await asyncio.wait(self._in_flight, timeout=self.options.stop_grace_seconds)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)
        released = await self._call(outbox.release_own, self.engine, self.worker)
        self._db.shutdown(wait=True)
        log.info("outbox.stopped worker=%s released=%s", self.worker, released)

    async def deliver_due(self) -> int:
        """Claim and send everything due now and wait until each row is marked; returns how many were claimed.

        For tests and one-off runs; the service uses the background loop instead.
        """
        total = 0
        while True:
            claimed = await self._claim_and_start()
            total += claimed
            if not claimed and not self._in_flight:
                return total
            if self._in_flight:
                await asyncio.wait(self._in_flight, return_when=asyncio.FIRST_COMPLETED)

    # --- the loop ----------------------------------------------------------------------------------------------

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        pruned = loop.time()
        horizon = 2 * max(w.seconds for w in (*self.options.conversation_budget, *self.options.tenant_budget))
        while not self._stopping:
            self._wake.clear()
            asked = self.options.in_flight - len(self._in_flight)
            try:
                claimed = await self._claim_and_start()
            except Exception as error:
                log.warning("outbox.claim_failed worker=%s error=%s", self.worker, type(error).__name__)
                claimed = 0
            if loop.time() - pruned > horizon:
                self._pacer.forget_idle(loop.time(), horizon)
                pruned = loop.time()
            if claimed < asked:
                # Nothing more is due now: sleep until a new row is written or the poll interval ends.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self.options.poll_seconds)
            else:
                # More may be due. Refill when half the window is free: a claim per freed slot costs a transaction
                # per message.
                while len(self._in_flight) > self.options.in_flight // 2:
                    await asyncio.wait(self._in_flight, return_when=asyncio.FIRST_COMPLETED)

    async def _claim_and_start(self) -> int:
        """Claim as many due rows as there are free slots and start their sends; returns how many."""
        free = self.options.in_flight - len(self._in_flight)
        if free <= 0 or self._stopping:
            return 0
        options = self.options
        claimed = await self._call(
            claim_batch, self.engine, self.worker, free, self.clock(), options.lease, self.fallback_tenant
        )
        for row, target in claimed:
            task = asyncio.create_task(self._handle(row, target))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        return len(claimed)

    async def _handle(self, row: OutboxMessage, target: Target) -> None:
        """Send one row (or defer it), then record the outcome; runs as a task per row."""
        try:
            outcome = await self._attempt(row, target)
        except Exception as error:
            outcome = classify(error, self.clock())
        try:
            await self._record(row, outcome)
        except Exception as error:
            # The row stays `sending` under this worker; its lease (or the next start on SQLite) sends it again.
            log.warning("outbox.mark_failed_db id=%s error=%s", row.id, type(error).__name__)

    async def _attempt(self, row: OutboxMessage, target: Target) -> Outcome:
        if target.problem:
            return Failure(target.problem, retryable=False)
        try:
            activity = Activity().deserialize(dict(row.activity))
        except Exception:
            return Failure("the stored activity could not be read", retryable=False)
        # The conversation's budget is booked now, in claim order (a long wait goes back to the table); the
        # tenant's is taken just before each request, so that late sends cannot bunch up at the connector.
        conversation = [(f"conversation:{target.lane}", self.options.conversation_budget)]
        now = asyncio.get_running_loop().time()
        wait = self._pacer.earliest(conversation, now) - now
        if wait > self.options.wait_in_memory_seconds:
            return Deferred(self.clock() + timedelta(seconds=wait))
        send_at = self._pacer.reserve(conversation, now)
        # The time limit covers the wait behind the conversation's earlier sends too, so that no row is held
        # for longer than its lease even when a conversation's connector hangs.
        try:
            return await asyncio.wait_for(
                self._send_in_turn(activity, target, send_at), self.options.send_timeout_seconds
            )
        except TimeoutError as error:
            return classify(error, self.clock())

    async def _send_in_turn(self, activity: Activity, target: Target, send_at: float) -> Outcome:
        async with self._lanes.hold(target.lane):
            await _sleep_until(send_at)
            return await self._send(activity, target)

    async def _send(self, activity: Activity, target: Target) -> Outcome:
        if target.conversation is not None:
            delivery = _Delivery(activity, before_send=self._tenant_gate(target))
            await self.adapter.continue_conversation(reference_for(target.conversation), delivery, self.app_id)
        else:
            delivery = await self._open_and_send(activity, target)
        if delivery.sent is not None:
            return delivery.sent
        if delivery.error is not None:
            return classify(delivery.error, self.clock())
        if not delivery.called:
            return Failure("the adapter did not run the send (stopped by middleware)", retryable=False)
        return Failure("the connector returned no answer", retryable=True)

    def _tenant_gate(self, target: Target) -> Callable[[TurnContext], Awaitable[None]]:
        """Wait until the tenant's budget allows one more request and take it."""
        budget = [(f"tenant:{target.tenant}", self.options.tenant_budget)]

        async def gate(_turn_context: TurnContext | None = None) -> None:
            loop = asyncio.get_running_loop()
            wait = self._pacer.take(budget, loop.time(), CATCH_UP_SECONDS)
            while wait > 0:
                await asyncio.sleep(wait)
                wait = self._pacer.take(budget, loop.time(), CATCH_UP_SECONDS)

        return gate

    async def _open_and_send(self, activity: Activity, target: Target) -> _Delivery:
        """Open a 1:1 chat with a person who has the app installed, remember it, and send into it."""
        opener = target.opener
        assert opener is not None
        aad_object_id = target.lane.removeprefix("user:")
        parameters = ConversationParameters(
            is_group=False,
            bot=ChannelAccount(id=opener.bot_id) if opener.bot_id else None,
            members=[ChannelAccount(id=aad_object_id, aad_object_id=aad_object_id)],
            tenant_id=target.tenant,
            channel_data={"tenant": {"id": target.tenant}},
        )
        gate = self._tenant_gate(target)

        async def remember_then_pace(turn_context: TurnContext) -> None:
            conversation = Conversation(
                id=str(turn_context.activity.conversation.id),
                kind="personal",
                service_url=opener.service_url,
                tenant_id=target.tenant,
                channel_id=opener.channel_id,
                bot_id=opener.bot_id,
                user_aad_id=aad_object_id,
            )
            await self._call(remember_personal, self.engine, conversation, self.clock())
            await gate(turn_context)

        delivery = _Delivery(activity, before_send=remember_then_pace)
        await gate(None)
        await self.adapter.create_conversation(
            self.app_id,
            delivery,
            parameters,
            channel_id=opener.channel_id or "msteams",
            service_url=opener.service_url,
        )
        return delivery

    async def _record(self, row: OutboxMessage, outcome: Outcome) -> None:
        row_id, worker = int(row.id or 0), self.worker
        mark: Mark
        if isinstance(outcome, Sent):
            mark = partial(
                outbox.mark_sent,
                row_id=row_id,
                worker=worker,
                activity_id=outcome.activity_id,
                conversation_id=outcome.conversation_id,
                now=self.clock(),
            )
            log.info("outbox.sent id=%s attempts=%s", row_id, row.attempts)
        elif isinstance(outcome, Deferred):
            mark = partial(outbox.defer, row_id=row_id, worker=worker, not_before=outcome.until)
            log.info("outbox.deferred id=%s until=%s", row_id, outcome.until.isoformat(timespec="seconds"))
        elif outcome.retryable and row.attempts < self.options.max_attempts:
            delay = retry_delay(row.attempts, outcome.retry_after, self.options, self._rng)
            not_before = self.clock() + timedelta(seconds=delay)
            mark = partial(outbox.mark_retry, row_id=row_id, worker=worker, not_before=not_before, error=outcome.reason)
            log.info(
                "outbox.retry id=%s attempts=%s delay=%.1f reason=%s", row_id, row.attempts, delay, _short(outcome)
            )
        else:
            reason = outcome.reason
            if outcome.retryable:
                reason = f"gave up after {row.attempts} attempts: {reason}"
            mark = partial(outbox.mark_failed, row_id=row_id, worker=worker, error=reason)
            log.warning("outbox.failed id=%s attempts=%s reason=%s", row_id, row.attempts, _short(outcome))
        if not await self._write(mark):
            log.warning("outbox.lease_lost id=%s worker=%s", row_id, worker)

    async def _write(self, mark: Mark) -> bool:
        """Queue an outcome; outcomes that pile up while a write runs go together in the next transaction."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._marks.append((mark, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_queued())
        return await future

    async def _write_queued(self) -> None:
        while self._marks:
            batch, self._marks = self._marks, []
            try:
                kept = await self._call(write_marks, self.engine, [mark for mark, _future in batch])
            except Exception as error:
                for _mark, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_mark, future), held in zip(batch, kept, strict=True):
                if not future.done():
                    future.set_result(held)

    async def _call(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking database function on this dispatcher's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, lambda: function(*args, **kwargs))


async def _sleep_until(moment: float) -> None:
    delay = moment - asyncio.get_running_loop().time()
    if delay > 0:
        await asyncio.sleep(delay)


def _short(failure: Failure) -> str:
    """The reason's first part for logs (e.g. `HTTP 429`), without the connector's free text."""
    return failure.reason.split(":", 1)[0]


DISPATCHER_KEY: web.AppKey[Dispatcher] = web.AppKey("outbox_dispatcher", Dispatcher)


def attach(
    app: web.Application, runtime: Runtime, adapter: CloudAdapter, options: DispatchOptions | None = None
) -> None:
    """Run a dispatcher for as long as the web app runs (aiohttp on_startup / on_cleanup)."""
    dispatcher = Dispatcher(
        runtime.engine,
        adapter,
        app_id=runtime.settings.app_id,
        fallback_tenant=runtime.settings.app_tenant_id,
        options=options,
    )
    app[DISPATCHER_KEY] = dispatcher

    async def start(_app: web.Application) -> None:
        await dispatcher.start()

    async def stop(_app: web.Application) -> None:
        await dispatcher.stop()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
