"""Pacing of proactive sends: Teams' request budgets per conversation and per tenant, one send at a time per
conversation.

`Pacer` keeps the budgets in memory, for one process (SQLite: there is only one). With PostgreSQL several replicas
send to the same tenants, so `SharedPacer` books every send in the database (`storage.budget`) and a 429 any
replica gets pauses them all."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.engine import Connection, Engine

from storage import budget

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """At most `limit` requests in any `seconds` long stretch of time."""

    limit: int
    seconds: float


# Teams, per bot and conversation: 7 messages per second, 8 per 2 s, 60 per 30 s and 1,800 per hour.
CONVERSATION_BUDGET = (Window(7, 1.0), Window(8, 2.0), Window(60, 30.0), Window(1800, 3600.0))
# Teams: about 50 requests/s per bot and tenant. Evenly spaced and a little below, so that network jitter cannot
# make the requests arrive faster than that.
TENANT_BUDGET = (Window(48, 1.0), Window(1, 1 / 48))
# A send that wakes up this late still counts from the moment it was allowed (see Pacer.take): without it, the
# event loop's small delays add up to a rate well below the budget; with much more, sends could bunch up.
CATCH_UP_SECONDS = 0.01


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

    async def acquire(self, budgets: Sequence[tuple[str, Sequence[Window]]]) -> None:
        """Wait until every budget allows one more request and take it (see `take`, with CATCH_UP_SECONDS)."""
        loop = asyncio.get_running_loop()
        wait = self.take(budgets, loop.time(), CATCH_UP_SECONDS)
        while wait > 0:
            await asyncio.sleep(wait)
            wait = self.take(budgets, loop.time(), CATCH_UP_SECONDS)

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


async def sleep_until(moment: float) -> None:
    """Sleep until the event loop's clock reaches `moment` (a time `Pacer.reserve` handed out)."""
    delay = moment - asyncio.get_running_loop().time()
    if delay > 0:
        await asyncio.sleep(delay)


# A send that wakes more than this after its shared slot books a new one (at most LATE_REBOOKS times): at 48 slots
# a second, sends up to 15 ms late still make at most 49 requests in any second (48 * 1.015 + 1 slot at the edge).
LATE_SECONDS = 0.015
LATE_REBOOKS = 5
# The slot `SharedPacer.reserve` booked for the send the current task is making.
_BOOKED: ContextVar[float | None] = ContextVar("medbot_booked_slot", default=None)


class DatabaseClock:
    """The database's clock read on this process's monotonic clock (the event loop's `loop.time()`).

    A slot is a moment on the database's clock. Turned into a local wait with the `now` of its own booking, it
    would move by however long that answer took to reach the event loop (a thread waiting for the GIL, a busy
    loop): slots 21 ms apart could then be sent together. So every booking is also a clock sample, and slots are
    placed with the offset of the quickest recent round trip (NTP's rule: the shortest trip bounds the error
    best). Only the samples of the last `max_age` seconds count, so that a changed wall clock is followed.
    """

    def __init__(self, samples: int = 64, max_age: float = 10.0) -> None:
        self.max_age = max_age
        self._samples: deque[tuple[float, float, float]] = deque(maxlen=samples)  # (taken at, round trip, offset)
        self._lock = threading.Lock()  # booking threads add samples while the event loop reads them

    def observe(self, sent: float, answered: float, database_now: float) -> None:
        """One round trip: local monotonic times before and after, and the database's clock read in between."""
        with self._lock:
            self._samples.append((answered, answered - sent, database_now - (sent + answered) / 2))

    def local(self, database_time: float) -> float:
        """A moment on the database's clock as a local monotonic time (needs one `observe` first)."""
        with self._lock:
            newest = self._samples[-1][0]
            recent = [sample for sample in self._samples if sample[0] >= newest - self.max_age]
        return database_time - min(recent, key=lambda sample: sample[1])[2]


class BudgetUnavailable(RuntimeError):
    """The shared budget did not answer in time (or failed): the send is not made, and is retried later."""


