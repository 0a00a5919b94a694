"""Replicas sharing one tenant's budget: 1, 2 and 4 `medbot serve` on PostgreSQL send 2,000 messages (issue 16).

Run: python benchmarks/bench_replicas.py [--messages N] [--conversations N] [--replicas 1 2 4] [--postgres-url URL]

Each replica count gets a fresh database on the PostgreSQL server (default: MEDBOT_TEST_POSTGRES_URL or
postgresql://postgres@127.0.0.1:5432/test), its replicas as real processes (emulator mode), and the messages to
one tenant, spread over many conversations. The loopback fake Bot Connector in this process answers 429 +
Retry-After: 1 above 50 requests in any 1-second window, as Teams does per app and tenant. Prints per replica
count the aggregate rate, the most requests in any 1-second window (all requests, also refused ones), the most
to one conversation in any second, the 429s, duplicates and missing messages. Target at every replica count:
>= 45 messages/s, no 429, every message exactly once; the budget shared in PostgreSQL is what keeps N replicas
together at <= 48 requests/s (without it two replicas sent 91/s).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiohttp import web  # noqa: E402

from storage.db import make_engine, upgrade  # noqa: E402
from tests.support.fake_connector import FakeConnector, RateLimit  # noqa: E402
from tests.support.postgres import fresh_postgres_database  # noqa: E402
from tests.support.replicas import deliver  # noqa: E402

TENANT = "tenant-bench"
TARGET_RATE = 45.0
TEAMS_LIMIT = 50
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


class CountingLimit:
    """Teams' 50-per-second limit that also keeps the arrival time of every request, refused ones too."""

    def __init__(self) -> None:
        self.limit = RateLimit(limit=TEAMS_LIMIT, seconds=1.0, retry_after=1)
        self.arrivals: list[float] = []

    def __call__(self, request: web.Request, call: int) -> web.Response | None:
        """Record the arrival, then let the rate limit decide."""
        self.arrivals.append(time.monotonic())
        return self.limit(request, call)


def busiest_second(times: list[float]) -> int:
    """The most requests in any 1-second window (half-open), over sorted arrival times."""
    return max((bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)


@dataclass
class Figures:
    """What one replica count measured."""

    replicas: int
    messages: int
    seconds: float
    rate: float
    busiest_second: int
    busiest_conversation_second: int
    refused: int
    duplicates: int
    missing: int

    @property
    def met(self) -> bool:
        """The issue's target: >= 45/s, <= 50 in any second, no 429, exactly once."""
        return (
            self.rate >= TARGET_RATE
            and self.busiest_second <= TEAMS_LIMIT
            and self.refused == 0
            and self.duplicates == 0
            and self.missing == 0
        )


async def run(pg_url: str, replicas: int, messages: int, conversations: int, folder: Path) -> Figures:
    """One replica count on a database of its own: start the replicas, enqueue, wait for every row to be sent."""
    connector = FakeConnector()
    await connector.start()
    limit = CountingLimit()
    connector.fault = limit
    with fresh_postgres_database(pg_url, prefix="medbot_bench_replicas") as url:
        upgrade(url)
        engine = make_engine(url)
        try:
            seconds = await deliver(
                url,
                engine,
                connector,
                folder,
                replicas=replicas,
                prefix=f"bench{replicas}",
                messages=messages,
                conversations=conversations,
                tenant=TENANT,
                within=messages,
            )
        finally:
            engine.dispose()
            await connector.stop()
    received = connector.messages()
    counts = Counter(message.text for message in received)
    arrivals = sorted(message.at for message in received)
    per_conversation: dict[str, list[float]] = defaultdict(list)
    for message in received:
        per_conversation[message.conversation_id].append(message.at)
    return Figures(
        replicas=replicas,
        messages=messages,
        seconds=seconds,
        rate=(len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0.0,
        busiest_second=busiest_second(sorted(limit.arrivals)),
        busiest_conversation_second=max(busiest_second(sorted(times)) for times in per_conversation.values()),
        refused=limit.limit.refused,
        duplicates=sum(count - 1 for count in counts.values()),
        missing=messages - len(counts),
    )


async def main(pg_url: str, counts: list[int], messages: int, conversations: int) -> int:
    """Run every replica count and print the table."""
    folder = Path(tempfile.mkdtemp(prefix="medbot-replicas-"))
    results = [await run(pg_url, n, messages, conversations, folder) for n in counts]
    print(
        f"Replicas sharing one tenant: {messages} messages over {conversations} conversations, "
        f"connector answers 429 above {TEAMS_LIMIT} requests in any second (logs in {folder})"
    )
    print(
        f"{'replicas':>8} {'total s':>8} {'msg/s':>7} {'max/1 s':>8} {'conv max/1 s':>13} "
        f"{'429':>5} {'duplicates':>11} {'missing':>8}"
    )
    for figures in results:
        print(
            f"{figures.replicas:>8} {figures.seconds:>8.1f} {figures.rate:>7.1f} {figures.busiest_second:>8} "
            f"{figures.busiest_conversation_second:>13} {figures.refused:>5} {figures.duplicates:>11} "
            f"{figures.missing:>8}"
        )
    ok = all(figures.met for figures in results)
    print(
        f"target (>= {TARGET_RATE:.0f} msg/s, <= {TEAMS_LIMIT} requests in any second, no 429, exactly once, "
        f"at every replica count): {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--postgres-url", default=os.environ.get("MEDBOT_TEST_POSTGRES_URL") or DEFAULT_POSTGRES)
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.postgres_url, arguments.replicas, arguments.messages, arguments.conversations)))
