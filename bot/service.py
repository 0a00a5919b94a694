"""Assembling and running the service: migrations, knowledge, adapter, handler, background workers.

A SIGTERM (or SIGINT) drains the process instead of cutting it off, so a platform that replaces replicas loses and
repeats nothing: aiohttp stops listening and lets requests in flight finish; the dispatcher claims nothing more and
begins no new send, lets sends in flight finish, and hands back the rows it still holds (pending again, no attempt
counted) for another replica; the scheduler stops and lets go of the evaluator's lock. Both waits share one bound,
MEDBOT_DRAIN_SECONDS from the signal on, and the process then exits 0. A replica killed outright leaves its claimed
rows to their lease (PostgreSQL) or to the next start (SQLite), as before.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from bot import anonymous, outbox, scheduler
from bot.adapter import create_adapter
from bot.app import create_app
from bot.config import Settings
from bot.handler import MedbotHandler
from bot.outbox.dispatcher import Dispatcher, DispatchOptions
from bot.runtime import Runtime
from storage.db import upgrade

log = logging.getLogger(__name__)

# Threads for blocking work: the turns' database calls, /healthz, and every Bot Connector request (msrest sends
# through the loop's default executor). Python's default, min(32, CPUs + 4), is 5 on a one-CPU instance: eight
# proactive sends hanging on a slow connector would then stall every turn and /healthz until they time out.
BLOCKING_THREADS = 64


async def more_threads(_app: web.Application) -> None:
    """aiohttp startup hook: a default executor large enough that hanging sends cannot starve the turns."""
    executor = ThreadPoolExecutor(max_workers=BLOCKING_THREADS, thread_name_prefix="medbot-blocking")
    asyncio.get_running_loop().set_default_executor(executor)


def attach_drain(app: web.Application, dispatcher: Dispatcher) -> None:
    """Log the drain: `service.draining` when the signal's shutdown begins, `service.drained` with what it did.

    The dispatcher stops claiming in on_shutdown, before aiohttp waits for requests in flight, so its sends and
    the requests finish side by side within the one bound.
    """
    began: list[float] = []

    async def draining(_app: web.Application) -> None:
        began.append(time.monotonic())
        in_flight = dispatcher.stop_claiming()
        log.info("service.draining sends_in_flight=%d", in_flight)

    async def drained(_app: web.Application) -> None:
        result = dispatcher.drained
        if not began or result is None:
            return
        log.info(
            "service.drained sends_finished=%d sends_cut_off=%d rows_released=%d seconds=%.1f",
            result.finished,
            result.cut_off,
            result.released,
            time.monotonic() - began[0],
        )

    app.on_shutdown.insert(0, draining)
    app.on_cleanup.append(drained)


class UnsafeBinding(RuntimeError):
    """Emulator mode (no app id, no authentication) must never be reachable from the network."""


def is_loopback(host: str) -> bool:
    """True when every address `host` resolves to is a loopback address."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def check_binding(settings: Settings, host: str) -> None:
    """Refuse to listen beyond loopback without authentication; warn loudly about emulator mode."""
    if not settings.emulator_mode:
        return
    log.warning("auth.disabled: no MicrosoftAppId is set, so requests are NOT authenticated (emulator mode)")
    if not is_loopback(host):
        raise UnsafeBinding(
            f"Emulator mode (no MicrosoftAppId) only listens on loopback, not on {host!r}. "
            "Set MicrosoftAppId and MicrosoftAppPassword to serve on the network."
        )


def build(settings: Settings, *, migrate: bool = True) -> tuple[web.Application, Runtime]:
    """The web application and its runtime, ready for `web.run_app` or a test server."""
    if migrate:
        upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    runtime.knowledge.load()
    adapter = create_adapter(settings)
    handler = MedbotHandler(runtime)
    app = create_app(
        runtime,
        adapter,
        handler,
        on_startup=[more_threads, runtime.knowledge.start_following],
        on_cleanup=[runtime.knowledge.stop_following],
    )
    dispatcher = outbox.attach(app, runtime, adapter, DispatchOptions(stop_grace_seconds=settings.drain_seconds))
    runtime.outbox_written = dispatcher.wake
    scheduler.attach(app, runtime)
    anonymous.attach(app, runtime.anonymous)
    attach_drain(app, dispatcher)
    return app, runtime


def serve(settings: Settings, host: str, port: int) -> None:
    """Run until SIGTERM or SIGINT, then drain (at most MEDBOT_DRAIN_SECONDS for requests and sends in flight)."""
    check_binding(settings, host)
    app, _runtime = build(settings)
    log.info("serve.start host=%s port=%s", host, port)
    web.run_app(app, host=host, port=port, print=None, access_log=None, shutdown_timeout=settings.drain_seconds)