class SharedPacer:
    """The budgets of every replica, in PostgreSQL: one booking per request, on threads of its own.

    A booking is one statement on an autocommit connection of the pacer's own (no pool checkout, no BEGIN/COMMIT:
    in a busy process each round trip costs the thread a wait for the GIL). A few threads book at once, so those
    waits overlap and the event loop never waits for the database; the order of bookings does not matter, as each
    send sleeps until its own slot and the dispatcher's lanes keep a conversation's sends in order. A call that
    takes longer than `timeout` seconds raises BudgetUnavailable: nothing is sent unbooked.
    """

    def __init__(
        self,
        engine: Engine,
        conversation_budget: Sequence[Window] = CONVERSATION_BUDGET,
        tenant_budget: Sequence[Window] = TENANT_BUDGET,
        timeout: float = 5.0,
        threads: int = 4,
    ) -> None:
        self.engine = engine
        self.conversation_budget = tuple(conversation_budget)
        self.tenant_budget = tuple(tenant_budget)
        self.timeout = timeout
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="send-budget")
        self._local = threading.local()  # each thread's own connection
        self._connections: list[Connection] = []
        self._clock = DatabaseClock()

    async def reserve(self, tenant: str, lane: str, max_wait: float | None) -> tuple[bool, float]:
        """Book one request against the tenant and the conversation unless its slot is more than `max_wait`
        seconds away; returns whether it was booked and the seconds until the slot.

        The next `acquire` in the same task waits for this slot instead of booking another.
        """
        booking, slot_at = await self._book(tenant, lane, max_wait)
        if booking.booked:
            _BOOKED.set(slot_at)
        return booking.booked, booking.delay

    async def acquire(self, tenant: str, lane: str) -> None:
        """Wait for the slot `reserve` booked for this send (else book one); book again when the wait ended late.

        A send made well after its slot would crowd the slots other replicas booked after it, so a late wake-up
        (a busy process) takes a new slot instead; after a few tries it sends anyway, and says so.
        """
        loop = asyncio.get_running_loop()
        slot_at = _BOOKED.get()
        _BOOKED.set(None)
        for _ in range(LATE_REBOOKS):
            if slot_at is None:
                slot_at = (await self._book(tenant, lane, None))[1]
            await sleep_until(slot_at)
            late = loop.time() - slot_at
            if late <= LATE_SECONDS:
                return
            slot_at = None
        log.warning("outbox.sent_late seconds=%.3f", late)

    async def _book(self, tenant: str, lane: str, max_wait: float | None) -> tuple[budget.Booking, float]:
        """Book, and return the booking with its slot on the local monotonic clock."""
        booking = await self._call(self._timed_book, tenant, lane, max_wait)
        return booking, self._clock.local(booking.slot)

    def _timed_book(self, connection: Connection, tenant: str, lane: str, max_wait: float | None) -> budget.Booking:
        """On a booking thread: book, and give the clock the round trip's sample."""
        sent = time.monotonic()
        booking = budget.book(
            connection,
            _tenant(tenant),
            self.tenant_budget,
            _conversation(lane),
            self.conversation_budget,
            None,
            max_wait,
        )
        self._clock.observe(sent, time.monotonic(), booking.now)
        return booking

    async def throttled(self, tenant: str, seconds: float) -> None:
        """Teams answered 429: every replica waits `seconds` before its next request to the tenant."""
        try:
            await self._call(budget.throttle, _tenant(tenant), seconds)
        except BudgetUnavailable:
            log.warning("outbox.throttle_not_shared seconds=%.1f", seconds)

    def close(self) -> None:
        """Let calls still running finish, then end the threads and close their connections."""
        self._threads.shutdown(wait=True)
        for connection in self._connections:
            with contextlib.suppress(Exception):
                connection.close()
        self._connections.clear()

    async def _call(self, function: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(
                loop.run_in_executor(self._threads, self._on_connection, function, *args), self.timeout
            )
        except Exception as error:
            raise BudgetUnavailable(f"the shared send budget failed: {type(error).__name__}") from error

    def _on_connection(self, function: Callable[..., T], *args: object) -> T:
        """Run `function(connection, *args)` on this thread's connection; a failed one is replaced next time."""
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self._local.connection = connection
            self._connections.append(connection)
        try:
            return function(connection, *args)
        except Exception:
            self._local.connection = None
            self._connections.remove(connection)
            with contextlib.suppress(Exception):
                connection.close()
            raise


def _tenant(tenant: str) -> str:
    return f"tenant:{tenant}"


def _conversation(lane: str) -> str:
    return f"conversation:{lane}"
