#!/usr/bin/env python3
"""Grade the bot's answers against a question file.

Usage: grade.py QUESTIONS.yaml [--cmd "medbot ask --json -"] [--verbose]

The command reads one question per line on stdin and prints one JSON object per line
(see docs/architecture.md, `medbot ask --json -`). An in-scope question counts as correct when the
bot answered, the title + answer text holds one alternative of every `expect` group and
none of `not`, and the answer is at most 1,200 characters. An `oos` question counts as
correct when the bot said it does not know (`answered` is false).
"""

import argparse
import json
import shlex
import subprocess
import sys
import time

import yaml

MAX_ANSWER = 1200


def grade_one(case: dict, reply: dict) -> str | None:
    """Return None when the reply is correct, else a short reason."""
    if case.get("oos"):
        return None if reply.get("answered") is False else "answered an out-of-scope question"
    if not reply.get("answered"):
        return "did not answer"
    answer = reply.get("answer") or ""
    if len(answer) > MAX_ANSWER:
        return f"answer too long ({len(answer)} chars)"
    text = " ".join(((reply.get("title") or "") + "\n" + answer).lower().split())
    for group in case.get("expect", []):
        if not any(str(alt).lower() in text for alt in group):
            return f"missing one of {group}"
    for bad in case.get("not", []):
        if str(bad).lower() in text:
            return f"contains {bad!r}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions")
    ap.add_argument("--cmd", default="medbot ask --json -")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    cases = yaml.safe_load(open(args.questions, encoding="utf-8"))
    stdin = "".join(c["q"].replace("\n", " ") + "\n" for c in cases)
    t0 = time.perf_counter()
    proc = subprocess.run(shlex.split(args.cmd), input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    if proc.returncode != 0 or len(lines) != len(cases):
        print(proc.stderr[-2000:], file=sys.stderr)
        print(f"error: exit {proc.returncode}, {len(lines)} JSON lines for {len(cases)} questions")
        return 2
    buckets: dict[str, list[int]] = {}
    for case, line in zip(cases, lines):
        reply = json.loads(line)
        bucket = "oos" if case.get("oos") else case.get("lang", "da")
        reason = grade_one(case, reply)
        ok = reason is None
        buckets.setdefault(bucket, [0, 0])
        buckets[bucket][0] += ok
        buckets[bucket][1] += 1
        if not ok or args.verbose:
            mark = "ok  " if ok else "FAIL"
            print(
                f"{mark} [{bucket}] {case['q']!r}: {reason or ''} -> {reply.get('title')!r} "
                f"{(reply.get('answer') or '')[:160]!r}"
            )
    total_ok = sum(b[0] for b in buckets.values())
    total = sum(b[1] for b in buckets.values())
    parts = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(buckets.items()))
    print(f"{parts}; {elapsed:.2f}s for {total} questions in one process")
    print(f"score: {100.0 * total_ok / total:.1f}% ({total_ok}/{total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
