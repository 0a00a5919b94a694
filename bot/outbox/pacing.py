"""Pacing of proactive sends: Teams' request budgets per conversation and per tenant, one send at a time per
conversation. In memory and per process: each replica paces its own sends."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass


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
