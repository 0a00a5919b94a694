"""Anonymous counts held by the process and written in shuffled batches, apart from every turn.

A turn that wrote its unanswered question itself would share its transaction, or follow it closely, with the
turn's identity-bearing writes (the asker's conversation reference): PostgreSQL's hidden `xmin` and SQLite's write
order would tie the two together. So dialogs only count in memory (per normalised question and day, per entry and
day), and the service writes the counts in one transaction that touches nothing else: on a timer, once a few rows
have gathered or they have waited long enough, and when the process ends. A crash loses the counts held since the
last write, never an identity.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from aiohttp import web
from sqlalchemy.engine import Engine

from storage import knowledge as store
from storage.db import session_scope

log = logging.getLogger(__name__)

FLUSH_EVERY = timedelta(minutes=10)  # how often the service looks at what it holds
MIN_BATCH = 5  # rows that make a write worth it: one lone row is easier to place in time
HOLD_AT_MOST = timedelta(hours=1)  # a quiet hour's counts are written anyway
MAX_ROWS = 10_000  # distinct rows held while the database is away; new ones past this are dropped (and logged)


class AnonymousCounts:
    """The in-memory buffer behind `dialogs.base.AnonymousCounter`; thread-safe, since turns run in threads.

    Whatever it still holds when the process ends normally is written at exit (so `medbot chat` counts too); the
    service writes it earlier, on its timer and on shutdown.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        rng: random.Random | None = None,
        min_batch: int = MIN_BATCH,
        hold_at_most: timedelta = HOLD_AT_MOST,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.rng = rng or random.SystemRandom()
        self.min_batch = min_batch
        self.hold_at_most = hold_at_most
        self.monotonic = monotonic
        self.dropped = 0
        self._lock = threading.Lock()
        self._questions: Counter[store.QuestionKey] = Counter()
        self._ratings: dict[store.RatingKey, tuple[int, int]] = {}
        self._held_since: float | None = None

    # --- what dialogs call -----------------------------------------------------------------------------------

    def unanswered(self, question: str, on: date) -> None:
        """Count a question the bot could not answer; only its normalised form is kept."""
        text = store.normalise_question(question)
        if not text:
            return
        with self._lock:
            key = (text, on)
            if key in self._questions or self._has_room():
                self._questions[key] += 1
                self._held()

    def rated(self, entry_id: str, helpful: bool, on: date) -> None:
        """Count one 👍 or 👎 for an entry."""
        with self._lock:
            key = (entry_id, on)
            if key in self._ratings or self._has_room():
                good, bad = self._ratings.get(key, (0, 0))
                self._ratings[key] = (good + int(helpful), bad + int(not helpful))
                self._held()

    # --- what the service calls ------------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        """Distinct rows waiting to be written."""
        with self._lock:
            return len(self._questions) + len(self._ratings)

    def due(self) -> bool:
        """True when a write is worth it: a few rows have gathered, or the oldest has waited long enough."""
        with self._lock:
            if self._held_since is None:
                return False
            waited = self.monotonic() - self._held_since
            rows = len(self._questions) + len(self._ratings)
            return rows >= self.min_batch or waited >= self.hold_at_most.total_seconds()

    def flush(self) -> int:
        """Write everything held in one transaction of its own; the rows written (0 when it failed or was empty).

        Blocking: the service calls it in a worker thread. When the write fails the counts are kept for the next
        try, and the log names the error's type only: a database error's text carries the statement's parameters,
        which are the questions.
        """
        with self._lock:
            questions, ratings = self._questions, self._ratings
            if not questions and not ratings:
                return 0
            self._questions, self._ratings = Counter(), {}
            held_since, self._held_since = self._held_since, None
            dropped, self.dropped = self.dropped, 0
            atexit.unregister(self._flush_at_exit)
        try:
            with session_scope(self.engine) as session:
                written = store.add_counts(session, questions, ratings, self.rng)
        except Exception as exc:
            self._put_back(questions, ratings, held_since)
            log.warning("anonymous.flush_failed rows=%d error=%s", len(questions) + len(ratings), type(exc).__name__)
            return 0
        log.info("anonymous.flushed rows=%d dropped=%d", written, dropped)
        return written

    def flush_if_due(self) -> int:
        """The timer's tick: write when `due`, else keep holding."""
        return self.flush() if self.due() else 0

    # --- inside ----------------------------------------------------------------------------------------------

    def _has_room(self) -> bool:
        """Room for one more distinct row; counted as dropped when not (called with the lock held)."""
        if len(self._questions) + len(self._ratings) < MAX_ROWS:
            return True
        self.dropped += 1
        return False

    def _held(self) -> None:
        """Start the hold clock and the exit write with the first count held (called with the lock held)."""
        if self._held_since is None:
            self._held_since = self.monotonic()
            atexit.register(self._flush_at_exit)

    def _put_back(
        self,
        questions: Counter[store.QuestionKey],
        ratings: dict[store.RatingKey, tuple[int, int]],
        held_since: float | None,
    ) -> None:
        """Merge counts whose write failed with those counted meanwhile."""
        with self._lock:
            self._questions.update(questions)
            for key, (good, bad) in ratings.items():
                now_good, now_bad = self._ratings.get(key, (0, 0))
                self._ratings[key] = (now_good + good, now_bad + bad)
            if held_since is not None:
                self._held_since = min(held_since, self._held_since or held_since)
                atexit.register(self._flush_at_exit)

    def _flush_at_exit(self) -> None:
        """A process that ends normally writes what it still holds."""
        with contextlib.suppress(Exception):
            self.flush()


ANONYMOUS_KEY: web.AppKey[AnonymousCounts] = web.AppKey("anonymous", AnonymousCounts)


async def flush_now(counts: AnonymousCounts) -> int:
    """Write what is held, from the event loop (the write runs in a worker thread)."""
    return await asyncio.to_thread(counts.flush)


def attach(app: web.Application, counts: AnonymousCounts, every: timedelta = FLUSH_EVERY) -> None:
    """Write the counts on a timer for as long as the web app runs, and everything left on shutdown."""
    app[ANONYMOUS_KEY] = counts
    tasks: list[asyncio.Task[None]] = []

    async def tick_forever() -> None:
        while True:
            await asyncio.sleep(every.total_seconds())
            await asyncio.to_thread(counts.flush_if_due)

    async def start(_app: web.Application) -> None:
        tasks.append(asyncio.create_task(tick_forever(), name="anonymous-counts"))

    async def stop(_app: web.Application) -> None:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        tasks.clear()
        await flush_now(counts)

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
