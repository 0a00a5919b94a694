"""Answer latency and index build time, for the real knowledge base and one 20 times as large.

Run: python benchmarks/bench_search.py

The large one clones every entry 19 times with perturbed ids and text (words swapped, a clone number added),
so the vocabulary and the posting lists grow the way more content would make them grow.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

import knowledge
from knowledge.index import KnowledgeBase, compile_knowledge
from knowledge.model import Entry
from knowledge.validate import Content, load_content

ROOT = Path(__file__).resolve().parents[1]
QUESTION_FILES = (ROOT / "tests" / "data" / "dev_questions.yaml", ROOT / "tests" / "knowledge" / "hard_questions.yaml")
SCALE = 20
ROUNDS = 5
BUILDS = 3
AT = date(2026, 1, 15)


def questions() -> list[str]:
    """Every question of the development and hard sets."""
    found: list[str] = []
    for path in QUESTION_FILES:
        if path.exists():
            found.extend(case["q"] for case in yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def perturb(text: str, clone: int, rng: random.Random) -> str:
    """The same words in a slightly different order, marked with the clone number."""
    words = text.split()
    if len(words) > 3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join([*words, f"variant{clone}"])


def clone(entry: Entry, number: int, rng: random.Random) -> Entry:
    """A synthetic entry derived from a real one, with its own id."""
    return dataclasses.replace(
        entry,
        id=f"{entry.id}-{number}",
        title=perturb(entry.title, number, rng),
        questions=tuple(perturb(q, number, rng) for q in entry.questions),
        answer=perturb(entry.answer, number, rng),
        superseded_by=None,
        related=(),
    )


def timed_build(entries: list[Entry], content: Content) -> tuple[KnowledgeBase, Timing]:
    """Compile the index from already validated entries; the best of BUILDS runs, as other load only adds."""
    best = Timing(float("inf"), float("inf"))
    for _ in range(BUILDS):
        wall, cpu = time.perf_counter(), time.process_time()
        kb = compile_knowledge(entries, content.documents, content.synonyms, version="bench")
        took = Timing(time.perf_counter() - wall, time.process_time() - cpu)
        best = Timing(min(best.wall, took.wall), min(best.cpu, took.cpu))
    # a service keeps one index for hours: move it out of the garbage collector's way, as steady state does
    gc.collect()
    gc.freeze()
    return kb, best


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds: on a shared machine the CPU time shows the cost, the wall time the wait."""

    wall: float
    cpu: float


def latencies(kb: KnowledgeBase, asked: list[str]) -> list[Timing]:
    """Seconds per answer, over ROUNDS passes through the questions."""
    found = []
    for _ in range(ROUNDS):
        for question in asked:
            wall, cpu = time.perf_counter(), time.thread_time()
            knowledge.search(kb, question, AT)
            found.append(Timing(time.perf_counter() - wall, time.thread_time() - cpu))
    return found


def percentiles(values: list[float]) -> str:
    """p50 and p99 in milliseconds."""
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms"


def report(name: str, kb: KnowledgeBase, build: Timing, asked: list[str]) -> None:
    """Two lines per knowledge base: size and build time; answer latency as wall-clock and CPU time."""
    knowledge.search(kb, "opvarmning", AT)
    times = latencies(kb, asked)
    print(
        f"{name:>5}: {len(kb.entries):5d} entries, {len(kb.index.passages)} passages; "
        f"index build {build.wall:.2f} s wall, {build.cpu:.2f} s CPU (best of {BUILDS})"
    )
    print(
        f"       answer {percentiles([t.wall for t in times])} wall; "
        f"{percentiles([t.cpu for t in times])} CPU ({len(times)} answers)"
    )


def main() -> None:
    """Measure the real knowledge base and one SCALE times as large."""
    content_dir, sources_dir, synonyms_path = knowledge.default_paths()
    wall, cpu = time.perf_counter(), time.process_time()
    knowledge.build(content_dir, sources_dir, synonyms_path)
    print(
        f"real knowledge base from files (load, validate, build): {time.perf_counter() - wall:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    content = load_content(content_dir, sources_dir, synonyms_path)
    asked = questions()
    real = list(content.entries)
    kb, took = timed_build(real, content)
    report("real", kb, took, asked)
    rng = random.Random(7)
    large = real + [clone(e, n, rng) for n in range(1, SCALE) for e in real]
    kb, took = timed_build(large, content)
    report(f"{SCALE}x", kb, took, asked)


if __name__ == "__main__":
    main()
