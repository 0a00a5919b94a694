"""Memory: resident memory of `medbot serve` after 10,000 questions (issue 7, point 3).

Run: python benchmarks/bench_memory.py [--questions N] [--users N] [--concurrency N] [--trace]

`medbot serve` runs as its own process (emulator mode, SQLite file in a temporary folder, the shipped knowledge)
and answers to a loopback fake Bot Connector in this process. The questions vary: every phrasing of every
knowledge entry, the same with typos, lower case or a greeting in front, and questions the bot cannot answer
(each counted in the database). By default every question comes from another person, the worst case for
anything kept per conversation. Prints VmRSS (from /proc/<pid>/status) every 1,000 questions, and PASS/FAIL for
the targets: below 300 MB after 10,000 questions, and not growing between the 5,000th and the 10,000th (2 %
tolerance for the allocator).

--trace runs medbot inside this process instead, with tracemalloc, and prints which lines allocated the memory
that was added between the 5,000th and the last question: where to look when the second target fails.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from knowledge.folder import content_paths  # noqa: E402
from knowledge.validate import load_content  # noqa: E402
from tests.support import activities  # noqa: E402
from tests.support.fake_connector import FakeConnector  # noqa: E402
from tests.support.processes import start_serve  # noqa: E402
from tests.support.service import start  # noqa: E402

MB = 1024 * 1024
LIMIT = 300 * MB
GROWTH_TOLERANCE = 0.02
STEP = 1_000

GREETINGS = ("", "", "", "Hej! ", "Godmorgen, ", "Et spørgsmål: ", "Ved du, ")
UNKNOWN_VERBS = ("låne", "booke", "bestille", "finde", "reparere", "aflevere", "købe", "flytte", "male", "vaske")
UNKNOWN_THINGS = (
    "en ladcykel",
    "svømmehallen",
    "et akvarium",
    "kantinens vaffeljern",
    "en trampolin",
    "julekalenderen",
    "en robotplæneklipper",
    "et klaver",
    "en kano",
    "fodboldbanen",
)
UNKNOWN_PLACES = ("Herstedlund", "rådhusets kælder", "Vridsløselille", "Hyldagerhallen", "Birkelundparken")


def known_questions() -> list[str]:
    """Every phrasing of every entry in the shipped knowledge."""
    content, sources, synonyms = content_paths(ROOT / "knowledge")
    return [question for entry in load_content(content, sources, synonyms).entries for question in entry.questions]


def with_typo(question: str, rng: random.Random) -> str:
    """One word with two letters swapped or one dropped, as people type on a phone."""
    words = question.split()
    long_words = [i for i, word in enumerate(words) if len(word) > 4]
    if not long_words:
        return question
    i = rng.choice(long_words)
    word = words[i]
    at = rng.randrange(1, len(word) - 2)
    swapped, dropped = word[:at] + word[at + 1] + word[at] + word[at + 2 :], word[:at] + word[at + 1 :]
    words[i] = swapped if rng.random() < 0.5 else dropped
    return " ".join(words)


def questions(rng: random.Random) -> Iterator[str]:
    """An endless, varied stream: three in four about the knowledge, one in four the bot cannot answer."""
    known = known_questions()
    for n in itertools.count():
        if n % 4 == 3:
            yield (
                f"Hvordan kan jeg {rng.choice(UNKNOWN_VERBS)} {rng.choice(UNKNOWN_THINGS)} "
                f"i {rng.choice(UNKNOWN_PLACES)} den {rng.randint(1, 28)}.?"
            )
            continue
        question = rng.choice(known)
        roll = rng.random()
        if roll < 0.3:
            question = with_typo(question, rng)
        elif roll < 0.4:
            question = question.lower()
        yield rng.choice(GREETINGS) + question


class Load:
    """Sends questions to /api/messages with `concurrency` requests in flight; counts what went wrong."""

    def __init__(self, url: str, service_url: str, users: int, concurrency: int, seed: int = 7) -> None:
        self.url = f"{url}/api/messages"
        self.service_url = service_url
        self.users = users
        self.concurrency = concurrency
        self.stream = questions(random.Random(seed))
        self.asked = 0
        self.failures = 0

    async def ask(self, http: aiohttp.ClientSession, count: int) -> None:
        """Ask the next `count` questions."""
        numbers = iter(range(self.asked, self.asked + count))

        async def worker() -> None:
            for n in numbers:
                user = f"00000000-0000-4000-9000-{n % self.users:012d}"
                activity = activities.message(activities.personal(self.service_url, user), next(self.stream))
                async with http.post(self.url, json=activity) as response:
                    await response.read()
                    if response.status != 200:
                        self.failures += 1

        await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        self.asked += count


async def measure(
    load: Load, total: int, sample: Callable[[], Awaitable[int]], connector: FakeConnector, label: str = "RSS"
) -> dict[int, int]:
    """Ask `total` questions in steps of STEP; `sample` (bytes) after each step and before the first."""
    figures = {0: await sample()}
    print(f"{0:>7,} questions  {label} {figures[0] / MB:7.1f} MB", flush=True)
    replies = 0
    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=load.concurrency)) as http:
        while load.asked < total:
            await load.ask(http, min(STEP, total - load.asked))
            replies += len(connector.recorded)
            connector.recorded.clear()  # this process keeps no history, so only medbot's memory is measured
            figures[load.asked] = await sample()
            print(
                f"{load.asked:>7,} questions  {label} {figures[load.asked] / MB:7.1f} MB"
                f"  ({load.asked / (time.perf_counter() - started):.0f} questions/s)",
                flush=True,
            )
    if replies != total or load.failures:
        raise SystemExit(f"{replies} replies and {load.failures} failed requests for {total} questions")
    return figures


def verdict(figures: dict[int, int], total: int) -> None:
    """Print both targets with PASS/FAIL (`make bench` goes on to the next benchmark either way)."""
    half = total // 2
    middle, last = figures[half], figures[total]
    growth = (last - middle) / middle
    below = last < LIMIT
    flat = growth <= GROWTH_TOLERANCE
    print(f"RSS after {half:,} questions: {middle / MB:.1f} MB; after {total:,}: {last / MB:.1f} MB")
    print(f"{'PASS' if below else 'FAIL'}  RSS after {total:,} questions below {LIMIT / MB:.0f} MB: {last / MB:.1f} MB")
    print(
        f"{'PASS' if flat else 'FAIL'}  no growth from {half:,} to {total:,} questions "
        f"(tolerance {GROWTH_TOLERANCE:.0%}): {growth:+.1%}"
    )


async def bench(total: int, users: int, concurrency: int) -> None:
    """medbot serve as a child process; its VmRSS."""
    connector = FakeConnector()
    service_url = await connector.start()
    with tempfile.TemporaryDirectory(prefix="medbot-bench-memory-") as tmp:
        server = await start_serve(f"sqlite:///{tmp}/medbot.db", Path(tmp) / "medbot.log")
        try:
            print(f"memory: {total:,} questions from {min(users, total):,} people, {concurrency} at a time")

            async def sample() -> int:
                return server.resident_bytes()

            figures = await measure(Load(server.url, service_url, users, concurrency), total, sample, connector)
        finally:
            await server.stop()
            await connector.stop()
    verdict(figures, total)


async def trace(total: int, users: int, concurrency: int) -> None:
    """medbot in this process under tracemalloc: the lines whose allocations grew in the second half."""
    connector = FakeConnector()
    service_url = await connector.start()
    snapshots: dict[int, tracemalloc.Snapshot] = {}
    with tempfile.TemporaryDirectory(prefix="medbot-bench-memory-") as tmp:
        running = await start(Settings(database_url=f"sqlite:///{tmp}/medbot.db"), organisation=False)
        load = Load(running.url, service_url, users, concurrency)
        tracemalloc.start(4)
        try:

            async def sample() -> int:
                if load.asked in (0, total // 2, total):
                    snapshots[load.asked] = tracemalloc.take_snapshot()
                return tracemalloc.get_traced_memory()[0]

            await measure(load, total, sample, connector, "traced")
        finally:
            tracemalloc.stop()
            await running.stop()
            await connector.stop()
    growth = snapshots[total].compare_to(snapshots[total // 2], "traceback")
    print(f"allocations that grew from question {total // 2:,} to {total:,} (traced memory, not RSS):")
    for stat in growth[:10]:
        print(f"{stat.size_diff / 1024:+10.1f} KiB {stat.count_diff:+8d} blocks")
        for line in stat.traceback.format()[-6:]:
            print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=10_000, help="distinct people asking (default: one each)")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--trace", action="store_true", help="find what grows, with tracemalloc, in this process")
    args = parser.parse_args()
    if args.trace:
        asyncio.run(trace(args.questions, args.users, args.concurrency))
        return
    asyncio.run(bench(args.questions, args.users, args.concurrency))


if __name__ == "__main__":
    main()
