"""`medbot serve` as a real child process, for tests that kill it (SIGKILL) or run two of them side by side."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

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


async def start_serve(database_url: str, log_path: Path, *, ready_within: float = 60.0) -> ServeProcess:
    """Start `python -m bot serve` in emulator mode on a free port and wait until it answers HTTP."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("MicrosoftApp")}
    env.update({"DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"})
    with log_path.open("ab") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)),
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
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
