"""The scheduler: wakes the evaluation of reminders, feedback nudges and the weekly admin summary (APScheduler 3).

APScheduler only keeps time here. Its job lives in an in-memory job store, one per process: APScheduler 3 must never
share a job store between processes, and it need not, because each tick computes from the database what is due,
and the outbox's unique dedupe keys make every reminder exactly-once across ticks, replicas and restarts. The
first tick runs at start, before the server takes requests, so reminders missed while the service was down go
out once. No tick does anything between 02:00 and 03:00 local time, the hour daylight saving time skips or repeats.
The same tick writes the weekly admin summary once it is due (dialogs/admin/summary.py: the week's first working day
from 08:00); its dedupe key per ISO week and admin makes every later tick that week write nothing.
A second job, once a day, deletes what the README's "Databehandling" promises to keep only MEDBOT_RETENTION_DAYS.

With several replicas on PostgreSQL one of them is the evaluator: both jobs do their work only in the process that
holds a session-level advisory lock (`EvaluatorLock`) on a connection of its own. A lock rather than a lease row:
PostgreSQL releases it the moment the holder's connection ends (a SIGKILL, a crash, a graceful stop closing it), so
no expiry must be tuned against the tick, and it needs no table. Every other replica tries to take it at each of its
ticks, so a dead evaluator is replaced within one interval (MEDBOT_EVALUATE_SECONDS). The lock saves duplicate work;
exactly-once still rests on the dedupe keys, so a moment with two evaluators (a holder that has not yet noticed its
connection is gone) sends nothing twice. SQLite is one process, always the evaluator.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from bot import clock
from bot.runtime import Runtime
from dialogs import feedback, reminders
from dialogs.admin import summary
from dialogs.workdays import in_quiet_hour
from knowledge.index import KnowledgeBase
from knowledge.yamlfile import InputError
from storage import escalations
from storage.db import is_sqlite, session_scope
from storage.knowledge import purge_expired
from storage.outbox import redact_sent

log = logging.getLogger(__name__)

EVERY = timedelta(minutes=5)
RETENTION_EVERY = timedelta(days=1)
# The advisory lock's key, within the database (storage.db takes 4711 while it migrates).
EVALUATOR_LOCK = 4712
# The holder's session asks the server to probe its TCP peer: a host that vanished without closing the connection
# (power loss, a network split) then loses the lock within about 30 s instead of the operating system's two hours.
_HOLDER_SESSION = (
    "SET tcp_keepalives_idle = 10",
    "SET tcp_keepalives_interval = 5",
    "SET tcp_keepalives_count = 4",
)


class EvaluatorLock:
    """Whether this process is the evaluator: the holder of a PostgreSQL advisory lock (SQLite: always).

    The lock lives on a connection outside the engine's pool, because a pooled connection returned to the pool would
    keep a session lock held after this process meant to let go. Blocking: call it from a worker thread.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None
        self._locker: Engine | None = None
        self._guard = threading.Lock()  # a tick's `hold` in its thread against `release` at stop
        self._released = False

    @property
    def held(self) -> bool:
        """Whether this process held the lock at its last tick (no database call: /healthz reads it)."""
        return is_sqlite(self.engine) or (self._connection is not None and not self._released)

    def hold(self) -> bool:
        """Keep the lock, or try to take it; True when this process may evaluate now."""
        if is_sqlite(self.engine):
            return True
        with self._guard:
            return not self._released and self._keep_or_take()

    def _keep_or_take(self) -> bool:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT 1"))
                return True
            except Exception as error:
                log.warning("scheduler.evaluator_lost error=%s", type(error).__name__)
                self._drop()
        return self._take()

    def _take(self) -> bool:
        if self._locker is None:
            self._locker = create_engine(
                self.engine.url,
                poolclass=NullPool,
                isolation_level="AUTOCOMMIT",
                connect_args={
                    "connect_timeout": 5,
                    "tcp_user_timeout": 15_000,
                    "application_name": f"medbot-evaluator:{os.getpid()}",
                },
                hide_parameters=True,
            )
        try:
            connection = self._locker.connect()
        except Exception as error:
            log.warning("scheduler.evaluator_unreachable error=%s", type(error).__name__)
            return False
        try:
            for statement in _HOLDER_SESSION:
                connection.execute(text(statement))
            taken = bool(
                connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": EVALUATOR_LOCK}).scalar()
            )
        except Exception as error:
            log.warning("scheduler.evaluator_unreachable error=%s", type(error).__name__)
            taken = False
        if not taken:
            connection.close()
            return False
        self._connection = connection
        log.info("scheduler.evaluator pid=%d", os.getpid())
        return True

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception as error:
                log.warning("scheduler.evaluator_close_failed error=%s", type(error).__name__)

    def release(self) -> None:
        """Let go (a graceful stop): closing the connection ends the session, and PostgreSQL frees the lock."""
        with self._guard:
            self._released = True
            was_held = self._connection is not None
            self._drop()
            if self._locker is not None:
                self._locker.dispose()
                self._locker = None
        if was_held:
            log.info("scheduler.evaluator_released pid=%d", os.getpid())


