"""medbot running for real: the aiohttp server on a loopback port, in this process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.config import PROJECT_ROOT, Settings
from bot.runtime import Runtime
from bot.service import build
from dialogs.organisation import parse_organisation
from storage.db import session_scope
from storage.org import import_organisation

ORGANISATION = PROJECT_ROOT / "config" / "organisation.yaml"


@dataclass
class RunningBot:
    """A started medbot: its URL, runtime (engine, knowledge) and an HTTP session to talk to it."""

    url: str
    runtime: Runtime
    runner: web.AppRunner
    http: aiohttp.ClientSession

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
        """POST an activity to /api/messages and return the (read) response."""
        response = await self.http.post(f"{self.url}/api/messages", json=activity, headers=headers or {})
        await response.read()
        return response

    async def stop(self) -> None:
        """Shut the server down."""
        await self.http.close()
        await self.runner.cleanup()
        self.runtime.engine.dispose()


def sqlite_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a fresh SQLite file in `tmp_path` (emulator mode unless an app id is given)."""
    values: dict[str, Any] = {"database_url": f"sqlite:///{tmp_path / 'medbot.db'}"}
    values.update(overrides)
    return Settings(**values)


def import_example_organisation(runtime: Runtime, path: Path = ORGANISATION) -> None:
    """Load the shipped example organisation (fictional people)."""
    with session_scope(runtime.engine) as session:
        import_organisation(session, parse_organisation(path), runtime.clock())


async def start(settings: Settings, *, organisation: bool = True) -> RunningBot:
    """Migrate, build and start medbot on 127.0.0.1 with a free port."""
    app, runtime = build(settings)
    if organisation:
        import_example_organisation(runtime)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return RunningBot(url=f"http://127.0.0.1:{port}", runtime=runtime, runner=runner, http=aiohttp.ClientSession())
