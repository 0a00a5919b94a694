"""Answer latency and index build time, for the real knowledge base and one 20 times as large.

Run: python benchmarks/bench_search.py

The large one clones every entry 19 times with perturbed ids and text (words swapped, a clone number added),
so the vocabulary and the posting lists grow the way more content would make them grow.
"""

from __future__ import annotations

import dataclasses
import gc
import random
import statistics
import sys
import time
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


def timed_build(entries: list[Entry], content: Content) -> tuple[KnowledgeBase, float]:
    """Compile the index from already validated entries; the best of BUILDS runs, as other load only adds."""
    best = float("inf")
    for _ in range(BUILDS):
        started = time.perf_counter()
        kb = compile_knowledge(entries, content.documents, content.synonyms, version="bench")
        best = min(best, time.perf_counter() - started)
    # a service keeps one index for hours: move it out of the garbage collector's way, as steady state does
    gc.collect()
    gc.freeze()
    return kb, best


def latencies(kb: KnowledgeBase, asked: list[str]) -> list[float]:
    """Seconds per answer, over ROUNDS passes through the questions."""
    found = []
    for _ in range(ROUNDS):
        for question in asked:
            started = time.perf_counter()
            knowledge.search(kb, question, AT)
            found.append(time.perf_counter() - started)
    return found


def report(name: str, kb: KnowledgeBase, build_seconds: float, asked: list[str]) -> None:
    """One line per knowledge base: size, build time, p50 and p99 latency."""
    knowledge.search(kb, "opvarmning", AT)
    times = sorted(latencies(kb, asked))
    p50 = statistics.median(times) * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    print(
        f"{name:>10}: {len(kb.entries):5d} entries, {len(kb.index.passages)} passages; "
        f"index build {build_seconds:.2f} s (best of {BUILDS}); "
        f"answer p50 {p50:.2f} ms, p99 {p99:.2f} ms ({len(times)} answers)"
    )


def main() -> None:
    """Measure the real knowledge base and one SCALE times as large."""
    content_dir, sources_dir, synonyms_path = knowledge.default_paths()
    started = time.perf_counter()
    knowledge.build(content_dir, sources_dir, synonyms_path)
    print(f"real knowledge base: load + validate + build {time.perf_counter() - started:.2f} s")
    content = load_content(content_dir, sources_dir, synonyms_path)
    asked = questions()
    real = list(content.entries)
    kb, seconds = timed_build(real, content)
    report("real", kb, seconds, asked)
    rng = random.Random(7)
    large = real + [clone(e, n, rng) for n in range(1, SCALE) for e in real]
    kb, seconds = timed_build(large, content)
    report(f"{SCALE}x", kb, seconds, asked)


if __name__ == "__main__":
    main()
