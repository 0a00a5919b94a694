"""`medbot serve` and other `medbot` commands as real child processes.

For tests that kill a process (SIGKILL), run two of them side by side, or let the CLI and the server write to
one database at once, and for benchmarks that read a server's resident memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bot.config import PROJECT_ROOT


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class ServeProcess:
    """A running `medbot serve`; its output goes to `log_path` (read it when a test fails)."""

    process: asyncio.subprocess.Process
    url: str
    log_path: Path

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.process.pid

    async def health(self) -> tuple[int, dict[str, Any]]:
        """GET /healthz: the status code and the JSON body."""
        async with aiohttp.ClientSession() as http, http.get(f"{self.url}/healthz") as response:
            body: dict[str, Any] = await response.json()
            return response.status, body

    def resident_bytes(self) -> int:
        """Resident memory (VmRSS from /proc/<pid>/status), as `ps` and the platform's monitoring see it."""
        return resident_bytes(self.pid)

    async def kill(self) -> None:
        """SIGKILL: no cleanup, no release of claimed rows, exactly like a crash."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        """SIGTERM (graceful), then SIGKILL if it does not end."""
        if self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), timeout=15)
        except TimeoutError:
            await self.kill()


def resident_bytes(pid: int) -> int:
    """VmRSS of a process in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def medbot_env(database_url: str, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment in emulator mode (no MicrosoftApp* names), on `database_url`, plus `env`."""
    merged = {key: value for key, value in os.environ.items() if not key.startswith("MicrosoftApp")}
    merged.update({"DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"})
    merged.update(env or {})
    return merged


async def start_medbot(
    *args: str, database_url: str, env: Mapping[str, str] | None = None, log_path: Path | None = None
) -> asyncio.subprocess.Process:
    """Start `python -m bot ARGS` (any `medbot` command); output goes to `log_path`, else to pipes."""
    command = (sys.executable, "-m", "bot", *args)
    environment = medbot_env(database_url, env)
    if log_path is None:
        return await asyncio.create_subprocess_exec(
            *command, cwd=PROJECT_ROOT, env=environment, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
    with log_path.open("ab") as log:
        return await asyncio.create_subprocess_exec(
            *command, cwd=PROJECT_ROOT, env=environment, stdout=log, stderr=asyncio.subprocess.STDOUT
        )


async def start_serve(
    database_url: str, log_path: Path, *, env: Mapping[str, str] | None = None, ready_within: float = 60.0
) -> ServeProcess:
    """Start `python -m bot serve` in emulator mode on a free port and wait until it answers HTTP.

    `env` adds or overrides environment names (MEDBOT_KNOWLEDGE_DIR, MEDBOT_ADMINS, ...).
    """
    port = free_port()
    process = await start_medbot(
        *("serve", "--host", "127.0.0.1", "--port", str(port)), database_url=database_url, env=env, log_path=log_path
    )
    running = ServeProcess(process, f"http://127.0.0.1:{port}", log_path)
    deadline = time.monotonic() + ready_within
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"medbot serve exited with {process.returncode}; see {log_path}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{running.url}/healthz") as response:
                    await response.read()
                    return running
            await asyncio.sleep(0.1)
    await running.kill()
    raise RuntimeError(f"medbot serve did not answer within {ready_within} s; see {log_path}")
