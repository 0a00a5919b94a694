"""medbot's web application alone: the request path of the real server, without its background workers.

Tests of what a request may and may not do (authentication, bad input, fuzzing) compare the database and the
fake connector before and after each request; the outbox dispatcher and the scheduler would change both on
their own clock. The app is assembled from the same parts as `bot.service.build`.
"""

from __future__ import annotations

import aiohttp
from aiohttp import web
from botframework.connector.auth import ServiceClientCredentialsFactory

from bot.adapter import create_adapter
from bot.app import create_app
from bot.config import Settings
from bot.handler import MedbotHandler
from bot.runtime import Runtime
from storage.db import upgrade
from tests.support.service import RunningBot, import_example_organisation


async def start_web(
    settings: Settings, *, credentials_factory: ServiceClientCredentialsFactory | None = None
) -> RunningBot:
    """Migrate, load knowledge and the example organisation, and serve /api/messages on a free loopback port."""
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    runtime.knowledge.load()
    import_example_organisation(runtime)
    adapter = create_adapter(settings, credentials_factory=credentials_factory)
    runner = web.AppRunner(create_app(runtime, adapter, MedbotHandler(runtime)), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return RunningBot(url=f"http://127.0.0.1:{port}", runtime=runtime, runner=runner, http=aiohttp.ClientSession())