@dataclass(frozen=True)
class TickResult:
    """What one evaluation wrote: reminders, feedback nudges, committees no reminder could reach, admin summaries."""

    reminders: int
    nudges: int
    unreachable: tuple[str, ...] = ()
    summaries: int = 0
    summary_skipped: int = 0  # admins due a summary who have no 1:1 chat with the bot


def run_due(engine: Engine, now: datetime, tz: ZoneInfo, config_dir: Path) -> TickResult:
    """Evaluate reminders and feedback nudges as of `now`, each in its own transaction: one failing spares the other."""
    evaluation = reminders.Evaluation(0)
    try:
        rules = reminders.load_rules(config_dir)
    except InputError as exc:
        log.error("reminder.rules_invalid problems=%d first=%s", len(exc.problems), exc.problems[0])
    else:
        with session_scope(engine) as session:
            evaluation = reminders.evaluate(session, now, tz, rules)
    with session_scope(engine) as session:
        nudges = feedback.evaluate(session, now, tz)
    return TickResult(evaluation.written, nudges, evaluation.unreachable)


def run_summary(
    engine: Engine, now: datetime, tz: ZoneInfo, admins: Iterable[str], kb: KnowledgeBase, retention_days: int
) -> summary.Delivery:
    """Write the weekly admin summary when it is due and not yet written, in a transaction of its own."""
    with session_scope(engine) as session:
        return summary.send_weekly(session, kb, now, tz, admins, retention_days)


@dataclass(frozen=True)
class RetentionResult:
    """What one retention run removed: questions and ratings deleted, sent outbox contents emptied, escalations."""

    knowledge: int
    outbox: int
    escalations: int = 0


def run_retention(engine: Engine, now: datetime, retention_days: int) -> RetentionResult:
    """Remove what is older than `retention_days` before `now`, each table in its own transaction."""
    with session_scope(engine) as session:
        questions_and_ratings = purge_expired(session, now, retention_days)
    with session_scope(engine) as session:
        sent = redact_sent(session, now - timedelta(days=retention_days))
    with session_scope(engine) as session:
        asked = escalations.purge_expired(session, now, retention_days)
    return RetentionResult(questions_and_ratings, sent, asked)


