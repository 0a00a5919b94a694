"""Fan-out through the outbox: 2,000 proactive messages to 2,000 conversations (issue 7, point 2).

Run: python benchmarks/bench_fanout.py [--messages N] [--database-url URL]

`medbot serve` runs as its own process (emulator mode, SQLite file in a temporary folder unless a database URL
is given) and sends to a loopback fake Bot Connector in this process, which paces like Teams: more than 50
requests in any second are answered 429 + Retry-After. Two runs: clean, then with 20 % of first attempts answered
429 + Retry-After: 1. Prints the sustained rate, the total time and the 429s; asserts that every message arrived
exactly once and that pacing alone caused no 429 (target: >= 45 messages/s in the clean run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.engine import Engine  # noqa: E402

from storage.db import make_engine, upgrade  # noqa: E402
from tests.support.fake_connector import (  # noqa: E402
    FakeConnector,
    RateLimit,
    first_of,
    throttle_first_try_of_every,
)
from tests.support.processes import start_serve  # noqa: E402
from tests.support.replicas import add_conversations, enqueue_batch, sent_count, wait_until_sent  # noqa: E402

TENANT = "tenant-bench"
TARGET_RATE = 45.0


@dataclass
class Figures:
    """What one run measured."""

    name: str
    messages: int
    total_seconds: float
    sustained_rate: float
    pacing_429: int
    injected_429: int
    cpu_ms_per_message: float


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc), to show what each message costs the service."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(
    name: str, engine: Engine, connector: FakeConnector, messages: int, throttle_every: int, service_pid: int
) -> Figures:
    """Enqueue `messages` rows in one transaction and wait until every one is recorded and marked sent."""
    pacing = RateLimit(limit=50, seconds=1.0, retry_after=1)
    injected = throttle_first_try_of_every(throttle_every, retry_after=1) if throttle_every else None
    connector.fault = first_of(pacing, injected) if injected else pacing
    connector.recorded.clear()
    connector.calls = 0
    add_conversations(engine, connector, name, messages, TENANT)
    cpu_before = cpu_seconds(service_pid)
    started = time.monotonic()
    enqueue_batch(engine, name, messages, messages, TENANT)
    await wait_until_sent(engine, connector, name, messages, within=messages)
    finished = time.monotonic()
    cpu = cpu_seconds(service_pid) - cpu_before

    received = Counter(message.text for message in connector.messages())
    missing = messages - len(received)
    repeated = sum(count - 1 for count in received.values())
    assert missing == 0 and repeated == 0, f"{name}: {missing} missing, {repeated} sent twice"
    assert sent_count(engine, name) == messages, f"{name}: not every row is marked sent"
    arrivals = sorted(message.at for message in connector.messages())
    sustained = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
    return Figures(
        name=name,
        messages=messages,
        total_seconds=finished - started,
        sustained_rate=sustained,
        pacing_429=pacing.refused,
        injected_429=connector.calls - messages - pacing.refused,
        cpu_ms_per_message=cpu / messages * 1000,
    )


async def main(messages: int, database_url: str | None) -> int:
    """Start medbot, run clean and throttled (each with conversations of its own), print the figures."""
    folder = Path(tempfile.mkdtemp(prefix="medbot-fanout-"))
    url = database_url or f"sqlite:///{folder / 'fanout.db'}"
    upgrade(url)
    engine = make_engine(url)
    connector = FakeConnector()
    await connector.start()
    service = await start_serve(url, folder / "medbot.log")
    stamp = int(time.time())
    try:
        clean = await run(f"clean-{stamp}", engine, connector, messages, 0, service.pid)
        throttled = await run(f"throttled-{stamp}", engine, connector, messages, 5, service.pid)
    finally:
        await service.stop()
        await connector.stop()
        engine.dispose()
    print(f"Fan-out through the outbox: {messages} messages to {messages} conversations, connector paced at 50/s")
    print(f"{'run':<28} {'total s':>8} {'msg/s':>7} {'429 pacing':>11} {'429 injected':>13} {'CPU ms/msg':>11}")
    for figures in (clean, throttled):
        print(
            f"{figures.name:<28} {figures.total_seconds:>8.1f} {figures.sustained_rate:>7.1f} "
            f"{figures.pacing_429:>11} {figures.injected_429:>13} {figures.cpu_ms_per_message:>11.1f}"
        )
    print("every message delivered exactly once in both runs")
    ok = clean.pacing_429 == 0 and clean.sustained_rate >= TARGET_RATE
    print(f"target (clean: >= {TARGET_RATE:.0f} msg/s, no 429 from pacing): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in a temporary folder")
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.messages, arguments.database_url)))
