"""The dispatcher: claims due outbox rows, paces and sends them through the adapter, records each outcome.

A row with `update_of` replaces the message another row delivered (PUT of that activity, in the conversation it
landed in) instead of sending a new one; it is claimed, paced, retried and marked exactly like a send.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import ParamSpec, TypeVar

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.activities import reference_for
from bot.clock import Clock
from bot.clock import now as wall_clock
from bot.outbox.delivery import Delivery, opened_chat, personal_chat
from bot.outbox.pacing import (
    CONVERSATION_BUDGET,
    TENANT_BUDGET,
    Lanes,
    Pacer,
    SharedPacer,
    Window,
    sleep_until,
)
from bot.outbox.policy import Deferred, Failure, Outcome, Sent, classify, retry_delay
from bot.outbox.routing import Destination, remember_personal, resolve
from bot.runtime import Runtime
from storage import outbox
from storage.conversations import Conversation
from storage.db import is_sqlite
from storage.outbox import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

FinalFailure = Callable[[Session, OutboxMessage, str, datetime], object]
"""Told when a row fails for good, in the transaction that marks it (so a notice it writes is stored with the
mark, or not at all); registered by dedupe-key prefix (e.g. `item:`), so the outbox knows no dialog."""


# How long an update waits for the message it replaces to be delivered before it looks again (not an attempt).
UPDATE_WAIT = timedelta(seconds=5)


@dataclass(frozen=True)
class InPlace:
    """What an update row replaces: the delivered activity's id, or (`waiting`) a message still on its way."""

    activity_id: str = ""
    waiting: bool = False


Claimed = tuple[OutboxMessage, Destination, InPlace | None]


@dataclass(frozen=True)
class Drained:
    """What a stop did with this process's rows: sends finished in the grace period, sends cut off, rows handed back."""

    finished: int = 0
    cut_off: int = 0
    released: int = 0


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