class Scheduler:
    """One AsyncIOScheduler per process with two jobs: the evaluation (and summary), every `every`; retention, daily."""

    def __init__(self, runtime: Runtime, every: timedelta = EVERY) -> None:
        self.runtime = runtime
        self.every = every
        self.evaluator = EvaluatorLock(runtime.engine)
        self._scheduler: AsyncIOScheduler | None = None

    async def is_evaluator(self) -> bool:
        """Hold or take the evaluator's lock (in a worker thread); a standby replica's tick stops here."""
        if await asyncio.to_thread(self.evaluator.hold):
            return True
        log.debug("scheduler.standby")
        return False

    async def tick(self) -> TickResult | None:
        """Evaluate now (in a worker thread: the database is synchronous); None in the quiet hour or on error.

        The admin summary is evaluated even when reminders failed, and its failure spares the reminders.
        """
        runtime = self.runtime
        if not await self.is_evaluator():
            return None
        now = runtime.clock()
        if in_quiet_hour(now, runtime.tz):
            log.debug("scheduler.quiet_hour")
            return None
        result: TickResult | None
        try:
            result = await asyncio.to_thread(run_due, runtime.engine, now, runtime.tz, runtime.settings.config_dir)
        except Exception:
            log.exception("scheduler.tick_failed")
            result = None
        delivery = await self.weekly_summary(now)
        if (result is not None and (result.reminders or result.nudges)) or delivery.written:
            runtime.outbox_written()
        if result is not None and (result.reminders or result.nudges):
            log.info("scheduler.tick reminders=%d nudges=%d", result.reminders, result.nudges)
        if result is None:
            return None
        return replace(result, summaries=delivery.written, summary_skipped=delivery.skipped)

    async def weekly_summary(self, now: datetime) -> summary.Delivery:
        """The admin summary as of `now` (in a worker thread); nothing written on error, the next tick tries again."""
        runtime = self.runtime
        try:
            return await asyncio.to_thread(
                run_summary,
                runtime.engine,
                now,
                runtime.tz,
                runtime.settings.admins,
                runtime.knowledge.current,
                runtime.settings.retention_days,
            )
        except Exception:
            log.exception("scheduler.summary_failed")
            return summary.Delivery()

    async def retention(self) -> RetentionResult | None:
        """Delete data past MEDBOT_RETENTION_DAYS (in a worker thread); None on error or on a standby replica."""
        runtime = self.runtime
        if not await self.is_evaluator():
            return None
        try:
            result = await asyncio.to_thread(
                run_retention, runtime.engine, runtime.clock(), runtime.settings.retention_days
            )
        except Exception:
            log.exception("scheduler.retention_failed")
            return None
        log.info(
            "scheduler.retention knowledge=%d outbox=%d escalations=%d",
            result.knowledge,
            result.outbox,
            result.escalations,
        )
        return result

    async def start(self) -> None:
        """Catch up first (missed reminders go out once), then tick every `every`."""
        await self.tick()
        # APScheduler fires on the real clock, so its start is a wall-clock moment, not the runtime's clock.
        scheduler = AsyncIOScheduler(jobstores={"default": MemoryJobStore()}, timezone=self.runtime.tz)
        scheduler.add_job(
            self.tick,
            IntervalTrigger(seconds=self.every.total_seconds(), start_date=clock.now() + self.every),
            id="evaluate",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        scheduler.add_job(
            self.retention,
            IntervalTrigger(seconds=RETENTION_EVERY.total_seconds(), start_date=clock.now() + self.every),
            id="retention",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        scheduler.start()
        self._scheduler = scheduler
        log.info("scheduler.started every_seconds=%d", int(self.every.total_seconds()))

    async def stop(self) -> None:
        """Stop ticking and hand the evaluator's lock to a standby; a tick in progress finishes in its thread and
        commits or rolls back on its own."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        await asyncio.to_thread(self.evaluator.release)


SCHEDULER_KEY: web.AppKey[Scheduler] = web.AppKey("scheduler", Scheduler)


def attach(app: web.Application, runtime: Runtime) -> None:
    """Run the scheduler for as long as the web app runs: from on_startup until the drain begins (on_shutdown).

    It stops before the server waits for requests in flight, so a standby replica can take the lock at once.
    """
    scheduler = Scheduler(runtime, timedelta(seconds=runtime.settings.evaluate_seconds))
    app[SCHEDULER_KEY] = scheduler

    async def start(_app: web.Application) -> None:
        await scheduler.start()

    async def stop(_app: web.Application) -> None:
        await scheduler.stop()

    app.on_startup.append(start)
    app.on_shutdown.append(stop)
