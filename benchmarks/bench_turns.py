"""Turn speed: medbot answering questions against the SDK's own echo bot (issue 7, point 1).

Both bots run as separate processes in emulator mode on loopback and send their replies to one loopback fake
Bot Connector (in this process). Rounds alternate between the two bots so that both see the same machine
state; every round sends TURNS messages with CONCURRENCY requests in flight. Prints throughput (turns/s),
p50/p99 latency per bot and medbot's throughput as a multiple of the echo bot's (target: >= 1.5).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import activities  # noqa: E402
from tests.support.fake_connector import FakeConnector  # noqa: E402

CONCURRENCY = 20
TURNS = int(os.environ.get("BENCH_TURNS", "600"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = 100
USERS = 50
QUESTIONS = (
    "Er lægebesøg med løn?",
    "Hvad gør jeg når mit barn bliver sygt?",
    "Får vi stadig fri 1. maj?",
    "Hvor ofte skal vi tale om sygefravær i ArbejdspladsMED?",
    "Hvad er Plan MED?",
    "retningslinje vold og trusler hvor ofte",
    "tandlæge i arbejdstiden",
    "Hvad er en kutymefridag",
)


@dataclass
class Bot:
    """One bot under test: its process, its endpoint and what it measured."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    turns: int = 0

    def figures(self) -> tuple[float, float, float]:
        """Throughput (turns/s), p50 and p99 latency (ms)."""
        ordered = sorted(self.latencies)
        p50 = ordered[len(ordered) // 2] * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        return self.turns / self.elapsed, p50, p99


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def launch(name: str, command: list[str], env: dict[str, str], port: int, log: Path) -> Bot:
    """Start a bot process on 127.0.0.1:port; its log goes to `log` (medbot logs every answer at INFO)."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=output)
    return Bot(name=name, url=f"http://127.0.0.1:{port}/api/messages", process=process, log=log)


async def wait_until_listening(bot: Bot, http: aiohttp.ClientSession, within: float = 60.0) -> None:
    """Poll until the endpoint answers (any HTTP status)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if bot.process.poll() is not None:
            tail = bot.log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"{bot.name} exited with {bot.process.returncode}:\n{tail}")
        try:
            async with http.get(bot.url):
                return
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.2)
    raise SystemExit(f"{bot.name} did not start within {within:.0f} s")


async def run_turns(bot: Bot, http: aiohttp.ClientSession, service_url: str, count: int, record: bool) -> None:
    """Send `count` questions with CONCURRENCY in flight; record latencies and wall time when asked."""
    numbers = iter(range(count))
    latencies: list[float] = []

    async def worker() -> None:
        for n in numbers:
            envelope = activities.personal(service_url, f"00000000-0000-4000-9000-{n % USERS:012d}")
            activity = activities.message(envelope, QUESTIONS[n % len(QUESTIONS)])
            started = time.perf_counter()
            async with http.post(bot.url, json=activity) as response:
                await response.read()
                if response.status >= 300:
                    raise SystemExit(f"{bot.name} answered {response.status}")
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    if record:
        bot.elapsed += time.perf_counter() - started
        bot.turns += count
        bot.latencies.extend(latencies)


async def bench() -> None:
    """Start both bots, alternate rounds, print the table and the ratio."""
    connector = FakeConnector()
    service_url = await connector.start()
    with tempfile.TemporaryDirectory(prefix="medbot-bench-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("MicrosoftAppId", "MicrosoftAppPassword")}
        echo_port, medbot_port = free_port(), free_port()
        echo_command = [sys.executable, "benchmarks/echo_bot.py", str(echo_port)]
        echo = launch("echo bot (SDK)", echo_command, env, echo_port, Path(tmp) / "echo.log")
        medbot_env = {**env, "DATABASE_URL": f"sqlite:///{tmp}/medbot.db"}
        medbot_command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(medbot_port)]
        medbot = launch("medbot", medbot_command, medbot_env, medbot_port, Path(tmp) / "medbot.log")
        bots = (echo, medbot)
        try:
            connector_limit = aiohttp.TCPConnector(limit=CONCURRENCY)
            async with aiohttp.ClientSession(connector=connector_limit) as http:
                for bot in bots:
                    await wait_until_listening(bot, http)
                    await run_turns(bot, http, service_url, WARMUP, record=False)
                for _round, bot in itertools.product(range(ROUNDS), bots):
                    await run_turns(bot, http, service_url, TURNS, record=True)
        finally:
            for bot in bots:
                bot.process.terminate()
                bot.process.wait(timeout=10)
            await connector.stop()
    expected = (WARMUP + ROUNDS * TURNS) * len(bots)
    replies = len(connector.messages())
    print(f"turns: {CONCURRENCY} concurrent, {ROUNDS} alternating rounds of {TURNS} per bot")
    print(f"{'bot':<16}{'turns/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for bot in bots:
        throughput, p50, p99 = bot.figures()
        print(f"{bot.name:<16}{throughput:>10.1f}{p50:>10.1f}{p99:>10.1f}")
    ratio = medbot.figures()[0] / echo.figures()[0]
    print(f"medbot / echo bot throughput: {ratio:.2f}x (target >= 1.5x)")
    print(f"replies recorded at the fake connector: {replies} for {expected} turns")


if __name__ == "__main__":
    asyncio.run(bench())