def worker_id() -> str:
    """hostname:pid:random, unique per dispatcher, so a row's claim names the process that holds it."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:100]


def claim_batch(
    engine: Engine, worker: str, limit: int, now: datetime, lease: timedelta, fallback_tenant: str
) -> list[Claimed]:
    """Claim due rows and find where each goes (for an update: what it replaces), in one trip to the database
    thread."""
    rows = outbox.claim(engine, worker, limit, now, lease)
    if not rows:
        return []
    with Session(engine, expire_on_commit=False) as session:
        replaced = [row.update_of for row in rows if row.update_of is not None]
        originals = {o.id: o for o in session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(replaced)))}
        # One query loads the batch's conversations; `resolve` then finds them in the session without SQL.
        wanted = [row.conversation_id for row in rows if row.conversation_id]
        wanted += [o.sent_conversation_id for o in originals.values() if o.sent_conversation_id]
        wanted += [o.conversation_id for o in originals.values() if o.conversation_id]
        session.exec(select(Conversation).where(col(Conversation.id).in_(wanted))).all()
        return [_plan(session, row, originals, fallback_tenant) for row in rows]


def _plan(
    session: Session, row: OutboxMessage, originals: Mapping[int | None, OutboxMessage], fallback_tenant: str
) -> Claimed:
    """Where a row goes; an update goes where the message it replaces landed, once that message is delivered."""
    if row.update_of is None:
        return row, resolve(session, row, fallback_tenant), None
    original = originals.get(row.update_of)
    lane = row.conversation_id or f"user:{row.user_aad_id}"
    if original is not None and original.status in (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value):
        return row, Destination(lane, row.tenant_id), InPlace(waiting=True)
    if original is None or original.status != OutboxStatus.SENT.value or not original.sent_activity_id:
        return row, Destination(lane, row.tenant_id, problem="the message to update was never delivered"), InPlace()
    # Where the original landed: a 1:1 chat is stored under that id; a channel under its thread (`;messageid=…`),
    # which the original's own routing finds again. Either way the update must reach that same conversation.
    stored = session.get(Conversation, original.sent_conversation_id)
    landed = OutboxMessage(
        dedupe_key=row.dedupe_key,
        conversation_id=stored.id if stored is not None else original.conversation_id,
        user_aad_id="" if stored is not None else original.user_aad_id,
        tenant_id=row.tenant_id or original.tenant_id,
        activity=row.activity,
        not_before=row.not_before,
        created_at=row.created_at,
    )
    target = resolve(session, landed, fallback_tenant)
    if target.conversation is not None and reference_for(target.conversation).conversation.id != (
        original.sent_conversation_id
    ):
        return row, Destination(lane, row.tenant_id, problem="the conversation of the message to update is gone"), None
    return row, target, InPlace(activity_id=original.sent_activity_id)


Mark = Callable[[Session], bool]


def write_marks(engine: Engine, marks: Sequence[Mark]) -> list[bool]:
    """Write many rows' outcomes in one transaction; each result says whether this worker still held the row."""
    with Session(engine) as session:
        kept = [mark(session) for mark in marks]
        session.commit()
    return kept


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
        on_final_failure: Mapping[str, FinalFailure] | None = None,
    ) -> None:
        self.engine = engine
        self.on_final_failure = dict(on_final_failure or {})
        self.adapter = adapter
        self.app_id = app_id
        self.fallback_tenant = fallback_tenant.lower()
        self.options = options or DispatchOptions()
        self.worker = worker or worker_id()
        self.clock = clock
        self._pacer = Pacer()
        # PostgreSQL: replicas share the tenant's and each conversation's budget (and a 429's pause) in the database.
        self._shared: SharedPacer | None = None
        if not is_sqlite(engine):
            self._shared = SharedPacer(engine, self.options.conversation_budget, self.options.tenant_budget)
        self._lanes = Lanes()
        self._rng = random.Random()
        self._in_flight: set[asyncio.Task[None]] = set()
        self._marks: list[tuple[Mark, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self._drain_deadline: float | None = None
        self.drained: Drained | None = None  # set by `stop`
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # One thread for this dispatcher's database work: its claims and marks neither wait behind nor crowd out
        # the turns' database work in the default executor, and a release at stop runs after any pending write.
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-db")

    # --- lifecycle ---------------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Recover what a dead SQLite process left in flight, then run in the background."""
        if is_sqlite(self.engine):
            reclaimed = await self._call(outbox.reclaim_sending, self.engine)
            if reclaimed:
                log.warning("outbox.reclaimed rows=%s", reclaimed)
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(self._run(), name="outbox-dispatcher")
        log.info("outbox.started worker=%s", self.worker)

    def wake(self) -> None:
        """Look for due rows now instead of at the next poll: a commit that added rows calls this.

        Safe from any thread (a turn commits in a worker thread); does nothing unless the dispatcher runs.
        """
        loop = self._loop
        if loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the event loop closed while a worker thread finished its turn
            loop.call_soon_threadsafe(self._wake.set)

    def stop_claiming(self) -> int:
        """The drain begins (SIGTERM): claim nothing from now on and begin no new send; returns the sends in flight.

        Sends already at the connector go on; `stop` waits for them until `stop_grace_seconds` after this call.
        """
        if self._drain_deadline is None:
            self._drain_deadline = asyncio.get_running_loop().time() + self.options.stop_grace_seconds
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
        return len(self._in_flight)

    async def stop(self) -> None:
        """Stop claiming, let sends in flight finish briefly, and hand back whatever this process still holds."""
        self.stop_claiming()
        self._loop = None
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        finished = cut_off = 0
        if self._in_flight:
            grace = max(0.0, (self._drain_deadline or 0.0) - asyncio.get_running_loop().time())
            done, pending = await asyncio.wait(self._in_flight, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            finished, cut_off = len(done), len(pending)
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)
        released = await self._call(outbox.release_own, self.engine, self.worker)
        self.drained = Drained(finished, cut_off, released)
        self._db.shutdown(wait=True)
        if self._shared is not None:
            self._shared.close()
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
        for row, target, in_place in claimed:
            task = asyncio.create_task(self._handle(row, target, in_place))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        return len(claimed)

    async def _handle(self, row: OutboxMessage, target: Destination, in_place: InPlace | None = None) -> None:
        """Send one row (or defer it), then record the outcome; runs as a task per row."""
        try:
            outcome = await self._attempt(row, target, in_place)
        except Exception as error:
            outcome = classify(error, self.clock())
        if self._shared is not None and isinstance(outcome, Failure) and outcome.short == "HTTP 429":
            await self._shared.throttled(target.tenant, outcome.retry_after or 1.0)
        try:
            await self._record(row, outcome)
        except Exception as error:
            # The row stays `sending` under this worker; its lease (or the next start on SQLite) sends it again.
            log.warning("outbox.mark_failed_db id=%s error=%s", row.id, type(error).__name__)

    async def _attempt(self, row: OutboxMessage, target: Destination, in_place: InPlace | None = None) -> Outcome:
        if in_place is not None and in_place.waiting:
            return Deferred(self.clock() + UPDATE_WAIT)
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
        # PostgreSQL: both budgets are shared by the replicas and booked in the conversation's turn (_send_booked).
        send_at = None if self._shared is not None else self._pacer.reserve(conversation, now)
        # The time limit covers the wait behind the conversation's earlier sends too, so that no row is held
        # for longer than its lease even when a conversation's connector hangs.
        try:
            update_of = in_place.activity_id if in_place is not None else ""
            return await asyncio.wait_for(
                self._send_in_turn(activity, target, send_at, update_of), self.options.send_timeout_seconds
            )
        except TimeoutError as error:
            return classify(error, self.clock())

    async def _send_in_turn(
        self, activity: Activity, target: Destination, send_at: float | None, update_of: str = ""
    ) -> Outcome:
        async with self._lanes.hold(target.lane):
            if send_at is None:
                return await self._send_booked(activity, target, update_of)
            await sleep_until(send_at)
            if self._stopping:  # draining: a send not yet begun goes back to the table, not counted as an attempt
                return Deferred(self.clock())
            return await self._send(activity, target, update_of)

    async def _send_booked(self, activity: Activity, target: Destination, update_of: str = "") -> Outcome:
        """Book the send in the budgets every replica shares (tenant and conversation), then send; the tenant gate
        waits for the slot, just before the request.

        A slot further away than `wait_in_memory_seconds` (the conversation is busy, or a 429 paused the tenant)
        books nothing, and the row goes back to the table until then.
        """
        assert self._shared is not None
        max_wait = self.options.wait_in_memory_seconds
        booked, delay = await self._shared.reserve(target.tenant, target.lane, max_wait)
        if not booked:
            return Deferred(self.clock() + timedelta(seconds=delay))
        if self._stopping:  # draining: as in _send_in_turn
            return Deferred(self.clock())
        return await self._send(activity, target, update_of)

    async def _send(self, activity: Activity, target: Destination, update_of: str = "") -> Outcome:
        if target.conversation is not None:
            delivery = Delivery(activity, before_send=self._tenant_gate(target), update_of=update_of)
            await self.adapter.continue_conversation(reference_for(target.conversation), delivery, self.app_id)
        elif update_of:
            return Failure("the conversation of the message to update is not stored", retryable=False)
        else:
            delivery = await self._open_and_send(activity, target)
        if delivery.sent is not None:
            return delivery.sent
        if delivery.error is not None:
            return classify(delivery.error, self.clock())
        if not delivery.called:
            return Failure("the adapter did not run the send (stopped by middleware)", retryable=False)
        return Failure("the connector returned no answer", retryable=True)

    def _tenant_gate(self, target: Destination) -> Callable[[TurnContext], Awaitable[None]]:
        """Wait until the tenant's budget allows one more request and take it."""
        budget = [(f"tenant:{target.tenant}", self.options.tenant_budget)]

        async def gate(_turn_context: TurnContext | None = None) -> None:
            if self._shared is not None:  # the slot _send_booked booked for this send, or a new one
                await self._shared.acquire(target.tenant, target.lane)
            else:
                await self._pacer.acquire(budget)

        return gate

    async def _open_and_send(self, activity: Activity, target: Destination) -> Delivery:
        """Open a 1:1 chat with a person who has the app installed, remember it, and send into it."""
        opener = target.opener
        assert opener is not None
        aad_object_id = target.lane.removeprefix("user:")
        gate = self._tenant_gate(target)

        async def remember_then_pace(turn_context: TurnContext) -> None:
            conversation = opened_chat(turn_context, opener, aad_object_id, target.tenant)
            await self._call(remember_personal, self.engine, conversation, self.clock())
            await gate(turn_context)

        delivery = Delivery(activity, before_send=remember_then_pace)
        await gate(None)
        await self.adapter.create_conversation(
            self.app_id,
            delivery,
            personal_chat(opener, aad_object_id, target.tenant),
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
            log.info("outbox.retry id=%s attempts=%s delay=%.1f reason=%s", row_id, row.attempts, delay, outcome.short)
        else:
            reason = outcome.reason
            if outcome.retryable:
                reason = f"gave up after {row.attempts} attempts: {reason}"
            mark = self._tell_final_failure(
                partial(outbox.mark_failed, row_id=row_id, worker=worker, error=reason), row, reason
            )
            log.warning("outbox.failed id=%s attempts=%s reason=%s", row_id, row.attempts, outcome.short)
        if not await self._write(mark):
            log.warning("outbox.lease_lost id=%s worker=%s", row_id, worker)

    def _tell_final_failure(self, mark: Mark, row: OutboxMessage, reason: str) -> Mark:
        """The mark, followed (while this worker still held the row) by the hooks registered for its key."""
        hooks = [hook for prefix, hook in self.on_final_failure.items() if row.dedupe_key.startswith(prefix)]
        if not hooks:
            return mark

        def mark_and_tell(session: Session) -> bool:
            held = mark(session)
            for hook in hooks if held else []:
                try:
                    hook(session, row, reason, self.clock())
                except Exception as error:  # a broken hook must not lose the mark
                    log.warning("outbox.final_failure_hook_failed id=%s error=%s", row.id, type(error).__name__)
            if held:
                self.wake()  # a notice the hook queued goes out without waiting for the next poll
            return held

        return mark_and_tell

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


DISPATCHER_KEY: web.AppKey[Dispatcher] = web.AppKey("outbox_dispatcher", Dispatcher)


def attach(
    app: web.Application, runtime: Runtime, adapter: CloudAdapter, options: DispatchOptions | None = None
) -> Dispatcher:
    """Run a dispatcher for as long as the web app runs (aiohttp on_startup / on_cleanup); returns it."""
    dispatcher = Dispatcher(
        runtime.engine,
        adapter,
        app_id=runtime.settings.app_id,
        fallback_tenant=runtime.settings.app_tenant_id,
        options=options,
        on_final_failure=runtime.final_failure_hooks,
    )
    app[DISPATCHER_KEY] = dispatcher

    async def start(_app: web.Application) -> None:
        await dispatcher.start()

    async def stop(_app: web.Application) -> None:
        await dispatcher.stop()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    return dispatcher
